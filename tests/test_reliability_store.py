"""Reliability of story history and saved state (issue 21): once per change, newest wins.

Crash and concurrency cases run the real pipeline on a real SQLite file: a run
that stopped before saving its snapshot is re-run, and two writers assign the
same articles; the history must equal a clean run's.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from tests.conftest import old_schema, shared_data
from tests.webapp import app_client, ingest_paths

from newsweave.config import load_settings
from newsweave.ingest import read_inputs
from newsweave.models import RawDocument, StoryChanges, StoryEvent
from newsweave.pipeline.ingest import ingest_documents
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.store import SQLiteStore
from newsweave.store.base import SavedState


def _documents(path: Path) -> list[RawDocument]:
    found = list(read_inputs([str(path)], settings=load_settings()))
    return [item for item in found if isinstance(item, RawDocument)]


def _history(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT kind, story_id, other_id, at_article, score, articles FROM story_events "
            "ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def _ingest(store: SQLiteStore, documents: Sequence[RawDocument], *, save: bool = True) -> None:
    assigner = open_assigner(store)
    ingest_documents(documents, store, batch_size=25, stories=assigner)
    if save:
        save_assigner(store, assigner)


def test_story_events_written_twice_are_stored_once(tmp_path: Path) -> None:
    event = StoryEvent(kind="merge", story_id="s1", other_id="s2", at_article="a9", score=0.5)
    split = StoryEvent(kind="split", story_id="s1", other_id="s3", at_article=None)
    with SQLiteStore(tmp_path / "db.sqlite") as store:
        store.apply_story_changes(StoryChanges(events=(event, split)))
        store.apply_story_changes(StoryChanges(events=(event, split)))
        assert store.story_events("s2") == [event]
        assert len(_history(tmp_path / "db.sqlite")) == 2


def test_migration_removes_duplicated_story_events(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    conn = old_schema(db, 8)
    row = ("merge", "s1", "s2", "a9", 0.5, "[]", "2026-01-01")
    for _ in range(3):
        conn.execute(
            "INSERT INTO story_events (kind, story_id, other_id, at_article, score, articles, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            row,
        )
    conn.close()
    with SQLiteStore(db):
        pass
    assert len(_history(db)) == 1


@pytest.fixture(scope="module")
def revising_stream() -> list[RawDocument]:
    """A stream that makes the clusterer merge and split stories (ECB+ dev)."""
    return _documents(shared_data("ecbplus", "ecbplus-dev.jsonl"))[:240]


@pytest.fixture(scope="module")
def clean_history(
    revising_stream: list[RawDocument], tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[object, ...]]:
    db = tmp_path_factory.mktemp("clean") / "clean.sqlite"
    with SQLiteStore(db) as store:
        _ingest(store, revising_stream)
    history = _history(db)
    assert history, "the stream must revise stories for this test to mean anything"
    return history


def test_story_history_is_written_once_after_a_crash_and_rerun(
    revising_stream: list[RawDocument], clean_history: list[tuple[object, ...]], tmp_path: Path
) -> None:
    db = tmp_path / "crash.sqlite"
    half = len(revising_stream) // 2
    with SQLiteStore(db) as store:
        _ingest(store, revising_stream[:half])
    with SQLiteStore(db) as store:
        # Stored, but the process died before saving its snapshot.
        _ingest(store, revising_stream[half:], save=False)
    with SQLiteStore(db) as store:
        # The re-run replays the second half from the older snapshot.
        _ingest(store, revising_stream)
    assert _history(db) == clean_history


def test_story_history_is_written_once_by_concurrent_writers(
    revising_stream: list[RawDocument], clean_history: list[tuple[object, ...]], tmp_path: Path
) -> None:
    db = tmp_path / "two.sqlite"
    with SQLiteStore(db) as first, SQLiteStore(db) as second:
        one, two = open_assigner(first), open_assigner(second)
        ingest_documents(revising_stream, first, batch_size=25, stories=one)
        # The second writer's assigner catches up on the same articles and
        # reaches the same merges and splits.
        ingest_documents(revising_stream, second, batch_size=25, stories=two)
        save_assigner(first, one)
        save_assigner(second, two)
    assert _history(db) == clean_history


def test_saving_an_older_state_never_replaces_a_newer_one(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "db.sqlite") as store:
        store.save_state("stories", SavedState("f", 10, b"newer"))
        store.save_state("stories", SavedState("f", 4, b"older"))
        saved = store.load_state("stories")
        assert saved is not None
        assert (saved.upto_seq, bytes(saved.data)) == (10, b"newer")
        store.save_state("stories", SavedState("f", 12, b"newest"))
        saved = store.load_state("stories")
        assert saved is not None
        assert bytes(saved.data) == b"newest"


def test_server_shutdown_keeps_the_newer_state_of_a_cli_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = {"X-API-Key": "k-0123456789abcdef"}
    monkeypatch.setenv("NEWSWEAVE_API_KEY", key["X-API-Key"])
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"a{n}.txt").write_text(
            f"Report {n} on the river flood\n\n" + f"The river rose {n + 2} metres overnight. " * 9,
            encoding="utf-8",
        )
    db = tmp_path / "db.sqlite"
    records = [{"title": "Harbour fire", "text": "A fire broke out at the harbour. " * 10}]
    with app_client(db) as client:
        answer = client.post("/api/v1/ingest", json={"articles": records}, headers=key)
        assert answer.json()["new"] == 1
        # A CLI ingest while the server runs saves a newer state.
        ingest_paths(db, [str(corpus)])
        with SQLiteStore(db) as store:
            newer = store.load_state("stories")
            assert newer is not None
    # Leaving the client shuts the server down, which saves its (older) state.
    with SQLiteStore(db) as store:
        kept = store.load_state("stories")
        assert kept is not None
        assert kept.upto_seq == newer.upto_seq == store.last_seq()
        assert kept.format == newer.format
        assert _as_bytes(kept) == _as_bytes(newer)


def _as_bytes(state: SavedState) -> bytes:
    data = state.data
    if isinstance(data, bytes | memoryview):
        return bytes(data)
    data.seek(0)
    return data.read()


def _story_rows(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        articles = conn.execute(
            "SELECT id, story_id, link_kind, link_to FROM articles ORDER BY seq"
        ).fetchall()
        stories = conn.execute(
            "SELECT id, headline, articles, independent_sources, sources FROM stories ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return articles, stories


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_during_ingest_then_rerun_equals_a_clean_run(seed: int, tmp_path: Path) -> None:
    lines = shared_data("ecbplus", "ecbplus-dev.jsonl").read_text(encoding="utf-8").splitlines()
    first, whole = tmp_path / "first.jsonl", tmp_path / "whole.jsonl"
    first.write_text("\n".join(lines[:120]) + "\n", encoding="utf-8")
    whole.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    # Small batches: many transactions, so the kill lands between or inside them.
    config.write_text("[store]\nbatch_size = 10\n", encoding="utf-8")

    def ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
        args = [str(Path(sys.executable).parent / "newsweave"), "--db", str(db)]
        args += ["--config", str(config), "ingest", str(corpus)]
        return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    clean, crashed = tmp_path / "clean.sqlite", tmp_path / "crashed.sqlite"
    for db in (clean, crashed):
        # A first run that saves its state: the re-run replays from this older snapshot.
        assert ingest(db, first).wait(timeout=600) == 0
    assert ingest(clean, whole).wait(timeout=600) == 0
    process = ingest(crashed, whole)
    moment = random.Random(seed).randrange(140, len(lines) - 40)
    deadline = time.monotonic() + 600
    while _count(crashed) < moment and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert _count(crashed) < len(lines), "the kill came after the run had finished"
    assert ingest(crashed, whole).wait(timeout=600) == 0
    assert _story_rows(crashed) == _story_rows(clean)
    assert _history(crashed) == _history(clean)
