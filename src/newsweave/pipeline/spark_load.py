"""Load the Spark job's tables into a store (PostgreSQL or SQLite) for ``serve``.

``newsweave --db postgresql://... spark load OUT`` calls :func:`load_spark_output`.
Nothing is computed again: the articles (with their raw documents) are added in
store order, the stories, copy links, storylines and merges are written as one
change set, the story assigner's snapshot is saved so that later ``ingest`` runs
continue the same stories, the rejects are recorded as ingest failures, and the
briefs are cached as the server caches the ones it builds.  The store must be
empty: the tables are a whole story state, not an addition to another one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsweave.errors import StoreError
from newsweave.models import Article, RawDocument, StoryChanges
from newsweave.pipeline.brief import brief_format
from newsweave.pipeline.spark import SNAPSHOT_FILE, STATE_DIR, STATE_FILE
from newsweave.pipeline.spark_rows import (
    ARTICLE_FIELDS,
    article_from_row,
    event_from_row,
    link_from_row,
    raw_from_row,
    reject_from_row,
    story_from_row,
)
from newsweave.pipeline.stories import STATE_NAME
from newsweave.store.base import SavedState, Store

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["LoadSummary", "load_spark_output"]


@dataclass(slots=True)
class LoadSummary:
    """What :func:`load_spark_output` wrote."""

    articles: int = 0
    stories: int = 0
    links: int = 0
    rejects: int = 0
    briefs: int = 0
    snapshot: bool = False


def _rows(frame: DataFrame, *order: str) -> Iterator[Any]:
    yield from frame.orderBy(*order).toLocalIterator()


def load_spark_output(
    spark: SparkSession,
    out_dir: str | os.PathLike[str],
    store: Store,
    *,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
) -> LoadSummary:
    """Put the tables the job wrote under ``out_dir`` into the empty ``store``."""
    if store.last_seq() > 0:
        raise StoreError(
            "the database already holds articles; load the Spark tables into an empty one"
        )
    out = Path(out_dir)
    read = spark.read.parquet
    summary = LoadSummary()
    assignments = read(str(out / "assignments"))
    articles = read(str(out / "articles")).select(*ARTICLE_FIELDS, "raw")
    ordered = articles.join(
        assignments.select("article_id", "seq", "story_id"),
        articles["id"] == assignments["article_id"],
    )
    batch: list[tuple[RawDocument, Article]] = []
    memberships: list[tuple[str, str]] = []
    for row in _rows(ordered, "seq"):
        batch.append((raw_from_row(row[: len(ARTICLE_FIELDS) + 1]), article_from_row(row)))
        memberships.append((row["id"], row["story_id"]))
        if len(batch) >= batch_size:
            summary.articles += sum(store.add_articles(batch))
            if progress is not None:
                progress(len(batch))
            batch.clear()
    if batch:
        summary.articles += sum(store.add_articles(batch))
        if progress is not None:
            progress(len(batch))
    upto = store.last_seq()
    stories = tuple(story_from_row(row) for row in _rows(read(str(out / "stories")), "story_id"))
    links = tuple(
        link_from_row(row) for row in _rows(read(str(out / "duplicate_links")), "article_id")
    )
    events = tuple(
        event_from_row(row) for row in _rows(read(str(out / "story_events")), "event_index")
    )
    store.apply_story_changes(
        StoryChanges(
            memberships=tuple(memberships),
            matches=links,
            stories=stories,
            events=events,
            upto_seq=upto,
        ),
        replace=True,
    )
    summary.stories, summary.links = len(stories), len(links)
    summary.snapshot = _load_state(out, store, upto)
    rejects = [
        reject_from_row(row)
        for row in _rows(read(str(out / "rejects")), "path_index", "record_index")
    ]
    if rejects:
        store.record_failures(rejects)
    summary.rejects = len(rejects)
    summary.briefs = _load_briefs(read(str(out / "briefs")), store)
    return summary


def _load_state(out: Path, store: Store, upto: int) -> bool:
    """Save the job's story-assigner snapshot; ``False`` when the job wrote none."""
    folder = out / STATE_DIR
    if not (folder / STATE_FILE).is_file() or not (folder / SNAPSHOT_FILE).is_file():
        return False
    meta = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    with (folder / SNAPSHOT_FILE).open("rb") as handle:
        store.save_state(STATE_NAME, SavedState(format=meta["format"], upto_seq=upto, data=handle))
    return True


def _load_briefs(frame: DataFrame, store: Store) -> int:
    """Cache every brief the job built, for the story version now stored."""
    store.use_brief_format(brief_format(None))
    epoch = store.brief_epoch()
    loaded = 0
    for row in _rows(frame.where("brief IS NOT NULL"), "story_id"):
        version = store.story_version(row["story_id"])
        if version is None:
            continue
        store.put_brief(
            row["story_id"],
            version,
            row["brief"],
            headline=row["headline"],
            lead=row["lead"],
            text=row["text"],
            epoch=epoch,
        )
        loaded += 1
    return loaded
