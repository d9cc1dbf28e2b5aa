"""deploy/serve.py for real: two replicas behind nginx, a browser session through the proxy.

Checks what a shared deployment depends on: the app renders and reruns over the websocket
through nginx, browsers without an affinity cookie get one and are spread over both replicas,
every request of one browser (websockets and reloads included) reaches one replica, the browser
never talks to a replica directly, a Host nginx is not configured for is refused (DNS
rebinding), a replica killed with SIGKILL is restarted while the other keeps serving and its
open pages reconnect to a live one (their first change lost, and said so), and SIGTERM to
the launcher stops every process it started.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlparse

import pytest

from deploy.serve import find_nginx, free_port, healthy
from tests.browser.harness import ROOT, PageWatch, screenshot, wait_for_app

pytestmark = pytest.mark.browser
COOKIE = "hf_affinity"
# each replica warms its caches before it is healthy (components/warmup.py)
START_TIMEOUT = 180.0
PROBES = 16  # cookie-less requests; all on one of two replicas by chance: p = 2**-15


@dataclass(frozen=True)
class Hit:
    """One line of the proxy's access log (format `upstream` in deploy/nginx.conf.template)."""

    key: str
    upstream: str
    status: int
    uri: str


@dataclass
class Deployment:
    process: subprocess.Popen
    url: str
    run_dir: Path
    output: Path
    startup_seconds: float

    def hits(self) -> list[Hit]:
        lines = (self.run_dir / "access.log").read_text(encoding="utf-8").splitlines()
        return [
            Hit(key, upstream, int(status), uri)
            for _time, key, upstream, status, _method, uri, _duration in (
                line.split("\t") for line in lines
            )
        ]

    def wait_for_log(self, done: Callable[[list[Hit]], bool]) -> list[Hit]:
        """The log once `done` holds: nginx writes a line after the response, not before."""
        deadline = time.monotonic() + 10
        while not done(hits := self.hits()):
            assert time.monotonic() < deadline, f"access log incomplete: {hits[-5:]}"
            time.sleep(0.1)
        return hits

    def stop(self) -> int:
        """SIGTERM to the launcher only (as `kill` or Ctrl-C's own handling would), then wait."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)

    def group_alive(self) -> bool:
        """Whether any process of the launcher's process group (its children) still runs."""
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    with launch(tmp_path_factory.mktemp("serve")) as deployment:
        yield deployment


@contextlib.contextmanager
def launch(run_dir: Path) -> Iterator[Deployment]:
    """serve.py with two replicas on a free port, until the block ends."""
    if find_nginx() is None:
        pytest.skip("nginx not installed: run `make nginx` (make test installs it)")
    output = run_dir / "serve.out"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, str(ROOT / "deploy" / "serve.py"), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--replicas", "2", "--run-dir", str(run_dir)]
    started = time.monotonic()
    with output.open("wb") as out:
        # its own process group, so that whatever it leaves behind can be found and killed
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deployment = Deployment(process, url, run_dir, output, 0.0)
    try:
        # ready when serve.py says so: it prints its address once nginx answers through it
        while "Home Front: " not in output.read_text(encoding="utf-8") or not healthy(url):
            assert process.poll() is None, f"serve.py exited:\n{output.read_text()}"
            assert time.monotonic() - started < START_TIMEOUT, output.read_text()
            time.sleep(0.2)
        deployment.startup_seconds = time.monotonic() - started
        yield deployment
    finally:
        deployment.stop()
        if deployment.group_alive():
            os.killpg(process.pid, signal.SIGKILL)


def probe_keys(deployment: Deployment) -> dict[str, list[str]]:
    """Affinity cookies nginx hands out to cookie-less requests, by the replica they reach."""
    keys = []
    for _ in range(PROBES):
        with urllib.request.urlopen(f"{deployment.url}/_stcore/health", timeout=5) as response:
            cookies = SimpleCookie()
            for header in response.headers.get_all("Set-Cookie"):  # Streamlit's XSRF one too
                cookies.load(header)
            keys.append(cookies[COOKIE].value)
    hits = deployment.wait_for_log(lambda hits: set(keys) <= {h.key for h in hits})
    upstream_of = {hit.key: hit.upstream for hit in hits}
    by_replica: dict[str, list[str]] = {}
    for key in keys:
        by_replica.setdefault(upstream_of[key], []).append(key)
    return by_replica


class Visit:
    """One browser context on the proxy: its page, its errors and every address it contacted."""

    def __init__(self, browser, deployment: Deployment, cookie: str | None = None):
        self.context = browser.new_context(viewport={"width": 1280, "height": 720})
        if cookie:
            self.context.add_cookies([{"name": COOKIE, "value": cookie, "url": deployment.url}])
        self.page = self.context.new_page()
        self.watch = PageWatch()
        self.contacted: list[str] = []
        self.page.on("console", self.watch.on_console)
        self.page.on("pageerror", lambda e: self.watch.page_errors.append(str(e)))
        self.page.on("request", lambda r: self.contacted.append(r.url))
        self.page.on("websocket", lambda ws: self.contacted.append(ws.url))

    def cookie(self) -> str:
        return next(c["value"] for c in self.context.cookies() if c["name"] == COOKIE)

    def outside_proxy(self, proxy: str) -> list[str]:
        netloc = urlparse(proxy).netloc
        return [
            url
            for url in self.contacted
            if url.startswith(("http:", "https:", "ws:", "wss:")) and urlparse(url).netloc != netloc
        ]


def events_shown(page) -> int:
    """N from the Data page's "Events (N of M)" tab, which follows the sidebar filters."""
    label = page.get_by_role("tab", name=re.compile(r"^Events \(")).inner_text()
    return int(re.match(r"Events \((\d+) of \d+\)", label).group(1))


def search_data_page(visit: Visit, url: str, term: str = "mothers") -> None:
    """Open the Data page, type a search in the sidebar and see the rerun narrow the table."""
    visit.page.goto(f"{url}/data")
    wait_for_app(visit.page)
    # a fresh page sends no widget values: nothing to tell it about a lost server
    assert visit.page.get_by_text("reconnected to another").count() == 0
    type_search(visit.page, term)


def type_search(page, term: str) -> None:
    """On the open Data page, type a search and see the rerun change the events shown."""
    tab = page.get_by_role("tab", name=re.compile(r"^Events \("))
    before = tab.inner_text()
    search = page.get_by_test_id("stSidebar").get_by_label("Search text")
    search.fill(term)
    search.press("Enter")
    page.wait_for_url(f"**q={term}**", timeout=30_000)
    page.wait_for_function(
        """(before) => {
            const tab = [...document.querySelectorAll('[role="tab"]')]
                .find(t => t.innerText.startsWith('Events ('));
            return tab && tab.innerText !== before;
        }""",
        arg=before,
        timeout=30_000,
    )
    wait_for_app(page)
    shown, total = map(int, re.match(r"Events \((\d+) of (\d+)\)", tab.inner_text()).groups())
    assert 0 < shown < total, tab.inner_text()


def streams_closed(expected: dict[str, int]) -> Callable[[list[Hit]], bool]:
    """Whether each key has its count of websockets logged (nginx logs one when it closes)."""

    def done(hits: list[Hit]) -> bool:
        streams = [h.key for h in hits if h.uri == "/_stcore/stream" and h.status == 101]
        return all(streams.count(key) >= n for key, n in expected.items())

    return done


def test_sessions_spread_over_both_replicas_and_stick(browser, deployment):
    by_replica = probe_keys(deployment)
    assert len(by_replica) == 2, f"cookie-less requests all reached one replica: {by_replica}"

    # A new browser, no cookie: nginx picks a replica and says which in its cookie.
    first = Visit(browser, deployment)
    search_data_page(first, deployment.url)
    screenshot(first.page, "scaleout-data-through-nginx")
    first_key = first.cookie()
    first.page.reload()  # a new session and websocket for the same browser
    wait_for_app(first.page)
    assert "q=mothers" in first.page.url

    # A second browser whose cookie belongs to the other replica.
    first_replica = next(h.upstream for h in deployment.hits() if h.key == first_key)
    (other_replica,) = set(by_replica) - {first_replica}
    second = Visit(browser, deployment, cookie=by_replica[other_replica][0])
    search_data_page(second, deployment.url)
    second_key = second.cookie()
    assert second_key == by_replica[other_replica][0], "nginx replaced a valid cookie"

    for visit in (first, second):
        assert not visit.outside_proxy(deployment.url), visit.outside_proxy(deployment.url)
        assert any(url.endswith("/_stcore/stream") for url in visit.contacted)
        visit.watch.assert_clean()
        visit.context.close()

    hits = deployment.wait_for_log(streams_closed({first_key: 2, second_key: 1}))  # reloaded
    replicas = {}
    for key in (first_key, second_key):
        upstreams = {h.upstream for h in hits if h.key == key}
        assert len(upstreams) == 1, f"one browser's requests reached {upstreams}"
        (replicas[key],) = upstreams
        assert sum(1 for h in hits if h.key == key) > 10  # page, assets, health, websocket
    assert replicas[first_key] == first_replica
    assert replicas[second_key] == other_replica


def status(url: str, host: str, path: str = "/_stcore/health") -> int | None:
    """The HTTP status nginx answers a request naming `host`, or None if it closes the line."""
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        return connection.getresponse().status
    except (http.client.RemoteDisconnected, ConnectionResetError):
        return None
    finally:
        connection.close()


def test_a_host_nginx_is_not_configured_for_is_refused(deployment):
    """DNS rebinding: a page on evil.example, its name pointed at this machine, gets nothing."""
    port = urlparse(deployment.url).port
    assert status(deployment.url, f"127.0.0.1:{port}") == 200
    assert status(deployment.url, f"localhost:{port}") == 200
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        assert status(deployment.url, host) is None, host


def test_a_page_path_with_more_after_it_goes_to_the_page(deployment, page):
    """/timeline/extra/path loaded the app with its assets under /timeline/extra/: blank."""
    page.goto(f"{deployment.url}/timeline/extra/path?q=mothers")
    wait_for_app(page)
    assert urlparse(page.url).path == "/timeline" and "q=mothers" in page.url
    assert page.locator("h1").first.inner_text() == "Timeline"
    # the frontend's base-path probe must still get Streamlit's 404, not a redirect
    host = urlparse(deployment.url).netloc
    assert status(deployment.url, host, "/data/_stcore/health") == 404
    assert status(deployment.url, host, "/timeline/a/b") == 302


def replica_pid(deployment: Deployment, upstream: str) -> int:
    """The pid of serve.py's child that runs the replica on `upstream` (127.0.0.1:PORT)."""
    port = upstream.rsplit(":", 1)[1].encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError, ValueError):
            continue
        flag = b"--server.port"
        if ppid == deployment.process.pid and flag in argv and argv[argv.index(flag) + 1] == port:
            return int(proc.name)
    raise AssertionError(f"no replica on {upstream}")


def test_a_killed_replicas_viewer_is_told_its_first_change_was_lost_and_carries_on(
    browser, tmp_path
):
    """SIGKILL one of two replicas: the other's browsers carry on, nginx keeps serving, and
    the replica comes back on its port. The killed one's open page reconnects through nginx
    to the live replica without a reload, but that replica does not know its session: its
    first change (a search) reruns a new session seeded from the page's link, so the page
    says the change was lost; the next one is applied as usual."""
    with launch(tmp_path) as deployment:
        by_replica = probe_keys(deployment)
        assert len(by_replica) == 2, by_replica
        doomed, spared = sorted(by_replica)
        victim = Visit(browser, deployment, cookie=by_replica[doomed][0])
        survivor = Visit(browser, deployment, cookie=by_replica[spared][0])
        for visit in (victim, survivor):
            search_data_page(visit, deployment.url)

        os.kill(replica_pid(deployment, doomed), signal.SIGKILL)
        # the other replica's viewer carries on, and new visitors are served, meanwhile
        search_data_page(survivor, deployment.url, "Buryatia")
        assert status(deployment.url, urlparse(deployment.url).netloc) == 200
        # the killed replica's viewer, no reload: a search is answered by the live replica,
        # which says the change was lost and shows the page's link (q=mothers)
        search = victim.page.get_by_test_id("stSidebar").get_by_label("Search text")
        search.fill("Tyva")
        search.press("Enter")
        notice = victim.page.get_by_test_id("stAlert").filter(has_text="reconnected to another")
        notice.wait_for(timeout=30_000)
        assert "a change you just made may have been undone" in notice.inner_text()
        wait_for_app(victim.page)
        assert search.input_value() == "mothers" and "q=mothers" in victim.page.url
        screenshot(victim.page, "scaleout-after-a-replica-was-killed")
        type_search(victim.page, "Tyva")  # made again: applied, on the same open page
        assert notice.count() == 0

        deadline = time.monotonic() + START_TIMEOUT
        while not healthy(f"http://{doomed}"):
            assert time.monotonic() < deadline, deployment.output.read_text(encoding="utf-8")
            time.sleep(0.5)
        assert deployment.process.poll() is None, "serve.py stopped"
        output = deployment.output.read_text(encoding="utf-8")
        assert f"replica :{doomed.rsplit(':', 1)[1]} exited (-9); restarting in 1 s" in output
        for visit in (victim, survivor):
            assert not visit.outside_proxy(deployment.url)
            visit.context.close()
        assert deployment.stop() == 0
        assert not deployment.group_alive()


def test_sigterm_stops_every_process(deployment):
    assert deployment.stop() == 0
    assert not deployment.group_alive(), "serve.py left processes behind"
    assert not healthy(deployment.url)
    output = deployment.output.read_text(encoding="utf-8")
    assert "Traceback" not in output, output
    # e.g. "upstream server temporarily disabled": nginx moved viewers off a replica
    assert not re.search(r"\[(warn|error|crit|alert|emerg)\]", output), output
    assert f"Home Front: {deployment.url}" in output
    print(f"2 replicas + nginx healthy through the proxy in {deployment.startup_seconds:.1f} s")
