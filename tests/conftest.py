"""Shared fixtures: paths to the evaluation data and the bundled seeds, old schemas,
a small three-event stream, and the store back ends every contract test runs on
(SQLite, and a real PostgreSQL the tests start: tests/pgserver.py)."""

from __future__ import annotations

import atexit
import importlib.util
import itertools
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from newsweave.models import Article
from newsweave.store.schema import load_migrations
from newsweave.store.sqlite import _split_statements
from pgserver import LocalPostgres, fresh_database, postgres_server

# Property tests check behaviour, never time: on a machine shared with other jobs one
# example can take longer than hypothesis's default 200 ms deadline, which would fail a
# correct test.  Speed is measured by benchmarks/ instead.
settings.register_profile("newsweave", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("newsweave")

# The decompressed language model (extract/language.py caches it per user) goes to a
# directory of this test run, removed at exit, never to the user's own cache; CLI
# subprocesses inherit it.
_CACHE_DIR = tempfile.mkdtemp(prefix="newsweave-test-cache-")
os.environ.setdefault("NEWSWEAVE_CACHE_DIR", _CACHE_DIR)
atexit.register(shutil.rmtree, _CACHE_DIR, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "examples" / "seeds"


BACKENDS = ("sqlite", "postgres")
"""The store back ends of the contract tests (the ``backend`` fixture's values)."""

__all__ = ["BACKENDS", "postgres_server", "raw_connection", "target_of"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each store back end in turn; a test taking it runs once per back end."""
    return str(request.param)


@pytest.fixture
def new_target(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[], str]:
    """Makes the ``--db`` target of a new, empty database of ``backend`` at each call:
    a file path for SQLite, a URL for PostgreSQL (the server starts on first use)."""
    if backend == "sqlite":
        folder = tmp_path_factory.mktemp("db")
        numbers = itertools.count()
        return lambda: str(folder / "nested" / f"newsweave{next(numbers)}.db")
    server: LocalPostgres = request.getfixturevalue("postgres_server")
    return lambda: fresh_database(server)


def target_of(backend: str, request: pytest.FixtureRequest, sqlite_path: Path) -> str:
    """A new database of ``backend``: ``sqlite_path``, or a fresh PostgreSQL schema
    (for fixtures of wider scope, parametrised over :data:`BACKENDS` themselves)."""
    if backend == "sqlite":
        return str(sqlite_path)
    return fresh_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def db_target(new_target: Callable[[], str]) -> str:
    """The ``--db`` target of a new, empty database of each back end."""
    return new_target()


@contextmanager
def raw_connection(target: str) -> Iterator[Any]:
    """A plain autocommit connection to the database at ``target`` (either back end),
    for looking under the store; both answer ``conn.execute(sql).fetchall()``."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as pg:
            yield pg
        return
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()


def shared_data(*parts: str) -> Path:
    """Path under ../shared/data, skipping the calling test clearly when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (see ../shared/data/README.md)")
    return path


def load_benchmark(name: str, *data: str) -> ModuleType:
    """``benchmarks/NAME.py`` imported for a quality gate (with ``benchmarks/`` on the
    path while it loads, for its sibling imports), skipping the calling test with a
    message when any of the ``data`` paths under ../shared/data that it reads is absent."""
    for part in data:
        shared_data(*part.split("/"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def old_schema(db: Path, migrations: int) -> sqlite3.Connection:
    """A database at ``db`` with only the first ``migrations`` migrations applied, as an
    older newsweave left it (autocommit connection; the caller adds rows and closes it)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)"
    )
    for migration in load_migrations("sqlite")[:migrations]:
        for statement in _split_statements(migration.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, 'then')",
            (migration.version, migration.name),
        )
    return conn


def three_event_articles() -> list[Article]:
    """Twelve short reports of three unrelated made-up events, interleaved (ids e00-e11):
    any sound clusterer puts them in three stories."""
    events = [
        "Flooding along the Marrow river forced 300 families from Ostend Vale on Monday",
        "The Larch Valley orchestra named Ines Koller its new conductor after a vote",
        "A cargo ship ran aground off Cape Tolm, spilling fuel near the nature reserve",
    ]
    found = []
    for number in range(12):
        base = events[number % 3]
        body = f"{base}. Report number {number} adds local detail about {base.split()[2]}."
        found.append(Article(id=f"e{number:02d}", key=f"k{number}", title=base[:50], body=body))
    return found
