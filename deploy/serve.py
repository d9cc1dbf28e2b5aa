"""Serve the app to a room: N Streamlit replicas on 127.0.0.1 behind nginx with sticky sessions.

    python deploy/serve.py --host 0.0.0.0 --port 8080 --replicas 2

One Streamlit process runs every session's script on one interpreter; a large briefing audience
needs several. This starts the replicas on free localhost ports (only nginx listens on the shared
address), renders deploy/nginx.conf.template into a run directory, runs nginx in the foreground,
and stops everything on Ctrl-C or SIGTERM. A replica that dies is started again on its port
(after 1, 2, 4 ... s, at most MAX_RESTARTS times in RESTART_WINDOW) while nginx sends its
viewers to the others; serve.py exits 1, stopping everything, only when nginx exits or no
replica is left (so a supervisor such as systemd sees the failure and restarts the set).
nginx answers only the names given with --server-name (default: the public host) and the
loopback names.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script (make serve): homefront beside deploy/
from components.warmup import WARM_TIMEOUT_S  # noqa: E402
from homefront.config import KNOWN_PAGES  # noqa: E402

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
WILDCARDS = {"0.0.0.0", "::", ""}
# a replica answers its health check once it has warmed its caches (asgi.py, at most
# WARM_TIMEOUT_S), then its own start-up on top
START_TIMEOUT = WARM_TIMEOUT_S + 60.0
STOP_TIMEOUT = 10.0
# A replica that keeps dying (a broken install, a port taken) is given up on, not restarted
# for ever: at most MAX_RESTARTS in RESTART_WINDOW seconds, waiting twice as long each time.
MAX_RESTARTS = 5
RESTART_WINDOW = 300.0
FIRST_BACKOFF = 1.0
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")


class Stop(Exception):
    """Raised in the main thread by SIGTERM or SIGHUP, so the cleanup in `finally` runs."""


def find_nginx() -> str | None:
    """nginx from PATH, or Debian's /usr/sbin/nginx (not on a normal user's PATH)."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listen_address(host: str, port: int) -> str:
    """nginx's `listen` value: IPv6 addresses need brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


SERVER_NAME = re.compile(r"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_*]([A-Za-z0-9_.*-]*[A-Za-z0-9_])?)$")


def server_names(names: list[str]) -> str:
    """nginx's `server_name` value; a name nginx would misread (a space, a ;) is an error."""
    bad = [name for name in names if not SERVER_NAME.match(name)]
    if bad:
        raise ValueError(f"not a host name: {bad}")
    return " ".join(dict.fromkeys(names))


def render_config(listen: str, replica_ports: list[int], names: list[str] = LOCAL_NAMES) -> str:
    """The template with its placeholders filled; an unknown placeholder is an error."""
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in replica_ports)
    values = {
        "listen": listen,
        "servers": servers,
        "server_names": server_names(list(names)),
        "pages": "|".join(KNOWN_PAGES),
    }
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))


def replica_command(port: int, public_host: str, public_port: int) -> list[str]:
    """`streamlit run asgi.py` for one replica; .streamlit/config.toml supplies the rest.

    asgi.py, as `make run` starts: st.App around app.py, whose lifespan warms the shared caches
    before the server accepts a connection, so the replica is healthy (and serve.py reports
    ready) only once no first viewer has to build the dataset and the default views.

    The flags restate the safety settings (localhost only, XSRF on, no telemetry) so the
    deployment keeps them even if config.toml changes. browser.serverAddress/serverPort name
    the proxy, which is what Streamlit puts in the upload routes' CORS header. The replicas'
    own welcome message would print one loopback URL each; serve.py prints the real one.
    """
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "asgi.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.enableXsrfProtection",
        "true",
        "--server.enableCORS",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--browser.serverAddress",
        public_host,
        "--browser.serverPort",
        str(public_port),
        "--logger.hideWelcomeMessage",
        "true",
    ]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def exited(processes: dict[str, subprocess.Popen]) -> list[str]:
    """The processes that have ended, named with their exit status, for the message."""
    return [f"{name} (exit {p.poll()})" for name, p in processes.items() if p.poll() is not None]


def wait_healthy(urls: list[str], processes: dict[str, subprocess.Popen]) -> None:
    """Wait until every URL answers its health check; fail fast if a process has died."""
    deadline = time.monotonic() + START_TIMEOUT
    pending = list(urls)
    while pending:
        dead = exited(processes)
        if dead:
            raise RuntimeError(f"exited during start-up: {dead}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"not healthy after {START_TIMEOUT:.0f} s: {pending}")
        pending = [url for url in pending if not healthy(url)]
        if pending:
            time.sleep(0.3)


def stop_all(processes: dict[str, subprocess.Popen]) -> None:
    """SIGTERM to each (nginx first, so no viewer is sent to a stopping replica), then wait.

    nginx's SIGTERM is its fast shutdown: a graceful SIGQUIT would wait for every open
    websocket, that is for every viewer to close the tab.
    """
    ordered = sorted(processes.values(), key=lambda p: p is not processes.get("nginx"))
    for process in ordered:
        if process.poll() is None:
            process.terminate()
    for process in ordered:
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def raise_stop(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM and SIGHUP unwind the main thread like Ctrl-C does, through the clean-up."""
    raise Stop(signal.Signals(signum).name)


class Replica:
    """One Streamlit process on its fixed port (nginx's config names it), restarted when it
    dies, with a back-off, until it has died too often."""

    def __init__(self, port: int, command: list[str], env: dict[str, str]):
        self.port, self.command, self.env = port, command, env
        self.name = f"replica :{port}"
        self.deaths: list[float] = []
        self.restart_at: float | None = None
        self.process = self.start()

    def start(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, cwd=ROOT, env=self.env)

    def check(self, now: float) -> bool:
        """Restart the process if it is due; False once it has died too often to retry."""
        if self.restart_at is None and self.process.poll() is not None:
            self.deaths = [t for t in self.deaths if now - t < RESTART_WINDOW] + [now]
            if len(self.deaths) > MAX_RESTARTS:
                print(f"{self.name} died {len(self.deaths)} times: given up", file=sys.stderr)
                return False
            delay = FIRST_BACKOFF * 2 ** (len(self.deaths) - 1)
            print(
                f"{self.name} exited ({self.process.returncode}); restarting in {delay:.0f} s, "
                "its viewers are served by the others meanwhile",
                file=sys.stderr,
                flush=True,
            )
            self.restart_at = now + delay
        if self.restart_at is not None and now >= self.restart_at:
            self.restart_at = None
            self.process = self.start()
        return True


def supervise(replicas: list[Replica], nginx: subprocess.Popen) -> str:
    """Keep the replicas running until nginx exits or every replica has been given up on;
    returns why it stopped."""
    alive = list(replicas)
    while nginx.poll() is None:
        now = time.monotonic()
        alive = [replica for replica in alive if replica.check(now)]
        if not alive:
            return "no replica left"
        time.sleep(0.5)
    return f"nginx (exit {nginx.returncode})"


def serve(
    host: str,
    port: int,
    replicas: int,
    public_host: str,
    run_dir: Path,
    names: list[str] | None = None,
) -> int:
    """Start everything, keep the replicas up until nginx exits or a signal arrives, stop
    everything."""
    nginx = find_nginx()
    if nginx is None:
        print("nginx not found: run `make nginx`", file=sys.stderr)
        return 2
    # nginx started as root runs its workers as `nobody`: they must reach the temp directories
    run_dir.chmod(0o711)
    ports = [free_port() for _ in range(replicas)]
    config = run_dir / "nginx.conf"
    # the loopback names always (serve.py's own health probe uses one; a rebinding attack
    # needs a name of the attacker's), then the names viewers use
    names = [*LOCAL_NAMES, *(names or [f"[{public_host}]" if ":" in public_host else public_host])]
    config.write_text(render_config(listen_address(host, port), ports, names), encoding="utf-8")
    # One secret for all replicas: the XSRF cookie one replica signs must verify on another
    # after a fail-over. Passed in the environment, which other users cannot read (argv they
    # can, in ps), and new for every launch, so none is ever stored.
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    processes: dict[str, subprocess.Popen] = {}
    running: list[Replica] = []
    signal.signal(signal.SIGTERM, raise_stop)
    signal.signal(signal.SIGHUP, raise_stop)
    try:
        started = time.monotonic()
        for replica_port in ports:
            command = replica_command(replica_port, public_host, port)
            running.append(Replica(replica_port, command, env))
        processes.update({r.name: r.process for r in running})
        print(f"starting {replicas} replicas; each warms its caches first", flush=True)
        wait_healthy([f"http://127.0.0.1:{p}" for p in ports], processes)
        processes["nginx"] = subprocess.Popen(
            [nginx, "-p", f"{run_dir}/", "-c", "nginx.conf", "-e", "stderr"], cwd=run_dir
        )
        probe_host = "127.0.0.1" if host in WILDCARDS else host
        wait_healthy([f"http://{listen_address(probe_host, port)}"], processes)
        ready = time.monotonic() - started
        print(
            f"Home Front: http://{listen_address(public_host, port)} "
            f"({replicas} replicas on 127.0.0.1:{','.join(map(str, ports))}, "
            f"ready in {ready:.1f} s; logs in {run_dir})",
            flush=True,
        )
        why = supervise(running, processes["nginx"])
        print(f"stopping: {why}", file=sys.stderr, flush=True)
        return 1
    except (KeyboardInterrupt, Stop):
        return 0
    except RuntimeError as error:
        print(f"stopping: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        # a second Ctrl-C or SIGTERM must not cut the clean-up short
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        processes.update({r.name: r.process for r in running})  # restarted ones included
        stop_all(processes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="0.0.0.0", help="address nginx listens on")
    parser.add_argument("--port", type=int, default=8080, help="port nginx listens on")
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes")
    parser.add_argument(
        "--public-host",
        help="name viewers type in the address bar (default: --host, or this machine's name)",
    )
    parser.add_argument(
        "--server-name",
        action="append",
        dest="server_names",
        metavar="NAME",
        help="a host name viewers use (repeat for several; default: the public host); nginx "
        f"refuses any other Host but {', '.join(LOCAL_NAMES)}",
    )
    parser.add_argument(
        "--run-dir",
        type=Path,
        help="where nginx.conf, access.log and nginx's temp files go (default: a new temp "
        "directory, removed on exit)",
    )
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    public_host = args.public_host or (
        socket.gethostname() if args.host in WILDCARDS else args.host
    )
    names = args.server_names
    try:
        server_names(names or [])
    except ValueError as error:
        parser.error(f"--server-name: {error}")
    if args.run_dir:
        args.run_dir.mkdir(parents=True, exist_ok=True)
        return serve(args.host, args.port, args.replicas, public_host, args.run_dir, names)
    with tempfile.TemporaryDirectory(prefix="homefront-serve-") as run_dir:
        return serve(args.host, args.port, args.replicas, public_host, Path(run_dir), names)


if __name__ == "__main__":
    sys.exit(main())
