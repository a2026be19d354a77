"""A failed Spark task, retried, leaves the tables of a clean run (issue 20, item 8).

The job runs in ``local[2,2]`` (two threads, up to two attempts per task) over
small real inputs (``tests/spark_corpus.py``).  ``SparkJobOptions.fail_first_attempt``
makes the first attempt of the first task of one phase fail half-way; the job
must succeed on the retry and write every table, and the story snapshot,
exactly as the clean run did.  Spark's status tracker shows the failed attempt
happened (and that the clean run had none).  Skipped with a message where Java
or pyspark (the ``spark`` extra) is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.spark_corpus import (
    Corpus,
    quiet_session,
    skip_module_without_spark,
    write_corpus,
)

from newsweave.config import Settings, load_settings
from newsweave.errors import ConfigError

pytestmark = pytest.mark.slow

skip_module_without_spark()

from newsweave.pipeline.spark import (  # noqa: E402  (after the skips above)
    TABLES,
    SparkJobOptions,
    read_path_list,
    run_spark_job,
)

RECORDS = 30
PARTITIONS = 3


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    # Another module's session must be gone: one Spark context per process.
    with quiet_session("local[2,2]", "newsweave-retry-tests") as session:
        yield session


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    corpus: Corpus = write_corpus(tmp_path_factory.mktemp("retry-in"), count=RECORDS, files=2)
    return read_path_list(corpus.path_list, prefix=f"{corpus.path_list.parent}/")


def _run(spark: Any, inputs: list[str], out: Path, settings: Settings, fault: str | None) -> int:
    """Run the job; the number of task attempts that failed in it."""
    sc = spark.sparkContext
    group = f"retry-{fault}-{out.name}"
    sc.setJobGroup(group, f"fault {fault}")
    try:
        run_spark_job(
            spark,
            inputs,
            out,
            settings=settings,
            options=SparkJobOptions(partitions=PARTITIONS, fail_first_attempt=fault),
        )
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
    tracker = sc.statusTracker()
    failed = 0
    for job_id in tracker.getJobIdsForGroup(group):
        job = tracker.getJobInfo(job_id)
        assert job is not None
        for stage_id in job.stageIds:
            stage = tracker.getStageInfo(stage_id)
            failed += stage.numFailedTasks if stage is not None else 0
    return failed


@pytest.fixture(scope="module")
def clean(
    spark: Any, inputs: list[str], settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("retry-clean") / "tables"
    assert _run(spark, inputs, out, settings, None) == 0
    return out


def _rows(spark: Any, out: Path, name: str) -> list[Any]:
    frame = spark.read.parquet(str(out / name))
    return list(frame.orderBy(*frame.columns).collect())


@pytest.mark.parametrize("stage", ["read", "extract", "brief"])
def test_a_retried_task_writes_the_tables_of_a_clean_run(
    spark: Any, inputs: list[str], settings: Settings, clean: Path, tmp_path: Path, stage: str
) -> None:
    out = tmp_path / "tables"
    assert _run(spark, inputs, out, settings, stage) == 1
    assert len(_rows(spark, clean, "articles")) > 10
    assert len(_rows(spark, clean, "briefs")) > 5
    for name in TABLES:
        assert _rows(spark, out, name) == _rows(spark, clean, name), (stage, name)
    snapshot = Path("state") / "stories.snapshot"
    assert (out / snapshot).read_bytes() == (clean / snapshot).read_bytes()


def test_the_fault_hook_names_a_phase(spark: Any, inputs: list[str], settings: Settings) -> None:
    with pytest.raises(ConfigError, match="fail_first_attempt"):
        run_spark_job(
            spark,
            inputs,
            "/nonexistent/never-written",
            settings=settings,
            options=SparkJobOptions(fail_first_attempt="assign"),
        )
