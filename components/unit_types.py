"""The unit-type pills the Regions and Why these regions pages share: one widget, one reading
of what the choice means."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from components import views
from homefront import region_text


@dataclass(frozen=True)
class UnitChoice:
    units: tuple[str, ...]  # the chosen unit types, in the source's order
    filter: tuple[str, ...] | None  # what the rates count: None when all are (or none) chosen
    label: str  # "all unit types", or the chosen ones, for captions and legends


def unit_type_pills(key: str) -> UnitChoice:
    """The source's unit types (components.views.unit_types) as pills, the widget's value
    under `key`; none chosen means all, as does choosing every one."""
    unit_types = views.unit_types()
    chosen = st.pills(
        "Unit types (the source's categories)",
        unit_types,
        selection_mode="multi",
        # unit types are data: shown as text, never Markdown
        format_func=views.unit_type_labels().__getitem__,
        key=key,
        wrap=True,
        help="None chosen means all. 'unknown': the record names no unit type.",
    )
    picked = set(chosen)  # hundreds of unit types with 100x data: a lookup each, not a scan
    units = tuple(u for u in unit_types if u in picked)
    return UnitChoice(
        units,
        units if units and len(units) < len(unit_types) else None,
        region_text.units_text(units, unit_types),
    )
