"""The Compare sources page through AppTest: choosing outlets, 'Not covered', the ledger,
the disagreements, and how the sidebar filters and the link drive it.

Expected values are read off data/coverage.yaml and data/figures.yaml by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import yaml
from streamlit.testing.v1 import AppTest

from components import cached
from components.ledger_view import LEDGER_COLUMNS
from homefront.citations import publication_window
from homefront.claim_dates import as_of_text
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.ledger import Conflict
from homefront.report_tables import claim_reference, claim_text
from homefront.schemas import Source

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
DATA = load_dataset(ROOT / "data", load_config(ROOT / "config.yaml"))
ARTICLES = ["socialeurope", "moscowtimes", "newsweek", "bbc", "rferl"]


def load_sources() -> dict[str, Source]:
    records = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))
    return {r["id"]: Source.model_validate(r) for r in records}


def open_compare(**params: str) -> AppTest:
    """A fresh session opened from a link to the Compare page with these parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception, at.exception
    return at


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


class RowText(HTMLParser):
    """A side-by-side row's words as a reader gets them: its heading (the question, then any
    marker) and each cell's paragraphs, one per line (the outlet's name first)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.heading, self.cells, self._in = "", [], None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h4":
            self._in = "heading"
        elif tag == "div" and "hf-cell" in (dict(attrs).get("class") or ""):
            self._in = "cell"
            self.cells.append("")
        elif tag == "p" and self._in == "cell" and self.cells[-1]:
            self.cells[-1] += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag == "h4":
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "heading":
            self.heading += data
        elif self._in == "cell":
            self.cells[-1] += data


ROW_START = '<div class="hf-row'


def rows(at: AppTest) -> list[RowText]:
    """Each topic row of the side by side (its rows with a heading, in its one element)."""
    bodies = [e.proto.body for e in at.get("html") if ROW_START in e.proto.body]
    assert len(bodies) <= 1, "the side by side is one element"
    markup = bodies[0].split(ROW_START)[1:] if bodies else []
    parsed = [RowText(ROW_START + row) for row in markup]
    return [row for row in parsed if row.heading]


def topic_rows(at: AppTest) -> list[str]:
    """The question of each topic row shown (its heading, without any marker)."""
    return [row.heading.split(" \u26a0")[0] for row in rows(at)]


def cells(at: AppTest) -> list[str]:
    """The text of every side-by-side cell (each starts with its outlet's name)."""
    return [cell for row in rows(at) for cell in row.cells]


def test_all_five_articles_are_compared_by_default():
    at = open_compare()
    assert at.title[0].value == "Compare sources"
    assert at.session_state["compare_sources"] == ARTICLES
    assert len(topic_rows(at)) == 12
    assert len(cells(at)) == 12 * 5
    assert headers(at) == [
        "At a glance",
        "Side by side",
        "Where the sources disagree (2)",
        "Figure ledger",
    ]
    assert "cmp" not in at.query_params


def test_choosing_two_outlets_from_the_link():
    at = open_compare(cmp="rferl,bbc")
    assert at.session_state["compare_sources"] == ["bbc", "rferl"]
    shown = cells(at)
    assert len(shown) == 12 * 2
    assert {c.splitlines()[0] for c in shown} == {"BBC", "RFE/RL"}
    # no disagreement has both BBC and RFE/RL on its sides
    assert "Where the sources disagree (0)" in headers(at)
    assert at.query_params["cmp"] == "bbc,rferl"


def test_choosing_outlets_with_the_pills():
    at = open_compare()
    at.session_state["compare_sources"] = ["newsweek", "socialeurope"]
    at.run()
    assert not at.exception
    assert {c.splitlines()[0] for c in cells(at)} == {
        "Newsweek",
        "The Conversation / Social Europe",
    }
    # the uprising forecast and the mothers' view of the Kremlin
    assert "Where the sources disagree (2)" in headers(at)
    assert at.query_params["cmp"] == "socialeurope,newsweek"


def test_a_not_covered_cell():
    at = open_compare(cmp="socialeurope,rferl", topic="new-year-strike")
    assert topic_rows(at) == ["What happened in the New Year's Day strike on mobilised soldiers?"]
    social_europe, rferl = cells(at)
    assert "Not\u00a0covered" in rferl
    assert "Not\u00a0covered" not in social_europe
    assert "63" in social_europe and "89" in social_europe
    assert at.query_params["topic"] == "new-year-strike"


def test_articles_published_before_the_new_year_strike_say_so():
    """Only a known latest day orders: The Moscow Times (written by 25 Nov 2022) came before
    the strike; Newsweek and RFE/RL are dated by earliest bounds alone, so they stay 'Not
    covered', with a note that they may predate it. The BBC follows its bounds, if any."""
    at = open_compare(topic="new-year-strike")
    by_outlet = dict(zip(ARTICLES, cells(at), strict=True))
    before = "Published before this happened"
    assert before in by_outlet["moscowtimes"] and "Not\u00a0covered" not in by_outlet["moscowtimes"]
    assert "Published by 25 Nov 2022." in by_outlet["moscowtimes"]
    for sid in ("newsweek", "rferl"):
        assert before not in by_outlet[sid]
        assert "Not\u00a0covered" in by_outlet[sid]
        assert (
            "on or after" in by_outlet[sid] and "may have been published before" in by_outlet[sid]
        )
    assert before not in by_outlet["socialeurope"]
    latest = publication_window(load_sources()["bbc"])[1]
    assert (before in by_outlet["bbc"]) == (latest is not None and latest < dt.date(2023, 1, 1))


def test_a_disagreement_is_marked_on_its_row_cells_and_listed():
    at = open_compare(cmp="socialeurope,newsweek", topic="mothers-force")
    [row] = rows(at)
    assert row.heading.endswith("\u26a0 1 disagreement")
    social_europe, newsweek = cells(at)
    assert "Differs on a forecast" in social_europe
    assert "Differs on a forecast" in newsweek
    [listed] = [m.value for m in at.markdown if "differs on" in m.value]
    assert "rise up against Putin" in listed
    assert "Why both cannot be right: " in listed
    assert "Where the sources disagree (1)" in headers(at)


def test_claims_that_can_both_be_true_are_not_marked_as_disagreeing():
    # Ukraine's "about 37,500" (Newsweek) and "more than 35,000" (RFE/RL): issue 15.4
    at = open_compare(cmp="newsweek,rferl", topic="death-toll")
    [row] = rows(at)
    assert "disagreement" not in row.heading
    newsweek, rferl = cells(at)
    assert "about 37,500" in newsweek and "more than 35,000" in rferl
    assert "Differs on" not in newsweek + rferl
    assert "Where the sources disagree (0)" in headers(at)


def test_a_bad_link_gives_a_notice_and_compares_everything():
    at = open_compare(cmp="bbc,nowhere", topic="weather")
    notices = " ".join(w.value for w in at.warning)
    assert "'cmp'" in notices and "nowhere" in notices
    assert "'topic'" in notices and "weather" in notices
    assert at.session_state["compare_sources"] == ARTICLES
    assert len(topic_rows(at)) == 12


def test_the_sidebar_sources_narrow_the_choice():
    at = open_compare(src="bbc,rferl,bessudnov2023")
    assert at.session_state["compare_sources"] == ["bbc", "rferl"]
    assert len(cells(at)) == 12 * 2


def test_the_date_window_keeps_articles_that_may_have_been_published_within_it():
    # the Moscow Times is dated 1 Sep to 25 Nov 2022 and the BBC 25-30 Nov; Newsweek and RFE/RL
    # only as 25 Jun and 11 Jul 2022 or later, so they may be from December too
    at = open_compare(**{"from": "2022-12-01"})
    assert at.session_state["compare_sources"] == ["socialeurope", "newsweek", "rferl"]


def test_a_window_with_one_article_says_so():
    # from 25 Jun to 10 Jul 2022 only Newsweek (25 Jun 2022 or later) may fall
    at = open_compare(**{"from": "2022-06-25", "to": "2022-07-10"})
    assert any("Only one article fits" in i.value for i in at.info)
    assert not cells(at)
    # before 25 Jun 2022 none may fall: said as such, not "Only 0 article(s)"
    at = open_compare(**{"from": "2022-03-01", "to": "2022-06-24"})
    assert any("No article fits the sidebar's" in i.value for i in at.info)
    assert not cells(at)


def test_search_text_keeps_matching_topics():
    at = open_compare(q="Tsukanova")
    assert topic_rows(at) == ["What did Putin tell the mothers, and who were they?"]


def _ledger_row(ledger: pd.DataFrame, figure_id: str) -> pd.Series:
    """The ledger's one row for a claim, found by what a reader sees of it: the claim, who
    claimed it, as of when and who reported it."""
    figure = DATA.figure_by_id[figure_id]
    mine = ledger[
        (ledger["claim"] == claim_text(figure, DATA))
        & (ledger["claimant"] == figure.claimant)
        & (ledger["when"] == as_of_text(figure, DATA.sources[figure.source]))
        & (ledger["outlet"] == DATA.sources[figure.source].short_name)
    ]
    assert len(mine) == 1, mine
    return mine.iloc[0]


def test_the_ledger_lists_every_claim_with_revisions_and_flags_no_agreeing_numbers():
    at = open_compare()
    ledger = at.dataframe[-1].value
    assert list(ledger.columns) == list(LEDGER_COLUMNS)  # what the reader sees, and no more
    assert len(ledger) == 25

    def named(figure_id: str) -> str:
        return claim_reference(DATA.figure_by_id[figure_id], DATA)

    revision = _ledger_row(ledger, "mod-strike-dead-revised")
    assert revision["revises_claim"] == named("mod-strike-dead-initial")
    # numbers that can both be true are not flagged: the same 1,351 from a general and the
    # ministry (once flagged for their claimants), "about 37,500" and "more than 35,000",
    # Vasily's "at least 20" and 29
    for figure_id in ("russian-mod-dead-march", "ukraine-claim-dead-newsweek"):
        assert _ledger_row(ledger, figure_id)["conflicts_with_claims"] == ""
    assert set(ledger["conflicts_with_claims"]) == {""}
    assert at.selectbox(key="compare_measure").value == "russian_military_dead"
    assert not [m.value for m in at.markdown if m.value.startswith("**Flagged: ")]
    assert any("No conflicting claims among the figures shown." in m.value for m in at.markdown)


def test_the_chart_key_names_the_dashed_line_only_where_one_is_drawn(monkeypatch):
    """The shipped claims hold no conflict, so the key does not explain a line no one sees;
    a conflict between two charted claims brings it back."""

    def key(at: AppTest) -> str:
        return next(c.value for c in at.caption if c.value.startswith("Filled dot"))

    assert "Dashed" not in key(open_compare(measure="russian_military_dead"))
    first, second = [f.id for f in DATA.figures if f.measure == "russian_military_dead"][:2]
    found = [Conflict(first, second, ("different value",), 0)]
    monkeypatch.setattr("homefront.ledger.find_conflicts", lambda figures: found)
    cached.clear()  # the views found none a moment ago
    assert "Dashed red line: conflicting claims." in key(
        open_compare(measure="russian_military_dead")
    )


def test_the_ledger_flags_only_conflicts_between_the_compared_outlets_claims():
    """Newsweek not compared: no flag, in words or in the table, names a Newsweek claim (the
    list once read "Flagged: 2 pairs", both naming Newsweek's claims)."""
    compared = ["socialeurope", "moscowtimes", "bbc", "rferl"]
    at = open_compare(cmp=",".join(compared), measure="new_year_strike_dead")
    ledger = at.dataframe[-1].value
    shown = {claim_reference(f, DATA) for f in DATA.figures if f.source in compared}
    named = {c for cell in ledger["conflicts_with_claims"] if cell for c in cell.split("; ")}
    assert named <= shown
    flagged = [m.value for m in at.markdown if m.value.startswith("**Flagged: ")]
    assert not any("Newsweek" in f for f in flagged)


def test_the_intro_dates_the_articles_as_their_sources_do():
    """Newsweek's date is only bounded below (25 Jun 2022 or later) and RFE/RL's too: the
    intro once read "from June 2022 to January 2023"."""
    intro = open_compare().markdown[0].value
    assert "published 25 Jun 2022 or later (dates inferred)," in intro
    assert "June 2022" not in intro and "January 2023" not in intro


def test_an_empty_topic_parameter_gets_a_plain_notice_and_all_topics():
    at = open_compare(topic="")
    notices = [w.value for w in at.warning]
    assert any("Link parameter 'topic' is empty; using all." in n for n in notices), notices
    assert not any("fewer than" in n for n in notices), notices
    assert len(topic_rows(at)) == len(DATA.coverage.topics)


def test_the_measure_list_counts_one_claim_in_the_singular():
    at = open_compare()
    options = at.selectbox(key="compare_measure").options
    wounded = DATA.measures["russian_military_wounded"].label  # Newsweek's 3,825 alone
    assert f"{wounded} (1 claim)" in options, options
    assert not [o for o in options if o.endswith("(1 claims)")]


def test_the_ledger_follows_the_compared_outlets_and_the_measure_link():
    at = open_compare(cmp="socialeurope,bbc", measure="new_year_strike_dead")
    ledger = at.dataframe[-1].value
    assert set(ledger["outlet"]) == {DATA.sources[s].short_name for s in ("socialeurope", "bbc")}
    assert len(ledger) == 5  # 63, 89; Milley's two estimates; the 17 mothers
    assert at.selectbox(key="compare_measure").value == "new_year_strike_dead"
    assert at.query_params["measure"] == "new_year_strike_dead"


def test_an_untouched_choice_follows_the_sidebar_and_a_chosen_one_is_kept():
    at = open_compare()
    at.session_state["f_sources"] = ["socialeurope", "newsweek", "rferl", "bessudnov2023"]
    at.run()
    assert at.session_state["compare_sources"] == ["socialeurope", "newsweek", "rferl"]
    at.session_state["f_sources"] = [*ARTICLES, "bessudnov2023"]
    at.run()
    assert at.session_state["compare_sources"] == ARTICLES  # "all" again, not the old three
    at.session_state["compare_sources"] = ["bbc", "rferl"]
    at.run()
    at.session_state["f_sources"] = ["bbc", "newsweek", "rferl"]
    at.run()
    assert at.session_state["compare_sources"] == ["bbc", "rferl"]
    assert not at.exception


def test_a_search_that_finds_approximately_dated_claims_draws_their_ledger():
    """Claims dated only approximately (a mother's account 'in early June') are drawn hollow,
    like inferred dates; the ledger once raised a KeyError on them."""
    at = open_compare(q="mothers")
    legends = [
        trace.get("name")
        for chart in at.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
    ]
    assert "date inferred or approximate" in legends


def test_every_measure_in_the_ledger_draws():
    """Each measure an analyst can pick charts without an error (a precision without a mark
    once broke two of them)."""
    at = open_compare()
    box = at.selectbox(key="compare_measure")
    for option in box.options:
        at.selectbox(key="compare_measure").select(option).run()
        assert not at.exception, (option, at.exception)
        assert at.get("plotly_chart"), option


def test_one_topic_is_counted_in_the_singular():
    """The heatmap's name, read out and on its table, says '1 topic', not '1 topics'."""
    at = open_compare(topic="death-toll")
    assert topic_rows(at) and len(topic_rows(at)) == 1
    labels = [e.label for e in at.expander]
    assert "Table: Who covers what: 1 topic by 5 outlets" in labels
