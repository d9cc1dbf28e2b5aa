"""Curated source URLs in real Chromium: a link that opens the article and copies as written.

Notices built from a visitor's link stay plain text (test_hostile_content); the URLs here come
from data/sources.yaml, validated as http(s) URLs, so the provenance captions and the
briefing's source tooltip show each as a link whose text is the URL with no invisible
character inside (escape_md's word joiner would ride along into an analyst's citation).
"""

from __future__ import annotations

import pytest

from components.text import WORD_JOINER
from homefront import paths
from homefront.config import load_config
from homefront.dataset import load_dataset
from tests.browser.harness import wait_for_app

pytestmark = pytest.mark.browser
CITED = load_dataset(paths.DATA_DIR, load_config(paths.CONFIG_FILE)).sources["bessudnov2023"]
URL = CITED.url
# What a reader copies from a caption: select all its text, as a triple click would.
COPIED = """e => {
  const range = document.createRange();
  range.selectNodeContents(e);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


def test_the_cited_source_has_a_url():
    assert URL.startswith("https://"), "nothing to check: no curated URL in sources.yaml"


@pytest.mark.parametrize("path", ["", "regions", "why_regions"], ids=["overview", "regions", "why"])
def test_a_provenance_caption_links_the_url_and_copies_it_cleanly(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    wait_for_app(page, timeout=60_000)
    captions = page.get_by_test_id("stCaptionContainer").filter(has_text=CITED.outlet)
    assert captions.count() > 0, f"no caption cites {CITED.id} on /{path}"
    for i in range(captions.count()):
        caption = captions.nth(i)
        links = caption.locator("a")
        assert links.count() == 1, caption.inner_html()
        assert links.first.get_attribute("href") == URL
        assert links.first.inner_text() == URL
        copied = caption.evaluate(COPIED)
        assert URL in copied, copied
        assert WORD_JOINER not in copied.split("Source:", 1)[1], repr(copied)
    page.watch.assert_clean()


def test_the_briefing_source_tooltip_copies_the_url_cleanly(page, app_url):
    step = next(
        i
        for i, s in enumerate(load_dataset(paths.DATA_DIR, load_config()).story.briefing, 1)
        if s.view.kind == "map" or s.chart
    )
    page.goto(f"{app_url}/briefing?step={step}")
    wait_for_app(page, timeout=60_000)
    sources = page.locator(".st-key-briefing_sources")
    sources.get_by_test_id("stTooltipHoverTarget").first.hover()
    tooltip = page.get_by_test_id("stTooltipContent")
    tooltip.wait_for(timeout=30_000)
    link = tooltip.locator(f'a[href="{URL}"]')
    assert link.inner_text() == URL
    assert WORD_JOINER not in tooltip.evaluate(COPIED).split(CITED.outlet, 1)[1]
    page.watch.assert_clean()
