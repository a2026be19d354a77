"""Export speed: briefing every stored story in one process against several.

Ingests the first ``--articles`` allsides articles (real text, with story
assignment) into a fresh SQLite file, then runs ``newsweave export --format
jsonl`` once per ``--jobs`` value, each in its own process, and prints stories
per second, the speed-up over one process measured in the same run, and
whether every output is byte-identical to the one-process output.

Run: ``.venv/bin/python benchmarks/bench_export.py [--articles 3000] [--jobs 1,2]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_ingest import build_jsonl  # noqa: E402 - a sibling script, found through the path above

NEWSWEAVE = [str(Path(sys.executable).with_name("newsweave"))]


def run(*args: str) -> float:
    """Seconds the newsweave command took (it must succeed)."""
    start = time.perf_counter()
    subprocess.run([*NEWSWEAVE, *args], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--jobs", default="1,2", help="comma-separated; the first is the reference")
    args = parser.parse_args()
    jobs = [int(part) for part in args.jobs.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        input_path, db = folder / "articles.jsonl", folder / "news.db"
        written = build_jsonl(input_path, args.articles)
        seconds = run("--db", str(db), "ingest", str(input_path))
        print(f"ingested {written} articles in {seconds:.1f} s")
        outputs: list[bytes] = []
        reference = 0.0
        for count in jobs:
            target = folder / f"export-{count}.jsonl"
            seconds = run(
                *("--db", str(db), "export", "--format", "jsonl"),
                *("--out", str(target), "--jobs", str(count)),
            )
            data = target.read_bytes()
            stories = data.count(b"\n")
            reference = reference or seconds
            same = "identical" if not outputs or data == outputs[0] else "DIFFERENT"
            outputs.append(data)
            print(
                f"--jobs {count}: {stories} stories in {seconds:.1f} s "
                f"({stories / seconds:.0f} stories/s), {reference / seconds:.2f}x the first, "
                f"output {same}"
            )


if __name__ == "__main__":
    main()
