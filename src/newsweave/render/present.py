"""What a reader of a brief sees besides the brief: numbered sources, names, dates.

Every cited article gets a number, in the order a reader meets it, the same number
the story page gives it (:mod:`newsweave.render.citations`); the text shows
``[1]``, ``[2]`` and a numbered list of sources at the end names each one: the
outlet (or, when the outlet is unknown, the article's title or input file, never a
bare id), the article title, its date, its link and the cited sentences.

:mod:`newsweave.render.sections` lays a brief out with these helpers, once for
both the Markdown (:mod:`newsweave.render.markdown`) and the HTML
(:mod:`newsweave.render.html`) form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newsweave.brief.serialise import brief_to_data
from newsweave.models import (
    AbstractSentence,
    Article,
    Brief,
    Citation,
    CoverageEntry,
    EntityMention,
    KeyPoint,
    Story,
)
from newsweave.render.citations import cited_articles
from newsweave.text import MONTH_NAMES

__all__ = [
    "ABSTRACT_HEADING",
    "ABSTRACT_NOTE",
    "ENTITY_GROUPS",
    "NO_HEADLINE",
    "SINGLE_CITATION_NOTE",
    "UNSUPPORTED_LABEL",
    "NumberedSource",
    "Numbers",
    "Ref",
    "StoryBrief",
    "abstract_status",
    "cited_sources",
    "counted",
    "coverage_name",
    "display_date",
    "entity_group",
    "quoted",
    "ratings_text",
    "reported_by",
    "reported_text",
    "short_name",
    "single_citation_note",
    "source_name",
    "story_anchor",
    "story_brief",
    "story_facts",
    "type_text",
]

_MONTHS = tuple(name.title() for name in MONTH_NAMES)

ABSTRACT_HEADING = "AI-written summary (checked against the sources)"
ABSTRACT_NOTE = (
    "Written by a language model from the key points and summary sentences only. Each "
    "sentence was compared with the source sentences it cites; sentences the sources do "
    "not back are marked and are not facts."
)
SINGLE_CITATION_NOTE = (
    "A sentence with one source number cites only the article it comes from: another "
    "source is cited only where newsweave finds that it states the whole sentence, "
    "which it misses about half the time."
)
"""Said under a summary of several sources when a sentence cites only its own article."""


def single_citation_note(independent_sources: int, sentences_articles: list[set[str]]) -> bool:
    """Whether to say :data:`SINGLE_CITATION_NOTE`: a story of several independent sources
    whose summary has a sentence citing one article (``sentences_articles``: the cited
    articles of each sentence)."""
    return independent_sources > 1 and any(len(cited) == 1 for cited in sentences_articles)


UNSUPPORTED_LABEL = "Not supported by the cited sources"
NO_HEADLINE = "(no headline)"

ENTITY_GROUPS = (
    ("person", "People"),
    ("organisation", "Organisations"),
    ("place", "Places"),
    ("other", "Other names"),
)


@dataclass(frozen=True, slots=True)
class StoryBrief:
    """A brief with what a reader needs around it.

    ``story`` gives the article count, independent sources and first/last seen;
    ``articles`` (by id) name cited articles whose outlet is unknown.  Both are
    optional: without them the brief still renders, with less to say.
    """

    brief: Brief
    story: Story | None = None
    articles: Mapping[str, Article] = field(default_factory=dict)


def quoted(text: str) -> str:
    """``text`` in curly quotes, unless it already is a quotation."""
    text = " ".join(text.split())
    return text if text[:1] in '“"' else f"“{text}”"


def story_brief(
    brief: Brief, *, story: Story | None = None, articles: Iterable[Article] = ()
) -> StoryBrief:
    """Bundle ``brief`` with its story and articles for rendering."""
    return StoryBrief(brief=brief, story=story, articles={a.id: a for a in articles})


@dataclass(frozen=True, slots=True)
class NumberedSource:
    """One cited article, numbered for ``[n]`` references (:mod:`newsweave.render.citations`)."""

    number: int
    article_id: str
    name: str
    """The outlet, or the article title / input file name when the outlet is unknown."""
    outlet_known: bool
    short: str
    """``name`` short enough to repeat in running text (long titles cut, in quotes)."""
    title: str | None
    url: str | None
    published: str | None
    """The article's date as a person reads it (``4 May 2023``), when known."""
    sentences: tuple[str, ...]
    """The cited sentences of the article, in the order they are met."""


@dataclass(frozen=True, slots=True)
class Ref:
    """One citation of a numbered source at one place of the text: ``anchor`` is that
    place's id, which the source's entry links back to."""

    source: NumberedSource
    anchor: str

    @property
    def number(self) -> int:
        return self.source.number

    @property
    def short(self) -> str:
        return self.source.short


def entity_group(entity: EntityMention) -> str:
    """The :data:`ENTITY_GROUPS` key of ``entity`` (labels outside them count as ``other``)."""
    known = {label for label, _heading in ENTITY_GROUPS}
    return entity.label if entity.label in known else "other"


def _origin_name(origin: str) -> str:
    # Origins are paths, ``path:LINE``, ``path#OFFSET`` or URLs: the last component names it.
    return origin.rstrip("/").rsplit("/", 1)[-1]


SHORT_NAME_CHARS = 40


def short_name(name: str, *, known: bool) -> str:
    """An outlet as is; an article title standing in for it cut to a few words, in quotes."""
    if known:
        return name
    if len(name) > SHORT_NAME_CHARS:
        cut = name[:SHORT_NAME_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
        name = f"{cut}…"
    return f"“{name}”"


def source_name(citation: Citation, articles: Mapping[str, Article]) -> tuple[str, bool]:
    """What to call the source of ``citation``, and whether that is a known outlet."""
    article = articles.get(citation.article_id)
    outlet = citation.outlet or (article.outlet if article else None)
    if outlet:
        return outlet, True
    if article is not None:
        if article.title:
            return article.title, False
        if article.origin:
            return _origin_name(article.origin), False
    return "unknown outlet", False


def cited_sources(item: StoryBrief) -> list[NumberedSource]:
    """The numbered sources of a brief: one per cited article, first mention first, numbered
    as the story page numbers them (:func:`newsweave.render.citations.cited_articles`)."""
    sources = []
    for cited in cited_articles(brief_to_data(item.brief)):
        article = item.articles.get(cited.article)
        citation = Citation(article_id=cited.article, sentence_index=0, outlet=cited.outlet)
        name, known = source_name(citation, item.articles)
        published = article.published if article else None
        sources.append(
            NumberedSource(
                number=cited.number,
                article_id=cited.article,
                name=name,
                outlet_known=known,
                # Only a title standing in for the outlet is cut and quoted; file names stay.
                short=short_name(name, known=known or not (article and article.title)),
                title=article.title if article else None,
                url=(article.url or article.canonical_url) if article else None,
                published=display_date(published.date().isoformat()) if published else None,
                sentences=tuple(text for _index, text in cited.sentences),
            )
        )
    return sources


class Numbers:
    """Looks up the number of a citation among a brief's :func:`cited_sources`, and gives
    every place that cites a source its own anchor (``cite-3-2``: the second place citing
    source 3), so the source's entry can link back to each."""

    sources: tuple[NumberedSource, ...]
    """Every numbered source, by number."""

    def __init__(self, sources: Sequence[NumberedSource]) -> None:
        self.sources = tuple(sources)
        self._by_article = {s.article_id: s for s in sources}
        self._backlinks: dict[int, list[str]] = {s.number: [] for s in sources}

    def of(self, citation: Citation) -> Ref:
        """The reference to ``citation``'s source at a new place of the text."""
        source = self._by_article[citation.article_id]
        places = self._backlinks[source.number]
        places.append(f"cite-{source.number}-{len(places) + 1}")
        return Ref(source=source, anchor=places[-1])

    def distinct(self, citations: Iterable[Citation]) -> list[Ref]:
        """The references of ``citations`` at one place, each source once, by number."""
        found: dict[str, NumberedSource] = {}
        for citation in citations:
            source = self._by_article[citation.article_id]
            found.setdefault(source.article_id, source)
        ordered = sorted(found.values(), key=lambda s: s.number)
        return [self.of(Citation(article_id=s.article_id, sentence_index=0)) for s in ordered]

    def backlinks(self, number: int) -> tuple[str, ...]:
        """The anchors of every place that cited source ``number`` so far."""
        return tuple(self._backlinks.get(number, ()))


def abstract_status(sentence: AbstractSentence) -> str:
    """``supported (similarity 0.62)``, or what may have failed for an unsupported sentence."""
    if not sentence.citations:
        return "it cites no point"
    if sentence.supported:
        return f"supported (similarity {sentence.support_score:.2f})"
    # Too dissimilar, or a number or name the cited sentences do not hold.
    return f"similarity {sentence.support_score:.2f}, or a number or name not in them"


def reported_by(point: KeyPoint) -> str:
    """``reported by 4 of 5 independent sources``, then ``, +1 partly`` for sources stating
    the point only in part (never counted in the 4)."""
    return reported_text(point.independent_sources, point.total_sources, point.partial_sources)


def reported_text(independent: int, total: int = 0, partial: int = 0) -> str:
    """:func:`reported_by` from the counts.  A point only its own source is found stating
    in full (the story's main fact, which other outlets give in their own words) says
    so: "1 of 4" alone would read as three outlets not reporting it."""
    noun = "source" if independent == 1 and not total else "sources"
    partly = f", +{partial} partly" if partial else ""
    if total:
        alone = " (none of the others found stating all of it)" if independent == 1 < total else ""
        return f"reported by {independent} of {total} independent {noun}{partly}{alone}"
    return f"reported by {independent} independent {noun}{partly}"


_ISO = re.compile(
    r"^(?:(?P<year>\d{4})|--)(?:-?(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T(?P<time>[\d:]+))?$"
)
_WEEK = re.compile(r"^(?P<year>\d{4})-W(?P<week>\d{2})$")


def display_date(value: str) -> str:
    """An ISO 8601 date as a person reads it: ``4 May 2023``, ``4 May, year unknown``.

    Year-less dates (``--05-04``, ISO 8601:2000) say the year is unknown; anything
    unrecognised is shown as given.
    """
    week = _WEEK.match(value)
    if week:
        return f"week {int(week['week'])} of {week['year']}"
    found = _ISO.match(value)
    if not found or (found["year"] is None and found["month"] is None):
        return value
    month = int(found["month"]) if found["month"] else None
    if month is not None and not 1 <= month <= 12:
        return value
    parts = []
    if found["day"]:
        parts.append(str(int(found["day"])))
    if month is not None:
        parts.append(_MONTHS[month - 1])
    text = " ".join(parts)
    text = f"{text} {found['year']}".strip() if found["year"] else f"{text}, year unknown"
    if found["time"]:
        text += f", {found['time']}"
    return text


def counted(number: int, noun: str) -> str:
    """``1 article``, ``3 articles``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "unknown"


def story_facts(item: StoryBrief) -> str:
    """``5 articles, 5 independent sources, first seen …, last seen …`` (empty without a story)."""
    story = item.story
    if story is None:
        return ""
    return (
        f"{counted(len(story.article_ids), 'article')}, "
        f"{counted(story.independent_sources, 'independent source')}; "
        f"first seen {_when(story.first_seen)}, last seen {_when(story.last_seen)}"
    )


def story_anchor(item: StoryBrief) -> str:
    """The element id of a story in a document of several briefs."""
    return "story-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in item.brief.story_id)


def coverage_name(entry: CoverageEntry, articles: Mapping[str, Article]) -> tuple[str, bool]:
    """The outlet of a coverage entry, or what names its article when the outlet is unknown."""
    name = entry.source.name
    if name and name != "unknown":
        return name, True
    for article_id in entry.article_ids:
        found, known = source_name(Citation(article_id=article_id, sentence_index=0), articles)
        if found != "unknown outlet":
            return found, known
    return "unknown outlet", False


def type_text(entry: CoverageEntry) -> str:
    """The outlet's type, with the works it retells (``ai_summary of BBC``)."""
    kind = entry.source.type.value
    if entry.derived_from:
        return f"{kind} of {', '.join(entry.derived_from)}"
    return kind


def ratings_text(entry: CoverageEntry) -> str:
    """Bias ratings with who rated and where the rating was found, or ``unknown``."""
    ratings = entry.source.bias_ratings
    if not ratings:
        return "unknown"
    return "; ".join(f"{r.value} ({r.rater}, from {r.provenance})" for r in ratings)
