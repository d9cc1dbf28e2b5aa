"""CSV downloads that open anywhere and cite themselves (issues 13.8 and 14.10).

A spreadsheet user double-clicks a .csv: it must open with its header on the first line
and nothing else above or below (no `#` lines, which break pandas and spreadsheets alike),
and nothing in it may run as a formula. So the file is one plain table, and what a reader
needs to cite it travels as columns on every row: the row's own sources (`cite_as`), the
filters and link of the view it was downloaded from, and the day it was made. A row
copied, sorted or filtered into another sheet keeps its citation. A zip with a sidecar
README would need unpacking first, and the sidecar gets lost when the CSV is passed on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from homefront.citations import cite
from homefront.schemas import Source

# What a spreadsheet treats as the start of a formula (OWASP "CSV injection"): = + - @,
# and tab or carriage return, which some programs strip before looking again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# the columns every download adds, after the table's own
CITATION_COLUMNS = ("cite_as", "view_filters", "view_link", "downloaded_on")
# a table's column of source ids, per row, in the order looked for
ROW_SOURCE_COLUMNS = ("sources", "source")


def neutralise(value: object) -> object:
    """A cell a spreadsheet shows as text: a leading apostrophe where it could be a formula.

    The apostrophe is what spreadsheets themselves use to mark text, and it leaves the
    words readable. Numbers, dates and empty cells are returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class ViewRecord:
    """Where a download comes from: the view's filters in words and its link."""

    filters: str
    link: str


def with_citation(
    table: pd.DataFrame,
    sources: Mapping[str, Source],
    view: ViewRecord,
    made_on: dt.date,
) -> pd.DataFrame:
    """The table with the citation columns added (CITATION_COLUMNS).

    A row cites its own sources where the table has a column of source ids (`sources`,
    comma-separated, or `source`); otherwise every row cites all of `sources`.
    """
    out = table.copy()
    column = next((c for c in ROW_SOURCE_COLUMNS if c in out.columns), None)
    every = "; ".join(cite(s) for s in sources.values())
    if column is None or out.empty:
        out["cite_as"] = every
    else:
        out["cite_as"] = [_cite_ids(ids, sources) or every for ids in out[column]]
    out["view_filters"] = view.filters
    out["view_link"] = view.link
    out["downloaded_on"] = made_on.isoformat()
    return out


def _cite_ids(ids: object, sources: Mapping[str, Source]) -> str:
    wanted = [i.strip() for i in str(ids).split(",")] if isinstance(ids, str) else []
    return "; ".join(cite(sources[i]) for i in dict.fromkeys(wanted) if i in sources)


def to_csv(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (so spreadsheets read the accents right), the header
    first, every text cell quoted and neutralised (neutralise), headers included, and counts
    written as whole numbers (whole_numbers)."""
    safe = table.rename(columns=lambda c: neutralise(str(c)))
    for name in safe.columns:
        if pd.api.types.is_float_dtype(safe[name]):
            safe[name] = whole_numbers(safe[name])
        elif not pd.api.types.is_numeric_dtype(safe[name]):
            safe[name] = safe[name].map(neutralise)
    out = io.StringIO()
    safe.to_csv(out, index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    return out.getvalue().encode("utf-8-sig")


def whole_numbers(column: pd.Series) -> pd.Series:
    """A float column whose values are all whole, as whole numbers: "1351", not "1351.0".

    pandas stores a column of counts with a gap in it (a claim with no upper bound) as
    floats, and the CSV would write every count with ".0". Any fraction keeps the column
    as it is; the gaps stay empty cells.
    """
    values = column.dropna()
    if values.empty or not (values == values.round()).all():
        return column
    return column.astype("Int64")


def download_bytes(
    table: pd.DataFrame,
    sources: Iterable[Source],
    view: ViewRecord,
    made_on: dt.date | None = None,
) -> bytes:
    """The whole download: the table, its citation columns, as safe CSV."""
    by_id = {s.id: s for s in sources}
    return to_csv(with_citation(table, by_id, view, made_on or dt.date.today()))
