"""coverage.yaml: its checks (file, line, field) and the queries the Compare page makes.

Expected values are read off tests/fixtures/data/coverage.yaml by hand: three topics
(t-toll, t-meeting, t-letters) over the articles alpha and beta; gamma is a dataset.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from homefront import paths
from homefront.citations import publication_window
from homefront.config import load_config
from homefront.coverage import (
    COMPARISON_COLUMNS,
    comparable_sources,
    comparison_table,
    disagreements_table,
    select_topics,
    shown_disagreements,
    voices_table,
)
from homefront.dataset import load_dataset
from homefront.filters import ViewFilters
from homefront.problems import DataError, Problem
from homefront.schemas import CoverageCell, Event, Source, Topic
from homefront.topic_dates import (
    STATUS_TEXT,
    cell_status,
    status_note,
    topic_start,
)
from homefront.validation import collect

FILE = "coverage.yaml"


def only_problem(data_copy, app_config) -> Problem:
    problems = collect(data_copy.root, app_config)[-1]
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_problem(problem: Problem, line: int, field: str, phrase: str) -> None:
    assert (problem.file, problem.line, problem.field) == (FILE, line, field), str(problem)
    assert phrase in problem.message, str(problem)


@pytest.fixture
def everything() -> ViewFilters:
    return ViewFilters(
        start=dt.date(2022, 1, 1),
        end=dt.date(2023, 6, 30),
        categories=(),
        sources=("alpha", "beta", "gamma"),
    )


# --- loading


def test_the_fixture_coverage_loads(fixture_dataset):
    coverage = fixture_dataset.coverage
    assert [t.id for t in coverage.topics] == ["t-toll", "t-meeting", "t-letters"]
    letters = coverage.topics[2]
    assert letters.cells["alpha"].covered is False
    assert letters.cells["beta"].voices == ["relatives"]
    assert coverage.topics[1].cells["beta"].quotes[0].speaker == "Fixture Mother Two"
    [disagreement] = coverage.disagreements
    assert (disagreement.topic, disagreement.differs) == ("t-meeting", "characterisation")
    assert disagreement.sources == ["alpha", "beta"]


def test_a_missing_file_is_a_problem(data_copy, app_config):
    data_copy.path(FILE).unlink()
    assert only_problem(data_copy, app_config) == Problem(FILE, None, "", "file not found")


def test_a_list_instead_of_a_mapping_is_reported(data_copy, app_config):
    data_copy.write(FILE, "- id: t-toll\n")
    assert_problem(only_problem(data_copy, app_config), 1, "", "expected a mapping")


# --- rules within the file


def test_a_cell_not_covered_may_not_hold_quotes(data_copy, app_config):
    data_copy.edit(
        FILE,
        "      alpha:\n        covered: false\n",
        "      alpha:\n        covered: false\n        quotes:\n          - text: Hidden.\n"
        "            speaker: Someone\n",
    )
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "      alpha:\n        covered: false"),
        "topics[2].cells.alpha",
        "covered: false must leave quotes empty",
    )


def test_a_covered_cell_needs_a_summary(data_copy, app_config):
    data_copy.edit(FILE, "        summary: The Courier says letters came in.\n", "")
    problem = only_problem(data_copy, app_config)
    assert problem.field == "topics[2].cells.beta"
    assert "needs a summary" in problem.message


def test_an_unknown_voice_is_reported_on_its_line(data_copy, app_config):
    data_copy.edit(FILE, "voices: [relatives]", "voices: [relatives, neighbours]")
    problem = only_problem(data_copy, app_config)
    assert problem.line == data_copy.line_of(FILE, "voices: [relatives, neighbours]")
    assert problem.field == "topics[2].cells.beta.voices[1]"
    assert "'mothers'" in problem.message  # pydantic lists the allowed voices


def test_a_disagreement_needs_two_sides(data_copy, app_config):
    data_copy.edit(FILE, "      - sources: [beta]\n        position: A staged meeting.\n", "")
    problem = only_problem(data_copy, app_config)
    assert problem.field == "disagreements[0].sides"
    assert "at least 2" in problem.message


# --- checks against sources and figures


def test_every_article_needs_a_cell(data_copy, app_config):
    data_copy.edit(
        FILE,
        "      beta:\n        covered: true\n        summary: The Courier says letters came in.\n"
        "        voices: [relatives]\n",
        "",
    )
    cells_line = data_copy.lines_of(FILE, "    cells:")[2]
    assert_problem(
        only_problem(data_copy, app_config), cells_line, "topics[2].cells", "no cell for beta"
    )


def test_an_unknown_source_in_a_cell(data_copy, app_config):
    data_copy.edit(
        FILE,
        "        covered: false\n",
        "        covered: false\n      zeta:\n        covered: false\n",
    )
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "      zeta:"),
        "topics[2].cells.zeta",
        "unknown source 'zeta'",
    )


def test_a_dataset_is_not_an_article(data_copy, app_config):
    data_copy.edit(
        FILE,
        "        covered: false\n",
        "        covered: false\n      gamma:\n        covered: false\n",
    )
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "      gamma:"),
        "topics[2].cells.gamma",
        "'gamma' is a dataset",
    )


def test_a_figure_must_come_from_the_cells_source(data_copy, app_config):
    data_copy.edit(FILE, "figures: [fig-a, fig-b]", "figures: [fig-a, fig-complaints-later]")
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "figures: [fig-a, fig-complaints-later]"),
        "topics[0].cells.alpha.figures[1]",
        "'fig-complaints-later' is reported by 'beta', not 'alpha'",
    )


def test_an_unknown_figure_in_a_cell(data_copy, app_config):
    data_copy.edit(FILE, "figures: [fig-a, fig-b]", "figures: [fig-a, fig-zzz]")
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "figures: [fig-a, fig-zzz]"),
        "topics[0].cells.alpha.figures[1]",
        "unknown figure 'fig-zzz'",
    )


def test_a_duplicate_topic_id(data_copy, app_config):
    data_copy.edit(FILE, "  - id: t-letters\n", "  - id: t-toll\n")
    first, second = data_copy.lines_of(FILE, "  - id: t-toll\n")
    assert_problem(
        only_problem(data_copy, app_config),
        second,
        "topics[2].id",
        f"'t-toll' is used twice (first at line {first})",
    )


def test_a_disagreement_on_an_unknown_topic(data_copy, app_config):
    data_copy.edit(FILE, "    topic: t-meeting\n", "    topic: t-weather\n")
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "topic: t-weather"),
        "disagreements[0].topic",
        "unknown topic 't-weather'",
    )


def test_a_side_must_cover_the_topic(data_copy, app_config):
    data_copy.edit(FILE, "    topic: t-meeting\n", "    topic: t-letters\n")
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "      - sources: [alpha]"),
        "disagreements[0].sides[0].sources[0]",
        "'alpha' does not cover topic 't-letters'",
    )


def test_a_disagreement_figure_must_belong_to_a_side(data_copy, app_config):
    # fig-a is alpha's (on a side); fig-complaints is gamma's, which is on no side
    data_copy.edit(
        FILE,
        "    description: The two papers",
        "    figures: [fig-a, fig-complaints]\n    description: The two papers",
    )
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "figures: [fig-a, fig-complaints]"),
        "disagreements[0].figures[1]",
        "'fig-complaints' is from 'gamma', on no side",
    )


def test_a_dataset_cannot_take_a_side(data_copy, app_config):
    data_copy.edit(FILE, "      - sources: [beta]\n", "      - sources: [beta, gamma]\n")
    assert_problem(
        only_problem(data_copy, app_config),
        data_copy.line_of(FILE, "      - sources: [beta, gamma]"),
        "disagreements[0].sides[1].sources[1]",
        "'gamma' is a dataset",
    )


# --- queries


def test_comparable_sources_follow_the_sidebar(fixture_dataset, everything):
    assert comparable_sources(fixture_dataset, everything) == ["alpha", "beta"]
    assert comparable_sources(fixture_dataset, replace(everything, sources=("beta",))) == ["beta"]
    # beta is dated only as 26 Nov 2022 or later: a window ending the day before leaves only
    # alpha (30 Sep 2022); one starting after both leaves only beta, which may be that late
    before = replace(everything, end=dt.date(2022, 11, 25))
    assert comparable_sources(fixture_dataset, before) == ["alpha"]
    after = replace(everything, start=dt.date(2023, 3, 1))
    assert comparable_sources(fixture_dataset, after) == ["beta"]


@pytest.mark.parametrize(
    ("start", "end", "offered"),
    [
        # the BBC: 25-30 Nov 2022; the Moscow Times: 1 Sep to 25 Nov 2022
        ("2022-11-26", "2022-11-30", {"bbc", "newsweek", "rferl"}),
        ("2022-11-25", "2022-11-25", {"bbc", "moscowtimes", "newsweek", "rferl"}),
        # Newsweek: 25 Jun 2022 or later; RFE/RL: 11 Jul 2022 or later
        ("2022-02-24", "2022-06-30", {"newsweek"}),
        ("2022-08-01", "2022-09-01", {"moscowtimes", "newsweek", "rferl"}),
        ("2022-12-01", "2023-01-10", {"socialeurope", "newsweek", "rferl"}),
    ],
)
def test_an_inferred_date_offers_its_article_wherever_it_may_fall(start, end, offered):
    data = load_dataset(paths.DATA_DIR, load_config())
    window = ViewFilters(
        dt.date.fromisoformat(start), dt.date.fromisoformat(end), (), tuple(data.sources)
    )
    assert set(comparable_sources(data, window)) == offered


def test_select_topics_keeps_file_order_and_matches_text_in_compared_cells(fixture_dataset):
    ids = ["t-letters", "t-toll", "t-meeting"]
    both = ["alpha", "beta"]
    assert [t.id for t in select_topics(fixture_dataset, ids, both)] == [
        "t-toll",
        "t-meeting",
        "t-letters",
    ]
    assert [t.id for t in select_topics(fixture_dataset, ["t-toll"], both)] == ["t-toll"]
    # "staged" is only in beta's cell of t-meeting (summary, quote and framing)
    assert [t.id for t in select_topics(fixture_dataset, ids, both, "STAGED")] == ["t-meeting"]
    assert select_topics(fixture_dataset, ids, ["alpha"], "staged") == []
    # a speaker is searchable, and so is the question
    assert [t.id for t in select_topics(fixture_dataset, ids, both, "mother two")] == ["t-meeting"]
    assert [t.id for t in select_topics(fixture_dataset, ids, ["alpha"], "write to")] == [
        "t-letters"
    ]


def test_a_disagreement_is_shown_only_with_two_of_its_sides(fixture_dataset):
    topics = fixture_dataset.coverage.topics
    assert [d.id for d in shown_disagreements(fixture_dataset, topics, ["alpha", "beta"])] == [
        "d-staged"
    ]
    assert shown_disagreements(fixture_dataset, topics, ["beta"]) == []
    assert shown_disagreements(fixture_dataset, topics[:1], ["alpha", "beta"]) == []


def test_comparison_table_has_a_row_per_topic_and_source(fixture_dataset):
    topics = fixture_dataset.coverage.topics
    disagreements = fixture_dataset.coverage.disagreements
    table = comparison_table(fixture_dataset, topics, ["alpha", "beta"], disagreements)
    assert list(table.columns) == COMPARISON_COLUMNS
    assert len(table) == 6
    row = table[(table["topic"] == "t-letters") & (table["source"] == "alpha")].iloc[0]
    assert not row["covered"]
    assert (row["summary"], row["quotes"], row["figures"]) == ("", 0, "")
    row = table[(table["topic"] == "t-toll") & (table["source"] == "alpha")].iloc[0]
    assert row["figures"] == "fig-a, fig-b"
    assert row["figure_values"] == (
        "at least 1,000 (Fixture Ministry, as of 25 Mar 2022) | "
        "1,350 (Fixture Ministry, as of 21 Sep 2022)"
    )
    assert row["quote_texts"] == "The toll now stands at 1,350. (Fixture Ministry)"
    meeting = table[table["topic"] == "t-meeting"]
    assert list(meeting["disagreements"]) == ["d-staged", "d-staged"]
    assert list(meeting["outlet"]) == ["Gazette", "Courier"]


def test_voices_table_counts_topics(fixture_dataset):
    table = voices_table(fixture_dataset.coverage.topics, ["alpha", "beta"])
    counts = {(r.source, r.voice): r.topics for r in table.itertuples()}
    assert len(table) == 2 * 8
    assert counts[("alpha", "officials")] == 2
    assert counts[("alpha", "mothers")] == 1
    assert counts[("beta", "activists")] == 2
    assert counts[("beta", "relatives")] == 1
    assert counts[("beta", "journalists")] == 0


def test_disagreements_table_spells_out_the_sides(fixture_dataset):
    table = disagreements_table(fixture_dataset, fixture_dataset.coverage.disagreements)
    row = table.iloc[0]
    assert row["question"] == "Who met the officials?"
    assert row["sides"] == "Gazette: An ordinary meeting. | Courier: A staged meeting."
    assert row["sources"] == "alpha, beta"
    assert row["conflict"] == "A meeting cannot be both ordinary and staged."


# ---- "Not covered" versus "published before this happened" ---------------------------------

EVENT_DAY = dt.date(2023, 1, 1)
MT_DAY = dt.date(2022, 11, 25)  # The Moscow Times: the latest day it can have been written
LETTERS = "    question: Did families write to the committee?\n"


def source(precision: str, published: dt.date, **bounds: dt.date) -> Source:
    return Source.model_validate(
        {
            "id": "s",
            "outlet": "Outlet",
            "short_name": "Outlet",
            "title": "Title",
            "published": published,
            "date_precision": precision,
            "date_note": "Inferred for the test.",
            "kind": "news",
            "licence_note": "Test.",
            **bounds,
        }
    )


def event(precision: str, day: dt.date = EVENT_DAY) -> Event:
    return Event.model_validate(
        {
            "id": "ev",
            "date": day,
            "date_precision": precision,
            "date_note": "Test.",
            "title": "An event",
            "summary": "It happened.",
            "category": "military",
            "sources": ["s"],
        }
    )


NOT_COVERED = CoverageCell(covered=False)


def test_publication_window_uses_only_the_bounds_it_has():
    assert publication_window(source("day", dt.date(2022, 11, 25))) == (
        dt.date(2022, 11, 25),
        dt.date(2022, 11, 25),
    )
    assert publication_window(source("month", dt.date(2022, 12, 1))) == (
        dt.date(2022, 12, 1),
        dt.date(2022, 12, 31),
    )
    # an inferred date recorded at its earliest bound has no latest day
    newsweek = source("inferred", dt.date(2022, 6, 25), earliest=dt.date(2022, 6, 25))
    assert publication_window(newsweek) == (dt.date(2022, 6, 25), None)


@pytest.mark.parametrize(
    "article,expected",
    [
        (source("day", dt.date(2022, 11, 25)), "published before"),
        (source("month", dt.date(2022, 12, 1)), "published before"),  # ends 31 Dec
        (source("month", dt.date(2023, 1, 1)), "not covered"),  # January starts that day
        (source("inferred", MT_DAY, latest=MT_DAY), "published before"),
        # an earliest bound never orders: six months before the event, and still unknown
        (source("inferred", dt.date(2022, 6, 25), earliest=dt.date(2022, 6, 25)), "may predate"),
        (source("inferred", dt.date(2022, 6, 25)), "may predate"),  # no bound at all
        (source("inferred", dt.date(2023, 1, 5), earliest=dt.date(2023, 1, 5)), "not covered"),
        (source("day", dt.date(2023, 1, 10)), "not covered"),
        (source("day", EVENT_DAY), "not covered"),  # the same day may come after
    ],
)
def test_an_uncovered_cell_predates_its_topic_only_by_a_known_latest_day(article, expected):
    assert cell_status(NOT_COVERED, article, EVENT_DAY) == expected


def test_the_note_gives_the_bounds_the_status_rests_on():
    moscow_times = source("inferred", MT_DAY, latest=MT_DAY)
    assert status_note(moscow_times, "published before") == "Published by 25 Nov 2022."
    assert status_note(source("day", MT_DAY), "published before") == "Published 25 Nov 2022."
    newsweek = source("inferred", dt.date(2022, 6, 25), earliest=dt.date(2022, 6, 25))
    assert status_note(newsweek, "may predate") == (
        "Published on or after 25 Jun 2022, so it may have been published before this."
    )
    assert "a date not known" in status_note(source("inferred", MT_DAY), "may predate")
    assert status_note(newsweek, "not covered") == ""


def test_a_covered_cell_and_an_undated_topic_are_never_published_before():
    early = source("day", dt.date(2022, 6, 1))
    assert cell_status(CoverageCell(covered=True, summary="Said."), early, EVENT_DAY) == "covered"
    assert cell_status(NOT_COVERED, early, None) == "not covered"


def test_topic_start_from_its_event_unless_approximate():
    topic = Topic(id="t", label="T", question="Q?", event="ev", cells={})
    assert topic_start(topic, {"ev": event("day")}) == EVENT_DAY
    assert topic_start(topic, {"ev": event("earliest")}) == EVENT_DAY  # its first day
    assert topic_start(topic, {"ev": event("month", dt.date(2022, 9, 1))}) == dt.date(2022, 9, 1)
    assert topic_start(topic, {"ev": event("approximate")}) is None
    assert topic_start(topic, {}) is None
    assert topic_start(topic.model_copy(update={"event": None}), {"ev": event("day")}) is None


def test_the_comparison_table_says_published_before(data_copy, app_config):
    """The fixture's t-letters is about ev-protests-december (Dec 2022): alpha, dated
    30 Sep 2022, was published before it."""
    data_copy.edit(FILE, LETTERS, LETTERS + "    event: ev-protests-december\n")
    dataset = load_dataset(data_copy.root, app_config)
    table = comparison_table(dataset, dataset.coverage.topics, ["alpha", "beta"])
    status = {
        (t, s): v for t, s, v in zip(table["topic"], table["source"], table["status"], strict=True)
    }
    assert status["t-letters", "alpha"] == STATUS_TEXT["published before"]
    assert status["t-letters", "beta"] == "Covered"
    assert status["t-toll", "alpha"] == "Covered"


def test_an_unknown_topic_event_names_file_line_and_field(data_copy, app_config):
    data_copy.edit(FILE, LETTERS, LETTERS + "    event: ev-nope\n")
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy.root, app_config)
    [problem] = raised.value.problems
    assert_problem(problem, data_copy.line_of(FILE, "event: ev-nope"), "topics[2].event", "ev-nope")
