"""Day-of-month date features of an article's text for story clustering (``"@aug 4"``).

Written dates in either order ("August 4", "4 August") and, with a publication
date, weekdays and "yesterday" / "today" / "tomorrow" resolved against it, so one
event told "on Tuesday" and "on August 4" shares its feature.
:mod:`newsweave.cluster.features` counts them beside its terms and names.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from newsweave.text import FUTURE_TENSE, MONTH_NAMES, MONTHS, WEEKDAYS, sentence_spans, weekday_date

__all__ = ["DAY_SHIFTS", "date_features"]

# Days named relative to the publication day -> how many days from it.
DAY_SHIFTS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_MONTH_SPELLINGS = frozenset(
    spelling for month in MONTHS for spelling in (month, month.title(), month.upper())
)


def _day_spellings(*words: str) -> tuple[str, ...]:
    """``words`` and their possessives ("Tuesday's vote", "today's talks")."""
    return (*words, *(word + end for word in words for end in ("'s", "’s")))


# A date feature names its month by these (``"@jul 2"`` for July 2, Jul 2 and 2 July).
_MONTH_NAMES = tuple(name[:3] for name in MONTH_NAMES)
_WEEKDAY_SPELLINGS = {
    spelling: number
    for day, number in WEEKDAYS.items()
    for spelling in _day_spellings(day.title(), day.upper())
}
# Where a weekday spelling occurs as a whole token (as the features' tokens split it):
# "Friday" is not found inside "Fridays" or "Friday's".
_WEEKDAY_AT = {
    spelling: re.compile(
        rf"(?<![^\W\d_])(?<![^\W\d_]['’]){re.escape(spelling)}(?![^\W\d_]|['’][^\W\d_])"
    )
    for spelling in _WEEKDAY_SPELLINGS
}
_RELATIVE_DAYS = {
    spelling: shift
    for word, shift in DAY_SHIFTS.items()
    for spelling in _day_spellings(word, word.title())
}
_DATE_SPELLINGS = _MONTH_SPELLINGS | frozenset(_WEEKDAY_SPELLINGS) | frozenset(_RELATIVE_DAYS)


def _date_key(month: int, day: int) -> str:
    return f"@{_MONTH_NAMES[month - 1]} {day}"


def date_features(tokens: list[str], published: date | None, text: str) -> list[str]:
    """Day-of-month date features of ``tokens``, as ``"@aug 4"``.

    Written dates in either order (``August 4``, ``4 August``, ``Aug 4``) and, when
    the publication date is known, days named relative to it (``Tuesday``, ``last
    Friday``, ``next Monday``, ``yesterday``), so one event reported as "on
    Tuesday" and as "on August 4" shares its date feature.  Weekdays resolve as in
    the brief's timeline (:func:`~newsweave.text.weekday_date`): a bare one is the
    coming such day when its sentence in ``text`` speaks of the future ("will
    meet on Friday"), else the latest up to the publication date.
    """
    found: list[str] = []
    seen: dict[str, int] = {}
    spans: list[tuple[int, int]] | None = None  # the sentences, split when first needed
    last = len(tokens) - 1
    words = _MONTH_SPELLINGS if published is None else _DATE_SPELLINGS
    for index in [i for i, token in enumerate(tokens) if token in words]:
        token = tokens[index]
        if token in _MONTH_SPELLINGS:
            after = tokens[index + 1] if index < last else ""
            before = tokens[index - 1] if index > 0 else ""
            if after.isdigit() and len(after) <= 2 and 0 < int(after) <= 31:
                found.append(_date_key(MONTHS[token.lower()], int(after)))
            elif (
                token[0].isupper()
                and before.isdigit()
                and len(before) <= 2
                and 0 < int(before) <= 31
            ):
                found.append(_date_key(MONTHS[token.lower()], int(before)))
        elif published is not None:  # a weekday or a relative day
            try:
                weekday = _WEEKDAY_SPELLINGS.get(token)
                if weekday is not None:
                    before = tokens[index - 1].lower() if index > 0 else ""
                    # The tokens come in text order: the next occurrence is this one.
                    occurrence = _WEEKDAY_AT[token].search(text, seen.get(token, 0))
                    at = occurrence.start() if occurrence else -1
                    seen[token] = occurrence.end() if occurrence else len(text)
                    future = False
                    if at >= 0:
                        if spans is None:
                            spans = sentence_spans(text)
                        future = _future_sentence(text, at, spans)
                    day = weekday_date(weekday, published, relation=before, future=future)
                else:
                    day = published + timedelta(days=_RELATIVE_DAYS[token])
            except OverflowError:  # a publication date at the end of the calendar
                continue
            found.append(_date_key(day.month, day.day))
    return found


def _future_sentence(text: str, at: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the sentence of ``text`` (among ``spans``) holding position ``at`` speaks
    of the future."""
    index = bisect.bisect_right(spans, (at, len(text))) - 1
    if index < 0 or at >= spans[index][1]:
        return False
    start, end = spans[index]
    return FUTURE_TENSE.search(text, start, end) is not None
