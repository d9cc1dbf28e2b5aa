"""Fixtures: a real app server on a free localhost port, and Debian's Chromium via Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOCAL_HOSTS,
    PageWatch,
    start_server,
    stop_server,
)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    process, url = start_server()
    yield url
    log = stop_server(process)
    assert "Traceback" not in log, f"the server logged a traceback:\n{log}"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser page at 1280x720 whose errors and outside requests are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    watch = PageWatch()
    page.on("console", lambda m: watch.on_console(m))
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))

    def on_request(req):
        host = urlparse(req.url).hostname
        if (
            req.url.startswith(("http://", "https://", "ws://", "wss://"))
            and host not in LOCAL_HOSTS
        ):
            watch.outside_requests.append(req.url)

    page.on("request", on_request)
    page.watch = watch
    yield page
    context.close()
