"""scripts/build_region_factors.py: the committed factors are the source's, read independently."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from homefront.paths import DATA_DIR, FACTORS_FILE, REGIONS_FILE, ROOT

SOURCE_DIR = ROOT.parent / "shared" / "sources" / "bessudnov-2023"
needs_sources = pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason=f"source pack not present at {SOURCE_DIR}"
)


def factors() -> dict[str, dict[str, str]]:
    with (DATA_DIR / FACTORS_FILE).open(encoding="utf-8", newline="") as f:
        return {row["iso"]: row for row in csv.DictReader(f)}


def source_rows(name: str, key: str) -> dict[str, dict[str, str]]:
    with (SOURCE_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return {row[key].strip(): row for row in csv.DictReader(f)}


def test_one_row_per_region_and_crimea_sevastopol_left_empty():
    regions = pd.read_csv(DATA_DIR / REGIONS_FILE, dtype=str, keep_default_na=False)
    table = factors()
    assert sorted(table) == sorted(regions["iso"])
    for iso in ("UA-43", "UA-40"):  # not in the 2010 census: empty, never filled
        assert table[iso]["pct_non_russian_2010"] == ""
        assert table[iso]["men_2010_stated_ethnicity"] == ""


@needs_sources
def test_percent_non_russian_is_100_minus_perc_rus():
    census = source_rows("census_2010_ethn.csv", "regNameISO")
    table = factors()
    for iso, row in census.items():
        expected = 100 - float(row["percRus"])
        assert float(table[iso]["pct_non_russian_2010"]) == pytest.approx(expected, abs=1e-6)
        assert int(table[iso]["ethnic_russian_men_2010"]) == int(row["nRusMen"])
    assert len(census) == 83


@needs_sources
def test_pensions_and_their_rise_match_the_source():
    pensions = source_rows("dataPensiiMO2022.csv", "regionISO")
    table = factors()
    for iso, row in pensions.items():
        before, after = int(row["year2021"]), int(row["year2022"])
        assert int(table[iso]["survivor_pensions_2021"]) == before
        rise = (after - before) / before * 100
        assert float(table[iso]["pension_rise_pct"]) == pytest.approx(rise, abs=1e-6)
    assert table["OMS"]["pension_rise_pct"].startswith("-")  # the error the paper notes
    assert {iso for iso, row in table.items() if row["pension_rise_pct"] == ""} == {"CHU", "NEN"}


@needs_sources
def test_search_affinity_matches_the_source():
    yandex = source_rows("yandex_searches.csv", "regNameISO")
    table = factors()
    for iso, row in yandex.items():
        assert table[iso]["yandex_payments_killed_19apr"] == row["vyplaty_pogibshim_19Apr"]
        assert table[iso]["yandex_payments_killed_10feb"] == row["vyplaty_pogibshim_10Feb"]
        assert table[iso]["yandex_svo_payments_10feb"] == row["svo_vyplaty_10Feb"]
