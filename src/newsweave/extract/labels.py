"""Labels inside the text become metadata: bias ratings, AI notices, wire credits, bylines.

News pages carry small label lines around the article text: a media-bias rating
of the outlet, a notice that the text was written by an AI, a wire-agency credit
(``(With inputs from agencies)``, ``WASHINGTON (Reuters) -``, ``Reporting by ...;
Editing by ...``), a byline, an attribution (``Watch the full interview``,
``Source: The Daily Example``).  :func:`split_labels` takes such lines out of the body and
returns what they said as :class:`~newsweave.models.Labels`.

Both extractors call it (the HTML one on trafilatura's output lines), so it is a
handful of anchored regular expressions, run only on lines short enough to be a
label: normal prose is never removed.  Every removed line is kept verbatim in
``Labels.notes`` for audit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsweave import wordlists
from newsweave.models import BiasRating, Labels

__all__ = [
    "WIRE_AGENCIES",
    "LabelSplit",
    "is_person_name",
    "parse_byline",
    "split_labels",
]


# Wire services, by the spellings used in credits, mapped to one canonical name.
WIRE_AGENCIES: dict[str, str] = wordlists.mapping("wire-agencies")

_AGENCY_LAST_WORDS = frozenset(name.rsplit(None, 1)[-1] for name in WIRE_AGENCIES)
_AGENCY_ALT = "|".join(sorted((re.escape(name) for name in WIRE_AGENCIES), key=len, reverse=True))

# A line longer than this is prose, never a label.
_MAX_LABEL_CHARS = 220

_BIAS = re.compile(
    r"^(?P<rater>[A-Z][\w.&'’ -]{0,40}?)?\s*(?:media\s+)?bias\s+rating\s*[:=\-–—]\s*"
    r"(?P<value>[A-Za-z][A-Za-z -]{0,30}?)\s*[.]?$",
    re.IGNORECASE,
)

_AI_TOOL = (
    r"(?:an?\s+)?(?:ai|a\.i\.|artificial[- ]intelligence|generative ai"
    r"|an? ai (?:model|tool|system)|machine learning|a?\s*large language models?|llms?"
    r"|chatgpt|gpt-?[\d.]*|automated (?:system|tools?))"
)
_AI = re.compile(
    r"(?:\b(?:generated|written|created|produced|summari[sz]ed|compiled|drafted|translated"
    r"|prepared|assisted)\b[^.]{0,40}?\b(?:by|using|with(?: the help of)?)\s+" + _AI_TOOL + r"\b"
    r"|\bai[- ](?:generated|written|powered summary|summary|assisted)\b"
    r"|\b(?:generated|summary|summarised|summarized) by ai\b)",
    re.IGNORECASE,
)

_INPUTS = re.compile(
    r"^[\[(]?\s*(?:with\s+)?(?:inputs?|additional inputs?|reporting|content)\s+from\s+"
    r"(?P<who>[^)\]]{2,80}?)\s*[\])]?\s*[.]?$",
    re.IGNORECASE,
)
_REPORTING_BY = re.compile(
    r"^[\[(]?\s*(?:additional\s+)?(?:reporting|writing|compiled|editing)\s+by\b.{0,200}"
    r"(?:;|\beditin?g by\b|\bwriting by\b).*$",
    re.IGNORECASE,
)
_COPYRIGHT_WIRE = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*)?(?P<who>" + _AGENCY_ALT + r")\b",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][\w.,'’ -]{0,60}?\s)?\((?P<who>" + _AGENCY_ALT + r")\)\s*"
    r"(?P<dash>[-–—:]+)\s*",
    re.IGNORECASE,
)
_WIRE_BYLINE = re.compile(
    r"^(?:by\s+)?(?P<names>[A-Z][\w.'’ -]{2,60}?)\s*[,|/–—-]\s*(?P<who>" + _AGENCY_ALT + r")\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"^(?:(?:original|full|source|watch the (?:original|full))\s+"
    r"(?:video|article|story|report|broadcast|interview|clip)"
    r"(?:\s+(?:here|on|at|from|by)\b(?P<on>[^.]{0,60}))?|watch the original\b(?P<on2>[^.]{0,60})"
    r"|(?:source|via|originally published (?:by|on|in|at))\s*[:\-–]?\s*"
    r"(?P<src>[A-Z][^.:]{1,60}?))\s*[.:]?$",
    re.IGNORECASE,
)
_BY = re.compile(r"^(?:written\s+)?by[:\s]+(?P<rest>.{3,120})$", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-zà-ÿ]+(?:[-'’][A-Z]?[a-zà-ÿ]+)*|[A-Z]\.(?:[A-Z]\.)?|Mc[A-Z][a-z]+)$"
)
_NAME_PARTICLES = frozenset({"van", "von", "de", "da", "del", "der", "di", "la", "le", "bin", "al"})
_NAME_STOP = wordlists.words("byline-stopwords")
_SPLIT_NAMES = re.compile(r"\s*(?:,|&|\band\b|\|)\s*")
_BYLINE_CUT = re.compile(
    r"\s*(?:[|•·–—]|\s-\s|\b(?:on|updated|published|posted)\b)\s*", re.IGNORECASE
)
_DATE_TAIL = re.compile(r",?\s*\S*\d.*$")


@dataclass(frozen=True, slots=True)
class LabelSplit:
    """Body lines with label lines taken out, and what the labels said."""

    lines: tuple[str, ...]
    labels: Labels = field(default_factory=Labels)
    authors: tuple[str, ...] = ()


def is_person_name(text: str) -> bool:
    """Whether ``text`` is shaped like a person's name: two to four capitalised words."""
    words = text.split()
    if not 2 <= len(words) <= 4:
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _NAME_STOP:
            return False
        if _NAME_TOKEN.match(word):
            capitalised += 1
        elif word.lower() not in _NAME_PARTICLES:
            return False
    return capitalised >= 2 and _NAME_TOKEN.match(words[-1]) is not None


def parse_byline(text: str) -> tuple[str, ...]:
    """Names in a byline such as ``By Jane Doe and John Roe | June 3, 2024``; () if none."""
    match = _BY.match(text.strip())
    if match is None:
        return ()
    rest = _BYLINE_CUT.split(match.group("rest"), maxsplit=1)[0]
    rest = _DATE_TAIL.sub("", rest).strip(" .,:;|")
    names = []
    for part in _SPLIT_NAMES.split(rest):
        part = part.strip(" .,;")
        if not part:
            continue
        if part.lower() in WIRE_AGENCIES:
            continue
        if not is_person_name(part) and not (len(part.split()) == 1 and part[:1].isupper()):
            return ()
        names.append(part)
    return tuple(names)


def _agency(name: str) -> str:
    return WIRE_AGENCIES.get(name.strip().lower(), name.strip())


class _Found:
    """Mutable collector used while one call of :func:`split_labels` runs."""

    __slots__ = ("ai", "authors", "derived", "needs_publisher", "notes", "ratings", "wire")

    def __init__(self) -> None:
        self.ratings: list[BiasRating] = []
        self.ai = False
        self.wire: list[str] = []
        self.derived: list[str] = []
        self.notes: list[str] = []
        self.authors: list[str] = []
        self.needs_publisher = False

    def add_wire(self, name: str) -> None:
        if name and name not in self.wire:
            self.wire.append(name)

    def add_author(self, name: str) -> None:
        if name not in self.authors:
            self.authors.append(name)


_LABEL_STARTS = (
    "by ",
    "by:",
    "written by",
    "posted by",
    "reporting",
    "additional",
    "writing by",
    "editing by",
    "compiled by",
    "with input",
    "input",
    "content from",
    "©",
    "(c)",
    "copyright",
    "original",
    "full ",
    "source",
    "watch ",
    "via ",
    "(",
    "[",
)
_LABEL_WORDS = (
    "bias rating",
    "artificial",
    "gpt",
    "language model",
    "llm",
    "automated",
    "machine learning",
)
_AI_WORD = re.compile(r"\ba\.?i\b")


def _maybe_label(line: str) -> bool:
    """Cheap screen run before the regular expressions: most lines are prose."""
    lower = line.lower()
    # Substring tests run in C (map, not a generator); the regular expression
    # only confirms a hit.
    if lower.startswith(_LABEL_STARTS) or any(map(lower.__contains__, _LABEL_WORDS)):
        return True
    if (" ai" in lower or "ai-" in lower or "a.i." in lower) and _AI_WORD.search(lower):
        return True
    if len(line) >= 80:
        return False
    # "Jane Doe, Reuters": a short line ending in an agency name.
    tokens = lower.rstrip(" .").rsplit(None, 1)
    return bool(tokens) and tokens[-1].strip(",|/-") in _AGENCY_LAST_WORDS


def _label_line(line: str, found: _Found) -> bool:
    """Record what ``line`` says when it is a label line; True when it was one."""
    if not _maybe_label(line):
        return False
    match = _BIAS.match(line)
    if match is not None:
        rater = (match.group("rater") or "").strip()
        found.ratings.append(BiasRating(match.group("value").strip(), rater or "unknown"))
        return True
    if len(line.split()) <= 30 and _AI.search(line):
        found.ai = True
        return True
    match = _INPUTS.match(line)
    if match is not None:
        for who in _SPLIT_NAMES.split(match.group("who")):
            if who.strip():
                found.add_wire(_agency(who))
        return True
    match = _COPYRIGHT_WIRE.match(line)
    if match is not None:
        found.add_wire(_agency(match.group("who")))
        return True
    if _REPORTING_BY.match(line):
        found.add_wire("agency")
        return True
    match = _WIRE_BYLINE.match(line)
    if match is not None and is_person_name(match.group("names").strip()):
        found.add_author(match.group("names").strip())
        found.add_wire(_agency(match.group("who")))
        return True
    match = _ATTRIBUTION.match(line)
    if match is not None:
        named = (match.group("src") or match.group("on") or match.group("on2") or "").strip()
        named = named.strip(" :.-–").removeprefix("the ").strip()
        if named and named[:1].isupper():
            if named not in found.derived:
                found.derived.append(named)
        else:
            found.needs_publisher = True
        return True
    names = parse_byline(line)
    if names:
        for name in names:
            found.add_author(name)
        return True
    return False


def split_labels(
    lines: Sequence[str], *, publisher: str | None = None, lone_names: bool = True
) -> LabelSplit:
    """Take label lines out of ``lines`` and return them as metadata.

    ``publisher`` names the work an attribution line points at when the line
    names none (``Watch the full interview.``): extractors pass the publisher the page
    describes.  With ``lone_names`` a person-name line at either end of
    ``lines`` is taken as a byline.  A dateline credit (``LONDON (Reuters) -``)
    on one of the first lines is recorded and only the credit is cut, so the
    sentence stays in the body.
    """
    found = _Found()
    kept: list[str] = []
    first_text = -1
    for raw in lines:
        line = raw.strip()
        if not line:
            kept.append(raw)
            continue
        if first_text < 0:
            first_text = len(kept)
        if len(line) <= _MAX_LABEL_CHARS and _label_line(line, found):
            found.notes.append(line)
            continue
        if len(kept) - first_text < 3 and "(" in line[:80]:
            match = _DATELINE.match(line)
            if match is not None:
                found.add_wire(_agency(match.group("who")))
                found.notes.append(line[: match.end()].strip())
                place = (match.group("place") or "").strip()
                rest = line[match.end() :]
                raw = f"{place} {match.group('dash')} {rest}" if place else rest
        kept.append(raw)
    if lone_names:
        kept = _take_lone_names(kept, found)
    if found.needs_publisher and publisher and publisher not in found.derived:
        found.derived.append(publisher)
    if len(found.wire) > 1 and "agency" in found.wire:
        # An unnamed credit adds nothing once the agency is named elsewhere.
        found.wire.remove("agency")
    labels = Labels(
        bias_ratings=tuple(found.ratings),
        ai_generated=found.ai,
        wire_credits=tuple(found.wire),
        derived_from=tuple(found.derived),
        notes=tuple(found.notes),
    )
    return LabelSplit(lines=tuple(kept), labels=labels, authors=tuple(found.authors))


def _take_lone_names(kept: list[str], found: _Found) -> list[str]:
    """Cut a person-name line at either end of the text and record it as an author."""
    texts = [i for i, line in enumerate(kept) if line.strip()]
    if len(texts) < 2:
        return kept
    drop: set[int] = set()
    for index in (texts[0], texts[-1]):
        line = kept[index].strip()
        if is_person_name(line):
            found.add_author(line)
            found.notes.append(line)
            drop.add(index)
    return [line for i, line in enumerate(kept) if i not in drop] if drop else kept
