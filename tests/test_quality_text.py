"""Quality gate: text-mode cleaning of the AEB plain-text dumps must not regress.

The floor lives in ``tests/baselines.json`` (``aeb_text_shingle_f1``); raise it when
the cleaner measurably improves, never lower it to let a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import shared_data
from newsweave.evaluation import shingle_prf
from newsweave.extract.plaintext import extract_text

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))


def test_aeb_text_shingle_f1_floor() -> None:
    dumps = shared_data("aeb-text")
    gold = json.loads(shared_data("aeb", "ground-truth.json").read_text(encoding="utf-8"))
    paths = sorted(dumps.glob("*.txt"))
    assert len(paths) == len(gold) == 181
    scores = []
    for path in paths:
        # Some dumps carry odd bytes; the ingest layer does the real decoding.
        text = path.read_text(encoding="utf-8", errors="replace")
        scores.append(shingle_prf(extract_text(text).body, gold[path.stem]["articleBody"]))
    mean_f1 = sum(score.f1 for score in scores) / len(scores)
    mean_precision = sum(score.precision for score in scores) / len(scores)
    floor = BASELINES["aeb_text_shingle_f1"]
    assert mean_f1 >= floor, f"mean shingle F1 {mean_f1:.3f} fell below the floor {floor}"
    # The cleaner exists to raise precision over the raw dumps (0.47) without losing recall.
    assert mean_precision > 0.75
    assert sum(score.recall for score in scores) / len(scores) > 0.85
