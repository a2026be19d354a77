"""Shared fixtures: paths to the evaluation data and the bundled seeds, old schemas,
a small three-event stream."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsweave.models import Article
from newsweave.store.schema import load_migrations
from newsweave.store.sqlite import _split_statements

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "examples" / "seeds"


def shared_data(*parts: str) -> Path:
    """Path under ../shared/data, skipping the calling test clearly when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (see ../shared/data/README.md)")
    return path


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
