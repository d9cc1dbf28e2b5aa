"""homefront.ledger: periods, conflicts, revisions and the ledger table.

Conflicts are tested on small figures built here, each pair chosen to sit just inside or
just outside one part of the rule; the table on the fixture dataset (fig-b revises fig-a).
"""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest

from homefront import paths
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.date_marks import mark
from homefront.ledger import (
    LEDGER_COLUMNS,
    Conflict,
    ambiguous,
    days_apart,
    find_conflicts,
    ledger_table,
    measure_order,
    revision_chain,
    revisions,
)
from homefront.schemas import AsOfPrecision, Claim


def claim(fid: str, value: float = 100, **fields) -> Claim:
    """A figure with sensible defaults: 'dead', by 'Ministry', on 10 Mar 2022 (day)."""
    as_of = fields.pop("as_of", ("2022-03-10", "day"))
    data = {
        "id": fid,
        "measure": "dead",
        "value": value,
        "qualifier": "exact",
        "claimant": "Ministry",
        "as_of": {"date": as_of[0], "precision": as_of[1], "note": "n"},
        "source": "alpha",
        "quote": "q",
    } | fields
    return Claim.model_validate(data)


def test_period_is_the_whole_month_for_month_precision():
    assert claim("a", as_of=("2022-02-01", "month")).as_of.period == (
        dt.date(2022, 2, 1),
        dt.date(2022, 2, 28),
    )
    assert claim("a", as_of=("2022-07-11", "inferred")).as_of.period == (
        dt.date(2022, 7, 11),
        dt.date(2022, 7, 11),
    )


def test_days_apart_is_zero_when_periods_overlap():
    march = claim("a", as_of=("2022-03-01", "month"))
    assert days_apart(march, claim("b", as_of=("2022-03-25", "day"))) == 0
    assert days_apart(march, claim("b", as_of=("2022-04-10", "day"))) == 10
    assert days_apart(claim("b", as_of=("2022-02-20", "day")), march) == 9


def test_different_values_close_in_time_conflict():
    """37,500 as of one article (25 Jun 2022 or later) and 35,000 as of another (11 Jul 2022
    or later) are flagged, but not as "16 days apart": either article may be later. The
    different claimants are named as what may explain it."""
    a = claim("a", 37500, claimant="Ukraine's armed forces", as_of=("2022-06-25", "inferred"))
    b = claim(
        "b",
        35000,
        claimant="Ukrainian authorities",
        as_of=("2022-07-11", "inferred"),
        source="beta",
    )
    assert find_conflicts([a, b]) == [
        Conflict("a", "b", ("different value", "different claimant"), None)
    ]
    dated = claim("c", 30_000, as_of=("2022-07-01", "day"), source="gamma")
    assert [c.days_apart for c in find_conflicts([dated, b])] == [None]
    # both from one article: the gap moves with the article's date, so it is known
    week_before = claim("d", 20, as_of=("2022-07-04", "inferred"), source="beta")
    assert [c.days_apart for c in find_conflicts([week_before, b])] == [7]


def test_the_same_number_from_different_claimants_is_not_a_conflict():
    """Newsweek's general and RFE/RL's ministry both give 1,351 for March: two claimants of
    one number do not disagree (the Compare page once flagged them as conflicting)."""
    general = claim("general", 1351, claimant="A general", as_of=("2022-03-25", "day"))
    ministry = claim("ministry", 1351, claimant="The ministry", as_of=("2022-03-01", "month"))
    assert find_conflicts([general, ministry]) == []


def test_the_shipped_march_toll_and_ukraine_claims_are_not_conflicts():
    """The pairs once flagged for their claimants alone: both numbers can be true."""
    by_id = load_dataset(paths.DATA_DIR, load_config(paths.CONFIG_FILE)).figure_by_id
    for pair in [
        ("russian-general-dead-march-25", "russian-mod-dead-march"),
        ("ukraine-claim-dead-newsweek", "ukraine-claim-dead-rferl"),
    ]:
        assert find_conflicts([by_id[f] for f in pair]) == [], pair


@pytest.mark.parametrize(
    ("other", "why"),
    [
        (claim("b", 100), "the same claim twice (same value and claimant)"),
        (claim("b", 200, measure="wounded"), "another measure"),
        (claim("b", 200, region="TY"), "another region"),
        (claim("b", 200, as_of=("2022-04-11", "day")), "32 days later"),
        (claim("b", 200, revises="a"), "a revision, not a conflict"),
    ],
)
def test_no_conflict(other, why):
    assert find_conflicts([claim("a", 100), other]) == [], why


def test_thirty_one_days_apart_still_conflict():
    later = claim("b", 200, as_of=("2022-04-10", "day"))
    assert [c.days_apart for c in find_conflicts([claim("a", 100), later])] == [31]


def test_a_revision_of_a_revision_is_not_a_conflict_either():
    first, second = claim("first", 63), claim("second", 70, revises="first")
    third = claim("third", 89, revises="second")
    assert revision_chain("third", {f.id: f for f in (first, second, third)}) == [
        "third",
        "second",
        "first",
    ]
    assert find_conflicts([first, second, third]) == []


def test_a_range_differs_from_a_value_outside_it():
    ranged = claim("r", None, low=10, high=15)
    assert [c.reasons for c in find_conflicts([ranged, claim("v", 20)])] == [("different value",)]
    assert find_conflicts([ranged, claim("v", 10)]) == []  # within it: both can be true
    overlapping = claim("o", None, low=12, high=20, claimant="Someone else")
    assert find_conflicts([ranged, overlapping]) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("about", 37_500), ("more than", 35_000)),  # Newsweek's and RFE/RL's Ukrainian claims
        (("at least", 20), ("exact", 29)),  # Vasily's refusals, in one article
    ],
)
def test_numbers_that_can_both_be_true_are_not_a_conflict(a, b):
    """Not from one claimant, nor from two."""
    first = claim("a", a[1], qualifier=a[0])
    for claimant in ("Ministry", "Someone else"):
        second = claim("b", b[1], qualifier=b[0], claimant=claimant)
        assert find_conflicts([first, second]) == [], claimant


def test_conflict_other_names_the_partner():
    conflict = Conflict("a", "b", ("different value",), 0)
    assert (conflict.other("a"), conflict.other("b")) == ("b", "a")


def test_revisions_pairs_earlier_with_later_when_both_are_given():
    first, second = claim("first", 63), claim("second", 89, revises="first")
    assert revisions([first, second]) == [(first, second)]
    assert revisions([second]) == []


def test_measure_order_puts_the_most_claimed_first():
    figures = [claim("a", measure="x"), claim("b", measure="y"), claim("c", measure="y")]
    assert measure_order(figures, ["x", "y", "z"]) == ["y", "x"]
    assert measure_order(figures[:2], ["y", "x"]) == ["y", "x"]  # a tie keeps the list order


def test_ledger_table_on_the_fixture(fixture_dataset):
    figures = fixture_dataset.figures
    conflicts = [Conflict("fig-official", "fig-range", ("different value",), 10)]
    table = ledger_table(figures, fixture_dataset, conflicts)
    assert list(table.columns) == LEDGER_COLUMNS
    # measures.yaml order (deaths-confirmed, mobilised, complaints), then by date
    assert list(table["id"]) == [
        "fig-a",
        "fig-b",
        "fig-official",
        "fig-range",
        "fig-complaints",
        "fig-complaints-later",
    ]
    rows = table.set_index("id")
    assert rows.loc["fig-a", "revised_by"] == "fig-b"
    assert rows.loc["fig-b", "revises"] == "fig-a"
    assert rows.loc["fig-a", "claim"] == "at least 1,000"
    assert rows.loc["fig-range", "claim"] == "about 10,000–15,000"
    assert rows.loc["fig-official", "conflicts_with"] == "fig-range"
    # a reader sees the claim another refers to, not its id (issue 13.7)
    official = "300,000 (Fixture Ministry, 21 Sep 2022)"
    assert rows.loc["fig-range", "conflicts_with_claims"] == official
    assert rows.loc["fig-range", "conflict_reasons"] == f"{official}: different value"
    assert rows.loc["fig-b", "revises_claim"].startswith("at least 1,000 ")
    assert rows.loc["fig-a", "revised_by_claim"].startswith(rows.loc["fig-b", "claim"])
    assert rows.loc["fig-a", "conflicts_with"] == ""
    assert rows.loc["fig-complaints", "as_of_end"] == dt.date(2022, 11, 30)
    assert rows.loc["fig-b", "as_of_end"] is None
    assert rows.loc["fig-complaints-later", "outlet"] == "Courier"


def test_a_row_names_only_conflicts_with_another_row(fixture_dataset):
    """fig-range left out: fig-official's conflict with it is not in the table, which would
    otherwise point at a claim it does not hold."""
    kept = [f for f in fixture_dataset.figures if f.id != "fig-range"]
    conflicts = [Conflict("fig-official", "fig-range", ("different value",), 10)]
    table = ledger_table(kept, fixture_dataset, conflicts).set_index("id")
    assert table.loc["fig-official", "conflicts_with"] == ""
    assert table.loc["fig-official", "conflicts_with_claims"] == ""
    assert table.loc["fig-official", "conflict_reasons"] == ""


@pytest.mark.parametrize("recorded", ["2022-09-01", "2022-10-01", "2022-12-01"])
def test_an_inferred_date_does_not_order_the_table(fixture_dataset, recorded):
    """fig-range is dated only by its article's inferred date, an earliest bound: wherever
    that day is recorded, the row comes after the claim whose day is known."""
    figures = [
        f.model_copy(
            update={"as_of": f.as_of.model_copy(update={"date": dt.date.fromisoformat(recorded)})}
        )
        if f.id == "fig-range"
        else f
        for f in fixture_dataset.figures
    ]
    table = ledger_table(figures, fixture_dataset, [])
    mobilised = list(table.loc[table["measure"] == "mobilised", "id"])
    assert mobilised == ["fig-official", "fig-range"]


def test_the_fixture_figures_have_no_conflicts(fixture_dataset):
    # fig-b revises fig-a; the other same-measure pairs differ in region
    assert find_conflicts(fixture_dataset.figures) == []


def test_ambiguous_names_claims_only_their_subject_tells_apart():
    russian = claim("russian", 100000, claimant="Milley", subject="Russian soldiers")
    ukrainian = claim("ukrainian", 100000, claimant="Milley", subject="Ukrainian soldiers")
    other = claim("other", 100000, claimant="Someone else")
    assert ambiguous([russian, ukrainian, other]) == {"russian", "ukrainian"}
    assert ambiguous([russian, other]) == set()
    # 63 revised to 89: the revision tells them apart
    first, second = claim("first", 63), claim("second", 89, revises="first")
    assert ambiguous([first, second]) == set()


# --- drawn at the precision a claim has (issue 13.4)


@pytest.mark.parametrize(
    ("precision", "expected"), [("day", "point"), ("inferred", "hollow"), ("month", "bar")]
)
def test_each_precision_has_its_mark(precision, expected):
    assert mark(claim("a", as_of=("2022-09-01", precision))) == expected


def test_every_precision_the_schema_allows_has_a_mark():
    """A precision added to the schema without a mark broke the ledger chart (approximate:
    searching "mothers" on Compare raised a KeyError)."""
    for precision in get_args(AsOfPrecision):
        assert mark(claim("a", as_of=("2022-09-01", precision))) in {"point", "hollow", "bar"}
