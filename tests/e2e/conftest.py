"""End-to-end fixtures: the real server (uvicorn in a thread) and headless Chromium.

Chromium is Debian's ``/usr/bin/chromium`` (``make test`` installs it when apt
can); Playwright drives it with ``executable_path`` and never downloads a
browser.  Without either, every e2e test is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.webapp import SEEDS, ingest_paths, settings_for

CHROMIUM = os.environ.get("NEWSWEAVE_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

HOSTILE = {
    "id": "e2e-evil",
    "title": "Harbour <script>alert('title')</script> council vote",
    "text": "The harbour council voted <script>alert('body')</script> on Monday. "
    '"><img src=x onerror=alert(2)> The decision was unanimous. '
    "Members said the works start in May.",
    "source": "<b onmouseover=alert(3)>Quay Times</b>",
    "published": "2024-02-01T10:00:00Z",
}


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(`make test` does when apt is usable) to run the browser tests"
        )
    pytest.importorskip("playwright.sync_api", reason="pip package playwright not installed")
    return CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("e2e")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n")
    db = folder / "e2e.db"
    ingest_paths(db, [str(SEEDS), str(hostile)])
    yield from _serve(db)


STORY_PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "story-page"


@pytest.fixture(scope="session")
def rated_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over one dated story told by six outlets, five of them rated left to right
    (``tests/fixtures/story-page``): coverage bar, headlines by side, timeline chart."""
    from typer.testing import CliRunner

    from newsweave.cli import app as cli_app

    db = tmp_path_factory.mktemp("e2e-rated") / "rated.db"
    ingest_paths(db, [str(STORY_PAGE / "articles.jsonl")])
    registry = str(STORY_PAGE / "registry.csv")
    done = CliRunner().invoke(cli_app, ["--db", str(db), "sources", "import", registry])
    assert done.exit_code == 0, done.output
    yield from _serve(db)


def _serve(db: Path) -> Iterator[str]:
    """The app over ``db`` in a uvicorn thread (briefs built on request): its base URL."""
    import uvicorn

    from newsweave.web import create_app

    port = _free_port()
    app = create_app(settings_for(db), background_briefs=False)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=["--no-sandbox"]
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def story_json(base: str, story_id: str) -> dict[str, Any]:
    data: dict[str, Any] = httpx.get(f"{base}/stories/{story_id}.json", timeout=60).json()
    return data
