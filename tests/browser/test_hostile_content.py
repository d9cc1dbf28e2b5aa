"""Script, HTML and Markdown in the data, in real Chromium: shown as text, never run or drawn.

One server on a copy of the real data with a payload in a source's names, an event's title,
summary, quote and account, a headline figure, a measure, a coverage cell and a region
(tests/hostile_content.py). Each page of config.yaml is opened once, on a view that shows
the poisoned records; then the briefing's exported file. On each: the script never ran
(`window.__pwned` stays undefined), no element the payload describes exists (no script with
it, no onerror handler, no <img src=x>, no javascript: link, no bold or link made from its
Markdown), and the payload's text is on screen as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from homefront.briefing_export import export
from homefront.config import load_config
from homefront.dataset import load_dataset
from tests.browser.harness import start_server, stop_server, wait_for_app
from tests.hostile_content import EVENT, MARKDOWN, REGION, SCRIPT, write_hostile_copy

pytestmark = pytest.mark.browser
CONFIG = load_config()
# the view of each page that shows the poisoned records (the sidebar's Sources pills name the
# poisoned source on every page)
VIEWS = {
    "overview": "",
    "timeline": f"?event={EVENT}",
    "regions": f"?sel={REGION}",
    "compare": "",
    "briefing": "?step=1",
    "data": "",
}
# what the payload would have made, had any of it been taken as markup
INJECTED = """() => ({
  pwned: typeof window.__pwned,
  scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
  handlers: [...document.querySelectorAll('*')]
      .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
  images: document.querySelectorAll('img[src="x"]').length,
  jsLinks: [...document.querySelectorAll('a')]
      .filter(a => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript'))
      .length,
  markdown: [...document.querySelectorAll('strong, b, em, a')]
      .filter(e => e.textContent === 'bold' || e.textContent === 'link').length,
})"""
CLEAN = dict(pwned="undefined", scripts=0, handlers=0, images=0, jsLinks=0, markdown=0)


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    return write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_url(hostile_data) -> Iterator[str]:
    process, url = start_server({"HOMEFRONT_DATA_DIR": str(hostile_data)})
    yield url
    log = stop_server(process)
    assert "Traceback" not in log, f"the server logged a traceback:\n{log}"


def test_every_page_shows_the_payload_as_text(page, hostile_url):
    assert set(VIEWS) >= set(CONFIG.pages), "a page without a view to check"
    for page_id in CONFIG.pages:
        path = "" if page_id == CONFIG.pages[0] else page_id
        page.goto(f"{hostile_url}/{path}{VIEWS[page_id]}")
        wait_for_app(page, settle_ms=1500)  # give a stray script or onerror time to run
        assert page.locator('[data-testid="stException"]').count() == 0, page_id
        assert "cannot load its data" not in page.inner_text("h1"), page_id
        assert page.evaluate(INJECTED) == CLEAN, page_id
        body = page.inner_text("body")
        assert SCRIPT in body and MARKDOWN in body, page_id
    page.watch.assert_clean()


def test_the_exported_briefing_shows_the_payload_as_text(browser, hostile_data, tmp_path):
    out = tmp_path / "briefing.html"
    export(CONFIG, load_dataset(hostile_data, CONFIG), out)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(out.as_uri())
    page.wait_for_selector(".plotly .main-svg", state="attached", timeout=30_000)
    page.wait_for_timeout(1500)
    # the charts' own <script> blocks hold the payload, as JSON data: not counted
    assert page.evaluate(INJECTED) | {"scripts": 0} == CLEAN
    page.emulate_media(media="print")  # a slide deck: printed, every step shows at once
    assert SCRIPT in page.inner_text("body")
    assert errors == []
    context.close()
