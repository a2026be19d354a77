"""Page metadata read from a parsed HTML tree: title, date, authors, outlet, URLs, language.

Read-only over the tree and cheap on purpose: it looks at ``<head>`` meta tags,
``<link rel=canonical>``, JSON-LD blocks and a handful of microdata attributes,
which is where publishers put these facts for search engines and social cards;
for the authors also the visible byline (:mod:`newsweave.extract.htmlbyline`),
when the page declares no one or only itself.
trafilatura's own metadata pass (``with_metadata=True``) costs about a fifth of
an extraction because it runs htmldate's extensive search; here htmldate only
runs, in its fast mode, when the page declares no date at all.

Order of preference follows how reliable each witness is in practice: JSON-LD
and Open Graph are written for machines and rarely carry site suffixes, while
``<title>`` usually ends with `` | Outlet``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

from newsweave.extract.htmlbyline import visible_authors

__all__ = ["PageMeta", "choose_title", "page_metadata"]

_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|NewsArticle|Posting|WebPage", re.I)
_SPACE = re.compile(r"\s+")
_NAME_SPLIT = re.compile(r"\s*[,;&]\s*|\s+(?:and|und|et|y|e)\s+", re.I)
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted)\s+by|by|von|par|por|di|door|av|author)(?:\s*:\s*|\s+)", re.I
)
# ``<meta>`` keys that name the writer, as publishers' templates spell them.
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "byl",
    "cxenseparse:author",
)
_SURNAME_FIRST = re.compile(r"^\s*([^,]+?),\s*([^,]+?)\s*$")
_TITLE_SUFFIX = re.compile(r"\s+[|–—·•:-]\s+[^|–—·•]{2,60}$")
_HTML_LANG = re.compile(r"^[a-z]{2,3}$")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata a page declares about itself; unknown facts stay ``None``."""

    title: str | None = None
    published: datetime | None = None
    published_from: Literal["page", "text"] | None = None
    """``page`` when ``published`` is a date the page declares (JSON-LD, meta tags,
    a marked ``time`` element); ``text`` when htmldate found it (in the address,
    the elements or the visible text)."""
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    json_ld_body: str | None = None
    """``articleBody`` of the page's JSON-LD article object, when it has one."""
    headlines: tuple[str, ...] = ()
    """Every title-like text of the page (meta, ``<title>``, ``<h1>``), to spot it in the body."""


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _SPACE.sub(" ", text).strip()
    return text or None


def _meta_map(tree: HtmlElement) -> dict[str, str]:
    """First value of each ``<meta>`` key (property, name or itemprop), keys lowercased."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object of the page's JSON-LD blocks, ``@graph`` members flattened."""
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = script.text
        if not raw or not raw.strip():
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except ValueError:
            # Broken JSON-LD is common and is the page's problem, not an input
            # error: the other witnesses still give the metadata.
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))


def _json_ld_article(tree: HtmlElement) -> dict[str, Any] | None:
    """The JSON-LD object describing the article itself (first article-typed one)."""
    fallback: dict[str, Any] | None = None
    for obj in _json_ld_objects(tree):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        names = [k for k in kinds if isinstance(k, str)]
        if any(_ARTICLE_TYPES.search(k) for k in names):
            if any("WebPage" not in k for k in names):
                return obj
            fallback = fallback or obj
    return fallback


def _names(value: Any) -> list[str]:
    """Person or organisation names from a JSON-LD value (string, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if name else []
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _split_authors(raw: list[str]) -> tuple[str, ...]:
    """Normalise author strings: split lists, drop URLs, handles and non-names."""
    seen: dict[str, str] = {}
    for entry in raw:
        text = _clean(entry)
        if not text or "://" in text or text.startswith("@") or "@" in text:
            continue
        text = _BY_PREFIX.sub("", text)
        for part in _NAME_SPLIT.split(text):
            name = part.strip(" .·|-")
            words = name.split()
            # A name has one to five words and some letters; anything longer is
            # a bio or a desk line, not an author.
            if not name or len(words) > 5 or not any(ch.isalpha() for ch in name):
                continue
            seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def parse_date(value: str | None) -> datetime | None:
    """Parse an ISO-like date or datetime as pages write them; ``None`` if it is not one."""
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    # ``+0100`` offsets and a space between date and time are common in the wild.
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return datetime(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


def _first_date(candidates: list[str | None]) -> datetime | None:
    for candidate in candidates:
        parsed = parse_date(candidate)
        if parsed is not None:
            return parsed
    return None


def _absolute(href: str | None, base: str | None) -> str | None:
    href = _clean(href)
    if not href:
        return None
    try:
        if base:
            href = urljoin(base, href)
        parts = urlsplit(href)
    except ValueError:  # a malformed address (an unclosed IPv6 host)
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return href


def _language(
    tree: HtmlElement, meta: dict[str, str], article: dict[str, Any] | None
) -> str | None:
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("content-language"),
        meta.get("language"),
        meta.get("og:locale"),
        article.get("inLanguage") if article else None,
    ]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip():
            primary = re.split(r"[-_]", candidate.strip())[0].lower()
            if _HTML_LANG.match(primary):
                return primary
    return None


_MAX_TITLE = 300
"""Characters; a longer "title" is a parse accident (an unclosed ``<title>``), not a title."""


def _title(tree: HtmlElement, meta: dict[str, str], article: dict[str, Any] | None) -> str | None:
    headline = article.get("headline") if article else None
    title_element = tree.find(".//title")
    declared = [
        meta.get("og:title"),
        headline if isinstance(headline, str) else None,
        meta.get("twitter:title"),
        title_element.text_content() if title_element is not None else None,
    ]
    headings = [h.text_content() for h in tree.iter("h1")]
    return choose_title(declared, headings, meta.get("og:site_name"))


_SITE_WORDS = 3
"""A trailing title part this short, after a bar or dash, is taken for the site name."""
_H1_AGREEMENT = 0.5
"""Share of a heading's words a declared title must hold for the heading to be the title."""


def _strip_site(title: str, site: str | None, others: Sequence[str]) -> str:
    """``title`` without a trailing `` | Site Name`` part.

    The part goes when it names the site (``og:site_name``) or when another
    declared title ends with the same part: a suffix every title of the page
    shares is the site's, not the article's.
    """
    match = _TITLE_SUFFIX.search(title)
    if not match:
        return title
    suffix = _WORDS.findall(match.group(0).casefold())
    shared = any(
        other != title and _WORDS.findall(other.casefold())[-len(suffix) :] == suffix
        for other in others
    )
    named = bool(site) and suffix == _WORDS.findall((site or "").casefold())
    # A short part after a bar or a dash is a site name far more often than a
    # subtitle; a colon part is a subtitle, so it needs a witness.
    short = len(suffix) <= _SITE_WORDS and match.group(0).strip()[0] in "|–—·•-"
    return title[: match.start()].strip() if (named or shared or short) else title


def choose_title(
    declared: Sequence[str | None], headings: Sequence[str], site: str | None = None
) -> str | None:
    """The article's title from the titles a page declares and its ``<h1>`` texts.

    ``declared`` are the machine-written titles, best first (Open Graph, JSON-LD
    headline, Twitter card, ``<title>``); they are often rewritten for search and
    social cards or carry the site name.  The visible ``<h1>`` is what readers see
    as the title, so a heading wins when a declared title shares most of its
    words (the heading is then the article's, not the site's logo or a section
    name); otherwise the first declared title, site name stripped.
    """
    titles = [t for raw in declared if (t := _clean(raw)) and len(t) <= _MAX_TITLE]
    site_words = _WORDS.findall((site or "").casefold())
    candidates = [
        t
        for raw in dict.fromkeys(headings)
        if (t := _clean(raw))
        and len(t) <= _MAX_TITLE
        and _WORDS.findall(t.casefold()) != site_words
    ]
    best: tuple[float, str] | None = None
    for heading in candidates:
        words = set(_WORDS.findall(heading.casefold()))
        if not words:
            continue
        agreement = max(
            (len(words & set(_WORDS.findall(t.casefold()))) / len(words) for t in titles),
            default=0.0,
        )
        if agreement >= _H1_AGREEMENT and (best is None or agreement > best[0]):
            best = (agreement, heading)
    if best is not None:
        return best[1]
    if titles:
        return _strip_site(titles[0], site, titles) or titles[0]
    return candidates[0] if len(candidates) == 1 else None


def _outlet(meta: dict[str, str], article: dict[str, Any] | None) -> str | None:
    publisher = _names(article.get("publisher")) if article else []
    for candidate in (meta.get("og:site_name"), *publisher, meta.get("application-name")):
        if isinstance(candidate, str) and (text := _clean(candidate)):
            return text.lstrip("@") or None
    return None


def _declared_authors(
    tree: HtmlElement, meta: dict[str, str], article: dict[str, Any] | None
) -> tuple[str, ...]:
    if article and (found := _split_authors(_names(article.get("author")))):
        return found
    raw = [meta[key] for key in _AUTHOR_KEYS if key in meta]
    if "citation_author" in meta:
        # Scholarly pages write one "Surname, Given names" per tag.
        raw.append(_SURNAME_FIRST.sub(r"\2 \1", meta["citation_author"]))
    if found := _split_authors(raw):
        return found
    microdata = [
        el.text_content()
        for el in tree.xpath('//*[@itemprop="author"]//*[@itemprop="name"] | //*[@rel="author"]')
        if isinstance(el, HtmlElement)
    ]
    return _split_authors(microdata[:5])


def _organisations(article: dict[str, Any] | None, meta: dict[str, str]) -> set[tuple[str, ...]]:
    """The names (as word tuples) of the organisations the page declares: site, publisher."""
    names = [meta.get("og:site_name"), meta.get("application-name")]
    if article:
        names.extend(_names(article.get("publisher")))
        for author in _as_list(article.get("author")):
            kind = author.get("@type") if isinstance(author, dict) else None
            if isinstance(kind, str) and kind != "Person":
                names.extend(_names(author))
    found = {tuple(_WORDS.findall(name.casefold())) for name in names if isinstance(name, str)}
    return found - {()}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _authors(
    tree: HtmlElement, meta: dict[str, str], article: dict[str, Any] | None
) -> tuple[str, ...]:
    """The writers: declared for machines, else (or when that names the site) the visible byline."""
    declared = _declared_authors(tree, meta, article)
    organisations = _organisations(article, meta)
    # Many sites declare themselves the author of every page; the byline
    # readers see then names the person who wrote it.
    if declared and not all(
        tuple(_WORDS.findall(name.casefold())) in organisations for name in declared
    ):
        return declared
    shown = visible_authors(tree)
    if not declared:
        return shown
    # The declared author is the site: a byline naming the site again
    # ("Example News Staff") is no better witness of the writer.
    shown_words = [set(_WORDS.findall(name.casefold())) for name in shown]
    if any(
        set(org) <= words or words <= set(org) for words in shown_words for org in organisations
    ):
        return declared
    return shown or declared


def page_metadata(tree: HtmlElement, *, url: str | None = None) -> PageMeta:
    """Read the metadata a parsed page declares about itself.

    ``url`` is where the page came from, when known; relative canonical links
    are resolved against it.
    """
    meta = _meta_map(tree)
    article = _json_ld_article(tree)
    canonical_links = tree.xpath('//link[@rel="canonical"]/@href')
    og_url = meta.get("og:url")
    canonical = _absolute(str(canonical_links[0]) if canonical_links else None, url or og_url)
    canonical = canonical or _absolute(og_url, url)
    published = _first_date(
        [
            str(article.get("datePublished")) if article and article.get("datePublished") else None,
            meta.get("article:published_time"),
            meta.get("og:published_time"),
            meta.get("datepublished"),
            meta.get("date"),
            meta.get("pubdate"),
            meta.get("publishdate"),
            meta.get("dc.date"),
            meta.get("dc.date.issued"),
            meta.get("sailthru.date"),
            meta.get("parsely-pub-date"),
            *[str(v) for v in tree.xpath("//time[@datetime][@itemprop or @pubdate]/@datetime")[:1]],
            str(article.get("dateCreated")) if article and article.get("dateCreated") else None,
        ]
    )
    published_from: Literal["page", "text"] | None = "page" if published is not None else None
    if published is None:
        # htmldate's fast mode looks at URLs, time elements and date-like text.
        found = find_date(tree, extensive_search=False, original_date=True, url=url)
        if not found:
            # Its extensive search reads dates from the page's visible text; slower,
            # so only for the pages that left every faster witness empty.
            found = find_date(tree, extensive_search=True, original_date=True, url=url)
        published = parse_date(found) if found else None
        published_from = "text" if published is not None else None
    body = article.get("articleBody") if article else None
    title_element = tree.find(".//title")
    headlines = [
        meta.get("og:title"),
        meta.get("twitter:title"),
        article.get("headline") if article else None,
        title_element.text_content() if title_element is not None else None,
        *(h.text_content() for h in tree.iter("h1")),
    ]
    return PageMeta(
        title=_title(tree, meta, article),
        published=published,
        published_from=published_from,
        authors=_authors(tree, meta, article),
        outlet=_outlet(meta, article),
        url=url or canonical,
        canonical_url=canonical,
        language=_language(tree, meta, article),
        json_ld_body=body.strip() if isinstance(body, str) and body.strip() else None,
        headlines=tuple(
            dict.fromkeys(t for h in headlines if isinstance(h, str) and (t := _clean(h)))
        ),
    )
