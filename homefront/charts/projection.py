"""The boundaries in an equal-area projection, and the map's GeoJSON written once.

Projection, and why: deck.gl's default Web Mercator stretches the far north (Novaya
Zemlya, Taymyr, Chukotka) to several times their size, which inflates exactly the large,
thinly populated regions of a per-capita map. The boundaries are therefore projected once
into an Albers equal-area conic for Russia and drawn in a plain OrthographicView (the
Regions page) or as SVG shapes (the export): areas stay comparable, Chukotka's longitudes
past 180° need no special case, and no basemap or tile is needed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any

import numpy as np

# Albers equal-area conic for Russia: standard parallels 52° and 64° N, centred on 100° E.
EARTH_RADIUS_KM = 6371.0
ALBERS_CENTRE_LON = 100.0
ALBERS_ORIGIN_LAT = 60.0
ALBERS_PARALLELS = (52.0, 64.0)


def albers(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Albers equal-area conic on the sphere, kilometres from the projection's origin.

    Formulas from Snyder (1987), Map Projections: A Working Manual, pp. 98–99 (sphere).
    """
    phi1, phi2 = np.radians(ALBERS_PARALLELS)
    phi0 = math.radians(ALBERS_ORIGIN_LAT)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = EARTH_RADIUS_KM * math.sqrt(c - 2 * n * math.sin(phi0)) / n
    rho = EARTH_RADIUS_KM * np.sqrt(c - 2 * n * np.sin(np.radians(lat))) / n
    theta = n * np.radians(np.asarray(lon, dtype="float64") - ALBERS_CENTRE_LON)
    return rho * np.sin(theta), rho0 - rho * np.cos(theta)


def polygons_of(geometry: dict[str, Any]) -> list:
    """A Polygon's or MultiPolygon's polygons, as lists of rings."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def project_ring(ring: list) -> np.ndarray:
    """One ring in Albers kilometres, rounded to whole ones: far below a pixel at any sensible
    zoom, and a short JSON."""
    points = np.asarray(ring, dtype="float64")
    return np.round(np.column_stack(albers(points[:, 0], points[:, 1])))


def _project_rings(polygons: list) -> list:
    return [[project_ring(ring).astype(int).tolist() for ring in polygon] for polygon in polygons]


def ring_area_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    """Signed area and centroid of a closed ring (shoelace formula)."""
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if area == 0:
        return 0.0, float(x.mean()), float(y.mean())
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
    return float(area), float(cx), float(cy)


@dataclass(frozen=True)
class MapGeometry:
    """The boundaries, projected and serialised once per process.

    `feature_heads` holds, per region, the start of its GeoJSON feature up to its
    properties; each rerun only adds the small properties object (colour, tooltip
    fields). Serialising the ~12,000 vertices is what makes a map slow, so it is done once.
    `rings` are each region's projected rings, from which `borders` is found.
    """

    feature_heads: dict[str, str]
    rings: dict[str, list[list[list[int]]]]
    label_points: dict[str, tuple[int, int]]
    bounds: tuple[float, float, float, float]  # min x, min y, max x, max y (km)

    @cached_property
    def borders(self) -> str:
        """The JSON list of the lines between neighbours (shared_borders), found when first
        asked for: the export's maps, which only want the label points, never pay for it."""
        return json.dumps(shared_borders(self.rings), separators=(",", ":"))


def project_geometry(geojson: dict[str, Any]) -> MapGeometry:
    """Project every feature (Albers, km) and serialise its geometry once."""
    heads: dict[str, str] = {}
    labels: dict[str, tuple[int, int]] = {}
    rings: dict[str, list[list[list[int]]]] = {}
    low = np.array([np.inf, np.inf])
    high = -low
    for feature in geojson["features"]:
        iso = feature["properties"]["iso"]
        projected = _project_rings(polygons_of(feature["geometry"]))
        rings[iso] = [ring for polygon in projected for ring in polygon]
        outer = [np.asarray(p[0]) for p in projected]
        for ring in outer:
            low = np.minimum(low, ring.min(axis=0))
            high = np.maximum(high, ring.max(axis=0))
        largest = max((ring_area_centroid(r) for r in outer), key=lambda a: abs(a[0]))
        labels[iso] = (round(largest[1]), round(largest[2]))
        geometry_json = json.dumps(
            {"type": "MultiPolygon", "coordinates": projected}, separators=(",", ":")
        )
        heads[iso] = f'{{"type":"Feature","geometry":{geometry_json},"properties":'
    return MapGeometry(
        feature_heads=heads,
        rings=rings,
        label_points=labels,
        bounds=(float(low[0]), float(low[1]), float(high[0]), float(high[1])),
    )


def shared_borders(rings: dict[str, list[list[list[int]]]]) -> list[list[list[int]]]:
    """The lines two regions share, each drawn once, as paths (runs of shared edges).

    Why not stroke every region's rings: in software WebGL (a projector's laptop without a
    GPU, Chromium's SwiftShader) deck.gl's path shader is what a map frame costs, ~400 ms
    for all ~12,000 vertices on each hover, pan or change. A coastline stroked white on the
    white page shows nothing, and a shared border stroked from both sides shows once: these
    paths hold about a third of the edges. The boundaries are a coverage (neighbours share
    identical vertices, scripts/build_geometry.py), so a shared edge is the same pair of
    points in both regions; each is kept in the first region (in `rings`' order) that has it.
    """
    owners: dict[tuple, list[str]] = {}
    for iso, region_rings in rings.items():
        for ring in region_rings:
            for a, b in pairwise(ring):
                edge = _edge(a, b)
                if edge is None:
                    continue
                found = owners.setdefault(edge, [])
                if iso not in found:
                    found.append(iso)
    paths: list[list[list[int]]] = []
    for iso, region_rings in rings.items():
        for ring in region_rings:
            run: list[list[int]] = []
            for a, b in pairwise(ring):
                edge = _edge(a, b)
                if edge is not None and len(owners[edge]) > 1 and owners[edge][0] == iso:
                    run = run or [a]
                    run.append(b)
                elif run:
                    paths.append(run)
                    run = []
            if run:
                paths.append(run)
    return paths


def _edge(a: list[int], b: list[int]) -> tuple | None:
    """An edge as the same key from either end; None for a zero-length one."""
    first, second = tuple(a), tuple(b)
    return None if first == second else (min(first, second), max(first, second))


def fit_zoom(bounds: tuple[float, float, float, float], width: int, height: int) -> float:
    """OrthographicView zoom (log2 of pixels per km) that fits the bounds in width×height."""
    span_x, span_y = bounds[2] - bounds[0], bounds[3] - bounds[1]
    return math.log2(min(width / span_x, height / span_y))


def feature_collection(geometry: MapGeometry, properties: dict[str, dict[str, Any]]) -> str:
    """The FeatureCollection JSON of the regions in `properties`, in its order: cached
    geometry + this run's properties, by string joining."""
    parts = [
        geometry.feature_heads[iso] + json.dumps(props, separators=(",", ":")) + "}"
        for iso, props in properties.items()
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"
