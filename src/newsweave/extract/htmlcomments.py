"""Telling a reader-comment section from a container that is merely named like one.

trafilatura (comments off) deletes every ``div``, ``section`` or ``details``
whose class starts with "comment" or whose id does, and
:func:`newsweave.extract.htmlrecover.paragraph_words` leaves out of its count
every element whose class or id holds "comment" anywhere.  Both read the name
alone, and names lie: a "comment on selection" widget wraps the article it lets
readers annotate, a "commentable" body wraps the post, and with them goes the
whole article.

:func:`disarm_named_comments` looks inside each element so named and holding
running text for what a reader-comment section shows: a heading or link such as
"12 Comments", "Leave a reply" or "Reply", "someone says:", a box to write in,
time stamps (two or more: an article shows its own date once), an avatar, or
items repeated under one comment-named class.  One of these is enough (a
newsletter form or the article's own date is none); an element without any of
them is not a comment section, and its name loses the "comment" tokens, so
neither test deletes or discounts the article in it.  The test looks at the
markup's shape and a few words of comment furniture, never at any site's names.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsweave.extract.textlines import Kind, classify

__all__ = ["comment_named", "disarm_named_comments", "is_reader_comments"]

_WORD = re.compile(r"\w+")
_COMMENT_TOKEN = re.compile(r"\S*comment\S*", re.I)
_REPLY = re.compile(r"^\W*(?:reply|respond|answer)\b", re.I)
_SAYS = re.compile(
    r"^[\w.@'’-]{1,30}(?: [\w.@'’-]{1,30}){0,3} (?:says|said|wrote|writes|commented|replied)\s*:?$"
)
_STAMPS = 2
"""Time stamps from which an element is a thread (each comment shows one)."""
# Names of a thread's parts: its author's picture, its reply link, a hosted thread.
_THREAD_PARTS = re.compile(r"avatar|reply|respond|disqus", re.I)
_THREAD_WORDS = frozenset({"comment", "comments", "replies", "responses", "discussion"})
_AGO = re.compile(r"\b\d+\s*(?:second|minute|hour|day|week|month|year)s?\s+ago\b", re.I)
_POSTED = re.compile(r"^\W*posted\b", re.I)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "link", "meta", "head"})
_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")

_MIN_WORDS = 30
"""An element with fewer words than this is left as it is named: whatever it holds
costs the article little."""
_SHORT = 6
"""Words of a text that can be a heading, a counter or a button."""


def comment_named(tree: HtmlElement) -> list[HtmlElement]:
    """Elements whose class or id holds "comment" in any case, in document order.

    The elements :func:`newsweave.extract.htmlrecover.paragraph_words` counts out;
    a walk with ``get`` is cheaper than an XPath over attribute nodes.
    """
    found = []
    for element in tree.iter(etree.Element):
        get = element.get
        names = get("class")
        if not (names and "comment" in names.lower()):
            names = get("id")
            if not (names and "comment" in names.lower()):
                continue
        if isinstance(element, HtmlElement):
            found.append(element)
    return found


def _words(element: HtmlElement) -> int:
    found = _TEXT(element)
    texts = [str(text) for text in found] if isinstance(found, list) else []
    return len(_WORD.findall(" ".join(texts)))


def _short_texts(element: HtmlElement) -> list[str]:
    """The element's texts of at most :data:`_SHORT` words (headings, counters, links)."""
    texts = []
    for node in element.iter(etree.Element):
        text = (node.text or "").strip()
        if text and text.count(" ") < _SHORT:
            texts.append(text)
    return texts


def _repeated_items(element: HtmlElement) -> bool:
    """``element`` is one of several siblings of its class, or two or more elements
    inside it share one comment-named class."""
    name = element.get("class")
    if name and any(node.get("class") == name for node in element.itersiblings(etree.Element)):
        return True
    if name and any(
        node.get("class") == name for node in element.itersiblings(etree.Element, preceding=True)
    ):
        return True
    seen: set[str] = set()
    for node in element.iterdescendants(etree.Element):
        name = node.get("class")
        if name and "comment" in name.lower():
            if name in seen:
                return True
            seen.add(name)
    return False


def is_reader_comments(element: HtmlElement) -> bool:
    """Whether ``element`` shows any sign of a reader-comment section (see the module)."""
    if next(element.iter("textarea"), None) is not None:
        return True
    if sum(1 for _ in element.iter("time")) >= _STAMPS:
        return True
    for node in element.iterdescendants(etree.Element):
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if len(names) > 1 and _THREAD_PARTS.search(names):
            return True
        if node.tag == "img" and _THREAD_PARTS.search(node.get("src", "")):
            return True
    if _repeated_items(element):
        return True
    texts = _short_texts(element)
    for text in texts:
        if _REPLY.match(text) or _SAYS.match(text) or _POSTED.match(text) or _AGO.search(text):
            return True
        if text.count(" ") < 4 and _THREAD_WORDS.intersection(_WORD.findall(text.lower())):
            return True
    return any(line.kind is Kind.COMMENTS for line in classify(texts))


def _disarm(element: HtmlElement) -> None:
    for attribute in ("class", "id"):
        value = element.get(attribute)
        if value and "comment" in value.lower():
            kept = " ".join(_COMMENT_TOKEN.sub("", value).split())
            if kept:
                element.set(attribute, kept)
            else:
                del element.attrib[attribute]


def disarm_named_comments(tree: HtmlElement) -> list[HtmlElement]:
    """Strip "comment" from the names of comment-named elements that are not comment sections.

    Elements are judged outermost first; inside a real comment section
    nothing more is judged.  Returns the elements still named "comment" (the
    reader-comment sections and what they hold, and elements too small to
    judge), as :func:`newsweave.extract.htmlrecover.paragraph_words` takes them.
    """
    comments: list[HtmlElement] = []
    judged: set[HtmlElement] = set()
    for element in comment_named(tree):  # document order: ancestors come first
        if element.tag in _SKIP_TAGS or any(a in judged for a in element.iterancestors()):
            comments.append(element)
            continue
        if _words(element) < _MIN_WORDS or is_reader_comments(element):
            judged.add(element)
            comments.append(element)
            continue
        _disarm(element)
    return comments
