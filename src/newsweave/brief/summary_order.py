"""What makes a summary sentence lean on another, and what makes one out of date.

Helpers of :func:`newsweave.brief.summary.select_summary`:

* :func:`points_back`: a sentence whose first words stand for something only
  an earlier sentence of its article names: a personal pronoun as subject
  ("He vowed ..."; the ``summary-pointer-openers`` data file), "There," as an
  adverb of place (not "There are"), a part of a count given before ("Seven of the
  11 ...", "Two of them"), or a quotation credited to a bare "the statement
  said" anywhere in the sentence.  Such a sentence is shown only right after
  the sentence before it in its article (:func:`reading_order`).
* :func:`restates`: the support judge finds all of a candidate in a sentence
  already chosen.
* :func:`outdated`: a later-published article of the story gives the
  candidate's figure differently (a count of the same thing, or a toll told in
  other words and said to have moved: "22 people have died" / "raised the confirmed
  deaths to 28"), or states as done what the candidate gives as planned
  or expected.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import numpy as np

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.captions import strip_dateline
from newsweave.brief.doc import StorySentence
from newsweave.brief.facts import Facts, Quantity, read_facts, stem
from newsweave.brief.support import SupportOptions, apart, comparable, judge_facts
from newsweave.text import NUMBER_WORDS

__all__ = [
    "outdated",
    "pointer",
    "points_back",
    "reading_order",
    "restates",
    "waits_for_previous",
]

_POINTERS = wordlists.words("summary-pointer-openers")
_SOURCES = wordlists.words("summary-source-references")
_REPORTING = wordlists.words("summary-reporting-verbs")
_THERE_PLACE = re.compile(r"^[\"“]?There,")
_PART_OF = frozenset({"them", "those", "these"})


def pointer(token: str) -> bool:
    """Whether ``token`` is a personal pronoun of the data file, contracted or not ("they're")."""
    return token.split("'")[0] in _POINTERS


def _number(token: str) -> bool:
    return token.isdigit() or token in NUMBER_WORDS


def points_back(item: StorySentence, *, pronouns: bool = True) -> bool:
    """Whether sentence ``item`` opens by standing for what an earlier sentence names
    (a pronoun subject only with ``pronouns``)."""
    tokens = item.tokens
    if not tokens:
        return False
    if (pronouns and pointer(tokens[0])) or _THERE_PLACE.match(item.text.lstrip()):
        return True
    # "Seven of the 11 ...", "Two of them ...": a part of a whole told before.
    if (
        len(tokens) > 3
        and _number(tokens[0])
        and tokens[1] == "of"
        and (tokens[2] in _PART_OF or (tokens[2] == "the" and _number(tokens[3])))
    ):
        return True
    return any(
        tokens[k] == "the" and tokens[k + 1] in _SOURCES and tokens[k + 2] in _REPORTING
        for k in range(1, len(tokens) - 2)
    )


def waits_for_previous(
    candidates: Sequence[int],
    leans: Callable[[int], bool],
    pronoun_opens: Callable[[int], bool],
    *,
    pair: bool,
) -> tuple[dict[int, int], dict[int, int]]:
    """Which candidates (positions in ``candidates``, rows of a story) wait for the
    sentence before them in their article, and which are brought with it.

    A candidate whose row ``leans`` (points back) waits for the row before it.  With
    ``pair``, a candidate whose row ``pronoun_opens`` (a personal pronoun subject) is
    paired with the candidate of the row before it (the second dict, candidate ->
    partner candidate), or waits for that row when it is no candidate or waits itself.
    """
    # A sentence pointing back waits for the sentence before it in its article.
    waits = {k: row - 1 for k, row in enumerate(candidates) if leans(row)}
    partner: dict[int, int] = {}
    if pair:
        index = {row: k for k, row in enumerate(candidates)}
        for k, row in enumerate(candidates):
            if k not in waits and pronoun_opens(row):
                before = index.get(row - 1)
                if before is None or before in waits:
                    waits[k] = row - 1  # no partner to bring: it waits (for ever)
                else:
                    partner[k] = before
    return waits, partner


def reading_order(rows: Sequence[int], story: StoryAlignment, after: dict[int, int]) -> list[int]:
    """``rows`` in the order the story tells them, each row of ``after`` right after its row.

    Rows not in ``after`` are ordered by position in their article, earlier
    articles first on ties; ``after[row]`` is the row a dependent row follows.
    """
    heads = [row for row in rows if row not in after]
    heads.sort(key=lambda row: (story.sentences[row].index, story.sentences[row].article))
    followers: dict[int, list[int]] = {}
    for row, before in after.items():
        if row in rows:
            followers.setdefault(before, []).append(row)
    order: list[int] = []

    def place(row: int) -> None:
        order.append(row)
        for follower in sorted(followers.get(row, ())):
            place(follower)

    for row in heads:
        place(row)
    return order


def restates(story: StoryAlignment, row: int, chosen: Sequence[int], judge: SupportOptions) -> bool:
    """Whether the sentences already ``chosen`` state everything sentence ``row`` states.

    Asked of each chosen sentence of another article sharing a content word with
    ``row``, then of those sentences read as one text (two sentences may state a
    third between them).
    """
    own = story.sentences[row]
    near = [
        k
        for k in chosen
        if story.sentences[k].article != own.article
        and not own.content.isdisjoint(story.sentences[k].content)
    ]
    if any(story.judge(row, k, options=judge).label == "supports" for k in near):
        return True
    if len(near) < 2:
        return False
    together = read_facts(" ".join(strip_dateline(story.sentences[k].text) for k in near))
    return judge_facts(story.facts(row), together, options=judge).label == "supports"


def outdated(
    story: StoryAlignment,
    row: int,
    similar: np.ndarray,
    *,
    threshold: float,
    planned_overlap: float,
    tolls: dict[str, np.ndarray] | None = None,
) -> bool:
    """Whether an article published after ``row``'s gives its figure or status differently.

    ``similar`` is ``row``'s similarity to every sentence of the story; only
    sentences at least ``threshold`` similar are read (and any naming a toll when
    ``row`` gives one: "22 people have died" / "confirmed deaths to 28").  Out of
    date: the later sentence gives one of ``row``'s counts another value
    (:func:`_newer_figure`), or ``row`` is planned or expected where the later
    sentence states the same words done, at least ``planned_overlap`` of ``row``'s
    content words shared.  ``tolls`` keeps which sentences name a toll between calls.
    """
    dates = [_moment(article.published) for article in story.doc.articles]
    when = dates[story.sentences[row].article]
    if when is None:
        return False
    claim = story.facts(row)
    near = similar >= threshold
    if any(q.kind == "count" and _toll(q.context) is not None for q in claim.quantities):
        # A toll told in other words may share no word with the claim: read every
        # later sentence naming a toll.
        tolls = {} if tolls is None else tolls
        if "rows" not in tolls:
            tolls["rows"] = np.array([_names_toll(item) for item in story.sentences], dtype=bool)
        near = near | tolls["rows"]
    for k in np.flatnonzero(near).tolist():
        later = dates[story.sentences[k].article]
        if later is None or later <= when:
            continue
        evidence = story.facts(k)
        if _newer_figure(claim, evidence):
            return True
        shared = claim.stems & evidence.stems
        if (
            similar[k] >= threshold
            and claim.is_planned
            and not evidence.is_planned
            and claim.planned & shared
            and len(shared) >= planned_overlap * len(claim.stems)
        ):
            return True
    return False


def _moment(published: datetime | None) -> datetime | None:
    """``published`` comparable with any other (a date without a zone read as UTC)."""
    if published is None or published.tzinfo is not None:
        return published
    return published.replace(tzinfo=UTC)


_FIGURES = SupportOptions()
_TOLLS = tuple(frozenset(line.split()) for line in wordlists.entries("summary-toll-words"))
"""Classes of words naming what a running count counts (the ``summary-toll-words`` data file)."""


_TOLL_WORDS = frozenset().union(*_TOLLS)
_UPDATES = wordlists.words("summary-update-words")


def _names_toll(item: StorySentence) -> bool:
    return any(stem(word) in _TOLL_WORDS for word in item.content)


def _toll(context: frozenset[str]) -> int | None:
    """The class of :data:`_TOLLS` the words around a number name, when exactly one."""
    found = {k for k, words in enumerate(_TOLLS) if context & words}
    return found.pop() if len(found) == 1 else None


def _newer_figure(claim: Facts, evidence: Facts) -> bool:
    """Whether ``evidence`` gives one of ``claim``'s counts of a thing another value.

    Every word around the claim's number must be in the evidence too ("3 people
    arrested" / "5 people injured" are two counts).
    """
    return any(
        left.kind == "count"
        and right.kind == "count"
        and left.value != right.value
        and (
            (left.context <= evidence.stems and comparable(left, right, claim, evidence, _FIGURES))
            or _same_toll(left, right, evidence)
        )
        for left in claim.quantities
        for right in evidence.quantities
    )


def _same_toll(left: Quantity, right: Quantity, evidence: Facts) -> bool:
    """Two counts of one toll ("22 people have died" / "raised the confirmed deaths
    to 28"): the words around both name one class of ``summary-toll-words``, neither is
    more than ``max_ratio`` times the other (the toll of a town is not the toll of a
    country), and the later sentence tells its count as moved or as of a moment
    (``summary-update-words``, "so far"), not as a toll of another time."""
    kind = _toll(left.context)
    return (
        kind is not None
        and kind == _toll(right.context)
        and apart(left, right) <= _FIGURES.max_ratio
        and (right.running or bool(_moved(right, evidence)))
    )


def _moved(right: Quantity, evidence: Facts) -> frozenset[str]:
    """The update words of ``evidence`` that tell of count ``right``: around it, or
    anywhere in the sentence but around another of its numbers ("prices rising in
    November ... 300 killed" tells of prices)."""
    others = frozenset().union(*(q.context for q in evidence.quantities if q is not right))
    return (right.context & _UPDATES) | ((evidence.stems & _UPDATES) - others)
