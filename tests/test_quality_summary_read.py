"""Summary sentences of real multi-outlet briefs, judged by reading.

``tests/data/summary-allsides.jsonl`` (how it was made: ``tests/data/README.md``): six
AllSides stories of January and February 2020, each summary sentence labelled
readable, dangling (with the sentence it reads after), stale or clutter, with the facts
it states.  Measured with ``benchmarks/eval_summary_read.py`` (tune = even story
numbers, check = odd); the counts per half are pinned in ``tests/baselines.json``
(``summary_read``) with the digest of the labels and the stories.  A summary sentence
never labelled fails the gate (label it to count it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_benchmark

PINNED = json.loads((Path(__file__).parent / "baselines.json").read_text("utf-8"))["summary_read"]


@pytest.mark.slow
def test_summary_sentences_read_alone_and_are_current() -> None:
    module = load_benchmark("eval_summary_read", "allsides/articles.jsonl.gz")
    assert module.data_digest(module.DEFAULT_DATA) == PINNED["digest"], "labels or stories changed"
    result = module.score()
    for half, found in result.items():
        assert found["unlabelled"] == 0, (half, found)
        measured = PINNED["measured"][half]
        assert found["readable"] >= measured["readable"] - PINNED["margin"], (half, found)
        for kind in ("dangling", "redundant", "stale", "clutter"):
            assert found[kind] <= measured[kind], (half, kind, found)
