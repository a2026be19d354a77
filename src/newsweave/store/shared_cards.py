"""Card queries shared by the SQLite and PostgreSQL stores (what the home page reads).

The story-search and card-article queries differ between the back ends (FTS5 or
tsquery, ``IN`` lists or ``ANY``) and stay in their ``*_cards`` modules; their rows
become models through :mod:`~newsweave.store.rows`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsweave.store.serialise import datetime_from_text, datetime_to_utc_text
from newsweave.store.tables import Tables

__all__ = ["OPENING_CHARS", "SharedCardTables"]

OPENING_CHARS = 400
"""Characters of an article's body a card may quote as the story's lead."""


class SharedCardTables(Tables):
    """Card queries common to both stores (a mixin)."""

    def latest_story_time(self) -> datetime | None:
        """See :meth:`ServingStore.latest_story_time`."""
        horizon = datetime_to_utc_text(datetime.now(UTC) + timedelta(days=1))
        with self._reading("read the latest story time") as conn:
            row = conn.execute(
                self.sql("SELECT MAX(last_seen_utc) FROM stories WHERE last_seen_utc <= ?"),
                (horizon,),
            ).fetchone()
        return None if row is None or row[0] is None else datetime_from_text(row[0])
