"""Dates in a sentence, resolved in event time: what :mod:`newsweave.brief.timeline` reads.

Dates are read from each sentence:

* explicit dates — ``May 4``, ``4 May 2023``, ``2023-05-04``, ``May 4-5``
  (the range's first day), ``March 2021``, ``in 2015``;
* relative expressions — ``today``, ``tomorrow``, ``yesterday``, ``on Friday
  night``, ``early Monday``, ``next Tuesday``, ``next week``, ``last month``,
  ``since May`` — resolved against the article's publication date, and skipped
  when that date is unknown;
* a clock time in the same clause as a day (``at 9:30 a.m.``) makes the mention a
  date and time.

A weekday or "today" that is part of a name ("Good Friday", "the Sunday Times",
"Tyneside Today") names no day and is skipped.

Tense is read per clause, not per sentence: in "the well blew out on Tuesday and
engineers will try again on Friday" the Tuesday is past and the Friday planned.  A
mention is *planned* when its date is after the article's publication, or, with no
publication date, when its clause speaks of the future ("will", "is expected to").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from newsweave.brief.timeline_context import (
    EXPLICIT_AFTER,
    POSSESSIVE_AFTER,
    SPEECH_DAY,
    TIME_AFTER,
    YEARLESS,
    done_then,
    in_title_quote,
    is_name,
    quoted,
    settle_weekdays,
    take_clause_year,
    told_past,
)
from newsweave.brief.timeline_cues import (
    as_of_before,
    done_on,
    in_passing,
    no_event,
    unanchored,
    weekday_ahead,
)
from newsweave.brief.timeline_tense import (
    has_past_form,
    looks_ahead,
    outcome_before,
    past_verb_before,
    reads_ahead,
)
from newsweave.brief.timeline_when import Mention, When, valid_day, year_for
from newsweave.text import (
    FUTURE_TENSE,
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    weekday_date,
)

__all__ = [
    "Mention",
    "When",
    "find_mentions",
    "has_stamp",
    "settle_weekdays",
    "strip_dates",
]

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_RANGE_END = r"(?:\s*[-–]\s*(?:[0-3]?\d)(?:st|nd|rd|th)?)?"
# "May of last year", "3 June this year": the year said in words.
_OF_YEAR = r"\s+(?:of\s+)?(?P<ryear>last|this|next)\s+year"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "month_day",
        re.compile(
            rf"\b{MONTH_PATTERN}\s+{_DAY}{_RANGE_END}(?:\s*,?\s+{_YEAR}|{_OF_YEAR})?\b"
            r"(?!\s*(?:%|percent))",
            re.I,
        ),
    ),
    (
        "day_month",
        re.compile(
            rf"\b{_DAY}{_RANGE_END}\s+(?:of\s+)?{MONTH_PATTERN}(?:\s*,?\s+{_YEAR}|{_OF_YEAR})?\b",
            re.I,
        ),
    ),
    (
        "month_year",
        re.compile(
            rf"\b(?:(?:early|late|mid|in|since|by|until|from|of|last|this)[\s-]+)?{MONTH_PATTERN}"
            rf"(?:\s+(?:of\s+)?{_YEAR}|{_OF_YEAR})\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<rel>in|since|by|until|early|late|mid|last|next|this)[\s-]+{MONTH_PATTERN}(?!\s*\d)\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>last|next|this|on|early|late|by|until|since)\s+)?"
            rf"(?P<weekday>{WEEKDAY_PATTERN})s?\b",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<word>today|tonight|yesterday|tomorrow|"
            r"(?:last|next|this)\s+(?:week|month|year)|(?:a|one)\s+week\s+ago)\b",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(rf"\b(?:in|since|by|until|from|of|early|late)\s+{_YEAR}\b(?![-–/]\d)", re.I),
    ),
]
_TIME = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<half>a\.?m\.?|p\.?m\.?)(?!\w)"
    r"|\b(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b",
    re.I,
)
# A full date followed by a clock time ("30 April 2009 19.10 BST") is a page's stamp:
# running text says "at 7pm on 30 April".
_STAMP_CLOCK = re.compile(r"^\W{0,3}(?:at\s+)?(?:[01]?\d|2[0-3])\s?[.:]\s?[0-5]\d\b")
_CLOCK_BEFORE = re.compile(
    r"\b(?:[01]?\d|2[0-3])\s?[.:]\s?[0-5]\d\s*(?:[ap]\.?m\.?)?(?:\s*(?-i:[A-Z]{2,4}))?(?:\s+time)?\W{0,3}"
    rf"(?:on\s+)?(?:(?:{WEEKDAY_PATTERN})\W{{0,3}})?$",
    re.I,
)
# Where one clause ends and the next begins: strong punctuation, quotation marks, a
# dash between spaces, the words that open a coordinate or relative clause, and
# "that" opening what was said ("said on Monday that it will close": Monday is
# past), unless it points at a time ("closed that Monday").
_CLAUSE_BREAK = re.compile(
    r"[;()\[\]\"“”—]|:(?=\s)|\s(?:[-–]|--)\s"
    r"|,?\s+\b(?:and|but|while|whereas|although|though|which|who|after|before|when|until)\b"
    # what is said, after "said"/"says" and its subject ("said he'll vote")
    r"|(?<=\bsaid)\s+(?=(?:he|she|they|it|we|i)\b)|(?<=\bsays)\s+(?=(?:he|she|they|it|we|i)\b)"
    r"|\s+\bthat\b(?!\s+(?:"
    + "|".join(
        sorted(
            {*MONTHS, *WEEKDAYS, "day", "night", "morning", "afternoon", "evening", "week"}
            | {"weekend", "month", "year", "time", "date", "same", "very"},
            key=len,
            reverse=True,
        )
    )
    + r")\b)",
    re.I,
)
_THAT = re.compile(r"\s+that\b", re.I)
# A comma-separated piece of fewer words has no verb of its own to give a tense.
_MIN_PIECE = 5
# Words before a weekday that say which week it is in.
_NAMES_WEEK = frozenset({"last", "next", "this"})
_SUNDAY = 6
# "April 18 of that year", "in May the following year": a year the text named before,
# not the publication's; the date cannot be placed.
_OTHER_YEAR = re.compile(
    r"\s*,?\s+(?:of\s+)?(?:that|the\s+(?:same|following|next|previous|prior))\s+year\b", re.I
)
# A day of the month right after a weekday ("Monday, May 3", "Friday 24 September",
# "Monday 20 to Friday 24"): the weekday only names that date's day of the week.
_DATE_AFTER = re.compile(
    rf",?\s+(?:the\s+)?(?:{MONTH_PATTERN}\.?\s+[0-3]?\d\b"
    r"|[0-3]?\d(?:st|nd|rd|th)?\b(?!\s+(?!to\b|and\b|of\b)(?-i:[a-z])))",
    re.I,
)


def _on(day: date, precision: str = "day") -> When:
    # A month starts on its first day ("last month" is not the 15th to the 14th).
    return When(precision, day.year, day.month, 1 if precision == "month" else day.day)


def _resolve(
    kind: str, found: re.Match[str], published: date | None, future: bool, past: bool = False
) -> When | None:
    groups = found.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("ryear") and published is not None:
        year = published.year + {"last": -1, "this": 0, "next": 1}[groups["ryear"].casefold()]
    if kind == "iso":
        month, day = int(groups["m"]), int(groups["day"])
        return When("day", year, month, day) if valid_day(year, month, day) else None
    if kind in {"month_day", "day_month"}:
        month, day = MONTHS[groups["month"].casefold()], int(groups["day"])
        if not valid_day(year, month, day):
            return None
        if year is None:
            year = year_for(month, day, published, future, past)
        return When("day", year, month, day)
    if kind == "month_year":
        if year is None or (groups["month"] == "may" and groups["ryear"]):  # the verb
            return None
        return When("month", year, MONTHS[groups["month"].casefold()])
    if kind == "year":
        return When("year", year)
    if published is None:
        return None
    if kind == "month":
        month = MONTHS[groups["month"].casefold()]
        rel = groups["rel"].casefold()
        if rel == "may" or groups["month"] == "may":  # the verb, not the month
            return None
        if rel in {"next", "by", "until"}:  # a deadline lies ahead
            year = published.year + (month < published.month)
        elif rel == "this":
            year = published.year
        elif rel in {"last", "since"}:
            year = published.year - (month > published.month)
        else:  # "in", "early", "mid", "late": the nearest such month, on the clause's side
            year = year_for(month, 15, published, future, past, whole_month=True)
            year = year or published.year
        return When("month", year, month)
    if kind == "weekday":
        return _on(
            weekday_date(
                WEEKDAYS[groups["weekday"].casefold()],
                published,
                relation=(groups["rel"] or "").casefold(),
                future=future,
            )
        )
    word = " ".join(groups["word"].casefold().split())
    shifts = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if word in shifts:
        return _on(published + timedelta(days=shifts[word]))
    if word.endswith("week") or word.endswith("ago"):
        # "a week ago" / "one week ago" is the week before, like "last week"; "this
        # week" said on a Sunday of what is still to come is the week it opens, and
        # "last week" said on a Sunday the week it ends.
        step = {"last": -7, "next": 7, "this": 0}.get(word.split()[0], -7)
        if word == "this week" and future and published.weekday() == _SUNDAY:
            step = 1
        elif word == "last week" and published.weekday() == _SUNDAY:
            step = 0  # said on a Sunday, the week that day ends ("attacks last week")
        return _on(published + timedelta(days=step), "week")
    step = {"last": -1, "next": 1, "this": 0}[word.split()[0]]
    if word.endswith("month"):
        return _on(published + relativedelta(months=step), "month")
    return When("year", published.year + step)


def _with_time(when: When, clock: re.Match[str]) -> When:
    if clock.group("hour24") is not None:
        hour, minute = int(clock.group("hour24")), int(clock.group("minute24"))
    else:
        hour, minute = int(clock.group("hour")), int(clock.group("minute") or 0)
        if hour > 12:
            return when
        pm = clock.group("half").casefold().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return When(when.precision, when.year, when.month, when.day, f"{hour:02d}:{minute:02d}")


# A few quoted words inside running text ('said that crews will "do what is needed" to
# open the road by Monday'): the quotation marks cut no clause, the sentence runs
# on through them (a quoted sentence or a quotation ending in a comma is no such one).
_INLINE_QUOTE = re.compile(r"(?<=[\w,] )([\"“])[^\"“”,.;:!?]{1,60}?([\"”])(?= (?-i:[a-z]))")
_INLINE_WORDS = 8


def _clauses(sentence: str) -> list[tuple[int, int]]:
    inline = {
        found.start(group)
        for found in _INLINE_QUOTE.finditer(sentence)
        if len(found.group().split()) <= _INLINE_WORDS
        for group in (1, 2)
    }
    bounds = [0]
    for found in _CLAUSE_BREAK.finditer(sentence):
        if found.start() in inline and found.end() == found.start() + 1:
            continue
        bounds.append(found.start())
    bounds.append(len(sentence))
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _clause_around(sentence: str, clauses: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The clause holding offset ``at``, cut at commas unless the piece is too short to say.

    "The well blew out on Tuesday, killing 11" keeps its tense apart from "crews
    will return"; but in "the mayor will, on 4 May, open the bridge" the piece "on 4 May"
    has no verb of its own and takes its neighbours'.
    """
    index = next((i for i, (a, b) in enumerate(clauses) if a <= at < b), None)
    if index is None:
        return 0, len(sentence)
    # A break word may open the date itself ("until August", "after Friday"): a
    # clause too short to have a verb joins its neighbours.
    # What was said ("that ...") never lends its tense to the saying: "announced
    # Friday that it will close" keeps Friday past.
    end = next(
        (i for i in range(index, len(clauses) - 1) if _THAT.match(sentence, clauses[i + 1][0])),
        len(clauses) - 1,
    )
    low = high = index
    while len(sentence[clauses[low][0] : clauses[high][1]].split()) < _MIN_PIECE:
        if low == 0 and high == end:
            break
        low, high = max(0, low - 1), min(end, high + 1)
    first, last = clauses[low][0], clauses[high][1]
    pieces = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", sentence[first:last])]
    index = next((i for i, (a, b) in enumerate(pieces) if a <= at - first < b), None)
    if index is None:
        return first, last
    low = high = index
    while len(sentence[first + pieces[low][0] : first + pieces[high][1]].split()) < _MIN_PIECE:
        if low == 0 and high == len(pieces) - 1:
            break
        low, high = max(0, low - 1), min(len(pieces) - 1, high + 1)
    return first + pieces[low][0], first + pieces[high][1]


def find_mentions(sentence: str, published: date | None) -> list[Mention]:
    """The date expressions of ``sentence``, resolved against ``published`` (may be ``None``).

    A weekday without "last", "next" or "this" that names no day of the weeks
    around publication is left out (see :func:`newsweave.brief.timeline_cues.unanchored`).
    """
    clauses = _clauses(sentence)
    taken: list[tuple[int, int]] = []
    found_mentions: list[Mention] = []
    bare_weekdays: list[Mention] = []
    yearless: list[Mention] = []
    years: list[Mention] = []
    for kind, pattern in _PATTERNS:
        for found in pattern.finditer(sentence):
            if any(found.start() < end and start < found.end() for start, end in taken):
                continue
            if is_name(kind, found, sentence):
                continue
            if kind == "weekday" and _DATE_AFTER.match(sentence, found.end()):
                continue  # "Monday, May 3": the date after it names the day
            if kind in {"month_day", "day_month", "month"} and _OTHER_YEAR.match(
                sentence, found.end()
            ):
                continue
            if kind == "relative" and EXPLICIT_AFTER.match(sentence, found.end()):
                continue  # "today, June 4": the date after it names the day
            if (
                kind == "relative"
                and SPEECH_DAY.fullmatch(found.group("word"))
                and quoted(sentence, found.start())
            ):
                continue  # '"we fight tomorrow," he said': the day of the speaking
            if in_title_quote(sentence, found.start(), found.end()):
                continue
            clause = _clause_around(sentence, clauses, found.start())
            text = sentence[clause[0] : clause[1]]
            if no_event(text):
                continue  # "had not answered requests for comment by Friday"
            future = bool(FUTURE_TENSE.search(text)) or _when_ahead(sentence, clause)
            ahead = reads_ahead(kind, found, sentence, clause, future=future)
            as_of = kind == "weekday" and as_of_before(sentence, found.start("weekday"))
            ahead_by_clause = ahead
            if kind == "weekday" and (found.group("rel") or "").casefold() not in _NAMES_WEEK:
                ahead = weekday_ahead(sentence, found, text, published, ahead=ahead, as_of=as_of)
            elif kind == "relative" and found.group("word").casefold().startswith("this"):
                # "this week" said on a Sunday of what is still to come is the coming one
                ahead = ahead or looks_ahead(
                    sentence[clause[0] : found.start()] + " " + sentence[found.end() : clause[1]]
                )
            try:
                past = not ahead and kind in YEARLESS and done_then(sentence, found, text)
                when = _resolve(kind, found, published, ahead, past)
            except OverflowError:  # a publication date at the end of the calendar
                continue
            if when is None:
                continue
            taken.append((found.start(), found.end()))
            if when.precision == "day":
                clock = _TIME.search(text)
                if clock is not None:
                    when = _with_time(when, clock)
            lead = sentence[max(0, found.start() - 12) : found.start()].casefold()
            looks_back = re.search(r"\b(?:since|last|ago)\b", found.group().casefold() + lead)
            if published is not None and when.year is not None:
                # A period holding the publication day ("this week", "by late
                # July") is planned when its clause speaks of the future.
                first, last = when.as_date(published.year), when.last_day() or published
                planned = first > published or (first <= published <= last and future)
                if planned and kind in _EXPLICIT_DAY and done_on(sentence, found.start(), text):
                    # "the plane landed on June 6", stamped June 5: the text was
                    # written after its stamp, and the day is past
                    planned = False
                if (
                    not planned
                    and first == published
                    and kind == "weekday"
                    and (found.group("rel") or "").casefold() not in _NAMES_WEEK
                    and _coming_that_day(sentence, clause[0], found.start())
                ):
                    # "said more would be told at a news conference Thursday", said on
                    # the Thursday: still to come when it was said
                    planned = True
            else:
                planned = future and looks_back is None
            since = found.group().casefold().startswith("since")
            bare = kind == "weekday" and (found.group("rel") or "").casefold() not in _NAMES_WEEK
            whole = next(((a, b) for a, b in clauses if a <= found.start() < b), clause)
            loose = (
                bare
                and published is not None
                and not ahead
                and not POSSESSIVE_AFTER.match(sentence, found.end())
                and not TIME_AFTER.search(sentence, whole[0], found.start())
                and not outcome_before(sentence, whole[0], found.start())
                and not past_verb_before(sentence, found.start())
                and not has_past_form(sentence[min(whole[0], clause[0]) : max(whole[1], clause[1])])
            )
            named = kind == "weekday" and not bare
            day_kind = when.precision == "day"
            passing = kind in _EXPLICIT_DAY and in_passing(sentence, found.start(), found.end())
            # "as of Tuesday afternoon", "as of June 3": the time of the state the text
            # tells, so the text was written then
            anchor = (
                day_kind
                and kind in _AS_OF_KINDS
                and not ahead_by_clause
                and not looks_ahead(text)
                and as_of_before(sentence, found.start("weekday" if as_of else 0), state=True)
            )
            mention = Mention(
                when,
                found.start(),
                found.end(),
                planned,
                clause,
                since,
                named,
                loose,
                passing,
                anchor,
                told_past=bare and not ahead and told_past(sentence, found, clause),
                past_clause=bare
                and not ahead
                and has_past_form(text)
                and told_past(sentence, found, clause, beside=False),
            )
            found_mentions.append(mention)
            if bare:
                bare_weekdays.append(mention)
            explicit = found.groupdict()
            if kind in YEARLESS and not (explicit.get("year") or explicit.get("ryear")):
                yearless.append(mention)
            elif kind in _EXPLICIT_YEAR and explicit.get("year"):
                years.append(mention)
    for weekday in bare_weekdays:
        if unanchored(weekday, found_mentions, sentence, published):
            found_mentions.remove(weekday)
    for mention in yearless:
        take_clause_year(mention, years, found_mentions, sentence)
    found_mentions.sort(key=lambda m: m.start)
    return found_mentions


_EXPLICIT_DAY = frozenset({"month_day", "day_month", "iso"})
# A clause of time or condition in the present: what it tells comes when its main
# clause's future does ("When the minister lands in the capital this week, she will
# meet ...").
_WHEN_OPENS = re.compile(r"\W*(?:when|once|as\s+soon\s+as|if)\b", re.I)
_MAIN_REACH = 80
_LEAD_IN_WORDS = 6


def _when_ahead(sentence: str, clause: tuple[int, int]) -> bool:
    """Whether ``clause`` is such a clause of time or condition: it opens the sentence
    (after at most a short lead-in and a comma), tells no past, and the main clause
    after it speaks of the future before any past form."""
    text = sentence[clause[0] : clause[1]]
    if not _WHEN_OPENS.match(text) or has_past_form(text):
        return False
    lead = sentence[: clause[0]].strip()
    if lead and (not lead.endswith(",") or len(lead.split()) > _LEAD_IN_WORDS):
        return False
    main = sentence[clause[1] : clause[1] + _MAIN_REACH]
    end = re.search(r"[.;:!?]", main)
    future = FUTURE_TENSE.search(main[: end.start()] if end else main)
    return future is not None and not has_past_form(main[: future.start()])


# What a clause tells as still to come on the day it was said, with its verb: a modal,
# or a plan in the past ("was to vote", "was expected to land"); not a decision
# ("agreed to remove").
_STILL_TO_COME = re.compile(
    r"\b(?:would|could|might)\s+(?!have\b|not\s+(?:say|comment|confirm)\b)"
    r"|\b(?:was|were|is|are)\s+(?:(?:due|set|scheduled|slated|expected)\s+)?to\s+",
    re.I,
)
_ITS_VERB = re.compile(r"(?:not\s+)?(?:(?:also|still|then|only)\s+)?(?:be\s+)?[a-z]+\b", re.I)


def _coming_that_day(sentence: str, start: int, at: int) -> bool:
    """Whether the weekday at ``at`` is the day of a modal's or a plan's verb before it
    in its clause (from ``start``), with no past form between ("would hit the country
    with sanctions on Monday", "was to be closed Tuesday"); not a weekday before the
    modal ("a report Wednesday said the economy could shrink") nor one of another verb
    after it ("smoke could be seen as the fair closed Saturday")."""
    cues = list(_STILL_TO_COME.finditer(sentence, start, at))
    if not cues:
        return False
    verb = _ITS_VERB.match(sentence, cues[-1].end())
    if verb is None or verb.end() > at:
        return False
    return not has_past_form(sentence[verb.end() : at])


_AS_OF_KINDS = _EXPLICIT_DAY | {"weekday"}
_EXPLICIT_YEAR = frozenset({"year", "month_year", "month_day", "day_month", "iso"})


def strip_dates(sentence: str, mentions: list[Mention]) -> str:
    """``sentence`` without its date expressions and clock times (to see what else it says)."""
    kept: list[str] = []
    position = 0
    for mention in mentions:
        kept.append(sentence[position : mention.start])
        position = mention.end
    kept.append(sentence[position:])
    return _TIME.sub(" ", " ".join(kept))


def has_stamp(sentence: str, mentions: list[Mention]) -> bool:
    """Whether ``sentence`` holds a page's time stamp: a day with its year and a clock
    time right after or before it ("30 April 2009 19.10 BST", "At 08:23 30th Apr 2009")."""
    return any(
        m.when.precision == "day"
        and re.search(r"\d{4}\W*$", sentence[m.start : m.end])
        and (
            _STAMP_CLOCK.match(sentence[m.end :])
            or _CLOCK_BEFORE.search(sentence[max(0, m.start - 32) : m.start])
        )
        for m in mentions
    )
