"""Sentences that are the page's, not the story's: chrome and editors' notes.

A news page's text keeps more than the report: the leftovers of a video player
or a photo box, calls to action with a link behind them, editors' notes about the
article itself, and lines that only point the reader to something else on the page.
None of them states anything about the story, so no part of a brief may show one as
a fact: the summary, the key points, the single-source claims and the timeline all
ask :func:`is_page_chrome` (photo captions and credits are
:func:`newsweave.brief.captions.is_caption`'s, and so is a line labelled as a photo,
"Photo: ...": a caption tells what a picture shows, often of the story's day).  The
shapes are those of news pages in English in general, not strings of any data set:

* **a player's or a box's leftover**: the sentence opens with a control of a video
  or audio player written in capitals ("CLOSE", "REPLAY", "SKIP AD") or with a
  row of share buttons ("Facebook Twitter Email"), or carries a player's labels
  ("More Videos", "Up Next", "Now Playing");
* **a call to action**: it opens with a verb a reader acts on a page with ("Click",
  "Tap", "Subscribe", "Sign up", "Follow us", "Watch", "Read") and names where the
  link goes ("here", "more", "below", "our newsletter", "the full story"), or it
  opens with a pointer's label and a colon ("Related:", "Read more:", "Watch:");
* **an editor's note**: it opens with the label of a note about the article and a
  colon or a dash ("Correction:", "Clarification —"), or an update's label with no
  statement after it ("Update (5 p.m.):"), or it tells of the article itself being
  changed ("An earlier version of this story ...", "This post has been updated",
  "we've corrected the headline", "This is a developing story");
* **a credit line**: it ends on who reported from where ("Jo Doe wrote in Paris, and
  Ada Roe reported from Lyon.");
* **a pointer**: it only points to something else on the page ("Below, you'll see
  ...", "Here is the full transcript").
"""

from __future__ import annotations

import re

__all__ = ["is_page_chrome"]

_LEAD = r"^[\s*•·►▶▸>»|\[(\-–—]{0,3}"
"""What may stand before a sentence's first word: a bullet, an arrow, a bracket (never a
quotation mark: a speaker's "See you here" is no call to action)."""

_CONTROLS = (
    r"CLOSE|REPLAY|AUTOPLAY|SKIP(?:\s+AD)?|PLAY|PAUSE|MUTE|UNMUTE|FULLSCREEN|EMBED|SHARE"
    r"|EXPAND|COLLAPSE|LOADING|ADVERTISEMENT|SPONSORED|NEXT|PREVIOUS|PREV|UP\s+NEXT"
    r"|NOW\s+PLAYING|WATCH|VIDEO|LISTEN|AUDIO"
)
_PLAYER_OPENING = re.compile(
    rf"{_LEAD}(?:(?:(?:{_CONTROLS})|Advertisement|Story\s+continues\s+below(?:\s+advertisement)?)"
    r"\b\W*\s+)+(?=[\"“‘]?[A-Z0-9])"
)
"""A sentence opening with a video or audio player's controls in capitals ("CLOSE The ...")."""
_SHARE_BAR = re.compile(
    rf"{_LEAD}(?:(?:Facebook|Twitter|X|Pinterest|LinkedIn|WhatsApp|Reddit|Tumblr|Flipboard"
    r"|Messenger|Telegram|Email|E-mail|Print|Share|Tweet|Comments?)\s+){2,}(?=[\"“‘]?[A-Z0-9])"
)
"""A sentence opening with a row of share buttons ("Facebook Twitter Email The ...")."""
_PLAYER_LABELS = re.compile(
    r"\b(?:More\s+Videos|Up\s+Next|Now\s+Playing|Replay\s+Video|Autoplay)\b"
    r"|\b(?i:video\s+player)\b|\b(?i:(?:this|the)\s+video\s+(?:is\s+(?:not\s+available|loading)"
    r"|has\s+been\s+removed))|\b(?i:skip\s+in\s+\d+)\b"
    r"|\b(?i:(?:your|this)\s+browser\s+does\s+not\s+support)\b"
)
"""A video player's labels anywhere in the sentence, in the title case a player writes
them ("More Videos": "more videos" is prose)."""

_ACTIONS = (
    r"click|tap|read|watch|see|view|follow|subscribe|sign\s+up|register|share\s+(?:this|on|with\s+us)|download"
    r"|like\s+us|join\s+us|listen|visit|check\s+out|scroll|swipe|find\s+us|email\s+us"
    r"|contact\s+us|tell\s+us|let\s+us\s+know|send\s+us|get\s+(?:the\s+latest|our)|don['’]t\s+miss"
    r"|stay\s+(?:tuned|up\s+to\s+date|informed)|go\s+to|bookmark|log\s+in|sign\s+in"
)
_TARGETS = (
    r"(?:here|link|below|above|more|full|latest|newsletters?|app|podcasts?|page|site|website"
    r"|twitter|facebook|instagram|youtube|tiktok|video|gallery|slideshow|coverage|updates"
    r"|inbox|our|us|this\s+(?:story|article|post))\b"
)
"""Where a call to action's link goes."""
_CALL = re.compile(
    rf"{_LEAD}(?:please\s+)?(?:{_ACTIONS})(?![\w-])(?:\s+[\w'’]+){{0,3}}?\s*\b{_TARGETS}",
    re.IGNORECASE,
)
"""A call to action: a verb a reader acts with, its link target within three words."""
_POINTER_LABEL = re.compile(
    rf"{_LEAD}(?:related(?:\s+(?:coverage|stories|articles?|content|links?))?|read\s+(?:more|next|also)"
    r"|more(?:\s+(?:on|from|about)\s+[^:.]{1,40})?|see\s+also|also\s+(?:read|see|watch)|watch|video|videos"
    r"|listen|audio|recommended|trending(?:\s+now)?|full\s+coverage|sponsored"
    r"|advertisement|editor['’]s\s+picks?|don['’]t\s+miss|must\s+(?:read|watch)|top\s+stories)"
    r"\s*(?:[:|»>›]|\s[-–—]\s)",
    re.IGNORECASE,
)
"""A pointer's label opening the sentence ("Related:", "Read more:", "Watch —")."""

_NOTE_LABEL = re.compile(
    rf"{_LEAD}(?:(?P<about>note\s+to\s+(?:our\s+)?readers|programming\s+note|corrections?"
    r"|clarifications?|disclosure|disclaimer|author['’]s\s+note)"
    r"|editor['’]?s['’]?\s+note|ed\.?\s+note|updates?|updated|this\s+just\s+in"
    r"|breaking(?:\s+news)?|developing(?:\s+story)?)"
    r"(?:\s*\([^()]{0,40}\)|\s+(?:at\s+)?[\d:.apmET ]{1,20})?\s*(?:[:|]|\s[-–—]\s)",
    re.IGNORECASE,
)
"""An editor's note's label and a colon or a dash, perhaps with a time ("Update (5 p.m.):").
A note about the article itself ("Correction:", ``about``) is chrome whatever follows; an
update's or an editor's note's label is chrome only with little after it: a live page's
"Update: The governor has signed the bill." tells the story."""
_NOTE_REST = 4
"""Fewer words than this after an update's label: the label and a time, no statement."""
_ARTICLE = r"(?:article|story|post|report|piece|headline|blog\s+post|item|column|page|version)"
_OWN = r"(?:article|story|post|headline|blog\s+post|piece)"
"""What a page calls itself with "the" in an editor's note ("the story was updated")."""
_NOTE_TELLS = re.compile(
    r"\b(?:an?|the|this)\s+(?:earlier|previous|initial|original|prior)\s+version\s+of\s+"
    rf"(?:this|the)\s+{_ARTICLE}"
    rf"|\b(?:this\s+{_ARTICLE}|the\s+{_OWN})\s+(?:has\s+been|was|is\s+being|will\s+be)\s+"
    r"(?:updated|corrected|changed|amended|revised|edited)"
    r"|\bwe(?:['’]ve|\s+have)?\s+(?:updated|corrected|amended|revised|changed|edited)\s+"
    rf"(?:the\s+top\s+of\s+)?(?:this|the)\s+{_OWN}"
    rf"|\bthe\s+top\s+of\s+this\s+{_OWN}"
    r"|\b(?:this|it)\s+is\s+an?\s+(?:developing|breaking)\s+(?:news\s+)?story\b"
    r"|\bcheck\s+back\s+(?:later\s+)?for\s+(?:more|updates)\b",
    re.IGNORECASE,
)
"""A sentence telling of the article itself being changed or still unfinished."""

_CREDIT_LINE = re.compile(
    r"\b(?:reported|reporting|wrote|writing|contributed(?:\s+reporting)?)\s+from\s+"
    r"[A-Z][\w'’.-]*(?:,?\s+[A-Z][\w'’.-]*){0,3}\.?$"
)
"""A reporters' credit line closing an article: "... and Jo Doe reported from Lyon."."""
_POINTS_ELSEWHERE = re.compile(
    r"^\W{0,3}(?:above|below)\s*,?\s+(?:you['’]ll|you\s+(?:can|will))\s+(?:see|find|watch|read|hear)\b"
    r"|^\W{0,3}(?:here|below)\s+(?:is|are|['’]s)\s+(?:the|a|an|our)\s+(?:full|complete|entire)\s+"
    r"(?:text|transcript|video|list|statement|interview|report)\b",
    re.IGNORECASE,
)
"""A sentence that only points to something else on the page.  "The chart below shows
..." and "In the video above, ..." are not: they go on to state what the chart or the
video shows, often a fact of the story."""


def is_page_chrome(text: str) -> bool:
    """Whether the sentence ``text`` is page chrome or an editor's note (module docs)."""
    text = text.strip()
    if not text:
        return False
    if _PLAYER_OPENING.match(text) or _SHARE_BAR.match(text) or _PLAYER_LABELS.search(text):
        return True
    if _POINTER_LABEL.match(text):
        return True
    note = _NOTE_LABEL.match(text)
    if note and (note.group("about") or len(text[note.end() :].split()) < _NOTE_REST):
        return True
    if _CALL.match(text):
        return True
    return bool(
        _NOTE_TELLS.search(text) or _POINTS_ELSEWHERE.search(text) or _CREDIT_LINE.search(text)
    )
