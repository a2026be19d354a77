"""What the Spark job's tasks take off the driver's ordered pass, measured in one run.

The ordered pass (duplicate links and stories, in stream order) is the part of the
Spark job that does not parallelise.  This times it in one process, three ways, on
the same labelled stream (``--count`` AllSides articles plus copies and rewrites of
them, ``benchmarks/variants.py``):

* ``plain``: everything on the driver (what ``ingest`` does);
* ``analysis``: given the detector's per-article analysis (made in tasks: the
  job before the candidate join);
* ``joined``: given the analysis and the candidates of the join
  (:mod:`newsweave.dedup.candidates`, what the job's Spark join ships);
* ``prepared`` (the assigner only): also given the clusterer's per-article
  features (made in tasks: what the job's driver now gets).

Each is timed for the duplicate detector alone and for the whole story assigner
(detector and clusterer), ``--repeat`` times interleaved; the fastest of each is
kept (the machine is shared: the figures are under load, compare the ratios, not
the absolute times).  The answers of all ways are checked to be equal.  The work
that moved to the tasks (analysis, join, features) is timed too, in one process.

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

DETECTOR_WAYS = ("plain", "analysis", "joined")
ASSIGNER_WAYS = (*DETECTOR_WAYS, "prepared")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1500, help="original articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    settings = load_settings()
    stream = labelled_stream(load_allsides(args.count), seed=args.seed)
    articles = [item.article for item in stream]
    print(
        f"{len(articles)} articles ({args.count} originals plus variants), load average "
        f"{os.getloadavg()[0]:.1f} at the start"
    )
    task = StoryAssigner(**assigner_inputs(settings))
    started = time.perf_counter()
    analyses = [task.analyse(article) for article in articles]
    analysed_s = time.perf_counter() - started
    started = time.perf_counter()
    joined = join_candidates(analyses)
    join_s = time.perf_counter() - started
    started = time.perf_counter()
    features = [task.features(article) for article in articles]
    features_s = time.perf_counter() - started
    print(
        f"moved to the tasks (here in one process): analysis {analysed_s:.2f} s, "
        f"join {join_s:.2f} s, features {features_s:.2f} s"
    )
    rows = list(zip(articles, analyses, joined, features, strict=True))

    def detector_pass(way: str) -> list[Any]:
        detector = DuplicateDetector(options=task.dedup_options)
        if way == "plain":
            return [detector.observe(a) for a, _x, _c, _f in rows]
        if way == "analysis":
            return [detector.observe(a, analysis=x) for a, x, _c, _f in rows]
        return [detector.observe(a, analysis=x, candidates=c) for a, x, c, _f in rows]

    def assigner_pass(way: str) -> list[Any]:
        assigner = StoryAssigner(**assigner_inputs(settings))
        if way == "plain":
            return [assigner.assign(a) for a, _x, _c, _f in rows]
        if way == "analysis":
            return [assigner.assign(a, analysis=x) for a, x, _c, _f in rows]
        if way == "joined":
            return [assigner.assign(a, analysis=x, candidates=c) for a, x, c, _f in rows]
        return [assigner.assign(a, analysis=x, candidates=c, features=f) for a, x, c, f in rows]

    for name, run, ways in (
        ("detector", detector_pass, DETECTOR_WAYS),
        ("assigner", assigner_pass, ASSIGNER_WAYS),
    ):
        best = _fastest(run, ways, args.repeat)
        times = ", ".join(
            f"{way} {best[way]:.2f} s ({1000 * best[way] / len(articles):.2f} ms/article)"
            for way in ways
        )
        ratios = ", ".join(f"{way}/plain {best[way] / best['plain']:.3f}" for way in ways[1:])
        print(f"{name}: {times}; {ratios}; joined/analysis {best['joined'] / best['analysis']:.3f}")
        if "prepared" in best:
            print(f"  prepared/analysis {best['prepared'] / best['analysis']:.3f}")


def _fastest(
    run: Callable[[str], list[Any]], ways: tuple[str, ...], repeat: int
) -> dict[str, float]:
    best = dict.fromkeys(ways, float("inf"))
    answers: dict[str, list[Any]] = {}
    for _ in range(repeat):
        for way in ways:
            started = time.perf_counter()
            answers[way] = run(way)
            best[way] = min(best[way], time.perf_counter() - started)
    if any(answers[way] != answers["plain"] for way in ways):
        raise SystemExit("the ways gave different answers")
    return best


if __name__ == "__main__":
    main()
