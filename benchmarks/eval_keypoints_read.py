"""Key points of real multi-outlet briefs and their "N of M", against reading labels.

Six AllSides stories of July to September 2019 (``../shared/data/allsides/``), a
period no other labelled sample reads; each story is the article set a scratch
ingest of that quarter clustered together, with articles on another event left
out.  The labels (``tests/data/keypoints-allsides.jsonl``, see
``tests/data/README.md``) list, per story, facts found by reading every article:
the sentences (by reference) of each article that state the fact in any words,
and whether it is a main fact of the story (most outlets report it, the event
itself rather than background, a caption, a quote of a view or a detail).

A key point is matched to the fact whose sentences include its own sentence; its
true N is the number of independent sources (the brief's own units) with a
sentence stating the fact.  Printed per half (story number even: tune, odd:
check, sealed while tuning):

* key points listed, labelled (matched to a fact), with N right (equal to the
  true N), under, over, and no fact at all (page clutter, a caption);
* key points that are main facts (and how many of those have N right), and main
  facts some key point states;
* key points whose text does not read alone (:func:`self_contained`: a stray
  quotation mark, an opening pronoun, a quotation with no speaker named).

Run: ``.venv/bin/python benchmarks/eval_keypoints_read.py [--dump] [--sentences N]``.
``--dump`` prints every key point with its count, its label and the true
count; ``--sentences N`` prints every sentence of story ``N`` with its reference,
for labelling by reading.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import allsides_read
from allsides_read import DEFAULT_DATA, ROOT, half, ref
from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.brief.keypoints import KeyPointOptions
from newsweave.models import Article

LABELS = ROOT / "tests" / "data" / "keypoints-allsides.jsonl"
NOT_FACTS = ("clutter", "caption")
_POINTING = {
    "he",
    "she",
    "it",
    "they",
    "his",
    "her",
    "its",
    "their",
    "him",
    "them",
    "this",
    "these",
    "those",
    "that",
    "i",
    "we",
    "my",
    "our",
}
_CLOSE = re.compile(r"[’'\"”»](?=[\s,.;:!?—–-]|$)")


def self_contained(text: str) -> bool:
    """Whether a key point's text reads alone, by a reader's rules kept apart from the
    brief's: its double quotation marks pair up; it does not open with a pronoun that
    points back ("It is ...", "I thank ..."); a text opening with a quotation mark names
    who speaks after the quotation (at least two words, not a pronoun: "..., they
    added" does not)."""
    t = text.strip()
    if not t:
        return False
    if t.count("“") != t.count("”") or t.count('"') % 2:
        return False
    if t[0] in "'‘\"“«":
        closes = list(_CLOSE.finditer(t, 1))
        if not closes:
            return False
        rest = re.findall(r"[A-Za-z]+", t[closes[-1].end() :])
        return len(rest) >= 2 and rest[0].lower() not in _POINTING
    first = re.findall(r"[A-Za-z]+", t)
    return bool(first) and first[0].lower() not in _POINTING


"""Labels of sentences that state no fact of the story: never a right key point."""
STORIES: dict[int, tuple[str, ...]] = {
    # story number (even tune, odd check): its AllSides article IDs
    0: ("JqRmGPf459IjNRx0", "5dn84emWs4nsvBrO", "sbz76n9REH4S0lDu", "G666vgNg0n13uK4k",
        "aM4JgUoYFtFG7Awj"),
    1: ("CNsZvOaOS5btY52d", "gKFSmebecuzHXvMM", "tME8J8MQTw0DFbjn", "nGBZSOjpaOQ3Ph8v"),
    2: ("nB1nFxMHw6564BFP", "iomDfDbywjVAroIK", "13ck8CbteU2uOiuS", "QmMvvF4aatmzCOCf",
        "6xMTZOAb4YWjKaXT", "qTjSXcmdxfdyCrOu"),
    3: ("gLDl27FHWZZZz9dE", "u0uQMYX1FG2t7BJx", "WdBTPY9SBRsgVSNy", "miRGfKfWZKOgHmVR"),
    4: ("kd4nNEBD7O90ZFK7", "3pJ1oj3qTYu8GusK", "JG3k2Bk0Ec1B9Sji", "jdGFFO0dNLUCxb3Y",
        "aM33QCpdG0aDN52v"),
    5: ("wJO1CnXGD4SXWvIm", "l7dKB7ITIM9QzyXW", "RLuGBoY5Lg0iIyum", "xhTkjpeAc4fxadFF",
        "HLc6QLbUIUTFP187"),
}  # fmt: skip


def load_stories(data: Path) -> dict[int, list[Article]]:
    """The articles of every story in :data:`STORIES`, in the order listed."""
    return allsides_read.load_stories(data, STORIES)


def data_digest(data: Path, labels_path: Path = LABELS) -> str:
    """16 hex digits of SHA-256 over the labels file and the stories' articles."""
    return allsides_read.data_digest(data, labels_path, STORIES)


def read_labels(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _units(articles: list[Article]) -> dict[str, str]:
    """Each article's independent source, as the brief counts them."""
    story = StoryAlignment(StoryDoc.from_articles(articles))
    return {a.id: story.sources[k] for k, a in enumerate(articles)}


def score(
    data: Path = DEFAULT_DATA,
    labels_path: Path = LABELS,
    *,
    dump: bool = False,
    dump_half: str | None = None,
    options: KeyPointOptions | None = None,
) -> dict[str, Counter[str]]:
    """Per half, counts: ``listed``, ``labelled``, ``right``, ``under``, ``over``,
    ``not_fact``, ``main_points`` (key points stating a main fact), ``main_right`` (of
    those, N right), ``main_facts``, ``main_found``, ``not_alone`` (key points whose text
    does not read alone, :func:`self_contained`)."""
    labels = read_labels(labels_path) if labels_path.exists() else []
    facts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in labels:
        facts[r["story"]].append(r)
    result: dict[str, Counter[str]] = {"tune": Counter(), "check": Counter()}
    for number, articles in load_stories(data).items():
        counts = result[half(number)]
        units = _units(articles)
        brief = build_brief(
            f"k17-{number}", articles, options=BriefOptions(key_points=options or KeyPointOptions())
        )
        show = dump and dump_half in (None, half(number))
        by_ref: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for fact in facts[number]:
            for ref_ in fact["refs"]:
                by_ref[ref_].append(fact)
        found: set[str] = set()
        if show:
            print(f"\n=== story {number} ({half(number)}): {brief.headline}")
        for point in brief.key_points:
            first = point.support[0]
            claim = ref(first.article_id, first.text)
            matched = by_ref.get(claim, [])
            counts["listed"] += 1
            counts["not_alone"] += not self_contained(point.text)
            true_n = None
            if matched:
                counts["labelled"] += 1
                found.update(fact["fact"] for fact in matched)
                # A sentence stating several facts: a source states it when it states all.
                stating = set.intersection(
                    *({units[r.partition(":")[0]] for r in fact["refs"]} for fact in matched)
                )
                true_n = len(stating)
                n = point.independent_sources
                if any(fact["why"] in NOT_FACTS for fact in matched):
                    counts["not_fact"] += 1
                else:
                    counts["right" if n == true_n else "under" if n < true_n else "over"] += 1
                main = any(fact["main"] for fact in matched)
                counts["main_points"] += main
                counts["main_right"] += main and n == true_n
            if show:
                names = "+".join(fact["fact"] for fact in matched)
                label = f"{names} true {true_n}" if matched else "?"
                if not self_contained(point.text):
                    label += " NOT-ALONE"
                print(
                    f"[{point.independent_sources} of {point.total_sources}"
                    f" +{point.partial_sources}p] {label} {claim}: {allsides_read.key(point.text)}"
                )
                for c in point.support[1:]:
                    mark = "p" if c.partial else "s"
                    text = allsides_read.key(c.text)[:150]
                    print(f"     {mark} [{c.outlet}] {ref(c.article_id, c.text)} {text}")
        mains = {f["fact"] for f in facts[number] if f["main"]}
        counts["main_facts"] += len(mains)
        counts["main_found"] += len(mains & found)
        if show:
            for name in sorted(mains - found):
                print(f"   main fact with no key point: {name}")
    return result


def print_sentences(data: Path, number: int) -> None:
    articles = load_stories(data)[number]
    units = _units(articles)
    allsides_read.print_sentences(
        articles, lambda a: f"[{a.outlet}] unit {units[a.id]} {a.published}"
    )


def main() -> None:
    args = allsides_read.arguments(__doc__.split("\n")[0], LABELS)
    if args.sentences is not None:
        print_sentences(args.data, args.sentences)
        return
    result = score(args.data, args.labels, dump=args.dump, dump_half=args.half)
    print(f"data digest {data_digest(args.data, args.labels)}")
    for name in ("tune", "check"):
        c = result[name]
        print(
            f"key points {name}: listed {c['listed']}, labelled {c['labelled']},"
            f" N right {c['right']} (under {c['under']}, over {c['over']},"
            f" no fact {c['not_fact']});"
            f" main facts among them {c['main_points']} (N right {c['main_right']});"
            f" main facts with a key point {c['main_found']} of {c['main_facts']};"
            f" not self-contained {c['not_alone']}"
        )


if __name__ == "__main__":
    main()
