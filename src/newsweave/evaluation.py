"""Scorers used by the quality gates (tests) and the benchmarks.

Kept in the package so tests, benchmarks and users score the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

__all__ = ["PRF", "bcubed", "shingle_prf", "shingles", "word_prf"]

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


def word_prf(predicted: str, gold: str) -> PRF:
    """Precision, recall and F1 over words (``\\w+`` lowercased), counted with multiplicity.

    The WCXB benchmark's scorer: order-blind, so it measures what was kept and
    dropped rather than how the paragraphs were joined.
    """
    pred = Counter(_TOKEN.findall(predicted.lower()))
    ref = Counter(_TOKEN.findall(gold.lower()))
    if not pred and not ref:
        return PRF(1.0, 1.0, 1.0)
    if not pred or not ref:
        return PRF(0.0, 0.0, 0.0)
    overlap = sum((pred & ref).values())
    precision = overlap / sum(pred.values())
    recall = overlap / sum(ref.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return PRF(precision, recall, f1)


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> PRF:
    """BCubed precision, recall and F1 of the clustering ``pred`` against ``gold``.

    Both map item ids to cluster labels and must hold the same items.  Per item,
    precision is the share of its predicted cluster that shares its gold label and
    recall the share of its gold cluster that it found; both are averaged over items.
    """
    if pred.keys() != gold.keys():
        missing = len(gold.keys() - pred.keys())
        extra = len(pred.keys() - gold.keys())
        raise ValueError(
            f"pred and gold must label the same items ({missing} missing from pred, {extra} extra)"
        )
    if not gold:
        return PRF(1.0, 1.0, 1.0)
    pred_sizes = Counter(pred.values())
    gold_sizes = Counter(gold.values())
    both = Counter((pred[item], gold[item]) for item in gold)
    precision = recall = 0.0
    for item, label in gold.items():
        overlap = both[(pred[item], label)]
        precision += overlap / pred_sizes[pred[item]]
        recall += overlap / gold_sizes[label]
    precision /= len(gold)
    recall /= len(gold)
    return PRF(precision, recall, 2 * precision * recall / (precision + recall))
