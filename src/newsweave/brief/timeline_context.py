"""What a sentence's neighbours and words around a date say of it: read by
:mod:`newsweave.brief.timeline_dates`.

* an explicit date right after "today" or "tomorrow" names the day ("today, June 4",
  said a day before publication);
* a weekday, "today" or a month inside a name ("Good Friday", "Tyneside Today") is no
  date, nor is one inside a short quoted title or slogan ("Walk Out in April");
* a yearless month or day takes the year of a dated month coordinated with it ("in
  May and June 2011") or of a year opening its sentence ("In 2021, ... in
  April");
* a bare weekday whose clause says nothing of its tense is read as the passage around
  it reads that weekday (:func:`settle_weekdays`);
* "today", "tomorrow" inside a quotation are the speaker's days (:func:`quoted`);
* a weekday right beside a verb of the past is what the text tells was done that day
  (:func:`told_past`), read to see when the text was written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsweave.brief.timeline_tense import (
    past_verb_after,
    past_verb_before,
    told_as_past,
    told_in,
)
from newsweave.brief.timeline_when import Mention, When, valid_day
from newsweave.text import MONTH_PATTERN, MONTHS, STOPWORDS

__all__ = [
    "EXPLICIT_AFTER",
    "POSSESSIVE_AFTER",
    "SPEECH_DAY",
    "TIME_AFTER",
    "YEARLESS",
    "done_then",
    "in_title_quote",
    "is_name",
    "quoted",
    "settle_weekdays",
    "take_clause_year",
    "told_past",
]

# A capitalised word right before a weekday or "today" makes them part of a name,
# unless the word is one that opens a date ("On Friday", "Early Monday").
_OPENS_DATE = frozenset(
    {"on", "last", "next", "this", "early", "late", "by", "until", "since", "from"}
    | {"before", "after", "at", "of", "and", "or", "to"}
)
_NAME_WORD = re.compile(r"([A-Z][\w'’.-]*)\s+$")
_NAMED_AFTER = re.compile(r"^['’]?s?\s+([A-Z][a-z]+)")
_NAME_AFTER_MONTH = re.compile(r" (?:[A-Z][a-z]|[A-Z]{2,}\b)")
# Calendar words that may follow a weekday without making it a name.
_CALENDAR_AFTER = frozenset(
    {"night", "morning", "afternoon", "evening", "noon", "midnight"}
) | frozenset(MONTHS)


def is_name(kind: str, found: re.Match[str], sentence: str) -> bool:
    """A weekday, "today" or month that is part of a proper name, not a date."""
    if kind == "month":
        return _month_in_name(found, sentence)
    if kind not in {"weekday", "relative"}:
        return False
    groups = found.groupdict()
    if groups.get("rel") or (kind == "relative" and groups["word"].casefold() != "today"):
        return False
    word = found.group()
    if not word[:1].isupper():
        return False
    before = _NAME_WORD.search(sentence, 0, found.start())
    if before is not None and before.end() == found.start():
        opener = before.group(1).casefold()
        if opener not in _OPENS_DATE and before.start() > 0:
            return True
    after = _NAMED_AFTER.match(sentence[found.end() :])
    return after is not None and after.group(1).casefold() not in _CALENDAR_AFTER


def _month_in_name(found: re.Match[str], sentence: str) -> bool:
    """A month standing right before a capitalised word inside a sentence, opened by a
    lower-case word ("the ruling in March Harbour Holdings", "a novel by April Jordan"),
    is part of a name: a date there is followed by a comma, a lower-case word or the
    sentence's end.  A sentence opening with the month ("In March Congress passed")
    keeps it as a date, as prose without the comma does."""
    if not found.group("rel")[:1].islower() or found.group().endswith("."):
        return False
    return _NAME_AFTER_MONTH.match(sentence, found.end()) is not None


# "today, June 4" / "yesterday (4 June)": the explicit date names the day, not the
# publication's, which may be a day later.
EXPLICIT_AFTER = re.compile(
    r"\W{0,3}\s*(?:(?:[0-3]?\d(?:st|nd|rd|th)?\s+)?"
    + MONTH_PATTERN.replace("(?P<month>", "(?:")
    + r"\s+[0-3]?\d\b|[0-3]?\d(?:st|nd|rd|th)?\s+"
    + MONTH_PATTERN.replace("(?P<month>", "(?:")
    + ")",
    re.I,
)
# A short quoted phrase in title case ("Walk Out in April") is a slogan, a title
# or a name: a date inside it is no date of the story.
_QUOTED = re.compile(r'"([^"]{1,60})"|“([^“”]{1,60})”')
_MAX_TITLE_WORDS = 5
_TITLE_SMALL = frozenset({"a", "an", "the", "in", "on", "of", "and", "or", "to", "for", "at", "by"})
# "Tuesday's vote": a possessive weekday is the day of its noun, never loose.
POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# "following the visit on Friday": a day after which something happened is past.
TIME_AFTER = re.compile(r"\b(?:after|following|since)\b", re.I)


def in_title_quote(sentence: str, start: int, end: int) -> bool:
    for quoted in _QUOTED.finditer(sentence):
        if not (quoted.start() < start and end < quoted.end()):
            continue
        phrase = quoted.group(1) or quoted.group(2)
        tokens = phrase.split()
        return len(tokens) <= _MAX_TITLE_WORDS and all(
            t[:1].isupper() or t.casefold() in _TITLE_SMALL for t in tokens
        )
    return False


YEARLESS = frozenset({"month", "month_day", "day_month"})
"""Kinds of date expression that may be given without a year."""


# "in May and June 2011", "January to April 1919": a month coordinated with a dated one.
_COORDINATED = re.compile(r"\s*(?:,|and|or|to|through|[-–])\s*", re.I)
# "In 1918, ..." opening a sentence dates its clause.
_OPENING_YEAR = re.compile(r"(?:in|by|during)\s", re.I)


def take_clause_year(
    mention: Mention, years: list[Mention], mentions: list[Mention], sentence: str
) -> None:
    """A yearless month or day is of the year a dated month coordinated with it names
    ("in May and June 2011") or of a year opening its sentence and clause ("In
    2021, nurses walked out in April"), not the publication's year."""
    year = None
    for y in years:
        coordinated = y.start >= mention.end and _COORDINATED.fullmatch(
            sentence[mention.end : y.start]
        )
        opening = (
            y.start < mention.start
            and not sentence[: y.start].strip(" \"'“‘(")
            and _OPENING_YEAR.match(sentence, y.start)
            and y.clause[0] <= mention.start < y.clause[1]
        )
        if (coordinated or opening) and y.when.year != mention.when.year:
            year = y.when.year
            break
    when = mention.when
    if year is None or not valid_day(year, when.month or 1, when.day or 1):
        return
    moved = replace(
        mention,
        when=When(when.precision, year, when.month, when.day, when.time),
        planned=False,
        week_named=False,
        loose=False,
    )
    mentions[mentions.index(mention)] = moved


def settle_weekdays(
    mentions: list[list[Mention]], published: date | None, *, window: int = 3
) -> list[list[Mention]]:
    """One article's mentions (a list per sentence, in text order) with loose weekdays settled.

    A writer means one day by one bare weekday within a passage (another week gets
    "last" or "next"): when every mention of a weekday within ``window`` sentences
    whose clause tells its tense reads it ahead ("voters go to the polls on
    Tuesday"), a loose mention of that weekday there ("the weather on Tuesday", read
    the past one for want of a cue) is the coming one too.
    """
    if published is None:
        return mentions
    sides: dict[int, list[tuple[int, bool]]] = {}
    for index, sentence in enumerate(mentions):
        for m in sentence:
            day = m.when.as_date(published.year) if m.when.precision == "day" else None
            if day is None or m.loose or m.week_named or abs((day - published).days) > 6:
                continue
            if day == published:
                continue
            sides.setdefault(day.weekday(), []).append((index, day > published))
    if not sides:
        return mentions
    settled = []
    for index, sentence in enumerate(mentions):
        row = []
        for m in sentence:
            day = m.when.as_date(published.year)
            near = {ahead for i, ahead in sides.get(day.weekday(), []) if abs(i - index) <= window}
            if m.loose and near == {True} and day < published:
                day += timedelta(days=7)
                m = replace(
                    m,
                    when=When("day", day.year, day.month, day.day, m.when.time),
                    planned=True,
                    week_named=False,
                    loose=False,
                )
            row.append(m)
        settled.append(row)
    return settled


# Days told from the moment of speaking: inside a quotation they are the speaker's,
# said on a day the text seldom gives ("the strategy today", "you will fight tomorrow").
SPEECH_DAY = re.compile(r"today|tonight|tomorrow|yesterday", re.I)


def quoted(sentence: str, at: int) -> bool:
    """Whether offset ``at`` of ``sentence`` lies inside a quotation ("..." or “...”),
    also one opened in an earlier sentence and closed after ``at`` ("... and so are his
    attacks today.”")."""
    before, after = sentence[:at], sentence[at:]
    if before.count('"') % 2:
        return True
    if before.rfind("“") > before.rfind("”"):
        return True
    # a quotation closed but not opened in this sentence
    closing, opening = after.find("”"), after.find("“")
    if "“" not in before and "”" not in before and closing >= 0:
        return opening < 0 or closing < opening
    return after.count('"') % 2 == 1


# "Monday's", "Saturday night's": a weekday naming its event.
_PART_POSSESSIVE = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?['’]s?\b", re.I)
# "on the Tuesday night": a day the text has named before, of any week ("Monday's
# tornado" is a day named by its event, often long past: neither says when the text
# was written).
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def told_past(
    sentence: str, found: re.Match[str], clause: tuple[int, int], *, beside: bool = True
) -> bool:
    """Whether a bare weekday read the past one is the day of a verb of the past right
    before or after it ("said Thursday", "prices rose on Friday", "on Monday announced"):
    what the text tells happened that day (without ``beside``, any weekday of the kind).
    Not a time limit ("until Friday"), a day the text has named before ("on the Tuesday
    night"), nor one named by its event ("Monday's tornado", often long past)."""
    if (found.group("rel") or "").casefold() in {"until", "by", "since"}:
        return False
    if _THE_BEFORE.search(sentence, 0, found.start()) or _PART_POSSESSIVE.match(
        sentence, found.end()
    ):
        return False
    return not beside or (
        past_verb_before(sentence, found.start())
        or past_verb_before(sentence, found.start("weekday"))
        or past_verb_after(sentence, clause[0], found.end())
    )


_TARGET_BEFORE = frozenset(
    {"until", "till", "by", "through", "for", "effective", "from", "ahead", "starting", "beginning"}
)
_WORD_AFTER_DATE = re.compile(r"\s+([a-z]+)\b")


def done_then(sentence: str, found: re.Match[str], clause: str) -> bool:
    """Whether the yearless date ``found`` dates what its clause tells as done ("the court
    overturned the rules in January"): not a deadline or target ("until May 26", "for
    the June 3 primary"), not an event named by its date ("the Nov. 6 election"), not
    inside a quotation."""
    if quoted(sentence, found.start()):
        return False
    before = sentence[max(0, found.start() - 30) : found.start()].casefold().split()
    if _TARGET_BEFORE.intersection(before[-2:]) or _TARGET_BEFORE.intersection(
        found.group().casefold().split()[:1]
    ):
        return False
    after = _WORD_AFTER_DATE.match(sentence, found.end())
    if after is not None and after.group(1) not in STOPWORDS:
        return False
    return told_as_past(told_in(clause, found))
