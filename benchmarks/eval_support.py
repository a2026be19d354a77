"""The support judge (:mod:`newsweave.brief.support`) against the support judgments and WiCE.

Support judgments (``../shared/data/support-judgments/pairs.jsonl``): each pair is
judged and compared with the label read by a person.  Printed per half (tune =
even ``pair`` numbers, check = odd): the confusion table, precision and recall of
``supports`` and of ``contradicts`` (the bars: supports P >= 0.95 with R >= 0.80;
contradicts P >= 0.80 with R >= 0.60), and the same for every check of the judge
switched off in turn (what each check contributes), beside the reference the
brief used before the judge: word overlap alone (the alignment similarity,
"supports" at the citation threshold).

WiCE (``../shared/data/wice/claim-dev.jsonl.gz``, claim level): a claim is
``supported`` when one evidence sentence supports it, ``partially_supported``
when one supports or partly supports it, else ``not_supported``; printed as
accuracy and per-label precision / recall.  WiCE claims are Wikipedia
sentences citing whole web pages, unlike a news brief's pairs: the judge was
not tuned on it.  Printed beside the published claim-level figures (test
split, so only roughly comparable).

Run: ``.venv/bin/python benchmarks/eval_support.py [--data DIR] [--show N]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsweave.brief.facts import read_facts
from newsweave.brief.support import LABELS, SupportOptions, judge_facts

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CHECKS = ("numbers", "days", "modality", "negation", "hedging", "forms", "who", "frame_core")


def load_pairs(data: Path) -> list[dict[str, Any]]:
    path = data / "support-judgments" / "pairs.jsonl"
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def predict(pairs: list[dict[str, Any]], options: SupportOptions) -> list[str]:
    return [
        judge_facts(read_facts(p["claim"]), read_facts(p["evidence"]), options=options).label
        for p in pairs
    ]


def precision_recall(gold: list[str], guess: list[str], label: str) -> tuple[float, float, int]:
    hit = sum(g == label and p == label for g, p in zip(gold, guess, strict=True))
    said = sum(p == label for p in guess)
    real = sum(g == label for g in gold)
    return hit / said if said else 0.0, hit / real if real else 0.0, said


def figures(gold: list[str], guess: list[str]) -> str:
    sp, sr, sn = precision_recall(gold, guess, "supports")
    cp, cr, cn = precision_recall(gold, guess, "contradicts")
    backs = [g in ("supports", "partial") for g in gold]
    said = [p in ("supports", "partial") for p in guess]
    bp = sum(a and b for a, b in zip(backs, said, strict=True)) / max(sum(said), 1)
    br = sum(a and b for a, b in zip(backs, said, strict=True)) / max(sum(backs), 1)
    return (
        f"supports P {sp:.3f} R {sr:.3f} (n {sn:3d})  "
        f"contradicts P {cp:.3f} R {cr:.3f} (n {cn:3d})  "
        f"supports|partial P {bp:.3f} R {br:.3f}"
    )


def confusion(gold: list[str], guess: list[str]) -> str:
    table = Counter(zip(gold, guess, strict=True))
    lines = ["gold \\ judge  " + " ".join(f"{label[:11]:>11}" for label in LABELS)]
    for g in LABELS:
        lines.append(f"{g:>12}  " + " ".join(f"{table[(g, p)]:>11}" for p in LABELS))
    return "\n".join(lines)


def overlap_reference(pairs: list[dict[str, Any]], threshold: float) -> list[str]:
    """The brief before the judge: a sentence at least ``threshold`` similar "supports"."""
    from newsweave.brief.align import StoryAlignment
    from newsweave.brief.doc import StoryDoc
    from newsweave.models import Article

    guess: list[str] = []
    for pair in pairs:
        articles = [
            Article(id="c", key="c", title=None, body=pair["claim"].replace("\n", " ")),
            Article(id="e", key="e", title=None, body=pair["evidence"].replace("\n", " ")),
        ]
        story = StoryAlignment(StoryDoc.from_articles(articles))
        claim_rows = story.doc.article_sentences(0)
        if not claim_rows or len(story) == len(claim_rows):
            guess.append("related")
            continue
        sim = story.similarity([0])[0]
        guess.append("supports" if sim.max() >= threshold else "related")
    return guess


def wice(data: Path, options: SupportOptions) -> str:
    path = data / "wice" / "claim-dev.jsonl.gz"
    if not path.exists():
        return f"WiCE: {path} not found, skipped"
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        claims = [json.loads(line) for line in stream if line.strip()]
    gold: list[str] = []
    guess: list[str] = []
    for item in claims:
        claim = read_facts(item["claim"])
        labels = {
            judge_facts(claim, read_facts(sentence), options=options).label
            for sentence in item["evidence"]
        }
        if "supports" in labels:
            guess.append("supported")
        elif "partial" in labels:
            guess.append("partially_supported")
        else:
            guess.append("not_supported")
        gold.append(item["label"])
    accuracy = sum(g == p for g, p in zip(gold, guess, strict=True)) / len(gold)
    f1s: list[float] = []
    lines: list[str] = []
    for label in ("supported", "partially_supported", "not_supported"):
        p, r, n = precision_recall(gold, guess, label)
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        lines.append(f"  {label}: P {p:.3f} R {r:.3f} (said {n}, gold {gold.count(label)})")
    parts = [
        f"WiCE claim level ({len(gold)} claims, dev): accuracy {accuracy:.3f}, "
        f"macro F1 {100 * sum(f1s) / 3:.1f}",
        *lines,
        "  published (Kamoi et al. 2023, test split, as summarised from the paper): T5-3B "
        "trained on ANLI 64.3 F1, human 83.3 F1",
    ]
    majority = Counter(gold).most_common(1)[0]
    parts.append(f"  reference, always '{majority[0]}': accuracy {majority[1] / len(gold):.3f}")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=0, help="print N wrong pairs of the tune half")
    args = parser.parse_args()
    pairs = load_pairs(args.data)
    halves = {
        "tune (even)": [p for p in pairs if p["pair"] % 2 == 0],
        "check (odd)": [p for p in pairs if p["pair"] % 2 == 1],
    }
    options = SupportOptions()
    for name, half in halves.items():
        gold = [p["label"] for p in half]
        start = time.perf_counter()
        guess = predict(half, options)
        elapsed = time.perf_counter() - start
        print(f"== {name}: {len(half)} pairs, {elapsed / len(half) * 1e6:.0f} us a pair")
        print(confusion(gold, guess))
        print(f"  judge                  {figures(gold, guess)}")
        reference = overlap_reference(half, 0.25)
        print(f"  reference: overlap 0.25 {figures(gold, reference)}")
        for check in CHECKS:
            if not hasattr(options, check):
                continue  # an older checkout (PYTHONPATH=OTHER/src) without this check
            off = dataclasses.replace(options, **{check: False})
            print(f"  without {check:<14} {figures(gold, predict(half, off))}")
        learned = dataclasses.replace(options, combiner=not options.combiner)
        state = "with" if learned.combiner else "without"
        print(f"  {state} combiner{'':<7} {figures(gold, predict(half, learned))}")
        if args.show and name.startswith("tune"):
            shown = 0
            for pair, label in zip(half, guess, strict=True):
                if label != pair["label"] and shown < args.show:
                    shown += 1
                    j = judge_facts(read_facts(pair["claim"]), read_facts(pair["evidence"]))
                    print(f"-- pair {pair['pair']} gold {pair['label']} judge {label} {j}")
                    print("   C:", pair["claim"][:240].replace("\n", " "))
                    print("   E:", pair["evidence"][:240].replace("\n", " "))
    print(wice(args.data, options))


if __name__ == "__main__":
    main()
