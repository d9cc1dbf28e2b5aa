"""components.ledger_view: the ledger's conflicts in words."""

from __future__ import annotations

from pathlib import Path

from components.ledger_view import conflict_notes
from homefront.config import load_config
from homefront.dataset import load_dataset
from homefront.ledger import Conflict

ROOT = Path(__file__).resolve().parents[2]
DATA = load_dataset(ROOT / "data", load_config(ROOT / "config.yaml"))


def test_a_conflict_with_a_claim_not_shown_is_not_listed():
    """RFE/RL's claims shown, Newsweek's not: a flag naming a Newsweek claim is left out,
    one between two shown claims is listed."""
    shown = [f for f in DATA.figures if f.source == "rferl"]
    outside = next(f for f in DATA.figures if f.source == "newsweek")
    conflicts = [
        Conflict(shown[0].id, outside.id, ("different value",), 0),
        Conflict(shown[0].id, shown[1].id, ("different value",), 0),
    ]
    notes = conflict_notes(DATA, shown, conflicts)
    assert notes.startswith("**Flagged: 1 pair of conflicting claims**")
    assert "Newsweek" not in notes
    assert conflict_notes(DATA, shown, conflicts[:1]).endswith(
        "No conflicting claims among the figures shown.]]"
    )
