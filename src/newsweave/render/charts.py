"""Small charts of a story as geometry: a time axis, the story's timeline, its coverage bar.

The functions here compute where things go (coordinates in a fixed ``viewBox``,
sizes, axis labels); they draw nothing.  A template draws the SVG from the
numbers, escaping every text as any other text of the page, so a chart needs no
script, no external resource and no markup built outside the template.

Dates are ISO 8601 strings as briefs and stories give them.  Only a date with
its year can be placed on an axis: a year-less day (``--05-04``) or an
unparseable value is left off the chart (it stays in the list beside it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.render.present import display_date

__all__ = [
    "Axis",
    "Bar",
    "Dot",
    "Segment",
    "Span",
    "TimeChart",
    "axis_for",
    "chart_date",
    "stacked_bar",
    "storyline_chart",
    "timeline_chart",
    "whole_percents",
]

WIDTH = 640.0
"""The ``viewBox`` width of every chart; the page scales it to the column."""
MARGIN = 24.0
LATER_DAYS = 30
"""Events planned more than this many days after the last article stay off the timeline chart."""

_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def chart_date(value: str | None, *, last: bool = False) -> date | None:
    """The first day (``last``: the last day) an ISO date, datetime, month, ISO week or
    year stands for, or ``None`` (no year, or not a date)."""
    if not value:
        return None
    week = _WEEK.match(value)
    if week is not None:
        try:
            return date.fromisocalendar(int(week[1]), int(week[2]), 7 if last else 1)
        except ValueError:
            return None
    found = _DAY.match(value)
    if found is None:
        return None
    year, month, day = found.groups()
    try:
        first = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if not last or day:
        return first
    if not month:
        return date(first.year, 12, 31)
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Axis:
    """A time axis from ``start`` to ``end`` (inclusive days) over ``[MARGIN, WIDTH - MARGIN]``."""

    start: date
    end: date
    ticks: tuple[tuple[float, str], ...]
    """Where to put a tick and what to write under it."""

    def x(self, day: date) -> float:
        days = max((self.end - self.start).days, 1)
        return round(MARGIN + (WIDTH - 2 * MARGIN) * (day - self.start).days / days, 1)


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _label(day: date, *, with_year: bool) -> str:
    text = display_date(day.isoformat())
    return text if with_year else text.rsplit(" ", 1)[0]


def axis_for(days: Sequence[date], *, ticks: int = 4) -> Axis | None:
    """An axis over ``days`` (``None`` without any): its ends and up to ``ticks + 1`` labels."""
    if not days:
        return None
    start, end = min(days), max(days)
    if start == end:
        # One day: a little room either side so the mark is not on the edge.
        start, end = start - timedelta(days=1), end + timedelta(days=1)
    span = (end - start).days
    years = start.year != end.year
    steps = max(1, min(ticks, span))
    marks: list[tuple[float, str]] = []
    axis = Axis(start, end, ())
    for n in range(steps + 1):
        day = start + timedelta(days=round(span * n / steps))
        label = _label(day, with_year=years or n in (0, steps))
        if marks and marks[-1][1] == label:
            continue
        marks.append((axis.x(day), label))
    return Axis(start, end, tuple(marks))


@dataclass(frozen=True, slots=True)
class Dot:
    """An event on the timeline chart: a circle linking to its entry (``anchor``)."""

    x: float
    y: float
    """Events of one day are stacked upwards from the axis, so each can be reached."""
    r: float
    planned: bool
    anchor: str
    label: str
    """Its date and text, for the circle's ``<title>``."""


@dataclass(frozen=True, slots=True)
class Bar:
    """A day's articles, as a bar rising from the axis."""

    x: float
    width: float
    height: float
    label: str


@dataclass(frozen=True, slots=True)
class TimeChart:
    """The story's timeline chart: articles published per day, and the events."""

    axis: Axis
    bars: tuple[Bar, ...]
    dots: tuple[Dot, ...]
    height: float
    baseline: float
    """The y of the axis line."""
    description: str
    """What the chart shows, in words (its accessible name)."""


def _to_the_day(value: str) -> bool:
    """Whether ``value`` names one day (a date or a datetime), not a week, month or year."""
    found = _DAY.match(value)
    return found is not None and found[3] is not None


def timeline_chart(
    events: Sequence[tuple[str, str, int, bool, str]],
    published: Sequence[str | None],
) -> TimeChart | None:
    """The chart of ``events`` (date, text, sources, planned, anchor) and article dates.

    ``None`` when nothing can be placed (no dated event and no published article).
    """
    # Only events dated to the day are drawn: a month, week or year drawn on its first
    # day would claim a day the sources never gave (they stay in the list).
    placed = [
        (chart_date(when), text, n, planned, anchor)
        for when, text, n, planned, anchor in events
        if _to_the_day(when)
    ]
    vague = len(events) - len(placed)
    dated = [(day, text, n, planned, anchor) for day, text, n, planned, anchor in placed if day]
    per_day: dict[date, int] = {}
    for value in published:
        day = chart_date(value)
        if day is not None:
            per_day[day] = per_day.get(day, 0) + 1
    later = 0
    if per_day:
        # Plans far beyond the last article would squeeze the story's own days
        # into a corner: they stay in the list, not on the chart.
        horizon = max(per_day) + timedelta(days=LATER_DAYS)
        later = sum(1 for d, *_ in dated if d > horizon)
        dated = [row for row in dated if row[0] <= horizon]
    axis = axis_for([d for d, *_ in dated] + list(per_day))
    if axis is None:
        return None
    baseline, room = 96.0, 60.0
    most = max(per_day.values(), default=1)
    span = max((axis.end - axis.start).days, 1)
    width = max(2.0, min(12.0, (WIDTH - 2 * MARGIN) / span * 0.8))
    bars = tuple(
        Bar(
            x=round(axis.x(day) - width / 2, 1),
            width=round(width, 1),
            height=round(room * count / most, 1),
            label=f"{display_date(day.isoformat())}: {count} article{'' if count == 1 else 's'}",
        )
        for day, count in sorted(per_day.items())
    )
    most_sources = max((n for _, _, n, _, _ in dated), default=1)
    on_day: dict[date, int] = {}
    dots: list[Dot] = []
    for day, text, n, planned, anchor in dated:
        level = on_day.get(day, 0)
        on_day[day] = level + 1
        dots.append(
            Dot(
                x=axis.x(day),
                y=baseline - min(level, 4) * 17.0,
                r=round(4 + 4 * math.sqrt(n / most_sources), 1),
                planned=planned,
                anchor=anchor,
                label=f"{display_date(day.isoformat())}{' (planned)' if planned else ''}: {text}",
            )
        )
    description = (
        f"Timeline chart from {_label(axis.start, with_year=True)} to "
        f"{_label(axis.end, with_year=True)}: "
        f"{len(dots)} event{_plural(len(dots))} dated to the day"
        f" and the articles published each day ({sum(per_day.values())} with a date)."
    )
    if later:
        description += (
            f" {later} event{'' if later == 1 else 's'} planned further ahead only in the list."
        )
    if vague:
        description += (
            f" {vague} event{'' if vague == 1 else 's'} with no full date (a week, a month,"
            " a year, no year): in the list, not on the chart."
        )
    return TimeChart(axis, bars, tuple(dots), 130.0, baseline, description)


@dataclass(frozen=True, slots=True)
class Span:
    """A story on the storyline chart: a line over its days and a circle at its start."""

    x1: float
    x2: float
    y: float
    r: float
    current: bool
    href: str
    label: str


STORYLINE_LANES = 6
"""Rows of the storyline chart: stories too close to fit one row go to the next."""


def storyline_chart(
    stories: Sequence[tuple[str, str, str | None, str | None, int, bool]],
) -> tuple[Axis, tuple[Span, ...], float] | None:
    """The storyline's stories (id, headline, first seen, last seen, articles, current)
    on one time axis: the axis, the spans, the chart's height.

    A story is a circle at its first day (larger: more articles) and a line to its
    last; stories whose marks would touch go to the next of :data:`STORYLINE_LANES`
    rows (the last row takes what is left), so a storyline of hundreds of stories
    stays a small chart.  ``None`` when fewer than two stories have a date.
    """
    dated: list[tuple[str, str, date, date, int, bool]] = []
    for sid, headline, first, last, count, current in stories:
        start = chart_date(first)
        if start is not None:
            end = chart_date(last) or start
            dated.append((sid, headline, start, max(start, end), count, current))
    if len(dated) < 2:
        return None
    axis = axis_for([d for row in dated for d in (row[2], row[3])])
    if axis is None:
        return None
    most = max(max(row[4] for row in dated), 1)
    lane_height = 18.0
    ends = [-math.inf] * STORYLINE_LANES
    spans: list[Span] = []
    used = 1
    for sid, headline, start, end, count, current in sorted(dated, key=lambda row: row[2]):
        r = round(3 + 5 * math.sqrt(count / most), 1)
        x1, x2 = axis.x(start), axis.x(end)
        lane = next(
            (n for n, taken in enumerate(ends) if x1 - r > taken + 2),
            STORYLINE_LANES - 1,
        )
        ends[lane] = max(ends[lane], x2, x1 + r)
        used = max(used, lane + 1)
        spans.append(
            Span(
                x1=x1,
                x2=x2,
                y=12.0 + lane_height * lane,
                r=r,
                current=current,
                href=f"/stories/{sid}",
                label=f"{headline} ({display_date(start.isoformat())}, "
                f"{count} article{_plural(count)})",
            )
        )
    # The current story drawn last, over any mark it shares a place with.
    spans.sort(key=lambda span: span.current)
    return axis, tuple(spans), 12.0 + lane_height * used + 18.0


@dataclass(frozen=True, slots=True)
class Segment:
    """One group's part of a stacked bar, in percent of the bar's width."""

    x: float
    width: float
    value: str
    share: int
    """Its share of the groups' total, in percent (rounded)."""
    count: int


def whole_percents(counts: Sequence[int], total: int | None = None) -> list[int]:
    """Each count's share of ``total`` (default: their sum) in whole percent, one rule for
    every page and export that shows shares.

    Equal counts always get equal percentages.  Shares of their own sum add up to 100
    whenever equal counts allow it (the largest remainders get the rounding); when a tie
    cannot share what is left, the tied counts are rounded to the nearest, so three equal
    thirds read 33 % each and 3, 2, 2 of 7 read 43, 29, 29.  Shares of another total
    (an outlet counted in two groups) are rounded to the nearest.
    """
    whole = sum(counts) if total is None else total
    if whole <= 0:
        return [0] * len(counts)
    exact = [100 * n / whole for n in counts]
    shares = [int(value) for value in exact]
    if whole != sum(counts):
        return [int(value + 0.5) for value in exact]
    left_over = 100 - sum(shares)
    by_count: dict[int, list[int]] = {}
    for index, count in enumerate(counts):
        by_count.setdefault(count, []).append(index)
    for count in sorted(by_count, key=lambda c: (-(100 * c / whole - int(100 * c / whole)), c)):
        tied = by_count[count]
        remainder = 100 * count / whole - int(100 * count / whole)
        if left_over <= 0 or remainder <= 0:
            break
        if len(tied) <= left_over or (left_over < len(tied) and remainder >= 0.5):
            for index in tied:
                shares[index] += 1
            left_over -= len(tied)
    return shares


def stacked_bar(groups: Sequence[tuple[str, int]]) -> tuple[Segment, ...]:
    """Groups (value, count) side by side in the given order, widths proportional to counts."""
    total = sum(count for _, count in groups)
    if total <= 0:
        return ()
    segments: list[Segment] = []
    x = 0.0
    shares = whole_percents([count for _, count in groups])
    for (value, count), share in zip(groups, shares, strict=True):
        if count <= 0:
            continue
        width = 100.0 * count / total
        segments.append(Segment(round(x, 2), round(width, 2), value, share, count))
        x += width
    return tuple(segments)
