"""The Spark job's candidate join: the articles each one is compared with, found in Spark.

The duplicate detector compares a new article only with the earlier articles
that share a key with it (:mod:`newsweave.dedup.candidates`).  Which earlier
articles hold a key does not depend on any decision, so the job finds them
with DataFrame joins, in parallel, and the driver's ordered pass only keeps
those its detector indexed and decides:

1. tasks prepare every article (:func:`~newsweave.pipeline.spark_work.analysed_articles`:
   each task builds the assigner from the settings, as the driver does) and number
   it by its place in the stream;
2. an article whose words an earlier one had is an exact copy: it gets that
   article as ``same_text`` and joins nothing else (it is never indexed);
3. every other article's band and sentence keys are joined with the same keys
   held by the articles before it; keys held by more than ``common_limit``
   articles are not joined but named, for the detector's own index;
4. the rows of each article become its
   :class:`~newsweave.dedup.detector.ArticleCandidates`, shipped to the driver
   with the article and the rest of its preparation, in stream order.

The result is the one :func:`newsweave.dedup.candidates.join_candidates` gives
in one process (``tests/test_spark_rows.py``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from newsweave.cluster.assign import StoryAssigner, assigner_inputs
from newsweave.dedup.candidates import (
    BAND,
    SAME_TEXT,
    SENTENCE,
    candidates_from_rows,
    join_keys,
)
from newsweave.pipeline.spark_work import Prepared, analysed_articles

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

    from newsweave.config import Settings

__all__ = ["joined_articles"]

_MASK = (1 << 64) - 1
_SIGN = 1 << 63


KEYS_SCHEMA = "pos BIGINT, kind INT, key BIGINT, held BOOLEAN"
DIGESTS_SCHEMA = "pos BIGINT, digest BINARY"


def _signed(key: int) -> int:
    """A 64-bit unsigned key as Spark's (signed) BIGINT."""
    return key - (1 << 64) if key >= _SIGN else key


def _key_rows(pos: int, item: Prepared) -> Iterator[tuple[int, int, int, bool]]:
    keys = join_keys(item.analysis)
    if keys is None:
        return
    for key in keys.bands:
        yield pos, BAND, _signed(key), True
    for index, key in enumerate(keys.keys):
        yield pos, SENTENCE, _signed(key), index < keys.held


def _digest_rows(pos: int, item: Prepared) -> Iterator[tuple[int, bytes]]:
    keys = join_keys(item.analysis)
    if keys is not None:
        yield pos, keys.digest


def _candidates(pos: int, item: Prepared, rows: Sequence[Any] | None) -> tuple[int, Prepared]:
    found = [(row[0], row[1] & _MASK, row[2]) for row in rows or ()]
    candidates = candidates_from_rows(item.article.id, pos, found)
    return pos, dataclasses.replace(item, candidates=candidates)


def _join_rows(
    spark: SparkSession, keyed: RDD[tuple[int, Prepared]], common_limit: int
) -> DataFrame:
    """``(pos, rows)``: each article's join rows ``(kind, key, holders)`` (see module docs)."""
    from pyspark.sql import functions as F

    digests = spark.createDataFrame(keyed.flatMap(lambda kv: _digest_rows(*kv)), DIGESTS_SCHEMA)
    first = digests.groupBy("digest").agg(F.min("pos").alias("first"))
    placed = digests.join(first, "digest")
    copies = placed.where("pos <> first").select(
        "pos",
        F.lit(SAME_TEXT).alias("kind"),
        F.lit(0).cast("bigint").alias("key"),
        F.array("first").alias("holders"),
    )
    live = placed.where("pos = first").select("pos")
    keys = spark.createDataFrame(keyed.flatMap(lambda kv: _key_rows(*kv)), KEYS_SCHEMA).join(
        live, "pos", "left_semi"
    )
    holders = keys.where("held")
    common = (
        holders.groupBy("kind", "key").count().where(F.col("count") > common_limit).drop("count")
    )
    joinable = holders.join(common, ["kind", "key"], "left_anti").select(
        "kind", "key", F.col("pos").alias("h_pos")
    )
    pairs = keys.join(joinable, ["kind", "key"]).where("h_pos < pos")
    joined = pairs.groupBy("pos", "kind", "key").agg(
        F.sort_array(F.collect_list("h_pos")).alias("holders")
    )
    named = keys.join(common, ["kind", "key"], "left_semi").select(
        "pos", "kind", "key", F.lit(None).cast("array<bigint>").alias("holders")
    )
    rows = joined.unionByName(named).unionByName(copies)
    return rows.groupBy("pos").agg(F.collect_list(F.struct("kind", "key", "holders")).alias("rows"))


def joined_articles(
    spark: SparkSession,
    frame: DataFrame,
    settings: Settings,
    *,
    partitions: int,
    common_limit: int,
) -> Iterator[Prepared]:
    """The ``articles`` rows of ``frame`` in stream order, each prepared for the
    ordered pass with its joined candidates (all made in tasks), streamed to the
    driver."""
    from pyspark import StorageLevel

    ordered = frame.orderBy("path_index", "record_index").rdd
    # mapPartitions and zipWithIndex keep the order: the index is the stream place.
    keyed = (
        ordered.mapPartitions(
            lambda rows: analysed_articles(rows, StoryAssigner(**assigner_inputs(settings)))
        )
        .zipWithIndex()
        .map(lambda pair: (pair[1], pair[0]))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        rows = _join_rows(spark, keyed, common_limit).rdd.map(lambda row: (row[0], row[1]))
        combined = (
            keyed.leftOuterJoin(rows, partitions)
            .map(lambda kv: _candidates(kv[0], *kv[1]))
            .sortByKey(numPartitions=partitions)
            .values()
            .persist(StorageLevel.MEMORY_AND_DISK)
        )
        try:
            combined.count()  # every partition joined (in parallel) before the driver reads
            yield from combined.toLocalIterator()
        finally:
            combined.unpersist()
    finally:
        keyed.unpersist()
