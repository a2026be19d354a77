"""The walk over a brief's sections, written once for every readable form (Markdown, HTML).

:func:`brief_sections` turns a :class:`~newsweave.render.present.StoryBrief` into
its sections in reading order (summary, AI-written summary, key points,
disagreements, single-source claims, quotes, people and places, timeline,
coverage, sources), leaving out the empty ones but never the summary.  Each
section holds display-ready values: the words a reader sees (from
:mod:`newsweave.render.present`) and, for every item, the numbered sources it
cites, numbered once per brief as the story page numbers them
(:mod:`newsweave.render.citations`); each place citing a source has an anchor its
entry in the list of sources links back to.  Which sections a brief shows, in
what order and with what in them is decided here;
:mod:`newsweave.render.markdown` and :mod:`newsweave.render.html` only write each
value in their syntax.  Text stays raw (article text is
untrusted): each formatter escapes it its own way.  The section and item types
are defined in :mod:`newsweave.render.section_types`, where readers import them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from newsweave.models import Citation, CoverageEntry, GroupCount
from newsweave.render.charts import whole_percents
from newsweave.render.present import (
    ENTITY_GROUPS,
    SINGLE_CITATION_NOTE,
    NumberedSource,
    Numbers,
    StoryBrief,
    abstract_status,
    cited_sources,
    counted,
    coverage_name,
    display_date,
    entity_group,
    quoted,
    ratings_text,
    reported_by,
    single_citation_note,
    story_facts,
    type_text,
)
from newsweave.render.section_types import (
    AbstractLine,
    AbstractSection,
    BriefSections,
    Cited,
    CoverageSection,
    DisagreementsSection,
    Dispute,
    EntitiesSection,
    Event,
    GroupCounts,
    KeyPointsSection,
    Name,
    NameGroup,
    OutletRow,
    Point,
    QuoteLine,
    QuotesSection,
    Section,
    SingleSourceSection,
    SourceEntry,
    SourcesSection,
    SummarySection,
    Support,
    TimelineSection,
)

__all__ = ["brief_sections"]


def brief_sections(item: StoryBrief) -> BriefSections:
    """The sections of ``item``'s brief in reading order, each with its display-ready items."""
    numbers = Numbers(cited_sources(item))
    laid_out = (lay_out(item, numbers) for lay_out in _READING_ORDER)
    return BriefSections(
        headline=item.brief.headline,
        story_id=item.brief.story_id,
        facts=story_facts(item),
        sections=tuple(section for section in laid_out if section is not None),
    )


def _cited(numbers: Numbers, text: str, citations: Iterable[Citation]) -> Cited:
    return Cited(text=text, sources=tuple(numbers.distinct(citations)))


def _summary(item: StoryBrief, numbers: Numbers) -> SummarySection:
    sentences = tuple(_cited(numbers, s.text, s.citations) for s in item.brief.summary)
    note = single_citation_note(
        item.brief.coverage.independent_sources,
        [{c.article_id for c in s.citations} for s in item.brief.summary],
    )
    return SummarySection(sentences, SINGLE_CITATION_NOTE if note else None)


def _abstract(item: StoryBrief, numbers: Numbers) -> AbstractSection | None:
    if not item.brief.abstract:
        return None
    return AbstractSection(
        tuple(
            AbstractLine(
                text=written.text,
                sources=tuple(numbers.distinct(written.citations)),
                supported=written.supported,
                status=abstract_status(written),
            )
            for written in item.brief.abstract
        )
    )


def _key_points(item: StoryBrief, numbers: Numbers) -> KeyPointsSection | None:
    if not item.brief.key_points:
        return None
    return KeyPointsSection(
        tuple(
            Point(
                text=point.text,
                reported=reported_by(point),
                support=tuple(
                    Support(source=numbers.of(c), quote=quoted(c.text), partial=c.partial)
                    for c in point.support
                ),
            )
            for point in item.brief.key_points
        )
    )


def _single_source(item: StoryBrief, numbers: Numbers) -> SingleSourceSection | None:
    claims = item.brief.single_source
    if not claims:
        return None
    return SingleSourceSection(tuple(_cited(numbers, p.text, p.support) for p in claims))


def _disagreements(item: StoryBrief, numbers: Numbers) -> DisagreementsSection | None:
    if not item.brief.disagreements:
        return None
    return DisagreementsSection(
        tuple(
            Dispute(
                topic=d.topic,
                versions=tuple(_cited(numbers, text, cites) for text, cites in d.versions),
            )
            for d in item.brief.disagreements
        )
    )


def _quotes(item: StoryBrief, numbers: Numbers) -> QuotesSection | None:
    if not item.brief.quotes:
        return None
    return QuotesSection(
        tuple(
            QuoteLine(
                text=q.text,
                speaker=q.speaker,
                role=q.role,
                source=numbers.of(q.citation) if q.citation else None,
            )
            for q in item.brief.quotes
        )
    )


def _entities(item: StoryBrief, _numbers: Numbers) -> EntitiesSection | None:
    if not item.brief.entities:
        return None
    groups = []
    for label, heading in ENTITY_GROUPS:
        names = tuple(
            Name(
                name=entity.name,
                aliases=entity.aliases,
                counts=f"{counted(sum(entity.mentions_by_outlet.values()), 'mention')}"
                f" in {counted(len(entity.mentions_by_outlet), 'source')}",
            )
            for entity in item.brief.entities
            if entity_group(entity) == label
        )
        if names:
            groups.append(NameGroup(heading=heading, names=names))
    return EntitiesSection(tuple(groups))


def _timeline(item: StoryBrief, numbers: Numbers) -> TimelineSection | None:
    if not item.brief.timeline:
        return None
    return TimelineSection(
        tuple(
            Event(
                date=entry.date,
                shown_date=display_date(entry.date),
                planned=entry.planned,
                text=entry.text,
                sources=tuple(numbers.distinct(entry.citations)),
            )
            for entry in item.brief.timeline
        )
    )


def _outlet_row(item: StoryBrief, entry: CoverageEntry) -> OutletRow:
    name, known = coverage_name(entry, item.articles)
    source = entry.source
    return OutletRow(
        name=name,
        outlet_known=known,
        type=type_text(entry),
        country=source.country or "unknown",
        owner=source.owner or "unknown",
        ratings=ratings_text(entry),
        articles=len(entry.article_ids),
        wire_credits=", ".join(entry.wire_credits) or "none",
        facts_from=entry.provenance or "the articles",
    )


def _coverage(item: StoryBrief, _numbers: Numbers) -> CoverageSection | None:
    coverage = item.brief.coverage
    if not coverage.entries:
        return None
    by_dimension: dict[str, list[GroupCount]] = {}
    for group in coverage.counts:
        by_dimension.setdefault(group.dimension, []).append(group)
    dimensions: dict[str, list[tuple[str, str]]] = {}
    for dimension, groups in by_dimension.items():
        # The web pages' shares: equal counts read equal (render.charts.whole_percents).
        shares = whole_percents([g.outlets for g in groups], len(coverage.entries))
        dimensions[dimension] = [
            (
                group.value,
                f"{counted(group.articles, 'article')} from {counted(group.outlets, 'outlet')}"
                f" ({share}% of outlets)",
            )
            for group, share in zip(groups, shares, strict=True)
        ]
    return CoverageSection(
        rows=tuple(_outlet_row(item, entry) for entry in coverage.entries),
        counts=tuple(GroupCounts(dim, tuple(groups)) for dim, groups in dimensions.items()),
        blindspots=coverage.blindspots,
        independence=(
            f"{counted(len(coverage.entries), 'outlet')}, "
            f"{counted(coverage.independent_sources, 'independent source')} "
            "(copies of one text count once)"
            if coverage.independent_sources
            else ""
        ),
    )


def _source_entry(source: NumberedSource, backlinks: tuple[str, ...]) -> SourceEntry:
    url = source.url
    return SourceEntry(
        number=source.number,
        name=source.name,
        outlet_known=source.outlet_known,
        title=source.title if source.title and source.title != source.name else None,
        url=url if url and url.startswith(("http://", "https://")) else None,
        published=source.published,
        sentences=source.sentences,
        backlinks=backlinks,
    )


def _sources(_item: StoryBrief, numbers: Numbers) -> SourcesSection | None:
    # Laid out last: every place citing a source has its anchor by now.
    if not numbers.sources:
        return None
    return SourcesSection(
        tuple(_source_entry(s, numbers.backlinks(s.number)) for s in numbers.sources)
    )


_READING_ORDER: tuple[Callable[[StoryBrief, Numbers], Section | None], ...] = (
    _summary,
    _abstract,
    _key_points,
    _disagreements,
    _single_source,
    _quotes,
    _entities,
    _timeline,
    _coverage,
    _sources,
)
"""Each section's maker, in the order a reader meets them; ``None``: nothing to show."""
