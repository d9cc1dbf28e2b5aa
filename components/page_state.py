"""Page state: seeded once from the link a session was opened with, with a notice naming each
part of the link that could not be used, kept across page switches, and published to the URL.

The one reader and writer of st.query_params (tests/test_architecture.py checks it); what a
parameter means is homefront/links.py's. A page's state is seeded with `seed`, and the page
declares what its link should say with `publish`; app.py writes the URL once the page has run
(`sync_url`), since Streamlit clears the query parameters on a page switch.

Why not Streamlit's own `bind="query-params"` (1.67): a bound widget drops a value it cannot
use silently, where the app names it; it writes a choice as its shown label (`RFE/RL`) and a
list as repeated keys (`cat=a&cat=b`), so the links already shared (`cat=a,b`, `src=rferl`)
would stop working; a range slider is one key, so `from=`/`to=` links would break; and a
widget's key is removed from the URL on a page that does not draw it, where a filter the page
does not apply stays in the link. `persist_state="session"` keeps its promise (a value
survives page switches): the sidebar's widgets use it. A page's own state is kept under the
key it was seeded under (`keep`), and its widgets start from it (`seed_widgets`), since that
state is also what the page publishes and what a download's link records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar
from urllib.parse import urlsplit

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components.text import escape_md
from homefront.filters import ViewFilters
from homefront.links import P_BRIEFING, key_notices, link_to

T = TypeVar("T")

RECONNECTED = (
    "This page lost its server and reconnected to another, which reopened it from its link: "
    "a change you just made may have been undone. Please check the view and make it again."
)
_OPENED = "_initial_params"  # the link the session was opened with
_NOTICES = "_notices"  # notices this run found, shown by show_notices
_HELD = "_held_notices"  # (page, filters, notices) while that view is shown
_PUBLISHED = "_page_params"  # the page's own part of the URL, this run
_LINK = "_view_link"  # this run's link, written once the page has declared its own state
_BASE = "_link_base"  # the link's part no page owns: the shared filters, `briefing=1`
_PAGE_PATH = "_link_page"  # the page's path in its address, '' for the default page
_DRAWN = "_link_drawn"  # this run's link box, once a page's fragment has drawn it


def _reconnected() -> bool:
    """Whether the browser sent widget values with this session's first run.

    A fresh tab sends none. An open page whose server died (a replica killed under `make
    serve`) reconnects to a live one, where its session is unknown and starts anew, and
    sends the values on its screen with the viewer's next change; the new session is
    seeded from the link, so that change is lost, and the viewer is told. (Keeping the sent
    values instead would let a tampered client skip the sidebar's repair of stale values on a
    session's first run.) Streamlit has no public call for this; the run's session state
    lists them (1.67).
    """
    ctx = get_script_run_ctx()
    return ctx is not None and bool(ctx.session_state.get_widget_states())


def opening_link() -> dict[str, str]:
    """The link this session was opened with (the last value of a repeated key).

    Read on the session's first run, when the notices about the link as a whole (a repeated
    or misspelt key, a reconnection) are queued; every later call returns the same link.
    """
    state = st.session_state
    if _OPENED not in state:
        state[_OPENED] = st.query_params.to_dict()
        counts = {key: len(st.query_params.get_all(key)) for key in st.query_params}
        reconnected = [RECONNECTED] if _reconnected() else []
        add_notices(reconnected + key_notices(counts))
    return state[_OPENED]


def initial_param(key: str) -> str | None:
    """One parameter of the link this session was opened with."""
    return opening_link().get(key)


def projector_view() -> bool:
    """Whether the session was opened as the clean projector view (`?briefing=1`): no sidebar,
    no toolbar, on every page it goes on to."""
    return initial_param(P_BRIEFING) == "1"


def seed(key: str, parse: Callable[[Mapping[str, str]], tuple[T, list[str]]]) -> T:
    """The state kept under `key`: parsed from the opening link the first time a session
    asks (its notices shown), then whatever was last stored there, on every page.

    `parse(link)` returns the value and a notice for each parameter it could not use.
    """
    if key not in st.session_state:
        value, notices = parse(opening_link())
        add_notices(notices)
        st.session_state[key] = value
    return st.session_state[key]


def seed_widgets(
    key: str,
    parse: Callable[[Mapping[str, str]], tuple[T, list[str]]],
    widgets: Callable[[T], Mapping[str, object]],
) -> T:
    """`seed`, then the page's widgets (widget key -> value) start from the kept state where
    they have no value: on the first visit, and after a page switch, when Streamlit has
    forgotten a widget the other page did not draw."""
    value = seed(key, parse)
    for widget, start in widgets(value).items():
        st.session_state.setdefault(widget, start)
    return value


def start_run() -> None:
    """Called first on every run (app.py): notices found before the view is shown (the
    opening link's, the sidebar's repairs) wait for show_notices; the run's link is new."""
    st.session_state.setdefault(_NOTICES, [])
    st.session_state[_LINK] = {}  # a new holder each run: downloads made in it read it later


def add_notices(notices: list[str]) -> None:
    """Notices about the link or kept values, shown with the view they are about.

    Before app.py shows the run's notices (show_notices) they wait for it; after it (a page
    seeding its own parameters) they are shown at once and held with the others, so the
    page's later reruns of the same view show them too.
    """
    if _NOTICES in st.session_state:
        st.session_state[_NOTICES].extend(notices)
        return
    for notice in notices:
        _warn(notice)
    held = st.session_state.get(_HELD)
    if held is not None and notices:
        st.session_state[_HELD] = (*held[:2], [*held[2], *notices])


def show_notices(page: str, filters: ViewFilters) -> None:
    """Tell the user which parts of their link could not be used, for as long as they look
    at the view it opened: a rerun the page makes by itself (the map reporting its width)
    keeps them; another page or another choice of filters ends them."""
    state = st.session_state
    fresh = state.pop(_NOTICES, None)
    if fresh:
        state[_HELD] = (page, filters, fresh)
    held = state.get(_HELD)
    if held is None or held[:2] != (page, filters):
        state[_HELD] = (page, filters, [])  # a new view: the page's own notices join it
        return
    for notice in held[2]:
        _warn(notice)


def _warn(notice: str) -> None:
    st.warning(escape_md(notice), icon=":material/link_off:")  # the link's words, as text


def link_base(shared: Mapping[str, str], page_path: str) -> None:
    """Note, before the page runs, the link's part no page owns: the page's path ('' for the
    default page), the shared filters and app.py's own parameters (`briefing=1`). A page's
    fragment rerun, which app.py does not run around, writes the link from it
    (publish_from_fragment). The page's own part starts empty: a page that publishes none has
    none."""
    st.session_state[_BASE] = dict(shared)
    st.session_state[_PAGE_PATH] = page_path
    st.session_state.pop(_PUBLISHED, None)
    st.session_state[_DRAWN] = False


def publish(params: Mapping[str, str]) -> None:
    """A page declares its own view state (metric, selection) for the URL."""
    st.session_state[_PUBLISHED] = dict(params)


def keep(key: str, value: object, params: Mapping[str, str]) -> None:
    """Store a page's state under the key it was seeded under, so seed returns it on the
    next visit, and publish the link that reopens it."""
    st.session_state[key] = value
    publish(params)


def publish_from_fragment(params: Mapping[str, str]) -> None:
    """publish() for a page-local section run as an st.fragment: its own rerun runs neither
    app.py nor the rest of the page, so it writes the URL and the link box itself. It does on
    every run, full ones too, so the box is its own (a box app.py drew would stay as it was
    beside the fragment's); app.py then leaves the box alone (share_link)."""
    publish(params)
    share_link(sync_url(), by_fragment=True)


def keep_from_fragment(key: str, value: object, params: Mapping[str, str]) -> None:
    """keep() for a page-local section run as an st.fragment (publish_from_fragment)."""
    st.session_state[key] = value
    publish_from_fragment(params)


def sync_url() -> dict[str, str]:
    """Write the whole view (link_base's part + the page's own) into the URL."""
    wanted = st.session_state.get(_BASE, {}) | st.session_state.get(_PUBLISHED, {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    return wanted


def _page_address() -> str:
    """This page's address: the browser's origin, Streamlit's base path and the page's path.

    Not st.context.url's path: Streamlit 1.67 trims a page path from it by suffix, so on
    /why_regions it cuts "regions" (another page's path) and gives /why_/why_regions.
    """
    parts = urlsplit(st.context.url or "")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    path = "/".join(
        p for p in (st.get_option("server.baseUrlPath"), st.session_state.get(_PAGE_PATH)) if p
    )
    return f"{origin}/{path}" if path else origin


def share_link(params: Mapping[str, str], by_fragment: bool = False) -> None:
    """The link to this exact view, in a box with a copy button, for presenters and analysts.

    Drawn once a run: by a page's fragment (publish_from_fragment) where it has one."""
    link = link_to(_page_address(), params)
    st.session_state.get(_LINK, {})["link"] = link
    if st.session_state.get(_DRAWN) and not by_fragment:
        return
    st.session_state[_DRAWN] = True
    with st.sidebar:
        st.caption("Link to this view (copy with the button at its right)")
        st.code(link, language=None, wrap_lines=True)


def view_link_holder() -> dict[str, str]:
    """Where this run's link to the view lands once the page has drawn (share_link).

    A download is written when its button is pressed, after the run: by then the holder
    has the link with the page's own state (metric, selection) in it.
    """
    return st.session_state.setdefault(_LINK, {})
