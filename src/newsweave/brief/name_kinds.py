"""What a name's own words say it is, without context: the kinds and the word lists.

The gazetteer and ISO 3166 give places (:func:`gazetteer_place`) and known bodies;
organisation words (``Ministry``, ``University``), place words (``Province``,
``Airport``) and document words (``Act``, ``Agreement``) give the kind of a
name that ends or opens with them (:func:`kind_of_words`); title words
(``President``) and demonyms (``French``, ``Uzbeks``) are no names alone.
:mod:`newsweave.brief.names`, which re-exports the public names here, reads names
in running text with them.
"""

from __future__ import annotations

import bisect
import functools

from newsweave import wordlists
from newsweave.brief.gazetteer import DEMONYMS, ORGANISATIONS, PLACE_ALIASES, PLACES
from newsweave.brief.places import is_country_demonym, is_language_adjective, iso_places

__all__ = [
    "DOCUMENT_WORDS",
    "ORGANISATION",
    "ORGANISATION_WORDS",
    "OTHER",
    "PERSON",
    "PLACE",
    "PLACE_WORDS",
    "TITLE_HEADS",
    "TITLE_WORDS",
    "gazetteer_place",
    "is_demonym",
    "is_title_word",
    "kind_of_name",
    "kind_of_words",
    "title_form",
]

PERSON, ORGANISATION, PLACE, OTHER = "person", "organisation", "place", "other"

TITLE_WORDS = wordlists.words("title-words")
# Words that end a title and start the name; the first words of a title may be a body.
TITLE_HEADS = wordlists.words("title-heads")
ORGANISATION_WORDS = wordlists.words("organisation-words")
PLACE_WORDS = wordlists.words("place-words")
DOCUMENT_WORDS = wordlists.words("document-words")


def title_form(folded: str) -> str:
    """A title without its "-designate"/"-elect" ending ("minister-designate" -> "minister")."""
    for ending in ("-designate", "-elect"):
        if folded.endswith(ending) and folded[: -len(ending)] in TITLE_WORDS:
            return folded[: -len(ending)]
    return folded


def is_title_word(word: str) -> bool:
    """Whether ``word`` is a title or office word (``President``, ``Minister-designate``)."""
    folded = word.casefold()
    return folded in TITLE_WORDS or ("-" in folded and title_form(folded) in TITLE_WORDS)


def gazetteer_place(text: str) -> str | None:
    """The place ``text`` names in the gazetteer or ISO 3166 (its usual form), else ``None``."""
    return _place_name(text)


def _place_name(text: str) -> str | None:
    canonical = PLACE_ALIASES.get(text, text)
    return canonical if canonical in PLACES or canonical in iso_places() else None


@functools.cache
def _sorted_places() -> tuple[str, ...]:
    return tuple(sorted(p for p in PLACES | iso_places() if " " not in p))


def is_place_people(word: str) -> bool:
    """A plural of the people of a place ("Texans", "Iowans", "Floridians"): no name.

    The word less "ians", "ans" or "ns" (four letters or more) starts a one-word place of
    the gazetteer or ISO 3166 that is at most two letters longer ("Texa" -> "Texas")."""
    if not (word.endswith("ns") and word[:1].isupper()):
        return False
    places = _sorted_places()
    for ending in ("ians", "ans", "ns"):
        stem = word[: -len(ending)]
        if len(stem) < 4:
            continue
        at = bisect.bisect_left(places, stem)
        while at < len(places) and places[at].startswith(stem):
            if len(places[at]) - len(stem) <= 2:
                return True
            at += 1
    return False


def is_demonym(word: str) -> bool:
    """A word of nationality or creed, singular or plural ("Arab", "Uzbeks"): no name alone."""
    halves = word.split("-")
    if len(halves) > 1 and all(h[:1].isupper() for h in halves):
        return all(is_demonym(h) for h in halves)  # "Irish-American", "Afro-Cuban"
    return (
        word in DEMONYMS
        or (word.endswith("s") and word[:-1] in DEMONYMS)
        or (is_country_demonym(word) and _place_name(word) is None)
        or is_language_adjective(word)
        or is_place_people(word)
    )


def kind_of_words(words: list[str]) -> str | None:
    """The kind a name's own words say it is, if any."""
    text = " ".join(words)
    if text in ORGANISATIONS:
        return ORGANISATION
    if _place_name(text) is not None:
        return PLACE
    folded = [w.casefold() for w in words]
    if len(words) > 1 and folded[-1] in DOCUMENT_WORDS:
        return OTHER  # "Clean Air Act", "Paris Agreement": a text, not who or where
    if any(w in ORGANISATION_WORDS for w in folded[1:]) or (
        len(words) > 1 and folded[0] in ORGANISATION_WORDS
    ):
        return ORGANISATION
    if len(words) > 1 and folded[-1] in PLACE_WORDS:
        return PLACE
    if len(words) > 2 and folded[0] in PLACE_WORDS and folded[1] == "of":
        return PLACE  # "Gulf of X", "Strait of Y"
    return None


def kind_of_name(name: str) -> str | None:
    """The kind a name's own words or the gazetteer give it, without context."""
    return kind_of_words(name.split())
