"""The home page and the blind-spot view: the top stories of a period, as cards.

The period ends with the last day that has articles (or a chosen ``day``):
``day`` is that day, ``week`` the seven days up to it, ``month`` thirty, ``all``
everything.  When the default one-day period has no story with enough
independent sources, the week is shown instead (then all time), and the data
says so.

Stories are ranked by independent sources, discounted by age: a story's score is
its independent sources halved for every half of the period that passed
between its last article and the period's end, so yesterday's ten-source story
and today's six-source story compete, while an old story does not stay on top
for the whole period.  Only the stories of the period with the most sources are
ranked (``CANDIDATES``); reading them is one indexed query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from newsweave.brief.coverage import BLINDSPOT_MIN_RATED
from newsweave.store import Store
from newsweave.store.serving import StoryQuery, StoryRow
from newsweave.web.briefs import BriefService
from newsweave.web.cards import CardCache, name_storylines

__all__ = [
    "BLINDSPOT_MIN_SOURCES",
    "PERIODS",
    "HomeQuery",
    "blindspot_data",
    "home_data",
    "home_query",
]

Data = dict[str, Any]

PERIODS: dict[str, int | None] = {"day": 1, "week": 7, "month": 30, "all": None}
"""Period names and their length in days (``None``: no limit)."""
DEFAULT_MIN_SOURCES = 2
BLINDSPOT_MIN_SOURCES = BLINDSPOT_MIN_RATED
"""Independent sources a story needs to be looked at for a blind spot: a blind spot
needs that many outlets rated on a side (and copies of one text say one thing)."""
CANDIDATES = 200
"""Stories of the period (most independent sources first) that are ranked for the page."""
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class HomeQuery:
    """What the home page was asked: period, end day, minimum sources, how many stories."""

    period: str | None = None
    """``day``, ``week``, ``month`` or ``all``; ``None``: the day, widened when empty."""
    day: date | None = None
    """The period's last day; ``None``: the last day with articles."""
    min_sources: int = DEFAULT_MIN_SOURCES
    limit: int = 20


def home_query(params: Mapping[str, str], *, page_size: int) -> HomeQuery:
    """A :class:`HomeQuery` from query parameters; ``ValueError`` names the bad one.

    ``period`` (day, week, month, all), ``day`` (YYYY-MM-DD, the period's last
    day), ``all=1`` (every story, even with one source), ``limit``.
    """
    period = (params.get("period") or "").strip() or None
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    day_text = (params.get("day") or "").strip()
    try:
        day = date.fromisoformat(day_text) if day_text else None
    except ValueError as exc:
        raise ValueError(f"day={day_text!r} is not a date such as 2023-05-04") from exc
    show_all = (params.get("all") or "").strip().casefold() in {"1", "true", "yes", "on"}
    limit_text = (params.get("limit") or "").strip()
    if limit_text and not limit_text.isdigit():
        raise ValueError("limit must be a whole number")
    limit = int(limit_text) if limit_text else page_size
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    return HomeQuery(
        period=period, day=day, min_sources=1 if show_all else DEFAULT_MIN_SOURCES, limit=limit
    )


def _bounds(end_day: date | None, days: int | None) -> tuple[datetime | None, datetime | None]:
    if end_day is None or days is None:
        # All time: undated stories too (they have no time to compare with an end).
        return None, None
    until = datetime.combine(end_day, time.max, tzinfo=UTC)
    since = datetime.combine(end_day - timedelta(days=days - 1), time.min, tzinfo=UTC)
    return since, until


def _ranked(rows: list[StoryRow], since: datetime | None, until: datetime | None) -> list[StoryRow]:
    if since is None or until is None:
        return sorted(rows, key=lambda r: (-r.independent_sources, -_ts(r), r.id))
    half_life = (until - since).total_seconds() / 2

    end = until.timestamp()

    def score(row: StoryRow) -> float:
        last = _ts(row)
        age = end - last if last else 2 * half_life
        return float(row.independent_sources * 0.5 ** (max(0.0, age) / half_life))

    return sorted(rows, key=lambda r: (-score(r), -_ts(r), r.id))


def _ts(row: StoryRow) -> float:
    """The story's last article time as a POSIX time (0: unknown); naive times are UTC."""
    last = row.last_seen or row.first_seen
    if last is None:
        return 0.0
    aware = last if last.tzinfo is not None else last.replace(tzinfo=UTC)
    return aware.timestamp()


def _top(
    store: Store, period: str, end_day: date | None, min_sources: int
) -> tuple[list[StoryRow], datetime | None, datetime | None]:
    since, until = _bounds(end_day, PERIODS[period])
    page = store.story_page(
        StoryQuery(
            order="largest", since=since, until=until, min_sources=min_sources, limit=CANDIDATES
        )
    )
    return _ranked(list(page.items), since, until), since, until


def _period_data(
    period: str, since: datetime | None, until: datetime | None, end_day: date | None
) -> Data:
    return {
        "name": period,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "day": end_day.isoformat() if end_day else None,
    }


def _end_day(store: Store, query: HomeQuery) -> date | None:
    if query.day is not None:
        return query.day
    latest = store.latest_story_time()
    return None if latest is None else latest.astimezone(UTC).date()


def home_data(store: Store, query: HomeQuery, cards: CardCache, briefs: BriefService) -> Data:
    """The top stories of the period, as cards (see the module docstring)."""
    end_day = _end_day(store, query)
    # Without any dated story there is no "last day": every story, by sources.
    period = "all" if end_day is None else query.period or "day"
    fallback = False
    rows, since, until = _top(store, period, end_day, query.min_sources)
    for wider in ("week", "all"):
        if rows or query.period is not None or period == "all":
            break
        # Nothing covered twice on the last day: the week up to it, then every story
        # (undated stories belong to no day).
        period, fallback = wider, True
        rows, since, until = _top(store, period, end_day, query.min_sources)
    shown = rows[: query.limit]
    for row in shown:
        if row.brief_seq is None or row.brief_seq < row.updated_seq:
            briefs.schedule(row.id)
    stories = cards.cards(store, shown)
    return {
        "period": {
            **_period_data(period, since, until, end_day),
            "fallback": fallback,
            "day_chosen": query.day is not None,
        },
        "periods": list(PERIODS),
        "min_sources": query.min_sources,
        "stories": stories,
        "more": len(rows) > query.limit,
    }


def blindspot_data(store: Store, query: HomeQuery, cards: CardCache) -> Data:
    """Stories of the period that one side did not cover, when enough rated outlets did."""
    end_day = _end_day(store, query)
    period = "all" if end_day is None else query.period or "week"
    min_sources = max(query.min_sources, BLINDSPOT_MIN_SOURCES)
    rows, since, until = _top(store, period, end_day, min_sources)
    every = cards.cards(store, rows, storylines=False)
    stories = name_storylines(
        store, [c for c in every if c["coverage"]["blindspot"]][: query.limit], cards
    )
    return {
        "period": {
            **_period_data(period, since, until, end_day),
            "fallback": False,
            "day_chosen": query.day is not None,
        },
        "periods": list(PERIODS),
        "min_sources": BLINDSPOT_MIN_SOURCES,
        "stories": stories,
        "more": False,
    }
