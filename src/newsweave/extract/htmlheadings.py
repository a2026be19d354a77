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
from collections.abc import Callable, Iterator, Sequence

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
_PREFIX_CHARS = 300
"""Characters of a line that hold its first words unless they are very long."""
_SCAN = 200
"""Elements looked at after a heading for its block: a heading with no text after it
(a menu's label at the page's end) does not walk the rest of the page."""


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


class _Hidden:
    """Whether the markup hides an element or one of its ancestors, each element judged once."""

    def __init__(self) -> None:
        self._seen: dict[HtmlElement, bool] = {}

    def itself(self, element: HtmlElement) -> bool:
        found = self._seen.get(element)
        if found is None:
            found = self._seen[element] = (
                element.get("hidden") is not None
                or element.get("aria-hidden") == "true"
                or _DISPLAY_NONE.search(element.get("style") or "") is not None
            )
        return found

    def inside(self, element: HtmlElement) -> bool:
        return self.itself(element) or any(self.itself(a) for a in element.iterancestors())


def _following(start: HtmlElement, hidden: _Hidden) -> Iterator[HtmlElement]:
    """Elements after ``start``'s own subtree in page order, at most :data:`_SCAN` of them;
    headings and hidden or unshown elements are given, or left out, without their insides."""
    seen = 0
    node: HtmlElement | None = start
    while node is not None:
        sibling = node.getnext()
        while sibling is not None:
            stack = [sibling]
            while stack:
                element = stack.pop()
                tag = element.tag
                if not isinstance(tag, str) or tag in _SKIPPED or hidden.itself(element):
                    continue
                seen += 1
                if seen > _SCAN:
                    return
                yield element
                if tag not in _HEADINGS and tag != "h1":
                    stack.extend(reversed(element))
            sibling = sibling.getnext()
        node = node.getparent()


def _block_after(heading: HtmlElement, hidden: _Hidden) -> HtmlElement | str | None:
    """The first words of the text block that follows ``heading``, the next heading when one
    comes first (the two open the same section), or None (a block of links, the title)."""
    for element in _following(heading, hidden):
        tag = element.tag
        if tag in _HEADINGS:
            return element
        if tag == "h1":
            return None
        if tag not in _TEXT_BLOCKS:
            continue
        words, linked = _own_text(element)
        if not words:
            continue
        # A block of links (a table of contents, a list of teasers) opens no section:
        # the headings above it label the links.
        if len(words) >= _MIN_BLOCK_WORDS and linked * 2 <= len(words):
            return " ".join(words[:_PREFIX_WORDS])
        return None
    return None


def _sections(tree: HtmlElement) -> list[tuple[list[tuple[str, str]], str]]:
    """(runs of headings as (words, text), first words of the block after them) in page order.

    Each shown heading looks ahead to the block that follows it (a few elements, not
    a walk of the page); a heading over another heading opens the same section.
    """
    hidden = _Hidden()
    shown = [
        heading
        for heading in tree.iter(*_HEADINGS)
        if not hidden.inside(heading)
        and not any(a.tag in _SKIPPED for a in heading.iterancestors())
    ]
    blocks: dict[HtmlElement, str | None] = {}
    texts: dict[HtmlElement, tuple[str, str] | None] = {}
    for heading in reversed(shown):
        text = " ".join(" ".join(heading.itertext()).split())
        words = _norm_words(text)
        if not 0 < len(words) <= _MAX_HEADING_WORDS:
            texts[heading] = None
            blocks[heading] = None
            continue
        texts[heading] = (" ".join(words), text)
        after = _block_after(heading, hidden)
        if isinstance(after, HtmlElement):
            blocks[heading] = blocks.get(after) if texts.get(after) else None
        else:
            blocks[heading] = after
    runs: dict[str, list[tuple[str, str]]] = {}
    for heading in shown:
        block, title = blocks[heading], texts[heading]
        if block is not None and title is not None:
            runs.setdefault(block, []).append(title)
    return [(run, block) for block, run in runs.items()]


def _opening(line: str) -> str:
    """The first :data:`_PREFIX_WORDS` words of ``line``, normalised (read from its start)."""
    words = _norm_words(line[:_PREFIX_CHARS])
    if len(words) <= _PREFIX_WORDS and len(line) > _PREFIX_CHARS:
        words = _norm_words(line)
    return " ".join(words[:_PREFIX_WORDS])


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
    headings = [" ".join(_norm_words(" ".join(h.itertext()))) for h in tree.iter(*_HEADINGS)]
    if not paragraphs or not headings:
        return list(paragraphs)
    # The body's lines short enough to be a heading, and the page's headings among
    # them: only a body that lacks more headings than it holds can have lost them.
    present = {
        " ".join(_norm_words(line))
        for line in paragraphs
        if line.count(" ") <= 2 * _MAX_HEADING_WORDS
    }
    kept = sum(norm in present for norm in headings)
    if len(headings) - kept <= kept:
        return list(paragraphs)
    starts: dict[str, int] = {}
    for index, line in enumerate(paragraphs):
        starts.setdefault(_opening(line), index)
    inserts: dict[int, list[str]] = {}
    for run, block in _sections(tree):
        found = starts.get(block)
        if not found or found in inserts:
            continue
        index = found
        lines = paragraphs[max(0, index - _NEAR_LINES) : index + 1]
        near = f" {' '.join(_norm_words(' '.join(lines)))} "
        missing = [
            text
            for norm, text in run
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
