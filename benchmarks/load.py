"""A room following the briefing on their own devices: N sessions against `make serve`.

The deployment is the real one: deploy/serve.py with --replicas Streamlit processes (each
warming its caches before it reports ready) behind its nginx, on loopback; nginx spreads the
cookie-less sessions over the replicas. Browsers are too heavy for 50 sessions on two cores,
so each session is a websocket client speaking Streamlit's protocol (benchmarks.protocol)
the way the frontend does. Each opens the Briefing, presses Next through every step, then
goes to the first page whose sidebar has the search box (FILTER_PAGE) and commits a search
word (benchmarks.reruns.SEARCH_WORDS), pausing about --think seconds before each, as a
reader would. A rerun's time runs
from sending the click or change to receiving `script_finished`, so it includes the wait
behind other sessions' runs; a session that fails (an exception, no Next button, a closed
socket) is counted, never retried.

For each N in --sessions a fresh deployment first serves one session of the same walk;
then N sessions start at once. Memory is the RSS of serve.py's whole process tree
(replicas and nginx) while all N are still connected, against the RSS after that first
session; per session is the difference over N. Each N stops after --time-limit seconds
whatever remains. The load generator shares the machine with the server. A measurement,
not a test.

Run: `.venv/bin/python -m benchmarks.load [--sessions 10 25 50] [--replicas 2]`; writes
benchmarks/results/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from benchmarks import protocol
from benchmarks.memory import tree_rss_mb
from benchmarks.record import write_result
from benchmarks.reruns import SEARCH_WORDS
from components.navigation import PAGES as NAV_PAGES
from deploy.serve import free_port, healthy
from homefront import paths
from homefront.config import load_config

SEARCH_LABEL = "Search text"
NEXT_KEY = "briefing_next"  # the visible Next button (app_pages/briefing.py)
BRIEFING = "briefing"
DEFAULT_PAGE = load_config().pages[0]
# the first page whose sidebar has the search box (not every page draws it)
FILTER_PAGE = next(p for p in load_config().pages if "text" in NAV_PAGES[p].filters)
SERVE_TIMEOUT_S = 300.0


@dataclass
class Session:
    """One client's times (seconds): its first page, and every rerun after it."""

    first_run: float | None = None
    reruns: list[float] = field(default_factory=list)
    steps: int = 0  # Next presses that reran the briefing


@dataclass
class Run:
    """What one script run told the client: how long it took, and the ids it needs next."""

    seconds: float
    page_script_hash: str = ""  # the page now shown (from `navigation`)
    page_hashes: dict[str, str] = field(default_factory=dict)  # url_pathname -> hash
    query_string: str = ""  # the link the app wrote (page_info_changed), as the URL bar has it
    search_id: str | None = None
    next_id: str | None = None  # the Next button, None when absent or disabled (last step)
    exception: str | None = None


async def run_once(ws: ClientConnection, request: bytes) -> Run:
    """Send a rerun request and read the answer up to its script_finished."""
    run = Run(0.0)
    began = time.perf_counter()
    await ws.send(request)
    while True:
        msg = protocol.parse(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            run.page_script_hash = msg.navigation.page_script_hash
            # the default page's url_pathname is "": it is named by its config id too
            for page in msg.navigation.app_pages:
                names = [page.url_pathname] + ([DEFAULT_PAGE] if page.is_default else [])
                run.page_hashes.update(dict.fromkeys(names, page.page_script_hash))
        elif kind == "page_info_changed":
            run.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "text_input" and element.text_input.label == SEARCH_LABEL:
                run.search_id = element.text_input.id
            elif which == "button" and element.button.id.endswith(NEXT_KEY):
                run.next_id = None if element.button.disabled else element.button.id
            elif which == "exception":
                run.exception = element.exception.message
        if protocol.run_finished(msg):
            run.seconds = time.perf_counter() - began
            if run.exception:
                raise RuntimeError(f"the page raised: {run.exception}")
            return run


def stream_url(url: str) -> str:
    return url.replace("http://", "ws://") + protocol.STREAM_PATH


async def browse(ws: ClientConnection, record: Session, think: float, seed: int) -> None:
    """Open the briefing, press Next to its last step, then search on FILTER_PAGE."""
    rng = random.Random(seed)
    last = await run_once(ws, protocol.rerun_request(BRIEFING))
    record.first_run = last.seconds
    briefing, pages = last.page_script_hash, last.page_hashes
    assert last.next_id is not None, "no Next button on the briefing"
    while last.next_id is not None:
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        request = protocol.rerun_request(
            page_script_hash=briefing,
            query_string=last.query_string,
            triggers=[last.next_id],
        )
        last = await run_once(ws, request)
        record.reruns.append(last.seconds)
        record.steps += 1
    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    opened = await run_once(ws, protocol.rerun_request(page_script_hash=pages[FILTER_PAGE]))
    assert opened.search_id is not None, f"no {SEARCH_LABEL!r} input on {FILTER_PAGE}"
    await asyncio.sleep(think * rng.uniform(0.5, 1.5))
    request = protocol.rerun_request(
        page_script_hash=opened.page_script_hash,
        query_string=opened.query_string,
        widgets={opened.search_id: SEARCH_WORDS[seed % len(SEARCH_WORDS)]},
    )
    record.reruns.append((await run_once(ws, request)).seconds)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (nearest rank) in ms, None without values."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] * 1000)


@contextmanager
def deployment(replicas: int) -> Iterator[tuple[subprocess.Popen, str]]:
    """deploy/serve.py on loopback, as `make serve` starts it; yields (process, URL)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="homefront-load-") as run_dir:
        log = Path(run_dir) / "serve.out"
        command = [sys.executable, str(paths.ROOT / "deploy" / "serve.py"), "--host", "127.0.0.1"]
        command += ["--port", str(port), "--replicas", str(replicas), "--run-dir", run_dir]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=paths.ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVE_TIMEOUT_S
            while "Home Front: " not in log.read_text(encoding="utf-8") or not healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"serve.py did not start:\n{log.read_text()}")
                time.sleep(0.3)
            yield process, url
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def load_once(url: str, pid: int, n: int, args: argparse.Namespace) -> dict[str, Any]:
    """One session of the walk, then n at once; their times and the deployment's memory."""
    async with connect(stream_url(url), subprotocols=protocol.SUBPROTOCOLS, max_size=None) as ws:
        await browse(ws, Session(), 0.0, 0)
    idle_rss = tree_rss_mb(pid)

    records = [Session() for _ in range(n)]
    # the connections stay open until every session is done and the memory is read
    async with AsyncExitStack() as connections:

        async def one(record: Session, seed: int) -> None:
            ws = await connections.enter_async_context(
                connect(stream_url(url), subprotocols=protocol.SUBPROTOCOLS, max_size=None)
            )
            await browse(ws, record, args.think, seed)

        began, timed_out = time.perf_counter(), False
        try:
            outcomes = await asyncio.wait_for(
                asyncio.gather(*(one(r, i) for i, r in enumerate(records)), return_exceptions=True),
                timeout=args.time_limit,
            )
        except TimeoutError:
            outcomes, timed_out = [], True
        elapsed = time.perf_counter() - began
        loaded_rss = tree_rss_mb(pid)

    failures = [o for o in outcomes if isinstance(o, BaseException)]
    reruns = [s for r in records for s in r.reruns]
    firsts = [r.first_run for r in records if r.first_run is not None]
    return {
        "sessions": n,
        "replicas": args.replicas,
        "reruns_done": len(reruns),
        "briefing_steps_done": sum(r.steps for r in records),
        "timed_out": timed_out,
        "failed_sessions": len(failures) if not timed_out else n,
        "failures": sorted({f"{type(f).__name__}: {f}"[:200] for f in failures}),
        "seconds": round(elapsed, 1),
        "rerun_p50_ms": percentile(reruns, 50),
        "rerun_p95_ms": percentile(reruns, 95),
        "first_run_p50_ms": percentile(firsts, 50),
        "first_run_p95_ms": percentile(firsts, 95),
        "idle_rss_mb": round(idle_rss),
        "rss_mb": round(loaded_rss),
        "per_session_mb": round((loaded_rss - idle_rss) / n, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--replicas", type=int, default=2, help="make serve's replicas")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between steps")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per N")
    args = parser.parse_args()
    runs = []
    for n in args.sessions:
        with deployment(args.replicas) as (process, url):
            runs.append(asyncio.run(load_once(url, process.pid, n, args)))
        r = runs[-1]
        print(
            f"{n:>3} sessions on {args.replicas} replicas: reruns p50 {r['rerun_p50_ms']} ms, "
            f"p95 {r['rerun_p95_ms']} ms ({r['reruns_done']} in {r['seconds']} s, "
            f"{r['failed_sessions']} sessions failed); first page p50 {r['first_run_p50_ms']} ms; "
            f"RSS {r['rss_mb']} MB ({r['per_session_mb']} MB per session over "
            f"{r['idle_rss_mb']} MB idle)",
            flush=True,
        )
        for failure in r["failures"]:
            print(f"    {failure}", flush=True)
    write_result(
        "load",
        {
            "scenario": f"briefing: every Next, then a search on {FILTER_PAGE}",
            "think_s": args.think,
            "time_limit_s": args.time_limit,
            "runs": runs,
        },
    )


if __name__ == "__main__":
    main()
