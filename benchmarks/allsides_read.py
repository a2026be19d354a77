"""What the AllSides read checks share: stories by article id, sentence references, the dump.

Used by ``eval_summary_read.py`` and ``eval_keypoints_read.py``: each lists its stories
as AllSides article IDs per story number (even: tune, odd: check) and labels sentences
by reference, ``<article id>:<10 hex digits of SHA-1 over the sentence's words>``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from newsweave.brief.doc import StoryDoc
from newsweave.models import Article

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"


def half(number: int) -> str:
    """The half a story number belongs to: even tune, odd check."""
    return "tune" if number % 2 == 0 else "check"


def key(text: str) -> str:
    """``text`` with its runs of white space made one space."""
    return " ".join(text.split())


def ref(article_id: str, text: str) -> str:
    """A sentence's reference in the labels: its article's id and a digest of its words."""
    digest = hashlib.sha1(key(text).encode("utf-8")).hexdigest()[:10]
    return f"{article_id}:{digest}"


def _article(r: dict[str, Any]) -> Article:
    date = r.get("date")
    return Article(
        id=str(r["ID"]),
        key=str(r["ID"]),
        title=r.get("title"),
        body=(r.get("content_original") or "").strip(),
        url=r.get("url") or None,
        outlet=r.get("source"),
        published=datetime.fromisoformat(date) if date else None,
    )


def load_stories(data: Path, stories: Mapping[int, tuple[str, ...]]) -> dict[int, list[Article]]:
    """The articles of every story of ``stories`` (number -> AllSides IDs), in the order listed."""
    wanted = {i for ids in stories.values() for i in ids}
    rows: dict[str, Article] = {}
    with gzip.open(data / "allsides" / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            if str(r.get("ID")) in wanted:
                rows[str(r["ID"])] = _article(r)
    return {number: [rows[i] for i in ids] for number, ids in stories.items()}


def data_digest(data: Path, labels_path: Path, stories: Mapping[int, tuple[str, ...]]) -> str:
    """16 hex digits of SHA-256 over the labels file and the stories' articles (id,
    title, body), so a pinned floor is only compared on the data it was measured on."""
    digest = hashlib.sha256(labels_path.read_bytes())
    for number, articles in load_stories(data, stories).items():
        for article in articles:
            for part in (str(number), article.id, article.title or "", article.body):
                digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def print_sentences(
    articles: list[Article],
    heading: Callable[[Article], str] = lambda a: f"[{a.outlet}] {a.published}",
) -> None:
    """Every sentence of a story with its reference, under a heading per article (for
    labelling by reading)."""
    doc = StoryDoc.from_articles(articles)
    for k, article in enumerate(articles):
        print(f"\n##### {heading(article)} {article.title}")
        for s in doc.sentences:
            if s.article == k:
                print(f"{ref(article.id, s.text)} {key(s.text)}")


def arguments(description: str, labels: Path) -> argparse.Namespace:
    """The options both read checks take (``--data``, ``--labels``, ``--dump``,
    ``--sentences``, ``--half``); exits with a message when the AllSides articles are absent."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--labels", type=Path, default=labels)
    parser.add_argument("--dump", action="store_true")
    parser.add_argument("--sentences", type=int, default=None)
    parser.add_argument("--half", choices=("tune", "check"), default=None, help="dump one half")
    args = parser.parse_args()
    if not (args.data / "allsides" / "articles.jsonl.gz").is_file():
        raise SystemExit(f"no allsides articles under {args.data}")
    return args
