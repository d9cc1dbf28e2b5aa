"""Build data/geo/russia_regions.geojson: simplified boundaries of Russia's 83 federal subjects.

Usage:
    python scripts/build_geometry.py [--dcw /usr/share/gmt-dcw/dcw-gmt.nc]
        [--regions data/regions.csv] [--output data]

Source: the Digital Chart of the World for GMT (Debian package gmt-dcw 2.1.1, LGPL-3+). Per
subject, `RU<CODE>_lon` and `RU<CODE>_lat` are uint16 arrays; a 65535 in the longitude array
starts a new ring, and the latitude value beside that marker is 1 when the ring is a hole (Moscow
inside Moscow Oblast, Adygea inside Krasnodar Krai) and 0 otherwise. Degrees are
`min + value / scale` with the variable's own `min` and `scale` attributes. Chukotka's
longitudes run on past 180 (to about 190) and are kept that way, so the map does not draw a
band across the world.

The DCW draws each subject on its own, so neighbours do not share identical borders. The
polygons are therefore cleaned into a coverage first (no overlaps, slivers closed, shared
edges identical) and then simplified as a coverage, so simplification cannot open gaps between
neighbours. Small islands are dropped to save vertices; a region's largest part, and any part
that touches another region (an exclave), is always kept.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import netCDF4
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

DEFAULT_DCW = Path("/usr/share/gmt-dcw/dcw-gmt.nc")
OUTPUT_NAME = "geo/russia_regions.geojson"
RING_MARKER = 65535
HOLE_FLAG = 1
DECIMALS = 3  # 0.001 degree is about 100 m: far below what a country-wide map can show
MIN_ISLAND_AREA = 0.01  # square degrees (about 60 km2 at 60 N); smaller islands are dropped
NEIGHBOUR_DISTANCE = 0.01  # degrees: a part this close to another region is not an island
GAP_WIDTH = 0.01  # degrees: slivers narrower than this between neighbours are closed
SIMPLIFY_TOLERANCE = 0.08  # degrees: about the square root of the triangle areas removed
MAX_BYTES = 1_000_000


def decode_region(dataset: netCDF4.Dataset, code: str) -> shapely.Geometry:
    """Decode one subject's rings into a valid (Multi)Polygon, cutting out the hole rings."""
    lon_var = dataset.variables[f"RU{code}_lon"]
    lat_var = dataset.variables[f"RU{code}_lat"]
    lon_raw = lon_var[:].astype(np.int64)
    lat_raw = lat_var[:].astype(np.int64)
    assert len(lon_raw) == len(lat_raw), f"RU{code}: lon and lat arrays differ in length"
    markers = np.flatnonzero(lon_raw == RING_MARKER)
    assert len(markers) and markers[0] == 0, f"RU{code}: expected a ring marker first"
    lon = lon_var.getncattr("min") + lon_raw / lon_var.getncattr("scale")
    lat = lat_var.getncattr("min") + lat_raw / lat_var.getncattr("scale")
    outer, holes = [], []
    for start, end in zip(markers, [*markers[1:], len(lon_raw)], strict=True):
        coords = np.round(np.column_stack([lon[start + 1 : end], lat[start + 1 : end]]), DECIMALS)
        if len(coords) < 4:
            continue
        ring = shapely.make_valid(Polygon(coords), method="structure")
        (holes if lat_raw[start] == HOLE_FLAG else outer).append(ring)
    geometry = shapely.union_all(outer)
    if holes:
        geometry = geometry.difference(shapely.union_all(holes))
    return shapely.make_valid(geometry, method="structure")


def polygons_of(geometry: shapely.Geometry) -> list[Polygon]:
    """The polygon parts of a geometry (cleaning can leave stray lines or points; skip them)."""
    parts = getattr(geometry, "geoms", [geometry])
    return [part for part in parts if isinstance(part, Polygon) and not part.is_empty]


def as_geometry(parts: list[Polygon]) -> shapely.Geometry:
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def drop_islands(geometries: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Drop small parts that touch no other region; keep each region's largest part."""
    tree = shapely.STRtree(geometries)
    kept = []
    for index, geometry in enumerate(geometries):
        parts = polygons_of(geometry)
        largest = max(parts, key=lambda part: part.area)
        keep = []
        for part in parts:
            if part is largest or part.area >= MIN_ISLAND_AREA:
                keep.append(part)
                continue
            near = tree.query(part, predicate="dwithin", distance=NEIGHBOUR_DISTANCE)
            if any(other != index for other in near):
                keep.append(part)  # an exclave or a border piece, not an island
        kept.append(as_geometry(keep))
    return kept


def count_vertices(geometries: list[shapely.Geometry]) -> int:
    return int(shapely.get_num_coordinates(np.array(geometries)).sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dcw", type=Path, default=DEFAULT_DCW, help="dcw-gmt.nc")
    parser.add_argument("--regions", type=Path, default=Path("data/regions.csv"))
    parser.add_argument("--output", type=Path, default=Path("data"), help="data folder")
    args = parser.parse_args()

    # --- load -------------------------------------------------------------------------------
    regions = pd.read_csv(args.regions, dtype=str, keep_default_na=False)
    dataset = netCDF4.Dataset(args.dcw)
    dataset.set_auto_maskandscale(False)  # raw uint16: 65535 is a marker, not a fill value
    dcw_codes = sorted(
        name[2:-4]
        for name in dataset.variables
        if name.startswith("RU") and name.endswith("_lon") and name != "RU_lon"
    )
    raw = [decode_region(dataset, code) for code in dcw_codes]
    dataset.close()

    # --- process ----------------------------------------------------------------------------
    wanted = regions.loc[regions["has_polygon"] == "true", "iso"].tolist()
    print(f"DCW codes not in regions.csv: {sorted(set(dcw_codes) - set(wanted)) or 'none'}")
    print(f"regions.csv codes with has_polygon but no DCW: {sorted(set(wanted) - set(dcw_codes))}")
    assert set(wanted) == set(dcw_codes), "DCW codes and regions.csv disagree; see above"
    print(f"decoded {len(raw)} subjects, {count_vertices(raw)} vertices")

    geometries = drop_islands(raw)
    print(f"after dropping islands under {MIN_ISLAND_AREA} deg2: {count_vertices(geometries)}")
    geometries = list(shapely.coverage_clean(np.array(geometries), gap_width=GAP_WIDTH))
    assert shapely.coverage_is_valid(np.array(geometries)), "cleaning did not give a coverage"
    geometries = list(shapely.coverage_simplify(np.array(geometries), SIMPLIFY_TOLERANCE))
    # Cleaning can add vertices off the 0.001 grid; rounding them can collapse a sliver ring,
    # which make_valid then removes. Shared vertices round identically, so borders still match.
    geometries = [
        shapely.make_valid(
            shapely.transform(geometry, lambda xy: np.round(xy, DECIMALS)),
            method="structure",
            keep_collapsed=False,
        )
        for geometry in geometries
    ]
    geometries = [as_geometry(polygons_of(geometry)) for geometry in geometries]
    assert all(geometry.is_valid for geometry in geometries), "invalid geometry after rounding"
    assert shapely.coverage_is_valid(np.array(geometries)), "neighbours overlap after rounding"
    lon_min, _, lon_max, _ = shapely.total_bounds(np.array(geometries))
    assert lon_min > 0 and lon_max < 200, f"longitudes {lon_min}..{lon_max}: check the wrap"
    vertices = count_vertices(geometries)

    names = dict(zip(regions["iso"], regions["name_en"], strict=True))
    features = [
        {
            "type": "Feature",
            "properties": {"iso": code, "name_en": names[code]},
            "geometry": mapping(geometry),
        }
        for code, geometry in zip(dcw_codes, geometries, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n"
    assert len(text.encode()) < MAX_BYTES, f"GeoJSON is {len(text) // 1024} KB; raise the tolerance"

    # --- write ------------------------------------------------------------------------------
    path = args.output / OUTPUT_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: {len(features)} features, {vertices} vertices, {len(text) // 1024} KB")


if __name__ == "__main__":
    main()
