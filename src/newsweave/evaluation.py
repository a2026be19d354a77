"""Scorers used by the quality gates (tests) and the benchmarks.

Kept in the package so tests, benchmarks and users score the same way.

Timelines are scored as tilse does (Martschat & Markert 2017, the scorer of
Timeline17 papers such as Ghalandari & Ifrim 2020): ROUGE-N counted as the
ROUGE-1.5.5 Perl script counts it with ``-m -s`` (:func:`rouge_tokens`), over the
``concat``, ``agreement`` and ``align_m1`` (tilse's
``align_date_content_costs_many_to_one``) alignments of two timelines
(:func:`timeline_rouge`), and the F1 of their date sets (:func:`date_prf`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal, NamedTuple

from newsweave.errors import ConfigError

__all__ = [
    "PRF",
    "Timeline",
    "bcubed",
    "date_prf",
    "pair_prf",
    "rouge_tokens",
    "same_names",
    "shingle_prf",
    "shingles",
    "timeline_rouge",
    "word_prf",
]

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
    return _overlap_prf(shingles(predicted, n), shingles(gold, n))


def word_prf(predicted: str, gold: str) -> PRF:
    """Precision, recall and F1 over words (``\\w+`` lowercased), counted with multiplicity.

    The WCXB benchmark's scorer: order-blind, so it measures what was kept and
    dropped rather than how the paragraphs were joined.
    """
    return _overlap_prf(
        Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    )


def same_names(predicted: str | None, gold: str) -> bool:
    """Whether an author string names the same people as the gold one.

    The same set of name words: order, separators, "and" and "by" aside
    (``"Doe, Jane; John Roe"`` matches ``"Jane Doe and John Roe"``).
    """
    stop = {"and", "by"}
    ours = set(_TOKEN.findall((predicted or "").lower())) - stop
    return bool(ours) and ours == set(_TOKEN.findall(gold.lower())) - stop


def _overlap_prf(pred: Counter[Any], ref: Counter[Any]) -> PRF:
    """Precision, recall and F1 of the multiset ``pred`` against ``ref`` (both empty: 1)."""
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


Timeline = Mapping[date, Sequence[str]]
"""A timeline as the scorers take it: each date's summary, one string per sentence."""

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ROUGE_TOKEN = re.compile(r"[a-z0-9]+")


@cache
def _rouge_lists() -> tuple[frozenset[str], dict[str, str]]:
    """ROUGE-1.5.5's stop words and WordNet stemming exceptions (see evaluation_data/README.md)."""
    folder = resources.files("newsweave") / "evaluation_data"
    stopwords = frozenset((folder / "rouge_stopwords.txt").read_text("utf-8").splitlines())
    exceptions = dict(
        line.split(" ", 1)
        for line in (folder / "rouge_exceptions.txt").read_text("utf-8").splitlines()
    )
    return stopwords, exceptions


@cache
def _porter() -> Callable[[str], str]:
    try:
        from nltk.stem.porter import PorterStemmer
    except ImportError as exc:  # a dev dependency (it comes with rouge-score)
        raise ConfigError(
            "ROUGE scoring needs NLTK's Porter stemmer: install the dev extra "
            "(pip install -e '.[dev]')"
        ) from exc
    stem: Callable[[str], str] = PorterStemmer(PorterStemmer.ORIGINAL_ALGORITHM).stem
    return stem


def rouge_tokens(sentences: Sequence[str]) -> list[str]:
    """The tokens ROUGE-1.5.5 (``-m -s``, SEE input as tilse writes it) counts in ``sentences``.

    Each sentence is split on white space and rejoined (tilse), ``^`` is written
    ``&circ;`` and the text is cut at its first ``<`` (the SEE line format); then, as
    the Perl script does: ASCII lower case, every character but ``[A-Za-z0-9]`` a
    space, stop words dropped, tokens longer than 3 characters stemmed (the WordNet
    exception table first, else the original Porter algorithm).
    """
    stopwords = _rouge_lists()[0]
    tokens: list[str] = []
    for sentence in sentences:
        text = " ".join(sentence.split()).replace("^", "&circ;").split("<", 1)[0]
        for token in _ROUGE_TOKEN.findall(text.translate(_ASCII_LOWER)):
            if token not in stopwords:
                tokens.append(_stem(token) if len(token) > 3 else token)
    return tokens


@cache
def _stem(token: str) -> str:
    return _rouge_lists()[1].get(token) or _porter()(token)


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


class _Counts(NamedTuple):
    hits: float
    peer: int
    model: int


def _rouge_counts(peer: Sequence[str], models: Sequence[Sequence[str]], n: int) -> _Counts:
    """ROUGE-1.5.5's raw counts (``-t 2 -f A``): clipped hits, peer and model n-grams.

    Summed over the models, as the Perl script sums them.
    """
    grams = _ngrams(rouge_tokens(peer), n)
    size = sum(grams.values())
    hits = peer_total = model_total = 0
    for model in models:
        model_grams = _ngrams(rouge_tokens(model), n)
        hits += sum((grams & model_grams).values())
        peer_total += size
        model_total += sum(model_grams.values())
    return _Counts(hits, peer_total, model_total)


def _rouge_approximation(peer: Sequence[str], models: Sequence[Sequence[str]]) -> float:
    """tilse's content cost: ROUGE-1 F1 over raw white-space tokens (no stemming, case kept)."""
    peer_counts = Counter(token for sentence in peer for token in sentence.split())
    model_counts = [Counter(t for sentence in model for t in sentence.split()) for model in models]
    match = sum(min(peer_counts[t], counts[t]) for t in peer_counts for counts in model_counts)
    precision_denominator = len(model_counts) * sum(peer_counts.values())
    recall_denominator = sum(sum(counts.values()) for counts in model_counts)
    precision = match / precision_denominator if precision_denominator else 0.0
    recall = match / recall_denominator if recall_denominator else 0.0
    return _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _models(references: Sequence[Timeline], day: date) -> list[Sequence[str]]:
    # Every reference counts, an empty summary where it lacks the date (tilse's
    # GroundTruth[day]): the peer's n-grams are counted once per reference.
    return [reference.get(day, ()) for reference in references]


def timeline_rouge(
    predicted: Timeline,
    references: Sequence[Timeline],
    *,
    variant: Literal["concat", "agreement", "align_m1"] = "align_m1",
    n: int = 1,
) -> PRF:
    """ROUGE-``n`` of ``predicted`` against ``references``, as tilse's TimelineRougeEvaluator.

    * ``concat``: every date's sentences of a timeline in one text.
    * ``agreement``: each date's summaries compared where the dates agree.
    * ``align_m1`` (``align_date_content_costs_many_to_one``, the T17 protocol): each
      predicted date is aligned to the reference date of least cost for precision,
      each reference date to the predicted date of least cost for recall, the cost
      being ``(1 - 1 / (days apart + 1)) * (1 - approximate ROUGE-1 F1)``; an aligned
      pair's hits are weighted by ``1 / (days apart + 1)``.

    Precision and recall are micro-averaged over dates; F1 is their harmonic mean.
    """
    if not references:
        raise ValueError("timeline_rouge needs at least one reference timeline")
    pred_dates = sorted(predicted)
    ref_dates = sorted({day for reference in references for day in reference})
    if variant == "concat":
        peer = [s for day in pred_dates for s in predicted[day]]
        models = [[s for day in sorted(ref) for s in ref[day]] for ref in references]
        counts = _rouge_counts(peer, models, n)
        return _prf(counts.hits, counts.peer, counts.hits, counts.model)
    prec_hits = prec_total = rec_hits = rec_total = 0.0
    if variant == "agreement":
        for day in sorted(set(pred_dates) | set(ref_dates)):
            counts = _rouge_counts(predicted.get(day, ()), _models(references, day), n)
            if day in pred_dates:
                prec_hits, prec_total = prec_hits + counts.hits, prec_total + counts.peer
            if day in ref_dates:
                rec_hits, rec_total = rec_hits + counts.hits, rec_total + counts.model
        return _prf(prec_hits, prec_total, rec_hits, rec_total)
    if variant != "align_m1":
        raise ValueError(f"unknown timeline ROUGE variant {variant!r}")
    # A date left unaligned (only when the other side has no dates) is scored
    # against empty summaries, as tilse does.
    nothing: list[Sequence[str]] = [() for _ in references]

    def cost(pred_day: date, ref_day: date) -> float:
        date_factor = 1 - 1 / (abs(pred_day.toordinal() - ref_day.toordinal()) + 1)
        content = _rouge_approximation(predicted[pred_day], _models(references, ref_day))
        return date_factor * (1 - content)

    for day in pred_dates:
        ref_day = _least_cost(ref_dates, [cost(day, other) for other in ref_dates])
        aligned = nothing if ref_day is None else _models(references, ref_day)
        counts = _rouge_counts(predicted[day], aligned, n)
        prec_hits += _weight(day, ref_day) * counts.hits
        prec_total += counts.peer
    for day in ref_dates:
        pred_day = _least_cost(pred_dates, [cost(other, day) for other in pred_dates])
        summary = [""] if pred_day is None else list(predicted[pred_day])
        counts = _rouge_counts(summary, _models(references, day), n)
        rec_hits += _weight(day, pred_day) * counts.hits
        rec_total += counts.model
    return _prf(prec_hits, prec_total, rec_hits, rec_total)


def _least_cost(candidates: Sequence[date], costs: Sequence[float]) -> date | None:
    """The first candidate of least cost, as numpy's ``argmin`` picks it; ``None`` if none."""
    best: date | None = None
    best_cost = float("inf")
    for candidate, value in zip(candidates, costs, strict=True):
        if value < best_cost:
            best, best_cost = candidate, value
    return best


def _weight(day: date, other: date | None) -> float:
    return 1.0 if other is None else 1 / (abs(day.toordinal() - other.toordinal()) + 1)


def _prf(prec_hits: float, prec_total: float, rec_hits: float, rec_total: float) -> PRF:
    precision = prec_hits / prec_total if prec_total else 0.0
    recall = rec_hits / rec_total if rec_total else 0.0
    return PRF(precision, recall, _f1(precision, recall))


def date_prf(predicted: Timeline, references: Sequence[Timeline]) -> PRF:
    """Precision, recall and F1 of the predicted dates against all reference dates (tilse)."""
    pred_dates = set(predicted)
    ref_dates = {day for reference in references for day in reference}
    shared = len(pred_dates & ref_dates)
    precision = shared / len(pred_dates) if pred_dates else 0.0
    recall = shared / len(ref_dates) if ref_dates else 0.0
    return PRF(precision, recall, _f1(precision, recall))


def pair_prf(pairs: Iterable[tuple[bool, bool]]) -> PRF:
    """Pairwise precision, recall and F1 over judged pairs ``(predicted together, gold together)``.

    Only judged pairs count: precision is the share of the pairs put together that
    the judgment puts together, recall the share of the pairs judged together that
    were put together.  With no pair put together (or none judged together) that
    side is 0.
    """
    both = predicted = actual = 0
    for pred, gold in pairs:
        predicted += pred
        actual += gold
        both += pred and gold
    precision = both / predicted if predicted else 0.0
    recall = both / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if both else 0.0
    return PRF(precision, recall, f1)
