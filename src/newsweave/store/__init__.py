"""Where articles live: one small interface, one backend per database.

``open_store`` picks the backend from the target, so callers never import a
backend directly::

    with open_store(settings.db_path) as store:
        store.add_articles(batch)
"""

from __future__ import annotations

import os

from newsweave.config import redact_url
from newsweave.errors import StoreError
from newsweave.store.base import Store

# The PostgreSQL module imports psycopg only when a store is opened.
from newsweave.store.postgres import PostgresStore
from newsweave.store.sqlite import SQLiteStore

__all__ = ["PostgresStore", "SQLiteStore", "Store", "describe", "is_url", "open_store"]

_SQLITE_SCHEME = "sqlite:///"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def open_store(target: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating as needed) the store at ``target``.

    ``target`` is a file path or ``sqlite:///path`` (SQLite; ``sqlite:////abs``
    for an absolute path, as in SQLAlchemy), or ``:memory:``; or a PostgreSQL URL
    (``postgresql://user@host:5432/db``, any libpq URL), which needs the
    ``postgres`` extra (psycopg 3).
    """
    if not isinstance(target, str):
        return SQLiteStore(os.fspath(target))
    if target.startswith(_SQLITE_SCHEME):
        path = target[len(_SQLITE_SCHEME) :]
        if not path:
            raise StoreError(f"{target}: no database path after {_SQLITE_SCHEME!r}")
        return SQLiteStore(path)
    if target.startswith(_POSTGRES_SCHEMES):
        url = target.replace("postgresql+psycopg://", "postgresql://", 1)
        return PostgresStore(url)
    scheme, sep, _rest = target.partition("://")
    if sep and scheme.isidentifier():
        raise StoreError(
            f"{redact_url(target)}: unknown database URL scheme {scheme!r}; "
            "give a file path or a sqlite:/// URL"
        )
    return SQLiteStore(target)


def is_url(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` is a database URL (kept as it is, never read as a path)."""
    if not isinstance(target, str):
        return False
    scheme, sep, _rest = target.partition("://")
    return bool(sep and scheme.replace("+", "").isidentifier())


def describe(target: str | os.PathLike[str]) -> str:
    """``target`` as messages show it: a URL without its password."""
    if not isinstance(target, str):
        return os.fspath(target)
    return redact_url(target) if is_url(target) else target
