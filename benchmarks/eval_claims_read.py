"""Single-source claims and disagreements of real multi-outlet briefs, against reading labels.

The stories are AllSides story roundups of the dated stream in
``../shared/data/story-judgments/`` (a query article and the candidates judged
``same`` for it), none of them a story of the support judgments.  The labels
(``tests/data/claims-allsides.jsonl``, see ``tests/data/README.md``) say, for
every single-source claim and disagreement a brief listed (on main as of
2026-12-07, and on the later code), whether a careful reader finds it right:

* a single-source claim is right when it is a checkable statement of fact of the
  story and no other independent article of the story states it, in any words
  (``wrong``: another article states it, or it is opinion, a quote of opinion,
  page clutter or background);
* a disagreement is right when the two sentences give conflicting values of the
  same fact (same thing, same kind of quantity, date or state).

Labels also list real disagreements found by reading (``kind: missed``), so the
share of the real ones the brief finds is printed too.  Stories are split by
their line in the pools file: even lines tune, odd lines check (sealed).

Run: ``.venv/bin/python benchmarks/eval_claims_read.py [--dump] [--data DIR]``.
``--dump`` prints every listed item with its label (``?`` when unlabelled) and,
for a single-source claim, the closest sentences of the other sources, for
labelling new output by reading.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.models import Article, Brief

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "tests" / "data" / "claims-allsides.jsonl"
STORIES = {
    # pools line: the story's half is the line's parity (even tune, odd check)
    4: "tune",
    6: "tune",
    54: "tune",
    56: "tune",
    5: "check",
    17: "check",
    29: "check",
    35: "check",
}


def _key(text: str) -> str:
    return " ".join(text.split())


def load_stories(data: Path) -> dict[int, list[Article]]:
    """The articles of every story in :data:`STORIES`, by pools line."""
    folder = data / "story-judgments"
    with gzip.open(folder / "allsides-2020.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = {r["id"]: r for r in map(json.loads, handle)}
    pools = (folder / "allsides-2020.pools.jsonl").read_text("utf-8").splitlines()
    same: dict[str, list[str]] = defaultdict(list)
    for line in (folder / "allsides-2020.labels.jsonl").read_text("utf-8").splitlines():
        label = json.loads(line)
        if label["label"] == "same":
            same[label["query"]].append(label["candidate"])
    found: dict[int, list[Article]] = {}
    for number in STORIES:
        query = json.loads(pools[number])["query"]
        found[number] = [_article(records[i]) for i in [query, *same[query]]]
    return found


def _article(record: dict[str, Any]) -> Article:
    published = record.get("published")
    return Article(
        id=record["id"],
        key=record["id"],
        title=record.get("title"),
        body=record["text"],
        url=record.get("url"),
        outlet=record.get("source"),
        published=datetime.fromisoformat(published) if published else None,
    )


def ref(article_id: str, text: str) -> str:
    """A sentence's reference in the labels: its article's id and a digest of its words."""
    digest = hashlib.sha1(_key(text).encode("utf-8")).hexdigest()[:10]
    return f"{article_id}:{digest}"


def _digest(reference: str) -> str:
    """The sentence part of a reference: one sentence carried by two articles is one claim."""
    return reference.rpartition(":")[2]


def listed(brief: Brief) -> list[tuple[str, str, str, str, str]]:
    """``(kind, claim ref, evidence ref, claim, evidence)`` of every single-source claim and
    disagreement pair listed (a pair's two sentences in the order of their refs)."""
    items = []
    for point in brief.single_source:
        first = point.support[0]
        items.append(("single_source", ref(first.article_id, first.text), "", first.text, ""))
    for d in brief.disagreements:
        (_, left), (_, right) = d.versions[0], d.versions[-1]
        for a in left:
            for b in right:
                one, two = sorted(
                    ((ref(a.article_id, a.text), a.text), (ref(b.article_id, b.text), b.text))
                )
                items.append(("disagreement", one[0], two[0], one[1], two[1]))
    return items


def _closest(articles: list[Article], claim_ref: str, count: int = 4) -> list[str]:
    """The sentences of other outlets most similar to the claim, for labelling."""
    story = StoryAlignment(StoryDoc.from_articles(articles))
    rows = [
        k for k, s in enumerate(story.sentences) if ref(articles[s.article].id, s.text) == claim_ref
    ]
    if not rows:
        return []
    own = articles[story.sentences[rows[0]].article].outlet
    sims = story.similarity(rows[:1])[0]
    order = sorted(range(len(story)), key=lambda k: -sims[k])
    return [
        f"{sims[k]:.2f} [{articles[story.sentences[k].article].outlet}] {story.sentences[k].text}"
        for k in order
        if articles[story.sentences[k].article].outlet != own
    ][:count]


def read_labels(
    path: Path,
) -> tuple[dict[tuple[int, str, str, str], dict[str, Any]], list[dict[str, Any]]]:
    """(labels of listed items by (story, kind, claim ref, evidence ref), real disagreements)."""
    labels: dict[tuple[int, str, str, str], dict[str, Any]] = {}
    real: list[dict[str, Any]] = []
    for line in path.read_text("utf-8").splitlines():
        r = json.loads(line)
        if (r["kind"] == "disagreement" and r["label"] == "right") or r["kind"] == "missed":
            real.append(r)
        if r["kind"] != "missed":
            labels[(r["story"], r["kind"], _digest(r["claim"]), _digest(r["evidence"]))] = r
    return labels, real


def score(
    data: Path = DEFAULT_DATA, labels_path: Path = LABELS, *, dump: bool = False
) -> dict[str, dict[str, Any]]:
    """Per kind and half: ``listed``, ``right``, ``wrong``, ``unlabelled``, ``why`` (wrong
    ones by reason); per half under ``real``: ``known`` and ``found`` real disagreements.
    With ``dump``, every listed item is printed (see module docs)."""
    labels, real = read_labels(labels_path) if labels_path.exists() else ({}, [])
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    why: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    found_facts: set[tuple[int, str]] = set()
    for number, articles in load_stories(data).items():
        half = STORIES[number]
        brief = build_brief(f"pools-{number}", articles)
        if dump:
            outlets = sorted({a.outlet or "?" for a in articles})
            print(f"\n=== story {number} ({half}), {len(articles)} articles: {', '.join(outlets)}")
            print(f"    {brief.headline}")
        for kind, claim_ref, evidence_ref, claim, evidence in listed(brief):
            label = labels.get((number, kind, _digest(claim_ref), _digest(evidence_ref)))
            verdict = label["label"] if label else "?"
            counts[(kind, half)][verdict] += 1
            if label and verdict == "wrong":
                why[(kind, half)][label.get("why", "")] += 1
            if label and label.get("fact"):
                found_facts.add((number, label["fact"]))
            if dump:
                print(f"[{kind}] {verdict} {claim_ref} {evidence_ref}: {_key(claim)}")
                if evidence:
                    print(f"      vs: {_key(evidence)}")
                if label and label.get("why"):
                    print(f"      why: {label['why']}")
                if kind == "single_source" and verdict == "?":
                    for line in _closest(articles, claim_ref):
                        print(f"      ~ {line}")
    result: dict[str, dict[str, Any]] = {}
    for kind in ("single_source", "disagreement"):
        for half in ("tune", "check"):
            c = counts[(kind, half)]
            result[f"{kind} {half}"] = {
                "listed": sum(c.values()),
                "right": c["right"],
                "wrong": c["wrong"],
                "unlabelled": c["?"],
                "why": dict(why[(kind, half)]),
            }
    for half in ("tune", "check"):
        facts = {(r["story"], r["fact"]) for r in real if STORIES[r["story"]] == half}
        result[f"real {half}"] = {"known": len(facts), "found": len(facts & found_facts)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--dump", action="store_true")
    args = parser.parse_args()
    if not (args.data / "story-judgments").is_dir():
        raise SystemExit(f"no story judgments under {args.data}")
    result = score(args.data, args.labels, dump=args.dump)
    for kind in ("single_source", "disagreement"):
        for half in ("tune", "check"):
            r = result[f"{kind} {half}"]
            labelled = r["right"] + r["wrong"]
            share = f"{r['right'] / labelled:.2f}" if labelled else "-"
            wrong = ", ".join(f"{k} {v}" for k, v in sorted(r["why"].items()))
            print(
                f"{kind} {half}: listed {r['listed']}, right {r['right']} of {labelled}"
                f" labelled ({share}), unlabelled {r['unlabelled']}; wrong: {wrong or '-'}"
            )
    for half in ("tune", "check"):
        r = result[f"real {half}"]
        print(
            f"real disagreements {half}: found {r['found']} of {r['known']}"
            " known (listed and labelled right, or found by reading)"
        )


if __name__ == "__main__":
    main()
