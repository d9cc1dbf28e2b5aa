"""homefront.regional: the committed files load; a broken cell is reported by file, line, field.

Each bad-file test writes a small good dataset to tmp_path, breaks one thing and asserts the
single Problem that results.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from homefront.paths import (
    CASUALTIES_FILE,
    DAILY_FILE,
    FACTORS_FILE,
    GEOMETRY_FILE,
    REGIONS_FILE,
)
from homefront.problems import DataError, Problem
from homefront.regional import (
    load_casualties,
    load_geometry,
    load_regional,
    load_regions,
)

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


def test_each_file_loads_on_its_own(tmp_path):
    write(tmp_path)
    assert len(load_regions(tmp_path)) == 3
    assert len(load_casualties(tmp_path, known_isos={"BU", "TY"})) == 3
    assert len(load_geometry(tmp_path)["features"]) == 2


def test_non_integer_deaths(tmp_path):
    write(tmp_path, casualties=CASUALTIES_CSV.replace("army,5", "army,5.5"))
    assert where(only_problem(tmp_path)) == (CASUALTIES_FILE, 2, "deaths")


def test_zero_deaths_is_a_curation_slip(tmp_path):
    # each row is a bucket of confirmed deaths; data/README.md says deaths >= 1
    write(tmp_path, casualties=CASUALTIES_CSV.replace("army,5", "army,0"))
    problem = only_problem(tmp_path)
    assert where(problem) == (CASUALTIES_FILE, 2, "deaths")
    assert "at least 1" in problem.message


def test_unknown_iso_in_casualties(tmp_path):
    write(tmp_path, casualties=CASUALTIES_CSV.replace("TY,unknown", "XX,unknown"))
    problem = only_problem(tmp_path)
    assert where(problem) == (CASUALTIES_FILE, 3, "iso")
    assert "'XX'" in problem.message and REGIONS_FILE in problem.message


def test_bad_month_format(tmp_path):
    write(tmp_path, casualties=CASUALTIES_CSV.replace("2023-01", "2023-1"))
    problem = only_problem(tmp_path)
    assert where(problem) == (CASUALTIES_FILE, 4, "month")
    assert "YYYY-MM" in problem.message


def test_duplicated_casualty_key(tmp_path):
    write(tmp_path, casualties=CASUALTIES_CSV + "BU,2022-03,professional army,1\n")
    assert where(only_problem(tmp_path)) == (CASUALTIES_FILE, 5, "iso")


def test_missing_column_is_reported_on_line_1(tmp_path):
    write(tmp_path, casualties=CASUALTIES_CSV.replace("unit_type,", "unit,"))
    problem = only_problem(tmp_path)
    assert where(problem) == (CASUALTIES_FILE, 1, "unit_type")
    assert "missing" in problem.message


def test_bad_boolean_in_regions(tmp_path):
    write(tmp_path, regions=REGIONS_CSV.replace("12333,false", "12333,no"))
    assert where(only_problem(tmp_path)) == (REGIONS_FILE, 2, "occupied")


def test_non_numeric_denominator(tmp_path):
    write(tmp_path, regions=REGIONS_CSV.replace("92884", "92 884"))
    assert where(only_problem(tmp_path)) == (REGIONS_FILE, 3, "men_16_61")


def test_unknown_federal_district(tmp_path):
    write(tmp_path, regions=REGIONS_CSV.replace("Siberian", "Siberia"))
    assert where(only_problem(tmp_path)) == (REGIONS_FILE, 3, "federal_district")


def test_duplicated_region(tmp_path):
    write(tmp_path, regions=REGIONS_CSV + REGIONS_CSV.splitlines()[1] + "\n")
    assert where(only_problem(tmp_path)) == (REGIONS_FILE, 5, "iso")


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


def test_a_fall_in_pensions_is_a_number_but_a_word_is_not(tmp_path):
    write(tmp_path, factors=FACTORS_CSV.replace("71.991701", "-75.716793"))
    assert load_regional(tmp_path).factors["pension_rise_pct"].min() < 0
    write(tmp_path, factors=FACTORS_CSV.replace("71.991701", "lots"))
    assert where(only_problem(tmp_path)) == (FACTORS_FILE, 2, "pension_rise_pct")


def test_factors_need_a_row_for_every_region(tmp_path):
    write(tmp_path, factors=FACTORS_CSV.replace("UA-43,,,,239,90,65,4057,4099,1.035248\n", ""))
    problem = only_problem(tmp_path)
    assert where(problem) == (FACTORS_FILE, None, "iso") and "UA-43" in problem.message


def test_a_percent_over_100_is_reported(tmp_path):
    write(tmp_path, factors=FACTORS_CSV.replace("83.304388", "183.3"))
    assert where(only_problem(tmp_path)) == (FACTORS_FILE, 3, "pct_non_russian_2010")


def test_a_bad_day_is_reported(tmp_path):
    write(tmp_path, daily=DAILY_CSV.replace("2022-03-04", "2022-02-30"))
    assert where(only_problem(tmp_path)) == (DAILY_FILE, 2, "date")
