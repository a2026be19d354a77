"""Page furniture a timeline leaves out: embedded posts and photo galleries.

Read by :mod:`newsweave.brief.timeline` besides its own clutter rules:

* **an embedded social-media post** keeps its handle, its short link and its
  date line ("... https://t.co/AbC12 — Jo Doe (@jodoe) March 3, 2021"): what someone
  posted, copied into the page, not an event the article tells;
* **a photo gallery** ("Hide Caption 3 of 12", "Photos: <gallery title>") runs its
  captions into the text: each tells what a picture shows, dated by the day it was
  taken, often years before the story;
* **a photo caption or credit** (:func:`newsweave.brief.captions.is_caption`).
"""

from __future__ import annotations

import re

from newsweave.brief.captions import is_caption
from newsweave.text import MONTH_PATTERN

__all__ = ["page_furniture"]

_MONTH = MONTH_PATTERN.replace("(?P<month>", "(?:")
# "— Name (@handle) March 3, 2021", a short link, "pic.twitter.com/...".
_POST = re.compile(
    r"\(@\w{1,30}\)\s+" + _MONTH + r"\.?\s+[0-3]?\d,\s+\d{4}"
    r"|\bhttps?://t\.co/\w+|\bpic\.twitter\.com/\w+",
    re.I,
)
# "Hide Caption 3 of 12", "4 of 13 Photos:", "Photos: Moments from ...".
_GALLERY = re.compile(
    r"\b(?:Hide|Show|Expand)\s+Caption\b|\b\d{1,3}\s+of\s+\d{1,3}\s+Photos?\b|(?:^|\s)Photos:\s"
)


def page_furniture(text: str) -> bool:
    """Whether ``text`` is an embedded post, a gallery's caption or a photo caption."""
    return bool(_POST.search(text) or _GALLERY.search(text)) or is_caption(text)
