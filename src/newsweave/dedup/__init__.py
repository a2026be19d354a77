"""Duplicates and rewrites: exact copies, near copies, syndicated wire copy and paraphrases.

* :mod:`~newsweave.dedup.options`: :class:`DedupOptions`, every threshold in one place;
* :mod:`~newsweave.dedup.fingerprint`: an article's words as hashes, cut into sentences;
* :mod:`~newsweave.dedup.align`: sentence alignment, the rewrite score;
* :mod:`~newsweave.dedup.detector`: :class:`DuplicateDetector`, the incremental matching;
* :mod:`~newsweave.dedup.candidates`: the candidate lookup as an order-free join
  (what the Spark job runs in parallel);
* :mod:`~newsweave.dedup.coverage`: :func:`story_coverage`, independent sources of a story,
  and :func:`source_units`, the source each article counts for.
"""

from __future__ import annotations

from newsweave.dedup.coverage import (
    CopyGroup,
    StoryCoverage,
    article_site,
    copy_matches,
    outlet_agency,
    source_key,
    source_units,
    story_coverage,
)
from newsweave.dedup.detector import (
    ArticleAnalysis,
    ArticleCandidates,
    DuplicateDetector,
    DuplicateMatch,
    MatchKind,
)
from newsweave.dedup.options import DedupOptions

__all__ = [
    "ArticleAnalysis",
    "ArticleCandidates",
    "CopyGroup",
    "DedupOptions",
    "DuplicateDetector",
    "DuplicateMatch",
    "MatchKind",
    "StoryCoverage",
    "article_site",
    "copy_matches",
    "outlet_agency",
    "source_key",
    "source_units",
    "story_coverage",
]
