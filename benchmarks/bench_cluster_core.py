"""Story clustering core speed: ``StoryClusterer.assign`` alone on real articles.

Loads the first ``--large`` allsides articles (already clean text, so no
extraction is timed), then assigns the first ``--small`` of them to a fresh
clusterer and all ``--large`` to another, and prints articles/s of each run,
the time per article over the last tenth of the large run, and the ratio of the
large run's time per article to the small run's (near 1 when the work per
article does not grow with the number of stories).  Also prints the number of
stories, the largest story sizes, merges and splits, to catch a collapse into
giant stories.

Run (one core): ``taskset -c 0 .venv/bin/python benchmarks/bench_cluster_core.py``
(options: ``--small 1000 --large 10000``)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.cluster import StoryClusterer
from newsweave.models import Article
from variants import ALLSIDES, load_allsides


def _run(articles: list[Article]) -> tuple[float, list[float], StoryClusterer]:
    clusterer = StoryClusterer()
    timings: list[float] = []
    started = time.perf_counter()
    for article in articles:
        before = time.perf_counter()
        clusterer.assign(article)
        timings.append(time.perf_counter() - before)
    return time.perf_counter() - started, timings, clusterer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    args = parser.parse_args()
    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} not found (see ../shared/data/README.md)")
        return 0
    articles = load_allsides(args.large)
    per_article: dict[int, float] = {}
    for count in (args.small, len(articles)):
        elapsed, timings, clusterer = _run(articles[:count])
        per_article[count] = elapsed / count
        tenth = max(1, count // 10)
        tail = sum(timings[-tenth:]) / tenth
        sizes = sorted((len(story.article_ids) for story in clusterer.stories()), reverse=True)
        print(
            f"{count:>6} articles: {count / elapsed:,.0f} articles/s "
            f"({1000 * elapsed / count:.2f} ms/article, last tenth {1000 * tail:.2f} ms); "
            f"{len(sizes)} stories, largest {sizes[:5]}, "
            f"{len(clusterer.merges)} merges, {len(clusterer.splits)} splits"
        )
    large, small = len(articles), args.small
    print(f"time per article {large}/{small}: {per_article[large] / per_article[small]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
