"""A claimed figure in words, as a card or a cell shows it: the number with its unit, what it
counts, who claims it and as of when.

One home for the Compare page's cells, the Briefing's cards (on screen and in the export),
the comparison CSV and the Overview's headline numbers, so "2" never stands without "days"
and no number goes out without its claimant and date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from homefront.claim_dates import as_of_text
from homefront.claim_values import number_text
from homefront.dataset import Dataset
from homefront.ledger import ambiguous


@dataclass(frozen=True)
class FigureLine:
    """One figure's line: '**about 100,000** Soldiers killed or injured (Russian soldiers)
    — Mark Milley, …, as of November 2022'."""

    number: str  # with its unit (number_text)
    what: str  # the measure's label, and the subject where only it tells two lines apart
    claimant: str
    as_of: str  # at the precision the source gives (claim_dates.as_of_text)

    @property
    def attribution(self) -> str:
        return f"{self.claimant}, as of {self.as_of}"


def figure_lines(dataset: Dataset, figure_ids: Iterable[str]) -> list[FigureLine]:
    """The figures' lines, in the order given. A figure another one shares measure and
    claimant with (Milley's two estimates) also names its subject, so no two lines read
    the same."""
    figures = [dataset.figure_by_id[fid] for fid in figure_ids]
    name_subject = ambiguous(figures)
    lines = []
    for figure in figures:
        measure = dataset.measures[figure.measure]
        what = measure.label
        if figure.id in name_subject and figure.subject:
            what += f" ({figure.subject})"
        lines.append(
            FigureLine(
                number=number_text(figure, measure),
                what=what,
                claimant=figure.claimant,
                as_of=as_of_text(figure, dataset.sources[figure.source]),
            )
        )
    return lines
