"""Cleaning around trafilatura: DOM pruning before it, paragraph filtering after it.

Before: :func:`prune_tree` deletes what can never be article text (scripts,
styles, hidden elements) and page furniture whose markup says what it is
(share bars, newsletter boxes, related-story rails).  A smaller tree is also a
faster one: trafilatura copies and walks the tree several times, so the pruning
pays for itself.

After: :func:`clean_paragraphs` drops the lines trafilatura lets through that are
not the article: the title repeated, links to other stories ("Related: ...",
lists of headlines), calls to action (subscribe, follow us), contact lines.
Everything here is decided on structure, line shape and small vocabulary classes
of web furniture, never on strings of particular sites.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree
from lxml.html import HtmlElement

from newsweave.wordlists import words

__all__ = [
    "LineCache",
    "anchor_texts",
    "clean_paragraphs",
    "link_word_share",
    "prune_tree",
]

_WORD = re.compile(r"\w+")

# Elements that never hold article text.  trafilatura deletes them too, but only
# after copying the tree and running its costly XPath prunes over it; deleting
# them first makes every later pass cheaper.  Scripts go too: JSON-LD was read
# for metadata before pruning.
_INERT_TAGS = (
    "script",
    "style",
    "noscript",
    "svg",
    "iframe",
    "embed",
    "object",
    "canvas",
    "select",
    "textarea",
    "button",
    "input",
    "label",
    "link",
    "nav",
    "footer",
    "aside",
    "menu",
    "dialog",
    "audio",
    "video",
    "picture",
    "map",
    "noindex",
)

_HIDDEN = etree.XPath(
    "//body/descendant::*[@hidden or @aria-hidden='true' or contains(@style, 'none')]"
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)

# Furniture named by its markup: whole words of class, id or ARIA role.
_FURNITURE_WORDS = (
    "newsletter|subscribe|subscription|signup|promo|promotion|sharing|share|social|related|"
    "recommended|recirculation|outbrain|taboola|breadcrumbs?|cookie|consent|advert|advertisement|"
    "sponsored|popular|trending|caption|figcaption|bio|"
    # ARIA landmark roles of page chrome
    "navigation|complementary|contentinfo|search"
)
_FURNITURE = re.compile(rf"(?<![a-z])(?:{_FURNITURE_WORDS})(?![a-z])")
_KEEP_TAGS = frozenset({"body", "html", "main", "article"})


def _delete(element: HtmlElement) -> None:
    """Remove ``element`` but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def _select(xpath: etree.XPath, tree: HtmlElement) -> list[HtmlElement]:
    """Elements an XPath selects (its result type is a union; ours are element paths)."""
    found = xpath(tree)
    return [el for el in found if isinstance(el, HtmlElement)] if isinstance(found, list) else []


def _furniture(tree: HtmlElement) -> list[HtmlElement]:
    """Elements whose class, id or role names them as page furniture."""
    found = []
    # Pages repeat their class names: each distinct name string is judged once.
    verdicts: dict[str, bool] = {}
    # A plain loop beats an XPath here: EXSLT regexes call back into Python per node.
    for element in tree.iter(etree.Element):
        attrib = element.attrib
        if not attrib or element.tag in _KEEP_TAGS:
            continue
        names = f"{attrib.get('class', '')} {attrib.get('id', '')} {attrib.get('role', '')}"
        verdict = verdicts.get(names)
        if verdict is None:
            verdict = verdicts[names] = len(names) > 2 and bool(_FURNITURE.search(names.lower()))
        if verdict and isinstance(element, HtmlElement):
            found.append(element)
    return found


def prune_tree(tree: HtmlElement, *, furniture: bool = True) -> None:
    """Delete non-content elements from ``tree`` in place.

    ``furniture`` also deletes elements whose class, id or role names them as
    page furniture; an element holding most of the page's paragraphs is kept
    whatever its name, because some sites wrap the whole page in a "share" or
    "promo" container.
    """
    etree.strip_elements(tree, *_INERT_TAGS, with_tail=False)
    for element in _select(_HIDDEN, tree):
        style = element.get("style") or ""
        hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
        if hidden or _DISPLAY_NONE.search(style):
            _delete(element)
    if not furniture:
        return
    total = sum(1 for _ in tree.iter("p"))
    for element in _furniture(tree):
        if total >= 4 and sum(1 for _ in element.iter("p")) * 2 > total:
            continue
        _delete(element)


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def anchor_texts(tree: HtmlElement, *, min_words: int = 3) -> set[str]:
    """Normalised texts of the page's links long enough to be headlines."""
    found = set()
    for anchor in tree.iter("a"):
        text = _norm(anchor.text_content())
        if text.count(" ") + 1 >= min_words and "http" not in text and "www" not in text:
            found.add(text)
    return found


def link_word_share(lines: Sequence[str], links: set[str]) -> float:
    """Share of the words of ``lines`` that sit in lines which are whole link texts.

    ``links`` as :func:`anchor_texts` gives them (``min_words=1`` to count
    short links such as author names too).
    """
    total = linked = 0
    for line in lines:
        norm = _norm(line)
        words = _words(norm)
        total += words
        if norm in links:
            linked += words
    return linked / total if total else 0.0


# Words that announce a pointer to other pages ("Related:", "Read more", "Don't miss").
_POINTER_WORDS = words("pointer-words")
_POINTER_HEADING = re.compile(
    r"^(?:you (?:may|might) (?:also )?like|more (?:from|on|in|stories|news)|"
    r"most (?:read|popular)|related|read (?:more|next|also)|see (?:more|also)|don.t miss|"
    r"recommended|trending|popular)\b|^more$",
    re.I,
)
# Web furniture that trafilatura lets through: calls to action, UI words, credits.
_FURNITURE_START = re.compile(
    r"^(?:advertisement|sponsored content|follow (?:us|him|her|me|@)|sign up\b|subscribe\b|"
    r"like this (?:story|article|post)|share (?:this|on|it)\b|tell us what you think|"
    r"filed under|tags?\s*:|copyright\b|©|\(?(?:photo|image|picture)s?\s*(?:by|credit|:)|"
    r"credit\s*:|(?:if )?you (?:enjoyed|liked) this)",
    re.I,
)
# Words of buttons and widget labels; a line made only of them is page chrome.
_UI_WORDS = words("html-ui-words")
_RIGHTS = re.compile(r"personal,? non-commercial use|all rights reserved", re.I)
_NEWSLETTER = re.compile(r"\b(?:newsletters?|inbox|subscrib\w*|sign up)\b", re.I)
_CONTACT = re.compile(r"(?:^|\s)@\w{2,}|\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_CONTACT_VERBS = re.compile(r"\b(?:follow|reach|reached|contact|email|e-mail|write|tips?)\b", re.I)
_CLICK_HERE = re.compile(r"\bclick here\b", re.I)
_CREDIT = re.compile(r"©|\((?:photo|image|credit)s?\s*:|\bgetty images\b", re.I)
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b(?:19|20)\d{2}\b")
_SENTENCE_END = re.compile(r"[.!?…\"”»]$")
_MERIDIEM = re.compile(r"[ap]\.m\.$", re.I)


def _words(norm: str) -> int:
    return norm.count(" ") + 1 if norm else 0


def _is_furniture_line(line: str, norm: str) -> bool:
    """Calls to action, UI words, credits and contact lines, judged on the line alone."""
    words = _words(norm)
    if words <= 3 and _UI_WORDS.issuperset(norm.split()):
        return True
    if words <= 60 and _RIGHTS.search(line):
        return True
    if words <= 40 and _FURNITURE_START.match(line):
        return True
    if words <= 40 and _CLICK_HERE.search(line):
        return True
    found = [word.lower() for word in _NEWSLETTER.findall(line)]
    # "subscribers" or "sign up" alone occur in news prose; a pitch names the product.
    pitches = len(found) if any(w.startswith(("newsletter", "inbox")) for w in found) else 0
    short_heading = words <= 8 and not _SENTENCE_END.search(line)
    if pitches and (short_heading or (words <= 40 and pitches >= 2)):
        return True
    if words <= 50 and _CONTACT.search(line) and _CONTACT_VERBS.search(line):
        return True
    return words <= 25 and bool(_CREDIT.search(line))


def _is_date_line(line: str, norm: str) -> bool:
    """A line that only stamps the page: date, time, "updated at"."""
    if _words(norm) > 12 or "@" in line or not _CLOCK.search(line):
        return False
    digits = sum(1 for token in norm.split() if token.isdigit())
    return digits >= 2 and (not _SENTENCE_END.search(line) or bool(_MERIDIEM.search(line)))


def _link_share(norm: str, links: set[str]) -> float:
    """Share of the line covered by the longest link text it contains."""
    if norm in links:
        return 1.0
    size = len(norm)
    best = 0
    for link in links:
        if best < len(link) <= size and link in norm:
            best = len(link)
    return best / size if size else 0.0


def _is_pointer_heading(line: str, norm: str) -> bool:
    return _words(norm) <= 6 and bool(_POINTER_HEADING.match(norm)) and not line.endswith(".")


def _is_pointer_link(norm: str, links: set[str]) -> bool:
    """ "Related: <headline>", "Read more: <headline>": a pointer word, then a link."""
    if norm in links:
        return not _POINTER_WORDS.isdisjoint(norm.split()[:3])
    size = len(norm)
    for link in links:
        if len(link) * 10 >= size * 6 and len(link) < size and link in norm:
            prefix = norm[: norm.index(link)].split()
            if 0 < len(prefix) <= 5 and not _POINTER_WORDS.isdisjoint(prefix):
                return True
    return False


def _is_title(norm: str, headlines: Sequence[str]) -> bool:
    for headline in headlines:
        other = _norm(headline)
        if not other:
            continue
        if norm == other:
            return True
        # "<headline> | Outlet" or a headline cut short; never a whole paragraph.
        similar_size = _words(norm) >= 4 and len(norm) <= 1.5 * len(other) + 20
        if similar_size and (other.startswith(norm) or norm.startswith(other)):
            return True
    return False


class LineCache:
    """The judgements of a line that depend on the line and the page's links, kept for the
    page's later cleanings.

    The HTML extractor cleans several candidate bodies of one page (trafilatura's
    modes, the page's visible text) and they share most of their lines.  The
    judgements against links hold for one set of links (the page's, passed to
    every cleaning and never changed): another set given later starts them afresh.
    """

    def __init__(self) -> None:
        self._norms: dict[str, str] = {}
        self._furniture: dict[str, bool] = {}
        self._links: set[str] | None = None
        self._link_shares: dict[str, float] = {}
        self._pointer_links: dict[str, bool] = {}

    def _against(self, links: set[str]) -> None:
        if links is not self._links:
            self._links = links
            self._link_shares = {}
            self._pointer_links = {}

    def link_share(self, norm: str, links: set[str]) -> float:
        self._against(links)
        found = self._link_shares.get(norm)
        if found is None:
            found = self._link_shares[norm] = _link_share(norm, links)
        return found

    def is_pointer_link(self, norm: str, links: set[str]) -> bool:
        self._against(links)
        found = self._pointer_links.get(norm)
        if found is None:
            found = self._pointer_links[norm] = _is_pointer_link(norm, links)
        return found

    def norm(self, line: str) -> str:
        found = self._norms.get(line)
        if found is None:
            found = self._norms[line] = _norm(line)
        return found

    def is_furniture(self, line: str, norm: str) -> bool:
        found = self._furniture.get(line)
        if found is None:
            found = self._furniture[line] = _is_furniture_line(line, norm)
        return found


def clean_paragraphs(
    lines: Sequence[str],
    *,
    headlines: Sequence[str] = (),
    links: set[str] | None = None,
    cache: LineCache | None = None,
) -> list[str]:
    """Drop boilerplate lines from trafilatura's output, keep article paragraphs.

    ``headlines`` are the page's title texts: a leading line repeating one is
    dropped.  ``links`` are the page's link texts (from :func:`anchor_texts`):
    lines pointing to other pages are dropped when a pointer word or heading
    announces them, or when they trail the article.  ``cache`` carries the
    per-line judgements from one cleaning of a page to the next (the result is
    the same with or without it).
    """
    links = links or set()
    cache = cache or LineCache()
    paragraphs = [line.strip() for line in lines if line.strip()]
    norms = [cache.norm(line) for line in paragraphs]
    drop = [False] * len(paragraphs)
    if paragraphs and _is_title(norms[0], headlines):
        drop[0] = True
    in_pointer_run = False
    for index, (line, norm) in enumerate(zip(paragraphs, norms, strict=True)):
        if not norm:
            drop[index] = True
            continue
        link_like = links and _words(norm) <= 40 and cache.link_share(norm, links) >= 0.8
        if in_pointer_run and link_like:
            drop[index] = True
            continue
        in_pointer_run = False
        if _is_pointer_heading(line, norm):
            drop[index] = in_pointer_run = True
        else:
            at_edge = index < 3 or index >= len(paragraphs) - 2
            drop[index] = (
                drop[index]
                or cache.is_furniture(line, norm)
                or bool(links and _words(norm) <= 40 and cache.is_pointer_link(norm, links))
                or (at_edge and _is_date_line(line, norm))
            )
    # Trailing headlines are the "more stories" rail that follows an article.
    for index in range(len(paragraphs) - 1, -1, -1):
        norm = norms[index]
        if drop[index]:
            continue
        if links and _words(norm) <= 40 and cache.link_share(norm, links) >= 0.8:
            drop[index] = True
            continue
        break
    return [line for line, dropped in zip(paragraphs, drop, strict=True) if not dropped]
