"""Disagreements where one source denies what another states: "was not X-ed" / "had been X-ed".

One source says a thing was not done to something ("the permit was not
revoked"), another that it was ("permits ... had been confiscated"): a conflict
on one fact, though the two sentences share few words.  Each statement is read
as a head noun, the passive or perfect auxiliary, and the participle: a denial
has "not" or "never" between them (not "not yet": a later report may update it),
an assertion neither.  Two sentences of different sources conflict when their
head nouns are one word (stemmed: "permit" / "permits") and their participles one
act: the same verb, or verbs of one group of ``act-groups`` ("revoked" /
"confiscated").  The two articles must be published within ``max_days`` of each
other when both are dated, and a denial published before the assertion is an update,
not a conflict: "has not been charged" in the morning, "was charged" that evening (a
denial published after the assertion still conflicts with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.fact_tokens import stem
from newsweave.models import Disagreement
from newsweave.text import STOPWORDS

__all__ = ["Statement", "days_apart", "negated_disagreements", "statements"]

_GROUPS = {
    stem(word.casefold()): group
    for group, members in wordlists.mapping("act-groups").items()
    for word in members.split()
}
_HEAD = r"(?P<head>[^\W\d_]{3,})"
_QUALIFIER = r"(?:\s+(?:for|of|belonging\s+to)\s+[^,.;:\"“”]{1,60}?)?"
_ADVERB = r"(?:\s+(?:already|previously|also|recently|reportedly|formally|officially))?"
_PARTICIPLE = r"(?P<verb>[^\W\d_]{2,}(?:ed|en|wn|ld|id|und))\b"
_SCOPE = (
    r"(?!\s+(?:as|because|for|to|so|merely|just|only|simply|solely|out\s+of|in\s+order|"
    r"until|unless|without)\b)"
)
"""After a denial's participle: not a word that moves the "not" onto what follows ("was not
released as an act of charity", "was not arrested until Friday"): the act itself is denied
only when the clause goes on otherwise."""
_DENIED = re.compile(
    rf"\b{_HEAD}{_QUALIFIER}\s+(?:was|were|has|have|had|is|are)\s+(?:not|never)"
    rf"(?!\s+yet\b){_ADVERB}\s+(?:been\s+)?{_PARTICIPLE}{_SCOPE}",
    re.IGNORECASE,
)
_STATED = re.compile(
    rf"\b{_HEAD}{_QUALIFIER}\s+(?:was|were|had\s+been|has\s+been|have\s+been)"
    rf"{_ADVERB}\s+{_PARTICIPLE}",
    re.IGNORECASE,
)
_NOT_HEADS = frozenset({"who", "which", "that", "what", "there", "this", "these", "those"})


@dataclass(frozen=True, slots=True)
class Statement:
    """What a sentence says was, or was not, done to something."""

    head: str
    """The head noun, stemmed."""
    noun: str
    """The head noun as written (lower case)."""
    act: str
    denied: bool
    shown: str


def _act(verb: str) -> str:
    root = stem(verb.casefold())
    return _GROUPS.get(root, root)


def statements(text: str) -> Iterator[Statement]:
    """The denials and assertions of acts done to a head noun in ``text``."""
    for pattern, denied in ((_DENIED, True), (_STATED, False)):
        for match in pattern.finditer(text):
            head = match.group("head").casefold()
            if head in STOPWORDS or head in _NOT_HEADS:
                continue
            shown = " ".join(match.group().split())
            yield Statement(stem(head), head, _act(match.group("verb")), denied, shown)


def _dates(story: StoryAlignment, left: int, right: int) -> tuple[datetime, datetime] | None:
    """The publication times of rows ``left`` and ``right``'s articles, comparable (both
    naive when only one is zone-aware), or ``None`` when either is undated."""
    one = story.doc.articles[story.sentences[left].article].published
    other = story.doc.articles[story.sentences[right].article].published
    if one is None or other is None:
        return None
    if (one.tzinfo is None) != (other.tzinfo is None):
        one, other = one.replace(tzinfo=None), other.replace(tzinfo=None)
    return one, other


def days_apart(story: StoryAlignment, left: int, right: int) -> float | None:
    """Days between the publication of rows ``left`` and ``right``'s articles (``None``
    when either is undated)."""
    dates = _dates(story, left, right)
    return None if dates is None else abs((dates[0] - dates[1]).total_seconds()) / 86400


def _published_before(story: StoryAlignment, row: int, other: int) -> bool:
    """Whether row ``row``'s article was published strictly before ``other``'s (both dated)."""
    dates = _dates(story, row, other)
    return dates is not None and dates[0] < dates[1]


def negated_disagreements(
    story: StoryAlignment, shown: set[tuple[str, int]], *, max_days: float = 1.0
) -> list[Disagreement]:
    """Pairs of sentences of different sources, one denying what the other states (see
    module docs); a sentence already in ``shown`` is not used again, and the pair's
    sentences are added to it."""
    read = [
        (row, statement)
        for row, item in enumerate(story.sentences)
        for statement in statements(item.text)
    ]
    found: list[Disagreement] = []
    for (left, one), (right, other) in combinations(read, 2):
        if one.denied == other.denied or (one.head, one.act) != (other.head, other.act):
            continue
        if (
            story.sources[story.sentences[left].article]
            == story.sources[story.sentences[right].article]
        ):
            continue
        apart = days_apart(story, left, right)
        if apart is not None and apart > max_days:
            continue
        denial, statement = (left, right) if one.denied else (right, left)
        if _published_before(story, denial, statement):
            continue  # overtaken by the later report
        cited = story.unshown_pair(left, right, shown)
        if cited is None:
            continue
        first, second = cited
        found.append(
            Disagreement(
                topic=f"done or not: {one.noun}",
                versions=((one.shown, (first,)), (other.shown, (second,))),
            )
        )
    return found
