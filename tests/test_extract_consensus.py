"""The page's visible text as a second witness, and the vote between HTML bodies (issue 18)."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import fromstring

from newsweave.extract.htmlconsensus import choose_body, word_agreement
from newsweave.extract.htmlrender import render_text

ARTICLE = [
    f"Paragraph {i} of the report says the harbour authority will dredge the channel "
    "this winter so that larger ferries can dock, and that the work will close the quay."
    for i in range(6)
]


def test_render_writes_each_visible_block_on_its_own_line() -> None:
    page = fromstring(
        "<html><head><title>Head text</title><style>p {color: red}</style></head><body>"
        "<div>Top <b>bold</b> words</div><p>First</p><ul><li>One</li><li>Two</li></ul>"
        "<script>var hidden = 1;</script>tail after script"
        "</body></html>"
    )
    assert render_text(page).split("\n\n") == [
        "Top bold words",
        "First",
        "One",
        "Two",
        "tail after script",
    ]


def test_render_leaves_out_what_the_markup_hides_but_keeps_the_text_after_it() -> None:
    page = fromstring(
        "<html><body><p>Shown <span style='display: none'>secret</span>after</p>"
        "<div hidden>hidden block</div><div aria-hidden='true'>icon</div>"
        "<p>Last<!-- a comment -->line</p></body></html>"
    )
    text = render_text(page)
    for hidden in ("secret", "hidden block", "icon"):
        assert hidden not in text
    assert text.split("\n\n") == ["Shown after", "Lastline"]


def test_render_survives_nesting_deeper_than_the_recursion_limit() -> None:
    # Built through the API: the HTML parser itself stops at a few hundred levels.
    page = fromstring("<html><body></body></html>")
    node = page.find("body")
    assert node is not None
    for _ in range(5000):
        node = etree.SubElement(node, "div")
    node.text = "deep"
    assert render_text(page) == "deep"


def test_agreement_is_word_overlap_f1() -> None:
    assert word_agreement(["a b c d"], ["a b c d"]) == 1.0
    assert word_agreement(["a b"], ["c d"]) == 0.0
    assert word_agreement([], ["a"]) == 0.0
    assert abs(word_agreement(["a b c d"], ["a b"]) - 2 * 2 / 6) < 1e-9


def _never() -> list[str]:
    raise AssertionError("this candidate must not be made")


def _words(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


PAGE_WORDS = _words(ARTICLE) + 10


def test_a_body_holding_the_page_text_is_kept_without_candidates() -> None:
    assert choose_body(ARTICLE, page_words=PAGE_WORDS, text=_never, recall=_never) == ARTICLE


def test_a_body_the_text_confirms_is_kept_without_the_recall_run() -> None:
    page_words = 2 * PAGE_WORDS
    chosen = choose_body(
        ARTICLE, page_words=page_words, text=lambda: [*ARTICLE, "Share this"], recall=_never
    )
    assert chosen == ARTICLE


def test_a_fragment_loses_to_two_witnesses_of_the_whole_article() -> None:
    chosen = choose_body(
        ARTICLE[:3],
        page_words=PAGE_WORDS,
        text=lambda: list(ARTICLE),
        recall=lambda: [*ARTICLE, "More stories"],
    )
    assert chosen == ARTICLE


def test_an_outlier_text_loses_to_two_bodies_that_agree() -> None:
    listing = [f"Headline number {i} of another story" for i in range(40)]
    chosen = choose_body(
        ARTICLE[:5], page_words=PAGE_WORDS, text=lambda: listing, recall=lambda: ARTICLE[:5]
    )
    assert chosen == ARTICLE[:5]


def test_the_text_wins_when_both_trafilatura_bodies_keep_the_same_small_fragment() -> None:
    # Outvoted two to one, but the first body holds under half of the page's
    # paragraph words, and the text holds most of them and contains it.
    chosen = choose_body(
        ARTICLE[:1], page_words=PAGE_WORDS, text=lambda: list(ARTICLE), recall=lambda: ARTICLE[:1]
    )
    assert chosen == ARTICLE


def test_a_text_holding_little_of_the_page_does_not_overrule_the_vote() -> None:
    chosen = choose_body(
        ARTICLE[:1],
        page_words=10 * PAGE_WORDS,
        text=lambda: list(ARTICLE),
        recall=lambda: ARTICLE[:1],
    )
    assert chosen == ARTICLE[:1]


def test_an_empty_candidate_is_never_chosen_over_words() -> None:
    assert choose_body([], page_words=PAGE_WORDS, text=lambda: [], recall=lambda: ARTICLE) == (
        ARTICLE
    )
    chosen = choose_body(ARTICLE[:2], page_words=PAGE_WORDS, text=lambda: [], recall=lambda: [])
    assert chosen == ARTICLE[:2]


def test_a_text_that_adds_a_rail_of_linked_teasers_does_not_overrule_the_vote() -> None:
    teasers = [
        line
        for i in range(8)
        for line in (
            f"Other story number {i} about the city",
            f"Writer Name{i}",
            f"An excerpt of story {i} that runs on for a few words before it stops short.",
        )
    ]
    links = {f"other story number {i} about the city" for i in range(8)}
    links |= {f"writer name{i}" for i in range(8)}
    page_words = _words(ARTICLE[:2]) + _words(teasers) + 5
    chosen = choose_body(
        ARTICLE[:1],
        page_words=page_words,
        text=lambda: [*ARTICLE[:2], *teasers],
        recall=lambda: ARTICLE[:1],
        links=links,
    )
    assert chosen == ARTICLE[:1]
    # The same text without the links is read as the article the first body lost.
    chosen = choose_body(
        ARTICLE[:1],
        page_words=page_words,
        text=lambda: [*ARTICLE[:2], *teasers],
        recall=lambda: ARTICLE[:1],
    )
    assert chosen == [*ARTICLE[:2], *teasers]


SECTION = [
    f"Line {i} of a middle section that both trafilatura readings dropped: the quay "
    "will reopen in spring, the harbour master said, once the channel is deep enough."
    for i in range(3)
]


def test_the_text_wins_when_it_fills_holes_inside_the_body_both_readings_agree_on() -> None:
    # The first body holds most of the page (the fragment rule stays silent) and
    # recall mode agrees with it; the text holds it whole and adds a section
    # between its lines, nothing before or after it.
    first = [*ARTICLE[:3], *ARTICLE[3:]]
    text = [*ARTICLE[:3], *SECTION, *ARTICLE[3:]]
    page_words = int(_words(first) / 0.7)
    chosen = choose_body(first, page_words=page_words, text=lambda: text, recall=lambda: first)
    assert chosen == text


def test_a_text_adding_at_the_edges_or_linked_lines_does_not_fill_holes() -> None:
    first = list(ARTICLE)
    page_words = int(_words(first) / 0.7)
    # The same added words after the body's last line: page chrome, not a hole.
    after = [*ARTICLE, *SECTION]
    assert (
        choose_body(first, page_words=page_words, text=lambda: after, recall=lambda: first) == first
    )
    # Inside, but as link texts: a rail of teasers set into the article.
    inside = [*ARTICLE[:3], *SECTION, *ARTICLE[3:]]
    links = {" ".join(re.findall(r"\w+", line.lower())) for line in SECTION}
    chosen = choose_body(
        first, page_words=page_words, text=lambda: inside, recall=lambda: first, links=links
    )
    assert chosen == first
