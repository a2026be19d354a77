"""The writer's name as the page shows it: the visible byline of an HTML page.

Many pages declare no author for machines (no JSON-LD ``author``, no ``<meta
name=author>``), or declare the organisation that runs the site, yet show the
writer's name to readers in a byline element: ``<span class="author-name">``,
``<div class="byline">By Jane Doe - June 3</div>``, ``<a rel="author">``.
This module reads those elements, the way trafilatura's metadata pass does, but
keeps only what is shaped like a name: the "By" or "Written by" before it and
the date, job title or section after it are cut away, and a byline inside a
comment thread (commenters are authors too, of something else) is never read.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsweave import wordlists
from newsweave.extract.labels import is_person_name
from newsweave.wordlists import vocab

__all__ = ["visible_authors"]

# Elements that may hold a byline, in document order, read through the
# attribute axis (one pass over the attributes, far cheaper than testing every
# element).  "uthor" and "yline" match "author", "Author", "byline", "Byline".
_CANDIDATES = etree.XPath(
    '//@class[contains(., "uthor") or contains(., "yline")]/..'
    ' | //@id[contains(., "uthor") or contains(., "yline")]/..'
    ' | //@rel[. = "author"]/.. | //@itemprop[. = "author"]/..'
)
# Of those, the elements that name the writer and nothing else: read first.
_NAME_CLASS = re.compile(r"author[-_]{0,2}name|byline[-_]{0,2}name", re.IGNORECASE)
_MAX_CHARS = 120
"""A byline is short; a longer text is an author box with a biography."""
_MAX_CANDIDATES = 12

_COMMENT = re.compile(r"comment|respond|reply|discussion", re.IGNORECASE)
_LEAD = re.compile(
    r"^(?:(?:written|posted|authored|published|words|story|text|article)\s+by|by|authors?)"
    # Not the start of a name ("Byron"); glued to one ("ByJane") it is a lead.
    r"(?-i:(?![a-z]))\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
# What follows the name in a byline: a separator, then a date or anything.
_TAIL = re.compile(r"\s*(?:[|•·–—/]|\s-\s|-$).*$|,?\s*\S*\d.*$")
# In a byline, not in an element holding only the name ("Notes From the Field"):
# "By Jane Doe on June 3", "By Jane Doe in Science", "Jane Doe at The Daily Example".
_WORD_TAIL = re.compile(
    r"\s+(?:on|in|at|for|(?:last\s+)?(?:updated|modified)|published|posted)\b.*$",
    re.IGNORECASE,
)
# A credential after the name: "MD", "PhD", "DVM", "Jr.".
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Z.]{1,5}|Ph\.?D|Jr|Sr)$")
# A title before the name stays in it but is no part of the name's shape: "Dr. Jane Doe".
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame|Rev)\.?\s+(?=\S+\s)")
_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_MONTHS = wordlists.mapping("months")
_STOP = wordlists.words("byline-stopwords")
# A part of a byline holding one of these is the writer's job, not a name.
_ROLES = wordlists.words("role-words") | vocab(
    "reporter writer columnist correspondent contributor journalist expert specialist "
    "strategist consultant president ceo cto cfo vp staff team desk"
)


def _in_comments(element: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        marks = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if _COMMENT.search(marks) is not None:
            return True
    return False


def _text(element: HtmlElement) -> str:
    """The element's text, or "" when it is longer than a byline (read no further)."""
    if element.get("itemprop") == "author":
        named = element.find('.//*[@itemprop="name"]')
        if named is not None:
            element = named
    pieces: list[str] = []
    size = 0
    # A class such as "single-author" may sit on the page's wrapper: stop
    # reading as soon as the text is too long to be a byline.
    for piece in element.itertext():
        size += len(piece.strip())
        if size > 4 * _MAX_CHARS:
            return ""
        pieces.append(piece)
    # Children joined with a space: "By<a>Jane Doe</a>" must not read "ByJane".
    return " ".join(" ".join(pieces).split())


def _names(text: str, *, byline: bool) -> tuple[str, ...]:
    """The names in one byline text; () when it holds anything else.

    ``byline`` is for an element that may hold more than the name (a date, a
    section); a one-word user name is then read only after a "By".
    """
    rest = _LEAD.sub("", text, count=1)
    led = len(rest) < len(text)
    rest = _TAIL.sub("", rest)
    if byline:
        rest = _WORD_TAIL.sub("", rest)
    rest = rest.strip(" .,:;")
    words = rest.split()
    # A date glued to the name without a digit first: "Jane Doe March".
    while words and words[-1].lower().strip(".,") in _MONTHS:
        words.pop()
    rest = " ".join(words)
    names: list[str] = []
    for i, part in enumerate(_SPLIT.split(rest)):
        part = part.strip(" .,;")
        if not part:
            continue
        role = not _ROLES.isdisjoint(part.lower().split())
        handle = i == 0 and (led or not byline) and _is_handle(part)
        if not role and (is_person_name(_HONORIFIC.sub("", part)) or handle):
            names.append(part)
        elif names and not role and _CREDENTIAL.match(part):
            # A credential after the name belongs to it: "Jane Doe, MD".
            names[-1] = f"{names[-1]}, {part}"
        elif names:
            # A job title or the outlet follows the names: "Jane Doe, Staff Writer".
            break
        else:
            return ()
    return tuple(names)


def _is_handle(part: str) -> bool:
    """A one-word user name ("jdoe", "MixMaster"): letters first, no stop word."""
    return (
        " " not in part
        and 3 <= len(part) <= 30
        and part[0].isalpha()
        and part.lower() not in _STOP
        and part.lower() not in _MONTHS
        and all(ch.isalnum() or ch in "._-" for ch in part)
    )


def visible_authors(tree: HtmlElement) -> tuple[str, ...]:
    """The names of the page's visible byline, () when it shows none that reads as a name."""
    named: list[HtmlElement] = []
    bylines: list[HtmlElement] = []
    found = _CANDIDATES(tree)
    for element in found if isinstance(found, list) else ():
        if not isinstance(element, HtmlElement) or element.tag in ("meta", "link"):
            continue
        if (
            element.get("rel") == "author"
            or element.get("itemprop") == "author"
            or _NAME_CLASS.search(element.get("class", "")) is not None
        ):
            named.append(element)
        else:
            bylines.append(element)
    for elements, byline in ((named, False), (bylines, True)):
        seen = 0
        for element in elements:
            text = _text(element)
            if not text or len(text) > _MAX_CHARS or _in_comments(element):
                continue
            seen += 1
            if seen > _MAX_CANDIDATES:
                break
            names = _names(text, byline=byline)
            if names:
                return names
    return ()
