"""The candidate join of duplicate detection: which earlier articles share a key with each one.

:class:`~newsweave.dedup.DuplicateDetector` finds the articles to compare a new
one with in its indexes: the same word fingerprint, a shared MinHash band key,
shared sentence keys.  The indexes hold only the articles it *indexed*
(originals and rewrites: decided earlier in the stream), but which earlier
articles hold a key does not depend on any decision.  So the lookup splits in
two:

* a join, order-free and parallel (the Spark job runs it as DataFrame joins;
  :func:`join_candidates` is the same join in plain Python): every article's
  keys (:func:`join_keys`) against those of the articles before it;
* ``DuplicateDetector.observe(article, analysis=..., candidates=...)``, in
  stream order, keeps the candidates it indexed and decides exactly as its
  index lookup would.

Two things keep the join small without changing an answer.  An exact copy (an
earlier article has the same words) is never indexed, so it holds no key.  And
a key that more than ``common_limit`` articles hold (boilerplate sentences,
very common texts) is not joined at all, which would cost the square of its
holders: the article's candidates name it among ``common_bands`` /
``common_keys``, and the detector looks it up in its own index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsweave.dedup.detector import ArticleAnalysis, ArticleCandidates

__all__ = ["COMMON_LIMIT", "JoinKeys", "candidates_from_rows", "join_candidates", "join_keys"]

COMMON_LIMIT = 1000
"""Holders above which a key is not joined but looked up on the detector's index."""

BAND = 0
"""Kind of a MinHash band key in :func:`candidates_from_rows`."""
SENTENCE = 1
"""Kind of a sentence key."""
SAME_TEXT = 2
"""Kind of the row naming the earliest article with the same words."""


@dataclass(frozen=True, slots=True)
class JoinKeys:
    """What one article brings to the join (keys are unsigned 64-bit integers)."""

    digest: bytes
    """The word fingerprint's digest: articles with equal digests have the same words."""
    bands: tuple[int, ...]
    """MinHash band keys: looked up, and held once the article is indexed."""
    keys: tuple[int, ...]
    """Sentence keys, sorted: all are looked up..."""
    held: int
    """...and the first ``held`` of them are held (``keys_per_article``)."""


def join_keys(analysis: ArticleAnalysis) -> JoinKeys | None:
    """The keys of an analysed article; ``None`` when it is too short to compare."""
    detail = analysis.detail
    if detail is None:
        return None
    return JoinKeys(
        digest=detail.print_.digest,
        bands=tuple(detail.bands.tolist()),
        keys=tuple(detail.keys.tolist()),
        held=analysis.options.keys_per_article,
    )


def candidates_from_rows(
    article_id: str, position: int, rows: Iterable[tuple[int, int, Sequence[int] | None]]
) -> ArticleCandidates:
    """An article's candidates from the join's rows ``(kind, key, holders)``.

    ``position`` is the article's place in the stream; ``holders`` are the places
    of the articles holding the key, ascending; ``None`` marks a key too common to
    join.  For :data:`SAME_TEXT` the key is unused and the holder is the earliest
    article with the same words.
    """
    same_text: int | None = None
    near: dict[int, None] = {}
    postings: list[tuple[int, tuple[int, ...]]] = []
    common_bands: list[int] = []
    common_keys: list[int] = []
    for kind, key, holders in sorted(rows, key=lambda row: (row[0], row[1])):
        if kind == SAME_TEXT:
            same_text = holders[0] if holders else None
        elif holders is None:
            (common_bands if kind == BAND else common_keys).append(key)
        elif kind == BAND:
            near.update(dict.fromkeys(holders))
        else:
            postings.append((key, tuple(holders)))
    return ArticleCandidates(
        article_id=article_id,
        position=position,
        same_text=same_text,
        near=tuple(sorted(near)),  # each band's holders ascend, their union need not
        postings=tuple(postings),
        common_bands=tuple(common_bands),
        common_keys=tuple(common_keys),
    )


def join_candidates(
    analyses: Sequence[ArticleAnalysis], *, common_limit: int = COMMON_LIMIT
) -> list[ArticleCandidates]:
    """The candidates of each of ``analyses`` (distinct articles, in stream order)."""
    found = [join_keys(analysis) for analysis in analyses]
    first: dict[bytes, int] = {}
    for position, keys in enumerate(found):
        if keys is not None:
            first.setdefault(keys.digest, position)
    live = [
        keys if keys is not None and first[keys.digest] == position else None
        for position, keys in enumerate(found)
    ]
    counts: dict[tuple[int, int], int] = {}
    for keys in live:
        if keys is not None:
            for held in (*((BAND, key) for key in keys.bands), *_held(keys)):
                counts[held] = counts.get(held, 0) + 1
    holders: dict[tuple[int, int], list[int]] = {}
    result = []
    for position, (analysis, keys, own) in enumerate(zip(analyses, found, live, strict=True)):
        rows: list[tuple[int, int, Sequence[int] | None]] = []
        if keys is not None and own is None:
            rows.append((SAME_TEXT, 0, (first[keys.digest],)))
        elif own is not None:
            asked = (*((BAND, key) for key in own.bands), *((SENTENCE, key) for key in own.keys))
            for kind, key in asked:
                if counts.get((kind, key), 0) > common_limit:
                    rows.append((kind, key, None))
                elif (kind, key) in holders:
                    rows.append((kind, key, tuple(holders[kind, key])))
            for held in dict.fromkeys((*((BAND, key) for key in own.bands), *_held(own))):
                holders.setdefault(held, []).append(position)
        result.append(candidates_from_rows(analysis.article_id, position, rows))
    return result


def _held(keys: JoinKeys) -> Iterable[tuple[int, int]]:
    return ((SENTENCE, key) for key in keys.keys[: keys.held])
