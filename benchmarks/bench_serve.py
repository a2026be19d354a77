"""Serving load: story list and story pages over 10,000 stored articles, while ingest writes.

1. Builds (or reuses, ``--db``) a database of ``--articles`` real allsides articles
   ingested with story assignment, as ``newsweave ingest`` does.
2. Starts ``newsweave serve`` as its own process on loopback.
3. Warms up: each page of the mix once and ``--stories`` story pages (each
   brief is built once in the background and cached; the warm-up waits for them).
   ``--first`` further stories are left cold (half of them the largest stories
   after the warm ones, half drawn at random from all the others, fixed seed):
   the load asks for each of them too, and the first request of each is a
   *first view* (its brief not built yet: the page must not wait for it),
   reported on its own line (``first``).
4. For ``--seconds``, from separate processes: a load generator (httpx, a pool
   of threads) requesting, half of the time, one of the other pages (the home
   page by day and by week, the blind spots, the story list newest and most
   covered first, a search for one of three common words, and a *new* search
   (``search-new``): a word or two drawn at random, fixed seed, from the stored
   titles, never the same query twice, so no cache helps) and, the other half,
   the warmed story pages; and a writer ingesting further allsides articles
   in the background (``--writer``).
5. Reports requests/s, latency percentiles per page, errors, and checks that
   every posted article is stored (none lost).

Run: ``.venv/bin/python benchmarks/bench_serve.py [--seconds 30] [--threads 8]``
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import variants  # noqa: E402 - a sibling script, found through the path above

ALLSIDES = variants.ALLSIDES
API_KEY = "bench-serve-key-0123456789abcdef"


def allsides_records(skip: int, count: int) -> list[dict[str, Any]]:
    """``count`` allsides articles as newsweave JSON records, after the first ``skip``."""
    records = itertools.islice(variants.allsides_records(), skip, skip + count)
    # The API's ingest records carry no roundup topic.
    return [{key: value for key, value in r.items() if key != "topic"} for r in records]


def build_db(db: Path, count: int) -> None:
    jsonl = db.with_suffix(".jsonl")
    with jsonl.open("w", encoding="utf-8") as out:
        for record in allsides_records(0, count):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "newsweave"), "--db", str(db), "ingest", str(jsonl)],
        check=True,
    )
    print(f"built {db} with {count} articles in {time.perf_counter() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    # The load generator is one client asking far more than a reader would: the
    # per-client rate limit (server.rate_per_minute) is off for the measurement.
    env = {**os.environ, "NEWSWEAVE_API_KEY": API_KEY, "NEWSWEAVE_SERVER_RATE_PER_MINUTE": "0"}
    command = [str(ROOT / ".venv" / "bin" / "newsweave"), "--db", str(db), "serve"]
    command += ["--port", str(port)]
    process = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


NEW_SEARCH = "/search?q={new}"

PAGES: dict[str, list[str]] = {
    "home": ["/", "/?period=week"],
    "blindspots": ["/blindspots"],
    "list": ["/stories?order=recent", "/stories?order=largest"],
    # Common words of news text, so a search matches many articles and stories.
    "search": ["/search?q=president", "/search?q=police", "/search?q=court+ruling"],
    # A placeholder: each request of it searches a query never asked before (new_queries).
    "search-new": [NEW_SEARCH],
}
"""The pages of the mix besides the story pages, by kind (each kind's figures apart)."""
KIND_OF = {path: kind for kind, paths in PAGES.items() for path in paths}

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_TITLE_WORDS = 12_000
"""At most this many titles are read for search words."""


def new_queries(db: Path, count: int, seed: int = 11) -> list[str]:
    """``count`` different searches: one word, or two words of one title, drawn at
    random (``seed``) from the stored titles; capitalised words (names) kept as
    typed, the rest lower case.  None is one of the fixed ``search`` queries."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        titles = [
            row[0]
            for row in conn.execute(
                "SELECT title FROM articles WHERE title IS NOT NULL ORDER BY seq LIMIT ?",
                (_TITLE_WORDS,),
            )
        ]
    rng = random.Random(seed)
    fixed = {path.split("=", 1)[1].replace("+", " ") for path in PAGES["search"]}
    words_of = [w for w in ([m.group(0) for m in _WORD.finditer(t)] for t in titles) if w]
    queries: dict[str, None] = {}
    tries = 0
    while len(queries) < count and tries < count * 50:
        tries += 1
        words = rng.choice(words_of)
        picked = rng.sample(words, min(len(words), 1 if rng.random() < 0.6 else 2))
        query = " ".join(w if w[:1].isupper() and not w.isupper() else w.lower() for w in picked)
        if query.lower() not in fixed:
            queries.setdefault(query, None)
    return list(queries)


def load_worker(
    base: str,
    paths: list[str],
    seconds: float,
    threads: int,
    out: mp.Queue[Any],
    cold: frozenset[str] = frozenset(),
    queries: list[str] | None = None,
) -> None:
    """Request ``paths`` round-robin from ``threads`` threads; put (path kind, status, s).

    The first request of a path in ``cold`` counts as a ``first`` view; each
    request of :data:`NEW_SEARCH` takes the next of ``queries`` (each asked once;
    when they run out, the placeholder is skipped).
    """
    results: list[tuple[str, int, float, float, str]] = []
    lock = threading.Lock()
    seen: set[str] = set()
    fresh = iter(queries or [])
    stop_at = time.monotonic() + seconds
    began = time.perf_counter()

    def run(offset: int) -> None:
        local: list[tuple[str, int, float, float, str]] = []
        # A story merged into another answers 307 to it, as a browser would follow.
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as client:
            # Each thread walks the (alternating list/story) mix from its own place.
            n = offset * len(paths) // threads
            while time.monotonic() < stop_at:
                path = paths[n % len(paths)]
                n += 1
                first = False
                if path == NEW_SEARCH:
                    with lock:
                        query = next(fresh, None)
                    if query is None:
                        continue
                    kind = "search-new"
                    path = "/search?" + urlencode({"q": query})
                else:
                    kind = KIND_OF.get(path, "story")
                if path in cold:
                    with lock:
                        first = path not in seen
                        seen.add(path)
                started = time.perf_counter()
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError:
                    status = -1
                if first:
                    kind = "first"
                ended = time.perf_counter()
                local.append((kind, status, ended - started, started - began, path))
        with lock:
            results.extend(local)

    pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    out.put(results)


def api_writer(
    base: str,
    records: list[dict[str, Any]],
    seconds: float,
    batch: int,
    pause: float,
    out: mp.Queue[Any],
) -> None:
    """POST ``records`` in batches to the server until done or time is up."""
    totals = {"posted": 0, "new": 0, "duplicate": 0, "failed": 0, "errors": 0}
    stop_at = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {API_KEY}"}
    out.put("ready")
    with httpx.Client(base_url=base, timeout=120, headers=headers) as client:
        for start in range(0, len(records), batch):
            if time.monotonic() >= stop_at:
                break
            chunk = records[start : start + batch]
            response = client.post("/api/v1/ingest", json={"articles": chunk})
            totals["posted"] += len(chunk)
            if response.status_code != 200:
                totals["errors"] += 1
                continue
            body = response.json()
            for key in ("new", "duplicate", "failed"):
                totals[key] += body[key]
            time.sleep(pause)
    out.put(totals)


def process_writer(
    db: str,
    records: list[dict[str, Any]],
    seconds: float,
    batch: int,
    pause: float,
    out: mp.Queue[Any],
) -> None:
    """What ``newsweave ingest`` does, in its own process: extract, store, assign stories."""
    from newsweave.ingest.jsonl import record_to_document
    from newsweave.pipeline.ingest import ingest_documents
    from newsweave.pipeline.stories import open_assigner, save_assigner
    from newsweave.store import open_store

    totals = {"posted": 0, "new": 0, "duplicate": 0, "failed": 0, "errors": 0}
    with open_store(db) as store:
        assigner = open_assigner(store)
        out.put("ready")
        stop_at = time.monotonic() + seconds
        for start in range(0, len(records), batch):
            if time.monotonic() >= stop_at:
                break
            chunk = records[start : start + batch]
            documents = [
                record_to_document(record, origin=f"bench:{start + n}")
                for n, record in enumerate(chunk)
            ]
            summary = ingest_documents(documents, store, batch_size=batch, stories=assigner)
            totals["posted"] += len(chunk)
            totals["new"] += summary.new
            totals["duplicate"] += summary.duplicate
            totals["failed"] += summary.failed
            time.sleep(pause)
        save_assigner(store, assigner)
    out.put(totals)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", type=Path, help="reuse this database (built if missing)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stories", type=int, default=50, help="story pages in the mix")
    parser.add_argument(
        "--first", type=int, default=200, help="cold stories whose first view is in the mix"
    )
    parser.add_argument(
        "--save-warm",
        type=Path,
        help="after the warm-up, save a copy of the database with its warm briefs here",
    )
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--writer",
        choices=("process", "api", "none"),
        default="process",
        help="background ingest: a second process running the ingest pipeline on the "
        "same database (default), POSTs to /api/v1/ingest, or none",
    )
    parser.add_argument("--ingest-batch", type=int, default=10, help="articles per batch")
    parser.add_argument("--ingest-rate", type=float, default=20.0, help="articles per second")
    args = parser.parse_args()
    if not ALLSIDES.exists():
        raise SystemExit(f"needs {ALLSIDES} (../shared/data)")

    workdir = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    db = workdir / "serve.db"
    if args.db is not None and not args.db.exists():
        build_db(args.db, args.articles)
    if args.db is not None:
        # Work on a copy: the run's background ingest must not grow the kept database.
        shutil.copyfile(args.db, db)
    else:
        build_db(db, args.articles)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port)
    try:
        with httpx.Client(base_url=base, timeout=600) as client:
            before = client.get("/api/v1/health").json()
            print(f"stored: {before['articles']} articles in {before['stories']} stories")
            lists = [path for paths in PAGES.values() for path in paths]
            for path in lists:
                if path == NEW_SEARCH:
                    continue
                status = client.get(path).status_code
                if status != 200:
                    print(f"warm-up: {path} answered {status}")
            stories: list[str] = []
            cursor = None
            while len(stories) < args.stories:
                params = {"order": "largest", "limit": "50"}
                if cursor:
                    params["cursor"] = cursor
                body = client.get("/api/v1/stories", params=params).json()
                stories += [s["id"] for s in body["stories"]]
                cursor = body["next_cursor"]
                if not cursor:
                    break
            stories = stories[: args.stories]
            # The list pages in the mix show their stories' leads: warm those too.
            for order in ("recent", "largest"):
                body = client.get("/api/v1/stories", params={"order": order}).json()
                stories += [s["id"] for s in body["stories"] if s["id"] not in stories]
            # Cold stories, never asked for before the load: half the largest after
            # the warm ones (the slowest briefs), half drawn at random from the rest.
            rest: list[str] = []
            while cursor:
                params = {"order": "largest", "limit": "200", "cursor": cursor}
                body = client.get("/api/v1/stories", params=params).json()
                rest += [s["id"] for s in body["stories"] if s["id"] not in stories]
                cursor = body["next_cursor"]
            largest = args.first // 2
            cold = rest[:largest]
            cold += random.Random(5).sample(
                rest[largest:], min(len(rest) - largest, args.first - largest)
            )
            started = time.perf_counter()
            for story_id in stories:
                status = client.get(f"/stories/{story_id}").status_code
                if status != 200:
                    print(f"warm-up: /stories/{story_id} answered {status}")
            # First views never wait for a brief: it is built in the background. Wait
            # for those of the warm stories, so the story figures are of built pages.
            waiting = list(stories)
            deadline = time.monotonic() + 1800
            while waiting and time.monotonic() < deadline:
                time.sleep(1.0)
                waiting = [
                    sid
                    for sid in waiting
                    if client.get(f"/api/v1/stories/{sid}").json().get("brief_status") == "building"
                ]
            if waiting:
                print(f"warm-up: {len(waiting)} briefs still building after 30 min")
            # Each page once more with its brief, as its next reader sees it (and caches it).
            for story_id in stories:
                client.get(f"/stories/{story_id}")
            print(
                f"warm-up: {len(stories)} briefs in {time.perf_counter() - started:.1f} s "
                "(computed once, then cached)"
            )
            if args.save_warm is not None:
                # A consistent copy of the served database, its warm briefs built,
                # before any cold story is asked for: later runs start from it.
                with sqlite3.connect(db) as source, sqlite3.connect(args.save_warm) as copy:
                    source.backup(copy)
                print(f"warm-up: saved {args.save_warm} (give it as --db to skip the builds)")
            if args.writer == "api":
                # The server opens its story assigner on the first write.
                started = time.perf_counter()
                client.post(
                    "/api/v1/ingest",
                    json={"articles": []},
                    headers={"Authorization": f"Bearer {API_KEY}"},
                ).raise_for_status()
                print(f"warm-up: writer ready in {time.perf_counter() - started:.1f} s")
        # Half the requests are the other pages (every kind in turn), half story pages.
        paths: list[str] = []
        rng = random.Random(7)
        for _ in range(500):
            paths.append(rng.choice(lists))
            paths.append(f"/stories/{rng.choice(stories)}")
        # New searches: more than the load can ask, so none is asked twice.
        queries = new_queries(db, 20_000)
        # Each cold story once in the mix, spread through it.
        cold_paths = [f"/stories/{sid}" for sid in cold]
        for n, path in enumerate(cold_paths):
            paths.insert((n * len(paths)) // max(len(cold_paths), 1), path)

        extra = [] if args.writer == "none" else allsides_records(args.articles, 5000)
        writer_queue: mp.Queue[Any] = mp.Queue()
        writer: mp.Process | None = None
        if extra:
            pause = args.ingest_batch / args.ingest_rate
            target = process_writer if args.writer == "process" else api_writer
            where = str(db) if args.writer == "process" else base
            writer = mp.Process(
                target=target,
                args=(where, extra, args.seconds, args.ingest_batch, pause, writer_queue),
            )
            writer.start()
            assert writer_queue.get(timeout=600) == "ready"
        load_queue: mp.Queue[Any] = mp.Queue()
        load = mp.Process(
            target=load_worker,
            args=(
                base,
                paths,
                args.seconds,
                args.threads,
                load_queue,
                frozenset(cold_paths),
                queries,
            ),
        )
        load.start()
        results = load_queue.get()
        load.join()
        totals = None
        if writer is not None:
            totals = writer_queue.get(timeout=600)
            writer.join()

        with httpx.Client(base_url=base, timeout=60) as client:
            after = client.get("/api/v1/health").json()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            print("the server did not stop within 120 s after SIGINT; killed")
            server.kill()
        shutil.rmtree(workdir, ignore_errors=True)

    ok = [r for r in results if r[1] == 200]
    errors = len(results) - len(ok)
    statuses: dict[str, int] = {}
    for kind, status, *_rest in results:
        if status != 200:
            statuses[f"{kind} {status}"] = statuses.get(f"{kind} {status}", 0) + 1
    print(
        f"\nload: {len(results)} requests in {args.seconds:.0f} s = "
        f"{len(results) / args.seconds:.0f} req/s, {errors} errors {statuses or ''}, "
        f"{args.threads} threads"
    )
    for kind in (*PAGES, "story", "first"):
        times = [r[2] * 1000 for r in ok if r[0] == kind]
        if times:
            print(
                f"  {kind:<10} {len(times) / args.seconds:6.0f} req/s  "
                f"p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, 0.95):6.1f} ms  "
                f"p99 {percentile(times, 0.99):6.1f} ms  max {max(times):6.1f} ms"
            )
    slowest = sorted(results, key=lambda r: -r[2])[:5]
    print(
        "  slowest: " + "; ".join(f"{r[4]} {r[2] * 1000:.0f} ms at {r[3]:.1f} s" for r in slowest)
    )
    if totals is not None:
        grown = after["articles"] - before["articles"]
        lost = totals["new"] - grown
        print(
            f"background ingest ({args.writer}, {args.ingest_rate:g} articles/s asked): "
            f"{totals['posted']} posted, {totals['new']} new, "
            f"{totals['duplicate']} duplicate, {totals['failed']} failed, "
            f"{totals['errors']} HTTP errors; store grew by {grown} (lost: {lost})"
        )
    print(f"cpus: {os.cpu_count()}, python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
