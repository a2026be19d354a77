"""Incremental story clustering: each article joins a story, or starts one, as it arrives.

The algorithm, per article:

1. count its features (:mod:`~newsweave.cluster.features`), update the document
   frequencies learnt from the stream and weigh the article with the current IDF;
2. ask the :class:`~newsweave.cluster.index.StoryIndex` for candidate stories that
   share its most salient features (bounded work, never a scan of all stories);
3. score each candidate: cosine with the story centroid, plus a bonus for shared
   names (entity phrases and numbers/dates) and a penalty when the story went
   cold (published dates further apart than ``cold_gap``), so a strong match
   still revives an old story while a vague one starts a new story;
4. join the best candidate at or above ``threshold``, else start a new story;
5. when the article also matches a second story and the two centroids are
   close, the two stories are one: merge them and record the merge.

Stories keep a centroid of their members' vectors truncated to the heaviest
``centroid_terms`` features, so memory and comparison cost per story are bounded.
Everything iterates in insertion or sorted order, so the same input in the same
order gives the same stories.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from newsweave.cluster.features import (
    DocumentFrequencies,
    FeatureOptions,
    count_features,
    weigh,
)
from newsweave.cluster.index import StoryIndex
from newsweave.models import Article, Story

__all__ = ["ClusterOptions", "Merge", "StoryClusterer"]


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Parameters of :class:`StoryClusterer` (the defaults are the tested ones)."""

    threshold: float = 0.25
    """Score an article needs with a story to join it."""
    merge_threshold: float = 0.45
    """Centroid cosine at which two stories matched by one article are merged."""
    names_weight: float = 0.5
    """Share of the score given to the cosine over names, numbers and dates alone.

    Two events of one kind share their topic words; their names tell them apart."""
    cold_gap: timedelta = timedelta(days=7)
    """A story whose newest article is older than this (by ``published``) has gone cold."""
    cold_penalty: float = 0.15
    """Subtracted from the score of a cold story: only a strong match revives it."""
    centroid_terms: int = 300
    """Features kept in a story centroid."""
    index_terms: int = 30
    """Heaviest centroid features under which a story is indexed."""
    query_terms: int = 20
    """Heaviest article features used to look up candidate stories."""
    max_candidates: int = 30
    """Candidate stories scored in full per article."""
    posting_cap: int = 100
    """Stories kept per feature in the index (the most recently updated)."""
    features: FeatureOptions = field(default_factory=FeatureOptions)

    def __post_init__(self) -> None:
        for name in ("centroid_terms", "index_terms", "query_terms", "max_candidates"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.cold_gap <= timedelta(0):
            raise ValueError(f"cold_gap must be positive, not {self.cold_gap}")


@dataclass(frozen=True, slots=True)
class Merge:
    """Story ``absorbed`` was found to be story ``kept`` when article ``at_article`` arrived."""

    kept: str
    absorbed: str
    at_article: str
    score: float


@dataclass(slots=True)
class _StoryState:
    id: str
    article_ids: list[str]
    centroid: dict[str, float]
    """Sum of the members' vectors *before* IDF: re-weighed with the current IDF when compared."""
    weighted: dict[str, float] = field(default_factory=dict)
    """The centroid weighed with the IDF of ``weighted_at`` documents, unit length."""
    weighted_at: int = -1
    indexed: tuple[str, ...] = ()
    headline: str | None = None
    best_title_score: float = -1.0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    outlets: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    """Features that were names, numbers or dates in some member."""
    names_norm: float = 0.0
    """Norm of the names part of ``weighted``."""


def _dot(small: Mapping[str, float], large: Mapping[str, float]) -> float:
    if len(small) > len(large):
        small, large = large, small
    return sum(w * large.get(k, 0.0) for k, w in small.items())


def _as_utc_naive(value: datetime) -> datetime:
    # Mixed aware and naive dates must still compare; naive ones are taken as UTC.
    if value.tzinfo is not None:
        offset = value.utcoffset() or timedelta(0)
        return value.replace(tzinfo=None) - offset
    return value


class StoryClusterer:
    """Assigns a stream of articles to stories, one at a time, in arrival order.

    >>> clusterer = StoryClusterer()
    >>> story_id = clusterer.assign(article)          # doctest: +SKIP
    >>> clusterer.story_of(article.id)                # after later merges  # doctest: +SKIP

    Story ids are ``s000001``, ``s000002``, ... in order of creation.  When two
    stories merge, the older id is kept and :meth:`story_of` follows the merge.
    """

    # IDF moves slowly once many documents were seen; re-weighing a centroid on
    # every comparison would cost more than the rest of the assignment.
    _REWEIGH_GROWTH = 1.05

    def __init__(self, *, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        self._frequencies = DocumentFrequencies()
        self._index = StoryIndex(posting_cap=self.options.posting_cap)
        self._stories: dict[str, _StoryState] = {}
        self._merged_into: dict[str, str] = {}
        self._article_story: dict[str, str] = {}
        self._merges: list[Merge] = []
        self._created = 0

    # -- public API ---------------------------------------------------------

    def assign(self, article: Article) -> str:
        """Assign ``article`` to a story and return the story id.

        An article id seen before keeps its story (re-ingesting is a no-op).
        """
        known = self._article_story.get(article.id)
        if known is not None:
            return self._resolve(known)
        options = self.options
        found = count_features(article, options=options.features)
        self._frequencies.add(found.counts)
        vector = weigh(found, self._frequencies, max_terms=options.features.max_terms)
        query = dict(
            sorted(vector.items(), key=lambda item: (-item[1], item[0]))[: options.query_terms]
        )
        # Names, numbers and dates: the features that tell two events of one kind apart.
        names = {k: w for k, w in vector.items() if found.boosts.get(k, 1.0) > 1.0}
        names_norm = math.sqrt(sum(w * w for w in names.values()))
        published = _as_utc_naive(article.published) if article.published else None

        scored: list[tuple[float, float, str]] = []
        for story_id in self._index.candidates(query, limit=options.max_candidates):
            story = self._stories[story_id]
            weighted = self._weighted(story)
            cosine = _dot(vector, weighted)
            score = cosine
            if names_norm > 0:
                shared = sum(w * weighted.get(k, 0.0) for k, w in names.items())
                names_cosine = shared / (names_norm * story.names_norm or 1.0)
                score = (1 - options.names_weight) * cosine + options.names_weight * names_cosine
            if self._is_cold(story, published):
                score -= options.cold_penalty
            scored.append((score, cosine, story_id))
        scored.sort(key=lambda item: (-item[0], item[2]))

        if scored and scored[0][0] >= options.threshold:
            story = self._stories[scored[0][2]]
            self._add_member(story, article, vector, names, published, scored[0][1])
            for score, _cosine, other_id in scored[1:]:
                if score < options.threshold:
                    break
                self._maybe_merge(story, other_id, article.id)
            story = self._stories[self._resolve(story.id)]
        else:
            story = self._new_story(article, vector, names, published)
        self._article_story[article.id] = story.id
        return story.id

    def assign_many(self, articles: Iterable[Article]) -> list[str]:
        """Assign each article in turn (the same as calling :meth:`assign` one by one)."""
        return [self.assign(article) for article in articles]

    def story_of(self, article_id: str) -> str:
        """The current story of an assigned article, following merges."""
        return self._resolve(self._article_story[article_id])

    def stories(self) -> list[Story]:
        """The current stories, oldest first."""
        return [self._as_story(state) for state in self._stories.values()]

    def story(self, story_id: str) -> Story:
        """One current story (following merges); ``KeyError`` for an id never created."""
        return self._as_story(self._stories[self._resolve(story_id)])

    @staticmethod
    def _as_story(state: _StoryState) -> Story:
        return Story(
            id=state.id,
            article_ids=tuple(state.article_ids),
            headline=state.headline,
            first_seen=state.first_seen,
            last_seen=state.last_seen,
            independent_sources=len(state.outlets),
        )

    @property
    def merges(self) -> tuple[Merge, ...]:
        """Every merge so far, in order."""
        return tuple(self._merges)

    def __len__(self) -> int:
        return len(self._stories)

    def __iter__(self) -> Iterator[str]:
        return iter(self._stories)

    # -- internals ----------------------------------------------------------

    def _resolve(self, story_id: str) -> str:
        root = story_id
        while root in self._merged_into:
            root = self._merged_into[root]
        # Path compression keeps later look-ups one step long.
        while story_id != root:
            parent = self._merged_into[story_id]
            self._merged_into[story_id] = root
            story_id = parent
        return root

    def _is_cold(self, story: _StoryState, published: datetime | None) -> bool:
        if published is None or story.last_seen is None or story.first_seen is None:
            return False
        gap = self.options.cold_gap
        return published - story.last_seen > gap or story.first_seen - published > gap

    def _new_story(
        self,
        article: Article,
        vector: dict[str, float],
        names: Iterable[str],
        published: datetime | None,
    ) -> _StoryState:
        self._created += 1
        story = _StoryState(id=f"s{self._created:06d}", article_ids=[], centroid={})
        self._stories[story.id] = story
        self._add_member(story, article, vector, names, published, 1.0)
        return story

    def _add_member(
        self,
        story: _StoryState,
        article: Article,
        vector: Mapping[str, float],
        names: Iterable[str],
        published: datetime | None,
        centrality: float,
    ) -> None:
        story.article_ids.append(article.id)
        story.names.update(names)
        if article.outlet:
            story.outlets.add(article.outlet)
        if published is not None:
            story.first_seen = min(story.first_seen or published, published)
            story.last_seen = max(story.last_seen or published, published)
        if article.title and centrality > story.best_title_score:
            story.headline, story.best_title_score = article.title, centrality
        centroid = story.centroid
        idf = self._frequencies.idf
        for key, weight in vector.items():
            centroid[key] = centroid.get(key, 0.0) + weight / idf(key)
        self._settle(story)

    def _weighted(self, story: _StoryState) -> dict[str, float]:
        """The story centroid under the current IDF (recomputed once the stream grew 5%)."""
        documents = self._frequencies.documents
        if story.weighted_at >= 0 and documents <= story.weighted_at * self._REWEIGH_GROWTH:
            return story.weighted
        idf = self._frequencies.idf
        weighted = {key: value * idf(key) for key, value in story.centroid.items()}
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        story.weighted = {key: w / norm for key, w in weighted.items()}
        names = story.names
        story.names_norm = math.sqrt(
            sum(w * w for key, w in story.weighted.items() if key in names)
        )
        story.weighted_at = documents
        return story.weighted

    def _settle(self, story: _StoryState) -> None:
        """Truncate the centroid, refresh its norm and re-index its heaviest features."""
        options = self.options
        story.weighted_at = -1
        weighted = self._weighted(story)
        ranked = sorted(weighted.items(), key=lambda item: (-item[1], item[0]))
        if len(ranked) > options.centroid_terms:
            ranked = ranked[: options.centroid_terms]
            story.centroid = {key: story.centroid[key] for key, _ in ranked}
            story.names.intersection_update(story.centroid)
            story.weighted_at = -1
        indexed = tuple(key for key, _ in ranked[: options.index_terms])
        dropped = set(story.indexed).difference(indexed)
        if dropped:
            self._index.remove(story.id, sorted(dropped))
        self._index.add(story.id, indexed)
        story.indexed = indexed

    def _maybe_merge(self, story: _StoryState, other_id: str, article_id: str) -> None:
        other_id = self._resolve(other_id)
        kept_id = self._resolve(story.id)
        if other_id == kept_id:
            return
        kept, other = self._stories[kept_id], self._stories[other_id]
        similarity = _dot(self._weighted(kept), self._weighted(other))
        if similarity < self.options.merge_threshold:
            return
        # The older story keeps its id so earlier answers stay as valid as possible.
        if other_id < kept_id:
            kept, other = other, kept
        self._index.remove(other.id, other.indexed)
        del self._stories[other.id]
        self._merged_into[other.id] = kept.id
        kept.article_ids.extend(other.article_ids)
        kept.outlets |= other.outlets
        kept.names |= other.names
        for seen in (other.first_seen, other.last_seen):
            if seen is not None:
                kept.first_seen = min(kept.first_seen or seen, seen)
                kept.last_seen = max(kept.last_seen or seen, seen)
        if other.best_title_score > kept.best_title_score:
            kept.headline, kept.best_title_score = other.headline, other.best_title_score
        for key, weight in other.centroid.items():
            kept.centroid[key] = kept.centroid.get(key, 0.0) + weight
        self._settle(kept)
        self._merges.append(Merge(kept.id, other.id, article_id, similarity))
