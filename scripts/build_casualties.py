"""Build data/casualties_by_region_month.csv and data/casualties_by_day.csv from the deaths.

The first counts confirmed deaths by region, month and unit type (the map and its rates); the
second counts them nationwide by confirmation day and unit type, so a claim made on a given
day can be set beside what the count held by that day (the Why these regions page).

Usage:
    python scripts/build_casualties.py --input ../shared/sources/bessudnov-2023 [--output data]

Source: A. Bessudnov (2023), "Ethnic and regional inequalities in the Russian military
fatalities in Ukraine", SocArXiv, https://doi.org/10.31235/osf.io/s43yf; file
dfFatalitiesAnonymised.csv from github.com/abessudnov/ruCasualtiesPublic (June 2023 update).

The source has one row per confirmed death; only counts leave this script. Every record is
counted exactly once: a record with no region, no date or no unit type goes to an `unknown`
bucket instead of being dropped, so the table always adds up to the source's total.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

FATALITIES_FILE = "dfFatalitiesAnonymised.csv"
CENSUS_FILE = "census2021_nMen16-615.csv"  # the denominator file maps English names to ISO codes
OUTPUT_NAME = "casualties_by_region_month.csv"
DAILY_NAME = "casualties_by_day.csv"
EXPECTED_RECORDS = 20_253  # June 2023 update; change only when the source pack is updated
UNKNOWN = "unknown"
KEY = ["iso", "month", "unit_type"]
DAILY_KEY = ["date", "unit_type"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True, help="bessudnov-2023 source folder")
    parser.add_argument("--output", type=Path, default=Path("data"), help="data folder")
    args = parser.parse_args()

    # --- load -------------------------------------------------------------------------------
    # A real CSV parser: the `source` column holds quoted newlines, so lines are not records.
    read = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    deaths = pd.read_csv(
        args.input / FATALITIES_FILE, usecols=["deathConfirmedDate", "unitType", "region"], **read
    )
    census = pd.read_csv(args.input / CENSUS_FILE, usecols=["regNameEng", "regNameISO"], **read)

    # --- process ----------------------------------------------------------------------------
    assert len(deaths) == EXPECTED_RECORDS, (
        f"{FATALITIES_FILE} has {len(deaths)} records, expected {EXPECTED_RECORDS}: "
        "a new source update? check the parse (quoted newlines) and update EXPECTED_RECORDS"
    )
    iso_of = dict(
        zip(census["regNameEng"].str.strip(), census["regNameISO"].str.strip(), strict=True)
    )
    region = deaths["region"].str.strip()
    unmapped = sorted(set(region[(region != "") & ~region.isin(list(iso_of))]))
    iso = region.map(iso_of).fillna(UNKNOWN)

    date_text = deaths["deathConfirmedDate"].str.strip()
    dates = pd.to_datetime(date_text, format="%Y-%m-%d", errors="coerce")
    bad_dates = sorted(set(date_text[(date_text != "") & dates.isna()]))
    assert not bad_dates, f"dates not in YYYY-MM-DD form: {bad_dates[:10]}; decide how to read them"
    month = dates.dt.strftime("%Y-%m").fillna(UNKNOWN)
    day = dates.dt.strftime("%Y-%m-%d").fillna(UNKNOWN)

    unit = deaths["unitType"].str.strip().replace("", UNKNOWN)

    table = (
        pd.DataFrame({"iso": iso, "month": month, "unit_type": unit})
        .groupby(KEY, as_index=False)
        .size()
        .rename(columns={"size": "deaths"}, errors="raise")
        .sort_values(KEY)
        .reset_index(drop=True)
    )
    assert table["deaths"].sum() == EXPECTED_RECORDS, "every record must be counted exactly once"
    daily = (
        pd.DataFrame({"date": day, "unit_type": unit})
        .groupby(DAILY_KEY, as_index=False)
        .size()
        .rename(columns={"size": "deaths"}, errors="raise")
        .sort_values(DAILY_KEY)
        .reset_index(drop=True)
    )
    assert daily["deaths"].sum() == EXPECTED_RECORDS, "every record must be counted exactly once"

    print(
        f"records: {len(deaths)}; first death {dates.min():%Y-%m-%d}, last {dates.max():%Y-%m-%d}"
    )
    empty_region = int((region == "").sum())
    unmapped_records = int((iso == UNKNOWN).sum()) - empty_region
    print(f"unknown region, empty in the source: {empty_region}")
    print(f"unknown region, name not in {CENSUS_FILE}: {unmapped_records}")
    print(f"unmapped region names: {unmapped or 'none'}")
    print(f"unknown month (no deathConfirmedDate): {(month == UNKNOWN).sum()}")
    print(f"unknown unit type (empty unitType): {(unit == UNKNOWN).sum()}")
    print(f"unit types: {sorted(unit.unique())}")

    # --- write ------------------------------------------------------------------------------
    args.output.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.output / OUTPUT_NAME, index=False, lineterminator="\n")
    print(f"wrote {args.output / OUTPUT_NAME}: {len(table)} rows, {table['deaths'].sum()} deaths")
    daily.to_csv(args.output / DAILY_NAME, index=False, lineterminator="\n")
    print(f"wrote {args.output / DAILY_NAME}: {len(daily)} rows, {daily['deaths'].sum()} deaths")


if __name__ == "__main__":
    main()
