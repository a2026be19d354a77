"""Closed stories (``ClusterOptions.closed_gap``): weeks after a story's last dated
member, an article dated by metadata no longer joins it, however alike; a date
read from the text closes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsweave.cluster import ClusterOptions, StoryClusterer
from newsweave.cluster.scoring import is_closed
from newsweave.cluster.state import StoryState
from newsweave.errors import ConfigError
from newsweave.models import Article, DateSource

START = datetime(2024, 3, 1, 9, tzinfo=UTC)
REPORT = (
    "Flooding along the Tarrow river forced 300 families from Ostend Vale on Monday. "
    "Mayor Lina Corvo of Ostend Vale opened two school halls as shelters. "
    "The Tarrow rose 4.2 metres above its usual level, the regional water board said."
)


def _report(number: int, published: datetime, source: DateSource | None) -> Article:
    sentences = REPORT.split(". ")
    order = sentences[number % 3 :] + sentences[: number % 3]
    return Article(
        id=f"r{number:03d}",
        key=f"test:{number}",
        title="Tarrow floods force families from Ostend Vale",
        body=". ".join(order),
        outlet=f"Outlet {number}",
        published=published,
        date_source=source,
    )


def _stories(articles: list[Article], options: ClusterOptions) -> list[str]:
    clusterer = StoryClusterer(options=options)
    for article in articles:
        clusterer.assign(article)
    return [clusterer.story_of(article.id) for article in articles]


@pytest.mark.parametrize("source", ["input", "page"])
def test_a_metadata_date_weeks_later_starts_a_new_story(source: DateSource) -> None:
    # One early report: a story small enough for the later one to adopt, but for the rule.
    early = _report(0, START, source)
    late = [_report(n, START + timedelta(days=30, hours=n), source) for n in range(1, 9)]
    stories = _stories([early, *late], ClusterOptions())
    assert len(set(stories[1:])) == 1
    # Neither taken, nor merged nor adopted as the later story grows past its settles.
    assert stories[0] != stories[1]


def test_text_dates_and_a_lapse_within_the_gap_close_nothing() -> None:
    early = [_report(n, START + timedelta(hours=n), "text") for n in range(3)]
    late = [_report(n, START + timedelta(days=30, hours=n), "text") for n in range(3, 9)]
    assert len(set(_stories(early + late, ClusterOptions()))) == 1
    near = [replace(a, date_source="input") for a in early] + [
        _report(n, START + timedelta(days=20, hours=n), "input") for n in range(3, 9)
    ]
    assert len(set(_stories(near, ClusterOptions()))) == 1
    off = [replace(a, date_source="input") for a in early + late]
    assert len(set(_stories(off, ClusterOptions(closed_gap=None)))) == 1


def test_closed_means_no_dated_member_within_the_gap_either_way() -> None:
    story = StoryState(id="s000001", article_ids=[], centroid={})
    options = ClusterOptions(closed_gap=timedelta(days=21))
    day = datetime(2024, 3, 1)
    assert not is_closed(story, day, options)  # an undated story closes to nothing
    story.dates = [day, day + timedelta(days=3)]
    assert not is_closed(story, day + timedelta(days=24), options)
    assert is_closed(story, day + timedelta(days=25), options)
    assert is_closed(story, day - timedelta(days=22), options)
    assert not is_closed(story, None, options)
    assert not is_closed(story, day + timedelta(days=99), replace(options, closed_gap=None))
    with pytest.raises(ConfigError, match="closed_gap"):
        ClusterOptions(closed_gap=timedelta(days=-1))
