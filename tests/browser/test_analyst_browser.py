"""An analyst's workflow in real Chromium (issue 13, items 2-4 and 6-8; issue 14.10): filters
that are shown act, every number states its period, the ledger draws each claim at its
precision, tables read like a report, and every download opens in pandas with no options
and cites itself. Each test does what the analyst does (clicks the sidebar, presses a
download button) and asserts what they would then see or hold."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from components.navigation import PAGES, page_title
from components.tables import EVENT_COLUMNS
from homefront.topic_dates import STATUS_TEXT
from tests.browser.harness import SCREENSHOTS, screenshot, wait_for_app

pytestmark = pytest.mark.browser
SIDEBAR = '[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'
NEW_YEAR_TOPIC = "New Year's Day strike"  # a topic the BBC's article predates


def open_page(page, app_url: str, path: str = "", width: int = 1440, height: int = 900) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)


def toggle_source(page, name: str) -> None:
    """Click a source pill in the sidebar, then wait for the rerun it starts to finish."""
    pill = page.locator(SIDEBAR).get_by_role("button", name=name, exact=True)
    pressed = pill.get_attribute("aria-pressed")
    pill.click()
    page.wait_for_function(
        "([name, before]) => [...document.querySelectorAll("
        "'[data-testid=\"stSidebar\"] button')].some(b => b.innerText.trim() === name "
        "&& b.getAttribute('aria-pressed') !== before)",
        arg=[name, pressed],
        timeout=30_000,
    )
    wait_for_app(page, settle_ms=300)


def download(page, button) -> pd.DataFrame:
    """Press a download button and read the file as a user would: pandas, no options."""
    with page.expect_download(timeout=30_000) as info:
        button.click()
    path = info.value.path()
    return pd.read_csv(path)


# --- 13.2: a filter that is shown acts; one that does not act is not shown ----------------


def test_the_overview_follows_the_sidebars_sources(page, app_url):
    open_page(page, app_url)
    main = page.locator(MAIN)
    newsweek_claim = main.get_by_text("Claimed by Ukraine's armed forces", exact=False)
    assert newsweek_claim.count() == 1  # Newsweek's 37,500
    for name in ("The Conversation / Social Europe", "The Moscow Times", "Newsweek"):
        toggle_source(page, name)
    # only BBC, RFE/RL and the death count left: Newsweek's claim is gone, RFE/RL's stays
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stMain\"]').innerText"
        '.includes("Claimed by Ukraine\'s armed forces")',
        timeout=30_000,
    )
    text = main.inner_text()
    assert "Reported by RFE/RL" in text
    assert "Reported by Newsweek" not in text
    assert re.search(r"\d of 6 headline claims", text)
    assert "src=" in page.url
    page.watch.assert_clean()


def test_every_source_cleared_is_kept_by_the_link_without_a_notice(page, browser, app_url):
    """Clearing every Sources pill writes `src=` into the link; reopened in a new window,
    that link shows the same view, every pill cleared, with no notice blaming the link
    (it said the link "chose nothing valid" and put every source back)."""
    open_page(page, app_url)
    pressed = page.locator(SIDEBAR).locator('button[aria-pressed="true"]')
    names = [n.strip() for n in pressed.all_inner_texts()]
    assert len(names) >= 5  # the articles and the death count
    for name in names:
        toggle_source(page, name)
    page.wait_for_url(re.compile(r"[?&]src=(&|$)"), timeout=30_000)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    again = context.new_page()
    again.goto(page.url)
    wait_for_app(again)
    sidebar = again.locator(SIDEBAR)
    assert sidebar.locator('button[aria-pressed="true"]').count() == 0
    assert sidebar.locator('button[aria-pressed="false"]').count() == len(names)
    assert again.get_by_test_id("stAlert").filter(has_text="Link parameter").count() == 0
    context.close()
    page.watch.assert_clean()


def test_pages_draw_only_the_filters_they_apply(page, app_url):
    open_page(page, app_url)
    sidebar = page.locator(SIDEBAR)
    assert sidebar.get_by_text("Date window").count() == 1
    assert sidebar.get_by_label("Search text").count() == 0
    assert sidebar.get_by_text("Categories", exact=True).count() == 0
    note = "The categories, regions and search text filters do not apply to this page"
    assert sidebar.get_by_text(note).count() == 1
    open_page(page, app_url, "briefing")
    assert sidebar.get_by_text("Date window").count() == 0
    assert sidebar.get_by_text("Sources", exact=True).count() == 0
    assert sidebar.get_by_text("the sidebar's filters do not apply here").count() == 1
    page.watch.assert_clean()


def test_a_hidden_filter_is_kept_for_the_next_page(page, app_url):
    open_page(page, app_url, "timeline")
    box = page.locator(SIDEBAR).get_by_label("Search text")
    box.fill("mothers")
    box.press("Enter")
    page.wait_for_url("**q=mothers**", timeout=30_000)
    page.locator(SIDEBAR).get_by_role("link", name="Overview").click()
    wait_for_app(page)
    assert page.locator(SIDEBAR).get_by_label("Search text").count() == 0
    page.wait_for_url("**q=mothers**", timeout=30_000)  # still in the link
    page.locator(SIDEBAR).get_by_role("link", name="Timeline").click()
    wait_for_app(page)
    assert page.locator(SIDEBAR).get_by_label("Search text").input_value() == "mothers"
    page.watch.assert_clean()


def test_every_page_has_its_own_browser_title(page, app_url):
    for page_id, spec in PAGES.items():
        open_page(page, app_url, page_id)
        assert page.title() == page_title(spec.title) == f"{spec.title} \u2014 Home Front"


# --- 13.3: one period, said the same way everywhere ----------------------------------------


def test_each_source_has_its_own_as_of_on_the_overview(page, app_url):
    from playwright.sync_api import expect

    open_page(page, app_url)
    main = page.locator(MAIN)
    expect(main).to_contain_text("Articles as of 10 Jan 2023 (the latest publication date known)")
    expect(main).to_contain_text(
        "death count as of 11 Apr 2023 (Bessudnov (2023), records from 25 Feb 2022)"
    )
    metric = main.get_by_test_id("stMetric").first
    metric.scroll_into_view_if_needed()
    expect(metric).to_contain_text(
        "Russian military deaths confirmed by name, Feb 2022 \u2013 Jan 2023"
    )


def test_the_regions_page_shows_the_count_s_full_period_in_one_click(page, app_url):
    from playwright.sync_api import expect

    open_page(page, app_url, "regions?sel=TY")
    main = page.locator(MAIN)
    box = page.locator(".st-key-full_period")
    expect(box).to_contain_text("The count runs 25 Feb 2022 \u2013 11 Apr 2023", timeout=30_000)
    rate = main.get_by_test_id("stMetric").filter(has_text=re.compile("^Per 100,000 men"))
    rate.scroll_into_view_if_needed()
    expect(rate).to_contain_text("164.7", timeout=30_000)  # the story's window
    box.scroll_into_view_if_needed()
    box.get_by_role("button").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stMetric\"]')]"
        ".some(m => m.innerText.includes('Per 100,000 men') && m.innerText.includes('248.7'))",
        timeout=30_000,
    )
    wait_for_app(page)
    assert main.get_by_text("Numbers below: the whole count").count() == 1
    page.wait_for_url("**to=2023-04-11**", timeout=30_000)
    page.watch.assert_clean()


# --- 13.4: the ledger draws each claim at its precision -------------------------------------

# every claim the ledger chart draws, read from the data Plotly drew it from
LEDGER_CLAIMS = """() => {
  const chart = document.querySelector('.st-key-ledger .js-plotly-plot');
  const claims = [];
  for (const trace of chart.data) {
    if (!trace.customdata || trace.mode !== 'markers+text') continue;
    trace.customdata.forEach((row, i) => claims.push({
      id: row[5], mark: row[6], x: trace.x[i], size: trace.marker.size[i],
      symbol: trace.marker.symbol[i]}));
  }
  // an outlet's bars are one trace, each bar two points and a gap (null) after it
  const bars = [];
  for (const trace of chart.data.filter(t => t.mode === 'lines')) {
    for (let i = 0; i + 1 < trace.x.length; i += 3) {
      if (trace.x[i] !== null && trace.x[i] !== trace.x[i + 1])
        bars.push({x0: trace.x[i], x1: trace.x[i + 1], y: trace.y[i]});
    }
  }
  return {claims, bars};
}"""


@pytest.mark.parametrize(
    ("measure", "month_claims", "article_day"),
    [
        (
            "new_year_strike_dead",
            ["mod-strike-dead-initial", "mod-strike-dead-revised"],
            "2023-01-10",
        ),
        ("russian_military_dead", ["russian-mod-dead-march"], "2022-07-11"),
    ],
)
def test_month_claims_are_bars_never_later_than_their_article(
    page, app_url, measure, month_claims, article_day
):
    open_page(page, app_url, f"compare?measure={measure}")
    page.locator(".st-key-ledger .main-svg").first.wait_for(timeout=30_000)
    drawn = page.evaluate(LEDGER_CLAIMS)
    claims = {c["id"]: c for c in drawn["claims"]}
    for fid in month_claims:
        claim = claims[fid]
        assert claim["mark"] == "bar" and claim["size"] == 0, claim  # no filled dot
        assert claim["x"][:10] <= article_day
    assert all(bar["x1"][:10] <= "2023-01-10" for bar in drawn["bars"])
    if measure == "new_year_strike_dead":  # 1-10 January: not past the article
        assert {(b["x0"][:10], b["x1"][:10]) for b in drawn["bars"]} == {
            ("2023-01-01", "2023-01-10")
        }
    else:  # Newsweek's "March 25" is a day: a filled dot
        assert claims["russian-general-dead-march-25"]["symbol"] == "circle"
        assert claims["russian-general-dead-march-25"]["size"] > 0
    chart = page.locator(".st-key-ledger")
    chart.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(exist_ok=True)
    chart.screenshot(path=str(SCREENSHOTS / f"ledger-{measure}-1440x900.png"))
    page.watch.assert_clean()


# --- 13.6, 13.7, 13.8: tables and their downloads -------------------------------------------


def test_the_figures_table_and_its_download_tell_milleys_two_estimates_apart(page, app_url):
    config_window = "?from=2022-01-01&to=2023-06-30"
    open_page(page, app_url, f"data{config_window}")
    page.get_by_role("tab", name=re.compile("^Figures")).click()
    grid = page.get_by_role("region", name=re.compile("^Claimed figures shown"))
    grid.wait_for(timeout=30_000)
    table = download(page, page.locator('[class*="st-key-download_homefront_figures"] button'))
    milley = table[table["id"].str.startswith("milley-")]
    assert sorted(milley["claim"]) == [
        "about 100,000 Russian soldiers",
        "about 100,000 Ukrainian soldiers",
    ]
    assert len(milley.drop(columns=["id", "subject", "claim", "note"]).drop_duplicates()) == 1
    revised = table.set_index("id").loc["mod-strike-dead-revised", "revises_claim"]
    assert revised.startswith("63 Russian soldiers (Russian Ministry of Defence")


@pytest.mark.parametrize(
    ("path", "tab", "file"),
    [
        ("data", "Events", "homefront_events"),
        ("data", "Figures", "homefront_figures"),
        ("data", "Quotes", "homefront_quotes"),
        ("data", "Sources", "homefront_sources"),
        ("timeline", None, "homefront_timeline_events"),
        ("compare", None, "homefront_ledger"),
        ("regions", None, "homefront_regions"),
        ("regions", None, "homefront_crimea_sevastopol"),
    ],
)
def test_every_download_opens_with_no_options_and_cites_itself(page, app_url, path, tab, file):
    open_page(page, app_url, path)
    if tab:
        page.get_by_role("tab", name=re.compile(f"^{tab}")).click()
    button = page.locator(f'[class*="st-key-download_{file}"] button')
    button.scroll_into_view_if_needed()
    rows = int(re.search(r"\((\d+) rows\)", button.inner_text()).group(1))
    table = download(page, button)
    assert len(table) == rows > 0
    assert not any(str(c).startswith("Unnamed") for c in table.columns)
    assert table["cite_as"].str.len().min() > 20
    assert table["view_link"].str.contains(f"/{path}").all()
    assert set(table["downloaded_on"]) == {dt.date.today().isoformat()}
    assert table["view_filters"].str.startswith("Home Front, ").all()
    page.watch.assert_clean()


def test_a_download_records_the_filters_and_link_of_the_view(page, app_url):
    open_page(page, app_url, "data?src=bbc,rferl&q=mothers")
    table = download(page, page.locator('[class*="st-key-download_homefront_events"] button'))
    filters = table["view_filters"].iloc[0]
    assert "sources: BBC, RFE/RL" in filters and "search text: mothers" in filters
    link = table["view_link"].iloc[0]
    assert "src=bbc%2Crferl" in link and "q=mothers" in link
    assert set(table["outlets"].str.contains("BBC|RFE/RL")) == {True}


def test_the_events_grid_shows_its_columns_and_the_download_holds_every_field(page, app_url):
    """The grid is sent only the columns it shows (components.tables.record_table); what an
    analyst downloads beside it is still every field of every row shown."""
    open_page(page, app_url, "data?q=mothers")
    grid = page.get_by_role("region", name=re.compile("^Events shown"))
    grid.scroll_into_view_if_needed(timeout=30_000)
    grid.locator('[role="gridcell"]').first.wait_for(state="attached", timeout=30_000)
    headings = [h.strip() for h in grid.locator('[role="columnheader"]').all_text_contents()]
    assert headings == [column["label"] for column in EVENT_COLUMNS.values()]
    shown = int(re.search(r"Events \((\d+) of", page.get_by_role("tab").first.inner_text())[1])
    table = download(page, page.locator('[class*="st-key-download_homefront_events"] button'))
    assert len(table) == shown > 0
    assert {"id", "summary", "date_precision", "sources", "when", "title"} <= set(table.columns)
    assert table["summary"].str.len().min() > 0
    assert table["summary"].str.casefold().str.contains("mother").any()


TABLES = [
    ("data", "Events", "Events shown"),
    ("data", "Figures", "Claimed figures shown"),
    ("data", "Quotes", "Quotes shown"),
    ("data", "Sources", "Sources shown"),
    ("timeline", None, "The 38 events shown in the timeline"),
    ("compare", None, "Figure ledger: the"),
]


@pytest.mark.parametrize(("path", "tab", "name"), TABLES)
def test_a_table_fits_at_1440_has_a_name_and_no_none(page, app_url, path, tab, name):
    open_page(page, app_url, path)
    if tab:
        page.get_by_role("tab", name=re.compile(f"^{tab}")).click()
    table = page.get_by_role("region", name=re.compile(f"^{re.escape(name)}"))
    table.scroll_into_view_if_needed(timeout=30_000)  # tables mount when scrolled to
    scroller = table.locator(".dvn-scroller")
    scroller.wait_for(timeout=30_000)
    scroll_width, client_width = scroller.evaluate("s => [s.scrollWidth, s.clientWidth]")
    assert scroll_width <= client_width, f"{name}: columns cut off ({scroll_width} px)"
    # what a screen reader and a sighted reader get: the rendered cells hold no "None"
    cells = table.locator('[role="gridcell"]')
    cells.first.wait_for(state="attached", timeout=30_000)  # the grid's screen-reader table
    texts = cells.all_text_contents()
    # the grid's own CSV export (no citation, formulas unescaped) is not offered
    table.hover()
    export = page.locator('button[aria-label^="Download as CSV"]')
    assert export.count() >= 1 and not export.first.is_visible()
    assert texts and not [t for t in texts if t.strip() in ("None", "nan", "NaT")]
    screenshot(page, f"table-{path}-{tab or 'main'}-1440x900")


def test_the_compare_heatmaps_have_a_table_alternative(page, app_url):
    open_page(page, app_url, "compare")
    for name in ("Who covers what", "Who gets a voice"):
        page.get_by_role("heading", name=name).scroll_into_view_if_needed()
        chart = page.get_by_role("figure", name=re.compile(f"^{name}"))
        chart.wait_for(timeout=30_000)  # the chart's accessible name
        page.get_by_text(f"Table: {name}").click()
        region = page.get_by_role("region", name=re.compile(f"^{name}"))
        region.wait_for(timeout=30_000)
    button = page.locator('[class*="st-key-download_homefront_coverage_matrix"] button')
    table = download(page, button)
    assert len(table) == 12 and table.columns[0] == "topic"
    cells = table[["BBC", "Newsweek", "RFE/RL"]].stack()
    said = {"covered, 1 quote(s)", *STATUS_TEXT.values()}  # as the heatmap's cells say it
    assert cells.str.replace(r"\d+ quote", "1 quote", regex=True).isin(said).all(), cells
    assert (
        table.loc[table["topic"] == NEW_YEAR_TOPIC, "BBC"] == STATUS_TEXT["published before"]
    ).all()
    page.watch.assert_clean()
