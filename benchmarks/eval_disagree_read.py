"""List every disagreement the brief gives for each story of some scratch databases.

For reading by hand, before and after a change to the disagreement steps
(issue 17): full briefs of every story with at least ``--min-articles`` articles,
each listed disagreement with its versions and the sentence each version cites.

Run: ``.venv/bin/python benchmarks/eval_disagree_read.py DB [DB ...] [--min-articles 3]``.
"""

from __future__ import annotations

import argparse

from newsweave.brief.build import build_brief
from newsweave.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dbs", nargs="+")
    parser.add_argument("--min-articles", type=int, default=3)
    args = parser.parse_args()
    total = 0
    for db in args.dbs:
        store = open_store(db)
        stories = list(store.iter_stories(order="largest"))
        for story in sorted(stories, key=lambda s: s.id):
            articles = store.story_articles(story.id)
            if len(articles) < args.min_articles:
                continue
            brief = build_brief(story.id, articles)
            for item in brief.disagreements:
                total += 1
                print(f"== {db} {story.id} ({len(articles)} articles): {item.topic}")
                for label, cites in item.versions:
                    for cite in cites:
                        print(f"   [{label}] {cite.outlet}: {cite.text[:220]}")
    print(f"disagreements listed: {total}")


if __name__ == "__main__":
    main()
