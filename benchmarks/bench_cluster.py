"""Story assignment at scale, end to end: JSONL text in, stories in SQLite out.

For each size (default 1k and 10k; ``--sizes 1000,10000,100000`` for the full
run) the stream is the allsides articles in date order, grown with labelled
variants (exact copies, near copies, syndicated copies, rewrites;
``benchmarks/variants.py``), cut to the size.  It is written to a JSONL file
and ingested exactly as ``newsweave ingest`` does (read, extract, store, dedup,
cluster; one transaction per batch) into a fresh database.  Printed per size:

* end-to-end articles/s (wall clock, and process CPU time: the job runs on one core);
* per-article assignment time (dedup + clustering + coverage, measured around
  the store's story hook) over the first 1,000 articles and the last 1,000 (and last 5,000), and
  their ratio: flat when candidate lookup does not grow with the store;
* peak RSS of the process;
* dedup recall: variants linked to their original (any kind), and originals
  wrongly linked;
* BCubed F1 of the stories against weak gold: allsides' roundup topic and date
  for originals, the original's label for variants (copies must join the story
  of what they copy), and the share of variants that did.

Copies (exact, near, syndicated) join their original's story without being
scored, so the speed depends on how many the stream holds:
``--variant-share 0`` measures the real articles alone (at most 37.5k).

``--spacy`` adds the optional spaCy named-entity recogniser (``cluster.names =
"spacy"``, the ``spacy`` extra) to measure what it costs.

Run: ``.venv/bin/python benchmarks/bench_cluster.py [--sizes 1000,10000] [--batch 200]
[--variant-share 0.85] [--spacy]``
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.cluster.assign import StoryAssigner
from newsweave.cluster.ner import NameFinder, load_name_finder
from newsweave.config import load_settings
from newsweave.evaluation import bcubed
from newsweave.ingest import read_inputs
from newsweave.models import Article, StoryChanges
from newsweave.pipeline.ingest import ingest_documents
from newsweave.pipeline.stories import save_assigner
from newsweave.store import SQLiteStore
from variants import LabelledArticle, labelled_stream, load_allsides

# Variants per original: 37.5k allsides articles grow to 100k.
ROUNDS = 2
SHARE = 0.85
WINDOW = 1000
TAIL = 5000
"""The last articles are also timed over this wider window: the costs that recur
every few thousand articles (a full garbage collection of a large heap, a big
story's split check) land in a window of 1,000 or miss it, and move the ratio of
two runs of the same code by as much as 1.4 against 2.2."""


class TimedAssigner(StoryAssigner):
    """The real assigner, timing each call of the store hook."""

    def __init__(self, *, name_finder: NameFinder | None = None) -> None:
        super().__init__(name_finder=name_finder)
        self.timings: list[tuple[int, float]] = []

    def __call__(self, articles: Sequence[tuple[int, Article]]) -> StoryChanges:
        started = time.perf_counter()
        changes = super().__call__(articles)
        self.timings.append((len(articles), time.perf_counter() - started))
        return changes


def grown_stream(size: int, seed: int, share: float = SHARE) -> list[LabelledArticle]:
    originals = load_allsides(math.ceil(size / (1 + ROUNDS * share)) + 200)
    stream = list(labelled_stream(originals, seed=seed, variant_share=share, rounds=ROUNDS))
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


def window_ms(timings: list[tuple[int, float]], *, last: bool, window: int = WINDOW) -> float:
    """Mean ms per article over the first (or last) ``window`` articles assigned."""
    items = reversed(timings) if last else iter(timings)
    count, spent = 0, 0.0
    for n, seconds in items:
        count += n
        spent += seconds
        if count >= window:
            break
    return spent / max(count, 1) * 1000


def ingest_child(input_path: Path, db: Path, batch: int, *, spacy: bool) -> None:
    """The measured part, in its own process so its peak RSS is the pipeline's alone."""
    assigner = TimedAssigner(name_finder=load_name_finder("spacy") if spacy else None)
    with SQLiteStore(db) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = ingest_documents(
            read_inputs([str(input_path)], settings=load_settings()),
            store,
            batch_size=batch,
            stories=assigner,
        )
        before_save = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        saving = time.perf_counter()
        save_assigner(store, assigner)
        saving = time.perf_counter() - saving
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    result = {
        "new": summary.new,
        "failed": summary.failed,
        "wall": wall,
        "cpu": cpu,
        "save": saving,
        "first_ms": window_ms(assigner.timings, last=False),
        "last_ms": window_ms(assigner.timings, last=True),
        "tail_ms": window_ms(assigner.timings, last=True, window=TAIL),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_save_mb": before_save,
    }
    print(json.dumps(result))


def run(size: int, *, seed: int, batch: int, folder: Path, share: float, spacy: bool) -> None:
    stream = grown_stream(size, seed, share)
    input_path = folder / f"stream-{size}.jsonl"
    write_jsonl(stream, input_path)
    gold_of = {
        item.article.id: f"{item.article.extra.get('date')}|{item.article.extra.get('topic')}"
        for item in stream
        if item.kind is None
    }
    labels = [(item.article.id, item.kind, item.original_id) for item in stream]
    del stream
    db = folder / f"bench-{size}.sqlite"
    db.unlink(missing_ok=True)
    child = subprocess.run(
        [
            *(sys.executable, __file__, "--ingest", str(input_path), "--db", str(db)),
            *("--batch", str(batch), *(("--spacy",) if spacy else ())),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT record_id, id, story_id, link_to FROM articles").fetchall()
    story_of = {record: story for record, _id, story, _link in rows}
    article_of = {record: article_id for record, article_id, _story, _link in rows}
    link_of = {record: link for record, _id, _story, link in rows}

    pred: dict[str, str] = {}
    gold: dict[str, str] = {}
    joined = variants = linked = originals_linked = originals = 0
    for record, kind, original in labels:
        story = story_of.get(record)
        label = record if original is None else original
        if story is None or label not in gold_of:
            continue
        pred[record] = story
        gold[record] = gold_of[label]
        if kind is None:
            originals += 1
            originals_linked += link_of[record] is not None
            continue
        variants += 1
        if original is None or original not in article_of:
            continue
        joined += story == story_of[original]
        expected = {article_of[original], link_of[original] or article_of[original]}
        linked += link_of[record] in expected
    scores = bcubed(pred, gold)
    new, wall, cpu = measured["new"], measured["wall"], measured["cpu"]
    first, last, tail = measured["first_ms"], measured["last_ms"], measured["tail_ms"]
    print(
        f"{size:>7} articles ({new} stored, {measured['failed']} failed, "
        f"{len(set(pred.values()))} stories): {new / wall:.0f}/s wall, {new / cpu:.0f}/s CPU "
        f"(snapshot save {measured['save']:.1f} s included); assign ms/article first {WINDOW} "
        f"{first:.2f}, last {WINDOW} {last:.2f}, ratio {last / first:.2f} "
        f"(last {TAIL} {tail:.2f}, ratio {tail / first:.2f}); "
        f"peak RSS of the ingest process {measured['rss_mb']:.0f} MB "
        f"({measured['rss_before_save_mb']:.0f} MB before the snapshot)"
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
    parser.add_argument(
        "--variant-share",
        type=float,
        default=SHARE,
        help="chance of a variant per original and round (0: the real articles alone)",
    )
    parser.add_argument("--spacy", action="store_true", help="add spaCy's named entities")
    parser.add_argument("--ingest", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest is not None:
        ingest_child(args.ingest, args.db, args.batch, spacy=args.spacy)
        return
    sizes = [int(part) for part in args.sizes.split(",") if part]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in sizes:
            run(
                size,
                seed=args.seed,
                batch=args.batch,
                folder=folder,
                share=args.variant_share,
                spacy=args.spacy,
            )


if __name__ == "__main__":
    main()
