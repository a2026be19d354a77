"""Disagreements a fact-checker found missed on three real briefs: are they listed now?

The third fact-checker's read of unseen briefs (issue 17, main 6b761e1, AllSides
articles of 2015-09-01 on) found no disagreement listed in any brief while three
real ones existed, each told in other words: the years the Trans-Pacific
Partnership took to negotiate (five / nearly eight), the territory retaken around
Sinjar (more than 150 square kilometres / some 95 square miles) and the Paris
death toll reported over days (at least 127 on 14 November / 132 on 15 November:
an update, not a conflict).  The stories are the article sets that read took
(AllSides IDs below); these three were given as examples to the session that
wrote :mod:`newsweave.brief.figures`, so they are tuning data, not a held-out check.

Printed per story: every disagreement the brief lists with its versions, and
whether each known one is listed (both of its sentences, by reference, in one
listed disagreement; an update must be listed as an update).

Run: ``.venv/bin/python benchmarks/eval_figures_read.py [--data DIR]``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import allsides_read
from allsides_read import DEFAULT_DATA, ref
from newsweave.brief.build import build_brief

STORIES: dict[int, tuple[str, ...]] = {
    0: (  # Trans-Pacific Partnership agreed
        "mw29qcjAOQu2t1tv",
        "a2cLwfD6gb8ZsubT",
        "MENdu2RIeSeifvHA",
        "oS8aa1I1gKWUd6vN",
        "eVdnye9fS3zNZxjM",
        "EwTkBOzqPHIBtVro",
    ),
    1: ("mbeTvl1g8BM5qYs1", "rrw4g9satq6pfQom", "AnlejOvhjtojjTj0"),  # Sinjar retaken
    2: (  # Paris attacks
        "66A4v5YiJztSrzF3",
        "c8nuMj701atUnn2a",
        "jjoQ4NHCPzdvnF40",
        "qFE9xKsqlsCdT2gW",
        "roxxrghOqbdaeYHF",
        "ow8OEdBoFb9iWFBe",
        "1Aba6eI3cx10RYjX",
        "tZ6Z2UHu0OSc74Aq",
    ),
}
KNOWN: tuple[dict[str, Any], ...] = (
    # Each a pair of sentences (by reference) of one real disagreement, and its kind.
    {
        "story": 0,
        "fact": "years of negotiations",
        "kind": "conflict",
        "refs": ("oS8aa1I1gKWUd6vN:", "EwTkBOzqPHIBtVro:"),
        "words": ("nearly eight years of negotiations", "after five years of negotiations"),
    },
    {
        "story": 1,
        "fact": "territory retaken",
        "kind": "conflict",
        "refs": ("mbeTvl1g8BM5qYs1:", "rrw4g9satq6pfQom:"),
        "words": ("150 square kilometers", "95 square miles"),
    },
    {
        "story": 2,
        "fact": "death toll over days",
        "kind": "update",
        "refs": ("66A4v5YiJztSrzF3:", "ow8OEdBoFb9iWFBe:"),
        "words": ("at least 127 people dead", "killed 132 people"),
    },
)


def _listed(story: int, articles: list[Any]) -> list[tuple[str, list[str], list[str]]]:
    """(topic, version labels, sentence references) of each listed disagreement."""
    brief = build_brief(f"figures-{story}", articles)
    return [
        (
            d.topic,
            [label for label, _ in d.versions],
            [ref(c.article_id, c.text) for _, cites in d.versions for c in cites],
        )
        for d in brief.disagreements
    ]


def _texts(articles: list[Any]) -> dict[str, str]:
    from newsweave.brief.doc import StoryDoc

    doc = StoryDoc.from_articles(articles)
    return {ref(articles[s.article].id, s.text): s.text for s in doc.sentences}


def score(data: Path = DEFAULT_DATA) -> dict[str, Any]:
    """``found``: known disagreements listed (of ``known``); ``listed``: all listed items;
    ``unknown``: listed items that are none of the known ones."""
    stories = allsides_read.load_stories(data, STORIES)
    found = listed = unknown = 0
    for number, articles in stories.items():
        texts = _texts(articles)
        items = _listed(number, articles)
        listed += len(items)
        matched: set[int] = set()
        for known in (k for k in KNOWN if k["story"] == number):
            for position, (topic, _, refs) in enumerate(items):
                hits = [
                    any(r.startswith(prefix) and words in texts.get(r, "") for r in refs)
                    for prefix, words in zip(known["refs"], known["words"], strict=True)
                ]
                update = topic.startswith("update")
                if all(hits) and update == (known["kind"] == "update"):
                    found += 1
                    matched.add(position)
                    break
        unknown += len(items) - len(matched)
    return {"found": found, "known": len(KNOWN), "listed": listed, "unknown": unknown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    stories = allsides_read.load_stories(args.data, STORIES)
    for number, articles in stories.items():
        print(f"=== story {number}: {len(articles)} articles")
        for topic, labels, _ in _listed(number, articles):
            print(f"  {topic}: {' / '.join(labels)}")
    result = score(args.data)
    print(
        f"known disagreements listed {result['found']} of {result['known']}; "
        f"listed in all {result['listed']}, of them not a known one {result['unknown']}"
    )


if __name__ == "__main__":
    main()
