"""Story and storyline quality gate: the judged AllSides stream through ``newsweave cluster``.

``../shared/data/story-judgments/``: 2,529 dated articles of March-June 2020 in
date order, and judged pairs (``same``: one event; ``related``: one saga).
Pairwise F1 over the judged pairs, at the event level (stories) and the
storyline level.  Measured (``benchmarks/eval_stories.py``; tune = even
queries, check = odd): event F1 0.580 / 0.621 (all 0.601), storyline F1 0.878
/ 0.848 (all 0.862); newsweave before storylines: event 0.492, storyline 0.687.
The floors sit 0.02 below the measured figures over all queries (the issue's
bars, 0.85 at both levels, are not met yet).  The digest pins the judgments,
so a floor cannot be met on other or fewer pairs.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, shared_data
from newsweave.cluster.options import ClusterOptions
from newsweave.config import Settings
from newsweave.evaluation import bcubed, pair_prf
from newsweave.pipeline.cluster import cluster_input

LABELS_DIGEST = "ad447b8f92d56e4c"
EVENT_FLOOR = 0.57
STORYLINE_FLOOR = 0.84


@pytest.mark.slow
def test_judged_stream_events_and_storylines() -> None:
    folder = shared_data("story-judgments")
    labels_path = folder / "allsides-2020.labels.jsonl"
    assert hashlib.sha256(labels_path.read_bytes()).hexdigest()[:16] == LABELS_DIGEST
    labels = [json.loads(line) for line in labels_path.read_text("utf-8").splitlines() if line]
    run = cluster_input(str(folder / "allsides-2020.jsonl.gz"), settings=Settings())
    story = dict(run.rows)
    line = {row_id: sl for (row_id, _), sl in zip(run.rows, run.storylines, strict=True)}
    event = pair_prf(
        (story[j["query"]] == story[j["candidate"]], j["label"] == "same") for j in labels
    )
    saga = pair_prf(
        (line[j["query"]] == line[j["candidate"]], j["label"] in ("same", "related"))
        for j in labels
    )
    assert event.f1 >= EVENT_FLOOR, event
    assert saga.f1 >= STORYLINE_FLOOR, saga
    # Stories nest in storylines.
    assert len({(story[r], line[r]) for r in story}) == len(set(story.values()))


MULTINEWS_FLOOR = 0.84
"""Multi-News dev as one shuffled undated stream, BCubed F1 of shuffles 1 and 2
(``eval_stories.py``: 0.853 / 0.856; 0.845 / 0.847 without the untitled lead's
weight and the adoption floor, 0.821 / 0.828 without the rare-name bonus either)."""


@pytest.mark.slow
def test_multinews_stream_floor(tmp_path: Path) -> None:
    shared_data("multinews", "multinews-dev.jsonl")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import eval_stories

    for shuffle in eval_stories.multinews(ClusterOptions(), 2, tmp_path):
        assert shuffle["all"].f1 >= MULTINEWS_FLOOR, shuffle


def test_pair_prf_counts_only_judged_pairs() -> None:
    score = pair_prf([(True, True), (True, False), (False, True), (False, False)])
    assert score == (0.5, 0.5, 0.5)
    assert pair_prf([(False, True)]).f1 == 0.0


def test_ecb_topic_losses_add_up_to_the_bcubed_loss() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import eval_stories

    gold = {"a": "1-x", "b": "1-x", "c": "1-y", "d": "2-x", "e": "2-x"}
    topic = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    # Topic 1's two events in one story; topic 2's one event in two.
    pred = {"a": "s1", "b": "s1", "c": "s1", "d": "s2", "e": "s3"}
    losses = eval_stories.topic_losses(pred, gold, topic)
    score = bcubed(pred, gold)
    # Topic 1 loses precision only, topic 2 recall only.
    assert losses["1"][1] == 0.0
    assert losses["2"][0] == 0.0
    assert losses["1"][0] > 0.0
    assert losses["2"][1] > 0.0
    assert 1 - sum(p for p, _ in losses.values()) == pytest.approx(score.precision)
    assert 1 - sum(r for _, r in losses.values()) == pytest.approx(score.recall)
