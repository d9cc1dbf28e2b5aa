"""The unit-type choice the Regions and Why these regions pages share: one widget, one reading
of what the choice means.

Pills, every one on when every type counts, while the source's types fit in a couple of rows
(the shipped data has seven). Past MAX_PILLS a searchable box, empty when every type counts:
hundreds of pills would push the map off the screen, and Streamlit's pills turn each chosen
value into its wire form by scanning every option (`button_group.serialize`, twice a run),
which with 700 types all chosen (benchmarks/synthetic.py's 100x data) took a third to a half
of each rerun of both pages (README, "Where a rerun's time goes").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from components import views
from homefront import region_text

LABEL = "Unit types (the source's categories)"
HELP = "None chosen means all. 'unknown': the record names no unit type."
# the most unit types shown as pills: two rows of them on a laptop
MAX_PILLS = 12


@dataclass(frozen=True)
class UnitChoice:
    units: tuple[str, ...]  # the chosen unit types, in the source's order
    filter: tuple[str, ...] | None  # what the rates count: None when all are (or none) chosen
    label: str  # "all unit types", or the chosen ones, for captions and legends


def as_box(unit_types: Sequence[str]) -> bool:
    """Whether the unit types are offered in the searchable box rather than as pills."""
    return len(unit_types) > MAX_PILLS


def widget_value(units: Sequence[str], unit_types: Sequence[str]) -> list[str]:
    """What the unit-type widget holds for a choice (none: every type): every pill on, or,
    in the searchable box, nothing, which its placeholder reads as every type."""
    if as_box(unit_types):
        return [] if set(units) >= set(unit_types) else list(units)
    return list(units or unit_types)


def unit_type_choice(key: str) -> UnitChoice:
    """The source's unit types (components.views.unit_types) as pills or a searchable box,
    the widget's value under `key`; none chosen means all, as does choosing every one."""
    unit_types = views.unit_types()
    if as_box(unit_types):
        chosen = st.multiselect(  # its options are shown as plain text, as they are
            LABEL,
            unit_types,
            key=key,
            placeholder="All unit types",
            # "Select all" would fill the box with every tag, which means the same as empty
            select_all=False,
            help=HELP,
        )
    else:
        chosen = st.pills(
            LABEL,
            unit_types,
            selection_mode="multi",
            # unit types are data: shown as text, never as the Markdown pills read
            format_func=views.unit_type_labels().__getitem__,
            key=key,
            wrap=True,
            help=HELP,
        )
    picked = set(chosen)  # hundreds of unit types with 100x data: a lookup each, not a scan
    units = tuple(u for u in unit_types if u in picked)
    return UnitChoice(
        units,
        units if units and len(units) < len(unit_types) else None,
        region_text.units_text(units, unit_types),
    )
