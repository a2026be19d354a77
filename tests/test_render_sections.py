"""One walk over a brief's sections serves Markdown and HTML (:mod:`newsweave.render.sections`).

The walk decides which sections a brief shows, in what order and with which
numbered sources; the two formatters only write them out, so both forms must show
the same sections in the same order and cite the same numbers.
"""

from __future__ import annotations

import dataclasses
import re

from newsweave.models import (
    AbstractSentence,
    Article,
    BiasRating,
    Brief,
    Citation,
    Coverage,
    CoverageEntry,
    Disagreement,
    EntityMention,
    GroupCount,
    KeyPoint,
    Quote,
    Source,
    SummarySentence,
    TimelineEntry,
)
from newsweave.render import render_brief_html, render_brief_markdown, story_brief
from newsweave.render.present import SINGLE_CITATION_NOTE
from newsweave.render.section_types import (
    NO_SUMMARY,
    AbstractSection,
    CoverageSection,
    DisagreementsSection,
    EntitiesSection,
    KeyPointsSection,
    QuotesSection,
    SingleSourceSection,
    SourcesSection,
    SummarySection,
    TimelineSection,
)
from newsweave.render.sections import brief_sections

FIRST = Citation(article_id="a1", sentence_index=0, outlet="Daily One", text="First said it.")
SECOND = Citation(article_id="a2", sentence_index=3, outlet=None, text="Second said it.")
THIRD = Citation(article_id="a1", sentence_index=5, outlet="Daily One", text="Later words.")

ARTICLES = [
    Article(id="a1", key="k1", title="Daily One", body="", url="https://one.example/a"),
    Article(id="a2", key="k2", title="A long title of the second article", body="", url="ftp://x"),
]


def _full_brief() -> Brief:
    """A brief with something in every section, citing three sentences."""
    return Brief(
        story_id="s1",
        headline="Bridge reopens",
        summary=(SummarySentence(text="The bridge reopened.", citations=(FIRST, SECOND)),),
        abstract=(
            AbstractSentence(
                text="It reopened.", citations=(FIRST,), supported=True, support_score=0.8
            ),
        ),
        key_points=(KeyPoint(text="It reopened", support=(FIRST, SECOND), independent_sources=2),),
        single_source=(KeyPoint(text="Tolls rise", support=(THIRD,), independent_sources=1),),
        disagreements=(
            Disagreement(topic="cost", versions=(("ten", (FIRST,)), ("twelve", (SECOND,)))),
        ),
        quotes=(Quote(text="We are glad", speaker="A Mayor", article="a1", citation=THIRD),),
        entities=(
            EntityMention(name="A Mayor", label="person", mentions_by_outlet={"Daily One": 2}),
            EntityMention(name="Rivertown", label="place", mentions_by_outlet={"x": 1, "y": 1}),
        ),
        timeline=(TimelineEntry(date="2024-06-19", text="It reopened", citations=(SECOND,)),),
        coverage=Coverage(
            entries=(
                CoverageEntry(
                    source=Source(name="Daily One", bias_ratings=(BiasRating("center", "r", "f"),)),
                    article_ids=("a1",),
                ),
            ),
            counts=(GroupCount(dimension="bias", value="center", articles=1, outlets=1),),
            blindspots=("left",),
        ),
    )


def test_sections_come_in_reading_order() -> None:
    laid_out = brief_sections(story_brief(_full_brief(), articles=ARTICLES))
    assert [type(s) for s in laid_out.sections] == [
        SummarySection,
        AbstractSection,
        KeyPointsSection,
        DisagreementsSection,
        SingleSourceSection,
        QuotesSection,
        EntitiesSection,
        TimelineSection,
        CoverageSection,
        SourcesSection,
    ]


def test_an_empty_brief_keeps_only_its_summary() -> None:
    item = story_brief(Brief(story_id="s0", headline="Nothing"))
    laid_out = brief_sections(item)
    assert laid_out.sections == (SummarySection(sentences=()),)
    assert NO_SUMMARY in render_brief_markdown(item)
    assert NO_SUMMARY in render_brief_html(item)


def test_sources_are_cited_articles_numbered_by_first_mention() -> None:
    laid_out = brief_sections(story_brief(_full_brief(), articles=ARTICLES))
    summary, *_rest, sources = laid_out.sections
    assert isinstance(summary, SummarySection)
    assert isinstance(sources, SourcesSection)
    assert [s.number for s in summary.sentences[0].sources] == [1, 2]
    # One number per article: a1's two cited sentences are both in its entry.
    assert [(s.number, s.sentences) for s in sources.sources] == [
        (1, (FIRST.text, THIRD.text)),
        (2, (SECOND.text,)),
    ]
    [quotes] = [s for s in laid_out.sections if isinstance(s, QuotesSection)]
    assert quotes.quotes[0].source is not None
    assert quotes.quotes[0].source.number == 1


def test_each_entry_links_back_to_every_place_citing_it() -> None:
    item = story_brief(_full_brief(), articles=ARTICLES)
    sources = brief_sections(item).sections[-1]
    assert isinstance(sources, SourcesSection)
    # a1: summary, abstract, key point, disagreement, single-source claim, quote.
    assert sources.sources[0].backlinks == tuple(f"cite-1-{n}" for n in range(1, 7))
    assert sources.sources[1].backlinks == tuple(f"cite-2-{n}" for n in range(1, 5))
    for page in (render_brief_html(item), render_brief_markdown(item)):
        places = re.findall(r'<a (?:class="cite" )?id="(cite-\d+-\d+)" href="#src-(\d+)"', page)
        anchors = [anchor for anchor, _ in places]
        # The summary cites 1 and 2, then the AI-written summary 1 again.
        assert anchors[:3] == ["cite-1-1", "cite-2-1", "cite-1-2"]
        assert sorted(anchors) == sorted(
            sources.sources[0].backlinks + sources.sources[1].backlinks
        )
        for anchor, number in places:
            assert anchor.startswith(f"cite-{number}-")
            assert f"#{anchor}" in page, f"source {number} links back to {anchor}"
        assert 'id="src-1"' in page
        assert 'id="src-2"' in page


def test_source_entries_drop_unsafe_links_and_repeated_titles() -> None:
    laid_out = brief_sections(story_brief(_full_brief(), articles=ARTICLES))
    sources = laid_out.sections[-1]
    assert isinstance(sources, SourcesSection)
    first, second = sources.sources
    # Cited sentences are listed as written, never wrapped in quotes of their own (many
    # open or close a quotation themselves).
    item = story_brief(_full_brief(), articles=ARTICLES)
    assert f"<li>{FIRST.text}</li>" in render_brief_html(item)
    assert f"   - {FIRST.text}\n" in render_brief_markdown(item)
    # The outlet is named after the article title: the title is not repeated.
    assert (first.name, first.title, first.url) == ("Daily One", None, "https://one.example/a")
    # No outlet: the title stands in for it; an ftp: address is not linked.
    assert (second.name, second.outlet_known, second.url) == (ARTICLES[1].title, False, None)


def test_entities_are_grouped_with_their_counts() -> None:
    laid_out = brief_sections(story_brief(_full_brief(), articles=ARTICLES))
    [entities] = [s for s in laid_out.sections if isinstance(s, EntitiesSection)]
    assert [(g.heading, [(n.name, n.counts) for n in g.names]) for g in entities.groups] == [
        ("People", [("A Mayor", "2 mentions in 1 source")]),
        ("Places", [("Rivertown", "2 mentions in 2 sources")]),
    ]


def test_markdown_and_html_show_the_same_sections_and_numbers() -> None:
    item = story_brief(_full_brief(), articles=ARTICLES)
    headings = [s.heading for s in brief_sections(item).sections]
    markdown = render_brief_markdown(item)
    page = render_brief_html(item)
    assert re.findall(r"^## (.+)$", markdown, re.M) == headings
    assert re.findall(r"<h2>(.+?)</h2>", page) == headings
    assert re.findall(r"\[(\d+)\]", markdown) == re.findall(r">\[(\d+)\]</a>", page)


def test_coverage_counts_give_shares_and_the_blind_spot_names_its_side() -> None:
    item = story_brief(_full_brief(), articles=ARTICLES)
    markdown = render_brief_markdown(item)
    html = render_brief_html(item)
    assert "center: 1 article from 1 outlet (100% of outlets)" in markdown
    assert "Blind spot:** no article from outlets rated on the left." in markdown
    assert "<strong>By bias:</strong> center: 1 article from 1 outlet (100% of outlets)" in html
    assert "no article from outlets rated on the left.</p>" in html


def test_a_summary_sentence_citing_only_its_own_article_is_said_to_be_stated_by_no_other() -> None:
    alone = SummarySentence(text="Tolls rise next year.", citations=(THIRD,))
    full = _full_brief()
    several = dataclasses.replace(
        full,
        summary=(*full.summary, alone),
        coverage=dataclasses.replace(full.coverage, independent_sources=2),
    )
    one_source = dataclasses.replace(several, coverage=full.coverage)  # 0 counted
    every_cited = dataclasses.replace(full, coverage=several.coverage)
    for brief, said in ((several, True), (one_source, False), (every_cited, False)):
        item = story_brief(brief, articles=ARTICLES)
        summary = brief_sections(item).sections[0]
        assert isinstance(summary, SummarySection)
        assert (summary.note == SINGLE_CITATION_NOTE) is said
        assert (SINGLE_CITATION_NOTE in render_brief_markdown(item)) is said
        assert (SINGLE_CITATION_NOTE in render_brief_html(item)) is said
