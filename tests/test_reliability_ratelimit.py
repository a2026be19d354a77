"""The per-client rate limit on costly requests (issue 21), over the real app.

Searches, stories (their briefs may be built on the spot) and ingest are counted
per client: its valid API key, else its address.  Over the budget: 429, a JSON
error (an HTML page for pages) and ``Retry-After``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.webapp import SEEDS, app_client, ingest_paths

from newsweave.config import load_settings
from newsweave.errors import ConfigError
from newsweave.web.ratelimit import RateLimiter, is_costly

KEY = "rate-limit-key-0123456789"
BURST = 4


@pytest.fixture(autouse=True)
def _env_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_API_KEY", KEY)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("rate-limit") / "seed.db"
    ingest_paths(db, [str(SEEDS)])
    return db


def test_search_over_the_budget_gets_429_json_with_retry_after(seeded_db: Path) -> None:
    with app_client(seeded_db, rate_per_minute=1 / 60, rate_burst=BURST) as client:
        for _ in range(BURST):
            assert client.get("/api/v1/search", params={"q": "court"}).status_code == 200
        answer = client.get("/api/v1/search", params={"q": "court"})
        assert answer.status_code == 429
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.json()["error"]["code"] == "rate_limited"
        retry = int(answer.headers["retry-after"])
        assert 1 <= retry <= 3600
        # The budget is the client's, across every costly route: pages get the HTML error.
        page = client.get("/search", params={"q": "court"})
        assert page.status_code == 429
        assert page.headers["content-type"].startswith("text/html")
        assert "retry-after" in page.headers
        assert client.get("/stories.json", params={"q": "court"}).status_code == 429
        assert client.head("/search", params={"q": "court"}).status_code == 429


def test_cheap_requests_are_not_counted(seeded_db: Path) -> None:
    with app_client(seeded_db, rate_per_minute=1 / 60, rate_burst=1) as client:
        for _ in range(5):
            for path in ("/", "/stories", "/api/v1/stories", "/sources", "/api/v1/health"):
                assert client.get(path).status_code == 200, path
        assert client.get("/search.json", params={"q": "court"}).status_code == 200
        assert client.get("/search.json", params={"q": "court"}).status_code == 429
        # Still not counted, and still answered, once the costly budget is spent.
        assert client.get("/api/v1/stories").status_code == 200


def test_story_pages_and_briefs_are_counted(seeded_db: Path) -> None:
    with app_client(seeded_db, rate_per_minute=1 / 60, rate_burst=2) as client:
        story = client.get("/api/v1/stories").json()["stories"][0]["id"]
        assert client.get(f"/stories/{story}").status_code == 200
        assert client.get(f"/api/v1/stories/{story}/brief").status_code in (200, 404)
        answer = client.get(f"/api/v1/stories/{story}")
        assert answer.status_code == 429
        assert answer.json()["error"]["code"] == "rate_limited"


def test_a_valid_key_has_its_own_budget_an_invented_one_does_not(seeded_db: Path) -> None:
    with app_client(seeded_db, rate_per_minute=1 / 60, rate_burst=2) as client:
        for _ in range(2):
            assert client.get("/search.json", params={"q": "court"}).status_code == 200
        assert client.get("/search.json", params={"q": "court"}).status_code == 429
        invented = {"Authorization": "Bearer not-a-key-000000000000"}
        assert (
            client.get("/search.json", params={"q": "court"}, headers=invented).status_code == 429
        )
        keyed = {"Authorization": f"Bearer {KEY}"}
        for _ in range(2):
            assert (
                client.get("/search.json", params={"q": "court"}, headers=keyed).status_code == 200
            )
        assert client.get("/search.json", params={"q": "court"}, headers=keyed).status_code == 429


def test_ingest_is_counted(tmp_path: Path) -> None:
    keyed = {"Authorization": f"Bearer {KEY}"}
    body = {"articles": [{"title": "A title", "text": "Some words of text. " * 20}]}
    with app_client(tmp_path / "w.db", rate_per_minute=1 / 60, rate_burst=1) as client:
        assert client.post("/api/v1/ingest", json=body, headers=keyed).status_code == 200
        answer = client.post("/api/v1/ingest", json=body, headers=keyed)
        assert answer.status_code == 429
        assert answer.json()["error"]["code"] == "rate_limited"


def test_zero_switches_the_limit_off(seeded_db: Path) -> None:
    with app_client(seeded_db, rate_per_minute=0, rate_burst=1) as client:
        for _ in range(10):
            assert client.get("/search.json", params={"q": "court"}).status_code == 200


def test_bad_limits_are_refused_with_the_option_named() -> None:
    with pytest.raises(ConfigError, match="rate_per_minute"):
        load_settings(overrides={"server": {"rate_per_minute": -1}})
    with pytest.raises(ConfigError, match="rate_burst"):
        load_settings(overrides={"server": {"rate_burst": 0}})


def test_the_packaged_defaults_limit_costly_requests() -> None:
    server = load_settings().server
    assert server.rate_per_minute > 0
    assert server.rate_burst >= 1


def test_buckets_refill_at_the_sustained_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=60, burst=2, clock=lambda: now[0])
    assert limiter.take("a") == 0.0
    assert limiter.take("a") == 0.0
    wait = limiter.take("a")
    assert wait == pytest.approx(1.0)
    assert limiter.take("b") == 0.0  # another client is not affected
    now[0] += 1.0
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0.0
    now[0] += 100.0  # idle: back to the burst, never above it
    assert [limiter.take("a") for _ in range(3)][:2] == [0.0, 0.0]
    assert limiter.take("a") > 0.0


@pytest.mark.parametrize(
    ("method", "path", "query", "costly"),
    [
        ("GET", "/search", b"q=x", True),
        ("GET", "/api/v1/search", b"", True),
        ("GET", "/stories", b"q=court", True),
        ("GET", "/api/v1/stories", b"order=recent&entity=Paris", True),
        ("GET", "/api/v1/stories", b"order=recent&q=", False),
        ("GET", "/stories", b"%71=court", True),  # the app decodes the name to q
        ("GET", "/stories", b"q=+", False),
        ("GET", "/stories", b"", False),
        ("GET", "/stories/abc", b"", True),
        ("GET", "/api/v1/stories/abc/brief", b"", True),
        ("POST", "/api/v1/ingest", b"", True),
        ("GET", "/articles/abc", b"", False),
        ("GET", "/sources.json", b"", False),
        ("GET", "/static/app.css", b"", False),
    ],
)
def test_which_requests_are_costly(method: str, path: str, query: bytes, costly: bool) -> None:
    assert is_costly(method, path, query) is costly
