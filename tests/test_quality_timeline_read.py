"""Timeline entries of real multi-outlet briefs, judged by reading.

``tests/data/timeline-labels-allsides.jsonl`` (how it was made: ``tests/data/README.md``):
six AllSides stories of June to August 2015, each entry of their timelines labelled as
an event of the story or not, with the dates and planned marks a reader takes as right.
Measured with ``benchmarks/eval_timeline_read.py`` (tune = even story numbers, check =
odd); the counts per half are pinned in ``tests/baselines.json`` (``timeline_read``) with
the digest of the labels and the stories.  An entry never labelled fails the gate (label
it to count it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_benchmark

PINNED = json.loads((Path(__file__).parent / "baselines.json").read_text("utf-8"))["timeline_read"]


@pytest.mark.slow
def test_timeline_entries_are_events_of_the_story_dated_right() -> None:
    module = load_benchmark("eval_timeline_read", "allsides/articles.jsonl.gz")
    assert module.data_digest() == PINNED["digest"], "labels or stories changed"
    result = module.score()
    for half, found in result.items():
        assert found["labelled"] == found["entries"], (half, found)
        measured = PINNED["measured"][half]
        assert found["right"] >= measured["right"] - PINNED["margin"], (half, found)
        for kind in ("off", "date", "planned"):
            assert found[kind] <= measured[kind], (half, kind, found)
