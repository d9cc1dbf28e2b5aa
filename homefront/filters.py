"""The shared view filters, and their round trip through URL query parameters.

Plain Python so the parsing of hostile or stale links is unit- and
property-tested without a browser. A bad parameter never fails: it falls back
to the default and produces a notice the app shows to the user.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from homefront.config import AppConfig

# query parameter names, as they appear in shared links
P_FROM, P_TO, P_CATEGORIES, P_SOURCES, P_REGIONS, P_TEXT = "from", "to", "cat", "src", "region", "q"
FILTER_PARAMS = (P_FROM, P_TO, P_CATEGORIES, P_SOURCES, P_REGIONS, P_TEXT)
MAX_TEXT = 200
MAX_PARAM = 2000


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


def default_filters(config: AppConfig, options: FilterOptions) -> ViewFilters:
    return ViewFilters(
        start=config.default_window.start,
        end=config.default_window.end,
        categories=options.categories,
        sources=options.sources,
    )


def parse_query(
    params: Mapping[str, str], defaults: ViewFilters, options: FilterOptions
) -> tuple[ViewFilters, list[str]]:
    """Filters from a link's query parameters, and a notice for each value ignored."""
    notices: list[str] = []
    filters = defaults
    raw = {k: v for k, v in params.items() if k in FILTER_PARAMS}
    for key, value in raw.items():
        if not isinstance(value, str) or len(value) > MAX_PARAM:
            notices.append(f"Link parameter '{key}' is too long or malformed; using the default.")
            continue
        if key in (P_FROM, P_TO):
            day = _parse_date(value)
            if day is None or not options.earliest <= day <= options.latest:
                notices.append(
                    f"Link parameter '{key}={_clip(value)}' is not a date between "
                    f"{options.earliest} and {options.latest}; using the default."
                )
            else:
                filters = replace(filters, **{"start" if key == P_FROM else "end": day})
        elif key == P_TEXT:
            if len(value) > MAX_TEXT:
                notices.append(f"Link parameter '{P_TEXT}' was cut to {MAX_TEXT} characters.")
            filters = replace(filters, text=value[:MAX_TEXT].strip())
        else:
            field, allowed = {
                P_CATEGORIES: ("categories", options.categories),
                P_SOURCES: ("sources", options.sources),
                P_REGIONS: ("regions", options.regions),
            }[key]
            chosen, unknown = _parse_list(value, allowed)
            if unknown:
                notices.append(
                    f"Link parameter '{key}' names unknown values {name_some(unknown)}: ignored."
                )
            if chosen or field == "regions":
                filters = replace(filters, **{field: chosen})
            else:
                notices.append(f"Link parameter '{key}' chose nothing valid; using the default.")
    if filters.end < filters.start:
        notices.append(
            f"Link parameters '{P_FROM}' and '{P_TO}' give a window that ends before it "
            "starts; using the default window."
        )
        filters = replace(filters, start=defaults.start, end=defaults.end)
    return filters, notices


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


def key_notices(counts: Mapping[str, int]) -> list[str]:
    """Notices about a link's keys (key -> times given): a key given more than once (the
    last value is used), and a key that is no filter's but close to one (`?regions=TY`).

    Keys far from every filter's may be a page's own (`step`, `sel`): pages check those.
    """
    notices = []
    repeated = [key for key, n in counts.items() if n > 1]
    if repeated:
        notices.append(
            f"Link parameters given more than once: {name_some(repeated)}; the last is used."
        )
    misspelt = {
        key: close[0]
        for key in counts
        if key not in FILTER_PARAMS
        and (close := difflib.get_close_matches(key[:40], FILTER_PARAMS, n=1, cutoff=0.75))
    }
    for key, meant in list(misspelt.items())[:5]:
        notices.append(f"Link parameter '{_clip(key)}' is not known; did you mean '{meant}'?")
    return notices


def to_query(filters: ViewFilters, defaults: ViewFilters) -> dict[str, str]:
    """Only the parameters that differ from the defaults, so links stay short."""
    out: dict[str, str] = {}
    if filters.start != defaults.start:
        out[P_FROM] = filters.start.isoformat()
    if filters.end != defaults.end:
        out[P_TO] = filters.end.isoformat()
    for key, field in (
        (P_CATEGORIES, "categories"),
        (P_SOURCES, "sources"),
        (P_REGIONS, "regions"),
    ):
        value = getattr(filters, field)
        if set(value) != set(getattr(defaults, field)):
            out[key] = ",".join(value)
    if filters.text:
        out[P_TEXT] = filters.text
    return out


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _parse_list(value: str, allowed: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    allowed = tuple(allowed)
    items = [v.strip() for v in value.split(",") if v.strip()]
    chosen = tuple(a for a in allowed if a in items)
    unknown = [v for v in items if v not in allowed]
    return chosen, unknown


def name_some(values: Iterable[str], limit: int = 5) -> str:
    """Values for a notice: each once, clipped, at most `limit`, then how many more.

    A link may list thousands of unknown ids; the notice stays a line, not a page.
    """
    unique = list(dict.fromkeys(values))
    named = ", ".join(_clip(v) for v in unique[:limit])
    return named if len(unique) <= limit else f"{named} and {len(unique) - limit} more"


def _clip(value: str, limit: int = 40) -> str:
    """A user-supplied value, shortened for a notice (rendered as text, never markup)."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
