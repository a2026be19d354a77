"""``newsweave keys`` and ``newsweave serve`` from the command line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.store import open_store

runner = CliRunner()


def test_keys_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    created = runner.invoke(app, ["--db", db, "keys", "create", "ci-bot"])
    assert created.exit_code == 0, created.output
    key = created.stdout.strip()
    assert key.startswith("nw_")
    with open_store(db) as store:
        assert store.check_api_key(key) == "ci-bot"
    listed = runner.invoke(app, ["--db", db, "keys", "list"])
    assert "ci-bot" in listed.stdout
    assert key not in listed.stdout, "listing never shows the key"
    assert "active" in listed.stdout
    again = runner.invoke(app, ["--db", db, "keys", "create", "ci-bot"])
    assert again.exit_code == 1
    assert "exists already" in again.stderr
    revoked = runner.invoke(app, ["--db", db, "keys", "revoke", "ci-bot"])
    assert revoked.exit_code == 0
    with open_store(db) as store:
        assert store.check_api_key(key) is None
    missing = runner.invoke(app, ["--db", db, "keys", "revoke", "ci-bot"])
    assert missing.exit_code == 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_starts_and_stops(tmp_path: Path) -> None:
    port = _free_port()
    command = [
        str(Path(sys.executable).parent / "newsweave"),
        "--db",
        str(tmp_path / "s.db"),
        "serve",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(command, env={**os.environ}, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, "the server exited"
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        assert health.json()["articles"] == 0
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert b"serving" in err
