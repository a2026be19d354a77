"""Optional named-entity recognition in story clustering: features, wiring, snapshots, spaCy."""

from __future__ import annotations

import gzip
import pickle
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import three_event_articles
from newsweave.cluster import StoryClusterer
from newsweave.cluster.assign import StoryAssigner
from newsweave.cluster.features import FeatureOptions, count_features
from newsweave.cluster.ner import (
    SpacyNames,
    article_lead,
    load_name_finder,
    name_finder_from_settings,
)
from newsweave.config import ClusterSettings, Settings
from newsweave.errors import ConfigError
from newsweave.models import Article
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.store import SQLiteStore


class ListedNames:
    """A stand-in for a model: every listed phrase that occurs in a text is a name."""

    name = "listed-test"

    def __init__(self, phrases: Sequence[str]) -> None:
        self.phrases = list(phrases)
        self.calls = 0

    def find(self, texts: Sequence[str]) -> list[list[str]]:
        self.calls += len(texts)
        return [[p for p in self.phrases if p in text] for text in texts]


# The names of the three events of conftest.three_event_articles.
PHRASES = ["Marrow", "Ostend Vale", "Larch Valley", "Ines Koller", "Cape Tolm"]


def test_article_lead_is_title_and_start_of_body() -> None:
    article = Article(id="a", key="a", title="Title", body="alpha beta gamma delta")
    assert article_lead(article, lead_chars=12) == "Title\nalpha beta"
    assert article_lead(replace(article, title=""), lead_chars=100) == "alpha beta gamma delta"


def test_found_names_get_the_entity_boost() -> None:
    # "Harlow" opens the sentence, so capitalisation alone cannot call it a name.
    article = Article(id="a", key="a", title="", body="Harlow flooded. The storm hit Harlow again.")
    options = FeatureOptions()
    plain = count_features(article, options=options)
    # Mid-sentence, the rules already see it; the sentence opener "The" is no name.
    assert "harlow" in plain.names
    opener = Article(id="b", key="b", title="", body="Harlow flooded after the storm.")
    without = count_features(opener, options=options)
    assert "harlow" not in without.names
    assert without.boosts.get("harlow", 1.0) == 1.0
    found = count_features(opener, options=options, names=["Harlow", "Nowhere Else"])
    assert "harlow" in found.names
    assert found.boosts["harlow"] == options.entity_boost
    # A name that is not in the article adds no feature; the counts are unchanged.
    assert "nowhere" not in found.counts
    assert found.counts == without.counts


def test_clusterer_uses_the_name_finder_and_snapshots_without_it() -> None:
    articles = three_event_articles()
    finder = ListedNames(PHRASES)
    whole = StoryClusterer(name_finder=finder)
    expected = [whole.assign(a) for a in articles]
    assert finder.calls == len(articles)
    assert len(set(expected)) == 3

    first = StoryClusterer(name_finder=ListedNames(finder.phrases))
    for article in articles[:6]:
        first.assign(article)
    restored = pickle.loads(pickle.dumps(first))
    with pytest.raises(RuntimeError, match="attach_models"):
        restored.assign(articles[6])
    restored.attach_models(name_finder=ListedNames(finder.phrases))
    for article in articles[6:]:
        restored.assign(article)
    assert [restored.story_of(a.id) for a in articles] == expected


def test_snapshot_format_names_the_name_finder() -> None:
    plain = StoryAssigner()
    named = StoryAssigner(name_finder=ListedNames(["Ostend Vale"]))
    assert plain.format != named.format
    assert b"ListedNames" not in gzip.decompress(named.snapshot())


def test_open_assigner_reattaches_the_name_finder(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    articles = three_event_articles()
    phrases = PHRASES
    with SQLiteStore(db) as store:
        assigner = open_assigner(store, name_finder=ListedNames(phrases))
        assigner([(n + 1, a) for n, a in enumerate(articles[:6])])
        save_assigner(store, assigner)
    with SQLiteStore(db) as store:
        finder = ListedNames(phrases)
        again = open_assigner(store, name_finder=finder)
        assert again.upto_seq == 6
        assert finder.calls == 0  # the snapshot was used, not rebuilt
        for n, article in enumerate(articles[6:], start=7):
            again.assign(article, seq=n)
        assert finder.calls == 6
        assert len({again.story_of(a.id) for a in articles}) == 3
    with SQLiteStore(db) as store:
        # Without the name finder the snapshot is another format: not loaded but
        # rebuilt from the stored articles (none here: the hook was called directly).
        plain = open_assigner(store)
        assert plain.upto_seq == 0


def test_settings_choose_the_name_finder() -> None:
    assert name_finder_from_settings(Settings()) is None
    unknown = replace(Settings(), cluster=ClusterSettings(names="nltk"))
    with pytest.raises(ConfigError, match="'spacy'"):
        name_finder_from_settings(unknown)


def test_missing_pipeline_says_how_to_install() -> None:
    pytest.importorskip("spacy", reason="spaCy is not installed")
    with pytest.raises(ConfigError, match=r"newsweave\[spacy\]"):
        SpacyNames("no_such_pipeline_package")


def test_packaged_spacy_pipeline_when_installed() -> None:
    try:
        finder = load_name_finder("spacy")
    except ConfigError as exc:
        # Only a missing extra may skip this test; any other refusal is a failure.
        if "newsweave[spacy]" not in str(exc):
            raise
        pytest.skip(f"the spacy extra is not installed: {exc}")
    assert finder.name.startswith("spacy en_core_web_sm")
    found = finder.find(
        [
            "Angela Merkel met officials of the World Bank in Nairobi on Tuesday.",
            "Rain is expected later in the week.",
        ]
    )
    assert "Angela Merkel" in found[0]
    assert "Nairobi" in found[0]
    assert not any("Tuesday" in name for name in found[0])  # a date is not a name
    assert found[1] == []


def test_spacy_forgets_the_words_it_read() -> None:
    # A long-running server reads new words with every article; they must not
    # pile up in the pipeline's string store.
    try:
        finder = SpacyNames()
    except ConfigError as exc:
        if "newsweave[spacy]" not in str(exc):
            raise
        pytest.skip(f"the spacy extra is not installed: {exc}")
    strings = finder._nlp.vocab.strings
    before = len(strings)
    texts = [f"Quorvanne Blenthisk{i} met the Zavrellian envoy in Tomsk{i}." for i in range(50)]
    found = finder.find(texts)
    assert len(strings) == before
    assert any(names for names in found)  # it did read them
    assert found == finder.find(texts)  # and reads them the same again
