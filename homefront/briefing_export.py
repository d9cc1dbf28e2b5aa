"""The Briefing as one self-contained HTML file, for rooms with no network.

Every step with its headline, text, view, citations and the data-as-of note; plotly.js is
inlined once (in the first chart) and the map is drawn as plain SVG shapes from the project's
GeoJSON (homefront.briefing.map_figure), so the file asks nothing of the network. (A
Choroplethmap on the white-bg style fetched nothing either, but drew blank in headless
Chromium, so it could not be checked; SVG also prints.) All curated text goes through
html.escape, so a stray '<' in the data shows as text. A print stylesheet puts one step on
each page.
"""

from __future__ import annotations

import datetime as dt
import time
from html import escape
from pathlib import Path

import plotly.graph_objects as go

from homefront.briefing import (
    as_of_note,
    map_figure,
    map_window,
    step_sources,
    step_timeline,
)
from homefront.citations import cite
from homefront.config import AppConfig, BriefingStep, CompareView
from homefront.dataset import Dataset
from homefront.queries import format_figure
from homefront.rates import region_rates
from homefront.timeline import confirmed_by_month

PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}
STYLE = """
body { font-family: sans-serif; color: #1f2328; margin: 0; background: #fff; }
main { max-width: 1500px; margin: 0 auto; padding: 1rem 2rem; }
header h1 { font-size: 2.4rem; margin: 0.5rem 0; }
section.step { border-top: 3px solid #d0d7de; padding: 1.5rem 0 2rem; }
.counter { font-size: 1.3rem; color: #57606a; font-weight: bold; }
section.step h2 { font-size: 2.2rem; margin: 0.2rem 0 0.8rem; }
p.text { font-size: 1.45rem; line-height: 1.45; max-width: 70rem; }
.cells { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.8rem; }
.cell { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.8rem; font-size: 1.05rem; }
.cell h4 { margin: 0 0 0.4rem; font-size: 1.1rem; }
.cell.missing { background: #f6f8fa; color: #57606a; }
.cell blockquote { margin: 0.5rem 0; font-style: italic; color: #444; }
h3.question { font-size: 1.4rem; }
ul.cites { font-size: 1rem; color: #444; }
p.asof { font-size: 1rem; color: #57606a; }
@media print {
  section.step { page-break-after: always; break-after: page; border: none; }
  header { page-break-after: always; break-after: page; }
  main { max-width: none; padding: 0; }
}
"""


def _compare_html(dataset: Dataset, view: CompareView) -> str:
    """One coverage topic, one box per article: our summary, quotes, figures, or Not covered."""
    topic = next(t for t in dataset.coverage.topics if t.id == view.topic)
    figures = dataset.figure_by_id
    boxes = []
    for sid in view.sources:
        cell = topic.cells[sid]
        name = f"<h4>{escape(dataset.sources[sid].short_name)}</h4>"
        if not cell.covered:
            boxes.append(f'<div class="cell missing">{name}<b>Not covered</b></div>')
            continue
        parts = [name, f"<p>{escape(cell.summary)}</p>"]
        parts += [
            f"<blockquote>\u201c{escape(q.text)}\u201d \u2014 {escape(q.speaker)}</blockquote>"
            for q in cell.quotes
        ]
        parts += [
            f"<p><b>{escape(format_figure(figures[fid]))}</b> "
            f"{escape(dataset.measures[figures[fid].measure].label)} "
            f"\u2014 {escape(figures[fid].claimant)}</p>"
            for fid in cell.figures
        ]
        boxes.append(f'<div class="cell">{"".join(parts)}</div>')
    question = f'<h3 class="question">{escape(topic.question)}</h3>'
    return f'{question}<div class="cells">{"".join(boxes)}</div>'


def _figure_html(figure: go.Figure, first: bool) -> str:
    return figure.to_html(full_html=False, include_plotlyjs=first, config=PLOTLY_CONFIG)


def step_html(
    config: AppConfig, dataset: Dataset, step: BriefingStep, number: int, first_chart: bool
) -> tuple[str, bool]:
    """One step as an HTML section; also whether it drew a chart (and so inlined plotly.js)."""
    view = step.view
    drew = view.kind != "compare"
    if view.kind == "timeline":
        casualties = dataset.regional.casualties
        body = _figure_html(
            step_timeline(config, dataset, view, confirmed_by_month(casualties)), first_chart
        )
    elif view.kind == "map":
        regional = dataset.regional
        rates = region_rates(regional.regions, regional.casualties)
        figure = map_figure(
            rates, regional.geometry, view.metric, view.region, map_window(regional.casualties)
        )
        body = _figure_html(figure, first_chart)
    else:
        body = _compare_html(dataset, view)
    cites = "".join(f"<li>{escape(cite(s))}</li>" for s in step_sources(dataset, step))
    section = (
        f'<section class="step" id="step-{escape(step.id)}">'
        f'<div class="counter">{number} / {len(config.briefing)}</div>'
        f"<h2>{escape(step.headline)}</h2>"
        f'<p class="text">{escape(step.text)}</p>'
        f"{body}"
        f'<ul class="cites">{cites}</ul>'
        f'<p class="asof">{escape(as_of_note(dataset))}</p>'
        "</section>"
    )
    return section, drew


def build_html(config: AppConfig, dataset: Dataset) -> str:
    """The whole briefing as one HTML document, plotly.js inlined once, nothing fetched."""
    sections = []
    need_js = True
    for number, step in enumerate(config.briefing, start=1):
        section, drew = step_html(config, dataset, step, number, need_js)
        need_js = need_js and not drew
        sections.append(section)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(config.title)}: briefing</title><style>{STYLE}</style></head><body><main>"
        f"<header><h1>{escape(config.title)}: briefing</h1>"
        f'<p class="text">{escape(config.subtitle)}</p>'
        f'<p class="asof">{escape(as_of_note(dataset))} Exported {dt.date.today():%-d %B %Y}.</p>'
        f"</header>{''.join(sections)}</main></body></html>\n"
    )


def export(config: AppConfig, dataset: Dataset, out: Path) -> tuple[int, float]:
    """Write the file; returns its size in bytes and the seconds it took to build."""
    began = time.perf_counter()
    text = build_html(config, dataset)
    out.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8")), time.perf_counter() - began
