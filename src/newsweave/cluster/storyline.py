"""Storylines: the second level above stories, linking the stories of one saga.

A story is one event or development; a storyline holds the stories of one saga
(a spill, the failed attempt to stop it, the hearing on it).  Stories of one
saga share their actors, places and subject words, not their dates and numbers,
and they follow each other over weeks rather than days.  So a storyline keeps a
*saga vector*: the sum of its articles' vectors without dates and numbers, and
the publication dates of its articles.

:class:`StorylineLinker` is driven by :class:`~newsweave.cluster.StoryClusterer`:

* a new story is placed once, by its first article: into the storyline whose
  saga vector is closest (cosine at least ``threshold``, and some article of the
  storyline published within ``gap``), else into a storyline of its own;
* every article that joins a story adds to its storyline's saga vector;
* a story absorbed by a merge needs nothing: its articles now resolve to the
  story that kept its id, and with it to that story's storyline;
* the new half of a split story stays in the storyline of the story it left.

Candidates come from an inverted index over each storyline's heaviest saga
features (capped postings), so the work per story is bounded however many
storylines are stored.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsweave.cluster.features import dot
from newsweave.cluster.index import StoryIndex
from newsweave.cluster.state import follow_merges, settles_at
from newsweave.config import check_at_least, check_share
from newsweave.errors import ConfigError

__all__ = ["StorylineLinker", "StorylineOptions", "saga_vector"]


@dataclass(frozen=True, slots=True)
class StorylineOptions:
    """Parameters of :class:`StorylineLinker`."""

    threshold: float = 0.15
    """Saga cosine a new story's first article needs with a storyline to join it.

    The storyline's vector sums many articles, so one article's cosine with it
    stays low even within one saga (judged AllSides pairs, storyline F1 on the
    tune queries: 0.842, 0.860, 0.861, 0.782 at 0.1, 0.15, 0.2, 0.3)."""
    kin_threshold: float = 0.4
    """Centroid score (before the cold penalty) at which an article ties a story
    it did not join to its own story's storyline: it would have joined that story
    but for time, or it joined a closer one.  An article that starts a story puts
    it into the storyline of the story it came closest to at this score.
    (Judged AllSides pairs, storyline F1 tune/check: 0.835/0.670 without the
    ties, 0.784/0.790 at 0.3, 0.856/0.752 at 0.4, 0.831/0.694 at 0.45.)"""
    gap: timedelta = timedelta(days=28)
    """A storyline none of whose dated articles was published within this of the
    new story's first article does not take it (undated ones are never too far)."""
    terms: int = 200
    """Features kept in a storyline's saga vector."""
    article_terms: int = 150
    """Heaviest features of an article that count in its saga vector (150: all an
    article keeps).  Fewer would save memory, at a cost: judged AllSides
    storyline F1 tune/check 0.865/0.759 with all, 0.851/0.740 at 70, 0.808/0.677
    at 40."""
    index_terms: int = 20
    """Heaviest saga features a storyline is indexed under."""
    query_terms: int = 24
    """Heaviest saga features of an article used to look up candidate storylines.

    Twice the story lookup's (``ClusterOptions.query_terms``): a comment or
    explainer piece on a broad saga weighs its own argument's words heaviest and
    the saga's actors and subject words after them, so its dozen heaviest
    features often miss the words the saga's storyline is indexed under, and it
    started a storyline of its own.  Judged AllSides pairs, storyline F1
    tune/check in file order: 0.867/0.758 at 12, 0.873/0.829 at 18, 0.882/0.850
    at 24, 0.856/0.849 at 36 (with 16 candidates instead of 8 at 24:
    0.858/0.845); story figures unchanged (lookup only)."""
    max_candidates: int = 8
    """Candidate storylines scored per new story."""
    posting_cap: int = 30
    """Storylines kept per feature in the index (the most recently updated)."""

    def __post_init__(self) -> None:
        check_share("cluster.storylines", "threshold", self.threshold)
        if self.gap <= timedelta(0):
            raise ConfigError(f"cluster.storylines option gap must be positive, got {self.gap}")
        for name in (
            "terms",
            "article_terms",
            "index_terms",
            "query_terms",
            "max_candidates",
            "posting_cap",
        ):
            check_at_least("cluster.storylines", name, getattr(self, name), 1)


def saga_vector(vector: Mapping[str, float], *, terms: int | None = None) -> dict[str, float]:
    """The heaviest ``terms`` features of ``vector`` (all: ``None``) that are not
    dates or numbers, at unit length (``vector`` comes heaviest first).

    Dates and numbers tell two events of one kind apart, the opposite of what
    links the events of one saga.
    """
    kept = {key: w for key, w in vector.items() if key[:1] not in ("#", "@")}
    if terms is not None and len(kept) > terms:
        kept = dict(itertools.islice(kept.items(), terms))
    norm = math.sqrt(math.fsum([w * w for w in kept.values()])) or 1.0
    return {key: w / norm for key, w in kept.items()}


@dataclass(slots=True)
class _Storyline:
    id: str
    saga: dict[str, float] = field(default_factory=dict)
    """Sum of the articles' saga vectors (truncated to ``terms`` when re-ranked)."""
    norm_sq: float = 0.0
    dates: list[datetime] = field(default_factory=list)
    """Published dates of the dated articles, sorted."""
    indexed: tuple[str, ...] = ()
    articles: int = 0


class StorylineLinker:
    """Places stories into storylines (see the module docstring).

    Storyline ids are ``l000001``, ``l000002``, ... in order of creation.
    """

    def __init__(self, *, options: StorylineOptions | None = None) -> None:
        self.options = options or StorylineOptions()
        self._lines: dict[str, _Storyline] = {}
        self._line_of: dict[str, str] = {}
        """Story id -> its storyline id."""
        self._index = StoryIndex(posting_cap=self.options.posting_cap)
        self._merged_into: dict[str, str] = {}
        """Storyline id -> the storyline it was merged into."""
        self._created = 0

    def line_of(self, story_id: str) -> str:
        """The storyline of ``story_id`` (a live story id)."""
        return self._resolve(self._line_of[story_id])

    @property
    def merge_count(self) -> int:
        """How many storylines were merged into others so far."""
        return len(self._merged_into)

    def merged_after(self, count: int) -> list[tuple[str, str]]:
        """``(gone, kept)`` for each storyline merge after the first ``count``, in order;
        ``kept`` is the storyline it is part of now."""
        if count >= len(self._merged_into):
            return []
        # Keys keep their insertion order (path compression only rewrites values).
        gone = list(itertools.islice(self._merged_into, count, None))
        return [(line_id, self._resolve(line_id)) for line_id in gone]

    def _resolve(self, line_id: str) -> str:
        return follow_merges(self._merged_into, line_id)

    def link(self, story_id: str, other_id: str) -> None:
        """One article tied ``story_id`` and ``other_id``: their storylines are one."""
        one, other = self.line_of(story_id), self.line_of(other_id)
        if one == other:
            return
        kept, gone = (one, other) if one < other else (other, one)
        line, absorbed = self._lines[kept], self._lines.pop(gone)
        self._merged_into[gone] = kept
        self._index.forget(gone, absorbed.indexed)
        for key, weight in absorbed.saga.items():
            line.saga[key] = line.saga.get(key, 0.0) + weight
        line.norm_sq = math.fsum([w * w for w in line.saga.values()])
        line.dates = sorted(line.dates + absorbed.dates)
        line.articles += absorbed.articles
        self._rerank(line)

    def place(self, story_id: str, saga: Mapping[str, float], published: datetime | None) -> str:
        """Put the new story ``story_id`` (its first article: ``saga``) into a storyline."""
        options = self.options
        query = dict(heapq.nlargest(options.query_terms, saga.items(), key=lambda kv: kv[1]))
        best, best_id = options.threshold, None
        for line_id in self._index.candidates(query, limit=options.max_candidates):
            line = self._lines[line_id]
            if not self._near(line, published):
                continue
            score = dot(saga, line.saga) / (math.sqrt(line.norm_sq) or 1.0)
            if score >= best:
                best, best_id = score, line_id
        if best_id is None:
            self._created += 1
            best_id = f"l{self._created:06d}"
            self._lines[best_id] = _Storyline(best_id)
        self._line_of[story_id] = best_id
        self.add(story_id, saga, published)
        return best_id

    def join(
        self, story_id: str, kin_id: str, saga: Mapping[str, float], published: datetime | None
    ) -> str:
        """Put the new story ``story_id`` into the storyline of the story ``kin_id``."""
        line_id = self.line_of(kin_id)
        self._line_of[story_id] = line_id
        self.add(story_id, saga, published)
        return line_id

    def add(self, story_id: str, saga: Mapping[str, float], published: datetime | None) -> None:
        """An article of ``story_id`` (its saga vector) joins that story's storyline."""
        line = self._lines[self.line_of(story_id)]
        total = line.saga
        norm_sq = line.norm_sq
        for key, weight in saga.items():
            old = total.get(key, 0.0)
            new = old + weight
            total[key] = new
            norm_sq += new * new - old * old
        line.norm_sq = max(norm_sq, 0.0)
        if published is not None:
            bisect.insort(line.dates, published)
        line.articles += 1
        if settles_at(line.articles):
            self._rerank(line)
        else:
            self._index.add(line.id, line.indexed)

    def follow_split(self, kept_id: str, created_id: str) -> None:
        """The story ``created_id`` split off ``kept_id``: it stays in the same storyline."""
        self._line_of[created_id] = self.line_of(kept_id)

    def _near(self, line: _Storyline, published: datetime | None) -> bool:
        dates = line.dates
        if published is None or not dates:
            return True
        gap = self.options.gap
        at = bisect.bisect_left(dates, published)
        if at < len(dates) and dates[at] - published <= gap:
            return True
        return at > 0 and published - dates[at - 1] <= gap

    def _rerank(self, line: _Storyline) -> None:
        options = self.options
        ranked = sorted([(-w, key) for key, w in line.saga.items()])
        if len(ranked) > options.terms:
            del ranked[options.terms :]
            line.saga = {key: -w for w, key in ranked}
            line.norm_sq = math.fsum([w * w for w in line.saga.values()])
        indexed = tuple(key for _, key in ranked[: options.index_terms])
        dropped = set(line.indexed).difference(indexed)
        if dropped:
            self._index.remove(line.id, sorted(dropped))
        self._index.add(line.id, indexed)
        line.indexed = indexed
