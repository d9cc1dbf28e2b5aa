"""homefront.regional: the committed files load; a broken cell is reported by file, line, field.

Each bad-file test writes a small good dataset to tmp_path, breaks one thing and asserts the
single Problem that results.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from homefront.datapackage import read_descriptor
from homefront.paths import (
    CASUALTIES_FILE,
    DAILY_FILE,
    FACTORS_FILE,
    GEOMETRY_FILE,
    REGIONS_FILE,
    ROOT,
)
from homefront.problems import DataError, Problem
from homefront.regional import load_regional
from homefront.table_schema import table_schema

REGIONS_CSV = """\
iso,name_en,name_ru,federal_district,men_16_61,pct_below_subsistence,mean_income_rub,unemployment_rate,subsistence_level_rub,occupied,has_polygon
BU,Buryatia,Республика Бурятия,Far Eastern,278885,20,26092,10.5,12333,false,true
TY,Tuva,Республика Тыва,Siberian,92884,31.7,18972,18,10674,false,true
UA-43,Crimea,Республика Крым,,,,,,,true,false
"""
CASUALTIES_CSV = """\
iso,month,unit_type,deaths
BU,2022-03,professional army,5
TY,unknown,unknown,2
unknown,2023-01,inmates,1
"""
DAILY_CSV = """\
date,unit_type,deaths
2022-03-04,professional army,5
unknown,unknown,2
2023-01-02,inmates,1
"""
FACTORS_CSV = """\
iso,men_2010_stated_ethnicity,ethnic_russian_men_2010,pct_non_russian_2010,yandex_svo_payments_10feb,yandex_payments_killed_10feb,yandex_payments_killed_19apr,survivor_pensions_2021,survivor_pensions_2022,pension_rise_pct
BU,429355,279660,34.865088,166,209,283,482,829,71.991701
TY,129555,21630,83.304388,245,174,197,35,176,402.857143
UA-43,,,,239,90,65,4057,4099,1.035248
"""
SQUARE = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]


def geojson() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"iso": iso, "name_en": iso},
                "geometry": {"type": "Polygon", "coordinates": SQUARE},
            }
            for iso in ["BU", "TY"]
        ],
    }


def write(
    data_dir: Path,
    regions: str = REGIONS_CSV,
    casualties: str = CASUALTIES_CSV,
    geometry: dict | None = None,
    daily: str = DAILY_CSV,
    factors: str = FACTORS_CSV,
) -> Path:
    (data_dir / "geo").mkdir(parents=True, exist_ok=True)
    (data_dir / DAILY_FILE).write_text(daily, encoding="utf-8")
    (data_dir / FACTORS_FILE).write_text(factors, encoding="utf-8")
    (data_dir / REGIONS_FILE).write_text(regions, encoding="utf-8")
    (data_dir / CASUALTIES_FILE).write_text(casualties, encoding="utf-8")
    text = json.dumps(geojson() if geometry is None else geometry)
    (data_dir / GEOMETRY_FILE).write_text(text, encoding="utf-8")
    return data_dir


def where(problem: Problem) -> tuple[str, int | None, str]:
    return problem.file, problem.line, problem.field


def only_problem(data_dir: Path) -> Problem:
    with pytest.raises(DataError) as caught:
        load_regional(data_dir)
    problems = caught.value.problems
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_the_committed_files_load():
    data = load_regional()
    assert len(data.regions) == 85
    assert data.casualties["deaths"].sum() == 20_253
    assert len(data.geometry["features"]) == 83
    assert str(data.regions["men_16_61"].dtype) == "Int64"
    assert data.regions["occupied"].dtype == bool


def test_a_good_small_dataset_loads_with_types(tmp_path):
    data = load_regional(write(tmp_path))
    regions = data.regions.set_index("iso")
    assert regions.loc["BU", "men_16_61"] == 278885
    assert regions.loc["BU", "unemployment_rate"] == 10.5
    assert regions.loc["UA-43", "occupied"]
    assert regions["men_16_61"].isna().sum() == 1
    assert data.casualties["deaths"].tolist() == [5, 2, 1]


def test_each_table_has_its_schemas_columns_and_types(tmp_path):
    """The descriptor's Table Schema, not code, says what each column holds."""
    data = load_regional(write(tmp_path))
    for file, table in [
        (REGIONS_FILE, data.regions),
        (CASUALTIES_FILE, data.casualties),
        (DAILY_FILE, data.daily),
        (FACTORS_FILE, data.factors),
    ]:
        schema = table_schema(file)
        assert list(table.columns) == schema.columns
        for field in schema.fields:
            kind = {"integer": "int", "number": "float", "boolean": "bool"}.get(field.type, "str")
            assert kind in str(table[field.name].dtype).lower(), (file, field.name)


# (file, text to replace, its replacement, (line, field) of the one problem, a phrase of it)
TEXTS = {
    REGIONS_FILE: REGIONS_CSV,
    CASUALTIES_FILE: CASUALTIES_CSV,
    DAILY_FILE: DAILY_CSV,
    FACTORS_FILE: FACTORS_CSV,
}
ARGUMENT = {REGIONS_FILE: "regions", CASUALTIES_FILE: "casualties", DAILY_FILE: "daily"}
ARGUMENT[FACTORS_FILE] = "factors"
BAD_CELLS = [
    (CASUALTIES_FILE, "army,5", "army,5.5", (2, "deaths"), "whole number"),
    # each row is a bucket of confirmed deaths; data/README.md says deaths >= 1
    (CASUALTIES_FILE, "army,5", "army,0", (2, "deaths"), "at least 1"),
    (CASUALTIES_FILE, "TY,unknown", "XX,unknown", (3, "iso"), f"'XX' is not in {REGIONS_FILE}"),
    (CASUALTIES_FILE, "TY,unknown", "ty,unknown", (3, "iso"), "does not match"),
    (CASUALTIES_FILE, "2023-01", "2023-1", (4, "month"), "YYYY-MM"),
    (CASUALTIES_FILE, "2022-03", "2022-13", (2, "month"), "YYYY-MM"),
    (CASUALTIES_FILE, "professional army", " ", (2, "unit_type"), "is empty"),
    (CASUALTIES_FILE, "unit_type,", "unit,", (1, "unit_type"), "missing"),
    (REGIONS_FILE, "12333,false", "12333,no", (2, "occupied"), "true or false"),
    (REGIONS_FILE, "92884", "92 884", (3, "men_16_61"), "digits 0-9"),
    (REGIONS_FILE, "92884", "00", (3, "men_16_61"), "at least 1"),  # a rate's denominator
    (REGIONS_FILE, "Siberian", "Siberia", (3, "federal_district"), "is not one of"),
    (REGIONS_FILE, "Siberian", " ", (3, "federal_district"), "is not one of"),  # not empty
    (REGIONS_FILE, ",92884,", ", ,", (3, "men_16_61"), "not a whole number"),
    (REGIONS_FILE, "TY,Tuva", "T1,Tuva", (3, "iso"), "ISO 3166-2"),
    (REGIONS_FILE, ",Buryatia", ", ", (2, "name_en"), "is empty"),
    (REGIONS_FILE, "31.7", "-31.7", (3, "pct_below_subsistence"), "at least 0"),
    (FACTORS_FILE, "71.991701", "lots", (2, "pension_rise_pct"), "not a number"),
    (FACTORS_FILE, "83.304388", "183.3", (3, "pct_non_russian_2010"), "at most 100"),
    (FACTORS_FILE, "BU,429355", "BU,-1", (2, "men_2010_stated_ethnicity"), "at least 0"),
    (DAILY_FILE, "2022-03-04", "2022-02-30", (2, "date"), "day of the calendar"),
    (DAILY_FILE, "2022-03-04", "2022-3-4", (2, "date"), "YYYY-MM-DD"),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "place", "phrase"), BAD_CELLS, ids=[f"{c[0]}:{c[2]}" for c in BAD_CELLS]
)
def test_a_bad_cell_is_one_problem_at_its_line_and_field(tmp_path, file, old, new, place, phrase):
    assert TEXTS[file].count(old) == 1, old
    write(tmp_path, **{ARGUMENT[file]: TEXTS[file].replace(old, new)})
    problem = only_problem(tmp_path)
    assert where(problem) == (file, *place)
    assert phrase in problem.message, problem.message


def test_the_same_bad_value_is_a_problem_on_every_line_it_is_on(tmp_path):
    """Each distinct value is judged once, but reported on each of its rows, in order."""
    bad = CASUALTIES_CSV.replace(",5\n", ",5.5\n").replace(",1\n", ",5.5\n")
    bad += "BU,2022-04,professional army,2\n" + "TY,2022-04,unknown,5.5\n"
    write(tmp_path, casualties=bad)
    with pytest.raises(DataError) as caught:
        load_regional(tmp_path)
    assert [where(p) for p in caught.value.problems] == [
        (CASUALTIES_FILE, line, "deaths") for line in (2, 4, 6)
    ]
    assert {p.message for p in caught.value.problems} == {
        "'5.5' is not a whole number (digits 0-9, at most 18)"
    }


REPEATED_ROWS = [
    (CASUALTIES_FILE, "BU,2022-03,professional army,1\n", (5, "iso")),
    (DAILY_FILE, "2022-03-04,professional army,9\n", (5, "date")),
    (REGIONS_FILE, REGIONS_CSV.splitlines()[1] + "\n", (5, "iso")),
    (FACTORS_FILE, FACTORS_CSV.splitlines()[1] + "\n", (5, "iso")),
]


@pytest.mark.parametrize(("file", "row", "place"), REPEATED_ROWS, ids=[c[0] for c in REPEATED_ROWS])
def test_a_repeated_key_is_reported_on_the_later_row(tmp_path, file, row, place):
    write(tmp_path, **{ARGUMENT[file]: TEXTS[file] + row})
    problem = only_problem(tmp_path)
    assert where(problem) == (file, *place) and "more than once" in problem.message


def test_feature_without_geometry(tmp_path):
    geometry = geojson()
    geometry["features"][1]["geometry"] = None
    write(tmp_path, geometry=geometry)
    assert where(only_problem(tmp_path)) == (GEOMETRY_FILE, None, "features[1].geometry")


def test_feature_without_iso(tmp_path):
    geometry = geojson()
    del geometry["features"][0]["properties"]["iso"]
    write(tmp_path, geometry=geometry)
    with pytest.raises(DataError) as caught:
        load_regional(tmp_path)
    fields = {(p.file, p.line, p.field) for p in caught.value.problems}
    assert (GEOMETRY_FILE, None, "features[0].properties.iso") in fields


def test_has_polygon_must_match_the_features(tmp_path):
    geometry = geojson()
    geometry["features"].pop()  # drop TY
    write(tmp_path, geometry=geometry)
    problem = only_problem(tmp_path)
    assert where(problem) == (REGIONS_FILE, 3, "has_polygon")


def test_invalid_json(tmp_path):
    write(tmp_path)
    (tmp_path / GEOMETRY_FILE).write_text('{"type": "FeatureCollection",\n "features": [}')
    problem = only_problem(tmp_path)
    assert (problem.file, problem.line) == (GEOMETRY_FILE, 2)


def test_invalid_json_after_a_lone_carriage_return_is_on_the_files_own_line(tmp_path):
    """A lone \r is no line break in the file (the property test found line 2 of a one-line
    file: reading as text had turned it into one)."""
    write(tmp_path)
    (tmp_path / GEOMETRY_FILE).write_bytes(b'\r"type": "FeatureCollection"}')
    problem = only_problem(tmp_path)
    assert (problem.file, problem.line) == (GEOMETRY_FILE, 1)


def test_missing_file(tmp_path):
    write(tmp_path)
    (tmp_path / CASUALTIES_FILE).unlink()
    problem = only_problem(tmp_path)
    assert problem.file == CASUALTIES_FILE and "not found" in problem.message


def test_every_problem_is_reported_at_once(tmp_path):
    casualties = CASUALTIES_CSV.replace("army,5", "army,five").replace("2023-01", "Jan")
    write(tmp_path, casualties=casualties)
    with pytest.raises(DataError) as caught:
        load_regional(tmp_path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "deaths"), (4, "month")]


def test_factors_load_with_empty_cells_kept_empty(tmp_path):
    factors = load_regional(write(tmp_path)).factors.set_index("iso")
    assert factors.loc["TY", "pct_non_russian_2010"] == pytest.approx(83.304388)
    assert factors.loc["UA-43", ["pct_non_russian_2010", "men_2010_stated_ethnicity"]].isna().all()
    assert str(factors["survivor_pensions_2022"].dtype) == "Int64"


def test_a_fall_in_pensions_is_a_number(tmp_path):
    write(tmp_path, factors=FACTORS_CSV.replace("71.991701", "-75.716793"))
    assert load_regional(tmp_path).factors["pension_rise_pct"].min() < 0


def test_factors_need_a_row_for_every_region(tmp_path):
    write(tmp_path, factors=FACTORS_CSV.replace("UA-43,,,,239,90,65,4057,4099,1.035248\n", ""))
    problem = only_problem(tmp_path)
    assert where(problem) == (FACTORS_FILE, None, "iso") and "UA-43" in problem.message


# the bad cells a Table Schema can see (the others are homefront.regional's named rules)
SCHEMA_CELLS = [c for c in BAD_CELLS if c[4] not in ("missing", "day of the calendar", "is empty")]
SCHEMA_CELLS = [c for c in SCHEMA_CELLS if "is not in" not in c[4]]


@pytest.mark.parametrize(
    ("file", "old", "new", "place", "phrase"),
    SCHEMA_CELLS,
    ids=[f"{c[0]}:{c[2]}" for c in SCHEMA_CELLS],
)
def test_frictionless_finds_the_same_cell_from_the_same_descriptor(
    tmp_path, file, old, new, place, phrase
):
    """One source of truth: `frictionless validate` of the descriptor's Table Schema flags
    the very cell the app reports."""
    frictionless = pytest.importorskip("frictionless")
    (tmp_path / "table.csv").write_text(TEXTS[file].replace(old, new), encoding="utf-8")
    resource = next(r for r in read_descriptor(ROOT / "data")["resources"] if r["path"] == file)
    schema = frictionless.Schema.from_descriptor(resource["schema"])
    table = frictionless.Resource(path="table.csv", basepath=str(tmp_path), schema=schema)
    report = table.validate()
    flagged = {tuple(error) for error in report.flatten(["rowNumber", "fieldName"])}
    assert place in flagged, report.flatten(["rowNumber", "fieldName", "note"])
