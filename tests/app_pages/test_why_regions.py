"""Why these regions through AppTest: the model's numbers, the charts, unit types and the
period from the link or the widgets, bad links, and a briefing step that shows one chart.

The expected R² and n are the paper's printed output (its replication analysis); the
numbers under other filters are fitted here with numpy from the committed files.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from streamlit.testing.v1 import AppTest

from components import unit_types, views
from homefront import links, paths
from tests.app_pages.error_page import error_table

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = "app_pages/why_regions.py"
CHART_TITLES = ["Rate against poverty", "Rate against ethnicity", "Rate against searches",
                "Rate against pensions"]  # fmt: skip


def open_page(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def r_squared_from_files(units: list[str] | None = None) -> float:
    """OLS R² of the whole-period rate on both predictors, with numpy, from data/ itself."""
    casualties = pd.read_csv(paths.DATA_DIR / paths.CASUALTIES_FILE, keep_default_na=False)
    if units is not None:
        casualties = casualties[casualties["unit_type"].isin(units)]
    deaths = casualties.groupby("iso")["deaths"].sum()
    regions = pd.read_csv(paths.DATA_DIR / paths.REGIONS_FILE).set_index("iso")
    factors = pd.read_csv(paths.DATA_DIR / paths.FACTORS_FILE).set_index("iso")
    table = regions.join(factors).dropna(subset=["pct_non_russian_2010"])
    y = deaths.reindex(table.index, fill_value=0) / table["men_16_61"] * 100_000
    x = np.column_stack(
        [np.ones(len(table)), table["pct_below_subsistence"], table["pct_non_russian_2010"]]
    )
    beta, *_ = np.linalg.lstsq(x, y.to_numpy(), rcond=None)
    residual = y.to_numpy() - x @ beta
    return 1 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))


def test_the_page_shows_the_papers_model_and_four_charts():
    at = open_page()
    assert metric(at, "R²") == "0.088"
    assert metric(at, "Regions (n)") == "83"
    specs = charts(at)
    assert [s["layout"]["title"]["text"].split(":")[0] for s in specs] == CHART_TITLES
    assert [s["layout"]["title"]["text"].split(": ")[1] for s in specs] == [
        "r = 0.29, n = 85",
        "r = 0.14, n = 83",
        "r = 0.61, n = 85",
        "r = 0.59, n = 83",
    ]
    for spec in specs:  # the points, then the fitted line
        assert [t["mode"] for t in spec["data"]] == ["markers+text", "lines"]
    coefficients = next(d.value for d in at.dataframe if "estimate" in d.value.columns)
    assert list(coefficients["estimate"].round(3)) == [28.366, 2.601, -0.016]
    text = " ".join(m.value for m in at.markdown)
    assert "2.60 more deaths per 100,000 men" in text
    assert "The named count is a lower bound; by 25 Mar 2022 it held 1,092." in text
    assert "false" not in text.lower()


def test_rferls_buryat_and_tyvan_counts_are_held_as_of_their_article():
    """RFE/RL's article is undated, written on or after 11 Jul 2022: the regions' counts by
    the end of June (regional counts are monthly) are what it had certainly seen."""
    at = open_page()
    casualties = pd.read_csv(paths.DATA_DIR / paths.CASUALTIES_FILE, keep_default_na=False)
    by_june = casualties[(casualties["month"] != "unknown") & (casualties["month"] <= "2022-06")]
    held = by_june.groupby("iso")["deaths"].sum()
    text = " ".join(m.value for m in at.markdown)
    for claim, iso in (("159", "BU"), ("more than 100", "TY")):
        assert f"**{claim}**" in text
        assert (
            "The article was written on or after 11 Jul 2022 (its date is inferred), and "
            "regional counts are monthly. The named count is a lower bound; by 30 Jun 2022 it "
            f"held {held[iso]:,}, and at least that many when the article was written."
        ) in text
    table = next(d.value for d in at.dataframe if "how_they_relate" in d.value.columns)
    buryatia = table.set_index("figure_id").loc["rferl-buryatia-deaths"]
    assert buryatia["scope"] == "Buryatia" and buryatia["count_held_from"] == held["BU"]
    assert buryatia["as_of"] == "11 Jul 2022 or later (date inferred)"
    assert "No date to compare" not in text


def test_choosing_unit_types_refits_the_model_and_goes_in_the_link():
    at = open_page()
    units = ["inmates", "private military company"]
    at.session_state["why_units"] = units
    at.run()
    assert not at.exception
    assert metric(at, "R²") == f"{r_squared_from_files(units):.3f}" != "0.088"
    assert at.query_params["unit"] == "inmates,private-military-company"


def test_the_model_names_the_regions_it_leaves_out_and_says_what_its_fit_shows():
    """The regions with no 2010 census row are named under the fit, whichever unit types;
    the words under it are the fit shown, naming its unit types."""
    regions = pd.read_csv(paths.DATA_DIR / paths.REGIONS_FILE).set_index("iso")
    factors = pd.read_csv(paths.DATA_DIR / paths.FACTORS_FILE).set_index("iso")
    no_census = regions.join(factors).query("pct_non_russian_2010.isna()")["name_en"].tolist()
    assert no_census, "the committed data has a region with no 2010 census row"

    def left_out(at: AppTest) -> set[str]:
        """The names the fit's caption gives as left out (in the order of the rates)."""
        caption = next(c.value for c in at.caption if "fitted with statsmodels" in c.value)
        named = re.search(r"\(([^()]*): no 2010 census row, left out\)", caption)
        return set(named.group(1).split(", ")) if named else set()

    def words(at: AppTest) -> str:
        return next(m.value for m in at.markdown if m.value.startswith("**What it shows.**"))

    at = open_page()
    assert left_out(at) == set(no_census)
    whole = words(at)
    assert f"the {len(regions) - len(no_census)} regions' rates" in whole
    at.session_state["why_units"] = ["inmates"]
    at.run()
    assert not at.exception
    assert metric(at, "R²") == f"{r_squared_from_files(['inmates']):.3f}"
    assert left_out(at) == set(no_census)
    assert words(at) != whole and ", inmates, with both predictors" in words(at)
    assert f"R² = {r_squared_from_files(['inmates']):.3f}" in words(at)


def test_the_words_under_the_model_describe_the_window_shown():
    """A user saw the window's fit (R² 0.228, poverty 1.106) with the whole period's words
    under it (2.60, p = 0.017, R² = 0.088): the words are the fit shown, and name its period."""
    at = open_page(**{"from": "2022-06-01", "to": "2022-10-31", "period": "window"})
    assert metric(at, "R²") == "0.228"
    words = next(m.value for m in at.markdown if m.value.startswith("**What it shows.**"))
    assert "For Jun 2022 – Oct 2022 (the sidebar's window), all unit types," in words
    assert "1.11 more deaths" in words and "R² = 0.228" in words
    assert "2.60" not in words and "0.088" not in words


def test_a_p_value_below_a_thousandth_is_shown_as_such_and_downloaded_as_its_number():
    """The window's poverty p (0.00002) was shown as 0.000 in the coefficient table."""
    at = open_page(**{"from": "2022-06-01", "to": "2022-10-31", "period": "window"})
    table = next(d.value for d in at.dataframe if "estimate" in d.value.columns)
    assert table["p_value"].tolist()[1] == "<0.001"
    words = next(m.value for m in at.markdown if m.value.startswith("**What it shows.**"))
    assert "p \\< 0.001" in words and "0.000" not in words  # escape_md: the text "<"
    download, _ = views.model_coefficients(dt.date(2022, 6, 1), dt.date(2022, 10, 31), None)
    assert 0 < download["p_value"][1] < 0.001


def test_many_unit_types_are_a_box_that_starts_empty_and_refits_the_model(monkeypatch):
    """Past MAX_PILLS: the box is empty for every type, a choice refits the model and goes
    in the link, a link naming every type leaves it empty, and a link reopens a choice."""
    monkeypatch.setattr(unit_types, "MAX_PILLS", 3)  # the shipped data has 7
    at = open_page()
    box = at.multiselect(key="why_units")
    assert box.value == [] and box.placeholder == "All unit types"
    whole = metric(at, "R²")
    assert whole == f"{r_squared_from_files():.3f}"
    box.set_value(["inmates"]).run()
    assert not at.exception
    assert metric(at, "R²") == f"{r_squared_from_files(['inmates']):.3f}" != whole
    assert at.query_params["unit"] == "inmates"

    every = ",".join(links.unit_slug(u) for u in views.unit_types())
    assert open_page(unit=every).multiselect(key="why_units").value == []
    assert open_page(unit="inmates").multiselect(key="why_units").value == ["inmates"]


def test_a_link_reopens_units_period_and_search():
    at = open_page(
        unit="inmates", period="window", search="svo-payments-feb", **{"from": "2022-09-01"}
    )
    assert at.segmented_control(key="why_period").value == "window"
    assert at.session_state["why_units"] == ["inmates"]
    search = charts(at)[2]["layout"]["xaxis"]["title"]["text"]
    assert "SMO" in search or "сво" in search
    captions = " ".join(c.value for c in at.caption)
    assert "Sep 2022 – Jan 2023 (the sidebar's window), inmates" in captions
    assert at.query_params["period"] == "window"
    assert at.query_params["search"] == "svo-payments-feb"


def test_bad_link_values_warn_as_text_and_fall_back():
    at = open_page(period="**bold**", search="<img src=x>", unit="tanks")
    warnings = [w.value for w in at.warning]
    assert any("period" in w and "\\*\\*bold\\*\\*" in w for w in warnings)
    assert any("search" in w for w in warnings) and any("tanks" in w for w in warnings)
    assert metric(at, "R²") == "0.088"
    assert "period" not in at.query_params


def story_copy(tmp_path: Path, monkeypatch) -> tuple[Path, dict]:
    """A copy of data/ the app reads, and its story.yaml to edit (write it back with dump)."""
    data = Path(shutil.copytree(paths.DATA_DIR, tmp_path / "data"))
    monkeypatch.setattr(paths, "DATA_DIR", data)
    return data / "story.yaml", yaml.safe_load((data / "story.yaml").read_text(encoding="utf-8"))


def dump(path: Path, story: dict) -> None:
    path.write_text(yaml.safe_dump(story, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_briefing_step_can_show_one_of_the_charts(tmp_path, monkeypatch):
    path, story = story_copy(tmp_path, monkeypatch)
    story["briefing"][2]["chart"] = "rate-pensions"
    dump(path, story)
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["step"] = "3"
    at.run()
    at.switch_page("app_pages/briefing.py").run()
    assert not at.exception, at.exception
    titles = [s["layout"].get("title", {}).get("text", "") for s in charts(at)]
    assert "Rate against pensions: r = 0.59, n = 83" in titles


def test_the_sidebars_regions_are_marked_and_named_on_every_plot():
    at = open_page(region="KEM")
    for spec in charts(at):
        points = spec["data"][0]
        kemerovo = points["text"].index("Kemerovo")
        assert points["marker"]["color"][kemerovo] == "#005AC8"
        assert points["text"][-1] == "Kemerovo"  # drawn last, on top of the crowd
    assert metric(at, "R²") == "0.088"  # marking is not filtering: the model keeps 83 regions


def test_a_chart_on_a_compare_step_is_refused_naming_its_line(tmp_path, monkeypatch):
    """A compare step's outlets fill the slide: the app names the line instead of a page
    that would not fit the projector."""
    path, story = story_copy(tmp_path, monkeypatch)
    index = next(i for i, s in enumerate(story["briefing"]) if s["view"]["kind"] == "compare")
    story["briefing"][index]["chart"] = "rate-poverty"
    dump(path, story)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.strip() == "chart: rate-poverty"
    )
    (problem,) = error_table(at).to_dict("records")
    assert (problem["file"], int(problem["line"]), problem["field"]) == (
        "story.yaml",
        line,
        f"briefing[{index}].chart",
    )
    assert "timeline or map step" in problem["problem"]


def test_the_poverty_measure_is_named_as_on_the_regions_page():
    """Regions said '% of population below subsistence, 2020', this page '% of incomes below
    the subsistence level (2020)': the source's measure is the share of the population with
    incomes below the subsistence level, and both pages, the chart and the CSV say so."""
    at = open_page()
    label = "% of population below subsistence, 2020"
    table = next(d.value for d in at.dataframe if "estimate" in d.value.columns)
    assert table["term"].tolist()[1] == label
    poverty = charts(at)[0]["layout"]["xaxis"]["title"]["text"].replace("<br>", " ")
    assert poverty == label
    text = " ".join([*(m.value for m in at.markdown), *(c.value for c in at.caption)])
    assert "of the population below subsistence in 2020" in text
    assert "of incomes" not in text and "incomes below" not in text
