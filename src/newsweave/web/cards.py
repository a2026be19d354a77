"""Story cards: what the home page, the blind-spot view and the feeds show of a story.

A card is the story's headline, lead, independent sources, outlets, time span,
storyline and its coverage by side (left, center, right, unknown: how many
outlets, and their share).  The coverage comes from the same code as the
brief's (:func:`newsweave.brief.coverage.build_coverage`, over the articles'
labels and the source registry), so the card and the story page agree.

Cards are made once per story version and kept (:class:`CardCache`), keyed by
``(story id, story version, brief epoch)``: the epoch moves when the source
registry changes (ratings) or an article is re-extracted, the version when an
article joins the story, so a card is never served after what it was made
from changed, and a page of cards costs a few cache look-ups, not a coverage
computation per story per request.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from newsweave.brief.coverage import bias_side, build_coverage
from newsweave.models import Article
from newsweave.pipeline.storylines import storyline_names
from newsweave.render.charts import whole_percents
from newsweave.sources import SourceRegistry
from newsweave.store import Store
from newsweave.store.serialise import labels_from_json
from newsweave.store.serving import CardArticle, StoryRow
from newsweave.text import sentence_spans

__all__ = ["SIDES", "CardCache", "card_coverage", "lead_of", "name_storylines"]

Data = dict[str, Any]

SIDES = ("left", "center", "right", "unknown")
"""The coverage bar's groups, left to right; ``unknown``: no rating, or ratings on
no side or on both sides."""

_LEAD_CHARS = 300
_COPIES = frozenset({"exact", "near", "syndicated"})


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _article(row: CardArticle) -> Article:
    """Enough of an article for coverage: who published it and its labels."""
    return Article(
        id=row.article_id,
        key="",
        title=row.title,
        body="",
        url=row.url,
        canonical_url=row.canonical_url,
        outlet=row.outlet,
        published=row.published,
        labels=labels_from_json(row.labels),
    )


def card_coverage(
    articles: Sequence[CardArticle], registry: SourceRegistry | None, independent_sources: int
) -> Data:
    """Outlets by side (``SIDES``) with shares of all outlets, the blind spot, the outlets."""
    coverage = build_coverage(
        [_article(a) for a in articles], registry, independent_sources=independent_sources
    )
    counts = dict.fromkeys(SIDES, 0)
    outlets: list[Data] = []
    for entry in coverage.entries:
        sides = {bias_side(r.value) for r in entry.source.bias_ratings} - {None}
        side = next(iter(sides)) if len(sides) == 1 else "unknown"
        counts[str(side)] += 1
        # An article with no outlet, site or registry entry is its own unnamed outlet.
        name = None if entry.source.name == "unknown" else entry.source.name
        outlets.append({"name": name, "side": side, "articles": len(entry.article_ids)})
    total = sum(counts.values())
    shares = _shares(counts, total)
    return {
        "outlets_total": total,
        "bar": [
            {
                "side": side,
                "outlets": counts[side],
                "percent": shares[side],
                # The drawn width is exact, so the segments always fill the bar.
                "width": round(100 * counts[side] / total, 2) if total else 0,
            }
            for side in SIDES
        ],
        "rated_outlets": total - counts["unknown"],
        "blindspot": coverage.blindspots[0] if coverage.blindspots else None,
        "outlet_list": outlets,
    }


def _shares(counts: dict[str, int], total: int) -> dict[str, int]:
    """Whole percentages by :func:`~newsweave.render.charts.whole_percents`, the story
    page's rule: equal counts read equal, and they add up to 100 when that allows."""
    return dict(zip(counts, whole_percents(list(counts.values()), total), strict=True))


def lead_of(articles: Sequence[CardArticle]) -> str | None:
    """The first sentence of the story's first original article (copies skipped)."""
    for row in articles:
        if row.link_kind in _COPIES or not row.opening.strip():
            continue
        text = row.opening
        spans = sentence_spans(text)
        if not spans:
            continue
        start, end = spans[0]
        sentence = " ".join(text[start:end].split())
        if end >= len(text) and len(text) >= _LEAD_CHARS:
            # Cut by the opening's length: end at a word, say so.
            sentence = sentence[:_LEAD_CHARS].rsplit(" ", 1)[0] + " …"
        return sentence
    return None


class CardCache:
    """Cards by ``(story id, version, brief epoch)``, at most ``max_cards``, LRU.

    Also keeps the source registry of the current epoch, read once per epoch.
    """

    def __init__(self, *, max_cards: int = 20_000) -> None:
        self.max_cards = max_cards
        self._cards: OrderedDict[tuple[str, int, int], str] = OrderedDict()
        """Cards as JSON text: a string is one object to the garbage collector, a card's
        dicts and lists are dozens, and a full collection (every request waits for it)
        walks them all: 20,000 cards held as objects made it several times slower."""
        self._registry: tuple[int, SourceRegistry] | None = None
        self._names: tuple[int, dict[str, str | None]] = (-1, {})
        """Storyline names made at one value of the store's change counter."""
        self._lock = threading.Lock()

    def _registry_for(self, store: Store, epoch: int) -> SourceRegistry:
        with self._lock:
            if self._registry is not None and self._registry[0] == epoch:
                return self._registry[1]
        registry = SourceRegistry(store.iter_sources(), origin="database")
        with self._lock:
            self._registry = (epoch, registry)
        return registry

    def cards(
        self, store: Store, rows: Sequence[StoryRow], *, storylines: bool = True
    ) -> list[Data]:
        """The card of each story of ``rows``, in their order; missing ones made now.

        The storyline's name is read for each call (another story may have become
        the largest of the storyline and named it); ``storylines=False`` leaves the
        id alone, for cards that are only filtered (:func:`name_storylines` later)."""
        epoch = store.brief_epoch()
        kept: dict[str, str] = {}
        with self._lock:
            for row in rows:
                text = self._cards.get((row.id, row.updated_seq, epoch))
                if text is not None:
                    self._cards.move_to_end((row.id, row.updated_seq, epoch))
                    kept[row.id] = text
        found: dict[str, Data] = {sid: json.loads(text) for sid, text in kept.items()}
        missing = [row for row in rows if row.id not in found]
        if missing:
            registry = self._registry_for(store, epoch)
            by_story: dict[str, list[CardArticle]] = {row.id: [] for row in missing}
            for article in store.card_articles([row.id for row in missing]):
                by_story.setdefault(article.story_id, []).append(article)
            made = {row.id: _card(row, by_story[row.id], registry) for row in missing}
            with self._lock:
                for row in missing:
                    self._cards[(row.id, row.updated_seq, epoch)] = json.dumps(made[row.id])
                while len(self._cards) > self.max_cards:
                    self._cards.popitem(last=False)
            found.update(made)
        shown = [_with_lead(found[row.id], row) for row in rows]
        return name_storylines(store, shown, self) if storylines else shown

    def storyline_names(self, store: Store, storyline_ids: Sequence[str]) -> dict[str, str | None]:
        """:func:`~newsweave.pipeline.storylines.storyline_names`, kept while the store's
        change counter stays the same (naming a saga reads all its stories' headlines)."""
        changes = store.change_count()
        with self._lock:
            if self._names[0] != changes:
                self._names = (changes, {})
            known = self._names[1]
            names = {line: known[line] for line in storyline_ids if line in known}
        missing = [line for line in storyline_ids if line not in names]
        if missing:
            made = storyline_names(store, missing)
            names.update(made)
            with self._lock:
                if self._names[0] == changes:
                    self._names[1].update(made)
        return names


def name_storylines(store: Store, cards: list[Data], cache: CardCache | None = None) -> list[Data]:
    """``cards`` with each storyline id replaced by ``{"id", "name"}`` (in place); the
    name is the one every view gives (:func:`newsweave.pipeline.storylines.storyline_names`),
    through ``cache`` when given."""
    lines = list(
        dict.fromkeys(card["storyline"] for card in cards if isinstance(card["storyline"], str))
    )
    names: dict[str, str | None] = {}
    if lines:
        names = cache.storyline_names(store, lines) if cache else storyline_names(store, lines)
    for card in cards:
        line = card["storyline"]
        if isinstance(line, str):
            card["storyline"] = {"id": line, "name": names.get(line)}
    return cards


def _card(row: StoryRow, articles: Sequence[CardArticle], registry: SourceRegistry) -> Data:
    coverage = card_coverage(articles, registry if len(registry) else None, row.independent_sources)
    return {
        "id": row.id,
        "headline": row.headline,
        "opening": lead_of(articles),
        "articles": row.articles,
        "independent_sources": row.independent_sources,
        "first_seen": _iso(row.first_seen),
        "last_seen": _iso(row.last_seen),
        "storyline": row.storyline,
        "version": row.updated_seq,
        "coverage": coverage,
    }


def _with_lead(card: Data, row: StoryRow) -> Data:
    """The card with the brief's lead when a brief is cached (it may come after the card)."""
    return {**card, "lead": row.lead or card["opening"]}
