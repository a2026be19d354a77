"""The writer's name from a page's visible byline, when the markup declares none (issue 18)."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from newsweave.extract.htmlbyline import visible_authors
from newsweave.extract.htmlmeta import page_metadata


def _page(head: str, body: str) -> str:
    return f"<html><head><title>Tide tables</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<span class="author-name">Jane Doe</span>', ("Jane Doe",)),
        ('<p class="byline">By<a href="/jane">Jane Doe</a> - March 3, 2025</p>', ("Jane Doe",)),
        ('<div class="post_author">Written by: Jane Doe, MD | 5 min read</div>', ("Jane Doe, MD",)),
        ('<div class="byline">By Jane Doe and John Roe on June 3</div>', ("Jane Doe", "John Roe")),
        ('<div class="byline">Jane Doe, Staff Writer</div>', ("Jane Doe",)),
        ('<span class="story-byline">Posted by tidewatcher on Friday</span>', ("tidewatcher",)),
        ('<a rel="author" href="/u/1">tidewatcher</a>', ("tidewatcher",)),
        ('<span itemprop="author">Jane Doe</span>', ("Jane Doe",)),
        # A section label and a date in a byline slot: no name, and a lone word
        # without "By" before it is no user name.
        ('<div class="byline">Lifestyle March 12, 2025</div>', ()),
        ('<div class="author-box">Follow us for more stories</div>', ()),
    ],
)
def test_visible_byline(markup: str, expected: tuple[str, ...]) -> None:
    assert visible_authors(fromstring(_page("", markup))) == expected


def test_commenters_are_not_the_writer() -> None:
    body = (
        '<div id="comments"><div class="comment-author">Pat Reader</div></div>'
        '<div class="byline">By Jane Doe</div>'
    )
    assert visible_authors(fromstring(_page("", body))) == ("Jane Doe",)


def test_declared_person_wins_over_the_byline() -> None:
    head = '<meta name="author" content="John Roe">'
    found = page_metadata(fromstring(_page(head, '<span class="author-name">Jane Doe</span>')))
    assert found.authors == ("John Roe",)


def test_site_declared_as_author_gives_way_to_the_byline() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Gazette">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tide tables",'
        ' "author": {"@type": "Organization", "name": "Harbour Gazette"}}</script>'
    )
    body = '<div class="byline">By Jane Doe | June 3, 2025</div>'
    assert page_metadata(fromstring(_page(head, body))).authors == ("Jane Doe",)
    # Without a byline the declared organisation stays: it is all the page says.
    assert page_metadata(fromstring(_page(head, "<p>Text</p>"))).authors == ("Harbour Gazette",)


def test_byline_repeating_the_site_keeps_the_declared_author() -> None:
    head = (
        '<meta name="author" content="Harbour Gazette">'
        '<meta property="og:site_name" content="Harbour Gazette">'
    )
    body = '<div class="byline">By Harbour Gazette Newsroom</div>'
    assert page_metadata(fromstring(_page(head, body))).authors == ("Harbour Gazette",)


def test_page_without_declared_author_reads_the_byline() -> None:
    body = '<div class="entry-meta"><span class="author vcard">By Jane Doe</span></div>'
    assert page_metadata(fromstring(_page("", body))).authors == ("Jane Doe",)


def test_a_title_before_the_name_stays_with_it() -> None:
    body = '<div class="post_author">By Dr. Jane Doe - Mar 27, 2024</div>'
    assert visible_authors(fromstring(_page("", body))) == ("Dr. Jane Doe",)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="author" content="Author: Jane Doe">', ("Jane Doe",)),
        ('<meta name="citation_author" content="Doe, Jane T.">', ("Jane T. Doe",)),
        ('<meta name="dc:creator" content="Jane Doe">', ("Jane Doe",)),
    ],
)
def test_declared_author_spellings(head: str, expected: tuple[str, ...]) -> None:
    assert page_metadata(fromstring(_page(head, "<p>Text</p>"))).authors == expected
