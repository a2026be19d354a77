"""Assemble the brief of one story from its articles: the brief stages, declared and run in order.

:data:`BRIEF_STAGES` lists every stage with the parts it reads and adds
(:mod:`newsweave.brief.stages` runs them and holds each to its declaration):
the story is split into sentences once (:class:`~newsweave.brief.doc.StoryDoc`),
its sentences aligned across articles (:mod:`~newsweave.brief.align`), then
come the summary with its citations (:mod:`~newsweave.brief.summary`), key
points and single-source claims (:mod:`~newsweave.brief.keypoints`), the
headline (:mod:`~newsweave.brief.headline`), and the detail stages:
disagreements, quotes, entities, timeline and coverage.  :func:`build_brief`
gives the stages the articles and makes the :class:`~newsweave.models.Brief`
of what they added.

:func:`brief_input` is what the stateless ``newsweave brief`` command runs: every
article of one input, extracted exactly as ``ingest`` extracts it, is one story.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsweave.brief.align import StoryAlignment
from newsweave.brief.captions import strip_dateline
from newsweave.brief.conflicts import ConflictOptions, confirm_disagreements
from newsweave.brief.coverage import build_coverage
from newsweave.brief.disagree import find_disagreements
from newsweave.brief.doc import StoryDoc
from newsweave.brief.entities import EntityOptions, find_entities
from newsweave.brief.headline import choose_headline
from newsweave.brief.keypoints import KeyPointOptions, find_key_points
from newsweave.brief.quotes import find_quotes
from newsweave.brief.stages import BriefStage, Part, Parts, StageParts, run_stages
from newsweave.brief.summary import SummaryOptions, select_summary, shown_text
from newsweave.brief.summary_names import introduce_names, speakers_by_article
from newsweave.brief.support import SupportOptions
from newsweave.brief.timeline import build_timeline
from newsweave.dedup import source_units
from newsweave.models import (
    Article,
    Brief,
    CopyGroup,
    Coverage,
    Disagreement,
    DuplicateMatch,
    EntityMention,
    KeyPoint,
    Quote,
    SummarySentence,
    TimelineEntry,
)
from newsweave.sources import SourceRegistry

__all__ = [
    "ALIGNMENT",
    "ARTICLES",
    "BRIEF_STAGES",
    "COVERAGE",
    "DISAGREEMENTS",
    "DOC",
    "ENTITIES",
    "HEADLINE",
    "KEY_POINTS",
    "QUOTES",
    "SINGLE_SOURCE",
    "SUMMARY",
    "TIMELINE",
    "BriefOptions",
    "build_brief",
    "story_id_of",
]


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """Options of every brief stage, plus the source registry for coverage."""

    summary: SummaryOptions = field(default_factory=SummaryOptions)
    key_points: KeyPointOptions = field(default_factory=KeyPointOptions)
    entities: EntityOptions = field(default_factory=EntityOptions)
    disagreements: ConflictOptions = field(default_factory=ConflictOptions)
    """Which disagreements are listed (:mod:`newsweave.brief.conflicts`), figures told in
    other words among them (``disagreements.figures``)."""
    citation_threshold: float = 0.25
    """Least similarity for another article's sentence to be cited for a summary sentence."""
    citation_judge: SupportOptions | None = field(
        default_factory=lambda: SupportOptions(supports_overlap=0.85, frame_core=None)
    )
    """The judge of a summary sentence's citations (``None``: the story's).  Stricter than
    the story's: a summary sentence cites another article only when it states the sentence
    in full, and cites no other article rather than one that states it in part.  A citation
    dropped costs nothing the reader relies on; a weak one is the error a reader catches.
    Set on the judgments' tune half (``benchmarks/eval_brief_support.py``, with
    ``benchmarks/eval_support.py``'s pairs): at the story's 0.7, the brief's judged
    citations were tune 36 of 39, check 22 of 23 right; at 0.85, 26 of 27 and 14 of 15
    (the one left on tune: "died while climbing" cited to "was climbing", one word apart).
    Key points keep the story's judge: their "reported by N" counts need its recall too.
    A citation also needs the teller: ``frame_core`` is off here (on, the check half's
    judged citation precision fell from 0.989 to 0.978)."""
    registry: SourceRegistry | None = None
    copies: tuple[CopyGroup, ...] | None = None
    """The story's copy groups as the ingest detector found them (``Story.groups``), so
    the brief counts the independent sources the story header counts; ``None``: a
    detector is run over the story's articles."""
    headline: str | None = None
    """The stored story's headline (``Story.headline``), so the brief shows the one the
    story list, the export and the API show; ``None``: chosen from the articles by
    the clusterer's rule (:func:`newsweave.cluster.headline.headline_of`)."""


# What the stages read and add.  build_brief gives ARTICLES; every other part is
# added by exactly one stage, and the Brief is made of the parts named after its fields.
ARTICLES: Part[tuple[Article, ...]] = Part("articles")
DOC: Part[StoryDoc] = Part("doc")
ALIGNMENT: Part[StoryAlignment] = Part("alignment")
SUMMARY: Part[tuple[SummarySentence, ...]] = Part("summary")
KEY_POINTS: Part[tuple[KeyPoint, ...]] = Part("key_points")
SINGLE_SOURCE: Part[tuple[KeyPoint, ...]] = Part("single_source")
HEADLINE: Part[str] = Part("headline")
DISAGREEMENTS: Part[tuple[Disagreement, ...]] = Part("disagreements")
QUOTES: Part[tuple[Quote, ...]] = Part("quotes")
ENTITIES: Part[tuple[EntityMention, ...]] = Part("entities")
TIMELINE: Part[tuple[TimelineEntry, ...]] = Part("timeline")
COVERAGE: Part[Coverage] = Part("coverage")


def _split(parts: StageParts, options: BriefOptions) -> None:
    articles = parts.get(ARTICLES)
    parts.set(DOC, StoryDoc.from_articles(articles))


def _align(parts: StageParts, options: BriefOptions) -> None:
    doc = parts.get(DOC)
    units = None
    if options.copies is not None:
        matches = [
            DuplicateMatch(member, group.original_id, kind, 1.0, group.original_id)
            for group in options.copies
            for member, kind in zip(group.member_ids, group.kinds, strict=True)
        ]
        units = source_units(doc.articles, matches)
    parts.set(ALIGNMENT, StoryAlignment(doc, units=units))


def _summary(parts: StageParts, options: BriefOptions) -> None:
    story = parts.get(ALIGNMENT)
    rows = select_summary(story, options=options.summary)
    sim = story.similarity(rows)
    # Shown without a wire dateline, a label in capitals or an opening "And"; its first
    # citation keeps the article's sentence.
    texts = [
        shown_text(story.sentences[row], strip_dateline(story.sentences[row].text), options.summary)
        for row in rows
    ]
    if options.summary.name_subjects:
        # "“...,” she said" shown with the speaker its article names.
        quotes: tuple[Quote, ...] = parts.get(QUOTES)
        said = speakers_by_article(quotes)
        texts = introduce_names(story, rows, texts, said)
    summary = tuple(
        SummarySentence(
            text=text,
            citations=tuple(
                story.citation(k)
                for k in story.support(
                    row,
                    sim[number],
                    threshold=options.citation_threshold,
                    options=options.citation_judge,
                )
            ),
        )
        for number, (row, text) in enumerate(zip(rows, texts, strict=True))
    )
    parts.set(SUMMARY, summary)


def _key_points(parts: StageParts, options: BriefOptions) -> None:
    # The single-source check reads every sentence the summary's citations could
    # (its threshold is at most the citation threshold), so a claim the summary
    # cites from two outlets is never "reported by one".
    point_options = dataclasses.replace(
        options.key_points,
        single_source_threshold=min(
            options.key_points.single_source_threshold, options.citation_threshold
        ),
    )
    # A key point that is a sentence of a quotation is shown with its speaker.
    quotes: tuple[Quote, ...] = parts.get(QUOTES)
    key_points, single_source = find_key_points(
        parts.get(ALIGNMENT), options=point_options, quotes=quotes
    )
    parts.set(KEY_POINTS, key_points)
    parts.set(SINGLE_SOURCE, single_source)


def _headline(parts: StageParts, options: BriefOptions) -> None:
    fallback = [point.text for point in parts.get(KEY_POINTS)]
    fallback += [sentence.text for sentence in parts.get(SUMMARY)]
    articles = parts.get(ARTICLES)
    parts.set(HEADLINE, choose_headline(articles, fallback=fallback, headline=options.headline))


def _disagreements(parts: StageParts, options: BriefOptions) -> None:
    story = parts.get(ALIGNMENT)
    stated = [s.citations[0] for s in parts.get(SUMMARY) if s.citations]
    stated += [p.support[0] for p in parts.get(KEY_POINTS) if p.support]
    row_of = {
        (story.doc.articles[item.article].id, item.index): row
        for row, item in enumerate(story.sentences)
    }
    claims = list(dict.fromkeys(row_of[(c.article_id, c.sentence_index)] for c in stated))
    proposed = find_disagreements(parts.get(DOC))
    parts.set(
        DISAGREEMENTS,
        confirm_disagreements(story, proposed, claims, options=options.disagreements),
    )


def _quotes(parts: StageParts, options: BriefOptions) -> None:
    parts.set(QUOTES, find_quotes(parts.get(DOC)))


def _entities(parts: StageParts, options: BriefOptions) -> None:
    parts.set(ENTITIES, find_entities(parts.get(DOC), options=options.entities))


def _timeline(parts: StageParts, options: BriefOptions) -> None:
    parts.set(TIMELINE, build_timeline(parts.get(DOC)))


def _coverage(parts: StageParts, options: BriefOptions) -> None:
    articles = parts.get(ARTICLES)
    # The same M as every key point's "reported by N of M".
    sources = len(set(parts.get(ALIGNMENT).sources))
    parts.set(COVERAGE, build_coverage(articles, options.registry, independent_sources=sources))


BRIEF_STAGES: tuple[BriefStage[BriefOptions], ...] = (
    BriefStage("split", _split, requires=(ARTICLES,), assigns=(DOC,)),
    BriefStage("align", _align, requires=(DOC,), assigns=(ALIGNMENT,)),
    BriefStage("quotes", _quotes, requires=(DOC,), assigns=(QUOTES,)),
    BriefStage("summary", _summary, requires=(ALIGNMENT, QUOTES), assigns=(SUMMARY,)),
    BriefStage(
        "key_points",
        _key_points,
        requires=(ALIGNMENT, QUOTES),
        assigns=(KEY_POINTS, SINGLE_SOURCE),
    ),
    BriefStage(
        "headline", _headline, requires=(ARTICLES, KEY_POINTS, SUMMARY), assigns=(HEADLINE,)
    ),
    BriefStage(
        "disagreements",
        _disagreements,
        requires=(DOC, ALIGNMENT, SUMMARY, KEY_POINTS),
        assigns=(DISAGREEMENTS,),
    ),
    BriefStage("entities", _entities, requires=(DOC,), assigns=(ENTITIES,)),
    BriefStage("timeline", _timeline, requires=(DOC,), assigns=(TIMELINE,)),
    BriefStage("coverage", _coverage, requires=(ARTICLES, ALIGNMENT), assigns=(COVERAGE,)),
)
"""Every brief stage in the order :func:`build_brief` runs them: name, function, reads, adds.

``split`` builds the story's one :class:`~newsweave.brief.doc.StoryDoc`; every
stage that reads sentences reads that doc.  ``align`` counts the independent
sources once (copies collapsed into their originals); key points and coverage
read that count.  ``headline`` reads only the articles.
"""


def build_brief(
    story_id: str, articles: Sequence[Article], *, options: BriefOptions | None = None
) -> Brief:
    """The brief of the story ``story_id`` made of ``articles`` (in the story's order).

    Runs :data:`BRIEF_STAGES`.  Every summary sentence cites the sentence it was
    taken from and, for every other article, its sentence stating the same
    information (when one is similar enough).  Raises :class:`ValueError` when
    ``articles`` is empty.
    """
    if not articles:
        raise ValueError(f"story {story_id!r} has no articles: a brief needs at least one")
    parts = Parts()
    parts.set(ARTICLES, tuple(articles))
    run_stages(BRIEF_STAGES, parts, options or BriefOptions())
    return Brief(
        story_id=story_id,
        headline=parts.get(HEADLINE),
        summary=parts.get(SUMMARY),
        key_points=parts.get(KEY_POINTS),
        single_source=parts.get(SINGLE_SOURCE),
        disagreements=parts.get(DISAGREEMENTS),
        quotes=parts.get(QUOTES),
        entities=parts.get(ENTITIES),
        timeline=parts.get(TIMELINE),
        coverage=parts.get(COVERAGE),
    )


def story_id_of(articles: Sequence[Article]) -> str:
    """A stable id for a story given only its articles (the stateless command's story)."""
    digest = hashlib.sha256("\n".join(sorted(a.id for a in articles)).encode("utf-8"))
    return "story-" + digest.hexdigest()[:12]
