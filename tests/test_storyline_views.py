"""A story's storyline everywhere (issue 16 item 2): the store gives a storyline and a
story's place in it, the story JSON names the storyline and its other stories before
and after the story, and the API lists storylines and gives one with its stories.
Every test runs on SQLite and on PostgreSQL (conftest.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.webapp import SEEDS, TestClient, app_client, ingest_paths
from typer.testing import CliRunner

from conftest import BACKENDS, target_of
from newsweave.cli import app
from newsweave.cluster.headline import storyline_name
from newsweave.models import Story, StoryChanges
from newsweave.pipeline.storylines import (
    get_storyline,
    storyline_data,
    storyline_place,
    storyline_place_data,
)
from newsweave.store import open_store


def _day(n: int) -> datetime:
    return datetime(2024, 3, n, 12, tzinfo=UTC)


def _saga() -> tuple[Story, ...]:
    return (
        Story("s000011", ("a", "b"), "Middle", _day(5), _day(6), 2, storyline="l000011"),
        Story("s000012", ("c",), "First", _day(2), _day(3), 1, storyline="l000011"),
        Story("s000013", ("d", "e", "f"), "Last", _day(8), _day(9), 3, storyline="l000011"),
        Story("s000014", ("g",), "Elsewhere", _day(1), _day(1), 1, storyline="l000012"),
        Story("s000015", ("h",), "No storyline", _day(1), _day(1), 1),
    )


def test_the_store_gives_a_storyline_and_a_storys_place_in_it(db_target: str) -> None:
    with open_store(db_target) as store:
        store.apply_story_changes(StoryChanges(stories=_saga()))
        line = store.get_storyline("l000011")
        assert line is not None
        assert (line.stories, line.articles, line.name) == (3, 6, "Last")
        assert (line.first_seen, line.last_seen) == (_day(2), _day(9))
        assert store.get_storyline("l999999") is None
        assert store.storyline_headlines(["l000011", "l999999"]) == {
            "l000011": [("First", 1), ("Middle", 2), ("Last", 3)],
            "l999999": [],
        }
        assert [x.id for x in store.iter_storylines()] == ["l000011", "l000012"]
        assert [x.id for x in store.iter_storylines(limit=1, offset=1)] == ["l000012"]
        assert list(store.iter_storylines(limit=5, offset=2)) == []
        with pytest.raises(ValueError, match="negative"):
            list(store.iter_storylines(offset=-1))

        middle = store.get_story("s000011")
        assert middle is not None
        place = storyline_place(store, middle)
        assert place is not None
        assert [s.id for s in place.earlier] == ["s000012"]
        assert [s.id for s in place.later] == ["s000013"]
        data = storyline_place_data(place)
        assert data is not None
        assert (data["id"], data["name"], data["stories"]) == ("l000011", "Last", 3)
        assert data["earlier"] == [
            {
                "id": "s000012",
                "headline": "First",
                "first_seen": _day(2).isoformat(),
                "last_seen": _day(3).isoformat(),
                # The articles the store holds for it (none are stored here).
                "articles": 0,
                "independent_sources": 1,
            }
        ]
        assert (data["earlier_more"], data["later_more"]) == (0, 0)
        # A long saga lists only the nearest stories on each side and counts the rest.
        capped = storyline_place_data(place, nearest=0)
        assert capped is not None
        assert (capped["earlier"], capped["later"]) == ([], [])
        assert (capped["earlier_more"], capped["later_more"]) == (1, 1)
        alone = store.get_story("s000015")
        assert alone is not None
        assert storyline_place(store, alone) is None
        assert storyline_place_data(None) is None

        # Only the nearest stories are read: the same as the whole saga cut round it.
        assert store.storyline_neighbours("l000011", "s000015", 5) is None
        for story_id in ("s000012", "s000011", "s000013"):
            every = [s.id for s in store.storyline_stories("l000011")]
            at = every.index(story_id)
            for nearest in (0, 1, 5):
                found = store.storyline_neighbours("l000011", story_id, nearest)
                assert found is not None
                earlier, later, earlier_more, later_more = found
                assert [s.id for s in earlier] == every[max(0, at - nearest) : at]
                assert [s.id for s in later] == every[at + 1 : at + 1 + nearest]
                assert earlier_more == max(0, at - nearest)
                assert later_more == max(0, len(every) - at - 1 - nearest)
        near = storyline_place(store, middle, nearest=0)
        assert near is not None
        assert (near.earlier, near.later, near.earlier_more, near.later_more) == ((), (), 1, 1)
        assert storyline_place_data(near) == capped

        whole = storyline_data(store, "l000011")
        assert whole is not None
        assert [s["id"] for s in whole["stories"]] == ["s000012", "s000011", "s000013"]
        assert storyline_data(store, "l999999") is None


def test_the_storyline_stamp_sees_a_story_join_the_storyline(db_target: str) -> None:
    with open_store(db_target) as store:
        store.apply_story_changes(StoryChanges(stories=_saga(), upto_seq=4))
        before = store.storyline_stamp("s000011")
        assert before is not None
        assert before[:2] == ("l000011", 3)
        assert store.storyline_stamp("s000015") is None
        assert store.storyline_stamp("s999999") is None
        # Another storyline merged in: stories that did not change move.
        store.apply_story_changes(StoryChanges(storylines_merged=(("l000012", "l000011"),)))
        moved = store.storyline_stamp("s000011")
        assert moved is not None
        assert moved[:2] == ("l000011", 4)
        # A neighbour changes: its update number moves on.
        late = Story("s000013", ("d", "e", "f", "i"), "Last", _day(8), _day(10), 3)
        store.apply_story_changes(StoryChanges(stories=(_with_line(late, "l000011"),), upto_seq=9))
        assert store.storyline_stamp("s000011") == ("l000011", 4, 9)


def _with_line(story: Story, line: str) -> Story:
    from dataclasses import replace

    return replace(story, storyline=line)


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = target_of(request.param, request, tmp_path_factory.mktemp("lines") / "seed.db")
    ingest_paths(db, [str(SEEDS)])
    return db


@pytest.fixture
def client(seeded_db: str) -> Iterator[TestClient]:
    with app_client(seeded_db) as test_client:
        yield test_client


def test_the_api_story_names_its_storyline_and_the_stories_around_it(
    client: TestClient, seeded_db: str
) -> None:
    story = client.get("/api/v1/stories", params={"order": "largest"}).json()["stories"][0]
    body = client.get(f"/api/v1/stories/{story['id']}").json()
    line = body["storyline"]
    assert line["id"] == body["story"]["storyline"]
    assert line["name"] == body["story"]["headline"]
    assert (line["earlier"], line["later"]) == ([], [])
    assert line["stories"] == 1
    assert line["articles"] == 5

    # Two other developments of the saga arrive: the story itself does not change,
    # yet its JSON must list them (not a cached copy).  The seeds are undated, so a
    # dated story comes before them and an undated one of a later id after.
    with open_store(seeded_db) as store:
        store.apply_story_changes(
            StoryChanges(
                stories=(
                    Story("s900001", ("x",), "Run-up", _day(1), _day(1), 1, storyline=line["id"]),
                    Story("s900002", ("y",), "Aftermath", None, None, 1, storyline=line["id"]),
                )
            )
        )
    again = client.get(f"/api/v1/stories/{story['id']}").json()["storyline"]
    assert [s["id"] for s in again["earlier"]] == ["s900001"]
    assert [s["id"] for s in again["later"]] == ["s900002"]
    assert again["later"][0]["headline"] == "Aftermath"
    assert again["stories"] == 3
    # The page's JSON twin is the same data.
    twin = client.get(f"/stories/{story['id']}.json").json()
    assert twin["storyline"] == again

    listed = client.get("/api/v1/storylines").json()
    assert [x["id"] for x in listed["storylines"]] == [line["id"]]
    assert listed["next_cursor"] is None
    whole = client.get(f"/api/v1/storylines/{line['id']}").json()
    assert whole["storyline"]["id"] == line["id"]
    assert [s["id"] for s in whole["stories"]] == ["s900001", story["id"], "s900002"]


def test_the_storyline_routes_page_and_refuse_unknown_ids(
    client: TestClient, seeded_db: str
) -> None:
    with open_store(seeded_db) as store:
        store.apply_story_changes(
            StoryChanges(
                stories=tuple(
                    Story(
                        f"s80000{n}",
                        ("z",),
                        f"Other {n}",
                        _day(n),
                        _day(n),
                        1,
                        storyline=f"l80000{n}",
                    )
                    for n in range(1, 4)
                )
            )
        )
        expected = [line.id for line in store.iter_storylines()]
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/storylines", params=params).json()
        seen += [x["id"] for x in page["storylines"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected
    assert len(seen) >= 4
    missing = client.get("/api/v1/storylines/l999999")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    bad = client.get("/api/v1/storylines", params={"cursor": "nonsense"})
    assert bad.status_code == 400


def test_export_writes_a_storylines_briefs_in_time_order(tmp_path: Path, db_target: str) -> None:
    from tests.test_stories import _records

    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records()) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["--db", db_target, "ingest", str(path)])
    assert result.exit_code == 0, result.output
    with open_store(db_target) as store:
        lines = [line.id for line in store.iter_storylines()]
        assert len(lines) >= 2, "expected stories in several storylines"
        # Tie every storyline into the first: one saga of several stories.
        kept = lines[0]
        store.apply_story_changes(
            StoryChanges(storylines_merged=tuple((gone, kept) for gone in lines[1:]))
        )
        expected = [story.id for story in store.storyline_stories(kept)]
        named = get_storyline(store, kept)
        assert named is not None
        name = named.name
        assert name == storyline_name(store.storyline_headlines([kept])[kept])
    assert len(expected) >= 2

    result = runner.invoke(
        app, ["--db", db_target, "export", "--format", "jsonl", "--storyline", kept]
    )
    assert result.exit_code == 0, result.output
    briefs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [brief["story"] for brief in briefs] == expected
    assert {brief["storyline"] for brief in briefs} == {kept}
    firsts = [brief["first_seen"] for brief in briefs]
    assert firsts == sorted(firsts)

    markdown = runner.invoke(
        app, ["--db", db_target, "export", "--format", "md", "--storyline", kept, "--limit", "1"]
    )
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout.startswith(f"# {name}")
    assert "\n1 story.\n" in markdown.stdout

    unknown = runner.invoke(
        app, ["--db", db_target, "export", "--format", "json", "--storyline", "l999999"]
    )
    assert unknown.exit_code == 1
    assert "no storyline" in unknown.output
