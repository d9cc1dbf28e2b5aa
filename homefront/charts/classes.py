"""Colour classes for a choropleth: quantile edges rounded as the legend prints them, each
value's class, the colours and the labels of the legend."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from homefront.charts.theme import PALETTE
from homefront.numbers import format_number

CLASSES = len(PALETTE)


def quantile_breaks(values: Iterable[float], decimals: int, classes: int = CLASSES) -> list[float]:
    """Class edges at the quantiles, rounded as shown, duplicates dropped.

    Quantile classes put about the same number of regions in each colour, so a few extreme
    small regions do not wash the rest of the map into one colour. Edges are rounded to the
    precision the legend prints, so a region's colour always matches the printed range.
    When the lowest value fills the first quantile (many regions with 0 deaths in a narrow
    window), it keeps a class of its own, so 0 never shares a colour with larger counts.
    Returns [] when there is no value at all.
    """
    data = np.asarray([v for v in values if not pd.isna(v)], dtype="float64")
    if data.size == 0:
        return []
    raw = [round(float(v), decimals) for v in np.quantile(data, np.linspace(0, 1, classes + 1))]
    edges = sorted(set(raw))
    if len(edges) > 1 and raw[1] == raw[0]:
        edges.insert(0, edges[0])
    return edges


def assign_classes(values: Iterable[float], edges: Sequence[float]) -> list[int | None]:
    """Class index per value: class i holds edges[i] < v <= edges[i+1] (the first one
    includes its lower edge); None for a missing value. A single edge gives one class."""
    out: list[int | None] = []
    inner = np.asarray(edges[1:-1], dtype="float64")
    for value in values:
        if pd.isna(value) or not edges:
            out.append(None)
        else:
            out.append(int(np.searchsorted(inner, value, side="left")))
    return out


def class_colours(count: int) -> list[str]:
    """`count` colours spread across the palette, light to dark.

    One class means every region has the same value, most often 0 deaths in a narrow
    window: it takes the lightest colour, as the darkest would read as the highest losses.
    """
    if count <= 0:
        return []
    if count == 1:
        return [PALETTE[0]]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (count - 1))] for i in range(count)]


def class_labels(edges: Sequence[float], decimals: int) -> list[str]:
    """'0.0–12.4', '12.4–25.1', ...: the range each colour stands for ('0' for one value)."""
    if len(edges) == 1:
        return [format_number(edges[0], decimals)]
    return [
        format_number(low, decimals)
        if low == high
        else f"{format_number(low, decimals)}–{format_number(high, decimals)}"
        for low, high in itertools.pairwise(edges)
    ]


@dataclass(frozen=True)
class Legend:
    title: str
    colours: list[str]
    labels: list[str]


def hex_to_rgba(colour: str, alpha: int = 255) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]
