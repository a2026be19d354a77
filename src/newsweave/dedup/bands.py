"""MinHash signatures of shingle sets and the banded LSH index over them.

The signature is datasketch's (``MinHash(num_perm, seed, hashfunc=int)``
updated with the shingle hashes; a test pins the equality), computed in one
vectorised pass.  The index follows datasketch's ``MinHashLSH`` (same band
count and width for the threshold, same answer: every stored signature that
agrees with the query on all values of at least one band), with each band
reduced to one 64-bit key.  That is what keeps it small: one dictionary entry
per band of a stored article, where ``MinHashLSH`` keeps a bytes object and a
set per band and the list of them per key.  Two different bands share a key
with probability 2**-64; a candidate is verified on its shingles anyway.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

__all__ = ["BandIndex", "MinHasher"]

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]


@lru_cache(maxsize=8)
def _band_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    # datasketch's choice of bands and rows for the threshold (equal weights of
    # false positives and negatives): the same candidates as MinHashLSH gives.
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


class MinHasher:
    """Seeded MinHash signatures of sets of 32-bit values, and their LSH band keys."""

    def __init__(self, *, num_perm: int, seed: int, threshold: float) -> None:
        template = MinHash(num_perm=num_perm, seed=seed)
        multipliers, offsets = template.permutations
        self._multipliers: U32 = multipliers
        self._offsets: U32 = offsets
        self._empty: U32 = template.hashvalues
        self._max = self._empty.dtype.type(np.iinfo(self._empty.dtype).max)
        self.bands, self.rows = _band_shape(threshold, num_perm)
        rng = np.random.default_rng(seed)
        self._weights: U64 = rng.integers(1, 2**63, size=self.rows, dtype=np.uint64) | np.uint64(1)
        self._salts: U64 = rng.integers(0, 2**63, size=self.bands, dtype=np.uint64)

    def signature(self, values: U32) -> U32:
        """The MinHash values of the set ``values`` (distinct 32-bit hashes).

        Same values as ``MinHash(hashfunc=int).update_batch(values)`` (a test
        pins it), in one vectorised pass: update_batch spends most of its time
        converting the Python list it builds.
        """
        mixed = values ^ (values >> np.uint32(16))
        mixed = mixed * np.uint32(0x85EBCA6B)
        mixed ^= mixed >> np.uint32(13)
        mixed = mixed * np.uint32(0xC2B2AE35)
        mixed ^= mixed >> np.uint32(16)
        permuted = np.multiply.outer(self._multipliers, mixed)
        permuted += self._offsets[:, None]
        result: U32 = np.minimum(self._empty, permuted.min(axis=1, initial=self._max))
        return result

    def band_keys(self, signature: U32) -> U64:
        """One 64-bit key per band: equal keys mean (up to 2**-64) equal bands."""
        used = signature[: self.bands * self.rows].reshape(self.bands, self.rows)
        mixed = (used.astype(np.uint64) * self._weights[None, :]).sum(axis=1, dtype=np.uint64)
        mixed ^= self._salts
        mixed ^= mixed >> np.uint64(31)
        mixed *= np.uint64(0x94D049BB133111EB)
        mixed ^= mixed >> np.uint64(29)
        keys: U64 = mixed
        return keys


class BandIndex:
    """Band key -> the stored articles (by index) with that band; see the module docstring."""

    def __init__(self) -> None:
        self._buckets: dict[int, int | list[int]] = {}

    def __len__(self) -> int:
        return len(self._buckets)

    def insert(self, index: int, keys: U64) -> None:
        """Store article ``index`` under each of its band ``keys``."""
        buckets = self._buckets
        for key in keys.tolist():
            held = buckets.get(key)
            if held is None:
                buckets[key] = index
            elif isinstance(held, int):
                buckets[key] = [held, index]
            else:
                held.append(index)

    def query(self, keys: U64) -> set[int]:
        """Every stored article sharing at least one band key with ``keys``."""
        found: set[int] = set()
        buckets = self._buckets
        for key in keys.tolist():
            held = buckets.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                found.add(held)
            else:
                found.update(held)
        return found
