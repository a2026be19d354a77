"""The JSON form of a :class:`~newsweave.models.Brief` (``docs/brief-schema.md``).

:func:`brief_to_data` gives plain dicts, lists, strings, numbers, booleans and
``None``, ready for :func:`json.dumps`; keys and their order are the schema's,
and :data:`SCHEMA_VERSION` changes whenever a key changes meaning or goes away.
"""

from __future__ import annotations

from typing import Any

from newsweave.models import (
    AbstractSentence,
    Brief,
    Citation,
    Coverage,
    Disagreement,
    EntityMention,
    KeyPoint,
    Quote,
    Source,
    SummarySentence,
    TimelineEntry,
)

__all__ = ["SCHEMA_VERSION", "brief_to_data", "citation_to_data", "source_to_data"]

SCHEMA_VERSION = 1

Data = dict[str, Any]


def citation_to_data(citation: Citation) -> Data:
    """``{"article", "sentence", "outlet", "text", "partial"}``."""
    return {
        "article": citation.article_id,
        "sentence": citation.sentence_index,
        "outlet": citation.outlet,
        "text": citation.text,
        "partial": citation.partial,
    }


def _citations(citations: tuple[Citation, ...]) -> list[Data]:
    return [citation_to_data(c) for c in citations]


def _summary_sentence(sentence: SummarySentence) -> Data:
    return {"text": sentence.text, "citations": _citations(sentence.citations)}


def _abstract_sentence(sentence: AbstractSentence) -> Data:
    return {
        "text": sentence.text,
        "supported": sentence.supported,
        "support_score": sentence.support_score,
        "citations": _citations(sentence.citations),
    }


def _key_point(point: KeyPoint) -> Data:
    return {
        "text": point.text,
        "independent_sources": point.independent_sources,
        "total_sources": point.total_sources,
        "partial_sources": point.partial_sources,
        "support": _citations(point.support),
    }


def _disagreement(item: Disagreement) -> Data:
    return {
        "topic": item.topic,
        "versions": [
            {"text": text, "sources": _citations(citations)} for text, citations in item.versions
        ],
    }


def _quote(quote: Quote) -> Data:
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "role": quote.role,
        "article": quote.article,
        "source": citation_to_data(quote.citation) if quote.citation is not None else None,
    }


def _entity(entity: EntityMention) -> Data:
    return {
        "name": entity.name,
        "label": entity.label,
        "aliases": list(entity.aliases),
        "mentions_by_outlet": dict(entity.mentions_by_outlet),
    }


def _timeline(entry: TimelineEntry) -> Data:
    return {
        "date": entry.date,
        "text": entry.text,
        "planned": entry.planned,
        "rank": entry.rank,
        "sources": _citations(entry.citations),
    }


def source_to_data(source: Source) -> Data:
    """The JSON shape of a source (registry entry or coverage outlet)."""
    return {
        "name": source.name,
        "domain": source.domain,
        "country": source.country,
        "type": source.type.value,
        "owner": source.owner,
        "bias_ratings": [
            {"value": r.value, "rater": r.rater, "provenance": r.provenance}
            for r in source.bias_ratings
        ],
    }


def _coverage(coverage: Coverage) -> Data:
    return {
        "outlets": [
            {
                "source": source_to_data(entry.source),
                "articles": list(entry.article_ids),
                "wire_credits": list(entry.wire_credits),
                "provenance": entry.provenance,
                "derived_from": list(entry.derived_from),
            }
            for entry in coverage.entries
        ],
        "counts": [
            {
                "dimension": g.dimension,
                "value": g.value,
                "articles": g.articles,
                "outlets": g.outlets,
            }
            for g in coverage.counts
        ],
        "blindspots": list(coverage.blindspots),
        "independent_sources": coverage.independent_sources,
    }


def brief_to_data(brief: Brief) -> Data:
    """The JSON-ready form of ``brief`` (schema: ``docs/brief-schema.md``)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "story": brief.story_id,
        "headline": brief.headline,
        "summary": [_summary_sentence(s) for s in brief.summary],
        "key_points": [_key_point(p) for p in brief.key_points],
        "single_source": [_key_point(p) for p in brief.single_source],
        "disagreements": [_disagreement(d) for d in brief.disagreements],
        "quotes": [_quote(q) for q in brief.quotes],
        "entities": [_entity(e) for e in brief.entities],
        "timeline": [_timeline(t) for t in brief.timeline],
        "coverage": _coverage(brief.coverage),
        "abstract": [_abstract_sentence(s) for s in brief.abstract],
    }
