"""Sentence alignment: how much of an article paraphrases another, sentence by sentence.

A content farm or an AI rewrite keeps the other article's facts sentence by
sentence while reordering sentences, dropping some, swapping words for synonyms
and rewording a few.  Whole-document shingles lose such a text after a handful
of swaps; sentence alignment does not: each sentence of the new article is
compared with every sentence of the candidate, and counts as aligned when its
best match is similar enough, in any order.

Similarity of two sentences is the mean of the Dice overlaps of their content
words and of their word bigrams: content words survive reordering within the
sentence; bigrams tell a sentence that says the same thing in the same words
from one that merely names the same people and places.  Overlaps of every
pair of sentences are counted at once by joining the two articles' sorted
(sentence, word) rows, so the cost is that of a few numpy sorts.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from newsweave.dedup.fingerprint import SentenceTable

__all__ = ["aligned_mask", "similarity_matrix"]

Ints = npt.NDArray[np.int64]


def _overlaps(
    new_sentence: Ints,
    new_value: npt.NDArray[np.uint32],
    old_sentence: Ints,
    old_value: npt.NDArray[np.uint32],
    shape: tuple[int, int],
) -> npt.NDArray[np.float64]:
    """``counts[i, j]``: values shared by sentence ``i`` of new and ``j`` of old."""
    order = np.argsort(old_value, kind="stable")
    sorted_value = old_value[order]
    low = np.searchsorted(sorted_value, new_value, side="left")
    high = np.searchsorted(sorted_value, new_value, side="right")
    hits = high - low
    total = int(hits.sum())
    counts = np.zeros(shape[0] * shape[1], dtype=np.float64)
    if total == 0:
        return counts.reshape(shape)
    ends = np.cumsum(hits)
    positions = np.arange(total) - np.repeat(ends - hits, hits) + np.repeat(low, hits)
    pairs = np.repeat(new_sentence, hits) * shape[1] + old_sentence[order[positions]]
    counts += np.bincount(pairs, minlength=shape[0] * shape[1])
    return counts.reshape(shape)


def similarity_matrix(new: SentenceTable, old: SentenceTable) -> npt.NDArray[np.float64]:
    """``sim[i, j]`` between sentence ``i`` of ``new`` and ``j`` of ``old``, in [0, 1]."""
    shape = (new.count, old.count)
    if not new.count or not old.count:
        return np.zeros(shape)
    content = _overlaps(
        new.content_sentence, new.content_word, old.content_sentence, old.content_word, shape
    )
    bigrams = _overlaps(new.bigram_sentence, new.bigram, old.bigram_sentence, old.bigram, shape)
    content_total = new.content_size[:, None] + old.content_size[None, :]
    bigram_total = np.maximum(new.bigram_size[:, None] + old.bigram_size[None, :], 1)
    result: npt.NDArray[np.float64] = content / content_total + bigrams / bigram_total
    return result


def aligned_mask(
    new: SentenceTable, old: SentenceTable, *, threshold: float
) -> npt.NDArray[np.bool_]:
    """Which sentences of ``new`` (in order) have a sentence of ``old`` at least
    ``threshold`` similar.

    Several sentences of ``new`` may align to the same sentence of ``old`` (a
    rewrite may split a long sentence in two).
    """
    if not new.count or not old.count:
        return np.zeros(new.count, dtype=bool)
    result: npt.NDArray[np.bool_] = similarity_matrix(new, old).max(axis=1) >= threshold
    return result
