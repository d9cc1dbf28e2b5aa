"""The Timeline page's legends drawn apart from its chart, as HTML above and below it.

A search, a new window or a chosen event sends the chart a new figure, and Plotly draws all
of it again, its two legends too: in Chromium, the legends were about a third of the chart's
redraw (a search on a bare app with the chart, 7 Dec: 317-394 ms with them, 217-229 ms
without). Drawn apart, they are an element that stays the same while the events shown change,
so a rerun leaves them as they were and nothing is drawn again. timeline_spec lays out no
legend: its entries are the traces Plotly would list (timeline._key's, which carry no data and
are marked LEGEND_KEY, and the confirmed deaths' own), read here, so the legends say what the
chart's marks are, in its colours and symbols, in the order Plotly gives them.

st.html's sanitiser drops inline SVG, so each swatch is an <img> of an SVG in a data URI (no
request leaves the page).
"""

from __future__ import annotations

import base64
import re
from html import escape, unescape
from typing import Any, NamedTuple

from homefront.charts.timeline import EVENTS_LEGEND_TITLE, GREY, LEGEND_KEY, Trace

# A colour a swatch may carry: the chart's own, as hex or rgb(a), never text from elsewhere
_COLOUR = re.compile(
    r"#(?:[0-9A-Fa-f]{3,4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|white"
    r"|rgba?\(\d+(?:\.\d+)?(?:,\s*\d+(?:\.\d+)?){2,3}\)"
)
WIDTH, HEIGHT = 30, 16  # px: a swatch, about the size of Plotly's
_SHAPES = {
    "circle": '<circle cx="15" cy="8" r="6"',
    "diamond": '<path d="M15 1 L22 8 L15 15 L8 8 Z"',
    "triangle-up": '<path d="M15 2 L22 14 L8 14 Z"',
    "triangle-right": '<path d="M22 8 L10 1.5 L10 14.5 Z"',
}
CSS = """<style>
.hf-legend { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.5rem 2.5rem;
  font-size: 0.875rem; line-height: 1.6; }
.hf-legend-group { display: flex; flex-direction: column; }
.hf-legend-row .hf-legend-group { flex-direction: row; flex-wrap: wrap; gap: 0 1.25rem; }
.hf-legend-title { font-weight: 600; }
.hf-legend-entry { display: inline-flex; align-items: center; gap: 0.3rem; }
.hf-legend-entry img { flex: none; }
</style>"""


class Entry(NamedTuple):
    name: str
    swatch: str  # an <img> of an SVG


class Group(NamedTuple):
    title: str
    entries: tuple[Entry, ...]


class Legends(NamedTuple):
    """The chart without its legend entries, and its legends as HTML for above and below it."""

    figure: dict[str, Any]
    above: str
    below: str


def _colour(value: object, fallback: str = GREY) -> str:
    return value if isinstance(value, str) and _COLOUR.fullmatch(value) else fallback


def swatch(trace: Trace) -> str:
    """A legend entry's mark as an image of an SVG, drawn as Plotly draws it in a legend: a
    bar's square (hatched for a hatched bar), a marker's symbol (hollow for an open one), a
    line (dotted for a dotted one), a line through a small marker."""
    marker, line = trace.get("marker") or {}, trace.get("line") or {}
    if trace.get("type") == "bar":
        pattern = marker.get("pattern")
        fill = _colour(marker.get("color"))
        shape = f'<rect x="9" y="2" width="12" height="12" fill="{fill}"'
        if pattern:
            ink = _colour(pattern.get("fgcolor"))
            shape += f' stroke="{ink}" stroke-width="1.5"/>'
            shape += (
                f'<path d="M9 8 L15 2 M9 14 L21 2 M15 14 L21 8" stroke="{ink}" stroke-width="1.5"/>'
            )
        else:
            shape += "/>"
        return _svg(shape)
    mode = trace.get("mode", "markers")
    if "lines" in mode:
        colour = _colour(line.get("color"))
        dash = ' stroke-dasharray="2 3"' if line.get("dash") == "dot" else ""
        width = min(float(line.get("width", 2)), 4)
        shape = f'<path d="M2 8 L28 8" stroke="{colour}" stroke-width="{width}"{dash}/>'
        if "markers" in mode:
            shape += f'<circle cx="15" cy="8" r="3.5" fill="{colour}"/>'
        return _svg(shape)
    symbol = marker.get("symbol", "circle")
    shape = _SHAPES.get(symbol.removesuffix("-open"))
    if shape is None:  # a new kind of mark needs its swatch here
        raise ValueError(f"no legend swatch for the marker symbol {symbol!r}")
    colour = _colour(marker.get("color"))
    ring = marker.get("line") or {}
    if symbol.endswith("-open"):
        fill, stroke, width = "none", colour, ring.get("width", 2)
    else:
        fill, stroke, width = colour, _colour(ring.get("color"), colour), ring.get("width", 0)
    width = min(float(width), 3)
    return _svg(f'{shape} fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>')


def _svg(shapes: str) -> str:
    """The swatch as an image of an SVG in a data URI: st.html's sanitiser keeps an <img> of
    one (and no request leaves the page), but drops an inline <svg>."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">{shapes}</svg>'
    )
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" width="{WIDTH}" height="{HEIGHT}" alt="">'


def legend_groups(spec: dict[str, Any]) -> dict[str, list[Group]]:
    """Each legend of the chart ('legend' above, 'legend2' below): its groups and their
    entries, in the order Plotly would list them (the traces' order, a group where its first
    entry is). The events' entries have no group; EVENTS_LEGEND_TITLE is their title."""
    groups: dict[str, dict[str, tuple[str, list[Entry]]]] = {"legend": {}, "legend2": {}}
    for trace in spec["data"]:
        if trace.get("showlegend") is False:
            continue
        legend = trace.get("legend", "legend")
        if legend not in groups:
            raise ValueError(f"the page draws no {legend!r}: its entries would be lost")
        title = (trace.get("legendgrouptitle") or {}).get("text", "")
        if legend == "legend" and not title:
            title = EVENTS_LEGEND_TITLE
        _, entries = groups[legend].setdefault(trace.get("legendgroup", ""), (title, []))
        entries.append(Entry(str(trace.get("name", "")), swatch(trace)))
    return {
        legend: [Group(title, tuple(entries)) for title, entries in by_group.values()]
        for legend, by_group in groups.items()
    }


def legend_html(groups: list[Group], row: bool) -> str:
    """One legend as escaped HTML: its groups side by side, each a title over its entries
    (`row`: each group's title and entries on one line, as the events' legend reads). From
    the chart's left edge, not the plot's: the plot's moves with its lanes' names and counts,
    and a legend that moved would be a new element to draw. Empty for no groups."""
    if not groups:
        return ""
    parts = []
    for group in groups:
        title = f'<span class="hf-legend-title">{_text(group.title)}</span>' if group.title else ""
        entries = "".join(
            f'<span class="hf-legend-entry">{entry.swatch}{_text(entry.name)}</span>'
            for entry in group.entries
        )
        parts.append(f'<div class="hf-legend-group">{title}{entries}</div>')
    kind = "hf-legend hf-legend-row" if row else "hf-legend"
    return f'<div class="{kind}">{"".join(parts)}</div>'


def _text(plotly_text: str) -> str:
    """A name as the chart's legend would read it, as HTML text: its entities (plain() writes
    them) the characters they stand for, then everything escaped, so no tag is ever drawn."""
    return escape(unescape(plotly_text))


def legends_apart(spec: dict[str, Any]) -> Legends:
    """timeline_spec's chart without its legend entries (the LEGEND_KEY traces, which carry
    no data), and its two legends as HTML, for the page to place above and below it."""
    groups = legend_groups(spec)
    data = [t for t in spec["data"] if t.get("meta") != LEGEND_KEY]
    return Legends(
        {"data": data, "layout": spec["layout"]},
        legend_html(groups["legend"], row=True),
        legend_html(groups["legend2"], row=False),
    )
