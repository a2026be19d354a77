"""Coverage of one story in independent sources, after collapsing copies and rewrites.

An article that copies or rewrites another adds no independent source: the
story's coverage counts the *originals* only, one per outlet.  Concretely:

* articles linked by matches (in either direction, through chains) form one
  group, whose original is its earliest member in the story's order;
* a match whose original lies outside the story links nothing here: the copy
  is the story's only witness of that text and counts as an original;
* ``independent_sources`` is the number of distinct sources among the groups'
  originals (names compared case- and space-insensitively).  The source of an
  article is the work it says it derives from (``labels.derived_from``, e.g.
  the broadcaster of a video an AI summary retells), else its outlet;
* an original with neither counts as a source of its own: nothing says
  two anonymous texts came from the same place, and merging them would hide
  coverage rather than over-count it (copies of it are still collapsed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsweave.models import Article, CopyGroup, DuplicateMatch, MatchKind

__all__ = ["CopyGroup", "StoryCoverage", "story_coverage"]


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


def _source_name(article: Article) -> str:
    for name in article.labels.derived_from:
        if name.strip():
            return name
    return article.outlet or ""


def _find(parent: dict[str, str], item: str) -> str:
    root = item
    while parent[root] != root:
        root = parent[root]
    while parent[item] != root:
        parent[item], item = root, parent[item]
    return root


def story_coverage(
    articles: Sequence[Article],
    matches: Mapping[str, DuplicateMatch] | Iterable[DuplicateMatch],
) -> StoryCoverage:
    """Collapse copies and rewrites among ``articles`` (in arrival order) and count sources.

    ``matches`` are the detector's answers, as a mapping from article id or a
    plain iterable; matches about articles outside the story are ignored.
    """
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
    members: dict[str, list[str]] = {}
    for article in articles:
        root = _find(parent, article.id)
        if root != article.id:
            members.setdefault(root, []).append(article.id)
    sources: dict[str, str] = {}
    for article in articles:
        if _find(parent, article.id) != article.id:
            continue
        outlet = " ".join(_source_name(article).split())
        if outlet:
            sources.setdefault(outlet.casefold(), outlet)
        else:
            sources.setdefault(f"article:{article.id}", f"article:{article.id}")
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
