"""The provenance descriptor data/datapackage.yaml: one origin record per data file.

`make data` records each built file's sha256 and size here, so a hand edit of a
built file fails `frictionless validate` (and the test suite) until the data is
rebuilt.
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
    "# `origin` per resource). Built files carry hash and bytes, refreshed by `make\n"
    "# data`; check with `frictionless validate data/datapackage.yaml`.\n"
)


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    return yaml.safe_load((data_dir / DATAPACKAGE_FILE).read_text(encoding="utf-8"))


def refresh_hashes(data_dir: Path) -> list[str]:
    """Store the sha256 and size of every built file (built_by other than hand-curated).

    Returns the paths refreshed. `make data` runs it (scripts/refresh_datapackage.py) after
    the builders, so the descriptor always describes the files as they now are.
    """
    descriptor = read_descriptor(data_dir)
    refreshed = []
    for resource in descriptor["resources"]:
        if resource["origin"]["built_by"] == "hand-curated":
            continue
        content = (data_dir / resource["path"]).read_bytes()
        resource["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
        resource["bytes"] = len(content)
        refreshed.append(resource["path"])
    text = yaml.dump(
        descriptor, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100
    )
    (data_dir / DATAPACKAGE_FILE).write_text(HEADER + text, encoding="utf-8")
    return refreshed


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
