"""scripts/build_geometry.py: one valid, gap-free feature per federal subject, small enough."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from homefront.paths import DATA_DIR, GEOMETRY_FILE, REGIONS_FILE, ROOT

DCW_FILE = Path("/usr/share/gmt-dcw/dcw-gmt.nc")
MAX_BYTES = 1_000_000


def features() -> list[dict]:
    return json.loads((DATA_DIR / GEOMETRY_FILE).read_text(encoding="utf-8"))["features"]


def test_every_region_but_the_occupied_has_exactly_one_feature():
    table = pd.read_csv(DATA_DIR / REGIONS_FILE, dtype=str, keep_default_na=False)
    expected = sorted(table.loc[table["occupied"] == "false", "iso"])
    drawn = [feature["properties"]["iso"] for feature in features()]
    assert sorted(drawn) == expected
    names = dict(zip(table["iso"], table["name_en"], strict=True))
    assert all(f["properties"]["name_en"] == names[f["properties"]["iso"]] for f in features())


def test_geometries_are_valid_and_neighbours_neither_overlap_nor_mismatch():
    geometries = np.array([shape(feature["geometry"]) for feature in features()])
    assert shapely.is_valid(geometries).all()
    assert shapely.coverage_is_valid(geometries), "shared borders differ between neighbours"


def test_chukotka_stays_continuous_past_180():
    geometries = {f["properties"]["iso"]: shape(f["geometry"]) for f in features()}
    west, _, east, _ = shapely.total_bounds(np.array(list(geometries.values())))
    assert west > 19 and east < 191, "longitudes should run from Kaliningrad to ~190 E"
    chukotka_west, _, chukotka_east, _ = geometries["CHU"].bounds
    assert chukotka_west > 150 and chukotka_east > 185


def test_file_is_small_enough_for_the_app():
    assert (DATA_DIR / GEOMETRY_FILE).stat().st_size < MAX_BYTES


@pytest.mark.skipif(not DCW_FILE.is_file(), reason=f"gmt-dcw not installed ({DCW_FILE} missing)")
def test_rebuild_equals_committed_file(tmp_path):
    subprocess.run(
        [sys.executable, "scripts/build_geometry.py", "--dcw", DCW_FILE, "--output", tmp_path],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    rebuilt = (tmp_path / GEOMETRY_FILE).read_bytes()
    assert rebuilt == (DATA_DIR / GEOMETRY_FILE).read_bytes(), (
        "data/geo/russia_regions.geojson is stale: run scripts/build_geometry.py"
    )
