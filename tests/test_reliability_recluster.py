"""``kill -9`` during ``newsweave recluster`` (issue 21): nothing half-done survives.

A recluster rebuilds every story in one transaction and then saves the assigner
snapshot.  Killed at a random moment, the store must hold either the stories it
had before or exactly a clean recluster's; a re-run of ``recluster`` and a later
``ingest`` must then equal the same commands run without the crash.  Real
processes over a real SQLite file; slow (run by ``make test``).
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import shared_data
from tests.test_reliability_store import _history, _story_rows

from newsweave.pipeline import stories
from newsweave.store import SQLiteStore

FIRST = 160
"""Articles in the store when recluster runs; the rest are ingested after it."""


def _newsweave(db: Path, *args: str) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "newsweave"), "--db", str(db), *args]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _run(db: Path, *args: str) -> None:
    process = _newsweave(db, *args)
    _, err = process.communicate(timeout=900)
    assert process.returncode == 0, err.decode("utf-8", "replace")
    assert b"Traceback" not in err


def _copy(source: Path, target: Path) -> None:
    # The backup API copies a consistent database, WAL included.
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


State = tuple[object, ...]


def _state(db: Path) -> State:
    return (*_story_rows(db), _history(db))


@dataclass(frozen=True)
class Runs:
    base: Path
    """The store of the first articles, before any recluster."""
    rest: Path
    """The articles ingested after the recluster."""
    before: State
    after_recluster: State
    after_ingest: State
    seconds: float
    """How long the clean recluster took, start-up included."""


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """A store of the first articles, its state before and after a clean recluster,
    and the state of a later ingest of the rest."""
    lines = shared_data("ecbplus", "ecbplus-dev.jsonl").read_text(encoding="utf-8").splitlines()
    folder = tmp_path_factory.mktemp("recluster-crash")
    first, rest = folder / "first.jsonl", folder / "rest.jsonl"
    first.write_text("\n".join(lines[:FIRST]) + "\n", encoding="utf-8")
    rest.write_text("\n".join(lines[FIRST:]) + "\n", encoding="utf-8")
    base = folder / "base.sqlite"
    _run(base, "ingest", str(first))
    clean = folder / "clean.sqlite"
    _copy(base, clean)
    started = time.monotonic()
    _run(clean, "recluster")
    seconds = time.monotonic() - started
    after_recluster = _state(clean)
    _run(clean, "ingest", str(rest))
    return Runs(base, rest, _state(base), after_recluster, _state(clean), seconds)


def _kill_recluster(runs: Runs, db: Path, share: float) -> State:
    """Run ``recluster`` on a copy of the base store, kill -9 it after ``share`` of a
    clean run's time, and return what it left.  On a busy machine the run may finish
    first: then it is retried with less time (the kill must land inside the run)."""
    for _ in range(6):
        _copy(runs.base, db)
        process = _newsweave(db, "recluster")
        time.sleep(share * runs.seconds)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        if process.returncode == -signal.SIGKILL:
            return _state(db)
        share *= 0.7
    pytest.fail("recluster always finished before the kill")


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_during_recluster_then_rerun_equals_a_clean_run(
    seed: int, runs: Runs, tmp_path: Path
) -> None:
    crashed = tmp_path / "crashed.sqlite"
    # Anywhere from start-up to the very end (the rebuild's one transaction and
    # the snapshot save come last).
    left = _kill_recluster(runs, crashed, random.Random(seed).uniform(0.2, 0.98))
    # At the kill: the old stories or the whole new set, never a mixture.
    assert left in (runs.before, runs.after_recluster)
    _run(crashed, "recluster")
    assert _state(crashed) == runs.after_recluster
    _run(crashed, "ingest", str(runs.rest))
    assert _state(crashed) == runs.after_ingest


@pytest.mark.slow
def test_ingest_right_after_a_killed_recluster_equals_a_clean_run(
    runs: Runs, tmp_path: Path
) -> None:
    """No re-run of recluster: the next ingest alone must cope with whatever the kill left."""
    crashed = tmp_path / "crashed.sqlite"
    left = _kill_recluster(runs, crashed, 0.9)
    assert left in (runs.before, runs.after_recluster)
    _run(crashed, "ingest", str(runs.rest))
    if left == runs.after_recluster:
        assert _state(crashed) == runs.after_ingest
    else:
        clean = tmp_path / "clean.sqlite"
        _copy(runs.base, clean)
        _run(clean, "ingest", str(runs.rest))
        assert _state(crashed) == _state(clean)


@pytest.mark.slow
def test_recluster_stopped_between_its_stories_and_its_snapshot(
    runs: Runs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The narrowest window, hit on purpose: the new stories are committed, the
    snapshot of the assigner that made them is not (the old one was removed with
    the old stories).  The next ingest must rebuild, not trust a stale state."""
    crashed = tmp_path / "crashed.sqlite"
    _copy(runs.base, crashed)

    def killed(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # what the process sees last before it dies

    monkeypatch.setattr(stories, "save_assigner", killed)
    with SQLiteStore(crashed) as store, pytest.raises(KeyboardInterrupt):
        stories.recluster_store(store)
    monkeypatch.undo()
    assert _state(crashed) == runs.after_recluster
    with SQLiteStore(crashed) as store, store.open_state(stories.STATE_NAME) as saved:
        assert saved is None, "the old snapshot must not outlive the stories it made"
    _run(crashed, "ingest", str(runs.rest))
    assert _state(crashed) == runs.after_ingest
