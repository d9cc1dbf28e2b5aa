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
from components.text import escape_md
from components.why_charts import place_scatter
from homefront import region_model
from homefront.charts.region_model import caption, rates_text, scatter
from homefront.region_model import RATE, ChartSpec, rates_window
from homefront.regional import COUNT_SOURCE


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
    return factor_table(*rates_window(spec, window), units)


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
    what = rates_text(spec, period, units_label)
    table = spec_table(spec, window, units)
    state = (spec, window, units, tuple(marked))
    fit = cached.view("why_fit", state, lambda: region_model.line_fit(table, spec.x.column))
    chart = cached.figure("why_chart", state, lambda: scatter(table, spec, fit, marked))
    place_scatter(chart, spec, fit, f"{key}_chart")
    n = fit.n if fit else 0
    st.caption(escape_md(caption(table, fit, what)))
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
            [COUNT_SOURCE],
            f"{spec.title.lower()}: {spec.y_title.lower()} and {spec.x.label}, {what}",
            f"homefront_{spec.id}.csv",
        )
    return fit
