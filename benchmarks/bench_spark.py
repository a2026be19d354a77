"""The Spark job's throughput with local[1] and local[2], and a CC-NEWS month projected.

On the same input (``--records`` records of the dated AllSides stream written as
WARC archives by ``tests/spark_corpus.py``), in one run:

1. reference: one process without Spark, the same three phases timed apart
   (read and extract, the ordered pass, the briefs of every story);
2. the Spark job with ``local[1]`` and ``local[2]``: seconds per phase (extract,
   assign, brief) and articles per second over the whole job.

The ordered pass (duplicate links and stories, in stream order on the driver) does
not parallelise: its rate is the ceiling of the job however many machines it has.
The projection for a month of CC-NEWS takes the reference's per-core rates of the
parallel phases slowed by Spark's cost on one core in the same run (local[1] job
time over the reference's), and the rate of the ordered pass alone (this run's, and
``--ordered-ms`` from ``bench_cluster.py`` at 100,000 articles):

    hours(M machines of C cores) = N / (e * M * C) + N / a + S / (b * M * C)

with N articles, S = N * (stories per article), e articles extracted per core-second,
a articles assigned per second on the driver, b briefs per core-second.  Timings
taken on a shared machine are printed with the load average and the single-machine
reference of the same run.

Run: ``.venv/bin/python benchmarks/bench_spark.py [--records 300] [--month 8000000]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from newsweave.brief.build import BriefOptions, build_brief  # noqa: E402
from newsweave.cluster.assign import StoryAssigner, assigner_inputs  # noqa: E402
from newsweave.config import load_settings  # noqa: E402
from newsweave.extract import extract_each  # noqa: E402
from newsweave.ingest import read_inputs  # noqa: E402
from newsweave.models import Article  # noqa: E402
from newsweave.pipeline.brief import stored_story_options  # noqa: E402
from newsweave.pipeline.spark import (  # noqa: E402
    SparkJobOptions,
    SparkJobSummary,
    run_spark_job,
    spark_session,
)
from newsweave.pipeline.spark_rows import story_from_row  # noqa: E402
from newsweave.pipeline.spark_work import assign_in_order  # noqa: E402
from spark_corpus import write_corpus  # noqa: E402 - found through the path above


def reference(inputs: list[str]) -> dict[str, float]:
    """One process, no Spark: the three phases timed apart, and their counts."""
    settings = load_settings()
    started = time.perf_counter()
    articles: list[Article] = []
    seen: set[str] = set()
    for _item, result in extract_each(read_inputs(inputs, settings=settings)):
        if isinstance(result, Article) and result.id not in seen:
            seen.add(result.id)
            articles.append(result)
    extract_s = time.perf_counter() - started
    started = time.perf_counter()
    done = assign_in_order(articles, StoryAssigner(**assigner_inputs(settings)))
    assign_s = time.perf_counter() - started
    by_id = {article.id: article for article in articles}
    started = time.perf_counter()
    for row in done.stories:
        story = story_from_row(row)
        members = [by_id[article_id] for article_id in story.article_ids]
        build_brief(story.id, members, options=stored_story_options(BriefOptions(), story))
    brief_s = time.perf_counter() - started
    return {
        "articles": len(articles),
        "stories": len(done.stories),
        "extract": extract_s,
        "assign": assign_s,
        "brief": brief_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument(
        "--month", type=int, default=8_000_000, help="articles in the month (see the README)"
    )
    parser.add_argument("--machines", type=int, default=10)
    parser.add_argument(
        "--ordered-ms",
        type=float,
        default=1.9,
        help="ms an article of the ordered pass at scale (bench_cluster.py at 100k: 1.9)",
    )
    parser.add_argument("--cores", type=int, default=16, help="cores per machine")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = write_corpus(folder / "in", count=args.records, files=args.files)
        inputs = [str(path) for path in corpus.warcs]
        load = os.getloadavg()[0]
        ref = reference(inputs)
        ref_total = ref["extract"] + ref["assign"] + ref["brief"]
        print(
            f"reference (one process, no Spark): {ref['articles']:.0f} articles, "
            f"{ref['stories']:.0f} stories; extract {ref['extract']:.1f} s, ordered pass "
            f"{ref['assign']:.1f} s, briefs {ref['brief']:.1f} s; "
            f"{ref['articles'] / ref_total:.2f} articles/s"
        )
        runs: dict[str, tuple[SparkJobSummary, float]] = {}
        for name, cores, chosen in (("1", 1, inputs), ("2", 2, inputs)):
            spark = spark_session(f"local[{cores}]", app_name=f"bench-{name}")
            spark.sparkContext.setLogLevel("ERROR")
            started = time.perf_counter()
            summary = run_spark_job(
                spark,
                chosen,
                folder / f"out-{name}",
                settings=load_settings(),
                options=SparkJobOptions(partitions=4 * cores),
            )
            total = time.perf_counter() - started
            spark.stop()
            runs[name] = (summary, total)
            phases = ", ".join(f"{k} {v:.1f} s" for k, v in summary.seconds.items())
            print(
                f"local[{cores}], {len(chosen)} files: {summary.articles} articles in "
                f"{total:.1f} s ({summary.articles / total:.2f} articles/s; {phases})"
            )
        (one, one_s), (two, two_s) = runs["1"], runs["2"]
        print(
            f"speed-up local[2] / local[1]: whole job {one_s / two_s:.2f}x, "
            f"extract {one.seconds['extract'] / two.seconds['extract']:.2f}x, "
            f"brief {one.seconds['brief'] / two.seconds['brief']:.2f}x, "
            f"assign (ordered, on the driver) {one.seconds['assign'] / two.seconds['assign']:.2f}x"
        )
        print(f"load average at the start: {load:.1f} on {os.cpu_count()} cores (shared machine)")
        # Per core: the reference's rates of the parallel phases, slowed by what Spark
        # cost on one core in this run (the whole job against the reference's phases);
        # the ordered pass as it runs alone, in this run and at --ordered-ms.
        overhead = one_s / ref_total
        extract_rate = ref["articles"] / ref["extract"] / overhead
        brief_rate = ref["stories"] / ref["brief"] / overhead
        assign_rate = ref["articles"] / ref["assign"]
        share = one.stories / one.articles
        n, m, c = args.month, args.machines, args.cores
        parallel_h = (n / (extract_rate * m * c) + n * share / (brief_rate * m * c)) / 3600
        ordered_h = n / assign_rate / 3600
        ordered_given_h = n * args.ordered_ms / 1000 / 3600
        print(
            f"Spark on one core against the reference: local[1] job {one_s:.1f} s / "
            f"{ref_total:.1f} s = {one_s / ref_total:.2f}x"
        )
        print(
            f"projection: N = {n:,} articles (assumed month), S/N = {share:.2f} stories an "
            f"article; e = {extract_rate:.2f} articles/core-s and b = {brief_rate:.2f} "
            f"briefs/core-s (the reference's rates / {overhead:.2f}), a = {assign_rate:.1f} "
            "articles/s (ordered pass, this run)"
        )
        print(
            f"  {m} machines x {c} cores: parallel phases {parallel_h:.1f} h + ordered pass "
            f"{ordered_h:.1f} h = {parallel_h + ordered_h:.1f} h "
            f"(one {c}-core machine: {parallel_h * m + ordered_h:.1f} h)"
        )
        print(
            f"  with the ordered pass at {args.ordered_ms} ms an article: parallel phases "
            f"{parallel_h:.1f} h + ordered pass {ordered_given_h:.1f} h = "
            f"{parallel_h + ordered_given_h:.1f} h"
        )


if __name__ == "__main__":
    main()
