"""The provenance descriptor data/datapackage.yaml: one origin record per data file.

Builders record each output's sha256 and size here, so a hand edit of a built
file fails `frictionless validate` (and the test suite) until its script is
run again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from homefront.paths import DATAPACKAGE_FILE
from homefront.problems import Problem

HEADER = (
    "# Provenance of every file in data/ (a Frictionless data package with an owid-style\n"
    "# `origin` per resource). Built files carry hash and bytes, refreshed by their\n"
    "# builder in scripts/; check with `frictionless validate data/datapackage.yaml`.\n"
)


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    return yaml.safe_load((data_dir / DATAPACKAGE_FILE).read_text(encoding="utf-8"))


def record_build(data_dir: Path, relative_path: str) -> bool:
    """Store the hash and size of a freshly built file in its resource entry.

    Returns False, changing nothing, when data_dir has no descriptor (a builder
    writing into a scratch folder, as the tests do).
    """
    if not (data_dir / DATAPACKAGE_FILE).exists():
        return False
    descriptor = read_descriptor(data_dir)
    content = (data_dir / relative_path).read_bytes()
    matches = [r for r in descriptor["resources"] if r["path"] == relative_path]
    assert len(matches) == 1, f"{DATAPACKAGE_FILE} needs exactly one resource for {relative_path}"
    matches[0]["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    matches[0]["bytes"] = len(content)
    text = yaml.dump(
        descriptor, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100
    )
    (data_dir / DATAPACKAGE_FILE).write_text(HEADER + text, encoding="utf-8")
    return True


def check_builds(data_dir: Path) -> list[Problem]:
    """Every built file still has the sha256 and size its builder recorded.

    A hand edit or a damaged copy (half the casualty rows deleted) is valid CSV; only the
    recorded hash tells. A folder without a descriptor (a test's scratch data) has nothing
    to check.
    """
    if not (data_dir / DATAPACKAGE_FILE).exists():
        return []
    try:
        resources = read_descriptor(data_dir)["resources"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        return [Problem(DATAPACKAGE_FILE, None, "", f"cannot read the descriptor: {exc}")]
    problems = []
    for resource in resources:
        if "hash" not in resource:
            continue
        path = resource["path"]
        try:
            content = (data_dir / path).read_bytes()
        except OSError:
            continue  # loading reports the missing file
        digest = "sha256:" + hashlib.sha256(content).hexdigest()
        if digest != resource["hash"] or len(content) != resource.get("bytes"):
            builder = (resource.get("origin") or {}).get("built_by", "its script in scripts/")
            message = (
                f"not the file its builder wrote: its size ({len(content):,} bytes) or sha256 "
                f"differs from {DATAPACKAGE_FILE}'s; rebuild it with {builder}"
            )
            problems.append(Problem(path, None, "", message))
    return problems


class _PlainDumper(yaml.SafeDumper):
    """Writes shared origin blocks out in full: anchors like &id001 only confuse readers."""

    def ignore_aliases(self, data: Any) -> bool:
        return True
