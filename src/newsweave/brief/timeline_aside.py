"""Other affairs told as background: dated entries that are no step of the story.

An article often recalls another affair to set the story in context: an earlier
breach at another firm, an attack in another city months ago, a case of another
court.  Such a sentence is dated like the story's own earlier steps, but it brings
names of its own: the firm, the city, the people of that other affair, which no
other article of the story uses.  The story's own earlier steps ("the hackers got
in in December", "the agency learned of it in April") are told with the story's
names, or with none.

An entry is an aside (:func:`asides`) when all of this holds:

* the story has at least :attr:`AsideOptions.min_articles` articles (with fewer,
  "no other article names it" says nothing);
* one article alone tells it;
* its date ends more than :attr:`AsideOptions.days` before the story's first
  publication (the days a story breaks on and the weeks of run-up before are
  its own);
* each of its sentences names something (a capitalised word inside the sentence,
  not a month or weekday) that no other article of the story names, or says in
  so many words that it is another one ("another breach", "another contractor").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.brief.doc import StoryDoc
from newsweave.brief.timeline_rank import Group
from newsweave.text import MONTHS, STOPWORDS, WEEKDAYS, words

__all__ = ["AsideOptions", "asides"]

# A capitalised word that is not the first of its sentence or of a clause after
# a colon, a dash or an opening quotation mark.
_NAME = re.compile(r"(?<=[\w,;)’'\"”]\s)[A-Z][\w.’'-]*")
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS)


@dataclass(frozen=True, slots=True)
class AsideOptions:
    """When :func:`asides` calls an entry another affair."""

    days: int = 30
    """The entry's date ends more than this many days before the story's first
    publication (tuned on the even stories of ``benchmarks/eval_timeline_read.py``)."""
    min_articles: int = 3
    """The story has at least this many articles."""


def _names(text: str) -> list[frozenset[str]]:
    """The words of each capitalised word inside ``text`` (calendar and function words out)."""
    found = []
    for name in _NAME.findall(text):
        tokens = frozenset(t[:-2] if t.endswith("'s") else t for t in words(name))
        tokens = tokens - _CALENDAR - STOPWORDS
        if tokens:
            found.append(tokens)
    return found


def asides(
    doc: StoryDoc, groups: Sequence[Group], start: date, options: AsideOptions | None = None
) -> set[int]:
    """Indexes of ``groups`` that tell another affair as background (see the module)."""
    options = options or AsideOptions()
    if len(doc.articles) < options.min_articles:
        return set()
    vocab: list[frozenset[str]] = []
    for number, article in enumerate(doc.articles):
        used = set(words(article.title or ""))
        for sentence in doc.article_sentences(number):
            used.update(sentence.tokens)
        vocab.append(frozenset(t[:-2] if t.endswith("'s") else t for t in used))
    used_by: Counter[str] = Counter(t for v in vocab for t in v)
    limit = start - timedelta(days=options.days)
    found = set()
    for index, group in enumerate(groups):
        told_by = group.articles()
        last = group.when.last_day()
        if len(told_by) != 1 or last is None or last >= limit:
            continue
        (own,) = told_by

        def unknown(name: frozenset[str], own: int = own) -> bool:
            return all(used_by[t] - (t in vocab[own]) == 0 for t in name)

        if all(
            "another" in m[0].tokens or any(unknown(n) for n in _names(m[0].text))
            for m in group.members
        ):
            found.add(index)
    return found
