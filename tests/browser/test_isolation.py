"""Two viewers at once keep their own views: filters, counts and links never cross.

The dataset and many views are cached per process and shared by every session
(components/cached.py); the filters live in each session's state. A cache keyed on too little,
or state kept at module level, would show one viewer's choice to another. So two browser
contexts (two sessions, as two people on two machines) open the Data & methods page with
different links, then take turns changing the sidebar (typing a search, toggling a category,
resetting, switching page), each change a rerun of that session only. After every turn both
are checked against what their own filters give: the search box, the category pills, the
link in the address bar and in the sidebar, and the events and figures counted in the tabs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components.filters import filter_options
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.filters import ViewFilters, default_filters
from homefront.links import parse_query, to_query
from homefront.paths import DATA_DIR
from homefront.queries import filter_events, filter_figures
from tests.browser.harness import LOCAL_HOSTS, PageWatch, wait_for_app

pytestmark = pytest.mark.browser
CONFIG = load_config()
DATASET = load_dataset(DATA_DIR, CONFIG)
OPTIONS = filter_options(CONFIG, DATASET, DATASET.region_names)
DEFAULTS = default_filters(CONFIG, OPTIONS)
LABELS = {c.id: c.label for c in CONFIG.categories}
SEARCH = ".st-key-f_text input"


def events_shown(page, events: int):
    """What the Events tab shows for `events` kept: the table, whose grid reports a header
    and a row per event (glide's grid is a hidden table), or, for none, its plain line."""
    panel = page.get_by_role("tabpanel").first  # the Events tab, the one open
    if not events:
        return panel.get_by_text("No events match")
    return panel.locator(f"[data-testid=stDataFrame] table[aria-rowcount='{events + 1}']")


@dataclass
class Viewer:
    """One browser context on the app, and the filters it should be showing."""

    name: str
    page: object
    filters: ViewFilters
    watch: PageWatch = field(default_factory=PageWatch)

    def expect(self, **changes) -> None:
        self.filters = replace(self.filters, **changes)

    def wait_until_shown(self) -> None:
        """Until the rerun this viewer asked for has drawn its view and written its link;
        if it never does, check() says what the viewer shows instead."""
        try:
            self._wait()
        except PlaywrightTimeout:
            self.check()
            raise

    def _wait(self) -> None:
        wanted = to_query(self.filters, DEFAULTS)
        wait_for_app(self.page, settle_ms=0)
        self.page.wait_for_function(
            """(wanted) => {
                const got = Object.fromEntries(new URLSearchParams(location.search));
                return JSON.stringify(got, Object.keys(got).sort())
                    === JSON.stringify(wanted, Object.keys(wanted).sort());
            }""",
            arg=wanted,
            timeout=30_000,
        )
        events = len(filter_events(DATASET.events, self.filters, DATASET.sources))
        label = f"Events ({events} of {len(DATASET.events)})"
        self.page.get_by_role("tab", name=label, exact=True).wait_for(timeout=30_000)
        events_shown(self.page, events).first.wait_for(state="attached", timeout=30_000)

    def check(self) -> None:
        """Everything this viewer sees follows its own filters, and nobody else's."""
        page, filters = self.page, self.filters
        wanted = to_query(filters, DEFAULTS)
        query = {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}
        assert query == wanted, (self.name, page.url, wanted)
        link = page.get_by_test_id("stSidebar").get_by_test_id("stCode").inner_text()
        link_query = {k: v[0] for k, v in parse_qs(urlparse(link.strip()).query).items()}
        assert link_query == wanted, (self.name, link, wanted)
        assert page.locator(SEARCH).input_value() == filters.text, self.name
        pressed = page.locator(".st-key-f_categories button[aria-pressed='true']")
        assert sorted(pressed.all_inner_texts()) == sorted(LABELS[c] for c in filters.categories), (
            self.name
        )
        tabs = page.get_by_role("tab").all_inner_texts()
        events = len(filter_events(DATASET.events, filters, DATASET.sources))
        figures = len(filter_figures(DATASET.figures, filters, DATASET.sources))
        assert f"Events ({events} of {len(DATASET.events)})" in tabs, (self.name, tabs)
        assert f"Figures ({figures} of {len(DATASET.figures)})" in tabs, (self.name, tabs)
        # the events table itself (built through a cache all sessions share)
        assert events_shown(page, events).count() == 1, self.name

    # --- what a viewer does: each is one rerun of this session

    def search(self, text: str) -> None:
        box = self.page.locator(SEARCH)
        box.fill(text)
        box.press("Enter")
        self.expect(text=text)
        self.wait_until_shown()

    def toggle(self, category: str) -> None:
        self.page.locator(".st-key-f_categories button", has_text=LABELS[category]).click()
        chosen = set(self.filters.categories) ^ {category}
        self.expect(categories=tuple(c for c in OPTIONS.categories if c in chosen))
        self.wait_until_shown()

    def reset(self) -> None:
        self.page.get_by_role("button", name="Reset filters").click()
        self.filters = DEFAULTS
        self.wait_until_shown()


def record_outside(watch: PageWatch, url: str) -> None:
    if url.startswith(("http", "ws")) and urlparse(url).hostname not in LOCAL_HOSTS:
        watch.outside_requests.append(url)


@pytest.fixture
def viewers(browser, app_url) -> Iterator[tuple[Viewer, Viewer]]:
    contexts, opened = [], []
    for name, link in (("A", "cat=military,casualties"), ("B", "q=mothers&src=bbc,rferl")):
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        params = {k: v[0] for k, v in parse_qs(link).items()}
        filters, notices = parse_query(params, DEFAULTS, OPTIONS)
        assert notices == []
        viewer = Viewer(name, page, filters)
        page.on("console", viewer.watch.on_console)
        page.on("pageerror", lambda e, w=viewer.watch: w.page_errors.append(str(e)))
        page.on("request", lambda r, w=viewer.watch: record_outside(w, r.url))
        page.goto(f"{app_url}/data?{link}")
        page.locator(SEARCH).wait_for(timeout=30_000)
        viewer.wait_until_shown()
        contexts.append(context)
        opened.append(viewer)
    yield opened[0], opened[1]
    for viewer in opened:
        viewer.watch.assert_clean()
    for context in contexts:
        context.close()


def both(a: Viewer, b: Viewer) -> None:
    a.check()
    b.check()


def test_two_sessions_keep_their_own_filters_counts_and_links(viewers):
    a, b = viewers
    both(a, b)
    assert a.filters != b.filters
    a.search("Putin")
    both(a, b)
    b.search("meeting")
    both(a, b)
    a.toggle("families")
    both(a, b)
    b.toggle("official")
    both(a, b)
    a.search("")
    both(a, b)
    b.reset()
    both(a, b)
    a.toggle("military")
    both(a, b)
    b.search("mothers")
    both(a, b)
    assert a.filters.text == "" and b.filters.text == "mothers"
    assert "military" not in a.filters.categories and b.filters.categories == DEFAULTS.categories


def test_a_page_switch_keeps_each_sessions_view(viewers):
    a, b = viewers
    a.search("Putin")
    b.toggle("military")
    for viewer in (a, b):  # to the Overview and back, each in turn
        viewer.page.get_by_test_id("stSidebarNav").get_by_text("Overview").click()
        viewer.page.wait_for_url("**/?**")
        wait_for_app(viewer.page)
        viewer.page.get_by_test_id("stSidebarNav").get_by_text("Data & methods").click()
        viewer.page.wait_for_url("**/data?**")
        viewer.wait_until_shown()
        both(a, b)
