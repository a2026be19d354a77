"""Sentences that are not the story's text: photo captions and credit lines; wire datelines.

A page's text often keeps the caption of its photos and the photo's credit
("Name Surname/Agency", "(Photo: ...)", a credit in capitals at the end), and a
wire report opens with its dateline ("CITY (Agency) -").  Neither is a fact of
the story.  The rules here are the general shapes of news-photo credits and
datelines (English news style), not strings of any data set:

* :func:`is_caption`: the sentence carries a photo credit: a capitalised name
  joined by a slash to an agency or a second credit, in brackets or closing it ("First Last/Agency",
  "First Last/Agency via Agency"), a parenthesis labelled as a photo, image or
  credit, or a run of two or more words in capitals closing a sentence written
  in lower case (a trailing credit), or a sentence closing on a place, a comma, a
  weekday and a full date with its year ("... in the capital, Tuesday, Jan. 28, 2020."):
  the wire photo caption's closing, which prose says with "on" and seldom with the year;
  or a photo gallery's counter ("Caption 3 of 8", "Photo 2 of 9").
* :func:`strip_dateline`: the sentence without a leading dateline: a place in
  capitals, or a place followed by an agency in brackets, then a dash (or the
  bracketed agency alone).
"""

from __future__ import annotations

import re

from newsweave import wordlists
from newsweave.text import MONTH_PATTERN, WEEKDAY_PATTERN
from newsweave.wordlists import entries

__all__ = ["dateline_end", "is_caption", "strip_dateline"]

_NAME = (
    r"(?!(?:A|An|The|This|That|In|On|At|By)\s)[A-Z][a-z'’.-]+"
    r"(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|del|le|la))*\s+[A-Z][\w'’.-]+"
)
"""A capitalised name of two or more words (not opening with an article or a preposition)."""
_SLASHED = _NAME + r"(?:\s?/\s?[A-Z][\w&.-]*)+"
_CREDIT = re.compile(rf"\(\s*{_SLASHED}[^()]*\)|{_SLASHED}(?:\s+[\w&.-]+){{0,4}}\W*$")
"""A person's name joined by a slash to an agency (a photo credit, "First Last/Agency")
closing the sentence or in brackets: a slash between names elsewhere is prose ("the
Senate/House deal", "a Daily News/Evening Post poll on Sunday showed ...")."""
_OPENING_CREDIT = re.compile(rf"^\W*(?P<name>(?:[A-Z]\.\s?)?{_NAME})\s?/\s?[A-Z][A-Z&.-]+(?:\s|$)")
"""A photo credit opening the line, the agency in capitals ("First Last/AGENCY Headline
words ..."): a caption's credit run into the page's sub-headline.  Not when the name
before the slash is an organisation's ("... Post/AGENCY poll found")."""
_ORGANISATION_WORDS = wordlists.words("organisation-words")
_LABELLED = re.compile(
    r"\(\s*(?:photo|photograph|image|picture|credit|illustration)s?\b[^()]{0,80}\)", re.IGNORECASE
)
"""A parenthesis labelled as a photo or credit: "(Photo: ...)", "(Image by ...)"."""
_TRAILING_CAPS = re.compile(
    r"[a-z].*?\s(?:[A-Z][A-Z'’.-]+\s+){0,3}[A-Z][A-Z'’.-]+\s?/\s?[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}\)?\s*$"
)
"""Words in capitals joined by a slash closing a sentence in lower case: a trailing
credit ("... on Friday. FIRST LAST/AGENCY")."""
_DATED = re.compile(
    r",\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\W*$"
)
"""A caption's closing: ", Weekday, Month Day, Year." (no "on" before the weekday)."""
_GALLERY = re.compile(
    r"\b(?:caption|photo|image|picture|slide)s?\s+\d+\s+of\s+\d+\b", re.IGNORECASE
)
"""A photo gallery's counter ("Caption 3 of 8", "Photo 2 of 9"): its caption, kept
in the page's text."""
_CAPS_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_PLACE = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}){0,2}"
_AGENCY = r"\(\s*(?![RDI]\s*[-–,)])[A-Z][\w.&'’ -]{1,40}\)"
"""An agency in brackets; not a party label such as "(R-State)" after a politician's name."""
_SHORT_AGENCY = r"\(\s*(?![RDI]\s*[-–,)])[A-Z][\w.&'’-]+(?:\s[A-Z][\w.&'’-]*){0,2}\s*\)"
_DASH = r"(?:-{1,2}|[–—])"
_DATELINE = re.compile(
    rf"^\s*(?:{_CAPS_PLACE}{_REGION}\s*(?:{_AGENCY}\s*)?{_DASH}"
    rf"|{_PLACE}{_REGION}\s*{_AGENCY}\s*{_DASH}?"
    rf"|{_SHORT_AGENCY}\s*{_DASH}?)\s*(?=[\"“‘']?[A-Z0-9])"
)
"""A leading dateline: "CITY -", "CITY, Region (Agency) -", "City (Agency) -", "City (Agency)"
or the agency alone, "(Agency)"."""


def is_caption(text: str) -> bool:
    """Whether the sentence ``text`` is (or carries) a photo caption or credit (module docs)."""
    if _CREDIT.search(text) or _LABELLED.search(text) or _DATED.search(text):
        return True
    opening = _OPENING_CREDIT.match(text)
    if opening and not any(
        word.casefold() in _ORGANISATION_WORDS for word in opening.group("name").split()
    ):
        return True
    if _GALLERY.search(text):
        return True
    stripped = text.rstrip(" .")
    return bool(_TRAILING_CAPS.search(stripped)) and not _all_caps(stripped)


def _all_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) > 0.8 * len(letters)


_LABEL = re.compile(r"^\s*[A-Z]{4,}(?:\s[A-Z]{2,}){0,2}:\s+(?=[\"“‘']?[A-Z0-9])")
"""A label in capitals before a colon opening the text, an editor's tag and no part of
the sentence: "EXCLUSIVE: ...", "BREAKING NEWS: ..."."""


_STAMP_LABEL = re.compile(
    r"^\W*(?:update|" + "|".join(entries("page-stamp-openers")) + r")\b"
    r"(?P<when>(?:\d{1,2}:\d{2}|[ap]\.\s?m\.|[^.!?:\n]){1,60}?):\s+(?=[\"“‘']?[A-Z])",
    re.I,
)
"""A page's update stamp before a colon opening the text ("Updated at noon Pacific
time:", "Update, 3:15 p.m.:"): the page's, not the story's; it must name a time."""
_STAMP_TIME = re.compile(
    rf"\d|\b(?:noon|midnight|morning|afternoon|evening|night|time|today|{WEEKDAY_PATTERN}"
    rf"|{MONTH_PATTERN})\b",
    re.I,
)


def _stamp_label(text: str) -> re.Match[str] | None:
    found = _STAMP_LABEL.match(text)
    if found is None or _STAMP_TIME.search(found.group("when")) is None:
        return None
    return found


def dateline_end(text: str) -> int:
    """Where the sentence's text starts after a leading wire dateline, a label in
    capitals ("EXCLUSIVE:") or a page's update stamp ("Updated at noon:"), 0 when it
    has none.

    Kept only when at least four words follow it, so a sentence is never cut to a stub.
    """
    found = _DATELINE.match(text) or _LABEL.match(text) or _stamp_label(text)
    if found is None or len(text[found.end() :].split()) < 4:
        return 0
    return found.end()


def strip_dateline(text: str) -> str:
    """``text`` without its leading wire dateline (:func:`dateline_end`)."""
    return text[dateline_end(text) :]
