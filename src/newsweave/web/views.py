"""The content of every page, as JSON-ready data: the HTML pages and the API serve the same.

Each function reads the store and returns plain dicts (``/stories/ID.json`` is
exactly what ``/stories/ID`` renders).  Nothing here escapes or formats HTML:
templates do that, with autoescape on.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from newsweave.models import Article, Story
from newsweave.pipeline.storylines import storyline_place, storyline_place_data
from newsweave.render.citations import brief_citations
from newsweave.store import Store
from newsweave.store.serialise import labels_to_data
from newsweave.store.serving import (
    SNIPPET_END,
    SNIPPET_START,
    ArticleHit,
    ArticleRow,
    BriefHit,
    Page,
    StoryQuery,
    StoryRow,
)
from newsweave.text import sentence_spans
from newsweave.web.briefs import BriefService
from newsweave.web.cards import CardCache

__all__ = [
    "article_data",
    "article_row_data",
    "search_data",
    "split_snippet",
    "story_data",
    "story_list_data",
    "story_row_data",
]

Data = dict[str, Any]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _outlets(sources: tuple[str, ...]) -> Data:
    # Coverage counts an article of unknown outlet as its own source, named
    # "article:<id>"; pages show outlets by name and the rest as a number.
    named = [name for name in sources if not name.startswith("article:")]
    return {"outlets": named, "unknown_outlets": len(sources) - len(named)}


def story_row_data(row: StoryRow) -> Data:
    """One story of a list."""
    return {
        "id": row.id,
        "headline": row.headline,
        "lead": row.lead,
        "articles": row.articles,
        "independent_sources": row.independent_sources,
        "sources": list(row.sources),
        **_outlets(row.sources),
        "first_seen": _iso(row.first_seen),
        "last_seen": _iso(row.last_seen),
        "version": row.updated_seq,
    }


def _query_data(query: StoryQuery) -> Data:
    return {
        "order": query.order,
        "since": _iso(query.since),
        "until": _iso(query.until),
        "outlet": query.outlet,
        "entity": query.entity,
        "language": query.language,
        "q": query.text,
        "limit": query.limit,
        "cursor": query.cursor,
    }


def story_list_data(store: Store, query: StoryQuery, briefs: BriefService) -> Data:
    """A page of stories; stories shown without a cached brief get one built in the background."""
    page: Page[StoryRow] = store.story_page(query)
    for row in page.items:
        if row.brief_seq is None or row.brief_seq < row.updated_seq:
            briefs.schedule(row.id)
    return {
        "stories": [story_row_data(row) for row in page.items],
        "next_cursor": page.next_cursor,
        "filters": _query_data(query),
    }


def article_row_data(row: ArticleRow) -> Data:
    """An article of a story's list (no body)."""
    return {
        "id": row.id,
        "title": row.title,
        "outlet": row.outlet,
        "published": _iso(row.published),
        "url": row.url,
        "language": row.language,
        "link": {"kind": row.link_kind, "to": row.link_to} if row.link_kind else None,
    }


def _story_head(story: Story, version: int) -> Data:
    return {
        "id": story.id,
        "headline": story.headline,
        "storyline": story.storyline,
        "articles": len(story.article_ids),
        "independent_sources": story.independent_sources,
        "sources": list(story.sources),
        **_outlets(story.sources),
        "first_seen": _iso(story.first_seen),
        "last_seen": _iso(story.last_seen),
        "version": version,
    }


def story_data(store: Store, story_id: str, briefs: BriefService) -> Data | None:
    """The story page: the story, its storyline (id, name, the other stories before
    and after it: :func:`~newsweave.pipeline.storylines.storyline_place_data`), its
    brief (cached), its articles with copies folded."""
    story = store.get_story(story_id)
    version = store.story_version(story_id)
    if story is None or version is None:
        return None
    rows = store.story_article_rows(story_id)
    by_id = {row.id: row for row in rows}
    copies: dict[str, list[tuple[str, str]]] = {}
    original_of: dict[str, str] = {}
    for group in story.groups:
        copies[group.original_id] = list(zip(group.member_ids, group.kinds, strict=True))
        original_of.update(dict.fromkeys(group.member_ids, group.original_id))
    articles: list[Data] = []
    for row in rows:
        if original_of.get(row.id) in by_id:
            # Shown folded under its original instead.
            continue
        item = article_row_data(row)
        item["copies"] = [
            {**article_row_data(by_id[member]), "kind": kind}
            for member, kind in copies.get(row.id, [])
            if member in by_id
        ]
        articles.append(item)
    state = briefs.get(story_id, version)
    if state is not None:
        status = "fresh" if state.fresh else "stale"
    else:
        # The first build runs in the background: the page shows the articles meanwhile.
        status = "building" if briefs.building(story_id) else "missing"
    return {
        "story": _story_head(story, version),
        "storyline": storyline_place_data(storyline_place(store, story)),
        "brief": state.data if state is not None else None,
        "brief_status": status,
        "brief_version": state.version if state is not None else None,
        "brief_built_at": state.built_at if state is not None else None,
        "articles": articles,
    }


def _cited_sentences(brief: Data | None, article_id: str) -> set[int]:
    """Indexes of the article's sentences that the brief cites anywhere."""
    if brief is None:
        return set()
    return {
        c["sentence"]
        for c in brief_citations(brief)
        if c.get("article") == article_id and isinstance(c.get("sentence"), int)
    }


def _paragraphs(body: str, cited: set[int]) -> list[list[Data]]:
    """The body as paragraphs of sentences, numbered as the brief numbers them."""
    paragraphs: list[list[Data]] = [[]]
    previous_end = 0
    for index, (start, end) in enumerate(sentence_spans(body)):
        if "\n" in body[previous_end:start] and paragraphs[-1]:
            paragraphs.append([])
        paragraphs[-1].append({"index": index, "text": body[start:end], "cited": index in cited})
        previous_end = end
    return [p for p in paragraphs if p]


def article_data(store: Store, article: Article, briefs: BriefService) -> Data:
    """The article page: clean text by sentence (cited ones marked), metadata, labels."""
    story_id = store.story_of(article.id)
    brief: Data | None = None
    if story_id is not None:
        version = store.story_version(story_id)
        if store.get_brief(story_id) is None:
            # Not worth a wait here: the story page builds it, or the background does.
            briefs.schedule(story_id)
        elif version is not None:
            state = briefs.get(story_id, version)
            brief = state.data if state is not None else None
    match = store.get_match(article.id)
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": _iso(article.published),
        "date_source": article.date_source,
        "authors": list(article.authors),
        "url": article.url,
        "canonical_url": article.canonical_url,
        "language": article.language,
        "labels": labels_to_data(article.labels),
        "story": story_id,
        "story_headline": brief.get("headline") if brief else None,
        "link": (
            {"kind": match.kind, "to": match.original_id, "score": round(match.score, 3)}
            if match is not None
            else None
        ),
        "paragraphs": _paragraphs(article.body, _cited_sentences(brief, article.id)),
    }


_MARK = re.compile(f"[{re.escape(SNIPPET_START)}{re.escape(SNIPPET_END)}]")


def split_snippet(snippet: str) -> tuple[str, list[list[int]]]:
    """Plain snippet text and the ``[start, end)`` offsets of the matched words."""
    plain: list[str] = []
    marks: list[list[int]] = []
    length = 0
    start: int | None = None
    position = 0
    # Only the marks are looked at one by one; the text between them is copied whole.
    for found in _MARK.finditer(snippet):
        text = snippet[position : found.start()]
        plain.append(text)
        length += len(text)
        position = found.end()
        if found.group() == SNIPPET_START:
            start = length
        elif start is not None:
            marks.append([start, length])
            start = None
        else:  # an end mark outside a match stays text
            plain.append(SNIPPET_END)
            length += 1
    plain.append(snippet[position:])
    return "".join(plain), marks


def _snippet(snippet: str) -> Data:
    text, marks = split_snippet(snippet)
    return {"snippet": text, "highlights": marks}


def _hit_data(hit: ArticleHit) -> Data:
    return {
        "id": hit.article_id,
        "story": hit.story_id,
        "title": hit.title,
        "outlet": hit.outlet,
        "published": _iso(hit.published),
        **_snippet(hit.snippet),
    }


SEARCH_STORIES = 10
"""Stories shown above the articles of a search (its first page only)."""


def _story_hits(
    store: Store, text: str, entity: str | None, articles: list[Data], cards: CardCache
) -> list[Data]:
    """The stories matching a search, best first, as cards with a snippet each.

    The snippet is the brief's when the brief matched, else that of the story's
    best matching article on this page, else the story's lead (nothing marked).
    """
    words = " ".join(part for part in (text, f'"{entity}"' if entity else "") if part)
    hits = store.search_stories(words, limit=SEARCH_STORIES)
    if not hits:
        return []
    briefs: dict[str, BriefHit] = {
        hit.story_id: hit for hit in store.search_briefs(words, limit=50)
    }
    by_article: dict[str, Data] = {}
    for article in articles:
        if article["story"] is not None:
            by_article.setdefault(article["story"], article)
    rows = store.story_rows([hit.story_id for hit in hits])
    made = {card["id"]: card for card in cards.cards(store, rows)}
    found: list[Data] = []
    for hit in hits:
        card = made.get(hit.story_id)
        if card is None:
            continue
        if hit.story_id in briefs:
            snippet = _snippet(briefs[hit.story_id].snippet)
        elif hit.story_id in by_article:
            article = by_article[hit.story_id]
            snippet = {"snippet": article["snippet"], "highlights": article["highlights"]}
        else:
            snippet = {"snippet": card["lead"] or "", "highlights": []}
        found.append(
            {
                **card,
                "story": hit.story_id,
                "matched_articles": hit.matched_articles,
                "score": round(hit.score, 3),
                **snippet,
            }
        )
    return found


def search_data(
    store: Store,
    *,
    text: str,
    entity: str | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    cursor: str | None,
    cards: CardCache,
) -> Data:
    """Search: the matching stories (every article and cached brief searched; the story
    most of whose articles match comes first), then the matching articles; snippets are
    plain text with the ``[start, end)`` offsets of the matched words."""
    page = store.search_articles(
        text, entity=entity, since=since, until=until, limit=limit, cursor=cursor
    )
    articles = [_hit_data(hit) for hit in page.items]
    stories = _story_hits(store, text, entity, articles, cards) if cursor is None else []
    return {
        "query": {
            "q": text,
            "entity": entity,
            "since": _iso(since),
            "until": _iso(until),
            "cursor": cursor,
        },
        "stories": stories,
        "articles": articles,
        "next_cursor": page.next_cursor,
    }
