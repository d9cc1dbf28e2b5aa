"""Property tests over the data files: whatever a file holds, loading fails only as DataError.

A curator's slip (a deleted field, a value of the wrong type, an impossible date, an id used
twice or never defined, a CSV row with a cell too many) and plain damage (bytes overwritten,
a file cut short or gone) must end in the app's error page, which can only show a DataError.
Any other exception escaping `load_dataset` would be a traceback instead. So each property
mutates the small fixture dataset (tests/fixtures/data) once per example and checks that
loading either succeeds or raises DataError whose every problem names a known file, a line
inside that file (where the problem has a place), a field, and a one-line message; and, where
the mutation certainly broke something, that the problem names exactly that place.

Speed: each example rewrites one file in a temporary folder made inside the test (pytest's
function-scoped fixtures do not reset between examples) and loads it once. The YAML files
an example leaves alone are parsed once per content (read_yaml memoised by file text); the
file it changed is always parsed for real.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import datetime as dt
import io
import re
import shutil
import tempfile
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from homefront import loading, validation
from homefront.config import load_config
from homefront.dataset import Dataset, load_dataset
from homefront.paths import (
    CASUALTIES_FILE,
    COVERAGE_FILE,
    DAILY_FILE,
    EVENTS_FILE,
    FACTORS_FILE,
    FIGURES_FILE,
    GEOMETRY_FILE,
    MEASURES_FILE,
    REGIONS_FILE,
    SOURCES_FILE,
)
from homefront.problems import DataError, Problem
from homefront.regional import (
    CASUALTY_COLUMNS,
    REGION_COLUMNS,
    load_regional,
)
from homefront.schemas import Coverage
from homefront.yamlfile import read_yaml
from tests.conftest import FIXTURE_DATA, REAL_CONFIG

CASES = settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
YAML_FILES = (SOURCES_FILE, EVENTS_FILE, FIGURES_FILE, MEASURES_FILE, COVERAGE_FILE)
CSV_FILES = (REGIONS_FILE, CASUALTIES_FILE)
ALL_FILES = (*YAML_FILES, *CSV_FILES, DAILY_FILE, FACTORS_FILE, GEOMETRY_FILE)
ORIGINAL = {name: (FIXTURE_DATA / name).read_bytes() for name in ALL_FILES}
PARSED = {name: yaml.safe_load(ORIGINAL[name]) for name in YAML_FILES}
ROOT_MODEL: dict[str, Any] = {
    **{name: list[model] for name, model in loading.LIST_FILES.items()},
    COVERAGE_FILE: Coverage,
}
# Problems about a file as a whole may have no line: it is missing, empty, or (GeoJSON, one
# long line) has no useful one. Everything else points at a line.
WHOLE_FILE = re.compile(r"file not found|the file is empty|expected a")


CONFIG = load_config(REAL_CONFIG)  # settings only: it fits the fixture dataset too


# --- running one example -------------------------------------------------------------------


def memoised(function: Callable[..., Any], key: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, answering from memory for arguments whose files it has already read.

    Reading is pure, so files an example did not touch give the same answer (result or
    DataError); a changed file's new content is a miss and goes through the real code.
    """
    memo: dict[Any, Any] = {}

    def call(*args: Any) -> Any:
        try:
            k = key(*args)
        except OSError:  # a missing file: nothing to remember it by
            return function(*args)
        if k not in memo:
            try:
                memo[k] = function(*args)
            except DataError as error:
                memo[k] = error
        found = memo[k]
        if isinstance(found, DataError):
            raise DataError(found.problems)
        return found

    return call


def _yaml_key(path: Path, label: str | None = None) -> tuple:
    return (path.name, label, path.read_bytes())


def _regional_key(data_dir: Path) -> tuple:
    return tuple((data_dir / name).read_bytes() for name in (*CSV_FILES, GEOMETRY_FILE))


@pytest.fixture(scope="module", autouse=True)
def _fast_unchanged_files() -> Iterator[None]:
    """Parse each distinct YAML text, and each distinct set of regional files, once."""
    with (
        mock.patch.object(loading, "read_yaml", memoised(read_yaml, _yaml_key)),
        mock.patch.object(validation, "load_regional", memoised(load_regional, _regional_key)),
    ):
        yield


class Workspace:
    """A copy of the fixture data in a temporary folder; each example changes one file."""

    def __init__(self, root: Path):
        self.root = root

    def put(self, name: str, content: bytes | None) -> None:
        """Write `content` as file `name`; None deletes the file."""
        path = self.root / name
        path.unlink(missing_ok=True)
        if content is not None:
            path.write_bytes(content)

    def restore(self) -> None:
        for name in ALL_FILES:
            path = self.root / name
            if not path.is_file() or path.read_bytes() != ORIGINAL[name]:
                self.put(name, ORIGINAL[name])


@contextlib.contextmanager
def workspace() -> Iterator[Workspace]:
    with tempfile.TemporaryDirectory(prefix="homefront-props-") as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, root)
        yield Workspace(root)


def load(root: Path) -> Dataset | DataError:
    """The dataset, or the DataError it raised; any other exception propagates and fails."""
    try:
        return load_dataset(root, CONFIG)
    except DataError as error:
        return error


def line_count(content: bytes | None) -> int:
    return 0 if content is None else content.count(b"\n") + 1


def assert_well_formed(error: DataError, contents: dict[str, bytes | None]) -> None:
    """Every problem names a known file, a line within it (unless about the whole file), a
    field, and a readable one-line message: what the error page and the CLI print."""
    assert error.problems, "a DataError without problems tells the curator nothing"
    for problem in error.problems:
        text = str(problem)
        assert isinstance(problem, Problem), text
        assert problem.file in ALL_FILES, text
        assert isinstance(problem.field, str) and problem.field.isprintable(), text
        assert isinstance(problem.message, str), text
        assert problem.message.strip() and problem.message.isprintable(), repr(problem.message)
        assert "Traceback" not in problem.message, text
        assert not re.match(r"\w+(Error|Exception)\b", problem.message), text
        if problem.line is None:
            assert problem.file == GEOMETRY_FILE or WHOLE_FILE.search(problem.message), (
                f"no line for a problem that has a place: {text}"
            )
        else:
            assert isinstance(problem.line, int), text
            assert 1 <= problem.line <= max(1, line_count(contents[problem.file])), text


@dataclass(frozen=True)
class Expected:
    """A problem the mutation must cause: exactly this file, line and field; a message phrase.

    `fields` lists the acceptable field names (a YAML syntax error has none, so a raw value
    may be reported with field '' or its own name).
    """

    file: str
    line: int
    fields: tuple[str, ...]
    phrase: str = ""

    def found_in(self, problems: list[Problem]) -> bool:
        return any(
            (p.file, p.line) == (self.file, self.line)
            and p.field in self.fields
            and self.phrase in p.message
            for p in problems
        )


@dataclass(frozen=True)
class Mutation:
    """What an example did: new contents per file (None: deleted) and what it must cause."""

    description: str
    contents: dict[str, bytes | None]
    expected: Expected | None = None


def check(mutation: Mutation) -> DataError | Dataset:
    """Apply the mutation in a fresh workspace, load once, and check the outcome."""
    with workspace() as work:
        for name, content in mutation.contents.items():
            work.put(name, content)
        outcome = load(work.root)
    contents = {name: ORIGINAL[name] for name in ALL_FILES} | mutation.contents
    if isinstance(outcome, DataError):
        assert_well_formed(outcome, contents)
        if mutation.expected is not None:
            assert mutation.expected.found_in(outcome.problems), (
                f"{mutation.description}: expected {mutation.expected}, got:\n{outcome}"
            )
    else:
        assert isinstance(outcome, Dataset)
        assert mutation.expected is None, f"{mutation.description}: loaded without a problem"
    return outcome


# --- YAML: paths, annotations and lines ----------------------------------------------------

Path_ = tuple[str | int, ...]


def paths_in(value: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every key and index path in a parsed YAML value (the root itself excluded)."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        yield (*prefix, key)
        yield from paths_in(item, (*prefix, key))


def get(value: Any, path: Path_) -> Any:
    for part in path:
        value = value[part]
    return value


def unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and `| None`: the type a value must have if it is given."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def annotation_at(file: str, path: Path_) -> Any:
    """The schema's type for the value at `path` of a file (e.g. events 3.quotes.0.text: str)."""
    annotation = ROOT_MODEL[file]
    for part in path:
        annotation = unwrap(annotation)
        if is_model(annotation):
            annotation = annotation.model_fields[part].annotation
        elif get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
        else:
            raise AssertionError(f"{file}: no schema type at {path}")
    return unwrap(annotation)


def is_container(annotation: Any) -> bool:
    return is_model(annotation) or get_origin(annotation) in (list, dict)


def is_scalar(annotation: Any) -> bool:
    return annotation in (str, float, int, bool, dt.date) or get_origin(annotation) is Literal


def line_at(text: str, path: Path_) -> int:
    """The line a curator sees for `path`, found by PyYAML itself (not by homefront):
    a key's own line for a mapping entry, the item's first line for a list item."""
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    line = node.start_mark.line + 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            key, node = next((k, v) for k, v in node.value if k.value == str(part))
            line = key.start_mark.line + 1
        else:
            node = node.value[part]
            line = node.start_mark.line + 1
    return line


def field_of(file: str, path: Path_) -> str:
    """The field as problems name it: within the record for list files, whole path otherwise."""
    parts = path[1:] if file in loading.LIST_FILES else path
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


RAW = "__raw_value__"


def dump(data: Any, raw: str | None = None) -> bytes:
    """YAML text for `data`; the RAW marker, if any, replaced by `raw` as written (unquoted)."""
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
    if raw is not None:
        assert text.count(RAW) == 1
        text = text.replace(RAW, raw)
    return text.encode("utf-8")


# --- YAML: value strategies ----------------------------------------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5})?", fullmatch=True)
# never an id of the fixture: theirs have no "zz" prefix
unknown_slugs = slugs.map(lambda s: f"zz{s}")
unknown_codes = st.from_regex(r"[A-Z]{2,3}", fullmatch=True).filter(lambda c: c not in {"BU", "TY"})
HOSTILE_TEXT = [
    "<script>alert(1)</script>",
    "**bold** [link](javascript:alert(1))",
    "\x00",
    "\u202e\ufeff",
    "👩‍👦",
    "a" * 5000,
    "{{ 7*7 }}",
    "%s%n",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(HOSTILE_TEXT),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
)
anything = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
# a value no scalar field (text, number, flag, date, choice) accepts
not_scalar = st.one_of(
    st.lists(st.integers(0, 9), min_size=0, max_size=3),
    st.dictionaries(st.sampled_from(["k", "id", "text"]), st.integers(0, 9), min_size=1),
)
# a value no list, mapping or record field accepts
not_container = st.one_of(
    st.integers(-1000, 10**6),
    st.text(min_size=1, max_size=20),
    st.sampled_from(HOSTILE_TEXT),
    st.floats(allow_nan=False),
)
# dates YAML or pydantic cannot read, written unquoted: YAML sees some as timestamps
impossible_dates = st.one_of(
    st.builds("2022-{:02d}-10".format, st.integers(13, 99)),
    st.builds("2022-{:02d}-{:02d}".format, st.integers(1, 12), st.integers(32, 99)),
    st.sampled_from(
        [
            "2022-02-30",
            "2022-02-29",
            "2022-00-10",
            "2022-04-31",
            "2022-02-28T25:00:00",
            "2022-02-24T10:30:00",
            "yesterday",
            "24/02/2022",
            "2022.02.24",
            "2022-02-24x",
            "'2022-13-01'",
            "[]",
            "{}",
            "2022-02",
        ]
    ),
)


@st.composite
def yaml_mutations(draw) -> Mutation:
    """One edit a curator could make to one YAML file, and the problem it must cause."""
    file = draw(st.sampled_from(YAML_FILES))
    data = copy.deepcopy(PARSED[file])
    action = draw(
        st.sampled_from(
            [
                "delete",
                "wrong_type",
                "any_value",
                "bad_date",
                "unknown_ref",
                "duplicate_id",
                "whole_file",
            ]
        )
    )
    paths = list(paths_in(data))

    if action == "whole_file":
        data = draw(st.one_of(scalars, st.lists(scalars, max_size=3), st.just({"a": 1})))
        return Mutation(f"{file}: whole file replaced by {data!r}", {file: dump(data)})

    if action in ("delete", "any_value"):
        path = draw(st.sampled_from(paths))
        parent, key = get(data, path[:-1]), path[-1]
        if action == "any_value":
            parent[key] = draw(anything)
            return Mutation(f"{file}: {path} = {parent[key]!r}", {file: dump(data)})
        del parent[key]
        text = dump(data)
        expected = None
        owner = annotation_at(file, path[:-1])
        if is_model(owner) and owner.model_fields[key].is_required():
            line = line_at(text.decode(), path[:-1])
            expected = Expected(file, line, (field_of(file, path),), "Field required")
        return Mutation(f"{file}: deleted {path}", {file: text}, expected)

    if action == "wrong_type":
        path = draw(st.sampled_from(paths))
        annotation = annotation_at(file, path)
        if is_scalar(annotation):
            value = draw(not_scalar)
        elif is_container(annotation):
            value = draw(not_container)
        else:
            raise AssertionError(f"{file} {path}: neither scalar nor container: {annotation}")
        get(data, path[:-1])[path[-1]] = value
        text = dump(data)
        record_itself = file in loading.LIST_FILES and len(path) == 1
        fields = ("",) if record_itself else (field_of(file, path),)
        expected = Expected(file, line_at(text.decode(), path), fields)
        return Mutation(f"{file}: {path} = {value!r}", {file: text}, expected)

    if action == "bad_date":
        dates = [p for p in paths if annotation_at(file, p) is dt.date]
        if not dates:
            return Mutation(f"{file}: no date to break", {})
        path = draw(st.sampled_from(dates))
        raw = draw(impossible_dates)
        get(data, path[:-1])[path[-1]] = RAW
        text = dump(data, raw)
        expected = Expected(file, line_at(text.decode(), path), ("", field_of(file, path)))
        return Mutation(f"{file}: {path} = {raw} (unquoted)", {file: text}, expected)

    if action == "unknown_ref":
        refs = reference_paths(file, data)
        if not refs:
            return Mutation(f"{file}: names no other record", {})
        path, kind = draw(st.sampled_from(refs))
        new = draw(unknown_codes if kind == "region" else unknown_slugs)
        parent = get(data, path[:-1])
        if kind == "key":  # a coverage cell's source is its key: rename the key
            items = list(parent.items())
            parent.clear()
            parent.update({(new if k == path[-1] else k): v for k, v in items})
            path = (*path[:-1], new)
        else:
            parent[path[-1]] = new
        text = dump(data)
        expected = Expected(file, line_at(text.decode(), path), (field_of(file, path),), "unknown")
        return Mutation(f"{file}: {path} -> {new!r}", {file: text}, expected)

    # duplicate_id: a record takes the id of another; the later of the two is reported
    lists = [data] if file in loading.LIST_FILES else [data["topics"], data["disagreements"]]
    records = draw(st.sampled_from([r for r in lists if len(r) >= 2]))
    prefix: Path_ = (
        () if records is data else ("topics" if records is lists[0] else "disagreements",)
    )
    pairs = [
        (i, j)
        for i in range(len(records))
        for j in range(len(records))
        # a figure taking the id of the figure it revises would revise itself: another error
        if i != j and records[j].get("revises") != records[i]["id"]
    ]
    i, j = draw(st.sampled_from(pairs))
    records[j]["id"] = records[i]["id"]
    text = dump(data)
    later = (*prefix, max(i, j), "id")
    expected = Expected(file, line_at(text.decode(), later), (field_of(file, later),), "twice")
    return Mutation(f"{file}: record {j} takes the id of record {i}", {file: text}, expected)


def reference_paths(file: str, data: Any) -> list[tuple[Path_, str]]:
    """Where a file names records of another (or its own) file: (path, kind of id)."""
    refs: list[tuple[Path_, str]] = []
    if file == EVENTS_FILE:
        for i, event in enumerate(data):
            refs.append(((i, "category"), "slug"))
            refs += [((i, "sources", k), "slug") for k in range(len(event["sources"]))]
            refs += [((i, "regions", k), "region") for k in range(len(event.get("regions", [])))]
            for kind in ("quotes", "accounts"):
                refs += [((i, kind, k, "source"), "slug") for k in range(len(event.get(kind, [])))]
    elif file == FIGURES_FILE:
        for i, figure in enumerate(data):
            refs += [
                ((i, key), "slug") for key in ("measure", "source", "revises") if key in figure
            ]
            if "region" in figure:
                refs.append(((i, "region"), "region"))
    elif file == COVERAGE_FILE:
        for i, topic in enumerate(data["topics"]):
            for sid, cell in topic["cells"].items():
                refs.append((("topics", i, "cells", sid), "key"))
                refs += [
                    (("topics", i, "cells", sid, "figures", k), "slug")
                    for k in range(len(cell.get("figures", [])))
                ]
        for i, disagreement in enumerate(data["disagreements"]):
            refs.append((("disagreements", i, "topic"), "slug"))
            for j, side in enumerate(disagreement["sides"]):
                refs += [
                    (("disagreements", i, "sides", j, "sources", k), "slug")
                    for k in range(len(side["sources"]))
                ]
            refs += [
                (("disagreements", i, "figures", k), "slug")
                for k in range(len(disagreement.get("figures", [])))
            ]
    return refs


# --- CSV: rows and cells -------------------------------------------------------------------

COLUMNS = {REGIONS_FILE: REGION_COLUMNS, CASUALTIES_FILE: CASUALTY_COLUMNS}
letters = st.text(st.characters(categories=["L"]), min_size=1, max_size=4)
not_a_number = st.one_of(
    letters,
    st.sampled_from(
        ["-5", "1,5", "1e3", "1.", ".5", " 5", "5 ", "NaN", "inf", "0x10", "+3", "½", "١٢", "１２"]
    ),
    st.builds(lambda n, s: f"{n}{s}", st.integers(0, 999), letters),
)
# a value each column certainly rejects (regions' indicators may be empty; deaths may not)
BAD_CELLS: dict[tuple[str, str], st.SearchStrategy[str]] = {
    (REGIONS_FILE, "iso"): st.one_of(
        st.sampled_from(["", "bu", "B", "ABCD", "RU-BU", "12", "B U"]), letters.map(str.lower)
    ),
    (REGIONS_FILE, "name_en"): st.sampled_from(["", " ", "\t"]),
    (REGIONS_FILE, "name_ru"): st.sampled_from(["", "  "]),
    (REGIONS_FILE, "federal_district"): st.sampled_from(["Far East", "central", "Crimea", " "]),
    (REGIONS_FILE, "men_16_61"): st.one_of(not_a_number, st.just("0"), st.just("1.5")),
    (REGIONS_FILE, "occupied"): st.sampled_from(["True", "yes", "1", "", "false "]),
    (REGIONS_FILE, "has_polygon"): st.sampled_from(["FALSE", "no", "0", ""]),
    # indicators: not a number, or too many digits for a float (pandas overflowed past 308)
    **{
        (REGIONS_FILE, c): st.one_of(
            not_a_number, st.integers(16, 400).map(lambda n: "9" * n), st.just("1." + "0" * 16)
        )
        for c in REGION_COLUMNS[5:9]
    },
    (CASUALTIES_FILE, "iso"): st.one_of(unknown_codes, st.sampled_from(["", "Unknown", "bu"])),
    (CASUALTIES_FILE, "month"): st.sampled_from(
        ["2022-13", "2022-00", "2022-3", "22-03", "2022/03", "March 2022", "", "UNKNOWN"]
    ),
    (CASUALTIES_FILE, "unit_type"): st.sampled_from(["", " ", "\t"]),
    (CASUALTIES_FILE, "deaths"): st.one_of(not_a_number, st.just(""), st.just("2.0")),
}


def csv_rows(file: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(ORIGINAL[file].decode("utf-8"))))


def write_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


@st.composite
def csv_mutations(draw) -> Mutation:
    """One change to regions.csv or casualties_by_region_month.csv, and its problem."""
    file = draw(st.sampled_from(CSV_FILES))
    rows = csv_rows(file)
    header = rows[0]
    columns = COLUMNS[file]
    action = draw(
        st.sampled_from(
            ["bad_cell", "any_cell", "short_row", "long_row", "all_long", "duplicate", "header"]
        )
    )
    r = draw(st.integers(1, len(rows) - 1))  # a data row; rows[0] is the header
    line = r + 1
    if action == "bad_cell":
        column = draw(st.sampled_from(columns))
        rows[r][header.index(column)] = draw(BAD_CELLS[file, column])
        expected = Expected(file, line, (column,))
        return Mutation(f"{file}:{line}: {column} = {rows[r]}", {file: write_csv(rows)}, expected)
    if action == "any_cell":
        c = draw(st.integers(0, len(header) - 1))
        rows[r][c] = draw(st.one_of(st.text(max_size=20), st.sampled_from(HOSTILE_TEXT)))
        return Mutation(f"{file}:{line}: cell {c} = {rows[r][c]!r}", {file: write_csv(rows)})
    if action == "short_row":  # the last columns (never allowed empty) go missing
        keep = draw(st.integers(1, len(header) - 1))
        rows.insert(r, rows[r][:keep])
        expected = Expected(file, line, tuple(columns[keep:]))
        return Mutation(
            f"{file}:{line}: row cut to {keep} cells", {file: write_csv(rows)}, expected
        )
    if action == "long_row":
        cells = st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=5)
        extra = draw(st.lists(cells, min_size=1, max_size=3))
        rows.insert(r, rows[r] + extra)
        expected = Expected(file, line, ("", *columns), "field")
        return Mutation(
            f"{file}:{line}: {len(extra)} cells too many", {file: write_csv(rows)}, expected
        )
    if action == "all_long":  # every row one cell too many (pandas then reads an index)
        for row in rows[1:]:
            row.append("x")
        return Mutation(f"{file}: every row has a cell too many", {file: write_csv(rows)})
    if action == "duplicate":
        rows.insert(r + 1, list(rows[r]))
        key = "iso"
        expected = Expected(file, line + 1, (key,), "more than once")
        return Mutation(
            f"{file}:{line + 1}: row {line} repeated", {file: write_csv(rows)}, expected
        )
    # header: a column renamed or dropped
    column = draw(st.sampled_from(columns))
    index = header.index(column)
    if draw(st.booleans()):
        header[index] = column + "_x"
    else:
        for row in rows:
            del row[index]
    expected = Expected(file, 1, (column,), "missing")
    return Mutation(
        f"{file}: column {column} renamed or dropped", {file: write_csv(rows)}, expected
    )


# --- bytes: damage to any file -------------------------------------------------------------


@st.composite
def byte_damage(draw) -> Mutation:
    """One to three kinds of plain damage to one file: what a bad copy or editor leaves."""
    file = draw(st.sampled_from(ALL_FILES))
    content: bytes | None = ORIGINAL[file]
    for _ in range(draw(st.integers(1, 3))):
        if content is None:
            break
        kind = draw(
            st.sampled_from(
                ["overwrite", "insert", "truncate", "drop_line", "repeat_line", "empty", "delete"]
            )
        )
        size = len(content)
        lines = content.split(b"\n")
        if kind == "overwrite":
            start = draw(st.integers(0, max(0, size - 1)))
            junk = draw(st.binary(min_size=1, max_size=12))
            content = content[:start] + junk + content[start + len(junk) :]
        elif kind == "insert":
            start = draw(st.integers(0, size))
            junk = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=12),
                    st.sampled_from(
                        [b"\x00", b"\xff\xfe", b"\t", b": ", b"- ", b"[", b"{", b'"', b"\r\n"]
                    ),
                    st.sampled_from(HOSTILE_TEXT).map(str.encode),
                )
            )
            content = content[:start] + junk + content[start:]
        elif kind == "truncate":
            content = content[: draw(st.integers(0, size))]
        elif kind in ("drop_line", "repeat_line"):
            i = draw(st.integers(0, len(lines) - 1))
            lines[i : i + 1] = [] if kind == "drop_line" else [lines[i], lines[i]]
            content = b"\n".join(lines)
        elif kind == "empty":
            content = b""
        else:
            content = None
    return Mutation(f"{file}: damaged", {file: content})


# --- the properties ------------------------------------------------------------------------


@CASES
@given(yaml_mutations())
def test_a_curators_yaml_slip_is_a_data_error_at_its_place(mutation):
    check(mutation)


@CASES
@given(csv_mutations())
def test_a_broken_csv_row_is_a_data_error_at_its_line(mutation):
    check(mutation)
    if CASUALTIES_FILE in mutation.contents:  # without regions, casualties are checked by shape
        unread_regions = {REGIONS_FILE: b""}
        with workspace() as work:
            work.put(CASUALTIES_FILE, mutation.contents[CASUALTIES_FILE])
            work.put(REGIONS_FILE, unread_regions[REGIONS_FILE])
            try:
                load_regional(work.root)
            except DataError as error:
                assert_well_formed(error, {**ORIGINAL, **mutation.contents, **unread_regions})


@CASES
@given(byte_damage())
def test_any_damage_to_any_file_is_a_data_error(mutation):
    check(mutation)


# --- examples the properties found, kept as plain regression tests -------------------------
# Each leaked a bare exception before the fix in homefront/yamlfile.py or homefront/regional.py
# (named in the id), or gave a problem with no line or a message over several lines.


def _text(name: str) -> str:
    return ORIGINAL[name].decode("utf-8")


def _at_line(name: str, line: int, insert: bytes) -> bytes:
    """The fixture file with `insert` put at the start of its line `line`."""
    lines = ORIGINAL[name].split(b"\n")
    lines[line - 1] = insert + lines[line - 1]
    return b"\n".join(lines)


def _csv_edit(name: str, *edits: Callable[[list[list[str]]], None]) -> bytes:
    rows = csv_rows(name)
    for edit in edits:
        edit(rows)
    return write_csv(rows)


def _set(row: int, column: str, value: str) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[row][rows[0].index(column)] = value

    return edit


def _extend_first_row(cells: list[str]) -> Callable[[list[list[str]]], None]:
    def edit(rows: list[list[str]]) -> None:
        rows[1].extend(cells)

    return edit


REGRESSIONS = [
    # YAML (yamlfile.read_yaml): RecursionError, ValueError, multi-line or line-less messages
    (
        "yaml-alias-contains-itself",
        {EVENTS_FILE: b"- &a\n  id: x\n  more: *a\n"},
        Expected(EVENTS_FILE, 1, ("",), "alias"),
    ),
    ("yaml-nested-too-deeply", {EVENTS_FILE: b"[" * 5000}, Expected(EVENTS_FILE, 1, ("",), "deep")),
    (
        "yaml-nested-too-deeply-on-line-3",
        {SOURCES_FILE: b"- id: x\n\n  deep: " + b"[" * 5000},
        Expected(SOURCES_FILE, 3, ("",), "deep"),
    ),
    (
        "yaml-int-over-4300-digits",
        {FIGURES_FILE: _text(FIGURES_FILE).replace("value: 1350", "value: " + "9" * 5000).encode()},
        Expected(FIGURES_FILE, 16, ("",), "invalid number"),
    ),
    (
        "yaml-nul-on-line-7",
        {EVENTS_FILE: _at_line(EVENTS_FILE, 7, b"\x00")},
        Expected(EVENTS_FILE, 7, ("",), "not allowed"),
    ),
    (
        "yaml-bad-utf8-on-line-5",
        {MEASURES_FILE: _at_line(MEASURES_FILE, 5, b"\xff")},
        Expected(MEASURES_FILE, 5, ("",), "not UTF-8"),
    ),
    (
        "yaml-control-character-key",
        {MEASURES_FILE: _text(MEASURES_FILE).replace("  unit: people", '  "\\x1f": 1', 1).encode()},
        Expected(MEASURES_FILE, 5, ("'\\x1f'",), "unknown field"),
    ),
    # CSV (regional._read_csv and the cell checks): TypeError, ValueError, OverflowError
    (
        "csv-first-row-one-cell-too-many",  # pandas took the first column as the index
        {REGIONS_FILE: _csv_edit(REGIONS_FILE, _extend_first_row(["x"]))},
        Expected(REGIONS_FILE, 2, ("",), "more fields"),
    ),
    (
        "csv-first-row-two-cells-too-many",
        {CASUALTIES_FILE: _csv_edit(CASUALTIES_FILE, _extend_first_row(["x", "y"]))},
        Expected(CASUALTIES_FILE, 2, ("",), "more fields"),
    ),
    (
        "csv-later-row-cell-too-many",
        {CASUALTIES_FILE: ORIGINAL[CASUALTIES_FILE] + b"BU,2022-05,inmates,1,extra\n"},
        Expected(CASUALTIES_FILE, 6, ("",), "Expected 4 fields"),
    ),
    (
        "csv-unclosed-quote",
        {CASUALTIES_FILE: ORIGINAL[CASUALTIES_FILE] + b'BU,2022-05,"inmates,1\n'},
        Expected(CASUALTIES_FILE, 6, ("",), "EOF inside string"),
    ),
    (
        "csv-arabic-indic-digits",
        {REGIONS_FILE: _csv_edit(REGIONS_FILE, _set(1, "men_16_61", "١٢٣"))},
        Expected(REGIONS_FILE, 2, ("men_16_61",), "digits 0-9"),
    ),
    (
        "csv-fullwidth-digits",
        {CASUALTIES_FILE: _csv_edit(CASUALTIES_FILE, _set(2, "deaths", "１２"))},
        Expected(CASUALTIES_FILE, 3, ("deaths",), "digits 0-9"),
    ),
    (
        "csv-19-digit-denominator",
        {REGIONS_FILE: _csv_edit(REGIONS_FILE, _set(2, "men_16_61", "9" * 19))},
        Expected(REGIONS_FILE, 3, ("men_16_61",), "at most 18"),
    ),
    (
        "csv-30-digit-deaths",
        {CASUALTIES_FILE: _csv_edit(CASUALTIES_FILE, _set(1, "deaths", "9" * 30))},
        Expected(CASUALTIES_FILE, 2, ("deaths",), "at most 18"),
    ),
    (
        "csv-bad-utf8-on-line-3",
        {REGIONS_FILE: _at_line(REGIONS_FILE, 3, b"\xc3")},
        Expected(REGIONS_FILE, 3, ("",), "not UTF-8"),
    ),
    # GeoJSON (regional._check_geometry): UnicodeDecodeError, ValueError, RecursionError
    (
        # with no empty cell in the column, pandas overflowed: int too large to convert to float
        "csv-400-digit-indicator",
        {
            REGIONS_FILE: _csv_edit(
                REGIONS_FILE,
                _set(1, "mean_income_rub", "1" + "0" * 400),
                _set(3, "mean_income_rub", "25000"),
            )
        },
        Expected(REGIONS_FILE, 2, ("mean_income_rub",), "at most 15"),
    ),
    ("geojson-bad-utf8", {GEOMETRY_FILE: b"\xff" + ORIGINAL[GEOMETRY_FILE]}, None),
    ("geojson-int-over-4300-digits", {GEOMETRY_FILE: b"[" + b"1" * 5000 + b"]"}, None),
    ("geojson-nested-too-deeply", {GEOMETRY_FILE: b"[" * 100_000}, None),
]


@pytest.mark.parametrize(
    ("contents", "expected"),
    [pytest.param(c, e, id=name) for name, c, e in REGRESSIONS],
)
def test_hostile_file_content_is_a_data_error(contents, expected):
    outcome = check(Mutation("regression", contents, expected))
    assert isinstance(outcome, DataError)
    file = next(iter(contents))
    assert any(p.file == file for p in outcome.problems), str(outcome)
