"""Words for the Regions and Why these regions pages: months, date windows, unit types and
rates, as the pages, their charts and the briefing write them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from homefront.rates import MIN_CORRELATED, Correlation

ALL_UNITS = "all unit types"


def month_text(month: str) -> str:
    """'2022-02' -> 'Feb 2022'."""
    return pd.Period(month, freq="M").strftime("%b %Y")


def window_text(start: dt.date, end: dt.date) -> str:
    """The window in the data's resolution: whole months of confirmation."""
    first, last = start.strftime("%b %Y"), end.strftime("%b %Y")
    return first if first == last else f"{first} – {last}"


def units_text(units: Sequence[str], unit_types: Sequence[str]) -> str:
    """ALL_UNITS or the chosen ones, as the source names them."""
    if not units or set(units) == set(unit_types):
        return ALL_UNITS
    return ", ".join(u for u in unit_types if u in units)


def rate_text(rate: float, low: float, high: float) -> str:
    """'248.7 (95% interval 236.0–262.0)'; 'no denominator' where there is none."""
    if pd.isna(rate):
        return "no denominator"
    return f"{rate:,.1f} (95% interval {low:,.1f}–{high:,.1f})"


def rho_text(correlation: Correlation | None) -> str:
    """'ρ = 0.09', or why there is none: never 'ρ = nan' (homefront.rates.can_correlate)."""
    if correlation is None:
        return "ρ undefined"
    return f"ρ = {correlation.rho:.2f}"


P_FLOOR = 0.001  # below it, three decimals would print 0.000, as if p were nought


def p_text(p: float) -> str:
    """A p-value as the pages write it: '0.017', or '<0.001' where it rounds to 0.000."""
    return f"<{P_FLOOR}" if p < P_FLOOR else f"{p:.3f}"


def p_clause(p: float) -> str:
    """'p = 0.017', or 'p < 0.001' (p_text in a sentence)."""
    return f"p < {P_FLOOR}" if p < P_FLOOR else f"p = {p_text(p)}"


def no_correlation_text(window: str, units: str) -> str:
    """Why the poverty correlation is missing, with what the reader can change."""
    return (
        f"No rank correlation: it needs at least {MIN_CORRELATED} regions whose rates differ, "
        f"and in {window}, {units}, they do not (no confirmed deaths, or the same rate "
        "everywhere). A wider window or more unit types may give one."
    )


def nothing_to_rank_text(window: str, units: str) -> str:
    """The ranking's empty state: no region had a confirmed death (region_counts.top_regions)."""
    return (
        f"No confirmed deaths in {window}, {units}: no region to rank. The table of all "
        "regions below lists every region at 0."
    )
