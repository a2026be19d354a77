"""What the shared store mixins need of a back end: its connection and placeholder.

The mixins in :mod:`~newsweave.store.shared_stories` (and their kin) write their
SQL once with ``?`` placeholders; a back end whose driver takes another style
(psycopg's ``%s``) sets :attr:`Tables.MARK` and :meth:`Tables.sql` rewrites the
text.  Shared SQL therefore holds no literal ``?`` or ``%``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any

__all__ = ["Tables"]


@lru_cache(maxsize=512)
def _marked(text: str, mark: str) -> str:
    if "%" in text:
        raise ValueError(f"shared SQL must not hold '%': {text!r}")
    return text.replace("?", mark)


class Tables:
    """Base of the store mixins: the back end's connection helpers and dialect."""

    path: str
    MARK = "?"
    """The driver's parameter placeholder."""
    NO_LIMIT: int | None = -1
    """The ``LIMIT`` parameter that means no limit (SQLite -1, PostgreSQL NULL)."""

    def _reading(self, action: str) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def sql(self, text: str) -> str:
        """``text`` (written with ``?`` placeholders) in this back end's style."""
        return text if self.MARK == "?" else _marked(text, self.MARK)

    def _mark_briefs_stale(self, conn: Any) -> None:
        """Mark every cached brief stale and move the brief epoch on (the back end's
        serving mixin), inside the caller's transaction."""
        raise NotImplementedError

    def text_param(self, value: str) -> str:
        """``value`` as a text parameter this back end can hold (PostgreSQL: no NUL)."""
        return value
