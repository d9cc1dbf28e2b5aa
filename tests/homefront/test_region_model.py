"""homefront.region_model: the paper's model and checks, reproduced from the committed data and
checked against values computed here, independently, from the source pack's own files (with
numpy, not statsmodels or scipy), and against the numbers the paper's replication prints."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from homefront import rates, region_model, region_text
from homefront.charts import region_model as region_model_charts
from homefront.paths import ROOT
from homefront.region_metrics import METRICS
from homefront.region_model import NON_RUSSIAN, PENSION_RISE, POVERTY, RATE
from homefront.regional import load_regional

SOURCE_DIR = ROOT.parent / "shared" / "sources" / "bessudnov-2023"
needs_sources = pytest.mark.skipif(
    not SOURCE_DIR.is_dir(), reason=f"source pack not present at {SOURCE_DIR}"
)
UNITS = ["professional army", "inmates", "volunteers", "unknown"]


@pytest.fixture(scope="module")
def regional():
    return load_regional()


@pytest.fixture(scope="module")
def whole_period(regional):
    return region_model.factor_table(
        rates.region_rates(regional.regions, regional.casualties), regional.factors
    )


# ---- independent computation from the source files -------------------------------------


def rows(name: str) -> list[dict[str, str]]:
    with (SOURCE_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def source_rates(first: str | None = None, last: str | None = None) -> dict[str, float]:
    """Deaths per 100,000 men 16-61.5 by ISO code, counted from the row-level file."""
    men = {
        r["regNameEng"]: (r["regNameISO"], int(r["nMen16_615_2021"]))
        for r in rows("census2021_nMen16-615.csv")
    }
    counts: Counter[str] = Counter()
    for record in rows("dfFatalitiesAnonymised.csv"):
        day = record["deathConfirmedDate"]
        if first is not None and not (day and first <= day <= last):
            continue
        if record["region"]:
            counts[record["region"]] += 1
    return {iso: counts[name] / n * 100_000 for name, (iso, n) in men.items()}


def pearson(pairs: list[tuple[float, float]]) -> float:
    return float(np.corrcoef(np.array(pairs).T)[0, 1])


@pytest.fixture(scope="module")
def paper_inputs() -> pd.DataFrame:
    rate = source_rates()
    poverty = {
        r["regNameISO"]: float(r["percBelowSubsistence"]) for r in rows("regionCharacteristics.csv")
    }
    non_russian = {r["regNameISO"]: 100 - float(r["percRus"]) for r in rows("census_2010_ethn.csv")}
    isos = sorted(set(rate) & set(poverty) & set(non_russian))
    return pd.DataFrame(
        {
            "iso": isos,
            "rate": [rate[i] for i in isos],
            "poverty": [poverty[i] for i in isos],
            "non_russian": [non_russian[i] for i in isos],
        }
    )


@needs_sources
def test_the_model_matches_least_squares_computed_from_the_sources(whole_period, paper_inputs):
    x = np.column_stack(
        [np.ones(len(paper_inputs)), paper_inputs["poverty"], paper_inputs["non_russian"]]
    )
    y = paper_inputs["rate"].to_numpy()
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residuals = y - x @ beta
    sigma2 = residuals @ residuals / (len(y) - x.shape[1])
    se = np.sqrt(np.diag(sigma2 * np.linalg.inv(x.T @ x)))
    r2 = 1 - residuals @ residuals / ((y - y.mean()) @ (y - y.mean()))

    fit = region_model.fit_model(whole_period)
    assert fit.n == len(paper_inputs) == 83
    assert set(fit.regions) == set(paper_inputs["iso"])
    np.testing.assert_allclose(fit.coefficients["estimate"], beta, rtol=1e-6)
    np.testing.assert_allclose(fit.coefficients["std_error"], se, rtol=1e-6)
    assert fit.r_squared == pytest.approx(r2, rel=1e-6)


def test_the_model_reproduces_the_papers_printed_output(whole_period):
    """summary(lm(mortalityRate ~ percBelowSubsistence + percentNonRus)) in the replication."""
    fit = region_model.fit_model(whole_period)
    table = fit.coefficients
    np.testing.assert_allclose(table["estimate"], [28.36623, 2.60051, -0.01555], atol=5e-5)
    np.testing.assert_allclose(table["std_error"], [13.85164, 1.06703, 0.20937], atol=5e-5)
    np.testing.assert_allclose(table["p_value"], [0.0439, 0.0170, 0.9410], atol=5e-4)
    assert fit.r_squared == pytest.approx(0.08803, abs=5e-6)
    assert fit.adj_r_squared == pytest.approx(0.06523, abs=5e-6)
    assert fit.n == 83
    # the interval is the estimate plus or minus t(0.975, 80) standard errors
    assert table.loc[1, "ci_low"] == pytest.approx(2.60051 - 1.990063 * 1.06703, abs=1e-3)


@needs_sources
def test_each_scatter_line_matches_the_sources(whole_period, paper_inputs):
    rate = source_rates()
    poverty = {
        r["regNameISO"]: float(r["percBelowSubsistence"]) for r in rows("regionCharacteristics.csv")
    }
    fit = region_model.line_fit(whole_period, POVERTY)
    assert fit.n == 85  # Crimea and Sevastopol have a poverty figure
    assert fit.r == pytest.approx(pearson([(poverty[i], rate[i]) for i in poverty]), abs=1e-9)
    fit = region_model.line_fit(whole_period, NON_RUSSIAN)
    expected = pearson(list(zip(paper_inputs["non_russian"], paper_inputs["rate"], strict=True)))
    assert (fit.n, fit.r) == (83, pytest.approx(expected, abs=1e-6))  # 6 decimals in the file
    slope = np.polyfit(paper_inputs["non_russian"], paper_inputs["rate"], 1)[0]
    assert fit.slope == pytest.approx(slope, rel=1e-6)


@needs_sources
@pytest.mark.parametrize(
    "search,column,paper_r",
    [
        ("payments-killed-apr", "vyplaty_pogibshim_19Apr", 0.612786),
        ("payments-killed-feb", "vyplaty_pogibshim_10Feb", 0.5262979),
        ("svo-payments-feb", "svo_vyplaty_10Feb", 0.3610405),
    ],
)
def test_the_search_check_matches_the_sources_and_the_paper(whole_period, search, column, paper_r):
    rate = source_rates()
    pairs = [(float(r[column]), rate[r["regNameISO"]]) for r in rows("yandex_searches.csv")]
    fit = region_model.line_fit(whole_period, region_model.SEARCHES[search].column)
    assert fit.n == len(pairs) == 85
    assert fit.r == pytest.approx(pearson(pairs), abs=1e-9)
    assert fit.r == pytest.approx(paper_r, abs=1e-6)


@needs_sources
def test_the_pension_check_matches_the_sources(regional):
    rate = source_rates("2022-03-01", "2022-11-30")
    pairs = []
    for r in rows("dataPensiiMO2022.csv"):
        before, after = int(r["year2021"]), int(r["year2022"])
        pairs.append(((after - before) / before * 100, rate[r["regionISO"]]))
    first, last = region_model.PENSION_WINDOW
    table = region_model.factor_table(
        rates.region_rates(regional.regions, regional.casualties, first, last), regional.factors
    )
    fit = region_model.line_fit(table, PENSION_RISE)
    assert fit.n == len(pairs) == 83
    assert fit.r == pytest.approx(pearson(pairs), abs=1e-6)
    assert fit.r == pytest.approx(0.594, abs=5e-4)  # the paper: 0.595 with February's 17 too
    assert {"CHU", "NEN"}.isdisjoint(fit.regions)


# ---- the model on small tables -----------------------------------------------------------


def small_table(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {"iso": [f"R{i}" for i in range(n)], "name_en": [f"Region {i}" for i in range(n)]}
    return pd.DataFrame(base | columns)


def test_a_straight_line_has_r_one_and_its_own_slope():
    table = small_table(x=[1.0, 2.0, 3.0, 4.0], **{RATE: [3.0, 5.0, 7.0, 9.0]})
    fit = region_model.line_fit(table, "x")
    assert (fit.slope, fit.intercept, fit.r, fit.n) == (
        pytest.approx(2),
        pytest.approx(1),
        pytest.approx(1),
        4,
    )


def test_a_missing_value_leaves_its_region_out_and_is_named():
    table = small_table(x=[1.0, None, 3.0, 4.0], **{RATE: [3.0, 5.0, 6.0, 10.0]})
    fit = region_model.line_fit(table, "x")
    assert fit.n == 3 and "R1" not in fit.regions
    assert region_model.left_out(table, fit) == ["Region 1"]


def test_too_few_regions_give_no_line_and_no_model():
    table = small_table(
        x=[1.0, 2.0], **{RATE: [3.0, 5.0], POVERTY: [1.0, 2.0], NON_RUSSIAN: [3, 4]}
    )
    assert region_model.line_fit(table, "x") is None
    assert region_model.fit_model(table) is None
    flat = small_table(x=[1.0, 2.0, 3.0], **{RATE: [5.0, 5.0, 5.0]})
    assert region_model.line_fit(flat, "x") is None


def test_the_model_recovers_known_coefficients():
    rng = np.random.default_rng(7)
    poverty, non_russian = rng.uniform(5, 30, 60), rng.uniform(0, 90, 60)
    rate = 10 + 3 * poverty - 0.5 * non_russian + rng.normal(0, 0.01, 60)
    table = small_table(**{POVERTY: poverty, NON_RUSSIAN: non_russian, RATE: rate})
    fit = region_model.fit_model(table)
    np.testing.assert_allclose(fit.coefficients["estimate"], [10, 3, -0.5], atol=0.01)
    assert fit.r_squared > 0.9999 and fit.n == 60
    assert (fit.coefficients["ci_low"] < fit.coefficients["estimate"]).all()


def test_units_narrow_every_rate(regional, whole_period):
    narrowed = region_model.factor_table(
        rates.region_rates(regional.regions, regional.casualties, unit_types=UNITS),
        regional.factors,
    )
    assert (narrowed[RATE] <= whole_period.set_index("iso").loc[narrowed["iso"], RATE].values).all()
    assert (
        region_model.fit_model(narrowed).r_squared != region_model.fit_model(whole_period).r_squared
    )


def test_model_words_carry_the_fits_own_numbers(whole_period):
    words = region_model.model_words(region_model.fit_model(whole_period), "the whole period")
    assert words.startswith("For the whole period, with both predictors")
    assert "2.60 more deaths" in words and "R² = 0.088" in words and "83 regions" in words
    assert "each percentage point more of the population below subsistence goes" in words
    assert region_model.PREDICTORS[POVERTY].label == METRICS["poverty"].label  # one name
    assert "p = 0.941; the interval includes 0)" in words  # ethnicity; poverty's excludes 0
    assert words.count("the interval includes 0") == 1


def test_model_words_of_a_window_are_that_windows_fit(regional):
    """The words under the model said the whole period's fit whatever period was shown: they
    are the fit they are given, named, its judging words by rule (R² ≥ 0.5, a negative sign)."""
    window = region_model.factor_table(
        rates.region_rates(regional.regions, regional.casualties, "2022-06", "2022-10"),
        regional.factors,
    )
    fit = region_model.fit_model(window)
    words = region_model.model_words(fit, "Jun 2022 – Oct 2022")
    assert words.startswith("For Jun 2022 – Oct 2022, with both predictors")
    assert "1.11 more deaths" in words and "R² = 0.228" in words and "2.60" not in words
    assert "p < 0.001)" in words and "0.000" not in words  # poverty's p is 0.00002
    coefficients = fit.coefficients.assign(estimate=[1.0, -2.0, 0.5])
    strong = dataclasses.replace(fit, coefficients=coefficients, r_squared=0.6)
    words = region_model.model_words(strong, "a window")
    assert "goes with 2.00 fewer deaths" in words
    assert words.endswith("(R² = 0.600).") and "lies elsewhere" not in words


def test_the_pension_window_is_march_to_november_2022():
    assert (dt.date(2022, 3, 1), dt.date(2022, 11, 30)) == region_model.PENSION_WINDOW


def test_a_scatter_shows_data_text_as_text(regional):
    """A region name with markup is drawn as its characters (charts.text.plain), never as a
    tag Plotly would read: on the page, the Briefing and the offline export alike. (Drawn on
    a screen with room for it: on a phone a name this long is left out, charts/labels.py.)"""
    hostile = '<a href="http://x">Buryatia</a> & <span style="filter:url(x)">'
    regions = regional.regions.assign(
        name_en=regional.regions["name_en"].where(regional.regions["iso"] != "BU", hostile)
    )
    spec = region_model.chart_specs()["rate-poverty"]
    table = region_model.chart_table(dataclasses.replace(regional, regions=regions), spec)
    fit = region_model.line_fit(table, spec.x.column)
    chart = region_model_charts.scatter(table, spec, fit, marked=["BU"], narrowest=2000)
    points = go.Figure(chart).data[0]
    escaped = '&lt;a href="http://x"&gt;Buryatia&lt;/a&gt; &amp; &lt;span style="filter:url(x)"&gt;'
    assert points.text[-1] == points.customdata[-1] == escaped  # marked: named, drawn last
    assert not any("<a" in t or "<span" in t for t in [*points.text, *points.customdata])


def test_a_scatter_codes_only_the_points_that_stand_apart(regional):
    """The crowd's codes overprinted into a blot: only the ten highest rates and the three
    points at each end of the x axis carry their codes, those with room for them on a phone
    (tests/homefront/test_chart_labels.py), Buryatia and Tyva their names; every point is
    named on hover."""
    spec = region_model.chart_specs()["rate-poverty"]
    table = region_model.chart_table(regional, spec)
    points = region_model_charts.scatter(table, spec, None)["data"][0]
    drawn = pd.DataFrame(
        {
            "x": points["x"],
            "rate": points["y"],
            "text": points["text"],
            "name": points["customdata"],
        }
    )
    apart = set(drawn.nlargest(10, "rate").index) | set(drawn.nsmallest(3, "x").index)
    apart |= set(drawn.nlargest(3, "x").index)
    labelled = set(drawn.index[drawn["text"] != ""])
    named = set(drawn.index[drawn["name"].isin(["Buryatia", "Tuva"])])
    assert named <= labelled <= apart | named
    assert 12 <= len(labelled) < len(drawn) / 3
    assert drawn["name"].str.len().gt(0).all()


def test_a_p_value_too_small_for_three_decimals_reads_below_one_thousandth():
    """0.000 read as if p were nought: below 0.001 it is '<0.001' (one rule, region_text)."""
    assert [region_text.p_text(p) for p in (0.00002, 0.00095, 0.001, 0.0166, 0.9412)] == [
        "<0.001",
        "<0.001",
        "0.001",
        "0.017",
        "0.941",
    ]
    assert region_text.p_clause(0.00002) == "p < 0.001"
    assert region_text.p_clause(0.0166) == "p = 0.017"
