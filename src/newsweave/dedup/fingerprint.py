"""What duplicate detection keeps of an article: its words as small hashes, cut into sentences.

A :class:`Fingerprint` holds the body's normalised words as 16-bit hashes plus
the word offset where each sentence starts.  Everything the detector compares
is derived from it on demand: word shingles (near and syndicated copies),
content-word sets and word bigrams per sentence (rewrite alignment), and
sentence keys (the rewrite candidate index).  16-bit word hashes halve the
memory of a stored article; a collision between two different words costs at
most one spurious shared word in a sentence, and shingles mix five of them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from newsweave.text import STOPWORDS, sentence_words_flat, shingle_hashes, word_hashes

__all__ = [
    "BandParams",
    "Fingerprint",
    "SentenceTable",
    "fingerprint",
    "sentence_keys",
    "sentence_table",
    "shingles",
]

WordArray = npt.NDArray[np.uint16]
U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
_Int = TypeVar("_Int", np.int64, np.uint64)
_LOW32 = 0xFFFFFFFF


def _fold(hashes: U32) -> WordArray:
    return ((hashes >> np.uint32(16)) ^ (hashes & np.uint32(0xFFFF))).astype(np.uint16)


# One flag per possible 16-bit word hash: is it a function word's?
_IS_STOP = np.zeros(1 << 16, dtype=bool)
_IS_STOP[_fold(word_hashes(sorted(STOPWORDS)))] = True


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The normalised words of one body, as hashes, with sentence boundaries."""

    digest: bytes
    """Identity of the normalised word sequence (full 32-bit word hashes, BLAKE2b)."""
    words: WordArray
    """16-bit hash of each normalised word, in text order."""
    bounds: npt.NDArray[np.int32]
    """``bounds[i]:bounds[i + 1]`` are the words of sentence ``i``."""

    @property
    def word_count(self) -> int:
        return len(self.words)


def fingerprint(text: str) -> Fingerprint:
    """Fingerprint of ``text``: case, white space, punctuation and possessive ``'s`` ignored."""
    tokens, bounds = sentence_words_flat(text)
    full = word_hashes(tokens)
    digest = hashlib.blake2b(full.tobytes(), digest_size=16).digest()
    return Fingerprint(digest=digest, words=_fold(full), bounds=np.array(bounds, dtype=np.int32))


def shingles(print_: Fingerprint, *, size: int) -> U32:
    """Sorted distinct hashes of the ``size``-word shingles of the whole body."""
    return shingle_hashes(print_.words.astype(np.uint32), size=size)


@dataclass(frozen=True, slots=True)
class SentenceTable:
    """The sentences of one article as rewrite alignment sees them, as flat arrays.

    Only sentences with enough distinct content words take part; they are
    renumbered ``0..count-1``.  ``content`` holds one row per distinct
    (sentence, content word) pair, sorted by sentence then word; ``bigrams``
    one per distinct (sentence, consecutive word pair), function words included.
    """

    count: int
    content_sentence: npt.NDArray[np.int64]
    content_word: npt.NDArray[np.uint32]
    content_size: npt.NDArray[np.int64]
    """Distinct content words per sentence."""
    bigram_sentence: npt.NDArray[np.int64]
    bigram: npt.NDArray[np.uint32]
    bigram_size: npt.NDArray[np.int64]


def _sorted_distinct(values: npt.NDArray[_Int]) -> npt.NDArray[_Int]:
    # np.unique, without its generic dispatch (it dominated the profile here).
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def sentence_table(print_: Fingerprint, *, min_content: int) -> SentenceTable:
    """The :class:`SentenceTable` of ``print_``, keeping sentences of ``min_content`` words.

    Rows are (sentence << 32 | value) in int64, sorted and made distinct in one
    pass each for content words and bigrams; sentences too short are dropped
    from the bigrams before the sort rather than after (a table is built for
    every new article and every rewrite candidate, so its numpy calls count).
    """
    lengths = np.diff(print_.bounds)
    sentence_of = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    words = print_.words
    content = _sorted_distinct(((sentence_of << 32) | words)[~_IS_STOP[words]])
    sentence = content >> 32
    sizes = np.bincount(sentence, minlength=len(lengths))
    keep = sizes >= min_content
    renumber = np.cumsum(keep) - 1
    rows = keep[sentence]
    wide = words.astype(np.uint32)
    head = sentence_of[:-1]
    pairs = (head == sentence_of[1:]) & keep[head]
    bigrams = _sorted_distinct(
        (renumber[head[pairs]] << 32) | ((wide[:-1] << np.uint32(16)) | wide[1:])[pairs]
    )
    bigram_sentence = bigrams >> 32
    count = int(keep.sum())
    return SentenceTable(
        count=count,
        content_sentence=renumber[sentence[rows]],
        content_word=(content[rows] & _LOW32).astype(np.uint32),
        content_size=sizes[keep],
        bigram_sentence=bigram_sentence,
        bigram=(bigrams & _LOW32).astype(np.uint32),
        bigram_size=np.bincount(bigram_sentence, minlength=count),
    )


_MIX = np.uint64(0x94D049BB133111EB)


@dataclass(frozen=True, slots=True)
class BandParams:
    """Hash permutations of the sentence keys, drawn from a seed."""

    multipliers: U64
    offsets: U64

    @classmethod
    def draw(cls, *, bands: int, seed: int) -> BandParams:
        """Two permutations per band, the same for the same ``seed``."""
        rng = np.random.default_rng(seed)
        multipliers = rng.integers(1, 2**63, size=2 * bands, dtype=np.uint64) | np.uint64(1)
        offsets = rng.integers(0, 2**63, size=2 * bands, dtype=np.uint64)
        return cls(multipliers=multipliers, offsets=offsets)


def sentence_keys(table: SentenceTable, params: BandParams) -> U64:
    """Sorted distinct keys of the sentences, each key from 2 min-hashes of its content words.

    Each sentence gives one key per band of ``params``.  Two sentences share a
    band key with probability ``J**2`` where ``J`` is the Jaccard overlap of
    their content words, so a sentence and its light paraphrase (a few
    synonyms swapped) usually share one of the keys while unrelated sentences
    almost never do.
    """
    if table.count == 0:
        return np.empty(0, dtype=np.uint64)
    multipliers, offsets = params.multipliers, params.offsets
    bands = len(multipliers) // 2
    flat = table.content_word.astype(np.uint64)
    starts = np.concatenate(([0], np.cumsum(table.content_size)[:-1]))
    mixed = flat[:, None] * multipliers[None, :] + offsets[None, :]
    mixed ^= mixed >> np.uint64(29)
    mixed *= _MIX
    mixed ^= mixed >> np.uint64(32)
    minima = np.minimum.reduceat(mixed, starts, axis=0)
    low = minima[:, 0::2] & np.uint64(0xFFFFFFFF)
    high = minima[:, 1::2] << np.uint64(32)
    band_salt = np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    keys = (high | low) ^ band_salt[None, :]
    return _sorted_distinct(keys.ravel())
