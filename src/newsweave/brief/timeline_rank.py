"""Ranking a story's timeline entries: each entry's shown sentence, its rank, copies out.

:mod:`newsweave.brief.timeline` collects a story's dated sentences into :class:`Group`
entries (sentences of one date telling one event) and weighs how much the articles
say each date matters; here each group's shown sentence is chosen, the groups are
ranked round the dates (most-mentioned date first), and an entry telling what a
better-ranked entry of another date tells, or what a finer entry inside its period
tells, is dropped.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from newsweave.brief.doc import StorySentence
from newsweave.brief.timeline_dates import Mention, When

__all__ = ["Group", "choose_heads", "jaccard", "rank_groups", "without_coarse_copies"]


@dataclass(slots=True)
class Group:
    """Sentences of one date telling one event."""

    when: When
    iso: str
    members: list[tuple[StorySentence, Mention, frozenset[str], frozenset[str]]]
    """Each sentence, its dated mention, its content words and its dated clause's."""
    words: set[str] = field(default_factory=set)
    head: int = 0
    """The member shown (see :func:`choose_heads`)."""
    relevance: float = 0.0
    """How much the shown sentence says of what the story is about."""
    score: float = 0.0
    """How much the shown sentence says of what its day's news is (see :func:`choose_heads`)."""

    def articles(self) -> set[int]:
        return {member[0].article for member in self.members}


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the words of ``a`` and ``b`` together that both have."""
    return len(a & b) / (len(a | b) or 1)


def choose_heads(groups: list[Group], news: Mapping[str, Counter[str]] | None = None) -> None:
    """Each group's shown sentence: the one that says most of what its day's news is.

    The day's news is what all sentences of its date say and, for a day, what the
    articles published that day and the next lead with (``news``, by ISO day): the
    day's event as the reports of it tell it, not a reaction or an aside that only
    names the day.  A sentence's score is the sum over its content words of their
    counts there (its own count among the date's sentences left out; a sentence that
    is itself one of the leads counts in the day's news once, as every lead does), over
    the square root of its length, so a long sentence does not win by its length
    alone.  The group's :attr:`Group.score` is its shown sentence's.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for group in groups:
        for member in group.members:
            counts[group.iso].update(member[2])
    for group in groups:
        date_counts = counts[group.iso]
        day_news = news.get(group.iso[:10], _NO_NEWS) if news else _NO_NEWS
        best = -1.0
        for i, (sentence, _, content, _) in enumerate(group.members):
            if not content:
                continue
            told = sum(date_counts[w] - 1 + day_news[w] for w in content)
            score = told / math.sqrt(len(content)) * (_ASIDE if _aside(sentence.text) else 1.0)
            if score > best:
                group.head, best = i, score
        group.score = max(best, 0.0)


_NO_NEWS: Counter[str] = Counter()
_ASIDE = 0.5
_PHOTO_LABEL = re.compile(r"^\W*(?:photograph|photo|picture|image)s?\s*:", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|[Ww]e|[Oo]ur|[Yy]ou|[Yy]our)\b")
_QUOTATION = re.compile(r'"[^"]*"|“[^”]*”')


def _aside(text: str) -> bool:
    """Whether ``text`` is a photo's credit run into a sentence ("Photograph: Name/Agency
    ...") or speaks in the first or second person outside quotation marks (a reader's
    comment, a reporter's aside): it counts half when its entry's shown sentence is chosen."""
    return bool(_PHOTO_LABEL.match(text) or _FIRST_PERSON.search(_QUOTATION.sub("", text)))


def rank_groups(
    groups: list[Group],
    support: dict[str, float],
    *,
    duplicate_overlap: float,
    max_entries: int | None,
) -> list[tuple[Group, int]]:
    """Groups in rank order (round the dates, most-mentioned date first), near-duplicates out.

    Dates are ordered by their support, then by their best-told event (most articles,
    then most of what the story is about).  Within a date, the event whose shown
    sentence says most of the day's news (:attr:`Group.score`) comes first, then one
    told by more articles.
    """

    def strength(group: Group) -> tuple[float, int, float]:
        return support.get(group.iso[:10], 0.0), len(group.articles()), group.relevance

    # One queue per day (a day's entries with a clock time share its queue), so
    # each round gives every day one entry.
    per_date: dict[str, list[Group]] = defaultdict(list)
    for group in sorted(groups, key=strength, reverse=True):
        per_date[group.iso[:10]].append(group)
    dates = sorted(per_date, key=lambda day: strength(per_date[day][0]), reverse=True)
    for day_groups in per_date.values():
        day_groups.sort(key=lambda g: (g.score, len(g.articles()), g.relevance), reverse=True)
    queues = {day: iter(per_date[day]) for day in dates}
    kept: list[tuple[Group, int]] = []
    shown: list[tuple[str, frozenset[str]]] = []
    while queues:
        for day in dates:
            if day not in queues:
                continue
            # A day's entry telling what another day's shown entry tells goes; the
            # day's next entry takes its place in the round.
            for group in queues[day]:
                head = group.members[group.head]
                if not any(
                    iso != group.iso and jaccard(head[3], content) >= duplicate_overlap
                    for iso, content in shown
                ):
                    shown.append((group.iso, head[3]))
                    kept.append((group, len(kept) + 1))
                    break
            else:
                del queues[day]
                continue
            if max_entries is not None and len(kept) >= max_entries:
                return kept
    return kept


_FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3}


def without_coarse_copies(
    ranked: list[tuple[Group, int]], *, coarse_overlap: float
) -> list[tuple[Group, int]]:
    """``ranked`` without a coarse entry that a finer entry inside its period tells
    ("last week the agency declared X" beside "on 11 June the agency declared X"),
    ranks renumbered."""
    spans = [(g.when.span(), g) for g, _ in ranked]
    kept = []
    for group, rank in ranked:
        span = group.when.span()
        content = group.members[group.head][2]
        if (
            span is not None
            and group.when.precision != "day"
            and any(
                other is not group
                and other_span is not None
                and _FINENESS[other.when.precision] < _FINENESS[group.when.precision]
                and span[0] <= other_span[0] <= span[1]
                and jaccard(content, other.members[other.head][2]) >= coarse_overlap
                for other_span, other in spans
            )
        ):
            continue
        kept.append((group, rank))
    return [(group, number) for number, (group, _) in enumerate(kept, start=1)]
