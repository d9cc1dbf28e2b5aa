"""Helpers for the browser tests: start the app on a free port, watch a page, screenshot it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    env_overrides: dict[str, str] | None = None, script: str = "app.py"
) -> tuple[subprocess.Popen, str]:
    """`streamlit run SCRIPT` on a free port; returns the process and its base URL."""
    port = _free_port()
    env = {**os.environ, **(env_overrides or {})}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / script),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
    raise RuntimeError(f"the app did not start on {url}:\n{output}")


def stop_server(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        out, _ = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out.decode(errors="replace") if out else ""


@dataclass
class PageWatch:
    """What a page did that a user would not want: errors and requests leaving localhost."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        """Record console errors, except Streamlit's own probes for its base path.

        On a page URL such as /data the frontend first asks /data/_stcore/health and
        /data/_stcore/host-config, gets a 404, and falls back to the root; harmless.
        """
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        if url.endswith(BASE_PATH_PROBES):
            return
        self.console_errors.append(f"{message.text} ({url})")

    def assert_clean(self) -> None:
        assert not self.outside_requests, f"requests left localhost: {self.outside_requests}"
        assert not self.page_errors, f"page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def wait_for_app(page, timeout: float = 30_000, settle_ms: int = 500) -> None:
    """Wait until Streamlit has finished running the script and drawn the page.

    The script's state is the frontend's own (`data-test-script-state`, what Streamlit's
    end-to-end tests wait on): the running indicator appears only a moment after a run
    starts, so its absence alone can mean a run not yet shown. Most widgets are code the
    frontend loads on first use (React.lazy): until it has, the element is a placeholder
    (`stSkeleton`), so a slider's label can be missing after its run has finished.
    """
    page.wait_for_selector('[data-testid="stMain"]', timeout=timeout)
    page.wait_for_function(
        """() => { const app = document.querySelector('[data-testid="stApp"]');
                   return app?.dataset.testScriptState === 'notRunning'
                       && app.dataset.testConnectionState === 'CONNECTED'
                       && !document.querySelector('[data-testid="stStatusWidget"]')
                       && !document.querySelector('[data-testid="stSkeleton"]')
                       && document.querySelector('[data-testid="stMainBlockContainer"] h1'); }""",
        timeout=timeout,
    )
    # every Plotly chart on the page has drawn its SVG (screenshots otherwise catch blanks)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                 .every(c => c.querySelector('.main-svg'))""",
        timeout=timeout,
    )
    if settle_ms:
        page.wait_for_timeout(settle_ms)


class Reruns:
    """Every rerun the page asks the server for: the fragment it names, or "" for the whole
    app (read from the browser's own BackMsg.rerun_script messages on the websocket)."""

    def __init__(self, page) -> None:
        self.asked: list[str] = []
        page.on("websocket", lambda ws: ws.on("framesent", self._sent))

    def _sent(self, payload) -> None:
        if isinstance(payload, str):
            return
        message = BackMsg()
        try:
            message.ParseFromString(payload)
        except Exception:  # not a BackMsg (never seen; nothing to count)
            return
        if message.WhichOneof("type") == "rerun_script":
            self.asked.append(message.rerun_script.fragment_id)


def press_until_sent(page, reruns: Reruns, key: str) -> None:
    """Press a key as a presenter's clicker does, and again if the browser sends nothing.

    Streamlit binds a button's shortcut in an effect React runs after it has drawn the
    button, so for a moment after a page first appears (longer on a busy machine) the
    button is on screen and its key does nothing: a probe pressing 150-250 ms after the
    headline showed lost 6 presses of 188, and CI lost one (no step change in 60 s). A
    presenter presses again when nothing happens; so does this, but only while no rerun
    has been asked for, so a press the server is still answering is never repeated and the
    step cannot move twice. Three presses in all.
    """
    before = len(reruns.asked)
    for _ in range(3):
        page.keyboard.press(key)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if len(reruns.asked) > before:
                return
            page.wait_for_timeout(100)
    raise AssertionError(f"three presses of {key} sent no rerun to the server")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# each chart's text that reaches past its chart's box (the SVG clips it there): what it says
_CLIPPED_TEXT = """() => [...document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')]
  .flatMap(gd => {
    const box = gd.getBoundingClientRect();
    return [...gd.querySelectorAll('.main-svg text')]
      .filter(t => t.textContent.trim())
      .filter(t => { const r = t.getBoundingClientRect();  // a hidden tick has no width
                     return r.width && (r.left < box.left - 1 || r.right > box.right + 1); })
      .map(t => t.textContent);
  })"""


def clipped_chart_text(page) -> list[str]:
    """The text of every chart on the page that runs past its chart's left or right edge,
    where the chart cuts it off: titles, axis titles, labels."""
    return page.evaluate(_CLIPPED_TEXT)
