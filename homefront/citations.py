"""How a source is cited, in one place: on screen, in CSV downloads and in exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

import pandas as pd

from homefront.schemas import Source

PRECISION_WORDS = {"day": "", "month": "month only", "inferred": "date inferred"}


def source_date(source: Source) -> str:
    """'25 Nov 2022 (date inferred)', 'June 2023', '10 Jan 2023'."""
    if source.date_precision == "month":
        return source.published.strftime("%B %Y")
    text = source.published.strftime("%-d %b %Y")
    return f"{text} (date inferred)" if source.date_precision == "inferred" else text


def month_name(month: str) -> str:
    """'2023-04' -> 'Apr 2023'."""
    return dt.datetime.strptime(month, "%Y-%m").strftime("%b %Y")


def cite(source: Source) -> str:
    """One line a reader can follow back: outlet, title, author, date, link where known."""
    parts = [source.outlet, f"\u201c{source.title}\u201d"]
    if source.author:
        parts.append(source.author)
    parts.append(source_date(source))
    if source.url:
        parts.append(source.url)
    if source.repository:
        parts.append(f"repository {source.repository}")
    return ", ".join(parts)


def csv_with_citation(table: pd.DataFrame, sources: Iterable[Source], title: str) -> bytes:
    """CSV whose leading '#' lines say what it is and what it rests on.

    pandas reads it back with `pd.read_csv(path, comment="#")`.
    """
    out = io.StringIO()
    out.write(f"# Home Front: {title}\n")
    for source in sources:
        out.write(f"# Source: {cite(source)}\n")
    # quote every text cell, so a '#' inside one is not read back as a comment
    table.to_csv(out, index=False, quoting=csv.QUOTE_NONNUMERIC)
    return out.getvalue().encode("utf-8")
