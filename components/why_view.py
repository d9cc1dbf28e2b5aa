"""Drawing the Why these regions charts: a scatter, its table alternative and its download.

Shared by the page (app_pages/why_regions.py) and the Briefing (a step's `chart:`), so a
chart reads, and is described to screen readers, the same in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd
import streamlit as st

from components import cached
from components.provenance import download_csv
from components.region_charts import CHART_CONFIG
from components.why_charts import Scatter, fit_text, scatter
from homefront import region_model
from homefront.region_model import PENSION_WINDOW, RATE, ChartSpec

SOURCE = "bessudnov2023"


def factor_table(
    start: dt.date | None, end: dt.date | None, units: tuple[str, ...] | None
) -> pd.DataFrame:
    """Rates for a window (None: the whole period) beside region_factors.csv, made once."""
    factors = cached.dataset().regional.factors
    return cached.view(
        "why_factor_table",
        (start, end, units),
        lambda: region_model.factor_table(cached.region_rates(start, end, units), factors),
    )


def spec_table(
    spec: ChartSpec, window: tuple[dt.date | None, dt.date | None], units: tuple[str, ...] | None
) -> pd.DataFrame:
    """The table a chart draws from: the page's window, or the pension check's fixed one."""
    if spec.rates == region_model.PENSION:
        return factor_table(*PENSION_WINDOW, units)
    return factor_table(*window, units)


def draw_chart(
    spec: ChartSpec,
    window: tuple[dt.date | None, dt.date | None],
    units: tuple[str, ...] | None,
    marked: Collection[str],
    period: str,
    units_label: str,
    key: str,
) -> region_model.LineFit | None:
    """The scatter, a caption, and its table with a CSV download; returns the fit drawn.

    `period` and `units_label` say what the page's rates cover, for the caption and the CSV's
    title; the pension check's rates always cover its own window, and say so.
    """
    if spec.rates == region_model.PENSION:
        first, last = PENSION_WINDOW
        period = f"deaths confirmed {first:%b} to {last:%b %Y} (the paper's pension check)"
    what = f"{period}, {units_label}"
    table = spec_table(spec, window, units)
    state = (spec, window, units, tuple(marked))
    fit = cached.view("why_fit", state, lambda: region_model.line_fit(table, spec.x.column))
    words = Scatter(spec.x.label, spec.y_title, spec.title)
    chart = cached.figure(
        "why_chart", state, lambda: scatter(table, spec.x.column, fit, words, marked)
    )
    n = fit.n if fit else 0
    st.plotly_chart(
        chart,
        config=CHART_CONFIG,
        key=f"{key}_chart",
        alt=(
            f"Scatter plot of {n} regions: {spec.y_title.lower()} against "
            f"{spec.x.label[0].lower() + spec.x.label[1:]}, with a fitted line; "
            f"{fit_text(fit)}. Buryatia and Tyva are marked. The values are in the table "
            "below the chart."
        ),
    )
    left_out = region_model.left_out(table, fit)
    st.caption(
        f"Pearson's {fit_text(fit)}"
        + (f"; no value in the source for {', '.join(left_out)}" if left_out else "")
        + f". Rates: {what}."
    )
    shown, shown_arrow = cached.table(
        "why_table", state, lambda: region_model.scatter_table(table, spec.x.column)
    )
    with st.expander(f"Table: the {n} regions of this chart"):
        st.dataframe(
            shown_arrow,
            hide_index=True,
            column_config={
                "name_en": "region",
                "men_16_61": st.column_config.NumberColumn("men 16–61.5", format="localized"),
                spec.x.column: st.column_config.NumberColumn(spec.x.label, format="%.1f"),
                RATE: st.column_config.NumberColumn(spec.y_title, format="%.1f"),
            },
        )
        download_csv(
            cached.dataset(),
            shown,
            [SOURCE],
            f"{spec.title.lower()}: {spec.y_title.lower()} and {spec.x.label}, {what}",
            f"homefront_{spec.id}.csv",
        )
    return fit
