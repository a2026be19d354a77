"""The quantities of a sentence, read for the support judge (:mod:`newsweave.brief.facts`).

Each number with what it counts or measures, whether it is approximate, a bound,
a range, a running count, an age, a part of a total, whose it is and the words
around it; clock times, calendar dates and weekdays as their own kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsweave.brief.fact_tokens import Token, clock_minutes, event_verbs, label_number, stem
from newsweave.text import MONTHS, STOPWORDS, WEEKDAYS

if TYPE_CHECKING:
    from newsweave.brief.facts import SupportWords

__all__ = ["Quantity", "quantities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a sentence and what it counts."""

    value: float
    kind: str
    """``count`` (a number of something), ``length`` (in metres), ``area`` (in square
    metres), ``time`` (minutes
    after midnight), ``date`` (month * 100 + day), ``month``, ``weekday``, ``year``,
    ``money`` or ``percent``."""
    what: frozenset[str]
    """Stems of the words after the number that say what it counts (empty for dates and times)."""
    context: frozenset[str] = frozenset()
    """Stems of the content words around it (three on each side): what it is said of."""
    approximate: bool = False
    aside: bool = False
    """Given in parentheses: a detail, not required of a supporting sentence."""
    written: float | None = None
    """The number as written, before a unit conversion ("70 yards": 70)."""
    before: frozenset[str] = frozenset()
    """The stems of ``context`` before it (where its subject, "Smith scored 23", stands)."""
    owners: frozenset[str] = frozenset()
    """Names in the possessive just before it: whose number it is ("Lee's record of 12")."""
    bound: int = 0
    """1 for a lower bound ("at least 5", "more than 5"), -1 for an upper one ("up to 5")."""
    part: float | None = None
    """For a weekday, the part of the day said with it ("early Thursday", "Wednesday
    night"): 0 (small hours) to 4 (night), ``None`` when not said."""
    noun: tuple[str, ...] = ()
    """The stems of ``what`` in order (for money, of the words after the amount:
    "in punitive damages"), so that a modifier before the counted word shows."""
    running: bool = False
    """Tied to one moment of a count still changing ("so far", "as of Monday",
    "briefly down 2,000"): a later figure updates it, not disputes it."""
    high: float | None = None
    """For a range ("100,000 to 240,000 deaths", "between 5 and 7 days"), its upper
    end (``value`` is the lower); ``None`` for a single value."""
    events: frozenset[str] = frozenset()
    """For a day, date, month or time, the stems of the verbs nearest it: what happened then."""
    head: str = ""
    """For a count, the stem of the counted noun: the first plural word of ``noun``
    ("two tank shells struck": shell; "12,000 striking nurses": nurs), empty when
    none is plural ("32-year-old", "the 4th")."""


_OWNER_REACH = 4
"""Tokens before a number searched for a possessive name ("Lee's record of 12")."""
_WHEN = frozenset({"time", "weekday", "date", "month"})
_STAMP_REACH = 6
"""Tokens before a time or day searched for a page-stamp word ("Posted on Jan. 5, 2011 at")."""


def _is_ordinal(token: Token, words: SupportWords) -> bool:
    if token.kind == "num":
        return token.ordinal
    return token.lower in words.numbers and token.lower.endswith(("st", "nd", "rd", "th"))


def _part(tokens: list[Token], index: int, words: SupportWords) -> float | None:
    """The part of the day said next to a weekday ("Wednesday night", "early Monday")."""
    for k in (index + 1, index - 1):
        if 0 <= k < len(tokens) and tokens[k].lower in words.day_parts:
            return words.day_parts[tokens[k].lower]
    return None


_TOTAL_REACH = 3
"""Tokens between "of" and a number that can still make it the total ("10 of the team's 16")."""


def _is_total(tokens: list[Token], index: int) -> bool:
    """Whether the number is the whole of a part just given ("10 of 16 games", "28 of his 68").

    The total is a detail, like one in parentheses: a supporting sentence need not
    repeat it and it is not set against another sentence's numbers.
    """
    for k in range(index - 1, max(index - 1 - _TOTAL_REACH, -1), -1):
        if tokens[k].kind != "word":
            return False
        if tokens[k].lower == "of":
            return k > 0 and tokens[k - 1].kind == "num"
    return False


def _is_age(tokens: list[Token], index: int, start: int) -> bool:
    """Whether the number is someone's age: "36-year-old", "36 years old", "aged 36".

    An age is its own kind of fact: set against another age it may conflict, but not
    against a span of years ("a 14-year age difference", "19 years in office")."""
    after = [t.lower for t in tokens[start : start + 5]]
    if after[:3] == ["and", "a", "half"]:
        after = after[3:]  # "two and a half years old"
    after = after[:2]
    if after[:1] in (["year"], ["years"]) and after[1:] == ["old"]:
        return True
    return index > 0 and tokens[index - 1].lower == "aged"


_OPEN_ABOVE = frozenset({"more", "above", "higher", "over", "up"})
_OPEN_BELOW = frozenset({"less", "fewer", "below", "lower", "under"})
_SCALES = frozenset({"thousand", "million", "billion", "trillion", "percent", "%"})


def _bound(tokens: list[Token], index: int, words: SupportWords) -> int:
    """1 after a lower-bound word ("at least", "more than", "more than $5") or before
    "and more" / "or more" ("$5 and more"), -1 for an upper one ("up to 5", "5 or less")."""
    after = [t.lower for t in tokens[index + 1 : index + 5]]
    while after and after[0] in _SCALES:
        after.pop(0)  # "5 million or more"
    if after[:1] in (["and"], ["or"]) and after[2:3] != ["than"]:
        if after[1:2] and after[1] in _OPEN_ABOVE:
            return 1
        if after[1:2] and after[1] in _OPEN_BELOW:
            return -1
    k = index - 1
    if k >= 0 and tokens[k].text in ("$", "€", "£"):
        k -= 1  # "more than $5"
    if k >= 0 and tokens[k].lower in ("than", "to"):
        k -= 1  # "more than 5", "up to 5"
    if k < 0 or tokens[k].kind != "word":
        return 0
    side = words.bounds.get(tokens[k].lower)
    return 1 if side == "lower" else -1 if side == "upper" else 0


def _what(tokens: list[Token], start: int, words: SupportWords) -> frozenset[str]:
    """Stems of the content words right after a number (up to three, skipping "of the")."""
    return frozenset(_noun(tokens, start, words))


def _noun(tokens: list[Token], start: int, words: SupportWords) -> tuple[str, ...]:
    """:func:`_what` in sentence order."""
    found: list[str] = []
    for token in tokens[start : start + 6]:
        if token.kind != "word":
            break
        if token.lower in words.measure_skip and not found:
            continue
        if token.lower in STOPWORDS or token.lower in words.scales:
            if found:
                break
            continue
        found.append(stem(token.lower))
        if len(found) == 3:
            break
    return tuple(found)


def _head(tokens: list[Token], start: int, words: SupportWords) -> str:
    """The counted noun of a count (see ``Quantity.head``): a count above one takes a
    plural noun, so the first plural among the words :func:`_noun` reads is it, and
    the words before it modify it ("tank shells") and those after it do not name it
    ("shells hit the school")."""
    taken = 0
    for token in tokens[start : start + 6]:
        if token.kind != "word":
            break
        lower = token.lower
        if lower in words.measure_skip and not taken:
            continue
        if lower in STOPWORDS or lower in words.scales:
            if taken:
                break
            continue
        taken += 1
        if lower in words.plurals or (
            # A capitalised word ending in "s" is as often a name ("Texas") as a plural.
            lower.endswith("s")
            and not lower.endswith(("ss", "us", "is"))
            and len(lower) > 3
            and not token.text[:1].isupper()
        ):
            return stem(lower)
        if taken == 3:
            break
    return ""


def _context(tokens: list[Token], index: int, words: SupportWords) -> frozenset[str]:
    """Stems of up to three content words on each side of token ``index``."""
    return _side(tokens, index, -1, words) | _side(tokens, index, 1, words)


def _side(tokens: list[Token], index: int, step: int, words: SupportWords) -> frozenset[str]:
    """Stems of up to three content words on one side (``step`` -1 or 1) of token ``index``."""
    found: list[str] = []
    k = index + step
    while 0 <= k < len(tokens) and len(found) < 3:
        token = tokens[k]
        k += step
        if token.kind != "word" or token.lower in STOPWORDS or token.lower in words.numbers:
            continue
        found.append(stem(token.lower))
    return frozenset(found)


def _number(tokens: list[Token], i: int, words: SupportWords) -> float | None:
    token = tokens[i]
    if token.kind == "num":
        return float(token.text)
    if token.kind == "word" and token.lower in words.numbers:
        if token.lower == "one" and (i + 1 >= len(tokens) or tokens[i + 1].lower == "of"):
            return None  # "one of" is a pronoun use, not a count
        return words.numbers[token.lower]
    return None


_RUNNING_REACH = 6
"""Words on each side of a number searched for a running-count marker ("so far", "as of")."""


def _running(tokens: list[Token], index: int, words: SupportWords) -> bool:
    """Whether a running-count marker stands near the number (see ``Quantity.running``)."""
    near = [
        t.lower
        for t in tokens[max(index - _RUNNING_REACH, 0) : index + _RUNNING_REACH + 1]
        if t.kind == "word"
    ]
    text = f" {' '.join(near)} "
    return any(f" {marker} " in text for marker in words.running)


_SQUARE = ("square", "sq")


def _area(tokens: list[Token], start: int, words: SupportWords) -> float | None:
    """Square metres per unit when an area unit follows ("square miles", "acres"), else ``None``."""
    if start >= len(tokens) or tokens[start].kind != "word":
        return None
    unit = tokens[start].lower
    if unit in words.areas:
        return words.areas[unit]
    if unit in _SQUARE and start + 1 < len(tokens):
        length = words.lengths.get(tokens[start + 1].lower)
        if length is not None and tokens[start + 1].lower not in ("m", "am", "pm"):
            return length * length
    return None


_AT = frozenset({"at", "by", "until", "till", "from", "before", "after", "around", "about", "to"})
"""Words that put a clock time in a sentence ("at 14:30")."""


def _length_label(tokens: list[Token], index: int) -> bool:
    """Whether a bare "3:47" is a running time shown after a title (a video's or a
    recording's length, "Listen · 3:47"), not a time of day: no a.m./p.m. with it,
    nothing but other such labels or marks after it, no "at" or "by" before it."""
    token = tokens[index]
    if any(c.isalpha() for c in token.text):
        return False
    rest = tokens[index + 1 :]
    if any(t.kind not in ("mark", "time") for t in rest):
        return False
    return index == 0 or tokens[index - 1].lower not in _AT


_TOLD_REACH = 3
"""Tokens before a weekday searched for a verb of saying ("told reporters on Tuesday")."""
_TOLD_BETWEEN = frozenset(
    {"reporters", "journalists", "on", "late", "early", "in", "a", "statement"}
)
"""Words that may stand between a verb of saying and the day it dates."""


def told_day(tokens: list[Token], index: int, words: SupportWords) -> bool:
    """Whether the weekday at ``index`` dates a report: right after a verb of saying, or
    after one and only the words of ``_TOLD_BETWEEN`` ("told reporters on Wednesday",
    "said in a statement Tuesday")."""
    for k in range(index - 1, max(index - 1 - _TOLD_REACH - 1, -1), -1):
        lower = tokens[k].lower
        if lower in words.reporting:
            return True
        if lower not in _TOLD_BETWEEN:
            return False
    return False


_RANGE_LINKS = ("to", "and", "or")


def _range_end(
    tokens: list[Token], i: int, start: int, value: float, words: SupportWords
) -> tuple[float, float, int, int] | None:
    """The range a number opens ("100,000 to 240,000", "between 5 and 7", "two or three"):
    (low, high, index of the upper number, index after it and its scale), else ``None``.

    "from 5 to 7" is left alone: it mostly tells a change ("rose from 5 to 7"),
    not a range; "5 and 7" only with "between" before it.
    """
    if start + 1 >= len(tokens) or tokens[start].lower not in _RANGE_LINKS:
        return None
    link = tokens[start].lower
    k = i - 1 if i and tokens[i - 1].kind != "mark" else i - 2  # "between $5 and $7"
    before = tokens[k].lower if k >= 0 else ""
    if link == "and" and before != "between":
        return None
    if link == "to" and before == "from":
        return None
    j = start + 1
    if tokens[j].kind == "mark" and j + 1 < len(tokens):
        j += 1  # "$5 to $7"
    high = _number(tokens, j, words)
    if high is None or (tokens[j].kind == "num") != (tokens[i].kind == "num"):
        return None
    end = j + 1
    if end < len(tokens) and tokens[end].lower in words.scales:
        scale = words.scales[tokens[end].lower]
        high *= scale
        if start == i + 1 and value * scale <= high:
            value *= scale  # "2 to 3 million": the scale is said once
        end += 1
    if not value < high:
        return None
    return value, high, j, end


def _inches(tokens: list[Token], index: int, words: SupportWords) -> bool:
    """Whether the number at ``index`` is the inches of a height ("6-foot-2"): not a count."""
    if index < 2 or tokens[index].kind != "num" or not tokens[index].hyphened:
        return False
    unit, number = tokens[index - 1], tokens[index - 2]
    return unit.hyphened and unit.lower in words.lengths and number.kind == "num"


def quantities(tokens: list[Token], words: SupportWords) -> list[Quantity]:
    found: list[Quantity] = []
    skip: set[int] = set()

    def add(index: int, quantity: Quantity) -> None:
        if quantity.kind in ("time", "weekday", "date") and any(
            t.lower in words.stamps for t in tokens[max(index - _STAMP_REACH, 0) : index]
        ):
            return  # "Posted on ... 3:39 PM": the page's stamp, not the event's time
        if quantity.kind == "count" and label_number(tokens, index):
            return  # "Suspect No. 1", "Flight 19": a name, not a number of anything
        if quantity.kind == "count" and _is_ordinal(tokens[index], words):
            after = tokens[index + 1].lower if index + 1 < len(tokens) else ""
            if tokens[index].kind == "word" and (
                after.endswith("ed") or after in words.planned or after in words.reporting
            ):
                return  # "first reported", "first will be": when, not a rank
            quantity = replace(quantity, kind="ordinal")
        before = _side(tokens, index, -1, words)
        owners = frozenset(
            stem(t.lower)
            for t in tokens[max(index - _OWNER_REACH, 0) : index]
            if t.kind == "word" and t.text[:1].isupper() and t.text[-2:] in ("'s", "’s")
        )
        found.append(
            replace(
                quantity,
                before=before,
                aside=tokens[index].aside or _is_total(tokens, index),
                owners=owners,
                bound=_bound(tokens, index, words),
                running=_running(tokens, index, words),
                events=event_verbs(tokens, index, words) if quantity.kind in _WHEN else frozenset(),
            )
        )

    for i, token in enumerate(tokens):
        if i in skip:
            continue
        before = tokens[i - 1].lower if i else ""
        # "about 350", "more than 350", "more than a hundred".
        earlier = {t.lower for t in tokens[max(i - 3, 0) : i]}
        approximate = before in words.approximate or (
            before in ("than", "a", "an") and bool(earlier & words.approximate)
        )
        if token.kind == "time":
            if _length_label(tokens, i):
                continue
            context = _context(tokens, i, words)
            add(i, Quantity(clock_minutes(token.text), "time", frozenset(), context, approximate))
            continue
        if token.kind == "word" and token.lower in WEEKDAYS:
            # "said Tuesday", "told reporters on Tuesday" date the report, not the event.
            if not told_day(tokens, i, words):
                context = _context(tokens, i, words)
                day = Quantity(
                    WEEKDAYS[token.lower],
                    "weekday",
                    frozenset(),
                    context,
                    part=_part(tokens, i, words),
                )
                count = len(found)
                add(i, day)
                if len(found) > count and token.text[-2:] in ("'s", "’s"):
                    # "Sunday's game": the day names a thing; it is its own owner.
                    found[-1] = replace(found[-1], owners=frozenset({token.lower}))
            continue
        if token.kind == "word" and token.lower in MONTHS and token.text[:1].isupper():
            # A month alone ("in December"); with a day it is read as a date below.
            near = [tokens[k] for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
            if not any(t.kind == "num" and float(t.text) <= 31 for t in near):
                context = _context(tokens, i, words)
                add(i, Quantity(MONTHS[token.lower], "month", frozenset(), context))
            continue
        if _inches(tokens, i, words):
            continue
        value = _number(tokens, i, words)
        if value is None:
            continue
        context = _context(tokens, i, words)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            token.kind == "num"
            and nxt is not None
            and nxt.lower in ("am", "pm")
            and value.is_integer()
            and 1 <= value <= 12
        ):
            # A whole hour ("3 p.m.", "3pm") is a clock time, like "3:00 p.m.", but
            # one told to the hour: approximate ("7 p.m." / "7:01 p.m." agree).
            hour = value % 12 + (12 if nxt.lower == "pm" else 0)
            add(i, Quantity(hour * 60, "time", frozenset(), context, approximate=True))
            continue
        if token.kind == "num" and value <= 31:
            month = before if before in MONTHS else nxt.lower if nxt is not None else ""
            if month in MONTHS:
                add(i, Quantity(MONTHS[month] * 100 + value, "date", frozenset(), context))
                continue
        after_year = (
            i > 0 and tokens[i - 1].kind == "num" and 1800 <= float(tokens[i - 1].text) <= 2100
        )
        if token.kind == "num" and (
            (1800 <= value <= 2100 and "." not in token.text and not token.grouped)
            or (after_year and len(token.text) == 2)
        ):
            # A year, or the end of a span of years ("the 2011-12 season").
            add(i, Quantity(value, "year", frozenset(), context))
            continue
        if token.kind == "num" and nxt is not None and nxt.kind == "num" and nxt.score:
            # "88-70", "(7-3)": a score or a record, two figures told together, read as
            # one pair ("beat Rovers 88-70" / "Rovers, 88-70"), never as two counts.
            skip.add(i + 1)
            add(i, Quantity(value, "score", frozenset(), context, high=float(nxt.text)))
            continue
        start = i + 1
        if nxt is not None and nxt.lower in words.scales:
            value *= words.scales[nxt.lower]
            start += 1
        high: float | None = None
        span = _range_end(tokens, i, start, value, words)
        if span is not None:
            value, high, upper, start = span
            skip.add(upper)
        after = tokens[start] if start < len(tokens) else None
        unit = after.lower if after is not None else ""
        area = _area(tokens, start, words)
        if area is not None:
            # "150 square kilometers", "500 acres": an area, in square metres.
            quantity = Quantity(
                value * area,
                "area",
                frozenset({f"{area:g}"}),
                context,
                approximate,
                written=value,
            )
            add(i, replace(quantity, high=None if high is None else high * area))
            continue
        if (
            unit not in words.lengths
            and after is not None
            and after.kind == "word"
            and start + 1 < len(tokens)
            and tokens[start + 1].lower in words.lengths
            and tokens[start + 1].lower not in ("m", "am", "pm")
        ):
            # One word between the number and its unit ("4,100 passing yards").
            unit = tokens[start + 1].lower
        if unit in ("%", "percent", "per"):
            quantity = Quantity(value, "percent", frozenset(), context, approximate)
        elif unit in words.lengths:
            factor = words.lengths[unit]
            # The unit, by its factor, so that lengths given in one unit compare exactly.
            unit_key = frozenset({f"{factor:g}"})
            quantity = Quantity(
                value * factor, "length", unit_key, context, approximate, written=value
            )
            high = None if high is None else high * factor
        elif before in ("$", "€", "£"):
            quantity = Quantity(
                value,
                "money",
                frozenset({before}),
                context,
                approximate,
                noun=_noun(tokens, start, words),
            )
        else:
            noun = _noun(tokens, start, words)
            quantity = Quantity(
                value,
                "age" if _is_age(tokens, i, start) else "count",
                frozenset(noun),
                context,
                approximate,
                noun=noun,
                head=_head(tokens, start, words) if value > 1 else "",
            )
        add(i, replace(quantity, high=high))
    return found
