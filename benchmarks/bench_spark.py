"""The Spark job's throughput with local[1] and local[2], and a CC-NEWS month projected.

On the same input (``--records`` records of the dated AllSides stream written as
WARC archives by ``tests/spark_corpus.py``), in one run:

1. reference: ``ingest`` on one machine (read, extract, store in SQLite, assign
   stories) and the briefs of every story, one process;
2. the Spark job with ``local[1]`` and ``local[2]``: seconds per phase (extract,
   assign, brief) and articles per second over the whole job.

The ordered pass (duplicate links and stories, in stream order on the driver) does
not parallelise: its rate is the ceiling of the job however many machines it has.
The projection for a month of CC-NEWS takes the measured per-core rates of the
parallel phases and the rate of the ordered pass:

    hours(M machines of C cores) = N / (e * M * C) + N / a + S / (b * M * C)

with N articles, S = N * (stories per article), e articles extracted per core-second,
a articles assigned per second on the driver, b briefs per core-second.  Timings
taken on a shared machine are printed with the load average and the single-machine
reference of the same run.

Run: ``.venv/bin/python benchmarks/bench_spark.py [--records 400] [--month 5000000]``
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

from spark_corpus import write_corpus  # noqa: E402 - found through the path above

from newsweave.brief.build import build_brief  # noqa: E402
from newsweave.cluster.assign import assigner_inputs  # noqa: E402
from newsweave.config import load_settings  # noqa: E402
from newsweave.ingest import read_inputs  # noqa: E402
from newsweave.pipeline.brief import stored_story_options  # noqa: E402
from newsweave.pipeline.ingest import ingest_documents  # noqa: E402
from newsweave.pipeline.spark import SparkJobOptions, run_spark_job, spark_session  # noqa: E402
from newsweave.pipeline.stories import open_assigner  # noqa: E402
from newsweave.store import open_store  # noqa: E402


def reference(inputs: list[str], folder: Path) -> tuple[int, int, float, float]:
    """(articles, stories, ingest seconds, brief seconds) of one machine, one process."""
    from newsweave.brief.build import BriefOptions

    settings = load_settings()
    with open_store(str(folder / "reference.db")) as store:
        started = time.perf_counter()
        assigner = open_assigner(store, **assigner_inputs(settings))
        ingest_documents(read_inputs(inputs, settings=settings), store, stories=assigner)
        ingest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        stories = list(store.iter_stories())
        for story in stories:
            options = stored_story_options(BriefOptions(), story)
            build_brief(story.id, store.story_articles(story.id), options=options)
        return (
            store.count_articles(),
            len(stories),
            ingest_seconds,
            time.perf_counter() - started,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=400)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--month", type=int, default=5_000_000, help="articles in a month")
    parser.add_argument("--machines", type=int, default=10)
    parser.add_argument("--cores", type=int, default=16, help="cores per machine")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = write_corpus(folder / "in", count=args.records, files=args.files)
        inputs = [str(path) for path in corpus.warcs]
        load = os.getloadavg()[0]
        articles, stories, ingest_s, brief_s = reference(inputs, folder)
        print(
            f"reference (one process): {articles} articles, {stories} stories; ingest "
            f"{ingest_s:.1f} s ({articles / ingest_s:.1f} articles/s), briefs {brief_s:.1f} s"
        )
        runs = {}
        for cores in (1, 2):
            spark = spark_session(f"local[{cores}]", app_name=f"bench-{cores}")
            spark.sparkContext.setLogLevel("ERROR")
            started = time.perf_counter()
            summary = run_spark_job(
                spark,
                inputs,
                folder / f"out{cores}",
                settings=load_settings(),
                options=SparkJobOptions(partitions=4 * cores),
            )
            total = time.perf_counter() - started
            spark.stop()
            runs[cores] = (summary, total)
            phases = ", ".join(f"{k} {v:.1f} s" for k, v in summary.seconds.items())
            print(
                f"local[{cores}]: {summary.articles} articles in {total:.1f} s "
                f"({summary.articles / total:.2f} articles/s; {phases})"
            )
        one, two = runs[1][0], runs[2][0]
        print(
            f"speed-up local[2] / local[1]: whole job {runs[1][1] / runs[2][1]:.2f}x, "
            f"extract {one.seconds['extract'] / two.seconds['extract']:.2f}x, "
            f"brief {one.seconds['brief'] / two.seconds['brief']:.2f}x, "
            f"assign (ordered, on the driver) {one.seconds['assign'] / two.seconds['assign']:.2f}x"
        )
        print(f"load average at the start: {load:.1f} on {os.cpu_count()} cores (shared machine)")
        extract_rate = one.articles / one.seconds["extract"]  # per core (local[1])
        assign_rate = one.articles / one.seconds["assign"]
        brief_rate = one.stories / one.seconds["brief"]
        share = one.stories / one.articles
        n, m, c = args.month, args.machines, args.cores
        parallel_h = (n / (extract_rate * m * c) + n * share / (brief_rate * m * c)) / 3600
        ordered_h = n / assign_rate / 3600
        print(
            f"projection: N = {n:,} articles a month (assumed), {share:.2f} stories/article; "
            f"e = {extract_rate:.2f} articles/core-s, a = {assign_rate:.1f} articles/s, "
            f"b = {brief_rate:.2f} briefs/core-s"
        )
        print(
            f"  {m} machines x {c} cores: parallel phases {parallel_h:.1f} h + ordered pass "
            f"{ordered_h:.1f} h = {parallel_h + ordered_h:.1f} h "
            f"(one {c}-core machine: {parallel_h * m + ordered_h:.1f} h)"
        )


if __name__ == "__main__":
    main()
