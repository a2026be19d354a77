"""PostgreSQL beside SQLite, in one run: ingest with story assignment, search, web load.

For each back end, on the same ``--articles`` real allsides articles:

1. ingest: ``newsweave --db X ingest articles.jsonl`` as its own process (extract,
   store, assign stories), timed: articles per second;
2. search: ``--queries`` article searches (one or two words taken from stored
   titles at random, the same for both back ends) through the store, plus the
   same words as a story-list filter: latency percentiles;
3. web load: ``newsweave serve`` on loopback, a load process requesting the
   story list and story pages (warmed briefs) from ``--threads`` threads for
   ``--seconds``: requests/s and latency percentiles (p99).  PostgreSQL is also
   served with ``--workers 2``.

The PostgreSQL server is a throwaway one started like the tests start theirs
(tests/pgserver.py: Debian's initdb + pg_ctl in a temporary directory), or the
server at ``--pg-url``.  Timings on a shared machine are only meaningful as the
ratio PostgreSQL / SQLite measured in the same run, which is printed.

Run: ``.venv/bin/python benchmarks/bench_postgres.py [--articles 10000] [--seconds 20]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

import bench_serve  # noqa: E402 - a sibling script, found through the path above
import variants  # noqa: E402
from pgserver import LocalPostgres, find_pg_bin  # noqa: E402

NEWSWEAVE = str(ROOT / ".venv" / "bin" / "newsweave")
_WORD = re.compile(r"[^\W\d_]{5,}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def summary(times_ms: list[float]) -> dict[str, float]:
    if not times_ms:
        return {"n": 0, "p50": float("nan"), "p95": float("nan"), "p99": float("nan")}
    return {
        "n": len(times_ms),
        "p50": statistics.median(times_ms),
        "p95": percentile(times_ms, 0.95),
        "p99": percentile(times_ms, 0.99),
    }


def ingest(db: str, jsonl: Path) -> float:
    started = time.perf_counter()
    subprocess.run([NEWSWEAVE, "--db", db, "ingest", str(jsonl)], check=True)
    return time.perf_counter() - started


def queries(db: str, count: int) -> list[str]:
    """One- and two-word queries from stored titles (same seed for every back end)."""
    from newsweave.store import open_store

    with open_store(db) as store:
        titles = [a.title or "" for a in store.iter_articles(limit=2000)]
    rng = random.Random(7)
    found: list[str] = []
    while len(found) < count:
        words = _WORD.findall(rng.choice(titles))
        if words:
            found.append(" ".join(rng.sample(words, min(len(words), rng.choice((1, 2))))))
    return found


def search_latency(db: str, texts: list[str]) -> tuple[dict[str, float], dict[str, float], int]:
    from newsweave.store import open_store
    from newsweave.store.serving import StoryQuery

    article_ms: list[float] = []
    story_ms: list[float] = []
    hits = 0
    with open_store(db) as store:
        for text in texts:
            started = time.perf_counter()
            page = store.search_articles(text, limit=20)
            article_ms.append((time.perf_counter() - started) * 1000)
            hits += len(page.items)
            started = time.perf_counter()
            store.story_page(StoryQuery(text=text, limit=20))
            story_ms.append((time.perf_counter() - started) * 1000)
    return summary(article_ms), summary(story_ms), hits


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [NEWSWEAVE, "--db", db, "serve", "--port", str(port), "--workers", str(workers)]
    # One load process asks far more than a reader would: the per-client rate limit
    # (server.rate_per_minute) is off for the measurement, as in bench_serve.
    env = {**os.environ, "NEWSWEAVE_SERVER_RATE_PER_MINUTE": "0"}
    process = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not start")


def web_load(db: str, workers: int, seconds: float, threads: int, stories: int) -> dict[str, Any]:
    port = bench_serve.free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port, workers)
    try:
        lists = ["/?order=recent", "/?order=largest"]
        with httpx.Client(base_url=base, timeout=600) as client:
            body = client.get("/api/v1/stories", params={"order": "largest", "limit": "50"})
            ids = [s["id"] for s in body.json()["stories"]][:stories]
            for path in [*lists, *(f"/stories/{i}" for i in ids)]:
                client.get(path)  # warm: each brief is computed once, then cached
        rng = random.Random(7)
        paths: list[str] = []
        for _ in range(500):
            paths.append(rng.choice(lists))
            paths.append(f"/stories/{rng.choice(ids)}")
        queue: mp.Queue[Any] = mp.Queue()
        load = mp.Process(
            target=bench_serve.load_worker, args=(base, paths, seconds, threads, queue)
        )
        load.start()
        results = queue.get()
        load.join()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
    ok = [r[2] * 1000 for r in results if r[1] == 200]
    return {
        "requests_per_s": len(results) / seconds,
        "errors": len(results) - len(ok),
        **summary(ok),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--stories", type=int, default=30, help="story pages in the web mix")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database (default: start one)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not variants.ALLSIDES.exists():
        raise SystemExit(f"needs {variants.ALLSIDES} (../shared/data)")
    workdir = Path(tempfile.mkdtemp(prefix="bench-postgres-"))
    server: LocalPostgres | None = None
    try:
        jsonl = workdir / "articles.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for record in bench_serve.allsides_records(0, args.articles):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        pg_url = args.pg_url
        if pg_url is None:
            bin_dir = find_pg_bin()
            if bin_dir is None:
                raise SystemExit("needs PostgreSQL (apt-get install -y postgresql) or --pg-url")
            server = LocalPostgres(bin_dir)
            server.start()
            pg_url = server.create_schema("bench")
        targets = {"sqlite": str(workdir / "bench.db"), "postgres": pg_url}
        figures: dict[str, dict[str, Any]] = {}
        for name, db in targets.items():
            print(f"-- {name}: ingest {args.articles} articles", flush=True)
            seconds = ingest(db, jsonl)
            figures[name] = {"ingest_s": seconds, "ingest_per_s": args.articles / seconds}
        texts = queries(targets["sqlite"], args.queries)
        for name, db in targets.items():
            articles, stories, hits = search_latency(db, texts)
            figures[name].update(search=articles, story_search=stories, search_hits=hits)
        for name, db in targets.items():
            print(f"-- {name}: web load", flush=True)
            figures[name]["web"] = web_load(db, 1, args.seconds, args.threads, args.stories)
        figures["postgres"]["web_2_workers"] = web_load(
            pg_url, 2, args.seconds, args.threads, args.stories
        )
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    sq, pg = figures["sqlite"], figures["postgres"]
    print(f"\n{args.articles} allsides articles; cpus {os.cpu_count()}; measured under load:")
    print("only the PostgreSQL / SQLite ratios of this one run are comparable.")
    print(f"{'':28}{'SQLite':>12}{'PostgreSQL':>12}{'ratio':>8}")

    def row(label: str, a: float, b: float, unit: str) -> None:
        print(f"{label:28}{a:>10.1f}{unit:2}{b:>10.1f}{unit:2}{b / a:>8.2f}")

    row("ingest articles/s", sq["ingest_per_s"], pg["ingest_per_s"], "")
    for key, label in (("search", "article search"), ("story_search", "story-list search")):
        for q in ("p50", "p99"):
            row(f"{label} {q} ms", sq[key][q], pg[key][q], "")
    print(f"search hits (same queries)  {sq['search_hits']:>10}  {pg['search_hits']:>10}")
    for q in ("requests_per_s", "p50", "p99"):
        row(f"web {q}", sq["web"][q], pg["web"][q], "")
    for q in ("requests_per_s", "p50", "p99"):
        row(f"web {q} (pg 2 workers)", sq["web"][q], pg["web_2_workers"][q], "")
    print(
        f"web errors: SQLite {sq['web']['errors']}, PostgreSQL {pg['web']['errors']}, "
        f"PostgreSQL 2 workers {pg['web_2_workers']['errors']}"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=2), "utf-8")


if __name__ == "__main__":
    main()
