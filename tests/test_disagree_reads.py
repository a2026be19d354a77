"""The read slices ``benchmarks/eval_disagree_read.py`` rebuilds, and its labels on them.

Every sentence ``tests/data/disagree-reads.jsonl`` labels must be a sentence of an
article of its read's slice (the first 600 AllSides articles from the read's start
date, by date and ID), so the labels keep meaning what they say when the slice is
built anew.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from conftest import load_benchmark
from newsweave.brief.doc import StoryDoc
from newsweave.models import Article


@pytest.mark.slow
def test_every_labelled_sentence_is_in_its_read_slice() -> None:
    module = load_benchmark("eval_disagree_read", "allsides/articles.jsonl.gz")
    labels = module.load_labels(module.LABELS)
    assert {label["read"] for label in labels} <= set(module.SLICES)
    for name, start in module.SLICES.items():
        records = module.slice_records(module.DEFAULT_DATA, start)
        assert len(records) == module.COUNT
        keys = [(r["published"], r["id"]) for r in records]
        assert keys == sorted(keys)
        assert keys[0][0] >= start
        wanted = {
            ref
            for label in labels
            if label["read"] == name
            for side in label["sides"]
            for ref in side
        }
        articles = {ref.partition(":")[0] for ref in wanted}
        found: set[str] = set()
        for r in records:
            if r["id"] not in articles:
                continue
            article = Article(
                id=r["id"],
                key=r["id"],
                title=r["title"],
                body=r["text"].strip(),
                published=datetime.fromisoformat(r["published"]),
            )
            for sentence in StoryDoc.from_articles([article]).sentences:
                found.add(module.ref(r["id"], sentence.text))
        assert wanted <= found, sorted(wanted - found)
