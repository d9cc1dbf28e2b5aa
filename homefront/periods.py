"""What period each number covers, said the same way on every page (issue 13.3).

Two kinds of source, two "as of" dates: the articles are as of the latest one's
publication, the death count as of its last record (sources.yaml `data_end`). Both are
read from the data, never written into page text, so a data update moves every caption.
"""

from __future__ import annotations

import datetime as dt

from homefront.dataset import Dataset
from homefront.regional import COUNT_SOURCE
from homefront.schemas import Source, month_end


def articles_as_of(dataset: Dataset) -> dt.date:
    """The latest publication date known of any article. An article dated only by an
    earliest bound may be later still, so this is the latest date known, not the latest
    article: the articles' dates never put them in an order they do not give."""
    return max(s.published for s in dataset.sources.values() if s.is_article)


def day_text(day: dt.date) -> str:
    return f"{day:%-d %b %Y}"


def window_text(start: dt.date, end: dt.date) -> str:
    """'24 Feb 2022 – 10 Jan 2023': a window of days, as every caption writes it."""
    return f"{day_text(start)} \u2013 {day_text(end)}"


def count_period(dataset: Dataset) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the death count's records, or None with no records.

    From the dataset source's data_start/data_end where given, else from the months in the
    casualty table (their first and last day).
    """
    months = dataset.death_months
    if not months:
        return None
    source: Source | None = dataset.sources.get(COUNT_SOURCE)
    first = dt.date.fromisoformat(months[0] + "-01")
    last = month_end(dt.date.fromisoformat(months[-1] + "-01"))
    if source is not None and source.data_start is not None:
        first = source.data_start
    if source is not None and source.data_end is not None:
        last = source.data_end
    return first, last


def whole_period_text(dataset: Dataset) -> str:
    """'the whole period (25 Feb 2022 – 11 Apr 2023)': what rates over the count's whole
    period cover, dated, so they are not read beside a window's rates as the same number."""
    period = count_period(dataset)
    return "the whole period" + (f" ({window_text(*period)})" if period else "")


def count_as_of_text(dataset: Dataset) -> str:
    """'death count as of 11 Apr 2023 (Bessudnov (2023), records from 25 Feb 2022)', or ''."""
    period = count_period(dataset)
    if period is None:
        return ""
    source = dataset.sources.get(COUNT_SOURCE)
    named = f"{source.short_name}, " if source is not None else ""
    return f"death count as of {day_text(period[1])} ({named}records from {day_text(period[0])})"


def as_of_note(dataset: Dataset) -> str:
    """Each source's own "as of", in one sentence for a footer."""
    parts = [
        f"Articles as of {day_text(articles_as_of(dataset))} (the latest publication date known)"
    ]
    if count := count_as_of_text(dataset):
        parts.append(count)
    return "; ".join(parts) + "."


def covers_count(dataset: Dataset, start: dt.date, end: dt.date) -> bool:
    """Whether a window (as whole months) takes in every month of the count."""
    period = count_period(dataset)
    if period is None:
        return True
    return (start.year, start.month) <= (period[0].year, period[0].month) and (
        end.year,
        end.month,
    ) >= (period[1].year, period[1].month)
