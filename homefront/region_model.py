"""Why these regions: Bessudnov's regional model and his two checks of the count, reproduced.

Streamlit-free, so every number the Why these regions page shows is unit tested and checked
against values computed from the source files (tests/homefront/test_region_model.py).

The method is the paper's (Bessudnov 2023, Demographic Research 48(31), and its replication
analysis in abessudnov/ruCasualtiesPublic):
- the rate is confirmed deaths per 100,000 men aged 16-61.5 (2021 census), for the regions
  with a known region (homefront.rates.region_rates);
- the predictors are the percent of the population below the subsistence level (2020) and the
  percent of men not ethnically Russian among men with a stated ethnicity (2010 census);
- the model is ordinary least squares of the rate on both predictors together (statsmodels);
  the scatter plots carry each predictor's own fitted line and Pearson's r;
- the checks are Pearson's r of the rate with the Yandex search affinity for payment
  phrases, and of the rate for deaths confirmed March to November 2022 with the percent
  rise in survivors' pensions from 2021 to 2022.

Samples, as in the paper: every region with a rate and the values in question, Crimea and
Sevastopol included where the source gives them (the 2010 census does not, so the model and
the ethnicity plot have 83 regions). A region whose value the source lacks is left out,
never filled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import statsmodels.api as sm
from scipy import stats

from homefront.rates import can_correlate, region_rates, to_month
from homefront.region_metrics import METRICS, POVERTY_SHARE
from homefront.region_text import p_clause
from homefront.regional import RegionalData
from homefront.schemas import BRIEFING_CHARTS

RATE = "rate_per_100k"
POVERTY = "pct_below_subsistence"
NON_RUSSIAN = "pct_non_russian_2010"
PENSION_RISE = "pension_rise_pct"
CONFIDENCE = 0.95
# The pension check's window, as the paper states it: deaths confirmed March to November 2022.
# (Its replication code keeps every death confirmed before 1 Dec 2022, the 17 of February 2022
# too; that gives r = 0.595 against 0.594 here.)
PENSION_WINDOW = (dt.date(2022, 3, 1), dt.date(2022, 11, 30))  # whole months of confirmation
Window = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True)
class Variable:
    """One column the page plots or correlates, and how to say it."""

    column: str
    label: str  # an axis title or a table's row
    short: str  # a selector's or a chart title's word


PREDICTORS = {
    POVERTY: Variable(POVERTY, METRICS["poverty"].label, "Poverty"),
    NON_RUSSIAN: Variable(
        NON_RUSSIAN, "% of men not ethnically Russian (2010 census)", "Not ethnically Russian"
    ),
}
# Yandex Wordstat affinity (100 = the national average share of searches) for payment phrases
SEARCHES = {
    "payments-killed-apr": Variable(
        "yandex_payments_killed_19apr",
        "Affinity for “выплаты погибшим”, 19 Apr 2023",
        "“Payments for the killed”, 19 Apr 2023",
    ),
    "payments-killed-feb": Variable(
        "yandex_payments_killed_10feb",
        "Affinity for “выплаты погибшим”, 10 Feb 2023",
        "“Payments for the killed”, 10 Feb 2023",
    ),
    "svo-payments-feb": Variable(
        "yandex_svo_payments_10feb",
        "Affinity for “сво выплаты”, 10 Feb 2023",
        "“SMO payments”, 10 Feb 2023",
    ),
}
DEFAULT_SEARCH = "payments-killed-apr"
PENSIONS = Variable(
    PENSION_RISE, "% rise in survivors' pensions awarded, 2022 over 2021", "Pension rise"
)

# The period control's choices (its link parameter, `period=`, is homefront.links')
# "Date window" is the sidebar's control's own label; the projector view has no sidebar
PERIODS = {"all": "Whole period (the paper's)", "window": "The date window"}
DEFAULT_PERIOD = "all"


@dataclass(frozen=True)
class LineFit:
    """A least-squares line of y on x, Pearson's r, and the regions it rests on."""

    slope: float
    intercept: float
    r: float
    p_value: float
    n: int
    regions: tuple[str, ...]  # iso codes, in the table's order


@dataclass(frozen=True)
class ModelFit:
    """The paper's model: coefficient table, fit statistics and the regions it rests on."""

    coefficients: pd.DataFrame  # term, estimate, std_error, ci_low, ci_high, p_value
    r_squared: float
    adj_r_squared: float
    n: int
    regions: tuple[str, ...]


def factor_table(rates: pd.DataFrame, factors: pd.DataFrame) -> pd.DataFrame:
    """homefront.rates.region_rates beside region_factors.csv, one row per region."""
    return rates.merge(factors, on="iso", how="left", validate="one_to_one")


def rates_window(spec: ChartSpec, window: Window) -> Window:
    """The window a chart's rates cover: the page's, or the pension check's own."""
    return PENSION_WINDOW if spec.rates == PENSION else window


def chart_table(
    regional: RegionalData,
    spec: ChartSpec,
    window: Window = (None, None),
    units: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The table a chart draws from, straight from the data (the export's; the page caches)."""
    first, last = rates_window(spec, window)
    rates = region_rates(
        regional.regions, regional.casualties, to_month(first), to_month(last), units
    )
    return factor_table(rates, regional.factors)


def _usable(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """The rows with a value in every column: a missing value leaves a region out."""
    return table.dropna(subset=list(columns))


def line_fit(table: pd.DataFrame, x: str, y: str = RATE) -> LineFit | None:
    """The fitted line and Pearson's r of y on x; None where no correlation is defined."""
    rows = _usable(table, [x, y])
    if not can_correlate(rows[x], rows[y]):
        return None
    xs, ys = rows[x].astype("float64"), rows[y].astype("float64")
    fit = stats.linregress(xs, ys)
    return LineFit(
        slope=float(fit.slope),
        intercept=float(fit.intercept),
        r=float(fit.rvalue),
        p_value=float(fit.pvalue),
        n=len(rows),
        regions=tuple(rows["iso"]),
    )


def fit_model(table: pd.DataFrame) -> ModelFit | None:
    """OLS of the rate on both predictors with an intercept; None without enough regions."""
    rows = _usable(table, [RATE, *PREDICTORS])
    if len(rows) <= len(PREDICTORS) + 1 or rows[RATE].nunique() < 2:
        return None
    exog = sm.add_constant(rows[list(PREDICTORS)].astype("float64"))
    result = sm.OLS(rows[RATE].astype("float64"), exog).fit()
    interval = result.conf_int(alpha=1 - CONFIDENCE)
    labels = {"const": "Intercept"} | {k: v.label for k, v in PREDICTORS.items()}
    coefficients = pd.DataFrame(
        {
            "term": [labels[name] for name in result.params.index],
            "estimate": result.params.to_numpy(),
            "std_error": result.bse.to_numpy(),
            "ci_low": interval[0].to_numpy(),
            "ci_high": interval[1].to_numpy(),
            "p_value": result.pvalues.to_numpy(),
        }
    )
    return ModelFit(
        coefficients=coefficients,
        r_squared=float(result.rsquared),
        adj_r_squared=float(result.rsquared_adj),
        n=int(result.nobs),
        regions=tuple(rows["iso"]),
    )


def left_out(table: pd.DataFrame, fit: LineFit | ModelFit | None) -> list[str]:
    """The regions of the table a fit leaves out (no value in the source), as English names."""
    used = set(fit.regions) if fit else set()
    return table.loc[~table["iso"].isin(used), "name_en"].tolist()


def scatter_table(table: pd.DataFrame, x: str, y: str = RATE) -> pd.DataFrame:
    """What a scatter plot draws, as a table (its alternative and its CSV download)."""
    rows = _usable(table, [x, y])
    columns = ["iso", "name_en", "deaths", "men_16_61", x, y]
    return rows[columns].sort_values(y, ascending=False).reset_index(drop=True)


# ---- the page's charts, by id (data/story.yaml briefing steps may name one: `chart:`) ------

PAGE_WINDOW, PENSION = "page", "pension"


@dataclass(frozen=True)
class ChartSpec:
    """One scatter of the page: the rate (of which window) against which signal."""

    id: str
    x: Variable
    rates: str  # PAGE_WINDOW: the page's period; PENSION: deaths confirmed Mar-Nov 2022
    title: str
    y_title: str


RATE_TITLE = "Deaths per 100,000 men aged 16–61.5"


def chart_specs(search: str = DEFAULT_SEARCH) -> dict[str, ChartSpec]:
    """The four scatters, the search one for the chosen phrase."""
    pension_y = "Deaths per 100,000 men, confirmed Mar–Nov 2022"
    return {
        "rate-poverty": ChartSpec(
            "rate-poverty", PREDICTORS[POVERTY], PAGE_WINDOW, "Rate against poverty", RATE_TITLE
        ),
        "rate-ethnicity": ChartSpec(
            "rate-ethnicity",
            PREDICTORS[NON_RUSSIAN],
            PAGE_WINDOW,
            "Rate against ethnicity",
            RATE_TITLE,
        ),
        "rate-searches": ChartSpec(
            "rate-searches", SEARCHES[search], PAGE_WINDOW, "Rate against searches", RATE_TITLE
        ),
        "rate-pensions": ChartSpec(
            "rate-pensions", PENSIONS, PENSION, "Rate against pensions", pension_y
        ),
    }


CHART_IDS = tuple(chart_specs())
assert CHART_IDS == BRIEFING_CHARTS, "homefront.schemas.BRIEFING_CHARTS names the charts here"


def model_words(fit: ModelFit, what: str) -> str:
    """What a fitted model shows, in plain words and its own numbers; `what` names the rates it
    was fitted to (period, unit types), so the words never pass for another fit's.

    The words that judge a number follow a rule, so they hold for any period: a coefficient
    whose 95% interval includes 0 is said to, and "most of the variation lies elsewhere" is
    said only when R² is below one half.
    """
    rows = fit.coefficients.set_index("term")
    poverty = rows.loc[PREDICTORS[POVERTY].label]
    ethnicity = rows.loc[PREDICTORS[NON_RUSSIAN].label]
    more = "more" if poverty["estimate"] >= 0 else "fewer"
    return (
        f"For {what}, with both predictors in the model, each "
        f"percentage point more of the {POVERTY_SHARE} goes with "
        f"{abs(poverty['estimate']):.2f} {more} deaths per 100,000 men (95% interval "
        f"{poverty['ci_low']:.2f} to {poverty['ci_high']:.2f}, {p_clause(poverty['p_value'])}"
        f"{_includes_zero(poverty)}); "
        f"for the share of men not ethnically Russian the coefficient is "
        f"{ethnicity['estimate']:.2f} a point "
        f"({ethnicity['ci_low']:.2f} to {ethnicity['ci_high']:.2f}, "
        f"{p_clause(ethnicity['p_value'])}{_includes_zero(ethnicity)}). Together they account for "
        f"{fit.r_squared:.0%} of the differences between the {fit.n} regions' rates "
        f"(R² = {fit.r_squared:.3f})"
        + (": most of the variation lies elsewhere." if fit.r_squared < 0.5 else ".")
    )


def _includes_zero(term: pd.Series) -> str:
    """'; the interval includes 0' where it does: the data cannot tell the sign apart."""
    return "; the interval includes 0" if term["ci_low"] <= 0 <= term["ci_high"] else ""
