"""homefront.curation_rules: earliest bounds and disagreements, through collect()[-1].

Each case copies the fixture data, makes one edit and asserts what validation now says
(file, line, field and a key phrase), or that it says nothing. In the fixture, alpha is
dated to the day (30 Sep 2022), beta only by an earliest bound (26 Nov 2022 or later) and
gamma is a dataset known to the month; the one disagreement, d-staged, sets alpha against
beta on topic t-meeting.
"""

from __future__ import annotations

import datetime as dt

import pytest

from homefront.citations import publication_window
from homefront.curation_rules import can_order
from homefront.problems import Problem
from homefront.schemas import Source
from homefront.validation import collect

DISAGREEMENT = "    description: The two papers describe the same meeting differently.\n"
CONFLICT = "    conflict: A meeting cannot be both ordinary and staged.\n"  # the last line
# a second disagreement, on a number: beta's range (about 10,000-15,000) against alpha's
# 300,000, both of measure `mobilised`
NUMBER_DISAGREEMENT = """
  - id: d-mobilised
    topic: t-toll
    differs: number
    sides:
      - sources: [alpha]
        position: Three hundred thousand.
      - sources: [beta]
        position: Ten to fifteen thousand.
    description: The papers give different numbers.
    conflict: Both cannot be the size of the same call-up.
    figures: [fig-official, fig-range]
"""


def problems_after(data_copy, app_config, *edits: tuple[str, str, str]):
    for file, old, new in edits:
        data_copy.edit(file, old, new)
    return collect(data_copy.root, app_config)[-1]


def no_problems(problems: list[Problem]) -> None:
    assert problems == [], "\n".join(map(str, problems))


def one_problem_at(problems: list[Problem], file: str, line: int, field: str) -> Problem:
    """The one problem validation found, which must be on this file, line and field."""
    [problem] = problems
    assert (problem.file, problem.line, problem.field) == (file, line, field), str(problem)
    return problem


def test_the_fixture_passes_every_rule(fixture_dir, app_config):
    assert collect(fixture_dir, app_config)[-1] == []


# --- sources: an inferred date names its bounds


@pytest.mark.parametrize(
    ("old", "new", "needle", "field", "phrase"),
    [
        (
            "  earliest: 2022-11-26\n",
            "",
            "date_precision: inferred",
            "date_precision",
            "an inferred date needs its bounds",
        ),
        (
            "  earliest: 2022-11-26\n",
            "  earliest: 2022-11-20\n",
            "published: 2022-11-26",
            "published",
            "neither the earliest nor the latest bound",
        ),
        (
            "  earliest: 2022-11-26\n",
            "  earliest: 2022-11-26\n  latest: 2022-11-01\n",
            "latest: 2022-11-01",
            "latest",
            "2022-11-01 is before earliest 2022-11-26",
        ),
        (
            "  published: 2022-09-30\n",
            "  published: 2022-09-30\n  earliest: 2022-09-30\n",
            "earliest: 2022-09-30",
            "earliest",
            "a day date is printed; leave earliest empty",
        ),
    ],
    ids=["no-bounds", "published-not-a-bound", "latest-before-earliest", "printed-date-bounded"],
)
def test_source_bounds(data_copy, app_config, old, new, needle, field, phrase):
    [problem] = problems_after(data_copy, app_config, ("sources.yaml", old, new))
    where = ("sources.yaml", data_copy.line_of("sources.yaml", needle), field)
    assert (problem.file, problem.line, problem.field) == where, str(problem)
    assert phrase in problem.message, str(problem)


# --- events: an earliest bound never ends a span

SPAN = '  date_precision: month\n  title: "Fixture: Protests through November"'
BETA_BOUNDS = "  earliest: 2022-11-26\n"


@pytest.mark.parametrize(
    ("bounds", "date_end", "flagged"),
    [
        (BETA_BOUNDS, "2022-11-26", True),
        (BETA_BOUNDS, "2022-11-27", False),
        ("  earliest: 2022-11-20\n  latest: 2022-11-26\n", "2022-11-26", False),
        ("  earliest: 2022-11-26\n  latest: 2022-11-26\n", "2022-11-26", False),
        ("  earliest: 2022-11-26\n  latest: 2022-11-30\n", "2022-11-26", True),
        ("  earliest: 2022-11-26\n  latest: 2022-11-30\n", "2022-11-30", False),
    ],
    ids=[
        "earliest-bound-only",
        "not-a-bound",
        "latest-bound",
        "bounds-on-one-day",
        "earliest-of-a-window",
        "latest-of-a-window",
    ],
)
def test_a_span_is_never_closed_by_an_earliest_bound(
    data_copy, app_config, bounds, date_end, flagged
):
    problems = problems_after(
        data_copy,
        app_config,
        ("sources.yaml", BETA_BOUNDS, bounds),
        ("events.yaml", SPAN, f"  date_end: {date_end}\n{SPAN}"),
    )
    if not flagged:
        return no_problems(problems)
    line = data_copy.line_of("events.yaml", f"date_end: {date_end}")
    problem = one_problem_at(problems, "events.yaml", line, "date_end")
    assert "only the earliest date of Courier's article" in problem.message


# --- events: an "or later" event is no later than an article that reports it

DECREE = '  date: 2023-02-14\n  date_precision: day\n  title: "Fixture: A decree on payments"'


@pytest.mark.parametrize(
    ("date", "sources", "flagged"),
    [
        ("2022-09-30", "[alpha]", False),  # on the day alpha was printed
        ("2022-10-01", "[alpha]", True),  # after it
        ("2022-10-01", "[beta, alpha]", True),  # alpha bounds it, whatever beta says
        ("2023-02-14", "[beta]", False),  # beta is dated only "26 Nov 2022 or later"
        ("2023-06-30", "[gamma]", False),  # gamma, June 2023: to its last day
    ],
    ids=["on-the-day", "after", "after-one-of-two", "open", "month-end"],
)
def test_an_or_later_event_is_never_after_an_article_that_reports_it(
    data_copy, app_config, date, sources, flagged
):
    earliest = (
        f"  date: {date}\n  date_precision: earliest\n  date_note: After a day, before the "
        'article.\n  title: "Fixture: A decree on payments"'
    )
    problems = problems_after(
        data_copy,
        app_config,
        ("events.yaml", DECREE, earliest),
        (
            "events.yaml",
            "  regions: [TY]\n  sources: [alpha]",
            f"  regions: [TY]\n  sources: {sources}",
        ),
    )
    if not flagged:
        return no_problems(problems)
    problem = one_problem_at(
        problems, "events.yaml", data_copy.line_of("events.yaml", f"date: {date}"), "date"
    )
    assert "an event is never later than an article that reports it" in problem.message


# --- the story: no phase or briefing step ends at an earliest bound


@pytest.mark.parametrize(
    ("sources", "note", "phrase"),
    [
        ("[beta]", "By November 2022 the Courier had counted 12 families.", "'By November'"),
        ("[beta]", "The count as of 26 November was 12 families.", "'as of 26 November'"),
        ("[alpha, beta]", "Twelve families, up to November.", "'up to November'"),
        ("[beta]", "Through mid-Nov 2022 the Courier counted 12.", "'Through mid-Nov'"),
        ("[beta]", "Before the end of November, 12.", "'Before the end of November'"),
        ("[beta]", "By 2022-11-26 the Courier had counted 12.", "'By 2022-11'"),
        ("[beta]", "The Courier, on or after 26 November 2022, counted 12 families.", None),
        ("[beta]", "The families met in November.", None),  # a date the source gives
        ("[alpha]", "By September the Gazette had counted 12 families.", None),  # printed date
    ],
    ids=[
        "by-month",
        "as-of-day",
        "up-to",
        "through-mid-abbreviated",
        "before-the-end-of",
        "iso",
        "said-as-a-bound",
        "in-month",
        "dated-source",
    ],
)
def test_a_phase_never_ends_at_an_earliest_bound(data_copy, app_config, sources, note, phrase):
    phase = (
        "phases:\n  - id: waiting\n    label: Waiting\n    start: 2022-10-01\n"
        f"    end: 2022-11-30\n    sources: {sources}\n    note: {note}\n"
    )
    problems = problems_after(data_copy, app_config, ("story.yaml", "phases: []\n", phase))
    if phrase is None:
        return no_problems(problems)
    line = data_copy.line_of("story.yaml", f"note: {note}")
    problem = one_problem_at(problems, "story.yaml", line, "phases[0].note")
    assert phrase in problem.message and "Courier's article, which is undated" in problem.message


# --- disagreements: wording that dates or orders articles by an earliest bound


@pytest.mark.parametrize(
    ("description", "phrase"),
    [
        ("The Courier wrote in November.", "dates Courier's article by its earliest bound"),
        ("The Courier wrote in late November 2022.", "dates Courier's article"),
        ("The Courier wrote in November or later.", None),
        ("The Courier wrote on 26 November at the earliest.", None),
        ("The Courier wrote on or after 26 November.", None),
        ('The Courier says it happened "in November".', None),
        ("The Courier wrote two months later.", None),  # alpha is dated: 30 Sep comes first
        ("They describe the same meeting differently.", None),
    ],
    ids=[
        "month-as-date",
        "late-month",
        "or-later",
        "at-the-earliest",
        "on-or-after",
        "source-wording-in-quotes",
        "orderable",
        "no-dates",
    ],
)
def test_a_disagreement_does_not_date_an_article_by_its_earliest_bound(
    data_copy, app_config, description, phrase
):
    problems = problems_after(
        data_copy, app_config, ("coverage.yaml", DISAGREEMENT, f"    description: {description}\n")
    )
    if phrase is None:
        return no_problems(problems)
    line = data_copy.line_of("coverage.yaml", f"description: {description}")
    problem = one_problem_at(problems, "coverage.yaml", line, "disagreements[0].description")
    assert phrase in problem.message, str(problem)


@pytest.mark.parametrize(
    "description",
    [
        "The Courier wrote two weeks later.",
        "The papers are a week apart.",
        "The Gazette wrote earlier.",
    ],
)
def test_a_disagreement_does_not_order_articles_whose_dates_overlap(
    data_copy, app_config, description
):
    # alpha too is now dated only by an earliest bound: 30 Sep 2022 or later
    problems = problems_after(
        data_copy,
        app_config,
        (
            "sources.yaml",
            "  published: 2022-09-30\n  date_precision: day\n",
            "  published: 2022-09-30\n  date_precision: inferred\n  date_note: Not printed.\n"
            "  earliest: 2022-09-30\n",
        ),
        ("coverage.yaml", DISAGREEMENT, f"    description: {description}\n"),
    )
    [problem] = problems
    assert problem.field == "disagreements[0].description"
    assert "do not say which came first" in problem.message, str(problem)


# --- disagreements: positions that can both be right


@pytest.mark.parametrize(
    ("field", "old", "new"),
    [
        (
            "description",
            DISAGREEMENT,
            "    description: Not contradictory facts but different voices.\n",
        ),
        ("description", DISAGREEMENT, "    description: The two accounts are compatible.\n"),
        (
            "conflict",
            CONFLICT,
            "    conflict: Both could both be true of one meeting.\n",
        ),
        (
            "sides[1].position",
            "        position: A staged meeting.\n",
            "        position: A staged meeting, a different emphasis.\n",
        ),
    ],
    ids=["not-contradictory", "compatible", "could-both-be-true", "different-emphasis"],
)
def test_a_disagreement_that_calls_itself_compatible_is_flagged(
    data_copy, app_config, field, old, new
):
    [problem] = problems_after(data_copy, app_config, ("coverage.yaml", old, new))
    assert (problem.file, problem.field) == ("coverage.yaml", f"disagreements[0].{field}")
    assert problem.line == data_copy.line_of("coverage.yaml", new.strip())
    assert "says the positions are compatible" in problem.message


@pytest.mark.parametrize(
    "conflict",
    ["A meeting cannot be both ordinary and staged.", "The two are incompatible."],
)
def test_wording_of_a_real_conflict_passes(data_copy, app_config, conflict):
    problems = problems_after(
        data_copy,
        app_config,
        (
            "coverage.yaml",
            CONFLICT,
            f"    conflict: {conflict}\n",
        ),
    )
    no_problems(problems)


def test_a_disagreement_needs_a_conflict(data_copy, app_config):
    [problem] = problems_after(
        data_copy,
        app_config,
        ("coverage.yaml", CONFLICT, ""),
    )
    assert (problem.file, problem.field) == ("coverage.yaml", "disagreements[0].conflict")
    assert "Field required" in problem.message


# fig-official (alpha, exact 300,000) against fig-range (beta, about 10,000-15,000)
@pytest.mark.parametrize(
    ("official", "flagged"),
    [
        ("value: 300000\n  qualifier: exact", False),
        ("value: 12000\n  qualifier: exact", True),
        ("value: 16000\n  qualifier: exact", True),  # within ABOUT_MARGIN of 15,000
        ("value: 17000\n  qualifier: exact", False),
        ("value: 9000\n  qualifier: more than", True),
        ("value: 17000\n  qualifier: at least", False),
    ],
    ids=["apart", "inside", "about-margin", "beyond-margin", "open-ended", "open-ended-above"],
)
def test_number_claims_that_can_both_be_true_do_not_disagree(
    data_copy, app_config, official, flagged
):
    problems = problems_after(
        data_copy,
        app_config,
        ("figures.yaml", "value: 300000\n  qualifier: exact", official),
        ("coverage.yaml", CONFLICT, CONFLICT + NUMBER_DISAGREEMENT),
    )
    # the edited value no longer matches its quote: that figures.yaml problem is not this rule's
    problems = [p for p in problems if p.file == "coverage.yaml"]
    if not flagged:
        return no_problems(problems)
    line = data_copy.line_of("coverage.yaml", "figures: [fig-official, fig-range]")
    problem = one_problem_at(problems, "coverage.yaml", line, "disagreements[1].figures")
    assert "fig-official" in problem.message and "can both be true" in problem.message


def test_a_number_disagreement_names_its_figures(data_copy, app_config):
    number = NUMBER_DISAGREEMENT.replace("    figures: [fig-official, fig-range]\n", "")
    [problem] = problems_after(
        data_copy, app_config, ("coverage.yaml", CONFLICT, CONFLICT + number)
    )
    assert problem.field == "disagreements[1].differs"
    assert "names the figures that differ" in problem.message


# --- the windows themselves


def source(precision: str, published: str, **bounds: str) -> Source:
    return Source(
        id="s",
        outlet="O",
        short_name="O",
        title="T",
        published=published,
        date_precision=precision,
        date_note="n",
        kind="news",
        licence_note="l",
        **bounds,
    )


@pytest.mark.parametrize(
    ("made", "window"),
    [
        (source("day", "2023-01-10"), (dt.date(2023, 1, 10), dt.date(2023, 1, 10))),
        (source("month", "2023-02-01"), (dt.date(2023, 2, 1), dt.date(2023, 2, 28))),
        (source("inferred", "2022-06-25", earliest="2022-06-25"), (dt.date(2022, 6, 25), None)),
        (source("inferred", "2022-11-25", latest="2022-11-25"), (None, dt.date(2022, 11, 25))),
    ],
    ids=["day", "month", "earliest-only", "latest-only"],
)
def test_publication_window(made, window):
    assert publication_window(made) == window


@pytest.mark.parametrize(
    ("first", "second", "orderable"),
    [
        # the real cases: Newsweek and RFE/RL, each "or later"
        (
            ("inferred", "2022-06-25", "2022-06-25", None),
            ("inferred", "2022-07-11", "2022-07-11", None),
            False,
        ),
        # the Moscow Times (by 25 Nov) and the BBC (25 to 30 Nov): the same day is possible
        (
            ("inferred", "2022-11-25", None, "2022-11-25"),
            ("inferred", "2022-11-25", "2022-11-25", "2022-11-30"),
            False,
        ),
        # the BBC (by 30 Nov) and Social Europe (10 Jan 2023)
        (
            ("inferred", "2022-11-25", "2022-11-25", "2022-11-30"),
            ("day", "2023-01-10", None, None),
            True,
        ),
        # Newsweek (25 Jun 2022 or later) and Social Europe: no latest date for Newsweek
        (("inferred", "2022-06-25", "2022-06-25", None), ("day", "2023-01-10", None, None), False),
    ],
    ids=["two-earliest-bounds", "touching", "bounded-before-dated", "open-against-dated"],
)
def test_can_order(first, second, orderable):
    def make(precision, published, earliest, latest):
        bounds = {k: v for k, v in (("earliest", earliest), ("latest", latest)) if v}
        return source(precision, published, **bounds)

    a, b = make(*first), make(*second)
    assert can_order(a, b) is orderable
    assert can_order(b, a) is orderable
