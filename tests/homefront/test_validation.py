"""homefront.validation and homefront.dataset: the checks that span files.

Each test copies the fixture data, breaks one reference or date and asserts the exact
Problem: file, the line the value now stands on (found in the edited text), field,
and a key phrase of the message.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.problems import DataError, Problem
from homefront.schemas import DATASET_PERIOD
from homefront.validation import collect
from tests.conftest import REAL_CONFIG, ROOT, DataCopy


def only_problem(data_copy, app_config) -> Problem:
    problems = collect(data_copy.root, app_config)[-1]
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_problem(problem: Problem, file: str, line: int, field: str, phrase: str) -> None:
    assert (problem.file, problem.line, problem.field) == (file, line, field), str(problem)
    assert phrase in problem.message, str(problem)


# --- the clean fixture


def test_the_fixture_has_no_problems(fixture_dir, app_config):
    assert collect(fixture_dir, app_config)[-1] == []


def test_load_dataset_returns_every_record_with_events_sorted(fixture_dir, app_config):
    dataset = load_dataset(fixture_dir, app_config)
    raw = {
        name: yaml.safe_load((fixture_dir / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("sources", "events", "figures", "measures")
    }
    assert sorted(dataset.sources) == sorted(r["id"] for r in raw["sources"])
    assert sorted(dataset.measures) == sorted(r["id"] for r in raw["measures"])
    assert [f.id for f in dataset.figures] == [r["id"] for r in raw["figures"]]
    in_file = [(r["date"], r["id"]) for r in raw["events"]]
    assert in_file != sorted(in_file), "the fixture lists events out of order on purpose"
    assert [(e.date, e.id) for e in dataset.events] == sorted(in_file)
    assert dataset.sources["beta"].short_name == "Courier"


def test_load_dataset_raises_every_problem(data_copy, app_config):
    data_copy.edit("events.yaml", "category: information", "category: weather")
    data_copy.edit(
        "figures.yaml", "measure: complaints\n  value: 2000", "measure: grievances\n  value: 2000"
    )
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy.root, app_config)
    assert [(p.file, p.field) for p in caught.value.problems] == [
        ("events.yaml", "category"),
        ("figures.yaml", "measure"),
    ]


# --- one bad value, one problem on its line
#
# (file, text to replace, its replacement, the text on the problem's line, field, phrase)
ONE_BAD_VALUE = [
    (
        "events.yaml",
        "sources: [alpha, beta]",
        "sources: [alpha, beta, zeta]",
        "sources: [alpha, beta, zeta]",
        "sources[2]",
        "unknown source 'zeta'",
    ),
    (
        "events.yaml",
        "  sources: [gamma]\n\n- id: ev-protests-november",
        "  sources:\n    - gamma\n    - zeta\n\n- id: ev-protests-november",
        "- zeta",
        "sources[1]",
        "not in sources.yaml",
    ),
    (
        "events.yaml",
        "speaker: Fixture Committee\n      source: beta",
        "speaker: Fixture Committee\n      source: zeta",
        "source: zeta",
        "quotes[0].source",
        "unknown source 'zeta'",
    ),
    (
        "events.yaml",
        "speaker: Fixture Mother One\n      source: alpha",
        "speaker: Fixture Mother One\n      source: gamma",
        "source: gamma",
        "quotes[0].source",
        "is not listed in this event's sources",
    ),
    (
        "events.yaml",
        "  - source: beta\n      date_as_given: yesterday",
        "  - source: gamma\n      date_as_given: yesterday",
        "- source: gamma",
        "accounts[1].source",
        "'gamma' is not listed in this event's sources",
    ),
    (
        "events.yaml",
        "category: casualties",
        "category: casualty",
        "category: casualty",
        "category",
        "unknown category 'casualty'",
    ),
    (
        "events.yaml",
        "regions: [BU, TY]",
        "regions: [BU, KHM]",
        "regions: [BU, KHM]",
        "regions[1]",
        "unknown region 'KHM' (not in regions.csv)",
    ),
    (
        "figures.yaml",
        "measure: complaints\n  value: 5000",
        "measure: grievances\n  value: 5000",
        "measure: grievances",
        "measure",
        "unknown measure 'grievances'",
    ),
    (
        "figures.yaml",
        "  source: gamma\n",
        "  source: zeta\n",
        "source: zeta",
        "source",
        "unknown source 'zeta'",
    ),
    ("figures.yaml", "region: TY", "region: KHM", "region: KHM", "region", "unknown region 'KHM'"),
    (
        "figures.yaml",
        "revises: fig-a",
        "revises: fig-zzz",
        "revises: fig-zzz",
        "revises",
        "revises unknown figure 'fig-zzz'",
    ),
    # dates lie in the dataset's period
    (
        "events.yaml",
        "date: 2022-02-24",
        "date: 2021-12-31",
        "date: 2021-12-31",
        "date",
        f"2021-12-31 is outside the dataset's period {DATASET_PERIOD[0]}..{DATASET_PERIOD[1]}",
    ),
    (
        "events.yaml",
        "date_end: 2022-10-28",
        "date_end: 2023-07-01",
        "date_end: 2023-07-01",
        "date_end",
        "outside the dataset's period",
    ),
    (
        "figures.yaml",
        "date: 2023-01-15",
        "date: 2023-07-15",
        "date: 2023-07-15",
        "as_of.date",
        "outside the dataset's period",
    ),
    (
        "sources.yaml",
        "published: 2023-06-01",
        "published: 2024-01-01",
        "published: 2024-01-01",
        "published",
        "outside the dataset's period",
    ),
    # story.yaml names records of the other files
    (
        "story.yaml",
        "phases: []\n",
        "phases:\n  - id: opening\n    label: Opening\n    start: 2022-03-01\n"
        "    end: 2022-03-31\n    sources: [alpha, omega]\n    note: Alpha, and a stranger.\n",
        "sources: [alpha, omega]",
        "phases[0].sources",
        "unknown source 'omega'",
    ),
    (
        "story.yaml",
        "phases: []\n",
        "phases:\n  - id: before\n    label: Before\n    start: 2021-12-01\n"
        "    end: 2022-01-31\n    sources: [alpha]\n    note: Earlier than the data.\n",
        "start: 2021-12-01",
        "phases[0].start",
        "outside the dataset's period",
    ),
    (
        "story.yaml",
        "headline_figures: []",
        "headline_figures: [fig-range, fig-nowhere]",
        "headline_figures: [fig-range, fig-nowhere]",
        "headline_figures",
        "unknown figure id 'fig-nowhere'",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "needle", "field", "phrase"),
    ONE_BAD_VALUE,
    ids=[f"{c[0]}:{c[4]}:{c[5][:30]}" for c in ONE_BAD_VALUE],
)
def test_one_bad_value_is_one_problem_on_its_line(
    data_copy, app_config, file, old, new, needle, field, phrase
):
    data_copy.edit(file, old, new)
    problem = only_problem(data_copy, app_config)
    assert_problem(problem, file, data_copy.line_of(file, needle), field, phrase)


# --- a measure no figure uses


def test_unused_measure(data_copy, app_config):
    data_copy.write(
        "measures.yaml",
        data_copy.text("measures.yaml")
        + "\n- id: unused\n  label: Unused\n  unit: things\n  counts: Nothing.\n",
    )
    assert_problem(
        only_problem(data_copy, app_config),
        "measures.yaml",
        data_copy.line_of("measures.yaml", "- id: unused"),
        "id",
        "'unused' is used by no figure",
    )


# --- ids and revisions


@pytest.mark.parametrize(
    ("file", "first", "second"),
    [
        ("events.yaml", "ev-mobilisation", "ev-start"),
        ("sources.yaml", "beta", "gamma"),
        ("measures.yaml", "mobilised", "complaints"),
        ("figures.yaml", "fig-range", "fig-official"),
    ],
)
def test_duplicate_id(data_copy, app_config, file, first, second):
    data_copy.edit(file, f"- id: {second}\n", f"- id: {first}\n")
    first_line, second_line = data_copy.lines_of(file, f"- id: {first}\n")
    problems = [p for p in collect(data_copy.root, app_config)[-1] if p.field == "id"]
    assert_problem(
        problems[0],
        file,
        second_line,
        "id",
        f"'{first}' is used twice (first at line {first_line})",
    )


def test_revision_cycle_is_reported_on_both_figures(data_copy, app_config):
    data_copy.edit("figures.yaml", "- id: fig-a\n", "- id: fig-a\n  revises: fig-b\n")
    problems = collect(data_copy.root, app_config)[-1]
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("figures.yaml", data_copy.line_of("figures.yaml", "revises: fig-b"), "revises"),
        ("figures.yaml", data_copy.line_of("figures.yaml", "revises: fig-a"), "revises"),
    ]
    assert "revision cycle: fig-a -> fig-b -> fig-a" in problems[0].message
    assert "revision cycle: fig-b -> fig-a -> fig-b" in problems[1].message


def test_a_figure_leading_into_a_cycle_is_not_itself_a_cycle(data_copy, app_config):
    data_copy.edit("figures.yaml", "- id: fig-a\n", "- id: fig-a\n  revises: fig-b\n")
    data_copy.edit("figures.yaml", "- id: fig-official\n", "- id: fig-official\n  revises: fig-a\n")
    fig_b_revises_a, fig_official_revises_a = data_copy.lines_of("figures.yaml", "revises: fig-a")
    problems = collect(data_copy.root, app_config)[-1]
    assert [p.line for p in problems] == [
        data_copy.line_of("figures.yaml", "revises: fig-b"),
        fig_b_revises_a,
    ]
    assert fig_official_revises_a not in {p.line for p in problems}


# --- dates


def test_the_period_bounds_are_inclusive(data_copy, app_config):
    start, end = DATASET_PERIOD
    data_copy.edit("events.yaml", "date: 2022-02-24", f"date: {start}")
    data_copy.edit("events.yaml", "date: 2023-02-14", f"date: {end}")
    assert collect(data_copy.root, app_config)[-1] == []
    data_copy.edit("events.yaml", f"date: {end}", f"date: {end + dt.timedelta(days=1)}")
    assert [p.field for p in collect(data_copy.root, app_config)[-1]] == ["date"]


# --- one pass


def test_problems_in_every_file_are_reported_in_one_pass(data_copy, app_config):
    data_copy.edit(
        "sources.yaml",
        'title: "Fixture: Mothers ask for a meeting"\n',
        'title: "Fixture: Mothers ask for a meeting"\n  mood: grim\n',
    )
    data_copy.edit("events.yaml", "category: information", "category: weather")
    data_copy.edit("figures.yaml", "value: 300000", "value: lots")
    data_copy.edit("measures.yaml", "unit: people\n  counts: Deaths", "unit: ''\n  counts: Deaths")
    problems = collect(data_copy.root, app_config)[-1]
    found = {(p.file, p.line, p.field) for p in problems}
    assert {
        ("sources.yaml", data_copy.line_of("sources.yaml", "mood: grim"), "mood"),
        ("events.yaml", data_copy.line_of("events.yaml", "category: weather"), "category"),
        ("figures.yaml", data_copy.line_of("figures.yaml", "value: lots"), "value"),
        ("measures.yaml", data_copy.line_of("measures.yaml", "unit: ''"), "unit"),
    } <= found
    assert problems == sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))


# --- story.yaml references into the other files


def test_curation_rules_report_in_the_same_pass(data_copy, app_config):
    # homefront.curation_rules is hooked into validate: its problems come sorted with the rest
    data_copy.edit("events.yaml", "category: information", "category: weather")
    data_copy.edit(
        "coverage.yaml",
        "    description: The two papers describe the same meeting differently.\n",
        "    description: The two accounts are compatible.\n",
    )
    problems = collect(data_copy.root, app_config)[-1]
    assert [(p.file, p.field) for p in problems] == [
        ("coverage.yaml", "disagreements[0].description"),
        ("events.yaml", "category"),
    ]


def test_story_references_name_their_line(data_copy, app_config):
    # the real story.yaml names records the fixture dataset does not have
    text = (ROOT / "data" / "story.yaml").read_text(encoding="utf-8")
    data_copy.write("story.yaml", text)
    problems = collect(data_copy.root, app_config)[-1]
    lines = text.splitlines()
    assert problems and all(p.file == "story.yaml" and p.line for p in problems)
    for problem in problems:
        value = problem.message.split("'")[1]  # unknown source 'rferl': the id named
        assert value in lines[problem.line - 1], str(problem)


@pytest.fixture
def real_copy(tmp_path):
    """A copy of the real data/, whose story.yaml a test edits."""
    return DataCopy(Path(shutil.copytree(ROOT / "data", tmp_path / "data")))


@pytest.mark.parametrize(
    "event", ["no-such-event", "soldiers-told-on-eve-of-invasion-2"], ids=["unknown", "near-miss"]
)
def test_a_briefing_step_outlining_an_unknown_event_names_its_line(real_copy, event):
    # the step would draw its timeline with nothing outlined, and no one would know why
    real_copy.edit("story.yaml", "event: soldiers-told-on-eve-of-invasion}", f"event: {event}}}")
    story = yaml.safe_load(real_copy.text("story.yaml"))
    step = next(i for i, s in enumerate(story["briefing"]) if s["view"].get("event") == event)
    assert collect(real_copy.root, load_config(REAL_CONFIG))[-1] == [
        Problem(
            "story.yaml",
            real_copy.line_of("story.yaml", f"event: {event}}}"),
            f"briefing[{step}].view.event",
            f"unknown event {event!r} (not in events.yaml)",
        )
    ]


def test_the_real_briefing_outlines_known_events():
    *_, story, _, problems = collect(ROOT / "data", load_config(REAL_CONFIG))
    assert [s.view.event for s in story.content.briefing if s.view.kind == "timeline"]
    assert problems == []


# --- Data that validated but broke pages (issue 14.2): each is now a problem in its place


def test_a_casualties_file_with_only_its_header_is_a_problem(data_copy, app_config):
    header = data_copy.text("casualties_by_region_month.csv").splitlines()[0]
    data_copy.write("casualties_by_region_month.csv", header + "\n")
    assert collect(data_copy.root, app_config)[-1] == [
        Problem("casualties_by_region_month.csv", 1, "", "the file has only its header: no rows")
    ]


@pytest.mark.parametrize("zero", ["0", "00", "000"])
def test_a_zero_denominator_written_any_way_is_a_problem(data_copy, app_config, zero):
    data_copy.edit("regions.csv", ",Siberian,50000,", f",Siberian,{zero},")
    line = data_copy.line_of("regions.csv", f",Siberian,{zero},")
    [problem] = collect(data_copy.root, app_config)[-1]
    assert (problem.file, problem.line, problem.field) == ("regions.csv", line, "men_16_61")
    assert "must be at least 1" in problem.message and "denominator" in problem.message


@pytest.mark.parametrize(
    ("coordinates", "field"),
    [
        ('[[["108", 52], [109, 52], [109, 53], [108, 52]]]', "coordinates[0][0]"),
        ("[[[108, 52, 1], [109, 52], [109, 53], [108, 52]]]", "coordinates[0][0]"),
        ("[[[108, 52], [109, null], [109, 53], [108, 52]]]", "coordinates[0][1]"),
        ("[[[108, 52], [109, 52], [109, 53], 5]]", "coordinates[0][3]"),
        ("[[[108, 52], [109, 52]]]", "coordinates[0]"),
        ("[[[108, 52], [109, 52], [109, 95], [108, 52]]]", "coordinates[0][2]"),
        ("[5]", "coordinates[0]"),
    ],
)
def test_geojson_coordinates_that_are_not_pairs_of_numbers_are_problems(
    data_copy, app_config, coordinates, field
):
    name = "geo/russia_regions.geojson"
    data_copy.edit(
        name,
        '"coordinates": [[[108, 52], [109, 52], [109, 53], [108, 53], [108, 52]]]',
        f'"coordinates": {coordinates}',
    )
    [problem] = collect(data_copy.root, app_config)[-1]
    assert (problem.file, problem.field) == (name, f"features[0].geometry.{field}"), str(problem)


def test_a_quoted_newline_in_a_csv_does_not_shift_later_lines(data_copy, app_config):
    data_copy.edit("regions.csv", "BU,Buryatia,", 'BU,"Buryatia\n(Republic of)",')
    data_copy.edit("regions.csv", ",Siberian,50000,", ",Siberian,fifty,")
    line = data_copy.line_of("regions.csv", ",Siberian,fifty,")
    problems = collect(data_copy.root, app_config)[-1]
    assert (
        Problem(
            "regions.csv",
            line,
            "men_16_61",
            "'fifty' is not a whole number (digits 0-9, at most 18)",
        )
        in problems
    ), problems
