"""Reading the regional files (regions, casualties, factors, boundaries) into checked tables.

Streamlit-free, like all of `homefront`. A bad file raises DataError listing every problem
found, each naming the file (relative to the data folder), the line (CSV line number, the
header being line 1; None for the GeoJSON, which is one long line) and the field, so a
curator can go straight to the cell. The CSVs are written by the scripts in scripts/ (`make
data`).

What each CSV may hold is its Table Schema in data/datapackage.yaml, checked by
`homefront.table_schema`; this module adds only what a Table Schema cannot say, as named
rules: codes known to regions.csv, a factors row for every region, real calendar days, and
the has_polygon flags against the boundaries.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from homefront.paths import (
    CASUALTIES_FILE,
    DAILY_FILE,
    DATA_DIR,
    FACTORS_FILE,
    GEOMETRY_FILE,
    REGIONS_FILE,
)
from homefront.problems import DataError, Problem, name_some
from homefront.table_schema import table_schema

# The source (sources.yaml id) of the confirmed deaths every regional number rests on
COUNT_SOURCE = "bessudnov2023"
UNKNOWN = "unknown"  # the bucket for a record with no region, month or unit type in the source
# The year of the four indicators from regionCharacteristics.csv (poverty, income,
# unemployment, subsistence level): 2020, as the paper's replication analysis reads them;
# the subsistence level is that of the fourth quarter of 2020 (source pack README).
INDICATOR_YEAR = 2020
# Each CSV's columns, in order, as data/datapackage.yaml's Table Schemas give them
REGION_COLUMNS = table_schema(REGIONS_FILE).columns
CASUALTY_COLUMNS = table_schema(CASUALTIES_FILE).columns
FACTOR_COLUMNS = table_schema(FACTORS_FILE).columns
POLYGON_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class RegionalData:
    """The three regional files, loaded together and checked against each other."""

    regions: pd.DataFrame
    casualties: pd.DataFrame
    geometry: dict[str, Any]
    # nationwide deaths by confirmation day and unit type (casualties_by_day.csv)
    daily: pd.DataFrame
    # per region: 2010 ethnic share, search affinity, survivors' pensions (region_factors.csv)
    factors: pd.DataFrame


def _read_csv(
    path: Path, file: str, columns: list[str]
) -> tuple[pd.DataFrame, list[int], list[Problem]]:
    """Read a CSV as text, so every cell can be checked and reported in the file's own words;
    also the line each row starts on.

    A file pandas cannot parse is one problem on the line where parsing stopped. The lines
    are kept beside the frame, not in its attrs, which pandas deep-copies on every column read.
    """
    empty = pd.DataFrame(columns=columns)
    if not path.is_file():
        return empty, [], [Problem(file, None, "", f"file not found: {path}")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return empty, [], [Problem(file, line, "", f"not UTF-8 text: byte 0x{raw[exc.start]:02x}")]
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except pd.errors.EmptyDataError:
        return empty, [], [Problem(file, None, "", "the file is empty (no header row)")]
    except pd.errors.ParserError as exc:
        message = " ".join(str(exc).removeprefix("Error tokenizing data. C error: ").split())
        # "Expected 4 fields in line 6, saw 5" (a file line); "... starting at row 3" (0-based)
        found = re.search(r"line (\d+)|row (\d+)", message)
        line = None
        if found:
            line = int(found[1]) if found[1] else int(found[2]) + 1
        return empty, [], [Problem(file, line, "", f"cannot read CSV: {message}")]
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas reads the first column(s) as an index when the first row has extra cells
        return empty, [], [Problem(file, 2, "", "the row has more fields than the header")]
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        return frame, [], [Problem(file, 1, column, "column is missing") for column in missing]
    if frame.empty:  # every page counts or ranks these rows: a header alone is a cut file
        return empty, [], [Problem(file, 1, "", "the file has only its header: no rows")]
    lines = _row_lines(text)
    lines += range(len(lines) + 2, len(frame) + 2)  # rows csv did not see, one to a line
    return frame[columns].fillna(""), lines[: len(frame)], []


def _row_lines(text: str) -> list[int]:
    """The line each data row starts on: a quoted cell may hold newlines, so a row is not
    always one line and `position + 2` would shift every later problem."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, done = [], 0
    try:
        for _ in reader:
            starts.append(done + 1)
            done = reader.line_num
    except csv.Error:  # a stray carriage return: pandas read it, so count rows as lines
        return list(range(2, text.count("\n") + 2))
    return starts[1:]  # the header's line left out


# A named check the Table Schema cannot express, on a table whose cells it passed:
# (text frame, the line each row starts on, the (line, field) of cells already reported)
# -> problems
Rule = Callable[[pd.DataFrame, list[int], set[tuple[int, str]]], list[Problem]]


def _cell_rule(file: str, column: str, is_ok: Callable[[str], bool], message: str) -> Rule:
    """One Problem per cell of `column` that fails `is_ok`, skipping cells already reported."""

    def check(
        frame: pd.DataFrame, lines: list[int], reported: set[tuple[int, str]]
    ) -> list[Problem]:
        return [
            Problem(file, line, column, message.format(value=value))
            for line, value in zip(lines, frame[column].tolist(), strict=True)
            if (line, column) not in reported and not is_ok(value)
        ]

    return check


def _in_regions(file: str, known: Collection[str] | None) -> list[Rule]:
    """Casualties and factors name only regions that regions.csv lists (or `unknown`).

    With no readable regions.csv (its own problems say why) only the code's shape is checked,
    by the Table Schema's pattern.
    """
    if known is None:
        return []
    message = f"{{value!r}} is not in {REGIONS_FILE}"
    return [_cell_rule(file, "iso", lambda v: v == UNKNOWN or v in known, message)]


def _row_for_every_region(known: Collection[str] | None) -> list[Rule]:
    """region_factors.csv has a row for each region (an empty cell says what a source lacks)."""
    if known is None:
        return []

    def check(
        frame: pd.DataFrame, lines: list[int], reported: set[tuple[int, str]]
    ) -> list[Problem]:
        missing = sorted(set(known) - set(frame["iso"]))
        if not missing:
            return []
        message = f"no row for {name_some(missing)} of {REGIONS_FILE}"
        return [Problem(FACTORS_FILE, None, "iso", message)]

    return [check]


def _is_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# The Table Schema's pattern admits 2022-02-30; the calendar does not.
CALENDAR_DAY = _cell_rule(
    DAILY_FILE,
    "date",
    lambda v: v == UNKNOWN or _is_day(v),
    "{value!r} is not a day of the calendar (YYYY-MM-DD) or 'unknown'",
)


def _load_table(
    data_dir: Path, file: str, rules: list[Rule]
) -> tuple[pd.DataFrame, list[int], list[Problem]]:
    """Read a CSV, check it against its Table Schema and then the named rules, and type it;
    also the line each row starts on.

    Every problem in the file is reported at once; the typed table only when there is none.
    """
    schema = table_schema(file)
    empty = pd.DataFrame(columns=schema.columns)
    frame, lines, problems = _read_csv(data_dir / file, file, schema.columns)
    if problems:
        return empty, [], problems
    problems = schema.check(frame, lines)
    reported = {(p.line, p.field) for p in problems}
    for rule in rules:
        problems += rule(frame, lines, reported)
    if problems:
        return empty, [], problems
    return schema.convert(frame), lines, []


def _check_geometry(
    data_dir: Path, known_isos: Collection[str] | None
) -> tuple[dict[str, Any], list[Problem]]:
    file = GEOMETRY_FILE
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    path = data_dir / file
    if not path.is_file():
        return empty, [Problem(file, None, "", f"file not found: {path}")]
    try:
        # bytes decoded as they are: read_text would turn a lone \r into a line break, and
        # the line an error names would not be the file's
        collection = json.loads(path.read_bytes().decode("utf-8"))
    except json.JSONDecodeError as exc:
        return empty, [Problem(file, exc.lineno, "", f"not valid JSON: {exc.msg}")]
    except UnicodeDecodeError as exc:
        return empty, [Problem(file, None, "", f"not UTF-8 text: {exc.reason} at byte {exc.start}")]
    except (ValueError, RecursionError) as exc:  # a number over 4300 digits; nesting too deep
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return empty, [Problem(file, None, "", f"not valid JSON: {reason}")]
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        return empty, [Problem(file, None, "type", "expected a GeoJSON FeatureCollection")]
    features = collection.get("features")
    if not isinstance(features, list):
        return empty, [Problem(file, None, "features", "expected a list of features")]

    problems: list[Problem] = []
    seen: set[str] = set()
    for index, feature in enumerate(features):
        where = f"features[{index}]"
        if not isinstance(feature, dict):
            problems.append(Problem(file, None, where, "is not a GeoJSON feature"))
            continue
        geometry = feature.get("geometry")
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") not in POLYGON_TYPES
            or not geometry.get("coordinates")
        ):
            problems.append(
                Problem(file, None, f"{where}.geometry", "missing or not a (Multi)Polygon")
            )
        else:
            problems += _check_rings(geometry, f"{where}.geometry.coordinates")
        properties = feature.get("properties")
        iso = properties.get("iso") if isinstance(properties, dict) else None
        if not isinstance(iso, str) or not iso:
            problems.append(Problem(file, None, f"{where}.properties.iso", "missing"))
        elif known_isos is not None and iso not in known_isos:
            problems.append(
                Problem(file, None, f"{where}.properties.iso", f"{iso!r} is not in {REGIONS_FILE}")
            )
        elif iso in seen:
            problems.append(
                Problem(file, None, f"{where}.properties.iso", f"{iso!r} has two features")
            )
        else:
            seen.add(iso)
    return (empty if problems else collection), problems


def _check_rings(geometry: dict[str, Any], where: str) -> list[Problem]:
    """Every ring of a (Multi)Polygon is a list of at least four [longitude, latitude] pairs
    of finite numbers (GeoJSON's rule); the map projects them as such. The first bad
    position of a feature is named: one is enough to find a damaged file."""
    coordinates = geometry["coordinates"]
    polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
    if not isinstance(polygons, list) or not all(isinstance(p, list) and p for p in polygons):
        return [Problem(GEOMETRY_FILE, None, where, "expected a list of polygons (lists of rings)")]
    for i, polygon in enumerate(polygons):
        for j, ring in enumerate(polygon):
            at = f"{where}[{i}][{j}]" if geometry["type"] == "MultiPolygon" else f"{where}[{j}]"
            if not isinstance(ring, list) or len(ring) < 4:
                return [Problem(GEOMETRY_FILE, None, at, "a ring needs at least four positions")]
            for k, point in enumerate(ring):
                if not (
                    isinstance(point, list)
                    and len(point) == 2
                    and all(
                        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                        for v in point
                    )
                    and -90 <= point[1] <= 90  # longitudes may pass 180 (Chukotka)
                ):
                    message = f"{_clip(point)} is not a [longitude, latitude] pair of numbers"
                    return [Problem(GEOMETRY_FILE, None, f"{at}[{k}]", message)]
    return []


def _clip(value: Any, limit: int = 40) -> str:
    text = json.dumps(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_regional(data_dir: Path = DATA_DIR) -> RegionalData:
    """All five files, checked on their own and against each other; one DataError for all.

    Across files: casualties, factors and features may only name regions in regions.csv,
    factors have a row for each of them, and the regions flagged has_polygon are exactly
    those with a feature.
    """
    regions, region_lines, problems = _load_table(data_dir, REGIONS_FILE, [])
    known = set(regions["iso"]) if not problems else None
    rules = _in_regions(CASUALTIES_FILE, known)
    casualties, _, found = _load_table(data_dir, CASUALTIES_FILE, rules)
    problems += found
    daily, _, found = _load_table(data_dir, DAILY_FILE, [CALENDAR_DAY])
    problems += found
    factors, _, found = _load_table(
        data_dir, FACTORS_FILE, [*_in_regions(FACTORS_FILE, known), *_row_for_every_region(known)]
    )
    problems += found
    geometry, found = _check_geometry(data_dir, known)
    problems += found
    if known is not None and not found:
        drawn = {feature["properties"]["iso"] for feature in geometry["features"]}
        for line, (_, row) in zip(region_lines, regions.iterrows(), strict=True):
            if row["has_polygon"] != (row["iso"] in drawn):
                problems.append(
                    Problem(
                        REGIONS_FILE,
                        line,
                        "has_polygon",
                        f"{row['iso']}: has_polygon is {str(row['has_polygon']).lower()} but "
                        f"{GEOMETRY_FILE} {'has' if row['iso'] in drawn else 'has no'} feature",
                    )
                )
    if problems:
        raise DataError(problems)
    return RegionalData(
        regions=regions, casualties=casualties, geometry=geometry, daily=daily, factors=factors
    )
