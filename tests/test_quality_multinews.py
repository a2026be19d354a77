"""Summary quality gate: Multi-News dev ROUGE of ``newsweave brief --format text``.

Each of the 100 dev clusters is briefed through the function the CLI calls
(``benchmarks/eval_multinews.py`` does exactly this and prints the numbers).
The floors live in ``tests/baselines.json`` (``multinews_rouge*``): ROUGE F1
x100, rouge-score with the Porter stemmer, candidate and reference cut to the
word budget.  The method must also beat the lead baseline at both budgets.
"""

from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, shared_data

sys.path.insert(0, str(ROOT / "benchmarks"))
pytest.importorskip("rouge_score", reason="rouge-score is a dev dependency (pip install -e .[dev])")

import eval_multinews

BASELINES = json.loads((ROOT / "tests" / "baselines.json").read_text("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("budget", [250, 100])
def test_multinews_rouge_floor(budget: int) -> None:
    clusters = eval_multinews.load_clusters(shared_data("multinews", "multinews-dev.jsonl"))
    assert len(clusters) == 100
    scores = eval_multinews.evaluate(clusters, max_words=budget)
    r1, r2, _ = scores["newsweave"]
    lead_r1, lead_r2, _ = scores["lead"]
    assert r1 >= BASELINES[f"multinews_rouge1_{budget}"], scores
    assert r2 >= BASELINES[f"multinews_rouge2_{budget}"], scores
    assert r1 > lead_r1, scores
    assert r2 > lead_r2, scores
