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
"""

from __future__ import annotations

from lxml import etree
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)

from newsweave.extract.htmllib import decode_file, is_dubious_html, repair_faulty_html

__all__ = ["parse_page"]

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
    text = repair_faulty_html(text, beginning)
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
