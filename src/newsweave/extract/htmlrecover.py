"""Second pass over a page whose cleaned extraction may have lost the article.

newsweave's first pass (pruned tree, trafilatura in precision mode, then line
cleaning) is tuned for news pages, where it beats bare trafilatura.  On pages
of other shapes the pruning or precision mode can throw most of the article
away: a tabbed or collapsed section hidden by CSS, a page whose body sits in an
element named like furniture, a list-shaped guide that precision mode reads as
navigation.  Nothing in the first pass can see that it failed, so this module
compares it with what trafilatura finds on the untouched page:

1. :func:`paragraph_words` counts the words of the page's ``<p>`` and ``<li>``
   elements before any pruning, leaving out reader comments: a cheap upper
   bound of its running text.  A
   first-pass body holding at least :data:`_SUSPECT_SHARE` of it is trusted and
   costs nothing more (most news pages).
2. Otherwise trafilatura runs on a fresh parse of the page in recall mode with
   comments off; when that, cleaned the same way, is more than twice as long
   as the first pass, it replaces it.
3. When recall mode itself found little of the page's text (under
   :data:`_BALANCED_SUSPECT` of it), the balanced mode gets a try too and
   replaces the first pass only when it is several times longer (recall mode
   sometimes misses a whole article that the default finds).  That run is the
   dearest step; a recall body holding a fair share of the page's paragraph
   words means recall mode found the article's block, and the balanced mode
   never won on such a page, so it is skipped there.

The thresholds compare lengths, never site markup or words, so they carry to
pages of any site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree
from lxml.html import HtmlElement

from newsweave.extract.htmlcomments import comment_named
from newsweave.extract.htmllib import Document, bare_extraction
from newsweave.extract.htmlparse import parse_page
from newsweave.extract.htmlrender import render_text

__all__ = ["SecondPass", "paragraph_words", "recover_body"]

_WORD = re.compile(r"\w+")
# The page's paragraphs not inside another one: ``<p>`` and list items holding no
# ``<p>`` (those are counted through their paragraphs), in one query.
_TOP_PARAGRAPHS = etree.XPath(
    "//p[not(ancestor::p)] | //li[not(.//p)][not(ancestor::p or ancestor::li[not(.//p)])]"
)
_INSIDE = etree.XPath(".//p | .//li")


_SUSPECT_SHARE = 0.5
"""A first-pass body under this share of the page's paragraph words gets a second pass."""
_MIN_WORDS = 50
"""A first-pass body under this many words always gets a second pass."""
_RECALL_SWITCH = 0.5
"""Take the recall-mode body when the first pass holds under this share of its words."""
_BALANCED_SUSPECT = 0.3
"""The balanced mode runs only when the recall-mode body holds under this share of the page's
paragraph words.  On WCXB dev the balanced body won only where recall held at most 0.26 of
them (the tune half; at most 0.15 on the check half), while the AEB news pages that reach
the second pass mostly hold 0.3-0.5 and never change."""
_BALANCED_SWITCH = 0.2
"""Take the balanced-mode body only when the first pass holds under this share of its words."""
_BALANCED_GAIN = 2.0
"""...and it is this many times longer than the recall-mode body."""


def _words(lines: Sequence[str]) -> int:
    return sum(len(_WORD.findall(line)) for line in lines)


def paragraph_words(tree: HtmlElement, *, sections: Sequence[etree._Element] | None = None) -> int:
    """Words in the page's paragraphs and list items, outside reader-comment sections.

    A list item holding paragraphs is counted through them.  Reader comments
    are left out: they are never the article, and counting them would send
    every page with a long comment thread to the second pass for nothing.
    Navigation and footers stay in: some sites put their article in them, and
    leaving them out lost two WCXB dev pages to the first pass.  ``sections``
    are the comment sections when the caller has found them already
    (:func:`newsweave.extract.htmlcomments.disarm_named_comments`); by default,
    every element whose class or id holds "comment".
    """
    in_comments: set[etree._Element] = set()
    if sections is None:
        sections = comment_named(tree)
    for section in sections:
        inside = _INSIDE(section)
        for element in inside if isinstance(inside, list) else ():
            if isinstance(element, etree._Element):
                in_comments.add(element)
    paragraphs = _TOP_PARAGRAPHS(tree)
    texts: list[str | bytes] = []  # lxml's type; a parsed HTML tree gives str
    for element in paragraphs if isinstance(paragraphs, list) else ():
        if isinstance(element, etree._Element) and element not in in_comments:
            texts.extend(element.itertext())
    # Joined with a space, no word spans two texts: the count is the sum of theirs.
    return len(_WORD.findall(" ".join(map(str, texts))))


def _lines(tree: HtmlElement, url: str | None, *, recall: bool) -> list[str]:
    document = bare_extraction(
        tree,
        url=url,
        include_comments=False,
        favor_recall=recall,
        with_metadata=False,
    )
    text = document.text if isinstance(document, Document) else None
    return text.splitlines() if text else []


class SecondPass:
    """The untouched page (a tree nobody prunes, or the HTML parsed on first use):
    trafilatura's modes on it (cleaned, each run at most once) and its visible text.

    Shared by :func:`recover_body` and the candidate vote of
    :mod:`newsweave.extract.htmlconsensus`, so a page never pays twice for the
    recall-mode run.
    """

    def __init__(
        self,
        page: str | HtmlElement,
        *,
        url: str | None,
        clean: Callable[[Sequence[str]], list[str]],
    ) -> None:
        self._page = page
        self._url = url
        self._clean = clean
        self._tree: HtmlElement | None = page if isinstance(page, HtmlElement) else None
        self._parsed = self._tree is not None
        self._modes: dict[bool, list[str]] = {}

    def _fresh_tree(self) -> HtmlElement | None:
        if not self._parsed and isinstance(self._page, str):
            # trafilatura copies the tree it is given, so one parse serves both modes.
            self._tree = parse_page(self._page)
            self._parsed = True
        return self._tree

    def _body(self, *, recall: bool) -> list[str]:
        if recall not in self._modes:
            tree = self._fresh_tree()
            lines = _lines(tree, self._url, recall=recall) if tree is not None else []
            self._modes[recall] = self._clean(lines)
        return self._modes[recall]

    def visible_text(self) -> str:
        """The page's visible text (:func:`newsweave.extract.htmlrender.render_text`)."""
        tree = self._fresh_tree()
        return render_text(tree) if tree is not None else ""

    def recall(self) -> list[str]:
        """The recall-mode body, cleaned (empty when the page does not parse)."""
        return self._body(recall=True)

    def balanced(self) -> list[str]:
        """The balanced-mode (trafilatura's default) body, cleaned."""
        return self._body(recall=False)


def recover_body(
    paragraphs: list[str],
    *,
    html: str | HtmlElement,
    page_words: int,
    url: str | None,
    clean: Callable[[Sequence[str]], list[str]],
    second: SecondPass | None = None,
) -> list[str]:
    """``paragraphs`` (the first pass), or a second pass's body when that found far more.

    ``html`` is the page as given (parsed afresh: the first pass pruned its
    tree) or an untouched tree of it, ``page_words`` its :func:`paragraph_words`
    counted before pruning, and ``clean`` the line cleaning the first pass
    used, applied to the second pass's lines too.  ``second`` shares the
    second pass's runs with a later caller; one is made from ``html`` when it
    is not given.
    """
    found = _words(paragraphs)
    if found >= _MIN_WORDS and found >= _SUSPECT_SHARE * page_words:
        return paragraphs
    second = second or SecondPass(html, url=url, clean=clean)
    recall = second.recall()
    recall_words = _words(recall)
    best = paragraphs
    if found < _RECALL_SWITCH * recall_words:
        best = recall
    if recall_words < _BALANCED_SUSPECT * page_words:
        balanced = second.balanced()
        balanced_words = _words(balanced)
        if balanced_words > _BALANCED_GAIN * recall_words and (
            found < _BALANCED_SWITCH * balanced_words
        ):
            best = balanced
    return best
