"""Reading the curated YAML files into validated records, one file at a time.

Each file is read on its own so that every problem in every file is reported
in one pass; the checks that span files live in `validation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from homefront.paths import EVENTS_FILE, FIGURES_FILE, MEASURES_FILE, SOURCES_FILE
from homefront.problems import DataError, Problem
from homefront.schemas import Claim, Event, Measure, Source
from homefront.yamlfile import LineMap, line_of, problems_from, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class Table(Generic[M]):
    """The valid records of one YAML list file, and where each value stood in it."""

    file: str
    records: list[M] = field(default_factory=list)
    lines: LineMap = field(default_factory=dict)
    # index in the file of each kept record, so cross-file checks can find its line
    positions: list[int] = field(default_factory=list)
    # the file gave no records to check: missing, not UTF-8, invalid YAML, not a list
    unread: bool = False

    def line(self, record_index: int, *path: str | int) -> int | None:
        """The line of a field of the record_index-th kept record."""
        return line_of(self.lines, (self.positions[record_index], *path))


# file name -> the model of its records; the order is the order of reading
LIST_FILES: dict[str, type[BaseModel]] = {
    SOURCES_FILE: Source,
    EVENTS_FILE: Event,
    FIGURES_FILE: Claim,
    MEASURES_FILE: Measure,
}


def read_table(path: Path, model: type[M]) -> tuple[Table[M], list[Problem]]:
    """Validate every record of a YAML list file; bad records are reported, good ones kept."""
    table: Table[M] = Table(path.name)
    try:
        data, table.lines = read_yaml(path)
    except DataError as exc:
        table.unread = True
        return table, exc.problems
    if data is None:
        data = []
    if not isinstance(data, list):
        table.unread = True
        return table, [
            Problem(path.name, 1, "", "expected a list of records (lines starting '- ')")
        ]
    problems: list[Problem] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            line = table.lines.get((index,))
            problems.append(Problem(path.name, line, "", f"record {index + 1} is not a mapping"))
            continue
        try:
            table.records.append(model.model_validate(item))
            table.positions.append(index)
        except ValidationError as exc:
            problems.extend(problems_from(exc, path.name, table.lines, prefix=(index,)))
    return table, problems


@dataclass
class Document(Generic[M]):
    """The validated content of one YAML mapping file (None if invalid), and its lines."""

    file: str
    content: M | None = None
    lines: LineMap = field(default_factory=dict)
    unread: bool = False  # as Table.unread

    def line(self, *path: str | int) -> int | None:
        """The line of a value, by its path from the top of the file."""
        return line_of(self.lines, path)


def read_document(path: Path, model: type[M]) -> tuple[Document[M], list[Problem]]:
    """Validate a YAML file that is one mapping (such as coverage.yaml) as a whole.

    Pydantic reports every error in the file in one pass; the content is kept only
    when there is none, so cross-file checks never see a half-valid document.
    """
    document: Document[M] = Document(path.name)
    try:
        data, document.lines = read_yaml(path)
    except DataError as exc:
        document.unread = True
        return document, exc.problems
    if not isinstance(data, dict):
        document.unread = True
        return document, [Problem(path.name, 1, "", "expected a mapping of keys to values")]
    try:
        document.content = model.model_validate(data)
    except ValidationError as exc:
        return document, problems_from(exc, path.name, document.lines)
    return document, []


def read_tables(data_dir: Path) -> tuple[dict[str, Table], list[Problem]]:
    """Read every curated list file in data_dir."""
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    for name, model in LIST_FILES.items():
        tables[name], found = read_table(data_dir / name, model)
        problems.extend(found)
    return tables, problems
