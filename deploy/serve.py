"""Serve the app to a room: N Streamlit replicas on 127.0.0.1 behind nginx with sticky sessions.

    python deploy/serve.py --host 0.0.0.0 --port 8080 --replicas 2

One Streamlit process runs every session's script on one interpreter; a large briefing audience
needs several. This starts the replicas on free localhost ports (only nginx listens on the shared
address), renders deploy/nginx.conf.template into a run directory, runs nginx in the foreground,
and stops everything on Ctrl-C or SIGTERM, or as soon as any one process exits (so a supervisor
such as systemd sees the failure and restarts the whole set).
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
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
PLACEHOLDER = re.compile(r"\{\{ (\w+) \}\}")
WILDCARDS = {"0.0.0.0", "::", ""}
START_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


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


def render_config(listen: str, replica_ports: list[int]) -> str:
    """The template with its placeholders filled; an unknown placeholder is an error."""
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in replica_ports)
    values = {"listen": listen, "servers": servers}
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))


def replica_command(port: int, public_host: str, public_port: int) -> list[str]:
    """`streamlit run app.py` for one replica; .streamlit/config.toml supplies the rest.

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
        str(ROOT / "app.py"),
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


def serve(host: str, port: int, replicas: int, public_host: str, run_dir: Path) -> int:
    """Start everything, wait until one process exits or a signal arrives, stop everything."""
    nginx = find_nginx()
    if nginx is None:
        print("nginx not found: run `make nginx`", file=sys.stderr)
        return 2
    # nginx started as root runs its workers as `nobody`: they must reach the temp directories
    run_dir.chmod(0o711)
    ports = [free_port() for _ in range(replicas)]
    config = run_dir / "nginx.conf"
    config.write_text(render_config(listen_address(host, port), ports), encoding="utf-8")
    # One secret for all replicas: the XSRF cookie one replica signs must verify on another
    # after a fail-over. Passed in the environment, which other users cannot read (argv they
    # can, in ps), and new for every launch, so none is ever stored.
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    processes: dict[str, subprocess.Popen] = {}
    signal.signal(signal.SIGTERM, raise_stop)
    signal.signal(signal.SIGHUP, raise_stop)
    try:
        started = time.monotonic()
        for replica_port in ports:
            command = replica_command(replica_port, public_host, port)
            processes[f"replica :{replica_port}"] = subprocess.Popen(command, cwd=ROOT, env=env)
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
        while not exited(processes):
            time.sleep(0.5)
        print(f"stopping: {', '.join(exited(processes))}", file=sys.stderr, flush=True)
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
    if args.run_dir:
        args.run_dir.mkdir(parents=True, exist_ok=True)
        return serve(args.host, args.port, args.replicas, public_host, args.run_dir)
    with tempfile.TemporaryDirectory(prefix="homefront-serve-") as run_dir:
        return serve(args.host, args.port, args.replicas, public_host, Path(run_dir))


if __name__ == "__main__":
    sys.exit(main())
