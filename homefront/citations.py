"""How a source is cited, in one place: on screen, in CSV downloads and in exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from homefront.schemas import Source, month_end


def date_text(day: dt.date, precision: str) -> str:
    """A date as precisely as known: '10 Jan 2023', 'June 2023', '25 Nov 2022 (date inferred)'."""
    if precision == "month":
        return f"{day:%B %Y}"
    text = f"{day:%-d %b %Y}"
    suffix = {"inferred": " (date inferred)", "approximate": " (approximate)"}.get(precision, "")
    return text + suffix


def publication_window(source: Source) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest day the source can have been published; None if open."""
    if source.date_precision == "day":
        return source.published, source.published
    if source.date_precision == "month":
        first = source.published.replace(day=1)
        return first, month_end(first)
    return source.earliest, source.latest


def source_date(source: Source) -> str:
    """When the source was published; an inferred date as the window its bounds allow."""
    if source.date_precision != "inferred" or (source.earliest, source.latest) == (None, None):
        return date_text(source.published, source.date_precision)
    return inferred_text(source.earliest, source.latest)


def published_span(sources: Sequence[Source]) -> str:
    """When a set of sources was published, as far as their dates say: from the first day
    any can be to the last day any can be, open where one has no bound, and marked where a
    date is inferred ('25 Jun 2022 or later (dates inferred)').

    It names no source as the first or the last: an article dated by an earliest bound may
    be from any later day, so neither starts nor ends the span (curation_rules).
    """
    starts, ends = zip(*(publication_window(s) for s in sources), strict=True)
    first = None if None in starts else min(starts)
    last = None if None in ends else max(ends)
    if first is None and last is None:
        return "on dates the sources leave open"
    inferred = sum(s.date_precision == "inferred" for s in sources)
    return inferred_days(first, last) + {0: "", 1: " (date inferred)"}.get(
        inferred, " (dates inferred)"
    )


def inferred_text(first: dt.date | None, last: dt.date | None) -> str:
    """An inferred date as the days its bounds allow (one of them at least is known), and
    that it is inferred: '11 Jul 2022 or later (date inferred)'."""
    return f"{inferred_days(first, last)} (date inferred)"


def inferred_days(first: dt.date | None, last: dt.date | None) -> str:
    """The days an inferred date's bounds allow: '11 Jul 2022 or later', 'by 25 Nov 2022',
    '25\u201330 Nov 2022'. Alone only where a mark beside it says the date is inferred."""
    if last is None:
        window = f"{first:%-d %b %Y} or later"
    elif first is None:
        window = f"by {last:%-d %b %Y}"
    elif first == last:
        window = f"{first:%-d %b %Y}"
    elif (first.year, first.month) == (last.year, last.month):
        window = f"{first.day}\u2013{last:%-d %b %Y}"
    else:
        window = f"{first:%-d %b %Y} \u2013 {last:%-d %b %Y}"
    return window


def month_name(month: str) -> str:
    """'2023-04' -> 'Apr 2023'."""
    return dt.datetime.strptime(month, "%Y-%m").strftime("%b %Y")


def cite(source: Source) -> str:
    """One line a reader can follow back: outlet, title, author, date, link where known."""
    return ", ".join(citation_parts(source))


def citation_parts(source: Source) -> list[str]:
    """cite's parts in order; source.url is one of them, as written, where known (the app
    shows that one as a link)."""
    parts = [source.outlet, f"\u201c{source.title}\u201d"]
    if source.author:
        parts.append(source.author)
    parts.append(source_date(source))
    if source.url:
        parts.append(source.url)
    if source.repository:
        parts.append(f"repository {source.repository}")
    return parts
