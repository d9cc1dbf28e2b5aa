"""Warm-up at server start (components/warmup.py via asgi.py): `make run`'s server fills the
shared caches by running every page before it answers, and starts even when warming fails."""

from __future__ import annotations

import re

from homefront.config import load_config
from tests.browser.harness import start_server, stop_server


def test_every_page_is_warmed_before_the_server_answers():
    process, _url = start_server(script="asgi.py")
    output = stop_server(process)
    pages = load_config().pages
    for index, page in enumerate(pages, start=1):
        line = rf"Home Front warm-up: {index}/{len(pages)} {page}: ok in [\d.]+ s"
        assert re.search(line, output), output
    # (the lifespan runs before uvicorn serves: the health check answered after this line)
    # what was warmed is frozen, out of the reach of every later full garbage collection
    frozen = re.search(r"Home Front warm-up: done in [\d.]+ s; (\d+) objects frozen", output)
    assert frozen and int(frozen.group(1)) > 100_000, output


def test_a_warm_up_that_runs_out_of_time_is_logged_and_the_server_starts():
    """Never block for ever: past HOMEFRONT_WARM_TIMEOUT_S the server starts with what is
    warm, and the pages left are built by their first visitors."""
    process, _url = start_server({"HOMEFRONT_WARM_TIMEOUT_S": "0.05"}, script="asgi.py")
    output = stop_server(process)  # start_server raised had it never answered
    assert re.search(r"warm-up: 1/\d+ \w+: timed out", output), output
    assert "stopped after" in output and "Home Front warm-up: done" in output, output
