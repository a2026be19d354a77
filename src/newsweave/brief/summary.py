"""The summary of a story: the sentences that cover its most widely reported information.

Extractive, in the manner of Gillick & Favre's concept-coverage ILP, solved
greedily:

* A *concept* is a word bigram that is not two function words.  Its weight is
  the number of independent sources whose articles contain it: information many
  outlets report is worth covering, a phrase only one outlet uses is not a
  concept at all (when the story has a single source, a bigram its text repeats
  is).
* Candidates are sentences of ``min_sentence_words`` to ``max_sentence_words``
  words that are mostly not quotation, and not questions or teasers; a sentence
  after its article's first that opens by pointing back ("This", "However",
  "Despite this": the ``summary-dangling-openers`` data file) is not a candidate
  on its own, since out of its article it would not say what it refers to (see
  below).  Photo captions and credit lines are not candidates
  (:func:`newsweave.brief.captions.is_caption`), and neither is a line that does
  not end as a sentence ends (a headline, a subtitle or a text cut short).
* When the story has news reports, sentences of its opinion and analysis
  articles (published in a site's opinion, column or analysis section, the
  signal the story headline reads: :func:`newsweave.cluster.headline.in_opinion_section`)
  are not candidates: a summary tells what happened in the reports' words, not
  in a columnist's.  They still count for the concepts' weights and may still
  be cited as support, since a column restating a fact is another outlet stating it.
  Articles that say they were written by AI (the ``ai_generated`` label) are set
  aside the same way: a reader checking the summary should land on a report.
* Sentences are taken one at a time, each time the one with the best weight of
  concepts not yet covered per word (to the power ``length_exponent``), scaled
  by a position prior (leads of news articles hold their main facts); a
  candidate too similar to a sentence already taken is skipped.  Selection stops
  once the summary reaches ``max_words`` words or ``max_sentences`` sentences.
* A sentence that points back ("This", "However", "There,", "Seven of the 11",
  "..., the statement said": :mod:`newsweave.brief.summary_order`) becomes a
  candidate once the sentence before it in its article is chosen, and is shown
  right after it; a personal pronoun subject as ``pronoun_openers`` says.
* A candidate that the support judge finds stated by the sentences already
  chosen is a repeat and skipped; so is one telling the event a chosen sentence of
  another article tells on the same day (``same_day_event``), and one whose count a later-published
  article of the story gives differently, or that gives as planned what a later
  article tells as done (``recency``).
* The chosen sentences are put in the order the story tells them: by position
  in their article, earlier articles first on ties, a sentence that points back
  right after the sentence before it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from math import fsum
from typing import Literal

import numpy as np

from newsweave.brief.align import StoryAlignment
from newsweave.brief.captions import is_caption
from newsweave.brief.claim_voice import commentary_articles
from newsweave.brief.doc import StorySentence
from newsweave.brief.page_chrome import is_page_chrome
from newsweave.brief.summary_events import same_event
from newsweave.brief.summary_names import strip_label
from newsweave.brief.summary_openers import (
    conjunctions,
    dangles,
    leans_back,
    without_conjunctions,
)
from newsweave.brief.summary_order import (
    outdated,
    pointer,
    points_back,
    reading_order,
    restates,
    waits_for_previous,
)
from newsweave.brief.summary_quotes import (
    QUOTE_MARKS,
    balance_quotes,
    quoted_share,
    unbalanced_quotes,
)
from newsweave.brief.support import SupportOptions
from newsweave.cluster.headline import in_opinion_section
from newsweave.text import STOPWORDS

__all__ = [
    "SummaryOptions",
    "balance_quotes",
    "concept_weights",
    "conjunctions",
    "dangles",
    "quoted_share",
    "select_summary",
    "shown_text",
    "summary_words",
    "unbalanced_quotes",
    "without_conjunctions",
]


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """How long a summary is and how its sentences are chosen.

    The defaults were set on the Multi-News dev clusters (see
    ``benchmarks/eval_multinews.py``); only these generic weights were tuned.
    """

    max_words: int = 150
    """Word budget; selection stops at the first sentence that reaches it."""
    max_sentences: int | None = None
    """Sentence cap; ``None`` caps at ``max(7, max_words // 20)``."""
    min_sentence_words: int = 8
    max_sentence_words: int = 50
    maxquoted_share: float = 0.85
    """Sentences more than this share quotation (a bare quote, no speaker) are left out."""
    length_exponent: float = 0.7
    position_decay: float = 0.08
    """Prior of the ``n``-th sentence of an article: ``1 / (1 + decay * n)``."""
    redundancy: float = 0.4
    """A candidate at least this similar to a chosen sentence is a repeat."""
    agreement_power: float = 2.0
    """A concept used by ``n`` sources weighs ``n ** agreement_power``."""
    word_weight: float = 0.3
    """Weight of a single content word as a concept, relative to a bigram."""
    skip_dangling: bool = True
    """Leave out sentences that open by pointing back to an earlier one (see module docs)."""
    conjunction_openers: Literal["keep", "drop", "skip"] = "drop"
    """A sentence opening with a coordinating conjunction ("And", "But": the
    ``summary-conjunction-openers`` data file) is shown without it (``drop``: and
    left out when what follows dangles), left out (``skip``) or shown as it is."""
    balanced_quotes: bool = True
    """A sentence holding one mark of a quotation that runs over several sentences
    is shown with the quotation closed in it (:func:`balance_quotes`); one whose
    marks cannot be paired is left out.  Never a quotation that opens and does not close."""
    quote_tails_bare: bool = False
    """Judge the quotation share (``maxquoted_share``) on the sentence with its quotation
    closed, so that the last sentence of a quotation whose speaker is named in an earlier
    one is left out as a bare quote.  Off: measured on Multi-News dev it costs about
    0.25 ROUGE-2 at 250 words on both halves; such a sentence is shown as a quotation."""
    skip_captions: bool = True
    """Leave out photo captions and credit lines (:func:`~newsweave.brief.captions.is_caption`),
    page chrome and editors' notes (:func:`~newsweave.brief.page_chrome.is_page_chrome`)."""
    whole_sentences: bool = True
    """Leave out lines not ending with a full stop or an exclamation mark (a title, a cut text)."""
    news_first: bool = True
    """Leave out sentences of opinion and analysis articles, and of articles labelled as
    written by AI, when the story has news reports."""
    commentary_weight: float = 0.5
    """With ``news_first``, the prior of a sentence of an article that reads as commentary
    (:func:`~newsweave.brief.claim_voice.commentary_articles`: a blog or column under a
    news outlet's name) is multiplied by this: news sentences come first without the
    commentary being left out (``1.0``: no change).  0.5, the one value tried: Multi-News
    250 words R1/R2/RL tune 46.76 / 15.18 / 20.62, check 46.87 / 15.95 / 20.94 (1.0 in the
    same session: 46.46 / 14.95 / 20.44, 46.83 / 15.89 / 21.06); summary-read check stale
    4 -> 3, readable 12 of 16."""
    commentary_voice: bool = False
    """With ``news_first``, also leave out sentences of articles that read as commentary
    whatever their section (:func:`~newsweave.brief.claim_voice.commentary_articles`, the
    single-source claims' reading: a blog or a column under a news outlet's name).  Off:
    on Multi-News dev (no outlets, no URLs; 36 of 298 articles read as commentary) it
    costs 1.1 ROUGE-1 / 0.9 ROUGE-2 at 250 words on the tune half (46.46 -> 45.31) and
    1.1 / 0.3 on the check half, below the floors; on the summary-read stories it
    drops a stale sentence (check stale 4 -> 3, readable 12 either way)."""
    follow_previous: bool = True
    """A sentence that points back (``skip_dangling``'s openers, and those of
    :func:`~newsweave.brief.summary_order.points_back`: "He ...", "There, ...", "Ten of
    the 13", "..., the statement said") may be chosen once the sentence before it in its
    article is, and is then shown right after it; off, the first kind is never chosen
    and the second is chosen anywhere."""
    pronoun_openers: Literal["free", "follow", "pair", "bring"] = "free"
    """A sentence whose subject is a personal pronoun ("He vowed ...") is chosen anywhere
    (``free``), only once the sentence before it in its article is (``follow``, as the
    openers of ``follow_previous``), or together with that sentence, scored as the two
    (``pair``; alone once that sentence is chosen; never when that sentence is no
    candidate); or scored alone, as ``free``, and shown after that sentence, brought with
    it when not chosen yet (``bring``).  ``follow``, measured on Multi-News dev at 250
    words, costs 0.2-0.5 ROUGE-1 and 0.3-0.5 ROUGE-2 on both halves: the summary loses
    sentences that carry the story."""
    restated: SupportOptions | None = field(default_factory=SupportOptions)
    """The support judge that finds a candidate restating a chosen sentence (a sentence of
    another article stating all of it): such a candidate is skipped.  ``None``: no check."""
    recency: bool = True
    """Skip a candidate whose figure a later-published article of the story gives
    differently, or that gives as planned what a later article tells as done
    (:func:`~newsweave.brief.summary_order.outdated`)."""
    recency_threshold: float = 0.2
    """Least similarity of a later sentence to a candidate for the recency check to read it."""
    planned_overlap: float = 0.5
    """Least share of a planned candidate's content words a later sentence stating them
    done must share."""
    same_day_event: bool = True
    """Skip a candidate telling the day's event a chosen sentence of another article tells
    (:func:`~newsweave.brief.summary_events.same_event`; dated articles only)."""
    strip_labels: bool = True
    """Show a sentence without an opening label in capitals ("EXCLUSIVE: ...")."""
    name_subjects: bool = True
    """The brief names a "he" or bare-surname subject not introduced before (as
    :func:`~newsweave.brief.summary_names.introduce_names`; not :func:`select_summary`)."""

    def __post_init__(self) -> None:
        if self.max_words < 1:
            raise ValueError(f"max_words must be at least 1, got {self.max_words}")
        if self.max_sentences is not None and self.max_sentences < 1:
            raise ValueError(f"max_sentences must be at least 1 or None, got {self.max_sentences}")

    @property
    def sentence_cap(self) -> int:
        return self.max_sentences or max(7, self.max_words // 20)


_SENTENCE_END = re.compile(r"[.!][\"'”’)\]]*$")
_TEASER_ENDS = (":", "?", "…", "...")


def _leans(item: StorySentence, options: SummaryOptions) -> bool:
    """Whether ``item`` points back to the sentence before it (see ``skip_dangling``)."""
    if not options.skip_dangling or item.index == 0:
        return False
    if dangles(item.tokens) or (options.conjunction_openers == "drop" and leans_back(item.tokens)):
        return True
    if not options.follow_previous:
        return False
    return points_back(item, pronouns=options.pronoun_openers == "follow") or (
        options.pronoun_openers == "follow" and _pronoun_after_conjunction(item, options)
    )


def _pronoun_opens(item: StorySentence, options: SummaryOptions) -> bool:
    """Whether ``item``'s subject is a personal pronoun (after an opening conjunction too)."""
    if item.index == 0 or not item.tokens:
        return False
    return pointer(item.tokens[0]) or _pronoun_after_conjunction(item, options)


def _pronoun_after_conjunction(item: StorySentence, options: SummaryOptions) -> bool:
    return options.conjunction_openers == "drop" and points_back_after_conjunction(item)


def points_back_after_conjunction(item: StorySentence) -> bool:
    """:func:`points_back` for what follows an opening conjunction ("But he ...")."""
    count = conjunctions(item.tokens)
    return bool(count) and pointer(item.tokens[count])


def _is_candidate(item: StorySentence, options: SummaryOptions) -> bool:
    length = len(item.tokens)
    if not options.min_sentence_words <= length <= options.max_sentence_words:
        return False
    if options.skip_dangling and item.index > 0:
        if options.conjunction_openers == "skip" and conjunctions(item.tokens):
            return False
        if not options.follow_previous and _leans(item, options):
            return False
    text = item.text.rstrip()
    if options.balanced_quotes:
        balanced = balance_quotes(text)
        if balanced is None:
            return False
        if options.quote_tails_bare:
            text = balanced
    if (
        options.conjunction_openers != "keep"
        and conjunctions(item.tokens)
        and text[:1] in QUOTE_MARKS
    ):
        return False  # a quotation opening with "And": its words are not ours to drop
    if text.endswith(_TEASER_ENDS) or "http" in text or "@" in text:
        return False
    if options.skip_captions and (is_caption(text) or is_page_chrome(text)):
        return False
    if options.whole_sentences and not _SENTENCE_END.search(text):
        return False
    return quoted_share(text) <= options.maxquoted_share


def shown_text(item: StorySentence, text: str, options: SummaryOptions) -> str:
    """How summary sentence ``item`` is shown, from its ``text`` (dateline already stripped):
    without an opening label in capitals (``options.strip_labels``), its quotation marks
    paired (``options.balanced_quotes``) and without an opening
    conjunction when ``options.conjunction_openers`` is ``drop``."""
    if options.strip_labels:
        text = strip_label(text)
    if options.balanced_quotes:
        text = balance_quotes(text) or text
    if options.conjunction_openers != "drop" or not text[:1].isupper():
        return text  # a quotation's "And" is not ours to drop; "and ..." is a cut text
    count = conjunctions(item.tokens)
    if not count or " ".join(item.tokens[:count]) != " ".join(_words(text, count)):
        return text  # the sentence's first words are not its text's (a dateline was cut)
    return without_conjunctions(text, count)


def _words(text: str, count: int) -> list[str]:
    return [word.lower() for word in re.findall(r"[^\W_]+", text)[:count]]


def _stem(token: str) -> str:
    """A light suffix fold so that "officials"/"official" and "charged"/"charges" meet."""
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3 and not token.endswith("ss"):
            return token[: -len(suffix)]
    return token


def _concepts(item: StorySentence) -> set[tuple[str, str]]:
    tokens = [_stem(token) for token in item.tokens]
    found = {
        (left, right)
        for left, right in pairwise(tokens)
        if not (left in STOPWORDS and right in STOPWORDS)
    }
    found.update((token, "") for token in tokens if token not in STOPWORDS)
    return found


def concept_weights(
    story: StoryAlignment, *, word_weight: float, power: float
) -> dict[tuple[str, str], float]:
    """Weight of each concept: the independent sources that use it (see module docs)."""
    used_by: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    counts: defaultdict[tuple[str, str], int] = defaultdict(int)
    # Reach, not corroboration: a text many outlets carry (copies included) is
    # what the story is most widely told by, so copies are not collapsed here.
    for item in story.sentences:
        source = story.outlets[item.article]
        for concept in _concepts(item):
            used_by[concept].add(source)
            counts[concept] += 1
    if len(set(story.outlets)) > 1:
        found = {
            concept: float(len(users)) ** power
            for concept, users in used_by.items()
            if len(users) > 1
        }
    else:
        found = {concept: float(count) for concept, count in counts.items() if count > 1}
    if word_weight <= 0:
        return {concept: weight for concept, weight in found.items() if concept[1]}
    return {
        concept: weight if concept[1] else weight * word_weight for concept, weight in found.items()
    }


def select_summary(story: StoryAlignment, *, options: SummaryOptions | None = None) -> list[int]:
    """Rows of ``story`` that make its summary, in reading order (see module docs)."""
    options = options or SummaryOptions()
    candidates = [row for row, item in enumerate(story.sentences) if _is_candidate(item, options)]
    if options.news_first:
        aside = [
            in_opinion_section(a.url, a.outlet) or a.labels.ai_generated for a in story.doc.articles
        ]
        if options.commentary_voice:
            for article in commentary_articles(story):
                aside[article] = True
        news = [row for row in candidates if not aside[story.sentences[row].article]]
        candidates = news or candidates
    if not candidates:
        return []
    lowered: frozenset[int] = frozenset()
    if options.news_first and options.commentary_weight != 1.0:
        lowered = commentary_articles(story)
        if len(lowered) == len(story.doc.articles):
            lowered = frozenset()  # no news to put first
    waits, partner = waits_for_previous(
        candidates,
        lambda row: options.follow_previous and _leans(story.sentences[row], options),
        lambda row: _pronoun_opens(story.sentences[row], options),
        pair=options.pronoun_openers in ("pair", "bring"),
    )
    weights = concept_weights(story, word_weight=options.word_weight, power=options.agreement_power)
    concepts = [
        {concept for concept in _concepts(story.sentences[row]) if concept in weights}
        for row in candidates
    ]
    prior = np.array(
        [
            (options.commentary_weight if story.sentences[row].article in lowered else 1.0)
            / (1.0 + options.position_decay * story.sentences[row].index)
            for row in candidates
        ]
    )
    length = np.array([len(story.sentences[row].tokens) for row in candidates], dtype=np.float64)
    covered: set[tuple[str, str]] = set()
    tolls: dict[str, np.ndarray] = {}
    chosen: list[int] = []
    alive = np.ones(len(candidates), dtype=bool)
    ready = np.array([k not in waits for k in range(len(candidates))], dtype=bool)
    words = 0
    while words < options.max_words and len(chosen) < options.sentence_cap:
        usable = alive & ready
        if not usable.any():
            break
        units = {
            k: [k] if k not in partner or partner[k] in chosen else [partner[k], k]
            for k in np.flatnonzero(usable).tolist()
        }
        scores = np.full(len(candidates), -np.inf)
        for k, unit in units.items():
            scored = unit if options.pronoun_openers == "pair" else [k]
            found = set().union(*(concepts[j] for j in scored)) - covered
            size = float(sum(length[j] for j in scored))
            # Before any concept is met (or when all are covered), the prior alone decides.
            scores[k] = (
                (fsum(weights[c] for c in found) + 1.0)
                / size**options.length_exponent
                * prior[scored[0]]
            )
        best = int(np.argmax(scores))
        alive[best] = False
        for j in units[best]:
            row = candidates[j]
            if (
                j != units[best][0]
                and _overlap(story.sentences[candidates[units[best][0]]], story.sentences[row])
                >= options.redundancy
            ):
                break  # the pronoun sentence repeats the sentence brought for it
            similar = story.similarity([row])[0]
            picked = [candidates[k] for k in chosen]
            if (
                (options.restated is not None and restates(story, row, picked, options.restated))
                or (options.same_day_event and same_event(story, row, picked))
            ) or (
                options.recency
                and outdated(
                    story,
                    row,
                    similar,
                    threshold=options.recency_threshold,
                    planned_overlap=options.planned_overlap,
                    tolls=tolls,
                )
            ):
                break  # a pronoun sentence never goes without the sentence before it
            alive[j] = False
            chosen.append(j)
            covered |= concepts[j]
            words += int(length[j])
            alive &= similar[candidates] < options.redundancy
            for k, before in waits.items():
                if before == row:
                    ready[k] = True
            # Within one article, a sentence that adds no concept and repeats words is a repeat.
            own = story.sentences[row]
            for k in np.flatnonzero(alive).tolist():
                other = story.sentences[candidates[k]]
                if other.article == own.article and _overlap(own, other) >= options.redundancy:
                    alive[k] = False
    rows = [candidates[k] for k in chosen]
    after = {candidates[k]: before for k, before in waits.items() if k in chosen}
    after.update({candidates[k]: candidates[j] for k, j in partner.items() if k in chosen})
    # A pronoun sentence chosen with the sentence before it is shown right after it,
    # whatever ``pronoun_openers`` says (no choice changes, only the order).
    taken = set(rows)
    after.update(
        {
            row: row - 1
            for row in rows
            if row - 1 in taken
            and row not in after
            and _pronoun_opens(story.sentences[row], options)
        }
    )
    return reading_order(rows, story, after)


def _overlap(left: StorySentence, right: StorySentence) -> float:
    if not left.content or not right.content:
        return 0.0
    return len(left.content & right.content) / min(len(left.content), len(right.content))


def summary_words(texts: Sequence[str], max_words: int) -> list[str]:
    """``texts`` cut to at most ``max_words`` words in all (the last one truncated)."""
    kept: list[str] = []
    left = max_words
    for text in texts:
        if left <= 0:
            break
        parts = text.split()
        if len(parts) > left:
            kept.append(" ".join(parts[:left]))
            break
        kept.append(text)
        left -= len(parts)
    return kept
