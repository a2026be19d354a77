"""The bundled seed pages read through the generic pipeline, for the brief-stage tests."""

from __future__ import annotations

from functools import cache

from conftest import SEEDS
from newsweave.config import load_settings
from newsweave.extract import extract_article
from newsweave.models import Article, RawDocument


@cache
def seed_articles() -> tuple[Article, ...]:
    """The five seeds, extracted exactly as ``newsweave ingest`` would."""
    found: list[Article] = []
    for doc in read_seed_documents():
        found.append(extract_article(doc))
    assert len(found) == 5
    return tuple(found)


def read_seed_documents() -> list[RawDocument]:
    from newsweave.ingest import read_inputs

    docs = []
    for item in read_inputs([str(SEEDS)], settings=load_settings()):
        assert isinstance(item, RawDocument), item
        docs.append(item)
    return docs
