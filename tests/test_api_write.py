"""Write endpoints: API keys, ingest of JSON records and of URLs (SSRF guard), size limits."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from tests.httpserver import LocalHTTPServer, Reply
from tests.webapp import app_client, ingest_paths

from newsweave.store import open_store
from newsweave.web.security import BlockedAddressError, GuardedTransport, is_public_address

KEY = "env-key-for-tests-0123456789"
PAGE = (
    "<html><head><title>Council approves new library</title></head><body><article>"
    "<h1>Council approves new library</h1>"
    + "<p>The city council approved the new central library on Tuesday evening. "
    "Construction starts in spring and should take two years.</p>" * 4 + "</article></body></html>"
)


def _record(n: int, title: str = "Storm closes the coastal road") -> dict[str, str]:
    return {
        "id": f"r{n}",
        "title": title,
        "text": f"A winter storm closed the coastal road near Dunmore on Friday (report {n}). "
        "Crews cleared fallen trees and the road reopened on Saturday morning. "
        "The weather service expects calmer conditions next week.",
        "source": f"Outlet {n}",
        "published": "2024-01-12T08:00:00Z",
    }


@pytest.fixture(autouse=True)
def _env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_API_KEY", KEY)


def _auth(key: str = KEY) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_ingest_needs_a_valid_key(db_target: str) -> None:
    with app_client(db_target) as client:
        body = {"articles": [_record(1)]}
        missing = client.post("/api/v1/ingest", json=body)
        assert missing.status_code == 401
        assert missing.json()["error"]["code"] == "unauthorized"
        assert client.post("/api/v1/ingest", json=body, headers=_auth("nope")).status_code == 403
        assert client.get("/api/v1/health").json()["articles"] == 0


def test_ingested_articles_show_up_without_a_restart(db_target: str) -> None:
    with app_client(db_target) as client:
        assert client.get("/api/v1/stories").json()["stories"] == []
        response = client.post(
            "/api/v1/ingest", json={"articles": [_record(1), _record(2)]}, headers=_auth()
        )
        assert response.status_code == 200, response.text
        assert response.json()["new"] == 2
        again = client.post("/api/v1/ingest", json={"articles": [_record(1)]}, headers=_auth())
        assert again.json() == {"new": 0, "duplicate": 1, "failed": 0, "failures": []}
        stories = client.get("/api/v1/stories").json()["stories"]
        assert sum(s["articles"] for s in stories) == 2
        page = client.get("/stories")
        assert "Storm closes the coastal road" in page.text
        # The home page's cards are made per story version: a new story shows at once.
        assert "Storm closes the coastal road" in client.get("/?all=1").text


def test_bad_records_are_reported_not_stored(db_target: str) -> None:
    with app_client(db_target) as client:
        response = client.post(
            "/api/v1/ingest",
            json={"articles": [{"title": "no text"}, _record(3)]},
            headers=_auth(),
        )
        body = response.json()
        assert (body["new"], body["failed"]) == (1, 1)
        assert body["failures"][0]["origin"] == "api:0"
        both = client.post(
            "/api/v1/ingest", json={"articles": [], "url": "http://x.test/"}, headers=_auth()
        )
        assert both.status_code == 400
        assert both.json()["error"]["code"] == "bad_request"


def test_stored_keys_work_until_revoked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSWEAVE_API_KEY")
    db = tmp_path / "w.db"
    with open_store(db) as store:
        key = store.create_api_key("robot")
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("w.db*"))
    assert key.encode() not in stored, "the raw key is never stored"
    with app_client(db) as client:
        ok = client.post("/api/v1/ingest", json={"articles": [_record(4)]}, headers=_auth(key))
        assert ok.status_code == 200
        with open_store(db) as store:
            assert store.revoke_api_key("robot")
        revoked = client.post(
            "/api/v1/ingest", json={"articles": [_record(5)]}, headers={"X-API-Key": key}
        )
        assert revoked.status_code == 403


def test_request_size_limit(db_target: str) -> None:
    with app_client(db_target, max_request_bytes=2000) as client:
        big = {"articles": [_record(n) for n in range(20)]}
        response = client.post("/api/v1/ingest", json=big, headers=_auth())
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "too_large"
        small = client.post("/api/v1/ingest", json={"articles": [_record(1)]}, headers=_auth())
        assert small.status_code == 200


def test_fetch_refuses_loopback_by_default(tmp_path: Path) -> None:
    with LocalHTTPServer() as server:
        server.route("/robots.txt", Reply(body="", content_type="text/plain"))
        url = server.route("/page.html", Reply(body=PAGE))
        with app_client(tmp_path / "w.db") as client:
            body = client.post("/api/v1/ingest", json={"url": url}, headers=_auth()).json()
            assert body["new"] == 0
            assert body["failed"] == 1
            assert "private, loopback or link-local" in body["failures"][0]["message"]
        assert server.requests_for("/page.html") == []


def test_fetch_of_private_hosts_can_be_allowed(tmp_path: Path) -> None:
    with LocalHTTPServer() as server:
        server.route("/robots.txt", Reply(body="", content_type="text/plain"))
        url = server.route("/page.html", Reply(body=PAGE))
        with app_client(tmp_path / "w.db", allow_private_fetch=True) as client:
            body = client.post("/api/v1/ingest", json={"url": url}, headers=_auth()).json()
            assert body["new"] == 1, body
            titles = [s["headline"] for s in client.get("/api/v1/stories").json()["stories"]]
            assert any("library" in (t or "").casefold() for t in titles)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::5", False),
        ("::ffff:127.0.0.1", False),
        ("100.64.0.1", False),
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_public_address_check(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_guard_resolves_names_and_checks_every_hop() -> None:
    seen: list[tuple[str, str]] = []

    def inner(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers["host"]))
        if request.url.path == "/hop":
            return httpx.Response(302, headers={"location": "http://metadata.test/latest"})
        return httpx.Response(200, text="ok")

    names = {"news.test": ["93.184.216.34"], "metadata.test": ["169.254.169.254"]}
    guard = GuardedTransport(
        httpx.MockTransport(inner), resolver=lambda host, _port: names.get(host, [])
    )
    with httpx.Client(transport=guard) as client:
        assert client.get("http://news.test/a").status_code == 200
        hop = client.get("http://news.test/hop")
        assert hop.status_code == 302
        with pytest.raises(BlockedAddressError):
            client.get(hop.headers["location"])
        with pytest.raises(BlockedAddressError):
            client.get("http://unknown.test/")
    # Sent to the address that was checked, with the name in the Host header.
    assert seen == [
        ("http://93.184.216.34/a", "news.test"),
        ("http://93.184.216.34/hop", "news.test"),
    ]


def test_guard_is_not_fooled_by_a_name_that_answers_differently_the_second_time() -> None:
    # DNS rebinding: the name answers a public address to the check; were the
    # connection to resolve it again, it would get the cloud metadata address.
    answers = [["93.184.216.34"], ["169.254.169.254"]]
    seen: list[httpx.Request] = []

    def inner(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    guard = GuardedTransport(httpx.MockTransport(inner), resolver=lambda _h, _p: answers.pop(0))
    with httpx.Client(transport=guard) as client:
        assert client.get("https://rebind.test:8443/x?y=1").status_code == 200
    (request,) = seen
    assert str(request.url) == "https://93.184.216.34:8443/x?y=1"
    assert request.headers["host"] == "rebind.test:8443"
    assert request.extensions["sni_hostname"] == "rebind.test"
    assert answers == [["169.254.169.254"]], "the name was resolved once, by the guard"


def test_stories_written_by_another_process_show_up(tmp_path: Path, db_target: str) -> None:
    db = db_target
    with app_client(db) as client:
        assert client.get("/api/v1/stories").json()["stories"] == []
        # Another writer (ingest or follow) on the same file, with its own connection.
        input_path = tmp_path / "more.jsonl"
        input_path.write_text(json.dumps(_record(7, "Ferry service resumes")) + "\n")
        ingest_paths(db, [str(input_path)])
        stories = client.get("/api/v1/stories").json()["stories"]
        assert [s["headline"] for s in stories] == ["Ferry service resumes"]
        assert "Ferry service resumes" in client.get("/stories").text
        assert "Ferry service resumes" in client.get("/?all=1").text
