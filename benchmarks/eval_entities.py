"""Entity precision on hand-judged ECB+ dev stories (``tests/data/entity_labels.jsonl``).

The stories are the first ``--stories`` gold stories of ECB+ dev (file order) with
at least three articles; story number ``k`` (0-based) is in the tune half when even,
the check half when odd.  Every entity the brief lists for a story (people,
organisations, places) was judged by reading the story: right when it is a real name
of that kind, wrong when it is no name, a fragment, or the wrong kind (a ship as a
person, "North" as a person).  Precision = right / judged.  An entity the code now
lists that was never judged is counted apart (``unjudged``): judge it before trusting
the figure.

Stories 8 to 11 (the ``fresh`` set, even = fresh-tune, odd = fresh-check) were
judged after the issue-17 fixes were made on the tune half, for both the code then
on main and the fixed code, and nothing was tuned on them: the held-out figure.

``fresh2`` (``benchmarks/entity_fresh2.py``: three more ECB+ dev stories and three
AllSides stories) judges each *name* with its right kinds, so an entity is right when
its label is one of them.  It is sealed: its precision is printed, its errors never
(``--unjudged`` lists only its unjudged names, to be judged without system labels).
``fresh3`` (``benchmarks/entity_fresh3.py``, six more stories judged the same way) is
sealed harder: it is scored only with ``--unseal-fresh3``, meant to be run once, at the
end of a round of changes.  ``fresh4`` (``benchmarks/entity_fresh4.py``, three more ECB+ dev
stories and three AllSides stories of 2016) is sealed the same way (``--unseal-fresh4``), and
so are ``fresh5`` (``benchmarks/entity_fresh5.py``, AllSides stories of 2012,
``--unseal-fresh5``), ``fresh6`` (``benchmarks/entity_fresh6.py``, AllSides stories of
January to March 2014, ``--unseal-fresh6``) and ``fresh7`` (``benchmarks/entity_fresh7.py``,
AllSides stories of March to May 2018, ``--unseal-fresh7``).

``--unseal-fresh7`` also prints the *recall of main entities* on ``fresh7``
(``tests/data/entity_main_fresh7.jsonl``): the people, organisations and places each of
its stories names three times or more (any form), each with the forms a reader would
accept and its right kinds; one is found when the brief lists an entity of a right kind
whose name or one of whose aliases is one of those forms.  A main person the brief
leaves out is an error a reader sees as surely as a wrong one.

Run: ``.venv/bin/python benchmarks/eval_entities.py [--show] [--unjudged] [--reference
../other/src]`` (``--reference`` measures another checkout first, in the same run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsweave.brief.doc import StoryDoc
from newsweave.brief.entities import EntityOptions, find_entities
from newsweave.models import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "ecbplus-dev.jsonl"
FIRST_SAMPLE = 8
"""The first stories, judged first; their check half was read for error kinds."""
FRESH_SAMPLE = 4
"""The next stories, judged afterwards (``"set": "fresh"``) and never tuned on."""
HALVES = ("tune", "check", "fresh-tune", "fresh-check", "fresh2")
LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_labels.jsonl"
MAIN = Path(__file__).resolve().parents[1] / "tests" / "data" / "entity_main_fresh7.jsonl"


def stories(limit: int) -> list[tuple[str, list[dict[str, Any]]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with DATA.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            grouped[str(row["story"])].append(row)
    return [(s, rows) for s, rows in grouped.items() if len(rows) >= 3][:limit]


def story_entities(
    rows: list[dict[str, Any]], options: EntityOptions | None = None
) -> list[tuple[str, str]]:
    articles = [
        Article(id=r["id"], key=r["id"], title=r.get("title"), body=r["text"], outlet=r["id"])
        for r in rows
    ]
    found = find_entities(StoryDoc.from_articles(articles), options=options)
    return [(e.name, e.label) for e in found]


def load_labels() -> dict[tuple[str, str, str], bool]:
    if not LABELS.exists():
        return {}
    with LABELS.open(encoding="utf-8") as stream:
        rows = [json.loads(line) for line in stream if line.strip()]
    return {(r["story"], r["name"], r["label"]): bool(r["correct"]) for r in rows}


def _score_named(
    sample: str, tally: list[int], *, unjudged: bool, options: EntityOptions, score: bool = True
) -> None:
    """Score a sample judged per name (``fresh2``, ``fresh3``); never print its errors."""
    module = __import__(f"entity_{sample}")
    labels = module.load_labels()
    for story, articles in module.stories():
        for entity in find_entities(StoryDoc.from_articles(articles), options=options):
            kinds = labels.get((story, entity.name))
            if kinds is None:
                tally[2] += 1
                if unjudged:
                    print(f"  unjudged ({sample}): {story} {entity.name!r}")
                continue
            if score:
                tally[0] += 1
                tally[1] += entity.label in kinds


def main_recall(options: EntityOptions | None = None) -> tuple[int, int, list[str]]:
    """(found, main entities, the missed ones) of ``fresh7``'s main entities."""
    import entity_fresh7

    with MAIN.open(encoding="utf-8") as stream:
        rows = [json.loads(line) for line in stream if line.strip()]
    listed = {
        story: find_entities(StoryDoc.from_articles(articles), options=options)
        for story, articles in entity_fresh7.stories()
    }
    missed: list[str] = []
    for row in rows:
        forms = set(row["forms"])
        if not any(
            e.label in row["kinds"] and (e.name in forms or forms & set(e.aliases))
            for e in listed[row["story"]]
        ):
            missed.append(f"{row['story']} {row['name']}")
    return len(rows) - len(missed), len(rows), missed


def score(
    limit: int = FIRST_SAMPLE + FRESH_SAMPLE,
    *,
    show: bool = False,
    unjudged: bool = False,
    fresh2: bool = True,
    fresh3: bool = False,
    fresh4: bool = False,
    fresh5: bool = False,
    fresh6: bool = False,
    fresh7: bool = False,
    recogniser: str = "rules",
) -> dict[str, dict[str, float]]:
    # The default options for the rules, so a --reference checkout without the
    # recogniser option is measured too.
    options = EntityOptions() if recogniser == "rules" else EntityOptions(recogniser=recogniser)
    labels = load_labels()
    tally: dict[str, list[int]] = {half: [0, 0, 0] for half in HALVES}
    for number, (story, rows) in enumerate(stories(limit)):
        half = "tune" if number % 2 == 0 else "check"
        if number >= FIRST_SAMPLE:
            half = f"fresh-{half}"
        for name, label in story_entities(rows, options):
            judged = labels.get((story, name, label))
            if show:
                print(json.dumps({"story": story, "name": name, "label": label}))
            if judged is None:
                tally[half][2] += 1
                if unjudged:
                    print(f"  unjudged: {story} {name!r} {label}")
                continue
            tally[half][0] += 1
            tally[half][1] += judged
            if not judged and half == "tune" and unjudged:
                print(f"  wrong: {story} {name!r} {label}")
    if fresh2:
        _score_named("fresh2", tally["fresh2"], unjudged=unjudged, options=options)
    if fresh3 or unjudged:
        tally["fresh3"] = [0, 0, 0]
        _score_named("fresh3", tally["fresh3"], unjudged=unjudged, options=options, score=fresh3)
    if fresh4 or unjudged:
        tally["fresh4"] = [0, 0, 0]
        _score_named("fresh4", tally["fresh4"], unjudged=unjudged, options=options, score=fresh4)
    if fresh5 or unjudged:
        tally["fresh5"] = [0, 0, 0]
        _score_named("fresh5", tally["fresh5"], unjudged=unjudged, options=options, score=fresh5)
    if fresh6 or unjudged:
        tally["fresh6"] = [0, 0, 0]
        _score_named("fresh6", tally["fresh6"], unjudged=unjudged, options=options, score=fresh6)
    if fresh7 or unjudged:
        tally["fresh7"] = [0, 0, 0]
        _score_named("fresh7", tally["fresh7"], unjudged=unjudged, options=options, score=fresh7)
    return {
        half: {"judged": n, "precision": (right / n if n else 0.0), "unjudged": rest}
        for half, (n, right, rest) in tally.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=FIRST_SAMPLE + FRESH_SAMPLE)
    parser.add_argument("--show", action="store_true", help="print every entity as JSON")
    parser.add_argument("--unjudged", action="store_true", help="list unjudged entities")
    parser.add_argument("--reference", help="another checkout's src/ to measure first")
    parser.add_argument(
        "--spacy", action="store_true", help="also score the spaCy-checked entities (the extra)"
    )
    parser.add_argument(
        "--unseal-fresh3", action="store_true", help="also score the sealed fresh3 sample"
    )
    parser.add_argument(
        "--unseal-fresh4", action="store_true", help="also score the sealed fresh4 sample"
    )
    parser.add_argument(
        "--unseal-fresh5", action="store_true", help="also score the sealed fresh5 sample"
    )
    parser.add_argument(
        "--unseal-fresh6", action="store_true", help="also score the sealed fresh6 sample"
    )
    parser.add_argument(
        "--unseal-fresh7", action="store_true", help="also score the sealed fresh7 sample"
    )
    args = parser.parse_args()
    if args.reference:
        print(f"== reference {args.reference}")
        argv = [a for a in sys.argv[1:] if a not in ("--reference", args.reference, "--spacy")]
        env = {**os.environ, "PYTHONPATH": args.reference}
        subprocess.run([sys.executable, __file__, *argv], env=env, check=True)
        print("== this checkout")
    for recogniser in ("rules", "spacy") if args.spacy else ("rules",):
        began = time.perf_counter()
        result = score(
            args.stories,
            show=args.show,
            unjudged=args.unjudged,
            fresh3=args.unseal_fresh3,
            fresh4=args.unseal_fresh4,
            fresh5=args.unseal_fresh5,
            fresh6=args.unseal_fresh6,
            fresh7=args.unseal_fresh7,
            recogniser=recogniser,
        )
        for half, figures in result.items():
            print(
                f"{recogniser:6} {half:11} judged {figures['judged']:3.0f}"
                f" precision {figures['precision']:.3f} unjudged {figures['unjudged']:.0f}"
            )
        if args.unseal_fresh7:
            found, total, missed = main_recall(
                EntityOptions() if recogniser == "rules" else EntityOptions(recogniser=recogniser)
            )
            share = found / total
            print(f"{recogniser:6} fresh7 main entities found {found}/{total} = {share:.3f}")
            if args.unjudged:
                for line in missed:
                    print(f"  missed: {line}")
        print(f"{recogniser:6} time {time.perf_counter() - began:.2f} s")


if __name__ == "__main__":
    main()
