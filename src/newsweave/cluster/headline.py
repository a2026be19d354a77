"""A story's headline: the title of a member that tells the event, as news does.

Among the story's members, the title chosen is the one whose article is closest
to the story's centroid (the most representative report), weighed by how much
the title looks like a news headline: a statement of 6 to 16 words, not a
question, not a quotation, not a labelled opinion piece or photo caption, not
written in the first or second person (columns and letters speak as "I", "we"
or to "you"; a report does not).  The markers are general English news style,
not drawn from any data set, in ``newsweave/data`` (``title-labels``,
``personal-pronouns``).

:func:`headline_of` applies the same rule to a list of articles with no clusterer
(the stateless ``newsweave brief``): each article's vector is its heaviest
features, with no stream to learn the document frequencies from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

from newsweave import wordlists
from newsweave.cluster.features import (
    DocumentFrequencies,
    FeatureOptions,
    count_features,
    dot,
    weigh,
)
from newsweave.cluster.state import StoryState, accumulate
from newsweave.cluster.titles import clean_title
from newsweave.models import Article

__all__ = ["best_title", "choose_headline", "display_headline", "headline_of", "title_shape"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LABEL = re.compile(r"^\s*([^\W\d_][\w-]*)\s*[:|]")
"""A one-word label before a colon or bar; a section label (``title-labels``) marks a
column, a caption or a clip, not a report of the event."""
_LABELS = wordlists.words("title-labels")
_PERSONAL = wordlists.words("personal-pronouns")
_QUOTES = "\"'“”‘’«»"


def title_shape(title: str) -> float:
    """How much ``title`` reads as a news headline of an event, from 0.3 to 1."""
    text = " ".join(title.split())
    words = _WORD.findall(text)
    if not words:
        return 0.3
    shape = 1.0
    if 6 <= len(words) <= 16:
        pass
    elif 4 <= len(words) <= 20:
        shape *= 0.85
    else:
        shape *= 0.6
    if text.endswith("?"):
        shape *= 0.6
    label = _LABEL.match(text)
    if label and label.group(1).lower() in _LABELS:
        shape *= 0.5
    if text[0] in _QUOTES and text.count(text[0]) + sum(text.count(q) for q in _QUOTES) >= 2:
        # Opens with a quotation: the words of someone in the story, not what happened.
        shape *= 0.6
    if any(word.lower() in _PERSONAL for word in words):
        shape *= 0.6
    return shape


def best_title(
    candidates: Iterable[tuple[str | None, Mapping[str, float]]],
    centroid: Mapping[str, float],
    norm_sq: float,
) -> tuple[float, str] | None:
    """The best of ``candidates`` (title, unit vector) for the story whose summed
    vector is ``centroid`` (squared norm ``norm_sq``), with its score: closeness to
    the centroid times :func:`title_shape`; the first wins a tie.  ``None`` when no
    candidate has a title."""
    norm = math.sqrt(norm_sq) or 1.0
    best: tuple[float, str] | None = None
    for title, vector in candidates:
        if not title:
            continue
        score = dot(vector, centroid) / norm * title_shape(title)
        if best is None or score > best[0]:
            best = (score, title)
    return best


def choose_headline(story: StoryState) -> None:
    """Set ``story.headline``: the title of the member closest to the centroid, weighed
    by :func:`title_shape` (:func:`best_title`).

    The clusterer calls it when the story re-ranks its terms (a few times as it
    grows), after a merge and after a split, over the recent members.  A story
    whose members have no title keeps the headline it has.
    """
    best = best_title(
        ((member.title, member.vector()) for member in story.members),
        story.centroid,
        story.norm_sq,
    )
    if best is not None:
        story.best_title_score, story.headline = best


def display_headline(story: StoryState) -> str | None:
    """The headline the story shows: its chosen title cleaned
    (:func:`~newsweave.cluster.titles.clean_title`, with the story's outlets)."""
    if not story.headline:
        return story.headline
    return clean_title(story.headline, outlets=story.outlets) or story.headline


def headline_of(
    articles: Sequence[Article], *, options: FeatureOptions | None = None
) -> str | None:
    """The headline :func:`choose_headline` gives a story of ``articles``, without a
    clusterer: each article's heaviest features (``options``, the clusterer's
    defaults if ``None``) with every feature weighed alike, as no stream tells
    which are common; the title cleaned as the clusterer's stories are
    (:func:`~newsweave.cluster.titles.clean_title`).  ``None`` when no article
    has a title."""
    options = options or FeatureOptions()
    frequencies = DocumentFrequencies()
    story = StoryState(id="", article_ids=[], centroid={})
    candidates = []
    for article in articles:
        found = count_features(article, options=options)
        vector = weigh(found, frequencies, max_terms=options.max_terms)
        accumulate(story, vector, found.names)
        candidates.append((article.title, vector))
    best = best_title(candidates, story.centroid, story.norm_sq)
    if best is None:
        return None
    return clean_title(best[1], outlets=[a.outlet for a in articles if a.outlet]) or best[1]
