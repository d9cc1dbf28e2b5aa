"""The benchmarks' key numbers against the issue's targets, read from benchmarks/results/.

`make bench` prints this last, so the verdicts are not lost in the benchmarks' own output. A
result that was not measured (yet) is skipped with a note.

Run: `.venv/bin/python -m benchmarks.summary`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.payload import MAP_PAGE, MAP_TARGET_BYTES
from benchmarks.scaling import TARGET_GROWTH

RESULTS = Path(__file__).parent / "results"
RERUN_TARGET, MAP_RERUN_TARGET = 3.0, 5.0  # x an empty page's rerun (the issue)


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def read(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    if not path.exists():
        print(f"{name}: not measured (no {path.relative_to(RESULTS.parent.parent)})")
        return None
    return json.loads(path.read_text())


def cold_start(result: dict[str, Any]) -> None:
    median = result["median"]
    print(
        f"cold start: server ready {median['server_ready_s']:.1f} s, "
        f"first page drawn {median['first_page_s']:.1f} s"
    )


def reruns(result: dict[str, Any]) -> None:
    print(f"server rerun after a search, x empty page ({result['empty_page_ms']} ms):")
    for page_id, r in result["pages"].items():
        target = MAP_RERUN_TARGET if page_id == MAP_PAGE else RERUN_TARGET
        ratio = r["ratio_filter_change"]
        print(
            f"  {page_id:<10} {r['filter_change_ms']:>7.0f} ms {ratio:>6.1f}x"
            f"  target <= {target:g}x  {verdict(ratio, target)}"
        )


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
        f"RSS {growth['rss_mb']}x, dataset {growth['dataset_mb']}x; rerun after a search:"
    )
    for key, ratio in growth.items():
        if key.endswith(".filter_change_ms"):
            page_id = key.split(".")[0]
            print(
                f"  {page_id:<10} {ratio:>6.1f}x  target <= {TARGET_GROWTH:g}x  "
                f"{verdict(ratio, TARGET_GROWTH)}"
            )


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
