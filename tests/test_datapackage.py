"""data/datapackage.yaml: one origin record per data file, and the files match it."""

from __future__ import annotations

import frictionless
import pytest

from homefront.datapackage import read_descriptor
from homefront.paths import DATA_DIR, DATAPACKAGE_FILE, ROOT

REQUIRED_ORIGIN = {
    "producer",
    "title",
    "citation_full",
    "url_main",
    "date_accessed",
    "date_published",
    "license",
    "built_by",
}
NOT_DATA = {"README.md", DATAPACKAGE_FILE}


@pytest.fixture(scope="module")
def descriptor():
    return read_descriptor(DATA_DIR)


def test_every_data_file_has_exactly_one_resource(descriptor):
    files = sorted(
        str(p.relative_to(DATA_DIR))
        for p in DATA_DIR.rglob("*")
        if p.is_file() and p.name not in NOT_DATA
    )
    described = sorted(r["path"] for r in descriptor["resources"])
    assert described == files


def test_descriptor_validates_including_hashes_of_built_files():
    report = frictionless.validate(str(DATA_DIR / DATAPACKAGE_FILE))
    assert report.valid, report.flatten(["resourceName", "type", "note"])


def test_every_origin_is_complete_and_explains_its_gaps(descriptor):
    for resource in descriptor["resources"]:
        origin = resource["origin"]
        assert set(origin) >= REQUIRED_ORIGIN, resource["name"]
        has_gap = (
            any(origin[k] is None for k in REQUIRED_ORIGIN) or origin["license"]["name"] is None
        )
        if has_gap:
            assert origin.get("note"), f"{resource['name']}: a null origin value needs a note"


def test_built_files_name_an_existing_builder_and_carry_a_hash(descriptor):
    for resource in descriptor["resources"]:
        built_by = resource["origin"]["built_by"]
        if built_by == "hand-curated":
            assert "hash" not in resource, resource["name"]
        else:
            assert (ROOT / built_by).is_file(), built_by
            assert resource["hash"].startswith("sha256:") and resource["bytes"] > 0
