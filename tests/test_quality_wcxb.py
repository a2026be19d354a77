"""Quality gate: extraction of the WCXB dev article pages must not regress (issue 18).

Pages of every kind of site, unlike AEB's news pages: the gate for "never lose
an article on pages it was not tuned on".  Floors, the noise margin, the
tune/check split (even / odd page ids) and a digest of the data they were
measured on live in ``tests/baselines.json`` (``wcxb_dev``), as trafilatura's
``tests/eval_gate.py`` pins its data: a floor cannot be met quietly on a
different or smaller set.  ``benchmarks/eval_wcxb.py`` prints the same figures
beside bare trafilatura measured in the same run.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import statistics
from pathlib import Path

import pytest

from conftest import shared_data
from newsweave.evaluation import same_names, word_prf
from newsweave.extract.html import extract_html
from newsweave.extract.plaintext import extract_text

GATE = json.loads((Path(__file__).parent / "baselines.json").read_text(encoding="utf-8"))[
    "wcxb_dev"
]


def _digest(root: Path) -> str:
    digest = hashlib.sha256((root / "ground-truth.json").read_bytes())
    for folder in ("html", "text"):
        for path in sorted((root / folder).iterdir()):
            digest.update(path.name.encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _half(page_id: str) -> str:
    return "tune" if int(page_id) % 2 == 0 else "check"


@pytest.mark.slow
def test_wcxb_dev_word_f1_floors() -> None:
    root = shared_data("wcxb-dev")
    assert _digest(root) == GATE["digest"], (
        "the WCXB dev data differs from the data the floors were measured on: "
        "re-measure with benchmarks/eval_wcxb.py and update tests/baselines.json"
    )
    gold: dict[str, dict[str, str]] = json.loads((root / "ground-truth.json").read_text("utf-8"))
    html_f1: dict[str, list[float]] = {"tune": [], "check": []}
    author_marks: dict[str, list[bool]] = {"tune": [], "check": []}
    empty = []
    for page_id, record in sorted(gold.items()):
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        found = extract_html(html.decode("utf-8", errors="replace"))
        if not found.body.strip():
            empty.append(page_id)
        html_f1[_half(page_id)].append(word_prf(found.body, record["main_content"]).f1)
        if record.get("author"):
            author = ", ".join(found.authors) or None
            author_marks[_half(page_id)].append(same_names(author, record["author"]))

    margin = GATE["margin"]
    for half, pages in GATE["pages"].items():
        assert len(html_f1[half]) == pages
        html_mean = statistics.fmean(html_f1[half])
        floor = GATE["html_word_f1"][half] - margin
        assert html_mean >= floor, f"{half} HTML word F1 {html_mean:.4f} fell below {floor:.4f}"
        # Author accuracy: one page moves a half by about 0.004.
        accuracy = statistics.fmean(author_marks[half])
        floor = GATE["author_accuracy"][half] - GATE["author_margin"]
        assert accuracy >= floor, f"{half} author accuracy {accuracy:.3f} fell below {floor:.3f}"
    assert len(empty) <= GATE["html_empty_pages"], f"pages with no article text: {empty}"


def test_wcxb_dev_text_dump_word_f1_floors() -> None:
    # The text-mode cleaner is fast (a few seconds for all 711 dumps): a fast gate.
    root = shared_data("wcxb-dev")
    assert _digest(root) == GATE["digest"], (
        "the WCXB dev data differs from the data the floors were measured on: "
        "re-measure with benchmarks/eval_wcxb.py and update tests/baselines.json"
    )
    gold: dict[str, dict[str, str]] = json.loads((root / "ground-truth.json").read_text("utf-8"))
    text_f1: dict[str, list[float]] = {"tune": [], "check": []}
    for page_id, record in sorted(gold.items()):
        dump = (root / "text" / f"{page_id}.txt").read_text("utf-8", errors="replace")
        text_f1[_half(page_id)].append(word_prf(extract_text(dump).body, record["main_content"]).f1)
    margin = GATE["margin"]
    for half, pages in GATE["pages"].items():
        assert len(text_f1[half]) == pages
        text_mean = statistics.fmean(text_f1[half])
        floor = GATE["text_word_f1"][half] - margin
        assert text_mean >= floor, (
            f"{half} text-dump word F1 {text_mean:.4f} fell below {floor:.4f}"
        )
