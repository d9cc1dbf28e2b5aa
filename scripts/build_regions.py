"""Build data/regions.csv: one row per region with its denominator and economic indicators.

Usage:
    python scripts/build_regions.py --input ../shared/sources/bessudnov-2023 [--output data]

Source: A. Bessudnov (2023), "Ethnic and regional inequalities in the Russian military
fatalities in Ukraine", SocArXiv, https://doi.org/10.31235/osf.io/s43yf; replication files
from github.com/abessudnov/ruCasualtiesPublic (June 2023 update). The federal-district column is
not in those files: it is the official assignment hard-coded below. `has_polygon` says whether
the Digital Chart of the World for GMT (Debian package gmt-dcw) has a boundary for the region.

Only region-level figures are written; nothing row-level from the source pack.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from homefront.regional import REGION_COLUMNS

CENSUS_FILE = "census2021_nMen16-615.csv"
CHARACTERISTICS_FILE = "regionCharacteristics.csv"
NAMES_FILE = "regNames.csv"
FATALITIES_FILE = "dfFatalitiesAnonymised.csv"
DEFAULT_DCW_STATES = Path("/usr/share/gmt-dcw/dcw-states.txt")
OUTPUT_NAME = "regions.csv"

# the columns homefront.regional reads: one list, so builder and loader cannot drift
OUTPUT_COLUMNS = REGION_COLUMNS

# Occupied Ukrainian territory that Russia claims as federal subjects. Keyed by the English name
# the source files use; the codes are the ISO 3166-2:UA codes (UA-43 Autonomous Republic of
# Crimea, UA-40 Sevastopol), which the census and characteristics files use. regNames.csv has the
# two codes the other way round; this script reports that and follows ISO 3166-2:UA.
OCCUPIED = {"Crimea": "UA-43", "Sevastopol": "UA-40"}
OCCUPIED_NAME_RU = {"Crimea": "Республика Крым", "Sevastopol": "Севастополь"}

# Official assignment of the 83 federal subjects (ISO 3166-2:RU suffixes) to the eight federal
# districts, as in force since the presidential decree of 3 November 2018 that moved Buryatia and
# Zabaykalsky Krai from the Siberian to the Far Eastern district. Crimea and Sevastopol are not
# assigned: they are occupied Ukrainian territory.
FEDERAL_DISTRICTS = {
    "Central": [
        "BEL", "BRY", "VLA", "VOR", "IVA", "KLU", "KOS", "KRS", "LIP",
        "MOS", "MOW", "ORL", "RYA", "SMO", "TAM", "TVE", "TUL", "YAR",
    ],
    "Northwestern": ["KR", "KO", "ARK", "NEN", "VLG", "KGD", "LEN", "MUR", "NGR", "PSK", "SPE"],
    "Southern": ["AD", "KL", "KDA", "AST", "VGG", "ROS"],
    "North Caucasian": ["DA", "IN", "KB", "KC", "SE", "CE", "STA"],
    "Volga": [
        "BA", "ME", "MO", "TA", "UD", "CU", "PER", "KIR", "NIZ", "ORE", "PNZ", "SAM", "SAR", "ULY",
    ],
    "Ural": ["KGN", "SVE", "TYU", "KHM", "YAN", "CHE"],
    "Siberian": ["AL", "TY", "KK", "ALT", "KYA", "IRK", "KEM", "NVS", "OMS", "TOM"],
    "Far Eastern": ["BU", "SA", "ZAB", "KAM", "PRI", "KHA", "AMU", "MAG", "SAK", "YEV", "CHU"],
}  # fmt: skip
DISTRICT_OF = {iso: district for district, isos in FEDERAL_DISTRICTS.items() for iso in isos}
N_FEDERAL_SUBJECTS = 83


def read_dcw_codes(states_file: Path) -> set[str]:
    """Russian subject codes that have a polygon in the DCW (lines `RU <CODE> <name>`)."""
    codes = set()
    for line in states_file.read_text(encoding="utf-8").splitlines():
        parts = line.split(maxsplit=2)
        if len(parts) >= 2 and parts[0] == "RU":
            codes.add(parts[1])
    return codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, required=True, help="bessudnov-2023 source folder")
    parser.add_argument("--output", type=Path, default=Path("data"), help="data folder")
    parser.add_argument("--dcw-states", type=Path, default=DEFAULT_DCW_STATES)
    args = parser.parse_args()

    # --- load -------------------------------------------------------------------------------
    read = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    census = pd.read_csv(args.input / CENSUS_FILE, **read)
    characteristics = pd.read_csv(args.input / CHARACTERISTICS_FILE, **read)
    names = pd.read_csv(args.input / NAMES_FILE, **read)
    fatality_regions = pd.read_csv(args.input / FATALITIES_FILE, usecols=["region"], **read)
    dcw_codes = read_dcw_codes(args.dcw_states)

    # --- process ----------------------------------------------------------------------------
    assert len(DISTRICT_OF) == N_FEDERAL_SUBJECTS, "FEDERAL_DISTRICTS must list 83 codes once each"
    for frame, file in [(census, CENSUS_FILE), (characteristics, CHARACTERISTICS_FILE)]:
        assert frame["regNameEng"].is_unique and frame["regNameISO"].is_unique, (
            f"{file}: region names and ISO codes should be unique; check for duplicated rows"
        )
    census = census.rename(
        columns={"regNameEng": "name_en", "regNameISO": "iso", "region": "name_ru"}, errors="raise"
    )
    characteristics = characteristics.rename(
        columns={
            "regNameEng": "name_en",
            "regNameISO": "iso_characteristics",
            "percBelowSubsistence": "pct_below_subsistence",
            "unemploymentRate": "unemployment_rate",
            "subsistenceLevel": "subsistence_level_rub",
            "meanIncome": "mean_income_rub",
        },
        errors="raise",
    )
    regions = census.merge(characteristics, on="name_en", how="outer", indicator=True)
    unmatched = regions.loc[regions["_merge"] != "both", "name_en"].tolist()
    assert not unmatched, f"census and characteristics files name different regions: {unmatched}"
    clash = regions[regions["iso"] != regions["iso_characteristics"]]
    assert clash.empty, f"census and characteristics disagree on ISO codes: {clash['name_en']}"
    regions = regions.drop(columns=["_merge", "iso_characteristics"], errors="raise")
    regions = regions.rename(columns={"nMen16_615_2021": "men_16_61"}, errors="raise")

    # Occupied territories named anywhere in the sources get a row even without census figures.
    named_somewhere = set(names["regNameEng"]) | set(fatality_regions["region"])
    for name_en, iso in OCCUPIED.items():
        if name_en in named_somewhere and name_en not in set(regions["name_en"]):
            print(f"{name_en}: in the sources but not in {CENSUS_FILE}; added without figures")
            extra = {"iso": iso, "name_en": name_en, "name_ru": OCCUPIED_NAME_RU[name_en]}
            regions = pd.concat([regions, pd.DataFrame([extra])], ignore_index=True)
    regions = regions.fillna("")
    for name_en, iso in OCCUPIED.items():
        rows = regions[regions["name_en"] == name_en]
        assert rows.empty or (rows["iso"] == iso).all(), (
            f"{name_en} has code {rows['iso'].tolist()} in the census file; expected {iso} "
            "(ISO 3166-2:UA); check whether the source swapped the codes"
        )

    # regNames.csv is only a cross-check: report where it disagrees with the census file.
    names_iso = dict(zip(names["regNameEng"], names["regNameISO"].str.strip(), strict=True))
    names_ru = dict(zip(names["regNameEng"], names["regName"].str.strip(), strict=True))
    for row in regions.itertuples():
        if names_iso.get(row.name_en) != row.iso:
            print(
                f"{NAMES_FILE}: {row.name_en} has code {names_iso.get(row.name_en)!r}, the census "
                f"file {row.iso!r}; using {row.iso!r}"
            )
            assert row.name_en in OCCUPIED, f"unexpected code mismatch for {row.name_en}"
        if names_ru.get(row.name_en) != row.name_ru:
            print(
                f"{NAMES_FILE}: Russian name of {row.name_en} differs: {names_ru.get(row.name_en)}"
            )
    not_in_regions = sorted(set(names_iso) - set(regions["name_en"]))
    assert not not_in_regions, f"{NAMES_FILE} names regions missing elsewhere: {not_in_regions}"

    regions["occupied"] = regions["name_en"].isin(list(OCCUPIED))
    regions["federal_district"] = regions["iso"].map(DISTRICT_OF).fillna("")
    subjects = regions.loc[~regions["occupied"], "iso"]
    assert len(subjects) == N_FEDERAL_SUBJECTS, f"expected 83 federal subjects, got {len(subjects)}"
    assert set(subjects) == set(DISTRICT_OF), (
        f"codes without a district: {sorted(set(subjects) - set(DISTRICT_OF))}; "
        f"district codes not in the census: {sorted(set(DISTRICT_OF) - set(subjects))}"
    )
    regions["has_polygon"] = regions["iso"].isin(dcw_codes)
    for column in ["occupied", "has_polygon"]:
        regions[column] = regions[column].map({True: "true", False: "false"})
    for column in ["men_16_61", "mean_income_rub", "subsistence_level_rub"]:
        assert regions[column].str.fullmatch(r"\d*").all(), f"{column} should hold whole numbers"
    for column in ["pct_below_subsistence", "unemployment_rate"]:
        assert regions[column].str.fullmatch(r"(\d+(\.\d+)?)?").all(), f"{column} not numeric"
    regions = regions[OUTPUT_COLUMNS].sort_values("iso").reset_index(drop=True)

    for column in OUTPUT_COLUMNS:
        empty = regions.loc[regions[column] == "", "iso"].tolist()
        if empty:
            print(f"{column}: empty for {', '.join(empty)}")
    no_polygon = regions.loc[regions["has_polygon"] == "false", "iso"].tolist()
    print(f"no DCW polygon: {', '.join(no_polygon) or 'none'}")
    unused_dcw = sorted(dcw_codes - set(regions["iso"]))
    print(f"DCW codes not in the census file: {', '.join(unused_dcw) or 'none'}")

    # --- write ------------------------------------------------------------------------------
    args.output.mkdir(parents=True, exist_ok=True)
    regions.to_csv(args.output / OUTPUT_NAME, index=False, lineterminator="\n")
    print(f"wrote {args.output / OUTPUT_NAME}: {len(regions)} regions")


if __name__ == "__main__":
    main()
