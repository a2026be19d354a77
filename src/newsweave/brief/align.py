"""Sentence alignment across the articles of one story: who says the same thing.

Every brief feature that cites sources rests on this: a summary sentence cites
each article holding a sentence that states the same information, key points
group such sentences, and a claim with no aligned sentence from another outlet
is single-source.

The similarity of two sentences is the one rewrite detection uses
(:func:`newsweave.dedup.align.similarity_matrix`): the mean of the Dice overlaps
of their content words and of their word bigrams.  Here the words are hashed
with full 32-bit hashes and the tables are built from the story's sentence list
(:class:`~newsweave.brief.doc.StoryDoc`), so row ``k`` of every matrix is
``StoryDoc.sentences[k]``.

Independence: two articles from the same outlet (or site), or a copy, a
syndicated copy or a rewrite and its original, are one source: the units of
:func:`newsweave.dedup.source_units`, given by the caller or found by a
detector run over the story's own articles; and sentences that are one news
agency's text (a wire credit, a passage attributed to the agency) count once
when a key point's supports are counted (:mod:`newsweave.brief.wire_text`).

An article that pastes another source's text (:data:`PASTED_SENTENCES` or more of
its reporters' sentences, outside quotation marks, word for word the other's) is
counted with that source when a key point's supports are counted: a blog post
that opens "according to documents obtained by X" and then runs X's paragraphs is
X's report once, though the duplicate detector, which compares whole articles,
found no copy.

Whether an aligned sentence really states what a sentence states is the
support judge's answer (:mod:`newsweave.brief.support`), not the similarity:
the similarity only finds the candidates the judge reads.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsweave.brief.captions import strip_dateline
from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.facts import Facts, read_facts
from newsweave.brief.support import Judgment, SupportLabel, SupportOptions, judge_facts
from newsweave.brief.wire_text import (
    WireText,
    count_sources,
    opens_inside,
    read_wire_text,
    unquoted,
)
from newsweave.dedup import copy_matches, source_key, source_units
from newsweave.dedup.align import similarity_matrix
from newsweave.dedup.fingerprint import SentenceTable
from newsweave.models import Citation
from newsweave.text import word_hashes, words

__all__ = ["StoryAlignment", "shares_content"]

Floats = npt.NDArray[np.float64]

PASTED_SENTENCES = 3
"""Least sentences of at least ``_PASTED_WORDS`` words outside quotation marks that two
articles of different sources share word for word for one to be the other's text pasted
(a story's outlets share a sentence or two by chance or by one wire line; three of a
reporter's sentences are one text)."""
_PASTED_WORDS = 10

SUPPORTS: tuple[SupportLabel, ...] = ("supports",)
BACKS: tuple[SupportLabel, ...] = ("supports", "partial")


def _distinct(
    sentence: npt.NDArray[np.int64], value: npt.NDArray[np.uint32]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint32]]:
    packed = np.unique((sentence.astype(np.uint64) << np.uint64(32)) | value.astype(np.uint64))
    return (packed >> np.uint64(32)).astype(np.int64), (packed & np.uint64(0xFFFFFFFF)).astype(
        np.uint32
    )


def _table(items: Sequence[StorySentence]) -> SentenceTable:
    """The rewrite-alignment table of ``items``, row ``k`` being ``items[k]``."""
    content_rows: list[int] = []
    content_words: list[str] = []
    bigram_rows: list[int] = []
    bigram_left: list[str] = []
    bigram_right: list[str] = []
    for row, item in enumerate(items):
        content_rows.extend([row] * len(item.content))
        content_words.extend(item.content)
        pairs = len(item.tokens) - 1
        if pairs > 0:
            bigram_rows.extend([row] * pairs)
            bigram_left.extend(item.tokens[:-1])
            bigram_right.extend(item.tokens[1:])
    count = len(items)
    content_sentence, content_word = _distinct(
        np.array(content_rows, dtype=np.int64), word_hashes(content_words)
    )
    left = word_hashes(bigram_left).astype(np.uint64)
    right = word_hashes(bigram_right).astype(np.uint64)
    mixed = left * np.uint64(0x9E3779B97F4A7C15) + right * np.uint64(0xBF58476D1CE4E5B9)
    bigram_sentence, bigram = _distinct(
        np.array(bigram_rows, dtype=np.int64), (mixed >> np.uint64(32)).astype(np.uint32)
    )
    content_size = np.bincount(content_sentence, minlength=count).astype(np.int64)
    return SentenceTable(
        count=count,
        content_sentence=content_sentence,
        content_word=content_word,
        # A sentence without content words never matches; 1 avoids dividing by 0.
        content_size=np.maximum(content_size, 1),
        bigram_sentence=bigram_sentence,
        bigram=bigram,
        bigram_size=np.bincount(bigram_sentence, minlength=count).astype(np.int64),
    )


def _rows(table: SentenceTable, rows: npt.NDArray[np.int64]) -> SentenceTable:
    """The sub-table of ``rows`` (sorted, distinct), renumbered ``0..len(rows)-1``."""
    renumber = np.full(table.count, -1, dtype=np.int64)
    renumber[rows] = np.arange(len(rows))
    content_keep = renumber[table.content_sentence] >= 0
    bigram_keep = renumber[table.bigram_sentence] >= 0
    return SentenceTable(
        count=len(rows),
        content_sentence=renumber[table.content_sentence[content_keep]],
        content_word=table.content_word[content_keep],
        content_size=table.content_size[rows],
        bigram_sentence=renumber[table.bigram_sentence[bigram_keep]],
        bigram=table.bigram[bigram_keep],
        bigram_size=table.bigram_size[rows],
    )


class StoryAlignment:
    """The sentences of a story with their sources, ready for alignment queries.

    Built from the story's :class:`~newsweave.brief.doc.StoryDoc`; ``sentences``
    are the doc's, row ``k`` of every similarity matrix being ``sentences[k]``.
    """

    def __init__(
        self,
        doc: StoryDoc,
        *,
        units: Sequence[str] | None = None,
        support: SupportOptions | None = None,
    ) -> None:
        self.doc = doc
        self.sentences = doc.sentences
        if units is None:
            units = source_units(doc.articles, copy_matches(doc.articles))
        if len(units) != len(doc.articles):
            raise ValueError(f"{len(units)} source units for {len(doc.articles)} articles")
        self.sources = tuple(units)
        self.outlets = tuple(source_key(article)[0] for article in doc.articles)
        """Each article's own source, copies not collapsed: how widely a text was carried."""
        self.article_of = np.array([item.article for item in self.sentences], dtype=np.int64)
        self._table = _table(self.sentences)
        self._support = support or SupportOptions()
        self._facts: dict[int, Facts] = {}
        self._wire: WireText | None = None
        self.counted_sources = tuple(_pasted_units(self.sentences, self.sources))
        """Each article's source as key points count it: ``sources``, an article that
        pastes another source's text joined with it (module docs)."""
        self._row_units = [self.counted_sources[item.article] for item in self.sentences]
        self._tokens = [item.tokens for item in self.sentences]
        self._own_words: dict[int, list[str]] = {}
        self._row_articles = [item.article for item in self.sentences]

    def facts(self, row: int) -> Facts:
        """The support judge's reading of sentence ``row`` (read once)."""
        found = self._facts.get(row)
        if found is None:
            # A wire dateline ("WASHINGTON (AP) —") is no part of what the sentence states.
            found = self._facts[row] = read_facts(strip_dateline(self.sentences[row].text))
        return found

    def judge(
        self, claim: int, evidence: int, *, options: SupportOptions | None = None
    ) -> Judgment:
        """What sentence ``evidence`` says about sentence ``claim`` (the support judge).

        ``options`` replace the story's judge options (a stricter judge for a stage).
        """
        return judge_facts(
            self.facts(claim), self.facts(evidence), options=options or self._support
        )

    def __len__(self) -> int:
        return len(self.sentences)

    def similarity(self, rows: Sequence[int]) -> Floats:
        """``sim[a, k]``: similarity of sentence ``rows[a]`` to every sentence ``k``, in [0, 1].

        Sentences of the same article are set to 0: a sentence never supports
        itself or its neighbours.
        """
        picked = np.array(sorted(set(rows)), dtype=np.int64)
        if not len(picked) or not len(self.sentences):
            return np.zeros((len(rows), len(self.sentences)))
        sim = similarity_matrix(_rows(self._table, picked), self._table)
        order = np.searchsorted(picked, np.array(rows, dtype=np.int64))
        result: Floats = sim[order]
        result[self.article_of[np.array(rows)][:, None] == self.article_of[None, :]] = 0.0
        return result

    def support(
        self,
        row: int,
        sim_row: Floats,
        *,
        threshold: float,
        accept: Sequence[SupportLabel] = SUPPORTS,
        tries: int = 3,
        options: SupportOptions | None = None,
    ) -> list[int]:
        """Rows stating what ``row`` states: ``row`` itself, then per other article one sentence.

        An article's candidates are its sentences at least ``threshold``
        similar and sharing a content word, most similar first; of its first
        ``tries``, the first the support judge (with ``options``, else the story's)
        labels one of ``accept`` is its supporting sentence.  An article with none
        does not support ``row``.
        """
        found = [row]
        for ranked in self._ranked(row, sim_row, threshold=threshold, tries=tries):
            chosen = next(
                (k for k in ranked if self.judge(row, k, options=options).label in accept), None
            )
            if chosen is not None:
                found.append(chosen)
        return found

    def support_levels(
        self,
        row: int,
        sim_row: Floats,
        *,
        threshold: float,
        tries: int = 3,
        options: SupportOptions | None = None,
        same_status: bool = True,
    ) -> tuple[list[int], list[int]]:
        """``(full, partial)``: rows stating all of ``row`` and rows stating part of it.

        ``full`` is :meth:`support` (``row`` itself first, then per other article
        the first of its ``tries`` candidates the judge labels ``supports``);
        ``partial`` holds, per other article with no such sentence, the first of
        its candidates the judge labels ``partial``; with ``same_status``, not one
        planned or expected where the other states it done (the judgments' guide calls
        "will visit" against "has arrived" a conflict, never a part of the claim).
        """
        full = [row]
        partial: list[int] = []
        for ranked in self._ranked(row, sim_row, threshold=threshold, tries=tries):
            part: int | None = None
            for k in ranked:
                judgment = self.judge(row, k, options=options)
                if judgment.label == "supports":
                    full.append(k)
                    break
                if (
                    judgment.label == "partial"
                    and part is None
                    and not (same_status and any(m.startswith("status:") for m in judgment.missing))
                ):
                    part = k
            else:
                if part is not None:
                    partial.append(part)
        return full, partial

    def _ranked(
        self, row: int, sim_row: Floats, *, threshold: float, tries: int
    ) -> list[list[int]]:
        """Per other article (in order), its first ``tries`` candidates for ``row``."""
        own = self.sentences[row]
        by_article: dict[int, list[int]] = {}
        for k in np.flatnonzero(sim_row >= threshold).tolist():
            article = self.sentences[k].article
            if article == own.article or not shares_content(own, self.sentences[k]):
                continue
            by_article.setdefault(article, []).append(k)
        return [
            sorted(by_article[article], key=lambda k: (-sim_row[k], k))[:tries]
            for article in sorted(by_article)
        ]

    def citation(self, row: int, *, partial: bool = False) -> Citation:
        """A citation of sentence ``row`` (``partial``: it states the cited claim only in part)."""
        item = self.sentences[row]
        article = self.doc.articles[item.article]
        return Citation(
            article_id=article.id,
            sentence_index=item.index,
            outlet=article.outlet,
            text=item.text,
            partial=partial,
        )

    def unshown_pair(
        self, left: int, right: int, shown: set[tuple[str, int]]
    ) -> tuple[Citation, Citation] | None:
        """The two rows' citations, marked in ``shown``, unless either sentence is in it
        already (then ``None``: one sentence is never in two listed disagreements)."""
        first, second = self.citation(left), self.citation(right)
        pair = {(c.article_id, c.sentence_index) for c in (first, second)}
        if pair & shown:
            return None
        shown |= pair
        return first, second

    @property
    def wire(self) -> WireText:
        """Which sentences are a news agency's text (read once, when first counted)."""
        if self._wire is None:
            self._wire = read_wire_text(self.doc)
        return self._wire

    def source_count(self, rows: Sequence[int]) -> int:
        """How many independent sources the sentences ``rows`` come from: their
        articles' sources, where sentences that are one news agency's text count once
        (:func:`~newsweave.brief.wire_text.count_sources`) and an article that pastes
        another source's text counts with it (module docs)."""
        units = {self._row_units[k] for k in rows}
        if len(units) < 2:
            return len(units)
        return count_sources(
            rows,
            units=self._row_units,
            article_of=self._row_articles,
            wire=self.wire,
            tokens=self._tokens,
            own_words=self.own_words,
        )

    def own_words(self, row: int) -> list[str]:
        """Sentence ``row``'s words outside quotation marks, a quotation its paragraph
        opened before it included (read once; possessive ``'s`` cut as in its tokens)."""
        found = self._own_words.get(row)
        if found is None:
            item = self.sentences[row]
            body = self.doc.articles[item.article].body
            text = unquoted(item.text, open_at_start=opens_inside(body, item.start))
            found = [w[:-2] if w.endswith("'s") else w for w in words(text)]
            self._own_words[row] = found
        return found


def _pasted_units(sentences: Sequence[StorySentence], sources: Sequence[str]) -> list[str]:
    """Each article's source for counting: ``sources``, with the sources of two articles
    joined when they share :data:`PASTED_SENTENCES` reporters' sentences word for word."""
    holders: dict[str, set[int]] = {}
    for item in sentences:
        own = unquoted(item.text).split()
        if len(own) < _PASTED_WORDS or item.text.lstrip().split(" ", 1)[0] in ("I", "We"):
            continue
        key = " ".join(word.strip(".,;:!?()'’").lower() for word in own)
        holders.setdefault(key, set()).add(item.article)
    shared: dict[tuple[int, int], int] = {}
    for articles in holders.values():
        ordered = sorted(articles)
        for position, left in enumerate(ordered):
            for right in ordered[position + 1 :]:
                if sources[left] != sources[right]:
                    shared[left, right] = shared.get((left, right), 0) + 1
    joined = {unit: unit for unit in sources}

    def root(unit: str) -> str:
        while joined[unit] != unit:
            unit = joined[unit]
        return unit

    for (left, right), count in sorted(shared.items()):
        if count >= PASTED_SENTENCES:
            first, second = sorted((root(sources[left]), root(sources[right])))
            joined[second] = first
    return [root(unit) for unit in sources]


def shares_content(left: StorySentence, right: StorySentence) -> bool:
    """Whether two sentences share at least one content word."""
    return not left.content.isdisjoint(right.content)
