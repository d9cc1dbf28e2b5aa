"""The Compare sources page's pieces: choosers kept in the link, the side-by-side cells
and the list of disagreements. The coverage matrix and the voices chart are
homefront.charts.compare's; the page places them.

Cells are plain Streamlit containers with escaped Markdown (no HTML), so they reflow from
two to five columns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import streamlit as st

from components import page_state
from components.provenance import download_csv
from components.tables import table_alternative
from components.text import escape_md
from homefront.charts.theme import CHART_CONFIG
from homefront.citations import source_date
from homefront.coverage import cell_statuses
from homefront.dataset import Dataset
from homefront.ledger import ambiguous
from homefront.links import parse_available, parse_id_list
from homefront.numbers import count_of
from homefront.queries import format_figure
from homefront.schemas import CoverageCell, Disagreement, Topic
from homefront.topic_dates import STATUS_TEXT, CellStatus, status_note

# from this many columns on, cells set their summaries in small type to fit
COMPACT_FROM = 4
# The heatmaps' outlet names sit level, wrapped to ~13 characters: on a phone five columns
# would overlap them, so there the charts keep a laptop's width and scroll sideways
# (components/narrow.py). Keyed by the charts' keys on the Compare page.
HEATMAP_KEYS = ("coverage_matrix", "voices_chart")
HEATMAP_MIN_WIDTH_PX = 760
DIFFERS_WORDS = {
    "number": "a number",
    "date": "a date",
    "prediction": "a forecast",
    "attribution": "who said it",
    "characterisation": "how it is described",
}


# --- choosers whose state lives in the link ----------------------------------


def seed_ids(options: Sequence[str], param: str, key: str, minimum: int = 1) -> None:
    """Seed chosen_ids' stored choice from the link, once per session, with its notices.

    chosen_ids does it itself; a page that draws the widget in an st.fragment calls this
    first, outside it, so the notices are drawn with the page's, not inside the fragment
    (whose own reruns would clear them)."""
    options = list(options)
    page_state.seed(
        f"_{key}_chosen", lambda link: parse_id_list(link.get(param), options, param, minimum)
    )


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
    page_state.seed(state, lambda link: parse_available(link.get(param), options, param))
    if key in st.session_state:
        st.session_state[state] = st.session_state[key]
    stored = st.session_state[state]
    st.session_state[key] = stored if stored in options else options[0]
    st.selectbox(label, options, key=key, format_func=format_func)
    st.session_state[state] = st.session_state[key]
    return st.session_state[key]


# --- the side-by-side comparison ---------------------------------------------


def place_heatmap(
    dataset: Dataset,
    chart: go.Figure,
    key: str,
    name: str,
    table: tuple[pd.DataFrame, pa.Table],
    compared: Sequence[str],
    what: str,
    file_name: str,
) -> None:
    """One of the page's two heatmaps, named for screen readers, with its table (the frame
    and its Arrow copy, components.views) and its download (`what` the CSV says it holds)
    under it."""
    frame, arrow = table
    st.plotly_chart(chart, config=CHART_CONFIG, key=key, alt=name)
    table_alternative(arrow, name, lambda: download_csv(dataset, frame, compared, what, file_name))


def source_headers(dataset: Dataset, source_ids: Sequence[str]) -> None:
    """One column per outlet: name, headline, date with its precision, author, kind.

    Bordered columns with one Markdown each, as the rows below (topic_row): a bordered
    container, a Markdown and a caption in each was 15 more elements a rerun."""
    columns = st.columns(len(source_ids), gap="small", border=True)
    for column, sid in zip(columns, source_ids, strict=True):
        source = dataset.sources[sid]
        about = f"{source_date(source)} · {source.author or 'no byline'} · {source.kind}"
        column.markdown(
            f"**{escape_md(source.short_name)}**  \n:small[{escape_md(source.title)}]\n\n"
            f":small[:gray[{escape_md(about)}]]"
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


def cell_text(
    dataset: Dataset,
    topic: Topic,
    source_id: str,
    shown: Sequence[str],
    disagreements: Sequence[Disagreement],
    status: CellStatus,
) -> str:
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
        return f"{head}\n\n{badge}{note}"
    marker = differs_marker(source_id, disagreements)
    body = cell_markdown(dataset, cell, compact=len(shown) >= COMPACT_FROM)
    return "\n\n".join(p for p in (head, marker, body) if p)


class TopicRow(NamedTuple):
    """One row of the side by side, as Markdown: the question (with a marker when the
    outlets disagree on it) and one cell per outlet, in the outlets' order."""

    heading: str
    cells: tuple[str, ...]


def topic_text(
    dataset: Dataset,
    topic: Topic,
    source_ids: Sequence[str],
    disagreements: Sequence[Disagreement],
) -> TopicRow:
    """A topic's row as text, made once per view (components.views.comparison_rows): its
    ~45 escaped strings cost more than placing the row."""
    mine = [d for d in disagreements if d.topic == topic.id]
    badge = ""
    if mine:
        count = count_of(len(mine), "disagreement")
        badge = f" :orange-badge[:material/warning: {count}]"
    statuses = cell_statuses(dataset, topic, source_ids)
    return TopicRow(
        f"#### {escape_md(topic.question)}{badge}",
        tuple(
            cell_text(dataset, topic, sid, source_ids, mine, statuses[sid]) for sid in source_ids
        ),
    )


def topic_row(row: TopicRow) -> None:
    """The question, then one bordered column per outlet."""
    st.markdown(row.heading)
    # bordered columns, not a bordered container in each: 60 fewer blocks a rerun on the page
    columns = st.columns(len(row.cells), gap="small", border=True)
    for column, text in zip(columns, row.cells, strict=True):
        column.markdown(text)


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
