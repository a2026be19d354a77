"""HTML extraction CPU time: this checkout against another one and bare trafilatura.

Speed-only changes to the HTML extractor must leave its output alone and take
less CPU.  Under a loaded machine wall-clock rates of separate runs differ more
than such a change gains, so this measures CPU time (``time.process_time``) of
each extractor over the same AEB pages in alternating rounds: bare
``trafilatura.extract``, this checkout's ``extract_html`` and the other
checkout's, each in a worker process of its own (``PYTHONPATH`` set to the
checkout's ``src``) asked in turn to run a round.  It also counts trafilatura
runs per page and checks that both checkouts give the same extraction
(``repr``) for every page.

    .venv/bin/python benchmarks/bench_extract_ab.py --reference /path/to/main/src [--rounds 5]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

AEB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "aeb"


def load_pages() -> list[str]:
    paths = sorted((AEB / "html").glob("*.html.gz"))
    return [gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace") for path in paths]


def newsweave_runner(pages: list[str]) -> tuple[Callable[[], list[str]], list[int]]:
    """A round of ``extract_html`` over ``pages`` giving each page's ``repr``, and a
    one-item counter of the trafilatura runs made."""
    import newsweave.extract.html as html_module
    import newsweave.extract.htmlrecover as recover_module

    runs = [0]
    for module in (html_module, recover_module):
        original = getattr(module, "bare_extraction")  # noqa: B009  # imported, not exported

        def counted(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            runs[0] += 1
            return _original(*args, **kwargs)

        setattr(module, "bare_extraction", counted)  # noqa: B010

    def run() -> list[str]:
        return [repr(html_module.extract_html(page)) for page in pages]

    return run, runs


def digest(outputs: list[str]) -> str:
    return hashlib.sha256("\0".join(outputs).encode("utf-8", "surrogatepass")).hexdigest()


def worker(kind: str) -> None:
    """Answer each "run" line on stdin with the CPU seconds of one round."""
    pages = load_pages()
    if kind == "trafilatura":
        import trafilatura

        def bare() -> list[str]:
            return [trafilatura.extract(page) or "" for page in pages]

        run, label = bare, "trafilatura"
        bare()
    else:
        import newsweave

        run, runs = newsweave_runner(pages)
        label = f"{digest(run())} {runs[0] / len(pages):.3f} {newsweave.__file__}"
    print(label, flush=True)
    for _ in sys.stdin:
        start = time.process_time()
        run()
        print(f"{time.process_time() - start:.4f}", flush=True)


class Worker:
    """One extractor in its own process, so that no extractor runs with the others' caches
    and garbage in its heap."""

    def __init__(self, kind: str, src: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", kind],
            env={**os.environ, "PYTHONPATH": src},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.label = self._line()

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def round(self) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        return float(self._line())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", help="the other checkout's src/")
    parser.add_argument("--rounds", type=int, default=5, help="alternating timing rounds")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    if not args.reference:
        parser.error("--reference is required")

    here = str(Path(__file__).resolve().parents[1] / "src")
    workers = {
        "trafilatura.extract": Worker("trafilatura", here),
        "this checkout": Worker("newsweave", here),
        "reference": Worker("newsweave", args.reference),
    }
    cpu: dict[str, list[float]] = {name: [] for name in workers}
    for round_no in range(args.rounds):
        order = list(workers) if round_no % 2 == 0 else list(reversed(workers))
        for name in order:
            cpu[name].append(workers[name].round())
    for each in workers.values():
        each.close()

    ours, our_runs, our_file = workers["this checkout"].label.split(maxsplit=2)
    theirs, their_runs, their_file = workers["reference"].label.split(maxsplit=2)
    print(f"{len(load_pages())} AEB pages, {args.rounds} rounds, CPU seconds (best round)")
    print(f"this checkout: {our_file}\nreference:     {their_file}")
    print(f"same extraction for every page: {'yes' if ours == theirs else 'NO'}")
    print(f"trafilatura runs per page: this checkout {our_runs}, reference {their_runs}")
    best = {name: min(times) for name, times in cpu.items()}
    for name, times in cpu.items():
        ratio = best["trafilatura.extract"] / best[name]
        rounded = " ".join(f"{t:.2f}" for t in times)
        print(f"{name:20s} {best[name]:6.2f}  trafilatura/this {ratio:.3f}  rounds {rounded}")
    per_round = " ".join(
        f"{a / b:.3f}" for a, b in zip(cpu["this checkout"], cpu["reference"], strict=True)
    )
    print(f"this checkout / reference per round: {per_round}")


if __name__ == "__main__":
    main()
