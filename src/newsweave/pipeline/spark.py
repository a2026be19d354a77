"""The Spark job: WARC files (a CC-NEWS path list) or JSONL in, Parquet tables out.

``newsweave spark run`` (or ``spark-submit scripts/newsweave_spark.py run``)
calls :func:`run_spark_job`; ``newsweave spark load`` puts the tables into a
store for ``serve`` (:mod:`newsweave.pipeline.spark_load`).  pyspark (the
``spark`` extra) is imported only here and there, inside the functions.

The job, phase by phase (:mod:`newsweave.pipeline.spark_work` has the work):

1. **read** (parallel, a task per input file): every record, numbered by its
   place in the stream ``(path_index, record_index)``; a ``https://`` URL or an
   ``s3a://`` file is first put in a spool file on the task's local disk
   (:mod:`newsweave.pipeline.spark_remote`);
2. **extract** (parallel, records spread over ``partitions`` by that place):
   ``articles`` and ``rejects``; an article whose key an earlier one had is kept
   once, the first in stream order, as a store keeps it;
3. **assign**: tasks make the order-free work on each article (the duplicate
   detector's fingerprint, shingles, MinHash band keys and sentence keys; the
   story clusterer's feature counts, names and title shape) and a join finds,
   for each, the earlier articles sharing a key with it
   (:mod:`newsweave.pipeline.spark_join`); then the driver, in stream order,
   decides duplicate links (keeping the candidates it indexed), stories,
   storylines and their merges and splits, by the ``ingest`` story assigner,
   whose snapshot is saved too (``state/``) so a store loaded from the tables
   goes on assigning new articles where the job stopped;
4. **brief** (parallel, a task per group of stories): each story's brief.

Every table is written with ``mode("overwrite")`` and every row is a function of
its input alone, so a task or a whole job run again writes the same tables.
``SparkJobOptions.fail_first_attempt`` (off by default) is the one fault hook:
it fails the first attempt of one task of a phase, to show that a retried task
changes nothing (``tests/test_spark_retry.py``).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave.cluster.assign import StoryAssigner, assigner_inputs, write_snapshot
from newsweave.config import Settings
from newsweave.dedup.candidates import COMMON_LIMIT
from newsweave.errors import ConfigError, InputError
from newsweave.pipeline.spark_join import joined_articles
from newsweave.pipeline.spark_remote import HadoopInput, JobInput, resolve_inputs
from newsweave.pipeline.spark_rows import (
    ARTICLE_FIELDS,
    ARTICLES_SCHEMA,
    ASSIGNMENTS_SCHEMA,
    BRIEFS_SCHEMA,
    EVENTS_SCHEMA,
    LINKS_SCHEMA,
    REJECTS_SCHEMA,
    STORIES_SCHEMA,
    STORYLINES_SCHEMA,
    article_from_row,
    story_from_row,
)
from newsweave.pipeline.spark_work import (
    FAULT_STAGES,
    Row,
    assign_in_order,
    brief_row,
    extract_record,
    fail_first_attempt,
    read_records,
)

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext
    from pyspark.sql import DataFrame, SparkSession


__all__ = [
    "TABLES",
    "SparkJobOptions",
    "SparkJobSummary",
    "read_path_list",
    "run_spark_job",
    "spark_session",
]

TABLES = (
    "articles",
    "rejects",
    "assignments",
    "duplicate_links",
    "stories",
    "storylines",
    "story_events",
    "briefs",
)
"""The Parquet tables the job writes, each a folder of ``out_dir``."""

STATE_DIR = "state"
SNAPSHOT_FILE = "stories.snapshot"
STATE_FILE = "stories.json"
SUMMARY_FILE = "summary.json"


@dataclass(frozen=True, slots=True)
class SparkJobOptions:
    """How the job spreads its work; the tables do not depend on any of it."""

    partitions: int | None = None
    """Partitions of the extract and brief phases (``None``: four per core of the
    cluster).  Records are spread over them by their place in the stream, so a
    single large archive is extracted in parallel too."""
    briefs: bool = True
    """Build every story's brief (the ``briefs`` table)."""
    common_limit: int = COMMON_LIMIT
    """Articles holding one key above which the candidate join leaves the key to the
    driver's index (a key held by ``n`` articles makes ``n**2 / 2`` pairs)."""
    fail_first_attempt: str | None = None
    """The fault hook, off by default: ``"read"``, ``"extract"`` or ``"brief"`` makes
    the first attempt of that phase's first task fail half-way
    (:class:`~newsweave.errors.InjectedFaultError`).  With a master that retries
    tasks (``local[2,2]``, or a cluster) the job must write the tables of a clean
    run; without retries it fails.  For testing a deployment's fault handling."""


@dataclass(slots=True)
class SparkJobSummary:
    """What one run did, and how long each phase took (seconds)."""

    inputs: int = 0
    articles: int = 0
    same_key: int = 0
    """Extracted articles whose key an earlier article had (kept once, as a store does)."""
    rejects: int = 0
    links: int = 0
    stories: int = 0
    storylines: int = 0
    briefs: int = 0
    brief_errors: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        return asdict(self)


def read_path_list(path: str | os.PathLike[str], *, prefix: str = "") -> list[str]:
    """The inputs named by a path list (CC-NEWS ``warc.paths``: one path a line).

    Blank lines and ``#`` comments are skipped; ``prefix`` is put before each path
    (CC-NEWS lists paths relative to the bucket: give the mount or URL prefix).
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read the path list ({exc.strerror})") from exc
    lines = (line.strip() for line in text.splitlines())
    return [prefix + line for line in lines if line and not line.startswith("#")]


def spark_session(master: str | None = None, *, app_name: str = "newsweave") -> SparkSession:
    """A Spark session (``master``: e.g. ``local[2]``; ``None``: what ``spark-submit`` set)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            # Local workers run this interpreter (the one newsweave is installed in),
            # not whatever `python3` is first on the PATH.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Rows are built in Python; Arrow is not needed (and not a dependency).
    builder = builder.config("spark.sql.execution.arrow.pyspark.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


def _table(out_dir: str, name: str) -> str:
    return str(Path(out_dir) / name)


def _write(frame: DataFrame, out_dir: str, name: str) -> None:
    frame.write.mode("overwrite").parquet(_table(out_dir, name))


def _faulty(rdd: RDD[Any], stage: str, fault: str | None) -> RDD[Any]:
    """``rdd``, with the fault hook on its tasks when ``fault`` names ``stage``."""
    if fault != stage:
        return rdd
    return rdd.mapPartitions(lambda items: fail_first_attempt(stage, items))


def _place(key: tuple[int, int], partitions: int) -> int:
    """The partition of a record: a fixed function of its place, never of the run."""
    path_index, record_index = key
    return (path_index * 1_000_003 + record_index) % partitions


def run_spark_job(
    spark: SparkSession,
    inputs: Sequence[str],
    out_dir: str | os.PathLike[str],
    *,
    settings: Settings,
    options: SparkJobOptions | None = None,
) -> SparkJobSummary:
    """Read, extract, assign and brief ``inputs``; write the tables under ``out_dir``.

    ``inputs`` are what ``ingest`` takes (files, directories, in that order); the
    tables hold what ``ingest`` of the same inputs into an empty store holds.
    """
    options = options or SparkJobOptions()
    fault = options.fail_first_attempt
    if fault is not None and fault not in FAULT_STAGES:
        names = ", ".join(FAULT_STAGES)
        raise ConfigError(f"fail_first_attempt must be one of {names}, not {fault!r}")
    out = str(out_dir)
    summary = SparkJobSummary()
    sc = spark.sparkContext
    resolved = resolve_inputs(sc, inputs, settings=settings)
    summary.inputs = len(resolved)
    partitions = options.partitions or max(1, sc.defaultParallelism * 4)
    # The joins, the key ranking and the sorts shuffle into as many partitions (not
    # Spark's 200 by default, which on a small input is mostly empty tasks).
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))

    started = time.perf_counter()
    rejects, duplicates = _extract_phase(spark, resolved, out, settings, partitions, fault)
    summary.rejects = rejects
    summary.same_key = duplicates
    summary.seconds["extract"] = time.perf_counter() - started

    started = time.perf_counter()
    assigner = StoryAssigner(**assigner_inputs(settings))
    frame = spark.read.parquet(_table(out, "articles")).select(*ARTICLE_FIELDS)
    done = assign_in_order(
        joined_articles(
            spark,
            frame,
            settings,
            partitions=partitions,
            common_limit=options.common_limit,
        ),
        assigner,
    )
    summary.articles = len(done.assignments)
    summary.links = len(done.links)
    summary.stories = len(done.stories)
    summary.storylines = len(done.storylines)
    tables = {
        "assignments": (done.assignments, ASSIGNMENTS_SCHEMA),
        "duplicate_links": (done.links, LINKS_SCHEMA),
        "stories": (done.stories, STORIES_SCHEMA),
        "storylines": (done.storylines, STORYLINES_SCHEMA),
        "story_events": (done.events, EVENTS_SCHEMA),
    }
    for name, (rows, schema) in tables.items():
        _write(spark.createDataFrame(rows, schema), out, name)
    _save_state(out, assigner)
    summary.seconds["assign"] = time.perf_counter() - started

    started = time.perf_counter()
    if options.briefs:
        briefs = _brief_phase(spark, out, partitions, fault)
        _write(briefs, out, "briefs")
        counted = spark.read.parquet(_table(out, "briefs"))
        summary.briefs = counted.where("error IS NULL").count()
        summary.brief_errors = counted.where("error IS NOT NULL").count()
    else:
        _write(spark.createDataFrame([], BRIEFS_SCHEMA), out, "briefs")
    summary.seconds["brief"] = time.perf_counter() - started
    (Path(out) / SUMMARY_FILE).write_text(json.dumps(summary.to_data(), indent=2) + "\n")
    return summary


def _extract_phase(
    spark: SparkSession,
    resolved: list[JobInput],
    out: str,
    settings: Settings,
    partitions: int,
    fault: str | None,
) -> tuple[int, int]:
    """Write ``articles`` and ``rejects``; returns (rejects, articles with a repeated key)."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    sc = spark.sparkContext
    read = _read_phase(sc, resolved, settings)
    records = (
        _faulty(read, "read", fault)
        .map(lambda rec: ((rec[0], rec[1]), rec[2]))
        .partitionBy(partitions, lambda key: _place(key, partitions))
    )
    extracted = _faulty(
        records.map(lambda kv: extract_record(kv[0][0], kv[0][1], kv[1])), "extract", fault
    ).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        rejects = spark.createDataFrame(
            extracted.filter(lambda kr: kr[0] == "reject").map(lambda kr: kr[1]), REJECTS_SCHEMA
        )
        _write(rejects, out, "rejects")
        found = extracted.filter(lambda kr: kr[0] == "article")
        articles = spark.createDataFrame(found.map(lambda kr: kr[1]), ARTICLES_SCHEMA)
        # The first article of each key in stream order is the one a store keeps.
        first = Window.partitionBy("id").orderBy("path_index", "record_index")
        ranked = articles.withColumn("_rank", F.row_number().over(first))
        _write(ranked.where("_rank = 1").drop("_rank"), out, "articles")
        total = found.count()
    finally:
        extracted.unpersist()
    kept = spark.read.parquet(_table(out, "articles")).count()
    written = spark.read.parquet(_table(out, "rejects")).count()
    return written, total - kept


def _read_phase(sc: SparkContext, resolved: list[JobInput], settings: Settings) -> RDD[Any]:
    """Every record of every input, a task per input: local files and URLs are read
    (or downloaded) by the task; Hadoop files (``s3a://``) come from ``binaryFiles``."""
    numbered = list(enumerate(resolved))
    tasks = [(index, item) for index, item in numbered if not _by_hadoop(item)]
    parts = [
        sc.parallelize(tasks, max(1, len(tasks))).flatMap(
            lambda pair: read_records(pair[0], pair[1], settings)
        )
    ]
    for index, item in numbered:
        if isinstance(item, HadoopInput) and item.readable:
            parts.append(sc.binaryFiles(item.uri, 1).flatMap(_hadoop_reader(index, item, settings)))
    return parts[0] if len(parts) == 1 else sc.union(parts)


def _by_hadoop(item: JobInput) -> bool:
    return isinstance(item, HadoopInput) and item.readable


def _hadoop_reader(
    index: int, item: JobInput, settings: Settings
) -> Callable[[tuple[str, bytes]], Iterator[tuple[int, int, Any]]]:
    """The task of one Hadoop file: its records, read from the bytes Spark gives."""
    return lambda pair: read_records(index, item, settings, data=pair[1])


def _save_state(out: str, assigner: StoryAssigner) -> None:
    """The assigner's snapshot and format under ``state/`` (written whole, then renamed)."""
    folder = Path(out) / STATE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / (SNAPSHOT_FILE + ".part")
    with part.open("wb") as handle:
        write_snapshot(assigner, handle)
    part.replace(folder / SNAPSHOT_FILE)
    meta = {"format": assigner.format, "upto_seq": assigner.upto_seq}
    (folder / STATE_FILE).write_text(json.dumps(meta) + "\n", encoding="utf-8")


def _brief_phase(spark: SparkSession, out: str, partitions: int, fault: str | None) -> DataFrame:
    """The ``briefs`` rows: a story's articles gathered in store order, briefed in a task."""
    articles = spark.read.parquet(_table(out, "articles")).select(*ARTICLE_FIELDS)
    assignments = spark.read.parquet(_table(out, "assignments"))
    joined = articles.join(assignments, articles["id"] == assignments["article_id"])
    by_story = joined.rdd.map(
        lambda row: (row["story_id"], (row["seq"], tuple(row[: len(ARTICLE_FIELDS)])))
    )
    stories = spark.read.parquet(_table(out, "stories")).rdd.map(
        lambda row: (row["story_id"], tuple(row))
    )
    rows = _faulty(
        stories.cogroup(by_story, partitions).map(lambda kv: _brief_of(kv[1])), "brief", fault
    )
    return spark.createDataFrame(rows, BRIEFS_SCHEMA)


def _brief_of(groups: tuple[Iterable[Row], Iterable[tuple[int, Row]]]) -> Row:
    story_rows, members = groups
    story = story_from_row(next(iter(story_rows)))
    ordered = sorted(members, key=lambda member: member[0])
    return brief_row(story, [article_from_row(row) for _seq, row in ordered])
