"""scripts/build_casualties.py: the committed table is what the script makes from the source."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from homefront.paths import CASUALTIES_FILE, DATA_DIR, ROOT

SOURCE_DIR = ROOT.parent / "shared" / "sources" / "bessudnov-2023"
needs_sources = pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason=f"source pack not present at {SOURCE_DIR}"
)
TOTAL_RECORDS = 20_253


def build(output: Path) -> str:
    result = subprocess.run(
        [sys.executable, "scripts/build_casualties.py", "--input", SOURCE_DIR, "--output", output],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@needs_sources
def test_rebuild_equals_committed_file(tmp_path):
    build(tmp_path)
    committed = (DATA_DIR / CASUALTIES_FILE).read_bytes()
    assert (tmp_path / CASUALTIES_FILE).read_bytes() == committed, (
        "data/casualties_by_region_month.csv is stale: run scripts/build_casualties.py"
    )


@needs_sources
def test_region_totals_match_the_source_read_independently():
    with (SOURCE_DIR / "dfFatalitiesAnonymised.csv").open(newline="", encoding="utf-8") as f:
        by_name = Counter(row["region"].strip() for row in csv.DictReader(f))
    census = pd.read_csv(SOURCE_DIR / "census2021_nMen16-615.csv")
    iso_of = dict(zip(census["regNameEng"], census["regNameISO"], strict=True))
    expected = Counter()
    for name, count in by_name.items():
        expected[iso_of.get(name, "unknown")] += count
    table = pd.read_csv(DATA_DIR / CASUALTIES_FILE, keep_default_na=False)
    assert table.groupby("iso")["deaths"].sum().to_dict() == dict(expected)


def test_every_record_is_counted_once():
    table = pd.read_csv(DATA_DIR / CASUALTIES_FILE, keep_default_na=False)
    assert table["deaths"].sum() == TOTAL_RECORDS
    assert not table.duplicated(["iso", "month", "unit_type"]).any()
    assert (table["deaths"] > 0).all()


def test_unknown_buckets_are_kept():
    table = pd.read_csv(DATA_DIR / CASUALTIES_FILE, keep_default_na=False)
    for column in ["iso", "month", "unit_type"]:
        assert (table[column] == "unknown").any(), f"no unknown bucket in {column}"


def test_rows_are_sorted():
    table = pd.read_csv(DATA_DIR / CASUALTIES_FILE, keep_default_na=False)
    key = ["iso", "month", "unit_type"]
    assert table[key].equals(table[key].sort_values(key).reset_index(drop=True))
