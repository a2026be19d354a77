"""Disagreements over how many days lay between the story's event and an earlier one.

Outlets place a related event by its distance from the story's own ("the ambush
came one day after the convoy left the port"; "the ambush came three days after
the convoy left the port"; "whether the fire had any link to one the day before,
in which ...").  Two sources that give different distances between the same two
events disagree on when one of them happened, though their words differ.

A distance is read as ``N days after|before X`` (N a number, a number word, "a"
or "the"), or ``the day before|after`` followed by the event it dates ("in
which ...", "when ...").  Its *anchor* is what the sentence says happened at the
distance: the words before it, which must name an incident ("the attack", "the
raid", "the incident"; ``incident-words``) or share a word with the other
sentence's anchor.  Its *event* is the words after it, up to the next
semicolon or "and N days" (25 words at most).  Two sentences of different sources disagree when
their anchors are one incident, their events share two content words (stemmed:
"closed its border crossings" / "closed the border crossing"), and the days between
differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.fact_tokens import stem
from newsweave.models import Citation, Disagreement
from newsweave.text import NUMBER_WORDS, STOPWORDS

__all__ = ["Distance", "day_distances", "relative_day_disagreements"]

_INCIDENTS = frozenset(stem(w) for w in wordlists.words("incident-words"))
_COUNT = "|".join(sorted((w for w, v in NUMBER_WORDS.items() if 0 < v <= 31), key=len)[::-1])
_DISTANCE = re.compile(
    rf"\b(?P<n>\d{{1,2}}|{_COUNT}|a|an|the)\s+(?:full\s+)?(?P<unit>days?|weeks?)\s+"
    r"(?P<dir>after|before|following|prior\s+to|earlier\s+than)\b"
    r"(?!\s*,?\s*(?:in\s+which|when|where)\b)",
    re.IGNORECASE,
)
"""``N days after`` with the event it dates after it."""
_BARE = re.compile(
    r"\b(?:the|a)\s+day\s+(?P<dir>before|after|earlier|later)\s*,?\s+"
    r"(?=(?:in\s+which|when|where)\b)",
    re.IGNORECASE,
)
"""``the day before in which ...``: the event it dates follows a relative word."""
_EVENT_END = re.compile(
    r"[;:]|,?\s(?:and|but)\s+(?:\d{1,2}|" + _COUNT + r"|a|the)\s+(?:days?|weeks?)\b"
    r"|\.\s*$",
    re.IGNORECASE,
)
_EVENT_WORDS = 25
"""Most words of the text after a distance read as the event it dates."""
_WORD = re.compile(r"[^\W\d_]+")
_DAY_WORDS = frozenset(
    {"day", "days", "week", "weeks", "after", "before", "following", "prior", "earlier", "later"}
)


@dataclass(frozen=True, slots=True)
class Distance:
    """One sentence's distance from its anchor to an event: ``days`` negative when the
    event came before the anchor."""

    days: int
    anchor: frozenset[str]
    event: frozenset[str]
    shown: str


_LINKING = frozenset(
    stem(w) for w in ("come", "came", "comes", "happened", "occurred", "followed", "took")
)
"""Verbs that only link an anchor to its distance ("the raid came one day after"): no
word of what the anchor is."""


def _content(text: str) -> frozenset[str]:
    stems = (
        stem(word)
        for word in (w.casefold() for w in _WORD.findall(text))
        if word not in STOPWORDS and word not in _DAY_WORDS and word not in NUMBER_WORDS
    )
    return frozenset(s for s in stems if s not in _LINKING)


def _count(word: str) -> int:
    word = word.casefold()
    if word.isdigit():
        return int(word)
    if word in ("a", "an", "the"):
        return 1
    return NUMBER_WORDS[word]


def _event(text: str) -> str:
    """The event a distance dates: ``text`` up to its first stop (a semicolon, "and N days")."""
    stop = _EVENT_END.search(text)
    return " ".join((text[: stop.start()] if stop else text).split()[:_EVENT_WORDS])


def day_distances(text: str) -> Iterator[Distance]:
    """Every distance in days a sentence gives between its anchor and another event."""
    for match in _DISTANCE.finditer(text):
        if match.group("n").casefold() in ("a", "an", "the") and match.group("unit")[-1] in "sS":
            continue  # "the days after": no number of days
        number = _count(match.group("n"))
        if match.group("unit").casefold().startswith("week"):
            number *= 7
        after = match.group("dir").casefold() in ("after", "following")
        event = _event(text[match.end() :])
        yield Distance(
            -number if after else number,
            _content(text[: match.start()]),
            _content(event),
            " ".join(match.group().split()),
        )
    for match in _BARE.finditer(text):
        # "one the day before in which ...": the event came the day before the anchor
        earlier = match.group("dir").casefold() in ("before", "earlier")
        event = _event(text[match.end() :])
        yield Distance(
            -1 if earlier else 1,
            _content(text[: match.start()]),
            _content(event),
            " ".join(match.group().split()),
        )


def _one_anchor(left: frozenset[str], right: frozenset[str]) -> bool:
    """Whether two anchors are one incident: both name an incident, or they share a word."""
    return bool(left & right) or bool(left & _INCIDENTS and right & _INCIDENTS)


def _conflicting(left: Distance, right: Distance, least: int) -> bool:
    return (
        left.days != right.days
        and len(left.event & right.event) >= least
        and _one_anchor(left.anchor, right.anchor)
    )


def relative_day_disagreements(
    story: StoryAlignment, shown: set[tuple[str, int]], *, least_shared: int = 2
) -> list[Disagreement]:
    """Pairs of sentences of different sources that give different numbers of days
    between one incident and one other event (see module docs); a sentence already in
    ``shown`` is not used again, and the pair's sentences are added to it."""
    read = [
        (row, distance)
        for row, item in enumerate(story.sentences)
        if _DISTANCE.search(item.text) or _BARE.search(item.text)
        for distance in day_distances(item.text)
    ]
    found: list[Disagreement] = []
    for (left, one), (right, other) in combinations(read, 2):
        if (
            story.sources[story.sentences[left].article]
            == story.sources[story.sentences[right].article]
        ):
            continue
        if not _conflicting(one, other, least_shared):
            continue
        cited = story.unshown_pair(left, right, shown)
        if cited is None:
            continue
        first, second = cited
        found.append(_disagreement(one, first, other, second))
    return found


def _disagreement(
    one: Distance, first: Citation, other: Distance, second: Citation
) -> Disagreement:
    return Disagreement(
        topic="days between two events: " + " ".join(sorted(one.event & other.event)),
        versions=((one.shown, (first,)), (other.shown, (second,))),
    )
