"""Drawing the Why these regions charts: a scatter, its table alternative and its download.

Shared by the page (app_pages/why_regions.py) and the Briefing (a step's `chart:`), so a
chart reads, and is described to screen readers, the same in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import streamlit as st

from components import cached, views
from components.provenance import download_csv
from components.text import escape_md
from components.why_charts import place_scatter
from homefront import region_model
from homefront.charts.region_model import rates_text
from homefront.region_model import RATE, ChartSpec
from homefront.regional import COUNT_SOURCE


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
    fit = views.line_fit(spec, window, units)
    chart = views.scatter_chart(spec, window, units, tuple(marked))
    place_scatter(chart, spec, fit, f"{key}_chart")
    n = fit.n if fit else 0
    st.caption(escape_md(views.scatter_caption(spec, window, units, what)))
    shown, shown_arrow = views.scatter_table(spec, window, units)
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
