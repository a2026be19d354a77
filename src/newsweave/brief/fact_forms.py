"""One thing written two ways, for the support judge's word overlap.

Two sentences that state one fact often write a name or a word differently,
and a judge that counts shared word stems then finds the claim's word missing
from the evidence:

* a person's or body's full name against its last word ("Tom Hale" /
  "Hale", "Prime Minister Ana Lund" / "Lund"): the words before the last one of
  a capitalised run count as stated when the other sentence names the last word
  on its own (not as the last word of another run: "North Dakota" is not
  "South Dakota");
* an initialism against the words it spells ("KDS" / "Kestrel Data
  Systems", "FBI" / "Federal Bureau of Investigation"): an all-capital word of two to five
  letters whose letters are the initials of consecutive content words of the
  other sentence;
* two words written as one ("clean-up" / "cleanup", "Sea Lane" / "SeaLane");
* a place and the word for its people ("Kenya" / "Kenyan"): a name that is the
  other with at most three letters added.

:func:`read_forms` reads a sentence's tokens once into :class:`Forms`;
:func:`equivalents` tells which of a claim's missing stems the evidence states
in another form.  Nothing here is a list of names: only the shapes of the words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from types import MappingProxyType

from newsweave.brief.fact_tokens import Token, stem
from newsweave.text import STOPWORDS

__all__ = ["EMPTY", "Forms", "equivalents", "other_names", "read_forms", "told_elsewhere"]

_INITIALS = (2, 5)
"""Fewest and most letters of an initialism ("EU" ... "NASDA")."""

_ADDED = 3
"""Most letters a name's other form adds ("Kenya" / "Kenyan", "Oman" / "Omani")."""

_BASE = 4
"""Fewest letters of the shorter form for that to count."""


@dataclass(frozen=True, slots=True)
class Forms:
    """The other forms a sentence's words may take (see module docs)."""

    given: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    """Stem of a word of a capitalised run, before its last word -> the last word's stem."""
    alone: frozenset[str] = frozenset()
    """Stems of capitalised words that stand alone (a run of one word)."""
    lasts: frozenset[str] = frozenset()
    """Stems of the last words of longer capitalised runs."""
    acronyms: frozenset[str] = frozenset()
    """All-capital words of two to five letters, lower-cased."""
    initials: str = ""
    """The first letter of each content word, in order (one letter a word)."""
    content: tuple[str, ...] = ()
    """The content words' stems in the same order."""
    lowers: frozenset[str] = frozenset()
    """The content words, lower-cased, as written."""
    joined: Mapping[str, frozenset[str]] = field(default_factory=dict, hash=False, compare=False)
    """Two neighbouring words written as one (lower-cased) -> the two words' content stems."""
    runs: tuple[frozenset[str], ...] = ()
    """The stems of each capitalised run of two or more words (a full name)."""
    shortened: frozenset[str] = frozenset()
    """Each capitalised word's stem less its last one to three letters (at least four left)."""


EMPTY = Forms()


def _capital(token: Token) -> bool:
    return token.kind == "word" and token.text[:1].isupper() and token.lower not in STOPWORDS


def read_forms(tokens: list[Token]) -> Forms:
    """The other forms of ``tokens``' words (one sentence)."""
    given: dict[str, str] = {}
    alone: set[str] = set()
    lasts: set[str] = set()
    runs: list[frozenset[str]] = []
    run: list[Token] = []
    for token in [*tokens, None]:
        if token is not None and _capital(token) and (not run or not token.apart):
            run.append(token)
            continue
        if len(run) == 1:
            alone.add(stem(run[0].lower))
        elif run:
            last = stem(run[-1].lower)
            lasts.add(last)
            runs.append(frozenset(stem(t.lower) for t in run))
            # A long run that opens the sentence may be capitalised words before a
            # name ("Read More Today Lund"): only its last word is read.
            for word in run[:-1] if len(run) == 2 or not run[0].first else ():
                given.setdefault(stem(word.lower), last)
        run = [token] if token is not None and _capital(token) else []
    content = [t.lower for t in tokens if t.kind == "word" and t.lower not in STOPWORDS]
    low, high = _INITIALS
    acronyms = frozenset(
        t.lower
        for t in tokens
        if t.kind == "word" and t.text.isupper() and low <= len(t.text) <= high and t.text.isalpha()
    )
    joined: dict[str, frozenset[str]] = {}
    for left, right in pairwise(tokens):
        if left.kind == right.kind == "word" and (not right.apart or right.hyphened):
            parts = frozenset(stem(t.lower) for t in (left, right) if t.lower not in STOPWORDS)
            if parts:
                joined.setdefault(left.lower + right.lower, parts)
    return Forms(
        given=MappingProxyType(given),
        alone=frozenset(alone),
        lasts=frozenset(lasts),
        acronyms=acronyms,
        initials="".join(word[0] for word in content),
        content=tuple(stem(word) for word in content),
        lowers=frozenset(content),
        joined=MappingProxyType(joined),
        runs=tuple(runs),
        shortened=frozenset(
            name[:size]
            for name in alone.union(*runs)
            for size in range(max(_BASE, len(name) - _ADDED), len(name))
        ),
    )


def _spelled(forms: Forms, acronym: str) -> frozenset[str]:
    """The stems of the consecutive content words of ``forms`` whose initials are ``acronym``."""
    at = forms.initials.find(acronym)
    return frozenset(forms.content[at : at + len(acronym)]) if at >= 0 else frozenset()


def equivalents(
    claim: Forms,
    claim_names: frozenset[str],
    evidence: Forms,
    evidence_names: frozenset[str],
    missing: frozenset[str],
) -> frozenset[str]:
    """The stems of ``missing`` (the claim's, not in the evidence) that the evidence
    states in another form (see module docs)."""
    found: set[str] = set()
    for word in claim.given.keys() & missing:
        last = claim.given[word]
        if last in evidence.alone and last not in evidence.lasts:
            found.add(word)  # "Tom Hale" / "Hale"
    for acronym in claim.acronyms:
        if stem(acronym) in missing and acronym in evidence.initials:
            found.add(stem(acronym))  # "KDS" / "Kestrel Data Systems"
    for acronym in evidence.acronyms:
        if acronym in claim.initials:
            found |= _spelled(claim, acronym) & missing  # "Federal Bureau of Investigation" / "FBI"
    for key in claim.joined.keys() & evidence.lowers:
        found |= claim.joined[key] & missing  # "clean-up" / "cleanup"
    for key in evidence.joined.keys() & claim.lowers:
        if stem(key) in missing:
            found.add(stem(key))  # "SeaLane" / "Sea Lane"
    for word in missing & claim_names:
        if word in evidence.shortened or any(
            word[:size] in evidence_names
            for size in range(max(_BASE, len(word) - _ADDED), len(word))
        ):
            found.add(word)  # "Kenyan" / "Kenya"
    return frozenset(found)


def other_names(
    claim: Forms,
    shared: frozenset[str],
    evidence: Forms,
    claim_stems: frozenset[str],
    frames: tuple[frozenset[str], frozenset[str]],
) -> bool:
    """Whether the claim names someone (a full name) the evidence does not name at all,
    while the evidence names someone the claim does not: who did it may differ
    ("Ann Lund was placed on the list" / "a day after Tom Hale was placed on it").
    Names in either sentence's attribution frame (``frames``: who told it) are left out."""
    claim_frame, evidence_frame = frames
    absent = any(not run & shared and not run <= claim_frame for run in claim.runs)
    return absent and any(
        not run & claim_stems and not run <= evidence_frame for run in evidence.runs
    )


def told_elsewhere(
    claim_stems: frozenset[str], frame: frozenset[str], shared: frozenset[str], least: float
) -> bool:
    """Whether the evidence states all of a claim but who told it: the claim's stems less
    its attribution frame's (``frame``) that the evidence lacks are stated at ``least``."""
    if not frame:
        return False
    core = claim_stems - (frame - shared)
    return bool(core) and len(shared & core) / len(core) >= least
