"""How an article is scored against a story, and the time rules of story clustering.

Pure functions over a story's state (:mod:`~newsweave.cluster.state`) and the
clusterer's options, used by :class:`~newsweave.cluster.StoryClusterer`:

* :func:`centroid_score`: the cosine with a story's centroid, blended with the
  cosine over names, numbers and dates alone;
* :func:`link_vector` and :func:`link_score`: the same blend member to member,
  and the article's similarity to a story's closest recent members;
* :func:`is_cold`, :func:`is_closed`, :func:`published_together` and
  :func:`published_apart`: the time rules (a story none of whose members was
  published near the article is cold for it, and closed to it weeks away;
  halves of a story published on the same days are cut in two only
  when far apart; a spectral cut only between halves published days apart);
* :func:`same_language` and :func:`check_size`.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from newsweave.cluster.features import dot
from newsweave.cluster.options import ClusterOptions
from newsweave.cluster.state import NAME_KEY, Member, StoryState

__all__ = [
    "centroid_score",
    "check_size",
    "is_closed",
    "is_cold",
    "link_score",
    "link_vector",
    "published_apart",
    "published_together",
    "same_language",
]


def centroid_score(
    story: StoryState,
    vector: Mapping[str, float],
    names: Mapping[str, float],
    names_norm: float,
    *,
    names_weight: float,
) -> tuple[float, float]:
    """``(score, cosine)`` of an article against a story's centroid."""
    centroid = story.centroid
    # One pass over the shared features gives both dot products (names are
    # features of the article vector).
    shared = centroid.keys() & vector.keys()
    norm = math.sqrt(story.norm_sq) or 1.0
    cosine = math.fsum([vector[key] * centroid[key] for key in shared]) / norm
    score = cosine
    if names_norm > 0:
        in_names = math.fsum([names[key] * centroid[key] for key in shared if key in names])
        names_cosine = in_names / (names_norm * math.sqrt(story.names_sq) or 1.0)
        score = (1 - names_weight) * cosine + names_weight * names_cosine
    return score, cosine


def link_vector(
    vector: Mapping[str, float],
    names: Mapping[str, float],
    *,
    names_weight: float,
    event: Mapping[str, float] | None = None,
    event_weight: float = 0.0,
) -> dict[str, float]:
    """``vector`` with its names repeated under separate keys, weighed so that the
    dot product of two such vectors is the blend of cosine and names cosine that
    :func:`centroid_score` uses for a story.

    With ``event_weight``, the unit ``event`` fingerprint
    (:func:`~newsweave.cluster.fingerprint.event_vector`, keys under its own
    prefix) is added too, so the dot product of two link vectors is
    ``blend + event_weight * fingerprint cosine``: a bonus for reports whose
    titles tell the same event, not a share taken from the whole text (which
    lowered every member score and split one event's reports).
    """
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    scale = math.sqrt(1 - names_weight) / norm
    link = {key: w * scale for key, w in vector.items()}
    named = [(key, w) for key, w in vector.items() if key in names]
    names_norm = math.sqrt(sum(w * w for _, w in named))
    if names_norm > 0:
        scale = math.sqrt(names_weight) / names_norm
        link.update((NAME_KEY + key, w * scale) for key, w in named)
    if event_weight > 0 and event:
        scale = math.sqrt(event_weight)
        link.update((key, w * scale) for key, w in event.items())
    return link


def link_score(
    story: StoryState,
    score: float,
    link: Mapping[str, float],
    options: ClusterOptions,
    *,
    rare: tuple[str, ...] = (),
    published: datetime | None = None,
) -> float:
    """``score`` blended with the article's similarity to the story's closest recent members
    (plus ``rare_bonus`` when one of them shares a rare name phrase, ``rare``, with it)."""
    if options.link_weight <= 0 or not story.members:
        return score
    recent = story.members[-options.link_members :]
    sims = sorted((dot(m.link, link) for m in recent), reverse=True)
    top = sims[: options.link_top]
    closest = sum(top) / len(top)
    blended = (1 - options.link_weight) * score + options.link_weight * closest
    if rare and options.rare_bonus > 0 and _shares_rare(recent, rare, published, options):
        blended += options.rare_bonus
    return blended


def _shares_rare(
    members: list[Member],
    rare: tuple[str, ...],
    published: datetime | None,
    options: ClusterOptions,
) -> bool:
    """Whether one of ``members`` shares a rare phrase with the article and either
    both are undated or both are dated within ``rare_gap`` (``None``: never)."""
    wanted = set(rare)
    gap = options.rare_gap
    for member in members:
        if not wanted.intersection(member.rare):
            continue
        when = member.published
        if when is None and published is None:
            return True
        if gap is None or when is None or published is None:
            continue
        if abs(when - published) <= gap:
            return True
    return False


def is_cold(story: StoryState, published: datetime | None, options: ClusterOptions) -> bool:
    """Whether ``published`` is further than ``cold_gap`` from every dated member.

    The nearest member counts, not the story's first and last dates: articles
    can arrive out of date order, and a story spanning months must not take
    everything published in between.  A story whose median dated member is
    further than ``span`` is cold too.
    """
    dates = story.dates
    if published is None or not dates:
        return False
    span = options.span
    if span is not None and abs(dates[len(dates) // 2] - published) > span:
        return True
    gap = options.cold_gap
    at = bisect.bisect_left(dates, published)
    if at < len(dates) and dates[at] - published <= gap:
        return False
    return not (at > 0 and published - dates[at - 1] <= gap)


def is_closed(story: StoryState, closing: datetime | None, options: ClusterOptions) -> bool:
    """Whether ``story`` is closed to an article of metadata date ``closing``.

    Closed: the story has dated members and none lies within ``closed_gap`` of
    ``closing`` (``ClusterOptions.closed_gap``; ``None`` turns this off).  Only a
    date from metadata closes (the caller passes ``None`` for others): a date
    read from the text may be another day's, and streams dated only from their
    text report one event over weeks of such dates.
    """
    gap = options.closed_gap
    dates = story.dates
    if gap is None or closing is None or not dates:
        return False
    at = bisect.bisect_left(dates, closing)
    if at < len(dates) and dates[at] - closing <= gap:
        return False
    return not (at > 0 and closing - dates[at - 1] <= gap)


def same_language(one: str | None, other: str | None) -> bool:
    """Whether articles of these languages may share a story (an unknown one goes anywhere)."""
    return one is None or other is None or one == other


def _median_gap(one: list[Member], other: list[Member]) -> timedelta | None:
    """How far apart the median dates of the two groups are (``None``: one is undated)."""
    medians = []
    for group in (one, other):
        dates = sorted(member.published for member in group if member.published is not None)
        if not dates:
            return None
        medians.append(dates[len(dates) // 2])
    return abs(medians[0] - medians[1])


def published_together(one: list[Member], other: list[Member], gap: timedelta) -> bool:
    """Whether both groups have dated members and their median dates are within ``gap``."""
    apart = _median_gap(one, other)
    return apart is not None and apart <= gap


def published_apart(one: list[Member], other: list[Member], gap: timedelta) -> bool:
    """Whether both groups have dated members and their median dates are further than ``gap``."""
    apart = _median_gap(one, other)
    return apart is not None and apart > gap


def check_size(sizes: Iterable[int], count: int) -> int:
    """The largest of the split check ``sizes`` that ``count`` members reach (0: none)."""
    return max((size for size in sizes if size <= count), default=0)
