"""The shared view filters: what they may choose from, their defaults, and the repair of a
kept or tampered value. How a link writes them is homefront.links'.

Plain Python so a stale session's or a tampered client's values are unit- and
property-tested without a browser: a bad value never fails, it is clamped or dropped with a
notice the app shows to the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from homefront.config import AppConfig


@dataclass(frozen=True)
class FilterOptions:
    """What the filters may choose from: the window limits and the known ids."""

    earliest: dt.date
    latest: dt.date
    categories: tuple[str, ...]
    sources: tuple[str, ...]
    regions: tuple[str, ...]


@dataclass(frozen=True)
class ViewFilters:
    """One view's filter state. Empty regions means 'any region, or none'."""

    start: dt.date
    end: dt.date
    categories: tuple[str, ...]
    sources: tuple[str, ...]
    regions: tuple[str, ...] = ()
    text: str = ""

    def meets(self, first: dt.date | None, last: dt.date | None) -> bool:
        """Whether days from `first` to `last` meet the window; None is an open end (an
        inferred date with no bound on that side)."""
        return (first is None or first <= self.end) and (last is None or last >= self.start)


def default_filters(config: AppConfig, options: FilterOptions) -> ViewFilters:
    return ViewFilters(
        start=config.default_window.start,
        end=config.default_window.end,
        categories=options.categories,
        sources=options.sources,
    )


def clamp_window(
    value: object, defaults: ViewFilters, options: FilterOptions
) -> tuple[tuple[dt.date, dt.date], str | None]:
    """A date window kept in a session (or sent by a tampered client), made one the filter
    can show: within the limits (which a config edit may have narrowed), start before end.

    Returns the window and a notice when it had to change; anything but two dates is the
    default window.
    """
    if not (
        isinstance(value, tuple | list)
        and len(value) == 2
        and all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in value)
    ):
        return (
            defaults.start,
            defaults.end,
        ), "The date window was not two dates; using the default."
    start, end = (min(max(d, options.earliest), options.latest) for d in value)
    if end < start:
        start, end = end, start
    if (start, end) == tuple(value):
        return (start, end), None
    return (start, end), (
        f"The date window was outside {options.earliest}..{options.latest} or reversed; "
        f"showing {start}..{end}."
    )


def known_only(values: object, allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    """(values still allowed, values dropped): ids kept from before a data edit, or sent by a
    tampered client, that the options no longer have."""
    items = list(values) if isinstance(values, list | tuple) else []
    allowed = set(allowed)
    kept = [v for v in items if isinstance(v, str) and v in allowed]
    return kept, [str(v) for v in items if not (isinstance(v, str) and v in allowed)]
