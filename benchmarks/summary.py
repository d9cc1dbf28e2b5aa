"""The benchmarks' key numbers against the issue's targets, read from benchmarks/results/.

`make bench` prints this last, so the verdicts are not lost in the benchmarks' own output. A
result that was not measured (yet) is skipped with a note.

Run: `.venv/bin/python -m benchmarks.summary`.
"""

from __future__ import annotations

import json
from typing import Any

from benchmarks.payload import MAP_PAGE, MAP_TARGET_BYTES
from benchmarks.record import RESULTS_DIR
from benchmarks.scaling import TARGET_GROWTH

RERUN_TARGET, MAP_RERUN_TARGET = 3.0, 5.0  # x an empty page's rerun (the issue)


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def read(name: str) -> dict[str, Any] | None:
    path = RESULTS_DIR / f"{name}.json"
    if not path.exists():
        print(f"{name}: not measured (no {path.relative_to(RESULTS_DIR.parent.parent)})")
        return None
    return json.loads(path.read_text())


def cold_start(result: dict[str, Any]) -> None:
    median = result["median"]
    print(
        f"cold start: server ready {median['server_ready_s']:.1f} s, "
        f"first page drawn {median['first_page_s']:.1f} s"
    )


RERUN_KINDS = {"unchanged": "unchanged", "filter_change": "search", "new_view": "new view"}


def reruns(result: dict[str, Any]) -> None:
    kinds = [k for k in RERUN_KINDS if f"ratio_{k}" in next(iter(result["pages"].values()))]
    heads = "  ".join(f"{RERUN_KINDS[k]:>16}" for k in kinds)
    print(f"server rerun, ms and x empty page ({result['empty_page_ms']} ms): {heads}")
    for page_id, r in result["pages"].items():
        target = MAP_RERUN_TARGET if page_id == MAP_PAGE else RERUN_TARGET
        cells = "  ".join(
            f"{r[f'{k}_ms']:>5.0f} ms {(ratio := r[f'ratio_{k}']):>4.1f}x "
            f"{verdict(ratio, target):>6}"
            for k in kinds
        )
        print(f"  {page_id:<10} (target <= {target:g}x) {cells}")


def browser_reruns(result: dict[str, Any]) -> None:
    cells = ", ".join(f"{p} {r['drawn_ms']} ms" for p, r in result["pages"].items())
    print(f"search to redrawn in Chromium (median): {cells}")


def payload(result: dict[str, Any]) -> None:
    size = result["pages"][MAP_PAGE]["app_payload"]
    print(
        f"map page first render: {size / 1e6:.2f} MB app payload, target < "
        f"{MAP_TARGET_BYTES / 1e6:g} MB  {'ok' if size < MAP_TARGET_BYTES else 'MISSED'}"
    )


def scaling(result: dict[str, Any]) -> None:
    scale, growth = next(reversed(result["growth"].items()))
    print(
        f"growth at {scale}: first load {growth['first_load_s']}x, "
        f"RSS {growth['rss_mb']}x, dataset {growth['dataset_mb']}x; reruns "
        f"(target <= {TARGET_GROWTH:g}x):"
    )
    pages = dict.fromkeys(key.split(".")[0] for key in growth if "." in key)
    for page_id in pages:
        cells = "  ".join(
            f"{RERUN_KINDS[kind]} {ratio:.1f}x {verdict(ratio, TARGET_GROWTH)}"
            for kind in RERUN_KINDS
            if (ratio := growth.get(f"{page_id}.{kind}_ms")) is not None
        )
        print(f"  {page_id:<10} {cells}")


def load(result: dict[str, Any]) -> None:
    for r in result["runs"]:
        print(
            f"load, {r['sessions']} sessions: rerun p50 {r['rerun_p50_ms']} ms, "
            f"p95 {r['rerun_p95_ms']} ms; {r['per_session_mb']} MB per session"
        )


def main() -> None:
    print("== benchmark summary ==")
    for name, show in (
        ("cold_start", cold_start),
        ("reruns", reruns),
        ("browser_reruns", browser_reruns),
        ("payload", payload),
        ("scaling", scaling),
        ("load", load),
    ):
        result = read(name)
        if result is not None:
            show(result)


if __name__ == "__main__":
    main()
