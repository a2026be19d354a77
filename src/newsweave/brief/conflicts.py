"""Disagreements the support judge confirms: two sources contradicting each other on one fact.

:func:`newsweave.brief.disagree.find_disagreements` proposes slots that
outlets fill with different values; many are not disagreements (the ages,
dates or counts of different things).  Here each is kept only when the
support judge (:mod:`newsweave.brief.support`) labels some pair of its
sentences from different versions and different sources ``contradicts``,
and cut to the versions and sentences of such pairs.

Real disagreements written in different words are found the other way
round: every fact the brief states (its summary sentences and key points)
is set against the most similar sentences of every other independent source,
and a pair the judge labels ``contradicts`` over a value (a number, a date,
a day, a time) is a disagreement, shown with both sentences.  Only value
conflicts are listed, both ways: read on real briefs, the judge's negation
and planned-against-done conflicts mostly set different predicates against
each other.  Two narrower readings find what the judge cannot: different
numbers of days between one incident and another event
(:mod:`~newsweave.brief.relative_days`) and one source denying an act another
states (:mod:`~newsweave.brief.negated_facts`).  Sentences of opinion pieces are
no side of a disagreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.claim_voice import is_opinion
from newsweave.brief.facts import Facts, Quantity, read_facts, stem
from newsweave.brief.figures import FigureOptions, figure_disagreements
from newsweave.brief.negated_facts import days_apart, negated_disagreements
from newsweave.brief.relative_days import relative_day_disagreements
from newsweave.brief.support import AMOUNTS, Judgment, SupportOptions, apart
from newsweave.models import Citation, Disagreement

__all__ = ["ConflictOptions", "confirm_disagreements"]


@dataclass(frozen=True, slots=True)
class ConflictOptions:
    """Which sentences are set against each other."""

    threshold: float = 0.3
    """Least similarity of another source's sentence to be read against a claim."""
    tries: int = 3
    """Most similar sentences of each other article read against a claim."""
    judge: SupportOptions = field(
        default_factory=lambda: SupportOptions(
            contradicts_overlap=0.5, context_words=3, strict_slots=True
        )
    )
    """The judge listing a disagreement is stricter than the one checking citations: the
    two sentences must share half the claim's words, three words around the values and
    one before them."""
    range_overlap: float = 0.25
    """Least overlap for two different ranges of the same counted thing ("100,000 to
    240,000 Americans" / "100,000 to 200,000 Americans") to be listed: a range is a
    figure few sentences of a story give, so fewer shared words are needed than for
    one value against another."""
    week_days: float = 2.0
    """Most days between two articles' publication for their weekdays to be set against
    each other: farther apart, they name days of different weeks."""
    relative_days: bool = True
    """List two sources giving different numbers of days between one incident and
    another event (:mod:`newsweave.brief.relative_days`)."""
    negations: bool = True
    """List one source denying an act another states done to the same thing ("was not
    revoked" / "had been confiscated"; :mod:`newsweave.brief.negated_facts`)."""
    figures: FigureOptions = field(default_factory=FigureOptions)
    """How figures told in other words are read (:mod:`newsweave.brief.figures`)."""
    max_ratio: float = 4.0
    """Most times one conflicting amount may be the other's.  Of the disagreement pairs
    judged in ``support-judgments`` (tune = even pairs), every one read as a real
    contradiction gives amounts within 2.6 times of each other; pairs with a gap over 4
    (96 / 5 touchdowns, 2,282 / 9 points) were not contradictions."""


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
    {
        "count",
        "age",
        "ordinal",
        "length",
        "area",
        "money",
        "percent",
        "time",
        "date",
        "month",
        "weekday",
    }
)


def _comparable(left: Quantity, right: Quantity, max_ratio: float) -> bool:
    """Whether two conflicting values may be two reports of one figure.

    Not when either is tied to one moment of a changing count ("so far", "as of
    Monday", "briefly"): a later report updates it.  Not when either is a lower
    bound ("at least 130"): a running tally, which a later or earlier count
    differs from without disputing it.  Not when one counts a part of what the
    other counts (a modifier before the same counted words: "$25 million in
    punitive damages" / "$33.5 million in damages"), nor sums said of different
    things ("on street lights" / "on road repairs").  Amounts must be
    within ``max_ratio`` of each other (a tenfold gap is two things: a career's
    and a season's touchdowns, a total and the points still needed).
    """
    if left.running or right.running or left.bound > 0 or right.bound > 0:
        return False
    if left.kind == "money" and left.noun and right.noun and not set(left.noun) & set(right.noun):
        return False  # sums for two things ("on street lights" / "on road repairs")
    short, long = sorted((left.noun, right.noun), key=len)
    if short and len(long) > len(short) and long[-len(short) :] == short:
        return False
    return left.kind not in AMOUNTS or apart(left, right) <= max_ratio


def _value_conflict(
    judgment: Judgment,
    max_ratio: float,
    facts: tuple[Facts, Facts] | None = None,
    apart: float | None = None,
    week_days: float = 2.0,
) -> bool:
    return (
        judgment.label == "contradicts"
        and any(conflict.partition(":")[0] in _VALUE_KINDS for conflict in judgment.conflicts)
        and any(
            _comparable(mine, other, max_ratio)
            and _one_week(mine, other, apart, week_days)
            and _one_person(mine, other, facts)
            and _one_thing(mine, other, facts)
            for mine, other in judgment.clashes
        )
    )


def _one_week(left: Quantity, right: Quantity, apart: float | None, most: float) -> bool:
    """Whether two weekdays may name days of one week: a weekday is said from its
    article's date, so two articles published more than ``most`` days apart give
    weekdays of different weeks, or of different events ("released Saturday" in one
    week's report, "released Sunday" in a report weeks later).  Other values pass."""
    if "weekday" not in (left.kind, right.kind) or apart is None:
        return True
    return apart <= most


_NORMS = frozenset(stem(word) for word in wordlists.words("norm-words"))
"""Stems of words that make a value a rule's, a target's or a limit's ("members must
spend 2 percent", "a target of 2%"), not a measured one."""


def _norm(quantity: Quantity) -> bool:
    """Whether the value is a rule's threshold, a target or a limit: a norm word among
    the content words around it."""
    return not _NORMS.isdisjoint(quantity.context)


def _one_thing(left: Quantity, right: Quantity, facts: tuple[Facts, Facts] | None) -> bool:
    """Whether two conflicting values may be of one thing: not a norm against a measure
    ("the league requires 3 percent" / "spends 5.2 percent"), and not said of things
    named apart: names follow both values and none of them is the same ("a nine-day tour
    of Norland and ..." / "a six-day tour of Estmark": two tours).  A name after
    one value only is a detail the other leaves out ("16 points for the Rovers" /
    "15 points and six rebounds")."""
    if _norm(left) != _norm(right):
        return False
    if facts is None:
        return True
    one, other = facts
    mine = (left.context - left.before) & one.names
    theirs = (right.context - right.before) & other.names
    return not (mine and theirs and mine.isdisjoint(theirs))


def _one_person(left: Quantity, right: Quantity, facts: tuple[Facts, Facts] | None) -> bool:
    """Whether two conflicting ages are of one person: a name beside each, the same in
    both ("Ann Ruiz, 47" / "Ann Ruiz, 52").  Two unnamed people of one description ("a
    9-year-old girl" killed / "a 6-year-old girl" in a serious state) are mostly two
    people.  Other values pass."""
    if left.kind != "age" or facts is None:
        return True
    one, other = facts
    return bool((left.context & one.names) & (right.context & other.names))


def _values(quantity: Quantity) -> set[float]:
    found = {float(quantity.value)}
    if quantity.high is not None:
        found.add(quantity.high)
    if quantity.written is not None:
        found.add(quantity.written)
    return found


def _shown_values(shown: str) -> set[float]:
    """The values a version shows ("$1.52 million", "four", "Saturday"), as the judge reads them."""
    found: set[float] = set()
    for quantity in read_facts(shown).quantities:
        found |= _values(quantity)
    return found


def _clash(
    story: StoryAlignment,
    left: int,
    right: int,
    first: set[float],
    second: set[float],
    options: ConflictOptions,
) -> float | None:
    """The judge's overlap when it sets sentence ``left``'s value in ``first`` against
    ``right``'s in ``second`` (either way round), else ``None``."""
    if (
        story.sources[story.sentences[left].article]
        == story.sources[story.sentences[right].article]
    ):
        return None
    best: float | None = None
    for claim, evidence, ours, theirs in (
        (left, right, first, second),
        (right, left, second, first),
    ):
        judgment = story.judge(claim, evidence, options=options.judge)
        if judgment.label != "contradicts":
            continue
        apart = days_apart(story, claim, evidence)
        for mine, other in judgment.clashes:
            pair = (story.facts(claim), story.facts(evidence))
            if not (
                _comparable(mine, other, options.max_ratio)
                and _one_week(mine, other, apart, options.week_days)
                and _one_person(mine, other, pair)
                and _one_thing(mine, other, pair)
            ):
                continue
            if _values(mine) & ours and _values(other) & theirs:
                best = max(best or 0.0, judgment.overlap)
    return best


def _confirmed(
    story: StoryAlignment,
    found: Disagreement,
    rows: dict[tuple[str, int], int],
    options: ConflictOptions,
) -> Disagreement | None:
    """``found`` cut to the two versions the judge sets against each other most surely.

    A slot that takes three or more values across outlets mostly gathers
    different things (a season's and a game's figures, two quakes); the pair of
    versions whose sentences the judge reads as most alike is the one shown.
    """
    values = [_shown_values(value) for value, _ in found.versions]
    clashes: dict[tuple[int, int], tuple[float, list[tuple[Citation, Citation]]]] = {}
    for (i, (_, first)), (j, (_, second)) in combinations(enumerate(found.versions), 2):
        for a in first:
            for b in second:
                left = rows.get((a.article_id, a.sentence_index))
                right = rows.get((b.article_id, b.sentence_index))
                if left is None or right is None:
                    continue
                overlap = _clash(story, left, right, values[i], values[j], options)
                if overlap is not None:
                    best, cited = clashes.get((i, j), (0.0, []))
                    clashes[(i, j)] = (max(best, overlap), [*cited, (a, b)])
    if not clashes:
        return None
    (i, j), (_, cited) = max(clashes.items(), key=lambda item: (item[1][0], -item[0][0]))
    kept = {
        i: list(dict.fromkeys(a for a, _ in cited)),
        j: list(dict.fromkeys(b for _, b in cited)),
    }
    versions = tuple(
        (value, tuple(c for c in cites if c in kept[number]))
        for number, (value, cites) in enumerate(found.versions)
        if number in kept
    )
    return Disagreement(topic=found.topic, versions=versions)


def _topic(conflict: str) -> str:
    kind, _, detail = conflict.partition(":")
    if kind in ("count", "ordinal", "length", "money", "percent"):
        return "number"
    if kind == "area":
        return "area"
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
    kept = [
        confirmed
        for confirmed in (_confirmed(story, found, rows, options) for found in proposed)
        if confirmed is not None
    ]
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
                    judgment = story.judge(row, k, options=options.judge)
                    pair = (story.facts(row), story.facts(k))
                    apart = days_apart(story, row, k)
                    if not _value_conflict(
                        judgment, options.max_ratio, pair, apart, options.week_days
                    ):
                        continue
                    cited = story.unshown_pair(row, k, shown)
                    if cited is None:
                        continue
                    left, right = cited
                    value = next(
                        c for c in judgment.conflicts if c.partition(":")[0] in _VALUE_KINDS
                    )
                    kept.append(_pair(value, left, right))
                    break
    kept += _ranges(story, shown, options)
    kept += figure_disagreements(story, shown, options=options.figures)
    if options.relative_days:
        kept += relative_day_disagreements(story, shown)
    if options.negations:
        kept += negated_disagreements(story, shown)
    opinion = {a.id for a in story.doc.articles if is_opinion(a)}
    return tuple(reported for found in kept if (reported := _reported(found, opinion)))


def _reported(found: Disagreement, opinion: set[str]) -> Disagreement | None:
    """``found`` without the sentences of the articles in ``opinion`` (views by their
    section or title label, :func:`~newsweave.brief.claim_voice.is_opinion`): a
    columnist's aside about a figure is no report of it.  ``None`` when fewer than two
    versions are left."""
    if not opinion:
        return found
    versions = tuple(
        (value, kept)
        for value, cites in found.versions
        if (kept := tuple(c for c in cites if c.article_id not in opinion))
    )
    return Disagreement(found.topic, versions) if len(versions) >= 2 else None


def _ranges(
    story: StoryAlignment, shown: set[tuple[str, int]], options: ConflictOptions
) -> list[Disagreement]:
    """Two sources giving different ranges of one counted thing (see ``range_overlap``)."""
    rows = [
        k
        for k in range(len(story))
        if any(q.high is not None and q.kind in AMOUNTS for q in story.facts(k).quantities)
    ]
    judge = SupportOptions(contradicts_overlap=options.range_overlap)
    found: list[Disagreement] = []
    for left, right in combinations(rows, 2):
        if (
            story.sources[story.sentences[left].article]
            == story.sources[story.sentences[right].article]
        ):
            continue
        for claim, evidence in ((left, right), (right, left)):
            judgment = story.judge(claim, evidence, options=judge)
            clash = next(
                (
                    (mine, other)
                    for mine, other in judgment.clashes
                    if mine.high is not None
                    and other.high is not None
                    and set(mine.noun) & set(other.noun)
                    and _comparable(mine, other, options.max_ratio)
                    and _one_thing(mine, other, (story.facts(claim), story.facts(evidence)))
                ),
                None,
            )
            if judgment.label != "contradicts" or clash is None:
                continue
            cited = story.unshown_pair(claim, evidence, shown)
            if cited is None:
                break
            first, second = cited
            conflict = next(c for c in judgment.conflicts if " to " in c)
            found.append(_pair(conflict, first, second))
            break
    return found


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
