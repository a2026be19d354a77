"""HTML extraction benchmark: newsweave against bare ``trafilatura.extract``.

Loads the Article Extraction Benchmark pages (``../shared/data/aeb``) into
memory, decoded once, then times both extractors over all pages in alternating
rounds so they run under the same machine conditions, and scores both with the
shingle scorer of the quality gates.

    .venv/bin/python benchmarks/bench_extract.py [--rounds 3] [--with-url]

``--with-url`` passes the gold page URL to both extractors; the default gives
none, like an input whose container knows no URL.

It also times the whole ``newsweave extract`` path (``batch.extract_to_dir``: read
each ``.html.gz`` file, decompress, detect the charset, extract, write
``<name>.txt``) against bare trafilatura given the same files (read, decompress,
``trafilatura.extract`` on the bytes, write the text), in the same rounds.

Then, with ``--jobs default,1,2`` (the default), whole processes: the ``newsweave
extract`` command as a user runs it (no ``--jobs``: one worker per core for a batch
this size, ``pipeline.extract.auto_jobs``) and with each ``--jobs`` value, against a
bare trafilatura files loop in one process (the same loop as a program of its own),
alternating, each started fresh (interpreter, imports and the workers' start-up
counted).  Wall-clock pages/s and CPU seconds per page (the process and its workers,
from ``getrusage``) for each: with one job the ratio is the per-core ratio; with more
it is what a user waits, the CPU per page is no smaller.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from newsweave.config import Settings
from newsweave.errors import ExtractionError
from newsweave.evaluation import shingle_prf
from newsweave.extract import extract_article
from newsweave.models import RawDocument
from newsweave.pipeline.extract import auto_jobs, extract_to_dir

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
        except ExtractionError:  # an empty page is a legitimate (scored) outcome here
            bodies[pid] = ""
    return bodies


def files_trafilatura(html_dir: Path, out_dir: Path) -> None:
    """Bare trafilatura over the files, doing the same I/O as ``newsweave extract``."""
    for path in sorted(html_dir.glob("*.html.gz")):
        text = trafilatura.extract(gzip.decompress(path.read_bytes())) or ""
        (out_dir / (path.name.removesuffix(".html.gz") + ".txt")).write_text(text + "\n", "utf-8")


def files_newsweave(html_dir: Path, out_dir: Path) -> None:
    """What ``newsweave extract DIR --out-dir OUT`` runs."""
    extract_to_dir([str(html_dir)], out_dir, settings=Settings())


# files_trafilatura as a program of its own, importing only trafilatura.
_BARE_LOOP = """
import gzip, sys
from pathlib import Path
import trafilatura
html_dir, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
out_dir.mkdir(parents=True)
for path in sorted(html_dir.glob("*.html.gz")):
    text = trafilatura.extract(gzip.decompress(path.read_bytes())) or ""
    (out_dir / (path.name.removesuffix(".html.gz") + ".txt")).write_text(text + "\\n", "utf-8")
"""


def _timed(command: list[str]) -> tuple[float, float]:
    """Run ``command`` to the end: its wall-clock seconds and the CPU seconds of it and
    every process under it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def whole_processes(html_dir: Path, pages: int, jobs: list[str], rounds: int) -> None:
    """``newsweave extract [--jobs N]`` as whole processes against a bare trafilatura loop."""
    newsweave = shutil.which("newsweave", path=str(Path(sys.executable).parent))
    if newsweave is None:
        print("whole processes: no newsweave command beside this Python; skipped")
        return
    bare = "trafilatura loop, 1 process"
    commands: dict[str, Callable[[Path], list[str]]] = {
        bare: lambda out: [sys.executable, "-c", _BARE_LOOP, str(html_dir), str(out)]
    }
    for n in jobs:
        flag = [] if n == "default" else ["--jobs", n]
        name = "newsweave extract" + (f" -j {n}" if flag else f" (-j {auto_jobs(pages)})")
        commands[name] = lambda out, flag=flag: [
            newsweave,
            "extract",
            str(html_dir),
            "--out-dir",
            str(out),
            *flag,
        ]
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as tmp:
        for round_no in range(rounds):
            order = list(commands) if round_no % 2 == 0 else list(reversed(commands))
            for name in order:
                out_dir = Path(tmp) / f"{round_no}-{list(commands).index(name)}"
                wall, cpu = _timed(commands[name](out_dir))
                walls[name].append(wall)
                cpus[name].append(cpu)
    print(f"whole processes, {pages} pages, {rounds} rounds (best wall, least CPU of each):")
    base_rate = pages / min(walls[bare])
    base_cpu = min(cpus[bare]) / pages
    for name in commands:
        rate = pages / min(walls[name])
        cpu = min(cpus[name]) / pages
        print(
            f"  {name:28s} {rate:6.1f} pages/s (x{rate / base_rate:.2f})  "
            f"{1000 * cpu:6.1f} ms CPU/page (per-core ratio {base_cpu / cpu:.2f})"
        )


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
    parser.add_argument(
        "--jobs",
        default="default,1,2",
        help="newsweave extract --jobs values to time as whole processes "
        "(comma-separated; 'default': no --jobs; empty: none)",
    )
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

    # Files in, files out: the `newsweave extract` command against bare trafilatura.
    file_runners = {"trafilatura (files)": files_trafilatura, "newsweave extract": files_newsweave}
    file_times: dict[str, list[float]] = {name: [] for name in file_runners}
    with tempfile.TemporaryDirectory() as tmp:
        for round_no in range(args.rounds):
            order = list(file_runners) if round_no % 2 == 0 else list(reversed(file_runners))
            for name in order:
                out_dir = Path(tmp) / f"{round_no}-{len(name)}"
                out_dir.mkdir()
                start = time.perf_counter()
                file_runners[name](AEB / "html", out_dir)
                file_times[name].append(time.perf_counter() - start)
    files_rate = {name: len(pages) / min(times) for name, times in file_times.items()}
    for name, value in files_rate.items():
        print(f"{name:22s} {value:7.1f} pages/s")
    files_ratio = files_rate["newsweave extract"] / files_rate["trafilatura (files)"]
    print(f"speed ratio newsweave extract / trafilatura on files: {files_ratio:.3f}")
    jobs = [n.strip() for n in args.jobs.split(",") if n.strip()]
    if jobs:
        whole_processes(AEB / "html", len(pages), jobs, args.rounds)


if __name__ == "__main__":
    main()
