"""Ingest throughput and memory: a 10,000-article JSONL of real text into SQLite.

Builds the JSONL from ../shared/data/allsides/articles.jsonl.gz (real articles),
then, each in a fresh subprocess so peak memory is its own:

* newsweave ingest of 2,000 and of 10,000 articles (articles/s, peak RSS);
* a reference in the same run: json.loads + one executemany into a bare SQLite
  table of the same rows, the floor any JSONL -> SQLite ingest pays.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--sizes 2000 10000]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import variants  # noqa: E402 - a sibling script, found through the path above

ALLSIDES = variants.ALLSIDES


def build_jsonl(path: Path, count: int) -> int:
    """Write ``count`` allsides articles as newsweave JSONL records."""
    written = 0
    with path.open("w", encoding="utf-8") as dst:
        for record in itertools.islice(variants.allsides_records(), count):
            dst.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def _child_newsweave(jsonl: str, db: str) -> None:
    from newsweave.config import load_settings
    from newsweave.ingest import read_inputs
    from newsweave.pipeline.ingest import ingest_documents
    from newsweave.store import open_store

    settings = load_settings(overrides={"store": {"db": db}})
    start = time.perf_counter()
    with open_store(db) as store:
        summary = ingest_documents(read_inputs([jsonl], settings=settings), store)
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": elapsed, "new": summary.new, "failed": summary.failed, "rss_mb": rss}
        )
    )


def _child_reference(jsonl: str, db: str) -> None:
    import sqlite3

    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE a (id TEXT PRIMARY KEY, url TEXT, title TEXT, body TEXT)")
    rows = []
    count = 0
    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            rows.append((r["id"] + str(count), r["url"], r["title"], r["text"]))
            count += 1
            if len(rows) >= 200:
                with con:
                    con.executemany("INSERT INTO a VALUES (?,?,?,?)", rows)
                rows.clear()
    with con:
        con.executemany("INSERT INTO a VALUES (?,?,?,?)", rows)
    con.close()
    elapsed = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "new": count, "failed": 0, "rss_mb": rss}))


def _run(kind: str, jsonl: Path, db: Path) -> dict[str, float]:
    # taskset pins the child to one core: the target is "on one core".
    cmd = ["taskset", "-c", "0", sys.executable, __file__, "--child", kind, str(jsonl), str(db)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, jsonl, db = args.child
        (_child_newsweave if kind == "newsweave" else _child_reference)(jsonl, db)
        return 0
    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} not found (see ../shared/data/README.md)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        results = {}
        for size in args.sizes:
            jsonl = base / f"articles-{size}.jsonl"
            real = build_jsonl(jsonl, size)
            ref = _run("reference", jsonl, base / f"ref-{size}.db")
            nw = _run("newsweave", jsonl, base / f"nw-{size}.db")
            results[size] = nw
            print(
                f"{real:>6} articles: newsweave {real / nw['seconds']:8.0f} articles/s "
                f"(peak RSS {nw['rss_mb']:.0f} MB, {nw['new']:.0f} stored, "
                f"{nw['failed']:.0f} failed) | "
                f"reference json+sqlite {real / ref['seconds']:8.0f} articles/s "
                f"(peak RSS {ref['rss_mb']:.0f} MB) | newsweave/reference speed "
                f"{ref['seconds'] / nw['seconds']:.3f}"
            )
        small, large = min(results), max(results)
        if small != large:
            print(
                f"peak RSS ratio {large}/{small} articles: "
                f"{results[large]['rss_mb'] / results[small]['rss_mb']:.2f} (flat memory ~ 1.0)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
