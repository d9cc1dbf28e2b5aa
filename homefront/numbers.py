"""How the app writes a number, on every page, chart, table and export."""

from __future__ import annotations

import pandas as pd


def format_number(value: float | None, decimals: int | None = None) -> str:
    """Thousands separated, 'no data' for a missing value.

    With `decimals`, that many places (a rate or a share, as every table prints it); without,
    a fraction only where the source gives one (a claimed 4.5, never 4.0).
    """
    if value is None or pd.isna(value):
        return "no data"
    if decimals is None:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
    return f"{value:,.{decimals}f}"


def count_of(count: int, noun: str) -> str:
    """'1 topic', '3 topics': a count and its noun, which takes an s unless there is one."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
