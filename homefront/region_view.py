"""How a link to the Regions page is read and written: its `metric=`, `unit=` and `sel=`.

Streamlit-free so a link's meaning is unit tested without a browser. The page's metrics are
homefront.region_metrics'; its words, counts and tables have modules of their own
(region_text, region_counts, region_tables) and its charts are in homefront/charts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from homefront.filters import name_some
from homefront.region_metrics import DEFAULT_METRIC, METRICS
from homefront.regional import UNKNOWN

# ---- the link: metric=, unit=, sel= --------------------------------------------------------


def unit_type_options(casualties: pd.DataFrame) -> list[str]:
    """The source's unit types, most deaths first, `unknown` last."""
    totals = casualties.groupby("unit_type")["deaths"].sum()
    known = totals.drop(UNKNOWN, errors="ignore").sort_values(ascending=False, kind="stable")
    return list(known.index) + ([UNKNOWN] if UNKNOWN in totals.index else [])


def unit_slug(unit_type: str) -> str:
    """A unit type as a link writes it ('police / national guard / FSB' ->
    'police-national-guard-fsb'): readable, and no spaces or slashes to escape.
    """
    return re.sub(r"[^a-z0-9]+", "-", unit_type.casefold()).strip("-")


@dataclass(frozen=True)
class ViewParams:
    """The page's own view state, as read from a link (None = nothing chosen)."""

    metric: str = DEFAULT_METRIC
    units: tuple[str, ...] = ()  # unit types (source categories); empty means all of them
    selected: str | None = None


def _clip(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def parse_params(
    metric: str | None,
    unit: str | None,
    sel: str | None,
    unit_types: Sequence[str],
    regions: Iterable[str],
) -> tuple[ViewParams, list[str]]:
    """The page's parameters from a link, and a notice for each value that cannot be used.

    A bad value never fails the page: it falls back to the default and is named.
    """
    notices: list[str] = []
    chosen_metric = DEFAULT_METRIC
    if metric is not None:
        if metric in METRICS:
            chosen_metric = metric
        else:
            notices.append(
                f"Link parameter 'metric={_clip(metric)}' is not one of "
                f"{', '.join(METRICS)}; showing {METRICS[DEFAULT_METRIC].label.lower()}."
            )
    units: tuple[str, ...] = ()
    if unit is not None:
        by_slug = {unit_slug(u): u for u in unit_types}
        wanted = [v.strip() for v in unit.split(",") if v.strip()]
        unknown = [v for v in wanted if v not in by_slug]
        units = tuple(u for u in unit_types if unit_slug(u) in wanted)
        if unknown:
            notices.append(
                f"Link parameter 'unit' names unknown unit types {name_some(unknown)}: ignored "
                f"(known: {', '.join(by_slug)})."
            )
    selected = None
    if sel is not None:
        if sel in set(regions):
            selected = sel
        else:
            notices.append(f"Link parameter 'sel={_clip(sel)}' is not a region code: ignored.")
    return ViewParams(chosen_metric, units, selected), notices


def to_params(view: ViewParams, unit_types: Sequence[str]) -> dict[str, str]:
    """The link for a view: only what differs from the default, so links stay short."""
    out: dict[str, str] = {}
    if view.metric != DEFAULT_METRIC:
        out["metric"] = view.metric
    if view.units and set(view.units) != set(unit_types):
        out["unit"] = ",".join(unit_slug(u) for u in unit_types if u in view.units)
    if view.selected:
        out["sel"] = view.selected
    return out
