"""How a source is cited, in one place: on screen, in CSV downloads and in exports."""

from __future__ import annotations

import datetime as dt

from homefront.schemas import Figure, Source


def date_text(day: dt.date, precision: str) -> str:
    """A date as precisely as known: '10 Jan 2023', 'June 2023', '25 Nov 2022 (date inferred)'."""
    if precision == "month":
        return f"{day:%B %Y}"
    text = f"{day:%-d %b %Y}"
    return f"{text} (date inferred)" if precision == "inferred" else text


def source_date(source: Source) -> str:
    return date_text(source.published, source.date_precision)


def as_of_text(figure: Figure) -> str:
    """When a claimed figure applies, at the precision the source gives."""
    return date_text(figure.as_of.date, figure.as_of.precision)


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
