"""The Regions page's charts: ranking, rate against poverty, a region's months and unit types.

Plain Plotly figures (no geo traces, which fetch topology from a CDN), built from the tables
homefront.rates and homefront.region_tables return, so what a chart shows is what the CSV
download holds. Text is at least 14 px for a projector. The look they share with the Why
these regions charts (colours, text size, axes) is homefront/charts/theme.py's; every string
from the data goes through homefront.charts.text.plain.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from homefront.charts.text import plain
from homefront.charts.theme import (
    FOCUS_COLOUR,
    FONT_SIZE,
    OTHER_COLOUR,
    SELECTED_COLOUR,
    Spec,
    axis,
    figure,
)
from homefront.rates import Correlation
from homefront.region_metrics import FOCUS_REGIONS, METRICS, Metric
from homefront.region_text import month_text, rho_text

OUTSIDE_COLOUR = "#D5DAE1"  # months outside the date window


def region_colours(isos: pd.Series, selected: str | None) -> list[str]:
    """One colour per region: selected, then the two the sources discuss, then the rest."""
    return [
        SELECTED_COLOUR
        if iso == selected
        else FOCUS_COLOUR
        if iso in FOCUS_REGIONS
        else OTHER_COLOUR
        for iso in isos
    ]


def ranking_chart(table: pd.DataFrame, metric: Metric, selected: str | None) -> Spec:
    """Horizontal bars, highest at the top; the rate carries its 95% interval as a whisker."""
    values = table[metric.column]
    hover = "%{y}: %{x:,." + str(metric.decimals) + "f} " + metric.unit
    trace: dict[str, Any] = {
        "type": "bar",
        "x": values.tolist(),
        "y": [plain(name) for name in table["name_en"]],
        "orientation": "h",
        "marker": {"color": region_colours(table["iso"], selected)},
    }
    if metric.has_interval:
        trace["error_x"] = {
            "type": "data",
            "array": (table["rate_high"] - values).tolist(),
            "arrayminus": (values - table["rate_low"]).tolist(),
            "color": "#333333",
            "thickness": 1.5,
        }
        trace["customdata"] = table[["rate_low", "rate_high"]].to_numpy().tolist()
        hover += "<br>95% interval %{customdata[0]:,.1f}–%{customdata[1]:,.1f}"
    trace["hovertemplate"] = hover + "<extra></extra>"
    return figure(
        trace,
        f"Top {len(table)} by {metric.label.lower()}",
        height=90 + 26 * len(table),
        xaxis=axis(metric.label, rangemode="tozero"),
        yaxis=axis(autorange="reversed", tickfont={"size": FONT_SIZE}),
    )


def poverty_scatter(
    rates: pd.DataFrame, correlation: Correlation | None, selected: str | None
) -> Spec:
    """Rate against the share below subsistence, one point per ranked region.

    Buryatia, Tyva and the selected region are named; the title carries Spearman's rho.
    """
    named = (rates["iso"].isin(FOCUS_REGIONS) | (rates["iso"] == selected)).tolist()
    trace = {
        "type": "scatter",
        "x": rates["pct_below_subsistence"].tolist(),
        "y": rates["rate_per_100k"].tolist(),
        "mode": "markers+text",
        "text": [plain(name) if n else "" for name, n in zip(rates["name_en"], named, strict=True)],
        "textposition": "top center",
        "textfont": {"size": FONT_SIZE},
        "marker": {
            "size": [14 if n else 9 for n in named],
            "color": region_colours(rates["iso"], selected),
            "line": {"color": "#ffffff", "width": 1},
        },
        "customdata": [plain(name) for name in rates["name_en"]],
        "hovertemplate": (
            f"%{{customdata}}<br>%{{x:.1f}}{METRICS['poverty'].short}"
            "<br>%{y:,.1f} deaths per 100,000 men<extra></extra>"
        ),
    }
    return figure(
        trace,
        f"Rate against poverty: {rho_text(correlation)}",
        height=480,
        xaxis=axis(METRICS["poverty"].label),
        yaxis=axis("Deaths per 100,000 men aged 16–61.5", rangemode="tozero"),
    )


def monthly_chart(series: pd.DataFrame, first: str, last: str, name: str) -> Spec:
    """Deaths per confirmation month; months outside the window are greyed, not hidden."""
    inside = (series["month"] >= first) & (series["month"] <= last)
    trace = {
        "type": "bar",
        "x": [plain(month_text(m)) for m in series["month"]],
        "y": series["deaths"].tolist(),
        "marker": {"color": [FOCUS_COLOUR if i else OUTSIDE_COLOUR for i in inside]},
        "hovertemplate": "%{x}: %{y:,} deaths<extra></extra>",
    }
    return figure(
        trace,
        f"Deaths per month, {plain(name)}",
        height=360,
        xaxis=axis(type="category", tickangle=-45),
        yaxis=axis("Confirmed deaths", rangemode="tozero"),
    )


def unit_type_chart(breakdown: pd.DataFrame, name: str) -> Spec:
    """Deaths by the source's unit type, largest first, with each type's share."""
    deaths = breakdown["deaths"].tolist()
    trace = {
        "type": "bar",
        "x": deaths,
        "y": [plain(unit) for unit in breakdown["unit_type"]],
        "orientation": "h",
        "marker": {"color": OTHER_COLOUR},
        "text": [
            plain(f"{d:,} ({s:.0%})") for d, s in zip(deaths, breakdown["share"], strict=True)
        ],
        "textposition": "auto",  # inside a long bar, beside a short one
        "cliponaxis": False,
        "hovertemplate": "%{y}: %{x:,} deaths<extra></extra>",
    }
    return figure(
        trace,
        f"By unit type, {plain(name)}",
        height=110 + 34 * max(len(breakdown), 1),
        # room on the right for the labels beside the short bars
        xaxis=axis("Confirmed deaths", range=[0, max(deaths, default=1) * 1.3]),
        yaxis=axis(autorange="reversed"),
    )
