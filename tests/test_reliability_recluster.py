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
from pathlib import Path

import pytest
from tests.conftest import shared_data
from tests.test_reliability_store import _history, _story_rows

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


def _state(db: Path) -> tuple[object, ...]:
    return (*_story_rows(db), _history(db))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
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
    return {
        "base": base,
        "rest": rest,
        "before": _state(base),
        "after_recluster": after_recluster,
        "after_ingest": _state(clean),
        "seconds": seconds,
    }


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kill_during_recluster_then_rerun_equals_a_clean_run(
    seed: int, runs: dict[str, object], tmp_path: Path
) -> None:
    base, rest, seconds = runs["base"], runs["rest"], runs["seconds"]
    assert isinstance(base, Path) and isinstance(rest, Path) and isinstance(seconds, float)
    crashed = tmp_path / "crashed.sqlite"
    _copy(base, crashed)
    process = _newsweave(crashed, "recluster")
    # Anywhere from start-up to the very end (the rebuild's one transaction and
    # the snapshot save come last).
    time.sleep(random.Random(seed).uniform(0.2, 0.98) * seconds)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the kill came after recluster had finished"
    # At the kill: the old stories or the whole new set, never a mixture.
    assert _state(crashed) in (runs["before"], runs["after_recluster"])
    _run(crashed, "recluster")
    assert _state(crashed) == runs["after_recluster"]
    _run(crashed, "ingest", str(rest))
    assert _state(crashed) == runs["after_ingest"]


@pytest.mark.slow
def test_ingest_right_after_a_killed_recluster_equals_a_clean_run(
    runs: dict[str, object], tmp_path: Path
) -> None:
    """No re-run of recluster: the next ingest alone must cope with whatever the kill left."""
    base, rest, seconds = runs["base"], runs["rest"], runs["seconds"]
    assert isinstance(base, Path) and isinstance(rest, Path) and isinstance(seconds, float)
    crashed = tmp_path / "crashed.sqlite"
    _copy(base, crashed)
    process = _newsweave(crashed, "recluster")
    time.sleep(0.9 * seconds)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    left = _state(crashed)
    assert left in (runs["before"], runs["after_recluster"])
    _run(crashed, "ingest", str(rest))
    if left == runs["after_recluster"]:
        assert _state(crashed) == runs["after_ingest"]
    else:
        clean = tmp_path / "clean.sqlite"
        _copy(base, clean)
        _run(clean, "ingest", str(rest))
        assert _state(crashed) == _state(clean)
