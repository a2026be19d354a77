"""Reliability of the saved story-assignment state (issue 21): data, never code.

The state row of a database may come from someone else.  A crafted row must not
run anything; a row that does not read back (foreign format, wrong digest, a
class newsweave does not save, a tampered byte) is discarded with a warning and
the stories are rebuilt from the articles, equal to a clean run's.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
import os
import pickle
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from tests.test_stories import _documents, _ingest, _records, _story_state

from newsweave.cluster.snapshot import (
    FORMAT_VERSION,
    SnapshotError,
    dump_snapshot,
    load_snapshot,
)
from newsweave.models import Article
from newsweave.pipeline.stories import STATE_NAME, open_assigner
from newsweave.store import SQLiteStore


class _MakeDirectory:
    """A pickle that runs ``os.mkdir(path)`` when it is loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (str(self.path),))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in _records()) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def clean(corpus: Path, tmp_path: Path) -> tuple[Path, Any]:
    """A database after a clean run, and its story state."""
    db = tmp_path / "clean.sqlite"
    with SQLiteStore(db) as store:
        _ingest(store, _documents(corpus), 5)
        return db, _story_state(store)


def _replace_state(db: Path, data: bytes) -> None:
    """Overwrite the state row's data, keeping its format and position (as an attacker would)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("UPDATE pipeline_state SET data = ? WHERE name = ?", (data, STATE_NAME))
        conn.commit()
    finally:
        conn.close()


def _stream(tree: Any, blob: bytes = b"", *, version: int = FORMAT_VERSION) -> bytes:
    """A snapshot written by hand from the documented layout, with a valid digest."""
    header = json.dumps({"format": "newsweave-assignment-state", "version": version}).encode()
    body = json.dumps(tree).encode()
    length = struct.Struct("<Q").pack
    content = b"NWSNAP\n" + length(len(header)) + header + length(len(body)) + body
    content += length(len(blob)) + blob
    return gzip.compress(content + hashlib.sha256(content).digest())


def test_crafted_state_row_cannot_execute_code(
    clean: tuple[Path, Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db, expected = clean
    marker = tmp_path / "code-ran"
    # What the pickle-based reader loaded: three pickles in one gzip stream.
    _replace_state(db, gzip.compress(pickle.dumps(_MakeDirectory(marker)) * 3))
    with caplog.at_level(logging.WARNING, logger="newsweave"), SQLiteStore(db) as store:
        assigner = open_assigner(store)
        assert assigner.upto_seq == store.last_seq()
        assert _story_state(store) == expected
    assert not marker.exists(), "loading the saved state ran code"
    assert "does not read back" in caplog.text
    assert "rebuilding it from the stored articles" in caplog.text


@pytest.mark.parametrize(
    ("name", "snapshot"),
    [
        (
            "a class newsweave does not save",
            _stream({"assigner": {"t": "o", "c": "Popen", "v": {}}}),
        ),
        ("a dunder field", _stream({"x": {"t": "o", "c": "BandIndex", "v": {"__class__": 1}}})),
        ("an object array", _stream({"x": {"t": "A", "v": ["|O", [1], 0]}}, b"\0" * 8)),
        ("an array past the bytes", _stream({"x": {"t": "A", "v": ["<u4", [9], 0]}}, b"\0" * 8)),
        ("another version", _stream({}, version=FORMAT_VERSION + 1)),
        ("an unknown tag", _stream({"x": {"t": "eval", "v": "print(1)"}})),
        ("not gzip", b"\x80\x04K\x01."),
        ("a huge declared length", gzip.compress(b"NWSNAP\n" + struct.pack("<Q", 1 << 62))),
    ],
)
def test_snapshot_that_does_not_read_back_is_rebuilt(
    clean: tuple[Path, Any], name: str, snapshot: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    db, expected = clean
    _replace_state(db, snapshot)
    with caplog.at_level(logging.WARNING, logger="newsweave"), SQLiteStore(db) as store:
        open_assigner(store)
        assert _story_state(store) == expected, name
    assert "does not read back" in caplog.text, name


def test_tampered_snapshot_fails_its_digest(clean: tuple[Path, Any]) -> None:
    db, expected = clean
    with SQLiteStore(db) as store:
        saved = store.load_state(STATE_NAME)
        assert saved is not None
        data = saved.data if isinstance(saved.data, bytes | memoryview) else saved.data.read()
    raw = bytearray(gzip.decompress(bytes(data)))
    at = raw.index(b'"t":"d"')
    raw[at + 5] = ord("T")  # one byte of the tree: a dict becomes a tuple
    with pytest.raises(SnapshotError, match="digest"):
        load_snapshot(io.BytesIO(gzip.compress(bytes(raw))))
    _replace_state(db, gzip.compress(bytes(raw)))
    with SQLiteStore(db) as store:
        open_assigner(store)
        assert _story_state(store) == expected


def test_restored_state_continues_like_a_clean_run(
    corpus: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    documents = _documents(corpus)
    with SQLiteStore(tmp_path / "one.sqlite") as store:
        _ingest(store, documents, 50)
        expected = _story_state(store)
    with SQLiteStore(tmp_path / "two.sqlite") as store:
        _ingest(store, documents[:9], 4)
    with caplog.at_level(logging.WARNING, logger="newsweave"):
        with SQLiteStore(tmp_path / "two.sqlite") as store:
            saved = store.load_state(STATE_NAME)
            assert saved is not None
            replayed: list[int] = []
            restored = open_assigner(store, progress=replayed.append)
            assert restored.upto_seq == saved.upto_seq == store.last_seq()
            assert replayed == []  # nothing replayed: the snapshot was loaded
            _ingest(store, documents[9:], 4)
            assert _story_state(store) == expected
        assert caplog.text == ""  # loaded, never rebuilt


def test_codec_round_trips_every_kind_of_value() -> None:
    value = {
        "plain": [1, 2.5, "x", None, True],
        "nested": {"a": (1, "b"), "s": {1, 2}, "f": frozenset({"w"}), 3: [b"\x00\xff"]},
        "array": np.arange(6, dtype=np.uint32).reshape(2, 3),
        "scalar": np.uint64(2**64 - 1),
        "article": Article(id="a", key="k", title=None, body=""),
    }
    buffer = io.BytesIO()
    dump_snapshot({"v": value}, buffer)
    buffer.seek(0)
    back = load_snapshot(buffer)["v"]
    assert back["plain"] == value["plain"]
    assert back["nested"] == value["nested"]
    assert back["array"].dtype == np.uint32
    assert back["array"].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert back["array"].flags.writeable
    assert back["scalar"] == value["scalar"]
    assert type(back["scalar"]) is np.uint64
    assert back["article"] == value["article"]


def test_codec_refuses_what_it_cannot_hold_as_data() -> None:
    with pytest.raises(SnapshotError, match="cannot hold"):
        dump_snapshot({"x": _MakeDirectory(Path("nowhere"))}, io.BytesIO())
    with pytest.raises(SnapshotError, match="numeric"):
        dump_snapshot({"x": np.array([object()])}, io.BytesIO())


def test_cli_says_the_saved_state_was_discarded(
    clean: tuple[Path, Any], corpus: Path, tmp_path: Path
) -> None:
    db, _expected = clean
    marker = tmp_path / "code-ran"
    _replace_state(db, gzip.compress(pickle.dumps(_MakeDirectory(marker)) * 3))
    command = [str(Path(sys.executable).parent / "newsweave"), "--db", str(db), "ingest"]
    command.append(str(corpus))
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "newsweave: the saved story-assignment state does not read back" in result.stderr
    assert not marker.exists()
