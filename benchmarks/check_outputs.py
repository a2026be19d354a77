"""Byte-for-byte record of what the CLI writes, to prove a refactor changed no output.

Runs ``extract`` (txt and json), ``cluster``, ``brief`` (json and md), ``ingest``
then ``stories --json`` and ``export`` (json, jsonl, md, html, rss) on three
corpora: the bundled seeds, the ECB+ dev file (``brief`` once per topic) and the
first 2,000 allsides articles (in file order), and writes every output under
``--out DIR`` with a ``MANIFEST`` of SHA-256 digests.

``--against DIR`` compares the new outputs with an earlier run's (made with the
code before a change) and lists every file that differs, with its first
differing line; exit code 1 when anything differs.  ``--ignore NAME`` leaves
out files whose path contains NAME (an output a change is meant to alter).

Run: ``.venv/bin/python benchmarks/check_outputs.py --out /tmp/after --against /tmp/before``
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "benchmarks"))

from variants import allsides_records  # noqa: E402 - a sibling script, found through the path above

NEWSWEAVE = str(Path(sys.executable).with_name("newsweave"))
EXPORT_FORMATS = ("json", "jsonl", "md", "html", "rss")


def newsweave(*args: str, cwd: Path, stdout: Path | None = None) -> None:
    """Run one newsweave command in ``cwd``; it must succeed.

    Inputs are named relative to ``cwd`` so that the outputs, which name their
    input, do not depend on where the scratch folder is.
    """
    result = subprocess.run([NEWSWEAVE, *args], capture_output=True, check=False, cwd=cwd)
    if result.returncode != 0:
        raise SystemExit(
            f"newsweave {' '.join(args)} failed ({result.returncode}):\n"
            + result.stderr.decode("utf-8", "replace")
        )
    if stdout is not None:
        stdout.write_bytes(result.stdout)


def corpora(scratch: Path, allsides: int) -> dict[str, Path]:
    """The inputs, copied or written to ``scratch``: the seed folder and two JSONL files."""
    shutil.copytree(ROOT / "examples" / "seeds", scratch / "seeds")
    found = {"seeds": scratch / "seeds"}
    ecb = DATA / "ecbplus" / "ecbplus-dev.jsonl"
    if ecb.exists():
        shutil.copy(ecb, scratch / "ecbplus.jsonl")
        found["ecbplus"] = scratch / "ecbplus.jsonl"
    else:
        print(f"skipping ECB+: {ecb} not found", file=sys.stderr)
    if (DATA / "allsides" / "articles.jsonl.gz").exists():
        path = scratch / "allsides.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for number, record in enumerate(allsides_records()):
                if number >= allsides:
                    break
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        found["allsides"] = path
    else:
        print("skipping allsides: ../shared/data/allsides not found", file=sys.stderr)
    return found


def ecb_topics(source: Path, scratch: Path) -> list[Path]:
    """The ECB+ file cut into one JSONL file per topic (each briefed as one story)."""
    topics: dict[str, list[str]] = defaultdict(list)
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip():
            topics[str(json.loads(line)["topic"])].append(line)
    paths = []
    for topic, lines in sorted(topics.items()):
        path = scratch / f"ecbplus-topic-{topic}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def record(out: Path, *, allsides: int, jobs: int) -> None:
    """Write every output for every corpus under ``out``."""
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for name, source in corpora(scratch, allsides).items():
            print(f"{name}: extract, cluster, brief, ingest, export", file=sys.stderr)
            target = out / name
            target.mkdir(exist_ok=True)
            run = functools.partial(newsweave, cwd=scratch)
            for fmt in ("txt", "json"):
                run("extract", source.name, "--out-dir", str(target / f"extract-{fmt}"),
                    "--format", fmt)  # fmt: skip
            run("cluster", source.name, "--out", str(target / "cluster.jsonl"))
            briefed = ecb_topics(source, scratch) if name == "ecbplus" else [source]
            if name != "allsides":  # 2,000 unrelated articles are no story; export briefs them
                for path in briefed:
                    for fmt in ("json", "md"):
                        run("brief", path.name, "--format", fmt,
                            stdout=target / f"brief-{path.stem}.{fmt}")  # fmt: skip
            db = f"{name}.db"
            run("--db", db, "ingest", source.name)
            run("--db", db, "stories", "--json", stdout=target / "stories.jsonl")
            for fmt in EXPORT_FORMATS:
                run("--db", db, "export", "--format", fmt, "--jobs", str(jobs),
                    "--out", str(target / f"export.{fmt}"))  # fmt: skip
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST")
    manifest = "".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(out)}\n" for p in files
    )
    (out / "MANIFEST").write_text(manifest, encoding="utf-8")
    print(f"{len(files)} files written under {out}", file=sys.stderr)


def _manifest(folder: Path) -> dict[str, str]:
    lines = (folder / "MANIFEST").read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split("  ", 1) for line in lines)}


def first_difference(a: Path, b: Path) -> str:
    """Where two text outputs first differ, as ``line N: ... | ...``."""
    left = a.read_text(encoding="utf-8", errors="replace").splitlines()
    right = b.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, (x, y) in enumerate(zip(left, right, strict=False), start=1):
        if x != y:
            return f"line {number}: {x[:160]!r} | {y[:160]!r}"
    return f"lengths {len(left)} and {len(right)} lines"


def compare(before: Path, after: Path, ignore: list[str]) -> int:
    """Print every output that differs between two runs; the number of differences."""
    old, new = _manifest(before), _manifest(after)
    differing = 0
    shown = 40
    for path in sorted(set(old) | set(new)):
        if any(part in path for part in ignore):
            continue
        if path not in old or path not in new:
            differing += 1
            if differing <= shown:
                print(f"only in {'after' if path in new else 'before'}: {path}")
        elif old[path] != new[path]:
            differing += 1
            if differing <= shown:
                print(f"differs: {path}: {first_difference(before / path, after / path)}")
    if differing > shown:
        print(f"... and {differing - shown} more")
    compared = sum(1 for p in set(old) | set(new) if not any(part in p for part in ignore))
    print(f"{compared - differing} of {compared} outputs byte-identical, {differing} differ")
    return differing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="where to write the outputs")
    parser.add_argument("--against", type=Path, help="an earlier run's --out to compare with")
    parser.add_argument("--ignore", action="append", default=[], help="skip paths containing this")
    parser.add_argument("--allsides", type=int, default=2000, help="allsides articles to use")
    parser.add_argument("--jobs", type=int, default=2, help="export --jobs")
    args = parser.parse_args()
    record(args.out, allsides=args.allsides, jobs=args.jobs)
    if args.against is not None and compare(args.against, args.out, args.ignore):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
