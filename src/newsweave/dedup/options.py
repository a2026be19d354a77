"""The knobs of duplicate and rewrite detection, validated once."""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.config import check_at_least, check_positive, check_share
from newsweave.errors import ConfigError

__all__ = ["DedupOptions"]


def _share(name: str, value: float) -> None:
    check_share("dedup", name, value)


def _at_least(name: str, value: int, low: int) -> None:
    check_at_least("dedup", name, value, low)


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """How :class:`~newsweave.dedup.DuplicateDetector` decides what is a copy.

    The defaults were set on a labelled variant stream of real articles
    (``benchmarks/bench_dedup.py``); change them together with that benchmark.
    """

    min_words: int = 10
    """Bodies with fewer words are never linked: too little text to call anything a copy."""

    num_perm: int = 128
    """MinHash permutations for the near-copy index."""
    seed: int = 1
    """Seed of every hash permutation (MinHash and sentence keys): same seed, same links."""
    shingle_size: int = 5
    """Words per shingle for near and syndicated copies."""
    lsh_threshold: float = 0.8
    """Jaccard level the MinHash LSH index is tuned to retrieve; verification decides."""

    near_threshold: float = 0.8
    """Shingle Jaccard at or above which two texts are copies."""
    containment_threshold: float = 0.8
    """Share of one text's shingles found in the other that makes it a copy of it..."""
    min_overlap_share: float = 0.5
    """...provided the shared shingles are also this share of the other (a paragraph
    quoted in a long article does not make the long article a copy)."""
    wire_containment_threshold: float = 0.6
    """The containment bar when both articles credit the same wire agency: outlets
    lightly edit wire copy, and the shared credit is evidence of its own."""

    min_sentence_words: int = 4
    """Content words a sentence needs to take part in rewrite alignment."""
    sentence_threshold: float = 0.45
    """Similarity at which a sentence counts as aligned to a sentence of the other
    article: the mean of the Dice overlaps of content words and of word bigrams."""
    rewrite_threshold: float = 0.5
    """Share of the new article's sentences aligned for it to be a rewrite."""
    min_aligned_sentences: int = 3
    """Aligned sentences a rewrite needs at least, whatever the share."""
    lead_sentences: int = 3
    """A rewrite restates the news, so one of the new article's first this many
    sentences must align too: an article that shares only background passages
    with another (an outlet reusing its own explainer paragraphs in a story about
    a new event) is not its rewrite.  0 turns the check off."""

    sentence_bands: int = 3
    """Keys per sentence for the rewrite candidate index (each from 2 min-hashes)."""
    keys_per_article: int = 24
    """Sentence keys an indexed article keeps (its smallest keys: a fixed-size sample)."""
    max_posting: int = 64
    """A key shared by this many indexed articles is too common to point anywhere."""
    min_votes: float = 2.5
    """Weight of sentence keys a stored article must share with the new one to be
    checked for rewrite; a key held by ``n`` stored articles weighs ``1/n``."""
    max_candidates: int = 8
    """Stored articles at most checked for rewrite per new article (most votes first)."""

    def __post_init__(self) -> None:
        _at_least("min_words", self.min_words, 1)
        _at_least("num_perm", self.num_perm, 16)
        _at_least("shingle_size", self.shingle_size, 1)
        if self.shingle_size > 8:
            raise ConfigError(
                f"dedup option shingle_size must be at most 8, got {self.shingle_size}"
            )
        for name in (
            "lsh_threshold",
            "near_threshold",
            "containment_threshold",
            "min_overlap_share",
            "wire_containment_threshold",
            "sentence_threshold",
            "rewrite_threshold",
        ):
            _share(name, getattr(self, name))
        _at_least("min_sentence_words", self.min_sentence_words, 1)
        _at_least("min_aligned_sentences", self.min_aligned_sentences, 1)
        _at_least("lead_sentences", self.lead_sentences, 0)
        _at_least("sentence_bands", self.sentence_bands, 1)
        _at_least("keys_per_article", self.keys_per_article, 1)
        _at_least("max_posting", self.max_posting, 2)
        check_positive("dedup", "min_votes", self.min_votes)
        _at_least("max_candidates", self.max_candidates, 1)
