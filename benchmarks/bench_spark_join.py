"""What the Spark job's tasks take off the driver's ordered pass, measured in one run.

The ordered pass (duplicate links and stories, in stream order) is the part of the
Spark job that does not parallelise.  This times it in one process, three ways, on
the same labelled stream (``--count`` AllSides articles plus copies and rewrites of
them, ``benchmarks/variants.py``):

* ``plain``: everything on the driver (what ``ingest`` does);
* ``analysis``: given the detector's per-article analysis (made in tasks);
* ``joined``: given the analysis and the candidates of the join
  (:mod:`newsweave.dedup.candidates`, what the job's Spark join ships).

Each is timed for the duplicate detector alone and for the whole story assigner
(detector and clusterer), ``--repeat`` times interleaved; the fastest of each is
kept (the machine is shared: the figures are under load, compare the ratios, not
the absolute times).  The answers of the three ways are checked to be equal.  The
work that moved to the tasks (analysis, join) is timed too, in one process.

Run: ``.venv/bin/python benchmarks/bench_spark_join.py [--count 1500] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.cluster.assign import StoryAssigner, assigner_inputs
from newsweave.config import load_settings
from newsweave.dedup import DuplicateDetector
from newsweave.dedup.candidates import join_candidates
from variants import labelled_stream, load_allsides

WAYS = ("plain", "analysis", "joined")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1500, help="original articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    settings = load_settings()
    articles = [item.article for item in labelled_stream(load_allsides(args.count), seed=args.seed)]
    print(
        f"{len(articles)} articles ({args.count} originals plus variants), load average "
        f"{os.getloadavg()[0]:.1f} at the start"
    )
    started = time.perf_counter()
    analyst = DuplicateDetector(options=StoryAssigner(**assigner_inputs(settings)).dedup_options)
    analyses = [analyst.analyse(article) for article in articles]
    analysed_s = time.perf_counter() - started
    started = time.perf_counter()
    joined = join_candidates(analyses)
    join_s = time.perf_counter() - started
    print(
        f"moved to the tasks (here in one process): analysis {analysed_s:.2f} s, "
        f"join {join_s:.2f} s"
    )

    def detector_pass(way: str) -> list[Any]:
        detector = DuplicateDetector(options=analyst.options)
        if way == "plain":
            return [detector.observe(article) for article in articles]
        if way == "analysis":
            return [
                detector.observe(a, analysis=x) for a, x in zip(articles, analyses, strict=True)
            ]
        return [
            detector.observe(a, analysis=x, candidates=c)
            for a, x, c in zip(articles, analyses, joined, strict=True)
        ]

    def assigner_pass(way: str) -> list[Any]:
        assigner = StoryAssigner(**assigner_inputs(settings))
        if way == "plain":
            return [assigner.assign(article) for article in articles]
        if way == "analysis":
            return [assigner.assign(a, analysis=x) for a, x in zip(articles, analyses, strict=True)]
        return [
            assigner.assign(a, analysis=x, candidates=c)
            for a, x, c in zip(articles, analyses, joined, strict=True)
        ]

    for name, run in (("detector", detector_pass), ("assigner", assigner_pass)):
        best = _fastest(run, args.repeat)
        plain, analysis, joined_s = (best[way] for way in WAYS)
        per = {way: 1000 * best[way] / len(articles) for way in WAYS}
        print(
            f"{name}: plain {plain:.2f} s ({per['plain']:.2f} ms/article), "
            f"analysis {analysis:.2f} s ({per['analysis']:.2f}), "
            f"joined {joined_s:.2f} s ({per['joined']:.2f}); "
            f"joined/analysis {joined_s / analysis:.3f}, joined/plain {joined_s / plain:.3f}, "
            f"analysis/plain {analysis / plain:.3f}"
        )


def _fastest(run: Callable[[str], list[Any]], repeat: int) -> dict[str, float]:
    best = dict.fromkeys(WAYS, float("inf"))
    answers: dict[str, list[Any]] = {}
    for _ in range(repeat):
        for way in WAYS:
            started = time.perf_counter()
            answers[way] = run(way)
            best[way] = min(best[way], time.perf_counter() - started)
    if not answers["plain"] == answers["analysis"] == answers["joined"]:
        raise SystemExit("the three ways gave different answers")
    return best


if __name__ == "__main__":
    main()
