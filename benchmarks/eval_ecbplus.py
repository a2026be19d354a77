"""ECB+ story clustering quality through ``newsweave cluster``'s function, per shuffle.

Each ECB+ topic holds two different real events of the same kind, so the score
shows whether similar-but-different events are kept apart.  Articles are fed as
a stream in shuffled orders (the seeds of ``tests/test_quality_cluster.py``);
prints BCubed precision, recall and F1 per shuffle and their mean.  The gold
``story`` and ``topic`` fields never reach the clusterer.

Run: ``.venv/bin/python benchmarks/eval_ecbplus.py [--embeddings] [--spacy] [--seeds 13,101,...]``
(``--seeds 1-30``: a range; the spread over many orders shows how much of a
score is the order of one shuffle)
(``--embeddings`` needs the optional extra ``pip install 'newsweave[embeddings]'``,
``--spacy`` the extra ``pip install 'newsweave[spacy]'``).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

from newsweave.cluster.embeddings import load_embedder
from newsweave.cluster.ner import load_name_finder
from newsweave.config import Settings
from newsweave.evaluation import bcubed
from newsweave.pipeline.cluster import cluster_input

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus-dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--seeds", default="13,101,202,303,404", help="comma-separated seeds or ranges (1-30)"
    )
    parser.add_argument("--embeddings", action="store_true", help="add the dense signal")
    parser.add_argument("--spacy", action="store_true", help="add spaCy's named entities")
    args = parser.parse_args()
    records = [json.loads(line) for line in args.data.read_text("utf-8").splitlines()]
    gold = {str(r["id"]): str(r["story"]) for r in records}
    inputs = [{k: v for k, v in r.items() if k not in ("story", "topic")} for r in records]
    embedder = load_embedder("minilm") if args.embeddings else None
    name_finder = load_name_finder("spacy") if args.spacy else None
    scores = []
    with tempfile.TemporaryDirectory() as scratch:
        for seed in parse_seeds(args.seeds):
            shuffled = list(inputs)
            random.Random(seed).shuffle(shuffled)
            input_path = Path(scratch) / f"ecbplus-{seed}.jsonl"
            input_path.write_text("".join(json.dumps(r) + "\n" for r in shuffled), "utf-8")
            run = cluster_input(
                str(input_path), settings=Settings(), embedder=embedder, name_finder=name_finder
            )
            pred = {row_id: story or "none:" + row_id for row_id, story in run.rows}
            score = bcubed(pred, gold)
            scores.append(score.f1)
            print(
                f"shuffle {seed:>4}: P {score.precision:.3f} R {score.recall:.3f} "
                f"F1 {score.f1:.3f} ({run.stories} stories, {run.merges} merges)"
            )
    ranked = sorted(scores)
    print(
        f"mean F1 {sum(scores) / len(scores):.3f}, min {min(scores):.3f}, max {max(scores):.3f}"
        f", median {ranked[len(ranked) // 2]:.3f}, {len(scores)} shuffles"
        f"{' (with dense embeddings)' if embedder else ''}"
        f"{' (with spaCy names)' if name_finder else ''}"
    )


def parse_seeds(text: str) -> list[int]:
    """``13,101`` and ranges such as ``1-30``, in order."""
    seeds: list[int] = []
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        seeds.extend(range(int(first), int(last) + 1) if dash else [int(first)])
    return seeds


if __name__ == "__main__":
    main()
