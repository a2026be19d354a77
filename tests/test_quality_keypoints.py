"""Key points of real multi-outlet briefs and their "N of M", judged by reading.

``tests/data/keypoints-allsides.jsonl`` (how it was made: ``tests/data/README.md``): six
AllSides stories of July to September 2019, the facts of each and the sentences of
every outlet that state them.  Measured with ``benchmarks/eval_keypoints_read.py``
(tune = even story numbers, check = odd, sealed while tuning); the figures are in the
README, and the floors per half (N right, main facts with a key point, key points
listed) are pinned in ``tests/baselines.json`` (``keypoints_read``) with the digest of
the labels and the stories.  A key point the brief lists that states no labelled fact
counts against the floor (label it to count it): a change that lists new key points
must show their counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_benchmark

PINNED = json.loads((Path(__file__).parent / "baselines.json").read_text("utf-8"))["keypoints_read"]


@pytest.mark.slow
def test_key_points_are_facts_and_never_overcounted() -> None:
    module = load_benchmark("eval_keypoints_read", "allsides/articles.jsonl.gz")
    assert module.data_digest(module.DEFAULT_DATA) == PINNED["digest"], "labels or stories changed"
    result = module.score()
    for half, found in result.items():
        # Every key point listed states a labelled fact: label new ones (--dump).
        assert found["labelled"] == found["listed"], (half, found)
        # No credit line or caption, and no count above the outlets that state the fact.
        assert found["not_fact"] == 0, (half, found)
        assert found["over"] == 0, (half, found)
        # Floors: what was measured, less one key point (two for listed).
        for name, measured in PINNED["measured"][half].items():
            assert found[name] >= measured - PINNED["margin"][name], (half, name, found)
        # Key points that do not read alone: no more than measured.
        assert found["not_alone"] <= PINNED["not_alone_ceiling"][half], (half, found)
