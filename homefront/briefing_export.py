"""The Briefing as one self-contained HTML slide deck, for rooms with no network.

Opened, it shows one step per screen, like the app's projector view: Right, Page Down or
Space go on, Left, Page Up or Shift+Space go back, Home and End jump (a few lines of inline
script; the step is in the address's #fragment). Printed, it puts the title and then each step on a
page of its own, on A4 or Letter, portrait or landscape: the charts have a fixed size and
print at a fixed scale, so none is cut. Without script every step shows, one after another.

Every step has its headline, text, view, full citations and the data-as-of note; a step's
`chart:` (a Why these regions scatter, homefront.charts.region_model, drawn as the Briefing
page draws it) takes the place of its timeline or map, with its caption and accessible
name. plotly.js is inlined once (in the first chart) and the map is drawn as plain SVG
shapes from the project's GeoJSON (homefront.charts.briefing.map_figure), so the file asks nothing
of the network. (A Choroplethmap on the white-bg style fetched nothing either, but drew
blank in headless Chromium, so it could not be checked; SVG also prints.) All curated text
goes through html.escape, so a stray '<' in the data shows as text.
"""

from __future__ import annotations

import datetime as dt
import time
from html import escape
from pathlib import Path

from homefront import periods, region_model
from homefront.briefing import as_of_note, map_window, step_cards, step_sources
from homefront.charts import region_model as region_model_charts
from homefront.charts.briefing import (
    CHART_PX,
    SLIDE_FONT_PX,
    figure_html,
    map_figure,
    slide_timeline,
    step_timeline,
)
from homefront.citations import cite
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.death_tolls import confirmed_by_month
from homefront.rates import region_rates
from homefront.region_text import ALL_UNITS
from homefront.schemas import BriefingStep, CompareView

PRINT_SCALE = 0.6  # at this scale a chart (CHART_PX) fits the narrowest page, A4 portrait
STYLE = """
body { font-family: sans-serif; color: #1f2328; margin: 0; background: #fff; }
.slide { box-sizing: border-box; min-height: 100vh; padding: 1.2rem 2rem 1rem;
  display: flex; flex-direction: column; border-bottom: 3px solid #d0d7de; }
.js .slide { display: none; height: 100vh; overflow: hidden; border: none; }
.js .slide.current { display: flex; }
.top { display: flex; align-items: baseline; gap: 1.5rem; }
.top h1, .top h2 { font-size: 2.1rem; margin: 0 0 0.6rem; flex: 1; }
.counter { font-size: 1.2rem; color: #57606a; font-weight: bold; white-space: nowrap; }
.body { display: flex; gap: 2rem; align-items: flex-start; }
.body .words { flex: 1; min-width: 18rem; }
p.caption { font-size: 1rem; color: #444; margin: 0.3rem 0 0; max-width: 760px; }
p.text { font-size: 1.35rem; line-height: 1.4; margin: 0 0 0.8rem; }
.cells { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.8rem; }
.cell { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.7rem; font-size: 1.25rem;
  line-height: 1.25; }
.cell p { margin: 0 0 0.3rem; }
.cell h4 { margin: 0 0 0.4rem; font-size: 1.25rem; }
.cell.missing { background: #f6f8fa; color: #57606a; }
ul.cites { font-size: 0.9rem; color: #444; padding-left: 1.2rem; margin: 0.4rem 0; }
ul.cites li { margin-bottom: 0.25rem; overflow-wrap: anywhere; }
p.asof { font-size: 0.9rem; color: #57606a; margin: 0.3rem 0; }
nav.controls { position: fixed; right: 1rem; bottom: 0.8rem; display: none; gap: 0.5rem; }
.js nav.controls { display: flex; }
nav.controls button { font-size: 1rem; padding: 0.3rem 0.8rem; }
@page { margin: 10mm; }
@media print {
  .js .slide, .slide { display: block; height: auto; min-height: 0; overflow: visible;
    padding: 0; border: none; break-after: page; page-break-after: always;
    break-inside: avoid; }
  .slide:last-of-type { break-after: auto; page-break-after: auto; }
  .body { display: block; }
  .top h1, .top h2 { font-size: 20pt; }
  p.text { font-size: 12pt; }
  .chart { zoom: PRINT_SCALE; }
  .cell { font-size: 10.5pt; }
  .cell h4 { font-size: 11pt; }
  ul.cites, p.asof, p.caption { font-size: 8.5pt; }
  nav.controls { display: none !important; }
}
""".replace("PRINT_SCALE", str(PRINT_SCALE))
# One step per screen; keys as a clicker sends them. Plain script, no library, no network.
SCRIPT = """
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll('.slide'));
  var at = 0;
  document.documentElement.classList.add('js');
  function show(n) {
    at = Math.max(0, Math.min(slides.length - 1, n));
    slides.forEach(function (s, k) { s.classList.toggle('current', k === at); });
    history.replaceState(null, '', '#' + slides[at].id);
  }
  var start = slides.findIndex(function (s) { return '#' + s.id === location.hash; });
  show(start < 0 ? 0 : start);
  var next = ['ArrowRight', 'PageDown', ' '], back = ['ArrowLeft', 'PageUp'];
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var space = e.key === ' ';
    if (space ? e.shiftKey : back.indexOf(e.key) >= 0) show(at - 1);
    else if (next.indexOf(e.key) >= 0) show(at + 1);
    else if (e.key === 'Home') show(0);
    else if (e.key === 'End') show(slides.length - 1);
    else return;
    e.preventDefault();
  });
  document.getElementById('deck-prev').onclick = function () { show(at - 1); };
  document.getElementById('deck-next').onclick = function () { show(at + 1); };
})();
"""


def _compare_html(dataset: Dataset, view: CompareView) -> str:
    """One coverage topic, one box per article: summary and figures, or Not covered."""
    topic = next(t for t in dataset.coverage.topics if t.id == view.topic)
    boxes = []
    for card in step_cards(dataset, view):
        name = f"<h4>{escape(card.outlet)}</h4>"
        if card.summary is None:
            boxes.append(f'<div class="cell missing">{name}<b>Not covered</b></div>')
            continue
        parts = [name, f"<p>{escape(card.summary)}</p>"]
        parts += [f"<p><b>{escape(n)}</b> {escape(what)}</p>" for n, what in card.figures]
        boxes.append(f'<div class="cell">{"".join(parts)}</div>')
    return (
        f'<p class="text"><b>{escape(topic.question)}</b></p>'
        f'<div class="cells">{"".join(boxes)}</div>'
    )


def _scatter_html(dataset: Dataset, chart_id: str, first: bool) -> str:
    """A Why these regions scatter (a step's `chart:`) over the whole period, as the
    Briefing page draws it, with its caption under it: r, n and what the rates cover."""
    spec = region_model.chart_specs()[chart_id]
    table = region_model.chart_table(dataset.regional, spec)
    fit = region_model.line_fit(table, spec.x.column)
    figure = region_model_charts.scatter(
        table, spec, fit, size=SLIDE_FONT_PX - 2, height=CHART_PX[1]
    )
    what = region_model_charts.rates_text(spec, periods.whole_period_text(dataset), ALL_UNITS)
    words = region_model_charts.caption(table, fit, what)
    chart = figure_html(figure, first, region_model_charts.alt_text(spec, fit))
    return f'<div class="scatter">{chart}<p class="caption">{escape(words)}</p></div>'


def _top(heading: str, number: int, count: int, tag: str = "h2") -> str:
    return (
        f'<div class="top"><{tag}>{escape(heading)}</{tag}>'
        f'<span class="counter">{number} / {count}</span></div>'
    )


def step_html(
    config: AppConfig, dataset: Dataset, step: BriefingStep, number: int, first_chart: bool
) -> tuple[str, bool]:
    """One step as a slide; also whether it drew a chart (and so inlined plotly.js)."""
    view = step.view
    drew = view.kind != "compare"
    if step.chart and drew:  # as on the page, the chart takes the place of the step's view
        body = _scatter_html(dataset, step.chart, first_chart)
    elif view.kind == "timeline":
        casualties = dataset.regional.casualties
        figure = slide_timeline(
            step_timeline(config, dataset, view, confirmed_by_month(casualties)),
            dataset.story.phases,
            (view.start, view.end),
            height=CHART_PX[1],
        )
        body = figure_html(figure, first_chart)
    elif view.kind == "map":
        regional = dataset.regional
        rates = region_rates(regional.regions, regional.casualties)
        figure = map_figure(
            rates,
            regional.geometry,
            view.metric,
            view.region,
            map_window(regional.casualties),
            height=CHART_PX[1],
            font_px=SLIDE_FONT_PX - 2,
        )
        body = figure_html(figure, first_chart)
    else:
        body = _compare_html(dataset, view)
    cites = "".join(f"<li>{escape(cite(s))}</li>" for s in step_sources(dataset, step))
    words = (
        f'<p class="text">{escape(step.text)}</p>'
        f'<ul class="cites">{cites}</ul>'
        f'<p class="asof">{escape(as_of_note(dataset))}</p>'
    )
    if view.kind == "compare":  # the outlets side by side take the whole width
        inner = f'<div class="words">{words}</div>{body}'
    else:
        inner = f'<div class="body"><div class="words">{words}</div>{body}</div>'
    section = (
        f'<section class="slide step" id="step-{number}">'
        f"{_top(step.headline, number, len(dataset.story.briefing))}{inner}</section>"
    )
    return section, drew


def build_html(config: AppConfig, dataset: Dataset) -> str:
    """The whole briefing as one HTML slide deck, plotly.js inlined once, nothing fetched."""
    sections = []
    need_js = True
    for number, step in enumerate(dataset.story.briefing, start=1):
        section, drew = step_html(config, dataset, step, number, need_js)
        need_js = need_js and not drew
        sections.append(section)
    count = len(dataset.story.briefing)
    title = (
        '<section class="slide" id="title">'
        f'<div class="top"><h1>{escape(config.title)}: briefing</h1>'
        f'<span class="counter">{count} steps</span></div>'
        f'<p class="text">{escape(config.subtitle)}</p>'
        '<p class="text">Right, Page Down or Space: next step. '
        "Left, Page Up or Shift+Space: back.</p>"
        f'<p class="asof">{escape(as_of_note(dataset))} Exported {dt.date.today():%-d %B %Y}.</p>'
        "</section>"
    )
    controls = (
        '<nav class="controls" aria-label="Steps"><button id="deck-prev">Previous</button>'
        '<button id="deck-next">Next</button></nav>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(config.title)}: briefing</title><style>{STYLE}</style></head><body>"
        f"<main>{title}{''.join(sections)}</main>{controls}<script>{SCRIPT}</script>"
        "</body></html>\n"
    )


def export(config: AppConfig, dataset: Dataset, out: Path) -> tuple[int, float]:
    """Write the file; returns its size in bytes and the seconds it took to build."""
    began = time.perf_counter()
    text = build_html(config, dataset)
    out.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8")), time.perf_counter() - began
