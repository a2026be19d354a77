"""A speaker's name read off a phrase: titles and role words dropped, the name that ends it.

:func:`name_at_end` answers whether a phrase (the subject before a reporting verb,
the words after "said") ends in one name, and which: not a place, not the end of
a list or of a longer name, not the object of a preposition.  :func:`strip_titles`
drops the titles, role words, initials of a body and party words before a name.
The quote-speaker rules (:mod:`newsweave.brief.quote_speakers`,
:mod:`newsweave.brief.quote_verb_subject`) and :mod:`newsweave.brief.quote_subject`
read speakers with them.
"""

from __future__ import annotations

import re
from collections.abc import Container

from newsweave import wordlists
from newsweave.brief.names import ORGANISATION, OTHER, PERSON, PLACE, find_names, is_title_word

__all__ = [
    "PREPOSITIONS",
    "ROLE_WORDS",
    "name_at_end",
    "people_named",
    "strip_title_words",
    "strip_titles",
]

ROLE_WORDS = wordlists.words("role-words")
_ACRONYM = re.compile(r"[A-Z]{3,}")
_PARTY_WORDS = frozenset({"democrat", "republican", "libertarian"})
_ORG_WORDS = wordlists.words("organisation-words")
_AFTER_PLACE = re.compile(r"\b(?P<prep>\w+)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2},\s*$")
_JOINED = re.compile(r"[A-Z][\w.'’-]*,?\s+(?:and|&|or)\s+$")
_OFFICE_OF = re.compile(
    r"(?:^|\s)(?P<title>[A-Z][a-z]+)\s+of\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)??"
    r"\s+(?P<name>[A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w'’-]*)$"
)
PREPOSITIONS = frozenset(
    {
        *("of", "to", "for", "from", "at", "in", "on", "with", "by", "about", "near"),
        *("against", "toward", "towards", "into", "onto", "over", "under", "like", "than"),
        *("within", "without", "inside", "outside", "around", "among", "between"),
        *("behind", "beyond"),
    }
)


def strip_title_words(words: list[str]) -> list[str]:
    """``words`` without the titles and role words that open them (possibly none left).

    A title word that ends the words after a first name is a surname ("Rep. Jo King"
    is Jo King), not a title."""
    titles = [
        i for i, w in enumerate(words) if is_title_word(w) or w.casefold().strip(".,") in ROLE_WORDS
    ]
    if (
        titles
        and titles[-1] == len(words) - 1
        and len(words) > 1
        and is_title_word(words[-1])
        and words[-1].casefold().strip(".,") not in ROLE_WORDS
        and _first_name(words[-2])
    ):
        titles.pop()
    last_title = max(titles, default=-1)
    words = words[last_title + 1 :]
    # An organisation's initials glued to a name ("the BBC Jo Bloggs") are not the
    # person's: no first name is written in capitals of three letters or more.
    while len(words) > 1 and _ACRONYM.fullmatch(words[0]):
        words = words[1:]
    # "Democrat Jo Bloggs": a party word before a name is a description, as a title is.
    # Not a body's name ("Republican Party of X", "Republican National Committee").
    while (
        len(words) > 2
        and words[0].casefold() in _PARTY_WORDS
        and all(w[:1].isupper() and w.casefold() not in _ORG_WORDS for w in words[1:])
    ):
        words = words[1:]
    return words


_DEMONYMS = wordlists.words("demonyms")


def _first_name(word: str) -> bool:
    """Whether ``word`` may be a first name before a surname: a capitalised word that is
    no title, role, initials, possessor or people's name ("Saudi King" is a title)."""
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word.isalpha()
        and not is_title_word(word)
        and word.casefold() not in ROLE_WORDS
        and word not in _DEMONYMS
        and word.casefold() not in _PARTY_WORDS
        and word.casefold() not in _ORG_WORDS
    )


def strip_titles(name: str) -> str:
    """``name`` without the titles and role words before it ("Sgt. Jo Bloggs" -> "Jo Bloggs")."""
    return " ".join(strip_title_words(name.split())) or name


def _after_opening(before: str, name: str) -> bool:
    """Whether ``before`` is an opening phrase of its sentence ("On Sunday,", "At a fair
    in Dorset,") so that the name after its comma is the subject, not a place's region
    ("the embassy in Springfield, IL")."""
    words = before.split()
    return (
        bool(words)
        and words[0].casefold() in PREPOSITIONS
        and words[0][:1].isupper()
        and before.count(",") == 1
        and not re.fullmatch(r"[A-Z.]{1,4}", name)
    )


def name_at_end(
    phrase: str, *, known: Container[str] | None = None, lower: Container[str] = frozenset()
) -> str | None:
    """The name that ends ``phrase`` (titles before it dropped), ``None`` if it ends otherwise."""
    text = phrase.rstrip(" ,")
    if not text:
        return None
    # "Secretary of State Jo Bloggs", "Minister of Health Jo Q. Bloggs": an office
    # "Title of Department" before a name (the department is no part of the name, and
    # its "of" no preposition the name is the object of).
    office = _OFFICE_OF.search(text)
    if office is not None and is_title_word(office.group("title")):
        return office.group("name")
    names = find_names(text, known=known, lower=lower)
    if not names:
        return None
    last = names[-1]
    tail = text[last.start :]
    # The name must be the phrase's last words ("…local shop owner" is no name).
    last_word = last.text.split()[-1]
    if not tail.rstrip(".").endswith(last_word.rstrip(".")) and not re.sub(
        r"\.", "", tail
    ).endswith(re.sub(r"\.", "", last_word)):
        return None
    if last.label == PLACE:
        return None
    # "A Town Republican said" (the name right after "a"): an indefinite description;
    # "a North Town Democrat", the place read as a name of its own, too.
    lead = text[: last.start]
    if (
        len(names) > 1
        and names[-2].label == PLACE
        and not lead[names[-2].start :].replace(names[-2].text, "", 1).strip()
    ):
        lead = text[: names[-2].start]
    if re.fullmatch(r"[Aa]n?\s+", lead):
        return None
    # "Jo Bloggs and Ned Marsh", "the Board of Harbour Works and Safety": the end of a
    # list or of a longer name is no one subject (an organisation's name ending the
    # phrase, "… Parks and Harbours Service", is still that organisation).
    if last.label != ORGANISATION and _JOINED.search(text[: last.start]):
        return None
    # "the embassy in Springfield, IL": a place's region after the place, not a name.
    placed = _AFTER_PLACE.search(text[: last.start])
    if (
        placed is not None
        and placed.group("prep").casefold() in PREPOSITIONS
        and not _after_opening(text[: last.start], last.text)
    ):
        return None
    # "one Republican close to the White House", "a spokesman for X", "said of X": a
    # name after a preposition is its object, never the head of the subject phrase.
    before = text[: last.start].split()
    while before and (
        before[-1].casefold() in {"the", "a", "an"}
        or is_title_word(before[-1])
        or before[-1].casefold().strip(".,") in ROLE_WORDS
    ):
        before.pop()
    # "a chemist by the name of Jo Bloggs": the name the phrase gives, not an object.
    named_as = " ".join(before[-3:]).casefold() == "the name of"
    if before and before[-1].casefold() in PREPOSITIONS and not named_as:
        return None
    words = strip_title_words(tail.split())
    if not words:
        return None
    return " ".join(words).strip(" ,.")


def people_named(
    text: str, *, known: set[str], lower: set[str], person_words: Container[str]
) -> list[str]:
    """The distinct people ``text`` names, titles stripped, in order: names read as a
    person's here or, for a name of no clear kind ("Bloggs"), whose last word is a word
    of a person's name elsewhere (``person_words``); a name sharing a word with one
    already found is the same person."""
    found: list[str] = []
    for name in find_names(text, known=known, lower=lower):
        words = strip_titles(name.text).split()
        person = name.label == PERSON or (
            name.label == OTHER and bool(words) and words[-1] in person_words
        )
        if person and not any(set(words) & set(p.split()) for p in found):
            found.append(" ".join(words))
    return found
