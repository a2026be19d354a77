"""HTML extraction benchmark: newsweave against bare ``trafilatura.extract``.

Loads the Article Extraction Benchmark pages (``../shared/data/aeb``) into
memory, decoded once, then times both extractors over all pages in alternating
rounds so they run under the same machine conditions, and scores both with the
shingle scorer of the quality gates.

    .venv/bin/python benchmarks/bench_extract.py [--rounds 3] [--with-url]

``--with-url`` passes the gold page URL to both extractors; the default gives
none, like an input whose container knows no URL.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsweave.evaluation import shingle_prf
from newsweave.extract import extract_article
from newsweave.models import RawDocument

AEB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "aeb"


def load_pages(root: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Decoded HTML of every page and the gold records, keyed by page id."""
    gold: dict[str, dict[str, str]] = json.loads((root / "ground-truth.json").read_text("utf-8"))
    pages = {}
    for path in sorted((root / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        if page_id in gold:
            pages[page_id] = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    return pages, gold


def run_trafilatura(pages: dict[str, str], urls: dict[str, str | None]) -> dict[str, str]:
    return {pid: trafilatura.extract(html, url=urls[pid]) or "" for pid, html in pages.items()}


def run_newsweave(pages: dict[str, str], urls: dict[str, str | None]) -> dict[str, str]:
    bodies = {}
    for pid, html in pages.items():
        doc = RawDocument(origin=pid, content_type="text/html", content=html, url=urls[pid])
        try:
            bodies[pid] = extract_article(doc).body
        except Exception:  # an empty page is a legitimate (scored) outcome here
            bodies[pid] = ""
    return bodies


def score(bodies: dict[str, str], gold: dict[str, dict[str, str]]) -> tuple[float, float, float]:
    scores = [shingle_prf(body, gold[pid]["articleBody"]) for pid, body in bodies.items()]
    return (
        statistics.fmean(s.precision for s in scores),
        statistics.fmean(s.recall for s in scores),
        statistics.fmean(s.f1 for s in scores),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating timing rounds")
    parser.add_argument("--with-url", action="store_true", help="pass the gold URL to both")
    args = parser.parse_args()

    pages, gold = load_pages(AEB)
    urls = {pid: (gold[pid]["url"] if args.with_url else None) for pid in pages}
    runners: dict[str, Callable[[dict[str, str], dict[str, str | None]], dict[str, str]]] = {
        "trafilatura.extract": run_trafilatura,
        "newsweave": run_newsweave,
    }
    # Warm-up round: imports, lazy regex compilation and caches are paid here.
    outputs = {name: run(pages, urls) for name, run in runners.items()}
    timings: dict[str, list[float]] = {name: [] for name in runners}
    for round_no in range(args.rounds):
        order = list(runners) if round_no % 2 == 0 else list(reversed(runners))
        for name in order:
            start = time.perf_counter()
            runners[name](pages, urls)
            timings[name].append(time.perf_counter() - start)

    print(f"{len(pages)} pages, {args.rounds} rounds, url={'gold' if args.with_url else 'none'}")
    rate = {}
    for name in runners:
        best = min(timings[name])
        rate[name] = len(pages) / best
        p, r, f = score(outputs[name], gold)
        print(f"{name:22s} {rate[name]:7.1f} pages/s  P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
    ratio = rate["newsweave"] / rate["trafilatura.extract"]
    print(f"speed ratio newsweave / trafilatura (best round of each): {ratio:.3f}")


if __name__ == "__main__":
    main()
