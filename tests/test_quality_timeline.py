"""Timeline quality gate: T17 dev, tilse's alignment ROUGE-1 F1 and date F1.

``benchmarks/eval_timeline.py`` runs the protocol and prints these numbers beside
main's and the publication-dates baseline.  The floors live in
``tests/baselines.json`` (``t17_*``), each half's below its measured score by the
noise margin recorded there, next to the digest of the data they were measured
on: a floor cannot be met quietly on other data.
"""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, shared_data

sys.path.insert(0, str(ROOT / "benchmarks"))
pytest.importorskip("nltk", reason="ROUGE stemming needs NLTK (the dev extra)")

import eval_timeline

BASELINES = json.loads((ROOT / "tests" / "baselines.json").read_text("utf-8"))


@pytest.mark.slow
def test_t17_timeline_floors() -> None:
    data = shared_data("t17-dev")
    pinned = BASELINES["t17_dev"]
    assert eval_timeline.data_digest(data) == pinned["digest"], "T17 dev data changed"
    names = eval_timeline.topic_names(data)
    scores = eval_timeline.newsweave_scores(data, names)
    # The split the floors were set on: tune = even positions in name order.
    for half, members in (("tune", names[0::2]), ("check", names[1::2])):
        r1 = sum(scores[n][0] for n in members) / len(members)
        date_f1 = sum(scores[n][3] for n in members) / len(members)
        assert r1 >= BASELINES[f"t17_{half}_align_rouge1"], (half, scores)
        assert date_f1 >= BASELINES[f"t17_{half}_date_f1"], (half, scores)
