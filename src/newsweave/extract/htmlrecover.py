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

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document
from trafilatura.utils import load_html

__all__ = ["paragraph_words", "recover_body"]

_WORD = re.compile(r"\w+")
_PARAGRAPHS = etree.XPath("//p | //li[not(.//p)]")
# Reader-comment sections, found in one pass over the page.  (Asking for every
# paragraph's comment ancestors in one XPath cost a tenth of an extraction:
# libxml2 merges the text node sets slowly.)
# Walking the attribute nodes costs a third less than testing every element.
_COMMENT_SECTIONS = etree.XPath(
    "//@class[contains(translate(., 'COMENT', 'coment'), 'comment')]/.. | "
    "//@id[contains(translate(., 'COMENT', 'coment'), 'comment')]/.."
)

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


def paragraph_words(tree: HtmlElement) -> int:
    """Words in the page's paragraphs and list items, outside reader-comment sections.

    A list item holding paragraphs is counted through them.  Reader comments
    are left out: they are never the article, and counting them would send
    every page with a long comment thread to the second pass for nothing.
    Navigation and footers stay in: some sites put their article in them, and
    leaving them out lost two WCXB dev pages to the first pass.
    """
    in_comments: set[etree._Element] = set()
    sections = _COMMENT_SECTIONS(tree)
    for section in sections if isinstance(sections, list) else ():
        if isinstance(section, etree._Element):
            in_comments.update(section.iterdescendants())
    paragraphs = _PARAGRAPHS(tree)
    total = 0
    for element in paragraphs if isinstance(paragraphs, list) else ():
        if not isinstance(element, etree._Element) or element in in_comments:
            continue
        if _counted_through_ancestor(element, in_comments):
            continue
        total += sum(
            len(_WORD.findall(text)) for text in element.itertext() if isinstance(text, str)
        )
    return total


def _is_paragraph(element: etree._Element) -> bool:
    return element.tag == "p" or (element.tag == "li" and element.find(".//p") is None)


def _counted_through_ancestor(element: etree._Element, in_comments: set[etree._Element]) -> bool:
    """Whether an enclosing paragraph outside the comments already counts ``element``'s words."""
    parent = element.getparent()
    while parent is not None:
        if parent not in in_comments and _is_paragraph(parent):
            return True
        parent = parent.getparent()
    return False


def _lines(tree: HtmlElement, url: str | None, *, recall: bool) -> list[str]:
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        include_comments=False,
        favor_recall=recall,
        with_metadata=False,
    )
    text = document.text if isinstance(document, Document) else None
    return text.splitlines() if text else []


def recover_body(
    paragraphs: list[str],
    *,
    html: str,
    page_words: int,
    url: str | None,
    clean: Callable[[Sequence[str]], list[str]],
) -> list[str]:
    """``paragraphs`` (the first pass), or a second pass's body when that found far more.

    ``html`` is the page as given (parsed afresh: the first pass pruned its
    tree), ``page_words`` its :func:`paragraph_words` counted before pruning, and
    ``clean`` the line cleaning the first pass used, applied to the second
    pass's lines too.
    """
    found = _words(paragraphs)
    if found >= _MIN_WORDS and found >= _SUSPECT_SHARE * page_words:
        return paragraphs
    tree = load_html(html)
    if tree is None:
        return paragraphs
    recall = clean(_lines(tree, url, recall=True))
    recall_words = _words(recall)
    best = paragraphs
    if found < _RECALL_SWITCH * recall_words:
        best = recall
    if recall_words < _BALANCED_SUSPECT * page_words:
        balanced = clean(_lines(tree, url, recall=False))
        balanced_words = _words(balanced)
        if balanced_words > _BALANCED_GAIN * recall_words and (
            found < _BALANCED_SWITCH * balanced_words
        ):
            best = balanced
    return best
