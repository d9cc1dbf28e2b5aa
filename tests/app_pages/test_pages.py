"""Every page through Streamlit's AppTest: renders without exception, follows the filters."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from homefront import paths
from homefront.config import load_config
from tests.app_pages.error_page import error_table

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = load_config().pages


def open_app(page: str | None = None, **params: str) -> AppTest:
    """Run the app as a fresh session opened from a link with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"app_pages/{page}.py").run()
    return at


def markdown_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = open_app(page)
    assert not at.exception, at.exception
    assert at.title, f"page {page} has no title"


def test_overview_shows_headline_numbers_with_sources():
    config = load_config()
    # the whole window the filter offers: every confirmed death, every headline claim
    at = open_app(
        **{
            "from": config.window_limits.start.isoformat(),
            "to": config.window_limits.end.isoformat(),
        }
    )
    assert at.title[0].value == config.title
    headline = yaml.safe_load((ROOT / "data" / "story.yaml").read_text(encoding="utf-8"))
    headline = headline["headline_figures"]
    assert len(at.metric) == len(headline) + 1 > 1
    with (ROOT / "data" / "casualties_by_region_month.csv").open() as f:
        confirmed = sum(int(row["deaths"]) for row in csv.DictReader(f))
    assert at.metric[0].value == f"{confirmed:,}"
    assert "Jan 2022 – Jun 2023" in at.metric[0].label  # the window of the number, beside it
    captions = "\n".join(c.value for c in at.caption)
    assert captions.count("Claimed by") == len(headline)
    assert captions.count("Reported by") == len(headline)


def test_overview_says_a_claim_with_an_inferred_date_only_may_fall_in_the_window():
    """In September and October 2022 the headline claims kept are dated only by their
    articles, "25 Jun 2022 or later": the count says they may fall in the window, and each
    card gives its date as a range, not a day."""
    at = open_app(**{"from": "2022-09-01", "to": "2022-10-31"})
    count = next(c.value for c in at.caption if "headline claims" in c.value)
    assert "or may be where their date is inferred" in count
    assert "were made within" not in count
    dates = [c.value for c in at.caption if c.value.startswith("Claimed by")]
    assert dates and all("or later (date inferred)" in d for d in dates), dates


def test_data_page_follows_category_filter_from_link():
    everything = open_app("data")
    military = open_app("data", cat="military")
    total = int(everything.tabs[0].label.split(" of ")[1].rstrip(")"))
    shown_all = int(everything.tabs[0].label.split("(")[1].split(" of ")[0])
    shown_military = int(military.tabs[0].label.split("(")[1].split(" of ")[0])
    assert 0 < shown_military < shown_all <= total
    table = military.dataframe[0].value
    assert set(table["category_label"]) == {"Military"}


def test_data_page_lists_an_or_later_event_in_a_window_it_may_fall_in():
    """The Tyvan refusals and the replacement soldier, "1 Jun 2022 or later" in an RFE/RL
    article itself dated "11 Jul 2022 or later", may fall in a window from 10 June 2022: the
    Events tab lists and counts them, dated as the sources date them."""
    at = open_app("data", **{"from": "2022-06-10"})
    table = at.dataframe[0].value
    when = dict(zip(table["title"], table["when"], strict=True))
    events = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    titles = {e["id"]: e["title"] for e in events}
    for event_id in (
        "tyva-soldiers-refuse-and-are-released",
        "tyva-replacement-soldier-without-ammunition",
    ):
        assert when[titles[event_id]] == "1 Jun 2022 or later"
    assert at.tabs[0].label == f"Events ({len(table)} of {len(events)})"


def test_every_data_tab_counts_what_the_filters_keep_and_says_when_none():
    """Quotes and sources follow the filters like events and figures, and say so in their
    tabs; a search that keeps nothing gives a plain line in each, not an empty grid."""
    everything = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    quotes = sum(len(e.get("quotes") or []) for e in everything)
    at = open_app("data", src="bbc,rferl", tab="quotes")
    labels = [t.label for t in at.tabs]
    shown = len(at.dataframe[0].value)
    assert labels[2] == f"Quotes ({shown} of {quotes})" and 0 < shown < quotes
    at = open_app("data", src="bbc,rferl", tab="sources")
    assert [t.label for t in at.tabs][3] == "Sources (2 of 6)"
    assert set(at.dataframe[0].value["short_name"]) == {"BBC", "RFE/RL"}
    for tab in ("events", "figures", "quotes"):
        at = open_app("data", src="bbc,rferl", tab=tab)
        at.text_input(key="f_text").input("no such words anywhere").run()
        assert not at.dataframe and len(at.info) == 1
        assert at.info[0].value.startswith("No ")
        assert not [b for b in at.get("download_button") if "(0 rows)" in b.proto.label]


def test_only_the_open_data_tab_is_drawn_and_the_link_names_it():
    """A filter change draws one table, the open tab's, not four; `tab=` opens a tab, the
    first tab is left out of the link, and a tab the page has not gives a notice."""
    at = open_app("data")
    assert len(at.dataframe) == 1 and "tab" not in at.query_params
    assert set(at.dataframe[0].value.columns) >= {"when", "title"}
    at = open_app("data", tab="figures")
    assert len(at.dataframe) == 1 and "claimant" in at.dataframe[0].value.columns
    at.text_input(key="f_text").input("mothers").run()
    assert at.query_params["tab"] == "figures" and at.query_params["q"] == "mothers"
    assert "claimant" in at.dataframe[0].value.columns
    at = open_app("data", tab="methods")
    assert not at.dataframe and "How dates are recorded" in markdown_text(at)
    at = open_app("data", tab="<b>nope</b>")
    notice = " ".join(w.value for w in at.warning)
    assert r"'tab=\<b\>nope\</b\>' is not one of events" in notice  # escaped: shown as text
    assert "when" in at.dataframe[0].value.columns and not at.exception


def test_text_search_narrows_events():
    at = open_app("data")
    before = len(at.dataframe[0].value)
    at.text_input(key="f_text").input("Putin").run()
    after = at.dataframe[0].value
    assert 0 < len(after) < before
    assert not at.exception


def test_filters_survive_page_switch_and_reach_the_url():
    at = open_app("data")
    at.text_input(key="f_text").input("mothers").run()
    at.switch_page("app_pages/overview.py").run()
    # the Overview does not apply the search text: not drawn, but kept and still in the link
    assert "f_text" not in [t.key for t in at.text_input]
    assert at.query_params["q"] == "mothers"
    at.switch_page("app_pages/timeline.py").run()
    assert at.text_input(key="f_text").value == "mothers"
    assert at.query_params["q"] == "mothers"


def test_invalid_link_parameters_give_a_notice_and_defaults():
    at = open_app(**{"from": "yesterday", "src": "nowhere"})
    notices = " ".join(w.value for w in at.warning)
    assert "from=yesterday" in notices
    assert "nowhere" in notices
    assert not at.exception
    config = load_config()
    assert at.slider(key="f_window").value == (
        config.default_window.start,
        config.default_window.end,
    )


def test_bad_data_shows_error_page_naming_file_line_field(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    events = data / "events.yaml"
    text = events.read_text()
    events.write_text(text.replace("category:", "categroy:", 1))
    line = text.splitlines().index(next(x for x in text.splitlines() if "category:" in x)) + 1
    monkeypatch.setattr(paths, "DATA_DIR", data)
    at = open_app()
    assert not at.exception
    assert "cannot load its data" in at.title[0].value
    problems = error_table(at)
    row = problems[problems["field"] == "categroy"].iloc[0]
    assert row["file"] == "events.yaml"
    assert row["line"] == line


def test_sidebar_offers_a_link_to_the_current_view():
    at = open_app("data")
    at.text_input(key="f_text").input("mothers").run()
    links = [c.value for c in at.sidebar.code]
    assert len(links) == 1
    assert links[0].endswith("?q=mothers")


def page_words(at: AppTest) -> str:
    """Every text a reader sees: markdown, captions, notices and the options offered."""
    options = [o for radio in at.radio for o in radio.options]
    return "\n".join([markdown_text(at), *options])


# a window narrower than the death count, a region: every caption that names the filters
NAMED_FILTERS = {"from": "2022-06-01", "to": "2022-10-31", "region": "BU"}


@pytest.mark.parametrize("page", PAGES)
def test_the_projector_view_never_points_at_the_sidebar_it_hides(page):
    """A room following the last slide's links sees no sidebar: no caption sends it there."""
    at = open_app(page, briefing="1", **NAMED_FILTERS)
    assert not at.exception, at.exception
    assert "sidebar" not in page_words(at).casefold()


def test_at_a_desk_the_captions_say_where_the_filters_are():
    at = open_app("regions", **NAMED_FILTERS)
    assert "the sidebar's window" in page_words(at)
