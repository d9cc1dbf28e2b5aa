"""Build data/region_factors.csv: per region, the 2010 ethnic share, search and pension signals.

Usage:
    python scripts/build_region_factors.py --input ../shared/sources/bessudnov-2023
        [--regions data/regions.csv] [--output data]

Source: A. Bessudnov (2023), "Ethnic and regional inequalities in the Russian military
fatalities in Ukraine", Demographic Research 48(31), https://doi.org/10.4054/DemRes.2023.48.31;
replication files from github.com/abessudnov/ruCasualtiesPublic (June 2023 update):
- census_2010_ethn.csv: men with a stated ethnicity and ethnic Russian men, 2010 census. The
  paper's predictor is 100 - percRus, the percent not ethnically Russian among men with a
  stated ethnicity. Crimea and Sevastopol were not in that census: their cells stay empty.
- yandex_searches.csv: Yandex Wordstat regional affinity (100 = average) for three payment
  phrases the paper correlates with the death rate.
- dataPensiiMO2022.csv: survivors' pensions awarded by the Defence Ministry, 2021 and 2022,
  and the paper's rise: (2022 - 2021) / 2021 * 100. The paper's author notes errors in it.

One row per region of regions.csv, in its order (by iso); only region-level figures are
written. Decimals are written with a fixed number of places by Python's own formatting, so
the file is byte-identical wherever it is rebuilt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from homefront.regional import FACTOR_COLUMNS

ETHNICITY_FILE = "census_2010_ethn.csv"
YANDEX_FILE = "yandex_searches.csv"
PENSIONS_FILE = "dataPensiiMO2022.csv"
OUTPUT_NAME = "region_factors.csv"
DECIMALS = 6
# source column -> output column: the payment phrases of the paper's check
YANDEX_COLUMNS = {
    "svo_vyplaty_10Feb": "yandex_svo_payments_10feb",
    "vyplaty_pogibshim_10Feb": "yandex_payments_killed_10feb",
    "vyplaty_pogibshim_19Apr": "yandex_payments_killed_19apr",
}
NOT_IN_2010_CENSUS = {"UA-43", "UA-40"}  # Crimea, Sevastopol: occupied after 2010


def decimal(value: float) -> str:
    """A fixed-point text ('' for a missing value): the same bytes on every machine."""
    return "" if pd.isna(value) else f"{value:.{DECIMALS}f}"


def whole(value: float) -> str:
    return "" if pd.isna(value) else str(int(value))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True, help="bessudnov-2023 source folder")
    parser.add_argument("--regions", type=Path, default=Path("data/regions.csv"))
    parser.add_argument("--output", type=Path, default=Path("data"), help="data folder")
    args = parser.parse_args()

    # --- load -------------------------------------------------------------------------------
    # utf-8-sig: the search and pension files start with a byte-order mark
    read = {"encoding": "utf-8-sig", "keep_default_na": False, "dtype": str}
    regions = pd.read_csv(args.regions, **read)
    ethnicity = pd.read_csv(args.input / ETHNICITY_FILE, **read)
    yandex = pd.read_csv(args.input / YANDEX_FILE, **read)
    pensions = pd.read_csv(args.input / PENSIONS_FILE, **read)

    # --- process ----------------------------------------------------------------------------
    known = set(regions["iso"])
    for frame, key, file in [
        (ethnicity, "regNameISO", ETHNICITY_FILE),
        (yandex, "regNameISO", YANDEX_FILE),
        (pensions, "regionISO", PENSIONS_FILE),
    ]:
        frame[key] = frame[key].str.strip()
        assert frame[key].is_unique, f"{file}: a region appears twice"
        strangers = sorted(set(frame[key]) - known)
        assert not strangers, f"{file}: codes not in regions.csv: {strangers}"
        missing = sorted(known - set(frame[key]))
        print(f"{file}: {len(frame)} regions; none for {', '.join(missing) or 'no region'}")
    missing_census = known - set(ethnicity["regNameISO"])
    assert missing_census == NOT_IN_2010_CENSUS, (
        f"{ETHNICITY_FILE} lacks {sorted(missing_census)}; expected only Crimea and Sevastopol"
    )

    ethnic = ethnicity.set_index("regNameISO")
    stated = pd.to_numeric(ethnic["nMen_ethn_nonmissing"])
    russian = pd.to_numeric(ethnic["nRusMen"])
    perc_rus = pd.to_numeric(ethnic["percRus"])
    # the source's percent is the share of ethnic Russians among men with a stated ethnicity
    assert ((russian / stated * 100 - perc_rus).abs() < 1e-9).all(), "percRus is not nRusMen/n"
    search = yandex.set_index("regNameISO")[list(YANDEX_COLUMNS)].apply(pd.to_numeric)
    awarded = pensions.set_index("regionISO")[["year2021", "year2022"]].apply(pd.to_numeric)
    rise = (awarded["year2022"] - awarded["year2021"]) / awarded["year2021"] * 100

    iso = regions["iso"]
    table = pd.DataFrame({"iso": iso})
    table["men_2010_stated_ethnicity"] = iso.map(stated).map(whole)
    table["ethnic_russian_men_2010"] = iso.map(russian).map(whole)
    table["pct_non_russian_2010"] = iso.map(100 - perc_rus).map(decimal)
    for source, column in YANDEX_COLUMNS.items():
        table[column] = iso.map(search[source]).map(whole)
    table["survivor_pensions_2021"] = iso.map(awarded["year2021"]).map(whole)
    table["survivor_pensions_2022"] = iso.map(awarded["year2022"]).map(whole)
    table["pension_rise_pct"] = iso.map(rise).map(decimal)
    table = table[FACTOR_COLUMNS].sort_values("iso").reset_index(drop=True)

    for column in FACTOR_COLUMNS[1:]:
        empty = table.loc[table[column] == "", "iso"].tolist()
        if empty:
            print(f"{column}: empty for {', '.join(empty)} (not in the source; never filled)")

    # --- write ------------------------------------------------------------------------------
    args.output.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.output / OUTPUT_NAME, index=False, lineterminator="\n")
    print(f"wrote {args.output / OUTPUT_NAME}: {len(table)} regions")


if __name__ == "__main__":
    main()
