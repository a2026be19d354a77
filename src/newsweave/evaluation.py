"""Scorers used by the quality gates (tests) and the benchmarks.

Kept in the package so tests, benchmarks and users score the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

__all__ = ["PRF", "shingle_prf", "shingles"]

_TOKEN = re.compile(r"\w+")


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Token n-gram shingles of ``text`` with multiplicity (tokens: ``\\w+`` lowercased)."""
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        # Short texts still count: one shingle holding all their tokens.
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_prf(predicted: str, gold: str, n: int = 4) -> PRF:
    """Precision, recall and F1 of ``predicted`` against ``gold`` over token n-gram shingles."""
    pred, ref = shingles(predicted, n), shingles(gold, n)
    if not pred and not ref:
        return PRF(1.0, 1.0, 1.0)
    if not pred or not ref:
        return PRF(0.0, 0.0, 0.0)
    overlap = sum((pred & ref).values())
    precision = overlap / sum(pred.values())
    recall = overlap / sum(ref.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return PRF(precision, recall, f1)
