"""Reading the regional files (regions, casualties, factors, boundaries) into checked tables.

Streamlit-free, like all of `homefront`. A bad file raises DataError listing every problem
found, each naming the file (relative to the data folder), the line (CSV line number, the
header being line 1; None for the GeoJSON, which is one long line) and the field, so a
curator can go straight to the cell. The CSVs are written by the scripts in scripts/ (`make
data`) and hold no quoted newlines, so file lines and records coincide.
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

from homefront.filters import name_some
from homefront.paths import (
    CASUALTIES_FILE,
    DAILY_FILE,
    DATA_DIR,
    FACTORS_FILE,
    GEOMETRY_FILE,
    REGIONS_FILE,
)
from homefront.problems import DataError, Problem

UNKNOWN = "unknown"  # the bucket for a record with no region, month or unit type in the source
FEDERAL_DISTRICTS = (
    "Central",
    "Northwestern",
    "Southern",
    "North Caucasian",
    "Volga",
    "Ural",
    "Siberian",
    "Far Eastern",
)
REGION_COLUMNS = [
    "iso",
    "name_en",
    "name_ru",
    "federal_district",
    "men_16_61",
    "pct_below_subsistence",
    "mean_income_rub",
    "unemployment_rate",
    "subsistence_level_rub",
    "occupied",
    "has_polygon",
]
CASUALTY_COLUMNS = ["iso", "month", "unit_type", "deaths"]
# The year of the four indicators from regionCharacteristics.csv (poverty, income,
# unemployment, subsistence level): 2020, as the paper's replication analysis reads them;
# the subsistence level is that of the fourth quarter of 2020 (source pack README).
INDICATOR_YEAR = 2020
CASUALTY_KEY = ["iso", "month", "unit_type"]
DAILY_COLUMNS = ["date", "unit_type", "deaths"]
# region_factors.csv (scripts/build_region_factors.py): whole numbers, then signed decimals
FACTOR_WHOLE = [
    "men_2010_stated_ethnicity",
    "ethnic_russian_men_2010",
    "yandex_svo_payments_10feb",
    "yandex_payments_killed_10feb",
    "yandex_payments_killed_19apr",
    "survivor_pensions_2021",
    "survivor_pensions_2022",
]
FACTOR_DECIMAL = ["pct_non_russian_2010", "pension_rise_pct"]
FACTOR_COLUMNS = ["iso", *FACTOR_WHOLE[:2], FACTOR_DECIMAL[0], *FACTOR_WHOLE[2:], FACTOR_DECIMAL[1]]

# ISO 3166-2:RU suffixes (AD, MOW, ...) and, for occupied Ukrainian territory, ISO 3166-2:UA
# ASCII digits only: \d alone also matches other scripts' digits, which pandas cannot convert.
ISO_PATTERN = re.compile(r"[A-Z]{2,3}|UA-[0-9]{2}")
MONTH_PATTERN = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
# Bounded, so every value converts: a whole number of up to 18 digits fits int64, and a
# decimal of up to 15 digits either side of the point a float (pandas fails past 308).
WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")
DECIMAL_NUMBER = re.compile(r"[0-9]{1,15}(\.[0-9]{1,15})?")
SIGNED_DECIMAL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")  # a fall in pensions is negative
DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NOT_A_DECIMAL = "{value!r} is not a number (digits 0-9, at most 15 either side of the point)"
BOOLEANS = {"true": True, "false": False}
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


def _read_csv(path: Path, file: str, columns: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV as text, so every cell can be checked and reported in the file's own words.

    A file pandas cannot parse is one problem on the line where parsing stopped.
    """
    empty = pd.DataFrame(columns=columns)
    if not path.is_file():
        return empty, [Problem(file, None, "", f"file not found: {path}")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return empty, [Problem(file, line, "", f"not UTF-8 text: byte 0x{raw[exc.start]:02x}")]
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except pd.errors.EmptyDataError:
        return empty, [Problem(file, None, "", "the file is empty (no header row)")]
    except pd.errors.ParserError as exc:
        message = " ".join(str(exc).removeprefix("Error tokenizing data. C error: ").split())
        # "Expected 4 fields in line 6, saw 5" (a file line); "... starting at row 3" (0-based)
        found = re.search(r"line (\d+)|row (\d+)", message)
        line = None
        if found:
            line = int(found[1]) if found[1] else int(found[2]) + 1
        return empty, [Problem(file, line, "", f"cannot read CSV: {message}")]
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas reads the first column(s) as an index when the first row has extra cells
        return empty, [Problem(file, 2, "", "the row has more fields than the header")]
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        return frame, [Problem(file, 1, column, "column is missing") for column in missing]
    if frame.empty:  # every page counts or ranks these rows: a header alone is a cut file
        return empty, [Problem(file, 1, "", "the file has only its header: no rows")]
    frame = frame[columns].fillna("")
    frame.attrs["lines"] = _row_lines(text)
    return frame, []


class _RowLines(tuple):
    """Row start lines, immutable, so a deepcopy may share them.

    pandas deep-copies a frame's attrs on every operation that makes a new frame; at 100x
    data a 400,000-item list copied that way was most of the dataset's load time.
    """

    def __deepcopy__(self, memo: dict) -> _RowLines:
        return self


def _row_lines(text: str) -> _RowLines:
    """The line each data row starts on: a quoted cell may hold newlines, so a row is not
    always one line and `position + 2` would shift every later problem."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, done = [], 0
    try:
        for _ in reader:
            starts.append(done + 1)
            done = reader.line_num
    except csv.Error:  # a stray carriage return: pandas read it, so count rows as lines
        return _RowLines(range(2, text.count("\n") + 2))
    return _RowLines(starts[1:])  # the header's line left out


def _line(frame: pd.DataFrame, position: int) -> int:
    """The file line of the row at `position` (0-based among the data rows)."""
    lines = frame.attrs.get("lines") or []
    return lines[position] if position < len(lines) else position + 2


def _check_cells(
    frame: pd.DataFrame,
    file: str,
    column: str,
    is_ok: Callable[[str], bool],
    message: str,
) -> list[Problem]:
    """One Problem per cell of `column` that fails `is_ok`, on the line its row starts."""
    return [
        Problem(file, _line(frame, position), column, message.format(value=value))
        for position, value in enumerate(frame[column])
        if not is_ok(value)
    ]


def _check_regions(data_dir: Path) -> tuple[pd.DataFrame, list[Problem]]:
    file = REGIONS_FILE
    frame, problems = _read_csv(data_dir / file, file, REGION_COLUMNS)
    if problems:
        return pd.DataFrame(columns=REGION_COLUMNS), problems

    def number_or_empty(pattern: re.Pattern[str]) -> Callable[[str], bool]:
        return lambda value: value == "" or pattern.fullmatch(value) is not None

    checks: list[tuple[str, Callable[[str], bool], str]] = [
        ("iso", lambda v: ISO_PATTERN.fullmatch(v) is not None, "{value!r} is not an ISO code"),
        ("name_en", lambda v: v.strip() != "", "name is empty"),
        ("name_ru", lambda v: v.strip() != "", "name is empty"),
        (
            "federal_district",
            lambda v: v == "" or v in FEDERAL_DISTRICTS,
            "{value!r} is not one of the eight federal districts",
        ),
        (
            "men_16_61",
            number_or_empty(WHOLE_NUMBER),
            "{value!r} is not a whole number (digits 0-9, at most 18)",
        ),
        ("pct_below_subsistence", number_or_empty(DECIMAL_NUMBER), NOT_A_DECIMAL),
        ("mean_income_rub", number_or_empty(DECIMAL_NUMBER), NOT_A_DECIMAL),
        ("unemployment_rate", number_or_empty(DECIMAL_NUMBER), NOT_A_DECIMAL),
        ("subsistence_level_rub", number_or_empty(DECIMAL_NUMBER), NOT_A_DECIMAL),
        ("occupied", lambda v: v in BOOLEANS, "{value!r} should be true or false"),
        ("has_polygon", lambda v: v in BOOLEANS, "{value!r} should be true or false"),
    ]
    for column, is_ok, message in checks:
        problems += _check_cells(frame, file, column, is_ok, message)
    for position in frame.index[frame["iso"].duplicated()]:
        iso = frame.at[position, "iso"]
        problems.append(
            Problem(file, _line(frame, position), "iso", f"{iso!r} appears more than once")
        )
    # "0", "00", "000": as a number (a text comparison let "00" through, a rate of "inf")
    zero = frame["men_16_61"].map(lambda v: WHOLE_NUMBER.fullmatch(v) is not None and int(v) == 0)
    for position in frame.index[zero]:
        problems.append(
            Problem(file, _line(frame, position), "men_16_61", "a denominator cannot be 0")
        )
    if problems:
        return pd.DataFrame(columns=REGION_COLUMNS), problems

    regions = frame.copy()
    regions["men_16_61"] = pd.to_numeric(regions["men_16_61"]).astype("Int64")
    for column in [
        "pct_below_subsistence",
        "mean_income_rub",
        "unemployment_rate",
        "subsistence_level_rub",
    ]:
        regions[column] = pd.to_numeric(regions[column]).astype("float64")
    for column in ["occupied", "has_polygon"]:
        regions[column] = regions[column].map(BOOLEANS).astype(bool)
    return regions, []


def _check_casualties(
    data_dir: Path, known_isos: Collection[str] | None
) -> tuple[pd.DataFrame, list[Problem]]:
    file = CASUALTIES_FILE
    frame, problems = _read_csv(data_dir / file, file, CASUALTY_COLUMNS)
    if problems:
        return pd.DataFrame(columns=CASUALTY_COLUMNS), problems

    def known(value: str) -> bool:
        if value == UNKNOWN:
            return True
        if known_isos is None:
            return ISO_PATTERN.fullmatch(value) is not None
        return value in known_isos

    problems += _check_cells(frame, file, "iso", known, f"{{value!r}} is not in {REGIONS_FILE}")
    problems += _check_cells(
        frame,
        file,
        "month",
        lambda v: v == UNKNOWN or MONTH_PATTERN.fullmatch(v) is not None,
        f"{{value!r}} is not a month (YYYY-MM) or {UNKNOWN!r}",
    )
    problems += _check_cells(frame, file, "unit_type", lambda v: v.strip() != "", "is empty")
    problems += _check_cells(
        frame,
        file,
        "deaths",
        # a row is a bucket of confirmed deaths: an empty bucket is a curation slip
        lambda v: WHOLE_NUMBER.fullmatch(v) is not None and int(v) >= 1,
        "{value!r} is not a whole number of deaths of at least 1 (digits 0-9, at most 18)",
    )
    for position in frame.index[frame.duplicated(CASUALTY_KEY)]:
        key = "/".join(frame.loc[position, CASUALTY_KEY])
        problems.append(
            Problem(file, _line(frame, position), "iso", f"{key!r} appears more than once")
        )
    if problems:
        return pd.DataFrame(columns=CASUALTY_COLUMNS), problems

    casualties = frame.copy()
    casualties["deaths"] = pd.to_numeric(casualties["deaths"]).astype("int64")
    return casualties, []


def _is_day(value: str) -> bool:
    if DAY_PATTERN.fullmatch(value) is None:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_daily(data_dir: Path) -> tuple[pd.DataFrame, list[Problem]]:
    file = DAILY_FILE
    frame, problems = _read_csv(data_dir / file, file, DAILY_COLUMNS)
    if problems:
        return pd.DataFrame(columns=DAILY_COLUMNS), problems
    problems += _check_cells(
        frame,
        file,
        "date",
        lambda v: v == UNKNOWN or _is_day(v),
        f"{{value!r}} is not a date (YYYY-MM-DD) or {UNKNOWN!r}",
    )
    problems += _check_cells(frame, file, "unit_type", lambda v: v.strip() != "", "is empty")
    problems += _check_cells(
        frame,
        file,
        "deaths",
        lambda v: WHOLE_NUMBER.fullmatch(v) is not None and int(v) >= 1,
        "{value!r} is not a whole number of deaths of at least 1 (digits 0-9, at most 18)",
    )
    for position in frame.index[frame.duplicated(["date", "unit_type"])]:
        key = "/".join(frame.loc[position, ["date", "unit_type"]])
        problems.append(
            Problem(file, _line(frame, position), "date", f"{key!r} appears more than once")
        )
    if problems:
        return pd.DataFrame(columns=DAILY_COLUMNS), problems
    daily = frame.copy()
    daily["deaths"] = pd.to_numeric(daily["deaths"]).astype("int64")
    return daily, []


def _check_factors(
    data_dir: Path, known_isos: Collection[str] | None
) -> tuple[pd.DataFrame, list[Problem]]:
    """One row per region; an empty cell is a value the source does not have (never filled)."""
    file = FACTORS_FILE
    frame, problems = _read_csv(data_dir / file, file, FACTOR_COLUMNS)
    if problems:
        return pd.DataFrame(columns=FACTOR_COLUMNS), problems
    known = set(known_isos) if known_isos is not None else None
    problems += _check_cells(
        frame,
        file,
        "iso",
        lambda v: (ISO_PATTERN.fullmatch(v) is not None) if known is None else v in known,
        f"{{value!r}} is not in {REGIONS_FILE}",
    )
    for column in FACTOR_WHOLE:
        problems += _check_cells(
            frame,
            file,
            column,
            lambda v: v == "" or WHOLE_NUMBER.fullmatch(v) is not None,
            "{value!r} is not a whole number (digits 0-9, at most 18) or empty",
        )
    problems += _check_cells(
        frame,
        file,
        "pct_non_russian_2010",
        lambda v: v == "" or (DECIMAL_NUMBER.fullmatch(v) is not None and float(v) <= 100),
        "{value!r} is not a percent from 0 to 100 or empty",
    )
    problems += _check_cells(
        frame,
        file,
        "pension_rise_pct",
        lambda v: v == "" or SIGNED_DECIMAL.fullmatch(v) is not None,
        "{value!r} is not a number (an optional minus, digits 0-9) or empty",
    )
    for position in frame.index[frame["iso"].duplicated()]:
        iso = frame.at[position, "iso"]
        problems.append(
            Problem(file, _line(frame, position), "iso", f"{iso!r} appears more than once")
        )
    if known is not None:
        missing = sorted(known - set(frame["iso"]))
        if missing:
            problems.append(
                Problem(file, None, "iso", f"no row for {name_some(missing)} of {REGIONS_FILE}")
            )
    if problems:
        return pd.DataFrame(columns=FACTOR_COLUMNS), problems
    factors = frame.copy()
    for column in FACTOR_WHOLE:
        factors[column] = pd.to_numeric(factors[column]).astype("Int64")
    for column in FACTOR_DECIMAL:
        factors[column] = pd.to_numeric(factors[column]).astype("float64")
    return factors, []


def _check_geometry(
    data_dir: Path, known_isos: Collection[str] | None
) -> tuple[dict[str, Any], list[Problem]]:
    file = GEOMETRY_FILE
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    path = data_dir / file
    if not path.is_file():
        return empty, [Problem(file, None, "", f"file not found: {path}")]
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
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


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise DataError(problems)


def load_regions(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Regions with typed columns: men_16_61 Int64 (may be NA), indicators float, flags bool."""
    regions, problems = _check_regions(data_dir)
    _raise_if(problems)
    return regions


def load_casualties(
    data_dir: Path = DATA_DIR, known_isos: Collection[str] | None = None
) -> pd.DataFrame:
    """Deaths by iso, month and unit_type (deaths int64; `unknown` buckets kept as text).

    With known_isos, an iso that is neither in it nor `unknown` is a problem; without it,
    only the code's shape is checked (use load_regional to check against regions.csv).
    """
    casualties, problems = _check_casualties(data_dir, known_isos)
    _raise_if(problems)
    return casualties


def load_geometry(
    data_dir: Path = DATA_DIR, known_isos: Collection[str] | None = None
) -> dict[str, Any]:
    """The boundaries as a GeoJSON dict; each feature has a (Multi)Polygon and a unique iso."""
    geometry, problems = _check_geometry(data_dir, known_isos)
    _raise_if(problems)
    return geometry


def load_regional(data_dir: Path = DATA_DIR) -> RegionalData:
    """All five files, checked on their own and against each other; one DataError for all.

    Across files: casualties, factors and features may only name regions in regions.csv,
    factors have a row for each of them, and the regions flagged has_polygon are exactly
    those with a feature.
    """
    regions, problems = _check_regions(data_dir)
    known = set(regions["iso"]) if not problems else None
    casualties, found = _check_casualties(data_dir, known)
    problems += found
    daily, found = _check_daily(data_dir)
    problems += found
    factors, found = _check_factors(data_dir, known)
    problems += found
    geometry, found = _check_geometry(data_dir, known)
    problems += found
    if known is not None and not found:
        drawn = {feature["properties"]["iso"] for feature in geometry["features"]}
        for position, row in regions.iterrows():
            if row["has_polygon"] != (row["iso"] in drawn):
                problems.append(
                    Problem(
                        REGIONS_FILE,
                        _line(regions, int(position)),
                        "has_polygon",
                        f"{row['iso']}: has_polygon is {str(row['has_polygon']).lower()} but "
                        f"{GEOMETRY_FILE} {'has' if row['iso'] in drawn else 'has no'} feature",
                    )
                )
    _raise_if(problems)
    return RegionalData(
        regions=regions, casualties=casualties, geometry=geometry, daily=daily, factors=factors
    )
