"""What the web app and the API ask of a store: filtered story pages, search, cached briefs.

:class:`ServingStore` is the abstract part of :class:`~newsweave.store.base.Store`
that serving needs (API keys are in :mod:`newsweave.store.keys`); the records it
returns are defined here because only the store and the web layer exchange them.
Pages are cursor-based: a page carries an opaque ``next_cursor`` string to pass
back for the next one.

User search text never reaches FTS5 as syntax: :func:`fts_query` quotes every
term, so any input is a valid query (``"`` inside a term is doubled).
"""

from __future__ import annotations

import abc
import base64
import binascii
import contextlib
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

__all__ = [
    "BRIEF_MATCH_SCORE",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "STALE_BRIEF",
    "TITLE_MATCH_SCORE",
    "ArticleHit",
    "ArticleRow",
    "BriefHit",
    "CachedBrief",
    "CardArticle",
    "OutletCount",
    "Page",
    "ServingStore",
    "StoryHit",
    "StoryQuery",
    "StoryRow",
    "decode_cursor",
    "encode_cursor",
    "fts_query",
]

T = TypeVar("T")

STORY_ORDERS = ("recent", "largest", "oldest")
SNIPPET_START = "\x02"
"""Marks the start of a matched word in a search snippet."""
SNIPPET_END = "\x03"
"""Marks the end of a matched word in a search snippet."""

# A "quoted phrase" or a run of non-space characters.
_TERM = re.compile(r'"([^"]*)"|(\S+)')
# Characters FTS5's unicode61 tokenizer keeps in tokens; a term without any
# (only punctuation) would be an empty phrase and is dropped.
_WORDISH = re.compile(r"\w", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


MAX_QUERY_CHARS = 300
"""Longest search text accepted; longer text is refused (``ValueError``), not cut."""
MAX_QUERY_TERMS = 12
"""Most distinct terms (words or quoted phrases) in one search.

FTS5's ranking and snippets cost grows with the square of the number of
matched terms in a document: on 9,600 articles a 48-word query of common words
took 8 s, the same with duplicates removed and 12 terms well under 1 s."""


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every term of ``text`` (AND), each term quoted.

    ``"two words"`` stays one phrase; a repeated term counts once.  Returns
    ``None`` when ``text`` holds no searchable word; raises ``ValueError`` when
    it is longer than :data:`MAX_QUERY_CHARS` or has more than
    :data:`MAX_QUERY_TERMS` distinct terms (every search has a bounded cost).
    Nothing the user types is read as FTS5 syntax (``AND``, ``NEAR``, ``*``,
    ``:``, parentheses are plain words here).
    """
    if len(text) > MAX_QUERY_CHARS:
        raise ValueError(
            f"the search text is {len(text)} characters long; at most {MAX_QUERY_CHARS} are "
            "searched: use a few distinctive words"
        )
    terms: dict[str, None] = {}
    # FTS5 reads its query as a C string: a NUL would end it inside a quoted term.
    text = _CONTROL.sub(" ", text)
    for match in _TERM.finditer(text):
        term = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
        if term and _WORDISH.search(term):
            terms['"' + term.replace('"', '""') + '"'] = None
    if len(terms) > MAX_QUERY_TERMS:
        raise ValueError(
            f"the search has {len(terms)} different words; at most {MAX_QUERY_TERMS} are "
            "searched: use a few distinctive words"
        )
    return " ".join(terms) if terms else None


def encode_cursor(values: Sequence[Any]) -> str:
    """An opaque, URL-safe cursor for a sort key."""
    raw = json.dumps(list(values), separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, *, length: int) -> list[Any]:
    """The sort key in ``cursor``; ``ValueError`` if it is not one of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise ValueError(f"invalid cursor {cursor[:40]!r}") from exc
    if not isinstance(values, list) or len(values) != length:
        raise ValueError(f"invalid cursor {cursor[:40]!r}")
    if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
        raise ValueError(f"invalid cursor {cursor[:40]!r}")
    return values


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results and the cursor of the next page (``None`` on the last)."""

    items: tuple[T, ...]
    next_cursor: str | None = None


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Which stories to list, in which order, from where."""

    order: str = "recent"
    """``recent`` (newest last article first), ``largest`` (most sources first) or ``oldest``."""
    since: datetime | None = None
    """Stories whose time range ends at or after this."""
    until: datetime | None = None
    """Stories whose time range starts at or before this."""
    outlet: str | None = None
    """Stories with an article from this outlet (case-insensitive)."""
    language: str | None = None
    """Stories with an article in this language."""
    entity: str | None = None
    """Stories with an article mentioning this name (a phrase search)."""
    text: str | None = None
    """Stories with an article (or a brief) matching this full-text search."""
    min_sources: int = 0
    """Stories with at least this many independent sources."""
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as a list shows it."""

    id: str
    headline: str | None
    first_seen: datetime | None
    last_seen: datetime | None
    articles: int
    independent_sources: int
    sources: tuple[str, ...]
    updated_seq: int
    lead: str | None = None
    """The first sentence of the cached brief's summary, when a brief is cached."""
    brief_seq: int | None = None
    """The story version the cached brief was made for (``None``: no brief yet)."""
    storyline: str | None = None
    """The storyline (saga) the story belongs to, when known."""


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as a story's article list shows it (no body)."""

    id: str
    title: str | None
    outlet: str | None
    published: datetime | None
    url: str | None
    language: str | None
    link_kind: str | None = None
    """``exact``, ``near``, ``syndicated`` or ``rewrite`` when it copies ``link_to``."""
    link_to: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article matching a search, with a snippet marked by ``\\x02``/``\\x03``."""

    article_id: str
    story_id: str | None
    title: str | None
    outlet: str | None
    published: datetime | None
    snippet: str


@dataclass(frozen=True, slots=True)
class BriefHit:
    """A story whose cached brief matches a search."""

    story_id: str
    headline: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class StoryHit:
    """A story some of whose articles (or whose cached brief) match a search.

    ``score`` counts the story's matching original articles (copies add nothing),
    those matching in their title :data:`TITLE_MATCH_SCORE` more each, and its
    matching cached brief :data:`BRIEF_MATCH_SCORE`, so the story most of whose
    articles are about a name comes before one that mentions it once.
    """

    story_id: str
    score: float
    matched_articles: int


@dataclass(frozen=True, slots=True)
class CardArticle:
    """What a story card needs of one article: who published it, its labels, its opening."""

    story_id: str
    article_id: str
    outlet: str | None
    url: str | None
    canonical_url: str | None
    labels: str
    """The article's labels as stored (JSON; see ``serialise.labels_from_json``)."""
    link_kind: str | None
    title: str | None
    published: datetime | None
    opening: str
    """The first few hundred characters of the body."""


BRIEF_MATCH_SCORE = 2.0
"""What a match in the story's cached brief (headline, summary, key points) adds."""
TITLE_MATCH_SCORE = 2.0
"""What a matching article adds when the match is in its title: a name in a title
says the article is about it, one in the body may be in passing."""


STALE_BRIEF = 0
"""The story version a cached brief is set to when something every brief reads
changed under it: the source registry (coverage), an article's re-extracted text,
or the brief format (:meth:`ServingStore.use_brief_format`).  It is older than
any story version, so the brief is served as stale and rebuilt."""


@dataclass(frozen=True, slots=True)
class CachedBrief:
    """A stored brief: its JSON, the story version it was made for and when it was
    built (a brief rebuilt for the same version, after it went stale, differs in that)."""

    story_id: str
    updated_seq: int
    data: str
    built_at: str = ""


@dataclass(frozen=True, slots=True)
class OutletCount:
    """An outlet seen in the articles, with how much it published."""

    name: str
    articles: int
    stories: int


class ServingStore(abc.ABC):
    """The queries of the web app and the API (see the module docstring)."""

    @contextlib.contextmanager
    def bounded(
        self, *, seconds: float | None, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[None]:
        """Inside the block, a query of this store stops with
        :class:`~newsweave.errors.QueryCancelledError` once it has run for ``seconds``
        or as soon as ``cancelled()`` is true (the client went away, the server is
        stopping).  The limit is enforced inside the database (SQLite's progress
        handler); a store that cannot enforce it runs queries unbounded.
        """
        yield

    @abc.abstractmethod
    def story_page(self, query: StoryQuery) -> Page[StoryRow]:
        """A page of stories matching ``query``; raises ``ValueError`` on a bad cursor or order."""

    @abc.abstractmethod
    def story_version(self, story_id: str) -> int | None:
        """The story's ``updated_seq``, or ``None`` if there is no such story."""

    @abc.abstractmethod
    def storyline_stamp(self, story_id: str) -> tuple[str, int, int] | None:
        """What the story's storyline looks like to a cache: its id, how many stories
        it holds and their highest ``updated_seq`` (so a story that joins, leaves or
        changes in the storyline is seen), or ``None`` without a story or storyline."""

    @abc.abstractmethod
    def story_article_rows(self, story_id: str) -> list[ArticleRow]:
        """The articles of a story without their bodies, in store order."""

    @abc.abstractmethod
    def search_articles(
        self,
        text: str,
        *,
        entity: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 20,
        cursor: str | None = None,
    ) -> Page[ArticleHit]:
        """Articles matching ``text`` (every term; see :func:`fts_query`), best first."""

    @abc.abstractmethod
    def search_briefs(self, text: str, *, limit: int = 20) -> list[BriefHit]:
        """Stories whose cached brief matches ``text``, best first."""

    @abc.abstractmethod
    def search_stories(self, text: str, *, limit: int = 20) -> list[StoryHit]:
        """Stories whose articles or cached brief match ``text`` (every term), best first
        (see :class:`StoryHit`)."""

    @abc.abstractmethod
    def story_rows(self, story_ids: Sequence[str]) -> list[StoryRow]:
        """The stories of ``story_ids`` as lists show them, in that order (unknown ids left out)."""

    @abc.abstractmethod
    def latest_story_time(self) -> datetime | None:
        """The last article time of the most recent story, ignoring times more than a
        day in the future (a wrong date must not make an empty "today")."""

    @abc.abstractmethod
    def card_articles(self, story_ids: Sequence[str]) -> list[CardArticle]:
        """The articles of ``story_ids`` as story cards need them, in store order."""

    @abc.abstractmethod
    def get_brief(self, story_id: str) -> CachedBrief | None:
        """The newest cached brief of a story (possibly older than the story)."""

    @abc.abstractmethod
    def brief_version(self, story_id: str) -> int | None:
        """The story version of the cached brief, without reading the brief."""

    @abc.abstractmethod
    def brief_stamp(self, story_id: str) -> tuple[int, str] | None:
        """The story version and build time of the cached brief: one build's identity,
        for caches of what is made from it."""

    @abc.abstractmethod
    def use_brief_format(self, brief_format: str) -> bool:
        """Record ``brief_format`` as the way cached briefs are made now.

        When it differs from the format recorded before (new brief code, other
        brief options), every cached brief is marked stale (:data:`STALE_BRIEF`):
        still shown, rebuilt when next viewed.  Returns whether it marked them.
        """

    @abc.abstractmethod
    def put_brief(
        self,
        story_id: str,
        updated_seq: int,
        data: str,
        *,
        headline: str | None,
        lead: str | None,
        text: str,
        epoch: int | None = None,
    ) -> None:
        """Cache a brief made for the story at ``updated_seq``; ``text`` is what search sees.

        An older version never replaces a newer one already cached.  ``epoch`` is
        :meth:`brief_epoch` from before the build read its inputs: when briefs were
        marked stale since, the brief is cached as stale (its inputs changed under it).
        """

    @abc.abstractmethod
    def brief_epoch(self) -> int:
        """A counter that moves on whenever cached briefs are marked stale."""

    @abc.abstractmethod
    def change_count(self) -> int:
        """A counter that every write to the store moves on (articles stored or
        reprocessed, stories assigned or reclustered, briefs cached or marked
        stale, sources imported, ...): while it stays the same, every read gives
        what it gave before (the server's search cache is keyed on it)."""

    @abc.abstractmethod
    def outlets(self, *, limit: int = 1000) -> list[OutletCount]:
        """Outlets of the stored articles, most articles first."""
