"""Duplicate and rewrite detection on a labelled stream of real articles and variants.

Takes ``--count`` allsides articles, mixes in generated copies and rewrites of
half of them (``benchmarks/variants.py``), observes the stream in order and
prints, per kind of variant: recall (linked to the right original, any kind),
the share labelled with the right kind, and the false-positive rate (originals
linked to anything, variants linked to the wrong original); then articles/s of
``DuplicateDetector.observe`` and the time per article over the first and the
last tenth of the stream (flat when candidate lookup does not grow with the store).

Run: ``.venv/bin/python benchmarks/bench_dedup.py [--count 2000] [--seed 7] [--show 5]``
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.dedup import DuplicateDetector, DuplicateMatch
from variants import KINDS, labelled_stream, load_allsides


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="original articles")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print this many misses per kind")
    args = parser.parse_args()

    stream = list(labelled_stream(load_allsides(args.count), seed=args.seed))
    detector = DuplicateDetector()
    timings: list[float] = []
    results: list[DuplicateMatch | None] = []
    for item in stream:
        started = time.perf_counter()
        results.append(detector.observe(item.article))
        timings.append(time.perf_counter() - started)

    total: Counter[str] = Counter()
    linked: Counter[str] = Counter()
    right_kind: Counter[str] = Counter()
    wrong_link: Counter[str] = Counter()
    misses: dict[str, list[str]] = {}
    false_originals: list[tuple[str, DuplicateMatch]] = []
    originals = 0
    for item, match in zip(stream, results, strict=True):
        if item.kind is None:
            originals += 1
            if match is not None:
                false_originals.append((item.article.id, match))
            continue
        total[item.kind] += 1
        assert item.original_id is not None
        expected = detector.original_of(item.original_id) or item.original_id
        if match is None:
            misses.setdefault(item.kind, []).append(item.article.id)
        elif match.original_id == expected:
            linked[item.kind] += 1
            right_kind[item.kind] += match.kind == item.kind
        else:
            wrong_link[item.kind] += 1
            misses.setdefault(item.kind, []).append(f"{item.article.id} -> {match}")

    print(f"stream: {len(stream)} articles ({originals} originals), seed {args.seed}")
    print(f"{'kind':<11} {'n':>5} {'recall':>7} {'kind ok':>8} {'wrong':>6}")
    for kind in KINDS:
        count = total[kind] or 1
        print(
            f"{kind:<11} {total[kind]:>5} {linked[kind] / count:>7.3f} "
            f"{right_kind[kind] / count:>8.3f} {wrong_link[kind]:>6}"
        )
    all_variants = sum(total.values())
    print(
        f"{'all':<11} {all_variants:>5} {sum(linked.values()) / all_variants:>7.3f} "
        f"{sum(right_kind.values()) / all_variants:>8.3f} {sum(wrong_link.values()):>6}"
    )
    print(
        f"false positives: {len(false_originals)} of {originals} originals linked "
        f"({len(false_originals) / originals:.4f}); "
        f"{sum(wrong_link.values())} variants linked to a wrong original"
    )
    elapsed = sum(timings)
    tenth = max(1, len(timings) // 10)
    first = sum(timings[:tenth]) / tenth * 1000
    last = sum(timings[-tenth:]) / tenth * 1000
    print(
        f"observe: {len(stream) / elapsed:.0f} articles/s; ms/article first tenth {first:.2f}, "
        f"last tenth {last:.2f}; peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    for kind, ids in misses.items():
        for line in ids[: args.show]:
            print(f"miss {kind}: {line}")
    for article_id, match in false_originals[: args.show]:
        print(f"false positive: {article_id} -> {match}")


if __name__ == "__main__":
    main()
