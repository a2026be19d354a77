"""Inverted index from salient features to the stories they describe.

Candidate stories for a new article come only from here, never from a scan of
every story: each posting list is capped and keeps the stories that used the
feature most recently, so the work per article stays bounded however many
stories have been stored.  Generic topic words fill their lists with the
freshest stories; specific names, places and numbers have short lists that
reach back as far as needed.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

__all__ = ["StoryIndex"]


class StoryIndex:
    """Feature -> recently updated stories, capped per feature."""

    def __init__(self, *, posting_cap: int) -> None:
        if posting_cap < 1:
            raise ValueError(f"posting_cap must be at least 1, not {posting_cap}")
        self.posting_cap = posting_cap
        # A dict keeps insertion order: re-inserting a story moves it to the fresh end.
        self._postings: dict[str, dict[str, None]] = {}
        # When each story was last indexed: ties between candidates go to the fresher.
        self._touched: dict[str, int] = {}
        self._clock = 0

    def add(self, story_id: str, features: Iterable[str]) -> None:
        """Index ``story_id`` under ``features`` as the freshest story of each."""
        self._clock += 1
        self._touched[story_id] = self._clock
        postings = self._postings
        cap = self.posting_cap
        for feature in features:
            posting = postings.get(feature)
            if posting is None:
                postings[feature] = {story_id: None}
                continue
            posting.pop(story_id, None)
            posting[story_id] = None
            if len(posting) > cap:
                del posting[next(iter(posting))]

    def remove(self, story_id: str, features: Iterable[str]) -> None:
        """Forget ``story_id`` under ``features`` (after it was merged into another story)."""
        for feature in features:
            posting = self._postings.get(feature)
            if posting is not None:
                posting.pop(story_id, None)
                if not posting:
                    del self._postings[feature]

    def forget(self, story_id: str, features: Iterable[str]) -> None:
        """Remove ``story_id`` entirely (it no longer exists)."""
        self.remove(story_id, features)
        self._touched.pop(story_id, None)

    def candidates(self, query: Mapping[str, float], *, limit: int) -> list[str]:
        """Up to ``limit`` stories sharing the most query weight with ``query``.

        Ties go to the more recently indexed story, so the order is deterministic.
        """
        scores: dict[str, float] = {}
        get = scores.get
        postings = self._postings
        for feature, weight in query.items():
            posting = postings.get(feature)
            if posting:
                for story_id in posting:
                    scores[story_id] = get(story_id, 0.0) + weight
        touched = self._touched
        if len(scores) > limit:
            # Only stories scoring at least the limit-th best score can be among
            # the best (ties included), so only those are ranked in full: the same
            # result as ranking all, without a tuple per scored story.
            floor = sorted(scores.values(), reverse=True)[limit - 1]
            scores = {sid: score for sid, score in scores.items() if score >= floor}
        ranked = heapq.nsmallest(
            limit, [(-score, -touched.get(sid, 0), sid) for sid, score in scores.items()]
        )
        return [sid for _, _, sid in ranked]
