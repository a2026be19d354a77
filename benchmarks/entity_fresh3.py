"""The ``fresh3`` entity sample: six more stories no earlier entity sample used, judged per name.

Three ECB+ dev gold stories drawn with ``random.Random(1719)`` from those with at
least three articles after the twelve of ``eval_entities.py``, leaving out the three
of ``fresh2`` (their first five articles in file order), and three AllSides stories of
2019-04-01 to 2019-06-30 from ``../shared/data/allsides/articles.jsonl.gz``: that file
has no story ids, so a story is the weak group of articles with the same ``date`` and
``topic`` (three to five of them, the data README's grouping), drawn with the same seed.

Like ``fresh2`` (``benchmarks/entity_fresh2.py``), each *name* gets its right kinds
(``tests/data/entity_labels_fresh3.jsonl``: ``story``, ``name``, ``kinds``, empty when
it is no name of a person, organisation or place).  The names judged are every name
the rules found on main before this sample's code changes, of any kind (``other``
too), so later listings mostly name judged names.  The sample is sealed:
``eval_entities.py`` scores it only with ``--unseal-fresh3``, once, at the end.

``--show`` prints each unjudged name with the sentences that mention it and no
system label (for labelling).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import entity_fresh2
from newsweave.models import Article

_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ALLSIDES = _DATA / "allsides" / "articles.jsonl.gz"
LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_labels_fresh3.jsonl"
SEED = 1719
FIRST_DAY, LAST_DAY = "2019-04-01", "2019-06-30"
ARTICLES_PER_STORY = 5


def ecbplus_stories(
    seed: int, leave_out: frozenset[str] = frozenset()
) -> list[tuple[str, list[Article]]]:
    """Three ECB+ dev gold stories of at least three articles drawn with ``random.Random(seed)``
    after the twelve of ``eval_entities.py``, leaving out the three of ``fresh2`` and the
    story keys of ``leave_out`` (their first five articles in file order)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with entity_fresh2.ECBPLUS.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            grouped[str(row["story"])].append(row)
    keys = [k for k, rows in grouped.items() if len(rows) >= 3]
    later = keys[entity_fresh2.EARLIER :]
    earlier = set(random.Random(entity_fresh2.SEED).sample(later, 3)) | leave_out
    pool = [k for k in later if k not in earlier]
    return [
        (
            f"ecbplus:{key}",
            [
                Article(
                    id=r["id"], key=r["id"], title=r.get("title"), body=r["text"], outlet=r["id"]
                )
                for r in grouped[key][:ARTICLES_PER_STORY]
            ],
        )
        for key in random.Random(seed).sample(pool, 3)
    ]


def allsides_stories(seed: int, first_day: str, last_day: str) -> list[tuple[str, list[Article]]]:
    """Three AllSides stories of ``first_day`` to ``last_day`` (ISO days, both included) drawn
    with ``random.Random(seed)``: a story is the weak group of three to five articles with
    the same ``date`` and ``topic``."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            day = str(row.get("date") or "")[:10]
            if first_day <= day <= last_day:
                grouped[(day, str(row.get("topic")))].append(row)
    eligible = sorted(k for k, rows in grouped.items() if 3 <= len(rows) <= ARTICLES_PER_STORY)
    return [
        (
            f"allsides:{day}:{topic}",
            [
                Article(
                    id=str(r["ID"]),
                    key=str(r["ID"]),
                    title=r.get("title"),
                    body=r["content_original"],
                    outlet=r.get("source") or str(r["ID"]),
                )
                for r in grouped[(day, topic)]
            ],
        )
        for day, topic in random.Random(seed).sample(eligible, 3)
    ]


def sample(
    seed: int, first_day: str, last_day: str, *, leave_out: frozenset[str] = frozenset()
) -> list[tuple[str, list[Article]]]:
    """A sample of six stories, as (key, articles): three ECB+ (:func:`ecbplus_stories`)
    and three AllSides ones (:func:`allsides_stories`), all drawn with ``seed``."""
    return ecbplus_stories(seed, leave_out) + allsides_stories(seed, first_day, last_day)


def stories() -> list[tuple[str, list[Article]]]:
    """The six stories of the sample, as (key, articles)."""
    return sample(SEED, FIRST_DAY, LAST_DAY)


def load_labels() -> dict[tuple[str, str], frozenset[str]]:
    return entity_fresh2.load_labels(LABELS)


def listed(articles: list[Article]) -> list[str]:
    """The names the brief lists for a story (every kind)."""
    from newsweave.brief.doc import StoryDoc
    from newsweave.brief.entities import EntityOptions, find_entities

    found = find_entities(
        StoryDoc.from_articles(articles), options=EntityOptions(include_other=True)
    )
    return sorted({e.name for e in found})


def command_line(
    description: str | None,
    make_stories: Callable[[], list[tuple[str, list[Article]]]],
    labels: Callable[[], dict[tuple[str, str], frozenset[str]]],
) -> None:
    """The command of a sample made by :func:`sample`: its stories, or with ``--show``
    each unjudged name with the sentences that mention it (for labelling)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--show", action="store_true", help="print each unjudged name with context")
    args = parser.parse_args()
    if args.show:
        entity_fresh2.show(make_stories(), labels(), listed)
    else:
        for key, articles in make_stories():
            print(key, [(a.outlet, a.title) for a in articles])


def main() -> None:
    command_line(__doc__, stories, load_labels)


if __name__ == "__main__":
    main()
