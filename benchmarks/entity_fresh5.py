"""The ``fresh5`` entity sample: six more stories no earlier entity sample used, judged per name.

Three ECB+ dev gold stories drawn with ``random.Random(1729)`` from those with at
least three articles after the twelve of ``eval_entities.py``, leaving out the three
of ``fresh2``, ``fresh3`` and ``fresh4`` each (their first five articles in file order),
and three AllSides stories dated 2012 from ``../shared/data/allsides/articles.jsonl.gz``
(a year no earlier sample reads): a story is the weak group of articles with the same
``date`` and ``topic`` (three to five of them), drawn with the same seed.  Made with the
same code path as ``fresh3`` and ``fresh4`` (:func:`entity_fresh3.sample`).

Like the earlier samples, each *name* gets its right kinds
(``tests/data/entity_labels_fresh5.jsonl``: ``story``, ``name``, ``kinds``, empty when
it is no name of a person, organisation or place).  The names judged are every name
the rules found on main before this sample's code changes, of any kind (``other``
too).  The sample is sealed: ``eval_entities.py`` scores it only with
``--unseal-fresh5``, once, at the end of a round.

``--show`` prints each unjudged name with the sentences that mention it and no
system label (for labelling).
"""

from __future__ import annotations

from pathlib import Path

import entity_fresh2
import entity_fresh3
import entity_fresh4
from newsweave.models import Article

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_labels_fresh5.jsonl"
SEED = 1729
FIRST_DAY, LAST_DAY = "2012-01-01", "2012-12-31"


def stories() -> list[tuple[str, list[Article]]]:
    """The six stories of the sample, as (key, articles)."""
    earlier = {
        key.removeprefix("ecbplus:")
        for key, _ in entity_fresh3.ecbplus_stories(entity_fresh3.SEED)
        + entity_fresh4.stories()[:3]
    }
    return entity_fresh3.sample(SEED, FIRST_DAY, LAST_DAY, leave_out=frozenset(earlier))


def load_labels() -> dict[tuple[str, str], frozenset[str]]:
    return entity_fresh2.load_labels(LABELS)


def main() -> None:
    entity_fresh3.command_line(__doc__, stories, load_labels)


if __name__ == "__main__":
    main()
