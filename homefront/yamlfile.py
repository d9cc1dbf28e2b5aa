"""Reading YAML while remembering where each value stands in the file.

PyYAML's composed node tree carries line marks; we walk it once to map every
path (("events", 3, "quotes", 0, "text")-style tuples) to a line, so a pydantic
error's location can be reported as `file:line: field` to the curator.

Hostile files are bounded before they cost: a file over MAX_BYTES is refused unread, and
the walk visits each node once, counting what aliases expand to, so a "billion laughs"
file (nested aliases, a few hundred bytes) is a problem on its alias's line, not a hang.
Parsing is libyaml's (PyYAML's C scanner and parser, ~5x faster: the 100x benchmark data
loaded in 11 s, 90 % of it in the pure-Python parser) under PyYAML's own Python composer,
constructor and resolver, so values, tags and node marks (lines) are as the pure-Python
loader gives them. Not PyYAML's whole C loader (CSafeLoader): its C composer recurses without
a bound and segfaults on deeply nested brackets, where the Python composer raises a
RecursionError. Whatever the fast path refuses (a character YAML does not allow, a syntax
error, nesting too deep) is parsed again by the pure-Python loader, whose messages name
the problem and its line as they always have; a valid file is parsed once.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml._yaml import CParser
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from homefront.problems import DataError, Problem

LineMap = dict[tuple[Any, ...], int]
# The largest YAML file read (the shipped events.yaml is ~40 KB; the 100x benchmark ~4 MB).
MAX_BYTES = 10_000_000
# The most values a file may hold once its aliases are expanded (validation walks them all).
MAX_VALUES = 1_000_000
NON_PRINTABLE = Reader.NON_PRINTABLE


def read_yaml(path: Path, label: str | None = None) -> tuple[Any, LineMap]:
    """Parse one YAML file; every syntax error or duplicate key becomes a DataError.

    Whatever the bytes, only DataError leaves: a problem with a place (a bad byte, a stray
    character, nesting too deep) names its line, and every message is one line of text.
    """
    name = label or path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            message = f"the file is {size:,} bytes; at most {MAX_BYTES:,} are read"
            raise DataError([Problem(name, None, "", message)])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(name, None, "", "file not found")]) from None
    except OSError as exc:
        raise DataError([Problem(name, None, "", f"cannot read the file: {exc}")]) from None
    text = decode_utf8(raw, name)
    parsed = _parse_fast(text)
    node, data = parsed if parsed is not None else _parse_reporting(text, name)
    lines: LineMap = {}
    problems: list[Problem] = []
    if node is not None:
        _Walk(name, lines, problems).visit(node, ())
    if problems:
        raise DataError(problems)
    return data, lines


def _parse_fast(text: str) -> tuple[yaml.Node | None, Any] | None:
    """(node, data) by libyaml's parser, or None for anything it or the checks refuse."""
    if NON_PRINTABLE.search(text):  # the pure-Python reader's check, which libyaml's differs from
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _parse_reporting(text: str, name: str) -> tuple[yaml.Node | None, Any]:
    """(node, data) by the pure-Python loader; every problem is a DataError with its line."""
    loader = None
    try:
        loader = _Loader(text)  # checks every character first (a ReaderError below)
        # composed once; the data is constructed from the same nodes (what yaml.load does)
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
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


def decode_utf8(raw: bytes, name: str) -> str:
    """The file's text, or one problem naming its encoding (every data file is UTF-8).

    UTF-16 (as Windows editors save) is named as such: its NUL bytes would otherwise pass as
    UTF-8 and end in hundreds of problems about the characters, the cause buried among them.
    """
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    # without a BOM: ASCII text in UTF-16 has every other byte NUL
    utf16 = utf16 or (len(raw) >= 4 and (raw[1] == raw[3] == 0 or raw[0] == raw[2] == 0))
    if utf16:
        message = "UTF-16 text: save the file as UTF-8"
        raise DataError([Problem(name, 1, "", f"not UTF-8 text: {message}")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} ({exc.reason})"
        raise DataError([Problem(name, line, "", message)]) from None


def _one_line(message: str) -> str:
    return " ".join(message.split())


class _Constructor(SafeConstructor):
    """SafeConstructor whose impossible dates (2022-02-30) are YAML errors with a line, not
    crashes."""

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


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


class _Loader(Reader, Scanner, Parser, Composer, _Constructor, Resolver):
    """The pure-Python safe loader (yaml.SafeLoader's parts) with _Constructor's checks."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Constructor.__init__(self)
        Resolver.__init__(self)


class _FastLoader(Composer, CParser, _Constructor, Resolver):
    """libyaml's scanner and parser (CParser) feeding the Python composer (first in the MRO,
    so CParser's unbounded C composer is never used), with _Loader's constructor."""

    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        Composer.__init__(self)
        _Constructor.__init__(self)
        Resolver.__init__(self)


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


class _Walk:
    """Records each path's line, visiting each node once.

    A node reached again through an alias gets its line but is not walked again (its paths
    below keep the anchor's lines via line_of's fallback); what it expands to is added to
    the count, so an alias bomb stops at MAX_VALUES. `inside` holds the nodes being walked,
    so an alias to one of them (a value that contains itself) is reported, not recursed.
    """

    def __init__(self, name: str, lines: LineMap, problems: list[Problem]):
        self.name, self.lines, self.problems = name, lines, problems
        self.sizes: dict[int, int] = {}  # id(node) -> values it holds, itself included
        self.inside: set[int] = set()
        self.total = 0

    def visit(self, node: yaml.Node, path: tuple[Any, ...]) -> int:
        line = node.start_mark.line + 1
        if id(node) in self.inside:
            self.problems.append(
                Problem(self.name, line, "", "an alias refers to a value that contains it")
            )
            return 0
        self.lines[path] = line
        if id(node) in self.sizes:
            return self._count(self.sizes[id(node)], line)
        if not isinstance(node, yaml.CollectionNode):
            self.sizes[id(node)] = 1
            return self._count(1, line)
        self.inside.add(id(node))
        before = self.total
        self._count(1, line)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value
                if key in seen:
                    self.problems.append(
                        Problem(
                            self.name,
                            key_node.start_mark.line + 1,
                            field_name((key,)),
                            "key appears twice in a record",
                        )
                    )
                seen.add(key)
                self.visit(value_node, (*path, key))
                self.lines[(*path, key)] = key_node.start_mark.line + 1
        else:
            for index, item in enumerate(node.value):
                self.visit(item, (*path, index))
        self.inside.discard(id(node))
        self.sizes[id(node)] = self.total - before
        return self.sizes[id(node)]

    def _count(self, values: int, line: int) -> int:
        self.total += values
        if self.total > MAX_VALUES:
            message = (
                f"aliases expand the file to more than {MAX_VALUES:,} values "
                "(an alias bomb?); write the values out instead"
            )
            raise DataError([Problem(self.name, line, "", message)])
        return values


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
