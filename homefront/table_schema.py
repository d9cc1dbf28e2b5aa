"""The Table Schemas of data/datapackage.yaml, checked cell by cell with file, line and field.

The descriptor is the one statement of what each CSV holds (columns, types, patterns,
enums, bounds, unique and primary keys); `frictionless validate` reads it, and so does
this module, so the app and the tools cannot disagree. It checks the subset of Table
Schema the descriptor uses, in the words a curator needs: one Problem per bad cell, on the
line its row starts. What a Table Schema cannot say (a code known to regions.csv, a real
calendar day) stays a named rule in `homefront.regional`.

Numbers are bounded so every valid cell converts: a whole number of up to 18 digits fits
int64, and a decimal of up to 15 digits either side of the point a float. Digits are ASCII
only (`\\d` also matches other scripts' digits, which pandas cannot convert).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
import yaml

from homefront.paths import SCHEMA_DESCRIPTOR
from homefront.problems import Problem

INTEGER = re.compile(r"-?[0-9]{1,18}")
NUMBER = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")
TYPE_MESSAGES = {
    "integer": "{value!r} is not a whole number (digits 0-9, at most 18)",
    "number": "{value!r} is not a number (digits 0-9, at most 15 either side of the point)",
    "boolean": "{value!r} should be {choices}",
}


@dataclass(frozen=True)
class Field:
    """One column of a Table Schema, with what its cells may hold."""

    name: str
    type: str
    constraints: dict[str, Any]
    description: str = ""
    true_values: tuple[str, ...] = ("true",)
    false_values: tuple[str, ...] = ("false",)

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    def cell_problem(self, value: str) -> str | None:
        """What is wrong with one cell, or None: "" is a missing value, and a required cell
        of only spaces is empty too (a name of blanks names nothing)."""
        if value == "" or (self.required and value.strip() == ""):
            return "is empty" if self.required else None
        if self.type == "integer" and INTEGER.fullmatch(value) is None:
            return TYPE_MESSAGES["integer"].format(value=value)
        if self.type == "number" and NUMBER.fullmatch(value) is None:
            return TYPE_MESSAGES["number"].format(value=value)
        if self.type == "boolean" and value not in (*self.true_values, *self.false_values):
            choices = " or ".join((*self.true_values, *self.false_values))
            return TYPE_MESSAGES["boolean"].format(value=value, choices=choices)
        pattern, enum = self.constraints.get("pattern"), self.constraints.get("enum")
        about = f": {self.description}" if self.description else ""
        if pattern is not None and re.fullmatch(pattern, value) is None:
            return f"{value!r} does not match {pattern!r}{about}"
        if enum is not None and value not in enum:
            return f"{value!r} is not one of: {', '.join(enum)}"
        if self.type in ("integer", "number"):
            number = float(value)
            low, high = self.constraints.get("minimum"), self.constraints.get("maximum")
            if low is not None and number < low:
                return f"must be at least {low} (got {value!r}){about}"
            if high is not None and number > high:
                return f"must be at most {high} (got {value!r}){about}"
        return None

    def convert(self, cells: pd.Series) -> pd.Series:
        """Checked text cells as typed values; an empty cell is missing (NA), never filled."""
        if self.type == "integer":
            return pd.to_numeric(cells.mask(cells == "")).astype(
                "int64" if self.required else "Int64"
            )
        if self.type == "number":
            return pd.to_numeric(cells.mask(cells == "")).astype("float64")
        if self.type == "boolean":
            return cells.isin(self.true_values)
        return cells


@dataclass(frozen=True)
class TableSchema:
    """The Table Schema of one CSV resource."""

    file: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def check(self, frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
        """One Problem per bad cell, then one per repeated unique value or primary key.

        `frame` holds text cells ("" for an empty one); `lines` the line each row starts on.
        Field.cell_problem says what is wrong with a cell.
        """
        problems = []
        for field in self.fields:
            cells = frame[field.name]
            # each distinct value is judged once: a column of 400,000 cells (100x data) holds
            # a few hundred values, and judging every cell took seconds
            bad = {
                value: message
                for value in cells.unique()
                if (message := field.cell_problem(value)) is not None
            }
            if not bad:
                continue
            for position in cells.isin(list(bad)).to_numpy().nonzero()[0]:
                message = bad[cells.iat[position]]
                problems.append(Problem(self.file, lines[position], field.name, message))
        keys = [[f.name] for f in self.fields if f.constraints.get("unique")]
        if self.primary_key and list(self.primary_key) not in keys:
            keys.append(list(self.primary_key))
        for key in keys:
            for position in frame.index[frame.duplicated(key)]:
                value = "/".join(frame.loc[position, key])
                problems.append(
                    Problem(self.file, lines[position], key[0], f"{value!r} appears more than once")
                )
        return problems

    def convert(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The checked frame with each column in its schema's type."""
        typed = frame.copy()
        for field in self.fields:
            typed[field.name] = field.convert(frame[field.name])
        return typed


@cache
def table_schema(file: str) -> TableSchema:
    """The Table Schema data/datapackage.yaml gives the resource at `file` (its path)."""
    for resource in _resources():
        if resource["path"] == file:
            schema = resource["schema"]
            fields = tuple(
                Field(
                    name=f["name"],
                    type=f["type"],
                    constraints=f.get("constraints", {}),
                    description=f.get("description", ""),
                    true_values=tuple(f.get("trueValues", ("true",))),
                    false_values=tuple(f.get("falseValues", ("false",))),
                )
                for f in schema["fields"]
            )
            return TableSchema(file, fields, tuple(schema.get("primaryKey", ())))
    raise KeyError(f"data/datapackage.yaml has no Table Schema for {file}")


@cache
def _resources() -> list[dict[str, Any]]:
    # The project's own descriptor, not a copy in the folder being checked: the schema is
    # the contract every copy of the data is held to.
    return yaml.safe_load(SCHEMA_DESCRIPTOR.read_text(encoding="utf-8"))["resources"]
