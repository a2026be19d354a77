"""A story's headline: the title of a member that tells the event, as news does.

Among the story's members, the title chosen is the one whose article is closest
to the story's centroid (the most representative report), weighed by how much
the title looks like a news headline: a statement of 6 to 16 words, not a
question, not a quotation, not a labelled opinion piece or photo caption, not
written in the first or second person (columns and letters speak as "I", "we"
or to "you"; a report does not).  The markers are general English news style,
not drawn from any data set, in ``newsweave/data`` (``title-labels``,
``personal-pronouns``).
"""

from __future__ import annotations

import math
import re

from newsweave import wordlists
from newsweave.cluster.features import dot
from newsweave.cluster.state import StoryState

__all__ = ["choose_headline", "title_shape"]

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


def choose_headline(story: StoryState) -> None:
    """Set ``story.headline``: the title of the member closest to the centroid, weighed
    by :func:`title_shape`.

    The clusterer calls it when the story re-ranks its terms (a few times as it
    grows), after a merge and after a split, over the recent members.  A story
    whose members have no title keeps the headline it has.
    """
    norm = math.sqrt(story.norm_sq) or 1.0
    best: tuple[float, str] | None = None
    for member in story.members:
        if not member.title:
            continue
        score = dot(member.vector(), story.centroid) / norm * title_shape(member.title)
        if best is None or score > best[0]:
            best = (score, member.title)
    if best is not None:
        story.best_title_score, story.headline = best
