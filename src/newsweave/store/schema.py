"""Numbered schema migrations, shipped as package data, one folder per SQL dialect.

``store/migrations/<dialect>/NNNN_name.sql`` files are applied in version order
by the backend of that dialect and recorded in its ``schema_migrations`` table.
A schema change is always a new file; a shipped file is never edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from newsweave.errors import MigrationError

__all__ = ["Migration", "load_migrations"]

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its version number, its name and its SQL script."""

    version: int
    name: str
    sql: str


def load_migrations(dialect: str) -> list[Migration]:
    """The migrations of ``dialect`` (``sqlite``, ...) in version order.

    Raises ``MigrationError`` if the packaged files are not numbered 1, 2, 3, ...
    without gaps or repeats (a broken install or a bad merge).
    """
    folder = resources.files("newsweave.store").joinpath("migrations", dialect)
    if not folder.is_dir():
        raise MigrationError(f"no migrations packaged for the {dialect!r} dialect")
    found: list[Migration] = []
    for entry in folder.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match is None:
            continue
        found.append(
            Migration(
                version=int(match["version"]),
                name=match["name"],
                sql=entry.read_text(encoding="utf-8"),
            )
        )
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationError(
            f"{dialect} migrations must be numbered 1, 2, 3, ... without gaps or repeats, "
            f"found {versions}; reinstall newsweave"
        )
    return found
