"""Capitalised runs: a sentence's tokens, its runs of capitalised words, a run's cut at its title.

:mod:`newsweave.brief.names` reads each run's pieces as names and votes on their
kinds; here a sentence becomes tokens, the tokens become runs ("French Finance
Minister Jane Doe", "Coast and Moorland Service"), and a run is cut where a title
parts a body or country from a person, or where a place or a known body is glued
to a following name.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.gazetteer import ORGANISATIONS
from newsweave.brief.name_kinds import (
    ORGANISATION,
    ORGANISATION_WORDS,
    PERSON,
    PLACE,
    PLACE_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
    gazetteer_place,
    is_title_word,
    kind_of_words,
    title_form,
)
from newsweave.cluster.features import CALENDAR_WORDS

__all__ = [
    "CONNECTORS",
    "PARTICLES",
    "PARTY_ADJECTIVES",
    "TITLE_MODIFIERS",
    "TOKEN",
    "Token",
    "capitalised_runs",
    "clause_opens",
    "known_name_words",
    "split_run",
]

PARTICLES = wordlists.words("name-particles")
"""Lower-case words inside a name ("van", "de")."""
TOKEN = re.compile(r"[^\W_](?:[\w'’.&-]*[\w])?\.?")
"""A word: letters or digits, inner apostrophes, dots, hyphens and "&", a final dot."""
CONNECTORS = frozenset({"of", "for", "on"})
"""Lower-case words that join two capitalised halves of one name ("Ministry of X")."""
TITLE_MODIFIERS = frozenset(
    {
        "minority",
        "majority",
        "ranking",
        "acting",
        "assistant",
        "democratic",
        "republican",
        "executive",
        "senior",
        "managing",
    }
)
"""Words before a title that belong to it, not to the body ("Senate Minority Leader")."""
_PORTFOLIOS = TITLE_MODIFIERS | {"press", "communications", "district"}
"""… and portfolios before a title ("Press Secretary", "Communications Director",
"District Judge")."""
PARTY_ADJECTIVES = frozenset({"democratic", "republican"})
_UI_WORDS = wordlists.words("ui-words") | wordlists.words("html-ui-words")
_AREA_WORDS = wordlists.vocab(
    "gulf bay sea strait ocean island islands lake river mountains province county city"
    " district state territory coast peninsula region"
)
"""Place words that take "of" inside a name ("Gulf of X"); not buildings ("Hall of Fame")."""


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a sentence and its offsets in it."""

    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        """The word without a possessive ending or a sentence-final dot."""
        word = self.text
        if word.endswith(".") and not _is_dotted(word):
            word = word[:-1]  # "… than Norway's." ends a sentence: the dot, then the 's
        for suffix in ("'s", "’s", "s'", "s’"):
            if word.endswith(suffix) and len(word) > len(suffix):
                return word[: -len(suffix) + (1 if suffix.startswith("s") else 0)]
        return word

    @property
    def possessive(self) -> bool:
        return self.text.rstrip(".").endswith(("'s", "’s", "s'", "s’"))

    @property
    def capitalised(self) -> bool:
        # "al-Abadi", "el-Sisi": a surname after the Arabic article is a name's word
        return self.text[0].isupper() or (
            self.text[2:3] == "-" and _ARTICLE_SURNAME.match(self.text) is not None
        )


_ARTICLE_SURNAME = re.compile(r"(?:al|el)-[A-Z]")
_PREFIXED = re.compile(r"(?:then|ex|former|pro|anti|non|post|pre)-(?=[A-Z])")
"""A lower-case prefix glued to a name ("then-National X Council", "pro-X"): not the name's."""


def _tokens(sentence: str) -> list[Token]:
    """The words of ``sentence``; a prefix like "then-" is cut off the name it is glued to."""
    tokens: list[Token] = []
    for m in TOKEN.finditer(sentence):
        text = m.group()
        prefix = _PREFIXED.match(text) if text[0].islower() and "-" in text else None
        cut = prefix.end() if prefix else 0
        tokens.append(Token(text[cut:], m.start() + cut, m.end()))
    return tokens


def _is_dotted(word: str) -> bool:
    """``U.S.``, ``Mr.``, ``Inc.``: a dot that belongs to the word."""
    core = word.rstrip(".")
    if "." in core and all(len(part) <= 2 for part in core.split(".")):
        return True
    return core.casefold() in {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "corp", "co"}


def capitalised_runs(
    sentence: str, lower: Container[str] = frozenset()
) -> Iterator[tuple[list[Token], Token | None, Token | None]]:
    """Capitalised runs with the token before and after each."""
    tokens = _tokens(sentence)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not token.capitalised or _shouted(token, lower):
            index += 1
            continue
        run = [token]
        last = index
        while (
            not run[-1].possessive or _body_possessive(run[-1], tokens, last, lower)
        ) and last + 1 < len(tokens):
            gap = sentence[run[-1].end : tokens[last + 1].start]
            following = tokens[last + 1]
            if gap.strip() == "&" and following.capitalised and not run[-1].possessive:
                # "Smith & Jones", "Herald & Courier": an ampersand joins one name
                at = run[-1].end + gap.index("&")
                run.extend((Token("&", at, at + 1), following))
                last += 1
                continue
            if gap.strip() not in {"", "-"}:
                break
            if following.capitalised and not _shouted(following, lower):
                run.append(following)
                last += 1
                continue
            joins = (
                following.text in CONNECTORS | PARTICLES
                and last + 2 < len(tokens)
                and tokens[last + 2].capitalised
                and not sentence[following.end : tokens[last + 2].start].strip()
                and (
                    following.text in PARTICLES
                    or _body_ends_run(run)
                    # "Gulf of X", "City of Y": a land or water word names the place with "of"
                    or (following.text == "of" and run[-1].bare.casefold() in _AREA_WORDS)
                )
            )
            if not joins and following.text in {"and", "&"}:
                joins = _and_joins_organisation(sentence, tokens, run, last + 2)
            if not joins:
                break
            run.extend((following, tokens[last + 2]))
            last += 2
        before = tokens[index - 1] if index > 0 else None
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        yield run, before, after
        index = last + 1


def _shouted(token: Token, lower: Container[str]) -> bool:
    """An ordinary word in capitals ("WATCH", "MORE" of page links): it joins no run.

    Four letters or more, all capitals, written in lower case elsewhere in the story
    or a page's link word ("WATCH"); an acronym ("NATO") is neither.
    """
    word = token.bare
    return (
        len(word) >= 4
        and word.isalpha()
        and word.isupper()
        and (word.casefold() in lower or word.casefold() in _UI_WORDS)
    )


def _body_ends_run(run: list[Token]) -> bool:
    """Whether ``run`` holds a body's word after its last title ("Ministry" in "Ministry
    of X"): "Senate Minority Leader Jo Bloggs of Springfield" is a person from a place,
    the body before the title no part of it."""
    words = [t.bare.casefold() for t in run]
    last_title = max((i for i, w in enumerate(words) if w in TITLE_HEADS), default=-1)
    return any(w in ORGANISATION_WORDS for w in words[last_title + 1 :])


def _body_possessive(token: Token, tokens: list[Token], at: int, lower: Container[str]) -> bool:
    """A possessive common noun inside a body's name ("People's Party", "Children's Home")."""
    return (
        token.bare.casefold() in lower
        and at + 1 < len(tokens)
        and tokens[at + 1].capitalised
        and tokens[at + 1].bare.casefold() in ORGANISATION_WORDS
    )


def _and_joins_organisation(
    sentence: str, tokens: list[Token], run: list[Token], after: int
) -> bool:
    """Whether "and" joins two halves of one organisation's name ("Coast and Moorland Service").

    It does when the capitalised words after it end with an organisation word and
    the run before it does not end with one (two bodies "X Office and Y Office"
    stay two).
    """
    if run[-1].bare.casefold() in ORGANISATION_WORDS or after >= len(tokens):
        return False
    # The first half is one or two plain words ("Salmon", "National Coastal"), not a
    # name of its own: no place ("U.S. and X"), no "of" inside ("Friends of X and Y").
    # A country's dotted initials or "The" before plain words are the body's ("the U.K.
    # Salmon and Wetland Office", "The National Coastal and Tidal Administration").
    while len(run) > 1 and (
        run[0].text == "The" or (_is_dotted(run[0].text) and gazetteer_place(run[0].bare))
    ):
        run = run[1:]
    if len(run) > 2 or any(
        gazetteer_place(t.bare) is not None or is_title_word(t.bare) for t in run
    ):
        return False
    gap = sentence[tokens[after - 1].end : tokens[after].start]
    if not tokens[after].capitalised or gap.strip() or tokens[after].text == "The":
        return False  # "Jo Bloggs and The Daily Courier": a second name, with its article
    end = after
    while (
        end + 1 < len(tokens)
        and tokens[end + 1].capitalised
        and not tokens[end].possessive
        and not sentence[tokens[end].end : tokens[end + 1].start].strip()
    ):
        end += 1
    if end + 1 < len(tokens) and tokens[end + 1].text in CONNECTORS:
        return False  # "Y Center for Z": the name goes on, and the join is unsure
    if end == after or (len(run) == 1 and run[0].bare.endswith("s")):
        return False  # "House and Senate", "Trustees and County Board": two bodies
    return tokens[end].bare.casefold() in ORGANISATION_WORDS


def _portfolio_cut(body: list[Token]) -> list[Token]:
    """The body before a title without the portfolio between them: "White House Press
    Secretary X" is the White House's, "Acme Government Relations Director X" Acme's.

    The longest first words that are a body or a place by themselves are kept when
    the words after them are none (a portfolio names no body of its own)."""
    words = [t.bare for t in body]
    for cut in range(len(body) - 1, 0, -1):
        head = " ".join(words[:cut])
        rest = words[cut:]
        if (
            (kind_of_words(words[:cut]) in (ORGANISATION, PLACE) or head in ORGANISATIONS)
            and not any(w.casefold() in ORGANISATION_WORDS | PLACE_WORDS for w in rest)
            and gazetteer_place(" ".join(rest)) is None
        ):
            return body[:cut]
    return body


def _in_title(folded: list[str], at: int, head: int) -> bool:
    """Whether the word at ``at``, before the title head at ``head``, is the title's: a title
    word, a portfolio ("Press Secretary"), a participle right before the head ("Prosecuting
    Attorney") or a place word after a title word ("Deputy City Attorney")."""
    word = folded[at]
    return (
        word in TITLE_WORDS
        or word in _PORTFOLIOS
        or (at == head - 1 and word.endswith("ing") and len(word) > 5)
        or (word in PLACE_WORDS and at > 0 and folded[at - 1] in TITLE_WORDS)
    )


def _without_days(words: list[str]) -> list[str]:
    """``words`` without the weekdays and other calendar words that end them."""
    end = len(words)
    while end > 1 and words[end - 1].casefold() in CALENDAR_WORDS:
        end -= 1
    return words[:end]


def split_run(
    run: list[Token], lower: Container[str] = frozenset(), *, determined: bool = False
) -> list[tuple[list[Token], str | None]]:
    """Cut a run at its title: (body or country before, None), (person after, person).

    ``lower`` holds the story's words seen in lower case; ``determined`` says the
    context makes the run one name ("the" right before it, or a person's noun and a
    comma), so no place is cut off its start."""
    words = [t.bare for t in run]
    folded = [w.casefold() for w in words]
    folded = [title_form(w) if "-" in w else w for w in folded]
    heads = [i for i, w in enumerate(folded) if w in TITLE_HEADS]
    if heads:
        end = heads[-1]
        if (
            end + 1 < len(run)
            and all(w not in TITLE_WORDS for w in folded[end + 1 :])
            and kind_of_words(words[end + 1 :]) != ORGANISATION
        ):
            start = end
            while start > 0 and _in_title(folded, start - 1, end):
                start -= 1
            parts: list[tuple[list[Token], str | None]] = []
            if start > 0:
                body = run[:start]
                # "Democratic House Minority Leader X": the party adjective is the title's
                while len(body) > 1 and body[0].bare.casefold() in PARTY_ADJECTIVES:
                    body = body[1:]
                parts.extend(split_run(_portfolio_cut(body), lower, determined=determined))
            person = run[end + 1 :]
            # "Leader Jo Bloggs of Town": the person's home town or employer is no part of the name
            cut = next(
                (i for i, t in enumerate(person) if i > 0 and t.text in CONNECTORS), len(person)
            )
            parts.append((person[:cut], PERSON))
            if cut + 1 < len(person):
                parts.append((person[cut + 1 :], None))
            return parts
        if all(w in TITLE_WORDS for w in folded):
            return []
        if end == len(run) - 1:
            # "the Northvale Police Assistant Commissioner, Jo Bloggs, said": the title
            # ends the run and names no one; the body before it is the name.
            start = end
            while start > 0 and _in_title(folded, start - 1, end):
                start -= 1
            body_kind = kind_of_words(words[:start]) if start > 0 else None
            if not any(w in CONNECTORS for w in folded[:start]) and (
                body_kind in (ORGANISATION, PLACE) or end > start
            ):
                if start == 0:
                    return []
                body = _portfolio_cut(run[:start])
                return split_run(body, lower, determined=determined)
    # A place glued to a following name ("South Africa John Roe").
    # One word after one place word is a first name and a surname ("Jordan Ellery").
    # Not after "the" ("the Ruritania Road Patrol"), nor before words the story also
    # writes in lower case ("Ruritania Glass Works"): a name of its own begins with the place.
    for cut in range(min(3, len(run) - 1), 0, -1):
        if (
            not determined
            and gazetteer_place(" ".join(words[:cut])) is not None
            and run[cut].text not in CONNECTORS  # "Gulf of X" is one name
            and kind_of_words(words) is None
            # ("X State Friday": the weekday is no word of the name)
            and kind_of_words(_without_days(words)) is None
            and (len(run) - cut > 1 or cut > 1)
            and not all(w.casefold() in lower for w in words[cut:])
        ):
            return [(run[:cut], PLACE), *split_run(run[cut:], lower)]
        # A known body glued to a full name ("… to the Northern Union Jo Bloggs").
        if (
            " ".join(words[:cut]) in ORGANISATIONS
            and len(run) - cut in (2, 3)
            and kind_of_words(words[cut:]) is None
        ):
            return [(run[:cut], ORGANISATION), *split_run(run[cut:], lower)]
    return [(run, None)]


_LOWER_LETTER = re.compile(r"[a-z]")
_KICKER = re.compile(r"\W*(?:[A-Z]{2,}\W+)+")
"""Words in capitals opening a sentence ("JUST WATCHED", "UPDATE:"): a label, not the text."""


def _after_opening_mark(sentence: str, start: int) -> bool:
    """Whether the word at ``start`` follows a colon or an opening quotation mark."""
    at = start - 1
    while at >= 0 and sentence[at].isspace():
        at -= 1
    if at < 0:
        return False
    mark = sentence[at]
    return mark in ":“" or (mark == '"' and (at == 0 or sentence[at - 1].isspace()))


def clause_opens(before: str) -> bool:
    """Whether a word after ``before`` (its sentence so far) opens a clause like a
    sentence's first word: after a colon ("Relax: Longtime X"), an opening quotation mark
    ('calling on them to "Join X'), or a label in capitals ("JUST WATCHED Does X")."""
    return _after_opening_mark(before, len(before)) or (
        _LOWER_LETTER.search(before) is None and _KICKER.fullmatch(before) is not None
    )


_PARTICLE_NAME = re.compile(r"[a-z]{1,3}-[A-Z][a-z]")
"""A lower-case particle joined to a capitalised surname ("al-Maliki", "el-Sisi")."""


def known_name_words(sentences: Iterable[str]) -> tuple[set[str], set[str]]:
    """Words seen capitalised after a sentence's (or a colon's clause's) first word, and
    words seen in lower case."""
    known: set[str] = set()
    lower: set[str] = set()
    for sentence in sentences:
        tokens = _tokens(sentence)
        label = True  # every word so far in capitals ("JUST WATCHED"): a label
        for number, token in enumerate(tokens):
            bare = token.bare
            if bare[:1].islower() and _PARTICLE_NAME.match(bare):
                # "Nouri al-Maliki": a particle joined to a surname is a name word, in
                # either case ("Al-Maliki, however, …" opens a sentence with it).
                known.add(bare)
                known.add(bare[:1].upper() + bare[1:])
            elif token.capitalised:
                if number and not label and not _after_opening_mark(sentence, token.start):
                    known.add(bare)
            else:
                lower.add(bare.casefold())
            label = label and len(token.text) > 1 and token.text.isupper()
    return known, lower
