"""Many sessions on one server: rerun times as clients see them, and the server's memory.

Browsers are too heavy for 50 sessions on two cores, so each session is a websocket client
speaking Streamlit's protocol (benchmarks.protocol) the way the frontend does: it connects
to /_stcore/stream, asks for a page (the sessions take the config's pages in turn), finds
the "Search text" input's widget id in the elements it is sent, then commits a search word
--reruns times (benchmarks.reruns.SEARCH_WORDS), pausing about --think seconds between, as
a reader would. A rerun's time runs from sending the widget change to receiving
`script_finished`, so it includes the wait behind other sessions' runs.

For each N in --sessions a fresh server (tests/browser/harness.start_server) first serves one
warm-up session, so the dataset and shared caches are loaded; then N sessions start at
once. Memory is the RSS of the server's process tree while all N are still connected,
against the RSS after the warm-up; per session is the difference over N. Each N stops
after --time-limit seconds whatever remains; loopback only. The load generator shares the
machine with the server. A measurement, not a test.

Run: `.venv/bin/python -m benchmarks.load [--sessions 10 25 50]`; writes
benchmarks/results/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect

from benchmarks import protocol
from benchmarks.browser import PAGES
from benchmarks.memory import tree_rss_mb
from benchmarks.record import write_result
from benchmarks.reruns import SEARCH_WORDS
from tests.browser.harness import start_server, stop_server

SEARCH_LABEL = "Search text"


@dataclass
class Session:
    """One client: the page it reads, and the times it measured (seconds)."""

    page: str
    first_run: float | None = None
    reruns: list[float] = field(default_factory=list)


@dataclass
class Run:
    """What one script run told the client: how long it took, and the ids it needs next."""

    seconds: float
    page_script_hash: str = ""  # the page now shown (from `navigation`)
    query_string: str = ""  # the link the app wrote (page_info_changed), as the URL bar has it
    search_id: str | None = None


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
        elif kind == "page_info_changed":
            run.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "text_input" and element.text_input.label == (
                SEARCH_LABEL
            ):
                run.search_id = element.text_input.id
        if protocol.run_finished(msg):
            run.seconds = time.perf_counter() - began
            return run


def stream_url(url: str) -> str:
    return url.replace("http://", "ws://") + protocol.STREAM_PATH


async def browse(ws: ClientConnection, record: Session, reruns: int, think: float, seed: int):
    """Open the session's page, then change the search text `reruns` times."""
    rng = random.Random(seed)
    first = await run_once(
        ws, protocol.rerun_request("" if record.page == PAGES[0] else record.page)
    )
    record.first_run = first.seconds
    assert first.search_id is not None, f"no {SEARCH_LABEL!r} input on {record.page}"
    last = first
    for i in range(reruns):
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        request = protocol.rerun_request(
            page_script_hash=first.page_script_hash,
            query_string=last.query_string,
            widgets={first.search_id: SEARCH_WORDS[i % len(SEARCH_WORDS)]},
        )
        last = await run_once(ws, request)
        record.reruns.append(last.seconds)


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (nearest rank) in ms, None without values."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] * 1000)


async def load_once(url: str, pid: int, n: int, args: argparse.Namespace) -> dict[str, Any]:
    """A warm-up session, then n at once; their times and the server's memory."""
    async with connect(stream_url(url), subprotocols=protocol.SUBPROTOCOLS, max_size=None) as ws:
        await browse(ws, Session(PAGES[0]), 0, 0.0, 0)
    idle_rss = tree_rss_mb(pid)

    records = [Session(PAGES[i % len(PAGES)]) for i in range(n)]
    # the connections stay open until every session is done and the memory is read
    async with AsyncExitStack() as connections:

        async def one(record: Session, seed: int) -> None:
            ws = await connections.enter_async_context(
                connect(stream_url(url), subprotocols=protocol.SUBPROTOCOLS, max_size=None)
            )
            await browse(ws, record, args.reruns, args.think, seed)

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

    reruns = [s for r in records for s in r.reruns]
    firsts = [r.first_run for r in records if r.first_run is not None]
    return {
        "sessions": n,
        "reruns_done": len(reruns),
        "reruns_planned": n * args.reruns,
        "timed_out": timed_out,
        "failed_sessions": sum(isinstance(o, BaseException) for o in outcomes),
        "seconds": round(elapsed, 1),
        "rerun_p50_ms": percentile(reruns, 50),
        "rerun_p95_ms": percentile(reruns, 95),
        "first_run_p50_ms": percentile(firsts, 50),
        "first_run_p95_ms": percentile(firsts, 95),
        "idle_rss_mb": round(idle_rss),
        "rss_mb": round(loaded_rss),
        "per_session_mb": round((loaded_rss - idle_rss) / n, 1),
        "rerun_p50_ms_by_page": {
            page: percentile([s for r in records if r.page == page for s in r.reruns], 50)
            for page in PAGES
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--reruns", type=int, default=3, help="search changes per session")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between them")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per N")
    args = parser.parse_args()
    runs = []
    for n in args.sessions:
        process, url = start_server()
        try:
            runs.append(asyncio.run(load_once(url, process.pid, n, args)))
        finally:
            stop_server(process)
        r = runs[-1]
        print(
            f"{n:>3} sessions: reruns p50 {r['rerun_p50_ms']} ms, p95 {r['rerun_p95_ms']} ms "
            f"({r['reruns_done']}/{r['reruns_planned']} in {r['seconds']} s); first run p50 "
            f"{r['first_run_p50_ms']} ms; server RSS {r['rss_mb']} MB "
            f"({r['per_session_mb']} MB per session over {r['idle_rss_mb']} MB idle)",
            flush=True,
        )
    write_result(
        "load",
        {
            "reruns_per_session": args.reruns,
            "think_s": args.think,
            "time_limit_s": args.time_limit,
            "runs": runs,
        },
    )


if __name__ == "__main__":
    main()
