"""Quality gate: HTML extraction of the AEB pages must not regress.

The floor lives in ``tests/baselines.json`` (``aeb_html_shingle_f1``); raise it when
extraction measurably improves, never lower it to let a change pass.  Pages are
extracted with ``url=None``: in real use the URL comes from the input container
and is often unknown, so the gate measures the harder setting.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import shared_data
from newsweave.evaluation import shingle_prf
from newsweave.extract.html import extract_html

BASELINES = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_aeb_html_shingle_f1_floor() -> None:
    pages = shared_data("aeb", "html")
    gold = json.loads(shared_data("aeb", "ground-truth.json").read_text(encoding="utf-8"))
    paths = sorted(pages.glob("*.html.gz"))
    assert len(paths) == len(gold) == 181
    scores = []
    for path in paths:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        body = extract_html(html, url=None).body
        scores.append(shingle_prf(body, gold[path.name.removesuffix(".html.gz")]["articleBody"]))
    mean_f1 = sum(score.f1 for score in scores) / len(scores)
    mean_precision = sum(score.precision for score in scores) / len(scores)
    mean_recall = sum(score.recall for score in scores) / len(scores)
    floor = BASELINES["aeb_html_shingle_f1"]
    assert mean_f1 >= floor, f"mean shingle F1 {mean_f1:.4f} fell below the floor {floor}"
    # The cleaning exists to beat trafilatura's default precision (0.928) without
    # giving up its recall (0.978) by more than a little.
    assert mean_precision > 0.95
    assert mean_recall > 0.96
