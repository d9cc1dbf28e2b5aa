"""homefront.yamlfile: parsing YAML and placing every value on its line."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from homefront import yamlfile
from homefront.problems import DataError, Problem
from homefront.schemas import Event
from homefront.yamlfile import field_name, line_of, problems_from, read_yaml

NESTED = """\
# a comment, so that lines and record numbers differ
- id: first
  sources: [alpha, beta]
  quotes:
    - text: one
      speaker: A
    - text: two
      speaker: B

- id: second
  as_of:
    date: 2022-03-01
"""


def write(tmp_path: Path, text: str, name: str = "events.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_containing(text: str, needle: str) -> int:
    [line] = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return line


def test_read_yaml_returns_the_data(tmp_path):
    data, _ = read_yaml(write(tmp_path, NESTED))
    assert data[0]["quotes"][1] == {"text": "two", "speaker": "B"}
    assert data[1]["as_of"]["date"].isoformat() == "2022-03-01"


@pytest.mark.parametrize(
    ("path", "needle"),
    [
        ((0,), "id: first"),
        ((0, "id"), "id: first"),
        ((0, "sources"), "sources: [alpha, beta]"),
        ((0, "sources", 1), "sources: [alpha, beta]"),
        ((0, "quotes"), "quotes:"),
        ((0, "quotes", 0), "text: one"),
        ((0, "quotes", 1, "text"), "text: two"),
        ((0, "quotes", 1, "speaker"), "speaker: B"),
        ((1,), "id: second"),
        ((1, "as_of"), "as_of:"),
        ((1, "as_of", "date"), "date: 2022-03-01"),
    ],
)
def test_every_path_maps_to_its_line(tmp_path, path, needle):
    _, lines = read_yaml(write(tmp_path, NESTED))
    assert lines[path] == line_containing(NESTED, needle)


def test_line_of_falls_back_to_the_deepest_part_the_file_has(tmp_path):
    _, lines = read_yaml(write(tmp_path, NESTED))
    # a missing key reports its record; a missing item of a list reports the list
    assert line_of(lines, (1, "summary")) == line_containing(NESTED, "id: second")
    assert line_of(lines, (0, "quotes", 5, "text")) == line_containing(NESTED, "quotes:")
    assert line_of(lines, (7, "id")) == line_containing(NESTED, "id: first")  # the whole file
    assert line_of({}, (0, "id")) is None


def test_a_duplicate_key_is_a_problem_on_the_line_of_its_second_use(tmp_path):
    text = NESTED.replace("      speaker: B\n", "      speaker: B\n      text: again\n")
    with pytest.raises(DataError) as caught:
        read_yaml(write(tmp_path, text))
    [problem] = caught.value.problems
    assert problem.file == "events.yaml"
    assert problem.line == line_containing(text, "text: again")
    assert problem.field == "text"
    assert "twice" in problem.message


def test_every_duplicate_key_in_the_file_is_reported(tmp_path):
    text = "- id: a\n  id: b\n- title: x\n  title: y\n"
    with pytest.raises(DataError) as caught:
        read_yaml(write(tmp_path, text))
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "id"), (4, "title")]


def test_invalid_yaml_is_a_problem_on_the_line_of_the_error(tmp_path):
    text = NESTED.replace("speaker: A", "speaker: A: B")
    with pytest.raises(DataError) as caught:
        read_yaml(write(tmp_path, text))
    [problem] = caught.value.problems
    assert problem.file == "events.yaml"
    assert problem.line == line_containing(text, "speaker: A: B")
    assert problem.field == ""
    assert problem.message.startswith("invalid YAML")


def test_an_unclosed_bracket_is_reported_not_raised(tmp_path):
    text = NESTED.replace("[alpha, beta]", "[alpha, beta")
    with pytest.raises(DataError) as caught:
        read_yaml(write(tmp_path, text))
    [problem] = caught.value.problems
    assert problem.message.startswith("invalid YAML")
    assert problem.line is not None


def test_an_impossible_calendar_date_is_a_problem_not_a_crash(tmp_path):
    # YAML resolves 2022-02-30 as a timestamp; PyYAML then raises a bare ValueError
    text = NESTED.replace("date: 2022-03-01", "date: 2022-02-30")
    with pytest.raises(DataError) as caught:
        read_yaml(write(tmp_path, text))
    [problem] = caught.value.problems
    assert problem.file == "events.yaml"
    assert problem.line == line_containing(text, "date: 2022-02-30")


def test_a_missing_file_is_reported_by_name(tmp_path):
    with pytest.raises(DataError) as caught:
        read_yaml(tmp_path / "figures.yaml")
    assert caught.value.problems == [Problem("figures.yaml", None, "", "file not found")]


def test_a_label_replaces_the_file_name_in_problems(tmp_path):
    with pytest.raises(DataError) as caught:
        read_yaml(tmp_path / "nowhere.yaml", label="data/nowhere.yaml")
    assert caught.value.problems[0].file == "data/nowhere.yaml"


def test_an_empty_file_reads_as_none(tmp_path):
    assert read_yaml(write(tmp_path, "# nothing yet\n")) == (None, {})


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        ((), ""),
        (("title",), "title"),
        (("sources", 1), "sources[1]"),
        (("quotes", 0, "text"), "quotes[0].text"),
        (("as_of", "date"), "as_of.date"),
        (("accounts", 2, "source"), "accounts[2].source"),
    ],
)
def test_field_name(loc, expected):
    assert field_name(loc) == expected


def test_problems_from_places_each_pydantic_error_on_its_line(tmp_path):
    text = (
        "- id: ev-one\n"
        "  date: soon\n"
        "  date_precision: day\n"
        "  title: One\n"
        "  summary: A record with two mistakes.\n"
        "  category: families\n"
        "  sources: [alpha]\n"
        "  quotes:\n"
        "    - text: Hello\n"
        "      speaker: Someone\n"
        "      source: Not A Slug\n"
    )
    data, lines = read_yaml(write(tmp_path, text))
    with pytest.raises(ValidationError) as caught:
        Event.model_validate(data[0])
    problems = problems_from(caught.value, "events.yaml", lines, prefix=(0,))
    assert sorted((p.line, p.field) for p in problems) == [
        (line_containing(text, "date: soon"), "date"),
        (line_containing(text, "source: Not A Slug"), "quotes[0].source"),
    ]
    assert all(p.file == "events.yaml" for p in problems)


# ---- Hostile files: bounded in time and memory, reported on their line ------------------


def alias_bomb(levels: int, breadth: int = 9) -> str:
    """The "billion laughs" list: each level is `breadth` aliases of the one before."""
    rows = [f"- &a0 [{', '.join(['lol'] * breadth)}]"]
    rows += [f"- &a{i} [{', '.join([f'*a{i - 1}'] * breadth)}]" for i in range(1, levels)]
    return "\n".join(rows) + "\n"


@pytest.mark.parametrize("levels", [8, 9, 30])
def test_an_alias_bomb_is_a_problem_on_its_line_not_a_hang(tmp_path, levels):
    text = alias_bomb(levels) + NESTED.replace("- id: second", f"- id: second\n  x: *a{levels - 1}")
    started = time.perf_counter()
    with pytest.raises(DataError) as caught:
        read_yaml(write(tmp_path, text))
    assert time.perf_counter() - started < 10  # was 50 s and 1 GB at 8 levels
    [problem] = caught.value.problems
    assert "alias bomb" in problem.message
    assert problem.line is not None and 1 <= problem.line <= len(text.splitlines())


@settings(max_examples=min(50, settings.default.max_examples))
@given(levels=st.integers(1, 12), breadth=st.integers(1, 12))
def test_aliases_load_or_are_refused_never_expanded_past_the_cap(levels, breadth):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), alias_bomb(levels, breadth))
        sizes = [1 + breadth]  # each level: its list and what its items expand to
        for _ in range(1, levels):
            sizes.append(1 + breadth * sizes[-1])
        expanded = 1 + sum(sizes)
        if expanded <= yamlfile.MAX_VALUES:
            data, lines = read_yaml(path)
            assert len(data) == levels and lines[(levels - 1,)] == levels
        else:
            with pytest.raises(DataError, match="alias bomb"):
                read_yaml(path)


def test_a_shared_value_keeps_its_lines_through_every_alias(tmp_path):
    text = "- &q {text: one, speaker: A}\n- *q\n- *q\n"
    data, lines = read_yaml(write(tmp_path, text))
    assert data[2] == {"text": "one", "speaker": "A"}
    assert lines[(2,)] == 1 and line_of(lines, (2, "speaker")) == 1


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    path = write(tmp_path, NESTED)
    monkeypatch.setattr(yamlfile, "MAX_BYTES", len(NESTED.encode()) - 1)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file too big"))
    with pytest.raises(DataError) as caught:
        read_yaml(path)
    [problem] = caught.value.problems
    assert "at most" in problem.message and problem.file == "events.yaml"


def test_a_50_mb_file_is_refused_quickly(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(NESTED.encode() * (50_000_000 // len(NESTED)))
    started = time.perf_counter()
    with pytest.raises(DataError, match="bytes; at most"):
        read_yaml(path)
    assert time.perf_counter() - started < 2  # was 83 s


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_one_problem_naming_the_encoding(tmp_path, encoding):
    path = tmp_path / "sources.yaml"
    path.write_text(NESTED, encoding=encoding)
    with pytest.raises(DataError) as caught:
        read_yaml(path)
    assert [str(p) for p in caught.value.problems] == [
        "sources.yaml:1: -: not UTF-8 text: UTF-16 text: save the file as UTF-8"
    ]


@pytest.mark.parametrize("name", ["events.yaml", "figures.yaml", "coverage.yaml", "sources.yaml"])
def test_libyaml_gives_what_the_pure_python_loader_gives(name):
    """The fast path (libyaml's parser) reads the shipped files to the same values and lines."""
    path = Path(__file__).resolve().parents[2] / "data" / name
    text = path.read_text(encoding="utf-8")
    fast, slow = yamlfile._parse_fast(text), yamlfile._parse_reporting(text, name)
    assert fast is not None, "the fast path refused a valid file"
    assert fast[1] == slow[1]
    fast_lines, slow_lines = {}, {}
    yamlfile._Walk(name, fast_lines, []).visit(fast[0], ())
    yamlfile._Walk(name, slow_lines, []).visit(slow[0], ())
    assert fast_lines == slow_lines


@pytest.mark.parametrize(
    "text",
    ["[" * 200_000, "- " * 200_000 + "x", "{a: " * 100_000],
    ids=["200k brackets", "200k dashes", "100k braces"],
)
def test_hostile_nesting_is_one_problem_not_a_crash(tmp_path, text):
    """libyaml's own C composer segfaults on 200k nested brackets; read_yaml must name the
    problem on a line instead (the fast path's Python composer raises RecursionError)."""
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_yaml(path)
    [problem] = error.value.problems
    assert problem.line == 1 and "invalid YAML" in problem.message


def test_a_syntax_error_keeps_the_pure_python_message(tmp_path):
    """A file libyaml refuses is parsed again by PyYAML, whose message the curator knows."""
    path = tmp_path / "bad.yaml"
    path.write_text("- id: a\n- id: b\n  title: [unclosed\n- id: c\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_yaml(path)
    [problem] = error.value.problems
    assert problem.line is not None and problem.line >= 3
    # PyYAML's wording; libyaml's is "did not find expected ',' or ']'"
    assert "expected ',' or ']', but got ':'" in problem.message
