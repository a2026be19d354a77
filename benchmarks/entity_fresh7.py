"""The ``fresh7`` entity sample: six more stories no earlier sample used, judged per name.

Three ECB+ dev gold stories drawn with ``random.Random(1742)`` from those with at
least three articles after the twelve of ``eval_entities.py``, leaving out the three
of ``fresh2`` to ``fresh6`` each and every story one of whose first five articles is
in a quote-speaker sample (``tests/data/quote_speakers.jsonl``), so no sample of any
kind has read them (their first five articles in file order); and three AllSides
stories dated 2018-03-01 to 2018-05-31 from ``../shared/data/allsides/articles.jsonl.gz``
(months no other sample or read uses): a story is the weak group of articles with the
same ``date`` and ``topic`` (three to five of them), drawn with the same seed.  Made
with the same code path as ``fresh3`` to ``fresh6`` (:func:`entity_fresh3.sample`).

Like the earlier samples, each *name* gets its right kinds
(``tests/data/entity_labels_fresh7.jsonl``: ``story``, ``name``, ``kinds``, empty when
it is no name of a person, organisation or place).  The names judged are every name
the rules found on main before this sample's code changes, of any kind (``other``
too).  The sample is sealed: ``eval_entities.py`` scores it only with
``--unseal-fresh7``, once, at the end of a round.

``--show`` prints each unjudged name with the sentences that mention it and no
system label (for labelling).
"""

from __future__ import annotations

from pathlib import Path

import entity_fresh2
import entity_fresh3
import entity_fresh4
import entity_fresh5
import entity_fresh6
from newsweave.models import Article

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_labels_fresh7.jsonl"
SEED = 1742
FIRST_DAY, LAST_DAY = "2018-03-01", "2018-05-31"


def stories() -> list[tuple[str, list[Article]]]:
    """The six stories of the sample, as (key, articles)."""
    earlier = {
        key.removeprefix("ecbplus:")
        for key, _ in entity_fresh3.ecbplus_stories(entity_fresh3.SEED)
        + entity_fresh4.stories()[:3]
        + entity_fresh5.stories()[:3]
        + entity_fresh6.stories()[:3]
    }
    leave_out = frozenset(earlier | entity_fresh6._quoted_stories())
    return entity_fresh3.sample(SEED, FIRST_DAY, LAST_DAY, leave_out=leave_out)


def load_labels() -> dict[tuple[str, str], frozenset[str]]:
    return entity_fresh2.load_labels(LABELS)


def main() -> None:
    entity_fresh3.command_line(__doc__, stories, load_labels)


if __name__ == "__main__":
    main()
