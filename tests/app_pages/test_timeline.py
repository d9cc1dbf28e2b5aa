"""The Timeline page through AppTest: filters change what is shown, a link or the select box
opens an event's detail, and the list view holds exactly the events on the chart."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from components.tables import EVENT_COLUMNS
from homefront.charts import timeline
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.event_dates import event_date_text

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TOTAL = 40  # events in data/events.yaml (data/README.md)
DEFAULT_SHOWN = 38  # all but the two January 2022 build-up events, before 24 Feb 2022
CONFIG = load_config(ROOT / "config.yaml")
DATA = load_dataset(ROOT / "data", CONFIG)
EVENTS = DATA.event_by_id
BY_TITLE = {e.title: e for e in EVENTS.values()}  # titles are unique in data/events.yaml


def open_timeline(**params: str) -> AppTest:
    """A fresh session opened from a link to the Timeline with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/timeline.py").run()
    assert not at.exception, at.exception
    return at


def shown_count(at: AppTest) -> tuple[int, int]:
    caption = next(c.value for c in at.caption if "events shown" in c.value)
    shown, total = caption.removeprefix("**").split(" events shown")[0].split(" of ")
    return int(shown), int(total)


def chart_event_ids(at: AppTest) -> set[str]:
    """The event ids the chart draws (customdata[0] of its event marks)."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {
        row[0]
        for trace in spec["data"]
        for row in trace.get("customdata") or []
        if isinstance(row, list)
    }


def detail_text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_default_view_shows_the_invasion_to_january_and_lists_every_event_shown():
    at = open_timeline()
    assert shown_count(at) == (DEFAULT_SHOWN, TOTAL)
    table = at.dataframe[0].value
    assert list(table.columns) == list(EVENT_COLUMNS)  # what the reader sees, and no more
    assert len(table) == DEFAULT_SHOWN
    assert {BY_TITLE[t].id for t in table["title"]} == chart_event_ids(at)
    dates = [BY_TITLE[t].date for t in table["title"]]
    assert dates == sorted(dates)
    assert EVENTS["tyva-unit-moved-to-belarus"].title not in set(table["title"])  # Jan 2022
    assert at.get("download_button")[0].label == f"Download CSV ({DEFAULT_SHOWN} rows)"
    assert "**Sources**" not in [m.value for m in at.markdown]  # no event chosen, no detail


def test_a_category_filter_narrows_chart_and_list_alike():
    at = open_timeline(cat="military")
    shown, total = shown_count(at)
    assert (shown, total) == (6, TOTAL)
    table = at.dataframe[0].value
    assert set(table["category_label"]) == {"Military"}
    assert len(table) == shown
    assert {BY_TITLE[t].id for t in table["title"]} == chart_event_ids(at)


def test_widening_the_window_brings_in_the_build_up():
    at = open_timeline(**{"from": "2022-01-01"})
    assert shown_count(at) == (TOTAL, TOTAL)
    assert "tyva-unit-moved-to-belarus" in chart_event_ids(at)


# dated "1 Jun 2022 or later", reported only by RFE/RL, itself dated "11 Jul 2022 or later"
TYVA_OR_LATER = (
    "tyva-soldiers-refuse-and-are-released",
    "tyva-replacement-soldier-without-ammunition",
)


def test_a_window_from_after_an_or_later_events_first_day_lists_it_at_its_real_date():
    """A window from 10 June 2022 may hold what happened "1 Jun 2022 or later" and before an
    article of 11 Jul 2022 or later: the Tyvan refusals and the replacement soldier are on
    the chart, drawn at the window's first day with their hover giving the real date, and in
    its list, dated as the sources date them (event_dates.event_window)."""
    at = open_timeline(**{"from": "2022-06-10"})
    when = dict(zip(at.dataframe[0].value["title"], at.dataframe[0].value["when"], strict=True))
    for event_id in TYVA_OR_LATER:
        assert when[EVENTS[event_id].title] == "1 Jun 2022 or later"
    assert shown_count(at)[0] == len(when)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    drawn = {
        row[0]: (x, row[2])
        for trace in spec["data"]
        for x, row in zip(trace.get("x") or [], trace.get("customdata") or [], strict=False)
        if isinstance(row, list) and row[0] in TYVA_OR_LATER
    }
    assert drawn == {e: ("2022-06-10", "1 Jun 2022 or later") for e in TYVA_OR_LATER}


def test_an_or_later_events_detail_says_when_its_article_bounds_it():
    """The censorship laws, "24 Feb 2022 or later", are reported by a BBC article of 25-30
    Nov 2022: the detail keeps the date as given and says the day they happened by; the
    Tyvan refusals, in an article with no last day, get no such day."""
    text = detail_text(open_timeline(event="censorship-laws-false-information"))
    assert "**24 Feb 2022 or later** · Information control" in text
    assert (
        "It happened by 30 Nov 2022, the last day the BBC News article reporting it can have "
        "appeared." in text
    )
    assert "It happened by" not in detail_text(open_timeline(event=TYVA_OR_LATER[0]))


def test_text_search_and_region_filter_narrow_the_events():
    searched = open_timeline(q="Putin")
    by_region = open_timeline(region="TY")
    assert 0 < shown_count(searched)[0] < DEFAULT_SHOWN
    tyva = by_region.dataframe[0].value
    assert len(tyva) > 0
    assert all("Tuva" in regions.split(", ") for regions in tyva["region_names"])


def test_an_event_in_the_link_opens_its_detail():
    at = open_timeline(event="putin-meets-mothers")
    assert "Putin meets 17 soldiers' mothers at his residence near Moscow" in [
        s.value for s in at.subheader
    ]
    text = detail_text(at)
    assert "**25 Nov 2022** · Official response" in text
    assert "How this date was worked out: Date from the BBC photo caption" in text
    assert "> “We share your pain”  \n> — Vladimir Putin, *BBC*" in text
    assert "**How each source tells it**" in text
    assert "**The Moscow Times** (dates it “reportedly set to take place on Friday”)" in text
    assert "**BBC News**, “Ukraine war: Putin tells Russian soldiers' mothers" in text
    assert "25 Nov 2022 (date inferred)" in text
    # the articles' URLs are unknown, so no link is made: the only link is the count's DOI
    assert re.findall(r"\]\((http[^)]*)\)", text) == ["https://doi.org/10.4054/DemRes.2023.48.31"]
    assert at.selectbox(key="timeline_event").value == "putin-meets-mothers"
    assert at.query_params["event"] == "putin-meets-mothers"


def test_regions_link_to_the_regions_page_with_the_region_chosen():
    at = open_timeline(event="buryat-wives-video-appeal", cat="families")
    assert "**Regions named:** [Buryatia](regions?cat=families&sel=BU)" in detail_text(at)


def test_choosing_an_event_in_the_select_box_shows_it_and_puts_it_in_the_url():
    at = open_timeline()
    at.selectbox(key="timeline_event").select("new-year-strike-donetsk").run()
    assert not at.exception
    titles = [s.value for s in at.subheader]
    assert "Ukrainian strike hits a building housing newly mobilised Russian soldiers" in titles
    assert "**1 Jan 2023** · Military" in detail_text(at)
    assert at.query_params["event"] == "new-year-strike-donetsk"


def test_an_unknown_event_in_the_link_is_named_and_ignored():
    at = open_timeline(event="no-such-event")
    assert any("'event'" in w.value for w in at.warning)
    assert at.selectbox(key="timeline_event").value is None
    assert "event" not in at.query_params


def test_an_event_hidden_by_the_filters_says_so_instead_of_showing_detail():
    at = open_timeline(event="putin-meets-mothers", cat="military")
    assert any("hidden by the current filters" in i.value for i in at.info)
    assert "Putin meets 17 soldiers' mothers" not in " ".join(s.value for s in at.subheader)


def test_the_chart_notes_that_confirmed_deaths_are_a_lower_bound():
    text = detail_text(open_timeline())
    assert "Confirmed deaths are a lower bound" in text
    assert "65 deaths with no month are not shown" in text  # data/README.md: month unknown


def test_leaving_out_the_casualty_dataset_hides_the_confirmed_deaths():
    at = open_timeline(src="socialeurope,moscowtimes,newsweek,bbc,rferl")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {trace.get("name") for trace in spec["data"] if trace.get("y") != [None]}
    assert "confirmed that month" not in names
    assert "Confirmed deaths are a lower bound" not in detail_text(at)
    with_it = json.loads(open_timeline().get("plotly_chart")[0].proto.spec)
    assert "confirmed that month" in {trace.get("name") for trace in with_it["data"]}


def test_a_mark_on_the_pages_chart_hovers_with_its_own_events_words():
    """The page draws with hover text kept across views (components.views.event_hovers):
    each mark's is its own event's, as the chart would write it for that event."""
    at = open_timeline(cat="military")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    hovers = {
        row[0]: (trace["hovertemplate"], row[1:])
        for trace in spec["data"]
        for row in trace.get("customdata") or []
        if isinstance(row, list) and row[0] in EVENTS
    }
    assert len(hovers) == 6
    for event_id, (template, parts) in hovers.items():
        event = EVENTS[event_id]
        assert template == timeline.EVENT_HOVER
        assert parts == list(timeline.event_hover(event, DATA, CONFIG.category(event.category)))
        assert parts[0].startswith(html.escape(event.title.split()[0]))
        assert parts[1] == event_date_text(event)


def legend_elements(at: AppTest) -> list[str]:
    """The HTML of the chart's legends drawn apart, above and below it."""
    return [h.proto.body for h in at.get("html") if "hf-legend" in h.proto.body]


def test_a_search_draws_a_new_chart_under_the_same_legends():
    """The legends are their own elements (homefront.charts.timeline_legend): a search sends
    the chart a new figure, and the legends as they were, so the browser keeps them."""
    at = open_timeline()
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    above, below = legend_elements(at)
    assert "Event dates" in above and "day given" in above
    assert "Claimed tolls, by claimant" in below and "Marks" in below
    assert "legend" not in chart["layout"] and chart["layout"]["showlegend"] is False

    at.text_input(key="f_text").set_value("mothers").run()
    assert not at.exception
    searched = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart_event_ids(at) < {
        row[0] for t in chart["data"] for row in t.get("customdata") or [] if isinstance(row, list)
    }
    assert searched != chart
    assert legend_elements(at) == [above, below]


def test_a_search_no_event_matches_says_which_filter_to_loosen():
    """'zzqq' matches nothing: the page says so, naming the search as typed (text, not
    Markdown), rather than leaving a chart of deaths and claims to read as the result."""
    at = open_timeline(q="**zzqq**")
    [info] = at.info
    assert "No event fits the search text \u201c\\*\\*zzqq\\*\\*\u201d" in info.value
    assert len(open_timeline().info) == 0
