"""Costly searches against a running server: bounded time, the rest of the server answers.

The scenario of issue 21: a long query of common words, sent by clients that give
up after ``--client-timeout`` seconds, while another client asks for the story
list; then SIGTERM.  Over an existing database (``--db``, e.g. 12,000 allsides
articles ingested with ``newsweave ingest``), this starts ``newsweave serve`` with
the code under ``--src`` (default: this checkout; pass another checkout's
``src`` to measure it the same way) and prints:

* the time of a reference search (two distinctive words) and of the costly one;
* the story list's latency while two costly searches run (their clients gone);
* how long the server takes to exit after SIGTERM while they run.

Timings on a shared machine are only comparable as ratios to the reference
measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_search.py --db big.db [--src ../main/src]``
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "on",
    "it",
    "with",
    "as",
    "was",
    "he",
    "said",
    "by",
    "at",
    "from",
    "his",
    "an",
    "be",
    "has",
    "are",
]
"""Very common English words: a query of them matches most articles."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int, src: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = "import sys; from newsweave.cli.app import main; sys.argv[0] = 'newsweave'; main()"
    command = [sys.executable, "-c", code, "--db", str(db), "serve", "--port", str(port)]
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


def timed_get(url: str, params: dict[str, str], timeout: float) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        status = str(httpx.get(url, params=params, timeout=timeout).status_code)
    except httpx.TimeoutException:
        status = "client gave up"
    except httpx.HTTPError as exc:
        status = f"no answer ({type(exc).__name__})"
    return time.perf_counter() - start, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--chars", type=int, default=400)
    parser.add_argument("--client-timeout", type=float, default=10.0)
    args = parser.parse_args()
    # The most common words, repeated: every article matches every term, many times.
    costly = " ".join(COMMON[:12] * 40)[: args.chars]
    accepted = " ".join(COMMON[:12] * 40)[:300]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.db, port, args.src)
    try:
        seconds, status = timed_get(f"{base}/api/v1/search", {"q": "senate filibuster"}, 60)
        print(f"reference search (2 words): {seconds:.2f} s, HTTP {status}")
        for label, text in (("costly", costly), ("accepted", accepted)):
            seconds, status = timed_get(f"{base}/api/v1/search", {"q": text}, 600)
            print(f"{label} search ({len(text)} chars, 12 common words): {seconds:.2f} s, {status}")
        seconds, status = timed_get(f"{base}/api/v1/stories", {"q": accepted}, 600)
        print(f"story list filtered by the accepted search: {seconds:.2f} s, HTTP {status}")
        # Two clients that give up, then the story list while their queries may run on.
        giving_up = [
            threading.Thread(
                target=timed_get,
                args=(f"{base}/api/v1/search", {"q": accepted}, args.client_timeout),
            )
            for _ in range(2)
        ]
        for thread in giving_up:
            thread.start()
        for thread in giving_up:
            thread.join()
        seconds, status = timed_get(f"{base}/api/v1/stories", {}, 600)
        print(f"story list after two costly searches were abandoned: {seconds:.2f} s, {status}")
        for _ in range(2):
            threading.Thread(
                target=timed_get, args=(f"{base}/api/v1/search", {"q": accepted}, 600), daemon=True
            ).start()
        time.sleep(1.0)
        start = time.perf_counter()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=120)
            print(
                f"exit after SIGTERM with two costly searches running: "
                f"{time.perf_counter() - start:.2f} s"
            )
        except subprocess.TimeoutExpired:
            print("exit after SIGTERM with two costly searches running: over 120 s (killed)")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
