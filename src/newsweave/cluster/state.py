"""A story's state inside :class:`~newsweave.cluster.StoryClusterer`, and its arithmetic.

* :class:`StoryState`: the centroid (a running sum of the members' vectors with
  its squared norms kept up to date), dates, outlets and the recent members;
* :class:`Member`: what the link score and the split check need of one member;
* helpers to add a vector to a centroid, to compare two stories' dates, and the
  sizes at which a story re-ranks its terms.

Internal to the cluster package: the public story is :class:`newsweave.models.Story`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

__all__ = [
    "NAME_KEY",
    "Member",
    "StoryState",
    "accumulate",
    "apart_in_time",
    "as_utc_naive",
    "settles_at",
]

NAME_KEY = "\x00"
"""Prefix of the names part of a link vector (no feature starts with it)."""
_PARTS = (NAME_KEY, "\x01")
"""Prefixes of the parts of a link vector that are not the member's own features
(the names again, and the event fingerprint of :mod:`~newsweave.cluster.fingerprint`)."""


@dataclass(slots=True)
class Member:
    """What the link score and the split check need of one recent member."""

    article_id: str
    link: dict[str, float]
    """The vector member-to-member comparisons use
    (:func:`~newsweave.cluster.scoring.link_vector`): the heaviest features, and the
    names among them again under ``NAME_KEY`` + name.  The member's own vector and
    names are read back from it (:meth:`vector`, :meth:`names`) rather than stored
    twice: members are most of a clusterer's memory."""
    title: str | None
    outlet: str | None
    published: datetime | None
    shape: float = 1.0
    """How much the title reads as a headline of the event (``cluster.headline``'s
    ``article_title_shape``: its words, URL section and outlet), taken on arrival."""
    rare: tuple[str, ...] = ()
    """Name phrases of the member that few articles before it used
    (``ClusterOptions.rare_bonus``)."""

    def vector(self) -> dict[str, float]:
        """The member's heaviest features at unit length."""
        plain = {key: w for key, w in self.link.items() if not key.startswith(_PARTS)}
        norm = math.sqrt(math.fsum([w * w for w in plain.values()])) or 1.0
        return {key: w / norm for key, w in plain.items()}

    def names(self) -> list[str]:
        """The names among the member's heaviest features."""
        return [key[len(NAME_KEY) :] for key in self.link if key.startswith(NAME_KEY)]


@dataclass(slots=True)
class StoryState:
    id: str
    article_ids: list[str]
    centroid: dict[str, float]
    """Sum of the members' (unit, IDF-weighted) vectors; not normalised."""
    norm_sq: float = 0.0
    """Squared norm of ``centroid``."""
    indexed: tuple[str, ...] = ()
    headline: str | None = None
    best_title_score: float = -1.0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    outlets: set[str] = field(default_factory=set)
    dates: list[datetime] = field(default_factory=list)
    """Published dates of the dated members, sorted."""
    names: set[str] = field(default_factory=set)
    """Features that were names, numbers or dates in some member."""
    names_sq: float = 0.0
    """Squared norm of the names part of ``centroid``."""
    members: list[Member] = field(default_factory=list)
    """The most recent members (all of them while ``complete``): for the member link
    score and the split check."""
    complete: bool = True
    """Whether ``members`` still holds every member (a split needs all of them)."""
    split_checked: int = 0
    """The largest of ``ClusterOptions.split_sizes`` the split check has run at (or
    that a half of a split had reached): the check runs again once the story has
    grown past the next one, by a member or by a merge."""
    dense: Any = None
    """Sum of the members' dense embeddings (a numpy vector), with an embedder only."""
    language: str | None = None
    """Language of the story's articles (the first that declared one): an article of
    another language never joins it, and it never merges with a story of another."""


def follow_merges(merged_into: dict[str, str], key: str) -> str:
    """The id ``key`` was merged into at last (itself if never merged), compressing the
    path in ``merged_into`` so later look-ups take one step."""
    root = key
    while root in merged_into:
        root = merged_into[root]
    while key != root:
        parent = merged_into[key]
        merged_into[key] = root
        key = parent
    return root


def as_utc_naive(value: datetime) -> datetime:
    # Mixed aware and naive dates must still compare; naive ones are taken as UTC.
    if value.tzinfo is not None:
        offset = value.utcoffset() or timedelta(0)
        return value.replace(tzinfo=None) - offset
    return value


def accumulate(story: StoryState, vector: Mapping[str, float], names: Iterable[str]) -> None:
    """Add ``vector`` (whose ``names`` are names) to the centroid, keeping both norms."""
    known = story.names
    for name in names:
        if name not in known:
            known.add(name)
            # A feature that becomes a name brings its weight so far into the names part.
            story.names_sq += story.centroid.get(name, 0.0) ** 2
    centroid = story.centroid
    norm_sq = story.norm_sq
    names_sq = story.names_sq
    for key, weight in vector.items():
        old = centroid.get(key, 0.0)
        new = old + weight
        centroid[key] = new
        change = new * new - old * old
        norm_sq += change
        if key in known:
            names_sq += change
    story.norm_sq = max(norm_sq, 0.0)
    story.names_sq = max(names_sq, 0.0)


def apart_in_time(one: list[datetime], other: list[datetime], gap: timedelta) -> bool:
    """Whether two sorted date lists are both non-empty and no two dates are within ``gap``."""
    if not one or not other:
        return False
    i = j = 0
    while i < len(one) and j < len(other):
        if abs(one[i] - other[j]) <= gap:
            return False
        if one[i] < other[j]:
            i += 1
        else:
            j += 1
    return True


def settles_at(size: int) -> bool:
    """Whether a story of ``size`` members re-ranks its terms (sizes 1-4, then 2^k and 3 * 2^k).

    Re-ranking is the costly part of adding a member; in between, the new
    members still count in the centroid, and the heaviest terms move little.
    """
    if size <= 4:
        return True
    if size % 3 == 0:
        size //= 3
    return size & (size - 1) == 0
