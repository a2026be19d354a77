"""Incremental detection of copies and rewrites, each linked to the earliest copy.

Articles are observed one at a time in arrival order.  Each new article is
compared with the stored ones that two indexes point at (never with all of
them, so the time per article stays flat as the store grows):

* **exact**: the same sequence of normalised words (case, white space,
  punctuation, quote style ignored) as a stored article; a hash lookup.
* **near** / **syndicated**: the same text up to light edits.  Candidates come
  from MinHash LSH over word 5-shingles (:mod:`newsweave.dedup.bands`, fixed
  seed) and from the
  sentence-key index below; each is verified on the real shingle sets.  A pair
  is a *copy* when their Jaccard is at least ``near_threshold``, or when the
  shingles of one are at least ``containment_threshold`` contained in the other
  and the shared part is at least ``min_overlap_share`` of the other (an outlet
  that adds its own intro or footer, or cuts a wire story from the bottom).
  The bar drops to ``wire_containment_threshold`` when both credit the same
  wire agency.  The kind of a copy follows the outlets:

  - both outlets known and different: ``syndicated``, scored by containment;
  - both known and the same: ``near``, scored by Jaccard;
  - an outlet unknown: ``syndicated`` if either article credits a wire agency,
    else ``near``.

* **rewrite**: no copy found, but at least ``rewrite_threshold`` of the new
  article's sentences (and ``min_aligned_sentences``), one of its first
  ``lead_sentences`` among them, align with sentences of a stored article
  (:mod:`newsweave.dedup.align`).  Candidates come from an
  inverted index of *sentence keys*: min-hash pairs of each sentence's content
  words, of which every indexed article keeps a fixed-size sample; keys held by
  more than ``max_posting`` articles are ignored as uninformative.

A match links to the *original*: the earliest article of the matched one's
copy chain, so a copy of a copy points at the first publication.  Copies
(exact, near, syndicated) are not indexed themselves, since any later copy
finds their original; rewrites are, since their words differ.

What :meth:`DuplicateDetector.observe` computes of an article before it looks
at any other one (the word fingerprint, shingles, MinHash band keys, sentence
table and keys) does not depend on the order: :meth:`DuplicateDetector.analyse`
computes it anywhere (a Spark task) and ``observe(article, analysis=...)``
decides with it, exactly as without it.  The candidate lookup is order-free
too, up to one filter: :mod:`newsweave.dedup.candidates` finds, for every
article, the earlier ones that share a fingerprint, a band key or a sentence
key with it (a join, e.g. in Spark), and ``observe(article, analysis=...,
candidates=...)`` keeps of those the ones this detector indexed (originals and
rewrites, decided earlier in the stream) and decides exactly as its own index
lookup would.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import numpy.typing as npt

from newsweave.dedup.align import aligned_mask
from newsweave.dedup.bands import BandIndex, MinHasher
from newsweave.dedup.fingerprint import (
    BandParams,
    Fingerprint,
    SentenceTable,
    fingerprint,
    sentence_keys,
    sentence_table,
    shingles,
)
from newsweave.dedup.options import DedupOptions
from newsweave.errors import ConfigError
from newsweave.models import Article, DuplicateMatch, MatchKind

__all__ = [
    "ArticleAnalysis",
    "ArticleCandidates",
    "DuplicateDetector",
    "DuplicateMatch",
    "MatchKind",
]

_Posting = int | list[int]


@dataclass(frozen=True, slots=True)
class _Analysis:
    print_: Fingerprint
    shingles: npt.NDArray[np.uint32]
    bands: npt.NDArray[np.uint64]
    """LSH band keys of the shingles' MinHash signature."""
    sentences: SentenceTable
    keys: npt.NDArray[np.uint64]


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """The order-free part of observing one article (:meth:`DuplicateDetector.analyse`)."""

    article_id: str
    options: DedupOptions
    """The options it was made with: a detector with others refuses it."""
    print_: Fingerprint
    detail: _Analysis | None
    """Shingles, band keys and sentence keys (``None``: too few words to compare)."""


@dataclass(frozen=True, slots=True)
class ArticleCandidates:
    """The earlier articles that share a key with one article, found by a join.

    Made by :func:`newsweave.dedup.candidates.join_candidates` (or the Spark
    job's join), over every article of the stream before this one, whatever the
    detector decided about them: :meth:`DuplicateDetector.observe` keeps those it
    indexed.  Articles are named by their place in the stream (from 0), which is
    their place in a detector that observed the stream from its start.  Keys held
    by too many articles to join (``common_*``) are looked up in the detector's
    own index instead.
    """

    article_id: str
    position: int
    """The article's place in the stream: the detector must have observed as many."""
    same_text: int | None = None
    """The earliest article with the same words, if any (the article is an exact copy)."""
    near: tuple[int, ...] = ()
    """Articles sharing at least one MinHash band key, in stream order."""
    postings: tuple[tuple[int, tuple[int, ...]], ...] = ()
    """``(sentence key, articles holding it)`` for each of the article's sentence keys
    that earlier articles hold among their indexed sample: keys in ascending order,
    articles in stream order."""
    common_bands: tuple[int, ...] = ()
    """Band keys too common to join: looked up in the detector's index."""
    common_keys: tuple[int, ...] = ()
    """Sentence keys too common to join: looked up in the detector's index."""


def _outlet_key(outlet: str | None) -> str | None:
    if outlet is None:
        return None
    key = " ".join(outlet.casefold().split())
    return key or None


def _wire_key(article: Article) -> frozenset[str]:
    return frozenset(" ".join(credit.casefold().split()) for credit in article.labels.wire_credits)


class DuplicateDetector:
    """Links each observed article to the earliest copy or paraphrase of it, if any.

    Observe articles in arrival order with :meth:`observe`; :meth:`check` asks
    the same question without storing the article.  Results depend only on the
    options (seeded hashes) and the order of observation.
    """

    STATE_VERSION: ClassVar[int] = 2
    """Bumped when the in-memory state changes shape: snapshots of another version are
    rebuilt (2: own LSH band index instead of datasketch's MinHashLSH)."""

    def __init__(self, *, options: DedupOptions | None = None) -> None:
        self.options = options if options is not None else DedupOptions()
        opts = self.options
        self._hasher = MinHasher(
            num_perm=opts.num_perm, seed=opts.seed, threshold=opts.lsh_threshold
        )
        self._lsh = BandIndex()
        self._bands = BandParams.draw(bands=opts.sentence_bands, seed=opts.seed)
        self._ids: list[str] = []
        self._outlets: list[str | None] = []
        self._wires: list[frozenset[str]] = []
        self._roots: list[int] = []
        self._prints: list[Fingerprint | None] = []
        self._by_id: dict[str, int] = {}
        self._by_digest: dict[bytes, int] = {}
        self._matches: dict[int, DuplicateMatch] = {}
        self._postings: dict[int, _Posting] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def analyse(self, article: Article) -> ArticleAnalysis:
        """What :meth:`observe` computes of ``article`` before it looks at any other one.

        It depends on the article and the options only, so it can be computed
        in parallel, elsewhere, and handed to :meth:`observe`.
        """
        print_ = fingerprint(article.body)
        return ArticleAnalysis(article.id, self.options, print_, self._analysis_of(print_))

    def observe(
        self,
        article: Article,
        *,
        analysis: ArticleAnalysis | None = None,
        candidates: ArticleCandidates | None = None,
    ) -> DuplicateMatch | None:
        """Match ``article`` against the stored articles, then store it.

        ``analysis``: :meth:`analyse` of the article, made beforehand (by a
        detector with the same options); the answer is the same as without it.
        ``candidates`` (with ``analysis``): the earlier articles sharing a key
        with it, found by a join over the stream this detector observes from its
        start (:mod:`newsweave.dedup.candidates`); they replace the index lookup,
        with the same answer.
        Observing an article id a second time stores nothing and returns the
        first answer again, so re-running a stream changes nothing.
        """
        known = self._by_id.get(article.id)
        if known is not None:
            return self._matches.get(known)
        if analysis is not None and (
            analysis.article_id != article.id or analysis.options != self.options
        ):
            raise ConfigError("the analysis was made for another article or with other options")
        if candidates is not None and (analysis is None or candidates.article_id != article.id):
            raise ConfigError("candidates need the article's analysis and must be its own")
        if candidates is not None and candidates.position != len(self._ids):
            raise ConfigError(
                f"the candidates were joined for place {candidates.position} of a stream, but "
                f"the detector has observed {len(self._ids)} articles: join the stream it observes"
            )
        print_ = analysis.print_ if analysis is not None else fingerprint(article.body)
        same_text = (
            self._by_digest.get(print_.digest) if candidates is None else candidates.same_text
        )
        if same_text is not None and print_.word_count >= self.options.min_words:
            # An exact copy (what _match answers first): _store keeps nothing of a
            # copy's analysis, so the shingles, min-hash and sentence keys are skipped.
            copy = self._link(article, same_text, "exact", 1.0)
            self._store(article, None, copy)
            return copy
        detail = analysis.detail if analysis is not None else self._analysis_of(print_)
        match = self._match(article, detail, candidates)
        self._store(article, detail, match)
        return match

    def check(self, article: Article) -> DuplicateMatch | None:
        """What :meth:`observe` would answer, without storing ``article``."""
        known = self._by_id.get(article.id)
        if known is not None:
            return self._matches.get(known)
        return self._match(article, self._analyse(article))

    def original_of(self, article_id: str) -> str | None:
        """The original a stored article was linked to; ``None`` for an original or unknown id."""
        index = self._by_id.get(article_id)
        if index is None or self._roots[index] == index:
            return None
        return self._ids[self._roots[index]]

    # -- analysis -----------------------------------------------------------

    def _analyse(self, article: Article) -> _Analysis | None:
        return self._analysis_of(fingerprint(article.body))

    def _analysis_of(self, print_: Fingerprint) -> _Analysis | None:
        opts = self.options
        if print_.word_count < opts.min_words:
            return None
        found = shingles(print_, size=opts.shingle_size)
        sentences = sentence_table(print_, min_content=opts.min_sentence_words)
        return _Analysis(
            print_=print_,
            shingles=found,
            bands=self._hasher.band_keys(self._hasher.signature(found)),
            sentences=sentences,
            keys=sentence_keys(sentences, self._bands),
        )

    # -- matching -----------------------------------------------------------

    def _match(
        self,
        article: Article,
        analysis: _Analysis | None,
        candidates: ArticleCandidates | None = None,
    ) -> DuplicateMatch | None:
        if analysis is None:
            return None
        if candidates is None:
            same_text = self._by_digest.get(analysis.print_.digest)
        else:
            same_text = candidates.same_text
        if same_text is not None:
            return self._link(article, same_text, "exact", 1.0)
        if candidates is None:
            near = self._lsh.query(analysis.bands)
            found = self._found(analysis.keys)
        else:
            near, found = self._joined(analysis, candidates)
        voted = self._tally(found)
        copy = self._best_copy(article, analysis, sorted(near | set(voted)))
        if copy is not None:
            return copy
        return self._best_rewrite(article, analysis, voted)

    def _link(self, article: Article, index: int, kind: MatchKind, score: float) -> DuplicateMatch:
        return DuplicateMatch(
            article_id=article.id,
            original_id=self._ids[self._roots[index]],
            kind=kind,
            score=round(score, 4),
            matched_id=self._ids[index],
        )

    def _found(self, keys: npt.NDArray[np.uint64]) -> list[_Posting]:
        """The postings of ``keys`` in the index, in key order (keys no one holds left out)."""
        held = map(self._postings.get, keys.tolist())
        return [posting for posting in held if posting is not None]

    def _indexed(self, found: tuple[int, ...]) -> list[int]:
        """The stored articles of ``found`` this detector indexed, in the order given."""
        prints = self._prints
        return [index for index in found if prints[index] is not None]

    def _joined(
        self, analysis: _Analysis, candidates: ArticleCandidates
    ) -> tuple[set[int], list[_Posting]]:
        """What :meth:`_match` reads from the index (band lookup, postings), from a join.

        The join lists every earlier article holding a key; the index holds the
        indexed ones only, a key's posting its first ``max_posting`` of them.
        The postings come in key order (the order :meth:`_tally` adds them in).
        """
        near = set(self._indexed(candidates.near))
        if candidates.common_bands:
            near |= self._lsh.query(np.array(candidates.common_bands, dtype=np.uint64))
        cap = self.options.max_posting
        keyed: list[tuple[int, _Posting]] = []
        for key, holders in candidates.postings:
            indexed = self._indexed(holders)
            if indexed:
                keyed.append((key, indexed[0] if len(indexed) == 1 else indexed[:cap]))
        if candidates.common_keys:
            held = ((key, self._postings.get(key)) for key in candidates.common_keys)
            keyed += [(key, posting) for key, posting in held if posting is not None]
            keyed.sort(key=lambda pair: pair[0])
        return near, [posting for _key, posting in keyed]

    def _voted(self, keys: npt.NDArray[np.uint64]) -> list[int]:
        """:meth:`_tally` of the postings of ``keys`` in the index."""
        return self._tally(self._found(keys))

    def _tally(self, found: list[_Posting]) -> list[int]:
        """Stored articles whose shared sentence keys weigh at least ``min_votes``, best first.

        ``found``: the postings of the new article's keys, in key order.

        A key held by ``n`` stored articles gives each of them ``1/n`` of a vote:
        a rare key (one sentence's own word pairs) says more than a common one.

        A new article reaches a few hundred stored ones through its keys, and
        only one or two of those get the votes (adding every share in Python
        cost 4 million dict lookups per 10,000 articles).  So the articles are
        first sorted out in numpy on a bound (a share is 1 for a key held once,
        at most 1/2 otherwise), and only those that may reach the bar get their
        shares added, one by one in key order: the same sums, to the last bit,
        as a running total per article.
        """
        opts = self.options
        cap = opts.max_posting
        sole = [posting for posting in found if isinstance(posting, int)]
        # Twice an article's weight is at most its count in `tally` (two per key it
        # holds alone, one per shared key); float rounding is monotone, so the
        # running totals below are bounded the same way.
        counted = sole + sole
        for posting in found:
            if isinstance(posting, list) and len(posting) < cap:
                counted += posting
        tally = np.array(counted, dtype=np.int64)
        need = max(1, math.ceil(2 * opts.min_votes))
        if len(tally) < need:
            return []
        tally.sort()
        reach = tally[need - 1 :] == tally[: len(tally) - need + 1]
        votes = dict.fromkeys(tally[: len(tally) - need + 1][reach].tolist(), 0.0)
        if not votes:
            return []
        for posting in found:
            if isinstance(posting, int):
                if posting in votes:
                    votes[posting] += 1.0
            elif len(posting) < cap:
                share = 1.0 / len(posting)
                for index in votes:
                    if index in posting:
                        votes[index] += share
        ranked = sorted(
            (index for index, weight in votes.items() if weight >= opts.min_votes),
            key=lambda index: (-votes[index], index),
        )
        return ranked[: opts.max_candidates]

    def _best_copy(
        self, article: Article, analysis: _Analysis, candidates: list[int]
    ) -> DuplicateMatch | None:
        opts = self.options
        outlet = _outlet_key(article.outlet)
        wires = _wire_key(article)
        new = analysis.shingles
        best: tuple[float, float, int] | None = None
        for index in candidates:
            stored = self._prints[index]
            if stored is None:
                continue
            old = shingles(stored, size=opts.shingle_size)
            shared = len(np.intersect1d(new, old, assume_unique=True))
            if not shared:
                continue
            jaccard = shared / (len(new) + len(old) - shared)
            high, low = sorted((shared / len(new), shared / len(old)), reverse=True)
            bar = (
                opts.wire_containment_threshold
                if (wires & self._wires[index]) - {"agency"}
                else opts.containment_threshold
            )
            if jaccard < opts.near_threshold and not (
                high >= bar and low >= opts.min_overlap_share
            ):
                continue
            # Highest containment first, then Jaccard, then the earliest article.
            if best is None or (high, jaccard, -index) > (best[0], best[1], -best[2]):
                best = (high, jaccard, index)
        if best is None:
            return None
        high, jaccard, index = best
        other = self._outlets[index]
        if outlet is not None and other is not None:
            syndicated = outlet != other
        else:
            syndicated = bool(wires or self._wires[index])
        if syndicated:
            return self._link(article, index, "syndicated", high)
        return self._link(article, index, "near", jaccard)

    def _best_rewrite(
        self, article: Article, analysis: _Analysis, candidates: list[int]
    ) -> DuplicateMatch | None:
        opts = self.options
        new = analysis.sentences
        if new.count < opts.min_aligned_sentences:
            return None
        best: tuple[float, int] | None = None
        for index in candidates:
            stored = self._prints[index]
            if stored is None:
                continue
            old = sentence_table(stored, min_content=opts.min_sentence_words)
            found = aligned_mask(new, old, threshold=opts.sentence_threshold)
            aligned = int(found.sum())
            score = aligned / new.count
            if aligned < opts.min_aligned_sentences or score < opts.rewrite_threshold:
                continue
            if opts.lead_sentences and not found[: opts.lead_sentences].any():
                continue  # only background in common: not a restatement of the news
            if best is None or (score, -index) > (best[0], -best[1]):
                best = (score, index)
        if best is None:
            return None
        return self._link(article, best[1], "rewrite", best[0])

    # -- storing ------------------------------------------------------------

    def _store(
        self, article: Article, analysis: _Analysis | None, match: DuplicateMatch | None
    ) -> None:
        index = len(self._ids)
        self._ids.append(article.id)
        self._outlets.append(_outlet_key(article.outlet))
        self._wires.append(_wire_key(article))
        self._by_id[article.id] = index
        if match is None:
            self._roots.append(index)
        else:
            self._roots.append(self._by_id[match.original_id])
            self._matches[index] = match
        indexed = analysis is not None and (match is None or match.kind == "rewrite")
        self._prints.append(analysis.print_ if indexed and analysis is not None else None)
        if analysis is None:
            return
        self._by_digest.setdefault(analysis.print_.digest, index)
        if not indexed:
            return
        self._lsh.insert(index, analysis.bands)
        cap = self.options.max_posting
        for key in analysis.keys[: self.options.keys_per_article].tolist():
            posting = self._postings.get(key)
            if posting is None:
                self._postings[key] = index
            elif isinstance(posting, int):
                self._postings[key] = [posting, index]
            elif len(posting) < cap:
                posting.append(index)
