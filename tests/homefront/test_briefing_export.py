"""The Briefing's steps (data/story.yaml) and its offline HTML export, on the real data.

Expected values are written here from data/ (headlines, the citation of each source), not
taken from the code under test.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re

import pytest

from homefront.briefing import map_window, step_cards, step_events, step_filters, step_sources
from homefront.briefing_export import build_html, export
from homefront.charts.briefing import SLIDE_FONT_PX, map_figure, slide_timeline, step_timeline
from homefront.charts.theme import FOCUS_OUTLINE, SELECTED_COLOUR
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.death_tolls import confirmed_by_month
from homefront.loading import Document
from homefront.paths import DATA_DIR, FACTORS_FILE, REGIONS_FILE, STORY_FILE
from homefront.queries import filter_events
from homefront.rates import region_rates
from homefront.schemas import BriefingStep, Story
from homefront.validation import check_briefing

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def page(config: AppConfig, data: Dataset) -> str:
    return build_html(config, data)


def with_steps(data: Dataset, steps: list[BriefingStep]) -> Dataset:
    """The dataset with other briefing steps in its story.yaml."""
    return dataclasses.replace(data, story=data.story.model_copy(update={"briefing": steps}))


def story_of(steps: list[BriefingStep]) -> Document[Story]:
    """A story.yaml of just these steps, as validation is given it (no lines: made in code)."""
    return Document(STORY_FILE, Story(briefing=steps))


def without_plotly_js(page: str) -> str:
    """The file minus the inlined plotly.js library (which names CDNs it never uses here)."""
    library = re.search(r"<script[^>]*>\s*/\*\*\s*\* plotly\.js v.*?</script>", page, re.S)
    assert library, "plotly.js is not inlined"
    return page.replace(library.group(0), "")


def test_steps_run_from_invasion_to_the_mothers(data: Dataset) -> None:
    ids = [s.id for s in data.story.briefing]
    assert len(ids) >= 8
    assert ids[0] == "eve-of-invasion" and ids[-1] == "mothers-force"
    assert {s.view.kind for s in data.story.briefing} == {"timeline", "map", "compare"}


def test_no_step_names_the_town(data: Dataset) -> None:
    """The sources do not name where the New Year's Day strike hit."""
    assert not any("makiivka" in (s.headline + s.text).lower() for s in data.story.briefing)


def test_every_headline_and_citation_is_in_the_file(
    config: AppConfig, data: Dataset, page: str
) -> None:
    # html.escape turns the apostrophe of "Russia's" into &#x27;
    assert "“Exercises”, then war" in page
    assert "The New Year&#x27;s Day strike" in page
    for step in data.story.briefing:
        assert f"<h2>{step.headline.replace(chr(39), '&#x27;')}</h2>" in page
    # the BBC's article, cited in three steps (its title has no character to escape)
    bbc = data.sources["bbc"]
    assert page.count(bbc.url) >= 2
    assert "Articles as of 10 Jan 2023 (the latest publication date known)" in page
    assert (
        "death count as of 11 Apr 2023 (Bessudnov (2023), records from 25 Feb 2022)" in page
    )  # each source its own as of


def test_step_sources_add_the_compared_articles_and_the_map_data(
    config: AppConfig, data: Dataset
) -> None:
    by_id = {s.id: s for s in data.story.briefing}
    assert [s.id for s in step_sources(data, by_id["poorest-regions"])] == [
        "bessudnov2023",
        "rferl",
    ]
    assert [s.id for s in step_sources(data, by_id["refusals"])] == ["rferl", "bessudnov2023"]


def test_the_file_asks_nothing_of_the_network(page: str) -> None:
    assert 'src="http' not in page
    assert "<link" not in page
    rest = without_plotly_js(page)
    assert "cdn" not in rest.lower()
    assert page.count("* plotly.js v") == 1  # inlined once, in the first chart


def test_one_step_per_printed_page(data: Dataset, page: str) -> None:
    """The print rules; tests/browser prints the file on A4 and Letter and counts pages."""
    assert "@media print" in page
    assert "break-after: page" in page
    assert page.count('<section class="slide') == len(data.story.briefing) + 1  # and a title


def test_milleys_two_figures_say_what_each_counts(config: AppConfig, data: Dataset) -> None:
    step = next(s for s in data.story.briefing if s.id == "how-many-died")
    bbc = next(c for c in step_cards(data, step.view) if c.outlet == "BBC")
    assert [what.split(" \u2014 ")[0] for _, what in bbc.figures] == [
        "Soldiers killed or injured (Russian soldiers)",
        "Soldiers killed or injured (Ukrainian soldiers)",
    ]


def test_milleys_lines_differ_in_the_export(page: str) -> None:
    assert page.count("Soldiers killed or injured (Russian soldiers)") == 1
    assert page.count("Soldiers killed or injured (Ukrainian soldiers)") == 1


def test_every_timeline_step_names_a_known_event(config: AppConfig, data: Dataset) -> None:
    ids = {e.id for e in data.events}
    timelines = [s for s in data.story.briefing if s.view.kind == "timeline"]
    assert timelines and all(s.view.event in ids for s in timelines)
    for step in timelines:
        event = next(e for e in data.events if e.id == step.view.event)
        assert step.view.start <= event.date <= step.view.end, step.id


def test_a_slide_shows_an_or_later_event_only_from_its_earliest_day(
    config: AppConfig, data: Dataset
) -> None:
    """The Timeline page keeps the Tyvan refusals ("1 Jun 2022 or later") in a September
    window, drawn at its first day; the September slide leaves them, and every "or later"
    event that may have happened before its window, off (briefing.step_events)."""
    step = next(s for s in data.story.briefing if s.id == "partial-mobilisation")
    view = step.view
    tyvan = {"tyva-soldiers-refuse-and-are-released", "tyva-replacement-soldier-without-ammunition"}
    page_events = {
        e.id for e in filter_events(data.events, step_filters(config, data, view), data.sources)
    }
    assert tyvan <= page_events
    figure = step_timeline(config, data, view, confirmed_by_month(data.regional.casualties))
    drawn = {row[0] for t in figure.data if t.customdata is not None for row in t.customdata}
    shown = {e.id for e in step_events(config, data, view)}
    assert not tyvan & shown and not tyvan & drawn and view.event in shown & drawn
    for step in data.story.briefing:
        if step.view.kind == "timeline":
            for event in step_events(config, data, step.view):
                assert event.date >= step.view.start or event.date_precision != "earliest"


def test_slide_timeline_letters_are_20_px(config: AppConfig, data: Dataset) -> None:
    view = data.story.briefing[0].view
    figure = slide_timeline(
        step_timeline(config, data, view, confirmed_by_month(data.regional.casualties)),
        data.story.phases,
        (view.start, view.end),
    )
    layout = figure.layout
    assert layout.font.size == SLIDE_FONT_PX
    assert all(a.font.size >= SLIDE_FONT_PX for a in layout.annotations)
    assert layout.xaxis2.tickfont.size >= SLIDE_FONT_PX
    assert layout.yaxis.tickfont.size >= SLIDE_FONT_PX
    assert not any(t.showlegend for t in figure.data)
    texts = [t for t in figure.data if "textfont" in t and t.text is not None]
    assert all(t.textfont.size >= SLIDE_FONT_PX for t in texts)


def test_no_slide_speaks_of_the_sidebar(page: str) -> None:
    assert "sidebar" not in without_plotly_js(page).lower()
    assert "briefing=1" not in page


def test_hostile_text_is_shown_as_text(config: AppConfig, data: Dataset) -> None:
    first = data.story.briefing[0].model_copy(update={"headline": HOSTILE, "text": HOSTILE})
    page = build_html(config, with_steps(data, [first, *data.story.briefing[1:]]))
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img" in page


def test_export_writes_the_file(config: AppConfig, data: Dataset, tmp_path) -> None:
    out = tmp_path / "b.html"
    size, seconds = export(config, data, out)
    assert out.stat().st_size == size > 1_000_000  # plotly.js alone is several MB
    assert seconds > 0


def test_map_outlines_the_region_and_names_every_class(data: Dataset) -> None:
    regional = data.regional
    rates = region_rates(regional.regions, regional.casualties)
    figure = map_figure(rates, regional.geometry, "rate", "TY", map_window(regional.casualties))
    mapped = rates[~rates["occupied"]]
    assert len(figure.data) == len(mapped) == 83
    outlined = [t for t in figure.data if t.line.color == SELECTED_COLOUR]
    assert len(outlined) == 1 and "Tuva" in outlined[0].text
    assert outlined[0].line.width == 4  # as on the Regions page's map (region_map.Outline)
    assert figure.data[-1] is outlined[0]  # drawn last, on top
    assert sum(bool(t.showlegend) for t in figure.data) == 5  # five quantile classes
    names = sorted(a.text for a in figure.layout.annotations)
    assert names == ["<b>Buryatia: 230.6</b>", "<b>Tuva: 248.7</b>"]  # from Bessudnov's table
    dark = [t for t in figure.data if t.line.color == FOCUS_OUTLINE]
    assert len(dark) == 1 and "Buryatia" in dark[0].text


def test_map_window_is_the_months_with_deaths(data: Dataset) -> None:
    start, end = map_window(data.regional.casualties)
    assert (str(start), str(end)) == ("2022-02-01", "2023-04-30")


def test_validation_names_unknown_ids(config: AppConfig, data: Dataset) -> None:
    steps = data.story.briefing
    compare = next(s for s in steps if s.view.kind == "compare")
    mapped = next(s for s in steps if s.view.kind == "map")
    broken = story_of(
        [
            compare.model_copy(
                update={
                    "sources": ["nosuch"],
                    "view": compare.view.model_copy(update={"topic": "no-topic"}),
                }
            ),
            mapped.model_copy(
                update={"view": mapped.view.model_copy(update={"metric": "x", "region": "ZZ"})}
            ),
        ]
    )
    sources = {"bbc", "rferl", "newsweek", "moscowtimes", "socialeurope", "bessudnov2023"}
    problems = check_briefing(broken, config, sources, {"death-toll"}, {"TY", "BU"}, set())
    found = {(p.field, p.message) for p in problems}
    assert ("briefing[0].sources", "unknown source 'nosuch'") in found
    assert ("briefing[0].view.topic", "unknown topic 'no-topic'") in found
    assert ("briefing[1].view.region", "unknown region 'ZZ'") in found
    assert any(p.field == "briefing[1].view.metric" for p in problems)
    assert len(problems) == 4


def slide(page: str, number: int) -> str:
    """One step's <section>, as the deck shows it on its own screen."""
    start = page.index(f'<section class="slide step" id="step-{number}">')
    return page[start : page.index("</section>", start)]


def plotted(section: str) -> list[dict]:
    """The traces of the one Plotly chart in a slide, read from its Plotly.newPlot call."""
    assert section.count("Plotly.newPlot(") == 1
    rest = section[section.index("Plotly.newPlot(") + len("Plotly.newPlot(") :]
    decoder = json.JSONDecoder()
    _, at = decoder.raw_decode(rest.lstrip())  # the div's id
    rest = rest.lstrip()[at:].lstrip().removeprefix(",").lstrip()
    return decoder.raw_decode(rest)[0]


def test_a_steps_chart_is_drawn_in_its_slide(config: AppConfig, data: Dataset, page: str) -> None:
    """`chart: rate-pensions` on the map step: its slide shows the scatter in the map's place,
    one point per region with a population and a pension rise (counted here from data/)."""
    steps = [
        s.model_copy(update={"chart": "rate-pensions"}) if s.id == "poorest-regions" else s
        for s in data.story.briefing
    ]
    number = next(i for i, s in enumerate(steps, start=1) if s.chart)
    unchanged, page = page, build_html(config, with_steps(data, steps))
    with (DATA_DIR / REGIONS_FILE).open(encoding="utf-8", newline="") as f:
        men = {r["iso"] for r in csv.DictReader(f) if r["men_16_61"]}
    with (DATA_DIR / FACTORS_FILE).open(encoding="utf-8", newline="") as f:
        rises = {r["iso"] for r in csv.DictReader(f) if r["pension_rise_pct"]}
    expected = len(men & rises)
    section = slide(page, number)
    points, line = plotted(section)
    assert len(points["x"]) == len(points["y"]) == expected == 83
    assert "Buryatia" in points["text"] and "Tuva" in points["text"]
    assert line["mode"] == "lines"  # its fitted line
    assert f"Rate against pensions: r = 0.59, n = {expected}" in section
    assert 'aria-label="Scatter plot of 83 regions: deaths per 100,000 men' in section
    assert "no value in the source for Chukotka, Nenets" in section  # the caption under it
    assert "deaths confirmed Mar to Nov 2022 (the paper&#x27;s pension check)" in section
    assert "Choropleth" not in section and "fill" not in json.dumps(points)  # not the map
    assert section.count("Demographic Research 48(31)") == 1  # the count's source is cited
    assert page.count("* plotly.js v") == 1  # still inlined once
    assert "Rate against" not in slide(unchanged, number)  # without `chart:`, the map


def test_a_chart_on_a_compare_step_is_refused_by_name(config: AppConfig, data: Dataset) -> None:
    """Its outlets take the slide's width, so the chart would not fit: validation says so."""
    compare = next(s for s in data.story.briefing if s.view.kind == "compare")
    broken = story_of([compare.model_copy(update={"chart": "rate-poverty"})])
    sources = {"bbc", "rferl", "newsweek", "moscowtimes", "socialeurope", "bessudnov2023"}
    (problem,) = check_briefing(broken, config, sources, {compare.view.topic}, None, set())
    assert problem.field == "briefing[0].chart"
    assert "'rate-poverty'" in problem.message and "timeline or map step" in problem.message
