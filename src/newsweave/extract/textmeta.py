"""Page metadata read from the lines of a text dump: dates, publisher, header bylines.

These helpers look at single lines; :mod:`newsweave.extract.plaintext` decides which
lines to ask (the header area around the headline, the page's end).
"""

from __future__ import annotations

import re
from datetime import datetime

from newsweave.extract.labels import WIRE_AGENCIES, is_person_name
from newsweave.text import MONTH_PATTERN, MONTHS

__all__ = ["copyright_owner", "find_date", "header_author", "is_date_line", "publisher_blurb"]

# Every date pattern below holds a four-digit year: one cheap search rules out
# the lines without one before the four patterns run.
_YEAR_SCREEN = re.compile(r"(?:19|20)\d\d")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d\d)\s*(?P<ampm>[ap]\.?m\.?)?)?"
_DATE_PATTERNS = [
    re.compile(
        r"\b" + _YEAR + r"-(?P<mon>\d\d)-(?P<day>\d\d)(?:[T ](?P<hour>\d\d):(?P<minute>\d\d))?"
    ),
    re.compile(
        r"\b" + MONTH_PATTERN + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME, re.I
    ),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + MONTH_PATTERN
        + r",?\s+"
        + _YEAR
        + _TIME,
        re.I,
    ),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
]
_DATE_WORDS = re.compile(
    r"\b(?:published|updated|posted|last updated|modified|on|at|am|pm|a\.m\.|p\.m\.|[a-z]{2,4}t"
    r"|utc|gmt|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat"
    r"|sun|date|time|by|ist|cet)\b|\d+|[^\w\s]",
    re.IGNORECASE,
)

_ORG_WORDS = re.compile(
    r"\b(?:news|media|broadcaster|broadcasting|newspapers?|magazine|publications?|publishers?"
    r"|publishing|portal|outlets?|network|agency|journalism|journalists|reporting|coverage"
    r"|organi[sz]ation|website|web site|blog|platform|channel|station|tabloid|daily|weekly"
    r"|editorial)\b",
    re.IGNORECASE,
)
_BLURB = re.compile(
    r"^(?:The\s+)?(?P<name>[A-Z0-9][\w&.'’-]*(?:\s+(?:[A-Z0-9][\w&.'’-]*|of|for|and|&)){0,6}?)"
    r"(?:\s*\([^)]{1,40}\))?,?\s+(?:is|was|has been|are)\s+(?:(?:a|an|the|one of the)\s+)?",
)
_FIRST_PERSON_ORG = re.compile(
    r"\b(?:our (?:mission|team|readers|commitment|journalists|newsroom)|we (?:publish|are a|pride"
    r"|strive|cover|bring))\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?"
    r"(?P<name>[A-Z][^,.|©]{1,60}?)\s*(?:[,.|]|\ball rights\b|\binc\b|\bllc\b|\bltd\b|$)",
    re.IGNORECASE,
)
_HEADER_BYLINE = re.compile(r"^(?:by\s+)?(?P<name>[^|•·–—-]{4,60}?)\s*[|•·–—-]\s*(?P<rest>.*\d.*)$")


def _match_date(text: str) -> re.Match[str] | None:
    if _YEAR_SCREEN.search(text) is None:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match is not None:
            return match
    return None


def _to_datetime(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["mon"])
    hour = int(groups["hour"]) if groups.get("hour") else 0
    minute = int(groups["minute"]) if groups.get("minute") else 0
    ampm = (groups.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        return datetime(int(groups["year"]), month, int(groups["day"]), hour % 24, minute)
    except ValueError:
        return None


def find_date(text: str) -> datetime | None:
    """The first calendar date written in ``text`` (with its time when given), or None."""
    match = _match_date(text)
    return _to_datetime(match) if match is not None else None


def is_date_line(text: str) -> bool:
    """Whether ``text`` is a date stamp and little else (``Published: May 4, 2023 10:00 ET``)."""
    if len(text) > 80:
        return False
    match = _match_date(text)
    if match is None:
        return False
    rest = _DATE_WORDS.sub(" ", text[: match.start()] + " " + text[match.end() :])
    return len(rest.split()) <= 1


def publisher_blurb(text: str) -> str | None:
    """The outlet a publisher self-description paragraph is about, or None.

    ``The X Gazette is a weekly newspaper ...`` and ``X is an independent
    news website ...`` name their subject first and
    describe it as a news organisation within the first sentence.
    """
    match = _BLURB.match(text)
    if match is None:
        return None
    name = match.group("name").strip()
    if name.lower() in {"it", "this", "he", "she", "they", "there"} or len(name) < 2:
        return None
    first_sentence = text[match.end() : match.end() + 160].split(". ", 1)[0]
    if not _ORG_WORDS.search(first_sentence):
        return None
    return name


def is_org_blurb(text: str) -> bool:
    """A first-person description of a news organisation (``Our mission ... we publish``)."""
    return len(_FIRST_PERSON_ORG.findall(text)) >= 2 and _ORG_WORDS.search(text) is not None


def copyright_owner(text: str) -> str | None:
    """The owner named in a copyright line (``© 2005-2019 Example Media, All Rights Reserved.``)."""
    if len(text) > 200:
        return None
    match = _COPYRIGHT.match(text)
    if match is None:
        return None
    name = match.group("name").strip(" -–")
    if name.lower().startswith("the "):
        name = name[4:]
    if name.lower() in WIRE_AGENCIES or name.lower().startswith("all rights"):
        return None
    if not name[:1].isupper() or len(name.split()) > 6:
        return None
    return name


def header_author(text: str) -> str | None:
    """The name in a header line like ``Jane Doe - Nov 19, 2019, 10:31 pm CST``."""
    if len(text) > 120:
        return None
    match = _HEADER_BYLINE.match(text)
    if match is None or _match_date(match.group("rest")) is None:
        return None
    name = match.group("name").strip()
    return name if is_person_name(name) else None
