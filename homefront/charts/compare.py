"""The Compare sources charts: the coverage matrix and the voices heatmap, and their table
alternatives in the same words.

Plain Plotly (no geo traces) with text of 15 px; every string from the data goes through
homefront.charts.text.plain, and only the chart's own <br> is markup. Each chart is a spec
(theme.Spec: plain dicts, sent without Plotly's validation, which took ~18 ms of each
chart's ~20 for every new choice of topics or outlets; tests/plotly_specs.py checks them).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from plotly.colors import make_colorscale, sequential

from homefront.charts import margins
from homefront.charts.text import plain
from homefront.charts.theme import FONT_SIZE, TICK_FONT, Spec, template
from homefront.coverage import cell_statuses, voices_table
from homefront.dataset import Dataset
from homefront.schemas import VOICES, Topic
from homefront.topic_dates import STATUS_TEXT, CellStatus

COVERED_COLOUR, NOT_COVERED_COLOUR = "#2F6FA8", "#E4E7EB"
BEFORE_COLOUR = "#F5E6C8"  # sand: the article came before the topic's event
# the heatmap's value and cell text per status (a covered cell shows its number of quotes)
MATRIX_CODES: dict[CellStatus, tuple[float, str]] = {
    "covered": (1, ""),
    "published before": (0.5, "before"),
    "not covered": (0, "\u2013"),
    "may predate": (0, "\u2013"),
}
# ColorBrewer Blues as Python's Plotly spells it out (plotly.js has its own "Blues")
VOICES_COLOURS = make_colorscale(sequential.Blues)


def axis_name(dataset: Dataset, source_id: str, width: int = 13) -> str:
    """An outlet's short name for a chart axis, wrapped into lines of about `width` characters."""
    lines: list[str] = []
    # Plotly reads tick labels as HTML: the name's words are escaped, only <br> is markup
    for word in plain(dataset.sources[source_id].short_name).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


# measured in Chromium: what Plotly pushes the margin to for the key squares' legend in one
# row under the matrix (a narrower chart would wrap it, and Plotly push further), and for the
# voices' colour bar at the plot's edge, its title "topics" its widest part (the same at
# 390 to 1920 px)
LEGEND_BOTTOM = 92
COLOUR_BAR_RIGHT = 88


def _heatmap(traces: list[dict], height: int, legend: dict | None = None) -> Spec:
    """Shared look: large type, no plot title (the page's heading names the chart), topics
    read down from the top and outlets named along it. The margins fit the labels, the
    legend and the colour bar, so Plotly draws the chart once (margins.py)."""
    cells = traces[0]
    # Streamlit's chart theme sets smaller grey ticks: state the size and colour here
    return {
        "data": traces,
        "layout": {
            "template": template(),
            "height": height,
            "font": {"size": FONT_SIZE},
            "margin": {
                "l": margins.room(margins.widest(cells["y"], FONT_SIZE), margins.UNTITLED_LEFT),
                "r": COLOUR_BAR_RIGHT if "colorbar" in cells else 10,
                "t": margins.room(
                    margins.lines_height(cells["x"], FONT_SIZE), margins.UNTITLED_TOP
                ),
                "b": LEGEND_BOTTOM if legend else 10,
            },
            "hoverlabel": {"font": {"size": FONT_SIZE}},
            "plot_bgcolor": "white",
            "yaxis": {"autorange": "reversed", "showgrid": False, "tickfont": TICK_FONT},
            "xaxis": {"side": "top", "showgrid": False, "tickangle": 0, "tickfont": TICK_FONT},
            "legend": (legend or {}) | {"font": TICK_FONT},
        },
    }


def cell_words(topic: Topic, sid: str, status: CellStatus) -> str:
    """What one heatmap cell says, in its hover and in the table alternative alike."""
    if status == "covered":
        return f"covered, {len(topic.cells[sid].quotes)} quote(s)"
    return STATUS_TEXT[status]


def coverage_matrix(dataset: Dataset, topics: Sequence[Topic], source_ids: Sequence[str]) -> Spec:
    """Topics x outlets: dark where the outlet covers the topic, with its number of quotes;
    sand, marked "before", where the article was published before the topic's event."""
    statuses = [cell_statuses(dataset, t, source_ids) for t in topics]

    def words(topic: Topic, sid: str, status: CellStatus) -> str:
        said = cell_words(topic, sid, status)
        return f"{plain(topic.label)} \u00b7 {plain(dataset.sources[sid].short_name)}: {said}"

    cells = {
        "type": "heatmap",
        "z": [[MATRIX_CODES[row[s]][0] for s in source_ids] for row in statuses],
        "x": [axis_name(dataset, s) for s in source_ids],
        "y": [plain(t.label) for t in topics],
        "text": [
            [
                str(len(t.cells[s].quotes)) if row[s] == "covered" else MATRIX_CODES[row[s]][1]
                for s in source_ids
            ]
            for t, row in zip(topics, statuses, strict=True)
        ],
        "texttemplate": "%{text}",
        "textfont": {"size": FONT_SIZE},
        "customdata": [
            [words(t, s, row[s]) for s in source_ids]
            for t, row in zip(topics, statuses, strict=True)
        ],
        "hovertemplate": "%{customdata}<extra></extra>",
        "colorscale": [[0, NOT_COVERED_COLOUR], [0.5, BEFORE_COLOUR], [1, COVERED_COLOUR]],
        "zmin": 0,
        "zmax": 1,
        "showscale": False,
        "xgap": 3,
        "ygap": 3,
    }
    # legend-only squares explain the two colours; a covered cell's number is its quotes
    keys = [
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": name,
            "marker": {
                "symbol": "square",
                "size": 16,
                "color": colour,
                "line": {"color": "#8C959F", "width": 1},
            },
        }
        for name, colour in (
            ("Covered (number of quotes)", COVERED_COLOUR),
            ("Not covered", NOT_COVERED_COLOUR),
            (f"{STATUS_TEXT['published before']} (before)", BEFORE_COLOUR),
        )
    ]
    legend = {"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0}
    return _heatmap([cells, *keys], 150 + 36 * len(topics), legend)


def voices_chart(dataset: Dataset, topics: Sequence[Topic], source_ids: Sequence[str]) -> Spec:
    """Voices x outlets: in how many of the shown topics each outlet gives each group a voice."""
    table = voices_table(topics, source_ids)
    grid = table.pivot(index="voice", columns="source", values="topics")
    grid = grid.loc[list(VOICES), list(source_ids)].to_numpy().tolist()
    cells = {
        "type": "heatmap",
        "z": grid,
        "x": [axis_name(dataset, s) for s in source_ids],
        "y": [v.capitalize() for v in VOICES],
        "text": [[str(v) if v else "" for v in row] for row in grid],
        "texttemplate": "%{text}",
        "textfont": {"size": FONT_SIZE},
        "hovertemplate": "%{y}: a voice in %{z} topic(s)<extra></extra>",
        "colorscale": VOICES_COLOURS,
        "zmin": 0,
        "colorbar": {
            "title": {"text": "topics", "side": "top"},
            "thickness": 14,
            "tickfont": TICK_FONT,
            "dtick": 1,  # counts of topics: whole numbers, so the bar's width is known
            "x": 1,  # at the plot's edge, not 2% of its width beyond: the same room at any width
            "xanchor": "left",
        },
        "xgap": 3,
        "ygap": 3,
    }
    return _heatmap([cells], 120 + 36 * len(VOICES))


def coverage_matrix_table(
    dataset: Dataset, topics: Sequence[Topic], source_ids: Sequence[str]
) -> pd.DataFrame:
    """coverage_matrix as a table: one row per topic, one column per outlet, in words."""
    rows = []
    for topic in topics:
        statuses = cell_statuses(dataset, topic, source_ids)
        rows.append(
            {"topic": topic.label}
            | {dataset.sources[s].short_name: cell_words(topic, s, statuses[s]) for s in source_ids}
        )
    return pd.DataFrame(rows)


def voices_matrix_table(
    dataset: Dataset, topics: Sequence[Topic], source_ids: Sequence[str]
) -> pd.DataFrame:
    """voices_chart as a table: one row per voice, one column per outlet (topics with it)."""
    grid = voices_table(topics, source_ids).pivot(index="voice", columns="source", values="topics")
    grid = grid.loc[list(VOICES), list(source_ids)]
    grid.columns = [dataset.sources[s].short_name for s in source_ids]
    return grid.rename(index=str.capitalize).rename_axis("voice").reset_index()
