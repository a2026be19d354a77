"""Section headings put back into a body that kept their sections but lost them.

trafilatura keeps ``<h2>``-``<h6>`` when it finds the page's article container,
but when none of its container expressions match it falls back to collecting
the page's loose paragraphs, tables and code blocks, and that fallback never
looks at headings: a how-to or guide page comes out as its paragraphs with
every section title gone.  In precision mode it also deletes headings that
are mostly link text, which takes the headings wrapped in their own anchor
link ("#section" permalinks).  The text candidate of the vote keeps them, the
trafilatura bodies do not.

:func:`restore_headings` walks the untouched page once and pairs each run of
headings with the text block that follows it in page order.  When that block
opens a line of the body and the heading is not in the body already, the
heading goes back in front of it: a heading belongs to the body exactly when
the section it opens does.  Headings before a block the body left out stay
out, so a rail's or footer's headings never come back on their own.  The
page's ``<h1>`` is its title, which the body leaves out by design.  Only a
body that lost more of its sections' headings than it kept gets any back: one
that kept most was read with its headings, and the few missing were left out
on purpose (publishers' own article texts often leave a subheading out).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml.html import HtmlElement

__all__ = ["restore_headings"]

_WORD = re.compile(r"\w+")
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Elements whose text is a block of running text that can open a line of the body.
_TEXT_BLOCKS = frozenset({"p", "li", "dd", "dt", "td", "blockquote", "pre", "div", "section"})
# Elements that start a block of their own: their text is not their parent's.
_BREAKS = (
    _TEXT_BLOCKS
    | _HEADINGS
    | {
        "h1",
        "ul",
        "ol",
        "dl",
        "table",
        "figure",
        "form",
        "header",
        "footer",
        "nav",
        "aside",
        "article",
        "main",
    }
)
# Never shown, or not article text: their text pairs with no heading.
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "button", "select", "textarea"}
)
_MAX_HEADING_WORDS = 20
"""Words above which a heading element holds more than a title (a card, a whole block)."""
_MIN_BLOCK_WORDS = 3
"""Words the block after a heading must hold to be recognised at the start of a body line."""
_NEAR_LINES = 3
"""Body lines before a block searched for its heading's words."""
_PREFIX_WORDS = 12
"""Words of a block compared with the start of a body line."""


def _norm_words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _own_text(element: HtmlElement) -> tuple[list[str], int]:
    """Words of ``element`` outside its block-level children (a div's loose text, a
    paragraph's text), and how many of them are link text."""
    parts = [element.text or ""]
    linked = 0
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _BREAKS:
            parts.append(" ".join(child.itertext()))
            linked += sum(len(_norm_words(" ".join(a.itertext()))) for a in child.iter("a"))
        parts.append(f" {child.tail or ''}")
    return _norm_words(" ".join(parts)), linked


_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(element: HtmlElement) -> bool:
    """Whether the markup hides ``element`` (and so everything inside it)."""
    attrib = element.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    style = attrib.get("style")
    return bool(style) and _DISPLAY_NONE.search(str(style)) is not None


def _sections(tree: HtmlElement) -> list[tuple[list[tuple[str, str]], str]]:
    """(headings as (words, text), first words of the block after them) in page order.

    One iterative walk (a hostile page may nest deeper than Python's recursion
    limit); hidden elements and those in :data:`_SKIPPED` are not entered.
    """
    found: list[tuple[list[tuple[str, str]], str]] = []
    pending: list[tuple[str, str]] = []
    stack: list[HtmlElement] = [tree]
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str) or tag in _SKIPPED or _hidden(element):
            continue
        if tag in _HEADINGS:
            text = " ".join(" ".join(element.itertext()).split())
            words = _norm_words(text)
            if 0 < len(words) <= _MAX_HEADING_WORDS:
                pending.append((" ".join(words), text))
            else:
                pending = []
            continue
        if tag == "h1":
            pending = []
            continue
        stack.extend(reversed(element))
        if not pending or tag not in _TEXT_BLOCKS:
            continue
        words, linked = _own_text(element)
        if not words:
            continue
        # A block of links (a table of contents, a list of teasers) opens no section:
        # the headings above it label the links.
        if len(words) >= _MIN_BLOCK_WORDS and linked * 2 <= len(words):
            found.append((pending, " ".join(words[:_PREFIX_WORDS])))
        pending = []
    return found


def restore_headings(
    paragraphs: Sequence[str],
    tree: HtmlElement,
    *,
    keep: Callable[[str], bool] | None = None,
) -> list[str]:
    """``paragraphs`` with the section headings of ``tree`` they lost put back in place.

    ``tree`` is the untouched page.  ``keep`` judges a heading line (the
    caller's line rules: a "Related stories" heading stays out); by default
    every heading is kept.  A heading goes back only in front of a body line
    that opens with the words of the block following it on the page, never
    in front of the body's first line (what sits above the article's first
    block is the page's: a kicker, an author box, a table of contents'
    label), and not when the body holds its words already as a line of their
    own or in the lines just before that block.  Nothing changes unless more
    headings are missing than the body holds.
    """
    if not paragraphs:
        return list(paragraphs)
    norms = [" ".join(_norm_words(line)) for line in paragraphs]
    present = set(norms)
    starts: dict[str, int] = {}
    for index, norm in enumerate(norms):
        starts.setdefault(" ".join(norm.split()[:_PREFIX_WORDS]), index)
    inserts: dict[int, list[str]] = {}
    kept = 0
    for headings, block in _sections(tree):
        found = starts.get(block)
        if found is None:
            continue
        kept += sum(norm in present for norm, _ in headings)
        if not found or found in inserts:
            continue
        index = found
        near = f" {' '.join(norms[max(0, index - _NEAR_LINES) : index + 1])} "
        missing = [
            text
            for norm, text in headings
            if norm not in present and f" {norm} " not in near and (keep is None or keep(text))
        ]
        if missing:
            inserts[index] = missing
    # A body that kept most of its sections' headings was read with them, and the
    # few left out were left out on purpose (a kicker, a widget's label).
    if sum(map(len, inserts.values())) <= kept:
        return list(paragraphs)
    out: list[str] = []
    for index, line in enumerate(paragraphs):
        out.extend(inserts.get(index, ()))
        out.append(line)
    return out
