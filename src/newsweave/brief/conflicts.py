"""Disagreements the support judge confirms: two sources contradicting each other on one fact.

:func:`newsweave.brief.disagree.find_disagreements` proposes slots that
outlets fill with different values; many are not disagreements (the ages,
dates or counts of different things).  Here each is kept only when the
support judge (:mod:`newsweave.brief.support`) labels some pair of its
sentences from different versions and different sources ``contradicts``.

Real disagreements written in different words are found the other way
round: every fact the brief states (its summary sentences and key points)
is set against the most similar sentences of every other independent source,
and a pair the judge labels ``contradicts`` over a value (a number, a date,
a day, a time) is a disagreement, shown with both sentences.  Only value
conflicts are listed, both ways: read on real briefs, the judge's negation
and planned-against-done conflicts mostly set different predicates against
each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from newsweave.brief.align import StoryAlignment
from newsweave.brief.support import Judgment
from newsweave.models import Citation, Disagreement

__all__ = ["ConflictOptions", "confirm_disagreements"]


@dataclass(frozen=True, slots=True)
class ConflictOptions:
    """Which sentences are set against each other."""

    threshold: float = 0.3
    """Least similarity of another source's sentence to be read against a claim."""
    tries: int = 3
    """Most similar sentences of each other article read against a claim."""


def _rows(story: StoryAlignment) -> dict[tuple[str, int], int]:
    number = {article.id: k for k, article in enumerate(story.doc.articles)}
    return {
        (story.doc.articles[item.article].id, item.index): row
        for row, item in enumerate(story.sentences)
        if story.doc.articles[item.article].id in number
    }


# Conflicts of values the brief lists as disagreements.  Negation and planned
# against done are left to the judge's labels (citations, key points): read on
# real briefs they mostly set different predicates against each other.
_VALUE_KINDS = frozenset(
    {"count", "length", "money", "percent", "time", "date", "month", "weekday"}
)


def _value_conflict(judgment: Judgment) -> bool:
    return judgment.label == "contradicts" and any(
        conflict.partition(":")[0] in _VALUE_KINDS for conflict in judgment.conflicts
    )


def _contradict(story: StoryAlignment, left: int, right: int) -> bool:
    if (
        story.sources[story.sentences[left].article]
        == story.sources[story.sentences[right].article]
    ):
        return False
    return _value_conflict(story.judge(left, right))


def _confirmed(
    story: StoryAlignment, found: Disagreement, rows: dict[tuple[str, int], int]
) -> bool:
    for (_, first), (_, second) in combinations(found.versions, 2):
        for a in first:
            for b in second:
                left = rows.get((a.article_id, a.sentence_index))
                right = rows.get((b.article_id, b.sentence_index))
                if left is None or right is None:
                    continue
                if _contradict(story, left, right) or _contradict(story, right, left):
                    return True
    return False


def _topic(conflict: str) -> str:
    kind, _, detail = conflict.partition(":")
    if kind in ("count", "length", "money", "percent"):
        return "number"
    return {"planned/happened": "planned or done", "weekday": "day"}.get(kind, kind) or detail


def confirm_disagreements(
    story: StoryAlignment,
    proposed: Sequence[Disagreement],
    claims: Sequence[int],
    *,
    options: ConflictOptions | None = None,
) -> tuple[Disagreement, ...]:
    """The ``proposed`` disagreements the judge confirms, then those it finds for ``claims``.

    ``claims`` are rows of ``story`` the brief states (see module docs).
    """
    options = options or ConflictOptions()
    rows = _rows(story)
    kept = [found for found in proposed if _confirmed(story, found, rows)]
    shown = {
        (c.article_id, c.sentence_index) for found in kept for _, cs in found.versions for c in cs
    }
    if claims:
        sim = story.similarity(list(claims))
        for number, row in enumerate(claims):
            own = story.sources[story.sentences[row].article]
            candidates = np.flatnonzero(sim[number] >= options.threshold).tolist()
            by_article: dict[int, list[int]] = {}
            for k in candidates:
                if story.sources[story.sentences[k].article] != own:
                    by_article.setdefault(story.sentences[k].article, []).append(k)
            for article in sorted(by_article):
                ranked = sorted(by_article[article], key=lambda k: (-sim[number][k], k))
                for k in ranked[: options.tries]:
                    judgment = story.judge(row, k)
                    if not _value_conflict(judgment):
                        continue
                    left, right = story.citation(row), story.citation(k)
                    pair = {(left.article_id, left.sentence_index)}
                    pair.add((right.article_id, right.sentence_index))
                    if pair & shown:
                        continue
                    shown |= pair
                    value = next(
                        c for c in judgment.conflicts if c.partition(":")[0] in _VALUE_KINDS
                    )
                    kept.append(_pair(value, left, right))
                    break
    return tuple(kept)


def _pair(conflict: str, left: Citation, right: Citation) -> Disagreement:
    detail = conflict.partition(":")[2].strip()
    first, _, second = detail.partition(" / ")
    return Disagreement(
        topic=f"{_topic(conflict)}: {detail}" if not second else _topic(conflict),
        versions=(
            (first or "as stated", (left,)),
            (second or "otherwise", (right,)),
        ),
    )
