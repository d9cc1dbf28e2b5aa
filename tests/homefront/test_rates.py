"""homefront.rates: the paper's published rates, exact intervals, and the window rules."""

from __future__ import annotations

import datetime as dt
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from homefront.rates import (
    deaths_by_month_and_unit,
    filter_casualties,
    month_window,
    monthly_deaths,
    poisson_interval,
    poverty_correlation,
    region_rates,
    unit_type_breakdown,
    unknown_region_deaths,
)
from homefront.region_counts import unknown_month_deaths
from homefront.regional import load_regional

# Bessudnov (2023), table of deaths per 100,000 men aged 16-61.5, full period
PAPER_RATES = {"TY": 249, "BU": 231, "NEN": 212}


@pytest.fixture(scope="module")
def real():
    return load_regional()


@pytest.fixture
def regions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso": ["AA", "BB", "CC", "UA-43"],
            "name_en": ["Aa", "Bb", "Cc", "Crimea"],
            "name_ru": ["Аа", "Бб", "Вв", "Крым"],
            "federal_district": ["Central", "Central", "Ural", ""],
            "men_16_61": pd.array([100_000, 50_000, 200_000, None], dtype="Int64"),
            "pct_below_subsistence": [10.0, 20.0, 5.0, np.nan],
            "mean_income_rub": [30000.0, 20000.0, 40000.0, np.nan],
            "unemployment_rate": [5.0, 8.0, 4.0, np.nan],
            "subsistence_level_rub": [11000.0, 10000.0, 12000.0, np.nan],
            "occupied": [False, False, False, True],
            "has_polygon": [True, True, True, False],
        }
    )


@pytest.fixture
def casualties() -> pd.DataFrame:
    rows = [
        ("AA", "2022-03", "volunteers", 4),
        ("AA", "2022-05", "inmates", 6),
        ("AA", "unknown", "volunteers", 2),
        ("BB", "2022-04", "volunteers", 10),
        ("BB", "2022-05", "unknown", 5),
        ("UA-43", "2022-04", "volunteers", 3),
        ("unknown", "2022-03", "inmates", 7),
        ("unknown", "unknown", "unknown", 1),
    ]
    return pd.DataFrame(rows, columns=["iso", "month", "unit_type", "deaths"])


def by_iso(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("iso")


# (a) the paper's table -------------------------------------------------------------------


def test_full_period_rates_reproduce_the_paper(real):
    rates = region_rates(real.regions, real.casualties)
    top = rates.head(10)
    print("\ntop 10 by rate per 100,000 men 16-61.5:")
    for row in top.itertuples():
        print(
            f"{row.rank:>2} {row.iso:<4} {row.name_en:<16} {row.deaths:>4} {row.rate_per_100k:6.1f}"
        )
    got = by_iso(rates)["rate_per_100k"]
    for iso, published in PAPER_RATES.items():
        assert got[iso] == pytest.approx(published, abs=2), iso
    assert list(top["iso"][:3]) == ["TY", "BU", "NEN"]
    assert rates["deaths"].sum() + unknown_region_deaths(real.casualties) == 20_253


def test_occupied_territory_is_not_ranked(real):
    rates = by_iso(region_rates(real.regions, real.casualties))
    assert rates.loc[["UA-40", "UA-43"], "rank"].isna().all()
    assert sorted(rates["rank"].dropna()) == list(range(1, 84))


def test_poverty_correlation_on_the_real_data(real):
    result = poverty_correlation(region_rates(real.regions, real.casualties))
    assert result.n == 83
    assert -1 <= result.rho <= 1 and 0 <= result.p_value <= 1


# (b) the interval ------------------------------------------------------------------------


def test_zero_deaths_has_lower_bound_zero():
    low, high = poisson_interval([0])
    assert low[0] == 0
    assert high[0] == pytest.approx(3.689, abs=1e-3)


def test_known_exact_interval_for_ten():
    low, high = poisson_interval([10])
    assert (low[0], high[0]) == pytest.approx((4.795, 18.390), abs=1e-3)


def test_interval_contains_the_count_and_matches_poisson_tails():
    counts = np.arange(0, 200)
    low, high = poisson_interval(counts)
    assert (low <= counts).all() and (counts <= high).all()
    # Garwood's bounds: P(X >= k | low) = 2.5% and P(X <= k | high) = 2.5%
    positive = counts > 0
    assert stats.poisson.sf(counts[positive] - 1, low[positive]) == pytest.approx(0.025)
    assert stats.poisson.cdf(counts, high) == pytest.approx(0.025)


def test_rate_intervals_contain_the_rate(regions, casualties):
    rates = region_rates(regions, casualties).dropna(subset=["rate_per_100k"])
    assert (rates["rate_low"] <= rates["rate_per_100k"]).all()
    assert (rates["rate_per_100k"] <= rates["rate_high"]).all()


# (c) windows and filters -----------------------------------------------------------------


def test_full_period_counts_unknown_months(regions, casualties):
    rates = by_iso(region_rates(regions, casualties))
    assert rates.loc["AA", "deaths"] == 12
    assert rates.loc["AA", "rate_per_100k"] == pytest.approx(12.0)
    assert rates.loc["BB", "rate_per_100k"] == pytest.approx(30.0)
    assert rates.loc["CC", "deaths"] == 0 and rates.loc["CC", "rate_low"] == 0
    assert unknown_region_deaths(casualties) == 8


def test_a_window_reaching_both_ends_is_the_full_period(regions, casualties):
    full = region_rates(regions, casualties)
    same = region_rates(regions, casualties, start="2022-01", end=dt.date(2022, 12, 31))
    pd.testing.assert_frame_equal(full, same)


def test_a_narrower_window_drops_unknown_months(regions, casualties):
    rates = by_iso(region_rates(regions, casualties, start="2022-04", end="2022-05"))
    assert rates.loc["AA", "deaths"] == 6
    assert rates.loc["BB", "deaths"] == 15
    assert unknown_region_deaths(casualties, start="2022-04") == 0
    assert unknown_region_deaths(casualties, end="2022-03-31") == 7


def test_dates_stand_for_their_month(casualties):
    by_month = filter_casualties(casualties, start=pd.Timestamp("2022-04-30"), end="2022-04-01")
    assert set(by_month["month"]) == {"2022-04"}


def test_a_window_of_the_monthly_totals_counts_what_the_records_count(casualties):
    """deaths_by_month_and_unit stands in for the records in filter_casualties and in
    unknown_month_deaths: every window and unit type, the full period's unknown months
    included, must total the same."""
    by_month = deaths_by_month_and_unit(casualties)
    assert len(by_month) == len(casualties[["month", "unit_type"]].drop_duplicates())
    windows = [(None, None), ("2022-02", "2023-04"), ("2022-03", "2022-11"), ("2022-05", "2022-05")]
    for first, last in windows:
        for units in (None, ["volunteers"], ["inmates", "professional army"]):
            total = filter_casualties(by_month, first, last, units)["deaths"].sum()
            expected = filter_casualties(casualties, first, last, units)["deaths"].sum()
            assert total == expected, (first, last, units)
            start = dt.date.fromisoformat(f"{first or '2022-02'}-01")
            end = dt.date.fromisoformat(f"{last or '2023-04'}-01")
            assert unknown_month_deaths(by_month, start, end, units) == unknown_month_deaths(
                casualties, start, end, units
            ), (first, last, units)


def test_a_month_window_counts_what_its_days_count(regions, casualties):
    """month_window is a key for views of the counts: it must never change what they count."""
    days = [
        (dt.date(2022, 2, 24), dt.date(2023, 1, 10)),
        (dt.date(2022, 4, 30), dt.date(2022, 5, 1)),
    ]
    for start, end in days:
        first, last = month_window(start, end)
        assert (first, last) == (start.replace(day=1), end.replace(day=1))
        by_days = region_rates(regions, casualties, start, end)
        pd.testing.assert_frame_equal(region_rates(regions, casualties, first, last), by_days)
    assert month_window(dt.date(2022, 9, 14), dt.date(2022, 11, 3)) == month_window(
        dt.date(2022, 9, 1), dt.date(2022, 11, 30)
    )


def test_unit_type_filter(regions, casualties):
    rates = by_iso(region_rates(regions, casualties, unit_types=["volunteers"]))
    assert rates.loc["AA", "deaths"] == 6
    assert rates.loc["BB", "deaths"] == 10
    assert unknown_region_deaths(casualties, unit_types=["inmates"]) == 7
    assert unknown_region_deaths(casualties, unit_types=[]) == 0


def test_rank_skips_occupied_and_missing_denominators(regions, casualties):
    rates = by_iso(region_rates(regions, casualties))
    assert rates["rank"].dropna().to_dict() == {"BB": 1, "AA": 2, "CC": 3}
    assert pd.isna(rates.loc["UA-43", "rank"])
    assert np.isnan(rates.loc["UA-43", "rate_per_100k"])
    assert rates.loc["UA-43", "deaths"] == 3


def test_window_must_not_end_before_it_starts(casualties):
    with pytest.raises(ValueError, match="after it ends"):
        filter_casualties(casualties, start="2022-05", end="2022-03")


def test_monthly_series_fills_empty_months(casualties):
    series = monthly_deaths(casualties, "AA")
    assert series["month"].tolist() == ["2022-03", "2022-04", "2022-05"]
    assert series["deaths"].tolist() == [4, 0, 6]
    assert monthly_deaths(casualties)["deaths"].sum() == 35  # 38 less 3 with unknown month
    assert monthly_deaths(casualties, "BB", unit_types=["volunteers"])["deaths"].tolist() == [
        0,
        10,
        0,
    ]


def test_unit_type_breakdown(casualties):
    table = unit_type_breakdown(casualties, "AA")
    assert table[["unit_type", "deaths"]].values.tolist() == [["inmates", 6], ["volunteers", 6]]
    assert table["share"].sum() == pytest.approx(1)
    narrow = unit_type_breakdown(casualties, "AA", start="2022-03", end="2022-03")
    assert narrow[["unit_type", "deaths"]].values.tolist() == [["volunteers", 4]]


def test_poverty_correlation_on_a_monotone_fixture(regions, casualties):
    result = poverty_correlation(region_rates(regions, casualties))
    # rates BB 30 > AA 12 > CC 0 and poverty BB 20 > AA 10 > CC 5: perfectly monotone
    assert result.n == 3
    assert result.rho == pytest.approx(1.0)


def test_no_correlation_where_the_rates_do_not_differ_or_too_few_regions(regions, casualties):
    """A window with no deaths gives every region the rate 0: None, not NaN with a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # scipy's ConstantInputWarning would fail the test
        assert poverty_correlation(region_rates(regions, casualties, "2021-01", "2021-01")) is None
    two = region_rates(regions[regions["iso"] != "CC"], casualties)
    assert two["rank"].notna().sum() == 2
    assert poverty_correlation(two) is None
