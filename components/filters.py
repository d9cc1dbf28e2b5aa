"""The shared sidebar filters, kept in session state and mirrored to the URL.

Created in app.py on every run, so their values survive page switches. The URL
is read once per session (a fresh tab opened from a shared link) and written on
every run, so it reopens the same view even after Streamlit clears the query
parameters on a page switch.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.text import escape_md
from homefront.config import AppConfig
from homefront.dataset import Dataset
from homefront.filters import (
    MAX_TEXT,
    FilterOptions,
    ViewFilters,
    clamp_window,
    default_filters,
    key_notices,
    known_only,
    name_some,
    parse_query,
    to_query,
)

K_WINDOW, K_CATEGORIES, K_SOURCES, K_REGIONS, K_TEXT = (
    "f_window",
    "f_categories",
    "f_sources",
    "f_regions",
    "f_text",
)
_READY = "_filters_ready"
RECONNECTED = (
    "This page lost its server and reconnected to another, which reopened it from its link: "
    "a change you just made may have been undone. Please check the view and make it again."
)
INITIAL_PARAMS = "_initial_params"
NOTICES = "_notices"
PAGE_PARAMS = "_page_params"


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


def _reconnected() -> bool:
    """Whether the browser sent widget values with this session's first run.

    A fresh tab sends none. An open page whose server died (a replica killed under `make
    serve`) reconnects to a live one, where its session is unknown and starts anew, and
    sends the values on its screen with the viewer's next change; the new session is
    seeded from the link, so that change is lost, and the viewer is told. (Keeping the sent
    values instead would let a tampered client skip _drop_stale on a session's first run.)
    Streamlit has no public call for this; the run's session state lists them (1.67).
    """
    ctx = get_script_run_ctx()
    return ctx is not None and bool(ctx.session_state.get_widget_states())


def _init_once(defaults: ViewFilters, options: FilterOptions) -> None:
    """Seed the widgets from the link the session was opened with, once."""
    if st.session_state.get(_READY):
        return
    params = st.query_params.to_dict()
    st.session_state[INITIAL_PARAMS] = params
    parsed, notices = parse_query(params, defaults, options)
    counts = {key: len(st.query_params.get_all(key)) for key in st.query_params}
    reconnected = [RECONNECTED] if _reconnected() else []
    st.session_state[NOTICES] = reconnected + key_notices(counts) + notices
    _store(parsed)
    st.session_state[_READY] = True


def sidebar_filters(
    config: AppConfig, dataset: Dataset, regions: dict[str, str]
) -> tuple[ViewFilters, ViewFilters]:
    """Draw the shared filters; returns (current filters, defaults)."""
    options = filter_options(config, dataset, regions)
    defaults = default_filters(config, options)
    _init_once(defaults, options)
    _drop_stale(defaults, options)
    with st.sidebar:
        st.subheader("Filters")
        st.slider(
            "Date window",
            min_value=options.earliest,
            max_value=options.latest,
            format="D MMM YYYY",
            key=K_WINDOW,
        )
        st.pills(
            "Categories",
            options=list(options.categories),
            format_func=lambda c: escape_md(config.category(c).label),
            selection_mode="multi",
            key=K_CATEGORIES,
        )
        st.pills(
            "Sources",
            options=list(options.sources),
            format_func=lambda s: escape_md(dataset.sources[s].short_name),
            selection_mode="multi",
            key=K_SOURCES,
        )
        st.multiselect(
            "Regions",
            options=list(options.regions),
            format_func=lambda r: regions.get(r, r),
            placeholder="All regions",
            key=K_REGIONS,
        )
        st.text_input("Search text", key=K_TEXT, placeholder="word in a title, summary or quote")
        st.button("Reset filters", on_click=_store, args=(defaults,), icon=":material/restart_alt:")
    start, end = st.session_state[K_WINDOW]
    # each choice read from session state once (a read per option cost ~3 ms for 85 regions)
    categories, sources, regions_chosen = (
        set(st.session_state[key]) for key in (K_CATEGORIES, K_SOURCES, K_REGIONS)
    )
    filters = ViewFilters(
        start=start,
        end=end,
        categories=tuple(c for c in options.categories if c in categories),
        sources=tuple(s for s in options.sources if s in sources),
        regions=tuple(r for r in options.regions if r in regions_chosen),
        text=st.session_state[K_TEXT].strip()[:MAX_TEXT],
    )
    return filters, defaults


def _drop_stale(defaults: ViewFilters, options: FilterOptions) -> None:
    """Values kept in the session from before a data or config edit, or sent by a tampered
    client, that the filters no longer offer: clamped or dropped, with a notice, before the
    widgets draw (a widget given a value outside its options raises)."""
    state = st.session_state
    notices = state.setdefault(NOTICES, [])
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


def show_notices() -> None:
    """Tell the user, once, which parts of their link could not be used."""
    for notice in st.session_state.pop(NOTICES, []):
        st.warning(escape_md(notice), icon=":material/link_off:")  # the link's words, as text


def initial_param(key: str) -> str | None:
    """A page's own parameter from the link this session was opened with."""
    return st.session_state.get(INITIAL_PARAMS, {}).get(key)


def set_page_params(params: dict[str, str]) -> None:
    """A page declares its own view state (metric, selection) for the URL."""
    st.session_state[PAGE_PARAMS] = params


def sync_url(filters: ViewFilters, defaults: ViewFilters) -> dict[str, str]:
    """Write the whole view (shared filters + the page's own state) into the URL."""
    wanted = to_query(filters, defaults) | st.session_state.pop(PAGE_PARAMS, {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    return wanted


def share_link(params: dict[str, str]) -> None:
    """The link to this exact view, in a box with a copy button, for presenters and analysts."""
    base = (st.context.url or "").split("?", 1)[0]
    link = f"{base}?{urlencode(params)}" if params else base
    with st.sidebar:
        st.caption("Link to this view (copy with the button at its right)")
        st.code(link, language=None, wrap_lines=True)


def current_filters() -> ViewFilters:
    """The filters app.py drew on this run."""
    return st.session_state["filters"]
