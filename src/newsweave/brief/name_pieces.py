"""Pieces of names: a capitalised run that is not one whole name, and headline fragments.

:mod:`newsweave.brief.names` cuts capitalised runs into names; the tests here say
when a cut piece is only part of a longer name the runs could not join ("Union of
Northern Harbour Towns", "Society for Rivers and Lakes of ..."), a party-and-state
label ("D-Wash."), or a stretch of a title-case headline rather than a name; and the
small word tests the kind votes use (a person's noun, a job of two roles, a ticker).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from newsweave import wordlists
from newsweave.brief.gazetteer import ORGANISATIONS
from newsweave.brief.name_kinds import (
    DOCUMENT_WORDS,
    ORGANISATION_WORDS,
    PLACE_WORDS,
    TITLE_HEADS,
    gazetteer_place,
    kind_of_words,
)
from newsweave.brief.name_runs import CONNECTORS, PARTICLES, Token
from newsweave.cluster.features import FUNCTION_WORDS

__all__ = [
    "BUSINESS_NOUNS",
    "cut_after_and",
    "cut_before_and",
    "glued_names",
    "goes_on",
    "headline_fragment",
    "numbered",
    "party_label",
    "party_member",
    "person_noun",
    "place_adjective",
    "shared_name",
    "state_abbreviation",
    "state_after",
    "ticker_vote",
    "two_roles",
    "unsure_extent",
]

PERSON_CUES = wordlists.words("person-cues")
ROLE_WORDS = wordlists.words("role-words")
ORG_NOUNS = wordlists.words("organisation-nouns")
BUSINESS_NOUNS = frozenset(
    {"firm", "company", "newspaper", "agency", "broadcaster", "website", "startup", "retailer"}
    | {"lender", "insurer", "carrier", "tabloid", "magazine", "regulator", "watchdog", "maker"}
)
"""Nouns right before a name that only a body is called by ("the security firm X")."""
_TICKER = re.compile(
    r"\s*\(\s*((?i:nyse|nasdaq|nsdq|amex|lse|tsx)\s*:\s*)?([A-Z]{2,5})\s*(?:\)|[-,;])"
)
"""A stock ticker after a company's name, with or without its exchange."""

_COMPASS = wordlists.words("compass-words")
_STATE_ABBREVIATIONS = wordlists.mapping("state-abbreviations")
"""A state's news-style abbreviation and the state ("Ore." = Oregon)."""
_PARTY_MEMBERS = wordlists.words("party-members")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_STATE = re.compile(
    r"\s*,\s*(?:" + "|".join(re.escape(a) for a in sorted(_STATE_ABBREVIATIONS)) + r")(?:,|\s|$)"
)


def state_after(tail: str) -> bool:
    """Whether ``tail`` opens with a US state's abbreviation ("X, Ore."): X is a town."""
    return _STATE.match(tail) is not None


def place_adjective(words: Sequence[str]) -> bool:
    """Whether ``words`` are a place's adjective ("Virginian", "West African", "Southwestern").

    The last word is a place name plus "n" / "an" / "ian", or a compass word plus "ern";
    words before it are compass words.
    """
    *head, last = words
    if any(w.casefold() not in _COMPASS for w in head):
        return False
    folded = last.casefold()
    if folded.endswith("ern") and folded[:-3] in _COMPASS:
        return True
    if not last.endswith("n") or len(last) < 5 or gazetteer_place(last) is not None:
        return False
    stems = {last[:-1], last[:-2] + "a" if last.endswith("an") else ""}
    if last.endswith("ian"):
        stems |= {last[:-3], last[:-3] + "a"}
    return any(len(stem) >= 4 and gazetteer_place(stem) is not None for stem in stems - {""})


def party_label(sentence: str, part: Sequence[Token]) -> bool:
    """A US party-and-state label after a politician's name ("D-Wash.", "R - N.C."): no name."""
    first = part[0].text
    if re.match(r"[DRI]-[A-Z]", first):
        return True
    return (
        first in {"D", "R", "I"}
        and len(part) > 1
        and sentence[part[0].end : part[1].start].strip() == "-"
    )


def cut_before_and(sentence: str, part: Sequence[Token], run: Sequence[Token]) -> bool:
    """A name with a connector inside that goes on with "and Y" ("League for X and Y …")."""
    return (
        part[-1] is run[-1]
        and re.match(r"\s+(?:and|&)\s+[A-Z]", sentence[part[-1].end :]) is not None
        and any(t.text in CONNECTORS for t in part[1:-1])
    )


def cut_after_and(sentence: str, part: Sequence[Token], run: Sequence[Token]) -> bool:
    """The second half of "Centre for X and Y Studies": a name after "and" whose first
    half had a connector inside ("Name for Word and") and could not be joined."""
    return part[0] is run[0] and (
        re.search(
            r"[A-Z][\w'’.-]*\s+(?:of|for|on)\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:and|&)\s+$",
            sentence[: part[0].start],
        )
        is not None
    )


def unsure_extent(sentence: str, part: Sequence[Token], run: Sequence[Token]) -> bool:
    """Whether ``part`` may be only a piece of a longer name that the runs cut.

    It is one word before "of Y", or it follows "X of" without being a place.
    """
    tail = sentence[part[-1].end :]
    head = sentence[: part[0].start]
    words = [t.bare for t in part]
    if gazetteer_place(" ".join(words)) is not None:
        return False
    if part[-1] is run[-1] and len(part) == 1 and re.match(r"\s+of\s+(?:the\s+)?[A-Z]", tail):
        return True
    before = re.search(r"(?:^|\s)([A-Z][\w.'’-]*)\s+of\s+(?:the\s+)?$", head)
    # "X of Y" where X is a name word, not only a sentence's first word ("Residents of Y").
    return part[0] is run[0] and before is not None and bool(head[: before.start(1)].strip())


_HEADLINE_WORDS = wordlists.words("headline-words")
"""Words a headline capitalises but a name never holds ("Is", "Their", "Into")."""


def headline_fragment(words: Sequence[str], lower: Container[str]) -> bool:
    """Whether capitalised ``words`` are a stretch of a title-case headline, not a name.

    Three or more words with a capitalised pronoun, auxiliary or short preposition
    after the first ("Mayor Has Ignored Petitions"), or four or more words with
    no organisation, place or document word of their own of which two are words the story writes
    in lower case or verb forms ("X Reopens Flooded Harbour Walkways").
    """
    if len(words) < 3:
        return False
    if any(w[:1].isupper() and w.casefold() in _HEADLINE_WORDS for w in words[1:]):
        return True
    last = words[-1].casefold()
    if len(words) < 4 or last in ORGANISATION_WORDS | PLACE_WORDS | DOCUMENT_WORDS:
        return False
    if kind_of_words(list(words)) is not None:
        return False  # "Department of Homeland Security": its own words make it a body
    ordinary = [
        w
        for w in words[1:]
        if w.casefold() not in CONNECTORS | PARTICLES | FUNCTION_WORDS
        and w.casefold() not in ORGANISATION_WORDS | PLACE_WORDS
        and (w.casefold() in lower or w.casefold().endswith(("ed", "ing")))
    ]
    return len(ordinary) >= 2


def glued_names(word: str, known: Container[str]) -> bool:
    """Whether ``word`` is two names run together by page clutter ("JonesSmith").

    The word splits where a lower-case letter meets a capital into two pieces of three
    letters or more that the story also writes as capitalised words of their own;
    a company's camel case ("NetWorks") or "McName" does not, as its pieces are
    no words of the story or too short.
    """
    word = word.strip("'’.,")
    cuts = [m.start() for m in _CAMEL.finditer(word)]
    return any(
        cut >= 3 and len(word) - cut >= 3 and word[:cut] in known and word[cut:] in known
        for cut in cuts
    )


def numbered(sentence: str, part: Sequence[Token]) -> bool:
    """One word followed by a number ("Route 9", "Section 12", "Week 3"): a designator."""
    return len(part) == 1 and re.match(r" \d", sentence[part[-1].end :]) is not None


def state_abbreviation(sentence: str, part: Sequence[Token]) -> str | None:
    """The state a news-style abbreviation after a town stands for ("X, Ore." -> Oregon)."""
    if len(part) != 1 or not re.search(r"[A-Z][\w'’.-]*\s*,\s*$", sentence[: part[0].start]):
        return None
    return _STATE_ABBREVIATIONS.get(part[0].text)


def party_member(words: Sequence[str]) -> bool:
    """A party member's noun ("Democrat", "Tory"), or one after a place ("Ohio Republican",
    "the Kent Tory said"): one person of a party, no one's name."""
    if not words or words[-1].casefold() not in _PARTY_MEMBERS:
        return False
    return len(words) == 1 or gazetteer_place(" ".join(words[:-1])) is not None


def goes_on(sentence: str, part: Sequence[Token], run: Sequence[Token]) -> bool:
    """A place word before "of Y" that did not join ("X Hall" of "X Hall of Fame")."""
    return (
        part[-1] is run[-1]
        and part[-1].bare.casefold() in PLACE_WORDS
        and re.match(r"\s+of\s+[A-Z]", sentence[part[-1].end :]) is not None
    )


def shared_name(sentence: str, part: Sequence[Token], run: Sequence[Token]) -> bool:
    """Whether ``part`` is one of two bodies written with one shared noun or first half.

    "the Fees and Dues and Senate Rivers committees": a run before a lower-case
    plural of a body's word; "the Salmon and Wetland Service" not joined: one plain word
    and a body's word right after "Word and".
    """
    tail = sentence[part[-1].end :]
    plural = re.match(r"\s+([a-z]+)s\b", tail)
    if part[-1] is run[-1] and plural and plural.group(1) in ORGANISATION_WORDS:
        return True
    head = re.search(r"(?:^|\s)([A-Z][a-z]+)\s+(?:and|&)\s+$", sentence[: part[0].start])
    return (
        part[0] is run[0]
        and len(part) == 2
        and head is not None
        and head.group(1).casefold() not in ORGANISATION_WORDS
        and gazetteer_place(head.group(1)) is None
        and part[-1].bare.casefold() in ORGANISATION_WORDS
    )


def person_noun(word: str) -> bool:
    """A noun for a person: a title, role or cue word, or an agent ending ("resident")."""
    return (
        word in TITLE_HEADS
        or word in PERSON_CUES
        or word in ROLE_WORDS
        or (
            len(word) > 4
            and word.endswith(("er", "or", "ist", "ian", "man", "woman", "ant", "ent"))
            and not word.endswith("ment")
            and word not in FUNCTION_WORDS
            and word not in PLACE_WORDS
            and word not in ORG_NOUNS
        )
    )


def two_roles(word: str) -> bool:
    """A job of two person nouns ("Actor-director", "Painter-sculptor"): a title, no name."""
    halves = word.split("-")
    return (
        len(halves) == 2
        and halves[1][:1].islower()  # "Baker-Miller" is a double surname
        and all(person_noun(h.casefold()) for h in halves)
    )


def ticker_vote(text: str, tail: str, lower: Container[str]) -> int:
    """The organisation vote of a stock ticker after ``text`` ("X (NYSE: XYZ)"), else 0.

    Only a listed company has one: with the exchange named it settles the kind; alone
    ("X (XYZ)") it may be a body's acronym too.  A dateline ("WASHINGTON (AP)"), a place
    and a word in capitals ("Good (GREAT) news") have none."""
    ticker = _TICKER.match(tail)
    if ticker is None or text.isupper() or gazetteer_place(text) is not None:
        return 0
    if ticker.group(1):
        return 10
    if ticker.group(2).casefold() in lower or ticker.group(2) in ORGANISATIONS:
        return 0  # "Jo Bloggs (AFP)": a photo credit's agency, no ticker
    return 3
