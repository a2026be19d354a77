"""Coverage of one story in independent sources, after collapsing copies and rewrites.

An article that copies or rewrites another adds no independent source: the
story's coverage counts the *originals* only, one per outlet.  Concretely:

* articles linked by matches (in either direction, through chains) form one
  group, whose original is its earliest member in the story's order;
* a match whose original lies outside the story links nothing here: the copy
  is the story's only witness of that text and counts as an original;
* ``independent_sources`` is the number of distinct sources among the groups'
  originals (names compared case- and space-insensitively).  The source of an
  article (:func:`source_key`) is the work it says it derives from
  (``labels.derived_from``, e.g. the broadcaster of a video an AI summary
  retells), else the wire agency it credits by name, else its outlet (an
  outlet that is a news agency, ``Reuters``, is that agency's wire), else its
  site (the domain of its address): articles of one site are one outlet.
  One site's desks named apart ("X News", "X Opinion", "X (Online)") are one
  outlet too: outlet names whose first word (after "the") is the same, on
  articles of one domain, count once (:func:`site_aliases`).  Outlets of
  different names on one domain (an aggregator's) stay apart;
* an original with none of these counts as a source of its own: nothing says
  two anonymous texts came from the same place, and merging them would hide
  coverage rather than over-count it (copies of it are still collapsed).

:func:`source_units` gives every article the source it counts for, copies
and rewrites that of their original: the one count the story header, the
brief's key points ("reported by N of M") and its coverage share.
:func:`copy_matches` finds the copies among a story's articles alone, for
a caller (the stateless brief) that has no detector's answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.dedup.detector import DuplicateDetector
from newsweave.dedup.options import DedupOptions
from newsweave.models import Article, CopyGroup, DuplicateMatch, MatchKind
from newsweave.sources import normalise_domain

__all__ = [
    "CopyGroup",
    "StoryCoverage",
    "article_site",
    "copy_matches",
    "outlet_agency",
    "site_aliases",
    "source_key",
    "source_units",
    "story_coverage",
]

# Wire credits that name no agency say "a copy of something", not whose copy.
_UNNAMED_CREDITS = frozenset({"agency", "wire", "staff", "agencies"})


@dataclass(frozen=True, slots=True)
class StoryCoverage:
    """How many articles a story has and how many independent sources they amount to."""

    articles: int
    independent_sources: int
    sources: tuple[str, ...]
    """The counted sources: source names (as first written), or ``article:<id>``
    for an original without one."""
    groups: tuple[CopyGroup, ...]
    """The groups that collapsed at least one article, in story order of their originals."""


def article_site(article: Article) -> str:
    """The site of ``article``: the bare domain of its canonical address, else of its
    address (``www.`` dropped); ``""`` without either."""
    for url in (article.canonical_url, article.url):
        if url:
            domain = normalise_domain(url)
            if domain:
                return domain
    return ""


def source_key(article: Article) -> tuple[str, str]:
    """``(key, name)`` of the source ``article`` counts for (see module docs).

    Keys compare case- and space-insensitively; the name is as first written.
    """
    for name in article.labels.derived_from:
        if name.strip():
            return "derived:" + " ".join(name.casefold().split()), " ".join(name.split())
    for name in article.labels.wire_credits:
        folded = " ".join(name.casefold().split())
        if folded and folded not in _UNNAMED_CREDITS:
            return "wire:" + folded, " ".join(name.split())
    if article.outlet and article.outlet.strip():
        return _outlet_key(article.outlet), " ".join(article.outlet.split())
    domain = article_site(article)
    if domain:
        return "domain:" + domain, domain
    return "article:" + article.id, "article:" + article.id


_AGENCIES: dict[str, str] = {
    spelling: name
    for spelling, name in wordlists.mapping("wire-agencies").items()
    if name != "agency"
}
"""News agencies by spelling (general knowledge, the list the labels stage reads)."""


def outlet_agency(outlet: str | None) -> str | None:
    """The news agency an outlet name is (``Reuters``, ``The Associated Press (Online)``:
    its canonical name, as a wire credit gives it), or ``None``."""
    if not outlet:
        return None
    plain = " ".join(re.sub(r"\([^)]*\)", " ", outlet).split())
    if plain.casefold().startswith("the "):
        plain = plain[4:]
    if not plain or not (plain[0].isupper() or len(plain) > 4):
        return None  # a lower-case "ap" is no agency's acronym
    return _AGENCIES.get(plain.casefold())


def _outlet_key(outlet: str) -> str:
    """The key an outlet name gives: a news agency's is its wire credit's
    (an article of the outlet "Associated Press" and one credited "(AP)" are one source)."""
    agency = outlet_agency(outlet)
    if agency:
        return "wire:" + " ".join(agency.casefold().split())
    return "outlet:" + " ".join(outlet.casefold().split())


_NAME_WORD = re.compile(r"[^\W_]+")


def _first_word(name: str) -> str:
    words = [w for w in _NAME_WORD.findall(name.casefold()) if w != "the"]
    return words[0] if words else ""


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu"})
"""Labels under a country code that are not the site's own name (``bbc.co.uk``)."""


def _site_label(domain: str) -> str:
    """The label that names the site: ``foxnews`` of ``video.foxnews.com``."""
    labels = domain.split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    return labels[-1] if labels else ""


def _names_site(name: str, domain: str) -> bool:
    """Whether the outlet ``name`` is the site of ``domain``: one of its words, or its
    initials, opens the site's label (``The Daily Planet`` of ``planet.example``)."""
    label = _site_label(domain)
    words = [w for w in _NAME_WORD.findall(name.casefold()) if w != "the"]
    if not label or not words:
        return False
    initials = "".join(w[0] for w in words if w not in ("of", "and"))
    if len(initials) >= 2 and label.startswith(initials):
        return True
    return any(len(w) >= 3 and label.startswith(w) for w in words)


def site_aliases(articles: Sequence[Article]) -> dict[str, str]:
    """Outlet keys (:func:`source_key`) that count as another one: one site's desks.

    Two outlet names on articles of one domain whose first word (after "the") is
    the same are one outlet when both name that site (:func:`_names_site`); the key
    met first in ``articles`` stands for both.  On an aggregator's domain the
    outlets it carries name other sites, so two of them that begin alike stay apart.
    """
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    first: dict[tuple[str, str], str] = {}
    for article in articles:
        key = source_key(article)[0]
        if not article.outlet or key != _outlet_key(article.outlet):
            continue  # counted by a credit or its site, not by its outlet name
        domain, word = article_site(article), _first_word(article.outlet or "")
        if not domain or not word or not _names_site(article.outlet or "", domain):
            continue
        found = first.setdefault((domain, word), key)
        root, other = find(found), find(key)
        if root != other:
            parent[other] = root
    return {key: find(key) for key in parent}


def copy_matches(
    articles: Sequence[Article], *, options: DedupOptions | None = None
) -> list[DuplicateMatch]:
    """The copies and rewrites among ``articles`` (in story order), by a fresh detector."""
    detector = DuplicateDetector(options=options)
    found: list[DuplicateMatch] = []
    for article in articles:
        match = detector.observe(article)
        if match is not None:
            found.append(match)
    return found


def source_units(
    articles: Sequence[Article],
    matches: Mapping[str, DuplicateMatch] | Iterable[DuplicateMatch],
) -> tuple[str, ...]:
    """The source key each of ``articles`` counts for: a copy's is its original's.

    The single rule of "independent sources of a story": the story's count
    (:func:`story_coverage`, stored and shown in the story list, the header,
    the API and the web app) is the number of distinct units, and so is the
    brief's M (its coverage and every key point's "N of M").
    """
    return _units(articles, _groups(articles, matches)[0])


def _units(articles: Sequence[Article], parent: dict[str, str]) -> tuple[str, ...]:
    by_id = {article.id: article for article in articles}
    aliases = site_aliases(articles)
    keys = (source_key(by_id[_find(parent, article.id)])[0] for article in articles)
    return tuple(aliases.get(key, key) for key in keys)


def _find(parent: dict[str, str], item: str) -> str:
    root = item
    while parent[root] != root:
        root = parent[root]
    while parent[item] != root:
        parent[item], item = root, parent[item]
    return root


def _groups(
    articles: Sequence[Article],
    matches: Mapping[str, DuplicateMatch] | Iterable[DuplicateMatch],
) -> tuple[dict[str, str], dict[str, MatchKind]]:
    """Union-find parents linking copies to originals, and how each linked article matched."""
    found = list(matches.values()) if isinstance(matches, Mapping) else list(matches)
    order = {article.id: position for position, article in enumerate(articles)}
    parent = {article.id: article.id for article in articles}
    kind_of: dict[str, MatchKind] = {}
    for match in found:
        if match.article_id not in order:
            continue
        target = next(
            (
                candidate
                for candidate in (match.original_id, match.matched_id)
                if candidate in order and candidate != match.article_id
            ),
            None,
        )
        if target is None:
            continue
        # Both ends: when story order differs from arrival order, the copy can
        # end up the group's original and the article it copied a member.
        kind_of.setdefault(match.article_id, match.kind)
        kind_of.setdefault(target, match.kind)
        first, second = _find(parent, match.article_id), _find(parent, target)
        if first != second:
            # The earlier article becomes the root, so each group's root is its original.
            if order[first] < order[second]:
                parent[second] = first
            else:
                parent[first] = second
    return parent, kind_of


def story_coverage(
    articles: Sequence[Article],
    matches: Mapping[str, DuplicateMatch] | Iterable[DuplicateMatch],
) -> StoryCoverage:
    """Collapse copies and rewrites among ``articles`` (in arrival order) and count sources.

    ``matches`` are the detector's answers, as a mapping from article id or a
    plain iterable; matches about articles outside the story are ignored.
    """
    parent, kind_of = _groups(articles, matches)
    order = {article.id: position for position, article in enumerate(articles)}
    members: dict[str, list[str]] = {}
    for article in articles:
        root = _find(parent, article.id)
        if root != article.id:
            members.setdefault(root, []).append(article.id)
    # The count is the number of distinct units: the one rule the brief's key
    # points and coverage count by too (source_units).
    sources: dict[str, str] = {}
    for article, unit in zip(articles, _units(articles, parent), strict=True):
        if _find(parent, article.id) == article.id:
            sources.setdefault(unit, source_key(article)[1])
    groups = tuple(
        CopyGroup(
            original_id=root,
            member_ids=tuple(ids),
            kinds=tuple(kind_of[member] for member in ids),
        )
        for root, ids in sorted(members.items(), key=lambda item: order[item[0]])
    )
    return StoryCoverage(
        articles=len(articles),
        independent_sources=len(sources),
        sources=tuple(sources.values()),
        groups=groups,
    )
