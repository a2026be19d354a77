"""The support judge: what a sentence of one article says about a claim of another.

Every part of the brief that relates two sentences asks this one judge: the
summary's citations, the key points' supports, the single-source check and
the disagreements.  Given a claim and an evidence sentence it answers one of
the four labels of the support guide:

* ``supports``: the evidence states the claim's main content, numbers, days
  and status included, with nothing that conflicts;
* ``partial``: it states part of it and nothing that conflicts;
* ``related``: same topic or names, not the claim's content;
* ``contradicts``: it gives the same kind of fact with a conflicting detail
  (a number of the same thing, a day, a clock time, planned against done,
  the negation).

The judge is rules over each sentence's reading (:func:`~newsweave.brief.facts.read_facts`):
what share of the claim's content words the evidence states, then checks word
overlap cannot make.  Each check can be switched off (:class:`SupportOptions`)
so that ``benchmarks/eval_support.py`` shows what each contributes:

* ``numbers``: the claim's numbers must be in the evidence to support it, and a
  different number of the same thing (same words after it: "six boats" /
  "12 boats"; lengths in one unit; clock times; dates) contradicts.  An
  approximate number ("about 350") only conflicts when far off;
* ``days``: two different weekdays for an event contradict;
* ``modality``: a shared word planned or expected in one sentence and stated
  as done in the other ("will build" / "built") contradicts;
* ``negation``: a shared word negated in one sentence only contradicts;
* ``hedging``: a claim stated as fact is not supported by a hedged report of
  it ("reportedly"), only partly.

Read with :mod:`~newsweave.brief.fact_forms`: ``forms``, a name or word the
evidence writes another way counts as stated; ``who``, a claim naming someone the
evidence does not name, while it names someone else, is not supported;
``frame_core``, a claim's attribution ("..., the paper reported") need not be
repeated when the rest is stated at 0.8.  Tried and left out: the attribution
read apart at the usual 0.7 raised supports recall on the tune half but lowered
precision on the check half (0.944 -> 0.925); weighing words by how few of
the story's articles use them (IDF) moved the tune half's precision / recall
curve by about one pair (0.942 / 0.673 against 0.926 / 0.667 at overlap 0.65).

A learned combiner (:mod:`newsweave.brief.support_model`: a logistic
regression over eleven readings of the pair, the attribution frame left out,
five-letter prefixes as a cheap paraphrase match, neighbouring word pairs)
fitted on the tune half reached supports P 0.973 R 0.655 there but P 0.925 R
0.594 on the check half, below the rules (0.944 / 0.612); dependency-parse
inputs (the claim's main predicate, subject and object found in the evidence,
spaCy's small English pipeline) did not lift it either (check 0.931 / 0.576).
It is shipped off (``SupportOptions.combiner``) with its trainer
(``benchmarks/train_support_combiner.py``) so the benchmark shows the row.

The thresholds were set on the even-numbered pairs of the support judgments
and are checked on the odd ones (``benchmarks/eval_support.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from newsweave.brief.fact_forms import equivalents, other_names, told_elsewhere
from newsweave.brief.facts import Facts, Quantity, read_facts
from newsweave.brief.support_model import combiner, features

__all__ = [
    "AMOUNTS",
    "LABELS",
    "Judgment",
    "SupportLabel",
    "SupportOptions",
    "apart",
    "comparable",
    "judge",
    "judge_facts",
]

_CONVERSION = 0.05
"""Relative difference of two lengths that is only the rounding of a unit conversion."""

SupportLabel = Literal["supports", "partial", "related", "contradicts"]
LABELS: tuple[SupportLabel, ...] = ("supports", "partial", "related", "contradicts")


@dataclass(frozen=True, slots=True)
class SupportOptions:
    """Thresholds of the judge and which checks it makes (all on by default)."""

    supports_overlap: float = 0.7
    """Least share of the claim's content words the evidence must state to support it."""
    partial_overlap: float = 0.4
    """Least share for a partial support."""
    contained_share: float = 0.7
    """Share of the evidence's content words in the claim for a short evidence to be partial..."""
    contained_overlap: float = 0.25
    """...when it also states at least this share of the claim."""
    contradicts_overlap: float = 0.4
    """Least share for a conflict to be about the same fact (else the pair is only related)."""
    approximate_tolerance: float = 0.3
    """Relative difference under which an approximate number ("about 350") still agrees."""
    context_words: int = 2
    """Content words around two numbers both sentences must share for them to be of one thing."""
    max_ratio: float = 4.0
    """Most times one amount (a count, length, sum or share) may be another's for the
    two to be one figure told differently.  Set on the tune half: a larger gap is two
    things (a career's and a season's touchdowns, a tenure and a term), and 4 is the
    bound the disagreement listing already kept (``ConflictOptions.max_ratio``)."""
    modality_overlap: float = 0.9
    """Least overlap for planned against done to contradict (below it, only no support)."""
    strict_slots: bool = False
    """Stricter for listing disagreements: two values conflict only when a word before
    each is the same ("Rivera had 15" / "Rivera scored 16"), and names anywhere
    around them (not only before) that the other sentence lacks make them two people's
    ("47-year-old Ann Ruiz" / "52-year-old Tom Hale")."""
    negation_overlap: float = 0.75
    """Least overlap for a negation in one sentence only to contradict."""
    numbers: bool = True
    days: bool = True
    modality: bool = True
    negation: bool = True
    hedging: bool = True
    forms: bool = True
    """Count a claim's word the evidence writes another way as stated (a full name against
    its last word, an initialism, two words written as one: :mod:`~newsweave.brief.fact_forms`)."""
    who: bool = True
    """A claim naming someone the evidence does not name, while the evidence names
    someone else, is not supported: who did it may differ."""
    frame_core: float | None = 0.8
    """A claim told with who told it ("..., the agency said") is supported by evidence
    that states the rest without the teller when that rest is stated at this share (and
    at least ``supports_overlap``), nothing missing; ``None``: the frame counts like any
    word.  Set on the tune half (0.75 and 0.8 equal there; 0.7 lets a claim's second
    clause go missing)."""
    combiner: bool = False
    """Decide ``supports`` by the learned combiner (:mod:`newsweave.brief.support_model`)
    instead of the overlap threshold and "nothing missing".  Off: fitted on the tune
    half it matches the rules there but is lower on the check half (see module docs)."""
    combiner_threshold: float | None = None
    """The combiner's probability threshold (``None``: the one shipped with its weights)."""


@dataclass(frozen=True, slots=True)
class Judgment:
    """The judge's answer, with the overlap it measured and why it is not higher."""

    label: SupportLabel
    overlap: float
    """Share of the claim's content words the evidence states."""
    conflicts: tuple[str, ...] = ()
    """What conflicts ("number: 6 / 14 rifle"), when the label is ``contradicts`` or might be."""
    missing: tuple[str, ...] = ()
    """Details of the claim the evidence does not state (a number, a name, a hedge)."""
    clashes: tuple[tuple[Quantity, Quantity], ...] = ()
    """The conflicting values behind ``conflicts``: (the claim's, the evidence's)."""

    @property
    def supports(self) -> bool:
        return self.label == "supports"

    @property
    def backs(self) -> bool:
        """``supports`` or ``partial``: the evidence states at least part of the claim."""
        return self.label in ("supports", "partial")


def judge(claim: str, evidence: str, *, options: SupportOptions | None = None) -> Judgment:
    """What ``evidence`` (one sentence of another article) says about ``claim``."""
    return judge_facts(read_facts(claim), read_facts(evidence), options=options)


def _same(left: Quantity, right: Quantity, tolerance: float) -> bool:
    if {left.kind, right.kind} == {"age", "count"}:
        # An age said after the name ("Lund, 32,") is the same as "32-year-old Lund".
        return left.value == right.value and left.high is None and right.high is None
    if left.kind != right.kind:
        # A bare number ("the runner added 70") is the same as one with its unit ("70 yards").
        bare = [q for q in (left, right) if q.kind == "count" and not q.what]
        other = right if bare and bare[0] is left else left
        return bool(bare) and other.written is not None and bare[0].value == other.written
    if left.kind == "weekday" == right.kind:
        return _same_moment(left, right)
    if left.high is not None or right.high is not None:
        # A range states the same only as the same range ("5 to 7" / "between 5 and 7").
        return (left.value, left.high) == (right.value, right.high)
    if left.bound or right.bound:
        # "at least 5" agrees with 7 and with "at least 3"; "less than 50" with 25.
        return _interval(left, tolerance) & _interval(right, tolerance)
    if left.kind in _MEASURES and left.what == right.what:
        top = max(abs(left.value), abs(right.value))
        exact = left.value == right.value
        approximate = left.approximate or right.approximate
        return exact or (approximate and abs(left.value - right.value) <= tolerance * top)
    if left.value == right.value or _rounded(left.value, right.value):
        return True
    top = max(abs(left.value), abs(right.value))
    if left.kind == "time":
        # Minutes after midnight: a relative tolerance means nothing; a time told to
        # the hour or "about" one covers a quarter of an hour either side.
        rounded = left.approximate or right.approximate
        return rounded and abs(left.value - right.value) <= _CLOCK_SLACK
    if left.approximate or right.approximate:
        return abs(left.value - right.value) <= _slack(left, right, tolerance)
    if left.kind in _MEASURES:
        # Lengths and areas come converted from other units, rounded ("100 metres (330 feet)").
        return abs(left.value - right.value) <= _CONVERSION * top
    return False


def _rounded(one: float, other: float) -> bool:
    """Whether two decimal figures differ only in how many decimals are written ("2.4" /
    "2.37"): the shorter is the longer rounded.  Whole numbers are left alone (130 may
    be a count, not 132 rounded)."""
    coarse, fine = sorted((float(one), float(other)), key=_decimals)
    places = _decimals(coarse)
    if not places or places == _decimals(fine):
        return False
    return abs(fine - coarse) <= 0.5 * 10.0**-places + 1e-9


def _decimals(value: float) -> int:
    """Decimals written in ``value`` (2.37: 2, 2.4: 1, 130: 0)."""
    text = f"{float(value):.6f}".rstrip("0")
    return len(text.partition(".")[2])


_MEASURES = frozenset({"length", "area"})
"""Kinds read in one unit whatever unit was written (metres, square metres)."""

_CLOCK_SLACK = 15.0
"""Minutes an approximate clock time ("about 7 p.m.", "7 p.m.") may be from another."""

_ROUNDING_FLOOR = 0.1
"""Relative difference two figures may always have when one is approximate ("about
350" / 330): below it, the rounding of the approximate one is too fine to tell."""


def _slack(left: Quantity, right: Quantity, tolerance: float) -> float:
    """How far apart an approximate figure and another may be and still agree.

    An approximate figure is rounded at its last written digit: "some 40 tonnes"
    covers 35 to 45 tonnes (half its last unit either side), not "almost 47
    tonnes"; "about 400" covers 420.  At least ``_ROUNDING_FLOOR`` of the larger,
    at most ``tolerance`` of it.
    """
    top = max(abs(left.value), abs(right.value))
    rounding = 0.5 * max(_grain(q.value) for q in (left, right) if q.approximate)
    return min(tolerance * top, max(rounding, _ROUNDING_FLOOR * top))


def _grain(value: float) -> float:
    """The unit of the last non-zero digit of ``value`` (4,300,000: 100,000; 350: 10)."""
    for power in range(12, -4, -1):
        unit = 10.0**power
        if abs(value) >= unit and abs(value / unit - round(value / unit)) < 1e-9:
            return unit
    return 0.0


_PARTS_APART = 2.0
"""Parts of one day this far apart conflict ("Monday morning" / "Monday night")."""


def _same_moment(left: Quantity, right: Quantity) -> bool:
    """Whether two weekdays, with the parts of the day said with them, may be one moment.

    One day agrees unless its parts are far apart; a night and the small hours of
    the next day ("Wednesday night" / "early Thursday") may be one moment told
    from two time zones or two sides of midnight.
    """
    if left.value == right.value:
        if left.part is None or right.part is None:
            return True
        return abs(left.part - right.part) < _PARTS_APART
    for first, second in ((left, right), (right, left)):
        if (first.value + 1) % 7 == second.value:
            late = first.part is not None and first.part >= 3
            early = second.part is not None and second.part <= 1
            return late and early
    return False


class _Span:
    """The values a quantity allows: [low, high]."""

    __slots__ = ("high", "low")

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def __and__(self, other: _Span) -> bool:
        return self.low <= other.high and other.low <= self.high


def _overlap(left: Quantity, right: Quantity, tolerance: float) -> bool:
    """Whether a range and a single value in it may be one figure: the one does not
    state the other ("5 to 7" / "6"), and neither conflicts with it.  Two different
    ranges of one thing ("100 to 240" / "100 to 200") are two reports that conflict."""
    if (left.high is None) == (right.high is None) or left.kind != right.kind:
        return False
    return _interval(left, tolerance) & _interval(right, tolerance)


def _interval(quantity: Quantity, tolerance: float) -> _Span:
    value = float(quantity.value)
    slack = tolerance * abs(value) if quantity.approximate and not quantity.bound else 0.0
    low = value if quantity.bound >= 0 else -math.inf
    high = (value if quantity.high is None else quantity.high) if quantity.bound <= 0 else math.inf
    return _Span(low - slack, high + slack)


def _comparable(
    left: Quantity, right: Quantity, options: SupportOptions, claim: Facts, evidence: Facts
) -> bool:
    """Whether two quantities are said of the same thing (so different values conflict)."""
    if left.kind != right.kind or left.kind in ("year", "score"):
        return False
    # Names before two numbers that neither sentence shares say whose numbers they
    # are ("Smith scored 23 points" / "Jones added 16 points"): two people's.
    near_left = left.context if options.strict_slots else left.before
    near_right = right.context if options.strict_slots else right.before
    if (near_left & claim.names) - evidence.stems and (near_right & evidence.names) - (claim.stems):
        return False
    if left.head and right.head and not {left.head, right.head} & left.what & right.what:
        # Two counted nouns: "3 police officers" / "4 police cars" are two things
        # (but "17 degrees" / "20 degree temperatures" count one).
        return False
    if left.kind in AMOUNTS and apart(left, right) > options.max_ratio:
        return False
    if left.owners != right.owners:
        # One value is said to be someone's ("Lee's record of 12") and the other
        # not, or another's: two people's numbers.
        return False
    if left.kind in ("count", "ordinal") and not left.what & right.what:
        return False
    if options.strict_slots and not left.before & right.before:
        return False
    if options.strict_slots and left.events and right.events and not left.events & right.events:
        # Two moments of different events ("closed Tuesday" / "reopened on Sunday").
        return False
    # Clock times and days are told in few words ("at 9:40 a.m. Monday").
    need = 1 if left.kind in ("time", "weekday") else options.context_words
    return len(left.context & right.context) >= need


def comparable(
    left: Quantity, right: Quantity, claim: Facts, evidence: Facts, options: SupportOptions
) -> bool:
    """Whether quantity ``left`` of ``claim`` and ``right`` of ``evidence`` are of one thing."""
    return _comparable(left, right, options, claim, evidence)


AMOUNTS = frozenset({"count", "age", "ordinal", "length", "area", "money", "percent"})
"""Kinds of quantity that are amounts (not moments): a ratio between two means something."""


def apart(left: Quantity, right: Quantity) -> float:
    """How many times the larger amount is the smaller; a range ("100,000 to 240,000")
    is as far from another amount as its nearer end."""
    spans = sorted(
        (abs(float(q.value)), abs(float(q.value if q.high is None else q.high)))
        for q in (left, right)
    )
    (_, lower_top), (upper_bottom, _) = spans
    if upper_bottom <= lower_top:
        return 1.0
    return upper_bottom / lower_top if lower_top else math.inf


def _show(quantity: Quantity) -> str:
    if quantity.kind == "length" and quantity.written is not None:
        return f"{quantity.written:g} ({quantity.value:.0f} m)"
    if quantity.kind == "area" and quantity.written is not None:
        return f"{quantity.written:g} ({quantity.value / 1e6:.3g} km²)"
    value = _figure(float(quantity.value))
    if quantity.kind == "score" and quantity.high is not None:
        return f"{value}-{_figure(quantity.high)}"
    if quantity.high is not None:
        value = f"{value} to {_figure(quantity.high)}"
    if quantity.kind == "money":
        unit = "".join(sorted(quantity.what))
        return f"{unit}{value}".replace(" to ", f" to {unit}")
    return f"{value} {' '.join(sorted(quantity.what))}".strip()


def _figure(number: float) -> str:
    return f"{int(number):,}" if number.is_integer() else f"{number:g}"


def _numbers(
    claim: Facts, evidence: Facts, options: SupportOptions
) -> tuple[list[tuple[Quantity, Quantity]], list[str]]:
    """(conflicting values, claim numbers missing from the evidence)."""
    tolerance = options.approximate_tolerance
    unmatched = [
        q
        for q in claim.quantities
        if not any(_same(q, e, tolerance) for e in evidence.quantities)
        and not (q.kind == "weekday" and q.value in evidence.told_days)
    ]
    rivals = [
        e
        for e in evidence.quantities
        if not any(_same(q, e, tolerance) or _overlap(q, e, tolerance) for q in claim.quantities)
    ]
    conflicts: list[tuple[Quantity, Quantity]] = []
    missing: list[str] = []
    for quantity in unmatched:
        if quantity.kind == "weekday" and not options.days:
            continue
        if quantity.aside:
            continue  # a detail in parentheses, often a conversion ("$US1 million ($1.52 million)")
        rival = next(
            (
                e
                for e in rivals
                if not e.aside and _comparable(quantity, e, options, claim, evidence)
            ),
            None,
        )
        if rival is not None:
            conflicts.append((quantity, rival))
        elif not quantity.aside:
            missing.append(f"{quantity.kind}: {_show(quantity)}")
    return conflicts, missing


def _supports(
    claim: Facts, evidence: Facts, overlap: float, missing: list[str], options: SupportOptions
) -> bool:
    if not options.combiner:
        return overlap >= options.supports_overlap and not missing
    model = combiner()
    threshold = (
        model.threshold if options.combiner_threshold is None else options.combiner_threshold
    )
    return model.probability(features(claim, evidence, missing)) >= threshold


def judge_facts(
    claim: Facts, evidence: Facts, *, options: SupportOptions | None = None
) -> Judgment:
    """:func:`judge` on sentences already read (read each sentence once, compare many times)."""
    options = options or SupportOptions()
    conflicts: list[str] = []
    missing: list[str] = []
    shared = claim.stems & evidence.stems
    if options.forms and len(shared) < len(claim.stems):
        shared |= equivalents(
            claim.forms,
            claim.names,
            evidence.forms,
            evidence.names,
            claim.stems - shared,
        )
    overlap = len(shared) / len(claim.stems) if claim.stems else 0.0
    frames = (claim.frame, evidence.frame)
    if options.who and other_names(claim.forms, shared, evidence.forms, claim.stems, frames):
        missing.append("who: a name of the claim, another in the evidence")
    # A short sentence that states one part of a long claim: most of its words are the claim's.
    contained = len(shared) / len(evidence.stems) if evidence.stems else 0.0
    clashes: list[tuple[Quantity, Quantity]] = []
    if options.numbers:
        clashes, lacking = _numbers(claim, evidence, options)
        conflicts += [f"{q.kind}: {_show(q)} / {_show(r)}" for q, r in clashes]
        missing += lacking
    if options.modality and claim.is_planned != evidence.is_planned:
        # Planned or expected in one sentence only, about words both state.
        planned = (claim.planned | evidence.planned) & shared
        if planned:
            if overlap >= options.modality_overlap:
                conflicts.append("planned/happened: " + " ".join(sorted(planned)))
            else:
                missing.append("status: planned in one only")
    if options.negation and claim.is_negated != evidence.is_negated:
        negated = (claim.negated | evidence.negated) & shared
        if negated and overlap >= options.negation_overlap:
            conflicts.append("negation: " + " ".join(sorted(negated)))
    if options.hedging and evidence.hedged & shared and not claim.hedged & shared:
        missing.append("hedged")
    label: SupportLabel
    if conflicts:
        label = "contradicts" if overlap >= options.contradicts_overlap else "related"
    elif _supports(claim, evidence, overlap, missing, options) or (
        options.frame_core
        and not options.combiner
        and not missing
        and told_elsewhere(
            claim.stems, claim.frame, shared, max(options.frame_core, options.supports_overlap)
        )
    ):
        label = "supports"
    elif overlap >= options.partial_overlap or (
        overlap >= options.contained_overlap and contained >= options.contained_share
    ):
        label = "partial"
    else:
        label = "related"
    return Judgment(label, overlap, tuple(conflicts), tuple(missing), tuple(clashes))
