"""The Spark job gives the answers of one machine (issue 20, items 5, 6 and 8).

The job runs in ``local[2]`` over small real inputs (``tests/spark_corpus.py``:
stream records as WARC archives, with a bad record, a copy and a cut archive),
and everything it writes is compared with ``ingest`` of the same inputs into a
SQLite store: articles, rejects, copy links, stories, storylines, briefs; then
that the tables do not change with the number of partitions or when the job is
run again over them, and that the loaded tables serve like the ingested store.
Skipped with a message where Java or pyspark (the ``spark`` extra) is missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import target_of
from tests.spark_corpus import (
    TABLE_ORDERS,
    Corpus,
    quiet_session,
    skip_module_without_spark,
    write_corpus,
)

from newsweave.brief.serialise import brief_to_data
from newsweave.cluster.assign import assigner_inputs
from newsweave.config import Settings, load_settings
from newsweave.dedup.candidates import COMMON_LIMIT, join_candidates
from newsweave.ingest import read_inputs
from newsweave.pipeline.brief import brief_story
from newsweave.pipeline.ingest import ingest_documents
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.pipeline.storylines import iter_storylines
from newsweave.store import Store, open_store

pytestmark = pytest.mark.slow

skip_module_without_spark()

from newsweave.pipeline.spark import (  # noqa: E402  (after the skips above)
    SparkJobOptions,
    SparkJobSummary,
    read_path_list,
    run_spark_job,
)
from newsweave.pipeline.spark_join import joined_articles  # noqa: E402
from newsweave.pipeline.spark_load import load_spark_output  # noqa: E402
from newsweave.pipeline.spark_rows import (  # noqa: E402
    ARTICLE_FIELDS,
    article_from_row,
    link_from_row,
    reject_from_row,
    story_from_row,
)

RECORDS = 80


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with quiet_session("local[2]", "newsweave-tests") as session:
        yield session


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return write_corpus(tmp_path_factory.mktemp("spark-in"), count=RECORDS, files=3)


def _inputs(corpus: Corpus) -> list[str]:
    return read_path_list(corpus.path_list, prefix=f"{corpus.path_list.parent}/")


@pytest.fixture(scope="module")
def reference(
    corpus: Corpus, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """``ingest`` of the same inputs, on one machine, into a SQLite store."""
    path = tmp_path_factory.mktemp("spark-ref") / "reference.db"
    with open_store(str(path)) as store:
        assigner = open_assigner(store, **assigner_inputs(settings))
        ingest_documents(read_inputs(_inputs(corpus), settings=settings), store, stories=assigner)
        save_assigner(store, assigner)
        yield store


@pytest.fixture(scope="module")
def job(
    spark: Any, corpus: Corpus, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, SparkJobSummary]:
    out = tmp_path_factory.mktemp("spark-out") / "tables"
    summary = run_spark_job(
        spark, _inputs(corpus), out, settings=settings, options=SparkJobOptions(partitions=3)
    )
    return out, summary


def _table(spark: Any, out: Path, name: str, *order: str) -> list[Any]:
    return list(spark.read.parquet(str(out / name)).orderBy(*order).collect())


def test_articles_and_rejects_are_those_of_ingest(
    spark: Any, job: tuple[Path, SparkJobSummary], reference: Store
) -> None:
    out, summary = job
    rows = spark.read.parquet(str(out / "articles")).select(*ARTICLE_FIELDS)
    order = _table(spark, out, "assignments", "seq")
    by_id = {row["id"]: article_from_row(row) for row in rows.collect()}
    stored = list(reference.iter_articles())
    assert len(stored) == summary.articles == len(order) > RECORDS - 10
    assert [row["article_id"] for row in order] == [article.id for article in stored]
    assert [by_id[article.id] for article in stored] == stored
    rejects = [
        reject_from_row(row) for row in _table(spark, out, "rejects", "path_index", "record_index")
    ]
    failures = [failure for _when, failure in reference.iter_failures()]
    assert rejects == failures
    # The binary record and the archive cut short: each counted with its reason.
    assert sorted(failure.error for failure in rejects) == ["DecodeError", "TruncatedInputError"]
    assert summary.rejects == 2


def test_links_stories_and_storylines_are_those_of_ingest(
    spark: Any, job: tuple[Path, SparkJobSummary], reference: Store
) -> None:
    out, summary = job
    links = [link_from_row(row) for row in _table(spark, out, "duplicate_links", "article_id")]
    expected = [
        match
        for article in reference.iter_articles()
        if (match := reference.get_match(article.id)) is not None
    ]
    assert sorted(links, key=lambda m: m.article_id) == sorted(expected, key=lambda m: m.article_id)
    assert any(link.kind == "exact" for link in links)  # the copy in the corpus
    stories = [story_from_row(row) for row in _table(spark, out, "stories", "story_id")]
    stored = sorted(reference.iter_stories(), key=lambda story: story.id)
    assert stories == stored
    assert summary.stories == len(stored) > 10
    assignments = _table(spark, out, "assignments", "seq")
    assert all(reference.story_of(row["article_id"]) == row["story_id"] for row in assignments)
    lines = {row["storyline_id"]: row for row in _table(spark, out, "storylines", "storyline_id")}
    stored_lines = list(iter_storylines(reference))
    assert set(lines) == {line.id for line in stored_lines}
    for line in stored_lines:
        row = lines[line.id]
        assert (row["stories"], row["articles"], row["name"]) == (
            line.stories,
            line.articles,
            line.name,
        )


def test_briefs_are_those_of_the_stored_stories(
    spark: Any, job: tuple[Path, SparkJobSummary], reference: Store
) -> None:
    out, summary = job
    briefs = {row["story_id"]: row for row in _table(spark, out, "briefs", "story_id")}
    assert summary.brief_errors == 0
    assert set(briefs) == {story.id for story in reference.iter_stories()}
    # Every story of several articles, and a few single ones (a brief costs a second).
    stories = sorted(reference.iter_stories(), key=lambda s: (len(s.article_ids) < 2, s.id))
    checked = [s for s in stories if len(s.article_ids) > 1] + [
        s for s in stories if len(s.article_ids) == 1
    ][:3]
    assert len(checked) > 5
    for story in checked:
        made = json.loads(briefs[story.id]["brief"])
        assert made == brief_to_data(brief_story(reference, story.id)), story.id


def test_tables_do_not_change_with_partitions_or_a_second_run(
    spark: Any,
    job: tuple[Path, SparkJobSummary],
    corpus: Corpus,
    settings: Settings,
    tmp_path: Path,
) -> None:
    first, _summary = job
    out = tmp_path / "again"
    # The second run overwrites the first one's tables; it joins no key (every key is
    # common), so its detector finds all its candidates in its own index.
    for partitions, limit in ((7, COMMON_LIMIT), (1, 1)):
        run_spark_job(
            spark,
            _inputs(corpus),
            out,
            settings=settings,
            options=SparkJobOptions(partitions=partitions, briefs=False, common_limit=limit),
        )
    for name, order in TABLE_ORDERS.items():
        if name == "briefs":
            continue  # this job makes none
        assert _table(spark, out, name, *order) == _table(spark, first, name, *order), name
    assert (out / "state" / "stories.snapshot").read_bytes() == (
        first / "state" / "stories.snapshot"
    ).read_bytes()


@pytest.mark.parametrize("limit", [COMMON_LIMIT, 2])
def test_the_spark_join_finds_the_candidates_of_the_plain_join(
    spark: Any, job: tuple[Path, SparkJobSummary], settings: Settings, limit: int
) -> None:
    out, _summary = job
    frame = spark.read.parquet(str(out / "articles")).select(*ARTICLE_FIELDS)
    shipped = list(joined_articles(spark, frame, settings, partitions=3, common_limit=limit))
    order = [row["article_id"] for row in _table(spark, out, "assignments", "seq")]
    assert [item.article.id for item in shipped] == order
    expected = join_candidates([item.analysis for item in shipped], common_limit=limit)
    assert [item.candidates for item in shipped] == expected
    assert any(found.near for found in expected)
    assert any(found.same_text is not None for found in expected)
    if limit == 2:
        assert any(found.common_keys for found in expected)


def test_loaded_tables_serve_the_stories_of_ingest(
    spark: Any,
    job: tuple[Path, SparkJobSummary],
    reference: Store,
    settings: Settings,
    backend: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    out, summary = job
    with open_store(target_of(backend, request, tmp_path / "loaded.db")) as store:
        loaded = load_spark_output(spark, out, store, batch_size=50)
        assert (loaded.articles, loaded.stories, loaded.rejects) == (
            summary.articles,
            summary.stories,
            2,
        )
        assert loaded.snapshot
        assert list(store.iter_articles()) == list(reference.iter_articles())
        assert sorted(store.iter_stories(), key=lambda s: s.id) == sorted(
            reference.iter_stories(), key=lambda s: s.id
        )
        for story in reference.iter_stories():
            assert store.story_articles(story.id) == reference.story_articles(story.id)
            cached = store.get_brief(story.id)
            assert cached is not None, story.id
            # Fresh for the story as stored: the server shows it and builds nothing.
            assert store.brief_version(story.id) == store.story_version(story.id)
        # The saved snapshot is used as it is: nothing is assigned again.
        assigner = open_assigner(store, **assigner_inputs(settings))
        assert assigner.upto_seq == store.last_seq() == summary.articles
        assert [failure for _when, failure in store.iter_failures()] == [
            failure for _when, failure in reference.iter_failures()
        ]
        with pytest.raises(Exception, match="empty"):
            load_spark_output(spark, out, store)


def test_jsonl_input_gives_the_stories_of_ingest(
    spark: Any, corpus: Corpus, settings: Settings, tmp_path: Path
) -> None:
    summary = run_spark_job(
        spark,
        [str(corpus.jsonl)],
        tmp_path / "jsonl",
        settings=settings,
        options=SparkJobOptions(partitions=4, briefs=False),
    )
    with open_store(str(tmp_path / "ref.db")) as store:
        assigner = open_assigner(store, **assigner_inputs(settings))
        ingest_documents(
            read_inputs([str(corpus.jsonl)], settings=settings), store, stories=assigner
        )
        stories = [
            story_from_row(r) for r in _table(spark, tmp_path / "jsonl", "stories", "story_id")
        ]
        assert stories == sorted(store.iter_stories(), key=lambda s: s.id)
        assert summary.articles == store.count_articles() == RECORDS
