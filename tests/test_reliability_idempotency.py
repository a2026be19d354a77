"""Idempotent ingest, as properties (issue 21): the same inputs twice change nothing.

Hypothesis draws a stream of documents (the seed articles, near copies and
retellings of them, repeats allowed) and checks that ingesting it twice in two
runs, twice in one run, or first a prefix and then the whole, leaves exactly the
stored articles, stories, copy links and story history of one clean run.  A slow
variant draws windows of an ECB+ stream, whose stories merge and split (history).
``NEWSWEAVE_PROPERTY_EXAMPLES`` sets how many streams each property draws.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import SEEDS, shared_data
from tests.test_reliability_store import _documents, _history, _story_rows

from newsweave.config import load_settings
from newsweave.ingest import read_inputs
from newsweave.models import RawDocument
from newsweave.pipeline.ingest import ingest_documents
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.store import SQLiteStore


def _pool() -> list[RawDocument]:
    """The seed articles, an exact copy of each at another address, and a retelling
    (its paragraphs reversed) of each: copies, rewrites and distinct stories."""
    seeds = [
        item
        for item in read_inputs([str(SEEDS)], settings=load_settings())
        if isinstance(item, RawDocument)
    ]
    assert seeds, f"no seed articles in {SEEDS}"
    pool = list(seeds)
    for n, doc in enumerate(seeds):
        pool.append(
            dataclasses.replace(doc, origin=f"{doc.origin}-copy", url=f"https://copy.example/{n}")
        )
        paragraphs = [p for p in doc.content.split("\n\n") if p.strip()]
        pool.append(
            dataclasses.replace(
                doc,
                origin=f"{doc.origin}-retold",
                url=f"https://retold.example/{n}",
                content="\n\n".join(reversed(paragraphs)),
            )
        )
    return pool


POOL = _pool() if SEEDS.is_dir() else []

streams = st.lists(st.integers(0, max(len(POOL) - 1, 0)), min_size=1, max_size=14)


def _ingest_run(db: Path, documents: list[RawDocument]) -> None:
    """One ``newsweave ingest`` run: open the saved assigner, ingest, save it."""
    with SQLiteStore(db) as store:
        assigner = open_assigner(store)
        ingest_documents(documents, store, batch_size=4, stories=assigner)
        save_assigner(store, assigner)


def _stored(db: Path) -> tuple[object, ...]:
    return (*_story_rows(db), _history(db))


def _after(*runs: list[RawDocument]) -> tuple[object, ...]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db.sqlite"
        for documents in runs:
            _ingest_run(db, documents)
        return _stored(db)


pytestmark = pytest.mark.skipif(not POOL, reason=f"no seed articles in {SEEDS}")

PROPERTY = settings(
    max_examples=int(os.environ.get("NEWSWEAVE_PROPERTY_EXAMPLES", "12")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROPERTY
@given(picks=streams)
def test_ingesting_twice_in_two_runs_equals_once(picks: list[int]) -> None:
    documents = [POOL[i] for i in picks]
    assert _after(documents, documents) == _after(documents)


@PROPERTY
@given(picks=streams)
def test_ingesting_twice_in_one_run_equals_once(picks: list[int]) -> None:
    documents = [POOL[i] for i in picks]
    assert _after(documents + documents) == _after(documents)


@PROPERTY
@given(picks=streams, cut=st.integers(0, 14))
def test_a_prefix_then_the_whole_equals_the_whole(picks: list[int], cut: int) -> None:
    """What a re-run after a crash does: some inputs were stored, all are given again."""
    documents = [POOL[i] for i in picks]
    assert _after(documents[:cut], documents) == _after(documents)


@pytest.fixture(scope="module")
def revising_pool() -> list[RawDocument]:
    """ECB+ dev articles: a stream whose stories merge and split, so history is written."""
    return _documents(shared_data("ecbplus", "ecbplus-dev.jsonl"))[:240]


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("NEWSWEAVE_PROPERTY_EXAMPLES", "10")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(start=st.integers(0, 120), size=st.integers(40, 120), cut=st.integers(1, 119))
def test_revising_streams_twice_or_after_a_prefix_equal_once(
    revising_pool: list[RawDocument], start: int, size: int, cut: int
) -> None:
    documents = revising_pool[start : start + size]
    once = _after(documents)
    assert _after(documents, documents) == once
    assert _after(documents[:cut], documents) == once
