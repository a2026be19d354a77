"""Figures told in other words: one counted or measured thing two sources give differently.

The support judge sets two values against each other only in sentences that
share half their words (:mod:`newsweave.brief.conflicts`); outlets telling one
figure in their own words share few ("the blasts left 41 people dead" /
"the bombings that killed 47"; "more than 200 square kilometers" / "some 140
square miles"; "ends four years of negotiations" / "after nearly seven years
of negotiations").  Here what a figure counts or measures stands in for the
shared words.  A figure's *family*:

* a toll: a count of people (or a bare count) beside a word of the dead or of
  the hurt (``support-tolls``: "killed", "deaths", "injured");
* an area, in square metres whatever unit it was written in;
* a span of time of one named thing: "N years of negotiations" (the span in
  days, the family the noun after "of").

Two independent sources' figures of one family are the same figure only with
something tying them to one event: two toll sentences share at least
``min_shared`` other content words; a span is of the same noun; each of the two
articles gives one area only.  A sentence giving two figures of one family (two
tolls) or an earlier year (background) is left out.  Values further apart than
``max_ratio`` are two things.

Different values of one figure are then:

* an **update** when the figure is a toll and the reports are of different days,
  the later one giving more: victims are found and counted over days, so a later
  higher toll is no dispute.  All the reports of that toll are listed, oldest
  first, each with its day, the newest marked, under a topic that says it is an
  update;
* otherwise a **conflict**, listed as a disagreement with both sentences, unless
  either figure is tied to one moment ("so far"), or is a toll given as a lower
  bound (a running tally), or a bound covers the other: "more than 200" agrees
  with 230, but a bound says little more than ``bound_reach`` times itself, so
  not with 320.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import combinations

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.facts import Quantity, stem, support_words
from newsweave.models import Citation, Disagreement

__all__ = ["FigureOptions", "figure_disagreements"]


@dataclass(frozen=True, slots=True)
class FigureOptions:
    """When two sources' figures of one family are one figure told differently."""

    max_ratio: float = 2.0
    """Most times one value may be the other's (told in few shared words, a larger gap
    is more often two things than one figure disputed)."""
    bound_reach: float = 1.5
    """A lower bound ("at least 41", "more than 200") agrees with values up to this many
    times itself (an upper bound with values down to its share)."""
    approximate: float = 0.15
    """Relative difference within which an approximate value ("some 140") agrees."""
    toll_ratio: float = 1.5
    """Most times one toll may be another of the same day for the two to conflict: two
    same-day reports of one toll differ by a few victims, a larger gap is two events
    (the attack and an earlier one the sentence recalls)."""
    min_shared: int = 2
    """Content words (not toll words) two toll sentences must share to be of one event..."""
    min_names: int = 1
    """...and names (places, people, groups)."""


@dataclass(frozen=True, slots=True)
class _Figure:
    row: int
    family: str
    quantity: Quantity
    value: float
    shown: str
    day: date | None


_PEOPLE = wordlists.vocab("peopl person")
"""Stems of words that are no event words for tying two toll sentences ("people")."""
_SPANS = {"year": 365.0, "month": 30.0, "week": 7.0, "decad": 3650.0}
"""Units of a span of time, in days (by stem)."""
_SPAN = re.compile(
    r"\b([\w.,]+)\s+(years?|months?|weeks?|decades?)\s+of\s+(?:the\s+)?([a-z]{3,})\b"
)
_TOLLS = ("dead", "hurt")
_FIGURE_FIRST = re.compile(r"\W*\d")
_PARTS = re.compile(r"\b(?:including|among|others?|besides|plus)\b", re.I)
"""Words that split a toll into parts or add to it ("a dozen, including a soldier",
"a soldier and 11 others"): the figure of such a sentence may count more or fewer."""
_FAMILY_NAMES = {"dead": "people killed", "hurt": "people hurt", "area": "area"}


@cache
def _tolls() -> dict[str, str]:
    return {stem(word): family for word, family in wordlists.mapping("support-tolls").items()}


def _prefix(quantity: Quantity) -> str:
    if quantity.bound > 0:
        return "at least "
    if quantity.bound < 0:
        return "at most "
    return "about " if quantity.approximate else ""


def _toll(quantity: Quantity, text: str) -> str | None:
    """The toll family of a count ("dead", "hurt"), else ``None``.

    Read from the words next to the number as written in ``text``: the word after it
    ("41 dead", "41 people dead"), else, when "people" or a conjunction follows,
    the nearest word before it, bounds and hedges aside ("killed at least 14 people",
    "killing 16 people." at a sentence's end,
    "killed four and injured 58").  A number set off by commas after a name ("Jo
    Doe, 26, was killed") is an age.
    """
    if quantity.kind != "count" or quantity.high is not None or quantity.aside:
        return None
    if not float(quantity.value).is_integer():
        return None
    tolls = _tolls()
    for form in _written(int(quantity.value)):
        # Not a number glued to a name or a code ("A321", "F-16"): a toll of the same
        # value written apart from it ("an F-16 crashed, killing 16") is still read.
        pattern = rf"(?<![\w,.])(?<![^\W\d_]-){re.escape(form)}(?![\w]|[,.]\d)"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            before, after = text[: match.start()], text[match.end() :]
            if before.rstrip().endswith(",") and after.lstrip().startswith(","):
                return None  # an age in apposition
            following = _AFTER.match(after)
            word = stem(following.group(1).casefold()) if following else ""
            if word in tolls:
                return tolls[word]
            if word and word not in _CONJUNCTIONS and word not in _PEOPLE:
                return None  # a count of something else ("3 days", "6 sites")
            for earlier in reversed(_WORDS.findall(before)[-4:]):
                lower = earlier.casefold()
                if lower in _SKIPPED:
                    continue
                return tolls.get(stem(lower))
            return None
    return None


def _written(value: int) -> list[str]:
    """How ``value`` may be written: digits, digits with thousands commas, number words."""
    words = [w for w, v in support_words().numbers.items() if v == value and " " not in w]
    return list(dict.fromkeys([f"{value:,}", str(value), *words]))


_AFTER = re.compile(r"[ \t]+(?:(?:people|persons)[ \t]+)?([^\W\d_]+)")
_WORDS = re.compile(r"[^\W\d_]+")
_CONJUNCTIONS = wordlists.vocab("and or but as")
"""Words after a count that end it: the counted thing is then said before it."""
_SKIPPED = wordlists.vocab(
    "at least more than over nearly almost about around some roughly up to the all"
)
"""Words between a verb and its count ("killed at least 14", "killed all three")."""


def _spans(text: str) -> list[tuple[str, str]]:
    """(unit, noun) of each "N years of X" in ``text`` (N a number)."""
    numbers = support_words().numbers
    found: list[tuple[str, str]] = []
    for match in _SPAN.finditer(text):
        number = match.group(1).casefold().rstrip(".,")
        if number.replace(",", "").replace(".", "").isdigit() or number in numbers:
            found.append((match.group(2).casefold(), match.group(3)))
    return found


def _figures(story: StoryAlignment, row: int) -> list[_Figure]:
    """The figures of sentence ``row``, at most one per family."""
    facts = story.facts(row)
    article = story.doc.articles[story.sentences[row].article]
    day = article.published.date() if article.published is not None else None
    if _FIGURE_FIRST.match(story.sentences[row].text):
        # News style spells out a number opening a sentence: one written in digits is
        # mostly the rest of a figure the splitter cut ("about 5. 4 acres").
        return []
    years = {int(q.value) for q in facts.quantities if q.kind == "year"}
    if years - ({day.year} if day is not None else set()):
        return []  # another year: background, or a figure of another time
    found: dict[str, list[_Figure]] = defaultdict(list)
    text = story.sentences[row].text
    parts = _PARTS.search(text) is not None
    for quantity in facts.quantities:
        toll = None if parts else _toll(quantity, text)
        if toll is not None:
            shown = f"{_prefix(quantity)}{quantity.value:,.0f}"
            found[toll].append(_Figure(row, toll, quantity, quantity.value, shown, day))
        elif quantity.kind == "area" and not quantity.aside and quantity.high is None:
            shown = f"{_prefix(quantity)}{quantity.value / 1e6:,.3g} km²"
            found["area"].append(_Figure(row, "area", quantity, quantity.value, shown, day))
    spans = [q for q in facts.quantities if q.kind == "count" and q.head in _SPANS]
    named = _spans(story.sentences[row].text)
    if len(spans) == 1 and len(named) == 1 and not spans[0].aside:
        (quantity,), ((unit, noun),) = spans, named
        family = f"span:{stem(noun.casefold())}"
        shown = f"{_prefix(quantity)}{quantity.value:g} {unit} of {noun}"
        value = quantity.value * _SPANS[quantity.head]
        found[family].append(_Figure(row, family, quantity, value, shown, day))
    # One value read twice (a code and the toll beside it: "an F-16 ... killing 16") is
    # one figure: the reading whose counted words are of people or of the toll.
    return [
        max(figures, key=lambda f: bool(set(f.quantity.noun) & (_PEOPLE | set(_tolls()))))
        for figures in found.values()
        if len({figure.value for figure in figures}) == 1
    ]


def _agree(first: _Figure, second: _Figure, options: FigureOptions) -> bool:
    """Whether two values of one figure may both be right (see module docs)."""
    a, b = first.quantity, second.quantity
    if first.value == second.value:
        return True
    for bound, other in ((first, second), (second, first)):
        side = bound.quantity.bound
        if side > 0 and bound.value <= other.value <= bound.value * options.bound_reach:
            return True
        if side < 0 and bound.value / options.bound_reach <= other.value <= bound.value:
            return True
        if side > 0 and other.quantity.bound > 0:
            return True  # two lower bounds
    top = max(first.value, second.value)
    slack = options.approximate if a.approximate or b.approximate else 0.0
    if first.family == "area" and (a.written != first.value or b.written != second.value):
        slack = max(slack, 0.05)  # a unit converted and rounded
    return abs(first.value - second.value) <= slack * top


def _tied(first: _Figure, second: _Figure, story: StoryAlignment, options: FigureOptions) -> bool:
    """Whether two figures of one family are of one event (see module docs)."""
    if first.family in _TOLLS:
        one, other = story.facts(first.row), story.facts(second.row)
        tolls = _tolls()
        shared = {w for w in one.stems & other.stems if w not in tolls and w not in _PEOPLE}
        names = (one.names - _opening(story, first.row)) & (
            other.names - _opening(story, second.row)
        )
        if len(shared) < options.min_shared or len(names) < options.min_names:
            return False
        # A name beside either figure that the other sentence lacks: another place's or
        # several places' toll ("killed 12 in Tormund" / "19 in Tormund and Varna").
        near = (first.quantity.context & one.names) | (second.quantity.context & other.names)
        return near <= one.names & other.names
    return True  # spans share their noun; areas are one per article (checked by the caller)


def _opening(story: StoryAlignment, row: int) -> frozenset[str]:
    """The stem of sentence ``row``'s first word: capitalised as any first word is, so no
    sure name ("Police say ...")."""
    first = _WORDS.search(story.sentences[row].text)
    return frozenset({stem(first.group().casefold())}) if first else frozenset()


def figure_disagreements(
    story: StoryAlignment,
    shown: AbstractSet[tuple[str, int]],
    *,
    options: FigureOptions | None = None,
) -> list[Disagreement]:
    """Conflicts and updates of figures told in other words (see module docs).

    ``shown`` holds the sentences other disagreements already show: a conflict
    whose sentence is there is not listed again (updates are, as a record of days).
    It is not changed.
    """
    options = options or FigureOptions()
    figures = [figure for row in range(len(story)) for figure in _figures(story, row)]
    areas: dict[int, int] = defaultdict(int)
    for figure in figures:
        if figure.family == "area":
            areas[story.sentences[figure.row].article] += 1
    figures = [
        f for f in figures if f.family != "area" or areas[story.sentences[f.row].article] == 1
    ]
    conflicts: dict[str, list[tuple[_Figure, _Figure]]] = defaultdict(list)
    edges: list[tuple[_Figure, _Figure]] = []
    for first, second in combinations(figures, 2):
        source = story.sources
        if first.family != second.family or (
            source[story.sentences[first.row].article]
            == source[story.sentences[second.row].article]
        ):
            continue
        low, high = sorted((first.value, second.value))
        if low <= 0 or high / low > options.max_ratio or first.value == second.value:
            continue
        if not _tied(first, second, story, options):
            continue
        if first.family in _TOLLS and _update(first, second):
            edges.append((first, second))
        elif first.family in _TOLLS and high / low > options.toll_ratio:
            continue
        elif not _agree(first, second, options) and not _moving(first, second):
            conflicts[first.family].append((first, second))
    taken = set(shown)
    found = [_conflict(story, family, pairs, taken) for family, pairs in conflicts.items()]
    found += [
        _updates(story, group[0].family, group)
        for group in _groups(edges)
        if all(
            _tied(a, b, story, options)
            for a, b in combinations(group, 2)
            if story.sources[story.sentences[a.row].article]
            != story.sources[story.sentences[b.row].article]
        )
    ]
    return [d for d in found if d is not None]


def _groups(edges: list[tuple[_Figure, _Figure]]) -> list[list[_Figure]]:
    """The connected groups of figures the update ``edges`` link.

    A group is listed only when all its figures of different sources are tied to one
    event pairwise (checked by the caller): a chain of ties can run from one
    shooting's toll through a joint toll of two to the other's.
    """
    parent: dict[_Figure, _Figure] = {}

    def find(node: _Figure) -> _Figure:
        parent.setdefault(node, node)
        while parent[node] != node:
            node = parent[node]
        return node

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[_Figure, list[_Figure]] = defaultdict(list)
    for node in list(parent):
        groups[find(node)].append(node)
    return list(groups.values())


def _moving(first: _Figure, second: _Figure) -> bool:
    """Whether either figure is of a count still moving: tied to one moment ("so far"),
    or a toll given as a lower bound (a running tally, which a higher one does not
    dispute)."""
    quantities = (first.quantity, second.quantity)
    if any(q.running for q in quantities):
        return True
    return first.family in _TOLLS and any(q.bound > 0 for q in quantities)


def _update(first: _Figure, second: _Figure) -> bool:
    """Whether the later of two toll reports gives more (an update, not a dispute)."""
    if first.day is None or second.day is None or first.day == second.day:
        return False
    older, newer = sorted((first, second), key=lambda f: f.day or date.min)
    return newer.value > older.value


def _topic(family: str) -> str:
    if family.startswith("span:"):
        return "time span"
    return _FAMILY_NAMES[family]


def _conflict(
    story: StoryAlignment,
    family: str,
    pairs: list[tuple[_Figure, _Figure]],
    shown: set[tuple[str, int]],
) -> Disagreement | None:
    """The first pair of ``pairs`` neither of whose sentences another disagreement shows."""
    for first, second in pairs:
        left, right = story.citation(first.row), story.citation(second.row)
        keys = {(c.article_id, c.sentence_index) for c in (left, right)}
        if keys & shown:
            continue
        shown |= keys
        kind = "number" if family in _TOLLS else _topic(family)
        detail = _topic(family) if family in _TOLLS else ""
        return Disagreement(
            topic=f"{kind}: {detail}".rstrip(": ") if detail else kind,
            versions=((first.shown, (left,)), (second.shown, (right,))),
        )
    return None


def _updates(story: StoryAlignment, family: str, members: list[_Figure]) -> Disagreement:
    """Every report of an updated toll, oldest first, each with its day, the newest marked."""
    ordered = sorted(members, key=lambda f: (f.day or date.min, f.value, f.row))
    versions: dict[str, list[Citation]] = {}
    newest = ordered[-1].day
    for figure in ordered:
        day = figure.day.strftime("%d %b %Y").lstrip("0") if figure.day else "undated"
        label = f"{figure.shown} (reported {day}{', newest' if figure.day == newest else ''})"
        versions.setdefault(label, []).append(story.citation(figure.row))
    return Disagreement(
        topic=f"update, not a conflict: {_topic(family)} (a later report gives more)",
        versions=tuple((label, tuple(cites)) for label, cites in versions.items()),
    )
