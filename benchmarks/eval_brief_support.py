"""What the briefs of the judged stories claim, read against the support judgments.

The support judgments (``../shared/data/support-judgments/pairs.jsonl``) were
made on briefs of 12 ECB+ dev stories and 8 Multi-News dev clusters.  This
script briefs the same stories with the current code and looks up every pair
the brief now states in the judgments:

* ``summary_citation``: a summary sentence and a sentence of another article it cites;
* ``key_point_support``: a key point and a sentence of another article shown as stating it;
* ``key_point_partial``: a key point and a sentence of another article shown as stating
  it only in part ("partly"): right when judged ``supports`` or ``partial``;
* ``disagreement``: two sentences a listed disagreement sets against each other;
* ``single_source``: a claim listed as single-source, against every judged
  sentence of another article for it (a ``supports`` or ``partial`` one means
  the claim is not single-source).

Also printed: key points whose text does not read alone
(``eval_keypoints_read.self_contained``: a stray quotation mark, an opening
pronoun, a quotation with no speaker), per half of the stories.

Printed per kind and half (tune = even pair numbers, check = odd): how many of
the brief's pairs were judged, and their labels.  Pairs the old brief did not
state were not judged, so this reads precision on the judged part only.  Run it
on another checkout for a reference: ``PYTHONPATH=OTHER/src python
benchmarks/eval_brief_support.py``.

Run: ``.venv/bin/python benchmarks/eval_brief_support.py [--data DIR]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from eval_keypoints_read import self_contained
from newsweave.brief.build import build_brief
from newsweave.models import Article, Brief

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KINDS = (
    "summary_citation",
    "key_point_support",
    "key_point_partial",
    "single_source",
    "disagreement",
)


def stories(data: Path) -> dict[str, list[Article]]:
    """The judged stories' articles, by the judgments' story name."""
    found: dict[str, list[Article]] = defaultdict(list)
    for line in (data / "ecbplus" / "ecbplus-dev.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        found["ecb_" + r["story"]].append(
            Article(id=r["id"], key=r["id"], title=r["title"], body=r["text"], url=r["url"])
        )
    for line in (data / "multinews" / "multinews-dev.jsonl").read_text("utf-8").splitlines():
        r = json.loads(line)
        for a in r["articles"]:
            found["mn_" + r["id"]].append(
                Article(id=str(a["id"]), key=str(a["id"]), title=None, body=a["text"])
            )
    return found


def stated(brief: Brief) -> dict[str, set[tuple[str, str]]]:
    """(claim, evidence) pairs the brief states, by kind (single_source: claim, "")."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for sentence in brief.summary:
        own = sentence.citations[0].article_id if sentence.citations else None
        for c in sentence.citations[1:]:
            if c.article_id != own:
                found["summary_citation"].add((sentence.text, c.text))
    for point in brief.key_points:
        for c in point.support[1:]:
            kind = "key_point_partial" if getattr(c, "partial", False) else "key_point_support"
            found[kind].add((point.text, c.text))
    for point in brief.single_source:
        found["single_source"].add((point.text, ""))
    for disagreement in brief.disagreements:
        for (_, left), (_, right) in combinations(disagreement.versions, 2):
            for a in left:
                for b in right:
                    found["disagreement"].add((a.text, b.text))
                    found["disagreement"].add((b.text, a.text))
    return found


def _key(text: str) -> str:
    return " ".join(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--dump",
        choices=("tune", "check"),
        help="also print the half's stated pairs the judgments label wrong",
    )
    args = parser.parse_args()
    pairs = [
        json.loads(line)
        for line in (args.data / "support-judgments" / "pairs.jsonl")
        .read_text("utf-8")
        .splitlines()
    ]
    judged: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    by_claim: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in pairs:
        judged[(p["story"], _key(p["claim"]), _key(p["evidence"]))].append(p)
        by_claim[(p["story"], _key(p["claim"]))].append(p)
    articles = stories(args.data)
    counts: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    claims: dict[int, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    points = partly = cited = sentences = 0
    wrongs: list[str] = []
    alone: dict[int, Counter[str]] = defaultdict(Counter)
    for number, story in enumerate(sorted({p["story"] for p in pairs})):
        brief = build_brief(story, articles[story])
        for point in brief.key_points:
            alone[number % 2]["key points"] += 1
            alone[number % 2]["not self-contained"] += not self_contained(point.text)
        cited += sum(1 for s in brief.summary if len({c.article_id for c in s.citations}) > 1)
        sentences += len(brief.summary)
        points += len(brief.key_points)
        partly += sum(1 for p in brief.key_points if getattr(p, "partial_sources", 0))
        for kind, items in stated(brief).items():
            totals[kind] += len(items)
            for claim, evidence in items:
                if kind == "single_source":
                    checks = [
                        p
                        for p in by_claim.get((story, _key(claim)), [])
                        if p["kind"] == "single_source_check"
                    ]
                    for p in checks:
                        counts[(kind, p["pair"] % 2)][p["label"]] += 1
                    if checks:
                        # A claim is wrongly single-source when any judged sentence backs it.
                        backed = any(p["label"] in ("supports", "partial") for p in checks)
                        half = checks[0]["pair"] % 2
                        claims[half]["backed" if backed else "not backed"] += 1
                    continue
                # Key-point pairs were judged as key_point_support whether shown in full or partly.
                for p in judged.get((story, _key(claim), _key(evidence)), []):
                    counts[(kind, p["pair"] % 2)][p["label"]] += 1
                    right = {
                        "key_point_partial": ("supports", "partial"),
                        "disagreement": ("contradicts",),
                    }.get(kind, ("supports",))
                    wrong = p["label"] not in right
                    if wrong and args.dump == ("tune", "check")[p["pair"] % 2]:
                        wrongs.append(
                            f"[{kind} {story} pair {p['pair']}: {p['label']}]\n"
                            f"  CLAIM: {claim}\n  CITED: {evidence}"
                        )
    for kind in KINDS:
        print(f"{kind}: {totals[kind]} stated")
        if kind == "summary_citation":
            print(f"  summary sentences: {sentences}, citing another article: {cited}")
        if kind == "key_point_partial":
            print(f"  key points: {points}, with a partly stating source: {partly}")
        for parity, half in ((0, "tune"), (1, "check")):
            labels = counts[(kind, parity)]
            shown = ", ".join(f"{label} {labels[label]}" for label in sorted(labels))
            print(f"  {half}: judged {sum(labels.values())}: {shown or '-'}")
            if kind == "single_source":
                c = claims[parity]
                print(
                    f"    claims with judged sentences: {sum(c.values())}, backed by another"
                    f" article (so not single-source): {c['backed']}"
                )
    for parity, half in ((0, "tune"), (1, "check")):
        c = alone[parity]
        print(
            f"key points that do not read alone, {half} (stories by sorted name, even / odd):"
            f" {c['not self-contained']} of {c['key points']}"
        )
    for line in wrongs:
        print(line)


if __name__ == "__main__":
    main()
