"""A story's headline in its brief: the story's own, one rule everywhere.

A stored story has a headline (chosen by the clusterer, :mod:`newsweave.cluster.headline`)
and its brief shows that one, so the story list, the story page, the export, the
API and the brief agree.  A story brief with no store (the stateless ``brief``)
gets its headline from the same rule (:func:`newsweave.cluster.headline.headline_of`).
Without any title, the headline is composed from the story's top key point (or
its first summary sentence), cut at a clause boundary.

The chosen title is cleaned (:func:`newsweave.cluster.titles.clean_title`, the
clusterer cleans the story's headline the same way).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.cluster.headline import headline_of
from newsweave.cluster.titles import clean_title
from newsweave.models import Article

__all__ = ["choose_headline", "clean_title"]

_MAX_HEADLINE_WORDS = 16


def _from_sentence(sentence: str) -> str:
    tokens = sentence.split()
    if len(tokens) > _MAX_HEADLINE_WORDS:
        cut = " ".join(tokens[:_MAX_HEADLINE_WORDS])
        comma = cut.rfind(",")
        sentence = cut[:comma] if comma > len(cut) // 2 else cut
    return sentence.rstrip(" .,;:")


def choose_headline(
    articles: Sequence[Article], *, fallback: Sequence[str] = (), headline: str | None = None
) -> str:
    """The story's headline: ``headline`` (a stored story's own) when given, else the
    clusterer's choice among the articles' titles; ``fallback`` sentences are used
    without titles."""
    if headline and headline.strip():
        return headline
    chosen = headline_of(articles)
    if chosen is not None and chosen.strip():
        return chosen
    for sentence in fallback:
        if sentence.strip():
            return _from_sentence(" ".join(sentence.split()))
    return "Untitled story"
