"""Every link parameter the app reads or writes: its name, how a value is read and how it is
written back.

A shared link is typed, cut or crafted by anyone, so each parser returns a usable value and,
for each part it could not use, a notice naming it (the app shows them: Streamlit itself drops
a bad value silently). Formatters write only what differs from the default, so links stay
short, and what they write parses back to the same view with no notice (property-tested in
tests/homefront/test_link_properties.py). Plain Python, so hostile links are tested without a
browser; components/page_state.py is the one place that reads and writes the URL.

A new link parameter goes here: a name below, a parser and a formatter; its page seeds from
the parser and publishes the formatter's output (components/page_state.py).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pandas as pd

from homefront.filters import FilterOptions, ViewFilters
from homefront.problems import clip, name_some, shown_text
from homefront.region_metrics import DEFAULT_METRIC, METRICS
from homefront.region_model import DEFAULT_PERIOD, DEFAULT_SEARCH, PERIODS, SEARCHES
from homefront.regional import UNKNOWN

# ---- names, as they appear in shared links -------------------------------------------------

# the sidebar's filters, on every page (`from=`/`to=` are the window's two ends)
P_FROM, P_TO, P_CATEGORIES, P_SOURCES, P_REGIONS, P_TEXT = "from", "to", "cat", "src", "region", "q"
FILTER_PARAMS = (P_FROM, P_TO, P_CATEGORIES, P_SOURCES, P_REGIONS, P_TEXT)
P_BRIEFING = "briefing"  # `briefing=1`: the projector view, on any page (app.py)
P_EVENT = "event"  # Timeline: the chosen event
P_METRIC, P_UNIT, P_SEL = "metric", "unit", "sel"  # Regions: colour, unit types, region
P_PERIOD, P_SEARCH = "period", "search"  # Why these regions (with `unit=`, read as Regions')
P_COMPARED, P_TOPICS, P_MEASURE = "cmp", "topic", "measure"  # Compare sources
P_STEP = "step"  # Briefing: the step, from 1
P_TAB = "tab"  # Data & methods: the open tab
MAX_TEXT = 200
MAX_PARAM = 2000


def link_to(base: str, params: Mapping[str, str]) -> str:
    """A link: a page (or the app's address) and its parameters, if any."""
    return f"{base}?{urlencode(params)}" if params else base


def search_text(value: str) -> str:
    """Search text from a link or the sidebar's box: at most MAX_TEXT characters, without
    control or format characters (problems.shown_text), since pages echo it back."""
    return shown_text(value[:MAX_TEXT]).strip()


def split_list(value: str) -> list[str]:
    """The items of a comma-separated parameter, blanks dropped."""
    return [v.strip() for v in value.split(",") if v.strip()]


# ---- the sidebar's filters: from=, to=, cat=, src=, region=, q= ------------------------------


def parse_query(
    params: Mapping[str, str], defaults: ViewFilters, options: FilterOptions
) -> tuple[ViewFilters, list[str]]:
    """Filters from a link's query parameters, and a notice for each value ignored."""
    notices: list[str] = []
    filters = defaults
    bounds: set[str] = set()  # from= and to=, where the link gives a date that is used
    raw = {k: v for k, v in params.items() if k in FILTER_PARAMS}
    for key, value in raw.items():
        if not isinstance(value, str) or len(value) > MAX_PARAM:
            notices.append(f"Link parameter '{key}' is too long or malformed; using the default.")
            continue
        if key in (P_FROM, P_TO):
            day = _parse_date(value)
            if day is None or not options.earliest <= day <= options.latest:
                notices.append(
                    f"Link parameter '{key}={clip(value)}' is not a date between "
                    f"{options.earliest} and {options.latest}; using the default."
                )
            else:
                filters = replace(filters, **{"start" if key == P_FROM else "end": day})
                bounds.add(key)
        elif key == P_TEXT:
            if len(value) > MAX_TEXT:
                notices.append(f"Link parameter '{P_TEXT}' was cut to {MAX_TEXT} characters.")
            filters = replace(filters, text=search_text(value))
        else:
            field, allowed = {
                P_CATEGORIES: ("categories", options.categories),
                P_SOURCES: ("sources", options.sources),
                P_REGIONS: ("regions", options.regions),
            }[key]
            if not value.strip() and field != "regions":
                # what the app writes when every pill is cleared: none chosen, as shared
                filters = replace(filters, **{field: ()})
                continue
            chosen, unknown = _parse_list(value, allowed)
            if unknown:
                notices.append(
                    f"Link parameter '{key}' names unknown values {name_some(unknown)}: ignored."
                )
            if chosen or field == "regions":
                filters = replace(filters, **{field: chosen})
            else:
                notices.append(f"Link parameter '{key}' chose nothing valid; using the default.")
    # a start after the default end, alone (no `to=` given at all): the window runs from it
    # to the last day; likewise an end before the default start
    if filters.end < filters.start and bounds == {P_FROM} and P_TO not in raw:
        filters = replace(filters, end=options.latest)
    elif filters.end < filters.start and bounds == {P_TO} and P_FROM not in raw:
        filters = replace(filters, start=options.earliest)
    elif filters.end < filters.start:
        notices.append(
            f"Link parameters '{P_FROM}' and '{P_TO}' give a window that ends before it "
            "starts; using the default window."
        )
        filters = replace(filters, start=defaults.start, end=defaults.end)
    return filters, notices


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
        notices.append(f"Link parameter '{clip(key)}' is not known; did you mean '{meant}'?")
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
    items = split_list(value)
    return tuple(a for a in allowed if a in items), [v for v in items if v not in allowed]


def parse_choice(
    name: str, raw: str | None, choices: Collection[str], default: str, showing: str
) -> tuple[str, list[str]]:
    """One of a parameter's fixed choices (the default when absent), or the default and a
    notice naming the value and the choices; `showing` says what is shown instead."""
    if raw is None or raw in choices:
        return raw or default, []
    return default, [
        f"Link parameter '{name}={clip(raw)}' is not one of {', '.join(choices)}; {showing}."
    ]


def format_choice(name: str, value: str, default: str) -> dict[str, str]:
    return {} if value == default else {name: value}


# ---- unit types: unit=, on the Regions and Why these regions pages ----------------------------


def unit_type_options(casualties: pd.DataFrame) -> list[str]:
    """The source's unit types, most deaths first, `unknown` last: what `unit=` chooses from."""
    totals = casualties.groupby("unit_type")["deaths"].sum()
    known = totals.drop(UNKNOWN, errors="ignore").sort_values(ascending=False, kind="stable")
    return list(known.index) + ([UNKNOWN] if UNKNOWN in totals.index else [])


def unit_slug(unit_type: str) -> str:
    """A unit type as a link writes it ('police / national guard / FSB' ->
    'police-national-guard-fsb'): readable, and no spaces or slashes to escape.
    """
    return re.sub(r"[^a-z0-9]+", "-", unit_type.casefold()).strip("-")


def parse_units(unit: str | None, unit_types: Sequence[str]) -> tuple[tuple[str, ...], list[str]]:
    """The unit types `unit=` names (empty: all of them), and a notice naming unknown ones."""
    if unit is None:
        return (), []
    by_slug = {unit_slug(u): u for u in unit_types}
    wanted = split_list(unit)
    unknown = [v for v in wanted if v not in by_slug]
    units = tuple(u for u in unit_types if unit_slug(u) in wanted)
    if not unknown:
        return units, []
    return units, [
        f"Link parameter '{P_UNIT}' names unknown unit types {name_some(unknown)}: ignored "
        f"(known: {', '.join(by_slug)})."
    ]


def format_units(units: Sequence[str], unit_types: Sequence[str]) -> dict[str, str]:
    """`unit=` for a choice of unit types; nothing when it is all of them."""
    if not units or set(units) == set(unit_types):
        return {}
    return {P_UNIT: ",".join(unit_slug(u) for u in unit_types if u in units)}


# ---- the Regions page: metric=, unit=, sel= --------------------------------------------------


@dataclass(frozen=True)
class RegionParams:
    """The Regions page's own view state, as read from a link (None = nothing chosen)."""

    metric: str = DEFAULT_METRIC
    units: tuple[str, ...] = ()  # unit types (source categories); empty means all of them
    selected: str | None = None


def parse_region_params(
    metric: str | None,
    unit: str | None,
    sel: str | None,
    unit_types: Sequence[str],
    regions: Iterable[str],
) -> tuple[RegionParams, list[str]]:
    """The Regions page's parameters from a link, and a notice for each value that cannot be
    used. A bad value never fails the page: it falls back to the default and is named."""
    showing = f"showing {METRICS[DEFAULT_METRIC].label.lower()}"
    chosen_metric, notices = parse_choice(P_METRIC, metric, METRICS, DEFAULT_METRIC, showing)
    units, unit_notices = parse_units(unit, unit_types)
    notices += unit_notices
    selected = None
    if sel is not None:
        if sel in set(regions):
            selected = sel
        else:
            notices.append(f"Link parameter '{P_SEL}={clip(sel)}' is not a region code: ignored.")
    return RegionParams(chosen_metric, units, selected), notices


def region_params(view: RegionParams, unit_types: Sequence[str]) -> dict[str, str]:
    """The Regions page's part of a link: only what differs from the default."""
    selected = {P_SEL: view.selected} if view.selected else {}
    return (
        format_choice(P_METRIC, view.metric, DEFAULT_METRIC)
        | format_units(view.units, unit_types)
        | selected
    )


# ---- Why these regions: period=, unit=, search= ----------------------------------------------


@dataclass(frozen=True)
class WhyParams:
    """The Why these regions page's view state as a link gives it."""

    period: str = DEFAULT_PERIOD
    units: tuple[str, ...] = ()  # empty means every unit type
    search: str = DEFAULT_SEARCH


def parse_why_params(
    period: str | None, unit: str | None, search: str | None, unit_types: Sequence[str]
) -> tuple[WhyParams, list[str]]:
    """The page's parameters from a link, and a notice for each value that cannot be used."""
    chosen_period, notices = parse_choice(
        P_PERIOD, period, PERIODS, DEFAULT_PERIOD, "showing the whole period"
    )
    units, unit_notices = parse_units(unit, unit_types)
    showing = f"showing {SEARCHES[DEFAULT_SEARCH].short}"
    chosen_search, search_notices = parse_choice(
        P_SEARCH, search, SEARCHES, DEFAULT_SEARCH, showing
    )
    return WhyParams(chosen_period, units, chosen_search), notices + unit_notices + search_notices


def why_params(view: WhyParams, unit_types: Sequence[str]) -> dict[str, str]:
    """The page's part of a link: only what differs from the default."""
    return (
        format_choice(P_PERIOD, view.period, DEFAULT_PERIOD)
        | format_units(view.units, unit_types)
        | format_choice(P_SEARCH, view.search, DEFAULT_SEARCH)
    )


# ---- the Timeline: event= ----------------------------------------------------------------------


def parse_event(raw: str | None, events: Collection[str]) -> tuple[str | None, list[str]]:
    """The event `event=` names, or None (and a notice) when it names none known."""
    if raw is None or raw in events:
        return raw, []
    return None, [f"Link parameter '{P_EVENT}' names no known event, so none is chosen."]


def event_params(event: str | None) -> dict[str, str]:
    return {P_EVENT: event} if event else {}


# ---- Compare sources: cmp=, topic=, measure= ----------------------------------------------------


def parse_id_list(
    value: str | None, allowed: Sequence[str], name: str, minimum: int = 1
) -> tuple[list[str] | None, list[str]]:
    """Ids from a comma-separated link parameter, in `allowed` order, and notices.

    None when the parameter is absent, empty or names fewer than `minimum` usable ids, so
    the caller keeps its default (all); a notice says which, and names unknown or
    unavailable ids. The app never writes an empty value (all is written as no parameter).
    """
    if value is None:
        return None, []
    items = split_list(value)
    if not items:
        return None, [f"Link parameter '{name}' is empty; using all."]
    chosen = [a for a in allowed if a in items]
    notices = []
    unknown = [v for v in items if v not in allowed]
    if unknown:
        notices.append(
            f"Link parameter '{name}' names {name_some(unknown)}, which cannot be shown "
            "with the current filters: ignored."
        )
    if not chosen:
        notices.append(f"Link parameter '{name}' chose nothing that can be shown; using all.")
    elif len(chosen) < minimum:
        notices.append(
            f"Link parameter '{name}' chose {len(chosen)} that can be shown; at least "
            f"{minimum} are needed, so using all."
        )
    return (chosen if len(chosen) >= minimum else None), notices


def parse_available(
    raw: str | None, options: Sequence[str], name: str
) -> tuple[str | None, list[str]]:
    """One of the options a page offers now (None: its default), or a notice naming it."""
    if raw is None or raw in options:
        return raw, []
    return None, [f"Link parameter '{name}={clip(raw)}' is not available here; ignored."]


def compare_params(
    compared: Sequence[str],
    comparable: Sequence[str],
    topics: Sequence[str],
    all_topics: Sequence[str],
    measure: str | None,
    measures: Sequence[str],
) -> dict[str, str]:
    """The Compare page's part of a link: the outlets and topics unless all, the measure
    charted unless the first."""
    out: dict[str, str] = {}
    if set(compared) != set(comparable) and compared:
        out[P_COMPARED] = ",".join(compared)
    if topics and set(topics) != set(all_topics):
        out[P_TOPICS] = ",".join(topics)
    if measure is not None and measure != measures[0]:
        out[P_MEASURE] = measure
    return out


# ---- the Briefing: step= (from 1) ----------------------------------------------------------------


def parse_step(raw: str | None, count: int) -> tuple[int, list[str]]:
    """The 0-based step a link's `step=` (1-based) names, and a notice when it names none.

    A missing parameter opens step 1 silently; a wrong one opens step 1 and says so.
    """
    if raw is None:
        return 0, []
    # ASCII digits, few of them: '²'.isdigit() is true but int('²') fails, as do 5000 digits
    if raw.isascii() and raw.isdigit() and len(raw) <= 6 and 1 <= int(raw) <= count:
        return int(raw) - 1, []
    return 0, [
        f"Link parameter '{P_STEP}={clip(raw, 20)}' is not a step from 1 to {count}; "
        "showing step 1."
    ]


def step_params(index: int) -> dict[str, str]:
    return {P_STEP: str(index + 1)}


# ---- Data & methods: tab= -----------------------------------------------------------------------

DATA_TABS = ("events", "figures", "quotes", "sources", "methods")


def parse_tab(raw: str | None) -> tuple[str, list[str]]:
    """The Data page's open tab (`tab=figures`); the events, with a notice, for any other."""
    return parse_choice(P_TAB, raw, DATA_TABS, DATA_TABS[0], "showing the events")


def tab_params(tab: str) -> dict[str, str]:
    return format_choice(P_TAB, tab, DATA_TABS[0])
