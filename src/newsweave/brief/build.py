"""Assemble the brief of one story from its articles.

:func:`build_brief` splits the story's articles into sentences once
(:class:`~newsweave.brief.doc.StoryDoc`) and runs every brief stage over that
doc: sentence alignment (:mod:`~newsweave.brief.align`), the summary with its citations
(:mod:`~newsweave.brief.summary`), key points and single-source claims
(:mod:`~newsweave.brief.keypoints`), the headline
(:mod:`~newsweave.brief.headline`), and the detail stages: quotes, entities,
timeline, disagreements and coverage.

:func:`brief_input` is what the stateless ``newsweave brief`` command runs: every
article of one input, extracted exactly as ``ingest`` extracts it, is one story.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsweave.brief.align import StoryAlignment
from newsweave.brief.coverage import build_coverage
from newsweave.brief.disagree import find_disagreements
from newsweave.brief.doc import StoryDoc
from newsweave.brief.entities import find_entities
from newsweave.brief.headline import choose_headline
from newsweave.brief.keypoints import KeyPointOptions, find_key_points
from newsweave.brief.quotes import find_quotes
from newsweave.brief.summary import SummaryOptions, select_summary
from newsweave.brief.timeline import build_timeline
from newsweave.config import Settings
from newsweave.extract import extract_each
from newsweave.ingest import read_inputs
from newsweave.models import Article, Brief, InputFailure, SummarySentence
from newsweave.sources import SourceRegistry

__all__ = ["BriefOptions", "BriefRun", "brief_input", "build_brief", "story_id_of"]


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """Options of every brief stage, plus the source registry for coverage."""

    summary: SummaryOptions = field(default_factory=SummaryOptions)
    key_points: KeyPointOptions = field(default_factory=KeyPointOptions)
    citation_threshold: float = 0.25
    """Least similarity for another article's sentence to be cited for a summary sentence."""
    registry: SourceRegistry | None = None


def build_brief(
    story_id: str, articles: Sequence[Article], *, options: BriefOptions | None = None
) -> Brief:
    """The brief of the story ``story_id`` made of ``articles`` (in the story's order).

    Every summary sentence cites the sentence it was taken from and, for every
    other article, its sentence stating the same information (when one is
    similar enough).  Raises :class:`ValueError` when ``articles`` is empty.
    """
    if not articles:
        raise ValueError(f"story {story_id!r} has no articles: a brief needs at least one")
    options = options or BriefOptions()
    doc = StoryDoc.from_articles(articles)
    story = StoryAlignment(doc)
    rows = select_summary(story, options=options.summary)
    sim = story.similarity(rows)
    summary = tuple(
        SummarySentence(
            text=story.sentences[row].text,
            citations=tuple(
                story.citation(k)
                for k in story.support(row, sim[number], threshold=options.citation_threshold)
            ),
        )
        for number, row in enumerate(rows)
    )
    # A claim the summary cites from two outlets must not also be "reported by one".
    point_options = dataclasses.replace(
        options.key_points, single_source_threshold=options.citation_threshold
    )
    key_points, single_source = find_key_points(story, options=point_options)
    headline = choose_headline(
        articles,
        fallback=[point.text for point in key_points] + [sentence.text for sentence in summary],
    )
    return Brief(
        story_id=story_id,
        headline=headline,
        summary=summary,
        key_points=key_points,
        single_source=single_source,
        disagreements=find_disagreements(doc),
        quotes=find_quotes(doc),
        entities=find_entities(doc),
        timeline=build_timeline(doc),
        coverage=build_coverage(articles, options.registry),
    )


def story_id_of(articles: Sequence[Article]) -> str:
    """A stable id for a story given only its articles (the stateless command's story)."""
    digest = hashlib.sha256("\n".join(sorted(a.id for a in articles)).encode("utf-8"))
    return "story-" + digest.hexdigest()[:12]


@dataclass(slots=True)
class BriefRun:
    """What :func:`brief_input` read and made."""

    articles: list[Article] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    brief: Brief | None = None
    """``None`` when the input held no article text."""


def brief_input(
    input_path: str, *, settings: Settings, options: BriefOptions | None = None
) -> BriefRun:
    """Read every article of one input (JSONL or any readable input) as one story and brief it."""
    run = BriefRun()
    for _item, result in extract_each(read_inputs([input_path], settings=settings)):
        if isinstance(result, InputFailure):
            run.failures.append(result)
        else:
            run.articles.append(result)
    if run.articles:
        run.brief = build_brief(story_id_of(run.articles), run.articles, options=options)
    return run
