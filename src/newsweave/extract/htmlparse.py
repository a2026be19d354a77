"""Parsing a page into the tree trafilatura reads, with cheaper element objects.

:func:`parse_page` gives the tree ``trafilatura.utils.load_html`` gives (same
decoding, same repairs, same parser options, same rejection of what does not
look like a page), with one difference: lxml makes a Python object for an
element each time code touches it, and ``lxml.html``'s parser picks that
object's class with a lookup written in Python (one call per element object:
hundreds of thousands per page across trafilatura's passes).  Here every
element is a plain :class:`lxml.html.HtmlElement`, chosen by lxml's own C
lookup.  Nothing newsweave or trafilatura calls needs the form, input or label
subclasses the Python lookup would pick, so the text extracted is the same.

:func:`adopt_stray_roots` then does what a browser does with markup that
libxml2 leaves outside the document's root element: a second ``<html>`` start
tag in the middle of a page, or content after ``</html>``, gives lxml a
sibling of the root that nothing reading the root ever sees (trafilatura
included), while a browser shows it as part of the body.
:func:`place_streamed_segments` runs the page's own React streaming calls: a
server-rendered React page may send parts of itself (the article, often) late,
in a hidden ``<div id="S:n">`` at the end of the body, with an inline script
call (``$RC("B:n","S:n")``, ``$RS("S:n","P:n")``) that moves them into their
place in the page, marked by an empty ``<template id="B:n">`` or ``"P:n"``.
Without a browser the part stays hidden and is pruned with the hidden elements.
Only segments of running text are placed: one whose words are mostly link text
(a streamed menu or footer) stays hidden, as it was, since the article is what
is wanted and chrome the page shows late only adds to what the cleaning must
take out again.
:func:`unwrap_swallowing_chrome` undoes another accident: a ``<button>`` or
``<nav>`` left open by the page's markup swallows the rest of the page, article
included, and newsweave's pruning and trafilatura's both delete it whole.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)

from newsweave.extract.htmllib import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    decode_file,
    is_dubious_html,
    repair_faulty_html,
)

__all__ = [
    "adopt_stray_roots",
    "parse_page",
    "place_streamed_segments",
    "unwrap_swallowing_chrome",
]

# trafilatura.utils.HTML_PARSER's options, with lxml's C element class lookup.
_PARSER = HTMLParser(  # type: ignore[call-arg]  # the stubs know only lxml.etree's options
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement,
        comment=HtmlComment,
        pi=HtmlProcessingInstruction,
        entity=HtmlEntity,
    )
)


# What ``repair_faulty_html`` deletes first (``trafilatura.utils.INVALID_XML_CHARS``).
INVALID_CHARS = (
    *map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))),
    "\ufffe",
    "\uffff",
)


def _repair(text: str, beginning: str) -> str:
    """``trafilatura.utils.repair_faulty_html(text, beginning)``, the same string.

    Its first step, deleting control characters with a regex over the whole page,
    costs a third of a parse and changes nothing on almost every page; looking
    for each character with ``in`` is three times cheaper, so the regex runs
    only when one is there.  The other two repairs are trafilatura's, on its own
    patterns.
    """
    if any(char in text for char in INVALID_CHARS):
        return repair_faulty_html(text, beginning)
    if "doctype" in beginning:
        firstline, _, rest = text.partition("\n")
        text = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", text, count=1)
    return text


def _from_bytes(html: str) -> HtmlElement | None:
    try:
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def parse_page(html: str) -> HtmlElement | None:
    """The page's tree as ``trafilatura.utils.load_html`` parses it, or ``None`` for
    input that is not a page (empty, or a fragment that does not open like HTML)."""
    text = decode_file(html)
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = _repair(text, beginning)
    tree: HtmlElement | None = None
    from_bytes = False
    try:
        parsed = fromstring(text, parser=_PARSER)
        tree = parsed if isinstance(parsed, HtmlElement) else None
    except ValueError:
        # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _from_bytes(text), True
    except etree.LxmlError:  # an empty document, a parser that gave up
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


def adopt_stray_roots(tree: HtmlElement) -> None:
    """Move the elements the parser left beside ``tree`` (the root) into its body.

    A browser merges a second ``<html>`` element into the first and puts what
    follows ``</html>`` into the body; libxml2 leaves both as siblings of the
    root, where the page's main text can sit (a template that opens the page
    twice).  A stray ``<html>`` gives up its children (its ``<head>`` too:
    scripts and styles are pruned with the rest), any other element moves as
    it is.  A page without such siblings (almost all) is left untouched.
    """
    strays = [node for node in tree.itersiblings() if isinstance(node, HtmlElement)]
    if not strays:
        return
    body = tree.find("body")
    if body is None:
        body = etree.SubElement(tree, "body")
    for stray in strays:
        if stray.tag == "html":
            for child in list(stray):
                if isinstance(child, HtmlElement) and child.tag == "body":
                    body.extend(list(child))
                else:
                    body.append(child)
        else:
            body.append(stray)


# Page chrome that the pruning deletes with everything inside it.
_CHROME = ("button", "nav", "footer", "aside", "menu", "dialog", "label")
# What only a page's own content holds: its main region, an article, its headline.
_PAGE_PARTS = etree.XPath("boolean(.//main | .//article | .//h1)")
_SWALLOWED = 4
"""A page needs at least this many paragraphs before one chrome element can be said to hold
most of them."""


def unwrap_swallowing_chrome(tree: HtmlElement) -> None:
    """Unwrap a button, navigation bar or footer that holds most of the page's paragraphs.

    No menu or button holds the page's running text by design: when one does,
    its end tag is missing and the parser let it swallow what follows.  Its tag
    goes; its children stay where they are, so the article in them is read and
    the menu's own links meet the same cleaning as any other.  Swallowing means
    holding more than half of the page's ``<p>`` (the pruning's test for
    furniture names) and a ``<main>``, ``<article>`` or ``<h1>``: a footer that
    holds most paragraphs of a page with few of them is still a footer.
    """
    total = sum(1 for _ in tree.iter("p"))
    if total < _SWALLOWED:
        return
    for element in list(tree.iter(*_CHROME)):
        if not isinstance(element, HtmlElement) or element.getparent() is None:
            continue
        if sum(1 for _ in element.iter("p")) * 2 > total and _PAGE_PARTS(element):
            element.drop_tag()


# React's streaming calls: $RC(boundary, segment) and $RR(boundary, segment, styles)
# complete a suspense boundary, $RS(segment, placeholder) fills a placeholder.
_STREAM_CALL = re.compile(r'\$R([CRS])\(\s*"([^"]{1,20})"\s*,\s*"([^"]{1,20})"')


def _move_children(source: HtmlElement, target: HtmlElement) -> None:
    """Put ``source``'s content where ``target`` stands; ``target`` goes, its tail stays."""
    parent = target.getparent()
    if parent is None:
        return
    moved: list[etree._Element] = list(source)
    if source.text and source.text.strip():
        span = HtmlElement("span")  # text before the first child keeps a place of its own
        span.text = source.text
        moved.insert(0, span)
    source.text = None
    index = parent.index(target)
    tail = target.tail
    parent.remove(target)
    for offset, child in enumerate(moved):
        parent.insert(index + offset, child)
    if not tail:
        return
    last = moved[-1] if moved else (parent[index - 1] if index > 0 else None)
    if last is None:
        parent.text = (parent.text or "") + tail
    else:
        last.tail = (last.tail or "") + tail


def _mostly_links(element: HtmlElement) -> bool:
    """More than half of ``element``'s words are link text (a menu, a footer)."""
    words = len(" ".join(element.itertext()).split())
    linked = sum(len(" ".join(a.itertext()).split()) for a in element.iter("a"))
    return linked * 2 > words


def place_streamed_segments(tree: HtmlElement) -> int:
    """Move React's streamed segments into their placeholders, as the page's scripts would.

    Only the calls the page itself makes are followed, in its order; a call
    whose placeholder or segment is missing changes nothing, and a segment that
    is mostly links stays where it is.  Returns how many segments were placed.
    """
    templates = {t.get("id"): t for t in tree.iter("template") if t.get("id")}
    if not templates:
        return 0
    calls: list[tuple[str, str]] = []  # (segment id, placeholder id)
    for script in tree.iter("script"):
        code = script.text
        if code and "$R" in code:
            for kind, first, second in _STREAM_CALL.findall(code):
                calls.append((first, second) if kind == "S" else (second, first))
    wanted = {segment for segment, target in calls if target in templates}
    if not wanted:
        return 0
    segments = {d.get("id"): d for d in tree.iter("div") if d.get("id") in wanted}
    placed = 0
    for segment_id, target_id in calls:
        target, segment = templates.get(target_id), segments.get(segment_id)
        if target is None or segment is None or target.getparent() is None:
            continue
        if _mostly_links(segment):
            continue
        if any(ancestor is target for ancestor in segment.iterancestors()):
            continue  # a segment inside its own placeholder: nowhere to go
        _move_children(segment, target)
        placed += 1
    return placed
