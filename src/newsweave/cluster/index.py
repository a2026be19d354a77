"""Inverted index from salient features to the stories they describe.

Candidate stories for a new article come only from here, never from a scan of
every story: each posting list is capped and keeps the stories that used the
feature most recently, so the work per article stays bounded however many
stories have been stored.  Generic topic words fill their lists with the
freshest stories; specific names, places and numbers have short lists that
reach back as far as needed.
"""

from __future__ import annotations

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

    def add(self, story_id: str, features: Iterable[str]) -> None:
        """Index ``story_id`` under ``features`` as the freshest story of each."""
        for feature in features:
            posting = self._postings.get(feature)
            if posting is None:
                self._postings[feature] = {story_id: None}
                continue
            posting.pop(story_id, None)
            posting[story_id] = None
            if len(posting) > self.posting_cap:
                del posting[next(iter(posting))]

    def remove(self, story_id: str, features: Iterable[str]) -> None:
        """Forget ``story_id`` under ``features`` (after it was merged into another story)."""
        for feature in features:
            posting = self._postings.get(feature)
            if posting is not None:
                posting.pop(story_id, None)

    def candidates(self, query: Mapping[str, float], *, limit: int) -> list[str]:
        """Up to ``limit`` stories sharing the most query weight with ``query``.

        Ties go to the fresher story, then to the smaller id, so the order is
        deterministic.
        """
        scores: dict[str, float] = {}
        freshness: dict[str, int] = {}
        for feature, weight in query.items():
            posting = self._postings.get(feature)
            if not posting:
                continue
            for rank, story_id in enumerate(reversed(posting)):
                scores[story_id] = scores.get(story_id, 0.0) + weight
                if rank < freshness.get(story_id, self.posting_cap + 1):
                    freshness[story_id] = rank
        ranked = sorted(scores, key=lambda sid: (-scores[sid], freshness[sid], sid))
        return ranked[:limit]
