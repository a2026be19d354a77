"""Fit the support judge's combiner (:mod:`newsweave.brief.support_model`) on the TUNE half.

Reads ``../shared/data/support-judgments/pairs.jsonl``, keeps the tune half
(even ``pair`` numbers) and, of it, the pairs the judge's rules find no
conflict in (conflicts are the rules' to decide).  Fits an L2-regularised
logistic regression (Newton's method in numpy: no extra dependency) of
"labelled ``supports``" on the combiner's features, picks the lowest
probability threshold whose ``supports`` precision on the tune half is at
least ``--precision``, and writes ``src/newsweave/data/support-combiner.txt``.
The check half (odd pairs) is only read to print how the fit holds up there,
with one row per feature for the model refitted without it (what each input
contributes).

``--spacy`` (needs the ``spacy`` extra) adds three dependency-parse inputs and
prints the rows refitted with them (not written): whether the claim's main
predicate (the root verb, or what a reporting root reports), its subjects and
its objects are found among the evidence's words (the packaged pipeline runs
without its lemmatizer; a try with lemmas, outside the repo, did no better:
check P 0.931 R 0.576).

Run: ``.venv/bin/python benchmarks/train_support_combiner.py [--data DIR] [--dry-run] [--spacy]``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from newsweave.brief.facts import read_facts
from newsweave.brief.support import SupportOptions, judge_facts
from newsweave.brief.support_model import FEATURES, features

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "data" / "support-combiner.txt"
RULES = SupportOptions(combiner=False)  # the rules' conflicts and missing details


def rows(pairs: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, supports?, decided-by-rules?) per pair."""
    x: list[tuple[float, ...]] = []
    y: list[float] = []
    ruled: list[bool] = []
    for pair in pairs:
        claim, evidence = read_facts(pair["claim"]), read_facts(pair["evidence"])
        judgment = judge_facts(claim, evidence, options=RULES)
        x.append(features(claim, evidence, judgment.missing))
        y.append(float(pair["label"] == "supports"))
        ruled.append(bool(judgment.conflicts))
    return np.array(x), np.array(y), np.array(ruled)


_REPORTING = frozenset({"say", "tell", "report", "add", "state", "announce", "claim", "confirm"})


def _found(tokens: list[Any], words: set[str]) -> float:
    if not tokens:
        return 1.0
    return sum(t.lower_ in words or t.lemma_.lower() in words for t in tokens) / len(tokens)


def parse_rows(pairs: list[dict[str, Any]]) -> np.ndarray:
    """Per pair: shares of the claim's predicate, subjects and objects the evidence has."""
    from newsweave.brief.quote_parse import speaker_parser

    nlp = speaker_parser()
    if nlp is None:
        raise SystemExit("--spacy needs the spacy extra: pip install 'newsweave[spacy]'")
    texts = sorted({p[k].replace("\n", " ") for p in pairs for k in ("claim", "evidence")})
    docs = dict(zip(texts, nlp.pipe(texts), strict=True))
    out: list[tuple[float, float, float]] = []
    for pair in pairs:
        claim = docs[pair["claim"].replace("\n", " ")]
        evidence = docs[pair["evidence"].replace("\n", " ")]
        words = {t.lower_ for t in evidence} | {t.lemma_.lower() for t in evidence}
        predicates = []
        for root in (t for t in claim if t.dep_ == "ROOT"):
            said = [k for k in root.children if k.dep_ in ("ccomp", "xcomp")]
            predicates += said if root.lemma_.lower() in _REPORTING and said else [root]
        subjects = [k for p in predicates for k in p.children if k.dep_ in ("nsubj", "nsubjpass")]
        objects = [k for p in predicates for k in p.children if k.dep_ in ("dobj", "attr")]
        out.append((_found(predicates, words), _found(subjects, words), _found(objects, words)))
    return np.array(out)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the bias not penalised)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty * w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w[:-1], float(w[-1])


def probabilities(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(x @ w + b))))


def pick_threshold(p: np.ndarray, y: np.ndarray, usable: np.ndarray, precision: float) -> float:
    """The lowest threshold whose precision over the usable pairs is at least ``precision``."""
    best = 1.0
    for t in sorted(set(np.round(p[usable], 4).tolist()), reverse=True):
        said = usable & (p >= t)
        if said.sum() and y[said].mean() >= precision:
            best = t
        elif said.sum() >= 20:
            break
    return best


def score(p: np.ndarray, y: np.ndarray, usable: np.ndarray, t: float, total: float) -> str:
    said = usable & (p >= t)
    hit = float((y[said] == 1).sum())
    return f"supports P {hit / max(said.sum(), 1):.3f} R {hit / total:.3f} (n {int(said.sum())})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--precision", type=float, default=0.965)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--dry-run", action="store_true", help="print, do not write the file")
    parser.add_argument("--spacy", action="store_true", help="also print rows with parse inputs")
    args = parser.parse_args()
    path = args.data / "support-judgments" / "pairs.jsonl"
    with path.open(encoding="utf-8") as stream:
        pairs = [json.loads(line) for line in stream if line.strip()]
    tune = [p for p in pairs if p["pair"] % 2 == 0]
    check = [p for p in pairs if p["pair"] % 2 == 1]
    xt, yt, rt = rows(tune)
    xc, yc, rc = rows(check)
    use_t, use_c = ~rt, ~rc
    print(f"tune {len(tune)} pairs ({int(use_t.sum())} without a conflict), check {len(check)}")

    def run(columns: list[int]) -> tuple[np.ndarray, float, float, str]:
        w, b = fit(xt[use_t][:, columns], yt[use_t], args.l2)
        pt, pc = probabilities(xt[:, columns], w, b), probabilities(xc[:, columns], w, b)
        t = pick_threshold(pt, yt, use_t, args.precision)
        line = (
            f"tune {score(pt, yt, use_t, t, yt.sum())}  "
            f"check {score(pc, yc, use_c, t, yc.sum())}  threshold {t:.3f}"
        )
        return w, b, t, line

    everything = list(range(len(FEATURES)))
    w, b, t, line = run(everything)
    print(f"  all features            {line}")
    for k, name in enumerate(FEATURES):
        print(f"  without {name:<16} {run([c for c in everything if c != k])[3]}")
    print("  weights: " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(FEATURES, w, strict=True)))
    if args.spacy:
        base = (xt, xc)
        xt = np.hstack([xt, parse_rows(tune)])
        xc = np.hstack([xc, parse_rows(check)])
        extra = list(range(len(FEATURES), len(FEATURES) + 3))
        print(f"  with parse inputs       {run(everything + extra)[3]}")
        for k, name in zip(extra, ("predicate", "subjects", "objects"), strict=True):
            print(f"  with parse {name:<13} {run([*everything, k])[3]}")
        xt, xc = base
    if args.dry_run:
        return
    lines = [
        "# Logistic regression weights and threshold written for newsweave, fitted from the "
        "support judgments, read by brief/support_model.py (the support judge's combiner).",
        "# Fitted by benchmarks/train_support_combiner.py on the tune half",
        f"# (even pair numbers) of the support judgments only; l2 {args.l2}, tune precision target "
        f"{args.precision}.",
        *(f"{name} = {value:.6f}" for name, value in zip(FEATURES, w, strict=True)),
        f"bias = {b:.6f}",
        f"threshold = {t:.6f}",
    ]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
