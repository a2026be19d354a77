"""The home page (top stories of a period) and the blind-spot view, through the real app.

Stories are written to the store as the assigner would write them (articles,
then story changes), so each test says exactly which outlets covered what and
when; the tests run on both back ends (``db_target``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tests.webapp import app_client

from newsweave.models import Article, BiasRating, RawDocument, Source, Story, StoryChanges
from newsweave.store import open_store

DAY = datetime(2024, 3, 10, 15, 0, tzinfo=UTC)
"""The last day with articles in these stores."""

REGISTRY = [
    Source(name="Left One", bias_ratings=(BiasRating("Left", "Rater", "registry"),)),
    Source(name="Left Two", bias_ratings=(BiasRating("Lean Left", "Rater", "registry"),)),
    Source(name="Left Three", bias_ratings=(BiasRating("Left", "Rater", "registry"),)),
    Source(name="Middle", bias_ratings=(BiasRating("Center", "Rater", "registry"),)),
    Source(name="Right One", bias_ratings=(BiasRating("Right", "Rater", "registry"),)),
]


def _seed(db: str, stories: list[tuple[str, str, list[tuple[str, datetime | None]]]]) -> None:
    """Each story: (id, headline, [(outlet, published)]); one original article per outlet."""
    batch: list[tuple[RawDocument, Article]] = []
    made: list[Story] = []
    memberships: list[tuple[str, str]] = []
    for story_id, headline, items in stories:
        ids = []
        for n, (outlet, when) in enumerate(items):
            article_id = f"{story_id}-{n}"
            body = f"{headline} was reported by {outlet}. A second sentence follows here."
            raw = RawDocument(origin=article_id, content_type="text/plain", content=body)
            batch.append(
                (
                    raw,
                    Article(
                        id=article_id,
                        key=f"sha256:{article_id}",
                        title=f"{headline} ({outlet})",
                        body=body,
                        outlet=outlet,
                        published=when,
                    ),
                )
            )
            ids.append(article_id)
            memberships.append((article_id, story_id))
        times = [when for _outlet, when in items if when is not None]
        outlets = tuple(dict.fromkeys(outlet for outlet, _when in items))
        made.append(
            Story(
                id=story_id,
                article_ids=tuple(ids),
                headline=headline,
                first_seen=min(times, default=None),
                last_seen=max(times, default=None),
                independent_sources=len(outlets),
                sources=outlets,
            )
        )
    with open_store(db) as store:
        store.add_articles(batch)
        store.apply_story_changes(
            StoryChanges(
                memberships=tuple(memberships), stories=tuple(made), upto_seq=store.last_seq()
            )
        )
        store.save_sources(REGISTRY)


def _ago(days: float) -> datetime:
    return DAY - timedelta(days=days)


STORIES = [
    # Today: big, small, one-source.
    ("s-big", "Harbour bridge closes", [(o, _ago(0)) for o in ("Left One", "Middle", "Right One")]),
    ("s-two", "Museum reopens", [("Left One", _ago(0.1)), ("Middle", _ago(0))]),
    ("s-one", "Local fair opens", [("Right One", _ago(0))]),
    # Three days before: the largest story of the week.
    (
        "s-week",
        "Rail strike ends",
        [(o, _ago(3)) for o in ("Left One", "Left Two", "Left Three", "Middle", "Right One")],
    ),
    # Five days before: covered by three left outlets only (a blind spot on the right).
    (
        "s-blind",
        "River flood warning",
        [(o, _ago(5)) for o in ("Left One", "Left Two", "Left Three")],
    ),
    # Forty days before: outside the month.
    ("s-old", "Old election result", [(o, _ago(40)) for o in ("Left One", "Right One")]),
]


@pytest.fixture
def seeded(db_target: str) -> str:
    _seed(db_target, STORIES)
    return db_target


def _ids(body: dict[str, Any]) -> list[str]:
    return [story["id"] for story in body["stories"]]


def test_home_shows_the_last_day_covered_twice_ranked_by_sources(seeded: str) -> None:
    with app_client(seeded) as client:
        body = client.get("/top.json").json()
        assert body["period"]["name"] == "day"
        assert body["period"]["day"] == "2024-03-10"
        assert body["period"]["fallback"] is False
        assert _ids(body) == ["s-big", "s-two"]  # the one-source story waits for the switch
        assert client.get("/api/v1/top").json() == body  # the API gives the same
        assert client.get("/top").text == client.get("/").text
        assert _ids(client.get("/top.json?all=1").json()) == ["s-big", "s-two", "s-one"]


def test_period_switch(seeded: str) -> None:
    with app_client(seeded) as client:
        week = _ids(client.get("/top.json?period=week").json())
        # Five sources three days ago against three today, halved every 3.5 days:
        # 5 * 0.55 = 2.76 < 3, so today's three-source story leads.
        assert week[:2] == ["s-big", "s-week"]
        assert set(week) == {"s-big", "s-week", "s-two", "s-blind"}
        month = _ids(client.get("/top.json?period=month").json())
        assert "s-old" not in month
        every = _ids(client.get("/top.json?period=all").json())
        assert every[0] == "s-week"
        assert "s-old" in every
        chosen = client.get("/top.json?period=day&day=2024-03-07").json()
        assert _ids(chosen) == ["s-week"]


def test_a_day_without_shared_stories_falls_back_to_the_week(db_target: str) -> None:
    _seed(
        db_target,
        [
            ("s-one", "Local fair opens", [("Right One", _ago(0))]),
            ("s-week", "Rail strike ends", [("Left One", _ago(2)), ("Middle", _ago(2))]),
        ],
    )
    with app_client(db_target) as client:
        body = client.get("/top.json").json()
        assert body["period"]["name"] == "week"
        assert body["period"]["fallback"] is True
        assert _ids(body) == ["s-week"]
        page = client.get("/").text
        assert "no story was covered by 2 independent sources on 2024-03-10 alone" in page


def test_card_data(seeded: str) -> None:
    with app_client(seeded) as client:
        card = client.get("/top.json?period=week").json()["stories"][1]
    assert card["id"] == "s-week"
    assert card["headline"] == "Rail strike ends"
    assert card["lead"] == "Rail strike ends was reported by Left One."
    assert card["independent_sources"] == 5
    assert card["first_seen"].startswith("2024-03-07")
    bar = card["coverage"]["bar"]
    assert [(g["side"], g["outlets"], g["percent"]) for g in bar] == [
        ("left", 3, 60),
        ("center", 1, 20),
        ("right", 1, 20),
        ("unknown", 0, 0),
    ]
    assert card["coverage"]["blindspot"] is None
    names = [o["name"] for o in card["coverage"]["outlet_list"]]
    assert sorted(names) == ["Left One", "Left Three", "Left Two", "Middle", "Right One"]


def test_unrated_outlets_are_unknown_and_shares_add_up(db_target: str) -> None:
    outlets = ("Left One", "Middle", "Nobody Knows")
    _seed(db_target, [("s-x", "Bridge opens", [(o, _ago(0)) for o in outlets])])
    with app_client(db_target) as client:
        bar = client.get("/top.json").json()["stories"][0]["coverage"]["bar"]
    # One outlet each reads the same share each (no side or unknown gains from rounding).
    assert [(g["side"], g["percent"]) for g in bar] == [
        ("left", 33),
        ("center", 33),
        ("right", 0),
        ("unknown", 33),
    ]


def test_blind_spots_need_enough_rated_outlets(seeded: str) -> None:
    with app_client(seeded) as client:
        body = client.get("/blindspots.json").json()
        assert body["period"]["name"] == "week"
        assert _ids(body) == ["s-blind"]
        assert body["stories"][0]["coverage"]["blindspot"] == "right"
        assert client.get("/api/v1/blindspots").json() == body
        page = client.get("/blindspots").text
        assert "Blind spot: no outlet rated on the right covered it" in page
        assert "Harbour bridge closes" not in page  # all sides covered it


def test_cards_follow_the_registry(seeded: str) -> None:
    with app_client(seeded) as client:
        assert _ids(client.get("/blindspots.json").json()) == ["s-blind"]
        with open_store(seeded) as store:
            store.save_sources(
                [Source(name="Left Three", bias_ratings=(BiasRating("Right", "Rater", "x"),))]
            )
        # The registry moved the brief epoch: cards are made again, not served stale.
        assert _ids(client.get("/blindspots.json").json()) == []


def test_cards_follow_the_story(seeded: str) -> None:
    with app_client(seeded) as client:
        assert client.get("/top.json").json()["stories"][1]["independent_sources"] == 2
        _seed(
            seeded,
            [
                (
                    "s-two",
                    "Museum reopens",
                    [(o, _ago(0)) for o in ("Left One", "Middle", "Left Two", "Right One")],
                )
            ],
        )
        cards = client.get("/top.json").json()["stories"]
        assert [c["id"] for c in cards] == ["s-two", "s-big"]
        assert cards[0]["coverage"]["outlets_total"] == 4


def test_home_page_html(seeded: str) -> None:
    with app_client(seeded) as client:
        response = client.get("/")
        assert response.status_code == 200
        page = response.text
    assert "<h1>Top stories</h1>" in page
    assert '<link rel="alternate" type="application/json" href="/top.json">' in page
    assert page.index("Harbour bridge closes") < page.index("Museum reopens")
    assert "Local fair opens" not in page
    # The coverage bar: segments left to right, each as wide as its share.
    first = page[page.index("Harbour bridge closes") : page.index("Museum reopens")]
    widths = re.findall(r'class="seg seg-(\w+)" style="width: ([\d.]+)%"', first)
    assert widths == [("left", "33.33"), ("center", "33.33"), ("right", "33.33")]
    label = "Coverage by outlets' rating: Left 33%, Center 33%, Right 33% of 3 outlets"
    assert f'aria-label="{label}"' in first
    assert re.search(
        r'<p class="outlets">(Left One|Middle|Right One)(, (Left One|Middle|Right One)){2}</p>',
        first,
    )
    assert 'href="/?period=week"' in page
    assert 'href="/?period=day&amp;all=1"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/top.json?period=year",
        "/top.json?day=yesterday",
        "/top.json?limit=0",
        "/blindspots?period=x",
    ],
)
def test_bad_parameters_are_400(seeded: str, path: str) -> None:
    with app_client(seeded) as client:
        response = client.get(path)
    assert response.status_code == 400


def test_empty_store(db_target: str) -> None:
    with app_client(db_target) as client:
        body = client.get("/top.json").json()
        assert body["stories"] == []
        assert body["period"]["day"] is None
        assert "No stories yet" in client.get("/").text
        assert client.get("/blindspots").status_code == 200


def test_undated_stories_are_ranked_by_sources(db_target: str) -> None:
    # Page dumps often carry no date: there is no "last day", every story counts.
    _seed(
        db_target,
        [
            ("s-a", "Bridge opens", [("Left One", None), ("Middle", None)]),
            ("s-b", "Dam bursts", [(o, None) for o in ("Left One", "Middle", "Right One")]),
        ],
    )
    with app_client(db_target) as client:
        body = client.get("/top.json").json()
        assert body["period"]["name"] == "all"
        assert _ids(body) == ["s-b", "s-a"]
        assert "All stories (their articles carry no dates)." in client.get("/").text
