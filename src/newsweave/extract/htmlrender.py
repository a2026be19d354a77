"""A page's visible text as a browser's select-all-and-copy gives it.

:func:`render_text` walks the parsed page once and writes every visible text
block on its own line (scripts, styles, form controls and elements the markup
hides are left out), the kind of plain-text dump that
:func:`newsweave.extract.plaintext.extract_text` cleans.  The HTML extractor uses
it as an independent witness of the article: the text cleaner decides from
line shapes and the order of the page, trafilatura from the tree's markup, so
the two fail on different pages (see :mod:`newsweave.extract.htmlconsensus`).

The walk is iterative (a hostile page may nest elements deeper than Python's
recursion limit) and never changes the tree.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["render_text"]

# Elements a browser lays out as blocks: their text starts and ends a line.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
# Elements whose text is never shown as text.
_UNSHOWN = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "textarea",
        "input",
    }
)
_LABEL_WORDS = 40
"""Words no button label runs to; a ``<button>`` holding paragraphs and more words
than this is shown (see :func:`_swallowing`)."""
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(element: etree._Element) -> bool:
    get = element.get  # cheaper than building the ``attrib`` view of every element
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    style = get("style")
    return bool(style) and bool(_HIDING_STYLE.search(str(style)))


def _swallowing(button: etree._Element) -> bool:
    """A button holding paragraphs of running text: its end tag is missing and it
    swallowed the page after it (a browser shows that text; a label is a widget)."""
    if button.find(".//p") is None:
        return False
    return sum(len(str(text).split()) for text in button.itertext()) > _LABEL_WORDS


def render_text(tree: etree._Element) -> str:
    """The visible text of ``tree`` (a parsed page), one text block a line, blank lines between.

    Runs of white space inside a block become one space; empty blocks give no line.
    """
    body = tree.find(".//body")
    root = body if body is not None else tree
    pieces: list[str] = []
    # A stack of elements to open, and of strings (an element's tail, a line
    # break) to write once its subtree is done.
    stack: list[etree._Element | str] = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        tag = item.tag
        if not isinstance(tag, str) or tag in _UNSHOWN or _hidden(item):
            # Comments and processing instructions show only their tail.
            continue
        if tag == "button" and not _swallowing(item):
            continue
        block = tag in _BLOCKS
        if block:
            pieces.append("\n")
        if item.text:
            pieces.append(item.text)
        if block:
            stack.append("\n")
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n") if line)
    return "\n\n".join(line for line in lines if line)
