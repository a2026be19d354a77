"""Pages that are no article: a site's notice to its reader in place of a report.

A crawl of news pages also brings back what a site shows instead of the article:
a page-not-found or moved notice, a request to enable scripts or accept a
setting, a reprint notice, a line about the archive that stored the page.  Such
a page reports no event, yet two of them look alike to the clusterer (their
words are the site's, not the news'), so they gather the rows of unrelated
stories into one.  :func:`is_notice` recognises them from the text's shape
alone: a short text most of whose sentences speak to the reader
(``ClusterOptions.notice_words``).

A notice keeps a story of its own that nothing joins, and the clusterer says
so (:meth:`~newsweave.cluster.incremental.StoryClusterer.is_notice`).
"""

from __future__ import annotations

import re

from newsweave.models import Article

__all__ = ["is_notice", "reader_share", "word_count"]

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_READER = re.compile(r"\b(?:you|your|yours|you're|you've|you'll|you'd|please)\b", re.IGNORECASE)
"""Words by which a text addresses its reader (the second person, a request)."""
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]")
"""A quotation: someone in the story speaking, not the page to its reader."""


def word_count(article: Article) -> int:
    """The number of words of the article's clean text."""
    return len(article.body.split())


def reader_share(text: str) -> float:
    """The share of the text's sentences that address the reader (outside quotations)."""
    sentences = [
        s for s in _SENTENCE.findall(_QUOTED.sub(" ", text)) if any(c.isalpha() for c in s)
    ]
    if not sentences:
        return 0.0
    return sum(1 for s in sentences if _READER.search(s)) / len(sentences)


def is_notice(article: Article, *, max_words: int, min_share: float = 0.5) -> bool:
    """Whether ``article`` is a site's notice to its reader rather than a report.

    Shorter than ``max_words`` words, and at least ``min_share`` of its
    sentences address the reader; ``max_words`` 0 never calls anything a notice.
    A report speaks of others in the third person; when it quotes someone
    speaking to "you", the quotation does not count.
    """
    if max_words <= 0 or word_count(article) >= max_words:
        return False
    return reader_share(article.body) >= min_share
