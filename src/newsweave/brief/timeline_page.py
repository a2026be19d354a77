"""Page furniture a timeline leaves out: embedded posts and photo galleries.

Read by :mod:`newsweave.brief.timeline` besides its own clutter rules:

* **an embedded social-media post** keeps its handle, its short link and its
  date line ("... https://t.co/AbC12 — Jo Doe (@jodoe) March 3, 2021"): what someone
  posted, copied into the page, not an event the article tells;
* **a photo gallery** ("Hide Caption 2 of 9", "Photos: <gallery title>") runs its
  captions into the text: each tells what a picture shows, dated by the day it was
  taken, often years before the story;
* **a photo caption or credit** (:func:`newsweave.brief.captions.is_caption`), and a
  caption told in the present ("A man talks on the phone on June 3.", "Residents are
  evacuated on June 3."): a verb of what a picture shows, in the present, before an
  explicit day, and no past form, future or saying in the sentence
  (:func:`present_caption`; the timeline asks it only of a day not still to come).
"""

from __future__ import annotations

import re

from newsweave import wordlists
from newsweave.brief.captions import is_caption
from newsweave.brief.page_chrome import is_page_chrome
from newsweave.brief.timeline_tense import has_past_form, looks_ahead
from newsweave.text import FUTURE_TENSE, MONTH_PATTERN, words

__all__ = ["page_furniture", "present_caption"]

_CAPTION_VERBS = wordlists.words("timeline-caption-verbs")
_BE = frozenset({"is", "are"})
_SAYING = frozenset({"said", "says", "say", "told", "tells", "according"})

_MONTH = MONTH_PATTERN.replace("(?P<month>", "(?:")
# "— Name (@handle) March 3, 2021", a short link, "pic.twitter.com/...".
_POST = re.compile(
    r"\(@\w{1,30}\)\s+" + _MONTH + r"\.?\s+[0-3]?\d,\s+\d{4}"
    r"|\bhttps?://t\.co/\w+|\bpic\.twitter\.com/\w+",
    re.I,
)
# "Hide Caption 2 of 9", "5 of 11 Photos:", "Photos: <gallery title>".
_GALLERY = re.compile(
    r"\b(?:Hide|Show|Expand)\s+Caption\b|\b\d{1,3}\s+of\s+\d{1,3}\s+Photos?\b|(?:^|\s)Photos:\s"
)


def page_furniture(text: str) -> bool:
    """Whether ``text`` is an embedded post, a gallery's caption or a photo caption."""
    return (
        bool(_POST.search(text) or _GALLERY.search(text))
        or is_caption(text)
        or is_page_chrome(text)
    )


_EXPLICIT_DAY = re.compile(
    r"\b(?:" + _MONTH + r"\.?\s+[0-3]?\d|[0-3]?\d\s+" + _MONTH + r")\b", re.I
)
# A chronology's line ("3 March: The bridge reopens.") is the article's account of a day.
_CHRONOLOGY = re.compile(
    r"^\W{0,3}(?:" + _MONTH + r"\.?\s+[0-3]?\d|[0-3]?\d\s+" + _MONTH + r")\b", re.I
)


def present_caption(text: str) -> bool:
    """Whether ``text`` tells in the present what a photograph shows, dated by an explicit
    day: a caption verb ("talks", "is pictured", "are evacuated") before the day, and no
    past form, future, modal or saying anywhere in it."""
    day = _EXPLICIT_DAY.search(text)
    if day is None or _CHRONOLOGY.match(text):
        return False
    if has_past_form(text) or FUTURE_TENSE.search(text) or looks_ahead(text):
        return False
    tokens = words(text[: day.start()])
    if _SAYING.intersection(words(text)):
        return False
    return any(
        w in _CAPTION_VERBS and (w.endswith("s") or previous in _BE)
        for previous, w in zip(["", *tokens], tokens, strict=False)
    )
