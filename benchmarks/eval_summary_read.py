"""Summaries of real multi-outlet stories against reading labels: readable, dangling, repeat, stale.

Six AllSides stories of January and February 2020 (``../shared/data/allsides/``), a
period no other labelled sample reads; each is the article set a scratch ingest of
600 articles from 2020-01-06 on clustered together (``newsweave ingest``, main at
0f3a420).  The labels (``tests/data/summary-allsides.jsonl``, see
``tests/data/README.md``) judge each summary sentence by reading the story:

* ``label``: ``readable`` (it says what it refers to on its own), ``dangling`` (its
  first words point back to something only an earlier sentence of its article
  says: a pronoun subject, "There", "the statement", "Seven of the 11"; ``needs``
  lists the sentences it reads right after) or ``stale`` (a figure or a status a
  later article of the story gives differently: a toll since raised, "will vote"
  after the vote) or ``clutter`` (a photo caption, page furniture: no sentence of the story);
* ``facts``: short names of the story facts it states, so that a sentence all of
  whose facts an earlier summary sentence states is a repeat.

A summary is scored in its order: a ``dangling`` sentence not shown right after one
of its ``needs`` counts as dangling; else a sentence whose facts are all stated
already counts as redundant; else a ``stale`` one counts as stale; else readable.
A sentence never labelled counts as ``unlabelled`` (label it before trusting a figure).

Printed per half (story number even: tune, odd: check).

Run: ``.venv/bin/python benchmarks/eval_summary_read.py [--dump] [--half H] [--sentences N]``.
``--dump`` prints every summary sentence with its reference, article, date and the
sentence before it in its article; ``--sentences N`` every sentence of story ``N``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import allsides_read
from allsides_read import DEFAULT_DATA, ROOT, half, ref
from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.models import Article

LABELS = ROOT / "tests" / "data" / "summary-allsides.jsonl"
KINDS = ("readable", "dangling", "redundant", "stale", "clutter", "unlabelled")
STORIES: dict[int, tuple[str, ...]] = {
    # story number (even tune, odd check): its AllSides article IDs, in stream order
    0: ("5mBezNnq3KHi89pu", "M4oedI6uXS0zB9dG", "FwF2c1Ql7OIi7Rnu", "MIyhxb8vrpAYIRFu",
        "qjl0FVTOCVppZqH5"),
    1: ("Vf5g6qA20SlLCiym", "G9xoKfZJEfhXiiEb", "rVqww2LWs1cDvzkJ"),
    2: ("3S22Ad1mfGXe91Vl", "9c9KQ0egbuidy5Qi", "QNjowDoQNmm7AdcE", "o6BukcqdiXg6ZiqL",
        "Cou4Tn7mwDFwSJNA"),
    3: ("QpvLUQYflflUrf7J", "HmAfui7QKBhzA2c7", "S9bpSl1F5KmNsWwA", "iJ3t6PWZbf5PSRoX",
        "usSbg4usgG5Vj19q", "jpBnanT7lkCXg7RZ"),
    4: ("VwoeO2Ip3ocONNtu", "cgcIHmjLEBLZP8HN", "gPSoXQ4vIhozUmgN", "vhA8Q8ZxJ5B8RTrA",
        "FkO9IHP9qQjr9Nbx"),
    5: ("SZGLHMy49pfn8F8w", "Cv545EZwEA9OMrZ3", "CwZ2Z7aKTMr4mkKj", "GqnPd5kKuGQHJFoO",
        "PwYuR1TWuWPL5GJu", "AD5X03leXVl8VxYm", "i350OiBsIO5bYhzW", "1zSsKtVdJH19sFnk",
        "VzizQouy1jgDOl67", "aidafKz85Xljy2XM", "hljF1DbDyxT5OJkB"),
}  # fmt: skip


def load_stories(data: Path) -> dict[int, list[Article]]:
    """The articles of every story in :data:`STORIES`, in the order listed."""
    return allsides_read.load_stories(data, STORIES)


def data_digest(data: Path, labels_path: Path = LABELS) -> str:
    """16 hex digits of SHA-256 over the labels file and the stories' articles."""
    return allsides_read.data_digest(data, labels_path, STORIES)


def read_labels(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    lines = path.read_text("utf-8").splitlines()
    return {r["ref"]: r for r in (json.loads(line) for line in lines if line.strip())}


def judge_summary(refs: list[str], labels: dict[str, dict[str, Any]]) -> list[str]:
    """The kind of each summary sentence (by reference, in the order shown)."""
    kinds: list[str] = []
    stated: set[str] = set()
    for number, sentence in enumerate(refs):
        label = labels.get(sentence)
        if label is None:
            kinds.append("unlabelled")
            continue
        facts = set(label.get("facts", ()))
        before = refs[number - 1] if number else None
        if label["label"] == "dangling" and before not in label.get("needs", ()):
            kinds.append("dangling")
        elif facts and facts <= stated:
            kinds.append("redundant")
        elif label["label"] in ("stale", "clutter"):
            kinds.append(label["label"])
        else:
            kinds.append("readable")
        stated |= facts
    return kinds


def score(
    data: Path = DEFAULT_DATA,
    labels_path: Path = LABELS,
    *,
    options: BriefOptions | None = None,
    dump: bool = False,
    dump_half: str | None = None,
) -> dict[str, Counter[str]]:
    """Per half, the count of summary sentences of each of :data:`KINDS`, and ``words``."""
    labels = read_labels(labels_path)
    result: dict[str, Counter[str]] = {"tune": Counter(), "check": Counter()}
    for number, articles in load_stories(data).items():
        brief = build_brief(f"m19-{number}", articles, options=options or BriefOptions())
        doc = StoryDoc.from_articles(articles)
        previous: dict[str, str] = {}
        dates = {a.id: str(a.published.date()) if a.published else "?" for a in articles}
        for k, article in enumerate(articles):
            last = ""
            for s in doc.sentences:
                if s.article == k:
                    previous[ref(article.id, s.text)] = last
                    last = allsides_read.key(s.text)
        refs = [ref(s.citations[0].article_id, s.citations[0].text) for s in brief.summary]
        kinds = judge_summary(refs, labels)
        counts = result[half(number)]
        counts.update(kinds)
        counts["words"] += sum(len(s.text.split()) for s in brief.summary)
        if dump and dump_half in (None, half(number)):
            print(f"\n=== story {number} ({half(number)}): {brief.headline}")
            for sentence, kind, sref in zip(brief.summary, kinds, refs, strict=True):
                cited = sentence.citations[0]
                when = dates.get(cited.article_id, "?")
                print(f"[{kind}] {sref} [{cited.outlet} {when}] {allsides_read.key(sentence.text)}")
                print(f"      before: {previous.get(sref, '')[:200]}")
    return result


def print_sentences(data: Path, number: int) -> None:
    allsides_read.print_sentences(load_stories(data)[number])


def main() -> None:
    args = allsides_read.arguments(__doc__.split("\n")[0], LABELS)
    if args.sentences is not None:
        print_sentences(args.data, args.sentences)
        return
    result = score(args.data, args.labels, dump=args.dump, dump_half=args.half)
    print(f"data digest {data_digest(args.data, args.labels)}")
    for name in ("tune", "check"):
        c = result[name]
        total = sum(c[kind] for kind in KINDS)
        shown = ", ".join(f"{kind} {c[kind]}" for kind in KINDS)
        print(f"summary sentences {name}: {total} ({c['words']} words): {shown}")


if __name__ == "__main__":
    main()
