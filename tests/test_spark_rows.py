"""The Spark job's rows and work without Spark: records to rows and back, the tasks'
reading and extraction, and the ordered pass (issue 20)."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from tests.spark_corpus import STREAM_FILE, Corpus, write_corpus

from newsweave.cluster.assign import StoryAssigner, assigner_inputs
from newsweave.config import load_settings
from newsweave.dedup.candidates import COMMON_LIMIT, join_candidates
from newsweave.errors import ConfigError
from newsweave.extract import extract_each
from newsweave.ingest import iter_input_files, read_inputs
from newsweave.models import Article, InputFailure
from newsweave.pipeline.spark import read_path_list
from newsweave.pipeline.spark_rows import (
    article_from_row,
    event_from_row,
    event_row,
    link_from_row,
    link_row,
    raw_from_row,
    reject_from_row,
    story_from_row,
    story_row,
)
from newsweave.pipeline.spark_work import analysed_articles, assign_in_order, extract_input

pytestmark = pytest.mark.skipif(
    not STREAM_FILE.exists(), reason=f"{STREAM_FILE} is missing (../shared/data)"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return write_corpus(tmp_path_factory.mktemp("spark-rows"), count=24, files=3)


def test_the_tasks_read_and_extract_as_ingest_does(corpus: Corpus) -> None:
    settings = load_settings()
    inputs = [str(path) for path in corpus.warcs]
    rows = [
        kind_row
        for index, resolved in enumerate(iter_input_files(inputs))
        for kind_row in extract_input(index, resolved, settings)
    ]
    expected = list(extract_each(read_inputs(inputs, settings=settings)))
    assert len(rows) == len(expected)
    places = [(row[0], row[1]) for _kind, row in rows]
    assert places == sorted(places)  # numbered in stream order
    for (kind, row), (item, result) in zip(rows, expected, strict=True):
        if isinstance(result, InputFailure):
            assert kind == "reject"
            assert reject_from_row(row) == result
        else:
            assert kind == "article"
            assert article_from_row(row) == result
            assert raw_from_row(row) == item
    assert sorted(kind for kind, _row in rows).count("reject") == 2


def test_story_link_and_event_rows_read_back(corpus: Corpus) -> None:
    settings = load_settings()
    articles = [
        result
        for _item, result in extract_each(read_inputs([str(corpus.jsonl)], settings=settings))
        if isinstance(result, Article)
    ]
    done = assign_in_order(articles, StoryAssigner(**assigner_inputs(settings)), batch=5)
    assert [row[0] for row in done.assignments] == list(range(1, len(articles) + 1))
    stories = [story_from_row(row) for row in done.stories]
    assert [story_row(story) for story in stories] == done.stories
    assert sum(len(story.article_ids) for story in stories) == len(articles)
    for row in done.links:
        assert link_row(link_from_row(row)) == row
    for row in done.events:
        assert event_row(row[0], event_from_row(row)) == row
    # The same articles in one batch give the same rows.
    again = assign_in_order(articles, StoryAssigner(**assigner_inputs(settings)), batch=1000)
    assert (again.assignments, again.stories, again.links, again.events) == (
        done.assignments,
        done.stories,
        done.links,
        done.events,
    )


def test_the_tasks_analyses_give_the_ordered_pass_its_rows(corpus: Corpus) -> None:
    """The detector's analysis and the clusterer's features made per row (in Spark
    tasks, each with its own assigner) and pickled to the driver."""
    settings = load_settings()
    rows = [
        row
        for path_index, resolved in enumerate(iter_input_files(map(str, corpus.warcs)))
        for kind, row in extract_input(path_index, resolved, settings)
        if kind == "article"
    ]
    task = StoryAssigner(**assigner_inputs(settings))
    analysed = pickle.loads(pickle.dumps(list(analysed_articles(rows, task))))
    assert len(task.stories()) == 0  # preparing assigns nothing
    done = assign_in_order(analysed, StoryAssigner(**assigner_inputs(settings)))
    plain = assign_in_order(
        [article_from_row(row) for row in rows], StoryAssigner(**assigner_inputs(settings))
    )
    assert {link[2] for link in done.links} >= {"exact", "syndicated"}, "the corpus has copies"
    assert (done.assignments, done.stories, done.links, done.events) == (
        plain.assignments,
        plain.stories,
        plain.links,
        plain.events,
    )
    # With the candidates of the join (what the Spark job ships), common keys or not.
    for limit in (COMMON_LIMIT, 1):
        joined = join_candidates([item.analysis for item in analysed], common_limit=limit)
        ready = [
            replace(item, candidates=found) for item, found in zip(analysed, joined, strict=True)
        ]
        again = assign_in_order(ready, StoryAssigner(**assigner_inputs(settings)))
        assert (again.assignments, again.stories, again.links, again.events) == (
            plain.assignments,
            plain.stories,
            plain.links,
            plain.events,
        )
    other = StoryAssigner(**assigner_inputs(settings))
    with pytest.raises(ConfigError, match="features were made for another article"):
        other.assign(analysed[1].article, features=analysed[0].features)


def test_path_list_skips_blanks_and_comments(tmp_path: Path) -> None:
    listing = tmp_path / "warc.paths"
    listing.write_text("# CC-NEWS\ncrawl/a.warc.gz\n\n  crawl/b.warc.gz  \n", encoding="utf-8")
    assert read_path_list(listing, prefix="/mnt/") == [
        "/mnt/crawl/a.warc.gz",
        "/mnt/crawl/b.warc.gz",
    ]
    with pytest.raises(Exception, match="path list"):
        read_path_list(tmp_path / "missing.paths")
