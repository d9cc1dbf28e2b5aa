"""How a claim's date is drawn, by its precision: one rule for the timeline and the ledger."""

from __future__ import annotations

from homefront.schemas import Claim

# How a claim's date is drawn, by its precision (the timeline legend's own rules): an
# approximate day is a stand-in, like an inferred one, so it is hollow too.
MARKS = {"day": "point", "inferred": "hollow", "approximate": "hollow", "month": "bar"}


def mark(figure: Claim) -> str:
    """'point' (date to the day), 'hollow' (date inferred or approximate) or 'bar' (only the
    month known)."""
    return MARKS[figure.as_of.precision]
