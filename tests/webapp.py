"""Helpers for the web and API tests: a seeded database and a client of the real app.

``starlette.testclient`` warns at import that it prefers the ``httpx2`` package;
the warning is about the test client's own dependency, not about newsweave, so
it is silenced here (and only here) instead of switching off
``filterwarnings = error``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from newsweave.config import Settings, load_settings
from newsweave.ingest import read_inputs
from newsweave.pipeline.ingest import ingest_documents
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.store import open_store
from newsweave.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"

__all__ = ["SEEDS", "TestClient", "app_client", "ingest_paths", "settings_for"]


def settings_for(db: Path | str, **server: Any) -> Settings:
    """Settings over ``db`` (a SQLite file or a PostgreSQL URL) with ``[server]`` overrides."""
    return load_settings(overrides={"store": {"db": str(db)}, "server": server})


def ingest_paths(db: Path | str, paths: list[str]) -> None:
    """Ingest ``paths`` into ``db`` with story assignment, as ``newsweave ingest`` does."""
    settings = settings_for(db)
    with open_store(db) as store:
        assigner = open_assigner(store)
        ingest_documents(read_inputs(paths, settings=settings), store, stories=assigner)
        save_assigner(store, assigner)


@contextmanager
def app_client(
    db: Path | str, *, transport: httpx.BaseTransport | None = None, **server: Any
) -> Iterator[TestClient]:
    """A test client of the real app over ``db`` (briefs built on request, no background)."""
    app = create_app(settings_for(db, **server), fetch_transport=transport, background_briefs=False)
    with TestClient(app) as client:
        yield client
