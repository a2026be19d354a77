"""A title cleaned for display as a story's headline: no outlet-name tail (`` - The
Outlet``, `` | Outlet``), no shouting prefix (``BREAKING:``, ``WATCH:``), no clickbait
punctuation (``!!``, ``?!``, a final ``!``).

The clusterer cleans the headline of every story it gives (and the stateless brief
the one it picks), so every view shows the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsweave.text import words

__all__ = ["clean_title"]

_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*\|\s*|\s+::\s+")
_SHOUT_PREFIX = re.compile(r"^(?:[A-Z][A-Z ]{2,20}|Watch|Video|Breaking|Exclusive|Live)\s*:\s+")
_REPEATED_MARKS = re.compile(r"([!?])[!?]+")
_TRAILING_BANG = re.compile(r"\s*!+$")
_DOMAIN = re.compile(r"\w\.(?:com|org|net|co\.uk|co|news|tv|de|fr)\b", re.IGNORECASE)
_MAX_TAIL_WORDS = 5


def _fold(text: str) -> str:
    return "".join(words(text))


def _is_outlet_tail(tail: str, separator: str, outlets: set[str]) -> bool:
    """Whether ``tail`` (the last part of a title after ``separator``) names an outlet.

    Title Case headlines make a capitalised tail ambiguous ("Council Approves
    Budget - Vote Splits Town"), so only a tail naming one of the story's outlets,
    a domain name, or a short tail after a pipe (the usual site-name
    separator) is taken for one.
    """
    folded = _fold(tail)
    if not folded:
        return True
    if any(folded == o or o in folded for o in outlets if len(o) >= 3):
        return True
    if _DOMAIN.search(tail):
        return True
    return "|" in separator and len(tail.split()) <= _MAX_TAIL_WORDS


def clean_title(title: str, *, outlets: Iterable[str] = ()) -> str:
    """``title`` without an outlet-name tail, a shouting prefix or clickbait punctuation."""
    text = " ".join(title.split())
    folded_outlets = {_fold(name) for name in outlets if name}
    while True:
        parts = list(_SEPARATOR.finditer(text))
        if not parts:
            break
        last = parts[-1]
        head, tail = text[: last.start()], text[last.end() :]
        if len(head.split()) < 3 or not _is_outlet_tail(tail, last.group(), folded_outlets):
            break
        text = head.rstrip()
    text = _SHOUT_PREFIX.sub("", text)
    text = _REPEATED_MARKS.sub(r"\1", text)
    text = _TRAILING_BANG.sub("", text)
    if text.isupper() and len(text.split()) > 2:
        text = text[:1] + text[1:].lower()
    return text.strip()
