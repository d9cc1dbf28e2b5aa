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
    """Parse one YAML file; every syntax error or duplicate key becomes a DataError.

    Whatever the bytes, only DataError leaves: a problem with a place (a bad byte, a stray
    character, nesting too deep) names its line, and every message is one line of text.
    """
    name = label or path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(name, None, "", "file not found")]) from None
    except OSError as exc:
        raise DataError([Problem(name, None, "", f"cannot read the file: {exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} ({exc.reason})"
        raise DataError([Problem(name, line, "", message)]) from None
    loader = None
    try:
        loader = _Loader(text)  # checks every character first (a ReaderError below)
        # composed once; the data is constructed from the same nodes (what yaml.load does)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise DataError([Problem(name, line, "", f"invalid YAML: {_one_line(message)}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        line = text.count("\n", 0, exc.position) + 1
        message = f"invalid YAML: {exc.reason}: character #x{exc.character:04x}"
        raise DataError([Problem(name, line, "", message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, None, "", f"invalid YAML: {_one_line(str(exc))}")]) from None
    except RecursionError:
        line = loader.get_mark().line + 1 if loader else None
        raise DataError([Problem(name, line, "", "invalid YAML: nested too deeply")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: LineMap = {}
    problems: list[Problem] = []
    if node is not None:
        _walk(node, (), lines, problems, name, set())
    if problems:
        raise DataError(problems)
    return data, lines


def _one_line(message: str) -> str:
    return " ".join(message.split())


class _Loader(yaml.SafeLoader):
    """SafeLoader whose impossible dates (2022-02-30) are YAML errors with a line, not crashes."""

    def construct_yaml_timestamp(self, node: yaml.Node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid date {node.value!r}: {exc}", node.start_mark
            ) from None

    def construct_yaml_int(self, node: yaml.Node):
        """Integers too long for Python to convert (over 4300 digits) are errors on their line."""
        try:
            return super().construct_yaml_int(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid number: {exc}", node.start_mark
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def line_of(lines: LineMap, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest part of `loc` the file has (a missing key reports its record)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def field_name(loc: tuple[Any, ...]) -> str:
    """A dotted field name: ('quotes', 0, 'text') -> 'quotes[0].text'.

    A key with an invisible or control character is shown as a Python literal ('\\x1f'),
    so the field is never blank or split across lines.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part) if str(part).isprintable() else repr(str(part))
            out += f".{part}" if out else part
    return out


def _walk(
    node: yaml.Node,
    path: tuple[Any, ...],
    lines: LineMap,
    problems: list,
    name: str,
    inside: set[int],
):
    """Record each path's line; `inside` holds the nodes being walked, so an alias to one of
    them (a value that contains itself) is reported instead of recursing for ever."""
    if id(node) in inside:
        line = node.start_mark.line + 1
        problems.append(Problem(name, line, "", "an alias refers to a value that contains it"))
        return
    lines[path] = node.start_mark.line + 1
    if not isinstance(node, yaml.CollectionNode):
        return
    inside.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                line = key_node.start_mark.line + 1
                problems.append(
                    Problem(name, line, field_name((key,)), "key appears twice in a record")
                )
            seen.add(key)
            _walk(value_node, (*path, key), lines, problems, name, inside)
            lines[(*path, key)] = key_node.start_mark.line + 1
    else:
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, problems, name, inside)
    inside.discard(id(node))


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
