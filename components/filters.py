"""The shared sidebar filters, kept in session state and mirrored to the URL.

Created in app.py on every run, so their values survive page switches (persist_state).
They are seeded once per session from the link it was opened with (a fresh tab opened from
a shared link) and written back on every run, through components/page_state.py.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import page_state
from components.text import escape_md
from homefront import periods
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.filters import (
    FilterOptions,
    ViewFilters,
    clamp_window,
    default_filters,
    known_only,
)
from homefront.links import parse_query, search_text
from homefront.problems import name_some
from homefront.regional import COUNT_SOURCE

# the filters by name, as each page declares the ones it applies (components/navigation.py)
ALL_FILTERS = ("window", "categories", "sources", "regions", "text")
K_WINDOW, K_CATEGORIES, K_SOURCES, K_REGIONS, K_TEXT = (
    "f_window",
    "f_categories",
    "f_sources",
    "f_regions",
    "f_text",
)
FILTER_LABELS = {
    "window": "date window",
    "categories": "categories",
    "sources": "sources",
    "regions": "regions",
    "text": "search text",
}
_USED = "_filters_used"  # the filters this run's page applies
_SEEDED = "_filters_seeded"  # the filters the opening link gave


def filter_options(config: AppConfig, dataset: Dataset, regions: dict[str, str]) -> FilterOptions:
    return FilterOptions(
        earliest=config.window_limits.start,
        latest=config.window_limits.end,
        categories=tuple(config.category_ids),
        sources=tuple(dataset.sources),
        regions=tuple(regions),
    )


def _store(filters: ViewFilters) -> None:
    st.session_state[K_WINDOW] = (filters.start, filters.end)
    st.session_state[K_CATEGORIES] = list(filters.categories)
    st.session_state[K_SOURCES] = list(filters.sources)
    st.session_state[K_REGIONS] = list(filters.regions)
    st.session_state[K_TEXT] = filters.text


def _init_once(defaults: ViewFilters, options: FilterOptions) -> None:
    """Seed the widgets from the link the session was opened with, once."""
    if _SEEDED not in st.session_state:
        _store(page_state.seed(_SEEDED, lambda link: parse_query(link, defaults, options)))


def read_link_once(config: AppConfig, dataset: Dataset, regions: dict[str, str]) -> None:
    """Seed the filters from the link this session was opened with, before anything reads
    it (app.py needs `briefing=1` before it builds the navigation). Called first on every run."""
    page_state.start_run()
    options = filter_options(config, dataset, regions)
    _init_once(default_filters(config, options), options)


def sidebar_filters(
    config: AppConfig,
    dataset: Dataset,
    regions: dict[str, str],
    used: tuple[str, ...] = ALL_FILTERS,
) -> tuple[ViewFilters, ViewFilters]:
    """Draw the shared filters the page uses (`used`); returns (current filters, defaults).

    A filter the page does not apply is not drawn, and one line says so. Its value is kept
    for the session (persist_state), so it is back, and still in the link, on the next page.
    """
    options = filter_options(config, dataset, regions)
    defaults = default_filters(config, options)
    _init_once(defaults, options)
    _drop_stale(defaults, options)
    st.session_state[_USED] = used
    keep = {"persist_state": "session"}
    with st.sidebar:
        st.subheader("Filters")
        if "window" in used:
            st.slider(
                "Date window",
                min_value=options.earliest,
                max_value=options.latest,
                format="D MMM YYYY",
                key=K_WINDOW,
                **keep,
            )
        if "categories" in used:
            st.pills(
                "Categories",
                options=list(options.categories),
                format_func=lambda c: escape_md(config.category(c).label),
                selection_mode="multi",
                key=K_CATEGORIES,
                **keep,
            )
        if "sources" in used:
            st.pills(
                "Sources",
                options=list(options.sources),
                format_func=lambda s: escape_md(dataset.sources[s].short_name),
                selection_mode="multi",
                key=K_SOURCES,
                **keep,
            )
        if "regions" in used:
            st.multiselect(
                "Regions",
                options=list(options.regions),
                format_func=lambda r: regions.get(r, r),
                placeholder="All regions",
                key=K_REGIONS,
                **keep,
            )
        if "text" in used:
            st.text_input(
                "Search text",
                key=K_TEXT,
                placeholder="word in a title, summary or quote",
                **keep,
            )
        if used:
            st.button(
                "Reset filters", on_click=_store, args=(defaults,), icon=":material/restart_alt:"
            )
        unused = [FILTER_LABELS[f] for f in ALL_FILTERS if f not in used]
        if unused:
            st.caption(unused_note(unused, everything=not used))
    start, end = st.session_state[K_WINDOW]
    # each choice read from session state once, not once per option (85 regions)
    categories, sources, regions_chosen = (
        set(st.session_state[key]) for key in (K_CATEGORIES, K_SOURCES, K_REGIONS)
    )
    filters = ViewFilters(
        start=start,
        end=end,
        categories=tuple(c for c in options.categories if c in categories),
        sources=tuple(s for s in options.sources if s in sources),
        regions=tuple(r for r in options.regions if r in regions_chosen),
        text=search_text(st.session_state[K_TEXT]),
    )
    return filters, defaults


def _drop_stale(defaults: ViewFilters, options: FilterOptions) -> None:
    """Values kept in the session from before a data or config edit, or sent by a tampered
    client, that the filters no longer offer: clamped or dropped, with a notice, before the
    widgets draw (a widget given a value outside its options raises)."""
    state = st.session_state
    notices = []
    state[K_WINDOW], notice = clamp_window(state.get(K_WINDOW), defaults, options)
    if notice:
        notices.append(notice)
    for key, allowed, what in (
        (K_CATEGORIES, options.categories, "Categories"),
        (K_SOURCES, options.sources, "Sources"),
        (K_REGIONS, options.regions, "Regions"),
    ):
        state[key], dropped = known_only(state.get(key), allowed)
        if dropped:
            notices.append(f"{what} no longer in the data were dropped: {name_some(dropped)}.")
    if not isinstance(state.get(K_TEXT), str):
        state[K_TEXT] = ""
    page_state.add_notices(notices)


def filters_home() -> str:
    """Where a caption says the shared filters are: "the sidebar's" at a desk, "this view's" in
    the projector view, which hides the sidebar (a room is never sent to a control it cannot
    see)."""
    return "this view's" if page_state.projector_view() else "the sidebar's"


def unused_note(labels: list[str], everything: bool) -> str:
    """The one line that says which filters this page does not apply (and that they are kept)."""
    if everything:
        return (
            f"This page shows the whole story: {filters_home()} filters do not apply here "
            "(they are kept for the other pages)."
        )
    named = ", ".join(labels[:-1]) + (" and " if len(labels) > 1 else "") + labels[-1]
    return f"The {named} filters do not apply to this page; they are kept for the others."


def current_filters() -> ViewFilters:
    """The filters app.py drew on this run."""
    return st.session_state["filters"]


def describe_filters(filters: ViewFilters, config: AppConfig, dataset: Dataset) -> str:
    """The filters this page applies, in words, for a download's record of its view."""
    used = st.session_state.get(_USED, ALL_FILTERS)
    parts = []
    if "window" in used:
        parts.append(f"date window {filters.start:%-d %b %Y} – {filters.end:%-d %b %Y}")
    chosen = {
        "categories": (filters.categories, config.category_ids, lambda c: config.category(c).label),
        "sources": (
            filters.sources,
            list(dataset.sources),
            lambda s: dataset.sources[s].short_name,
        ),
    }
    for name, (values, every, label) in chosen.items():
        if name in used:
            named = "all" if set(values) == set(every) else ", ".join(label(v) for v in values)
            parts.append(f"{FILTER_LABELS[name]}: {named}")
    if "regions" in used:
        names = dataset.region_names
        parts.append("regions: " + (", ".join(names.get(r, r) for r in filters.regions) or "all"))
    if "text" in used and filters.text:
        parts.append(f"search text: {filters.text}")
    return "; ".join(parts) or "no filters"


def _add_source(source: str) -> None:
    st.session_state[K_SOURCES] = [*st.session_state[K_SOURCES], source]


def count_left_out(dataset: Dataset, filters: ViewFilters, shows: str) -> bool:
    """Whether the Sources filter leaves out the death count; if so, say what that hides
    (`shows`: "the map, the rankings and the tables") and offer it back in one click.

    A page built on the count honours the filter as the Timeline and the Overview do: its
    numbers are the count's, so they go where the count goes."""
    if COUNT_SOURCE in filters.sources:
        return False
    count = dataset.sources[COUNT_SOURCE].short_name
    with st.container(border=True, key="count_left_out"):
        st.markdown(
            escape_md(
                f"The death count ({count}) is not among {filters_home()} sources, so "
                f"{shows} are not shown."
            )
        )
        st.button(
            f"Add {count} to the sources",
            on_click=_add_source,
            args=(COUNT_SOURCE,),
            icon=":material/add:",
            key="count_left_out_button",
        )
    return True


def _set_window(start: dt.date, end: dt.date) -> None:
    st.session_state[K_WINDOW] = (start, end)


def offer_full_period(config: AppConfig, dataset: Dataset, filters: ViewFilters) -> None:
    """Say which period the numbers below cover and, where the sidebar's window is narrower
    than the death count, how to see the count's full period (the paper's table) in one click.
    """
    whole = periods.count_period(dataset)
    if whole is None:
        return
    shown = f"{filters.start:%-d %b %Y} \u2013 {filters.end:%-d %b %Y}"
    if periods.covers_count(dataset, filters.start, filters.end):
        st.caption(
            f"Numbers below: the whole count, {periods.window_text(*whole)} "
            f"({filters_home()} window is {shown})."
        )
        return
    start = max(whole[0], config.window_limits.start)
    end = min(max(whole[1], start), config.window_limits.end)
    with st.container(border=True, key="full_period"):
        st.markdown(
            escape_md(
                f"Numbers below cover {filters_home()} window, {shown} (whole months). The "
                f"count runs {periods.window_text(*whole)}; for its full period, as in the "
                f"paper's table, {'' if page_state.projector_view() else 'widen the window or '}"
                "press the button."
            )
        )
        st.button(
            f"Show the full period ({periods.window_text(start, end)})",
            on_click=_set_window,
            args=(start, end),
            icon=":material/date_range:",
            key="full_period_button",
        )
