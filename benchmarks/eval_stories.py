"""Every story quality bar of issue 16 in one run: events, storylines, Multi-News, ECB+, seeds.

* **judged AllSides pairs** (``story-judgments/``): the 2,529-article stream of
  March-June 2020 in date order; pairwise P/R/F1 over the judged pairs only, at
  the event level (``same`` together) and the storyline level (``same`` or
  ``related`` together; the clusterer's storylines).  Queries on even lines of
  the pools file tune, odd ones check.
* **Multi-News dev** as one shuffled undated stream (every article of the 100
  clusters; each cluster is one event): BCubed F1 per shuffle; tune = items of
  even clusters, check = items of odd clusters (scored within the one stream).
* **ECB+ dev**: BCubed F1 over shuffled orders (mean, min); even shuffles tune,
  odd ones check.
* **the seeds**: the number of stories (one is right).

Each input is read and extracted once, exactly as ``newsweave cluster`` does,
and the extracted articles are then assigned in each order by
:class:`~newsweave.cluster.assign.StoryAssigner` (dedup, then clustering), so the
figures are ``newsweave cluster``'s.  The reference is newsweave on main as of
2026-12-06 (issue 16), printed beside every figure.

Run: ``nice .venv/bin/python benchmarks/eval_stories.py [--ecb-shuffles 30]
[--judged-shuffles 5] [--spacy] [--set cold_gap_days=3 ...] [--ecb-topics 6]`` (``--spacy``:
the optional names extra; ``--set`` overrides a ``ClusterOptions`` field for an experiment;
``--only judged,multinews,...``; ``--ecb-topics N``: the N ECB+ topics that lose the most
BCubed precision and recall, per half, where the errors are).  With spaCy names (10 ECB+,
2 Multi-News shuffles): judged event F1 0.537 / 0.596, storyline 0.857 / 0.736, Multi-News
0.821-0.825, ECB+ 0.917: no better than without, so the default needs no extra.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from newsweave.cluster.assign import StoryAssigner
from newsweave.cluster.ner import NameFinder, load_name_finder
from newsweave.cluster.options import ClusterOptions
from newsweave.config import Settings
from newsweave.evaluation import PRF, bcubed, pair_prf
from newsweave.extract import extract_each
from newsweave.ingest import read_inputs
from newsweave.models import Article, InputFailure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
JUDGED = DATA / "story-judgments"
SEEDS = ROOT.parent / "shared" / "seeds"

REFERENCE = {
    "event": PRF(0.377, 0.708, 0.492),
    "storyline": PRF(0.939, 0.541, 0.687),
    "multinews": 0.84,
    "ecbplus": 0.925,
}
"""newsweave on main as of 2026-12-06 (issue 16 and ``../shared/data/README.md``)."""

BARS = {"event": 0.85, "storyline": 0.85, "multinews": 0.92, "ecbplus": 0.93, "ecb_min": 0.90}


def extracted(paths: Sequence[str]) -> list[tuple[str, Article]]:
    """``(record id, article)`` for every readable record, in input order."""
    rows = []
    for item, result in extract_each(read_inputs(list(paths), settings=Settings())):
        if isinstance(result, InputFailure):
            continue
        record_id = item.record_id if item is not None else None
        rows.append((record_id or result.id, result))
    return rows


NAME_FINDER: list[NameFinder] = []
"""The optional spaCy name finder (``--spacy``), loaded once."""


def assign(
    rows: Iterable[tuple[str, Article]], options: ClusterOptions
) -> tuple[dict[str, str], dict[str, str]]:
    """``(record id -> story, record id -> storyline)`` after the whole stream."""
    finder = NAME_FINDER[0] if NAME_FINDER else None
    assigner = StoryAssigner(cluster_options=options, name_finder=finder)
    pending = []
    for row_id, article in rows:
        assigner.assign(article)
        pending.append((row_id, article.id))
    stories = {row: assigner.story_of(aid) for row, aid in pending}
    lines = {row: assigner.storyline_of(aid) for row, aid in pending}
    return stories, lines


def _jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def judged(options: ClusterOptions, day_shuffle: int = 0) -> dict[str, dict[str, PRF]]:
    """Pairwise P/R/F1 at both levels, for the tune (even) and check (odd) queries.

    ``day_shuffle`` > 0: the articles of each publication day in a random order
    (that seed) instead of the file's; the stream is dated by day only, so which
    of one day's articles arrives first is arbitrary, and the spread over a few
    such orders is the noise of these figures.
    """
    rows = extracted([str(JUDGED / "allsides-2020.jsonl.gz")])
    if day_shuffle:
        rng = random.Random(day_shuffle)
        keys = {row: rng.random() for row, _ in rows}
        rows.sort(key=lambda row: (row[1].published or datetime.min, keys[row[0]]))
    stories, lines = assign(rows, options)
    pools = _jsonl(JUDGED / "allsides-2020.pools.jsonl")
    half = {pool["query"]: ("tune" if n % 2 == 0 else "check") for n, pool in enumerate(pools)}
    labels = _jsonl(JUDGED / "allsides-2020.labels.jsonl")
    result: dict[str, dict[str, PRF]] = {}
    for level, pred, together in (
        ("event", stories, {"same"}),
        ("storyline", lines, {"same", "related"}),
    ):
        for part in ("tune", "check", "all"):
            pairs = [
                (pred[j["query"]] == pred[j["candidate"]], j["label"] in together)
                for j in labels
                if part == "all" or half[j["query"]] == part
            ]
            result.setdefault(level, {})[part] = pair_prf(pairs)
    singles = sum(1 for n in _sizes(stories).values() if n == 1)
    result["_sizes"] = {
        "stories": len(set(stories.values())),
        "singles": singles,  # type: ignore[dict-item]
        "storylines": len(set(lines.values())),
    }
    return result


def _sizes(labels: dict[str, str]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for label in labels.values():
        sizes[label] = sizes.get(label, 0) + 1
    return sizes


def multinews(options: ClusterOptions, shuffles: int, scratch: Path) -> list[dict[str, PRF]]:
    """BCubed per shuffle: all items, items of even clusters (tune), odd clusters (check)."""
    clusters = _jsonl(DATA / "multinews" / "multinews-dev.jsonl")
    records, gold, part = [], {}, {}
    for n, cluster in enumerate(clusters):
        for k, article in enumerate(cluster["articles"]):
            row = f"{cluster['id']}-{k}"
            records.append({"id": row, "text": article["text"]})
            gold[row] = str(cluster["id"])
            part[row] = "tune" if n % 2 == 0 else "check"
    path = scratch / "multinews.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    rows = extracted([str(path)])
    scores = []
    for seed in range(1, shuffles + 1):
        order = list(rows)
        random.Random(seed).shuffle(order)
        stories, _ = assign(order, options)
        pred = {row: stories.get(row, "none:" + row) for row in gold}
        scores.append(_halves(pred, gold, part))
    return scores


def _halves(pred: dict[str, str], gold: dict[str, str], part: dict[str, str]) -> dict[str, PRF]:
    out = {"all": bcubed(pred, gold)}
    for name in ("tune", "check"):
        keep = [row for row in gold if part[row] == name]
        out[name] = bcubed({r: pred[r] for r in keep}, {r: gold[r] for r in keep})
    return out


def topic_losses(
    pred: dict[str, str], gold: dict[str, str], topic: dict[str, str]
) -> dict[str, tuple[float, float]]:
    """Each topic's share of the BCubed precision and recall lost: ``(p, r)`` such
    that the precision is ``1 - sum(p)`` and the recall ``1 - sum(r)`` over topics."""
    pred_members: dict[str, list[str]] = {}
    gold_members: dict[str, list[str]] = {}
    for item in gold:
        pred_members.setdefault(pred[item], []).append(item)
        gold_members.setdefault(gold[item], []).append(item)
    losses: dict[str, tuple[float, float]] = {}
    for item, label in gold.items():
        cluster = pred_members[pred[item]]
        overlap = sum(1 for other in cluster if gold[other] == label)
        p_loss = (1 - overlap / len(cluster)) / len(gold)
        r_loss = (1 - overlap / len(gold_members[label])) / len(gold)
        old = losses.get(topic[item], (0.0, 0.0))
        losses[topic[item]] = (old[0] + p_loss, old[1] + r_loss)
    return losses


ECB_LOSSES: dict[str, list[dict[str, tuple[float, float]]]] = {"tune": [], "check": []}
"""Per shuffle, each ECB+ topic's BCubed losses (:func:`topic_losses`), by half."""


def ecbplus(options: ClusterOptions, shuffles: int) -> list[float]:
    """BCubed F1 per shuffle (seeds 1..shuffles); each topic's losses go to ``ECB_LOSSES``."""
    path = DATA / "ecbplus" / "ecbplus-dev.jsonl"
    records = _jsonl(path)
    gold = {str(r["id"]): str(r["story"]) for r in records}
    topic = {str(r["id"]): str(r["topic"]) for r in records}
    with tempfile.TemporaryDirectory() as scratch:
        clean = Path(scratch) / "ecbplus.jsonl"
        keep = ("id", "url", "title", "text")
        clean.write_text(
            "".join(json.dumps({k: r[k] for k in keep if k in r}) + "\n" for r in records), "utf-8"
        )
        rows = extracted([str(clean)])
    scores = []
    for seed in range(1, shuffles + 1):
        order = list(rows)
        random.Random(seed).shuffle(order)
        stories, _ = assign(order, options)
        pred = {row: stories.get(row, "none:" + row) for row in gold}
        scores.append(bcubed(pred, gold).f1)
        # Seeds start at 1: even seeds tune.
        ECB_LOSSES["tune" if seed % 2 == 0 else "check"].append(topic_losses(pred, gold, topic))
    return scores


def _print_topic_losses(top: int) -> None:
    """The ``top`` ECB+ topics losing the most precision and recall, mean per shuffle."""
    for name, runs in ECB_LOSSES.items():
        if not runs:
            continue
        for index, kind in ((0, "precision"), (1, "recall")):
            mean: dict[str, float] = {}
            for run in runs:
                for key, losses in run.items():
                    mean[key] = mean.get(key, 0.0) + losses[index] / len(runs)
            ranked = sorted(mean.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            listed = " ".join(f"{key}:{loss:.4f}" for key, loss in ranked)
            print(f"ecbplus {name:<5} {kind} lost {sum(mean.values()):.3f}, by topic {listed}")


def seeds(options: ClusterOptions) -> int:
    rows = extracted(sorted(str(p) for p in SEEDS.glob("*.txt")))
    stories, _ = assign(rows, options)
    return len(set(stories.values()))


def _prf(score: PRF) -> str:
    return f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}"


def parse_overrides(pairs: Sequence[str]) -> ClusterOptions:
    """``ClusterOptions`` with ``name=value`` overrides.

    ``storylines.threshold=0.2`` reaches into a nested options object; a name
    ending in ``_days`` sets the timedelta field without it (``cold_gap_days=3``).
    """
    options = ClusterOptions()
    for pair in pairs:
        path, _, raw = pair.partition("=")
        options = _override(options, path.split("."), raw)
    return options


def _override(options: Any, path: list[str], raw: str) -> Any:
    name = path[0]
    if len(path) > 1:
        return dataclasses.replace(
            options, **{name: _override(getattr(options, name), path[1:], raw)}
        )
    if name.endswith("_days"):
        if raw == "none":
            return dataclasses.replace(options, **{name[: -len("_days")]: None})
        return dataclasses.replace(options, **{name[: -len("_days")]: timedelta(days=float(raw))})
    current = getattr(options, name)
    if raw == "none":
        return dataclasses.replace(options, **{name: None})
    kind = float if current is None else type(current)
    value = tuple(json.loads(raw)) if isinstance(current, tuple) else kind(json.loads(raw))
    return dataclasses.replace(options, **{name: value})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb-shuffles", type=int, default=30)
    parser.add_argument("--multinews-shuffles", type=int, default=5)
    parser.add_argument(
        "--judged-shuffles",
        type=int,
        default=0,
        help="also score the judged stream with each day's articles in N random orders",
    )
    parser.add_argument("--only", default="judged,multinews,ecbplus,seeds")
    parser.add_argument("--set", action="append", default=[], dest="overrides")
    parser.add_argument("--spacy", action="store_true", help="add spaCy's names (the extra)")
    parser.add_argument(
        "--ecb-topics",
        type=int,
        default=0,
        help="also print the N ECB+ topics that lose the most BCubed precision and recall",
    )
    args = parser.parse_args()
    if args.spacy:
        NAME_FINDER.append(load_name_finder("spacy"))
        print("with spaCy names")
    options = parse_overrides(args.overrides)
    only = set(args.only.split(","))
    if args.overrides:
        print("options:", " ".join(args.overrides))
    started = time.perf_counter()
    if "judged" in only:
        found = judged(options)
        for level in ("event", "storyline"):
            parts = found[level]
            print(
                f"judged {level:<9} tune {_prf(parts['tune'])} | check {_prf(parts['check'])}"
                f" | all F1 {parts['all'].f1:.3f} (ref {REFERENCE[level].f1:.3f}, bar"
                f" {BARS[level]})"
            )
        print(f"judged stream: {found['_sizes']}")
        if args.judged_shuffles:
            runs = [judged(options, seed) for seed in range(1, args.judged_shuffles + 1)]
            for level in ("event", "storyline"):
                line = []
                for part in ("tune", "check"):
                    f1s = [run[level][part].f1 for run in runs]
                    line.append(
                        f"{part} F1 mean {statistics.mean(f1s):.3f} ({min(f1s):.3f}-{max(f1s):.3f})"
                    )
                print(f"judged {level:<9} {len(runs)} day-shuffled orders: {' | '.join(line)}")
    if "multinews" in only:
        with tempfile.TemporaryDirectory() as scratch:
            shuffled = multinews(options, args.multinews_shuffles, Path(scratch))
        for name in ("tune", "check", "all"):
            f1s = [s[name].f1 for s in shuffled]
            print(
                f"multinews {name:<5} F1 per shuffle {' '.join(f'{f:.3f}' for f in f1s)}"
                f" min {min(f1s):.3f}"
                + (
                    f" (ref {REFERENCE['multinews']:.2f}, bar {BARS['multinews']})"
                    if name == "all"
                    else ""
                )
            )
        mean_p = statistics.mean(s["all"].precision for s in shuffled)
        mean_r = statistics.mean(s["all"].recall for s in shuffled)
        print(f"multinews mean P {mean_p:.3f} R {mean_r:.3f}")
    if "ecbplus" in only:
        f1s = ecbplus(options, args.ecb_shuffles)
        for name, part in (("tune", f1s[1::2]), ("check", f1s[0::2]), ("all", f1s)):
            # Seeds start at 1: even seeds sit at odd positions.
            print(
                f"ecbplus {name:<5} mean F1 {statistics.mean(part):.3f} min {min(part):.3f}"
                f" ({len(part)} shuffles"
                + (
                    f"; ref mean {REFERENCE['ecbplus']:.3f}, bar {BARS['ecbplus']} / min"
                    f" {BARS['ecb_min']})"
                    if name == "all"
                    else ")"
                )
            )
        if args.ecb_topics:
            _print_topic_losses(args.ecb_topics)
    if "seeds" in only:
        print(f"seeds: {seeds(options)} stories (bar 1)")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
