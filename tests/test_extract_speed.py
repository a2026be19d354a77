"""Speed-only rewrites of the HTML path give the same results as the plain versions."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from newsweave.extract.htmlclean import LineCache, clean_paragraphs
from newsweave.extract.htmlcomments import comment_named
from newsweave.extract.htmllib import INVALID_XML_CHARS, load_html, repair_faulty_html
from newsweave.extract.htmlparse import (
    INVALID_CHARS,
    _repair,
    adopt_stray_roots,
    parse_page,
    unwrap_swallowing_chrome,
)

PAGES = [
    "<html><head><title>T</title></head><body><p>One <b>two</b></p>"
    "<form><input name=q><label>Find</label><select><option>a</option></select></form>"
    "<!-- a comment --><table><tr><td>cell</td></tr></table></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared encoding</p></body></html>',
    "<!DOCTYPE html>\n<html/>\n<body><p>self-closing html</p></body>",
    "<p>a fragment that does not open like a page</p>",
    "",
    "   ",
    "<html><body>" + "<div>" * 300 + "deep" + "</div>" * 300 + "</body></html>",
    "<html><body><p>bad \x00 control \x0b characters</p></body></html>",
]


def _serialised(tree: HtmlElement | None) -> bytes | None:
    return None if tree is None else etree.tostring(tree)


def test_parse_page_gives_trafilaturas_tree() -> None:
    for page in PAGES:
        assert _serialised(parse_page(page)) == _serialised(load_html(page)), page[:40]


def test_the_invalid_characters_are_trafilaturas() -> None:
    found = INVALID_XML_CHARS.findall("".join(map(chr, range(0x110000))))
    assert tuple(found) == INVALID_CHARS


def test_repair_is_trafilaturas() -> None:
    odd = [
        *PAGES,
        "<!DOCTYPE html/>\n<html><body><p>x</p></body></html>",
        "< ! DOCTYPE html PUBLIC x/y >\n<html/>\n<body>\ufffe<p>y</p></body>",
        "<html lang=en />\n<body><p>z</p></body>",
        "<!doctype html>\n<head></head>\n<html\n/>\n<p>" + "w" * 5000 + "</p><html a/>",
        "<html><body><p>\uffff and \x1f</p></body></html>",
    ]
    for page in odd:
        beginning = page[:50].lower()
        assert _repair(page, beginning) == repair_faulty_html(page, beginning), page[:40]
    # Not trivial: the repairs change these pages.
    assert _repair(odd[-1], "") != odd[-1]
    assert _repair(odd[-4], odd[-4][:50].lower()) != odd[-4]


def test_parse_page_makes_plain_html_elements() -> None:
    tree = parse_page(PAGES[0])
    assert tree is not None
    # lxml.html's own lookup would make an InputElement and a FormElement here.
    assert {type(element) for element in tree.iter()} == {HtmlElement}
    assert tree.findtext(".//p") == "One "


def test_a_shared_line_cache_changes_no_cleaning() -> None:
    links = {"more stories from the region", "the mayor resigns after vote"}
    bodies = [
        ["Budget guide", "The council met on Monday.", "Subscribe to our newsletter", "Related"],
        ["Related", "the mayor resigns after vote", "The council met on Monday.", "Share this"],
        ["Sign up for our daily newsletter", "The council met on Monday.", "Follow us @desk"],
    ]
    cache = LineCache()
    for lines in bodies + bodies:
        plain = clean_paragraphs(lines, headlines=["Budget guide"], links=links)
        cached = clean_paragraphs(lines, headlines=["Budget guide"], links=links, cache=cache)
        assert cached == plain
    # The cleanings compared are not trivial: furniture and the title are dropped.
    kept = clean_paragraphs(bodies[0], headlines=["Budget guide"], links=links, cache=cache)
    assert "The council met on Monday." in kept
    assert "Budget guide" not in kept
    assert "Subscribe to our newsletter" not in kept


def test_stray_roots_join_the_body() -> None:
    # What follows a premature ``</html>`` becomes a second root element in lxml;
    # a browser shows it in the body.
    tree = parse_page(
        "<html><head><title>T</title></head><body><p>menu</p></body></html>"
        "<div><p>after the end</p></div><html><body><p>a second page body</p></body></html>"
    )
    assert tree is not None
    assert list(tree.itersiblings())
    adopt_stray_roots(tree)
    assert [p.text for p in tree.iter("p")] == ["menu", "after the end", "a second page body"]
    assert all(p.getparent() is not None for p in tree.iter("p"))
    assert tree.find("body") is not None
    assert [child.tag for child in tree] == ["head", "body"]


def test_a_page_without_stray_roots_is_left_alone() -> None:
    tree = parse_page(PAGES[0])
    assert tree is not None
    before = etree.tostring(tree)
    adopt_stray_roots(tree)
    assert etree.tostring(tree) == before


def test_chrome_that_swallowed_the_page_is_unwrapped() -> None:
    paragraphs = "".join(f"<p>paragraph {n}</p>" for n in range(6))
    # The button's end tag is missing: libxml2 puts the article inside it.
    tree = parse_page(
        "<html><body><header><button class='menu'><span>Menu</span>"
        f"<main><article><h1>Title</h1>{paragraphs}</article></main></body></html>"
    )
    assert tree is not None
    assert tree.find(".//button//article") is not None
    unwrap_swallowing_chrome(tree)
    assert tree.find(".//button") is None
    assert len(tree.findall(".//article/p")) == 6


def test_a_footer_holding_most_paragraphs_of_a_short_page_stays() -> None:
    tree = parse_page(
        "<html><body><div><h1>Title</h1><ul><li>one</li><li>two</li></ul><p>intro</p></div>"
        "<footer><p>About us</p><p>Contact</p><p>Privacy</p><p>Terms</p></footer>"
        "<nav><p>menu</p></nav></body></html>"
    )
    assert tree is not None
    unwrap_swallowing_chrome(tree)
    assert tree.find(".//footer") is not None
    assert tree.find(".//nav") is not None


def test_comment_sections_are_the_xpaths() -> None:
    # The XPath the walk replaced: class or id holding "comment", ASCII letters in any case.
    xpath = etree.XPath(
        "//@class[contains(translate(., 'COMENT', 'coment'), 'comment')]/.. | "
        "//@id[contains(translate(., 'COMENT', 'coment'), 'comment')]/.."
    )
    tree = parse_page(
        "<html><body><div class='Comments-list' id='x'><p>a</p></div>"
        "<section id='COMMENT' class='commentary'><p>b</p></section>"
        "<div class='com ment'><p>c</p></div><div id='kommentare'><p>d</p></div>"
        "<div class='\u212aomment \u0130comment'><p>e</p></div><p class='comment'>f</p>"
        "<div id='readers-CoMmEnT-box'><div class='comment'><p>g</p></div></div></body></html>"
    )
    assert tree is not None
    found = comment_named(tree)
    assert found == xpath(tree)
    assert [element.get("class") or element.get("id") for element in found] == [
        "Comments-list",
        "commentary",
        "\u212aomment \u0130comment",
        "comment",
        "readers-CoMmEnT-box",
        "comment",
    ]


def test_a_line_cache_given_other_links_starts_afresh() -> None:
    lines = ["The council met on Monday.", "See the mayor resigns after vote", "Budget vote"]
    cache = LineCache()
    first = clean_paragraphs(lines, links={"see the mayor resigns after vote"}, cache=cache)
    second = clean_paragraphs(lines, links={"another story entirely here"}, cache=cache)
    assert first == clean_paragraphs(lines, links={"see the mayor resigns after vote"})
    assert second == clean_paragraphs(lines, links={"another story entirely here"})
    assert first != second
