"""Names in running text without a model: capitalised runs, titles, and their context.

A *run* is a stretch of capitalised words inside one sentence ("French Finance
Minister Jane Doe", "Northern Institute for Coastal Studies").  Each run is
cut into *names* with a first guess at their kind:

* a title word (``President``, ``Prime Minister``, ``Ambassador``) marks the words
  after it as a person and the words before it as the body or country the title
  belongs to;
* organisation words (``Ministry``, ``University``, ``Party``, ``Inc``) and place
  words (``Province``, ``Airport``), or the packaged gazetteer, mark those kinds;
* the words around a run vote: ``leader X`` or ``X said`` for a person, ``the
  newspaper X`` for an organisation, ``in X`` for a place.

The entity stage adds up these votes over a whole story; the quote stage uses the
people found here to resolve "he said" to the last person named.  What a name's own
words say it is (the kinds, the word lists, the gazetteer) is in
:mod:`newsweave.brief.name_kinds`, re-exported here; the tokens, the runs and a run's
cut at its title are in :mod:`newsweave.brief.name_runs` (``known_name_words`` is
re-exported here); the votes of the words around a name are in
:mod:`newsweave.brief.name_votes`.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.gazetteer import ORGANISATIONS
from newsweave.brief.name_kinds import (
    DOCUMENT_WORDS,
    ORGANISATION,
    ORGANISATION_WORDS,
    OTHER,
    PERSON,
    PLACE,
    PLACE_WORDS,
    TITLE_HEADS,
    gazetteer_place,
    is_demonym,
    is_title_word,
    kind_of_name,
    kind_of_words,
    title_form,
)
from newsweave.brief.name_pieces import (
    glued_names,
    headline_fragment,
    numbered,
    party_member,
    person_noun,
    place_adjective,
    two_roles,
)
from newsweave.brief.name_runs import (
    CONNECTORS,
    PARTICLES,
    PARTY_ADJECTIVES,
    TITLE_MODIFIERS,
    TOKEN,
    Token,
    capitalised_runs,
    clause_opens,
    known_name_words,
    split_run,
)
from newsweave.brief.name_votes import (
    GROUPS,
    MODIFIER,
    OWNER,
    PERSON_BEFORE,
    PERSON_NOUNS_AFTER,
    ROLES,
    agent_noun,
    context_votes,
)
from newsweave.cluster.features import CALENDAR_WORDS, FUNCTION_WORDS

__all__ = [
    "MODIFIER",
    "NAME_PATTERN",
    "ORGANISATION",
    "OTHER",
    "OWNER",
    "PERSON",
    "PLACE",
    "Name",
    "find_names",
    "gazetteer_place",
    "is_demonym",
    "is_title_word",
    "kind_of_name",
    "known_name_words",
]


_UPPER = "".join(chr(c) for c in range(0x41, 0x530) if chr(c).isupper())
_NAME_WORD = rf"[{_UPPER}][\w'’.-]*"
NAME_PATTERN = rf"{_NAME_WORD}(?:\s+(?:(?:{'|'.join(sorted(PARTICLES))})\s+)?{_NAME_WORD}){{0,4}}"
"""A regular expression for a capitalised name of one to five words."""

_NOT_NAMES = wordlists.words("not-names")
_COMPASS = wordlists.words("compass-words")
_PARTY_MEMBERS = wordlists.words("party-members")
_MODIFIER = re.compile(r"-(?:based|era|born|led|backed|owned|run|style)$", re.IGNORECASE)
_CONTRACTION = re.compile(r"\w['’](?:ve|re|ll|d|m|t)$", re.IGNORECASE)
_FORMER_TITLE = re.compile(r"(?:then|ex|former)-(\w+)$", re.IGNORECASE)
_DERIVED = re.compile(r"\w-[a-z]+(?:ed|ing)$")
"""A name turned adjective ("X-aligned", "X-leaning"): a word, not the name."""
_CHAMBERS = frozenset({"senate", "assembly", "house", "congress", "legislature"})
"""A party adjective before these is no name of its own ("the Republican Senate")."""
_LEADING_PREPOSITIONS = frozenset({"in", "at", "on", "from", "near", "inside", "outside"})
_TITLE_FOR = re.compile(r"\b([A-Za-z]+)\s+(?:for|of)\s+$")
_NOUN_COMMA = re.compile(r"\b([a-z]+)\s*,\s*$")
_COMPANY_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "lp", "llp"})
"""A company's name ends with these: what follows is no part of it (a ticker, a word)."""


def _portfolio_and_name(
    sentence: str, run: list[Token], lower: Container[str]
) -> list[tuple[list[Token], str | None]] | None:
    """A title's portfolio and then a name ("Vice President for Government Relations Jo
    Bloggs", "Inspector-General of Police Jo Bloggs"): the portfolio is the run's first
    words that are common (written in lower case in the story), a body's or a title's
    word, or a plural after one of those; the two or three words after it are the
    person.  ``None`` when the run follows no "<title> for/of", has a joining word
    ("Union of X"), or has no such first word ("Governor of Ohio X": the place rules)."""
    if len(run) < 3 or any(t.text in CONNECTORS for t in run):
        return None
    office = _TITLE_FOR.search(sentence, max(0, run[0].start - 40), run[0].start)
    if office is None or office.group(1).casefold() not in TITLE_HEADS:
        return None
    cut = 0
    while cut < len(run) - 2:
        word = run[cut].bare.casefold()
        if not (
            word in lower
            or word in ORGANISATION_WORDS
            or is_title_word(word)
            or (cut and word.endswith("s"))
        ):
            break
        cut += 1
    person = run[cut:]
    if (
        not cut
        or len(person) > 3
        or any(t.bare.isupper() or t.bare.casefold() in lower for t in person)
        or kind_of_words([t.bare for t in person]) is not None
    ):
        return None
    return [(person, PERSON)]


def _common_tail(word: str) -> bool:
    """A name glued to a common noun ("Twitter-world", "Kremlin-speak"): a word, no name.

    The part after the last hyphen is a lower-case word of four letters or more that
    is no title ending: "Osman-aga" (a name and an honorific) and "Minister-elect" stay
    for the other rules."""
    head, _, tail = word.rpartition("-")
    return (
        bool(head)
        and len(tail) >= 4
        and tail.isalpha()
        and tail.islower()
        and title_form(word.casefold()) == word.casefold()
    )


def _numbered_name(
    sentence: str, part: list[Token], words: list[str], lower: Container[str]
) -> bool:
    """A name cut before its number ("Harbour School 12", "Gate B 12"): the words before
    the number are a piece of the name (a place or a body word, a common word)."""
    last = words[-1].casefold()
    return (
        len(words) > 1
        and re.match(r" \d", sentence[part[-1].end :]) is not None
        and (
            last in PLACE_WORDS
            or last in ORGANISATION_WORDS
            or last in lower
            or last in CALENDAR_WORDS
        )
    )


def _ordinary(word: str, lower: Container[str]) -> bool:
    folded = word.casefold()
    return (
        folded in lower
        or (folded.endswith("s") and folded[:-1] in lower)  # "Onlookers" of "an onlooker"
        or (folded.endswith("es") and folded[:-2] in lower)
        or (folded in GROUPS and folded.rstrip("s") not in _PARTY_MEMBERS)  # "Observers said"
        or folded in FUNCTION_WORDS
        or folded in _NOT_NAMES
        or folded.endswith(("ing", "ed", "ly"))
    )


@dataclass(frozen=True, slots=True)
class Name:
    """One name found in a sentence."""

    text: str
    start: int
    """Offset of the name in the text searched."""
    label: str
    """First guess: ``person``, ``organisation``, ``place`` or ``other``."""
    votes: tuple[tuple[str, int], ...]
    """Evidence for each label from the words around this mention."""
    sentence_initial: bool = False
    """The name's first word opens the sentence, so its capital proves nothing."""


def _vote(votes: dict[str, int], label: str, weight: int) -> None:
    votes[label] = votes.get(label, 0) + weight


def find_names(
    sentence: str,
    *,
    offset: int = 0,
    known: Container[str] | None = None,
    lower: Container[str] = frozenset(),
) -> list[Name]:
    """The names in ``sentence`` with their first-guess kind and the evidence for it.

    ``known`` holds words seen capitalised inside sentences elsewhere and ``lower``
    words seen in lower case: a sentence's first word that is not among ``known``
    but looks like an ordinary word (seen in lower case, a function word, an
    ``-ing``/``-ed``/``-ly`` form) is left out of the name ("Despite", "Experts").
    """
    found: list[Name] = []
    first_word = TOKEN.search(sentence)
    first_start = first_word.start() if first_word else -1

    def opens(start: int) -> bool:
        """A word opening the sentence or a clause (:func:`clause_opens`)."""
        return start == first_start or clause_opens(sentence[:start])

    for run, before, after in capitalised_runs(sentence, lower):
        if known is not None and run[0].start == first_start and run[0].bare not in known:
            head = run[0].bare
            if (
                len(run) >= 3
                and (head.casefold() in PERSON_BEFORE | ROLES or agent_noun(head.casefold()))
                and not is_title_word(head)
            ):
                # "Economist Jo Bloggs said": a person's noun opening the sentence is
                # the cue before the name ("economist Jo Bloggs"), no word of it
                before, run = run[0], run[1:]
            elif (
                kind_of_words([head]) is None
                and not is_demonym(head)
                and not is_title_word(head)
                and _ordinary(head, lower)
            ):
                # an opening "The" stays the word before: "The X Y said" is a body's name
                before = run[0] if head == "The" else None
                run = run[1:]
                if not run:
                    continue
        after_the = (
            before is not None
            and before.text.casefold() == "the"
            and not sentence[before.end : run[0].start].strip()
        )
        # "the attorney, Mary Anne Wiley, said": a name after a person's noun and a comma
        # is one person's, even when its first word is also a place
        noun = (
            _NOUN_COMMA.search(sentence, max(0, run[0].start - 40), run[0].start)
            if sentence[: run[0].start].rstrip().endswith(",")
            else None
        )
        after_person = noun is not None and person_noun(noun.group(1))
        for part, forced in _portfolio_and_name(sentence, run, lower) or split_run(
            run, lower, determined=after_the or after_person
        ):
            # "In X County", "Labor-dominated X": a preposition or a derived
            # adjective opening the run is never part of the name.
            while len(part) > 1 and (
                part[0].text.casefold() in _LEADING_PREPOSITIONS
                or _DERIVED.search(part[0].bare) is not None
                or two_roles(part[0].bare)
                or _FORMER_TITLE.match(part[0].bare) is not None  # "Then-Speaker X"
            ):
                part = part[1:]
            # "the Democratic Senate": a party adjective and a chamber are no name
            if (
                len(part) == 2
                and part[0].bare.casefold() in PARTY_ADJECTIVES
                and part[1].bare.casefold() in _CHAMBERS
            ):
                part = part[1:]
            if part and place_adjective([t.bare for t in part]):
                continue  # "West African", "Virginian", "Southwestern": adjectives
            # "South African X Y": a demonym of two words before a name is no part of it
            if len(part) > 3 and part[0].bare.casefold() in _COMPASS and is_demonym(part[1].bare):
                part = part[2:]
            # Drop leading demonyms, connectors and calendar words: "French", "Despite".
            while part and (
                is_demonym(part[0].bare)
                or part[0].bare.casefold() in _NOT_NAMES
                or part[0].bare.casefold() in CALENDAR_WORDS
            ):
                if forced is None and kind_of_words([t.bare for t in part]) is not None:
                    break
                if (
                    len(part) > 1
                    and part[0].bare.casefold() in _COMPASS
                    and gazetteer_place(" ".join(t.bare for t in part[1:])) is not None
                ):
                    break  # "Northern X", "Western Y": a capitalised region or a school's name
                if (
                    len(part) > 3
                    and is_demonym(part[0].bare)
                    and part[1].bare.casefold() in PLACE_WORDS | ORGANISATION_WORDS
                    and part[2].text == "of"
                ):
                    break  # "Ardish Academy of X": the adjective is the name's, no "Academy of X"
                part = part[1:]
            while part and part[-1].text.casefold() in CONNECTORS | PARTICLES:
                part = part[:-1]
            # "Jo Bloggs Joseph (Jo) Bloggs" of page links: the second copy starts at the
            # word before a bracketed word of the name
            echo = re.match(r"\s*\(([A-Z][\w'’-]*)\)", sentence[part[-1].end :]) if part else None
            if echo and len(part) > 2 and echo.group(1) in {t.bare for t in part[:-1]}:
                part = part[:-1]
            while part and part[0].text in {"and", "&"}:
                part = part[1:]
            # A sentence's "The" before a body or place ("The Interior Department").
            if (
                len(part) > 1
                and part[0].text == "The"
                and part[0].start == first_start
                and kind_of_words([t.bare for t in part[1:]]) in (ORGANISATION, PLACE)
            ):
                part = part[1:]
            # "Soviet-era X", "London-based X": the modifier is not part of X's name.
            while len(part) > 1 and _MODIFIER.search(part[0].bare):
                part = part[1:]
            # "Senate Democratic leader X": the party adjective goes with the title.
            if (
                part
                and part[-1] is run[-1]
                and after is not None
                and after.text.casefold() in PERSON_NOUNS_AFTER
            ):
                while len(part) > 1 and part[-1].bare.casefold() in TITLE_MODIFIERS:
                    part = part[:-1]
            # "X Inc. XYZ": a ticker after the company's suffix; "LLC Y": a suffix before.
            while part and part[0].bare.rstrip(".").casefold() in _COMPANY_SUFFIXES:
                part = part[1:]
            for at, token in enumerate(part[:-1]):
                if token.bare.rstrip(".").casefold() in _COMPANY_SUFFIXES:
                    part = part[: at + 1]
                    break
            # "A Detroit paper": the article opens the sentence, it is no initial;
            # "WATCHED Does X": a label's verb in capitals before title case is no name's.
            while len(part) > 1 and (
                part[0].text in {"A", "An"}
                or (
                    part[0].bare.isupper()
                    and not part[1].bare.isupper()
                    and _ordinary(part[0].bare, lower)
                )
            ):
                part = part[1:]
            if not part:
                continue
            words = [t.text if t.possessive and t is not part[-1] else t.bare for t in part]
            if (
                _CONTRACTION.search(words[-1])
                or _MODIFIER.search(words[-1])
                or words[-1].casefold() in {"no", "number"}
                or (len(words) == 1 and re.fullmatch(r"[A-Z]{2,}s", words[0]) is not None)
            ):
                continue  # "They've"; "X-based": an adjective; "Bidder No. 12"; "CEOs", "MPs"
            if len(words) == 1 and (
                _DERIVED.search(words[0]) is not None
                or _common_tail(words[0])
                or (words[0].casefold() in ORGANISATION_WORDS and words[0] not in ORGANISATIONS)
                or words[0].casefold() in DOCUMENT_WORDS
                or (
                    # "117th Street", "the Park": a piece of a name ("Hall" alone: a surname)
                    words[0].casefold() in PLACE_WORDS
                    and part[0] is run[0]
                    and before is not None
                    and (before.text[0].isdigit() or before.text.casefold() == "the")
                )
                or words[0].casefold() in FUNCTION_WORDS
                or words[0].casefold() in CALENDAR_WORDS
                or is_demonym(words[0])
                or is_title_word(words[0])
                or words[0].casefold() in TITLE_MODIFIERS  # "Senior officials said"
                or len(words[0]) < 2
                or (
                    numbered(sentence, part)
                    and gazetteer_place(words[0]) is None
                    and words[0] not in ORGANISATIONS
                )
            ):
                continue
            text = " ".join(words)
            if (
                len(words) == 2
                and (words[0].casefold() in DOCUMENT_WORDS or words[0] in {"Title", "Section"})
                and re.fullmatch(r"[IVXLC]+", words[1]) is not None
            ):
                continue  # "Title IV", "Amendment IV": a part of a law, no name
            if _numbered_name(sentence, part, words, lower):
                continue  # "Harbour School 12": the words before the number are a piece
            if (
                headline_fragment(words, lower)
                or party_member(words)
                or sentence[: part[0].start].endswith("@")  # a handle: "@JoBloggs"
                or (known is not None and any(glued_names(t.bare, known) for t in part))
            ):
                found.append(Name(text, offset + part[0].start, OTHER, (), False))
                continue
            own_votes: dict[str, int] = {}
            own = kind_of_words(words)
            if own == OTHER:
                found.append(Name(text, offset + part[0].start, OTHER, (), opens(part[0].start)))
                continue
            if own is not None:
                # A place word ends surnames too ("Priya Hall"): weaker than the gazetteer.
                weak = own == PLACE and gazetteer_place(text) is None
                _vote(own_votes, own, 3 if weak else 5)
            votes = dict(own_votes)
            verdict = context_votes(sentence, run, part, before, after, words, own, forced, lower)
            if verdict is None:
                continue
            if verdict.state is not None:
                # "X, Mo., who …": the state, whatever follows, under its own name
                found.append(Name(verdict.state, offset + part[0].start, PLACE, ((PLACE, 6),)))
                continue
            if verdict.piece:
                # A piece of a longer name the runs could not join ("Society for
                # Rivers and Lakes of …", "Union of Northern Harbour Towns").
                found.append(Name(text, offset + part[0].start, OTHER, (), opens(part[0].start)))
                continue
            for label, weight in verdict.votes.items():
                _vote(votes, label, weight)
            kinds = {k: v for k, v in votes.items() if k not in (MODIFIER, OWNER)}
            label = max(kinds, key=lambda k: kinds[k]) if kinds else OTHER
            if (
                label == PLACE
                and own is None
                and len(words) > 1
                and words[-1].casefold() in lower
                and gazetteer_place(" ".join(words[:-1])) is not None
            ):
                # "the X Crisis", "an X Referendum": a place and a common noun
                found.append(Name(text, offset + part[0].start, OTHER, (), opens(part[0].start)))
                continue
            if label == PLACE and own != PLACE:
                canonical = None
            else:
                canonical = gazetteer_place(text) if label == PLACE else None
            found.append(
                Name(
                    text=canonical or text,
                    start=offset + part[0].start,
                    label=label,
                    votes=tuple(sorted(votes.items())),
                    sentence_initial=opens(part[0].start),
                )
            )
    return found
