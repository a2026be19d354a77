"""Story assignment at scale, end to end: JSONL text in, stories in SQLite out.

For each size (default 1k and 10k; ``--sizes 1000,10000,100000`` for the full
run) the stream is the allsides articles in date order, grown with labelled
variants (exact copies, near copies, syndicated copies, rewrites;
``benchmarks/variants.py``), cut to the size.  It is written to a JSONL file
and ingested exactly as ``newsweave ingest`` does (read, extract, store, dedup,
cluster; one transaction per batch) into a fresh database.  Printed per size:

* end-to-end articles/s (wall clock, and process CPU time: the job runs on one core);
* per-article assignment time (dedup + clustering + coverage, measured around
  the store's story hook) over the first 1,000 articles and the last 1,000, and
  their ratio: flat when candidate lookup does not grow with the store;
* peak RSS of the process;
* dedup recall: variants linked to their original (any kind), and originals
  wrongly linked;
* BCubed F1 of the stories against weak gold: allsides' roundup topic and date
  for originals, the original's label for variants (copies must join the story
  of what they copy), and the share of variants that did.

Run: ``.venv/bin/python benchmarks/bench_cluster.py [--sizes 1000,10000] [--batch 200]``
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.config import load_settings
from newsweave.evaluation import bcubed
from newsweave.ingest import read_inputs
from newsweave.models import Article, StoryChanges
from newsweave.pipeline import ingest_documents
from newsweave.store import SQLiteStore
from newsweave.stories import StoryAssigner
from variants import LabelledArticle, labelled_stream, load_allsides

# Variants per original: 37.5k allsides articles grow to 100k.
ROUNDS = 2
SHARE = 0.85
WINDOW = 1000


class TimedAssigner(StoryAssigner):
    """The real assigner, timing each call of the store hook."""

    def __init__(self) -> None:
        super().__init__()
        self.timings: list[tuple[int, float]] = []

    def __call__(self, articles: Sequence[tuple[int, Article]]) -> StoryChanges:
        started = time.perf_counter()
        changes = super().__call__(articles)
        self.timings.append((len(articles), time.perf_counter() - started))
        return changes


def grown_stream(size: int, seed: int) -> list[LabelledArticle]:
    originals = load_allsides(math.ceil(size / (1 + ROUNDS * SHARE)) + 200)
    stream = list(labelled_stream(originals, seed=seed, variant_share=SHARE, rounds=ROUNDS))
    return stream[:size]


def write_jsonl(stream: list[LabelledArticle], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for item in stream:
            article = item.article
            record = {
                "id": article.id,
                # Variants get an address of their own, so each is stored as an article.
                "url": article.url
                if item.kind is None
                else f"https://variant.example/{article.id}",
                "title": article.title,
                "text": article.body,
                "source": article.outlet,
                "published": article.published.isoformat() if article.published else None,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def window_ms(timings: list[tuple[int, float]], *, last: bool) -> float:
    """Mean ms per article over the first (or last) WINDOW articles assigned."""
    items = reversed(timings) if last else iter(timings)
    count, spent = 0, 0.0
    for n, seconds in items:
        count += n
        spent += seconds
        if count >= WINDOW:
            break
    return spent / max(count, 1) * 1000


def run(size: int, *, seed: int, batch: int, folder: Path) -> None:
    stream = grown_stream(size, seed)
    source = folder / f"stream-{size}.jsonl"
    write_jsonl(stream, source)
    settings = load_settings()
    assigner = TimedAssigner()
    with SQLiteStore(folder / f"bench-{size}.sqlite") as store:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = ingest_documents(
            read_inputs([str(source)], settings=settings),
            store,
            batch_size=batch,
            stories=assigner,
        )
        assigner.save(store)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        by_record = {a.record_id: a for a in store.iter_articles()}
        story_of = {a.id: store.story_of(a.id) for a in by_record.values()}
        matches = {a.id: store.get_match(a.id) for a in by_record.values()}

    first, last = window_ms(assigner.timings, last=False), window_ms(assigner.timings, last=True)
    stored = [item for item in stream if item.article.id in by_record]
    gold_of: dict[str, str] = {}
    for item in stored:
        if item.kind is None:
            extra = item.article.extra
            gold_of[item.article.id] = f"{extra.get('date')}|{extra.get('topic')}"
    pred = {}
    gold = {}
    joined = variants = linked = originals_linked = originals = 0
    for item in stored:
        article = by_record[item.article.id]
        story = story_of[article.id]
        label = item.article.id if item.original_id is None else item.original_id
        if label not in gold_of or story is None:
            continue
        pred[item.article.id] = story
        gold[item.article.id] = gold_of[label]
        match = matches[article.id]
        if item.kind is None:
            originals += 1
            originals_linked += match is not None
            continue
        variants += 1
        original = by_record.get(item.original_id or "")
        if original is None:
            continue
        joined += story == story_of[original.id]
        root = matches[original.id]
        expected = {original.id, root.original_id if root else original.id}
        linked += match is not None and match.original_id in expected
    scores = bcubed(pred, gold)
    print(
        f"{size:>7} articles ({summary.new} stored, {summary.failed} failed, "
        f"{len(set(pred.values()))} stories): "
        f"{summary.new / wall:.0f}/s wall, {summary.new / cpu:.0f}/s CPU; "
        f"assign ms/article first {WINDOW} {first:.2f}, last {WINDOW} {last:.2f}, "
        f"ratio {last / first:.2f}; peak RSS "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(
        f"{'':>7} dedup recall {linked / max(variants, 1):.3f} of {variants} variants, "
        f"{originals_linked} of {originals} originals linked; variants in their original's "
        f"story {joined / max(variants, 1):.3f}; BCubed vs weak gold P {scores.precision:.3f} "
        f"R {scores.recall:.3f} F1 {scores.f1:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated stream sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=200, help="articles per transaction")
    parser.add_argument("--keep", type=Path, help="write the streams and databases here")
    args = parser.parse_args()
    sizes = [int(part) for part in args.sizes.split(",") if part]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            run(size, seed=args.seed, batch=args.batch, folder=folder)


if __name__ == "__main__":
    main()
