"""Timeline entries of real multi-outlet briefs, against reading labels: right / total.

Six AllSides stories of June to August 2015 (``../shared/data/allsides/``), a period
no other labelled sample or read takes; each story is the article set a scratch
ingest of that quarter's 649 articles clustered together, kept whole (an off-story
article's entries count as wrong, as a fact-checker's read counts them).  The labels
(``tests/data/timeline-labels-allsides.jsonl``, see ``tests/data/README.md``) say of
each entry that a brief of main (daa64fb) showed: whether it is an event of the story,
and the dates a reader takes as right for it, each with whether the event was still to
come (planned) when its source was written (``ok``: ``[date, planned]`` pairs); the
evidence is in the labeller's own words (``note``).

An entry is matched to a label by its date and any of its cited sentences
(``<article id>:<10 hex digits of SHA-1 over the sentence's words>``): the label's
sentences include one the entry cites, and the entry's date is the labelled date or a
date of ``ok``.  An entry matched to a label that is no event of the story is wrong
under any date; one that is an event is right when its date and planned mark are a
pair of ``ok``.  Printed per half (story number even: tune, odd: check): entries,
labelled, right, and why the others are wrong (off the story, date, planned); entries
matched to no label are listed for labelling.

Run: ``.venv/bin/python benchmarks/eval_timeline_read.py [--dump] [--sentences N]
[--reference-src ../main/src]``.  ``--dump`` prints every entry with its label;
``--sentences N`` every sentence of story ``N``; ``--reference-src`` also prints the
figures of another checkout's ``src`` in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import allsides_read
from allsides_read import DEFAULT_DATA, ROOT, half, key, ref

LABELS = ROOT / "tests" / "data" / "timeline-labels-allsides.jsonl"
STORIES: dict[int, tuple[str, ...]] = {
    # A TV crew shot on air in Virginia (2015-08-26).
    0: ("CE055TE94gmWWAMv", "1Cr0rPZy88ja0ouI", "RIf2o5kfNI3uKYio", "AMb3cXsYumMRfm8p",
        "YkCoa35Q93JmmPPL"),
    # The shootings at two military sites in Chattanooga (2015-07-16).
    1: ("qpikf8D5LjV0zdVX", "F5PN2FyiHz0gjzMQ", "Cv9m6nTZvMUdJP0h", "qDCAeoCshhQhuKBM"),
    # The US embassy in Havana reopened (2015-08-14).
    2: ("2ojPww4jrS3qS6cz", "i5mGrYXWrCd6L5Sl", "8EFl8Z0cjgKKTvkX", "WdUkEjK6cpNVVAsU"),
    # The Supreme Court upholds the health-law subsidies (2015-06-25).
    3: ("qMBLC1gghNZ118Kb", "avgTs7zU1n5fweGG", "I4qhk3ax5QpYblP8", "EGVDB5jtRpNpVAqV"),
    # The theft of federal employees' records from OPM, blamed on China (2015-06-04).
    4: ("WZ6GMz978pu6SVXp", "rPmiKoe4OMn4IEUK", "i917YA24euHR9rkU"),
    # Trump's remarks on Megyn Kelly after the first debate (2015-08-07).
    5: ("e4wjw90GiRzIxRBt", "oN8RAU0btzs3wAki", "lPh3GyNRNpu5YBlP", "54ntftXGkJl108jo"),
}  # fmt: skip


def read_labels(path: Path) -> list[dict[str, Any]]:
    """The label lines of ``path`` (lines that are no JSON object, the header, skipped)."""
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if "story" in row:
                rows.append(row)
    return rows


def _match(labels: list[dict[str, Any]], refs: set[str], when: str) -> dict[str, Any] | None:
    for label in labels:
        if not refs & set(label["refs"]):
            continue
        if not label["event"] or when == label["date"] or when in {d for d, _ in label["ok"]}:
            return label
    return None


def data_digest(data: Path = DEFAULT_DATA, labels_path: Path = LABELS) -> str:
    """16 hex digits of SHA-256 over the labels file and the stories' articles."""
    return allsides_read.data_digest(data, labels_path, STORIES)


def verdict(label: dict[str, Any], when: str, planned: bool) -> str:
    """``right``, else why not: ``off`` (no event of the story), ``date``, ``planned``."""
    if not label["event"]:
        return "off"
    if [when, planned] in label["ok"]:
        return "right"
    return "planned" if when in {d for d, _ in label["ok"]} else "date"


def score(
    data: Path = DEFAULT_DATA, labels_path: Path = LABELS, *, dump: bool = False
) -> dict[str, Counter[str]]:
    """Per half, counts: ``entries``, ``labelled``, ``right``, ``off``, ``date``, ``planned``."""
    from newsweave.brief.build import build_brief

    labels = read_labels(labels_path) if labels_path.exists() else []
    result: dict[str, Counter[str]] = {"tune": Counter(), "check": Counter()}
    for number, articles in allsides_read.load_stories(data, STORIES).items():
        counts = result[half(number)]
        brief = build_brief(f"t22-{number}", articles)
        mine = [label for label in labels if label["story"] == number]
        if dump:
            print(f"\n=== story {number} ({half(number)}): {brief.headline}")
        for entry in brief.timeline:
            refs = {ref(c.article_id, c.text) for c in entry.citations}
            label = _match(mine, refs, entry.date)
            counts["entries"] += 1
            mark = "?"
            if label is not None:
                counts["labelled"] += 1
                mark = verdict(label, entry.date, entry.planned)
                counts[mark] += 1
            if dump or label is None:
                flag = " planned" if entry.planned else ""
                print(f"{mark:8} {number} {entry.date}{flag} rank {entry.rank}: {key(entry.text)}")
                for c in entry.citations:
                    article = next(a for a in articles if a.id == c.article_id)
                    stamp = article.published.strftime("%a %Y-%m-%d") if article.published else "-"
                    print(f"         [{c.outlet} {stamp}] {ref(c.article_id, c.text)}")
    return result


def print_sentences(data: Path, number: int) -> None:
    def heading(a: Any) -> str:
        stamp = a.published.strftime("%a %Y-%m-%d") if a.published else "-"
        return f"[{a.outlet}] {stamp}"

    allsides_read.print_sentences(allsides_read.load_stories(data, STORIES)[number], heading)


def _report(result: dict[str, Counter[str]], name: str) -> None:
    for part in ("tune", "check"):
        c = result[part]
        print(
            f"{name} {part}: right {c['right']} of {c['entries']} entries"
            f" (labelled {c['labelled']}; wrong: off the story {c['off']}, date {c['date']},"
            f" planned {c['planned']})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--dump", action="store_true")
    parser.add_argument("--sentences", type=int, default=None)
    parser.add_argument("--reference-src", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not (args.data / "allsides" / "articles.jsonl.gz").is_file():
        raise SystemExit(f"no allsides articles under {args.data}")
    if args.sentences is not None:
        print_sentences(args.data, args.sentences)
        return
    started = datetime.now()
    result = score(args.data, args.labels, dump=args.dump)
    if args.json:
        print(json.dumps({part: dict(c) for part, c in result.items()}))
        return
    print(f"data digest {data_digest(args.data, args.labels)}")
    _report(result, "this checkout")
    if args.reference_src is not None:
        env = dict(os.environ, PYTHONPATH=str(args.reference_src.resolve()))
        command = [sys.executable, __file__, "--json", "--data", str(args.data)]
        command += ["--labels", str(args.labels)]
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        reference = json.loads(out.stdout.strip().splitlines()[-1])
        _report({p: Counter(c) for p, c in reference.items()}, f"reference {args.reference_src}")
    print(f"({(datetime.now() - started).total_seconds():.1f} s)")


if __name__ == "__main__":
    main()
