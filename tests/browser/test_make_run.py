"""`make run` (asgi.py, no nginx) in real Chromium: a page's path with more after it.

`/timeline/extra/path` loaded index.html with its scripts under /timeline/extra/static/, which
the server answers with the same HTML: a blank page, and app.py never ran to say why.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.harness import screenshot, start_server, stop_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def run_url() -> Iterator[str]:
    process, url = start_server(script="asgi.py")
    yield url
    log = stop_server(process)
    assert "Traceback" not in log, f"the server logged a traceback:\n{log}"


def http_status(url: str) -> int:
    """The status of a GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    ("path", "page_path", "title"),
    [
        ("/timeline/extra/path?q=mothers", "/timeline", "Timeline"),
        ("/regions/TY?q=mothers", "/regions", "Regions"),
    ],
    ids=["timeline", "regions"],
)
def test_a_page_path_with_more_after_it_opens_the_page(page, run_url, path, page_path, title):
    page.goto(f"{run_url}{path}")
    wait_for_app(page, timeout=60_000)
    assert urlparse(page.url).path == page_path and "q=mothers" in page.url
    assert page.locator("h1").first.inner_text().startswith(title)
    search = page.get_by_test_id("stSidebar").get_by_label("Search text")
    expect(search).to_have_value("mothers", timeout=15_000)  # the link's view, not just the page
    screenshot(page, f"make-run-{page_path.strip('/')}-from-a-deeper-path")
    page.watch.assert_clean()


def test_what_is_not_a_page_path_is_left_alone(run_url):
    assert http_status(f"{run_url}/timeline/a/b") == 302
    assert http_status(f"{run_url}/timeline") == 200
    # the frontend's base-path probe must still get Streamlit's 404, not a redirect
    assert http_status(f"{run_url}/data/_stcore/health") == 404
