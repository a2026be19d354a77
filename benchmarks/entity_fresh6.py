"""The ``fresh6`` entity sample: six more stories no earlier sample used, judged per name.

Three ECB+ dev gold stories drawn with ``random.Random(1741)`` from those with at
least three articles after the twelve of ``eval_entities.py``, leaving out the three
of ``fresh2``, ``fresh3``, ``fresh4`` and ``fresh5`` each and every story one of whose
first five articles is in a quote-speaker sample (``tests/data/quote_speakers.jsonl``),
so no sample of any kind has read them (their first five articles in file order); and
three AllSides stories dated 2014-01-01 to 2014-03-31 from
``../shared/data/allsides/articles.jsonl.gz`` (a quarter no other work reads): a story
is the weak group of articles with the same ``date`` and ``topic`` (three to five of
them), drawn with the same seed.  Made with the same code path as ``fresh3`` to
``fresh5`` (:func:`entity_fresh3.sample`).

Like the earlier samples, each *name* gets its right kinds
(``tests/data/entity_labels_fresh6.jsonl``: ``story``, ``name``, ``kinds``, empty when
it is no name of a person, organisation or place).  The names judged are every name
the rules found on main before this sample's code changes, of any kind (``other``
too).  The sample is sealed: ``eval_entities.py`` scores it only with
``--unseal-fresh6``, once, at the end of a round.

``--show`` prints each unjudged name with the sentences that mention it and no
system label (for labelling).
"""

from __future__ import annotations

import json
from pathlib import Path

import entity_fresh2
import entity_fresh3
import entity_fresh4
import entity_fresh5
from newsweave.models import Article

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_labels_fresh6.jsonl"
QUOTE_LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "quote_speakers.jsonl"
SEED = 1741
FIRST_DAY, LAST_DAY = "2014-01-01", "2014-03-31"


def _quoted_stories() -> set[str]:
    """The ECB+ stories with one of their first five articles in a quote-speaker sample."""
    quoted: set[str] = set()
    with QUOTE_LABELS.open(encoding="utf-8") as stream:
        for line in stream:
            if line.strip():
                ref = str(json.loads(line)["ref"])
                if ref.startswith("ecbplus:"):
                    quoted.add(ref.removeprefix("ecbplus:"))
    stories: set[str] = set()
    with entity_fresh2.ECBPLUS.open(encoding="utf-8") as stream:
        seen: dict[str, int] = {}
        for line in stream:
            row = json.loads(line)
            story = str(row["story"])
            seen[story] = seen.get(story, 0) + 1
            if seen[story] <= entity_fresh3.ARTICLES_PER_STORY and row["id"] in quoted:
                stories.add(story)
    return stories


def stories() -> list[tuple[str, list[Article]]]:
    """The six stories of the sample, as (key, articles)."""
    earlier = {
        key.removeprefix("ecbplus:")
        for key, _ in entity_fresh3.ecbplus_stories(entity_fresh3.SEED)
        + entity_fresh4.stories()[:3]
        + entity_fresh5.stories()[:3]
    }
    leave_out = frozenset(earlier | _quoted_stories())
    return entity_fresh3.sample(SEED, FIRST_DAY, LAST_DAY, leave_out=leave_out)


def load_labels() -> dict[tuple[str, str], frozenset[str]]:
    return entity_fresh2.load_labels(LABELS)


def main() -> None:
    entity_fresh3.command_line(__doc__, stories, load_labels)


if __name__ == "__main__":
    main()
