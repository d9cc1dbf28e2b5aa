"""The shared sidebar filters, kept in session state and mirrored to the URL.

Created in app.py on every run, so their values survive page switches. The URL
is read once per session (a fresh tab opened from a shared link) and written on
every run, so it reopens the same view even after Streamlit clears the query
parameters on a page switch.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.text import escape_md
from homefront import periods
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
_LINK = "_view_link"  # this run's link, written once the page has declared its own state
_READY = "_filters_ready"
RECONNECTED = (
    "This page lost its server and reconnected to another, which reopened it from its link: "
    "a change you just made may have been undone. Please check the view and make it again."
)
INITIAL_PARAMS = "_initial_params"
NOTICES = "_notices"
_HELD = "_held_notices"  # (page, filters, notices) while that view is shown
PAGE_PARAMS = "_page_params"
_BASE = "_link_base"  # the link's part no page owns: the shared filters, `briefing=1`
_DRAWN = "_link_drawn"  # this run's link box, once a page's fragment has drawn it


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


def read_link_once(config: AppConfig, dataset: Dataset, regions: dict[str, str]) -> None:
    """Seed the filters from the link this session was opened with, before anything reads
    it (app.py needs `briefing=1` before it builds the navigation)."""
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
    st.session_state[_LINK] = {}  # a new holder each run: downloads made in it read it later
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


def unused_note(labels: list[str], everything: bool) -> str:
    """The one line that says which filters this page does not apply (and that they are kept)."""
    if everything:
        return (
            "This page shows the whole story: the sidebar's filters do not apply here "
            "(they are kept for the other pages)."
        )
    named = ", ".join(labels[:-1]) + (" and " if len(labels) > 1 else "") + labels[-1]
    return f"The {named} filters do not apply to this page; they are kept for the others."


def show_notices(page: str, filters: ViewFilters) -> None:
    """Tell the user which parts of their link could not be used, for as long as they look
    at the view it opened: a rerun the page makes by itself (the map reporting its width)
    keeps them; another page or another choice of filters ends them."""
    state = st.session_state
    fresh = state.pop(NOTICES, None)  # the link's (_init_once) or stale values' (_drop_stale)
    if fresh:
        state[_HELD] = (page, filters, fresh)
    held = state.get(_HELD)
    if held is None:
        return
    if held[:2] != (page, filters):
        del state[_HELD]
        return
    for notice in held[2]:
        _warn(notice)


def link_notices(notices: list[str]) -> None:
    """A page's own notices on its link's parameters: shown now, and held with the app's
    (show_notices) so the page's later reruns of the same view show them too."""
    for notice in notices:
        _warn(notice)
    held = st.session_state.get(_HELD)
    if held is not None:
        st.session_state[_HELD] = (*held[:2], [*held[2], *notices])


def _warn(notice: str) -> None:
    st.warning(escape_md(notice), icon=":material/link_off:")  # the link's words, as text


def initial_param(key: str) -> str | None:
    """A page's own parameter from the link this session was opened with."""
    return st.session_state.get(INITIAL_PARAMS, {}).get(key)


def set_page_params(params: dict[str, str]) -> None:
    """A page declares its own view state (metric, selection) for the URL."""
    st.session_state[PAGE_PARAMS] = params


def link_base(filters: ViewFilters, defaults: ViewFilters, extra: dict[str, str]) -> None:
    """Note, before the page runs, the link's part the page does not own: the shared filters
    and app.py's own parameters (`extra`). A page's fragment rerun, which app.py does not run
    around, writes the link from it (publish_page_params). The page's own part starts empty:
    a page that declares none has none."""
    st.session_state[_BASE] = to_query(filters, defaults) | extra
    st.session_state.pop(PAGE_PARAMS, None)
    st.session_state[_DRAWN] = False


def publish_page_params(params: dict[str, str]) -> None:
    """set_page_params for a page-local section run as an st.fragment: its own rerun runs
    neither app.py nor the rest of the page, so it writes the URL and the link box itself.
    It does on every run, full ones too, so the box is its own (a box app.py drew would stay
    as it was beside the fragment's); app.py then leaves the box alone (share_link)."""
    set_page_params(params)
    share_link(sync_url(), by_fragment=True)


def sync_url() -> dict[str, str]:
    """Write the whole view (link_base + the page's own state) into the URL."""
    wanted = st.session_state.get(_BASE, {}) | st.session_state.get(PAGE_PARAMS, {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    return wanted


def share_link(params: dict[str, str], by_fragment: bool = False) -> None:
    """The link to this exact view, in a box with a copy button, for presenters and analysts.

    Drawn once a run: by a page's fragment (publish_page_params) where it has one."""
    base = (st.context.url or "").split("?", 1)[0]
    link = f"{base}?{urlencode(params)}" if params else base
    st.session_state.get(_LINK, {})["link"] = link
    if st.session_state.get(_DRAWN) and not by_fragment:
        return
    st.session_state[_DRAWN] = True
    with st.sidebar:
        st.caption("Link to this view (copy with the button at its right)")
        st.code(link, language=None, wrap_lines=True)


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


def view_link_holder() -> dict[str, str]:
    """Where this run's link to the view lands once the page has drawn (share_link).

    A download is written when its button is pressed, after the run: by then the holder
    has the link with the page's own state (metric, selection) in it.
    """
    return st.session_state.setdefault(_LINK, {})


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
            f"(the sidebar's window is {shown})."
        )
        return
    start = max(whole[0], config.window_limits.start)
    end = min(max(whole[1], start), config.window_limits.end)
    with st.container(border=True, key="full_period"):
        st.markdown(
            escape_md(
                f"Numbers below cover the sidebar's window, {shown} (whole months). The count "
                f"runs {periods.window_text(*whole)}; for its full period, as in the paper's "
                "table, widen the window or press the button."
            )
        )
        st.button(
            f"Show the full period ({periods.window_text(start, end)})",
            on_click=_set_window,
            args=(start, end),
            icon=":material/date_range:",
            key="full_period_button",
        )
