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

from pathlib import Path

import entity_fresh2
import entity_fresh3
from newsweave.models import Article

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_labels_fresh4.jsonl"
SEED = 1723
FIRST_DAY, LAST_DAY = "2016-01-01", "2016-12-31"


def stories() -> list[tuple[str, list[Article]]]:
    """The six stories of the sample, as (key, articles)."""
    fresh3 = {
        key.removeprefix("ecbplus:") for key, _ in entity_fresh3.ecbplus_stories(entity_fresh3.SEED)
    }
    return entity_fresh3.sample(SEED, FIRST_DAY, LAST_DAY, leave_out=frozenset(fresh3))


def load_labels() -> dict[tuple[str, str], frozenset[str]]:
    return entity_fresh2.load_labels(LABELS)


def main() -> None:
    entity_fresh3.command_line(__doc__, stories, load_labels)


if __name__ == "__main__":
    main()
