"""Reading YAML while remembering where each value stands in the file.

PyYAML's composed node tree carries line marks; we walk it once to map every
path (("events", 3, "quotes", 0, "text")-style tuples) to a line, so a pydantic
error's location can be reported as `file:line: field` to the curator.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from homefront.problems import DataError, Problem

LineMap = dict[tuple[Any, ...], int]


def read_yaml(path: Path, label: str | None = None) -> tuple[Any, LineMap]:
    """Parse one YAML file; every syntax error or duplicate key becomes a DataError."""
    name = label or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(name, None, "", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(name, None, "", f"cannot read the file: {exc}")]) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise DataError([Problem(name, line, "", f"invalid YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, None, "", f"invalid YAML: {exc}")]) from None
    lines: LineMap = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), lines, problems, name)
    if problems:
        raise DataError(problems)
    return data, lines


class _Loader(yaml.SafeLoader):
    """SafeLoader whose impossible dates (2022-02-30) are YAML errors with a line, not crashes."""

    def construct_yaml_timestamp(self, node: yaml.Node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid date {node.value!r}: {exc}", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def line_of(lines: LineMap, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest part of `loc` the file has (a missing key reports its record)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def field_name(loc: tuple[Any, ...]) -> str:
    """A dotted field name: ('quotes', 0, 'text') -> 'quotes[0].text'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _walk(node: yaml.Node, path: tuple[Any, ...], lines: LineMap, problems: list, name: str):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(
                    Problem(
                        name, key_node.start_mark.line + 1, key, "key appears twice in a record"
                    )
                )
            seen.add(key)
            _walk(value_node, (*path, key), lines, problems, name)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, problems, name)


def problems_from(
    exc: ValidationError, file: str, lines: LineMap, prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    """Turn a pydantic error into Problems, each placed on its line of the file."""
    problems = []
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field (misspelt? see data/README.md for the fields)"
        problems.append(Problem(file, line_of(lines, loc), field_name(tuple(err["loc"])), message))
    return problems
