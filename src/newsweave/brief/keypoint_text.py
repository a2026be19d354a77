"""How a key point is shown: the sentence of it that reads alone, its quotation marks
paired, an opening "But" dropped, a pronoun that says a quotation named
(:func:`shown_as`).  Helpers of :mod:`newsweave.brief.keypoints`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.brief.align import StoryAlignment
from newsweave.brief.captions import strip_dateline
from newsweave.brief.single_source import is_clutter, stands_alone, text_stands_alone
from newsweave.brief.summary import balance_quotes, conjunctions, without_conjunctions
from newsweave.brief.summary_names import QUOTE_MARKS as _MARKS
from newsweave.brief.summary_names import name_quoted_speaker
from newsweave.brief.support import SupportOptions
from newsweave.models import Quote

__all__ = ["shown_as"]


def shown_as(
    story: StoryAlignment,
    row: int,
    members: Sequence[int],
    judge: SupportOptions | None,
    said: dict[str, list[Quote]],
) -> tuple[int, str] | None:
    """The sentence a key point is shown in and how, or ``None`` when none reads alone.

    Of the key point's sentence and those of its supports it states all of too
    (so any of them says what the key point says), the first that stands alone
    (:func:`~newsweave.brief.single_source.stands_alone`: "She resigned ..." shown as
    "Ms. Varga resigned ..."); else the first that does once its quotation marks
    are paired (``Far too early for snow," X wrote`` gains its opening mark);
    else the first that is a sentence of a quotation whose speaker its article
    names, shown as ``Speaker: “...”``.  Quotation marks are paired in every case.
    """
    mutual = [k for k in members if k == row or story.judge(k, row, options=judge).supports]
    # A sentence opening with "But" or "And" leans on the one before it: another
    # source's sentence stating the same without one is shown first.
    mutual.sort(key=lambda k: conjunctions(story.sentences[k].tokens) > 0)
    for k in mutual:
        if stands_alone(story, k):
            return k, name_quoted_speaker(story, k, _balanced(story, k), said)
    for k in mutual:
        text = _balanced(story, k)
        if not is_clutter(story, k) and text_stands_alone(text, story.sentences[k].tokens):
            return k, name_quoted_speaker(story, k, text, said)
    for k in mutual:
        attributed = _attributed(story, k, said)
        if attributed is not None:
            return k, attributed
    return None


def _balanced(story: StoryAlignment, row: int) -> str:
    """Sentence ``row`` without its dateline, its quotation marks paired where they can be,
    without an opening conjunction ("But ...", as the summary shows a sentence)."""
    item = story.sentences[row]
    text = strip_dateline(item.text).strip()
    text = balance_quotes(text) or text
    count = conjunctions(item.tokens)
    if count and text[:1].isupper() and _first_words(text, count) == list(item.tokens[:count]):
        return without_conjunctions(text, count)
    return text


def _first_words(text: str, count: int) -> list[str]:
    return [word.lower() for word in re.findall(r"[^\W_]+", text)[:count]]


def _attributed(story: StoryAlignment, row: int, said: dict[str, list[Quote]]) -> str | None:
    """Sentence ``row`` as ``Speaker: “...”`` when it is wholly a sentence of a quotation
    its article attributes (``said``: the article's quotations with a speaker)."""
    if is_clutter(story, row):
        return None
    item = story.sentences[row]
    inner = strip_dateline(item.text).strip().strip(_MARKS + " ")
    if not inner or any(char in _MARKS for char in inner.replace("'", "").replace("’", "")):
        return None
    words = " ".join(inner.split()).rstrip(".,;")
    for quote in said.get(story.doc.articles[item.article].id, ()):
        if len(words) > 1 and words in " ".join(quote.text.split()):
            return f"{quote.speaker}: “{inner}”"
    return None
