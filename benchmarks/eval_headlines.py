"""Headline choice against hand labels: is the title a story shows an event headline?

``tests/data/headline-labels.jsonl`` (see ``tests/data/README.md``) holds 59
multi-article stories of the judged AllSides stream (``story-judgments/``, as
``newsweave cluster`` grouped them on main at b511e61), each with the member
article ids and those whose title was labelled an acceptable event headline (a
news title describing the story's event; not an opinion piece's title, an
explainer, a question, a caption or a quote).  The labels were made by reading
the titles, outlets and URL paths before any rule's pick was looked at.

The rule (:func:`newsweave.cluster.headline.headline_choice`, the one every view
shows through the clusterer) picks one member per story; accuracy is the share of
stories whose pick is acceptable, over the stories with at least one acceptable
title.  Tune = even story numbers, check = odd.  Printed beside two references of
the same run: the member closest to the centroid (no title signals) and the
first member (arrival order).

Run: ``nice .venv/bin/python benchmarks/eval_headlines.py [--show]`` (``--show``
prints each wrong pick with the acceptable titles, for reading).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path

from newsweave.cluster.features import (
    DocumentFrequencies,
    FeatureOptions,
    count_features,
    dot,
    weigh,
)
from newsweave.cluster.headline import headline_choice
from newsweave.cluster.state import StoryState, accumulate
from newsweave.config import Settings
from newsweave.extract import extract_each
from newsweave.ingest import read_inputs
from newsweave.models import Article

ROOT = Path(__file__).resolve().parents[1]
STREAM = ROOT.parent / "shared" / "data" / "story-judgments" / "allsides-2020.jsonl.gz"
LABELS = ROOT / "tests" / "data" / "headline-labels.jsonl"

Rule = Callable[[Sequence[Article]], int | None]


def load(labels: Path = LABELS, stream: Path = STREAM) -> list[tuple[int, list[Article], set[str]]]:
    """Each labelled story: its number, its articles (extracted as ``ingest`` does,
    in stream order) and the ids of the acceptable ones."""
    stories = [json.loads(line) for line in labels.read_text("utf-8").splitlines() if line]
    wanted = {article for story in stories for article in story["articles"]}
    found: dict[str, Article] = {}
    for item, result in extract_each(read_inputs([str(stream)], settings=Settings())):
        if isinstance(result, Article) and item is not None and item.record_id in wanted:
            found[item.record_id] = result
    return [
        (
            story["story"],
            [found[a] for a in story["articles"]],
            {found[a].id for a in story["acceptable"]},
        )
        for story in stories
    ]


def closest(articles: Sequence[Article]) -> int | None:
    """Reference: the member closest to the centroid, whatever its title."""
    options = FeatureOptions()
    story = StoryState(id="", article_ids=[], centroid={})
    vectors = []
    for article in articles:
        found = count_features(article, options=options)
        vector = weigh(found, DocumentFrequencies(), max_terms=options.max_terms)
        accumulate(story, vector, found.names)
        vectors.append(vector)
    norm = math.sqrt(story.norm_sq) or 1.0
    scores = [dot(v, story.centroid) / norm for v in vectors]
    return max(range(len(scores)), key=lambda n: (scores[n], -n)) if scores else None


def first(articles: Sequence[Article]) -> int | None:
    """Reference: the first member."""
    return 0 if articles else None


def accuracy(
    stories: list[tuple[int, list[Article], set[str]]], rule: Rule, *, parity: int | None
) -> tuple[float, int, list[tuple[int, Article, list[Article]]]]:
    """Share of the stories (``parity``: even 0, odd 1, all ``None``) with an
    acceptable title whose pick is acceptable; the count; the wrong picks."""
    right = total = 0
    wrong = []
    for number, articles, good in stories:
        if not good or (parity is not None and number % 2 != parity):
            continue
        total += 1
        chosen = rule(articles)
        if chosen is not None and articles[chosen].id in good:
            right += 1
        else:
            picked = articles[chosen] if chosen is not None else articles[0]
            wrong.append((number, picked, [a for a in articles if a.id in good]))
    return (right / total if total else math.nan), total, wrong


def clustered_accuracy(
    stories: list[tuple[int, list[Article], set[str]]], stream: Path = STREAM
) -> tuple[list[tuple[int, bool]], list[tuple[int, str, list[str]]]]:
    """The clusterer's own headlines: the whole stream through the assigner (as
    ``newsweave cluster``), then for each labelled story the story holding most of
    its members.  A headline that is the cleaned title of one of the labelled
    members is right when that member is acceptable; a headline from outside the
    labelled members is not counted.  Returns ``(story number, right)`` and the
    wrong ones ``(number, headline, acceptable titles)``."""
    from collections import Counter

    from newsweave.cluster.assign import StoryAssigner
    from newsweave.cluster.titles import clean_title

    assigner = StoryAssigner()
    for _item, result in extract_each(read_inputs([str(stream)], settings=Settings())):
        if isinstance(result, Article):
            assigner.assign(result)
    scored: list[tuple[int, bool]] = []
    wrong: list[tuple[int, str, list[str]]] = []
    for number, articles, good in stories:
        if not good:
            continue
        where = Counter(assigner.story_of(a.id) for a in articles).most_common(1)[0][0]
        story = assigner.story(where)
        outlets = [a.outlet for a in articles if a.outlet]
        titled = {
            (clean_title(a.title, outlets=outlets) or a.title): a.id in good
            for a in articles
            if a.title
        }
        if story.headline not in titled:
            continue
        scored.append((number, titled[story.headline]))
        if not titled[story.headline]:
            wrong.append(
                (number, story.headline or "", [a.title or "" for a in articles if a.id in good])
            )
    return scored, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print the wrong picks")
    args = parser.parse_args()
    stories = load()
    print(f"{len(stories)} labelled stories, {sum(1 for s in stories if not s[2])} without")
    print("an acceptable title (left out); accuracy tune (even) / check (odd) / all:")
    for name, rule in (("headline rule", headline_choice), ("closest", closest), ("first", first)):
        figures = [accuracy(stories, rule, parity=p) for p in (0, 1, None)]
        shown = " / ".join(f"{a:.3f} ({n})" for a, n, _ in figures)
        print(f"  {name:<14} {shown}")
        if args.show and rule is headline_choice:
            for number, picked, good in figures[2][2]:
                print(f"    {number}: picked {picked.title!r} [{picked.url}]")
                for article in good[:3]:
                    print(f"        ok: {article.title!r}")
    scored, wrong = clustered_accuracy(stories)
    parts = []
    for parity in (0, 1, None):
        picked = [right for n, right in scored if parity is None or n % 2 == parity]
        parts.append(f"{sum(picked) / max(1, len(picked)):.3f} ({len(picked)})")
    print(f"  {'as clustered':<14} {' / '.join(parts)}  (the clusterer's headline, stream IDF)")
    if args.show:
        for number, headline, good_titles in wrong:
            print(f"    {number}: headline {headline!r}")
            for title in good_titles[:3]:
                print(f"        ok: {title!r}")


if __name__ == "__main__":
    main()
