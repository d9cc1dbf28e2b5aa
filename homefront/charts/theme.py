"""The look every chart shares: text sizes, colours, palettes and Plotly's chart config, each
defined once, and the one-trace figure with readable axes the region charts build on.

Each figure is built from plain dicts, as Plotly writes a figure's JSON, and sent as they are:
Plotly's graph objects validate every property as it is set, and its update_* methods the
whole figure again, which was most of a new view's time on a page that reruns on every filter.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import plotly.io as pio

from homefront.charts import margins

FONT_SIZE = 15  # px: chart text; ticks one smaller (a projector's back row reads 14 px)
# The widest a chart title's line may be: a chart on a 390 px phone is ~350 px wide, and its
# title starts a few px in; longer titles break into lines (margins.wrap)
TITLE_WIDTH = 330
TITLE_TOP = 50  # px above the plot for a one-line title
# A chart's width on a 390 px phone, the narrowest it is drawn (the two-up charts stack
# there; at 1280 px with the sidebar open each is ~390 px wide)
PHONE_CHART_PX = 358
RIGHT_MARGIN = 20
TEXT_COLOUR = "#1F2328"
TICK_FONT = {"size": FONT_SIZE, "color": TEXT_COLOUR}

# Buryatia and Tyva: their points and bars in charts, and the months of a region's chart
FOCUS_COLOUR = "#B23A48"
# Buryatia and Tyva on a map (the Regions page's and the export's): a dark outline and name
FOCUS_OUTLINE = "#141414"
SELECTED_COLOUR = "#005AC8"  # the selected region: its mark in charts, its outline on maps
OTHER_COLOUR = "#8796AA"

# ColorBrewer YlOrRd, 5 classes: sequential and colour-blind safe (colorbrewer2.org).
PALETTE = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_DATA_COLOUR = "#d9d9d9"
# Okabe-Ito colours (safe for colour-blind readers), one per article in sources.yaml order
SOURCE_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")

# Plotly's toolbar: no plotly.com link, no lasso or box tools (only clicks select)
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# No picture download: the chart's legends are drawn apart from it (timeline_legend.py), and
# a picture of its marks without their key (hollow, hatched, dotted; whose colour) misleads
TIMELINE_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage"],
}
# A projector's slide: no toolbar, which showed over the phase labels on hover and offers a
# presenter with a clicker nothing
SLIDE_CONFIG = {"displayModeBar": False}
LEGEND_CONFIG = {"displayModeBar": False, "staticPlot": True}  # a picture, not a chart
EXPORT_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": False}


def source_colours(source_ids: Iterable[str]) -> dict[str, str]:
    """A fixed colour per source, so an outlet looks the same in every chart."""
    return {sid: SOURCE_PALETTE[i % len(SOURCE_PALETTE)] for i, sid in enumerate(source_ids)}


def template(name: str = "") -> dict[str, Any]:
    """A Plotly template written out as Plotly writes it into a figure's JSON, for a figure
    built as plain dicts (plotly.js knows no template by name; Python resolves the name).
    With no name, the one a go.Figure() would take: `pio.templates.default`, which is
    "streamlit" once Streamlit is imported (its theme's placeholders, coloured by the
    browser). Shared and read-only."""
    return _written_out(name or pio.templates.default)


@cache
def _written_out(name: str) -> dict[str, Any]:
    return pio.templates[name].to_plotly_json()


def axis(title: str = "", size: int = FONT_SIZE, **settings: Any) -> dict[str, Any]:
    """An axis with readable text (Streamlit's chart theme otherwise draws ticks at 12 px)."""
    return {
        "title": {"text": title, "font": {"size": size}},
        "tickfont": {"size": size - 1},
        **settings,
    }


def _ticks_extent(values: list, settings: dict, size: int) -> tuple[float, float]:
    """(width, height) of an axis' tick labels over a trace's values, as axis() sets them."""
    labels = margins.tick_labels(values)
    tick_size = settings.get("tickfont", {}).get("size", size - 1)
    return margins.extent(labels, tick_size, angle=settings.get("tickangle", 0))


Spec = dict[str, Any]  # a figure as plain dicts, as Plotly writes its JSON


def figure(
    trace: dict[str, Any],
    title: str,
    height: int,
    xaxis: dict,
    yaxis: dict,
    size: int = FONT_SIZE,
) -> Spec:
    """One trace, a left-aligned title (in lines that fit a phone), no legend (colours are
    explained in captions).

    A spec, not a go.Figure: the figure is sent as these dicts (components.cached
    .FrozenFigure), so Plotly's validation, most of building a small chart, is not paid on
    every new view. The tests validate each chart instead (tests/plotly_specs.py). The
    margins fit the tick labels, so Plotly draws the chart once (homefront/charts/margins.py).
    """
    y_width, _ = _ticks_extent(trace.get("y", []), yaxis, size)
    _, x_height = _ticks_extent(trace.get("x", []), xaxis, size)
    left = margins.room(y_width, margins.THEMED_LEFT)
    # the title's lines past the first: room above the plot
    title_text, title_room = margins.wrapped(title, TITLE_WIDTH, size + 2)
    # the x axis' title is centred under the plot, so on a phone it has the plot's width and
    # the right margin twice; a longer one breaks into lines, with room below for each
    x_text, x_room = margins.wrapped(
        xaxis["title"]["text"], PHONE_CHART_PX - left + RIGHT_MARGIN, size
    )
    xaxis = xaxis | {"title": xaxis["title"] | {"text": x_text}}
    return {
        "data": [trace],
        "layout": {
            "template": template(),
            "title": {
                "text": title_text,
                "font": {"size": size + 2},
                "x": 0,
                "xanchor": "left",
            },
            "height": height + title_room + x_room,
            "font": {"size": size},
            "margin": {
                "l": left,
                "r": RIGHT_MARGIN,
                "t": TITLE_TOP + title_room,
                "b": margins.room(x_height, margins.THEMED_BOTTOM) + x_room,
            },
            "showlegend": False,
            "hoverlabel": {"font": {"size": size}},
            "xaxis": xaxis,
            "yaxis": yaxis,
        },
    }
