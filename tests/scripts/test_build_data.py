"""`make data` (scripts/build_data.py): every built file rebuilds byte for byte, and so does
the descriptor's record of them, so a rebuild on a fresh machine leaves `git status` clean."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from homefront.datapackage import read_descriptor
from homefront.paths import DATA_DIR, DATAPACKAGE_FILE, ROOT

SOURCES = ROOT.parent / "shared" / "sources"
needs_sources = pytest.mark.skipif(
    not (SOURCES / "bessudnov-2023").is_dir(), reason=f"source pack not present at {SOURCES}"
)


def built_files() -> list[str]:
    resources = read_descriptor(DATA_DIR)["resources"]
    return [r["path"] for r in resources if r["origin"]["built_by"] != "hand-curated"]


def test_every_built_file_names_a_builder_that_build_data_runs():
    pipeline = (ROOT / "scripts" / "build_data.py").read_text(encoding="utf-8")
    for resource in read_descriptor(DATA_DIR)["resources"]:
        built_by = resource["origin"]["built_by"]
        if built_by != "hand-curated":
            assert built_by.removeprefix("scripts/") in pipeline, built_by


@needs_sources
def test_make_data_rebuilds_every_built_file_and_the_descriptor_byte_for_byte(tmp_path):
    # the committed descriptor goes in first, so its hashes are refreshed from the rebuild
    shutil.copy(DATA_DIR / DATAPACKAGE_FILE, tmp_path / DATAPACKAGE_FILE)
    result = subprocess.run(
        [sys.executable, "scripts/build_data.py", "--sources", SOURCES, "--output", tmp_path],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    files = built_files()
    assert len(files) == 5
    stale = [f for f in files if (tmp_path / f).read_bytes() != (DATA_DIR / f).read_bytes()]
    assert not stale, f"committed files differ from a rebuild: {stale}; run `make data`"
    descriptor = (tmp_path / DATAPACKAGE_FILE).read_bytes()
    assert descriptor == (DATA_DIR / DATAPACKAGE_FILE).read_bytes(), (
        "data/datapackage.yaml records other hashes or sizes than the rebuild's: run `make data`"
    )
