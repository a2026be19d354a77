"""The store: migrations, round trips, idempotent transactional batches, readers.

The tests taking ``store`` or ``db_target`` are the contract of every back end and
run on SQLite and on PostgreSQL (conftest.py); those taking ``db`` (a SQLite file)
test what is SQLite's own.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import old_schema, raw_connection
from newsweave.errors import MigrationError, StoreError
from newsweave.models import Article, BiasRating, FeedState, InputFailure, Labels, RawDocument
from newsweave.store import SQLiteStore, Store, describe, open_store
from newsweave.store.base import SavedState
from newsweave.store.schema import load_migrations
from newsweave.store.serialise import (
    SerialisationError,
    article_to_columns,
    raw_document_from_blob,
    raw_document_to_blob,
    value_from_json,
    value_to_json,
)
from newsweave.store.sqlite import _split_statements

# -- helpers ---------------------------------------------------------------------------------


def article_id(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def make_item(key: str, *, body: str = "Body text.", **fields: Any) -> tuple[RawDocument, Article]:
    """A (raw document, article) pair whose article has ``key``."""
    raw = RawDocument(origin=f"input/{key}.txt", content_type="text/plain", content=body)
    article = Article(
        id=article_id(key), key=key, title=f"Title {key}", body=body, origin=raw.origin, **fields
    )
    return raw, article


def full_item() -> tuple[RawDocument, Article]:
    """A pair with every field set, including awkward datetimes and extra values."""
    paris = datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Paris"))
    odd_offset = datetime(2023, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))
    extra = {
        "tags": ["politics", "économie"],
        "pair": (1, "two", (3.5, None)),
        "seen": odd_offset,
        "day": date(2024, 2, 29),
        "at": time(7, 45),
        "raw": b"\x00\xffbytes",
        "counts": {1: "one", 2: "two"},
        "__nw__": "not a tag",
        "looks": {"__nw__": "tuple", "v": [1]},
        "inf": float("inf"),
        "nested": {"deep": [{"x": True}, False]},
    }
    raw = RawDocument(
        origin="feeds/example.jsonl:12",
        content_type="text/html",
        content="<html><body><p>Grüße – “quoted” 東京</p></body></html>",
        url="https://example.org/a?id=1",
        title="Raw title",
        outlet="Example Times",
        published=paris,
        authors=("Ana Pérez", "Bo Li"),
        language="en",
        record_id="rec-12",
        fetched_at=datetime(2024, 5, 1, 10, 0, tzinfo=UTC),
        extra=extra,
    )
    article = Article(
        id=article_id("url:https://example.org/a"),
        key="url:https://example.org/a",
        title="Clean title",
        body="Grüße – “quoted” 東京\n\nSecond paragraph.",
        url="https://example.org/a?id=1",
        canonical_url="https://example.org/a",
        outlet="Example Times",
        published=paris,
        date_source="input",
        authors=("Ana Pérez", "Bo Li"),
        language="en",
        labels=Labels(
            bias_ratings=(
                BiasRating(value="Lean Left", rater="AllSides", provenance="article"),
                BiasRating(value="center", rater="Ad Fontes", provenance="input"),
            ),
            ai_generated=True,
            wire_credits=("Reuters", "AP"),
            derived_from=("BBC",),
            notes=("AI generated summary.", "Bias: Lean Left (AllSides)"),
        ),
        origin=raw.origin,
        content_type="text/html",
        content_hash="ab" * 32,
        extractor_version="html-1",
        record_id="rec-12",
        extra=extra,
    )
    return raw, article


def keys_of(store: Store) -> list[str]:
    return [article.key for article in store.iter_articles()]


def raw_count(target: str | Path) -> int:
    with raw_connection(str(target)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM raw_documents").fetchone()[0])


def has_nul(article: Article) -> bool:
    """Whether a text column of ``article`` holds NUL, which PostgreSQL text cannot."""
    return any("\x00" in value for value in article_to_columns(article) if isinstance(value, str))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "dir" / "newsweave.db"


@pytest.fixture
def store(db_target: str) -> Any:
    with open_store(db_target) as opened:
        yield opened


@pytest.fixture
def sqlite_store(db: Path) -> Any:
    with open_store(db) as opened:
        yield opened


# -- opening and migrations ------------------------------------------------------------------


def test_open_creates_directory_schema_and_records_migrations(db: Path) -> None:
    with open_store(db) as store:
        assert isinstance(store, SQLiteStore)
        assert store.schema_version() == len(load_migrations("sqlite"))
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
        applied = conn.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    assert {"articles", "raw_documents", "ingest_failures", "feeds", "schema_migrations"} <= tables
    packaged = [(m.version, m.name) for m in load_migrations("sqlite")]
    assert packaged[:2] == [(1, "initial"), (2, "stories")]
    assert [(v, n) for v, n, _ in applied] == packaged
    assert datetime.fromisoformat(applied[0][2]).tzinfo is not None


def test_reopening_applies_nothing_twice(db_target: str) -> None:
    open_store(db_target).close()
    with raw_connection(db_target) as conn:
        before = conn.execute("SELECT * FROM schema_migrations ORDER BY version").fetchall()
    assert before
    for _ in range(2):
        with open_store(db_target) as store:
            store.add_articles([make_item("k")])
    with raw_connection(db_target) as conn:
        assert conn.execute("SELECT * FROM schema_migrations ORDER BY version").fetchall() == before


def test_newer_schema_is_refused(db_target: str) -> None:
    open_store(db_target).close()
    with raw_connection(db_target) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')")
    with pytest.raises(MigrationError, match=r"schema version 999.*upgrade newsweave") as info:
        open_store(db_target)
    assert describe(db_target) in str(info.value)


def test_foreign_database_is_refused(db_target: str) -> None:
    with raw_connection(db_target) as conn:
        conn.execute("CREATE TABLE articles (x INTEGER)")
    with pytest.raises(MigrationError, match="not a newsweave one"):
        open_store(db_target)


def test_packaged_migrations_are_numbered_without_gaps() -> None:
    migrations = load_migrations("sqlite")
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert all(m.sql.strip() for m in migrations)
    assert [m.name for m in load_migrations("postgres")][:1] == ["initial"]
    with pytest.raises(MigrationError, match="no migrations"):
        load_migrations("no-such-dialect")


def test_migration_scripts_split_into_whole_statements() -> None:
    script = (
        "-- a comment; with a semicolon\n"
        "CREATE TABLE t (x TEXT);\n"
        "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN\n"
        "  INSERT INTO t (x) SELECT 'a;b' WHERE 0;\n"
        "  SELECT 1;\n"
        "END;\n"
        "-- trailing comment\n"
    )
    statements = list(_split_statements(script))
    assert len(statements) == 2
    assert statements[1].strip().startswith("CREATE TRIGGER")
    assert statements[1].rstrip().endswith("END;")
    with pytest.raises(MigrationError, match="unterminated"):
        list(_split_statements("CREATE TABLE u (x TEXT)"))


def test_connection_uses_wal_foreign_keys_and_busy_timeout(
    sqlite_store: SQLiteStore, db: Path
) -> None:
    with sqlite3.connect(db) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn = sqlite_store._conn  # the store's own connection settings are what matter here
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_not_a_database_gives_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="is not a SQLite database") as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value.__cause__, sqlite3.DatabaseError)


def test_corrupt_database_gives_store_error(db: Path) -> None:
    with open_store(db) as store:
        store.add_articles([make_item(f"k{i}", body="x" * 5000) for i in range(50)])
    data = bytearray(db.read_bytes())
    # Keep the valid header, wreck the pages behind it.
    data[100:] = b"\xa5" * (len(data) - 100)
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError) as info, open_store(db) as store:
        list(store.iter_articles())
    assert str(db) in str(info.value)


def test_directory_path_gives_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        open_store(tmp_path)


def test_open_store_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as store:
        store.add_articles([make_item("a")])
    assert (tmp_path / "rel.db").is_file()
    with open_store(f"sqlite:///{tmp_path / 'abs.db'}") as store:
        assert store.count_articles() == 0
    with open_store(str(tmp_path / "rel.db")) as store:
        assert store.count_articles() == 1
    with open_store(":memory:") as store:
        assert store.add_articles([make_item("m")]) == [True]
    # A server that is not there: a StoreError naming it, never its password.
    # (Without the postgres extra: the install hint, also naming the database.)
    with pytest.raises(StoreError, match=r"cannot connect|psycopg") as info:
        open_store("postgresql://newsweave:s3cret@127.0.0.1:1/news?connect_timeout=2")
    assert "s3cret" not in str(info.value)
    assert "newsweave:***@127.0.0.1:1/news" in str(info.value)
    with pytest.raises(StoreError, match="unknown database URL scheme 'mysql'"):
        open_store("mysql://localhost/news")


def test_closed_store_raises_store_error(db_target: str) -> None:
    store = open_store(db_target)
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError):
        store.count_articles()


# -- round trips -----------------------------------------------------------------------------


def test_article_and_raw_document_round_trip(store: Store) -> None:
    raw, article = full_item()
    assert store.add_articles([(raw, article)]) == [True]
    got = store.get_article(article.id)
    assert got == article
    assert got is not None
    assert got.published is not None
    assert got.published.utcoffset() == timedelta(hours=2)
    assert isinstance(got.extra["pair"], tuple)
    assert got.extra["counts"] == {1: "one", 2: "two"}
    assert list(store.iter_raw_documents()) == [(article.id, raw)]
    assert store.get_article("missing") is None


def test_json_columns_stay_queryable(sqlite_store: Store, db: Path) -> None:
    raw, article = full_item()
    sqlite_store.add_articles([(raw, article)])
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT json_extract(authors, '$[1]'), json_extract(labels, '$.wire_credits[0]'), "
            "json_extract(extra, '$.tags[1]'), published_utc FROM articles"
        ).fetchone()
    assert row == ("Bo Li", "Reuters", "économie", "2024-05-01T07:30:15.123456Z")


text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)
offsets = st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23))
datetimes = st.datetimes(timezones=st.none() | st.builds(timezone, offsets))
leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | text
    | datetimes
    | st.dates()
    | st.binary(max_size=10)
)
values = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=4).map(tuple)
        | st.dictionaries(text | st.integers(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(text, values, max_size=5))
def test_extra_values_round_trip(extra: dict[str, Any]) -> None:
    assert value_from_json(value_to_json(extra)) == extra


@given(
    st.builds(
        RawDocument,
        origin=text,
        content_type=st.sampled_from(["text/html", "text/plain"]),
        content=text,
        url=st.none() | text,
        published=st.none() | datetimes,
        authors=st.lists(text, max_size=3).map(tuple),
        fetched_at=st.none() | datetimes,
        extra=st.dictionaries(text, values, max_size=3),
    )
)
def test_raw_document_blob_round_trip(raw: RawDocument) -> None:
    assert raw_document_from_blob(raw_document_to_blob(raw)) == raw


articles = st.builds(
    Article,
    id=st.uuids().map(str),
    key=st.uuids().map(lambda u: f"sha256:{u}"),
    title=st.none() | text,
    body=text,
    url=st.none() | text,
    canonical_url=st.none() | text,
    outlet=st.none() | text,
    published=st.none() | datetimes,
    authors=st.lists(text, max_size=3).map(tuple),
    language=st.none() | text,
    labels=st.builds(
        Labels,
        bias_ratings=st.lists(st.builds(BiasRating, text, text, text), max_size=2).map(tuple),
        ai_generated=st.booleans(),
        wire_credits=st.lists(text, max_size=2).map(tuple),
        derived_from=st.lists(text, max_size=2).map(tuple),
        notes=st.lists(text, max_size=2).map(tuple),
    ),
    origin=text,
    content_type=text,
    content_hash=text,
    extractor_version=text,
    record_id=st.none() | text,
    extra=st.dictionaries(text, values, max_size=3),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(articles, min_size=1, max_size=5, unique_by=(lambda a: a.id, lambda a: a.key)))
def test_articles_round_trip_through_the_store(
    new_target: Callable[[], str], backend: str, batch: list[Article]
) -> None:
    if backend == "postgres":
        assume(not any(has_nul(a) for a in batch))  # refused: see test_nul_text_*
    pairs = [
        (RawDocument(origin=a.origin, content_type="text/plain", content=a.body), a) for a in batch
    ]
    with open_store(new_target()) as store:
        assert store.add_articles(pairs) == [True] * len(batch)
        assert [store.get_article(a.id) for a in batch] == batch
        assert list(store.iter_articles()) == batch
        assert list(store.iter_raw_documents()) == [(a.id, raw) for raw, a in pairs]


def test_extreme_datetimes_are_kept(store: Store) -> None:
    early = datetime(1, 1, 1, 2, 0, tzinfo=timezone(timedelta(hours=5)))
    late = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    store.add_articles([make_item("early", published=early), make_item("late", published=late)])
    assert [a.published for a in store.iter_articles()] == [early, late]


@pytest.mark.parametrize("micros", [1, -1, 999_999, 3_600_000_001])
def test_sub_second_utc_offsets_survive(micros: int) -> None:
    # Regression: CPython 3.11's fromisoformat drops offsets under one second.
    value = datetime(2000, 1, 1, tzinfo=timezone(timedelta(microseconds=micros)))
    assert value_from_json(value_to_json({"at": value}))["at"].utcoffset() == value.utcoffset()


def test_unsupported_extra_value_is_refused() -> None:
    with pytest.raises(SerialisationError, match="type object"):
        value_to_json({"x": object()})


# -- idempotence -----------------------------------------------------------------------------


def test_same_batch_twice_is_idempotent(store: Store, db_target: str) -> None:
    batch = [make_item(f"k{i}") for i in range(20)]
    assert store.add_articles(batch) == [True] * 20
    assert store.add_articles(batch) == [False] * 20
    assert store.count_articles() == 20
    assert raw_count(db_target) == 20
    assert store.add_articles([]) == []


def test_duplicate_key_within_batch_first_wins(store: Store) -> None:
    first = make_item("dup", body="first")
    second = make_item("dup", body="second")
    assert store.add_articles([first, make_item("other"), second]) == [True, True, False]
    assert [a.body for a in store.iter_articles() if a.key == "dup"] == ["first"]
    assert [raw.content for _id, raw in store.iter_raw_documents()] == ["first", "Body text."]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 3)), min_size=0, max_size=30
    ).flatmap(
        lambda items: st.tuples(
            st.just(items), st.lists(st.integers(0, len(items)), max_size=5).map(sorted)
        )
    )
)
def test_any_batching_stores_distinct_keys_first_wins(
    new_target: Callable[[], str], case: tuple[list[tuple[str, int]], list[int]]
) -> None:
    items, cuts = case
    stream = [make_item(key, body=f"{key} version {version}") for key, version in items]
    bounds = [0, *cuts, len(stream)]
    batches = [stream[a:b] for a, b in itertools.pairwise(bounds)]
    expected: dict[str, Article] = {}
    for _raw, article in stream:
        expected.setdefault(article.key, article)
    with open_store(new_target()) as store:
        flags = [flag for batch in batches for flag in store.add_articles(batch)]
        stored = list(store.iter_articles())
    first_index = {article.key: index for index, (_r, article) in reversed(list(enumerate(stream)))}
    assert flags == [first_index[a.key] == index for index, (_r, a) in enumerate(stream)]
    assert stored == list(expected.values())


# -- transactions ----------------------------------------------------------------------------


def test_concurrent_writers_store_each_key_once(db_target: str) -> None:
    db = db_target
    open_store(db).close()
    keys = [f"shared{i}" for i in range(300)]
    flags: dict[int, list[bool]] = {}
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            with open_store(db) as store:
                order = keys if worker == 0 else keys[::-1]
                flags[worker] = [
                    flag
                    for start in range(0, len(order), 30)
                    for flag in store.add_articles(
                        [make_item(k) for k in order[start : start + 30]]
                    )
                ]
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(worker,)) for worker in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(flags[0]) + sum(flags[1]) == len(keys)
    with open_store(db) as store:
        assert sorted(keys_of(store)) == sorted(keys)
    assert raw_count(db) == len(keys)


def test_failure_mid_batch_rolls_back_the_whole_batch(sqlite_store: Store, db: Path) -> None:
    store = sqlite_store
    store.add_articles([make_item(f"early{i}") for i in range(5)])
    with sqlite3.connect(db) as conn:
        conn.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON articles WHEN NEW.title = 'Title bad' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
    batch = [make_item("ok1"), make_item("ok2"), make_item("bad"), make_item("ok3")]
    with pytest.raises(StoreError, match="injected failure") as info:
        store.add_articles(batch)
    assert str(db) in str(info.value)
    assert isinstance(info.value.__cause__, sqlite3.Error)
    assert keys_of(store) == [f"early{i}" for i in range(5)]
    assert raw_count(db) == 5
    # The store stays usable and the good items can be retried.
    assert store.add_articles([make_item("ok1"), make_item("ok2")]) == [True, True]
    assert store.count_articles() == 7


def test_unserialisable_article_writes_nothing(store: Store, db_target: str) -> None:
    store.add_articles([make_item("early")])
    batch = [make_item("ok"), make_item("bad", extra={"x": object()}), make_item("ok2")]
    with pytest.raises(StoreError, match=r"cannot store article .* input/bad\.txt"):
        store.add_articles(batch)
    surrogate = [make_item("ok"), make_item("bad2", body="broken \udcff text")]
    with pytest.raises(StoreError, match="not valid Unicode"):
        store.add_articles(surrogate)
    assert keys_of(store) == ["early"]
    assert raw_count(db_target) == 1


def test_reader_sees_only_whole_batches_while_writing(db_target: str) -> None:
    db = db_target
    batch_size, batches = 40, 25
    open_store(db).close()
    observed: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            with raw_connection(db) as conn:
                while not done.is_set():
                    observed.append(
                        conn.execute(
                            "SELECT (SELECT COUNT(*) FROM articles), "
                            "(SELECT COUNT(*) FROM raw_documents)"
                        ).fetchone()
                    )
            with open_store(db) as reader:
                observed.append((reader.count_articles(), len(list(reader.iter_articles()))))
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)

    reader = threading.Thread(target=read)
    with open_store(db) as writer:
        reader.start()
        for b in range(batches):
            writer.add_articles([make_item(f"b{b}-{i}") for i in range(batch_size)])
    done.set()
    reader.join()
    assert not errors
    assert observed[-1] == (batch_size * batches, batch_size * batches)
    assert all(articles == raws and articles % batch_size == 0 for articles, raws in observed)
    assert [a for a, _ in observed] == sorted(a for a, _ in observed)


# -- listing, reprocess, lookups -------------------------------------------------------------


def test_iter_articles_order_limit_offset_across_pages(store: Store) -> None:
    keys = [f"k{i:04d}" for i in range(700)]
    for start in range(0, 700, 200):
        store.add_articles([make_item(k) for k in keys[start : start + 200]])
    assert store.count_articles() == 700
    assert keys_of(store) == keys
    assert [a.key for a in store.iter_articles(limit=300, offset=250)] == keys[250:550]
    assert [a.key for a in store.iter_articles(limit=0)] == []
    assert [a.key for a in store.iter_articles(offset=690)] == keys[690:]
    with pytest.raises(ValueError, match="must not be negative"):
        list(store.iter_articles(limit=-1))


def test_replace_article_keeps_identity_and_ingestion_time(store: Store, db_target: str) -> None:
    raw, article = full_item()
    store.add_articles([(raw, article), make_item("other")])
    rows = "SELECT seq, ingested_at, raw_id FROM articles ORDER BY seq"
    with raw_connection(db_target) as conn:
        before = conn.execute(rows).fetchall()
    newer = Article(
        id="ignored", key="ignored", title="Better title", body="Better body.",
        url=article.url, canonical_url="https://example.org/b", labels=Labels(),
        extractor_version="html-2", origin=article.origin, extra={"v": 2},
    )  # fmt: skip
    store.replace_article(article.id, newer)
    got = store.get_article(article.id)
    assert got is not None
    assert (got.id, got.key) == (article.id, article.key)
    assert (got.title, got.body) == ("Better title", "Better body.")
    assert got.extractor_version == "html-2"
    assert got.published is None
    assert got.extra == {"v": 2}
    assert got.labels == Labels()
    assert store.has_url("https://example.org/b")
    assert not store.has_url("https://example.org/a")
    with raw_connection(db_target) as conn:
        assert conn.execute(rows).fetchall() == before
    with pytest.raises(StoreError, match="no article nope"):
        store.replace_article("nope", newer)


def test_replace_while_iterating_raw_documents(store: Store) -> None:
    store.add_articles([make_item(f"k{i:03d}", body=f"body {i}") for i in range(150)])
    visited = []
    for aid, raw in store.iter_raw_documents():
        visited.append(aid)
        current = store.get_article(aid)
        assert current is not None
        store.replace_article(aid, Article(id=aid, key=current.key, title=None, body=raw.content))
    assert visited == [a.id for a in store.iter_articles()]
    assert len(set(visited)) == 150
    assert all(a.title is None for a in store.iter_articles())


def test_has_url_uses_both_columns_and_indexes(sqlite_store: Store, db: Path) -> None:
    store = sqlite_store
    store.add_articles(
        [
            make_item("a", url="https://x.example/a?utm=1", canonical_url="https://x.example/a"),
            make_item("b", url="https://x.example/b"),
            make_item("c"),
        ]
    )
    assert store.has_url("https://x.example/a?utm=1")
    assert store.has_url("https://x.example/a")
    assert store.has_url("https://x.example/b")
    assert not store.has_url("https://x.example/c")
    with sqlite3.connect(db) as conn:
        plan = " ".join(
            str(row[3])
            for sql in (
                "SELECT 1 FROM articles WHERE url = ?",
                "SELECT 1 FROM articles WHERE canonical_url = ?",
                "SELECT 1 FROM articles WHERE key = ?",
                "SELECT 1 FROM articles WHERE id = ?",
            )
            for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", ("x",))
        )
    assert "SCAN" not in plan
    assert plan.count("USING COVERING INDEX") == 4


# -- failures and feeds ----------------------------------------------------------------------


def test_failures_are_recorded_with_time_and_listed_in_order(store: Store) -> None:
    start = datetime.now(UTC)
    failures = [
        InputFailure(origin="a.bin", error="BinaryInputError", message="binary", stage="read"),
        InputFailure(origin="b.html", error="ExtractionError", message="no text", stage="extract"),
    ]
    store.record_failures(failures)
    store.record_failures([])
    store.record_failures(failures[:1])
    listed = list(store.iter_failures())
    assert [f for _at, f in listed] == [*failures, failures[0]]
    assert all(start <= at <= datetime.now(UTC) for at, _f in listed)


def test_feed_state_round_trip_and_update(store: Store) -> None:
    url = "https://news.example/feed.xml"
    assert store.get_feed_state(url) is None
    state = FeedState(
        url=url,
        etag='W/"abc"',
        last_modified="Wed, 01 May 2024 10:00:00 GMT",
        last_polled=datetime(2024, 5, 1, 10, 0, 5, tzinfo=UTC),
        last_status=200,
    )
    store.set_feed_state(state)
    assert store.get_feed_state(url) == state
    failed = FeedState(url=url, last_polled=datetime(2024, 5, 2, tzinfo=UTC), error="timeout")
    store.set_feed_state(failed)
    assert store.get_feed_state(url) == failed


def test_many_articles_store_sanity(store: Store, db_target: str) -> None:
    """A store-only volume check (speed lives in benchmarks/, not here)."""
    paragraph = "The council approved the budget after a long debate on transport. " * 40
    for start in range(0, 3000, 200):
        batch = [
            make_item(f"v{i}", body=f"{i} {paragraph}", url=f"https://v.example/{i}")
            for i in range(start, start + 200)
        ]
        assert all(store.add_articles(batch))
    assert store.count_articles() == 3000
    assert store.has_url("https://v.example/2999")
    # Compression keeps the raw copies far smaller than the text itself.
    with raw_connection(db_target) as conn:
        stored = conn.execute("SELECT SUM(LENGTH(compressed)) FROM raw_documents").fetchone()[0]
    assert stored < 3000 * len(paragraph) / 5


def test_saved_state_from_a_file_round_trips_and_replaces(db_target: str) -> None:
    # A large snapshot is handed over as a file and copied into its blob in
    # chunks; what comes back is the same bytes, whatever the file position.
    payload = bytes(range(256)) * 9000  # > 2 MB: several chunks
    with open_store(db_target) as store:
        store.save_state("s", SavedState(format="f1", upto_seq=3, data=b"small"))
        with tempfile.TemporaryFile() as handle:
            handle.write(payload)
            store.save_state("s", SavedState(format="f2", upto_seq=7, data=handle))
        loaded = store.load_state("s")
        assert loaded is not None
        assert (loaded.format, loaded.upto_seq) == ("f2", 7)
        assert loaded.data == payload
        store.save_state("s", SavedState(format="f3", upto_seq=8, data=memoryview(b"again")))
        again = store.load_state("s")
        assert again is not None
        assert again.data == b"again"


def test_open_state_reads_the_snapshot_through_a_file_open_for_the_block(
    db_target: str,
) -> None:
    payload = bytes(range(256)) * 9000  # > 2 MB: several chunks
    with open_store(db_target) as store:
        with store.open_state("s") as missing:
            assert missing is None
        store.save_state("s", SavedState(format="f", upto_seq=5, data=payload))
        with store.open_state("s") as opened:
            assert opened is not None
            assert (opened.format, opened.upto_seq) == ("f", 5)
            handle = opened.data
            assert not isinstance(handle, bytes | memoryview), "a file, not bytes in memory"
            assert handle.read() == payload
        assert handle.closed
        # The store is usable afterwards (no read transaction left open).
        store.save_state("s", SavedState(format="g", upto_seq=6, data=b"next"))
        loaded = store.load_state("s")
        assert loaded is not None
        assert loaded.data == b"next"


def test_upgrade_keeps_a_saved_state_stored_before_migration_8(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = old_schema(db, 7)
    conn.execute(
        "INSERT INTO pipeline_state (name, format, upto_seq, data, saved_at) "
        "VALUES ('stories', 'f', 4, x'00ff', 'then')"
    )
    conn.close()
    with SQLiteStore(db) as store:
        assert store.load_state("stories") == SavedState(format="f", upto_seq=4, data=b"\x00\xff")


def test_an_article_stored_before_migration_13_reads_without_a_date_source(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    conn = old_schema(db, 12)
    conn.execute(
        "INSERT INTO articles (id, key, title, body, published, published_utc, authors, labels, "
        "origin, content_type, content_hash, extractor_version, extra, ingested_at) VALUES "
        "('a1', 'k1', 'T', 'Body.', '2020-03-01T00:00:00+00:00', '2020-03-01T00:00:00+00:00', "
        "'[]', '{}', 'o', 'text/plain', 'h', '3', '{}', 'then')"
    )
    conn.close()
    with SQLiteStore(db) as store:
        old = store.get_article("a1")
        assert old is not None
        assert old.published == datetime(2020, 3, 1, tzinfo=UTC)
        assert old.date_source is None
        # Written from now on, the date's source is kept.
        _raw, article = make_item("new", published=datetime(2020, 3, 2, tzinfo=UTC))
        store.add_articles([(_raw, replace(article, date_source="page"))])
        again = store.get_article(article.id)
        assert again is not None
        assert again.date_source == "page"


def test_nul_text_is_refused_by_postgres_with_a_store_error(store: Store, backend: str) -> None:
    # SQLite keeps NUL in text; PostgreSQL text cannot hold it, and says so.
    item = make_item("nul", body="before\x00after")
    if backend == "sqlite":
        assert store.add_articles([item]) == [True]
        return
    with pytest.raises(StoreError, match="NUL"):
        store.add_articles([item])
    assert store.count_articles() == 0
    assert store.add_articles([make_item("ok")]) == [True]


def test_postgres_write_rolls_back_the_whole_batch(db_target: str, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("SQLite: test_failure_mid_batch_rolls_back_the_whole_batch")
    with open_store(db_target) as store:
        store.add_articles([make_item(f"early{i}") for i in range(5)])
        with raw_connection(db_target) as conn:
            conn.execute(
                "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF NEW.title = 'Title bad' THEN RAISE EXCEPTION 'injected failure'; END IF; "
                "RETURN NEW; END $$"
            )
            conn.execute(
                "CREATE TRIGGER boom BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION boom()"
            )
        batch = [make_item("ok1"), make_item("ok2"), make_item("bad"), make_item("ok3")]
        with pytest.raises(StoreError, match="injected failure") as info:
            store.add_articles(batch)
        assert describe(db_target) in str(info.value)
        assert keys_of(store) == [f"early{i}" for i in range(5)]
        assert raw_count(db_target) == 5
        assert store.add_articles([make_item("ok1"), make_item("ok2")]) == [True, True]
        assert store.count_articles() == 7


def test_postgres_store_reconnects_after_its_connection_is_cut(
    db_target: str, backend: str
) -> None:
    if backend != "postgres":
        pytest.skip("a SQLite file has no connection to lose")
    with open_store(db_target) as store:
        store.add_articles([make_item("a")])
        backend_pid = store._conn.info.backend_pid  # type: ignore[attr-defined]
        with raw_connection(db_target) as conn:
            conn.execute(f"SELECT pg_terminate_backend({int(backend_pid)})")
        with pytest.raises(StoreError, match="cannot count articles"):
            store.count_articles()  # the request that finds the connection cut fails
        assert store.count_articles() == 1  # the next one reconnects
        assert store.add_articles([make_item("b")]) == [True]


def test_postgres_url_without_psycopg_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on the base install
    with pytest.raises(StoreError, match=r"pip install 'newsweave\[postgres\]'"):
        open_store("postgresql://newsweave@localhost/news")


def test_postgres_url_without_the_extra_names_the_database_and_the_fix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without psycopg (the base install), a PostgreSQL URL gets one clear error that
    names the database (password hidden) and how to install the extra."""
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # makes `import psycopg` fail
    with pytest.raises(StoreError) as info:
        open_store("postgresql://newsweave:s3cret@db.example:5432/news")
    message = str(info.value)
    assert "newsweave:***@db.example:5432/news" in message
    assert "pip install 'newsweave[postgres]'" in message
    assert "s3cret" not in message
