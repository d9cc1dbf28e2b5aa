"""scripts/build_regions.py: the committed regions table and its hard-coded districts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from homefront.paths import DATA_DIR, REGIONS_FILE, ROOT

SOURCE_DIR = ROOT.parent / "shared" / "sources" / "bessudnov-2023"
DCW_STATES = Path("/usr/share/gmt-dcw/dcw-states.txt")
needs_sources = pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason=f"source pack not present at {SOURCE_DIR}"
)
needs_dcw = pytest.mark.skipif(
    not DCW_STATES.is_file(), reason=f"gmt-dcw not installed ({DCW_STATES} missing)"
)
DISTRICT_SIZES = {
    "Central": 18,
    "Northwestern": 11,
    "Southern": 6,
    "North Caucasian": 7,
    "Volga": 14,
    "Ural": 6,
    "Siberian": 10,
    "Far Eastern": 11,
}


def regions() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / REGIONS_FILE, dtype=str, keep_default_na=False)


@needs_sources
@needs_dcw
def test_rebuild_equals_committed_file(tmp_path):
    subprocess.run(
        [sys.executable, "scripts/build_regions.py", "--input", SOURCE_DIR, "--output", tmp_path],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert (tmp_path / REGIONS_FILE).read_bytes() == (DATA_DIR / REGIONS_FILE).read_bytes(), (
        "data/regions.csv is stale: run scripts/build_regions.py"
    )


@needs_sources
def test_denominators_match_the_census_file():
    census = pd.read_csv(SOURCE_DIR / "census2021_nMen16-615.csv")
    expected = dict(zip(census["regNameISO"], census["nMen16_615_2021"], strict=True))
    table = regions()
    got = dict(zip(table["iso"], table["men_16_61"].astype(int), strict=True))
    assert got == expected


def test_83_subjects_in_8_districts_plus_occupied_territory():
    table = regions()
    subjects = table[table["occupied"] == "false"]
    assert len(subjects) == 83
    assert subjects["federal_district"].value_counts().to_dict() == DISTRICT_SIZES
    assert table["iso"].is_unique


def test_buryatia_and_zabaykalsky_are_far_eastern():
    district = dict(zip(regions()["iso"], regions()["federal_district"], strict=True))
    assert district["BU"] == district["ZAB"] == "Far Eastern"


def test_crimea_and_sevastopol_are_flagged_without_district_or_polygon():
    table = regions().set_index("iso")
    for iso, name in [("UA-43", "Crimea"), ("UA-40", "Sevastopol")]:
        row = table.loc[iso]
        assert row["name_en"] == name
        assert row["occupied"] == "true"
        assert row["federal_district"] == ""
        assert row["has_polygon"] == "false"
