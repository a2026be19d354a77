"""The display-ready values of a brief's sections, one frozen dataclass per section and item.

:func:`newsweave.render.sections.brief_sections` fills them; the Markdown and HTML
formatters read them.  Each section names its heading; each cited item carries
the numbered sources (:class:`~newsweave.render.present.Ref`) it cites.  Text
stays raw (article text is untrusted): each formatter escapes it its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsweave.render.present import ABSTRACT_HEADING, Ref

__all__ = [
    "NO_SUMMARY",
    "AbstractLine",
    "AbstractSection",
    "BriefSections",
    "Cited",
    "CoverageSection",
    "DisagreementsSection",
    "Dispute",
    "EntitiesSection",
    "Event",
    "GroupCounts",
    "KeyPointsSection",
    "Name",
    "NameGroup",
    "OutletRow",
    "Point",
    "QuoteLine",
    "QuotesSection",
    "Section",
    "SingleSourceSection",
    "SourceEntry",
    "SourcesSection",
    "SummarySection",
    "Support",
    "TimelineSection",
]

NO_SUMMARY = "No summary: the articles had no usable sentences."


@dataclass(frozen=True, slots=True)
class Cited:
    """A piece of text and the numbered sources it cites, each once, by number."""

    text: str
    sources: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class SummarySection:
    """The cited summary sentences (none: the formatter says :data:`NO_SUMMARY`)."""

    heading: ClassVar[str] = "Summary"
    sentences: tuple[Cited, ...]
    note: str | None = None
    """Said under the summary: :data:`SINGLE_CITATION_NOTE` when a sentence cites only
    its own article in a story of several sources."""


@dataclass(frozen=True, slots=True)
class AbstractLine:
    """One sentence of the AI-written summary and how its check against the sources went."""

    text: str
    sources: tuple[Ref, ...]
    supported: bool
    status: str
    """``supported (similarity 0.62)``, or what may have failed (:func:`abstract_status`)."""


@dataclass(frozen=True, slots=True)
class AbstractSection:
    heading: ClassVar[str] = ABSTRACT_HEADING
    sentences: tuple[AbstractLine, ...]


@dataclass(frozen=True, slots=True)
class Support:
    """One sentence backing a key point: its numbered source and its text in quotes."""

    source: Ref
    quote: str
    partial: bool = False
    """The sentence states the key point only in part (shown as "partly")."""


@dataclass(frozen=True, slots=True)
class Point:
    text: str
    reported: str
    """``reported by 4 of 5 independent sources``."""
    support: tuple[Support, ...]


@dataclass(frozen=True, slots=True)
class KeyPointsSection:
    heading: ClassVar[str] = "Key points"
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class SingleSourceSection:
    heading: ClassVar[str] = "Single-source claims"
    claims: tuple[Cited, ...]


@dataclass(frozen=True, slots=True)
class Dispute:
    """A topic the outlets disagree on, and each version with who tells it."""

    topic: str
    versions: tuple[Cited, ...]


@dataclass(frozen=True, slots=True)
class DisagreementsSection:
    heading: ClassVar[str] = "Disagreements"
    disputes: tuple[Dispute, ...]


@dataclass(frozen=True, slots=True)
class QuoteLine:
    text: str
    speaker: str | None
    """``None``: the quote is unattributed."""
    role: str | None
    source: Ref | None


@dataclass(frozen=True, slots=True)
class QuotesSection:
    heading: ClassVar[str] = "Quotes"
    quotes: tuple[QuoteLine, ...]


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    aliases: tuple[str, ...]
    counts: str
    """``3 mentions in 2 sources``."""


@dataclass(frozen=True, slots=True)
class NameGroup:
    """The names of one :data:`~newsweave.render.present.ENTITY_GROUPS` group (never empty)."""

    heading: str
    names: tuple[Name, ...]


@dataclass(frozen=True, slots=True)
class EntitiesSection:
    heading: ClassVar[str] = "People, organisations and places"
    groups: tuple[NameGroup, ...]


@dataclass(frozen=True, slots=True)
class Event:
    date: str
    """As stored (ISO 8601), for machine-readable markup."""
    shown_date: str
    """As a person reads it (:func:`~newsweave.render.present.display_date`)."""
    planned: bool
    text: str
    sources: tuple[Ref, ...]


@dataclass(frozen=True, slots=True)
class TimelineSection:
    heading: ClassVar[str] = "Timeline"
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class OutletRow:
    """One outlet of the coverage table; a fact not known reads ``unknown``."""

    name: str
    outlet_known: bool
    """False: ``name`` is the article title or input file standing in for the outlet."""
    type: str
    country: str
    owner: str
    ratings: str
    articles: int
    wire_credits: str
    facts_from: str


@dataclass(frozen=True, slots=True)
class GroupCounts:
    """Coverage counted by one dimension: each group with ``N articles from M outlets``."""

    dimension: str
    groups: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class CoverageSection:
    heading: ClassVar[str] = "Coverage"
    columns: ClassVar[tuple[str, ...]] = (
        "Outlet",
        "Type",
        "Country",
        "Owner",
        "Bias ratings",
        "Articles",
        "Wire credits",
        "Facts from",
    )
    rows: tuple[OutletRow, ...]
    counts: tuple[GroupCounts, ...]
    blindspots: tuple[str, ...]
    independence: str = ""
    """``5 outlets, 4 independent sources``: the M of the key points (empty when unknown)."""


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One entry of the numbered list of sources: a cited article."""

    number: int
    name: str
    outlet_known: bool
    title: str | None
    """The article title, when there is one and it is not already the ``name``."""
    url: str | None
    """The article's address, only when it is an ``http(s)`` URL (never a ``javascript:`` link)."""
    published: str | None
    """The article's date as a person reads it, when known."""
    sentences: tuple[str, ...]
    """The cited sentences."""
    backlinks: tuple[str, ...]
    """The anchor of every place citing it, in reading order."""


@dataclass(frozen=True, slots=True)
class SourcesSection:
    heading: ClassVar[str] = "Sources"
    sources: tuple[SourceEntry, ...]


Section = (
    SummarySection
    | AbstractSection
    | KeyPointsSection
    | SingleSourceSection
    | DisagreementsSection
    | QuotesSection
    | EntitiesSection
    | TimelineSection
    | CoverageSection
    | SourcesSection
)


@dataclass(frozen=True, slots=True)
class BriefSections:
    """A brief laid out for a reader: its title line, facts and sections in reading order."""

    headline: str
    story_id: str
    facts: str
    """``5 articles, 5 independent sources; first seen …`` (empty without a story)."""
    sections: tuple[Section, ...]
