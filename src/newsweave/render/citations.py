"""One numbering of a brief's sources for every form that shows it.

The story page (:mod:`newsweave.web.storypage`), the Markdown and the HTML
brief (:mod:`newsweave.render.sections`) all number sources here, so a story's
source 3 is the same article on the web page and in ``newsweave export``:

* every **cited article** gets one number, the first time a reader meets it;
* the reading order is :data:`CITING_SECTIONS`: summary, key points, the
  AI-written summary, disagreements, single-source claims, quotes, timeline (the
  AI-written summary only cites sentences of the summary and the key points, so it
  never brings a new source before them whatever its place on a page);
* the numbering runs over the whole brief: a page that shows only part of a long
  section still gives the numbers the full brief gives.

It reads the brief's JSON form (:func:`newsweave.brief.serialise.brief_to_data`,
``docs/brief-schema.md``), which is what the web app caches and serves.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["CITING_SECTIONS", "CitedArticle", "brief_citations", "cited_articles"]

Data = Mapping[str, Any]

CITING_SECTIONS = (
    "summary",
    "key_points",
    "abstract",
    "disagreements",
    "single_source",
    "quotes",
    "timeline",
)
"""The sections that cite, in the order their sources are numbered."""


def _section_citations(brief: Data, section: str) -> Iterator[Data]:
    for item in brief.get(section) or []:
        if section in ("summary", "abstract"):
            yield from item.get("citations") or []
        elif section in ("key_points", "single_source"):
            yield from item.get("support") or []
        elif section == "disagreements":
            for version in item.get("versions") or []:
                yield from version.get("sources") or []
        elif section == "quotes":
            if item.get("source"):
                yield item["source"]
        else:  # timeline
            yield from item.get("sources") or []


def brief_citations(brief: Data) -> Iterator[Data]:
    """Every citation (``{"article", "sentence", "outlet", "text", ...}``) of a brief's JSON
    form, in :data:`CITING_SECTIONS` order."""
    for section in CITING_SECTIONS:
        yield from _section_citations(brief, section)


@dataclass(frozen=True, slots=True)
class CitedArticle:
    """One numbered source: an article the brief cites, and the sentences it cites."""

    number: int
    article: str
    outlet: str | None
    """The outlet its first citation names (``None``: unknown)."""
    sentences: tuple[tuple[int, str], ...]
    """``(index, text)`` of each cited sentence, in the order they are met."""


def cited_articles(brief: Data) -> list[CitedArticle]:
    """The brief's sources numbered from 1, in the order a reader meets them."""
    order: list[str] = []
    outlets: dict[str, str | None] = {}
    sentences: dict[str, dict[int, str]] = {}
    for citation in brief_citations(brief):
        article = citation.get("article")
        if not isinstance(article, str):
            continue
        if article not in sentences:
            order.append(article)
            sentences[article] = {}
            outlets[article] = citation.get("outlet") or None
        elif outlets[article] is None:
            outlets[article] = citation.get("outlet") or None
        index = citation.get("sentence")
        if isinstance(index, int) and index not in sentences[article]:
            sentences[article][index] = str(citation.get("text") or "")
    return [
        CitedArticle(
            number=number,
            article=article,
            outlet=outlets[article],
            sentences=tuple(sentences[article].items()),
        )
        for number, article in enumerate(order, 1)
    ]
