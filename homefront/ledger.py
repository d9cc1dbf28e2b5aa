"""The figure ledger: every claimed value per measure, its revisions and its conflicts.

A figure is a claim, not a fact; the ledger puts the claims about one measure side by
side. Two claims *conflict* when they count the same measure for the same place
(region, or none) at a similar time and their numbers cannot both be true (claim_values),
unless one revises the other (a revision is the same claimant correcting itself, drawn
as an arrow instead). Different claimants of the same number (1,351 in March, from "a
Russian general" and the Defence Ministry), or of numbers that can both be true ("about
37,500" and "more than 35,000"), do not disagree: a conflict names different claimants
only as what may explain it. "Similar time" means their as_of periods (a day, or a whole month for
month precision) lie at most CONFLICT_WINDOW apart. The rule is deliberately simple
and flags rather than judges: the page shows both claims and their quotes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations

import pandas as pd

from homefront.claim_values import can_both_be_true
from homefront.dataset import Dataset
from homefront.report_tables import claim_reference, figures_report
from homefront.schemas import Claim, revision_chain

CONFLICT_WINDOW = dt.timedelta(days=31)


@dataclass(frozen=True)
class Conflict:
    """Two claims about the same measure and place, close in time, whose numbers cannot both
    be true; `reasons` also names different claimants, which may explain it."""

    first: str
    second: str
    reasons: tuple[str, ...]
    # None where a date is inferred from an article's and the other claim is another
    # article's: an inferred date may be only a bound (Newsweek's "25 Jun 2022 or later"), so
    # the gap is not known; within one article it is (both move with the article's date)
    days_apart: int | None

    def other(self, figure_id: str) -> str:
        return self.second if figure_id == self.first else self.first


def days_apart(a: Claim, b: Claim) -> int:
    """Days between two figures' periods; 0 when they overlap."""
    (a_start, a_end), (b_start, b_end) = a.as_of.period, b.as_of.period
    return max(0, (max(a_start, b_start) - min(a_end, b_end)).days)


def revised(a: Claim, b: Claim, by_id: dict[str, Claim]) -> bool:
    """One of the two revises the other, directly or through a chain."""
    return a.id in revision_chain(b.id, by_id) or b.id in revision_chain(a.id, by_id)


def find_conflicts(
    figures: Iterable[Claim], window: dt.timedelta = CONFLICT_WINDOW
) -> list[Conflict]:
    """Every pair of conflicting claims (see the module docstring), in input order."""
    figures = list(figures)
    by_id = {f.id: f for f in figures}
    found = []
    for a, b in combinations(figures, 2):
        if a.measure != b.measure or a.region != b.region:
            continue
        if revised(a, b, by_id):
            continue
        gap = days_apart(a, b)
        # "about 37,500" and "more than 35,000" can both be true, as can 1,351 and 1,351
        if gap > window.days or can_both_be_true(a, b):
            continue
        reasons = ("different value",)
        if a.claimant != b.claimant:
            reasons += ("different claimant",)
        inferred = "inferred" in (a.as_of.precision, b.as_of.precision)
        unknown = inferred and a.source != b.source
        found.append(Conflict(a.id, b.id, reasons, None if unknown else gap))
    return found


def revisions(figures: Iterable[Claim]) -> list[tuple[Claim, Claim]]:
    """(earlier, later) for every revision where both claims are among `figures`."""
    figures = list(figures)
    by_id = {f.id: f for f in figures}
    return [(by_id[f.revises], f) for f in figures if f.revises in by_id]


def ambiguous(figures: Iterable[Claim]) -> set[str]:
    """Figures another one shares measure and claimant with: only the subject tells them apart.

    Milley's two estimates (Russian and Ukrainian soldiers, both about 100,000) are the
    case in point; a label for these should name the subject. A revision and the figure
    it revises are told apart by the revision, so they do not count.
    """
    figures = list(figures)
    by_id = {f.id: f for f in figures}
    # only pairs within one (measure, claimant): not every pair of hundreds of claims
    alike: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for f in figures:
        alike[f.measure, f.claimant].append(f)
    found: set[str] = set()
    for group in alike.values():
        for a, b in combinations(group, 2):
            if not revised(a, b, by_id):
                found |= {a.id, b.id}
    return found


def measure_order(figures: Iterable[Claim], measure_ids: Sequence[str]) -> list[str]:
    """Measures that have figures, the most-claimed first (ties in measures.yaml order)."""
    counts: dict[str, int] = {}
    for f in figures:
        counts[f.measure] = counts.get(f.measure, 0) + 1
    return sorted(counts, key=lambda m: (-counts[m], list(measure_ids).index(m)))


def among(conflicts: Iterable[Conflict], figure_ids: Collection[str]) -> list[Conflict]:
    """The conflicts both of whose claims are among figure_ids, in the order given.

    A flag names only a claim shown beside it: a chart, a list or a CSV of the compared
    outlets never points at a claim it leaves out (Newsweek's, when Newsweek is not
    compared), which the reader could not see or check.
    """
    return [c for c in conflicts if c.first in figure_ids and c.second in figure_ids]


def ledger_table(
    figures: Iterable[Claim], dataset: Dataset, conflicts: Iterable[Conflict]
) -> pd.DataFrame:
    """One row per claim, grouped by measure and in date order, with revisions and conflicts;
    claims whose date is inferred last in their measure, by outlet.

    `conflicts` may be found over the whole dataset: a row names only those with another
    row of the table (with_conflicts).
    """
    figures = list(figures)
    revised_by = {f.revises: f.id for f in dataset.figures if f.revises}
    by_id = dataset.figure_by_id
    order = list(dataset.measures)
    extra = []
    for f in figures:
        start, end = f.as_of.period
        extra.append(
            {
                "as_of_end": end if end != start else None,
                "revised_by": revised_by.get(f.id, ""),
                "revised_by_claim": claim_reference(by_id[revised_by[f.id]], dataset)
                if f.id in revised_by
                else "",
            }
        )
    # the columns every figure table has, plus what only the ledger knows
    table = pd.concat(
        [figures_report(figures, dataset), pd.DataFrame(extra, index=range(len(figures)))],
        axis=1,
    ).reindex(columns=LEDGER_COLUMNS)
    if not table.empty:
        # claims dated only by their article's inferred date ("25 Jun 2022 or later") after
        # the dated ones, by outlet: their recorded day is an earliest bound, which never
        # orders two articles
        inferred = table["as_of_precision"] == "inferred"
        order_by = {
            "_measure": table["measure"].map(order.index),
            "_inferred": inferred,
            "_date": table["as_of"].where(~inferred),
        }
        table = (
            table.assign(**order_by)
            .sort_values([*order_by, "outlet", "id"], kind="stable")
            .drop(columns=list(order_by))
            .reset_index(drop=True)
        )
    return with_conflicts(table, dataset, conflicts)


def with_conflicts(
    table: pd.DataFrame, dataset: Dataset, conflicts: Iterable[Conflict]
) -> pd.DataFrame:
    """The ledger's rows with their conflict columns written for those rows: each claim's
    conflicts with another row of the table (among), none with a claim left out.

    Only these columns depend on which other claims are kept, so a view's ledger is rows
    of the whole dataset's (report_tables.rows_for) with these written again.
    """
    ids = table["id"].tolist()
    # each figure's conflicts, in the order given: looked up, not searched for every row
    conflicts_of: dict[str, list[Conflict]] = defaultdict(list)
    for c in among(conflicts, set(ids)):
        for fid in dict.fromkeys((c.first, c.second)):
            conflicts_of[fid].append(c)
    by_id = dataset.figure_by_id
    # each claim named once, however many rows name it
    reference = cache(lambda fid: claim_reference(by_id[fid], dataset))
    columns: dict[str, list[str]] = {
        "conflicts_with": [],
        "conflicts_with_claims": [],
        "conflict_reasons": [],
    }
    for fid in ids:
        mine = conflicts_of.get(fid, [])
        others = [reference(c.other(fid)) for c in mine]
        columns["conflicts_with"].append(", ".join(c.other(fid) for c in mine))
        columns["conflicts_with_claims"].append("; ".join(others))
        columns["conflict_reasons"].append(
            "; ".join(
                f"{other}: {', '.join(c.reasons)}" for other, c in zip(others, mine, strict=True)
            )
        )
    # typed as text also with no rows, so every view's column has the whole ledger's type
    return table.assign(
        **{
            name: pd.Series(values, index=table.index, dtype="str")
            for name, values in columns.items()
        }
    )


LEDGER_COLUMNS = [
    "measure",
    "measure_label",
    "claim",
    "when",
    "value",
    "low",
    "high",
    "unit",
    "qualifier",
    "claimant",
    "subject",
    "region",
    "as_of",
    "as_of_end",
    "as_of_precision",
    "as_of_note",
    "source",
    "outlet",
    "revises",
    "revises_claim",
    "revised_by",
    "revised_by_claim",
    "conflicts_with",
    "conflicts_with_claims",
    "conflict_reasons",
    "quote",
    "id",
]
