"""Stray lines of a text dump told by their own text alone, whatever stands around them.

Each test reads one line: a picture's credit, a menu glued into one line, a
reading-time stamp, a web form's status message, a previous / next post link, a
video player's text and a slide show's captions glued into one line.
:func:`newsweave.extract.plaintext.extract_text` drops the lines they answer yes
for; the cuts that need the lines around them are :mod:`newsweave.extract.textcuts`.
"""

from __future__ import annotations

import re

__all__ = [
    "is_form_status",
    "is_gallery",
    "is_glued_menu",
    "is_media_credit",
    "is_post_link",
    "is_reading_time",
    "is_video_box",
]


# A picture's credit line: "Photo: Jane Doe / Agency", "Image credit: ...".
_CREDIT = re.compile(
    r"(?:(?:photo|image|picture|illustration|photograph)s?(?: credits?| sources?)?|credits?)"
    r" ?[:|]",
    re.IGNORECASE,
)
_CREDIT_WORDS = 20


def is_media_credit(text: str) -> bool:
    return _CREDIT.match(text) is not None and text.count(" ") < _CREDIT_WORDS


# A menu or tag list rendered without separators glues its entries into
# one line: "NewsAbout UsContact", a word boundary every few words.  Code
# glues identifiers too (camelCase), so a line with code punctuation is left.
_GLUE_POINT = re.compile(r"[a-z][A-Z]")
_CODE_MARK = re.compile(r"[=(){}\[\];<>]|https?:")
_GLUE_MIN = 4
_GLUE_EVERY = 4


def is_glued_menu(text: str) -> bool:
    glued = len(_GLUE_POINT.findall(text))
    return (
        glued >= _GLUE_MIN
        and glued * _GLUE_EVERY >= text.count(" ") + 1
        and _CODE_MARK.search(text) is None
    )


# A reading-time stamp, alone or beside the date and byline: "6 min read".
_READING_TIME = re.compile(
    r"\b\d+\s*(?:mins?|minutes?)\.?\s+(?:read|listen|watch)\b", re.IGNORECASE
)
_STAMP_WORDS = 12


def is_reading_time(text: str) -> bool:
    """A short page stamp giving the reading time (with or without a date and a byline)."""
    return text.count(" ") < _STAMP_WORDS and _READING_TIME.search(text) is not None


# error messages, rendered in the page and hidden until used.
_FORM_STATUS = re.compile(
    r"\b(?:your submission has been received|something went wrong while submitting"
    r"|(?:thanks|thank you) for (?:your submission|submitting)|the form was submitted)",
    re.IGNORECASE,
)
_FORM_WORDS = 20


def is_form_status(text: str) -> bool:
    """A form's success or error message."""
    return text.count(" ") < _FORM_WORDS and _FORM_STATUS.search(text) is not None


# A link to the previous or next post: the label glued to the title
# ("PreviousHow to ...", "nextThe best ..."), or a title after a back arrow.
_POST_LINK = re.compile(r"^(?:[Pp]rev(?:ious)?|PREV(?:IOUS)?|[Nn]ext|NEXT)(?=[A-Z])|^[←«‹]")
_POST_LINK_WORDS = 20


def is_post_link(text: str) -> bool:
    """A "previous post" or "next post" link between posts."""
    return text.count(" ") < _POST_LINK_WORDS and _POST_LINK.match(text) is not None


# A video box copied with the page: the clip's title twice (the player and
# its caption) and the clip's length at the end ("... 02:35").
_DURATION_END = re.compile(r"\b\d{1,2}:\d{2}$")
_VIDEO_WORDS = 60
_SHINGLE = 4


def is_video_box(text: str) -> bool:
    """A video player's text: a line ending in the clip's length that repeats its title."""
    # The clip's length closes the line: look at its end before searching.
    if text[-3:-2] != ":" or _DURATION_END.search(text, max(0, len(text) - 6)) is None:
        return False
    if text.count(" ") >= _VIDEO_WORDS:
        return False
    words = text.lower().split()[:-1]
    shingles = [tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]
    return len(set(shingles)) < len(shingles)


# A picture gallery copied as one line: each caption counted "3 of 13".
_OF_COUNTER = re.compile(r"\b(\d{1,3}) of (\d{1,3})\b")
_GALLERY_COUNTERS = 3
# The counter's " of 1" ... " of 9": a literal prefix the engine skips ahead to.
_OF_DIGIT = re.compile(r" of \d")


def is_gallery(text: str) -> bool:
    """A slide show's captions glued into one line, counted "1 of 6", "2 of 6", "3 of 6"."""
    if text.count(" of ") < _GALLERY_COUNTERS or _OF_DIGIT.search(text) is None:
        return False
    totals: dict[str, set[int]] = {}
    for shown, total in _OF_COUNTER.findall(text):
        totals.setdefault(total, set()).add(int(shown))
    # Slides are counted one after the other; figures in a sentence are not.
    return any(
        all(k + step in shown for step in range(_GALLERY_COUNTERS))
        for shown in totals.values()
        for k in shown
    )
