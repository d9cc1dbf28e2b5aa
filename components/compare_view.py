"""The Compare sources page's pieces: choosers kept in the link, the side-by-side cells
and the list of disagreements. The coverage matrix and the voices chart are
homefront.charts.compare's; the page places them.

The side by side is one element of escaped HTML (SIDE_BY_SIDE_CSS says why); it
reflows from two to five columns, and stacks on a phone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
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
from homefront.claim_values import number_text
from homefront.coverage import cell_statuses
from homefront.dataset import Dataset
from homefront.figure_text import figure_lines
from homefront.links import parse_available, parse_id_list
from homefront.numbers import count_of
from homefront.schemas import MAX_COMPARED, CoverageCell, Disagreement, Topic
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


# The side by side is one HTML element (the outlets' headers, then each topic's row), not
# Streamlit columns of Markdown: five bordered columns and a Markdown in each made 12
# elements a topic, ~150 a rerun, and each costs the server and more the browser, which
# parses every Markdown again. Every data string goes through html.escape; the markup
# around it is fixed here. Under 640 px the cells stack, as Streamlit's columns do.
GRAY = "rgba(31, 35, 40, 0.62)"  # the theme's text colour, faded as a caption's
ORANGE = "#a34f00"  # the disagreement markers: orange dark enough to read as small text
SIDE_BY_SIDE_CSS = (
    "<style>"
    ".hf-row { display: grid; gap: 1rem; margin-bottom: 0.5rem; }"
    + "".join(
        f".hf-cols-{n} {{ grid-template-columns: repeat({n}, minmax(0, 1fr)); }}"
        for n in range(1, MAX_COMPARED + 1)
    )
    + "@media (max-width: 640px) { .hf-row { grid-template-columns: minmax(0, 1fr); } }"
    ".hf-row h4 { grid-column: 1 / -1; margin: 1rem 0 0; padding: 0; font-size: 1.5rem;"
    " font-weight: 600; line-height: 1.3; }"
    ".hf-cell { border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;"
    " padding: calc(1rem - 1px); line-height: 1.6; overflow-wrap: anywhere; }"
    ".hf-cell p { margin: 0 0 0.75rem; } .hf-cell p:last-child { margin-bottom: 0; }"
    ".hf-small { font-size: 0.875em; }"
    f".hf-gray {{ color: {GRAY}; }}"
    f".hf-outlet {{ font-size: 0.875em; font-weight: 700; color: {GRAY}; }}"
    ".hf-name { font-weight: 700; margin-bottom: 0 !important; }"
    ".hf-status { background: rgba(49, 51, 63, 0.08); border-radius: 0.25rem;"
    " padding: 0.1em 0.35em; font-weight: 700; }"
    f".hf-differs {{ color: {ORANGE}; font-size: 0.875em; font-weight: 700; }}"
    f".hf-badge {{ color: {ORANGE}; background: rgba(255, 164, 33, 0.16);"
    " border-radius: 0.25rem; padding: 0.05em 0.4em; font-size: 0.8em; font-weight: 600;"
    " white-space: nowrap; }"
    "</style>"
)
WARNING = "\u26a0"


class SideBySide(NamedTuple):
    """The side by side as HTML, made once per view (components.views.side_by_side): the
    outlets' headers, then one row per topic."""

    headers: str
    rows: tuple[str, ...]


def _row(cells: Sequence[str], heading: str = "") -> str:
    return f'<div class="hf-row hf-cols-{len(cells)}">{heading}{"".join(cells)}</div>'


def headers_html(dataset: Dataset, source_ids: Sequence[str]) -> str:
    """One box per outlet: name, headline, date with its precision, author, kind."""
    boxes = []
    for sid in source_ids:
        source = dataset.sources[sid]
        about = f"{source_date(source)} · {source.author or 'no byline'} · {source.kind}"
        boxes.append(
            f'<div class="hf-cell"><p class="hf-name">{escape(source.short_name)}</p>'
            f'<p class="hf-small">{escape(source.title)}</p>'
            f'<p class="hf-small hf-gray">{escape(about)}</p></div>'
        )
    return _row(boxes)


def differs_on(source_id: str, disagreements: Sequence[Disagreement]) -> list[str]:
    """What the outlet differs from another on, in the topic's disagreements it is a side of
    ('a number', 'who said it'), each once."""
    return list(
        dict.fromkeys(DIFFERS_WORDS[d.differs] for d in disagreements if source_id in d.sources)
    )


def covered_html(dataset: Dataset, cell: CoverageCell, compact: bool = False) -> list[str]:
    """A covered cell's paragraphs: summary, then quotes and figures in smaller type.

    Compact (for four or five narrow columns) sets the summary in small type too.
    """
    parts = [
        f'<p class="hf-small">{escape(cell.summary)}</p>'
        if compact
        else f"<p>{escape(cell.summary)}</p>"
    ]
    parts += [
        f'<p class="hf-small">\u201c<em>{escape(q.text)}</em>\u201d '
        f'<span class="hf-gray">\u2014 {escape(q.speaker)}</span></p>'
        for q in cell.quotes
    ]
    parts += [
        f'<p class="hf-small"><b>{escape(line.number)}</b> {escape(line.what)} '
        f'<span class="hf-gray">\u2014 {escape(line.attribution)}</span></p>'
        for line in figure_lines(dataset, cell.figures)
    ]
    notes = []
    if cell.framing:
        notes.append(f"Framing: {cell.framing}")
    if cell.voices:
        notes.append(f"Voices: {', '.join(cell.voices)}")
    if notes:
        parts.append(f'<p class="hf-small hf-gray">{escape(" · ".join(notes))}</p>')
    return parts


def cell_html(
    dataset: Dataset,
    topic: Topic,
    source_id: str,
    shown: Sequence[str],
    disagreements: Sequence[Disagreement],
    status: CellStatus,
) -> str:
    """One topic as one outlet tells it (of the `shown` outlets), or a visible 'Not covered'
    or 'Published before this happened', with the article's date when that is the reason."""
    source = dataset.sources[source_id]
    parts = [f'<p class="hf-outlet">{escape(source.short_name)}</p>']
    if status != "covered":
        label = STATUS_TEXT["not covered" if status == "may predate" else status]
        # "Not covered" kept on one line; a longer label wraps between its words (bound to
        # its second, "Published before" broke inside "before" in a narrow cell)
        if label.count(" ") == 1:
            label = label.replace(" ", "\u00a0")
        parts.append(f'<p><span class="hf-status">{escape(label)}</span></p>')
        note = status_note(source, status)
        if note:
            parts.append(f'<p class="hf-small hf-gray">{escape(note)}</p>')
    else:
        kinds = differs_on(source_id, disagreements)
        if kinds:
            parts.append(
                f'<p class="hf-differs">{WARNING} Differs on {escape(", ".join(kinds))}</p>'
            )
        parts += covered_html(dataset, topic.cells[source_id], compact=len(shown) >= COMPACT_FROM)
    return f'<div class="hf-cell">{"".join(parts)}</div>'


def topic_html(
    dataset: Dataset,
    topic: Topic,
    source_ids: Sequence[str],
    disagreements: Sequence[Disagreement],
) -> str:
    """A topic's row: the question, a marker when the outlets disagree on it, and one cell
    per outlet, in the outlets' order."""
    mine = [d for d in disagreements if d.topic == topic.id]
    badge = ""
    if mine:
        badge = f' <span class="hf-badge">{WARNING} {count_of(len(mine), "disagreement")}</span>'
    statuses = cell_statuses(dataset, topic, source_ids)
    cells = [cell_html(dataset, topic, sid, source_ids, mine, statuses[sid]) for sid in source_ids]
    return _row(cells, f"<h4>{escape(topic.question)}{badge}</h4>")


def side_by_side_html(
    dataset: Dataset,
    topics: Sequence[Topic],
    source_ids: Sequence[str],
    disagreements: Sequence[Disagreement],
) -> SideBySide:
    """The outlets' headers and every topic's row, as components.views.side_by_side keeps
    them."""
    return SideBySide(
        headers_html(dataset, source_ids),
        tuple(topic_html(dataset, topic, source_ids, disagreements) for topic in topics),
    )


def side_by_side(table: SideBySide) -> None:
    """The headers (with the rows' style) and every topic's row, as one element: each
    element costs a rerun its own delta (about 0.2 ms on the server), and the rows change
    together (a search, an outlet or a topic changes every row or the set of rows)."""
    st.html(SIDE_BY_SIDE_CSS + table.headers + "".join(table.rows))


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
                    f"{number_text(figures[f], dataset.measures[figures[f].measure])} "
                    f"({figures[f].claimant}, "
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
