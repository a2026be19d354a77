"""What a sentence states, read for the support judge: words, quantities, days, modality.

:func:`read_facts` turns one sentence into a :class:`Facts` record that the
judge (:mod:`newsweave.brief.support`) compares with another sentence's.  A
sentence is read once and compared many times, so the reading holds
everything a comparison needs:

* ``stems``: its content words, lightly stemmed ("officials" / "official");
* ``quantities``: each number with what it counts or measures (the content
  words after it: "12 boats", "52-year-old", "third city mayor"), whether it is
  approximate ("about 350"), lengths converted to metres ("330 feet" is 101 m),
  areas in square metres ("60 square miles", "500 acres"),
  clock times ("9:40 a.m.") and calendar dates ("Mar. 3") as their own kinds;
  weekdays too (not right after a verb of saying, which dates the report,
  not the event); each with the content words around it, what it is said of;
* ``planned`` / ``negated`` / ``hedged``: the content words in the scope of a
  future or planning word ("will build", "is scheduled to open"), of a negation
  ("has not overturned") or of a hedge ("reportedly fled"): within a few
  words after the marker, so that "will" in one clause does not make another
  clause planned.

The word lists are closed classes of English grammar, kept in the
``support-*`` files of ``newsweave/data`` and loaded once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from newsweave import wordlists
from newsweave.brief.fact_forms import EMPTY, Forms, read_forms
from newsweave.brief.fact_quantities import Quantity, quantities, told_day
from newsweave.brief.fact_tokens import (
    attribution_frame,
    scoped,
    stem,
    tokenise,
)
from newsweave.text import MONTHS, NUMBER_WORDS, STOPWORDS, WEEKDAYS

__all__ = ["Facts", "Quantity", "SupportWords", "read_facts", "stem", "support_words"]


@dataclass(frozen=True, slots=True)
class SupportWords:
    """The closed word classes of the ``support-*`` data files."""

    negation: frozenset[str]
    planned: frozenset[str]
    hedge: frozenset[str]
    approximate: frozenset[str]
    reporting: frozenset[str]
    relative_days: frozenset[str]
    numbers: dict[str, float]
    scales: dict[str, float]
    lengths: dict[str, float]
    measure_skip: frozenset[str]
    bounds: dict[str, str]
    stamps: frozenset[str]
    day_parts: dict[str, float]
    running: frozenset[str] = frozenset()
    plurals: frozenset[str] = frozenset()
    areas: dict[str, float] = field(default_factory=dict)
    """Units of area in square metres (acres, hectares); "square" + a length is read too."""


def _floats(pairs: dict[str, str]) -> dict[str, float]:
    return {word: float(value) for word, value in pairs.items()}


@cache
def support_words() -> SupportWords:
    """The word classes, read once from the ``support-*`` files of ``newsweave/data``."""
    # The number words: the shared cardinals (scales such as "thousand" aside) and
    # the judge's own (dozen, ordinals, multipliers).
    cardinals = {word: float(value) for word, value in NUMBER_WORDS.items() if value <= 100}
    return SupportWords(
        negation=wordlists.words("support-negation"),
        planned=wordlists.words("support-planned"),
        hedge=wordlists.words("support-hedge"),
        approximate=wordlists.words("support-approximate"),
        reporting=wordlists.words("support-reporting"),
        relative_days=wordlists.words("support-relative-days"),
        numbers=cardinals | _floats(wordlists.mapping("support-number-words")),
        scales=_floats(wordlists.mapping("support-scales")),
        lengths=_floats(wordlists.mapping("support-lengths")),
        measure_skip=wordlists.words("support-measure-skip"),
        bounds=wordlists.mapping("support-bounds"),
        stamps=wordlists.words("support-stamps"),
        day_parts=_floats(wordlists.mapping("support-day-parts")),
        running=wordlists.words("support-running"),
        plurals=wordlists.words("support-plurals"),
        areas=_floats(wordlists.mapping("support-areas")),
    )


@dataclass(frozen=True, slots=True)
class Facts:
    """One sentence as the support judge reads it (see module docs)."""

    stems: frozenset[str]
    names: frozenset[str]
    """Stems of capitalised words not at the start of the sentence (people, places, bodies)."""
    quantities: tuple[Quantity, ...]
    """Numbers, dates, clock times and weekdays (kind ``weekday``, value 0 for Monday)."""
    planned: frozenset[str]
    negated: frozenset[str]
    hedged: frozenset[str]
    is_planned: bool
    """Whether any planning or future word is in the sentence."""
    is_negated: bool
    """Whether any negation is in the sentence."""
    attributed: bool
    """Whether it reports speech ("said", "according to")."""
    sequence: tuple[str, ...] = ()
    """The content stems in sentence order (for word pairs a paraphrase keeps)."""
    told_days: frozenset[int] = frozenset()
    """Weekdays said right after a verb of saying ("said Tuesday"): not read as the event's
    day, but a claim's same day ("on Tuesday announced") is not missing from it."""
    frame: frozenset[str] = frozenset()
    """Content stems of the attribution frame ("..., the agency said"; "X reported that ..."):
    who told it, which a supporting sentence need not repeat."""
    forms: Forms = EMPTY
    """Other forms of its names and words (:mod:`newsweave.brief.fact_forms`)."""


_IS_TO = re.compile(r"\b(?:is|are|was|were)\s+to\s+(?:be\s+)?[^\W\d_]+", re.I)
"""The planned "is to": "he is to be sentenced", "they are to meet"."""


def _name_like(lower: str, words: SupportWords) -> bool:
    """Whether a sentence's capitalised first word may be a name ("Bush missed ...")."""
    return (
        not any(
            lower in group
            for group in (words.negation, words.planned, words.hedge, words.approximate)
        )
        and lower not in words.reporting
        and lower not in words.relative_days
    )


def read_facts(text: str) -> Facts:
    """What ``text`` (one sentence) states, for the support judge (see module docs)."""
    words = support_words()
    tokens = tokenise(text, words)
    stems: set[str] = set()
    names: set[str] = set()
    attributed = False
    planned = negated = False
    for token in tokens:
        if token.kind != "word":
            continue
        lower = token.lower
        attributed = attributed or lower in words.reporting
        planned = planned or (lower in words.planned and not token.month)
        negated = negated or lower in words.negation
        if lower in STOPWORDS or lower in words.numbers or lower in MONTHS or lower in WEEKDAYS:
            continue
        stems.add(stem(lower))
        if token.text[:1].isupper() and (not token.first or _name_like(lower, words)):
            names.add(stem(lower))
    planned = planned or bool(_IS_TO.search(text))
    told = {
        WEEKDAYS[t.lower]
        for k, t in enumerate(tokens)
        if t.lower in WEEKDAYS and told_day(tokens, k, words)
    }
    sequence = tuple(
        stem(t.lower)
        for t in tokens
        if t.kind == "word" and t.lower not in STOPWORDS and t.lower not in words.numbers
    )
    return Facts(
        stems=frozenset(stems),
        names=frozenset(names),
        quantities=tuple(quantities(tokens, words)),
        planned=scoped(tokens, words.planned),
        negated=scoped(tokens, words.negation),
        hedged=scoped(tokens, words.hedge),
        is_planned=planned,
        is_negated=negated,
        attributed=attributed,
        sequence=sequence,
        told_days=frozenset(told),
        frame=attribution_frame(text, words) if attributed else frozenset(),
        forms=read_forms(tokens),
    )
