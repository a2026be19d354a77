"""The timeline of a story: dated events in event time, oldest first.

Dates are read from each sentence:

* explicit dates — ``May 4``, ``4 May 2023``, ``2023-05-04``, ``May 4-5``
  (the range's first day), ``March 2021``, ``in 2015``;
* relative expressions — ``today``, ``tomorrow``, ``yesterday``, ``on Friday
  night``, ``early Monday``, ``next Tuesday``, ``next week``, ``last month``,
  ``since May`` — resolved against the article's publication date, and skipped
  when that date is unknown;
* a clock time in the same sentence as a day (``at 9:30 a.m.``) makes the entry a
  date and time.

``date`` is ISO 8601 at the precision the text gives: ``2023-05-04``,
``2023-05-04T09:30``, ``2023-05``, ``2023-W18`` (a week), ``2023``.  A day or
month whose year neither the text nor the publication date tells is written
without a year (``--05-04``, ISO 8601:2000), never guessed.

An event is *planned* when its date is after the article's publication, or, with
no publication date, when the sentence speaks of it in the future ("will", "is
expected to", "plans to", "next week").  Entries of different articles with the
same date and overlapping words are merged into one entry with several sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from newsweave.brief.doc import StoryDoc
from newsweave.models import Article, Citation, TimelineEntry
from newsweave.text import (
    FUTURE_TENSE,
    MONTH_PATTERN,
    MONTHS,
    WEEKDAYS,
    content_words,
    weekday_date,
    words,
)

__all__ = ["TimelineOptions", "build_timeline"]

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_RANGE_END = r"(?:\s*[-–]\s*(?:[0-3]?\d)(?:st|nd|rd|th)?)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "month_day",
        re.compile(
            rf"\b{MONTH_PATTERN}\s+{_DAY}{_RANGE_END}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|percent))", re.I
        ),
    ),
    (
        "day_month",
        re.compile(rf"\b{_DAY}{_RANGE_END}\s+(?:of\s+)?{MONTH_PATTERN}(?:,?\s+{_YEAR})?\b", re.I),
    ),
    (
        "month_year",
        re.compile(
            rf"\b(?:(?:early|late|mid|in|since|by|until|from|of|last|this)[\s-]+)?{MONTH_PATTERN}\s+{_YEAR}\b",
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
            r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b",
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
# Calendar words and numbers say nothing about whether two dated sentences tell one event.
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {str(n) for n in range(1, 32)}
_TIME = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<half>a\.?m\.?|p\.?m\.?)(?!\w)"
    r"|\b(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """How :func:`build_timeline` merges entries."""

    min_shared_words: int = 3
    """Two same-date entries are one event when they share this many content words..."""
    min_overlap: float = 0.25
    """...or this share (Jaccard) of their content words."""


@dataclass(frozen=True, slots=True)
class _When:
    """A point in time at the precision the text gives."""

    precision: str
    """``day``, ``week``, ``month`` or ``year``."""
    year: int | None
    month: int = 1
    day: int = 1
    time: str | None = None

    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}" if self.year else f"--{self.month:02d}"
        if self.precision == "week":
            assert self.year is not None
            iso_year, week, _ = date(self.year, self.month, self.day).isocalendar()
            return f"{iso_year:04d}-W{week:02d}"
        text = (
            f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            if self.year
            else f"--{self.month:02d}-{self.day:02d}"
        )
        return f"{text}T{self.time}" if self.time else text

    def as_date(self, fallback_year: int) -> date:
        year = self.year or fallback_year
        if not _valid(year, self.month, self.day):
            # A yearless 29 February placed in a common year (for ordering only).
            return date(year, self.month, 28)
        return date(year, self.month, self.day)


def _on(day: date, precision: str = "day") -> _When:
    return _When(precision, day.year, day.month, day.day)


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: --02-29 stays valid
    except ValueError:
        return False
    return True


def _year_for(month: int, day: int, published: date | None, future: bool) -> int | None:
    """The year of a yearless day: the one that puts it nearest publication, on the right side."""
    if published is None:
        return None
    candidates = [published.year - 1, published.year, published.year + 1]
    best: int | None = None
    best_gap: int | None = None
    for year in candidates:
        if not _valid(year, month, day):
            continue
        gap = (date(year, month, day) - published).days
        # Text speaking of the future rarely means a day long past, and vice versa.
        penalty = abs(gap) + (200 if (future and gap < -7) or (not future and gap > 7) else 0)
        if best_gap is None or penalty < best_gap:
            best, best_gap = year, penalty
    return best


def _weekday(found: re.Match[str], published: date, future: bool) -> date:
    return weekday_date(
        WEEKDAYS[found.group("weekday").casefold()],
        published,
        relation=(found.group("rel") or "").casefold(),
        future=future,
    )


def _resolve(kind: str, found: re.Match[str], published: date | None, future: bool) -> _When | None:
    groups = found.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "iso":
        month, day = int(groups["m"]), int(groups["day"])
        return _When("day", year, month, day) if _valid(year, month, day) else None
    if kind in {"month_day", "day_month"}:
        month, day = MONTHS[groups["month"].casefold()], int(groups["day"])
        if not _valid(year, month, day):
            return None
        if year is None:
            year = _year_for(month, day, published, future)
        return _When("day", year, month, day)
    if kind == "month_year":
        return _When("month", year, MONTHS[groups["month"].casefold()])
    if kind == "year":
        return _When("year", year)
    if published is None:
        return None
    if kind == "month":
        month = MONTHS[groups["month"].casefold()]
        rel = groups["rel"].casefold()
        if rel == "may" or groups["month"] == "may":  # the verb, not the month
            return None
        if rel == "next" or (future and rel not in {"last", "since"}):
            year = published.year + (month < published.month)
        elif rel == "this":
            year = published.year
        else:
            year = published.year - (month > published.month)
        return _When("month", year, month)
    if kind == "weekday":
        return _on(_weekday(found, published, future))
    word = " ".join(groups["word"].casefold().split())
    shifts = {
        "today": timedelta(0),
        "tonight": timedelta(0),
        "yesterday": timedelta(days=-1),
        "tomorrow": timedelta(days=1),
    }
    if word in shifts:
        return _on(published + shifts[word])
    if word.endswith("week") or word.endswith("ago"):
        # "a week ago" / "one week ago" is the week before, like "last week".
        step = {"last": -7, "next": 7, "this": 0}.get(word.split()[0], -7)
        return _on(published + timedelta(days=step), "week")
    step = {"last": -1, "next": 1, "this": 0}[word.split()[0]]
    if word.endswith("month"):
        return _on(published + relativedelta(months=step), "month")
    return _When("year", published.year + step)


@dataclass(slots=True)
class _Entry:
    when: _When
    text: str
    citations: list[Citation]
    planned: bool
    words: set[str] = field(default_factory=set)


def _sentence_entries(article: Article, index: int, sentence: str) -> list[_Entry]:
    published = article.published.date() if article.published else None
    future = bool(FUTURE_TENSE.search(sentence))
    taken: list[tuple[int, int]] = []
    entries: list[_Entry] = []
    for kind, pattern in _PATTERNS:
        for found in pattern.finditer(sentence):
            if any(found.start() < end and start < found.end() for start, end in taken):
                continue
            try:
                when = _resolve(kind, found, published, future)
            except OverflowError:  # a publication date at the end of the calendar
                continue
            if when is None:
                continue
            taken.append((found.start(), found.end()))
            if when.precision == "day":
                clock = _TIME.search(sentence)
                if clock is not None:
                    when = _with_time(when, clock)
            lead = sentence[max(0, found.start() - 12) : found.start()].casefold()
            looks_back = re.search(r"\b(?:since|last|ago)\b", found.group().casefold() + lead)
            if published is not None and when.year is not None:
                event = when.as_date(published.year)
                planned = event > published or (event == published and future)
            else:
                planned = future and looks_back is None
            citation = Citation(article.id, index, article.outlet, sentence)
            entries.append(_Entry(when, sentence, [citation], planned))
    return entries


def _with_time(when: _When, clock: re.Match[str]) -> _When:
    if clock.group("hour24") is not None:
        hour, minute = int(clock.group("hour24")), int(clock.group("minute24"))
    else:
        hour, minute = int(clock.group("hour")), int(clock.group("minute") or 0)
        if hour > 12:
            return when
        pm = clock.group("half").casefold().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return _When(when.precision, when.year, when.month, when.day, f"{hour:02d}:{minute:02d}")


def _similar(a: set[str], b: set[str], options: TimelineOptions) -> bool:
    shared = len(a & b)
    union = len(a | b) or 1
    return shared >= options.min_shared_words or shared / union >= options.min_overlap


def build_timeline(
    doc: StoryDoc, *, options: TimelineOptions | None = None
) -> tuple[TimelineEntry, ...]:
    """Dated events in ``doc``'s articles, oldest first, same-date entries of one event merged."""
    options = options or TimelineOptions()
    merged: list[_Entry] = []
    for number, article in enumerate(doc.articles):
        for sentence in doc.article_sentences(number):
            for entry in _sentence_entries(article, sentence.index, sentence.text):
                entry.words = {w for w in content_words(words(entry.text)) if w not in _DATE_WORDS}
                same = next(
                    (
                        other
                        for other in merged
                        if other.when.iso() == entry.when.iso()
                        and (
                            _similar(other.words, entry.words, options)
                            # One article giving one date twice, both times about
                            # a same subject, tells of one event, not two.
                            or (
                                other.citations[0].article_id == entry.citations[0].article_id
                                and other.when.precision == "day"
                                and not other.words.isdisjoint(entry.words)
                            )
                        )
                    ),
                    None,
                )
                if same is None:
                    merged.append(entry)
                elif entry.citations[0] not in same.citations:
                    same.citations.extend(entry.citations)
                    same.words |= entry.words
                    same.planned = same.planned or entry.planned
    years = sorted(e.when.year for e in merged if e.when.year)
    fallback = years[len(years) // 2] if years else 1
    merged.sort(key=lambda e: (e.when.as_date(fallback), e.when.time or ""))
    return tuple(
        TimelineEntry(
            date=e.when.iso(), text=e.text, citations=tuple(e.citations), planned=e.planned
        )
        for e in merged
    )
