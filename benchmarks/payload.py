"""Bytes a browser receives to draw each page the first time, with a cold cache.

Each page is opened in a fresh Chromium context (empty cache) and, once drawn and settled
(browser.RunWatch, browser.settle: the runs a page asks for itself are in, such as the
Regions map drawn again at the width the browser reports), its traffic is added up in two
parts:

- the app's payload: every websocket frame received (the ForwardMsgs: elements, figures,
  the map's JSON) plus every HTTP response that is not Streamlit's own frontend, such as
  /media files, /_stcore answers and component files;
- Streamlit's frontend: index.html and its /static JS, CSS and fonts, the same for any app
  and cached by the browser after the first visit; reported apart.

Sizes are decoded bytes (websocket frames after permessage-deflate, HTTP bodies after
gzip), which is what the browser has to parse; the HTTP wire size is given too. The issue's
target: the map page (regions) under 1 MB of app payload. A measurement, not a test.

Run: `.venv/bin/python -m benchmarks.payload`; writes benchmarks/results/payload.json.
"""

from __future__ import annotations

import argparse
from urllib.parse import urlparse

from playwright.sync_api import Browser, Response
from playwright.sync_api import Error as PlaywrightError

from benchmarks.browser import PAGES, VIEWPORT, RunWatch, app_in_chromium, page_url, settle
from benchmarks.record import write_result

MAP_PAGE, MAP_TARGET_BYTES = "regions", 1_000_000
KB = 1000


def is_frontend(response: Response) -> bool:
    """Streamlit's own files: the page shell (index.html) and everything under /static/."""
    path = urlparse(response.url).path
    return response.request.resource_type == "document" or "/static/" in path


def body_sizes(response: Response) -> tuple[int, int]:
    """(decoded, on the wire) bytes of a response body; 0 for bodiless ones (redirects)."""
    try:
        decoded = len(response.body())
    except PlaywrightError:  # a redirect has no body to give
        decoded = 0
    return decoded, max(response.request.sizes()["responseBodySize"], 0)


def first_render(browser: Browser, url: str) -> dict[str, int]:
    """Bytes received for one page's first drawing in a fresh (cold-cache) context."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = RunWatch(page)
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    watch.wait_until_drawn()
    # a visit's own reruns are its bytes too: before, the Regions page measured 0.29 or
    # 0.54 MB by whether its width's rerun came before "drawn"
    settle(watch)
    totals = {"websocket": sum(watch.frames), "websocket_frames": len(watch.frames)}
    totals |= dict.fromkeys(("app_http", "app_http_wire", "frontend", "frontend_wire"), 0)
    for response in responses:
        part = "frontend" if is_frontend(response) else "app_http"
        decoded, wire = body_sizes(response)
        totals[part] += decoded
        totals[f"{part}_wire"] += wire
    totals["app_payload"] = totals["websocket"] + totals["app_http"]
    context.close()
    return totals


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    with app_in_chromium() as (browser, url):
        pages = {p: first_render(browser, page_url(url, p)) for p in PAGES}
    write_result(
        "payload",
        {
            "viewport": VIEWPORT,
            "map_target_bytes": MAP_TARGET_BYTES,
            "pages": pages,
        },
    )
    print("first render, cold cache (KB decoded; frontend = Streamlit's index.html and /static)")
    print(f"{'page':<10} {'app total':>10} {'websocket':>10} {'app http':>9} {'frontend':>9}")
    for page_id, t in pages.items():
        print(
            f"{page_id:<10} {t['app_payload'] / KB:>10.0f} {t['websocket'] / KB:>10.0f} "
            f"{t['app_http'] / KB:>9.0f} {t['frontend'] / KB:>9.0f}"
        )
    verdict = "meets" if pages[MAP_PAGE]["app_payload"] < MAP_TARGET_BYTES else "misses"
    print(f"map page: {pages[MAP_PAGE]['app_payload'] / 1e6:.2f} MB, {verdict} the 1 MB target")


if __name__ == "__main__":
    main()
