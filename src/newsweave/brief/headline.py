"""A story's headline in its brief: the story's own, one rule everywhere.

A stored story has a headline (chosen by the clusterer, :mod:`newsweave.cluster.headline`)
and its brief shows that one, so the story list, the story page, the export, the
API and the brief agree.  A story brief with no store (the stateless ``brief``)
gets its headline from the same rule (:func:`newsweave.cluster.headline.headline_of`).
Without any title, the headline is composed from the story's top key point (or
its first summary sentence), cut at a clause boundary.

:func:`clean_title` takes an outlet-name tail (`` - The Outlet``, `` | Outlet``), a
shouting prefix (``BREAKING:``, ``WATCH:``) and clickbait punctuation (``!!``,
``?!``, a final ``!``) off a title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.cluster.headline import headline_of
from newsweave.models import Article
from newsweave.text import words

__all__ = ["choose_headline", "clean_title"]

_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s*\|\s*|\s+::\s+")
_SHOUT_PREFIX = re.compile(r"^(?:[A-Z][A-Z ]{2,20}|Watch|Video|Breaking|Exclusive|Live)\s*:\s+")
_REPEATED_MARKS = re.compile(r"([!?])[!?]+")
_TRAILING_BANG = re.compile(r"\s*!+$")
_DOMAIN = re.compile(r"\w\.(?:com|org|net|co\.uk|co|news|tv|de|fr)\b", re.IGNORECASE)
_MAX_TAIL_WORDS = 5
_MAX_HEADLINE_WORDS = 16


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


def clean_title(title: str, *, outlets: Sequence[str] = ()) -> str:
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


def _from_sentence(sentence: str) -> str:
    tokens = sentence.split()
    if len(tokens) > _MAX_HEADLINE_WORDS:
        cut = " ".join(tokens[:_MAX_HEADLINE_WORDS])
        comma = cut.rfind(",")
        sentence = cut[:comma] if comma > len(cut) // 2 else cut
    return sentence.rstrip(" .,;:")


def choose_headline(
    articles: Sequence[Article], *, fallback: Sequence[str] = (), headline: str | None = None
) -> str:
    """The story's headline: ``headline`` (a stored story's own) when given, else the
    clusterer's choice among the articles' titles; ``fallback`` sentences are used
    without titles."""
    if headline and headline.strip():
        return headline
    chosen = headline_of(articles)
    if chosen is not None and chosen.strip():
        return chosen
    for sentence in fallback:
        if sentence.strip():
            return _from_sentence(" ".join(sentence.split()))
    return "Untitled story"
