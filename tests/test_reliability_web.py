"""Reliability of the web layer (issue 21): limits, methods, closed reading, the SSRF guard.

Every test runs the real app over a real SQLite file; the SSRF cases are
numeric addresses only (no DNS lookup leaves the machine).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.webapp import SEEDS, app_client, ingest_paths

from newsweave.web.security import is_public_address

KEY = "reliability-key-0123456789"


def _auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {KEY}"}


@pytest.fixture(autouse=True)
def _env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_API_KEY", KEY)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reliability-web") / "seed.db"
    ingest_paths(db, [str(SEEDS)])
    return db


def test_chunked_body_over_the_limit_gets_413(tmp_path: Path) -> None:
    records = [{"title": f"t{n}", "text": "word " * 200} for n in range(20)]
    payload = json.dumps({"articles": records}).encode()

    def chunks() -> Iterator[bytes]:
        # No Content-Length: the limit can only be seen while the body streams in.
        for start in range(0, len(payload), 512):
            yield payload[start : start + 512]

    with app_client(tmp_path / "w.db", max_request_bytes=2000) as client:
        response = client.post(
            "/api/v1/ingest",
            content=chunks(),
            headers={**_auth(), "Content-Type": "application/json"},
        )
        assert response.status_code == 413, response.text
        assert response.json()["error"]["code"] == "too_large"
        assert client.get("/api/v1/health").json()["articles"] == 0


def test_head_on_pages_and_api_answers_like_get(seeded_db: Path) -> None:
    with app_client(seeded_db) as client:
        for path in ("/", "/stories", "/stories.json", "/api/v1/stories", "/api/v1/health"):
            get = client.get(path)
            head = client.head(path)
            assert get.status_code == 200, path
            assert head.status_code == 200, (path, head.status_code)
            assert head.content == b"", path
            assert head.headers["content-type"] == get.headers["content-type"], path
        assert client.head("/stories/no-such-story").status_code == 404


def test_health_tells_closed_readers_only_liveness(seeded_db: Path) -> None:
    with app_client(seeded_db, read_open=False) as client:
        anonymous = client.get("/api/v1/health")
        assert anonymous.status_code == 200
        assert anonymous.json() == {"status": "ok"}
        keyed = client.get("/api/v1/health", headers=_auth()).json()
        assert keyed["articles"] > 0
        assert "version" in keyed
    with app_client(seeded_db) as client:
        assert client.get("/api/v1/health").json()["articles"] > 0


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
        "2002:a00:1::1",  # 6to4 wrapping 10.0.0.1
        "2002:808:808::1",  # 6to4: the relay, not the embedded address, decides the route
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "fec0::1",  # deprecated site-local
        "fec0:0:0:ffff::1",
        "::ffff:10.0.0.1",  # IPv4-mapped private
        "::ffff:169.254.169.254",
        "64:ff9b::7f00:1",  # NAT64 to loopback
        "::127.0.0.1",  # IPv4-compatible (deprecated)
        "ff02::1",
        "2001:db8::1",  # documentation
        "198.18.0.1",  # benchmarking
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "100.127.255.254",  # carrier-grade NAT
        "fe80::1%eth0",
    ],
)
def test_ssrf_guard_refuses_tunnelled_and_site_local_addresses(address: str) -> None:
    assert is_public_address(address) is False


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "2a00:1450::1"])
def test_ssrf_guard_allows_public_addresses(address: str) -> None:
    assert is_public_address(address) is True
