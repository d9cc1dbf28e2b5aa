"""Server-side rerun time of every page, as a ratio to an empty Streamlit page.

Each page is opened once (caches warm), then rerun unchanged and rerun after a
filter change; both are compared with an empty page measured in the same run on
the same machine, which cancels most of AppTest's own overhead. Targets from the
issue: <= 3x for every page, <= 5x for the map page. A measurement, not a test.

AppTest compiles app.py and the page afresh on every run (a new ScriptCache each time),
which a server does once per process (the Runtime's one ScriptCache): about 2 ms of a
page's rerun here and nothing of the empty page's. Every AppTest below is given one script
cache for the whole run (`server_script_cache`), so the time is what a server spends.

Run: `.venv/bin/python -m benchmarks.reruns [--repeats 15]`; writes
benchmarks/results/reruns.json.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from benchmarks.record import write_result
from benchmarks.synthetic import month_start
from components.navigation import PAGES
from homefront.config import load_config
from homefront.paths import ROOT
from homefront.schemas import month_end

EMPTY_PAGE = 'import streamlit as st\nst.title("Empty")\n'
SEARCH_WORDS = ("mothers", "Putin", "")  # each differs from the one before, so each is a change


@contextmanager
def server_script_cache() -> Iterator[None]:
    """AppTest's runs share one ScriptCache, as a server's sessions share the Runtime's.

    AppTest builds a new one for each run in two places (its own `_run` and
    LocalScriptRunner), so both names are pointed at the one cache while this lasts.
    """
    cache = ScriptCache()
    with (
        mock.patch("streamlit.testing.v1.app_test.ScriptCache", return_value=cache),
        mock.patch("streamlit.testing.v1.local_script_runner.ScriptCache", return_value=cache),
    ):
        yield


def timed_reruns(at: AppTest, repeats: int, change=None) -> float:
    """Median seconds of a rerun; `change` (if given) alters a widget before each one."""
    samples = []
    for i in range(repeats):
        if change is not None:
            change(at, i)
        began = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - began)
        assert not at.exception, at.exception
    return statistics.median(samples)


def search_for(at: AppTest, i: int) -> None:
    """A filter change an analyst makes: a different search word each time (three words in
    turn, so after the first round each is a view the caches have seen)."""
    at.text_input(key="f_text").set_value(SEARCH_WORDS[i % len(SEARCH_WORDS)])


# (months the start moves forward, months the end moves back): every pair once, the
# smallest narrowing first; 54 pairs, each leaving at least two months of the default window
MONTH_STEPS = [(forward, total - forward) for total in range(1, 10) for forward in range(total + 1)]


def narrow_window(at: AppTest, i: int) -> None:
    """A view no cache has seen: the default date window narrowed by whole months, to a new
    pair of months each time (MONTH_STEPS), as when an analyst drags the slider's ends.

    Whole months, not days: the Regions and Why these regions pages key their views by the
    window's months (their counts are monthly), so a window moved a day is a view they
    have already drawn."""
    window = load_config().default_window
    start, end = window.start, window.end
    forward, back = MONTH_STEPS[i]
    if forward:
        start = month_start(start, forward)
    if back:
        end = month_end(month_start(end, -back))
    at.slider(key="f_window").set_value((start, end))


def empty_page_rerun(repeats: int) -> float:
    """Median seconds of an empty page's rerun: the baseline every ratio is taken against."""
    with tempfile.TemporaryDirectory() as tmp, server_script_cache():
        empty_script = Path(tmp) / "empty.py"
        empty_script.write_text(EMPTY_PAGE)
        empty = AppTest.from_file(str(empty_script), default_timeout=120)
        empty.run()
        return timed_reruns(empty, repeats)


def page_reruns(repeats: int) -> dict[str, dict[str, float]]:
    """Median seconds of each page's rerun: unchanged, after a search change, and into a
    view never seen before, on the data homefront.paths points at (HOMEFRONT_DATA_DIR, read
    at import)."""
    pages = {}
    with server_script_cache():
        for page_id in load_config().pages:
            pages[page_id] = _page_reruns(page_id, repeats)
    return pages


def _page_reruns(page_id: str, repeats: int) -> dict[str, float]:
    """One page's medians (page_reruns)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{page_id}.py").run()
    # only the sidebar filters the page draws (the Briefing has none, Why these regions no
    # search)
    filters = PAGES[page_id].filters
    times = {"unchanged": timed_reruns(at, repeats)}
    if "text" in filters:
        times["filter_change"] = timed_reruns(at, repeats, search_for)
    if "window" in filters:
        times["new_view"] = timed_reruns(at, repeats, narrow_window)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()

    baseline = empty_page_rerun(args.repeats)
    pages = {
        page_id: {f"{kind}_ms": round(seconds * 1000, 1) for kind, seconds in times.items()}
        | {f"ratio_{kind}": round(seconds / baseline, 1) for kind, seconds in times.items()}
        for page_id, times in page_reruns(args.repeats).items()
    }
    write_result(
        "reruns",
        {
            "repeats": args.repeats,
            "empty_page_ms": round(baseline * 1000, 2),
            "pages": pages,
        },
    )
    print(f"empty page rerun: {baseline * 1000:.1f} ms (median of {args.repeats})")
    print(f"{'page':<10} {'unchanged':>10} {'search':>9} {'new view':>9}  ratios to the empty page")
    kinds = ("unchanged", "filter_change", "new_view")
    for page_id, r in pages.items():
        times = " ".join(f"{r[f'{k}_ms']:>7.0f} ms" if f"{k}_ms" in r else " " * 10 for k in kinds)
        ratios = " ".join(f"{r.get(f'ratio_{k}', ''):>5}x" for k in kinds).replace(" x", "  ")
        print(f"{page_id:<10} {times}  {ratios}")


if __name__ == "__main__":
    main()
