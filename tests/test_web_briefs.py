"""The brief cache of the server: built once per story version, rebuilt in a worker process."""

from __future__ import annotations

import sqlite3
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from tests.webapp import SEEDS, TestClient, ingest_paths, settings_for

from newsweave.pipeline.brief import BuildResult
from newsweave.pipeline.brief_pool import BriefPool
from newsweave.store import open_store
from newsweave.web import create_app
from newsweave.web.briefs import BriefService


def _wait_for(client: TestClient, story_id: str, status: str, app: Any) -> dict[str, Any]:
    deadline = time.monotonic() + 240
    while True:
        now: dict[str, Any] = client.get(f"/api/v1/stories/{story_id}").json()
        if now["brief_status"] == status:
            return now
        assert time.monotonic() < deadline, f"not {status}: {app.state.briefs.failures}"
        time.sleep(0.2)


def test_stale_brief_is_served_then_rebuilt_in_the_background(tmp_path: Path) -> None:
    db = tmp_path / "bg.db"
    ingest_paths(db, [str(SEEDS)])
    # Niceness 0: at the server's default (10) the rebuild can starve for minutes
    # on a machine busy with other jobs, which is what a server wants but not a test.
    # No rate limit: the test polls until both builds are done.
    settings = settings_for(db, rate_per_minute=0)
    app = create_app(settings, background_briefs=True, brief_rebuild_nice=0)
    with TestClient(app) as client:
        story_id = client.get("/api/v1/stories").json()["stories"][0]["id"]
        first = client.get(f"/api/v1/stories/{story_id}").json()
        # The first view never waits for the first build: it runs in the background.
        assert first["brief_status"] == "building"
        assert first["brief"] is None
        page = client.get(f"/stories/{story_id}")
        assert "being built" in page.text
        assert "Vietnam" in page.text, "the articles' headlines are shown meanwhile"
        brief = client.get(f"/api/v1/stories/{story_id}/brief")
        assert brief.status_code in (200, 404)
        if brief.status_code == 404:
            assert brief.json()["error"]["code"] == "not_ready"
        first = _wait_for(client, story_id, "fresh", app)
        assert first["brief"]["summary"]
        # The page shown while building was not cached: the built brief shows now.
        assert "being built" not in client.get(f"/stories/{story_id}").text
        # A writer changes the story (as ingest does when an article joins it).
        with sqlite3.connect(db) as conn:
            conn.execute(
                "UPDATE stories SET updated_seq = updated_seq + 1 WHERE id = ?", (story_id,)
            )
        stale = client.get(f"/api/v1/stories/{story_id}").json()
        assert stale["story"]["version"] == first["story"]["version"] + 1
        assert stale["brief_status"] == "stale"
        assert stale["brief"] == first["brief"], "the old brief is shown meanwhile"
        deadline = time.monotonic() + 240
        while True:
            now = client.get(f"/api/v1/stories/{story_id}").json()
            if now["brief_status"] == "fresh":
                break
            assert time.monotonic() < deadline, f"not rebuilt: {app.state.briefs.failures}"
            time.sleep(0.2)
        assert now["brief_version"] == now["story"]["version"]
        page = client.get(f"/stories/{story_id}")
        assert "being updated" not in page.text


def test_a_stale_brief_served_from_the_response_cache_is_still_rebuilt(tmp_path: Path) -> None:
    # The response of a stale story is cached; every later hit must keep asking
    # for the rebuild, or a request lost once (the CI failure) is never repeated.
    db = tmp_path / "cached.db"
    ingest_paths(db, [str(SEEDS)])
    app = create_app(settings_for(db), background_briefs=False)
    asked: list[str] = []
    with TestClient(app) as client:
        story_id = client.get("/api/v1/stories").json()["stories"][0]["id"]
        assert client.get(f"/api/v1/stories/{story_id}").json()["brief_status"] == "fresh"
        with sqlite3.connect(db) as conn:
            conn.execute(
                "UPDATE stories SET updated_seq = updated_seq + 1 WHERE id = ?", (story_id,)
            )
        assert client.get(f"/api/v1/stories/{story_id}").json()["brief_status"] == "stale"
        app.state.briefs.schedule = asked.append
        for _ in range(2):  # both answered from the response cache
            assert client.get(f"/api/v1/stories/{story_id}").json()["brief_status"] == "stale"
    assert asked == [story_id, story_id]


class _Pool:
    """Stands in for the background process pool: futures completed by the test."""

    def __init__(self) -> None:
        self.submitted: list[Future[BuildResult]] = []
        self.shut = False

    def submit(self, *_args: object) -> Future[BuildResult]:
        future: Future[BuildResult] = Future()
        self.submitted.append(future)
        return future

    def shutdown(self, *, wait: bool = True, cancel_futures: bool = False) -> None:
        self.shut = True


def test_a_rebuild_asked_for_while_one_runs_runs_again_after_it(tmp_path: Path) -> None:
    service = BriefService(lambda: None, db_path=str(tmp_path / "x.db"), background=False)  # type: ignore[arg-type,return-value]
    pool = _Pool()
    service._background = BriefPool(workers=1)
    service._background._executor = pool  # type: ignore[assignment]
    service.schedule("s1")
    service.schedule("s1")  # the story changed while the first build runs
    service.schedule("s1")
    assert len(pool.submitted) == 1, "one build at a time per story"
    pool.submitted[0].set_result(BuildResult(5))
    deadline = time.monotonic() + 10
    while len(pool.submitted) < 2:
        assert time.monotonic() < deadline, "the second build was never submitted"
        time.sleep(0.01)
    pool.submitted[1].set_result(BuildResult(6))
    time.sleep(0.1)
    assert len(pool.submitted) == 2, "asked for twice while running: one more build, not two"


def _kill_worker(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker process the way the OOM killer would, and wait until
    the pool has noticed (its private ``_broken`` flag: no public way to ask)."""
    for process in list(pool._processes.values()):  # type: ignore[attr-defined]
        process.kill()
    deadline = time.monotonic() + 30
    while not pool._broken:  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, "the pool never noticed its dead worker"
        time.sleep(0.05)


def test_a_dead_worker_process_is_replaced_not_fatal(tmp_path: Path) -> None:
    db = tmp_path / "dead.db"
    ingest_paths(db, [str(SEEDS)])
    with open_store(str(db)) as store:
        story_id = next(iter(store.iter_stories())).id
        service = BriefService(lambda: store, db_path=str(db), wait=120.0, rebuild_nice=0)
        try:
            assert service.build(story_id) is not None  # starts the first-build worker
            assert service._pool is not None
            broken = service._pool.executor
            assert broken is not None
            _kill_worker(broken)
            with sqlite3.connect(db) as conn:
                conn.execute("DELETE FROM briefs")
            # Before: the broken pool raised on every later build (a server error).
            state = service.build(story_id)
            assert state is not None
            assert state.fresh
            assert service._pool.executor is not broken

            # The background pool too: a rebuild asked for after its worker died
            # still runs, and the story can be asked for again afterwards.
            service.schedule(story_id)  # starts the background worker (a no-op build)
            deadline = time.monotonic() + 120
            while story_id in service._queued:
                assert time.monotonic() < deadline, f"first rebuild hangs: {service.failures}"
                time.sleep(0.05)
            assert service._background is not None
            background = service._background.executor
            assert background is not None
            _kill_worker(background)
            with sqlite3.connect(db) as conn:
                conn.execute(
                    "UPDATE stories SET updated_seq = updated_seq + 1 WHERE id = ?", (story_id,)
                )
            version = store.story_version(story_id)
            service.schedule(story_id)
            while (cached := store.get_brief(story_id)) is None or cached.updated_seq < version:
                assert time.monotonic() < deadline, f"not rebuilt: {service.failures}"
                time.sleep(0.1)
            assert service._background.executor is not background
            # The build's done-callback unmarks the story just after the brief is written.
            while story_id in service._queued:
                assert time.monotonic() < deadline, "the finished rebuild stays queued"
                time.sleep(0.05)
        finally:
            service.close()


def test_a_worker_dying_during_a_build_fails_that_version_only(tmp_path: Path) -> None:
    db = tmp_path / "dies.db"
    ingest_paths(db, [str(SEEDS)])
    with open_store(str(db)) as store:
        story_id = next(iter(store.iter_stories())).id
        version = store.story_version(story_id)
        service = BriefService(lambda: store, db_path=str(db))
        try:
            dying = _Pool()
            assert service._pool is not None
            service._pool._executor = dying  # type: ignore[assignment]
            original_submit = dying.submit

            def submit_and_die(*args: object) -> Future[BuildResult]:
                future = original_submit(*args)
                future.set_exception(BrokenProcessPool("killed"))
                return future

            dying.submit = submit_and_die  # type: ignore[method-assign]
            assert service.build(story_id) is None
            assert service.failures[-1][:2] == (story_id, version)
            assert "worker process died" in service.failures[-1][2]
            assert service._pool.executor is not dying, "a fresh pool for the next builds"
            assert dying.shut
            # The same version is not tried again on every view.
            assert service.build(story_id) is None
            assert len(dying.submitted) == 1
        finally:
            service.close()
