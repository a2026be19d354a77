"""Reliability of search (issue 21): every request has a bounded cost.

Limits on the query text, a time limit enforced inside SQLite (a progress
handler), the query stopped when its client goes away, and a server that exits
within seconds of SIGTERM while costly searches run.  The costly case is made
here: articles that are nothing but the twelve words searched for, so ranking
and snippets take seconds.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.webapp import app_client

from newsweave.errors import QueryCancelledError
from newsweave.models import Article, RawDocument
from newsweave.store import SQLiteStore
from newsweave.store.serving import MAX_QUERY_CHARS, MAX_QUERY_TERMS, fts_query

WORDS = ["the", "of", "and", "to", "in", "a", "that", "is", "for", "on", "it", "with"]
COSTLY = " ".join(WORDS)


@pytest.fixture(scope="module")
def costly_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """800 articles of 3,000 words drawn from the twelve searched for."""
    db = tmp_path_factory.mktemp("costly") / "costly.db"
    rng = random.Random(21)
    batch = []
    for n in range(800):
        body = " ".join(rng.choice(WORDS) for _ in range(3000))
        raw = RawDocument(origin=f"gen:{n}", content_type="text/plain", content=body)
        article = Article(id=f"a{n}", key=f"k{n}", title=f"Words {n}", body=body, origin=raw.origin)
        batch.append((raw, article))
    with SQLiteStore(db) as store:
        store.add_articles(batch)
    return db


def test_search_text_over_the_limits_is_refused_with_json(tmp_path: Path) -> None:
    many = " ".join(f"word{n}" for n in range(MAX_QUERY_TERMS + 1))
    long = "x" * (MAX_QUERY_CHARS + 1)
    with app_client(tmp_path / "w.db") as client:
        for path in ("/api/v1/search", "/api/v1/stories", "/search.json"):
            for text in (many, long):
                response = client.get(path, params={"q": text})
                assert response.status_code == 400, (path, response.text)
                assert response.json()["error"]["code"] == "bad_request"
                assert "at most" in response.json()["error"]["message"]
        assert client.get("/search", params={"q": many}).status_code == 400


def test_repeated_words_are_searched_once() -> None:
    assert fts_query("the the THE the of of") == '"the" "THE" "of"'
    # Repeats do not count against the limit either.
    assert fts_query(" ".join(WORDS * 20)[:MAX_QUERY_CHARS]) is not None


def test_query_over_its_time_limit_is_stopped_inside_the_database(costly_db: Path) -> None:
    with SQLiteStore(costly_db) as store:
        start = time.monotonic()
        with pytest.raises(QueryCancelledError, match="limit"), store.bounded(seconds=0.2):
            store.search_articles(COSTLY)
        assert time.monotonic() - start < 3.0
        with (
            pytest.raises(QueryCancelledError, match="cancelled"),
            store.bounded(seconds=None, cancelled=lambda: True),
        ):
            store.search_articles(COSTLY)
        # The limit ends with the block: the same connection searches normally again.
        assert store.search_articles("the of", limit=1).items


def test_costly_search_over_the_api_is_answered_503_in_time(
    costly_db: Path, tmp_path: Path
) -> None:
    with app_client(costly_db, query_seconds=0.3) as client:
        start = time.monotonic()
        response = client.get("/api/v1/search", params={"q": COSTLY})
        assert time.monotonic() - start < 5.0
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "query_timeout"
        page = client.get("/search", params={"q": COSTLY})
        assert page.status_code == 503
        assert "text/html" in page.headers["content-type"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(costly_db: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``newsweave serve`` over the costly database, with a time limit far away."""
    config = tmp_path / "config.toml"
    config.write_text("[server]\nquery_seconds = 600\n", encoding="utf-8")
    port = _free_port()
    command = [str(Path(sys.executable).parent / "newsweave"), "--db", str(costly_db)]
    command += ["--config", str(config), "serve", "--port", str(port)]
    process = subprocess.Popen(command, env={**os.environ}, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            break
        except httpx.TransportError:
            assert process.poll() is None, "the server exited"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
    try:
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _send_search(port: int) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port))
    query = httpx.QueryParams({"q": COSTLY})
    client.sendall(f"GET /api/v1/search?{query} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    return client


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads CPU time from /proc")
def test_search_stops_when_the_client_goes_away(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, port = server
    clients = [_send_search(port) for _ in range(2)]
    time.sleep(1.0)
    for client in clients:
        client.close()
    time.sleep(0.5)
    before = _cpu_seconds(process.pid)
    time.sleep(3.0)
    # Two searches left running would burn up to 6 CPU seconds here.
    assert _cpu_seconds(process.pid) - before < 0.5


@pytest.mark.slow
def test_server_exits_promptly_on_sigterm_during_costly_searches(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, port = server

    def search() -> None:
        # The server goes away under this request: any answer or none is fine.
        with contextlib.suppress(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/api/v1/search", params={"q": COSTLY}, timeout=120)

    # Six searches of about 3 s of CPU each: left to finish, they take 9 s or
    # more on two cores.
    waiting = [threading.Thread(target=search, daemon=True) for _ in range(6)]
    for thread in waiting:
        thread.start()
    time.sleep(1.0)
    start = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=120)
    # uvicorn's graceful period (3 s), then the running queries are stopped.
    assert time.monotonic() - start < 7.0
