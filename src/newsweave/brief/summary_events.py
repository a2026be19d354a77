"""Two summary sentences that tell one event: same day, same actors, same event words.

Two outlets report one announcement in their own words and with their own day
word ("X today announced ..." in one, "on Monday, X came out for ..." in the
other, both published that Monday).  The support judge does not find one stating
the other (their details differ), so both would be chosen.  :func:`same_event`
reads a candidate against the sentences already chosen: a sentence of another
article that names a day the candidate names too (each day word resolved against
its own article's publication date, :func:`newsweave.brief.timeline_dates.find_mentions`;
planned days are not events), shares a name written with a capital in both, and
shares at least ``min_shared`` other content words, and at least ``min_share`` of
the shorter sentence's content words, and gives the same numbers (none, or the same
ones: "17 returned to duty" and "eight arrived" the same day are two facts).
Undated articles are never read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

from newsweave.brief.align import StoryAlignment
from newsweave.brief.facts import stem
from newsweave.brief.timeline_dates import find_mentions
from newsweave.cluster.features import CALENDAR_WORDS
from newsweave.text import NUMBER_WORDS

__all__ = ["same_event"]

_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")


def _day(published: datetime | None) -> date | None:
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(UTC)
    return published.date()


def _days(text: str, published: date) -> set[date]:
    """The days a sentence names as happened (not planned), resolved to dates."""
    found: set[date] = set()
    for mention in find_mentions(text, published):
        when = mention.when
        if mention.planned or when.precision != "day" or when.year is None:
            continue
        if when.month is None or when.day is None:
            continue
        found.add(date(when.year, when.month, when.day))
    return found


def _names(text: str) -> set[str]:
    """Words written with a capital after the sentence's first word (no calendar words)."""
    words = _CAPITALISED.findall(text)[1:] if text[:1].isupper() else _CAPITALISED.findall(text)
    return {stem(w.casefold()) for w in words if w.casefold() not in CALENDAR_WORDS}


def _numbers(tokens: Sequence[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if t.isdigit() or t in NUMBER_WORDS)


def same_event(
    story: StoryAlignment,
    row: int,
    chosen: Sequence[int],
    *,
    min_shared: int = 2,
    min_share: float = 0.25,
) -> bool:
    """Whether a chosen sentence of another article tells the event sentence ``row`` tells
    (see module docs)."""
    own = story.sentences[row]
    published = _day(story.doc.articles[own.article].published)
    if published is None:
        return False
    days = _days(own.text, published)
    if not days:
        return False
    names = _names(own.text)
    stems = story.facts(row).stems
    numbers = _numbers(own.tokens)
    for k in chosen:
        other = story.sentences[k]
        when = _day(story.doc.articles[other.article].published)
        if other.article == own.article or when is None:
            continue
        if not days & _days(other.text, when) or numbers != _numbers(other.tokens):
            continue  # another day, or other figures: other facts
        shared_names = names & _names(other.text)
        if not shared_names:
            continue
        other_stems = story.facts(k).stems
        shared = (stems & other_stems) - shared_names - CALENDAR_WORDS
        smaller = min(len(stems), len(other_stems)) or 1
        if len(shared) >= min_shared and len(stems & other_stems) / smaller >= min_share:
            return True
    return False
