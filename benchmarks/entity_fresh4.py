"""The ``fresh4`` entity sample: six more stories no earlier entity sample used, judged per name.

Three ECB+ dev gold stories drawn with ``random.Random(1723)`` from those with at
least three articles after the twelve of ``eval_entities.py``, leaving out the three
of ``fresh2`` and the three of ``fresh3`` (their first five articles in file order),
and three AllSides stories of 2016 from ``../shared/data/allsides/articles.jsonl.gz``
(a year no earlier entity sample reads): a story is the weak group of articles with the
same ``date`` and ``topic`` (three to five of them), drawn with the same seed.

Like ``fresh2`` and ``fresh3``, each *name* gets its right kinds
(``tests/data/entity_labels_fresh4.jsonl``: ``story``, ``name``, ``kinds``, empty when
it is no name of a person, organisation or place).  The names judged are every name
the rules found on main before this sample's code changes, of any kind (``other``
too).  The sample is sealed: ``eval_entities.py`` scores it only with
``--unseal-fresh4``, once, at the end of a round.

``--show`` prints each unjudged name with the sentences that mention it and no
system label (for labelling).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import entity_fresh2
import entity_fresh3
from newsweave.models import Article

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_labels_fresh4.jsonl"
SEED = 1723
FIRST_DAY, LAST_DAY = "2016-01-01", "2016-12-31"
ARTICLES_PER_STORY = 5


def _ecbplus() -> list[tuple[str, list[Article]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with entity_fresh2.ECBPLUS.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            grouped[str(row["story"])].append(row)
    keys = [k for k, rows in grouped.items() if len(rows) >= 3]
    later = keys[entity_fresh2.EARLIER :]
    earlier = set(random.Random(entity_fresh2.SEED).sample(later, 3))
    earlier |= {key.removeprefix("ecbplus:") for key, _ in entity_fresh3._ecbplus()}
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
        for key in random.Random(SEED).sample(pool, 3)
    ]


def _allsides() -> list[tuple[str, list[Article]]]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    with gzip.open(entity_fresh3.ALLSIDES, "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            day = str(row.get("date") or "")[:10]
            if FIRST_DAY <= day <= LAST_DAY:
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
        for day, topic in random.Random(SEED).sample(eligible, 3)
    ]


def stories() -> list[tuple[str, list[Article]]]:
    """The six stories of the sample, as (key, articles)."""
    return _ecbplus() + _allsides()


def load_labels() -> dict[tuple[str, str], frozenset[str]]:
    return entity_fresh2.load_labels(LABELS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print each unjudged name with context")
    args = parser.parse_args()
    if args.show:
        entity_fresh2.show(stories(), load_labels(), entity_fresh3._listed)
    else:
        for key, articles in stories():
            print(key, [(a.outlet, a.title) for a in articles])


if __name__ == "__main__":
    main()
