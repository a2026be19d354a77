"""Multi-News ROUGE of ``newsweave brief --format text`` against the lead baseline, and brief speed.

Each dev cluster is written to a temporary JSONL of its articles and briefed by
:func:`newsweave.brief.build.brief_input` (the function the CLI calls), the text
output cut at the word budget exactly as ``--format text`` cuts it.  ROUGE is the
``rouge-score`` package with the Porter stemmer; the reference is cut to the same
budget.  The lead baseline takes the first sentences of each article in turn
(first sentence of every article, then the second ...) up to the budget.

Speed: the brief of a 10-article and a 100-article story (articles drawn from the
dev clusters, in file order), one core, best of three.

Run: ``.venv/bin/python benchmarks/eval_multinews.py [--data PATH] [--limit N]``.
The summary weights were tuned on this dev set (generic parameters only).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.summary import SummaryOptions, summary_words
from newsweave.config import load_settings
from newsweave.models import Article
from newsweave.pipeline.brief import brief_input
from newsweave.render import render_brief_text
from newsweave.text import split_sentences

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "multinews"
DEFAULT_DATA = DEFAULT_DATA / "multinews-dev.jsonl"


def load_clusters(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def brief_text(cluster: dict[str, Any], *, max_words: int, workdir: Path) -> str:
    """The ``--format text`` output of ``newsweave brief`` on the cluster's articles."""
    path = workdir / f"{cluster['id']}.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for article in cluster["articles"]:
            stream.write(json.dumps({"id": article["id"], "text": article["text"]}) + "\n")
    options = BriefOptions(summary=SummaryOptions(max_words=max_words))
    run = brief_input(str(path), settings=load_settings(), options=options)
    if run.brief is None:
        return ""
    return render_brief_text(run.brief, max_words=max_words)


def lead_text(cluster: dict[str, Any], *, max_words: int) -> str:
    sentences = [split_sentences(a["text"]) for a in cluster["articles"]]
    order = [s[i] for i in range(max(map(len, sentences))) for s in sentences if i < len(s)]
    return " ".join(summary_words(order, max_words))


def rouge(pairs: list[tuple[str, str]], *, max_words: int) -> tuple[float, float, float]:
    """Mean ROUGE-1/2/L F1 (x100) of ``(reference, candidate)`` pairs, both cut to the budget."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = [0.0, 0.0, 0.0]
    for reference, candidate in pairs:
        ref = " ".join(reference.split()[:max_words])
        cand = " ".join(candidate.split()[:max_words])
        scores = scorer.score(ref, cand)
        for k, name in enumerate(("rouge1", "rouge2", "rougeL")):
            totals[k] += scores[name].fmeasure
    n = max(len(pairs), 1)
    return (100 * totals[0] / n, 100 * totals[1] / n, 100 * totals[2] / n)


def evaluate(clusters: list[dict[str, Any]], *, max_words: int) -> dict[str, tuple[float, ...]]:
    """``{"newsweave": (R1, R2, RL), "lead": (R1, R2, RL)}`` at ``max_words``."""
    with tempfile.TemporaryDirectory() as tmp:
        ours = [
            (c["summary"], brief_text(c, max_words=max_words, workdir=Path(tmp))) for c in clusters
        ]
    lead = [(c["summary"], lead_text(c, max_words=max_words)) for c in clusters]
    return {"newsweave": rouge(ours, max_words=max_words), "lead": rouge(lead, max_words=max_words)}


def _story(clusters: list[dict[str, Any]], size: int) -> list[Article]:
    texts = [a for c in clusters for a in c["articles"]][:size]
    return [
        Article(id=a["id"], key=a["id"], title=None, body=a["text"], outlet=f"outlet {k % 37}")
        for k, a in enumerate(texts)
    ]


def speed(clusters: list[dict[str, Any]], size: int) -> float:
    articles = _story(clusters, size)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        build_brief("bench", articles)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    clusters = load_clusters(args.data)[: args.limit]
    for budget in (250, 100):
        for name, (r1, r2, rl) in evaluate(clusters, max_words=budget).items():
            print(f"{budget:>3} words  {name:<10} R1 {r1:5.2f}  R2 {r2:5.2f}  RL {rl:5.2f}")
    for size in (10, 100):
        print(f"brief of a {size}-article story: {speed(clusters, size):.3f} s (best of 3)")


if __name__ == "__main__":
    main()
