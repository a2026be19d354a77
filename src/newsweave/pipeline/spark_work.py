"""The work of the Spark job, in plain Python: what its tasks and its driver run.

* :func:`extract_input` (a task per input): read one input and extract every
  record, exactly as ``ingest`` reads and extracts it, as ``articles`` and
  ``rejects`` rows; nothing in an input fails the job.
* :func:`analysed_articles` (tasks): the work on each article that needs no
  other article: the duplicate detector's (word fingerprint, shingles, MinHash
  band keys, sentence keys) and the story clusterer's (feature counts, names,
  title shape), done in parallel and handed to the driver.
* :func:`assign_in_order` (the driver): the ordered pass.  Duplicate detection
  and story assignment decide each article against everything before it, so
  they run once, over the articles in stream order, with the same
  :class:`~newsweave.cluster.assign.StoryAssigner` as ``ingest`` (using the
  tasks' analyses and the candidates :mod:`newsweave.pipeline.spark_join`
  joined); that is what makes the links and the stories those of one machine.
* :func:`brief_row` (a task per story): the brief a server would build for the
  stored story and cache.

:mod:`newsweave.pipeline.spark` wires them into a Spark job; tests can call them
without Spark.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.serialise import brief_to_data
from newsweave.cluster.assign import StoryAssigner
from newsweave.cluster.features import ArticleFeatures
from newsweave.config import Settings
from newsweave.dedup import ArticleAnalysis, ArticleCandidates
from newsweave.errors import InjectedFaultError, InputError
from newsweave.extract import extract_article
from newsweave.ingest import read_input
from newsweave.models import Article, InputFailure, RawDocument, Story, StoryEvent
from newsweave.pipeline.brief import brief_text, stored_story_options
from newsweave.pipeline.spark_remote import HadoopInput, JobInput, read_remote
from newsweave.pipeline.spark_rows import (
    article_from_row,
    article_row,
    event_row,
    link_row,
    reject_row,
    story_row,
    storyline_row,
)

__all__ = [
    "OrderedPass",
    "Prepared",
    "analysed_articles",
    "assign_in_order",
    "brief_row",
    "extract_input",
    "extract_record",
    "fail_first_attempt",
    "read_records",
]

Row = tuple[Any, ...]

READ_STAGE = "read"
EXTRACT_STAGE = "extract"
BRIEF_STAGE = "brief"
FAULT_STAGES = (READ_STAGE, EXTRACT_STAGE, BRIEF_STAGE)
"""The phases whose tasks :func:`fail_first_attempt` can fail."""


def fail_first_attempt(stage: str, items: Iterable[Any]) -> Iterator[Any]:
    """``items`` as they are, but the first attempt of partition 0 fails after its first item.

    The job's one fault hook (``SparkJobOptions.fail_first_attempt``, off unless
    asked for): it shows that a task which fails half-way and is retried (a
    master with retries, e.g. ``local[2,2]``) leaves the tables a clean run
    writes.  Outside a Spark task it passes ``items`` through.
    """
    from pyspark import TaskContext

    context = TaskContext.get()
    failing = context is not None and context.partitionId() == 0 and context.attemptNumber() == 0
    for index, item in enumerate(items):
        if failing and index == 1:
            raise InjectedFaultError(f"the first attempt of a {stage} task fails, as asked")
        yield item
    if failing:  # a partition of one item (or none) fails at its end
        raise InjectedFaultError(f"the first attempt of a {stage} task fails, as asked")


def _extract_one(item: RawDocument) -> Article | InputFailure:
    try:
        return extract_article(item)
    except InputError as exc:
        return InputFailure(item.origin, type(exc).__name__, exc.reason, stage=EXTRACT_STAGE)
    except Exception as exc:
        # A bug of an extractor on one unusual page: ``ingest`` would stop on it, a
        # job over millions of pages records the page and goes on.
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
        return InputFailure(item.origin, type(exc).__name__, message, stage=EXTRACT_STAGE)


def read_records(
    path_index: int, resolved: JobInput, settings: Settings, *, data: bytes | None = None
) -> Iterator[tuple[int, int, RawDocument | InputFailure]]:
    """``(path_index, record_index, document or failure)`` for every record of one input.

    The records are read by :func:`newsweave.ingest.read_input`, as ``ingest``
    reads them: a record it cannot read becomes a failure with its reason, and a
    broken archive ends in one failure after the records read before the break.
    A URL or a Hadoop file (its bytes in ``data``) is first put in a local spool
    file (:func:`newsweave.pipeline.spark_remote.read_remote`).  An unexpected
    error while reading ends the input with a failure too: a job over thousands
    of archives never stops for one of them.
    """
    record_index = 0
    items: Iterator[RawDocument | InputFailure]
    if isinstance(resolved, HadoopInput) or resolved.kind == "url":
        items = iter(read_remote(resolved, settings, data=data))
    else:
        items = iter(read_input(resolved, settings=settings))
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "no message"
            name = resolved.uri if isinstance(resolved, HadoopInput) else resolved.name
            yield (
                path_index,
                record_index,
                InputFailure(name, type(exc).__name__, reason, stage=READ_STAGE),
            )
            return
        yield path_index, record_index, item
        record_index += 1


def extract_record(
    path_index: int, record_index: int, item: RawDocument | InputFailure
) -> tuple[str, Row]:
    """``("article", row)`` or ``("reject", row)`` for one record, extracted as ``ingest``
    extracts it (:func:`newsweave.extract.extract_article`)."""
    result = item if isinstance(item, InputFailure) else _extract_one(item)
    if isinstance(result, InputFailure):
        return "reject", reject_row(path_index, record_index, result)
    assert isinstance(item, RawDocument)
    return "article", article_row(path_index, record_index, item, result)


def extract_input(
    path_index: int, resolved: JobInput, settings: Settings
) -> Iterator[tuple[str, Row]]:
    """:func:`extract_record` of every record :func:`read_records` reads, in order."""
    for index, record_index, item in read_records(path_index, resolved, settings):
        yield extract_record(index, record_index, item)


@dataclass(slots=True)
class OrderedPass:
    """The rows the ordered pass made, and the assigner it left (for its snapshot)."""

    assigner: StoryAssigner
    assignments: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    stories: list[Row] = field(default_factory=list)
    storylines: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article with what the tasks made of it for the ordered pass."""

    article: Article
    analysis: ArticleAnalysis
    """The duplicate detector's order-free work on it."""
    features: ArticleFeatures
    """The story clusterer's order-free work on it."""
    candidates: ArticleCandidates | None = None
    """The earlier articles sharing a key with it (the job's join)."""


def analysed_articles(rows: Iterable[Sequence[Any]], assigner: StoryAssigner) -> Iterator[Prepared]:
    """Each ``articles`` row's article with the assigner's order-free work on it.

    That work (the detector's fingerprint, shingles, band and sentence keys; the
    clusterer's feature counts, names and title shape) depends on the article and
    the assigner's options and models alone, so tasks make it in parallel, each
    with an assigner of its own built as the driver's is, and the ordered pass
    only decides (:func:`assign_in_order`).
    """
    for row in rows:
        article = article_from_row(row)
        yield Prepared(article, assigner.analyse(article), assigner.features(article))


def assign_in_order(
    articles: Iterable[Article | Prepared],
    assigner: StoryAssigner,
    *,
    batch: int = 1000,
) -> OrderedPass:
    """Assign ``articles`` (distinct, in stream order) and tabulate the outcome.

    An article may come :func:`analysed_articles` prepared, which spares the pass
    that work, and with its joined candidates (:mod:`newsweave.pipeline.spark_join`,
    for an assigner that started empty), which spare it the index lookups; the
    outcome is the same.

    Article ``n`` (from 1) gets store sequence number ``n``, which is the number a
    fresh store gives it when the articles are loaded in this order.  The
    changes are taken every ``batch`` articles, as ``ingest`` takes them per
    store batch; the outcome does not depend on it.
    """
    result = OrderedPass(assigner=assigner)
    order: list[str] = []
    events: list[StoryEvent] = []

    def take() -> None:
        changes = assigner.changes()
        result.links.extend(link_row(match) for match in changes.matches)
        events.extend(changes.events)

    for seq, item in enumerate(articles, start=1):
        if isinstance(item, Article):
            article = item
            assigner.assign(article, seq=seq)
        else:
            article = item.article
            assigner.assign(
                article,
                seq=seq,
                analysis=item.analysis,
                candidates=item.candidates,
                features=item.features,
            )
        order.append(article.id)
        if seq % batch == 0:
            take()
    take()
    result.assignments = [
        (seq, article_id, assigner.story_of(article_id), assigner.storyline_of(article_id))
        for seq, article_id in enumerate(order, start=1)
    ]
    # A store lists a story's articles in store order, whatever order they joined in.
    position = {article_id: seq for seq, article_id in enumerate(order)}
    stories = [
        dataclasses.replace(
            story, article_ids=tuple(sorted(story.article_ids, key=position.__getitem__))
        )
        for story in assigner.stories()
    ]
    result.stories = [story_row(story) for story in stories]
    lines: dict[str, list[Story]] = {}
    for story in stories:
        if story.storyline is not None:
            lines.setdefault(story.storyline, []).append(story)
    result.storylines = [storyline_row(line, members) for line, members in sorted(lines.items())]
    result.events = [event_row(index, event) for index, event in enumerate(events)]
    return result


def brief_row(
    story: Story, articles: Sequence[Article], options: BriefOptions | None = None
) -> Row:
    """The ``briefs`` row of a story: the brief ``serve`` would build and cache for it.

    ``articles`` are the story's, in store order.  A brief stage that fails on the
    story's text gives a row with the error (as the server reports it), never a
    failed job.
    """
    try:
        brief = build_brief(
            story.id, articles, options=stored_story_options(options or BriefOptions(), story)
        )
        data = brief_to_data(brief)
    except Exception as exc:
        return (story.id, None, None, None, None, f"{type(exc).__name__}: {exc}")
    summary = data.get("summary") or []
    return (
        story.id,
        json.dumps(data, ensure_ascii=False),
        data.get("headline"),
        summary[0]["text"] if summary else None,
        brief_text(data),
        None,
    )
