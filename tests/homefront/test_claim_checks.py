"""homefront.claim_checks: claims beside the count at their date, counted here straight from
the committed casualty files with the csv module, and never given a verdict."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re

import pytest
import yaml

from homefront import claim_checks
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.paths import CASUALTIES_FILE, DAILY_FILE, DATA_DIR

VERDICTS = re.compile(r"\b(false|true|wrong|right|correct|incorrect|accurate|exaggerat\w*|lie)\b")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA_DIR, load_config())


@pytest.fixture(scope="module")
def checks(dataset):
    return {c.figure_id: c for c in claim_checks.claim_checks(dataset)}


def daily_rows() -> list[dict[str, str]]:
    with (DATA_DIR / DAILY_FILE).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def held_by(day: str, units: set[str] | None = None) -> int:
    return sum(
        int(r["deaths"])
        for r in daily_rows()
        if r["date"] != "unknown"
        and r["date"] <= day
        and (units is None or r["unit_type"] in units)
    )


def test_the_claims_the_count_can_speak_to(checks):
    assert list(checks) == [
        "ukraine-claim-dead-newsweek",
        "ukraine-claim-dead-rferl",
        "russian-general-dead-march-25",
        "russian-mod-dead-march",
        "milley-russian-killed-or-injured",  # not the Ukrainian estimate: the count is Russian
        "mod-strike-dead-initial",
        "mod-strike-dead-revised",
        "rferl-buryatia-deaths",
        "tyva-officially-acknowledged-deaths",
    ]


def test_a_claim_dated_to_the_day_is_set_beside_the_count_that_day(checks):
    check = checks["russian-general-dead-march-25"]
    assert check.last_day == dt.date(2022, 3, 25)
    assert check.held_last == held_by("2022-03-25") == 1092
    assert check.line == "The named count is a lower bound; by 25 Mar 2022 it held 1,092."
    assert check.claim == "1,351" and check.scope == "Russia"


def test_a_claim_dated_to_a_month_is_bracketed_by_the_month(checks):
    check = checks["russian-mod-dead-march"]
    assert (check.first_day, check.last_day) == (dt.date(2022, 2, 28), dt.date(2022, 3, 31))
    assert (check.held_first, check.held_last) == (held_by("2022-02-28"), held_by("2022-03-31"))
    assert "dated only to March 2022" in check.line


def earliest_bound(source_id: str) -> dt.date:
    """The article's earliest possible day, read here from sources.yaml itself."""
    sources = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))
    return next(s["earliest"] for s in sources if s["id"] == source_id)


def held_in_region_by(iso: str, month: str, units: set[str] | None = None) -> int:
    with (DATA_DIR / CASUALTIES_FILE).open(encoding="utf-8", newline="") as f:
        return sum(
            int(r["deaths"])
            for r in csv.DictReader(f)
            if r["iso"] == iso
            and r["month"] != "unknown"
            and r["month"] <= month
            and (units is None or r["unit_type"] in units)
        )


@pytest.mark.parametrize(
    "figure_id,source_id",
    [("ukraine-claim-dead-newsweek", "newsweek"), ("ukraine-claim-dead-rferl", "rferl")],
)
def test_a_toll_as_of_an_article_of_inferred_date_is_held_the_day_before_it_could_be(
    checks, figure_id, source_id
):
    earliest = earliest_bound(source_id)
    day_before = earliest - dt.timedelta(days=1)  # a death confirmed on `earliest` may be later
    check = checks[figure_id]
    assert check.scope == "Russia"
    assert (check.first_day, check.held_first) == (day_before, held_by(day_before.isoformat()))
    assert check.last_day is None and check.held_last is None  # no latest bound: nothing above
    assert check.line == (
        f"The article was written on or after {earliest:%-d %b %Y} (its date is inferred). "
        f"The named count is a lower bound; by {day_before:%-d %b %Y} it held "
        f"{held_by(day_before.isoformat()):,}, and at least that many when the article was "
        "written."
    )
    assert check.as_of == f"{earliest:%-d %b %Y} or later (date inferred)"


@pytest.mark.parametrize(
    "figure_id,iso",
    [("rferl-buryatia-deaths", "BU"), ("tyva-officially-acknowledged-deaths", "TY")],
)
def test_a_regional_claim_of_inferred_date_is_held_against_its_regions_count(
    checks, figure_id, iso
):
    earliest = earliest_bound("rferl")  # 11 Jul 2022: the last whole month before is June
    assert (earliest.year, earliest.month, earliest.day > 1) == (2022, 7, True)
    held = held_in_region_by(iso, "2022-06")
    check = checks[figure_id]
    assert (check.first_day, check.held_first) == (dt.date(2022, 6, 30), held)
    assert held != held_by("2022-06-30")  # the region's count, not the nation's
    assert check.last_day is None and check.held_last is None
    assert check.line == (
        "The article was written on or after 11 Jul 2022 (its date is inferred), and "
        f"regional counts are monthly. The named count is a lower bound; by 30 Jun 2022 it "
        f"held {held:,}, and at least that many when the article was written."
    )


def test_buryatias_159_and_tyvas_more_than_100_beside_their_counts(checks):
    # the numbers as the committed file gives them (RFE/RL's own count; official ones)
    assert checks["rferl-buryatia-deaths"].held_first == held_in_region_by("BU", "2022-06")
    assert checks["rferl-buryatia-deaths"].claim == "159"
    assert checks["tyva-officially-acknowledged-deaths"].claim == "more than 100"


def test_unit_types_narrow_a_regional_count(dataset):
    units = ["professional army"]
    figure = dataset.figure_by_id["rferl-buryatia-deaths"]
    check = claim_checks.check_claim(dataset, figure, units)
    assert check.held_first == held_in_region_by("BU", "2022-06", set(units))
    assert check.held_first < held_in_region_by("BU", "2022-06")


def test_an_article_with_no_earliest_bound_gives_no_number(dataset):
    rferl = dataset.sources["rferl"]
    unbounded = rferl.model_copy(update={"earliest": None, "latest": dt.date(2022, 12, 31)})
    tampered = dataclasses.replace(dataset, sources={**dataset.sources, "rferl": unbounded})
    check = claim_checks.check_claim(tampered, dataset.figure_by_id["rferl-buryatia-deaths"])
    assert check.held_first is None and check.held_last is None and check.first_day is None
    assert check.line.startswith("No date to compare the count at")


def test_killed_or_injured_is_said_to_count_something_else(checks):
    check = checks["milley-russian-killed-or-injured"]
    assert check.line.startswith("The claim counts the killed and the injured; the count only")
    assert check.held_last == held_by("2022-11-30")


def test_the_strike_cannot_be_singled_out(checks):
    for figure_id in ("mod-strike-dead-initial", "mod-strike-dead-revised"):
        assert checks[figure_id].held_last is None
        assert "cannot single out this strike" in checks[figure_id].line


def test_no_line_gives_a_verdict(dataset, checks):
    lines = [c.line for c in checks.values()] + [claim_checks.top_nine_check(dataset).line]
    for line in lines:
        assert not VERDICTS.search(line.lower()), line
        assert "lower bound" in line or "cannot single out" in line


def test_unit_types_narrow_the_count(dataset):
    units = ["inmates", "private military company"]
    check = claim_checks.check_claim(
        dataset, dataset.figure_by_id["milley-russian-killed-or-injured"], units
    )
    assert check.held_last == held_by("2022-11-30", set(units)) < held_by("2022-11-30")


def test_the_top_nine_ranks_match_the_monthly_table(dataset):
    top = claim_checks.top_nine_check(dataset)
    assert set(top.named) == {"SE", "BU", "TY", "DA", "IN", "CHU"}
    assert set(top.named) <= set(top.table["iso"])
    assert int((top.table["rank_by"] <= 9).sum()) == 9  # the count's own top nine, all listed
    with (DATA_DIR / CASUALTIES_FILE).open(encoding="utf-8", newline="") as f:
        buryatia = sum(
            int(r["deaths"])
            for r in csv.DictReader(f)
            if r["iso"] == "BU" and r["month"] != "unknown" and r["month"] <= "2022-04"
        )
    rate = top.table.set_index("iso").at["BU", "rate_by"]
    assert rate == pytest.approx(buryatia / 278885 * 100_000)
    # both ends of the list's month, each counted from the table's ranks
    named = top.table[top.table["named"]]
    at_start, at_end = (int((named[rank] <= 9).sum()) for rank in ("rank_from", "rank_by"))
    assert (at_start, at_end) == (4, 3)  # Dagestan 7th by 31 Mar, 10th by 30 Apr
    assert top.line.endswith(
        f"by 31 Mar 2022, {at_start} of the 6 regions the list names were among the count's "
        f"top 9, and by 30 Apr 2022, {at_end}."
    )
