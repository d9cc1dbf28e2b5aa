"""Table alternatives to the Regions page's charts, and rates rounded as the page prints them:
a table, its copy-paste, its screen-reader text and its CSV say the same number."""

from __future__ import annotations

import pandas as pd

from homefront.region_text import month_text


def monthly_table(series: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    """The month chart's numbers: month as the chart labels it, deaths, and whether the
    month is inside the date window (the chart greys those outside)."""
    return pd.DataFrame(
        {
            "month": [month_text(m) for m in series["month"]],
            "deaths": series["deaths"].to_numpy(),
            "date window": ["inside" if first <= m <= last else "outside" for m in series["month"]],
        }
    )


def unit_table(breakdown: pd.DataFrame) -> pd.DataFrame:
    """The unit-type chart's numbers: deaths and the share of the region's deaths, in %
    rounded as the chart labels it."""
    return pd.DataFrame(
        {
            "unit type": breakdown["unit_type"].to_numpy(),
            "deaths": breakdown["deaths"].to_numpy(),
            "share (%)": (breakdown["share"] * 100).round(0).astype("int64").to_numpy(),
        }
    )


# rates and shares as the page prints them: 164.7, never 164.7215882175617
DISPLAY_DECIMALS = {"rate_per_100k": 1, "rate_low": 1, "rate_high": 1, "pct_below_subsistence": 1}


def rounded_for_display(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with rates and shares rounded as printed, so a table, its copy-paste, its
    screen-reader text and its CSV all say the same number."""
    present = {c: d for c, d in DISPLAY_DECIMALS.items() if c in table.columns}
    return table.round(present)
