"""The Compare sources page in real Chromium, with two and with five outlets, at laptop and
projector sizes: it renders, shows its charts and a 'Not covered' cell, logs no errors and
sends no request off localhost. Screenshots go to screenshots/compare-*-sources-WxH.png.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.browser.harness import screenshot, wait_for_app

pytestmark = pytest.mark.browser
SIZES = [(1280, 720), (1920, 1080)]
VIEWS = {"2-sources": "?cmp=bbc,rferl", "5-sources": ""}


@pytest.mark.parametrize("width,height", SIZES, ids=["projector", "laptop"])
@pytest.mark.parametrize("view", VIEWS)
def test_compare_renders_cleanly(page, app_url, view, width, height):
    from playwright.sync_api import expect  # as in conftest: only browser tests need it

    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/compare{VIEWS[view]}")
    wait_for_app(page)
    # the three charts are drawn (plotly renders them after the script has finished)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length >= 3",
        timeout=30_000,
    )
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_role("heading", name="Compare sources").is_visible()
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("Not\u00a0covered").count() > 0
    assert main.get_by_text("Figure ledger", exact=True).count() == 1
    shown = 2 if view == "2-sources" else 5
    chosen = page.locator('.st-key-compare_sources button[aria-pressed="true"]')
    expect(chosen).to_have_count(shown)  # retries while Streamlit finishes drawing
    screenshot(page, f"compare-{view}-{width}x{height}")
    page.watch.assert_clean()


NEW_YEAR = "New Year's Day strike"
BEFORE = "Published before this happened"


def matrix_hover(page, row: str, column: int) -> str:
    """Hover one cell of the 'Who covers what' heatmap, found through Plotly's own axes
    (category `row`, the column-th outlet), and return the hover label a reader sees."""
    chart = page.locator(".st-key-coverage_matrix .js-plotly-plot")
    label = page.locator(".st-key-coverage_matrix .hoverlayer .hovertext")
    # Leave the chart first, so the label read below is this cell's and not the one before
    # (Plotly throttles hover events: the previous cell's label can outlive a fast move).
    page.mouse.move(0, 0)
    label.wait_for(state="detached", timeout=30_000)
    chart.scroll_into_view_if_needed()
    x, y = chart.evaluate(
        """(gd, [row, column]) => {
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
            return [xa._offset + xa.c2p(column), ya._offset + ya.c2p(ya._categories.indexOf(row))];
        }""",
        [row, column],
    )
    box = chart.bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    label.wait_for(timeout=30_000)
    return label.text_content()


# each word of a cell's badge drawn on more than one line (a range over it has two boxes)
SPLIT_WORDS = """(row) => [...row.querySelectorAll('.hf-status')].flatMap(badge => {
  const text = badge.firstChild, words = [];
  for (const m of text.data.matchAll(/\\S+/g)) {
    const range = document.createRange();
    range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
    if (range.getClientRects().length > 1) words.push(m[0]);
  }
  return words;
})"""


@pytest.mark.parametrize("width,height", [(1440, 900), (1280, 720)], ids=["laptop", "projector"])
def test_articles_before_the_new_year_strike_say_so(page, app_url, width, height):
    """The Moscow Times (by 25 Nov 2022) and the BBC (by 30 Nov 2022) were published before
    the strike; Newsweek and RFE/RL are dated only by earliest bounds (25 Jun, 11 Jul 2022),
    so they are not declared 'before', and say they may predate it. In the cells, the
    heatmap (its hover label and cell text) and the CSV."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/compare?topic=new-year-strike")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    row = main.locator(".hf-row").filter(has=page.get_by_text("Published before this happened"))
    row.first.wait_for()  # st.html draws its markup a moment after the run has finished
    cells = row.first.locator(".hf-cell").all_inner_texts()
    by_outlet = {text.splitlines()[0]: text.replace("\u00a0", " ") for text in cells}
    assert (
        BEFORE in by_outlet["The Moscow Times"]
        and "by 25 Nov 2022" in by_outlet["The Moscow Times"]
    )
    assert BEFORE in by_outlet["BBC"] and "by 30 Nov 2022" in by_outlet["BBC"]
    for outlet, earliest in (("Newsweek", "25 Jun 2022"), ("RFE/RL", "11 Jul 2022")):
        assert BEFORE not in by_outlet[outlet] and "Not covered" in by_outlet[outlet]
        assert f"on or after {earliest}, so it may have been published before" in by_outlet[outlet]
    assert "63" in by_outlet["The Conversation / Social Europe"]
    # in a fifth of the page, the badge wraps between its words, never inside one
    split = row.first.evaluate(SPLIT_WORDS)
    assert not split, f"words broken across lines in the cells' badges: {split}"

    outlets = ["The Conversation / Social Europe", "The Moscow Times", "Newsweek", "BBC", "RFE/RL"]
    labels = {o: matrix_hover(page, NEW_YEAR, i) for i, o in enumerate(outlets)}
    assert labels["The Moscow Times"] == f"{NEW_YEAR} · The Moscow Times: {BEFORE}"
    assert labels["BBC"] == f"{NEW_YEAR} · BBC: {BEFORE}"
    assert labels["Newsweek"].endswith("Not covered (may have been published before this happened)")
    assert "covered, 2 quote(s)" in labels["The Conversation / Social Europe"]
    texts = page.locator(".st-key-coverage_matrix text").all_text_contents()
    assert texts.count("before") == 2
    screenshot(page, f"compare-new-year-strike-{width}x{height}")

    button = main.get_by_role("button", name="Download CSV (5 rows)")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(text.splitlines()))  # the header first, as a spreadsheet reads it
    status = {r["source"]: r["status"] for r in table if r["topic"] == "new-year-strike"}
    assert status["moscowtimes"] == status["bbc"] == BEFORE
    assert (
        status["newsweek"]
        == status["rferl"]
        == ("Not covered (may have been published before this happened)")
    )
    assert status["socialeurope"] == "Covered"
    page.watch.assert_clean()
