"""The records that flow between pipeline stages.

Data flows one way::

    input bytes --ingest--> RawDocument --extract--> Article --cluster--> Story --brief--> Brief

Every stage exchanges the frozen dataclasses defined here and nothing else, so a
stage can be replaced without touching its neighbours.  ``Story`` and ``Brief``
are filled by later stages (clustering and briefs); they are defined here so the
store and the API have one shape to persist and serve from the start.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal
from urllib.parse import urlsplit

__all__ = [
    "AbstractSentence",
    "Article",
    "BiasRating",
    "Brief",
    "Citation",
    "CopyGroup",
    "Coverage",
    "CoverageEntry",
    "DateSource",
    "Disagreement",
    "DuplicateMatch",
    "EntityMention",
    "Extraction",
    "FeedState",
    "GroupCount",
    "InputFailure",
    "KeyPoint",
    "Labels",
    "MatchKind",
    "Quote",
    "RawDocument",
    "Source",
    "SourceType",
    "Story",
    "StoryChanges",
    "StoryEvent",
    "StorylineSummary",
    "SummarySentence",
    "TimelineEntry",
    "content_hash",
    "date_source_of",
    "metadata_date",
    "normalise_for_hash",
    "usable_date",
    "usable_url",
]


DateSource = Literal["input", "page", "text"]
"""Where an article's ``published`` date came from.

``input``: the container (a JSONL field, a feed entry, a WARC header); ``page``:
the metadata the page declares (JSON-LD, meta tags, a marked ``time`` element);
``text``: read from the words of the page (a dateline, a date near the title,
htmldate's search of the visible text).  Metadata is a witness of when the
article was published; a date read from the text may be another day's (an
earlier event's, a photo caption's)."""


_DATE_SOURCES: dict[object, DateSource] = {"input": "input", "page": "page", "text": "text"}


def date_source_of(value: object) -> DateSource | None:
    """``value`` as a :data:`DateSource` (a stored column, a JSON field), else ``None``."""
    return _DATE_SOURCES.get(value)


def metadata_date(published: datetime | None, source: str | None) -> datetime | None:
    """``published`` when its source is metadata (``input`` or ``page``), else ``None``."""
    return published if source in ("input", "page") else None


def normalise_for_hash(text: str) -> str:
    """Fold case and white space so trivially reformatted copies hash alike."""
    return " ".join(text.casefold().split())


def usable_date(value: datetime | None) -> datetime | None:
    """``value`` when it lies far enough inside the calendar to be worked with, else ``None``.

    Dates are converted to UTC and moved by days and weeks (relative dates, cold
    gaps); at the calendar's ends (years 1 and 9999) that overflows.  No real
    publication date is that close to either end: such a date is a placeholder.
    """
    return value if value is not None and 1 < value.year < 9999 else None


def usable_url(value: str | None) -> str | None:
    """``value`` when the standard library can take it apart, else ``None``.

    ``urlsplit`` raises on some malformed URLs (``http://[::1``, an unclosed IPv6
    host); every later use of the URL (domains, coverage, links) would raise too.
    """
    if value is None:
        return None
    try:
        urlsplit(value).port  # noqa: B018 - the port is checked only when asked for
    except ValueError:
        return None
    return value


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text, hex encoded."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document as a reader found it, before extraction.

    ``content`` is already decoded to ``str``; ``content_type`` says how the
    extractor must read it (``text/html`` or ``text/plain``).  Metadata that the
    container knew (a JSONL field, a feed entry, a WARC header) is carried along
    and wins over what extraction finds in the page, because the container is
    usually the more reliable witness.
    """

    origin: str
    """Where it came from: a path, ``path:LINE``, ``path#OFFSET`` in a WARC, or a URL."""
    content_type: str
    content: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    record_id: str | None = None
    fetched_at: datetime | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Fields of the input record that newsweave does not interpret, kept verbatim."""


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input (or one record of it) that could not be read or extracted."""

    origin: str
    error: str
    """Exception class name, e.g. ``InputTooLargeError``."""
    message: str
    stage: str = "read"
    """``read``, ``extract`` or ``store``."""
    record_id: str | None = None
    """The ``id`` field of the record that failed, when it had a readable one."""


@dataclass(frozen=True, slots=True)
class BiasRating:
    """A media-bias rating of an outlet, with who gave it and where we found it."""

    value: str
    rater: str
    provenance: str = "article"
    """``article`` (stated in the page), ``input`` (a field of the input record) or ``registry``."""


@dataclass(frozen=True, slots=True)
class Labels:
    """Labels found inside the text and turned into metadata (removed from the body)."""

    bias_ratings: tuple[BiasRating, ...] = ()
    ai_generated: bool = False
    wire_credits: tuple[str, ...] = ()
    """Agencies credited for the text: ``Reuters``, ``AP``, ``agency`` (unnamed)."""
    derived_from: tuple[str, ...] = ()
    """Works this text is derived from, e.g. ``BBC`` for an AI summary of a BBC video."""
    notes: tuple[str, ...] = ()
    """The original label lines, verbatim, for audit."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor found in one page: clean body plus page metadata."""

    body: str
    title: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    labels: Labels = field(default_factory=Labels)
    date_source: DateSource | None = None
    """Where ``published`` came from (``page`` or ``text``; ``None`` when undated)."""


@dataclass(frozen=True, slots=True)
class Article:
    """A clean, stored news article."""

    id: str
    """Stable identifier derived from ``key``."""
    key: str
    """Identity used for idempotent ingest: ``url:<canonical url>`` or ``sha256:<content hash>``."""
    title: str | None
    body: str
    url: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    labels: Labels = field(default_factory=Labels)
    origin: str = ""
    content_type: str = "text/plain"
    content_hash: str = ""
    extractor_version: str = ""
    record_id: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    date_source: DateSource | None = None
    """Where ``published`` came from (:data:`DateSource`); ``None`` when undated, or
    stored by a newsweave that did not record it (read as not metadata)."""


@dataclass(frozen=True, slots=True)
class FeedState:
    """What ``newsweave follow`` remembers about one feed between polls."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_status: int | None = None
    error: str | None = None


class SourceType(StrEnum):
    """What kind of outlet a source is."""

    PUBLISHER = "publisher"
    WIRE = "wire"
    AGGREGATOR = "aggregator"
    AI_SUMMARY = "ai_summary"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Source:
    """An outlet.  Unknown facts stay ``None``: never guessed."""

    name: str
    domain: str | None = None
    country: str | None = None
    type: SourceType = SourceType.UNKNOWN
    owner: str | None = None
    bias_ratings: tuple[BiasRating, ...] = ()


MatchKind = Literal["exact", "near", "syndicated", "rewrite"]
"""How an article copies another: the copy kinds, or a sentence-by-sentence ``rewrite``."""


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """A new article found to copy or rewrite an earlier one (filled by the dedup stage)."""

    article_id: str
    """The new article."""
    original_id: str
    """The earliest article of the copy chain it belongs to."""
    kind: MatchKind
    score: float
    """``exact``: 1.0; ``near``: shingle Jaccard; ``syndicated``: shingle containment
    (the larger of the two directions); ``rewrite``: share of sentences aligned."""
    matched_id: str
    """The stored article it was compared with (``original_id`` or a copy of it)."""

    @property
    def duplicate_of(self) -> str | None:
        """The original, when this is a copy (exact, near or syndicated)."""
        return None if self.kind == "rewrite" else self.original_id

    @property
    def rewrite_of(self) -> str | None:
        """The original, when this is a rewrite."""
        return self.original_id if self.kind == "rewrite" else None


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """An original and the copies and rewrites of it within one story."""

    original_id: str
    member_ids: tuple[str, ...]
    """Copies and rewrites, in story order (the original excluded)."""
    kinds: tuple[MatchKind, ...]
    """How each member was linked, parallel to ``member_ids``."""


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one real-world event (filled by the clustering stage)."""

    id: str
    article_ids: tuple[str, ...]
    headline: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    independent_sources: int = 0
    sources: tuple[str, ...] = ()
    """The independent sources counted (see :func:`newsweave.dedup.story_coverage`)."""
    groups: tuple[CopyGroup, ...] = ()
    """Copies and rewrites collapsed into their originals."""
    storyline: str | None = None
    """The storyline the story belongs to (the saga it is one development of)."""


@dataclass(frozen=True, slots=True)
class StorylineSummary:
    """One stored storyline: the stories of one saga, counted (``stories --storylines``)."""

    id: str
    stories: int
    articles: int
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    name: str | None = None
    """Its name: as the store counts it, the headline of its largest story (most
    articles, then most sources); the views name it by
    :func:`newsweave.cluster.headline.storyline_name` (``pipeline/storylines``)."""


@dataclass(frozen=True, slots=True)
class StoryEvent:
    """A change of story identity: ``other_id`` merged into ``story_id``, or split off it."""

    kind: Literal["merge", "split"]
    story_id: str
    other_id: str
    at_article: str | None = None
    score: float | None = None
    article_ids: tuple[str, ...] = ()
    """The articles that moved from one story to the other."""


@dataclass(frozen=True, slots=True)
class StoryChanges:
    """What story assignment changed since the last time it was asked (one store batch)."""

    memberships: tuple[tuple[str, str], ...] = ()
    """``(article id, story id)`` for every article new or moved to another story."""
    matches: tuple[DuplicateMatch, ...] = ()
    """Copy and rewrite links found for new articles."""
    stories: tuple[Story, ...] = ()
    """The current state of every story created or changed."""
    removed: tuple[str, ...] = ()
    """Stories that no longer exist (merged into another)."""
    events: tuple[StoryEvent, ...] = ()
    storylines_merged: tuple[tuple[str, str], ...] = ()
    """``(gone, kept)`` storyline ids: every story of storyline ``gone`` is now in ``kept``.

    The stories themselves need not be in ``stories`` (they did not change);
    ``kept`` is the storyline as it stands when the changes are taken.
    """
    upto_seq: int = 0
    """The store sequence number of the last article these changes account for."""


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer to one sentence of one article."""

    article_id: str
    sentence_index: int
    outlet: str | None = None
    text: str = ""
    partial: bool = False
    """The sentence states only part of what it is cited for (the support judge's
    ``partial``): shown as "partly", never counted as a source reporting it."""


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One piece of information and the sentences of each outlet that state it."""

    text: str
    support: tuple[Citation, ...]
    independent_sources: int
    """Independent sources among ``support`` (same outlet or same wire copy counts once)."""
    total_sources: int = 0
    """Independent sources in the whole story, for "reported by 4 of 5"."""
    partial_sources: int = 0
    """Further independent sources that state the point only in part (their citations
    in ``support`` are marked ``partial``), for "+1 partly"; not in ``independent_sources``."""


@dataclass(frozen=True, slots=True)
class Disagreement:
    topic: str
    versions: tuple[tuple[str, tuple[Citation, ...]], ...]


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    speaker: str | None
    article: str
    role: str | None = None
    """The speaker's role or title where the article states it (``the foreign minister``)."""
    citation: Citation | None = None
    """The sentence that holds the quote."""


@dataclass(frozen=True, slots=True)
class EntityMention:
    name: str
    label: str
    """``person``, ``organisation``, ``place`` or ``other``."""
    mentions_by_outlet: Mapping[str, int] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    """Other forms of the name in the story that were folded into ``name``."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    """ISO 8601 date or datetime of the event."""
    text: str
    citations: tuple[Citation, ...]
    """The sentences that give the date, one or more per article."""
    planned: bool = False
    rank: int | None = None
    """1 for the entry that matters most, then 2, ...: a short timeline shows the best ranks."""


@dataclass(frozen=True, slots=True)
class CoverageEntry:
    source: Source
    article_ids: tuple[str, ...]
    wire_credits: tuple[str, ...] = ()
    """Agencies credited by this outlet's articles on the story."""
    provenance: str | None = None
    """Where ``source``'s country, type and owner come from: ``registry:<file>``, else ``None``."""
    derived_from: tuple[str, ...] = ()
    """Works this outlet's articles retell (an AI summary of a broadcaster's report): what
    its bias ratings found in the article are usually about."""


@dataclass(frozen=True, slots=True)
class GroupCount:
    """Articles and outlets of one group (a type, a country, a bias rating) on a story."""

    dimension: str
    """``type``, ``country`` or ``bias``."""
    value: str
    """The group; ``unknown`` when the fact is not known."""
    articles: int
    outlets: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """Who covered a story: each outlet, counts by group and the groups that did not."""

    entries: tuple[CoverageEntry, ...] = ()
    counts: tuple[GroupCount, ...] = ()
    blindspots: tuple[str, ...] = ()
    """Bias groups (known to the registry, or the standard left/center/right) with no article."""
    independent_sources: int = 0
    """Independent sources among the outlets (copies of one text and articles of one
    outlet or site count once): the M of every key point's "reported by N of M"."""


@dataclass(frozen=True, slots=True)
class Brief:
    """The brief of one story (filled by the brief stage)."""

    story_id: str
    headline: str
    summary: tuple[SummarySentence, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()
    single_source: tuple[KeyPoint, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    coverage: Coverage = field(default_factory=Coverage)
    schema_version: int = 1
    """Version of the JSON form (``docs/brief-schema.md``)."""
    abstract: tuple[AbstractSentence, ...] = ()
    """The optional AI-written summary (``--llm``), each sentence checked against its sources."""


@dataclass(frozen=True, slots=True)
class AbstractSentence:
    """One sentence of an AI-written summary, checked against the sentences it cites.

    ``supported`` is false when the sentence is not similar enough to the sentences
    it cites, names a number or name none of them holds, or cites
    nothing valid; such a sentence must be shown marked, never as fact.
    """

    text: str
    citations: tuple[Citation, ...]
    supported: bool
    support_score: float
    """Best similarity to a cited sentence (:mod:`newsweave.brief.align`), in [0, 1]."""
