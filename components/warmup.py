"""Warm the process-wide caches at server start, so no visitor pays for the first build.

The first run of each page loads the config and the dataset, projects the map and builds
the page's default figures and tables; all of them land in the caches of components/cached.py,
which every session of the process shares. asgi.py runs warm() in st.App's lifespan: after
Streamlit's runtime has started and before the server accepts a connection, so `make run`
and each `make serve` replica (whose health check answers only after the lifespan) report
ready with the caches filled.

Each page is run by a real session of the running runtime, opened in-process with no
browser: the same script, the same default filters and the same cache keys as a first
visitor with a plain link. (streamlit.testing's AppTest cannot do this inside a server: it
swaps the runtime's singleton for a mock while it runs.) Warming is bounded by
WARM_TIMEOUT_S and logs each page; a page that fails or times out is logged and the server
starts anyway, its first visitor then building what is missing, as before.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime
from streamlit.runtime.session_manager import SessionClient

from homefront.config import load_config
from homefront.problems import DataError

# The whole warm-up, every page (benchmarks/cold_start.py measures it).
# HOMEFRONT_WARM_TIMEOUT_S changes it (0: start without warming).
WARM_TIMEOUT_S = float(os.environ.get("HOMEFRONT_WARM_TIMEOUT_S", "120"))
POLL_S = 0.05


class _RunWatch(SessionClient):
    """A session's client that keeps nothing but whether its script run has ended, and how."""

    def __init__(self) -> None:
        self.finished: int | None = None  # ForwardMsg.ScriptFinishedStatus
        self.exception = False

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            self.finished = msg.script_finished
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
            self.exception = True

    @property
    def client_context(self) -> None:
        return None


def _rerun(page: str) -> BackMsg:
    """The BackMsg a browser sends to open a page by its url_path ("" is the default page)."""
    msg = BackMsg()
    msg.rerun_script.page_name = page
    return msg


async def warm_page(runtime: Runtime, page: str, deadline: float) -> str:
    """Run one page in a fresh in-process session; how it went, for the log."""
    watch = _RunWatch()
    session_id = runtime.connect_session(watch, user_info={})
    try:
        runtime.handle_backmsg(session_id, _rerun(page))
        while watch.finished is None:
            if time.monotonic() > deadline:
                return "timed out"
            await asyncio.sleep(POLL_S)
    finally:
        runtime.close_session(session_id)
    if watch.finished != ForwardMsg.FINISHED_SUCCESSFULLY or watch.exception:
        return "ran with an error (its first visitor will see it)"
    return "ok"


async def warm(runtime: Runtime, timeout: float = WARM_TIMEOUT_S) -> dict[str, str]:
    """Run every page of config.yaml once, in order; page -> outcome. Never raises."""
    began = time.monotonic()
    deadline = began + timeout
    try:
        pages = load_config().pages
    except DataError as error:
        _log(f"skipped: config.yaml has problems ({error})")
        return {}
    outcomes: dict[str, str] = {}
    if timeout <= 0:
        _log("off (HOMEFRONT_WARM_TIMEOUT_S=0)")
        return outcomes
    for index, page in enumerate(pages):
        started = time.monotonic()
        try:
            outcome = await warm_page(runtime, "" if index == 0 else page, deadline)
        except Exception as error:  # a failure to warm must not stop the server
            outcome = f"failed: {type(error).__name__}: {error}"
        outcomes[page] = outcome
        _log(f"{index + 1}/{len(pages)} {page}: {outcome} in {time.monotonic() - started:.1f} s")
        if outcome == "timed out":
            _log(f"stopped after {timeout:.0f} s; the pages left warm on their first visit")
            break
    frozen = freeze_warm_heap()
    _log(f"done in {time.monotonic() - began:.1f} s; {frozen} objects frozen")
    return outcomes


def freeze_warm_heap() -> int:
    """Move what the warm-up built (modules, the dataset, the cached views) out of the
    collector's sight: it lives as long as the process, and Python's full collections, which
    .streamlit/config.toml leaves to Python's own thresholds (postScriptGC off), would walk
    all of it each time. Collected first, so no garbage is kept; how many objects are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def _log(message: str) -> None:
    """One line on stderr, where Streamlit's own start-up messages go."""
    print(f"Home Front warm-up: {message}", file=sys.stderr, flush=True)


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """st.App's lifespan hook: warm, then serve (asgi.py passes it to st.App)."""
    await warm(Runtime.instance())
    yield
