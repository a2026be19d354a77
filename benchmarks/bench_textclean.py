"""Throughput and quality of the text-mode cleaner on the AEB plain-text dumps.

Run: ``.venv/bin/python benchmarks/bench_textclean.py [--repeat N]``.  Prints
articles per second on one core and the mean shingle precision, recall and F1.
Each dump is cleaned ``N`` times and its fastest run counts (the ``timeit``
convention), so other work on a shared machine inflates the figure less; the
plain best full pass is printed too.  A bare tokenisation of the same dumps
(``str.splitlines()`` then ``str.split()`` on each line), timed the same way in
the same run, gives a ratio that holds across machines: "cleaning costs N x a
bare tokenisation".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsweave.evaluation import shingle_prf
from newsweave.extract.plaintext import extract_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _tokenise(text: str) -> list[list[str]]:
    """The reference: split a dump into lines and words, nothing else."""
    return [line.split() for line in text.splitlines()]


def _timed(func: Callable[[str], object], texts: list[str], repeat: int) -> tuple[float, float]:
    """Seconds for the fastest run of each text summed, and for the fastest full pass."""
    best_pass = float("inf")
    best_each = [float("inf")] * len(texts)
    for _ in range(repeat):
        pass_start = time.perf_counter()
        for i, text in enumerate(texts):
            start = time.perf_counter()
            func(text)
            best_each[i] = min(best_each[i], time.perf_counter() - start)
        best_pass = min(best_pass, time.perf_counter() - pass_start)
    return sum(best_each), best_pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed passes over the dumps")
    args = parser.parse_args()
    dumps = sorted((DATA / "aeb-text").glob("*.txt"))
    if not dumps:
        print(f"no dumps found under {DATA / 'aeb-text'}; nothing to measure")
        return 0
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in dumps]
    size = sum(len(text) for text in texts)

    repeat = max(1, args.repeat)
    each, best_pass = _timed(extract_text, texts, repeat)
    ref_each, ref_pass = _timed(_tokenise, texts, repeat)
    print(f"dumps: {len(texts)} ({size / 1e6:.1f} M characters), {repeat} runs each")
    print(f"speed: {len(texts) / each:,.0f} articles/s on one core (fastest run of each dump)")
    print(f"       {len(texts) / best_pass:,.0f} articles/s (fastest full pass)")
    print(
        f"reference: bare tokenisation {len(texts) / ref_each:,.0f} articles/s; "
        f"cleaning costs {each / ref_each:.1f} x a bare tokenisation "
        f"({best_pass / ref_pass:.1f} x by fastest full passes)"
    )

    gold_path = DATA / "aeb" / "ground-truth.json"
    if gold_path.exists():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        scores = [
            shingle_prf(extract_text(text).body, gold[path.stem]["articleBody"])
            for path, text in zip(dumps, texts, strict=True)
        ]
        n = len(scores)
        precision = sum(s.precision for s in scores) / n
        recall = sum(s.recall for s in scores) / n
        f1 = sum(s.f1 for s in scores) / n
        print(f"quality: mean shingle P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
