"""Story brief core: alignment, summary citations, key points, headline, serialiser, CLI."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SEEDS, shared_data
from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.brief.headline import choose_headline, clean_title
from newsweave.brief.keypoints import KeyPointOptions, find_key_points
from newsweave.brief.serialise import brief_to_data
from newsweave.brief.summary import SummaryOptions, summary_words
from newsweave.cli import app
from newsweave.config import Settings
from newsweave.dedup import copy_matches, source_key, source_units, story_coverage
from newsweave.models import Article, Brief, Citation, Labels
from newsweave.pipeline.brief import brief_input
from newsweave.render import render_brief_html, render_brief_markdown, render_brief_text
from newsweave.render.present import reported_by
from newsweave.text import STOPWORDS, split_sentences, words

FIRE = (
    "A fire destroyed the central library of Northbridge on Tuesday night, officials said. "
    "Firefighters fought the blaze for six hours before bringing it under control. "
    "The mayor promised to rebuild the library within two years."
)
FIRE_REWRITE = (
    "Officials said a fire destroyed Northbridge's central library on Tuesday night. "
    "The blaze took firefighters six hours to bring under control. "
    "Local residents gathered outside the ruins in Northbridge on Wednesday morning to mourn."
)
FIRE_THIRD = (
    "Northbridge lost its central library to a fire on Tuesday night, according to officials. "
    "The cause is still under investigation by the Northbridge marshal."
)


def _article(
    ident: str, body: str, *, outlet: str | None = None, title: str | None = None, **labels: object
) -> Article:
    return Article(
        id=ident,
        key=ident,
        title=title,
        body=body,
        outlet=outlet,
        labels=Labels(**labels),  # type: ignore[arg-type]
    )


def _content(text: str) -> set[str]:
    return {w.removesuffix("'s") for w in words(text) if w not in STOPWORDS}


def _assert_citations_share_content(brief: Brief, articles: list[Article]) -> None:
    sentences = {a.id: split_sentences(a.body) for a in articles}
    cited: list[tuple[str, tuple[Citation, ...]]] = [
        (s.text, s.citations) for s in brief.summary
    ] + [(p.text, p.support) for p in (*brief.key_points, *brief.single_source)]
    for text, citations in cited:
        assert citations, f"no citation for {text!r}"
        for citation in citations:
            # The citation points to the real sentence of the article ...
            assert sentences[citation.article_id][citation.sentence_index] == citation.text
            # ... and that sentence shares content with what it supports.
            assert _content(citation.text) & _content(text), (text, citation.text)


def test_independent_source_units() -> None:
    assert source_key(_article("a", FIRE, outlet="The Daily"))[0] == "outlet:the daily"
    assert source_key(_article("b", FIRE))[0] == "article:b"
    wire = _article("c", FIRE, outlet="Paper", wire_credits=("Reuters",))
    assert source_key(wire)[0] == "wire:reuters"
    unnamed = _article("d", FIRE, outlet="Paper", wire_credits=("agency",))
    assert source_key(unnamed)[0] == "outlet:paper"
    derived = _article("e", FIRE, derived_from=("BBC",))
    assert source_key(derived)[0] == "derived:bbc"


def test_summary_cites_every_article_stating_the_sentence() -> None:
    articles = [
        _article("a", FIRE, outlet="One"),
        _article("b", FIRE_REWRITE, outlet="Two"),
        _article("c", FIRE_THIRD, outlet="Three"),
    ]
    brief = build_brief("s", articles)
    assert 1 <= len(brief.summary) <= 7
    fire = next(s for s in brief.summary if "fire" in s.text.lower())
    assert {c.article_id for c in fire.citations} == {"a", "b", "c"}
    _assert_citations_share_content(brief, articles)


def test_key_points_count_independent_sources_not_articles() -> None:
    articles = [
        _article("a", FIRE, outlet="One"),
        _article("a2", FIRE, outlet="One"),  # same outlet again
        _article("w1", FIRE_REWRITE, outlet="Paper A", wire_credits=("AP",)),
        _article("w2", FIRE_REWRITE, outlet="Paper B", wire_credits=("AP",)),  # same wire copy
        _article("c", FIRE_THIRD, outlet="Three"),
    ]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    key_points, single = find_key_points(story)
    top = key_points[0]
    assert "library" in top.text
    # Five articles, but: One (twice), AP (twice), Three.
    assert top.independent_sources == 3
    assert top.total_sources == 3
    assert len({c.article_id for c in top.support}) == len(top.support)
    assert all(p.independent_sources == 1 for p in single)
    assert any("investigation" in p.text for p in single)
    assert not any("investigation" in p.text for p in key_points)


def test_single_source_claims_name_their_source() -> None:
    articles = [_article("a", FIRE, outlet="One"), _article("b", FIRE_REWRITE, outlet="Two")]
    _, single = find_key_points(StoryAlignment(StoryDoc.from_articles(articles)))
    mourn = next(p for p in single if "mourn" in p.text)
    assert [c.outlet for c in mourn.support] == ["Two"]


def test_clean_title() -> None:
    assert clean_title("Fire guts library - The Daily Planet", outlets=["The Daily Planet"]) == (
        "Fire guts library"
    )
    assert clean_title("Fire guts Northbridge library | Planet News") == (
        "Fire guts Northbridge library"
    )
    assert clean_title("BREAKING: Fire guts library!!") == "Fire guts library"
    assert clean_title("Fire Guts Library - Mayor Vows To Rebuild") == (
        "Fire Guts Library - Mayor Vows To Rebuild"
    )
    assert clean_title("Library burns?! Town in shock") == "Library burns? Town in shock"


def test_headline_prefers_the_representative_title_and_falls_back_to_a_sentence() -> None:
    articles = [
        _article("a", FIRE, title="You won't believe this", outlet="One"),
        _article(
            "b", FIRE_REWRITE, title="Fire destroys Northbridge central library", outlet="Two"
        ),
    ]
    assert choose_headline(articles) == "Fire destroys Northbridge central library"
    untitled = [_article("a", FIRE)]
    assert choose_headline(untitled, fallback=[FIRE]).startswith("A fire destroyed")


def test_summary_word_budget() -> None:
    texts = ["one two three four", "five six seven", "eight nine"]
    assert summary_words(texts, 5) == ["one two three four", "five"]
    assert summary_words(texts, 100) == texts
    articles = [_article("a", FIRE), _article("b", FIRE_REWRITE)]
    brief = build_brief("s", articles, options=BriefOptions(summary=SummaryOptions(max_words=10)))
    assert len(render_brief_text(brief, max_words=10).split()) <= 10
    with pytest.raises(ValueError, match="at least one"):
        build_brief("s", [])


def test_brief_to_data_is_json_with_the_schema_keys() -> None:
    brief = build_brief("s", [_article("a", FIRE, outlet="One"), _article("b", FIRE_THIRD)])
    data = json.loads(json.dumps(brief_to_data(brief)))
    assert {
        "headline",
        "summary",
        "key_points",
        "single_source",
        "disagreements",
        "quotes",
        "entities",
        "timeline",
        "coverage",
    } <= set(data)
    assert data["schema_version"] == 1
    citation = data["summary"][0]["citations"][0]
    assert set(citation) == {"article", "sentence", "outlet", "text", "partial"}
    assert citation["partial"] is False


def _seed_brief() -> tuple[Brief, list[Article]]:
    run = brief_input(str(SEEDS), settings=Settings())
    assert run.brief is not None
    return run.brief, run.articles


def _assert_single_source_claims_are_not_cited_twice(brief: Brief, articles: list[Article]) -> None:
    """A claim listed as "reported by one outlet" is never cited from two in the summary.

    Two articles of one source (a copy and its original) are one outlet.
    """
    found = source_units(articles, copy_matches(articles))
    units = dict(zip((a.id for a in articles), found, strict=True))
    for claim in brief.single_source:
        for sentence in brief.summary:
            if sentence.text == claim.text:
                assert len({units[c.article_id] for c in sentence.citations}) == 1, claim.text


def test_seed_brief_cites_several_outlets_and_agrees_on_a_key_point() -> None:
    brief, articles = _seed_brief()
    assert len(articles) == 5
    units = {a.id: source_key(a)[0] for a in articles}
    cited = {units[c.article_id] for s in brief.summary for c in s.citations}
    assert len(cited) >= 3
    # Key points count only sentences the support judge says state the point: the
    # seeds' arrival sentences each state only part of the others (partial).
    assert max(p.independent_sources for p in brief.key_points) >= 2
    _assert_citations_share_content(brief, articles)
    _assert_single_source_claims_are_not_cited_twice(brief, articles)


@pytest.mark.slow
def test_ecbplus_every_cited_sentence_shares_content(tmp_path: Path) -> None:
    path = shared_data("ecbplus", "ecbplus-dev.jsonl")
    stories: defaultdict[str, list[dict[str, str]]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        record = json.loads(line)
        stories[record["story"]].append(record)
    checked = 0
    for story, records in sorted(stories.items()):
        input_path = tmp_path / f"{story}.jsonl"
        input_path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        run = brief_input(str(input_path), settings=Settings())
        if run.brief is None:
            continue
        assert run.brief.summary, story
        _assert_citations_share_content(run.brief, run.articles)
        _assert_single_source_claims_are_not_cited_twice(run.brief, run.articles)
        checked += 1
    assert checked >= len(stories) * 0.9


runner = CliRunner()


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "story.jsonl"
    records = [
        {
            "id": "a",
            "title": "Fire destroys central library in Northbridge - One",
            "text": FIRE,
            "source": "One",
        },
        {"id": "b", "title": "Library fire", "text": FIRE_REWRITE, "source": "Two"},
        {"id": "c", "text": FIRE_THIRD, "source": "Three"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def test_cli_brief_formats(tmp_path: Path) -> None:
    path = _jsonl(tmp_path)
    text = runner.invoke(app, ["brief", str(path), "--max-words", "12"])
    assert text.exit_code == 0, text.stderr
    assert 0 < len(text.stdout.split()) <= 12
    result = runner.invoke(app, ["brief", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["headline"] == "Fire destroys central library in Northbridge"
    assert {c["outlet"] for c in data["summary"][0]["citations"]} >= {"One", "Two"}
    md = runner.invoke(app, ["brief", str(path), "--format", "md"])
    assert md.stdout.startswith("# Fire destroys central library in Northbridge")
    assert "reported by 3 of 3 independent sources" in md.stdout
    page = runner.invoke(app, ["brief", str(path), "--format", "html"])
    assert "<h1>Fire destroys central library in Northbridge</h1>" in page.stdout


def test_cli_brief_without_articles_fails_clearly(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", "utf-8")
    result = runner.invoke(app, ["brief", str(empty)])
    assert result.exit_code == 1
    assert "nothing to brief" in result.stderr


def test_one_count_of_independent_sources_for_header_key_points_and_coverage() -> None:
    """Issue 17, item 2: a reprint and its original, and two articles of one site, count once."""
    _brief, seeds = _seed_brief()
    original = seeds[0]
    reprint = Article(
        id="reprint",
        key="reprint",
        title=None,
        body=original.body,
        outlet="Another Paper",
    )
    site_a = Article(
        id="site-a", key="site-a", title=None, body=seeds[1].body, url="https://www.site.example/a"
    )
    site_b = Article(
        id="site-b", key="site-b", title=None, body=seeds[2].body, url="https://site.example/b"
    )
    articles = [original, reprint, site_a, site_b, seeds[3]]
    brief = build_brief("s", articles)
    header = story_coverage(articles, copy_matches(articles)).independent_sources
    # original (+ its reprint), the site, the fourth seed.
    assert header == 3
    assert brief.coverage.independent_sources == header
    assert len(brief.coverage.entries) == 4  # the reprint's outlet is still listed as covering it
    for point in brief.key_points:
        assert point.total_sources == header
    # Given the ingest detector's copy groups, the brief counts them.
    groups = story_coverage(articles, copy_matches(articles)).groups
    given = build_brief("s", articles, options=BriefOptions(copies=groups))
    assert given.coverage.independent_sources == header


def test_key_point_cites_a_partly_stating_source_apart_from_its_count() -> None:
    """A sentence stating a key point only in part is cited as partial, never counted in N."""
    claim = "The mayor opened the new bridge over the river on Monday, ending three years of work."
    full = "On Monday the mayor opened the new bridge over the river, after three years of work."
    part = "The mayor opened the new bridge."
    # The short sentence is no key point of its own (min_words), so the long one is.
    options = BriefOptions(key_points=KeyPointOptions(min_words=10))
    brief = build_brief(
        "s",
        [
            _article("a", claim, outlet="One"),
            _article("b", full, outlet="Two"),
            _article("c", part, outlet="Three"),
        ],
        options=options,
    )
    point = next(p for p in brief.key_points if p.text == claim)
    assert point.independent_sources == 2
    assert point.partial_sources == 1
    assert [c.partial for c in point.support] == [False, False, True]
    assert point.support[2].article_id == "c"
    assert reported_by(point) == "reported by 2 of 3 independent sources, +1 partly"
    data = brief_to_data(brief)
    shown = next(p for p in data["key_points"] if p["text"] == claim)
    assert shown["partial_sources"] == 1
    assert [c["partial"] for c in shown["support"]] == [False, False, True]
    assert f"Three (partly): “{part}”" in render_brief_markdown(brief)
    shown_html = render_brief_html(brief)
    assert '<li class="partial"><span class="who">Three</span> <span class="partly">' in shown_html


def test_a_planned_report_is_never_cited_as_partly_stating_what_happened() -> None:
    """ "Is scheduled to visit" against "has arrived" is a conflict, not a part of the claim."""
    claim = (
        "The president has arrived in the capital for talks on trade, energy and security"
        " with the prime minister."
    )
    planned = "The president is scheduled to visit the capital next week for talks on trade."
    story = StoryAlignment(
        StoryDoc.from_articles([_article("a", claim, outlet="One"), _article("b", planned)])
    )
    assert story.judge(0, 1).label == "partial"  # the judge alone lets it through
    sims = story.similarity([0])[0]
    assert story.support_levels(0, sims, threshold=0.1) == ([0], [])
    assert story.support_levels(0, sims, threshold=0.1, same_status=False) == ([0], [1])


def test_summary_cites_no_article_that_states_the_sentence_only_in_part() -> None:
    # The other article states the rescue but not the blast: most of the sentence's
    # words (the story's judge says "supports"), not all of its content.
    claim = (
        "Firefighters rescued dozens of workers from the burning chemical plant in"
        " Springfield on Tuesday after a blast tore through its roof."
    )
    part = (
        "Firefighters rescued dozens of workers from the burning chemical plant in"
        " Springfield on Tuesday."
    )
    articles = [
        _article("a", claim + " The plant makes solvents for paint factories.", outlet="One"),
        _article("b", part + " Nobody was hurt, the fire chief said later.", outlet="Two"),
    ]
    # A column's sentences are not summary candidates, but may be cited.
    articles[1] = dataclasses.replace(articles[1], url="https://two.example/opinion/fire")
    strict = build_brief("s", articles)
    loose = build_brief("s", articles, options=BriefOptions(citation_judge=None))
    for brief, cited in ((strict, {"a"}), (loose, {"a", "b"})):
        sentence = next(s for s in brief.summary if "blast" in s.text)
        assert {c.article_id for c in sentence.citations} == cited


def test_a_wire_dateline_is_no_part_of_what_a_sentence_states() -> None:
    articles = [
        Article(
            id="a",
            key="a",
            title=None,
            body="HALDEN, Norway (AP) — Engineers closed the Westbury bridge over the Calder.",
            outlet="Wire",
        ),
        Article(
            id="b",
            key="b",
            title=None,
            body="Engineers closed the Westbury bridge over the Calder on safety grounds.",
            outlet="Courier",
        ),
    ]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    assert story.judge(0, 1).supports
