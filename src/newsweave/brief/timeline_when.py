"""A point in time at the precision a text gives: what a timeline entry is dated with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

__all__ = ["PAST_REACH", "Mention", "When", "valid_day", "year_for"]


def valid_day(year: int | None, month: int, day: int) -> bool:
    """Whether ``year``-``month``-``day`` exists (any leap year for a missing year)."""
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: --02-29 stays valid
    except ValueError:
        return False
    return True


PAST_REACH = 31
"""Days after publication a period told as past may still open (a text updated after
its stamp tells a day after it as done)."""


def year_for(
    month: int,
    day: int,
    published: date | None,
    future: bool,
    past: bool = False,
    *,
    whole_month: bool = False,
) -> int | None:
    """The year of a yearless day: the one that puts it nearest publication, on the right side.

    A clause told as past (``past``: "the court overturned the rules in January", said
    in November) never means a day (or, ``whole_month``, a month) opening more than
    :data:`PAST_REACH` days after publication."""
    if published is None:
        return None
    best: int | None = None
    best_gap: int | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        if not valid_day(year, month, day):
            continue
        gap = (date(year, month, day) - published).days
        # Text speaking of the future rarely means a day long past, and vice versa.
        penalty = abs(gap) + (200 if (future and gap < -7) or (not future and gap > 7) else 0)
        # Told as past, a period opening a month or more after publication is not meant.
        start = date(year, month, 1 if whole_month else day)
        if past and not future and (start - published).days > PAST_REACH:
            penalty += 1000
        if best_gap is None or penalty < best_gap:
            best, best_gap = year, penalty
    return best


@dataclass(frozen=True, slots=True)
class When:
    """A point in time at the precision the text gives."""

    precision: str
    """``day``, ``week``, ``month`` or ``year``."""
    year: int | None
    month: int = 1
    day: int = 1
    time: str | None = None

    def iso(self) -> str:
        """ISO 8601 at the text's precision; a day or month of unknown year as ``--MM-DD``."""
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
        """The first day of the period (for ordering), a missing year taken as ``fallback_year``."""
        year = self.year or fallback_year
        if not valid_day(year, self.month, self.day):
            # A yearless 29 February placed in a common year (for ordering only).
            return date(year, self.month, 28)
        return date(year, self.month, self.day)

    def last_day(self) -> date | None:
        """The last day of the period, ``None`` without a year."""
        if self.year is None:
            return None
        first = self.as_date(self.year)
        if self.precision == "year":
            return date(self.year, 12, 31)
        if self.precision == "month":
            return first + relativedelta(months=1) - timedelta(days=1)
        if self.precision == "week":
            return first + timedelta(days=6)
        return first

    def span(self) -> tuple[date, date] | None:
        """The first and last day of the period, a week taken from its Monday; ``None``
        without a year."""
        if self.year is None:
            return None
        first = self.as_date(self.year)
        if self.precision == "week":
            first -= timedelta(days=first.weekday())
            return first, first + timedelta(days=6)
        last = self.last_day()
        assert last is not None
        return first, last


@dataclass(frozen=True, slots=True)
class Mention:
    """One date expression of a sentence, resolved."""

    when: When
    start: int
    end: int
    """The expression is ``sentence[start:end]``."""
    planned: bool
    clause: tuple[int, int]
    """The clause holding the expression: ``sentence[clause[0]:clause[1]]``."""
    since: bool = False
    """Opened by "since": the period runs on to the publication."""
    week_named: bool = False
    """A weekday said with "last", "next" or "this": the writer names its week, so it
    says nothing of which week a bare weekday of the same passage is in."""
    loose: bool = False
    """A bare weekday read the past one only because nothing in its clause says
    otherwise (no future, plan, schedule or past form): the article's other
    mentions of that weekday may settle it (see :func:`settle_weekdays`)."""
    passing: bool = False
    """A day that only anchors another event ("after the March 3 referendum"): it counts
    for its date's weight but does not date the sentence's event."""
    anchor: bool = False
    """The time of the state the text tells ("as of Tuesday afternoon"): the text was
    written on or after it (see :func:`newsweave.brief.timeline_cues.written_on`)."""
    told_past: bool = False
    """A bare weekday read the past one as the day of a verb of the past right beside
    it ("said Thursday", "prices rose on Friday"): what an article says was done on
    which day of the week, read together to see when it was written (see
    :func:`newsweave.brief.timeline_cues.written_on`)."""
    past_clause: bool = False
    """A bare weekday read the past one in a clause telling the past, beside its verb
    or not ("blackened the sky as troops tried Thursday"; not "until Friday", "on the
    Tuesday night", "Monday's tornado")."""
