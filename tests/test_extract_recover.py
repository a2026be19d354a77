"""The second pass that keeps newsweave's cleaning from losing an article (issue 18)."""

from __future__ import annotations

from lxml.html import fromstring

from newsweave.extract.html import extract_html
from newsweave.extract.htmlclean import prune_tree
from newsweave.extract.htmlrecover import paragraph_words, recover_body

PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the guide explains how the council will spend the new budget on "
    "schools, roads and parks over the coming years, with details for residents.</p>"
    for i in range(8)
)
# A tabbed page: the article sits in a panel that page scripts reveal, so its
# markup says hidden.  The cleaning deletes hidden elements before trafilatura.
TABBED = (
    "<html><head><title>Budget guide</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
    f'<div class="tab-panel" aria-hidden="true"><h1>Budget guide</h1>{PARAGRAPHS}</div>'
    "</body></html>"
)


def _same_text(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def test_the_first_pass_alone_loses_the_hidden_article() -> None:
    tree = fromstring(TABBED)
    prune_tree(tree)
    assert "Paragraph 0" not in tree.text_content()


def test_an_article_the_cleaning_removed_is_recovered() -> None:
    body = extract_html(TABBED).body
    assert body.count("Paragraph") == 8
    assert "Home" not in body


def test_a_first_pass_holding_the_page_text_is_kept_as_it_is() -> None:
    first = [fromstring(PARAGRAPHS).text_content()]
    kept = recover_body(
        first,
        html=TABBED,
        page_words=paragraph_words(fromstring(TABBED)),
        url=None,
        # Any call of the cleaning would mean a second pass ran.
        clean=lambda lines: ["second pass"] * 100,
    )
    assert kept == first


def test_a_short_first_pass_is_replaced_by_the_longer_second() -> None:
    recovered = recover_body(
        ["Budget guide"],
        html=TABBED,
        page_words=paragraph_words(fromstring(TABBED)),
        url=None,
        clean=lambda lines: [line for line in lines if line.strip()],
    )
    assert "Paragraph 7" in _same_text(recovered)


def test_paragraph_words_leave_out_reader_comments() -> None:
    page = fromstring(
        "<html><body><article><p>one two three</p></article>"
        "<nav><ul><li>home news sport</li></ul></nav>"
        '<section id="comments"><p>great article thanks</p></section>'
        "<footer><p>contact us today</p></footer></body></html>"
    )
    assert paragraph_words(page) == 9


def test_paragraph_words_count_nested_items_once() -> None:
    page = fromstring(
        "<html><body><ul><li>one two<ul><li>three four</li></ul></li></ul>"
        "<ul><li><p>five six</p> seven</li></ul>"
        '<div class="Comments"><ul><li>eight nine</li></ul></div></body></html>'
    )
    # The nested item counts once through its parent; an item holding a
    # paragraph counts through the paragraph alone; the comment list not at all.
    assert paragraph_words(page) == 6


def test_paragraph_words_count_words_split_by_markup_and_any_case_of_comment() -> None:
    page = fromstring(
        "<html><body><p>one<b>two</b> three</p><p>four<br>five</p>"
        '<div id="userCOMMENTS"><p>six seven</p></div>'
        '<div class="coMMents-wrap"><li>eight</li></div></body></html>'
    )
    # Each text node is read on its own (as trafilatura sees them), so "one" and
    # "two" are two words; comment sections are found whatever their case.
    assert paragraph_words(page) == 5
