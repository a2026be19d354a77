"""``newsweave keys`` and ``newsweave serve`` from the command line (keys and a
multi-process server on both back ends: conftest.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.store import open_store

runner = CliRunner()


def test_keys_create_list_revoke(db_target: str) -> None:
    db = db_target
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


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> httpx.Response:
    deadline = time.monotonic() + 120
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
        except httpx.TransportError:
            assert process.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_starts_and_stops(tmp_path: Path) -> None:
    open_store(str(tmp_path / "s.db")).close()  # serve reads: it refuses a missing file
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


def test_serve_says_where_it_serves_once_the_port_accepts() -> None:
    # A script that waits for the "serving" line and then connects must get an
    # answer at once, not a refused connection while uvicorn is still starting
    # (loading its protocol modules takes seconds on a busy machine).
    import uvicorn
    from fastapi import FastAPI

    from newsweave.cli.serve import _announcing_server

    port = _free_port()
    accepted: list[bool] = []

    def announce() -> None:
        with socket.socket() as probe:
            accepted.append(probe.connect_ex(("127.0.0.1", port)) == 0)
        server.should_exit = True

    config = uvicorn.Config(FastAPI(), host="127.0.0.1", port=port, log_level="warning")
    server = _announcing_server(config, announce)
    runner = threading.Thread(target=server.run)
    runner.start()
    runner.join(timeout=60)
    assert not runner.is_alive()
    assert accepted == [True]


def test_serve_with_worker_processes_shares_one_database(db_target: str) -> None:
    # Two server processes on one port and one database, written to by parallel
    # API clients: every article is stored once, in one stream whose stories are
    # what a recluster of it gives (the writers took turns).
    from newsweave.pipeline.stories import recluster_store

    open_store(db_target).close()  # an empty database (serve does not create one)
    port = _free_port()
    key = "test-workers-key-0123456789abcdef"
    command = [str(Path(sys.executable).parent / "newsweave"), "--db", db_target, "serve"]
    command += ["--port", str(port), "--workers", "2"]
    env = {**os.environ, "NEWSWEAVE_API_KEY": key}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    events = ["harbour bridge reopened", "orchestra named a conductor", "cargo ship ran aground"]
    records = [
        {
            "id": f"r{n}",
            "title": f"Report {n}: the {events[n % 3]}",
            "text": f"In town {n % 3} the {events[n % 3]} on Monday, officials said. "
            f"Witness {n} described the scene at length for local radio.",
            "source": f"Outlet {n % 5}",
        }
        for n in range(24)
    ]
    errors: list[BaseException] = []

    def post(part: list[dict[str, str]]) -> None:
        try:
            with httpx.Client(timeout=120) as client:
                for record in part:
                    response = client.post(
                        f"http://127.0.0.1:{port}/api/v1/ingest",
                        json={"articles": [record]},
                        headers={"Authorization": f"Bearer {key}"},
                    )
                    assert response.status_code == 200, response.text
        except BaseException as exc:  # re-raised below
            errors.append(exc)

    try:
        _wait_for(port, process)
        threads = [threading.Thread(target=post, args=(records[i::4],)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=10).json()
        assert health["articles"] == len(records)
    finally:
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    assert b"2 worker processes" in err
    with open_store(db_target) as store:
        assert store.count_articles() == len(records)
        before = {a.id: store.story_of(a.id) for a in store.iter_articles()}
        assert None not in before.values()
        recluster_store(store)
        assert {a.id: store.story_of(a.id) for a in store.iter_articles()} == before
