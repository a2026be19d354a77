"""Event fingerprints: what happened, to whom and when, read from a title and its lead.

Two developments of one saga told within a week share their names, places and
most of their subject words (the killing, the charge, the protests); what tells
them apart is said in the headline and the first sentence: the main event word
("charged", "protests", "ruling"), who it happened to, and the day it happened.
A report of the same event in other words shares those.

:func:`event_vector` reads the title and the lead sentence of an article with
the feature rules of :mod:`~newsweave.cluster.features` (words, capitalised
names, numbers, and dates resolved against the publication date: "on Tuesday"
in an article of Thursday is the Tuesday before), folds inflections of one word
together ("charged", "charges", "charging"), weighs each key with the IDF the
clusterer learnt from the stream and returns a unit vector.  The clusterer adds
it to each member's link vector (``ClusterOptions.event_weight``), so the
member-to-member comparisons that decide joins and splits weigh what the
headlines say happened beside the whole text.
"""

from __future__ import annotations

from collections.abc import Mapping

from newsweave.cluster.features import CALENDAR_WORDS, FeatureOptions, TermCounts, scan_text
from newsweave.models import Article
from newsweave.text import sentence_spans

__all__ = ["EVENT_KEY", "event_counts", "event_vector", "lead_sentence"]

EVENT_KEY = "\x01"
"""Prefix of the event part of a link vector (no feature starts with it)."""

_LEAD_CHARS = 400
"""Body characters searched for the lead sentence (a dateline may open it)."""

_ENDINGS = ("ing", "ed", "es", "s", "e")


def lead_sentence(body: str) -> str:
    """The first sentence of ``body`` (at most about ``_LEAD_CHARS`` characters)."""
    head = body[:_LEAD_CHARS]
    spans = sentence_spans(head)
    for start, end in spans:
        sentence = head[start:end].strip()
        if len(sentence.split()) >= 4:
            return sentence
    return head.strip()


def _fold(stem: str) -> str:
    """One key for the inflections of a word: "charge", "charged", "charging" -> "charg"."""
    for ending in _ENDINGS:
        if len(stem) - len(ending) >= 4 and stem.endswith(ending):
            return stem[: -len(ending)]
    return stem


def event_counts(article: Article, *, options: FeatureOptions) -> TermCounts:
    """The feature counts of the article's title and lead sentence (see the module doc)."""
    found = TermCounts({}, {})
    published = article.published.date() if article.published else None
    if article.title:
        scan_text(article.title, 1.0, options, found, published=published)
    elif article.body:
        scan_text(lead_sentence(article.body), 1.0, options, found, published=published)
    return found


def event_vector(found: TermCounts, idf: Mapping[str, float]) -> dict[str, float]:
    """The unit fingerprint of ``found``: words folded over their inflections, names,
    numbers and dates kept as they are, each weighed by ``idf`` (of the unfolded
    key; a key the stream never saw weighs as the rarest)."""
    top = max(idf.values(), default=1.0)
    weights: dict[str, float] = {}
    for key in found.counts:
        if key.startswith("e:") or key in CALENDAR_WORDS:
            # The words of a name phrase count one by one already; a weekday is
            # kept as the date it names.
            continue
        weight = idf.get(key, top)
        plain = key[0].isalpha() and key not in found.names
        folded = _fold(key) if plain else key
        weights[folded] = max(weights.get(folded, 0.0), weight)
    norm = sum(w * w for w in weights.values()) ** 0.5 or 1.0
    return {EVENT_KEY + key: w / norm for key, w in weights.items()}
