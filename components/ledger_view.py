"""The figure ledger on screen: its conflicts in words and its table. The chart is
homefront.charts.ledger's; the page places it."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from components.tables import TextColumn, record_table
from components.text import escape_md
from homefront.claim_dates import as_of_text
from homefront.claim_values import format_figure
from homefront.dataset import Dataset
from homefront.ledger import Conflict, among
from homefront.numbers import count_of
from homefront.schemas import Claim

LEDGER_COLUMNS = {  # widths in pixels, fitting 1440 px with the sidebar (components.tables)
    "measure_label": TextColumn("Measure", width=125),
    "claim": TextColumn("Claim: what it counts", width=175),
    "claimant": TextColumn("Claimed by", width=110),
    "when": TextColumn(
        "As of",
        width=225,
        help="As precisely as the source gives it. Rows are in date order; a date inferred "
        "from its article ('or later') comes after the known dates, as its order is not known.",
    ),
    "outlet": TextColumn("Reported by", width=100),
    "revises_claim": TextColumn("Revises", width=90),
    "conflicts_with_claims": TextColumn("Conflicts with", width=100),
}


SHOWN_CONFLICTS = 25  # pairs spelled out; the rest are in the table's "Conflicts with"


def conflict_notes(
    dataset: Dataset, figures: Sequence[Claim], conflicts: Sequence[Conflict]
) -> str:
    """Each flagged pair of `figures` in words, so the flag is never only a colour (Markdown,
    one string); a conflict with a claim not among them is not shown (ledger.among).

    At most SHOWN_CONFLICTS pairs are spelled out: a larger dataset can flag thousands, and
    the table below the chart lists every one.
    """
    by_id = dataset.figure_by_id
    mine = among(conflicts, {f.id for f in figures})
    if not mine:
        return ":small[:gray[No conflicting claims among the figures shown.]]"
    lines = []
    for c in mine[:SHOWN_CONFLICTS]:
        a, b = by_id[c.first], by_id[c.second]
        lines.append(
            f"- :red[:material/warning:] **{escape_md(dataset.measures[a.measure].label)}**: "
            f"{_claim(dataset, a)}; and {_claim(dataset, b)}. "
            f"{escape_md(', '.join(c.reasons)).capitalize()}{_apart(c.days_apart)}."
        )
    if len(mine) > SHOWN_CONFLICTS:
        lines.append(
            f"- and {len(mine) - SHOWN_CONFLICTS:,} more: each row's *Conflicts with* in the "
            "table below names them."
        )
    flagged = f"**Flagged: {count_of(len(mine), 'pair')} of conflicting claims**"
    return f"{flagged}\n\n" + "\n".join(lines)


def _apart(days: int | None) -> str:
    """How far apart the two claims' dates are, where that is known."""
    if days is None:
        return "; a date is inferred, so how far apart they are is not known"
    return "" if days == 0 else f", {days} days apart"


def _claim(dataset: Dataset, figure: Claim) -> str:
    """'about 37,500, claimed by Ukraine's armed forces as of ..., in Newsweek': in words,
    not brackets, since claimants and dates carry brackets of their own."""
    source = dataset.sources[figure.source]
    return (
        f"**{escape_md(format_figure(figure))}**, claimed by {escape_md(figure.claimant)} as of "
        f"{escape_md(as_of_text(figure, source))}, in {escape_md(source.short_name)}"
    )


def ledger_table_view(table: pa.Table) -> None:
    """The ledger as a sortable table, conflicting rows findable by their 'Conflicts with'.

    It is also the chart's table alternative: every claim the chart draws is a row.
    """
    record_table(table, LEDGER_COLUMNS, f"Figure ledger: the {table.num_rows} claims, as a table")
