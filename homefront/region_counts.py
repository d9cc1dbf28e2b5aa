"""The counts and ranks beside the Regions map: deaths with no month, the ranking table and
a region's rank by the chosen metric."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from homefront.rates import covers_full_period
from homefront.region_metrics import Metric
from homefront.regional import UNKNOWN


def unknown_month_deaths(
    casualties: pd.DataFrame,
    start: dt.date,
    end: dt.date,
    unit_types: Sequence[str] | None,
) -> tuple[int, int]:
    """(counted in this window, all) deaths with no confirmation month, for the unit types.

    Counted only when the window covers the whole period: the rule is homefront.rates'.
    `casualties` may be the records or their deaths_by_month_and_unit: the answer is the same.
    """
    undated = casualties[casualties["month"] == UNKNOWN]
    if unit_types is not None:
        undated = undated[undated["unit_type"].isin(list(unit_types))]
    deaths = int(undated["deaths"].sum())
    return (deaths if covers_full_period(casualties, start, end) else 0), deaths


def ranked_table(rates: pd.DataFrame, metric: Metric, regions: Sequence[str] = ()) -> pd.DataFrame:
    """Federal subjects sorted by the metric (highest first), limited to `regions` if given."""
    table = rates[~rates["occupied"]]
    if regions:
        table = table[table["iso"].isin(list(regions))]
    table = table.sort_values([metric.column, "iso"], ascending=[False, True], na_position="last")
    return table.reset_index(drop=True)


def top_regions(ranked: pd.DataFrame, metric: Metric, top: int) -> pd.DataFrame:
    """The first `top` rows of a ranked_table with a value, and for the count's metrics only
    regions with a death.

    Every region with no death in the window ties at 0: under a "Top N" title they would
    stand in the order of their codes, an order the count does not give. The table of all
    regions still lists them.
    """
    shown = ranked[ranked[metric.column].notna()]
    if metric.windowed:
        shown = shown[shown["deaths"] > 0]
    return shown.head(top)


def metric_rank(rates: pd.DataFrame, metric: Metric, iso: str) -> tuple[int | None, int]:
    """(rank of iso by the metric, 1 = highest, ties share the best; number ranked)."""
    table = rates[~rates["occupied"] & rates[metric.column].notna()]
    ranks = table[metric.column].rank(ascending=False, method="min")
    by_iso = dict(zip(table["iso"], ranks, strict=True))
    rank = by_iso.get(iso)
    return (None if rank is None else int(rank)), len(table)
