"""Stories in the store: ingest assigns them, the CLI lists and rebuilds them.

The tests taking ``db_target`` or ``new_target`` run on SQLite and PostgreSQL
(conftest.py), including two ingest processes writing to one database at once.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import newsweave
from conftest import raw_connection
from newsweave.cli import app
from newsweave.cluster.assign import StoryAssigner
from newsweave.code_digest import ASSIGNMENT_CODE, assignment_code_digest, source_digest
from newsweave.config import load_settings
from newsweave.dedup import DuplicateDetector
from newsweave.ingest import read_inputs
from newsweave.models import Article, InputFailure, RawDocument, StoryChanges, StoryEvent
from newsweave.pipeline.ingest import ingest_documents
from newsweave.pipeline.stories import STATE_NAME, open_assigner, recluster_store, save_assigner
from newsweave.store import PostgresStore, SQLiteStore, Store, open_store
from newsweave.store.base import SavedState

# Eight facts per event; each outlet reports three of them in its own words, so
# reports of one event share names and topic words but no sentences.
EVENTS = {
    "quake": (
        "A magnitude 6.1 earthquake struck near Lorvik in Westmark on Tuesday",
        "At least 14 people died when houses collapsed in the old town of Lorvik",
        "Governor Anna Brandt said rescue teams worked through the night in Lorvik",
        "The Westmark Geological Survey put the depth of the quake at 10 kilometres",
        "Schools across Lorvik stay closed until Friday while engineers inspect them",
        "Brandt asked the Westmark parliament for emergency funds for Lorvik families",
        "Aftershocks rattled Lorvik again on Wednesday morning, the survey reported",
        "Hospitals in Westmark treated more than 90 injured people from Lorvik",
    ),
    "budget": (
        "The Dunmore city council approved a budget of 410 million dollars on Monday",
        "Mayor Ellen Varga said the Dunmore plan pays for 40 new buses",
        "Two libraries will open in Dunmore under the spending plan Varga proposed",
        "Council member Raj Patel voted against the Dunmore budget over property taxes",
        "Patel argued that Dunmore homeowners already pay the highest rates in the region",
        "The Dunmore budget takes effect on July 1 after a final reading",
        "Varga told reporters in Dunmore that the bus fleet will be electric by 2030",
        "Dunmore residents packed the council chamber for the four-hour budget debate",
    ),
    "launch": (
        "The Kestrel Space Agency launched the Aurora-3 weather satellite from Port Halden",
        "Aurora-3 reached orbit 12 minutes after the Kestrel rocket lifted off at dawn",
        "Kestrel director Maria Sousa said Aurora-3 will sharpen storm forecasts",
        "Farmers near Port Halden watched the Kestrel launch from the harbour wall",
        "The Aurora-3 satellite carries four instruments built by Kestrel engineers",
        "Sousa said Kestrel plans a fourth Aurora satellite launch from Port Halden in 2026",
        "Kestrel paid 85 million euros for the Aurora-3 mission, Sousa told reporters",
        "Aurora-3 will send its first storm images to Kestrel within two weeks",
    ),
}


def _records() -> list[dict[str, str]]:
    records: list[dict[str, str]] = []
    for round_ in range(4):
        for event, facts in EVENTS.items():
            picked = [facts[2 * round_], facts[2 * round_ + 1], facts[(2 * round_ + 2) % 8]]
            records.append(
                {
                    "id": f"{event}-{round_}",
                    "url": f"https://outlet{round_}.example/{event}",
                    "title": picked[0][:70],
                    "text": ". ".join(picked) + ".",
                    "source": f"Outlet {round_}",
                    "published": f"2024-06-{10 + round_:02d}T08:00:00+00:00",
                }
            )
    # An exact copy by another outlet (syndication) and a copy the same outlet
    # published again under a second address.
    copy = dict(records[0], id="quake-copy", source="Outlet 9", url="https://o9.example/q")
    again = dict(records[1], id="budget-again", url="https://outlet0.example/budget-2")
    return [*records, copy, again]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records()) + "\n", encoding="utf-8")
    return path


def _documents(path: Path) -> list[RawDocument]:
    found = list(read_inputs([str(path)], settings=load_settings()))
    assert not [item for item in found if isinstance(item, InputFailure)]
    return [item for item in found if isinstance(item, RawDocument)]


def _story_state(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Everything stories-related in the database, comparable across runs and back ends."""
    target = store.url if isinstance(store, PostgresStore) else str(getattr(store, "path", ""))
    with raw_connection(target) as conn:
        articles = conn.execute(
            "SELECT id, story_id, link_kind, link_to, link_score FROM articles ORDER BY seq"
        ).fetchall()
        stories = conn.execute(
            "SELECT id, headline, articles, independent_sources, sources, groups, first_seen, "
            "last_seen, storyline FROM stories ORDER BY id"
        ).fetchall()
    return [tuple(row) for row in articles], [tuple(row) for row in stories]


def _ingest(store: Store, documents: Sequence[RawDocument], batch: int) -> None:
    stories = open_assigner(store)
    ingest_documents(documents, store, batch_size=batch, stories=stories)
    save_assigner(store, stories)


def test_ingest_assigns_stories_and_links_copies(corpus: Path, db_target: str) -> None:
    with open_store(db_target) as store:
        _ingest(store, _documents(corpus), 5)
        by_article = {a.record_id: store.story_of(a.id) for a in store.iter_articles()}
        assert None not in by_article.values()
        for event in EVENTS:
            assert len({by_article[f"{event}-{n}"] for n in range(4)}) == 1, event
        assert len({by_article[f"{event}-0"] for event in EVENTS}) == 3
        assert store.count_stories() == 3
        quake = store.get_story(str(by_article["quake-0"]))
        assert quake is not None
        assert len(quake.article_ids) == 5
        # The copy by Outlet 9 adds an article, not an independent source.
        assert quake.independent_sources == 4
        assert [g.kinds for g in quake.groups] == [("exact",)]
        ids = {a.record_id: a.id for a in store.iter_articles()}
        match = store.get_match(ids["quake-copy"])
        assert match is not None
        assert (match.kind, match.original_id) == ("exact", ids["quake-0"])
        assert store.get_match(ids["quake-0"]) is None


def test_copies_join_their_original_unscored_and_rewrites_are_scored() -> None:
    facts = EVENTS["quake"]
    body = ". ".join(facts[:6]) + "."

    def article(number: int, text: str) -> Article:
        return Article(
            id=f"a{number}", key=f"k{number}", title=facts[0], body=text, outlet=f"O{number}"
        )

    assigner = StoryAssigner()
    first = assigner.assign(article(1, body))
    copy = assigner.assign(article(2, body))
    assert copy.match is not None
    assert copy.match.kind == "exact"
    assert copy.story_id == first.story_id
    clusterer = assigner._clusterer
    # The copy was not scored: the document frequencies learnt one document.
    assert clusterer._frequencies.documents == 1
    rewrite = assigner.assign(article(3, ". ".join(reversed(facts[:6])) + "."))
    assert rewrite.match is not None
    assert rewrite.match.kind == "rewrite"
    assert rewrite.story_id == first.story_id
    assert clusterer._frequencies.documents == 2


def test_seeds_are_one_story_with_five_independent_sources(
    seed_paths: list[Path], tmp_path: Path
) -> None:
    documents = [
        item
        for item in read_inputs([str(p) for p in seed_paths], settings=load_settings())
        if isinstance(item, RawDocument)
    ]
    assert len(documents) == 5
    with SQLiteStore(tmp_path / "db.sqlite") as store:
        _ingest(store, documents, 200)
        [story] = list(store.iter_stories())
        assert len(story.article_ids) == 5
        # Five outlets, none copying another; one is an AI summary of a broadcaster's
        # video, and counts as that broadcaster.
        assert story.independent_sources == 5
        assert any("Broadcasting" in source for source in story.sources)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    batch=st.integers(min_value=1, max_value=20),
    split=st.integers(min_value=0, max_value=14),
    twice=st.booleans(),
)
def test_batches_reopening_and_reingesting_change_nothing(
    corpus: Path, new_target: Callable[[], str], batch: int, split: int, twice: bool
) -> None:
    documents = _documents(corpus)
    with open_store(new_target()) as store:
        _ingest(store, documents, len(documents))
        expected = _story_state(store)
    many = new_target()
    with open_store(many) as store:
        # Two runs (a second process reopening the saved state), any batch size,
        # and optionally everything ingested once more.
        _ingest(store, documents[:split], batch)
    with open_store(many) as store:
        _ingest(store, documents[split:], batch)
        if twice:
            _ingest(store, documents, batch)
        assert _story_state(store) == expected


def test_a_second_writer_catches_up_before_assigning(corpus: Path, db_target: str) -> None:
    documents = _documents(corpus)
    with open_store(db_target) as first, open_store(db_target) as second:
        one, two = open_assigner(first), open_assigner(second)
        ingest_documents(documents[:7], first, stories=one)
        # ``two`` never saw those seven: it assigns them first, inside its transaction.
        ingest_documents(documents[7:], second, stories=two)
        save_assigner(second, two)
        assert two.upto_seq == second.last_seq()
        incremental = _story_state(second)
        recluster_store(second)
        assert _story_state(second) == incremental


def test_catch_up_tells_its_total_before_it_starts(corpus: Path, db_target: str) -> None:
    documents = _documents(corpus)
    with open_store(db_target) as store:
        _ingest(store, documents[:4], 5)  # the snapshot is saved here
        saved = store.count_articles()
        ingest_documents(documents[4:9], store, stories=open_assigner(store))  # not saved
        pending = store.count_articles() - saved
        assert pending > 0
        assert store.count_articles_after(0) == store.count_articles()
        totals: list[int] = []
        advanced: list[int] = []
        assigner = open_assigner(store, progress=advanced.append, on_total=totals.append)
        assert totals == [pending]
        assert sum(advanced) == pending
        assert assigner.upto_seq == store.last_seq()
        assert store.count_articles_after(store.last_seq()) == 0


def test_unusable_snapshot_is_rebuilt_from_the_articles(corpus: Path, db_target: str) -> None:
    with open_store(db_target) as store:
        _ingest(store, _documents(corpus), 50)
        before = _story_state(store)
        saved = store.load_state(STATE_NAME)
        assert saved is not None
        store.save_state(STATE_NAME, SavedState(saved.format, saved.upto_seq, b"not a pickle"))
        assigner = open_assigner(store)
        assert assigner.upto_seq == store.last_seq()
        assert _story_state(store) == before
        # A snapshot of other options is not loaded either.
        # (At the same upto_seq: a state older than the saved one is never written.)
        store.save_state(STATE_NAME, SavedState("newsweave 0.0 other", saved.upto_seq, saved.data))
        assert open_assigner(store).upto_seq == store.last_seq()
        assert _story_state(store) == before


def test_snapshot_of_another_dedup_state_version_is_rebuilt(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A snapshot holds the detector's objects as they were: one of an older
    # shape must not be loaded into newer code, whatever the options.
    with SQLiteStore(tmp_path / "db.sqlite") as store:
        _ingest(store, _documents(corpus), 50)
        before = _story_state(store)
        saved = store.load_state(STATE_NAME)
        assert saved is not None
        monkeypatch.setattr(DuplicateDetector, "STATE_VERSION", DuplicateDetector.STATE_VERSION + 1)
        assigner = open_assigner(store)
        assert assigner.format != saved.format
        rebuilt = store.load_state(STATE_NAME)
        assert rebuilt is not None
        assert rebuilt.format == assigner.format
        assert _story_state(store) == before


def test_snapshot_format_names_the_assignment_code(tmp_path: Path) -> None:
    # A snapshot made by other clustering or dedup code must not be continued by
    # this code, even under the same version and options.
    package = Path(newsweave.__file__).parent
    copy = tmp_path / "newsweave"
    for name in (*ASSIGNMENT_CODE, "web"):
        source = package / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.mkdir(exist_ok=True)
            shutil.copy(source, copy / name)
    original = source_digest(copy)
    assert original == assignment_code_digest() != "-"
    assert assignment_code_digest() in StoryAssigner().format
    (copy / "web" / "app.py").write_text("# unrelated to assignments\n", "utf-8")
    assert source_digest(copy) == original
    features = copy / "cluster" / "features.py"
    features.write_text(features.read_text("utf-8") + "\n# changed\n", "utf-8")
    assert source_digest(copy) != original
    assert source_digest(tmp_path / "nothing-here") == "-"


def test_a_failing_assignment_stores_nothing(corpus: Path, tmp_path: Path) -> None:
    documents = _documents(corpus)

    class Broken(StoryAssigner):
        def __call__(self, articles: Sequence[tuple[int, Article]]) -> StoryChanges:
            raise RuntimeError("assignment failed")

    with SQLiteStore(tmp_path / "db.sqlite") as store:
        ingest_documents(documents[:3], store, stories=StoryAssigner())
        with pytest.raises(RuntimeError, match="assignment failed"):
            ingest_documents(documents[3:], store, stories=Broken())
        assert store.count_articles() == 3


def test_merges_are_history_and_old_ids_resolve(db_target: str) -> None:
    with open_store(db_target) as store:
        event = StoryEvent(kind="merge", story_id="s000001", other_id="s000002", at_article="x")
        store.apply_story_changes(StoryChanges(events=(event,)))
        assert store.resolve_story("s000002") is None  # s000001 has no row yet
        from newsweave.models import Story

        store.apply_story_changes(StoryChanges(stories=(Story("s000001", ()),)))
        assert store.resolve_story("s000002") == "s000001"
        assert store.resolve_story("s000001") == "s000001"
        assert store.resolve_story("s999999") is None
        assert store.story_events("s000002") == [event]


def test_storyline_merges_move_stories_that_did_not_change(db_target: str) -> None:
    from newsweave.models import Story

    with open_store(db_target) as store:
        one, two = Story("s000001", (), storyline="l000001"), Story("s000002", ())
        store.apply_story_changes(
            StoryChanges(stories=(one, dataclasses.replace(two, storyline="l000002")))
        )
        assert [s.storyline for s in store.iter_stories(order="oldest")] == [
            "l000001",
            "l000002",
        ]
        store.apply_story_changes(StoryChanges(storylines_merged=(("l000002", "l000001"),)))
        assert store.get_story("s000002").storyline == "l000001"  # type: ignore[union-attr]
        assert store.get_story("s000001").storyline == "l000001"  # type: ignore[union-attr]


def test_storylines_are_listed_with_counts_dates_and_the_largest_storys_headline(
    db_target: str,
) -> None:
    from datetime import UTC, datetime, timedelta, timezone

    from newsweave.models import Story

    def day(n: int) -> datetime:
        return datetime(2024, 3, n, 12, tzinfo=UTC)

    stories = (
        Story("s000001", ("a", "b"), "Small one", day(5), day(6), 2, storyline="l000001"),
        # Same instant as day 2 12:00 UTC, written with another offset.
        Story(
            "s000002",
            ("c", "d", "e"),
            "Largest one",
            day(2).astimezone(timezone(timedelta(hours=-5))),
            day(9),
            1,
            storyline="l000001",
        ),
        Story("s000003", ("f",), "Alone", day(1), day(1), 1, storyline="l000002"),
        Story("s000004", ("g",), "Undated", None, None, 1, storyline="l000001"),
    )
    with open_store(db_target) as store:
        store.apply_story_changes(StoryChanges(stories=stories))
        lines = list(store.iter_storylines())
        assert [(line.id, line.stories, line.articles, line.name) for line in lines] == [
            ("l000001", 3, 6, "Largest one"),
            ("l000002", 1, 1, "Alone"),
        ]
        assert (lines[0].first_seen, lines[0].last_seen) == (day(2), day(9))
        ordered = store.storyline_stories("l000001")
        assert [story.id for story in ordered] == ["s000002", "s000001", "s000004"]
        assert store.storyline_stories("l999999") == []


def test_stories_storylines_and_storyline_commands(corpus: Path, db_target: str) -> None:
    from newsweave.cluster.headline import storyline_name

    runner = CliRunner()
    result = runner.invoke(app, ["--db", db_target, "ingest", str(corpus)])
    assert result.exit_code == 0, result.output
    stories = [
        json.loads(line)
        for line in runner.invoke(app, ["--db", db_target, "stories", "--json"]).output.splitlines()
    ]
    result = runner.invoke(app, ["--db", db_target, "stories", "--storylines", "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert sorted(line["id"] for line in lines) == sorted({s["storyline"] for s in stories})
    assert sum(line["stories"] for line in lines) == len(stories)
    assert sum(line["articles"] for line in lines) == 14
    for line in lines:
        members = [s for s in stories if s["storyline"] == line["id"]]
        in_time = sorted(members, key=lambda s: (s["first_seen"] is None, s["first_seen"], s["id"]))
        assert line["name"] == storyline_name([(s["headline"], s["articles"]) for s in in_time])
        listed = runner.invoke(
            app, ["--db", db_target, "stories", "--storyline", line["id"], "--json"]
        )
        assert listed.exit_code == 0, listed.output
        shown = [json.loads(row) for row in listed.output.splitlines()]
        assert sorted(s["id"] for s in shown) == sorted(s["id"] for s in members)
        firsts = [s["first_seen"] for s in shown]
        assert firsts == sorted(firsts)
    plain = runner.invoke(app, ["--db", db_target, "stories", "--storylines"])
    header, *rows = plain.output.splitlines()
    assert header.split()[:3] == ["storyline", "stories", "articles"]
    assert len(rows) == len(lines)
    unknown = runner.invoke(app, ["--db", db_target, "stories", "--storyline", "l999999"])
    assert unknown.exit_code == 1
    assert "no storyline" in unknown.output
    both = runner.invoke(
        app, ["--db", db_target, "stories", "--storylines", "--storyline", "l000001"]
    )
    assert both.exit_code == 2


def test_stories_and_recluster_commands(corpus: Path, db_target: str) -> None:
    runner = CliRunner()
    db = db_target
    result = runner.invoke(app, ["--db", db, "ingest", str(corpus)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--db", db, "stories", "--json", "--order", "largest"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [row["articles"] for row in rows] == [5, 5, 4]
    assert {row["independent_sources"] for row in rows} == {4}
    copies = [c for row in rows for g in row["collapsed"] for c in g["copies"]]
    assert sorted(c["kind"] for c in copies) == ["exact", "exact"]
    listing = runner.invoke(app, ["--db", db, "stories"])
    assert listing.exit_code == 0
    header, *lines = listing.output.splitlines()
    assert header.split()[:3] == ["story", "articles", "sources"]
    assert len(lines) == 3
    result = runner.invoke(app, ["--db", db, "recluster"])
    assert result.exit_code == 0, result.output
    assert "14 articles in 3 stories" in result.output
    again = runner.invoke(app, ["--db", db, "stories", "--json", "--order", "largest"])
    assert [json.loads(line) for line in again.output.splitlines()] == rows
    bad = runner.invoke(app, ["--db", db, "stories", "--order", "sideways"])
    assert bad.exit_code == 2


def test_open_store_memory_has_story_tables() -> None:
    with open_store(":memory:") as store:
        assert store.count_stories() == 0
        assert list(store.iter_stories()) == []
        assert store.last_seq() == 0


def test_store_mirrors_the_clusterer_through_merges_and_splits(tmp_path: Path) -> None:
    from tests.conftest import shared_data

    path = shared_data("ecbplus", "ecbplus-dev.jsonl")
    documents = _documents(path)
    with SQLiteStore(tmp_path / "db.sqlite") as store:
        assigner = open_assigner(store)
        ingest_documents(documents, store, batch_size=50, stories=assigner)
        articles = list(store.iter_articles())
        stored = {a.id: store.story_of(a.id) for a in articles}
        assert stored == {a.id: assigner.story_of(a.id) for a in articles}
        counted: dict[str, int] = {}
        for story_id in stored.values():
            assert story_id is not None
            counted[story_id] = counted.get(story_id, 0) + 1
        rows = {s.id: len(s.article_ids) for s in store.iter_stories()}
        assert rows == counted
        # Every story names its storyline as the assigner has it now, including
        # stories whose storyline was merged into another after they last changed.
        lines = {s.id: s.storyline for s in store.iter_stories()}
        assert lines == {
            story_id: assigner.storyline_of(store.get_story(story_id).article_ids[0])  # type: ignore[union-attr]
            for story_id in rows
        }
        assert len(set(lines.values())) < len(lines), "expected storylines of several stories"
        kinds = {e.kind for story_id in rows for e in store.story_events(story_id)}
        # The ECB+ stream makes the clusterer revise itself; the history says how.
        assert kinds, "expected merges or splits on ECB+"
        for story in store.iter_stories():
            for event in store.story_events(story.id):
                if event.kind == "merge" and event.story_id == story.id:
                    assert store.resolve_story(event.other_id) is not None


def test_two_ingest_processes_give_the_stories_of_one_stream(
    corpus: Path, db_target: str, tmp_path: Path
) -> None:
    # Two `newsweave ingest` processes write to one database at once, in small
    # batches so that their transactions interleave.  The writers take turns
    # (one write lock), each assigning first what the other stored, so the
    # stories are those of the one stream the database holds: exactly what a
    # recluster of the stored order gives.
    # Five copies of the corpus under new ids and addresses (some become exact
    # copies of others): enough work that the two processes overlap.
    records = [
        json.dumps(dict(r, id=f"{r['id']}-{n}", url=f"{r['url']}?n={n}"))
        for n in range(5)
        for r in _records()
    ]
    halves = [tmp_path / "first.jsonl", tmp_path / "second.jsonl"]
    halves[0].write_text("\n".join(records[0::2]) + "\n", "utf-8")
    halves[1].write_text("\n".join(records[1::2]) + "\n", "utf-8")
    environment = dict(os.environ, NEWSWEAVE_STORE_BATCH_SIZE="1")
    open_store(db_target).close()  # migrated once, before the race
    main = "from newsweave.cli import main; main()"
    command = [sys.executable, "-c", main, "--db", db_target, "ingest"]
    processes = [
        subprocess.Popen(
            [*command, str(half)],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in halves
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    with open_store(db_target) as store:
        assert store.count_articles() == len(records)
        incremental = _story_state(store)
        assert {row[1] for row in incremental[0]} - {None}, "every article has a story"
        assert None not in {row[1] for row in incremental[0]}
        recluster_store(store)
        assert _story_state(store) == incremental


def _cluster_and_ingest(
    input_path: Path, db: str, tmp_path: Path, env: dict[str, str] | None = None
) -> dict[str, str | None]:
    """``cluster`` and ``ingest`` run on one input give the same story and storyline
    for every record, with the same ids."""
    runner = CliRunner()
    out = tmp_path / "clustered.jsonl"
    result = runner.invoke(app, ["cluster", str(input_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    result = runner.invoke(app, ["--db", db, "ingest", str(input_path)], env=env)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        lines = {story.id: story.storyline for story in store.iter_stories()}
        ingested = {}
        for article in store.iter_articles():
            story_id = store.story_of(article.id)
            assert story_id is not None
            ingested[article.record_id] = (story_id, lines[story_id])
    # Every row with an article is the stored article of its record or, for a
    # record repeating an earlier one's address (ingest's duplicate), of that one.
    clustered = {row["id"]: row for row in rows if row["story"] is not None}
    assert set(ingested) <= set(clustered)
    for row_id, row in clustered.items():
        stored = row.get("duplicate_of", row_id)
        assert (row_id in ingested) == ("duplicate_of" not in row)
        assert (row["story"], row["storyline"]) == ingested[stored], row
    duplicates = sum(1 for row in clustered.values() if "duplicate_of" in row)
    assert f"{len(ingested)} new, {duplicates} duplicate" in result.output
    return lines


def test_cluster_and_ingest_give_the_same_storylines(corpus: Path, db_target: str) -> None:
    lines = _cluster_and_ingest(corpus, db_target, corpus.parent)
    assert None not in lines.values()


def test_cluster_and_ingest_agree_on_records_that_repeat_an_address(
    tmp_path: Path, db_target: str
) -> None:
    # A record at an address already seen is one article to ingest (a duplicate),
    # even with other text: `cluster` gives it that article's story and says so.
    records = _records()
    repeats = [
        dict(records[2], id="again-other-text", url=records[0]["url"]),
        dict(records[3], id="again-same-text", url=records[3]["url"]),
    ]
    path = tmp_path / "repeats.jsonl"
    rows = [*records[:6], *repeats, *records[6:]]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    _cluster_and_ingest(path, db_target, tmp_path)
    out = [json.loads(line) for line in (tmp_path / "clustered.jsonl").read_text().splitlines()]
    marked = {row["id"]: row.get("duplicate_of") for row in out if "duplicate_of" in row}
    assert marked == {"again-other-text": records[0]["id"], "again-same-text": records[3]["id"]}


def test_cluster_and_ingest_give_the_same_storylines_on_ecbplus(tmp_path: Path) -> None:
    from tests.conftest import shared_data

    path = shared_data("ecbplus", "ecbplus-dev.jsonl")
    lines = _cluster_and_ingest(path, str(tmp_path / "ecb.db"), tmp_path)
    # ECB+ puts two events of one kind in each topic: some storylines hold both.
    assert len(set(lines.values())) < len(lines), "expected storylines of several stories"


def test_cluster_and_ingest_give_the_same_storylines_when_storylines_merge(
    tmp_path: Path,
) -> None:
    # The first 600 articles of the judged AllSides stream, stored 50 at a time:
    # two storylines become one after some of their stories last changed, so the
    # store must move those stories too (7 stories keep a stale storyline otherwise).
    import gzip
    import itertools

    from tests.conftest import shared_data

    source = shared_data("story-judgments", "allsides-2020.jsonl.gz")
    path = tmp_path / "stream.jsonl"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        path.write_text("".join(itertools.islice(handle, 600)), "utf-8")
    env = {"NEWSWEAVE_STORE_BATCH_SIZE": "50"}
    lines = _cluster_and_ingest(path, str(tmp_path / "as.db"), tmp_path, env)
    assert len(set(lines.values())) < len(lines), "expected storylines of several stories"
