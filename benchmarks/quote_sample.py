"""Print the quotations of a fixed sample of dev articles for labelling by hand.

The sample is what ``tests/data/quote_speakers.jsonl`` labels: every opening
quotation mark of at least three quoted words in the sampled articles, shown with
the text around it and *no* system output, so the speaker is read from the article
alone.  Articles: every ``step``-th ECB+ dev article that has a quotation, and
every ``step``-th AllSides article (first ``scan`` lines of the file) that has one.

Run: ``python benchmarks/quote_sample.py [--ecb N] [--allsides N] [--show]``, or with
``--fresh``, ``--fresh2``, ``--fresh3``, ``--tune2``, ``--tune3``, ``--fresh4``, ``--fresh5`` or
``--fresh6``, ``--fresh7``, ``--fresh8``, ``--fresh9`` or ``--fresh10`` for the later samples.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_OPEN = re.compile(r"“|(?:^|(?<=[\s(\[—-]))\"(?=\s?\S)", re.MULTILINE)


def ecb_articles(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            yield f"ecbplus:{row['id']}", row["text"]


@cache
def _allsides_rows(path: Path) -> list[tuple[str, str]]:
    """The whole file, read once per run (every later sample re-draws the earlier ones)."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [
            (f"allsides:{row['ID']}", row["content_original"] or "")
            for row in map(json.loads, stream)
        ]


def allsides_articles(path: Path, scan: int) -> Iterator[tuple[str, str]]:
    yield from _allsides_rows(path)[:scan]


@cache
def quote_starts(text: str) -> list[int]:
    """Offsets of opening quotation marks followed by at least three words before the close.

    Cached: every later sample re-draws the earlier ones over the same texts (callers
    copy before changing the list)."""
    starts: list[int] = []
    straight_open = False
    for found in re.finditer(r"[“”\"]", text):
        mark = found.group()
        if mark == '"':
            # ECB+ and most text alternate straight marks per paragraph.
            para_start = text.rfind("\n", 0, found.start()) + 1
            count = text.count('"', para_start, found.start())
            straight_open = count % 2 == 0
            if not straight_open:
                continue
        elif mark == "”":
            continue
        rest = text[found.end() : found.end() + 400]
        close = re.search(r"[”\"]", rest)
        inner = rest[: close.start()] if close else rest
        if len(re.findall(r"\w+", inner)) >= 3:
            starts.append(found.start())
    return starts


def sample(
    ecb: int, allsides: int, scan: int, per_article: int = 3
) -> list[tuple[int, str, str, list[int]]]:
    picked: list[tuple[int, str, str, list[int]]] = []
    with_quotes = [
        (ref, t)
        for ref, t in ecb_articles(DATA / "ecbplus" / "ecbplus-dev.jsonl")
        if quote_starts(t)
    ]
    step = max(1, len(with_quotes) // ecb)
    chosen = with_quotes[::step][:ecb]
    more = [
        (ref, t)
        for ref, t in allsides_articles(DATA / "allsides" / "articles.jsonl.gz", scan)
        if quote_starts(t)
    ]
    step = max(1, len(more) // allsides)
    chosen += more[::step][:allsides]
    for number, (ref, text) in enumerate(chosen):
        picked.append((number, ref, text, quote_starts(text)[:per_article]))
    return picked


def fresh_sample(
    ecb: int = 10, allsides: int = 10, skip: int = 4000, scan: int = 12000, per_article: int = 3
) -> list[tuple[int, str, str, list[int]]]:
    """A second sample from articles :func:`sample` never takes (the ``fresh`` set).

    ECB+ articles half-way between the ones the first sample takes, and AllSides
    articles from lines ``skip`` to ``scan`` (the first sample reads the lines before
    ``skip``).  Numbered from 1000 so even = tune and odd = check stay apart from the
    first sample's numbers.
    """
    used = {ref for _, ref, _, _ in sample(30, 20, skip, per_article)}
    with_quotes = [
        (ref, t)
        for ref, t in ecb_articles(DATA / "ecbplus" / "ecbplus-dev.jsonl")
        if quote_starts(t)
    ]
    step = max(1, len(with_quotes) // 30)
    chosen = [p for p in with_quotes[step // 2 :: step * 3] if p[0] not in used][:ecb]
    more = [
        (ref, t)
        for number, (ref, t) in enumerate(
            allsides_articles(DATA / "allsides" / "articles.jsonl.gz", scan)
        )
        if number >= skip and quote_starts(t)
    ]
    step = max(1, len(more) // allsides)
    chosen += [p for p in more[step // 2 :: step] if p[0] not in used][:allsides]
    return [
        (1000 + number, ref, text, quote_starts(text)[:per_article])
        for number, (ref, text) in enumerate(chosen)
    ]


def fresh2_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A third sample (``"set": "fresh2"``), from articles neither earlier sample takes.

    ECB+ articles a third of the way between the first sample's, and AllSides
    articles from lines 12,000 to 20,000; numbered from 2000.
    """
    used = {ref for _, ref, _, _ in sample(30, 20, 4000, per_article)}
    used |= {ref for _, ref, _, _ in fresh_sample(per_article=per_article)}
    with_quotes = [
        (ref, t)
        for ref, t in ecb_articles(DATA / "ecbplus" / "ecbplus-dev.jsonl")
        if quote_starts(t)
    ]
    step = max(1, len(with_quotes) // 30)
    chosen = [p for p in with_quotes[step // 3 :: step * 3] if p[0] not in used][:10]
    more = [
        (ref, t)
        for number, (ref, t) in enumerate(
            allsides_articles(DATA / "allsides" / "articles.jsonl.gz", 20000)
        )
        if number >= 12000 and quote_starts(t)
    ]
    step = max(1, len(more) // 10)
    chosen += [p for p in more[step // 3 :: step] if p[0] not in used][:10]
    return [
        (2000 + number, ref, text, quote_starts(text)[:per_article])
        for number, (ref, text) in enumerate(chosen)
    ]


def _earlier_refs(per_article: int) -> set[str]:
    used = {ref for _, ref, _, _ in sample(30, 20, 4000, per_article)}
    used |= {ref for _, ref, _, _ in fresh_sample(per_article=per_article)}
    used |= {ref for _, ref, _, _ in fresh2_sample(per_article=per_article)}
    return used


def _drawn_sample(
    seed: int, number_from: int, used: set[str], count: int, per_article: int
) -> list[tuple[int, str, str, list[int]]]:
    """``count`` ECB+ dev articles and ``count`` AllSides articles (lines 20,000 on) with a
    quotation, none in ``used``, drawn with ``random.Random(seed)``."""
    rng = random.Random(seed)
    with_quotes = [
        (ref, t)
        for ref, t in ecb_articles(DATA / "ecbplus" / "ecbplus-dev.jsonl")
        if quote_starts(t) and ref not in used
    ]
    chosen = rng.sample(with_quotes, count)
    more = [
        (ref, t)
        for number, (ref, t) in enumerate(
            allsides_articles(DATA / "allsides" / "articles.jsonl.gz", 10**9)
        )
        if number >= 20000 and quote_starts(t) and ref not in used
    ]
    chosen += rng.sample(more, count)
    return [
        (number_from + number, ref, text, quote_starts(text)[:per_article])
        for number, (ref, text) in enumerate(chosen)
    ]


def fresh3_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A fourth sample (``"set": "fresh3"``), held out whole: ten ECB+ dev articles and
    ten AllSides articles (lines 20,000 on) no earlier sample takes, drawn with seed
    1703; numbered from 3000."""
    return _drawn_sample(1703, 3000, _earlier_refs(per_article), 10, per_article)


def tune2_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """More tuning data (``"set": "tune2"``, errors may be read): twelve ECB+ dev and
    twelve AllSides articles taken by no other sample (fresh3 included), drawn with
    seed 1704; numbered from 4000."""
    used = _earlier_refs(per_article) | {ref for _, ref, _, _ in fresh3_sample(per_article)}
    return _drawn_sample(1704, 4000, used, 12, per_article)


def tune3_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A second batch of tuning data (``"set": "tune3"``, errors may be read), drawn
    like :func:`tune2_sample` with seed 1705 from articles no other sample takes;
    numbered from 5000."""
    used = _earlier_refs(per_article) | {ref for _, ref, _, _ in fresh3_sample(per_article)}
    used |= {ref for _, ref, _, _ in tune2_sample(per_article)}
    return _drawn_sample(1705, 5000, used, 12, per_article)


def multinews_articles(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            for article in json.loads(line)["articles"]:
                yield f"multinews:{article['id']}", article["text"]


def _mixed_sample(
    seed: int, number_from: int, used: set[str], per_article: int, count: int = 7
) -> list[tuple[int, str, str, list[int]]]:
    """``count`` Multi-News dev, ``count`` ECB+ dev and ``count`` AllSides articles (any
    line) with a quotation, none in ``used``, drawn with ``random.Random(seed)``; of each,
    up to ``per_article`` quotations drawn at random from all of its quotations (text
    order)."""
    rng = random.Random(seed)
    pools = [
        [
            p
            for p in multinews_articles(DATA / "multinews" / "multinews-dev.jsonl")
            if quote_starts(p[1])
        ],
        [p for p in ecb_articles(DATA / "ecbplus" / "ecbplus-dev.jsonl") if quote_starts(p[1])],
        [
            p
            for p in allsides_articles(DATA / "allsides" / "articles.jsonl.gz", 10**9)
            if quote_starts(p[1])
        ],
    ]
    chosen: list[tuple[str, str]] = []
    for pool in pools:
        chosen += rng.sample([p for p in pool if p[0] not in used], count)
    picked: list[tuple[int, str, str, list[int]]] = []
    for number, (ref, text) in enumerate(chosen):
        starts = quote_starts(text)
        some = sorted(rng.sample(starts, min(per_article, len(starts))))
        picked.append((number_from + number, ref, text, some))
    return picked


def _refs_before_fresh4(per_article: int) -> set[str]:
    used = _earlier_refs(per_article) | {ref for _, ref, _, _ in fresh3_sample(per_article)}
    used |= {ref for _, ref, _, _ in tune2_sample(per_article)}
    used |= {ref for _, ref, _, _ in tune3_sample(per_article)}
    return used


def fresh4_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A fifth held-out sample (``"set": "fresh4"``), numbered from 6000: seven Multi-News
    dev articles (a source no earlier sample reads), seven ECB+ dev and seven AllSides
    articles (any line) no earlier sample takes, drawn with seed 1717.  Unlike the
    earlier samples, the quotations of an article are drawn at random from all of them,
    not the first ones, so quotes deep in an article ("he added", continuations) are
    read as often as they occur."""
    return _mixed_sample(1717, 6000, _refs_before_fresh4(per_article), per_article)


def fresh5_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A sixth held-out sample (``"set": "fresh5"``), numbered from 7000: five Multi-News
    dev, five ECB+ dev and five AllSides articles (any line) that no earlier sample
    (fresh4 included) takes, drawn with seed 1718; quotations drawn at random as in
    :func:`fresh4_sample`."""
    used = _refs_before_fresh4(per_article) | {ref for _, ref, _, _ in fresh4_sample(per_article)}
    return _mixed_sample(1718, 7000, used, per_article, count=5)


def fresh6_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A seventh held-out sample (``"set": "fresh6"``), numbered from 8000: five Multi-News
    dev, five ECB+ dev and five AllSides articles (any line) that no earlier sample
    (fresh5 included) takes, drawn with seed 1719; quotations drawn at random as in
    :func:`fresh4_sample`."""
    used = _refs_before_fresh4(per_article) | {ref for _, ref, _, _ in fresh4_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh5_sample(per_article)}
    return _mixed_sample(1719, 8000, used, per_article, count=5)


def allsides_of_year(path: Path, year: str | tuple[str, ...]) -> list[tuple[str, str]]:
    """The AllSides articles whose ``date`` starts with ``year`` (or one of several
    prefixes, e.g. months), in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [
            (f"allsides:{row['ID']}", row["content_original"] or "")
            for row in map(json.loads, stream)
            if (row.get("date") or "").startswith(year)
        ]


def fresh7_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """An eighth held-out sample (``"set": "fresh7"``), numbered from 9000: five Multi-News
    dev, five ECB+ dev and five AllSides articles *dated 2016* that no earlier sample
    (fresh6 included) takes, drawn with seed 1720; quotations drawn at random as in
    :func:`fresh4_sample`."""
    used = _refs_before_fresh4(per_article) | {ref for _, ref, _, _ in fresh4_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh5_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh6_sample(per_article)}
    return _drawn_from_year(used, 1720, "2016", (5, 5, 5), 9000, per_article)


def fresh8_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A ninth held-out sample (``"set": "fresh8"``), numbered from 10000: two Multi-News
    dev, two ECB+ dev and twelve AllSides articles *dated 2013* (a year no earlier work
    read) that no earlier sample (fresh7 included) takes, drawn with seed 1721;
    quotations drawn at random as in :func:`fresh4_sample`."""
    used = _refs_before_fresh4(per_article) | {ref for _, ref, _, _ in fresh4_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh5_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh6_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh7_sample(per_article)}
    return _drawn_from_year(used, 1721, "2013", (2, 2, 12), 10000, per_article)


FRESH9_MONTHS = ("2014-04", "2014-05", "2014-06", "2014-07")


def fresh9_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """A tenth held-out sample (``"set": "fresh9"``), numbered from 11000: two Multi-News
    dev, two ECB+ dev and twelve AllSides articles dated April to July 2014 (months no
    earlier work read) that no earlier sample (fresh8 included) takes, drawn with seed
    1722; quotations drawn at random as in :func:`fresh4_sample`."""
    used = _refs_before_fresh4(per_article) | {ref for _, ref, _, _ in fresh4_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh5_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh6_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh7_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh8_sample(per_article)}
    return _drawn_from_year(used, 1722, FRESH9_MONTHS, (2, 2, 12), 11000, per_article)


FRESH10_MONTHS = ("2015-03", "2015-04", "2015-05")


def q19_read_refs() -> set[str]:
    """The AllSides articles the q19 session read unlabelled: the first 300 of 2015 in file
    order whose text has a quotation mark (some are of March to May 2015)."""
    with gzip.open(DATA / "allsides" / "articles.jsonl.gz", "rt", encoding="utf-8") as stream:
        refs: list[str] = []
        for row in map(json.loads, stream):
            text = row["content_original"] or ""
            if (row.get("date") or "").startswith("2015") and ("“" in text or '"' in text):
                refs.append(f"allsides:{row['ID']}")
                if len(refs) == 300:
                    break
    return set(refs)


def fresh10_sample(per_article: int = 3) -> list[tuple[int, str, str, list[int]]]:
    """An eleventh held-out sample (``"set": "fresh10"``), numbered from 12000: two
    Multi-News dev and sixteen AllSides articles dated March to May 2015 (months no
    sample or read took) that no earlier sample (fresh9 included) and not the q19 read
    takes, drawn with seed 1723; quotations drawn at random as in :func:`fresh4_sample`."""
    used = _refs_before_fresh4(per_article) | {ref for _, ref, _, _ in fresh4_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh5_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh6_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh7_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh8_sample(per_article)}
    used |= {ref for _, ref, _, _ in fresh9_sample(per_article)}
    used |= q19_read_refs()
    return _drawn_from_year(used, 1723, FRESH10_MONTHS, (2, 0, 16), 12000, per_article)


def _drawn_from_year(
    used: set[str],
    seed: int,
    year: str | tuple[str, ...],
    counts: tuple[int, int, int],
    first: int,
    per_article: int,
) -> list[tuple[int, str, str, list[int]]]:
    """``counts`` Multi-News dev, ECB+ dev and AllSides articles dated ``year`` with a
    quotation that ``used`` does not hold, drawn with ``seed``, then ``per_article``
    quotations of each drawn at random; numbered from ``first``."""
    rng = random.Random(seed)
    pools = [
        [
            p
            for p in multinews_articles(DATA / "multinews" / "multinews-dev.jsonl")
            if quote_starts(p[1])
        ],
        [p for p in ecb_articles(DATA / "ecbplus" / "ecbplus-dev.jsonl") if quote_starts(p[1])],
        [
            p
            for p in allsides_of_year(DATA / "allsides" / "articles.jsonl.gz", year)
            if quote_starts(p[1])
        ],
    ]
    chosen: list[tuple[str, str]] = []
    for pool, count in zip(pools, counts, strict=True):
        chosen += rng.sample([p for p in pool if p[0] not in used], count)
    picked: list[tuple[int, str, str, list[int]]] = []
    for number, (ref, text) in enumerate(chosen):
        starts = quote_starts(text)
        some = sorted(rng.sample(starts, min(per_article, len(starts))))
        picked.append((first + number, ref, text, some))
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ecb", type=int, default=30)
    parser.add_argument("--allsides", type=int, default=20)
    parser.add_argument("--scan", type=int, default=4000)
    parser.add_argument(
        "--per-article", type=int, default=3, help="first N quotations of each article"
    )
    parser.add_argument("--show", action="store_true", help="print each quotation with its context")
    parser.add_argument("--fresh", action="store_true", help="the second sample (set fresh)")
    parser.add_argument("--fresh2", action="store_true", help="the third sample (set fresh2)")
    parser.add_argument("--fresh3", action="store_true", help="the fourth sample (set fresh3)")
    parser.add_argument("--tune2", action="store_true", help="more tuning data (set tune2)")
    parser.add_argument("--tune3", action="store_true", help="more tuning data (set tune3)")
    parser.add_argument("--fresh4", action="store_true", help="the fifth sample (set fresh4)")
    parser.add_argument("--fresh5", action="store_true", help="the sixth sample (set fresh5)")
    parser.add_argument("--fresh6", action="store_true", help="the seventh sample (set fresh6)")
    parser.add_argument("--fresh7", action="store_true", help="the eighth sample (set fresh7)")
    parser.add_argument("--fresh8", action="store_true", help="the ninth sample (set fresh8)")
    parser.add_argument("--fresh9", action="store_true", help="the tenth sample (set fresh9)")
    parser.add_argument("--fresh10", action="store_true", help="the eleventh sample (set fresh10)")
    args = parser.parse_args()
    total = 0
    if args.fresh10:
        picked = fresh10_sample(args.per_article)
    elif args.fresh9:
        picked = fresh9_sample(args.per_article)
    elif args.fresh8:
        picked = fresh8_sample(args.per_article)
    elif args.fresh7:
        picked = fresh7_sample(args.per_article)
    elif args.fresh6:
        picked = fresh6_sample(args.per_article)
    elif args.fresh5:
        picked = fresh5_sample(args.per_article)
    elif args.fresh4:
        picked = fresh4_sample(args.per_article)
    elif args.tune3:
        picked = tune3_sample(args.per_article)
    elif args.tune2:
        picked = tune2_sample(args.per_article)
    elif args.fresh3:
        picked = fresh3_sample(args.per_article)
    elif args.fresh2:
        picked = fresh2_sample(args.per_article)
    elif args.fresh:
        picked = fresh_sample(per_article=args.per_article)
    else:
        picked = sample(args.ecb, args.allsides, args.scan, args.per_article)
    for number, ref, text, starts in picked:
        total += len(starts)
        if not args.show:
            continue
        print(f"=== article {number} {ref}")
        for start in starts:
            wide = args.fresh4 or args.fresh5 or args.fresh6 or args.fresh7
            wide = wide or args.fresh8 or args.fresh9 or args.fresh10
            before = text[max(0, start - (900 if wide else 400)) : start]
            after = text[start : start + 350]
            print(f"--- start {start}\n{before}⟦{after}\n")
    print(f"{total} quotations")


if __name__ == "__main__":
    main()
