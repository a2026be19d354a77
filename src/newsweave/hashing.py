"""Stable 32-bit hashes of words and of word shingles, for set-similarity sketches.

:func:`word_hashes` hashes each word with CRC-32 (not Python's per-process
salted ``hash``), so the same words hash the same in every process;
:func:`shingle_hashes` folds runs of ``size`` consecutive word hashes into one
sorted, distinct array, the input of MinHash and of exact shingle overlap.
Both are re-exported by :mod:`newsweave.text`, where callers import them.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    HashArray = npt.NDArray[np.uint32]

__all__ = ["shingle_hashes", "word_hashes"]


# numpy is imported by the functions that use it, not with the module: the
# sentence and date helpers of newsweave.text serve the extractors, and a command
# that only extracts should not pay numpy's import time.


def word_hashes(tokens: Sequence[str]) -> HashArray:
    """Stable 32-bit hash (CRC-32 of the UTF-8 bytes) of each token, as a numpy array."""
    import numpy as np

    return np.fromiter(map(zlib.crc32, map(str.encode, tokens)), np.uint32, len(tokens))


# Odd 64-bit multipliers (from splitmix64/murmur finalisers): positions in a
# shingle get different weights so "a b" and "b a" hash differently.
_SHINGLE_WEIGHTS = (
    0x9E3779B97F4A7C15,
    0xBF58476D1CE4E5B9,
    0x94D049BB133111EB,
    0xFF51AFD7ED558CCD,
    0xC4CEB9FE1A85EC53,
    0xD6E8FEB86659FD93,
    0xA0761D6478BD642F,
    0xE7037ED1A0B428DB,
)


@cache
def _shingle_weights() -> np.ndarray[tuple[int], np.dtype[np.uint64]]:
    import numpy as np

    return np.array(_SHINGLE_WEIGHTS, dtype=np.uint64)


def shingle_hashes(hashes: HashArray, *, size: int) -> HashArray:
    """Sorted, distinct 32-bit hashes of every run of ``size`` consecutive words.

    ``hashes`` are word hashes from :func:`word_hashes`.  A text shorter than
    ``size`` words is one shingle of all its words; an empty text has none.
    """
    import numpy as np

    if not 1 <= size <= len(_SHINGLE_WEIGHTS):
        raise ValueError(f"shingle size must be between 1 and {len(_SHINGLE_WEIGHTS)}, got {size}")
    count = len(hashes)
    if count == 0:
        return np.empty(0, dtype=np.uint32)
    width = min(size, count)
    runs = count - width + 1
    weights = _shingle_weights()
    wide = hashes.astype(np.uint64)
    mixed = np.zeros(runs, dtype=np.uint64)
    for offset in range(width):
        mixed += wide[offset : offset + runs] * weights[offset]
    mixed ^= mixed >> np.uint64(31)
    mixed *= np.uint64(0x94D049BB133111EB)
    folded = np.sort((mixed >> np.uint64(32)).astype(np.uint32))
    keep = np.empty(len(folded), dtype=bool)
    keep[:1] = True
    np.not_equal(folded[1:], folded[:-1], out=keep[1:])
    return folded[keep]
