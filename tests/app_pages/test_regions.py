"""The Regions page through AppTest: the map spec, the numbers beside it, the link's metric,
unit types and selection, the detail panel, the sidebar's filters and page switches.

Expected numbers are counted here straight from data/casualties_by_region_month.csv with
pandas, not with homefront.rates, so the page is checked against the file itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components import unit_types
from homefront.charts.classes import hex_to_rgba
from homefront.charts.theme import PALETTE

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
CASUALTIES = pd.read_csv(ROOT / "data" / "casualties_by_region_month.csv", dtype={"month": str})
FOCUS_LINE = [20, 20, 20, 255]
SELECTED_LINE = [0, 90, 200, 255]


def open_regions(**params: str) -> AppTest:
    """A fresh session opened from a link to the Regions page with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/regions.py").run()
    assert not at.exception, at.exception
    return at


def deaths_in(first: str, last: str, iso: str | None = None, units: list[str] | None = None):
    rows = CASUALTIES[(CASUALTIES["month"] >= first) & (CASUALTIES["month"] <= last)]
    rows = rows[rows["month"] != "unknown"]
    if iso is not None:
        rows = rows[rows["iso"] == iso]
    if units is not None:
        rows = rows[rows["unit_type"].isin(units)]
    return int(rows["deaths"].sum())


def metric_value(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def map_features(at: AppTest) -> dict[str, dict]:
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(layer for layer in spec["layers"] if layer["id"] == "regions")
    return {f["properties"]["iso"]: f["properties"] for f in layer["data"]["features"]}


def map_outlines(at: AppTest) -> dict[str, dict]:
    """The outlined regions' line colour and width, in the order they are drawn."""
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layer = next(layer for layer in spec["layers"] if layer["id"] == "outlines")
    return {f["properties"]["iso"]: f["properties"] for f in layer["data"]["features"]}


def legend_title(at: AppTest) -> str:
    """The bold line above the legend's swatches (text, so it wraps on a phone)."""
    bold = [m.value for m in at.markdown if m.value.startswith("**") and m.value.endswith("**")]
    title = next(b for b in bold if " · " in b or "regional indicator" in b)
    return title[2:-2].replace("\\", "")  # Markdown escapes off


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts + [h.value for h in at.subheader])


def test_default_map_draws_83_regions_offline_with_buryatia_and_tyva_outlined():
    at = open_regions()
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert "mapbox" not in json.dumps(spec).lower() and "carto" not in json.dumps(spec).lower()
    assert spec["views"][0]["@@type"] == "OrthographicView"
    # a click selects at once: with double-click zoom on, deck.gl holds each click ~300 ms
    assert spec["views"][0]["controller"] == {"doubleClickZoom": False}
    features = map_features(at)
    assert len(features) == 83
    assert "UA-43" not in features and "UA-40" not in features  # no polygon for Crimea
    # Buryatia's tooltip: its deaths in the default window (Feb 2022 - Jan 2023)
    assert features["BU"]["deaths"] == f"{deaths_in('2022-02', '2023-01', 'BU'):,}"
    assert features["BU"]["name"] == "Buryatia / Республика Бурятия"
    # the tooltip that names a hovered region's fields reaches the browser beside the spec
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert tooltip["text"].startswith("{name}\nConfirmed deaths: {deaths}")
    layers = {layer["id"]: layer for layer in spec["layers"]}
    # the fill alone answers clicks (picking outlines too made clicks too slow to count), and
    # is not stroked: the white borders are drawn once each, the outlines on top
    assert [layer.get("pickable", False) for layer in spec["layers"]] == [
        True,
        False,
        False,
        False,
    ]
    assert layers["regions"]["stroked"] is False
    assert layers["borders"]["@@type"] == "PathLayer" and len(layers["borders"]["data"]) > 50
    outlined = map_outlines(at)
    assert outlined == {
        "BU": {"iso": "BU", "line": FOCUS_LINE, "width": 3},
        "TY": {"iso": "TY", "line": FOCUS_LINE, "width": 3},
    }
    labels = next(layer for layer in spec["layers"] if layer["id"] == "labels")["data"]
    assert sorted(label["text"] for label in labels) == ["Buryatia", "Tuva"]
    # neighbours' names spread apart (on a phone they printed over each other): the western
    # one ends at its point, the eastern one starts there
    assert {label["text"]: label["anchor"] for label in labels} == {
        "Tuva": "end",
        "Buryatia": "start",
    }
    assert layers["labels"]["getTextAnchor"] == "@@=anchor"
    assert legend_title(at) == (
        "Deaths per 100,000 men aged 16–61.5 · confirmed Feb 2022 – Jan 2023 · all unit types"
    )


def test_numbers_beside_the_map_count_unknown_region_and_explain_unknown_month():
    at = open_regions()
    no_region = deaths_in("2022-02", "2023-01", "unknown")
    assert metric_value(at, "Deaths with no region") == f"{no_region:,}"
    mapped = deaths_in("2022-02", "2023-01") - no_region
    crimea = deaths_in("2022-02", "2023-01", "UA-43") + deaths_in("2022-02", "2023-01", "UA-40")
    assert metric_value(at, "Deaths on the map") == f"{mapped - crimea:,}"
    undated = int(CASUALTIES.loc[CASUALTIES["month"] == "unknown", "deaths"].sum())
    assert metric_value(at, "Deaths with no month") == f"{undated:,}"
    no_month = next(m for m in at.metric if m.label == "Deaths with no month")
    assert no_month.proto.delta == "left out of this window"


def test_the_whole_period_counts_deaths_with_no_month():
    at = open_regions(**{"from": "2022-01-01", "to": "2023-06-30"})
    no_month = next(m for m in at.metric if m.label == "Deaths with no month")
    assert no_month.proto.delta == "counted in this window"
    total = int(CASUALTIES.loc[CASUALTIES["iso"] == "BU", "deaths"].sum())
    assert map_features(at)["BU"]["deaths"] == f"{total:,}"


def test_link_sets_metric_unit_types_and_selected_region():
    at = open_regions(metric="deaths", unit="inmates,volunteers", sel="BU")
    assert at.query_params["metric"] == "deaths"
    assert at.query_params["unit"] == "inmates,volunteers"
    assert at.query_params["sel"] == "BU"
    expected = deaths_in("2022-02", "2023-01", "TY", ["inmates", "volunteers"])
    assert map_features(at)["TY"]["deaths"] == f"{expected:,}"
    assert legend_title(at) == (
        "Confirmed deaths · confirmed Feb 2022 – Jan 2023 · inmates, volunteers"
    )
    assert list(map_outlines(at)) == ["TY", "BU"]  # the selected region drawn last, on top
    assert map_outlines(at)["BU"]["line"] == SELECTED_LINE
    assert "Buryatia / Республика Бурятия" in [s.value for s in at.subheader]
    buryatia = deaths_in("2022-02", "2023-01", "BU", ["inmates", "volunteers"])
    assert metric_value(at, "Confirmed deaths") == f"{buryatia:,}"


def test_bad_link_values_give_notices_and_the_default_view():
    at = open_regions(metric="bogus", unit="tanks", sel="ZZ")
    notices = " ".join(w.value for w in at.warning)
    assert "metric=bogus" in notices and "tanks" in notices and "sel=ZZ" in notices
    assert legend_title(at).startswith("Deaths per 100,000 men aged 16–61.5")
    assert "metric" not in at.query_params and "sel" not in at.query_params
    assert not at.subheader or "Республика" not in " ".join(s.value for s in at.subheader)


def test_choosing_a_region_in_the_select_box_opens_its_detail_and_its_events():
    at = open_regions()
    at.selectbox(key="regions_sel").select("TY").run()
    assert not at.exception
    assert at.query_params["sel"] == "TY"
    text = page_text(at)
    assert "Tuva / Республика Тыва" in text
    # an event of data/events.yaml that names Tyva, with its outlet
    assert "Fourteen Tyvan soldiers who refused further combat are released" in text
    assert "RFE/RL" in text
    # before the default window (Jan 2022): not listed, but counted as not matching
    assert "A Tyvan soldier's unit is moved to Belarus" not in text
    months = at.get("plotly_chart")[1]
    spec = json.loads(months.proto.spec)
    assert spec["layout"]["title"]["text"] == "Deaths per month, Tuva"
    by_month = dict(zip(spec["data"][0]["x"], spec["data"][0]["y"], strict=True))
    assert by_month["Sep 2022"] == deaths_in("2022-09", "2022-09", "TY")


def test_metric_and_selection_survive_a_page_switch():
    at = open_regions(metric="poverty", sel="TY")
    at.switch_page("app_pages/data.py").run()
    at.switch_page("app_pages/regions.py").run()
    assert not at.exception
    assert at.segmented_control(key="regions_metric").value == "poverty"
    assert legend_title(at).startswith("% of population below subsistence")
    assert at.query_params["sel"] == "TY"


def test_sidebar_regions_fade_the_rest_and_limit_the_table():
    at = open_regions(region="BU,TY")
    features = map_features(at)
    assert features["BU"]["fill"][3] == 255 and features["TY"]["fill"][3] == 255
    assert features["MOW"]["fill"][3] < 255
    table = at.dataframe[-1].value
    assert sorted(table["iso"]) == ["BU", "TY"]


def test_crimea_and_sevastopol_are_listed_apart_with_the_reason():
    at = open_regions()
    text = page_text(at)
    assert "occupied Ukrainian territory that Russia claims" in text
    apart = at.dataframe[0].value
    assert sorted(apart["name_en"]) == ["Crimea", "Sevastopol"]
    table = at.dataframe[-1].value
    assert len(table) == 83 and not set(table["iso"]) & {"UA-43", "UA-40"}


def test_metric_selector_recolours_the_map_and_reaches_the_link():
    at = open_regions()
    before = map_features(at)
    at.segmented_control(key="regions_metric").set_value("poverty").run()
    assert not at.exception
    after = map_features(at)
    assert at.query_params["metric"] == "poverty"
    assert legend_title(at).startswith("% of population below subsistence")
    # Nenets: a top-3 rate but one of the lowest poverty shares
    assert before["NEN"]["fill"] != after["NEN"]["fill"]


def test_many_unit_types_are_a_searchable_box_empty_for_all(monkeypatch):
    """Past MAX_PILLS the unit types are a multiselect: empty (every type) by default, a
    choice in it recounts the map and goes in the link, and a link reopens it."""
    monkeypatch.setattr(unit_types, "MAX_PILLS", 3)  # the shipped data has 7
    at = open_regions()
    assert "regions_units" not in [b.key for b in at.button_group]  # no pills
    box = at.multiselect(key="regions_units")
    assert box.label == unit_types.LABEL and box.value == []
    assert legend_title(at).endswith("· all unit types")
    box.set_value(["inmates", "volunteers"]).run()
    assert not at.exception
    assert at.query_params["unit"] == "inmates,volunteers"
    expected = deaths_in("2022-02", "2023-01", "TY", ["inmates", "volunteers"])
    assert map_features(at)["TY"]["deaths"] == f"{expected:,}"
    assert legend_title(at).endswith("· inmates, volunteers")

    reopened = open_regions(unit="volunteers,inmates")
    assert reopened.multiselect(key="regions_units").value == ["inmates", "volunteers"]
    assert map_features(reopened)["TY"]["deaths"] == f"{expected:,}"


def test_window_filter_changes_the_map():
    at = open_regions()
    at.slider(key="f_window").set_value((dt.date(2022, 9, 1), dt.date(2022, 12, 31))).run()
    assert not at.exception
    expected = deaths_in("2022-09", "2022-12", "BU")
    assert map_features(at)["BU"]["deaths"] == f"{expected:,}"
    assert "Sep 2022 – Dec 2022" in legend_title(at)


def test_dragging_the_window_within_its_months_reuses_the_map(monkeypatch):
    """The counts are by month, so a window moved a few days inside the same months draws
    the same map, taken from the shared views, not built again; into another month, it is."""
    from homefront.charts import region_map

    builds = []
    map_deck = region_map.map_deck
    monkeypatch.setattr(
        region_map, "map_deck", lambda *args, **kw: builds.append(args) or map_deck(*args, **kw)
    )
    at = open_regions()
    window = at.slider(key="f_window")
    window.set_value((dt.date(2022, 9, 1), dt.date(2022, 11, 30))).run()
    shown, built = map_features(at), len(builds)
    at.slider(key="f_window").set_value((dt.date(2022, 9, 14), dt.date(2022, 11, 3))).run()
    assert not at.exception
    assert map_features(at) == shown
    assert len(builds) == built, "a window over the same months built the map again"
    assert "Sep 2022 – Nov 2022" in legend_title(at)
    at.slider(key="f_window").set_value((dt.date(2022, 9, 14), dt.date(2022, 12, 3))).run()
    assert len(builds) == built + 1
    assert map_features(at)["BU"]["deaths"] == f"{deaths_in('2022-09', '2022-12', 'BU'):,}"


def test_a_window_with_no_deaths_of_a_unit_type_says_there_is_no_correlation():
    """Volunteers confirmed in Feb 2022: none, so every rate is 0 and ρ is undefined, not nan."""
    assert deaths_in("2022-02", "2022-02", units=["volunteers"]) == 0
    at = open_regions(unit="volunteers")
    at.slider(key="f_window").set_value((dt.date(2022, 2, 24), dt.date(2022, 2, 28))).run()
    assert not at.exception
    text = page_text(at)
    assert "No rank correlation" in text and "Feb 2022, volunteers" in text
    assert "Spearman" not in text
    titles = [
        json.loads(c.proto.spec)["layout"].get("title", {}).get("text", "")
        for c in at.get("plotly_chart")
    ]
    assert "Rate against poverty: ρ undefined" in titles
    assert not any("nan" in t for t in [*titles, text]), "a NaN reached the page"
    # and no "Top 20" of regions tied at 0, in the order of their codes
    assert not any(t.startswith("Top ") for t in titles)
    assert "No confirmed deaths in Feb 2022, volunteers: no region to rank" in at.info[0].value
    assert "Whiskers" not in text
    # one colour for all, the lightest, and the legend says so (not the darkest, "quantiles")
    assert "One colour: every region has the same value here (0.0)." in text
    assert "quantiles" not in text
    lightest = hex_to_rgba(PALETTE[0])
    assert all(f["fill"] == lightest for f in map_features(at).values())


def test_the_ranking_shows_only_the_regions_with_a_death():
    """Volunteers confirmed in March 2022: a handful of regions, not 20 with the rest at 0."""
    rows = CASUALTIES[
        (CASUALTIES["month"] == "2022-03")
        & (CASUALTIES["unit_type"] == "volunteers")
        & (CASUALTIES["deaths"] > 0)
        & ~CASUALTIES["iso"].str.startswith("UA-")  # Crimea and Sevastopol are not ranked
    ]
    expected = set(rows["iso"])
    assert 1 < len(expected) < 20, "the data no longer makes this case"
    at = open_regions(unit="volunteers")
    at.slider(key="f_window").set_value((dt.date(2022, 3, 1), dt.date(2022, 3, 31))).run()
    assert not at.exception
    chart = next(
        c
        for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["layout"].get("title", {}).get("text", "").startswith("Top ")
    )
    spec = json.loads(chart.proto.spec)
    # as the reader reads it: the title's lines (theme.figure breaks it to fit a phone)
    assert spec["layout"]["title"]["text"].replace("<br>", " ") == (
        f"Top {len(expected)} by deaths per 100,000 men aged 16–61.5"
    )
    names = pd.read_csv(ROOT / "data" / "regions.csv").set_index("iso")["name_en"]
    assert set(spec["data"][0]["y"]) == {names[iso] for iso in expected}
    assert chart.proto.alt.startswith(f"Bar chart of the {len(expected)} regions")
    # deaths in a few regions: a correlation, the same ρ in the scatter's title and caption
    titles = [
        json.loads(c.proto.spec)["layout"].get("title", {}).get("text", "")
        for c in at.get("plotly_chart")
    ]
    rho = next(t for t in titles if t.startswith("Rate against poverty: ")).split(": ")[1]
    assert re.fullmatch(r"ρ = -?0\.\d\d", rho), rho
    assert f"Spearman's rank correlation {rho} (p = " in page_text(at)


def test_a_p_value_below_a_thousandth_reads_as_such():
    """Spearman's p for Jun–Oct 2022 is 0.0003: written p < 0.001, never p = 0.000."""
    text = page_text(open_regions(**{"from": "2022-06-01", "to": "2022-10-31"}))
    assert "(p < 0.001, 83 regions;" in text and "p = 0.000" not in text


def test_caveats_and_sources_are_on_the_page():
    text = page_text(open_regions())
    assert "lower bound" in text
    assert "2021 census" in text
    assert "Coverage differs by region" in text
    assert "Bessudnov" in text
    assert "Radio Free Europe/Radio Liberty" in text and "Social Europe" in text


def test_region_charts_have_an_accessible_name_and_a_table_of_the_same_numbers():
    at = open_regions(sel="BU")
    charts = at.get("plotly_chart")
    layouts = [json.loads(c.proto.spec)["layout"] for c in charts]
    alts = {
        layout["title"]["text"]: chart.proto.alt
        for layout, chart in zip(layouts, charts, strict=True)
        if "title" in layout
    }
    assert "deaths per month in Buryatia" in alts["Deaths per month, Buryatia"]
    assert "by unit type" in alts["By unit type, Buryatia"]
    labels = [e.label for e in at.expander]
    assert "Table: deaths per month, Buryatia" in labels
    assert "Table: deaths by unit type, Buryatia" in labels
    months = next(e for e in at.expander if e.label.startswith("Table: deaths per month"))
    table = months.dataframe[0].value
    window = table[table["date window"] == "inside"]
    assert window["deaths"].sum() == deaths_in("2022-02", "2023-01", "BU")
    assert "Sep 2022" in table["month"].tolist()
    units = next(e for e in at.expander if e.label.startswith("Table: deaths by unit type"))
    assert units.dataframe[0].value["deaths"].sum() == deaths_in("2022-02", "2023-01", "BU")


def test_the_regions_table_shows_rates_as_printed_with_no_empty_cells():
    at = open_regions()
    table = at.dataframe[-1].value
    assert table.loc[table["iso"] == "TY", "rate_per_100k"].tolist() == [164.7]
    for column in ("rate_per_100k", "rate_low", "rate_high", "pct_below_subsistence"):
        assert (table[column] == table[column].round(1)).all(), column
    assert not table.isna().any().any()


def test_each_rank_says_what_it_ranks_by():
    """Coloured by deaths, Buryatia's detail ranks it by deaths; the table of all regions ranks
    by rate. Counted here from the file: two numbers called "rank" would read as a conflict."""
    at = open_regions(metric="deaths", sel="BU")
    rows = CASUALTIES[(CASUALTIES["month"] >= "2022-02") & (CASUALTIES["month"] <= "2023-01")]
    rows = rows[~rows["iso"].isin(["UA-40", "UA-43"]) & (rows["month"] != "unknown")]
    by_deaths = rows.groupby("iso")["deaths"].sum().rank(ascending=False, method="min")
    assert metric_value(at, "Rank, deaths") == f"{int(by_deaths['BU'])} of 83"
    table = at.dataframe[-1].value
    assert "rank" not in table.columns
    by_rate = table.sort_values("rate_per_100k", ascending=False)["iso"].tolist()
    assert table.loc[table["iso"] == "BU", "rate_rank"].item() == by_rate.index("BU") + 1
    assert by_deaths["BU"] != by_rate.index("BU") + 1  # the two ranks differ, as named


def test_without_the_count_among_the_sources_the_page_offers_it_back():
    """The Sources filter without Bessudnov (2023): the Overview and the Timeline drop its
    deaths, and so does this page, which is built on them; one click brings it back."""
    at = open_regions(src="socialeurope,bbc,rferl", metric="deaths")
    assert not at.get("deck_gl_json_chart") and not at.dataframe and not at.metric
    note = next(m.value for m in at.markdown if "death count" in m.value)
    assert "not among the sidebar's sources" in note and "map" in note
    at.button(key="count_left_out_button").click().run()
    assert not at.exception, at.exception
    assert "bessudnov" in at.query_params["src"]
    assert map_features(at)["BU"]["deaths"]  # the map is back, in the view the link chose
    assert at.query_params["metric"] == "deaths"
