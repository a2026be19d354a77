"""List every disagreement the brief gives for each story of the AllSides read slices.

For reading by hand, before and after a change to the disagreement steps
(issue 17): full briefs of every story with at least ``--min-articles`` articles,
each listed disagreement with its versions and the sentence each version cites.

The slices are the ones the fact-checkers' reads used: the first 600 AllSides
articles (sorted by date, then ID) from a start date on, ingested with story
assignment as ``newsweave ingest`` does.  Each slice's database is built once
and cached under ``--cache`` (default: ``$XDG_CACHE_HOME/newsweave-reads`` or
``~/.cache/newsweave-reads``, never the repository), keyed by the slice and by
a digest of the code that decides articles and stories, so other code builds
its own.  The same data and code give the same database.

The known real conflicts of each slice (found by reading, ``tests/data/
disagree-reads.jsonl``: sentence references as in ``allsides_read.ref``, over
the AllSides ID) are looked up among the listed ones: a conflict is found when
two versions of one listed disagreement cite sentences of two of its sides.
Listed ones read and found false are labelled too (``"kind": "false"``), so
each run prints how many listed are known real, known false and unlabelled.

Run: ``.venv/bin/python benchmarks/eval_disagree_read.py [--slice r21] [--min-articles 3]``
(every slice by default; ``--slice NAME=YYYY-MM-DD`` adds one; ``DB`` arguments read
existing databases instead).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from allsides_read import DEFAULT_DATA, ref
from newsweave.brief.build import build_brief
from newsweave.code_digest import source_digest
from newsweave.store import open_store

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "disagree-reads.jsonl"
SLICES = {"r19": "2015-09-01", "r20": "2014-08-01", "r21": "2014-10-01", "r22": "2014-12-01"}
"""The reads' slices: name -> first date (README, "What a fact-checker finds")."""
COUNT = 600
INGEST_CODE = (
    "text.py",
    "hashing.py",
    "models.py",
    "config.py",
    "defaults.toml",
    "cluster",
    "dedup",
    "extract",
    "ingest",
    "pipeline",
    "store",
)
"""What decides the stored articles and their stories: the cache key's code part."""


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsweave-reads"


def slice_records(data: Path, start: str, count: int = COUNT) -> list[dict[str, Any]]:
    """The first ``count`` AllSides articles dated ``start`` or later, by (date, ID),
    with their fields named as ``newsweave ingest`` reads them."""
    rows = []
    with gzip.open(data / "allsides" / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            if (r.get("date") or "") >= start:
                rows.append(r)
    rows.sort(key=lambda r: (r["date"], r["ID"]))
    return [
        {
            "id": r["ID"],
            "url": r.get("url"),
            "source": r.get("source"),
            "title": r.get("title"),
            "text": r.get("content_original") or "",
            "published": r["date"],
        }
        for r in rows[:count]
    ]


def build_db(data: Path, name: str, start: str, cache: Path, *, rebuild: bool = False) -> Path:
    """The cached database of slice ``name`` (built first when missing)."""
    digest = source_digest(resources.files("newsweave"), INGEST_CODE)
    db = cache / f"{name}-{start}-{COUNT}-{digest}.db"
    if db.exists() and not rebuild:
        return db
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        jsonl = Path(work) / "slice.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for record in slice_records(data, start):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        config = Path(work) / "config.toml"
        config.write_text("", encoding="utf-8")  # the packaged defaults, whatever the user set
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWEAVE_")}
        env["NEWSWEAVE_CONFIG"] = str(config)
        built = Path(work) / "r.db"
        command = "from newsweave.cli import main; main()"
        subprocess.run(
            [sys.executable, "-c", command, "--db", str(built), "ingest", str(jsonl)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        built.replace(db)
    return db


def load_labels(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _matches(listed: list[set[str]], sides: list[list[str]]) -> bool:
    """Whether two versions of a listed disagreement cite sentences of two different
    sides of a label."""
    for i, first in enumerate(listed):
        for second in listed[i + 1 :]:
            for a, one in enumerate(sides):
                for b, other in enumerate(sides):
                    if a != b and first & set(one) and second & set(other):
                        return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dbs", nargs="*", help="existing databases to read instead")
    parser.add_argument("--slice", action="append", default=[], help="NAME or NAME=YYYY-MM-DD")
    parser.add_argument("--min-articles", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=default_cache())
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args()
    targets: list[tuple[str, Path]] = [(db, Path(db)) for db in args.dbs]
    ids: dict[str, str] = {}  # an article's address -> its AllSides ID, for the labels
    if not targets:
        if not (args.data / "allsides" / "articles.jsonl.gz").is_file():
            raise SystemExit(f"no allsides articles under {args.data}")
        wanted = args.slice or list(SLICES)
        for item in wanted:
            name, _, start = item.partition("=")
            start = start or SLICES[name]
            ids.update((r["url"], r["id"]) for r in slice_records(args.data, start) if r["url"])
            targets.append(
                (name, build_db(args.data, name, start, args.cache, rebuild=args.rebuild))
            )
    labels = load_labels(args.labels)
    total = 0
    found: set[int] = set()
    marks: Counter[str] = Counter()
    for name, db in targets:
        with open_store(db) as store:
            stories = list(store.iter_stories(order="largest"))
            for story in sorted(stories, key=lambda s: s.id):
                articles = store.story_articles(story.id)
                if len(articles) < args.min_articles:
                    continue
                label_id = {a.id: ids.get(a.url or "", a.id) for a in articles}
                brief = build_brief(story.id, articles)
                for item in brief.disagreements:
                    total += 1
                    sides = [
                        {ref(label_id[c.article_id], c.text) for c in cites}
                        for _, cites in item.versions
                    ]
                    hits = [n for n, label in enumerate(labels) if _matches(sides, label["sides"])]
                    kinds = {labels[n].get("kind", "real") for n in hits}
                    kind = "false" if kinds == {"false"} else "real" if kinds else "unlabelled"
                    marks[kind] += 1
                    found.update(n for n in hits if labels[n].get("kind", "real") == "real")
                    notes = "; ".join(labels[n]["note"] for n in hits)
                    print(f"== {name} {story.id} ({len(articles)} articles): {item.topic}")
                    print(f"   label: {kind}{' (' + notes + ')' if notes else ''}")
                    for label, cites in item.versions:
                        for cite in cites:
                            key = ref(label_id[cite.article_id], cite.text)
                            print(f"   [{label}] {key} {cite.outlet}: {cite.text[:200]}")
    print(
        f"disagreements listed: {total} (real {marks['real']}, false {marks['false']}, "
        f"unlabelled {marks['unlabelled']})"
    )
    names = {name for name, _ in targets}
    known = [
        n
        for n, label in enumerate(labels)
        if label["read"] in names and label.get("kind", "real") == "real"
    ]
    if known:
        print(f"known real conflicts found: {len(found & set(known))} of {len(known)}")
        for n in known:
            state = "found " if n in found else "missed"
            print(f"   {state} {labels[n]['read']}: {labels[n]['note']}")


if __name__ == "__main__":
    main()
