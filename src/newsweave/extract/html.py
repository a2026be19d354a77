"""HTML extraction: trafilatura plus newsweave's cleaning.

The page is parsed once and its markup accidents repaired
(:mod:`newsweave.extract.htmlparse`; comment-named containers that are not
reader comments lose that name, :mod:`newsweave.extract.htmlcomments`).
Metadata and link texts are read from the intact tree; the tree is then pruned
of scripts, hidden elements and page furniture (:mod:`newsweave.extract.htmlclean`)
and handed to trafilatura, which copies it before working, so the same pruned
tree can feed a second attempt.

trafilatura runs in precision mode with comments off: on news pages its
default "balanced" mode lets through related-story rails, newsletter boxes and
reader comments, which is most of what it gets wrong.  Precision mode sometimes
throws the article away instead; when the page's own witness of its article
text (a microdata ``itemprop=articleBody`` element or JSON-LD ``articleBody``)
is much longer than what came out, the balanced mode gets a second try and the
JSON-LD text is the last resort.  Last, :mod:`newsweave.extract.htmlrecover`
checks the result against the page's paragraph text and, when it holds too
little of it, against trafilatura on the untouched page, so the cleaning can
never lose an article that the library underneath finds, and
:mod:`newsweave.extract.htmlconsensus` votes between that body, the page's
visible text cleaned by the text-mode cleaner and trafilatura's recall mode
when the first two disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement

from newsweave.extract.htmlclean import LineCache, anchor_texts, clean_paragraphs, prune_tree
from newsweave.extract.htmlcomments import disarm_named_comments
from newsweave.extract.htmlconsensus import choose_body
from newsweave.extract.htmlheadings import restore_headings
from newsweave.extract.htmllib import Document, bare_extraction
from newsweave.extract.htmlmeta import PageMeta, page_metadata
from newsweave.extract.htmlparse import (
    adopt_stray_roots,
    parse_page,
    place_streamed_segments,
    unwrap_swallowing_chrome,
)
from newsweave.extract.htmlrecover import SecondPass, paragraph_words, recover_body
from newsweave.extract.labels import split_labels
from newsweave.extract.plaintext import extract_text
from newsweave.models import Extraction

__all__ = ["extract_html"]

_RESCUE_SHARE = 0.75
"""Retry when the body is shorter than this share of the page's declared article text."""
_RESCUE_GAIN = 1.2
"""Accept the retry only when it is this much longer than the first result."""
_MIN_BODY = 200
"""Characters under which a body counts as nothing found."""
_ARTICLE_BODY = etree.XPath('//*[@itemprop="articleBody"]')
_MIN_ARTICLE_WORDS = 15
"""Words under which a body is no article: a headline and two lines of chrome, not a story."""
_PROSE_WORDS = 8
"""Words a stretch of one line must hold, outside link texts, to read as running text."""
_WORD = re.compile(r"\w+")
# A whole page opens its document or body; a feed entry's content or an ``html`` field does not.
_PAGE_START = re.compile(r"<(?:html|body)[\s>]", re.I)
# Separators that string menu items and breadcrumbs into one line ("Home | About").
_MENU_SEPARATOR = re.compile(r"\s[|•·›»/]\s|\s*[|•·]\s*")


def _trafilatura_lines(tree: HtmlElement, url: str | None, *, precision: bool) -> list[str]:
    """Body lines as trafilatura extracts them (it copies ``tree``; ours stays intact)."""
    document = bare_extraction(
        tree,
        url=url,
        include_comments=False,
        favor_precision=precision,
        with_metadata=False,
    )
    text = document.text if isinstance(document, Document) else None
    return text.splitlines() if text else []


def _declared_length(tree: HtmlElement, meta: PageMeta) -> int:
    """Length of the article text the page declares in its markup, 0 if it declares none."""
    declared = len(meta.json_ld_body or "")
    found = _ARTICLE_BODY(tree)
    for element in found if isinstance(found, list) else ():
        if isinstance(element, HtmlElement):
            declared = max(declared, len(" ".join(element.text_content().split())))
    return declared


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _is_prose(line: str, links: set[str]) -> bool:
    """Whether ``line`` holds running text: a stretch of words that is not a link's text."""
    if _norm(line) in links:
        return False
    return any(
        len(_WORD.findall(part)) >= _PROSE_WORDS and _norm(part) not in links
        for part in _MENU_SEPARATOR.split(line)
    )


def is_article(paragraphs: Sequence[str], *, links: set[str], whole_page: bool = True) -> bool:
    """Whether ``paragraphs`` can be an article's body, not a page's chrome.

    Every candidate (trafilatura's modes fall back to the whole page when
    they find nothing better) may hand back the navigation, a footer or a
    menu of links on a page that holds no article.  A body whose lines are
    all link texts (``links``, normalised as
    :func:`newsweave.extract.htmlclean.anchor_texts` gives them with
    ``min_words=1``) is never one.  From a whole page, neither is a body of
    fewer than :data:`_MIN_ARTICLE_WORDS` words, nor one where no line holds
    a stretch of :data:`_PROSE_WORDS` words that is not a link text once
    menu separators are split off.  A fragment (a feed entry's content, an
    ``html`` field) is the article its container declares, however short:
    only the link rule applies to it.
    """
    if all(_norm(line) in links for line in paragraphs):
        return False
    if not whole_page:
        return True
    words = sum(len(_WORD.findall(line)) for line in paragraphs)
    if words < _MIN_ARTICLE_WORDS:
        return False
    return any(_is_prose(line, links) for line in paragraphs)


def _size(paragraphs: Sequence[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _body_paragraphs(
    tree: HtmlElement,
    meta: PageMeta,
    url: str | None,
    comments: Sequence[HtmlElement],
    *,
    whole_page: bool,
) -> list[str]:
    all_links = anchor_texts(tree, min_words=1)
    links = {text for text in all_links if text.count(" ") >= 2}
    page_words = paragraph_words(tree, sections=comments)
    # The second pass and the candidate vote read the untouched page: a copy costs
    # a third of a parse, and most pages reach one of them.
    untouched = deepcopy(tree)
    prune_tree(tree)

    cache = LineCache()

    def clean(lines: Sequence[str]) -> list[str]:
        return clean_paragraphs(lines, headlines=meta.headlines, links=links, cache=cache)

    paragraphs = clean(_trafilatura_lines(tree, url, precision=True))
    size = _size(paragraphs)
    declared = _declared_length(tree, meta)
    if size < _MIN_BODY or size < _RESCUE_SHARE * declared:
        retry = clean(_trafilatura_lines(tree, url, precision=False))
        if _size(retry) > _RESCUE_GAIN * size:
            paragraphs, size = retry, _size(retry)
    if size < _MIN_BODY and meta.json_ld_body and len(meta.json_ld_body) > size:
        paragraphs = clean(meta.json_ld_body.splitlines())
    second = SecondPass(untouched, url=url, clean=clean)
    paragraphs = recover_body(
        paragraphs, html=untouched, page_words=page_words, url=url, clean=clean, second=second
    )

    def text() -> list[str]:
        return clean(extract_text(second.visible_text()).body.split("\n\n"))

    body = choose_body(
        paragraphs, page_words=page_words, text=text, recall=second.recall, links=all_links
    )
    body = restore_headings(body, untouched, keep=lambda line: bool(clean([line])))
    return body if is_article(body, links=all_links, whole_page=whole_page) else []


def extract_html(html: str, *, url: str | None = None) -> Extraction:
    """Extract the article body and page metadata from one HTML page.

    The body holds the article's paragraphs separated by blank lines, without
    the title line and with label lines (bias ratings, AI notices, wire
    credits, bylines) moved into ``labels`` and ``authors``.  A page with no
    article text gives an empty body, never an exception.
    """
    if not html.strip():
        return Extraction(body="", url=url)
    whole_page = _PAGE_START.search(html) is not None
    tree = parse_page(html)
    if tree is None:
        # trafilatura refuses markup that does not open like a page: a feed
        # entry's content, or an ``html`` field holding only the article's
        # paragraphs.  As the body of a page it reads.
        html = f"<html><body>{html}</body></html>"
        tree = parse_page(html)
    if tree is None:
        return Extraction(body="", url=url)
    adopt_stray_roots(tree)
    unwrap_swallowing_chrome(tree)
    place_streamed_segments(tree)
    comments = disarm_named_comments(tree)
    meta = page_metadata(tree, url=url)
    split = split_labels(_body_paragraphs(tree, meta, url, comments, whole_page=whole_page))
    # A "By" line kept in the body is a weaker witness than the page's
    # declared author and byline elements (it may name a reviewer or a
    # quoted source): it speaks only when they name no one.
    authors = dict.fromkeys(meta.authors or split.authors)
    return Extraction(
        body="\n\n".join(split.lines),
        title=meta.title,
        published=meta.published,
        date_source=meta.published_from if meta.published is not None else None,
        authors=tuple(authors),
        outlet=meta.outlet,
        url=meta.url,
        canonical_url=meta.canonical_url,
        language=meta.language,
        labels=split.labels,
    )
