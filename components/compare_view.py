"""The Compare sources page's pieces: choosers kept in the link, the side-by-side cells,
the coverage matrix, the voices chart and the list of disagreements.

Cells are plain Streamlit containers with escaped Markdown (no HTML), so they reflow from
two to five columns; the charts are plain Plotly (no geo traces) with text of 14 px or more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.filters import initial_param, link_notices
from components.text import escape_md
from homefront.chart_text import plain
from homefront.citations import source_date
from homefront.coverage import cell_statuses, parse_id_list, voices_table
from homefront.dataset import Dataset
from homefront.ledger import ambiguous
from homefront.queries import format_figure
from homefront.schemas import VOICES, CoverageCell, Disagreement, Topic
from homefront.topic_dates import STATUS_TEXT, CellStatus, status_note

FONT_SIZE = 15
TICK_FONT = {"size": FONT_SIZE, "color": "#1F2328"}
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
# Okabe-Ito colours (safe for colour-blind readers), one per article in sources.yaml order
SOURCE_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
# from this many columns on, cells set their summaries in small type to fit
COMPACT_FROM = 4
# The heatmaps' outlet names sit level, wrapped to ~13 characters: on a phone five columns
# would overlap them, so there the charts keep a laptop's width and scroll sideways. Keyed by
# the charts' keys on the Compare page; the page draws this once.
HEATMAP_KEYS = ("coverage_matrix", "voices_chart")
NARROW_CSS = (
    "<style>@media (max-width: 700px) {"
    + "".join(
        f" .st-key-{k} {{ overflow-x: auto; }} .st-key-{k} > div {{ min-width: 760px; }}"
        for k in HEATMAP_KEYS
    )
    + " }</style>"
)
COVERED_COLOUR, NOT_COVERED_COLOUR = "#2F6FA8", "#E4E7EB"
BEFORE_COLOUR = "#F5E6C8"  # sand: the article came before the topic's event
# the heatmap's value and cell text per status (a covered cell shows its number of quotes)
MATRIX_CODES: dict[CellStatus, tuple[float, str]] = {
    "covered": (1, ""),
    "published before": (0.5, "before"),
    "not covered": (0, "\u2013"),
    "may predate": (0, "\u2013"),
}
DIFFERS_WORDS = {
    "number": "a number",
    "date": "a date",
    "prediction": "a forecast",
    "attribution": "who said it",
    "characterisation": "how it is described",
}


def source_colours(dataset: Dataset) -> dict[str, str]:
    """A fixed colour per source, so an outlet looks the same in every chart."""
    return {sid: SOURCE_PALETTE[i % len(SOURCE_PALETTE)] for i, sid in enumerate(dataset.sources)}


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


# --- choosers whose state lives in the link ----------------------------------


def _seeded(state: str, param: str, parse: Callable[[str | None], tuple]) -> object:
    """The stored choice, seeded once per session from the link (with notices)."""
    if state not in st.session_state:
        chosen, notices = parse(initial_param(param))
        link_notices(notices)
        st.session_state[state] = chosen
    return st.session_state[state]


def seed_ids(options: Sequence[str], param: str, key: str, minimum: int = 1) -> None:
    """Seed chosen_ids' stored choice from the link, once per session, with its notices.

    chosen_ids does it itself; a page that draws the widget in an st.fragment calls this
    first, outside it, so the notices are drawn with the page's, not inside the fragment
    (whose own reruns would clear them)."""
    options = list(options)
    _seeded(f"_{key}_chosen", param, lambda raw: parse_id_list(raw, options, param, minimum))


def chosen_ids(
    draw: Callable[[str], object],
    options: Sequence[str],
    param: str,
    key: str,
    minimum: int = 1,
    all_by_default: bool = True,
) -> list[str]:
    """A multi-choice widget whose choice survives page switches and starts from the link.

    `draw(key)` draws the widget (pills, multiselect) with that key. The stored choice is
    None while it means "all", so it follows the options when the sidebar filters change
    them; an explicit choice is intersected with them. With all_by_default the widget
    shows every option selected, otherwise none (its placeholder should then say "all").
    Returns the chosen options, in options order; all of them when the choice is None.
    """
    options = list(options)
    state, seen = f"_{key}_chosen", f"_{key}_options"
    seed_ids(options, param, key, minimum)
    if key in st.session_state:  # the widget's value from the previous run (the user's)
        picked = list(st.session_state[key])
        everything = st.session_state.get(seen, options)
        means_all = set(picked) == set(everything) if all_by_default else not picked
        st.session_state[state] = None if means_all else picked
    stored = st.session_state[state]
    if stored is None:
        value = options if all_by_default else []
    else:
        value = [o for o in options if o in stored]
        if stored and not value:  # the filters removed everything chosen: back to all
            value = options if all_by_default else []
    st.session_state[key] = value
    st.session_state[seen] = options
    draw(key)
    picked = [o for o in options if o in st.session_state[key]]
    return picked if picked or all_by_default else options


def chosen_one(
    label: str, options: Sequence[str], param: str, key: str, format_func: Callable[[str], str]
) -> str:
    """A select box like chosen_ids: one value, the first option by default."""
    options = list(options)
    state = f"_{key}_chosen"

    def parse(raw: str | None) -> tuple[str | None, list[str]]:
        if raw is None or raw in options:
            return raw, []
        return None, [f"Link parameter '{param}={raw[:40]}' is not available here; ignored."]

    _seeded(state, param, parse)
    if key in st.session_state:
        st.session_state[state] = st.session_state[key]
    stored = st.session_state[state]
    st.session_state[key] = stored if stored in options else options[0]
    st.selectbox(label, options, key=key, format_func=format_func)
    st.session_state[state] = st.session_state[key]
    return st.session_state[key]


# --- the side-by-side comparison ---------------------------------------------


def source_headers(dataset: Dataset, source_ids: Sequence[str]) -> None:
    """One column per outlet: name, headline, date with its precision, author, kind."""
    for column, sid in zip(st.columns(len(source_ids), gap="small"), source_ids, strict=True):
        source = dataset.sources[sid]
        with column, st.container(border=True):
            st.markdown(f"**{escape_md(source.short_name)}**  \n:small[{escape_md(source.title)}]")
            st.caption(
                escape_md(f"{source_date(source)} · {source.author or 'no byline'} · {source.kind}")
            )


def differs_marker(source_id: str, disagreements: Sequence[Disagreement]) -> str:
    """':orange[⚠ Differs on a number, who said it]' for a cell on a side of a disagreement."""
    kinds = dict.fromkeys(DIFFERS_WORDS[d.differs] for d in disagreements if source_id in d.sources)
    if not kinds:
        return ""
    return f":orange[:material/warning: :small[**Differs on {', '.join(kinds)}**]]"


def cell_markdown(dataset: Dataset, cell: CoverageCell, compact: bool = False) -> str:
    """A covered cell as Markdown: summary, then quotes and figures in smaller type.

    Compact (for four or five narrow columns) sets the summary in small type too.
    """
    figures = dataset.figure_by_id
    summary = escape_md(cell.summary)
    parts = [f":small[{summary}]" if compact else summary]
    parts += [
        f":small[\u201c*{escape_md(q.text)}*\u201d :gray[\u2014 {escape_md(q.speaker)}]]"
        for q in cell.quotes
    ]
    name_subject = ambiguous(figures[fid] for fid in cell.figures)
    for fid in cell.figures:
        figure = figures[fid]
        what = dataset.measures[figure.measure].label
        if fid in name_subject and figure.subject:
            what += f" ({figure.subject})"
        parts.append(
            f":small[:material/tag: **{escape_md(format_figure(figure))}** "
            f"{escape_md(what)} :gray[\u2014 {escape_md(figure.claimant)}]]"
        )
    notes = []
    if cell.framing:
        notes.append(f"Framing: {escape_md(cell.framing)}")
    if cell.voices:
        notes.append(f"Voices: {escape_md(', '.join(cell.voices))}")
    if notes:
        parts.append(f":small[:gray[{' · '.join(notes)}]]")
    return "\n\n".join(parts)


def cell_view(
    dataset: Dataset,
    topic: Topic,
    source_id: str,
    shown: Sequence[str],
    disagreements: Sequence[Disagreement],
    status: CellStatus,
) -> None:
    """One topic as one outlet tells it (of the `shown` outlets), or a visible 'Not covered'
    or 'Published before this happened', with the article's date when that is the reason."""
    cell = topic.cells[source_id]
    source = dataset.sources[source_id]
    head = f":small[:gray[**{escape_md(source.short_name)}**]]"
    if status != "covered":
        label = STATUS_TEXT["not covered" if status == "may predate" else status]
        badge = f":gray-background[**{label.replace(' ', chr(0xA0), 1)}**]"
        note = status_note(source, status)
        note = f"\n\n:small[:gray[{escape_md(note)}]]" if note else ""
        st.markdown(f"{head}\n\n{badge}{note}")
        return
    marker = differs_marker(source_id, disagreements)
    body = cell_markdown(dataset, cell, compact=len(shown) >= COMPACT_FROM)
    st.markdown("\n\n".join(p for p in (head, marker, body) if p))


def topic_row(
    dataset: Dataset,
    topic: Topic,
    source_ids: Sequence[str],
    disagreements: Sequence[Disagreement],
) -> None:
    """The question, a marker when the outlets disagree on it, and one cell per outlet."""
    mine = [d for d in disagreements if d.topic == topic.id]
    badge = ""
    if mine:
        count = f"{len(mine)} disagreement{'s' if len(mine) > 1 else ''}"
        badge = f" :orange-badge[:material/warning: {count}]"
    st.markdown(f"#### {escape_md(topic.question)}{badge}")
    # bordered columns, not a bordered container in each: 60 fewer blocks a rerun on the page
    columns = st.columns(len(source_ids), gap="small", border=True)
    statuses = cell_statuses(dataset, topic, source_ids)
    for column, sid in zip(columns, source_ids, strict=True):
        with column:
            cell_view(dataset, topic, sid, source_ids, mine, statuses[sid])


def disagreement_list(dataset: Dataset, disagreements: Sequence[Disagreement]) -> None:
    """Every disagreement on screen: the topic, what differs, each side, and why it may."""
    figures = dataset.figure_by_id
    topics = {t.id: t for t in dataset.coverage.topics}
    for d in disagreements:
        with st.container(border=True):
            sides = [
                f"- **{escape_md('; '.join(dataset.sources[s].short_name for s in side.sources))}"
                f"**: {escape_md(side.position)}"
                for side in d.sides
            ]
            notes = [escape_md(d.description), f"Why both cannot be right: {escape_md(d.conflict)}"]
            if d.figures:
                claims = ", ".join(
                    f"{format_figure(figures[f])} ({figures[f].claimant}, "
                    f"{dataset.sources[figures[f].source].short_name})"
                    for f in d.figures
                )
                notes.append(f"Figures: {escape_md(claims)}")
            st.markdown(
                f"**{escape_md(topics[d.topic].question)}** "
                f":orange-badge[:material/warning: differs on {DIFFERS_WORDS[d.differs]}]\n\n"
                + "\n".join(sides)
                + "".join(f"\n\n:small[:gray[{note}]]" for note in notes)
            )


# --- charts --------------------------------------------------------------------


def _style(figure: go.Figure, height: int) -> go.Figure:
    """Shared look: large type, no plot title (the page's heading names the chart)."""
    figure.update_layout(
        height=height,
        font={"size": FONT_SIZE},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        hoverlabel={"font": {"size": FONT_SIZE}},
        plot_bgcolor="white",
    )
    # Streamlit's chart theme sets smaller grey ticks: state the size and colour here
    figure.update_yaxes(autorange="reversed", showgrid=False, tickfont=TICK_FONT)
    figure.update_xaxes(side="top", showgrid=False, tickangle=0, tickfont=TICK_FONT)
    figure.update_layout(legend={"font": TICK_FONT})
    return figure


def cell_words(topic: Topic, sid: str, status: CellStatus) -> str:
    """What one heatmap cell says, in its hover and in the table alternative alike."""
    if status == "covered":
        return f"covered, {len(topic.cells[sid].quotes)} quote(s)"
    return STATUS_TEXT[status]


def coverage_matrix(dataset: Dataset, topics: Sequence[Topic], source_ids: Sequence[str]):
    """Topics x outlets: dark where the outlet covers the topic, with its number of quotes;
    sand, marked "before", where the article was published before the topic's event."""
    statuses = [cell_statuses(dataset, t, source_ids) for t in topics]

    def words(topic: Topic, sid: str, status: CellStatus) -> str:
        said = cell_words(topic, sid, status)
        return f"{plain(topic.label)} \u00b7 {plain(dataset.sources[sid].short_name)}: {said}"

    figure = go.Figure(
        go.Heatmap(
            z=[[MATRIX_CODES[row[s]][0] for s in source_ids] for row in statuses],
            x=[axis_name(dataset, s) for s in source_ids],
            y=[plain(t.label) for t in topics],
            text=[
                [
                    str(len(t.cells[s].quotes)) if row[s] == "covered" else MATRIX_CODES[row[s]][1]
                    for s in source_ids
                ]
                for t, row in zip(topics, statuses, strict=True)
            ],
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE},
            customdata=[
                [words(t, s, row[s]) for s in source_ids]
                for t, row in zip(topics, statuses, strict=True)
            ],
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=[[0, NOT_COVERED_COLOUR], [0.5, BEFORE_COLOUR], [1, COVERED_COLOUR]],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=3,
            ygap=3,
        )
    )
    # legend-only squares explain the two colours; a covered cell's number is its quotes
    for name, colour in (
        ("Covered (number of quotes)", COVERED_COLOUR),
        ("Not covered", NOT_COVERED_COLOUR),
        (f"{STATUS_TEXT['published before']} (before)", BEFORE_COLOUR),
    ):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={
                    "symbol": "square",
                    "size": 16,
                    "color": colour,
                    "line": {"color": "#8C959F", "width": 1},
                },
            )
        )
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0})
    return _style(figure, 150 + 36 * len(topics))


def voices_chart(dataset: Dataset, topics: Sequence[Topic], source_ids: Sequence[str]):
    """Voices x outlets: in how many of the shown topics each outlet gives each group a voice."""
    table = voices_table(topics, source_ids)
    grid = table.pivot(index="voice", columns="source", values="topics")
    grid = grid.loc[list(VOICES), list(source_ids)].to_numpy()
    figure = go.Figure(
        go.Heatmap(
            z=grid,
            x=[axis_name(dataset, s) for s in source_ids],
            y=[v.capitalize() for v in VOICES],
            text=[[str(v) if v else "" for v in row] for row in grid],
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE},
            hovertemplate="%{y}: a voice in %{z} topic(s)<extra></extra>",
            colorscale="Blues",
            zmin=0,
            colorbar={
                "title": {"text": "topics", "side": "top"},
                "thickness": 14,
                "tickfont": TICK_FONT,
            },
            xgap=3,
            ygap=3,
        )
    )
    return _style(figure, 120 + 36 * len(VOICES))


# --- the heatmaps' table alternatives (issue 13.7) ---------------------------------------


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
