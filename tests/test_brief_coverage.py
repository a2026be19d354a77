"""Coverage: outlets with provenance of every fact, counts by group, blind spots."""

from __future__ import annotations

from pathlib import Path

from brief_seeds import seed_articles
from newsweave.brief.coverage import bias_side, build_coverage
from newsweave.models import Article, BiasRating, GroupCount, Labels, SourceType
from newsweave.render.present import type_text
from newsweave.sources import load_registry, normalise_domain

REGISTRY = """name,domain,country,type,owner,bias,bias_rater
Daily Example,dailyexample.com,GB,publisher,Example Media,Lean Left,AllSides
Wire One,wireone.net,US,wire,,Center,AllSides
Right Daily,rightdaily.com,US,publisher,,Right,AllSides
"""


def _article(aid: str, **fields: object) -> Article:
    return Article(id=aid, key=aid, title=None, body="Text.", **fields)  # type: ignore[arg-type]


def _registry(tmp_path: Path) -> Path:
    path = tmp_path / "outlets.csv"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def test_registry_facts_with_provenance(tmp_path: Path) -> None:
    registry = load_registry(_registry(tmp_path))
    articles = [
        _article("a", url="https://www.dailyexample.com/world/1"),
        _article("b", outlet="daily example"),
        _article("c", outlet="Wire One", labels=Labels(wire_credits=("Reuters",))),
    ]
    coverage = build_coverage(articles, registry)
    daily, wire = coverage.entries
    assert daily.source.name == "Daily Example"
    assert daily.article_ids == ("a", "b")
    assert daily.source.country == "GB"
    assert daily.source.owner == "Example Media"
    assert daily.provenance == "registry:outlets.csv"
    assert daily.source.bias_ratings == (
        BiasRating("Lean Left", "AllSides", "registry:outlets.csv"),
    )
    assert wire.source.type is SourceType.WIRE
    assert wire.wire_credits == ("Reuters",)
    assert GroupCount("bias", "lean left", 2, 1) in coverage.counts
    assert GroupCount("country", "GB", 2, 1) in coverage.counts
    assert GroupCount("type", "publisher", 2, 1) in coverage.counts
    # Two rated outlets are too few to call the missing right a blind spot.
    assert coverage.blindspots == ()


def test_unknown_stays_unknown_and_article_labels_count() -> None:
    rated = Labels(bias_ratings=(BiasRating("Center", "AllSides"),), ai_generated=True)
    articles = [
        _article("a", outlet="Some Paper"),
        _article("b"),
        _article("c"),
        _article("d", labels=rated),
        _article("e", url="https://news.example.org/x"),
    ]
    coverage = build_coverage(articles)
    names = [e.source.name for e in coverage.entries]
    # Articles with no outlet are not merged into one guessed outlet.
    assert names.count("unknown") == 3
    assert "news.example.org" in names  # the host as found; no parent domain guessed
    ai = next(e for e in coverage.entries if e.article_ids == ("d",))
    assert ai.source.type is SourceType.AI_SUMMARY
    assert ai.source.bias_ratings == (BiasRating("Center", "AllSides", "article"),)
    assert ai.provenance is None
    assert all(e.source.country is None for e in coverage.entries)
    assert GroupCount("country", "unknown", 5, 5) in coverage.counts
    assert GroupCount("bias", "unknown", 4, 4) in coverage.counts
    assert GroupCount("type", "ai_summary", 1, 1) in coverage.counts
    # One rated outlet of five: nothing is known about the sides that did not cover it.
    assert coverage.blindspots == ()


def _rated(aid: str, outlet: str, value: str) -> Article:
    labels = Labels(bias_ratings=(BiasRating(value, "Rater"),))
    return _article(aid, outlet=outlet, labels=labels)


def test_blindspot_needs_enough_rated_outlets_and_names_the_side() -> None:
    three = [
        _rated("a", "Paper A", "Lean Left"),
        _rated("b", "Paper B", "Left"),
        _rated("c", "Paper C", "Center"),
    ]
    # Lean left counts for the left: only the right is missing.
    assert build_coverage(three).blindspots == ("right",)
    # Two rated outlets (and any number of unrated ones) are not enough.
    unrated = [_article(f"u{i}", outlet=f"Unrated {i}") for i in range(4)]
    assert build_coverage(three[:2] + unrated).blindspots == ()
    # Several articles of one outlet are still one rated outlet.
    same = [_rated(f"s{i}", "Paper A", "Left") for i in range(5)]
    assert build_coverage(same).blindspots == ()
    # Both sides covered: no blind spot; the threshold is an option.
    both = [*three, _rated("d", "Paper D", "Lean Right")]
    assert build_coverage(both).blindspots == ()
    assert build_coverage(three[:2], blindspot_min_rated=2).blindspots == ("right",)
    # A one-source story never has one.
    assert build_coverage([three[0]], blindspot_min_rated=0).blindspots == ()


def test_bias_side_and_left_to_right_order() -> None:
    assert bias_side("Lean Left") == "left"
    assert bias_side("left-center") == "left"
    assert bias_side("Right") == "right"
    assert bias_side("Centre") == "center"
    assert bias_side("Mixed") is None
    values = ["Right", "Center", "Lean Right", "Lean Left", "Left", "Mixed"]
    articles = [_rated(str(i), f"Paper {i}", v) for i, v in enumerate(values)]
    articles.append(_article("u", outlet="Unrated"))
    coverage = build_coverage(articles)
    order = [g.value for g in coverage.counts if g.dimension == "bias"]
    assert order == ["left", "lean left", "center", "lean right", "right", "mixed", "unknown"]


def test_no_ratings_no_blindspots() -> None:
    coverage = build_coverage([_article("a", outlet="Paper")])
    assert coverage.blindspots == ()
    assert [(g.dimension, g.value) for g in coverage.counts] == [
        ("type", "unknown"),
        ("country", "unknown"),
        ("bias", "unknown"),
    ]


def test_seed_coverage() -> None:
    coverage = build_coverage(seed_articles())
    assert sum(len(e.article_ids) for e in coverage.entries) == 5
    ai = [e for e in coverage.entries if e.source.type is SourceType.AI_SUMMARY]
    assert len(ai) == 1
    assert ai[0].source.bias_ratings[0].provenance == "article"
    # The work the AI summary retells is shown beside its type (its rating is about it).
    assert len(ai[0].derived_from) == 1
    assert type_text(ai[0]) == f"ai_summary of {ai[0].derived_from[0]}"
    assert all(not e.derived_from for e in coverage.entries if e is not ai[0])
    assert any(e.wire_credits for e in coverage.entries)
    assert "center" not in coverage.blindspots


def test_a_malformed_stored_url_is_no_domain() -> None:
    # urlsplit raises on an unclosed IPv6 host; a store may hold such a URL from
    # before ingest dropped them, and it made every brief of its story (and so the
    # whole export) fail.
    articles = [
        _article("a", url="http://[::1/story", canonical_url="http://[::1/story"),
        _article("b", url="https://news.example.org/x"),
    ]
    names = [entry.source.name for entry in build_coverage(articles).entries]
    assert sorted(names) == ["news.example.org", "unknown"]
    assert normalise_domain("http://[::1/story") == ""
