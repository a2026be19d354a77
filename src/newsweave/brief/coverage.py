"""Who covered a story: outlets with what is known about them, counts by group, blind spots.

Each fact is shown with where it came from and unknown facts stay unknown:

* an outlet's country, type and owner come from the user's registry
  (:mod:`newsweave.sources`, provenance ``registry:<file>``), else are unknown;
  an article labelled as AI generated makes its outlet an AI summary;
* bias ratings come from the article's own labels (provenance ``article``) and
  from the registry; both are kept, each with its provenance;
* wire credits found in the articles are noted on the outlet's entry.

Counts are given by type, by country and by bias rating value (case folded);
``unknown`` is a group of its own; bias values are ordered from left to right
(:func:`bias_side`), ``unknown`` last.  A blind spot is a side (``left`` or
``right``) that no outlet rated on that side covered, claimed only when at
least ``blindspot_min_rated`` outlets with a side-bearing rating covered the
story (never fewer than two): with fewer, a missing side says nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlsplit

from newsweave.models import (
    Article,
    BiasRating,
    Coverage,
    CoverageEntry,
    GroupCount,
    Source,
    SourceType,
)
from newsweave.sources import SourceRegistry, normalise_domain

__all__ = ["BLINDSPOT_MIN_RATED", "STANDARD_BIAS_GROUPS", "bias_side", "build_coverage"]

STANDARD_BIAS_GROUPS = ("left", "center", "right")
"""The sides of the political spectrum, from left to right."""

BLINDSPOT_MIN_RATED = 3
"""Rated outlets needed before a side with no coverage is called a blind spot."""

UNKNOWN = "unknown"


def _domain(article: Article) -> str | None:
    for url in (article.canonical_url, article.url):
        try:
            if url and urlsplit(url).hostname:
                return normalise_domain(url)
        except ValueError:  # a malformed address stored before ingest dropped them
            continue
    return None


def _outlet_key(article: Article, registered: Source | None) -> tuple[str, str]:
    """(grouping key, shown name) of an article's outlet."""
    if registered is not None:
        return "registry:" + registered.name.casefold(), registered.name
    if article.outlet:
        return "outlet:" + " ".join(article.outlet.split()).casefold(), article.outlet
    domain = _domain(article)
    if domain:
        return "domain:" + domain, domain
    # Nothing says who published it: it is its own unknown outlet, not merged with others.
    return "article:" + article.id, UNKNOWN


def _merge_ratings(*groups: Sequence[BiasRating]) -> tuple[BiasRating, ...]:
    seen: set[tuple[str, str, str]] = set()
    kept: list[BiasRating] = []
    for ratings in groups:
        for rating in ratings:
            key = (rating.value.casefold(), rating.rater.casefold(), rating.provenance)
            if key not in seen:
                seen.add(key)
                kept.append(rating)
    return tuple(kept)


def build_coverage(
    articles: Sequence[Article],
    registry: SourceRegistry | None = None,
    *,
    independent_sources: int = 0,
    blindspot_min_rated: int = BLINDSPOT_MIN_RATED,
) -> Coverage:
    """The coverage of a story told by ``articles``, with facts from ``registry`` where known.

    ``independent_sources`` is the story's count of independent sources (the
    brief's, :func:`newsweave.dedup.source_units`), shown beside the outlets.
    """
    grouped: dict[str, list[Article]] = defaultdict(list)
    registered: dict[str, Source | None] = {}
    names: dict[str, str] = {}
    for article in articles:
        source = registry.lookup(article) if registry is not None else None
        key, name = _outlet_key(article, source)
        grouped[key].append(article)
        registered.setdefault(key, source)
        names.setdefault(key, name)
    entries: list[CoverageEntry] = []
    for key, members in grouped.items():
        entries.append(_entry(names[key], registered[key], members, registry))
    entries.sort(key=lambda e: (-len(e.article_ids), e.source.name.casefold()))
    return Coverage(
        entries=tuple(entries),
        counts=_counts(entries),
        blindspots=_blindspots(entries, blindspot_min_rated),
        independent_sources=independent_sources,
    )


def _entry(
    name: str, source: Source | None, articles: list[Article], registry: SourceRegistry | None
) -> CoverageEntry:
    article_ratings = [r for a in articles for r in a.labels.bias_ratings]
    wires = tuple(dict.fromkeys(w for a in articles for w in a.labels.wire_credits))
    domain = next((d for d in map(_domain, articles) if d), None)
    provenance = registry.provenance if registry is not None and source is not None else None
    facts = source or Source(name=name, domain=domain)
    if facts.type is SourceType.UNKNOWN and all(a.labels.ai_generated for a in articles):
        facts = replace(facts, type=SourceType.AI_SUMMARY)
    facts = replace(
        facts,
        domain=facts.domain or domain,
        bias_ratings=_merge_ratings(article_ratings, facts.bias_ratings),
    )
    return CoverageEntry(
        source=facts,
        article_ids=tuple(a.id for a in articles),
        wire_credits=wires,
        provenance=provenance,
        derived_from=tuple(dict.fromkeys(d for a in articles for d in a.labels.derived_from)),
    )


def bias_side(value: str) -> str | None:
    """The side (``left``, ``center`` or ``right``) a bias rating value stands on.

    ``Lean Left`` and ``Left`` are both on the left; a value naming neither or
    both sides (``Mixed``, a rater's own scale) stands on none.
    """
    words = value.casefold().replace("-", " ").split()
    left = any(w.startswith("left") for w in words)
    right = any(w.startswith("right") for w in words)
    if left != right:
        return "left" if left else "right"
    if not left and any(w.startswith(("cent", "middle")) for w in words):
        return "center"
    return None


def _bias_order(value: str) -> tuple[int, int, str]:
    """Left to right: left, lean left, center, lean right, right; others, then unknown."""
    if value == UNKNOWN:
        return (5, 0, value)
    side = bias_side(value)
    if side is None:
        return (4, 0, value)
    leaning = 1 if len(value.replace("-", " ").split()) > 1 else 0
    if side == "left":
        return (0, leaning, value)
    if side == "center":
        return (1, 0, value)
    return (2, -leaning, value)


def _counts(entries: list[CoverageEntry]) -> tuple[GroupCount, ...]:
    articles: dict[tuple[str, str], int] = defaultdict(int)
    outlets: dict[tuple[str, str], int] = defaultdict(int)
    for entry in entries:
        source = entry.source
        groups = [("type", source.type.value), ("country", source.country or UNKNOWN)]
        values = sorted({r.value.casefold() for r in source.bias_ratings}) or [UNKNOWN]
        groups.extend(("bias", value) for value in values)
        for group in groups:
            articles[group] += len(entry.article_ids)
            outlets[group] += 1
    order = {"type": 0, "country": 1, "bias": 2}

    def key(group: tuple[str, str]) -> tuple[int, tuple[int, int, str]]:
        dimension, value = group
        if dimension == "bias":
            return (order[dimension], _bias_order(value))
        return (order[dimension], (int(value == UNKNOWN), 0, value))

    return tuple(
        GroupCount(dimension, value, articles[(dimension, value)], outlets[(dimension, value)])
        for dimension, value in sorted(articles, key=key)
    )


def _blindspots(entries: list[CoverageEntry], min_rated: int) -> tuple[str, ...]:
    covered: set[str] = set()
    rated = 0
    for entry in entries:
        sides = {bias_side(r.value) for r in entry.source.bias_ratings}
        sides.discard(None)
        if sides:
            rated += 1
            covered.update(side for side in sides if side is not None)
    if rated < max(min_rated, 2):  # one outlet never makes a blind spot
        return ()
    return tuple(side for side in ("left", "right") if side not in covered)
