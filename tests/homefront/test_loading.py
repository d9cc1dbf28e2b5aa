"""homefront.loading: each curated file read on its own, every problem placed on its line.

Each test copies the fixture data, breaks one thing and asserts the exact Problem:
file, the line the broken value now stands on (found in the edited text), field, and
a key phrase of the message.
"""

from __future__ import annotations

import yaml

from homefront.loading import read_table, read_tables
from homefront.problems import Problem
from homefront.schemas import Event, Measure
from homefront.validation import collect


def only_problem(data_copy, app_config) -> Problem:
    """The single problem the whole dataset now has (so nothing else broke by accident)."""
    problems = collect(data_copy.root, app_config)[-1]
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_the_fixture_reads_without_problems(fixture_dir):
    tables, problems = read_tables(fixture_dir)
    assert problems == []
    for name, table in tables.items():
        expected = yaml.safe_load((fixture_dir / name).read_text(encoding="utf-8"))
        assert [r.id for r in table.records] == [r["id"] for r in expected]
        assert table.positions == list(range(len(expected)))


def test_a_wrong_type_is_reported_on_its_line(data_copy, app_config):
    data_copy.edit("events.yaml", "date: 2022-11-25", "date: soon")
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "date: soon")
    assert problem.field == "date"
    assert "valid date" in problem.message


def test_a_wrong_type_in_a_nested_record_names_the_path(data_copy, app_config):
    data_copy.edit("events.yaml", "speaker: Fixture Mother Two", "speaker: [Two, people]")
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "speaker: [Two, people]")
    assert problem.field == "quotes[0].speaker"
    assert "valid string" in problem.message


def test_an_extra_field_is_reported_as_unknown(data_copy, app_config):
    data_copy.edit(
        "events.yaml",
        "  summary: Known only to the week.\n",
        "  summary: Known only to the week.\n  mood: grim\n",
    )
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "mood: grim")
    assert problem.field == "mood"
    assert "unknown field" in problem.message


def test_a_misspelt_field_is_reported_where_it_stands(data_copy, app_config):
    data_copy.edit("events.yaml", "regions: [BU, TY]", "region: [BU, TY]")
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "region: [BU, TY]")
    assert problem.field == "region"
    assert "misspelt" in problem.message


def test_a_broken_source_is_reported_and_its_citations_too(data_copy, app_config):
    data_copy.edit("sources.yaml", "author: A. Fixture-Writer", "autor: A. Fixture-Writer")
    problems = collect(data_copy.root, app_config)[-1]
    [problem] = [p for p in problems if p.file == "sources.yaml"]
    assert problem.line == data_copy.line_of("sources.yaml", "autor:")
    assert problem.field == "autor"
    # the record is dropped, so what cites it is reported as well, never silently accepted
    assert any("unknown source 'alpha'" in p.message for p in problems if p.file == "events.yaml")


def test_a_misspelt_required_field_is_also_reported_missing_on_its_record(data_copy, app_config):
    data_copy.edit("measures.yaml", "  unit: complaints\n", "  units: complaints\n")
    problems = collect(data_copy.root, app_config)[-1]
    # the record is dropped, so the figures that use it point at an unknown measure too
    here = [p for p in problems if p.file == "measures.yaml"]
    assert [(p.line, p.field) for p in here] == [
        (data_copy.line_of("measures.yaml", "- id: complaints"), "unit"),
        (data_copy.line_of("measures.yaml", "units: complaints"), "units"),
    ]
    assert "required" in here[0].message.lower()
    assert "unknown field" in here[1].message


def test_a_rule_of_the_whole_record_is_reported_on_the_record(data_copy, app_config):
    data_copy.edit(
        "events.yaml", '  date_note: Mid-July; the source says "in the summer heat".\n', ""
    )
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "- id: ev-losses-summer")
    assert problem.field == ""
    assert "date_note is required" in problem.message


def test_a_record_that_is_a_list_is_reported(data_copy, app_config):
    count = len(yaml.safe_load(data_copy.text("events.yaml")))
    data_copy.write("events.yaml", data_copy.text("events.yaml") + "\n- - ev-list\n  - oops\n")
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "- - ev-list")
    assert problem.field == ""
    assert f"record {count + 1} is not a mapping" in problem.message


def test_a_mapping_instead_of_a_list_is_reported(data_copy, app_config):
    data_copy.write("events.yaml", 'ev-one:\n  date: 2022-11-25\n  title: "Fixture: one"\n')
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "ev-one:")
    assert problem.field == ""
    assert "expected a list of records" in problem.message


def test_invalid_yaml_is_reported_on_its_line(data_copy, app_config):
    data_copy.edit("events.yaml", "summary: Known only to the month.", "summary: Known: only: x")
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "summary: Known: only: x")
    assert "invalid YAML" in problem.message


def test_a_duplicate_key_is_reported_on_its_second_line(data_copy, app_config):
    data_copy.edit(
        "events.yaml",
        "  category: information\n",
        "  category: information\n  category: militray\n",
    )
    problem = only_problem(data_copy, app_config)
    assert problem.file == "events.yaml"
    assert problem.line == data_copy.line_of("events.yaml", "category: militray")
    assert problem.field == "category"
    assert "twice" in problem.message


def test_an_empty_file_is_an_empty_table(data_copy):
    data_copy.write("events.yaml", "# Fixture: no events yet\n")
    table, problems = read_table(data_copy.path("events.yaml"), Event)
    assert (table.records, problems) == ([], [])


def test_a_missing_file_is_reported_and_the_others_still_read(data_copy, app_config):
    data_copy.path("figures.yaml").unlink()
    problems = collect(data_copy.root, app_config)[-1]
    assert Problem("figures.yaml", None, "", "file not found") in problems
    # with no figures, every measure is unused: the other files were still read and checked
    unused = [p for p in problems if p.file == "measures.yaml"]
    assert len(unused) == 3
    assert all("used by no figure" in p.message for p in unused)


def test_good_records_are_kept_and_still_find_their_lines(data_copy):
    data_copy.edit("measures.yaml", '  label: "Fixture: people mobilised"\n', "")
    table, problems = read_table(data_copy.path("measures.yaml"), Measure)
    assert [m.id for m in table.records] == ["deaths-confirmed", "complaints"]
    assert table.positions == [0, 2]
    assert [p.field for p in problems] == ["label"]
    # the second kept record is the third in the file
    assert table.line(1, "unit") == data_copy.line_of("measures.yaml", "unit: complaints")
    assert table.line(1) == data_copy.line_of("measures.yaml", "- id: complaints")


def test_a_utf16_file_is_the_only_problem_reported(data_copy, app_config):
    """Once 244 problems about the records it seemed to lack, the encoding near the end."""
    path = data_copy.path("sources.yaml")
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-16")
    assert collect(data_copy.root, app_config)[-1] == [
        Problem("sources.yaml", 1, "", "not UTF-8 text: UTF-16 text: save the file as UTF-8")
    ]
