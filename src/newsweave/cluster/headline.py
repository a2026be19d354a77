"""A story's headline: the title of a member that tells the event, as news does.

Among the story's members, the title chosen is the one whose article is closest
to the story's centroid (the most representative report), weighed by how much
the title looks like a news headline of the event (:func:`title_shape`): a
statement of 6 to 16 words; not a question, a quotation, a labelled column or
photo caption, someone's words after their name and a colon, two sentences (a
feature's style), an opener that asks or explains ("How ...", "Why ..."), a list
("The 5 biggest ..."), advice ("... should resign"), or written in the first or
second person (columns and letters speak as "I", "we" or to "you"; a report does
not); and not published in a site's opinion, column or analysis section (a
segment of its URL path, or the outlet named as such a section).  The markers are
general English news style and news-site conventions, not drawn from any data
set, in ``newsweave/data`` (``title-labels``, ``personal-pronouns``,
``opinion-sections``, ``title-openers``, ``list-words``, ``prescriptive-words``).
Measured against hand labels (``benchmarks/eval_headlines.py``).

:func:`headline_of` applies the same rule to a list of articles with no clusterer
(the stateless ``newsweave brief``): each article's vector is its heaviest
features, with no stream to learn the document frequencies from.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

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
from newsweave.text import STOPWORDS

__all__ = [
    "OPINION_SECTION",
    "article_title_shape",
    "best_title",
    "choose_headline",
    "display_headline",
    "headline_choice",
    "headline_of",
    "in_opinion_section",
    "storyline_name",
    "title_shape",
]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LABEL = re.compile(r"^\s*([^\W\d_][\w-]*)\s*[:|]")
"""A one-word label before a colon or bar; a section label (``title-labels``) marks a
column, a caption or a clip, not a report of the event."""
_SPEAKER = re.compile(r"^\s*((?:[^\W\d_][\w.'’-]*\s+){0,2}[^\W\d_][\w.'’-]*)\s*:\s")
"""One to three words before a colon: "Mayor Ruiz: the bridge stays shut" gives
someone's words (a quote headline), not what happened."""
_SENTENCES = re.compile(r"[.!]\s+[\"'“‘]?[A-Z]")
"""A full stop inside the title: a second sentence ("Few got out. They were lucky."),
the style of a feature or an explainer."""
_SEGMENT_SPLIT = re.compile(r"[-_]")
_LABELS = wordlists.words("title-labels")
_PERSONAL = wordlists.words("personal-pronouns")
_SECTIONS = wordlists.words("opinion-sections")
_OPENERS = wordlists.words("title-openers")
_PRESCRIPTIVE = wordlists.words("prescriptive-words")
_LIST_WORDS = wordlists.words("list-words")
_LIST = re.compile(r"^(?:the\s+|these\s+)?\d+\s+(\S+)(?:\s+(\S+))?", re.IGNORECASE)
"""A number opening the title and the two words after it: a list article when one
of them is a ``list-words`` word ("The 5 biggest ...", "3 things ...")."""
_QUOTES = "\"'“”‘’«»"

OPINION_SECTION = 0.5
"""The shape factor of a title published in an opinion or analysis section."""


def in_opinion_section(url: str | None, outlet: str | None = None) -> bool:
    """Whether the article sits in a site's opinion, column or analysis section: a
    segment of its URL path (not the last, the article's own slug) or the part of
    its outlet's name after a dash or in brackets names one (``opinion-sections``)."""
    if url:
        path = urlsplit(url).path.lower()
        segments = [part for part in path.split("/") if part]
        # The last segment is the article's own slug: its words are the title's
        # ("opinion-poll-shows-lead"), not a section.
        for segment in segments[:-1]:
            if segment in _SECTIONS or any(
                token in _SECTIONS for token in _SEGMENT_SPLIT.split(segment)
            ):
                return True
    if outlet:
        for part in re.split(r"\s[-–—|]\s|[()]", outlet)[1:]:
            if any(word.lower() in _SECTIONS for word in _WORD.findall(part)):
                return True
    return False


def title_shape(title: str, *, url: str | None = None, outlet: str | None = None) -> float:
    """How much ``title`` reads as a news headline of an event, from 0 to 1: its
    length, no question, quotation, label, speaker prefix, second sentence, asking
    opener, list opener, first or second person, prescriptive modal; and, given the article's
    ``url`` and ``outlet``, not in an opinion section (:func:`in_opinion_section`)."""
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
    elif _SPEAKER.match(text):
        shape *= 0.7
    if text[0] in _QUOTES and text.count(text[0]) + sum(text.count(q) for q in _QUOTES) >= 2:
        # Opens with a quotation: the words of someone in the story, not what happened.
        shape *= 0.6
    if _SENTENCES.search(text.rstrip(".!")) or text.endswith("."):
        shape *= 0.7
    opener = words[0]
    if opener.lower() in _OPENERS and not opener.isupper() and not text.endswith("?"):
        shape *= 0.7
    listed = _LIST.match(text)
    if listed and any((word or "").lower().strip(",:;") in _LIST_WORDS for word in listed.groups()):
        shape *= 0.6
    lowered = [word.lower() for word in words]
    if any(word in _PERSONAL for word in lowered):
        shape *= 0.6
    if any(word in _PRESCRIPTIVE for word in lowered):
        shape *= 0.8
    if in_opinion_section(url, outlet):
        shape *= OPINION_SECTION
    return shape


def article_title_shape(article: Article) -> float:
    """:func:`title_shape` of an article's title with its URL and outlet (0 untitled)."""
    if not article.title:
        return 0.0
    return title_shape(article.title, url=article.url, outlet=article.outlet)


def best_title(
    candidates: Iterable[tuple[str | None, float, Mapping[str, float]]],
    centroid: Mapping[str, float],
    norm_sq: float,
) -> tuple[float, str] | None:
    """The best of ``candidates`` (title, its :func:`title_shape`, unit vector) for
    the story whose summed vector is ``centroid`` (squared norm ``norm_sq``), with
    its score: closeness to the centroid times the shape; the first wins a tie.
    ``None`` when no candidate has a title."""
    norm = math.sqrt(norm_sq) or 1.0
    best: tuple[float, str] | None = None
    for title, shape, vector in candidates:
        if not title:
            continue
        score = dot(vector, centroid) / norm * shape
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
        ((member.title, member.shape, member.vector()) for member in story.members),
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


def headline_choice(
    articles: Sequence[Article], *, options: FeatureOptions | None = None
) -> int | None:
    """The position in ``articles`` of the article whose title :func:`headline_of`
    gives (the first of equal scores), or ``None`` when no article has a title."""
    options = options or FeatureOptions()
    frequencies = DocumentFrequencies()
    story = StoryState(id="", article_ids=[], centroid={})
    vectors = []
    for article in articles:
        found = count_features(article, options=options)
        vector = weigh(found, frequencies, max_terms=options.max_terms)
        accumulate(story, vector, found.names)
        vectors.append(vector)
    best: tuple[float, int] | None = None
    norm = math.sqrt(story.norm_sq) or 1.0
    for position, (article, vector) in enumerate(zip(articles, vectors, strict=True)):
        if not article.title:
            continue
        score = dot(vector, story.centroid) / norm * article_title_shape(article)
        if best is None or score > best[0]:
            best = (score, position)
    return None if best is None else best[1]


def headline_of(
    articles: Sequence[Article], *, options: FeatureOptions | None = None
) -> str | None:
    """The headline :func:`choose_headline` gives a story of ``articles``, without a
    clusterer: each article's heaviest features (``options``, the clusterer's
    defaults if ``None``) with every feature weighed alike, as no stream tells
    which are common; the title cleaned as the clusterer's stories are
    (:func:`~newsweave.cluster.titles.clean_title`).  ``None`` when no article
    has a title."""
    chosen = headline_choice(articles, options=options)
    if chosen is None:
        return None
    title = articles[chosen].title or ""
    return clean_title(title, outlets=[a.outlet for a in articles if a.outlet]) or title


def _content_words(title: str) -> set[str]:
    return {
        word.lower()
        for word in _WORD.findall(title)
        if len(word) > 2 and word.lower() not in STOPWORDS
    }


def storyline_name(stories: Sequence[tuple[str | None, int]]) -> str | None:
    """A storyline's name: the headline, among its stories' (``(headline, article
    count)``, in time order), that best tells what the stories share.

    Each headline scores its coverage (the log of its story's articles) times how
    much of it the other stories' headlines repeat: for each of its content words,
    the share of the other stories (weighted by their articles) whose headline has
    it, averaged over its words (at least four, so a one-word title does not win on
    one common word), plus a floor of 0.25 so a story alone keeps its headline.  So
    a saga is named by a well covered story whose headline carries the words its
    other developments repeat (the people, places and subject), not by a side story
    that happened to be largest.  Linear in the number of stories.  The first of
    equal scores wins; ``None`` when no story has a headline.
    """
    titled = [(title, max(1, count)) for title, count in stories if title]
    if not titled:
        return None
    words = [_content_words(title) for title, _count in titled]
    weight_of: dict[str, int] = {}
    for found, (_title, count) in zip(words, titled, strict=True):
        for word in found:
            weight_of[word] = weight_of.get(word, 0) + count
    total = sum(count for _title, count in titled)
    best: tuple[float, str] | None = None
    for found, (title, count) in zip(words, titled, strict=True):
        others = total - count
        repeated = sum(weight_of[word] - count for word in found)
        share = repeated / max(4, len(found)) / others if others else 0.0
        score = math.log1p(count) * (0.25 + share)
        if best is None or score > best[0]:
            best = (score, title)
    return None if best is None else best[1]
