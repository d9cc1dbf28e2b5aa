"""The shipped server settings are the safe ones, and a running server listens on loopback only.

.streamlit/config.toml is what `make run` serves with: bound to 127.0.0.1 (nobody else on the
network reaches it), XSRF protection on, no usage statistics sent to Streamlit, and no
tracebacks shown to viewers. Read three ways: the file itself (tomllib), Streamlit's own
parse of it (a misspelt key would be ignored there, not here), and the sockets of a server
started as the browser tests start it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

import pytest

from tests.browser.harness import start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
CONFIG_TOML = ROOT / ".streamlit" / "config.toml"
EXPECTED = {
    "server.address": "127.0.0.1",
    "server.enableXsrfProtection": True,
    "browser.gatherUsageStats": False,
    "client.showErrorDetails": "none",
}


def test_the_config_file_sets_the_safe_values():
    settings = tomllib.loads(CONFIG_TOML.read_text(encoding="utf-8"))
    for key, value in EXPECTED.items():
        section, name = key.split(".")
        assert settings[section][name] == value, key


def test_streamlit_reads_the_same_values_from_the_project():
    """Streamlit's parse from the project folder, with no STREAMLIT_* variable overriding."""
    code = (
        "import json; from streamlit import config; config.get_config_options(force_reparse=True);"
        f"print(json.dumps({{k: config.get_option(k) for k in {list(EXPECTED)!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == EXPECTED


def _listening(port: int) -> list[str]:
    """The local addresses (hex, as /proc/net/tcp* writes them) listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                found.append(address)
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net/tcp")
def test_a_running_server_listens_on_loopback_only():
    process, url = start_server()
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            assert response.status == 200
        port = int(url.rsplit(":", 1)[1])
        # 127.0.0.1 is 0100007F in /proc's byte order; 0.0.0.0 or :: would be every interface
        assert _listening(port) == ["0100007F"]
    finally:
        stop_server(process)
