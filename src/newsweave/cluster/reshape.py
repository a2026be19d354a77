"""The story-shaping half of incremental clustering: members added, centroids
settled, stories merged, small stories adopted and stories split.

:class:`StoryReshaper` holds these steps over the state that
:class:`~newsweave.cluster.incremental.StoryClusterer` (its one subclass) keeps and
fills; the order in which an arriving article triggers them, and why each exists,
is told in :mod:`newsweave.cluster.incremental`.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsweave.cluster.features import dot
from newsweave.cluster.headline import choose_headline
from newsweave.cluster.index import StoryIndex
from newsweave.cluster.options import ClusterOptions, Merge, Split
from newsweave.cluster.scoring import (
    centroid_score,
    check_size,
    is_closed,
    is_cold,
    link_score,
    published_apart,
    published_together,
    same_language,
)
from newsweave.cluster.split import neighbour_partition
from newsweave.cluster.state import (
    Member,
    StoryState,
    accumulate,
    apart_in_time,
    follow_merges,
    settles_at,
)
from newsweave.cluster.storyline import StorylineLinker

__all__ = ["StoryReshaper"]


@dataclass(frozen=True, slots=True)
class _Copy:
    """What a story keeps of a copy that joined it through its original."""

    article_id: str
    outlet: str | None
    published: datetime | None


class StoryReshaper:
    """Shapes the stories of a clusterer: the state is the subclass's to create."""

    options: ClusterOptions
    _dense: dict[str, Any]
    _index: StoryIndex
    _stories: dict[str, StoryState]
    _merged_into: dict[str, str]
    _article_story: dict[str, str]
    _merges: list[Merge]
    _splits: list[Split]
    _apart: dict[str, set[str]]
    _created: int
    _window: int
    _copies: dict[str, list[_Copy]]
    _lines: StorylineLinker

    @staticmethod
    def _count_article(story: StoryState, article: Member | _Copy) -> None:
        """Add one article to the story's ids, outlets and dates (members and copies alike)."""
        story.article_ids.append(article.article_id)
        if article.outlet:
            story.outlets.add(article.outlet)
        published = article.published
        if published is not None:
            bisect.insort(story.dates, published)
            story.first_seen = min(story.first_seen or published, published)
            story.last_seen = max(story.last_seen or published, published)

    def _with_copies(self, article_ids: Iterable[str]) -> Iterator[_Copy]:
        """The copies that joined through ``article_ids`` (and through those copies)."""
        pending = list(article_ids)
        while pending:
            for copy in self._copies.get(pending.pop(), ()):
                yield copy
                pending.append(copy.article_id)

    def _resolve(self, story_id: str) -> str:
        return follow_merges(self._merged_into, story_id)

    def _new_story(
        self, member: Member, vector: Mapping[str, float], names: Iterable[str]
    ) -> StoryState:
        self._created += 1
        story = StoryState(id=f"s{self._created:06d}", article_ids=[], centroid={})
        self._stories[story.id] = story
        self._add_member(story, member, vector, names, 1.0)
        return story

    def _add_member(
        self,
        story: StoryState,
        member: Member,
        vector: Mapping[str, float],
        names: Iterable[str],
        centrality: float,
    ) -> None:
        self._count_article(story, member)
        if member.title and story.headline is None:
            story.headline, story.best_title_score = member.title, centrality * member.shape
        dense = self._dense.get(member.article_id)
        if dense is not None:
            story.dense = dense.copy() if story.dense is None else story.dense + dense
        story.members.append(member)
        if len(story.members) > self._window:
            del story.members[0]
            story.complete = False
        accumulate(story, vector, names)
        if settles_at(len(story.article_ids)):
            self._settle(story)
            choose_headline(story)
        else:
            # Between settles the index keeps the story's terms but learns it is fresh.
            self._index.add(story.id, story.indexed)

    def _settle(self, story: StoryState) -> None:
        """Truncate the centroid and refresh the story's index entries."""
        options = self.options
        centroid = story.centroid
        # Heaviest first, ties by name: (-weight, key) pairs compare in C, with no
        # key function called per feature (negating a float is exact).
        if len(centroid) > options.centroid_terms:
            ranked = sorted([(-w, key) for key, w in centroid.items()])
            del ranked[options.centroid_terms :]
            story.centroid = centroid = {key: -w for w, key in ranked}
            story.names.intersection_update(centroid)
            story.norm_sq = math.fsum([w * w for w in centroid.values()])
            story.names_sq = math.fsum([centroid[key] ** 2 for key in story.names])
            top = ranked[: options.index_terms]
        else:
            top = heapq.nsmallest(options.index_terms, [(-w, key) for key, w in centroid.items()])
        indexed = tuple(key for _, key in top)
        dropped = set(story.indexed).difference(indexed)
        if dropped:
            self._index.remove(story.id, sorted(dropped))
        self._index.add(story.id, indexed)
        story.indexed = indexed

    def _maybe_merge(self, story: StoryState, other_id: str, article_id: str) -> None:
        other_id = self._resolve(other_id)
        kept_id = self._resolve(story.id)
        if other_id == kept_id:
            return
        if other_id in self._apart.get(kept_id, ()):
            return
        kept, other = self._stories[kept_id], self._stories[other_id]
        if not same_language(kept.language, other.language):
            return
        similarity = dot(kept.centroid, other.centroid) / (
            math.sqrt(kept.norm_sq * other.norm_sq) or 1.0
        )
        if apart_in_time(kept.dates, other.dates, self.options.cold_gap):
            similarity -= self.options.cold_penalty
        if similarity < self.options.merge_threshold:
            return
        self._merge(kept, other, article_id, similarity)

    def _merge(self, kept: StoryState, other: StoryState, article_id: str, score: float) -> None:
        """Merge two stories into one and record it."""
        # The older story keeps its id so earlier answers stay as valid as possible.
        if other.id < kept.id:
            kept, other = other, kept
        self._index.forget(other.id, other.indexed)
        del self._stories[other.id]
        self._merged_into[other.id] = kept.id
        for apart_id in sorted(self._apart.pop(other.id, ())):
            self._apart.setdefault(kept.id, set()).add(apart_id)
            self._apart[apart_id].discard(other.id)
            self._apart[apart_id].add(kept.id)
        kept.article_ids.extend(other.article_ids)
        kept.language = kept.language or other.language
        kept.outlets |= other.outlets
        kept.dates = sorted(kept.dates + other.dates)
        kept.members.extend(other.members)
        kept.complete = kept.complete and other.complete
        if len(kept.members) > self._window:
            del kept.members[: len(kept.members) - self._window]
            kept.complete = False
        for seen in (other.first_seen, other.last_seen):
            if seen is not None:
                kept.first_seen = min(kept.first_seen or seen, seen)
                kept.last_seen = max(kept.last_seen or seen, seen)
        if other.best_title_score > kept.best_title_score:
            kept.headline, kept.best_title_score = other.headline, other.best_title_score
        if other.dense is not None:
            kept.dense = other.dense if kept.dense is None else kept.dense + other.dense
        accumulate(kept, other.centroid, other.names)
        self._settle(kept)
        choose_headline(kept)
        self._merges.append(Merge(kept.id, other.id, article_id, score))

    def _adopt_small(
        self, story: StoryState, article_id: str, closing: datetime | None = None
    ) -> None:
        """Take in the small stories near ``story`` whose members now belong to it.

        An article that arrived before its story had formed started a story of
        its own; the story that formed later may never be matched by an article
        that also matches the early one, so no merge joins them.  When ``story``
        re-ranks its terms (a few times as it grows), the small stories under its
        heaviest terms are looked at again: one whose every member would now join
        ``story`` (the article score, at least ``threshold`` and no lower than its
        bond to its own fellow members) is merged into it, unless it is closed to
        the metadata date ``closing`` of the article that joined ``story``.
        """
        options = self.options
        if options.adopt_size < 1:
            return
        centroid = story.centroid
        query = {key: centroid[key] for key in story.indexed}
        apart = self._apart.get(story.id, ())
        small = [
            other
            for other_id in self._index.candidates(query, limit=options.max_candidates)
            if other_id != story.id
            and other_id not in apart
            and len((other := self._stories[other_id]).article_ids) <= options.adopt_size
            and other.complete
            and same_language(story.language, other.language)
            and not is_closed(other, closing, options)
        ]
        # As many looked at member by member as an arriving article compares.
        for other in small[: options.link_candidates]:
            if other.id not in self._stories or other.id in apart:
                continue
            score = dot(centroid, other.centroid) / (
                math.sqrt(story.norm_sq * other.norm_sq) or 1.0
            )
            if score < options.adopt_floor and not other.dates:
                continue
            if all(self._belongs(story, member, other.members) for member in other.members):
                self._merge(story, other, article_id, score)
                story = self._stories[self._resolve(story.id)]
                centroid = story.centroid
                apart = self._apart.get(story.id, ())

    def _belongs(self, story: StoryState, member: Member, fellows: list[Member]) -> bool:
        """Whether ``member`` would join ``story`` now, rather than stay with ``fellows``."""
        options = self.options
        vector = member.vector()
        names = {key: vector[key] for key in member.names() if key in vector}
        names_norm = math.sqrt(sum(w * w for w in names.values()))
        score, _cosine = centroid_score(
            story, vector, names, names_norm, names_weight=options.names_weight
        )
        if is_cold(story, member.published, options):
            score -= options.cold_penalty
        score = link_score(
            story, score, member.link, options, rare=member.rare, published=member.published
        )
        if score < options.threshold:
            return False
        bond = max(
            (dot(member.link, fellow.link) for fellow in fellows if fellow is not member),
            default=-1.0,
        )
        return score >= bond

    def _maybe_split(self, story: StoryState, article_id: str) -> None:
        """Split ``story`` in two when it grew past a check size and its halves are apart."""
        options = self.options
        members = story.members
        due = check_size(options.split_sizes, len(members))
        if not story.complete or due <= story.split_checked:
            return
        story.split_checked = due
        part = neighbour_partition(
            [member.link for member in members],
            neighbours=options.split_neighbours,
            min_share=options.split_min_share if options.split_spectral else None,
        )
        if part is None:
            return
        smaller = min(len(part.first), len(part.second))
        if smaller < max(3.0, options.split_min_share * len(members)):
            return
        bar = options.split_spectral_ratio if part.spectral else options.split_ratio
        if part.ratio >= min(bar, options.split_ratio):
            return
        kept = [members[i] for i in part.first]
        moved = [members[i] for i in part.second]
        # A spectral cut is a development of the saga only when time says so too.
        if part.spectral and not published_apart(kept, moved, options.split_near_gap):
            return
        if part.ratio >= options.split_near_ratio and published_together(
            kept, moved, options.split_near_gap
        ):
            return
        self._created += 1
        created = StoryState(
            id=f"s{self._created:06d}", article_ids=[], centroid={}, language=story.language
        )
        self._stories[created.id] = created
        self._rebuild(story, kept)
        self._rebuild(created, moved)
        # Each half is checked again once it grows past the next check size.
        for half in (story, created):
            half.split_checked = check_size(options.split_sizes, len(half.members))
        moved_ids = [member.article_id for member in moved]
        moved_ids.extend(copy.article_id for copy in self._with_copies(moved_ids))
        for moved_id in moved_ids:
            self._article_story[moved_id] = created.id
        self._lines.follow_split(story.id, created.id)
        self._apart.setdefault(story.id, set()).add(created.id)
        self._apart.setdefault(created.id, set()).add(story.id)
        self._splits.append(
            Split(
                story.id,
                created.id,
                article_id,
                tuple(moved_ids),
                part.ratio,
            )
        )

    def _rebuild(self, story: StoryState, members: list[Member]) -> None:
        """Make ``story`` hold exactly ``members`` (after a split)."""
        self._index.remove(story.id, story.indexed)
        story.indexed = ()
        story.article_ids = []
        story.centroid = {}
        story.norm_sq = story.names_sq = 0.0
        story.headline, story.best_title_score = None, -1.0
        story.first_seen = story.last_seen = None
        story.dates = []
        story.outlets = set()
        story.names = set()
        story.members = []
        story.complete = True
        story.dense = None
        for member in members:
            self._add_member(story, member, member.vector(), member.names(), 0.0)
        for copy in self._with_copies([member.article_id for member in members]):
            self._count_article(story, copy)
        choose_headline(story)
