"""Home Front as Streamlit's ASGI app (st.App): app.py, plus one rule no page script can make.

A page's path with more after it (`/timeline/extra/path`) would load Streamlit's index.html
with its assets resolved under the wrong folder (`/timeline/extra/static/…`, answered with
the same HTML): the scripts never load, the page stays blank and app.py never runs, so it
cannot say "not found". This sends such a path to the page itself, its link kept, as nginx
does under `make serve` (deploy/nginx.conf.template). `make run` and each `make serve`
replica start this file; its lifespan warms the caches first (components/warmup.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from starlette.middleware import Middleware
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit.starlette import App

from components import warmup
from homefront.config import KNOWN_PAGES

# not /PAGE/_stcore/…: the frontend probes those for a base path and needs their 404
DEEPER_THAN_A_PAGE = re.compile(rf"^/({'|'.join(KNOWN_PAGES)})/(?!_stcore/)")


class PagePathRedirect:
    """302 from /PAGE/anything to /PAGE, with the query string kept."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = DEEPER_THAN_A_PAGE.match(scope["path"]) if scope["type"] == "http" else None
        if match is None:
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        target = f"/{match.group(1)}" + (f"?{query}" if query else "")
        await RedirectResponse(target, status_code=302)(scope, receive, send)


# warmup.lifespan fills the shared caches before the server accepts its first connection
app = App(
    Path(__file__).with_name("app.py"),
    middleware=[Middleware(PagePathRedirect)],
    lifespan=warmup.lifespan,
)
