"""Script, HTML and Markdown in the data, in real Chromium: shown as text, never run or drawn.

One server on a copy of the real data with a payload in a source's names, an event's title,
summary, quote and account, a headline figure, a measure, a coverage cell and topic, a
region and a casualty unit type, and in config.yaml's title, subtitle, a category label and
a briefing headline (tests/hostile_content.py). Each page of config.yaml is opened once, on
a view that shows the poisoned records; then the briefing's exported file. On each: the
script never ran (`window.__pwned` stays undefined), no element the payload describes exists
(no script with it, no onerror handler, no <img src=x>, no javascript: link, no bold or link
made from its Markdown), no link or image leads to evil.example (the payload's `<a href>`,
Markdown image and autolinks, in the page or in a Plotly chart's SVG), no request leaves the
machine (the payload's `style='filter:url(…)'`), and the payload's text is on screen as
written.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from components.text import WORD_JOINER
from homefront.briefing_export import export
from homefront.config import load_config
from homefront.dataset import load_dataset
from tests.browser.harness import ROOT, start_server, stop_server, wait_for_app
from tests.hostile_content import (
    AUTOLINKS,
    BLOCK,
    EVENT,
    MARKDOWN,
    MD_IMAGE,
    OUTSIDE,
    REGION,
    SCRIPT,
    write_hostile_config,
    write_hostile_copy,
)

pytestmark = pytest.mark.browser
CONFIG = load_config()  # the pages and steps; the hostile copy changes only text
# the view of each page that shows the poisoned records (the sidebar's Sources pills name the
# poisoned source on every page)
VIEWS = {
    "overview": "",
    "timeline": f"?event={EVENT}",
    "regions": f"?sel={REGION}",
    "compare": "",
    "briefing": "?step=1",
    "data": "",
    "why_regions": "",
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
  // <a> and <img> in the page and in Plotly's SVG (its links carry href or xlink:href)
  outside: [...document.querySelectorAll('a, img, image')]
      .filter(e => [...e.attributes].some(a => a.value.includes('OUTSIDE'))).length,
  styled: [...document.querySelectorAll('[style]')]
      .filter(e => e.getAttribute('style').includes('OUTSIDE')).length,
  lists: document.querySelectorAll('ol[start="1999"]').length,  // BLOCK, read as a list
})""".replace("OUTSIDE", OUTSIDE)
CLEAN = dict(
    pwned="undefined",
    scripts=0,
    handlers=0,
    images=0,
    jsLinks=0,
    markdown=0,
    outside=0,
    styled=0,
    lists=0,
)


def shown_text(page) -> str:
    """The page's words as a reader sees them (escape_md's invisible word joiners removed)."""
    return page.inner_text("body").replace(WORD_JOINER, "")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    return write_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_config(tmp_path_factory) -> Path:
    return write_hostile_config(tmp_path_factory.mktemp("hostile") / "config.yaml")


@pytest.fixture(scope="module")
def hostile_url(hostile_data, hostile_config) -> Iterator[str]:
    process, url = start_server(
        {"HOMEFRONT_DATA_DIR": str(hostile_data), "HOMEFRONT_CONFIG": str(hostile_config)}
    )
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
        body = shown_text(page)
        assert SCRIPT in body and MARKDOWN in body and AUTOLINKS in body, page_id
        if page_id == "timeline":  # the event's detail, its summary first on its line
            assert BLOCK in body
    page.watch.assert_clean()  # no request left the machine


def test_a_broken_value_on_the_error_page_is_plain_text(page, tmp_path):
    """A CSV cell the schema refuses is quoted in the error page's table, which Streamlit
    reads as Markdown: the payload's link, image and autolinks are shown as typed."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    month_file = data / "casualties_by_region_month.csv"
    payload = f"{MARKDOWN} {MD_IMAGE} {SCRIPT} {AUTOLINKS}"
    text = month_file.read_text(encoding="utf-8")
    month_file.write_text(text.replace("AD,2022-03,", f"AD,{payload},", 1), encoding="utf-8")
    process, url = start_server({"HOMEFRONT_DATA_DIR": str(data)})
    try:
        page.goto(url)
        wait_for_app(page, settle_ms=1000)
        assert "cannot load its data" in page.inner_text("h1")
        assert page.evaluate(INJECTED) == CLEAN
        table = page.get_by_test_id("stTable")
        assert payload in table.inner_text().replace(WORD_JOINER, "")
        page.watch.assert_clean()
    finally:
        log = stop_server(process)
    assert "Traceback" not in log


# A crafted link's values in the app's own notice: the words are shown, never a link
PHISHING = {
    "timeline": "from=https://evil.example/login&cat=Your session expired, log in at "
    "www.evil.example&src=help@evil.example",
    "regions": "q=x&region=https://evil.example/r,www.evil.example",
}


@pytest.mark.parametrize("page_id", list(PHISHING))
def test_a_crafted_link_in_a_notice_is_plain_text(page, hostile_url, page_id):
    page.goto(f"{hostile_url}/{page_id}?{PHISHING[page_id]}")
    wait_for_app(page, settle_ms=1000)
    alerts = page.get_by_test_id("stAlert")
    assert alerts.count() > 0, "no notice for the crafted link"
    assert alerts.locator("a").count() == 0, alerts.locator("a").evaluate_all(
        "els => els.map(a => a.outerHTML)"
    )
    assert "www.evil.example" in " ".join(alerts.all_inner_texts()).replace(WORD_JOINER, "")
    assert page.evaluate(INJECTED) == CLEAN
    page.watch.assert_clean()


def test_the_exported_briefing_shows_the_payload_as_text(
    browser, hostile_data, hostile_config, tmp_path
):
    out = tmp_path / "briefing.html"
    config = load_config(hostile_config)
    export(config, load_dataset(hostile_data, config), out)
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
