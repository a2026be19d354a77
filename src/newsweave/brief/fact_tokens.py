"""The token layer of the support judge's sentence reading (:mod:`newsweave.brief.facts`):
tokenising (numbers, clock times, glued units, words), the light stemmer, the scope
of a negation, planning word or hedge over the tokens after it, and the attribution
frame at either end of a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from newsweave import wordlists
from newsweave.text import MONTHS, STOPWORDS, WEEKDAYS

if TYPE_CHECKING:
    from newsweave.brief.facts import SupportWords

__all__ = [
    "SCOPE",
    "Token",
    "attribution_frame",
    "clock_minutes",
    "event_verbs",
    "label_number",
    "scoped",
    "stem",
    "tokenise",
]


SCOPE = 4
"""Content words after a negation, planning word or hedge that it governs."""


_TOKEN = re.compile(
    r"(?P<time>\b[012]?\d:[0-5]\d\s*(?:[ap]\.?\s?m\b\.?)?)"
    r"|(?P<glued>\d+[^\W\d_]+)"
    r"|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<mark>[%$€£])"
    r"|(?P<paren>[()])",
)


_GLUED = re.compile(r"(\d+)([^\W\d_]+)")


# Tokenised copy sometimes spaces numbers apart: "7, 312", "9: 40", "p. m.".
_SPACED_THOUSANDS = re.compile(r"(?<=\d),\s?(?=\d{3}\b)")


_SPACED_CLOCK = re.compile(r"(?<=\d):\s(?=[0-5]\d\b)")


_MERIDIEM = re.compile(r"\b([ap])\.\s?m\b\.?", re.I)


_SPACED_NOT = re.compile(r"(?<=\w)n\s?['’]\s?t\b")


@cache
def _irregular() -> dict[str, str]:
    return wordlists.mapping("support-irregular-verbs")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix fold: "officials" / "official", "charged" / "charges", "overturning".

    Irregular past forms fold to their verb first ("fell" / "fall", "taken" / "take").
    """
    word = _irregular().get(word, word)
    for suffix in ("ions", "ion"):
        # "discussion" / "discuss", "elections" / "elect"; short bases ("nation") stay.
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    for suffix in ("ies", "ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            base = word[: -len(suffix)]
            return base + "y" if suffix == "ies" else base
    # "arrive" meets "arrived" / "arriving", whose "e" went with the suffix.
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    lower: str
    first: bool
    aside: bool = False
    """Inside parentheses: a detail the sentence adds ("the Colts (10-5)")."""
    ordinal: bool = False
    """A number written as an ordinal ("11th"): a rank, not a count."""
    grouped: bool = False
    """A number written with a thousands separator ("2,000"): never a year."""
    apart: bool = False
    """Punctuation stands between it and the token before ("Lund, 47")."""
    score: bool = False
    """A number right after a hyphen and another number ("88-70"): two figures told together."""
    hyphened: bool = False
    line: bool = False
    """A line break stands between it and the token before: a new sentence or line."""
    """Only a hyphen stands between it and the token before ("clean-up")."""
    month: bool = False
    """The month "May" before a day ("May 3"): not the modal verb."""


_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:,\s?\d{3})+(?![\d,])")


def tokenise(text: str, words: SupportWords) -> list[Token]:
    """The tokens of ``text``: words, numbers (a unit glued to one split off), clock
    times and marks, each knowing whether it stands inside parentheses."""
    grouped = {re.sub(r"\D", "", m.group()) for m in _GROUPED.finditer(text)}
    text = _SPACED_THOUSANDS.sub("", text)
    text = _SPACED_CLOCK.sub(":", text)
    text = _MERIDIEM.sub(lambda m: m.group(1) + "m", text)
    text = _SPACED_NOT.sub("n't", text)
    found: list[Token] = []
    depth, last = 0, 0
    for match in _TOKEN.finditer(text):
        start = last
        gap, last = text[last : match.start()].strip(), match.end()
        kind = match.lastgroup or "word"
        value = match.group()
        if kind == "paren":
            depth = depth + 1 if value == "(" else max(depth - 1, 0)
            continue
        if kind == "glued":
            number, letters = _GLUED.fullmatch(value).groups()  # type: ignore[union-attr]
            unit = letters.casefold()
            if unit in words.lengths or unit in words.scales or unit in ("am", "pm"):
                # "200ft", "600m", "3bn", "3pm": a number and its unit.
                found.append(Token("num", number, number, not found, depth > 0))
                found.append(Token("word", letters, unit, False, depth > 0))
                continue
            if unit in ("st", "nd", "rd", "th"):
                found.append(Token("num", number, number, not found, depth > 0, ordinal=True))
                continue
            kind = "word"  # a name written with digits ("76ers", "3M")
        lower = value.casefold().replace("’", "'")
        if lower.endswith("'s"):
            lower = lower[:-2]
        found.append(
            Token(
                kind,
                value,
                lower,
                not found,
                depth > 0,
                grouped=value in grouped,
                apart=bool(found) and bool(gap) and gap != ".",
                score=kind == "num"
                and gap in ("-", "–")
                and bool(found)
                and found[-1].kind == "num",
                hyphened=gap == "-",
                line="\n" in text[start : match.start()],
            )
        )
        if kind == "num" and len(found) > 1 and found[-2].text == "May":
            found[-2].month = True  # "May 3": the month, never "may" the modal
    return found


def clock_minutes(text: str) -> float:
    digits = re.match(r"(\d+):(\d+)", text)
    assert digits is not None  # the _TOKEN time group always starts with H:MM
    hour, minute = int(digits.group(1)), int(digits.group(2))
    lower = text.casefold()
    if "pm" in lower.replace(".", "").replace(" ", "") and hour < 12:
        hour += 12
    return float(hour * 60 + minute)


def scoped(tokens: list[Token], markers: frozenset[str]) -> frozenset[str]:
    """Stems of the content words within ``SCOPE`` content words after any of ``markers``."""
    found: set[str] = set()
    left = 0
    for token in tokens:
        if token.line:
            left = 0  # a marker's scope ends with its line
        if token.kind != "word":
            left = 0 if token.kind == "mark" else left
            continue
        if token.lower in markers and not token.month:
            left = SCOPE
            continue
        if left and token.lower not in STOPWORDS:
            found.add(stem(token.lower))
            left -= 1
    return frozenset(found)


_FRAME_BREAK = re.compile(r"[,;:\"“”]|\bthat\b|\s[-–—]\s")


_FRAME_WORDS = 8
"""Most words of an attribution frame; a longer clause is part of what is said."""


def attribution_frame(text: str, words: SupportWords) -> frozenset[str]:
    """Content stems of the attribution frame at either end of the sentence (see ``Facts.frame``).

    The frame is the first or last clause (split at commas, quotes, dashes and
    "that") when it is short and holds a reporting word: "..., the agency said",
    "The paper reports that ...".  A reporting clause in the middle, or a long
    one, is part of what the sentence says and is left alone.
    """
    parts = [part for part in _FRAME_BREAK.split(text.strip().rstrip(".")) if part.strip()]
    if len(parts) < 2:
        return frozenset()
    for part, closing in ((parts[-1], True), (parts[0], False)):
        found = [t for t in tokenise(part, words) if t.kind == "word"]
        # The reporting word ends an opening frame ("The paper reports that");
        # it starts or ends a closing one ("said the agency", "the agency said").
        at = [k for k, t in enumerate(found) if t.lower in words.reporting]
        edge = [k for k in at if k >= len(found) - 2 or (closing and k <= 2)]
        if len(found) <= _FRAME_WORDS and edge:
            return frozenset(stem(t.lower) for t in found if t.lower not in STOPWORDS)
    return frozenset()


_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"}
    | {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "did", "does"}
)
_DAY_LINKS = frozenset(
    {"on", "at", "by", "early", "late", "last", "this", "next", "until", "since"}
)
_EVENT_REACH = (5, 4)
"""Content words (not names) searched before and after a day or date for its verb."""


def _verb_like(tokens: list[Token], k: int, next_to_day: bool) -> bool:
    """Whether word token ``k`` reads as a verb: an irregular past form, an "-ed" form,
    a word after an auxiliary ("was shot", "will end"), or an "-s" form right before the day
    ("concludes Sunday")."""
    token = tokens[k]
    if token.kind != "word" or (token.text[:1].isupper() and not token.first):
        return False
    lower = token.lower
    if lower in _irregular() or (lower.endswith("ed") and len(lower) >= 5):
        return True
    if lower not in STOPWORDS and k and tokens[k - 1].lower in _AUXILIARIES:
        return True
    return next_to_day and lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3


def event_verbs(tokens: list[Token], index: int, words: SupportWords) -> frozenset[str]:
    """Stems of the nearest verb before and after the day, date or time at token ``index``:
    what happened then ("closed Tuesday" / "reopened on Sunday" are two events)."""
    found: set[str] = set()
    for step, reach in zip((-1, 1), _EVENT_REACH, strict=True):
        k, seen, adjacent = index + step, 0, True
        while 0 <= k < len(tokens) and seen < reach:
            token = tokens[k]
            if token.kind == "word" and token.lower not in _DAY_LINKS:
                verb = token.lower in words.reporting and not token.text[:1].isupper()
                if verb or _verb_like(tokens, k, adjacent and step < 0):
                    found.add(stem(token.lower))
                    break
                adjacent = False
                # Names and small words do not end the search ("Chief Jo Lund announced").
                seen += token.lower not in STOPWORDS and not token.text[:1].isupper()
            k += step
    return frozenset(found)


_NUMBER_SIGNS = frozenset({"no", "nos", "number"})


def label_number(tokens: list[Token], index: int) -> bool:
    """Whether the whole number at token ``index`` names something rather than counts it:
    after "No." ("Suspect No. 1") or right after a capitalised noun that is not a
    sentence's first word, a month or a day ("Suspect 2", "Flight 19")."""
    token = tokens[index]
    if token.kind != "num" or token.grouped or token.apart or "." in token.text or not index:
        return False
    label = tokens[index - 1]
    if label.kind != "word" or not label.text[:1].isupper():
        return False
    if label.lower in _NUMBER_SIGNS:
        return True
    return not label.first and label.lower not in MONTHS and label.lower not in WEEKDAYS
