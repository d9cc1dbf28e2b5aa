"""A synthetic Home Front dataset N times the size of data/, for the scaling benchmark.

The real dataset is small (40 events, 25 figures, 4,125 casualty rows); this answers what
happens to reruns and memory when it grows. The output is a copy of data/ in which:

- events and figures are repeated N times; copy k > 0 gets ids suffixed `-xK` (a revision
  points at the same copy's revised figure) and its dates shifted by up to JITTER_DAYS,
  inside the config's `window_limits` (whole months for month-precision dates). Text,
  quotes, sources, regions and values are kept, so every reference stays valid and every
  quote stays verbatim in its article.
- casualty rows are repeated N times. A row's key (region, month, unit type) must be
  unique and the 85 regions and 16 months are already mostly filled, so copy k > 0 uses
  the unit types `<type> #K`: finer units in the same regions and months, with deaths
  jittered by +-50% (at least 1). The map keeps its 83 polygons; the unit-type pills grow
  to 7 x N options.
- sources, measures, coverage, regions and boundaries are unchanged (they are bounded by
  the five articles and Russia's federal subjects, not by the amount of data).

Run: `.venv/bin/python -m benchmarks.synthetic OUT_DIR [--scale 10]`, then
`.venv/bin/python -m homefront validate OUT_DIR`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from homefront.config import load_config
from homefront.paths import (
    CASUALTIES_FILE,
    CONFIG_FILE,
    DATA_DIR,
    EVENTS_FILE,
    FIGURES_FILE,
    SOURCES_FILE,
)
from homefront.schemas import Window, month_end

JITTER_DAYS = 45


def month_start(day: dt.date, months: int = 0) -> dt.date:
    """The first day of the month `months` after day's month (before it when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _shift(rng: random.Random, first: dt.date, last: dt.date, limits: Window) -> int:
    """Days to move a [first, last] span by, at most JITTER_DAYS, keeping it inside limits."""
    low = max(-JITTER_DAYS, (limits.start - first).days)
    high = min(JITTER_DAYS, (limits.end - last).days)
    return rng.randint(low, high) if low <= high else 0


def _shift_month(rng: random.Random, month: dt.date, limits: Window) -> dt.date:
    """The first of a month up to one month away, whose whole month lies inside limits."""
    candidates = [month_start(month, m) for m in (-1, 0, 1)]
    inside = [c for c in candidates if limits.start <= c and month_end(c) <= limits.end]
    return rng.choice(inside) if inside else month


def _moved(rng: random.Random, day: dt.date, end: dt.date | None, precision: str, limits: Window):
    """(day, end) jittered; month precision stays on the first of a month."""
    if precision == "month" and end is None:
        return _shift_month(rng, day, limits), None
    days = dt.timedelta(days=_shift(rng, day, end or day, limits))
    return day + days, (end + days if end is not None else None)


def copy_events(
    events: list[dict[str, Any]],
    k: int,
    rng: random.Random,
    limits: Window,
    earliest_only: frozenset[dt.date] = frozenset(),
):
    """Copy k of every event: a new id and jittered dates, everything else as curated.

    A span whose jittered end would land on an article's earliest-only bound (earliest_only,
    which no span may end on: curation_rules.check_spans) keeps its curated dates.
    """
    out = []
    for event in events:
        clone = {**event, "id": f"{event['id']}-x{k}"}
        precision = event["date_precision"]
        day, end = _moved(rng, event["date"], event.get("date_end"), precision, limits)
        if end is not None and end in earliest_only:
            day, end = event["date"], event["date_end"]
        clone["date"] = day
        if end is not None:
            clone["date_end"] = end
        out.append(clone)
    return out


def earliest_bounds(sources: list[dict[str, Any]]) -> frozenset[dt.date]:
    """Every inferred article date's earliest bound that is not also its latest."""
    return frozenset(
        s["earliest"]
        for s in sources
        if s.get("date_precision") == "inferred"
        and s.get("earliest") is not None
        and s.get("earliest") != s.get("latest")
    )


def copy_figures(figures: list[dict[str, Any]], k: int, rng: random.Random, limits: Window):
    """Copy k of every figure: new ids (revisions within the copy) and a jittered as_of date."""
    out = []
    for figure in figures:
        clone = {**figure, "id": f"{figure['id']}-x{k}"}
        if figure.get("revises"):
            clone["revises"] = f"{figure['revises']}-x{k}"
        as_of = figure["as_of"]
        day, _ = _moved(rng, as_of["date"], None, as_of["precision"], limits)
        clone["as_of"] = {**as_of, "date": day}
        out.append(clone)
    return out


def copy_casualties(rows: list[dict[str, str]], k: int, rng: random.Random):
    """Copy k of every casualty row, under finer unit types so that every key stays unique."""
    return [
        {
            **row,
            "unit_type": f"{row['unit_type']} #{k}",
            "deaths": str(max(1, round(int(row["deaths"]) * rng.uniform(0.5, 1.5)))),
        }
        for row in rows
    ]


def _write_yaml(path: Path, records: list[dict[str, Any]]) -> None:
    text = yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def write_synthetic(
    out_dir: Path,
    scale: int,
    data_dir: Path = DATA_DIR,
    config_file: Path = CONFIG_FILE,
    seed: int = 0,
) -> Path:
    """Write data_dir scaled by `scale` into out_dir (created; must not exist) and return it."""
    limits = load_config(config_file).window_limits
    rng = random.Random(seed)
    shutil.copytree(data_dir, out_dir)

    events = yaml.safe_load((data_dir / EVENTS_FILE).read_text(encoding="utf-8"))
    figures = yaml.safe_load((data_dir / FIGURES_FILE).read_text(encoding="utf-8"))
    sources = yaml.safe_load((data_dir / SOURCES_FILE).read_text(encoding="utf-8"))
    with (data_dir / CASUALTIES_FILE).open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        columns, rows = reader.fieldnames, list(reader)

    all_events, all_figures, all_rows = list(events), list(figures), list(rows)
    for k in range(1, scale):
        all_events += copy_events(events, k, rng, limits, earliest_bounds(sources))
        all_figures += copy_figures(figures, k, rng, limits)
        all_rows += copy_casualties(rows, k, rng)

    _write_yaml(out_dir / EVENTS_FILE, all_events)
    _write_yaml(out_dir / FIGURES_FILE, all_figures)
    all_rows.sort(key=lambda r: (r["iso"], r["month"], r["unit_type"]))
    with (out_dir / CASUALTIES_FILE).open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(all_rows)
    return out_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_synthetic(args.out_dir, args.scale, seed=args.seed)
    print(f"{args.out_dir}: data/ x{args.scale}")


if __name__ == "__main__":
    main()
