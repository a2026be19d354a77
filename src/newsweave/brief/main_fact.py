"""The story's main fact: what the leads of several independent sources share.

Key points are sentences the support judge finds stated in full by two or more
independent sources (:mod:`newsweave.brief.keypoints`).  Outlets rarely state
the main fact of an event in the same words: one writes "the council
approved next year's budget on Tuesday", another "city lawmakers passed the
spending plan for the coming year", and the judge reads them as related at
most.  A story reported by four outlets then has
no key point at all, or only quotations that several outlets copied, while its
main fact, which every outlet opens with, is missing.

This module proposes that main fact: the lead sentence (among the first
``lead_sentences`` sentences of an article that can be read and checked on
their own) whose words the leads of the most other independent sources share
(event words, names, figures).  Its support is then read by the judge as for
any key point, with a lower similarity floor so that the judge reads the
paraphrases it can: N counts only the sources the judge says state it in full;
sources stating part of it are cited as ``partial`` and never counted.  The
words the leads share choose the sentence; they never count as support.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.captions import is_caption, strip_dateline
from newsweave.brief.claim_voice import commentary_articles
from newsweave.brief.page_chrome import is_page_chrome
from newsweave.brief.single_source import is_clutter, refers_back, stands_alone
from newsweave.brief.summary import conjunctions, dangles, quoted_share
from newsweave.brief.support import SupportOptions
from newsweave.cluster.headline import in_opinion_section

__all__ = ["MainFact", "MainFactOptions", "find_main_fact", "lead_claim"]

_PREFIX = 5
"""Content words are compared by their first letters: a cheap stem ("approve" /
"approving", "purchased" / "purchases")."""
_OPENING_QUOTE = "\"“‘'«"
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FUNCTION = wordlists.words("function-words")


@dataclass(frozen=True, slots=True)
class MainFactOptions:
    """How the main fact is proposed and how its support is read."""

    lead_sentences: int = 1
    """Sentences of each article's opening (those a reader can check alone) that may state
    it: 1, its lede, where news writing states the event.  At 3 a sentence of background
    made of the story's topic words ("most people crossing the border are ...") won."""
    lead_window: int = 4
    """Only sentences among an article's first ``lead_window`` are its lead."""
    min_shared: int = 3
    """Least content words (cut to five letters) another source's lead sentence shares
    with a proposal for that source to count as telling the same fact."""
    min_words: int = 8
    max_words: int = 60
    max_quoted: float = 0.3
    """Most of a proposal's characters inside quotation marks: the main fact is the
    reporters' statement, not a quotation of a view."""
    proposals: int = 4
    """Best-sharing proposals whose support the judge reads; the one stated in full by
    most sources (then the best sharing) is the main fact."""
    support_threshold: float = 0.1
    """Least similarity of a sentence of another article for the judge to read it as a
    possible support (lower than the key points' floor: a paraphrase shares few words
    and bigrams, and the judge, not the similarity, decides)."""
    tries: int = 5
    """Candidates per other article the judge reads, most similar first."""


@dataclass(frozen=True, slots=True)
class MainFact:
    """The main fact's sentence and the rows of other articles stating it."""

    row: int
    full: tuple[int, ...]
    """``row`` first, then one sentence per other article the judge says states all of it."""
    partial: tuple[int, ...]
    """Per other article with no such sentence, one the judge says states part of it."""
    sharing: int
    """Other independent sources whose lead shares its words (not a support count)."""


def lead_claim(story: StoryAlignment, row: int, options: MainFactOptions) -> bool:
    """Whether sentence ``row`` may state the story's main fact: in its article's lead,
    a reporter's statement a reader can check alone (no quotation, question, caption,
    page chrome, opening conjunction or pronoun pointing back, no opinion section)."""
    item = story.sentences[row]
    if item.index >= options.lead_window:
        return False
    text = strip_dateline(item.text).strip()
    if not text or text[0] in _OPENING_QUOTE or not text[0].isupper():
        return False
    if not options.min_words <= len(item.tokens) <= options.max_words:
        return False
    if conjunctions(item.tokens) or dangles(item.tokens) or refers_back(item.tokens):
        return False
    if quoted_share(text) > options.max_quoted or text.rstrip("\"”’' ").endswith(("?", ":")):
        return False
    if _title_case(text):
        return False
    if is_clutter(story, row) or is_caption(text) or is_page_chrome(text):
        return False
    return stands_alone(story, row)


def _title_case(text: str) -> bool:
    """Whether ``text`` is written as a headline: most of its longer words capitalised."""
    words = [word for word in _WORD.findall(text) if len(word) > 3]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) > 0.7 * len(words)


def _stems(story: StoryAlignment, row: int) -> frozenset[str]:
    return frozenset(word[:_PREFIX] for word in story.sentences[row].content)


def _title_stems(story: StoryAlignment, article: int) -> frozenset[str]:
    """The content words of an article's title, cut like :func:`_stems`."""
    title = story.doc.articles[article].title or ""
    words = {word.lower() for word in _WORD.findall(title)}
    return frozenset(word[:_PREFIX] for word in words - _FUNCTION)


def _leads(story: StoryAlignment, options: MainFactOptions) -> dict[int, list[int]]:
    """Each article's lead rows (at most ``lead_sentences``), by article."""
    leads: dict[int, list[int]] = {}
    for row, item in enumerate(story.sentences):
        rows = leads.setdefault(item.article, [])
        if len(rows) < options.lead_sentences and lead_claim(story, row, options):
            rows.append(row)
    return leads


def _proposals(story: StoryAlignment, options: MainFactOptions) -> list[tuple[int, float, int]]:
    """``(row, score, sharing sources)`` of lead sentences, best first.

    A sentence's score sums, over the other independent sources, the largest share of
    its words one lead sentence of that source states (when it shares at least
    ``min_shared`` words): a sentence made of what the leads have in common scores
    high, one with a detail only its outlet gives scores low."""
    leads = _leads(story, options)
    stems = {row: _stems(story, row) for rows in leads.values() for row in rows}
    # What each source opens with: its lead sentences and its titles (a title states
    # the main fact most briefly, but is no sentence of the text to cite).
    told: dict[str, list[frozenset[str]]] = {}
    for article in range(len(story.doc.articles)):
        told.setdefault(story.counted_sources[article], []).append(_title_stems(story, article))
    for article, rows in leads.items():
        told[story.counted_sources[article]].extend(stems[row] for row in rows)
    commentary = commentary_articles(story)
    opinion = [
        in_opinion_section(a.url, a.outlet) or k in commentary
        for k, a in enumerate(story.doc.articles)
    ]
    found: list[tuple[int, float, int]] = []
    for row, words in stems.items():
        own = story.counted_sources[story.sentences[row].article]
        score = 0.0
        sharing = 0
        for source, said in told.items():
            if source == own or not words:
                continue
            best = max((len(words & other) for other in said), default=0)
            if best >= options.min_shared:
                score += best / len(words)
                sharing += 1
        if sharing:
            found.append((row, score, sharing))
    # A news report's sentence before an opinion article's, as the key points do.
    found.sort(
        key=lambda f: (
            -f[2],
            opinion[story.sentences[f[0]].article],
            -f[1],
            story.sentences[f[0]].index,
            f[0],
        )
    )
    return found


def find_main_fact(
    story: StoryAlignment,
    *,
    options: MainFactOptions | None = None,
    judge: SupportOptions | None = None,
    same_status: bool = True,
) -> MainFact | None:
    """The story's main fact (module docs), or ``None`` when no lead sentence shares
    its words with another independent source's lead (one source, or no shared lead)."""
    options = options or MainFactOptions()
    if len(set(story.counted_sources)) < 2:
        return None
    proposals = _proposals(story, options)[: options.proposals]
    if not proposals:
        return None
    sims = story.similarity([row for row, _, _ in proposals])
    best: tuple[tuple[int, int], MainFact] | None = None
    for rank, (row, _, sharing) in enumerate(proposals):
        full, partial = story.support_levels(
            row,
            sims[rank],
            threshold=options.support_threshold,
            tries=options.tries,
            options=judge,
            same_status=same_status,
        )
        fact = MainFact(row, tuple(full), tuple(partial), sharing)
        # Partly stating sources do not choose: at this similarity floor the judge's
        # "partial" is often a sentence on the same topic, not part of the fact.
        key = (story.source_count(full), -rank)
        if best is None or key > best[0]:
            best = (key, fact)
    return None if best is None else best[1]


def members(fact: MainFact) -> Sequence[int]:
    """Every row of ``fact``: its own, those stating all of it, those stating part."""
    return (*fact.full, *fact.partial)
