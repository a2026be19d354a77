"""Timeline17 (``../shared/data/t17-dev``): newsweave's timeline scored as the T17 papers score one.

Protocol (the data README): each topic's articles are given at once (the folder a
file sits in is its publication date); the predicted timeline keeps as many dates
as the gold has (T) and the gold's mean number of sentences per date (k, rounded
as news-tls rounds it); it is scored with tilse's ``align_date_content_costs_many_to_one``
ROUGE-1/-2 F1 and date F1 (:mod:`newsweave.evaluation`), averaged over topics.

Cutting newsweave's timeline: only entries dated to a day count; days are taken in
the order of their best entry (:attr:`TimelineEntry.rank`, 1 = most important; a
checkout without ranks orders entries by their number of citing sentences, as the
data README's reference figure did), the first T days, each with its first k entries.

Rows printed, all measured in the same run:

* ``newsweave``: this checkout;
* ``reference``: another checkout's ``src`` (``--reference-src``, e.g. ``../main/src``),
  run in a subprocess and cut the same way;
* ``pub-dates``: the T most frequent publication dates, each with the first
  sentence of its first article (the data README's baseline).

Topics are split in halves by their position in name order: even positions tune,
odd positions check (``H1N1_bbc``, ``H1N1_reuters``, ``bpoil_bbc``, ``bpoil_guardian``,
``bpoil_washingtonpost`` tune on the dev set).  Several topics share a story (five
outlets' timelines of one oil spill), so the halves are not independent stories.

Run: ``.venv/bin/python benchmarks/eval_timeline.py [--reference-src ../main/src] [--topics]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "t17-dev"
_SEPARATOR = "--------------------------------"

# The data's text is tokenised (PTB style); newsweave reads news as written.
_DETOKENISE = [
    (re.compile(r"-LRB-"), "("),
    (re.compile(r"-RRB-"), ")"),
    (re.compile(r"-LSB-"), "["),
    (re.compile(r"-RSB-"), "]"),
    (re.compile(r"-LCB-"), "{"),
    (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"`\s*|\s*'(?=\s)"), "'"),
    (re.compile(r"\s+([.,;:!?%)\]])"), r"\1"),
    (re.compile(r"([(\[$])\s+"), r"\1"),
    (re.compile(r"\s+('s|'re|'ve|'ll|'d|n't)\b", re.I), r"\1"),
]


def detokenise(line: str) -> str:
    text = " ".join(line.split())
    for pattern, replacement in _DETOKENISE:
        text = pattern.sub(replacement, text)
    return text


def read_gold(path: Path) -> dict[date, list[str]]:
    """A T17 timeline file as tilse's ``Timeline.from_file`` reads it.

    A date given twice keeps its later block, as there.
    """
    timeline: dict[date, list[str]] = {}
    day: date | None = None
    summary: list[str] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if line == _SEPARATOR:
            if day is not None:
                timeline[day] = [s.strip() for s in "\n".join(summary).strip().split("\n")]
            day, summary = None, []
            continue
        try:
            day = datetime.strptime(line, "%Y-%m-%d").date()
        except ValueError:
            summary.append(line)
    return timeline


def topic_names(data: Path) -> list[str]:
    return sorted(p.name for p in data.iterdir() if (p / "InputDocs").is_dir())


def load_articles(topic: Path) -> list[dict[str, Any]]:
    """The topic's articles in publication then file-number order: ``{id, published, lines}``."""
    articles = []
    for folder in sorted((topic / "InputDocs").iterdir()):
        if not folder.is_dir():  # stray files such as .DS_Store
            continue
        published = datetime.strptime(folder.name, "%Y-%m-%d").date()
        files = sorted(folder.glob("*.txt"), key=lambda p: (len(p.name), p.name))
        for path in files:
            lines = [
                detokenise(line)
                for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
                if line.strip()
            ]
            if lines:
                articles.append(
                    {"id": f"{folder.name}/{path.name}", "published": published, "lines": lines}
                )
    return articles


def newsweave_entries(
    articles: Sequence[dict[str, Any]], overrides: dict[str, Any] | None = None
) -> list[tuple[str, float, str]]:
    """``(ISO date, order key, sentence)`` of each entry (the checkout on ``sys.path``)."""
    from newsweave.brief.doc import StoryDoc
    from newsweave.brief.timeline import build_timeline
    from newsweave.models import Article

    story = [
        Article(
            id=a["id"],
            key=f"t17:{a['id']}",
            title=None,
            body="\n".join(a["lines"]),
            published=datetime.combine(a["published"], datetime.min.time(), tzinfo=UTC),
        )
        for a in articles
    ]
    doc = StoryDoc.from_articles(story)
    from newsweave.brief import timeline

    if "max_entries" in getattr(timeline.TimelineOptions, "__dataclass_fields__", {}):
        # Every ranked entry: the protocol cuts the timeline to the gold's T dates
        # itself, by the same ranks the brief's 30-entry cut uses.
        options = timeline.TimelineOptions(**{"max_entries": None, **(overrides or {})})
        entries = build_timeline(doc, options=options)
    else:
        entries = build_timeline(doc)
    out = []
    for entry in entries:
        rank = getattr(entry, "rank", None)
        key = float(rank) if rank is not None else -float(len(entry.citations))
        out.append((entry.date, key, entry.text))
    return out


def cut(
    entries: Iterable[tuple[str, float, str]], dates: int, per_date: int
) -> dict[date, list[str]]:
    """The first ``dates`` days by their best entry, each with its first ``per_date`` entries."""
    by_day: dict[date, list[tuple[float, int, str]]] = {}
    for position, (iso, key, text) in enumerate(entries):
        if not re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", iso):
            continue
        day = date.fromisoformat(iso[:10])
        by_day.setdefault(day, []).append((key, position, text))
    chosen = sorted(by_day, key=lambda d: (min(by_day[d])[:2], d))[:dates]
    timeline: dict[date, list[str]] = {}
    for day in chosen:
        texts: list[str] = []
        for _, _, text in sorted(by_day[day]):
            if text not in texts:
                texts.append(text)
        timeline[day] = texts[:per_date]
    return timeline


def pub_dates_baseline(articles: Sequence[dict[str, Any]], dates: int) -> dict[date, list[str]]:
    counts = Counter(a["published"] for a in articles)
    chosen = sorted(counts, key=lambda d: (-counts[d], d))[:dates]
    first = {}
    for article in articles:
        first.setdefault(article["published"], article["lines"][0])
    return {day: [first[day]] for day in chosen}


def budget(gold: dict[date, list[str]]) -> tuple[int, int]:
    """T and k of the protocol: the gold's dates and its mean sentences per date (rounded)."""
    return len(gold), round(sum(len(s) for s in gold.values()) / len(gold))


def score(pred: dict[date, list[str]], gold: dict[date, list[str]]) -> tuple[float, ...]:
    from newsweave.evaluation import date_prf, timeline_rouge

    r1 = timeline_rouge(pred, [gold], n=1).f1
    r2 = timeline_rouge(pred, [gold], n=2).f1
    concat = timeline_rouge(pred, [gold], variant="concat", n=1).f1
    return r1, r2, concat, date_prf(pred, [gold]).f1


def data_digest(data: Path) -> str:
    """SHA-256 of the gold timelines' bytes and of every input file's path and size."""
    digest = hashlib.sha256()
    for path in sorted(p for p in data.rglob("*") if p.is_file() and p.name != ".DS_Store"):
        relative = path.relative_to(data).as_posix()
        if "/timelines/" in f"/{relative}":
            digest.update(relative.encode() + b"\0" + path.read_bytes())
        else:
            digest.update(f"{relative}\0{path.stat().st_size}\n".encode())
    return digest.hexdigest()


def newsweave_scores(
    data: Path, topics: Sequence[str], overrides: dict[str, Any] | None = None
) -> dict[str, tuple[float, ...]]:
    """Each topic's (align R1, align R2, concat R1, date F1) for this checkout's timeline."""
    scores = {}
    for name in topics:
        topic = data / name
        gold = read_gold(next((topic / "timelines").glob("*.txt")))
        dates, per_date = budget(gold)
        entries = newsweave_entries(load_articles(topic), overrides)
        scores[name] = score(cut(entries, dates, per_date), gold)
    return scores


def emit(data: Path, topics: Sequence[str]) -> None:
    """Print the checkout's timeline entries of ``topics`` as JSON (for a reference run)."""
    out = {name: newsweave_entries(load_articles(data / name)) for name in topics}
    json.dump(out, sys.stdout)


def reference_entries(src: Path, data: Path, topics: Sequence[str]) -> dict[str, Any]:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
        "import eval_timeline as e; from pathlib import Path;"
        "e.emit(Path(sys.argv[3]), sys.argv[4:])"
    )
    here = str(Path(__file__).resolve().parent)
    run = subprocess.run(
        [sys.executable, "-c", code, here, str(src.resolve()), str(data), *topics],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--reference-src", type=Path, help="another checkout's src/ to compare")
    parser.add_argument("--topics", action="store_true", help="print every topic's scores")
    parser.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a TimelineOptions field for this checkout's run (tuning), e.g. min_words=4",
    )
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no T17 data at {args.data}")
    names = topic_names(args.data)
    overrides = {k: json.loads(v) for k, v in (o.split("=", 1) for o in args.option)}
    systems: dict[str, dict[str, dict[date, list[str]]]] = {"newsweave": {}, "pub-dates": {}}
    reference = (
        reference_entries(args.reference_src, args.data, names) if args.reference_src else None
    )
    if reference is not None:
        systems["reference"] = {}
    golds = {}
    started = time.perf_counter()
    for name in names:
        topic = args.data / name
        gold = read_gold(next((topic / "timelines").glob("*.txt")))
        golds[name] = gold
        dates, per_date = budget(gold)
        articles = load_articles(topic)
        entries = newsweave_entries(articles, overrides)
        systems["newsweave"][name] = cut(entries, dates, per_date)
        systems["pub-dates"][name] = pub_dates_baseline(articles, dates)
        if reference is not None:
            entries = [tuple(e) for e in reference[name]]
            systems["reference"][name] = cut(entries, dates, per_date)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    halves = {"tune": names[0::2], "check": names[1::2], "all": names}
    print(f"T17 dev, {len(names)} topics; tune = even positions, check = odd (name order)")
    head = ("system", "half", "align R1", "align R2", "concat R1", "date F1")
    print("{:<11} {:<6} {:>9} {:>9} {:>10} {:>8}".format(*head))
    for system, timelines in systems.items():
        scores = {name: score(timelines[name], golds[name]) for name in names}
        for half, members in halves.items():
            mean = [sum(scores[n][i] for n in members) / len(members) for i in range(4)]
            print("{:<11} {:<6} {:>9.3f} {:>9.3f} {:>10.3f} {:>8.3f}".format(system, half, *mean))
        if args.topics:
            for name in names:
                s = scores[name]
                print(f"    {name:<22} {s[0]:>9.3f} {s[1]:>9.3f} {s[2]:>10.3f} {s[3]:>8.3f}")
    print(f"(newsweave and baseline timelines built and read in {elapsed:.1f} s)")


if __name__ == "__main__":
    main()
