"""The candidate join (newsweave.dedup.candidates): deciding with joined candidates
gives the answers of the detector's own index lookup, on a real dated stream."""

from __future__ import annotations

import gzip
import json
import pickle
import random
from functools import cache

import pytest

from conftest import shared_data
from newsweave.dedup import DedupOptions, DuplicateDetector, DuplicateMatch
from newsweave.dedup.candidates import join_candidates
from newsweave.errors import ConfigError
from newsweave.models import Article
from newsweave.text import split_sentences

STREAM_RECORDS = 300


def _article(article_id: str, body: str, outlet: str | None) -> Article:
    return Article(id=article_id, key=f"test:{article_id}", title=None, body=body, outlet=outlet)


def _reworded(body: str, rng: random.Random) -> str:
    """A rewrite: a third of the sentences dropped, the rest shuffled, clauses turned."""
    sentences = split_sentences(body)
    kept = rng.sample(sentences, max(1, round(len(sentences) * 0.7)))
    rng.shuffle(kept)
    turned = [
        ", ".join(reversed(sentence.rstrip(".").split(","))).strip() + "."
        if index % 3 == 0
        else sentence
        for index, sentence in enumerate(kept)
    ]
    return " ".join(turned)


@cache
def _stream() -> tuple[Article, ...]:
    """The first records of the dated AllSides stream, in order, with copies mixed in:
    exact copies (other outlet, other case), near copies (an intro and a footer added,
    a paragraph cut), rewrites, and copies of copies."""
    path = shared_data("story-judgments", "allsides-2020.jsonl.gz")
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) == STREAM_RECORDS:
                break
    rng = random.Random(20)
    stream: list[Article] = []
    for number, record in enumerate(records):
        base = _article(f"r{number}", str(record["text"]), record.get("source"))
        stream.append(base)
        earlier = stream[rng.randrange(len(stream))]
        kind = number % 5
        body = earlier.body
        if kind == 0:
            stream.append(_article(f"r{number}-exact", body.upper(), "Mirror"))
        elif kind == 1:
            parts = body.split("\n")
            near = "An introduction of our own.\n" + "\n".join(parts[: max(1, len(parts) - 1)])
            stream.append(_article(f"r{number}-near", near + "\nShare this story.", "Carrier"))
        elif kind == 2:
            stream.append(_article(f"r{number}-rewrite", _reworded(body, rng), "Farm"))
        elif kind == 3:
            stream.append(_article(f"r{number}-short", " ".join(body.split()[:6]), None))
    return tuple(stream)


def _by_index(stream: tuple[Article, ...], options: DedupOptions) -> dict[str, DuplicateMatch]:
    detector = DuplicateDetector(options=options)
    return {
        article.id: match for article in stream if (match := detector.observe(article)) is not None
    }


@pytest.mark.parametrize("common_limit", [1000, 3, 1])
def test_deciding_with_joined_candidates_equals_the_index_lookup(common_limit: int) -> None:
    """``common_limit`` 3 and 1 send many keys back to the detector's index."""
    stream = _stream()
    options = DedupOptions()
    expected = _by_index(stream, options)
    kinds = {match.kind for match in expected.values()}
    assert kinds >= {"exact", "near", "rewrite"}, kinds
    analyst = DuplicateDetector(options=options)
    analyses = [analyst.analyse(article) for article in stream]
    joined = pickle.loads(pickle.dumps(join_candidates(analyses, common_limit=common_limit)))
    if common_limit == 1:
        assert any(c.common_keys for c in joined)
        assert any(c.common_bands for c in joined)
    else:
        assert any(c.postings for c in joined)
        assert any(c.near for c in joined)
    detector = DuplicateDetector(options=options)
    found = {}
    for article, analysis, candidates in zip(stream, analyses, joined, strict=True):
        match = detector.observe(article, analysis=analysis, candidates=candidates)
        if match is not None:
            found[article.id] = match
    assert found == expected
    if common_limit > 1:
        # The joined candidates include articles the detector did not index (copies),
        # which the detector must leave out.
        copied = {match.article_id for match in expected.values() if match.kind != "rewrite"}
        copies = {place for place, article in enumerate(stream) if article.id in copied}
        assert any(set(c.near) & copies for c in joined)


def test_candidates_must_come_with_the_articles_analysis() -> None:
    stream = _stream()[:3]
    detector = DuplicateDetector()
    analyses = [detector.analyse(article) for article in stream]
    joined = join_candidates(analyses)
    with pytest.raises(ConfigError, match="candidates"):
        detector.observe(stream[0], candidates=joined[0])
    with pytest.raises(ConfigError, match="candidates"):
        detector.observe(stream[1], analysis=analyses[1], candidates=joined[0])
    # Candidates joined over another stream (here: one that skips the first article).
    with pytest.raises(ConfigError, match="observed 0 articles"):
        detector.observe(stream[1], analysis=analyses[1], candidates=joined[1])
