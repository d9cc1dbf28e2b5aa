"""Deaths per 100,000 men aged 16 to 61.5, by region, for any window of months and unit types.

The denominator is the paper's: men aged 16 to 61.5 in the 2021 census (Bessudnov 2023,
https://doi.org/10.31235/osf.io/s43yf). Confirmed deaths are a lower bound, so a rate here is
a lower bound too; the interval only covers the chance variation of a count, not the coverage
of the obituary search.

Window rule, and why: the source has deaths with no confirmation date (the `unknown` month).
They belong to the whole period but to no month in it. So they are counted when the window
is the full period (no start and no end, or a start and an end that reach the first and last
month with deaths) and left out of any narrower window, where counting them would put deaths
from outside the window into it. A narrower window therefore never adds up to the full total.

Occupied territory (Crimea, Sevastopol) gets a rate when regions.csv has its denominator, but
no rank and no place in the correlation: both compare Russia's federal subjects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from homefront.regional import UNKNOWN

PER = 100_000
CONFIDENCE = 0.95
MIN_CORRELATED = 3  # regions a correlation needs: two points always lie on a line

MonthLike = str | dt.date | pd.Timestamp | None

RATE_COLUMNS = [
    "iso",
    "name_en",
    "name_ru",
    "federal_district",
    "occupied",
    "deaths",
    "men_16_61",
    "rate_per_100k",
    "rate_low",
    "rate_high",
    "rank",
    "pct_below_subsistence",
    "mean_income_rub",
    "unemployment_rate",
    "subsistence_level_rub",
]


@dataclass(frozen=True)
class Correlation:
    """A Spearman rank correlation and the number of regions it rests on."""

    rho: float
    p_value: float
    n: int


def to_month(value: MonthLike) -> str | None:
    """'YYYY-MM' for a month, a 'YYYY-MM-DD' string, a date or a Timestamp; None stays None.

    Windows work in whole months (the data's resolution): a date stands for its month.
    """
    if value is None:
        return None
    return pd.Timestamp(value).strftime("%Y-%m")


def month_window(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """A window of days as the counts see it: each day stands for the first of its month.

    Two windows over the same months count the same deaths, so what is drawn from the
    counts, keyed by this, is shared by every day the window's ends are dragged through
    within their months (components/views.py builds it once).
    """
    return start.replace(day=1), end.replace(day=1)


def known_months(casualties: pd.DataFrame) -> list[str]:
    """Every month from the first to the last month with a death, gaps included.

    From the distinct months, a few dozen, rather than a min and max over every record: a
    string comparison per record made this a tenth of a new Regions view at 100x data.
    """
    months = sorted(set(casualties["month"].unique()) - {UNKNOWN})
    if not months:
        return []
    span = pd.period_range(months[0], months[-1], freq="M")
    return [str(period) for period in span]


def covers_full_period(
    casualties: pd.DataFrame, start: MonthLike = None, end: MonthLike = None
) -> bool:
    """Whether a window reaches the first and last month with deaths: the full period, the
    only window that counts the records with no month (see the module docstring)."""
    first_month, last_month = to_month(start), to_month(end)
    months = known_months(casualties)
    return (first_month is None or not months or first_month <= months[0]) and (
        last_month is None or not months or last_month >= months[-1]
    )


def filter_casualties(
    casualties: pd.DataFrame,
    start: MonthLike = None,
    end: MonthLike = None,
    unit_types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The rows inside a window of months (inclusive) and of the given unit types.

    unit_types None means all, including `unknown`. See the module docstring for the rule on
    `unknown` months: kept for the full period, dropped from any narrower window.
    """
    first_month, last_month = to_month(start), to_month(end)
    if first_month and last_month and first_month > last_month:
        raise ValueError(f"window starts ({first_month}) after it ends ({last_month})")
    full_period = covers_full_period(casualties, first_month, last_month)
    month = casualties["month"]
    known = month != UNKNOWN
    inside = known
    if first_month is not None:
        inside = inside & (month >= first_month)
    if last_month is not None:
        inside = inside & (month <= last_month)
    keep = inside | (~known & full_period)
    if unit_types is not None:
        keep = keep & casualties["unit_type"].isin(list(unit_types))
    return casualties[keep]


def deaths_by_month_and_unit(casualties: pd.DataFrame) -> pd.DataFrame:
    """Deaths per month and unit type (columns month, unit_type, deaths), every region, the
    `unknown` month rows of their own.

    filter_casualties reads it as it reads the records, window and unit-type rules included,
    so a total for a window sums a row a month and unit type instead of every record (412,500
    at 100x data); so does region_counts.unknown_month_deaths.
    """
    return casualties.groupby(["month", "unit_type"], as_index=False)["deaths"].sum()


def poisson_interval(
    deaths: Sequence[int] | np.ndarray | int, confidence: float = CONFIDENCE
) -> tuple[np.ndarray, np.ndarray]:
    """Exact (Garwood) Poisson interval for observed counts, from chi-square quantiles.

    Exact rather than normal-approximate because many regional counts are small (Nenets: 27,
    Chukotka: 23 for the whole period, far fewer in a month). Lower bound is 0 for 0 deaths.
    """
    k = np.asarray(deaths, dtype="float64")
    alpha = 1 - confidence
    with np.errstate(invalid="ignore"):
        low = np.where(k > 0, stats.chi2.ppf(alpha / 2, 2 * k) / 2, 0.0)
    high = stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    return low, high


def region_rates(
    regions: pd.DataFrame,
    casualties: pd.DataFrame,
    start: MonthLike = None,
    end: MonthLike = None,
    unit_types: Sequence[str] | None = None,
    confidence: float = CONFIDENCE,
) -> pd.DataFrame:
    """One row per region: deaths in the window, rate per 100,000 men 16-61.5, interval, rank.

    Rank 1 is the highest rate, ties share the best rank; regions without a denominator or
    flagged occupied have no rank. Deaths with no region are not here: see
    unknown_region_deaths. Sorted by rate (highest first, no rate last), then iso.
    """
    return rates_of(regions, filter_casualties(casualties, start, end, unit_types), confidence)


def rates_of(
    regions: pd.DataFrame, selected: pd.DataFrame, confidence: float = CONFIDENCE
) -> pd.DataFrame:
    """region_rates for the records already chosen (filter_casualties), so that one choice
    can serve the rates and the deaths with no region (no_region_deaths).

    Worked out on arrays and put into one frame at the end: adding five columns to a copy
    of the regions one by one, then sorting it, cost three times as much, and a new window
    or unit type on the Regions page computes it again.
    """
    deaths = regions["iso"].map(selected.groupby("iso")["deaths"].sum()).fillna(0).to_numpy("int64")
    men = regions["men_16_61"].to_numpy("float64", na_value=np.nan)
    low, high = poisson_interval(deaths, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate, rate_low, rate_high = (deaths / men * PER, low / men * PER, high / men * PER)
    rankable = ~np.isnan(rate) & ~regions["occupied"].to_numpy(bool)
    rank = np.full(len(rate), np.nan)
    rank[rankable] = stats.rankdata(-rate[rankable], method="min")
    # by rate, highest first and no rate last, then iso (lexsort's last key sorts first)
    order = np.lexsort((regions["iso"].to_numpy(), np.isnan(rate), -np.nan_to_num(rate)))
    computed = {
        "deaths": deaths,
        "rate_per_100k": rate,
        "rate_low": rate_low,
        "rate_high": rate_high,
        "rank": pd.array(rank, dtype="Int64"),
    }
    return pd.DataFrame(
        {c: (computed[c] if c in computed else regions[c].array)[order] for c in RATE_COLUMNS}
    )


def unknown_region_deaths(
    casualties: pd.DataFrame,
    start: MonthLike = None,
    end: MonthLike = None,
    unit_types: Sequence[str] | None = None,
) -> int:
    """Deaths in the window whose region the source does not give: shown beside any map."""
    return no_region_deaths(filter_casualties(casualties, start, end, unit_types))


def no_region_deaths(selected: pd.DataFrame) -> int:
    """unknown_region_deaths for the records already chosen (filter_casualties)."""
    return int(selected.loc[selected["iso"] == UNKNOWN, "deaths"].sum())


def monthly_deaths(
    casualties: pd.DataFrame,
    iso: str | None = None,
    unit_types: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Deaths per month (columns month, deaths) for one region, or all records if iso is None.

    Every month from the first to the last month with a death in the whole table is listed,
    with 0 where none was recorded, so series of different regions line up. Deaths with an
    `unknown` month cannot be placed on the series and are left out.
    """
    selected = casualties if iso is None else casualties[casualties["iso"] == iso]
    if unit_types is not None:
        selected = selected[selected["unit_type"].isin(list(unit_types))]
    per_month = selected[selected["month"] != UNKNOWN].groupby("month")["deaths"].sum()
    months = known_months(casualties)
    deaths = per_month.reindex(months, fill_value=0).astype("int64")
    return pd.DataFrame({"month": months, "deaths": deaths.to_numpy()})


def unit_type_breakdown(
    casualties: pd.DataFrame,
    iso: str | None = None,
    start: MonthLike = None,
    end: MonthLike = None,
) -> pd.DataFrame:
    """Deaths by unit type (columns unit_type, deaths, share) for one region or all.

    share is the fraction of the deaths in the selection, `unknown` unit type included, so
    the shares add up to 1. Sorted by deaths, largest first, then unit type.
    """
    selected = filter_casualties(casualties, start, end)
    if iso is not None:
        selected = selected[selected["iso"] == iso]
    counts = selected.groupby("unit_type")["deaths"].sum().astype("int64")
    table = counts.rename("deaths").reset_index()
    total = table["deaths"].sum()
    table["share"] = table["deaths"] / total if total else 0.0
    table = table.sort_values(["deaths", "unit_type"], ascending=[False, True])
    return table.reset_index(drop=True)


def can_correlate(x: pd.Series, y: pd.Series) -> bool:
    """Whether a correlation of y on x is defined: three regions at least, and both vary.

    A window with no deaths of the chosen unit types gives every region the rate 0, and a
    coefficient of a constant is undefined (scipy returns NaN and warns); two regions always
    correlate perfectly. Either way there is nothing to report but that.
    """
    return len(x) >= MIN_CORRELATED and x.nunique() > 1 and y.nunique() > 1


def poverty_correlation(rates: pd.DataFrame) -> Correlation | None:
    """Spearman's rho between rate_per_100k and pct_below_subsistence over the ranked regions.

    Rank-based because the rates are skewed by a few small regions; only ranked regions
    (a denominator, not occupied) with a poverty figure count. None where no correlation is
    defined (can_correlate).
    """
    usable = rates[rates["rank"].notna() & rates["pct_below_subsistence"].notna()]
    rate, poverty = usable["rate_per_100k"], usable["pct_below_subsistence"]
    if not can_correlate(rate, poverty):
        return None
    result = stats.spearmanr(rate, poverty)
    return Correlation(rho=float(result.statistic), p_value=float(result.pvalue), n=len(usable))
