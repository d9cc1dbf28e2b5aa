"""Issue 18's targets beside the ratios measured, read from benchmarks/results/.

`make bench` prints this last, so the verdicts are not lost in the benchmarks' own output:
first each benchmark's key numbers (the README's tables are these lines), then one line per
target: what is compared, the measured value, the target and ok / MISSED. A result that
was not measured (yet) is said so, never guessed.

Run: `.venv/bin/python -m benchmarks.summary`; with `--markdown`, the README's benchmark
tables from the same results instead.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from benchmarks.payload import MAP_PAGE, MAP_TARGET_BYTES
from benchmarks.record import RESULTS_DIR
from benchmarks.scaling import TARGET_GROWTH

RERUN_TARGET, MAP_RERUN_TARGET = 3.0, 5.0  # server-side, x an empty page's rerun
CONTROL_TARGET = 1.5  # page-local control in Chromium, x the bare app's redraw
SIDEBAR_TARGET = 2.0  # sidebar search in Chromium, x the bare app's redraw
FIRST_PAGE_TARGET = 2.0  # first page drawn, x the bare app's
LOAD_P95_MS, LOAD_MB_PER_SESSION, LOAD_SESSIONS = 2000, 5.0, 50
# the bare app with the Timeline's chart: the least a search that redraws that chart costs
BARE_CHART_ROW = "bare app + the Timeline's chart: search"
RERUN_KINDS = {"unchanged": "unchanged", "filter_change": "search", "new_view": "new view"}

Target = tuple[str, float | None, float, str]  # what, measured, target, unit ("x", "ms", ...)


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "not measured"
    return "ok" if value <= target else "MISSED"


def read(name: str) -> dict[str, Any] | None:
    path = RESULTS_DIR / f"{name}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())


def cold_start(result: dict[str, Any]) -> Iterator[Target]:
    app, bare = result["median"], result.get("bare_median")
    line = (
        f"cold start (make run): server ready {app['server_ready_s']:.1f} s (caches warmed), "
        f"first page drawn {app['first_page_s']:.2f} s after"
    )
    if bare:
        line += f"; bare app {bare['server_ready_s']:.1f} s, {bare['first_page_s']:.2f} s"
    print(line)
    ratio = result.get("first_page_ratio")
    yield "first page drawn, x bare app's first page", ratio, FIRST_PAGE_TARGET, "x"


def reruns(result: dict[str, Any]) -> Iterator[Target]:
    print(f"server rerun (AppTest), ms and x empty page ({result['empty_page_ms']} ms):")
    for page_id, r in result["pages"].items():
        cells = "  ".join(
            f"{label} {r[f'{kind}_ms']:.0f} ms {r[f'ratio_{kind}']:.1f}x"
            for kind, label in RERUN_KINDS.items()
            if f"ratio_{kind}" in r
        )
        print(f"  {page_id:<12} {cells}")
    for page_id, r in result["pages"].items():
        target = MAP_RERUN_TARGET if page_id == MAP_PAGE else RERUN_TARGET
        for kind in ("filter_change", "new_view"):
            if f"ratio_{kind}" in r:
                what = f"server rerun, {page_id}, {RERUN_KINDS[kind]}, x empty page"
                yield what, r[f"ratio_{kind}"], target, "x"


def browser_rows(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every change the browser benchmark timed, by its name in the tables: the bare app with
    the Timeline's chart (a reference, no target), each page's search, each page-local
    control."""
    rows = {BARE_CHART_ROW: result["bare_chart"]} if "bare_chart" in result else {}
    rows |= {f"{p}: search": r for p, r in result.get("pages", {}).items()}
    return rows | {f"{c} (page-local)": r for c, r in result.get("controls", {}).items()}


def browser_reruns(result: dict[str, Any]) -> Iterator[Target]:
    bare = result.get("bare")
    base = f"bare app {bare['drawn_ms']} ms" if bare else "no bare app measured"
    print(f"Chromium, committed change to page drawn (median of {result['repeats']}; {base}):")
    for name, r in browser_rows(result).items():
        if "error" in r:
            print(f"  {name:<40} not measured: {r['error']}")
            continue
        ratio = f"  {r['drawn_ms'] / bare['drawn_ms']:.1f}x" if bare else ""
        print(
            f"  {name:<40} script finished {r['finished_ms']:>5} ms, drawn "
            f"{r['drawn_ms']:>5} ms{ratio}, {r['received_kb']} KB"
        )
    if not bare:
        return
    for page_id, r in result["pages"].items():
        what = f"browser, sidebar search on {page_id}, x bare app"
        yield what, round(r["drawn_ms"] / bare["drawn_ms"], 2), SIDEBAR_TARGET, "x"
    for name, r in result.get("controls", {}).items():
        what = f"browser, {name} (page-local), x bare app"
        ratio = round(r["drawn_ms"] / bare["drawn_ms"], 2) if "drawn_ms" in r else None
        yield what, ratio, CONTROL_TARGET, "x"


def payload(result: dict[str, Any]) -> Iterator[Target]:
    size = result["pages"][MAP_PAGE]["app_payload"]
    print(f"map page first render: {size / 1e6:.2f} MB app payload")
    yield "map page first render, MB", round(size / 1e6, 2), MAP_TARGET_BYTES / 1e6, "MB"


def scaling(result: dict[str, Any]) -> Iterator[Target]:
    runs = result["runs"]
    for scale, run in runs.items():
        print(
            f"data {scale:>4}: {run['events']} events, {run['casualty_rows']} casualty rows; "
            f"load and validate {run['dataset_load_s']} s, from the dataset cache "
            f"{run.get('cached_load_s', '?')} s; first run {run['first_load_s']} s; "
            f"RSS {run['rss_mb']} MB"
        )
    scale, growth = next(reversed(result["growth"].items()))
    base = runs[min(runs, key=lambda s: int(s.rstrip("x")))]
    top = runs[scale]
    yield f"{scale} data, load and validate, x 1x", growth["dataset_load_s"], TARGET_GROWTH, "x"
    if "cached_load_s" in top:
        # what a restart with unchanged files pays, against the 1x load from the files
        ratio = round(top["cached_load_s"] / base["dataset_load_s"], 2)
        yield f"{scale} data, from the cache, x 1x load", ratio, TARGET_GROWTH, "x"
    for key, ratio in growth.items():
        if "." in key:
            page_id, kind = key.split(".")
            what = f"{scale} data, {page_id} rerun ({RERUN_KINDS[kind.removesuffix('_ms')]}), x 1x"
            yield what, ratio, TARGET_GROWTH, "x"


def load(result: dict[str, Any]) -> Iterator[Target]:
    runs = result["runs"]
    for r in runs:
        print(
            f"load, {r['sessions']} sessions on {r.get('replicas', 1)} replicas "
            f"({result.get('scenario', 'search changes')}): rerun p50 {r['rerun_p50_ms']} ms, "
            f"p95 {r['rerun_p95_ms']} ms; {r['failed_sessions']} failed; "
            f"{r['per_session_mb']} MB per session"
        )
    room = next((r for r in runs if r["sessions"] == LOAD_SESSIONS), None)
    if room is None:
        return
    yield f"{LOAD_SESSIONS} sessions, rerun p95", room["rerun_p95_ms"], LOAD_P95_MS, "ms"
    yield f"{LOAD_SESSIONS} sessions, failed sessions", room["failed_sessions"], 0, ""
    per_session = room["per_session_mb"]
    yield f"{LOAD_SESSIONS} sessions, MB per session", per_session, LOAD_MB_PER_SESSION, "MB"


BENCHMARKS = {
    "cold_start": cold_start,
    "reruns": reruns,
    "browser_reruns": browser_reruns,
    "payload": payload,
    "scaling": scaling,
    "load": load,
}


def markdown_tables() -> None:
    """The README's benchmark tables, from the same results (pasted after `make bench`)."""
    cold, runs, browser = read("cold_start"), read("reruns"), read("browser_reruns")
    scaled, room = read("scaling"), read("load")
    if cold:
        app, bare = cold["median"], cold.get("bare_median") or {}
        print("| server | ready (warm-up included) | first page drawn after |\n|---|---|---|")
        for name, r in (("Home Front (`make run`)", app), ("bare app", bare)):
            if r:
                print(f"| {name} | {r['server_ready_s']:.1f} s | {r['first_page_s']:.2f} s |")
        print()
    if runs:
        print(f"Server-side rerun, against an empty page's {runs['empty_page_ms']} ms:\n")
        print("| page | unchanged | after a search | new view |\n|---|---|---|---|")
        for page_id, r in runs["pages"].items():
            cells = " | ".join(
                f"{r[f'{k}_ms']:.0f} ms ({r[f'ratio_{k}']:.1f}×)" if f"ratio_{k}" in r else "–"
                for k in RERUN_KINDS
            )
            print(f"| {page_id} | {cells} |")
        print()
    if browser and browser.get("bare"):
        bare_ms = browser["bare"]["drawn_ms"]
        print(f"In Chromium, change committed to page redrawn, median of {browser['repeats']}:\n")
        print("| change | script finished | page redrawn | × bare app | received |")
        print("|---|---|---|---|---|")
        rows = {"bare app: search": browser["bare"]} | browser_rows(browser)
        for name, r in rows.items():
            if "error" in r:
                continue
            print(
                f"| {name} | {r['finished_ms']} ms | {r['drawn_ms']} ms | "
                f"{r['drawn_ms'] / bare_ms:.1f}× | {r['received_kb']} KB |"
            )
        print()
    if scaled:
        print("| data | events / casualty rows | load and validate | from the cache | RSS |")
        print("|---|---|---|---|---|")
        for scale, run in scaled["runs"].items():
            print(
                f"| {scale} | {run['events']:,} / {run['casualty_rows']:,} | "
                f"{run['dataset_load_s']} s | {run.get('cached_load_s', '–')} s | "
                f"{run['rss_mb']} MB |"
            )
        print()
    if room:
        print("| sessions | replicas | rerun p50 | rerun p95 | failed | per session |")
        print("|---|---|---|---|---|---|")
        for r in room["runs"]:
            print(
                f"| {r['sessions']} | {r.get('replicas', 1)} | {r['rerun_p50_ms']:,} ms | "
                f"{r['rerun_p95_ms']:,} ms | {r['failed_sessions']} | {r['per_session_mb']} MB |"
            )
        print()


def main() -> None:
    if "--markdown" in sys.argv[1:]:
        markdown_tables()
        return
    print("== benchmark summary ==")
    targets: list[Target] = []
    for name, show in BENCHMARKS.items():
        result = read(name)
        if result is None:
            print(f"{name}: not measured (no benchmarks/results/{name}.json)")
            continue
        print(f"[{name}: {result.get('machine', '?')}]")
        targets += list(show(result))
    print("== issue 18 targets ==")
    width = max((len(t[0]) for t in targets), default=0)
    for what, value, target, unit in targets:
        shown = "-" if value is None else f"{value:g}{unit}"
        limit = f"target <= {target:g}{unit}"
        print(f"  {what:<{width}}  {shown:>9}  {limit:<16} {verdict(value, target)}")
    missed = sum(verdict(v, t) == "MISSED" for _, v, t, _ in targets)
    print(f"  {len(targets) - missed} of {len(targets)} targets met")


if __name__ == "__main__":
    main()
