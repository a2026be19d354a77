"""Reliability of ingest (issue 21): odd URLs, stray NUL bytes, UTF-16/32 without a BOM.

Every bad input is one recorded failure with one clear line; the rest of the
batch is stored.  Inputs are generated here, on real files and a real database.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from tests.webapp import app_client
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.ingest import read_inputs
from newsweave.models import InputFailure, RawDocument
from newsweave.store import open_store

BODY = (
    "The regional council met on Thursday to discuss the new ferry timetable. "
    "Commuters asked for an earlier crossing in winter. "
) * 6
ODD_URLS = [
    "http://0177.0.0.1/x",  # octal IPv4, refused by the HTTP library's parser
    "http://[::1/x",  # broken IPv6 literal
    "http://news.test:99999/x",  # port out of range
    "http://exa mple.test/x",  # space in the host
    "http:///nohost",
]


def _page(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n\n{title} was the question of the evening. {BODY}", encoding="utf-8")
    return path


def _read(*inputs: Path | str) -> list[RawDocument | InputFailure]:
    return list(read_inputs([str(i) for i in inputs], settings=Settings()))


@pytest.mark.parametrize("url", ODD_URLS)
def test_unparseable_url_is_a_recorded_failure_and_the_rest_is_stored(
    tmp_path: Path, url: str
) -> None:
    first = _page(tmp_path, "one.txt", "Ferry timetable debated")
    second = _page(tmp_path, "two.txt", "Harbour crane breaks down")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(first), url, str(second)])
    # Exit code as for any other bad input next to good ones: the run succeeded.
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"failed: {url}: " in result.stderr
    with open_store(db) as store:
        assert store.count_articles() == 2
        failures = [failure for _at, failure in store.iter_failures()]
    assert [f.origin for f in failures] == [url]
    assert failures[0].error == "FetchError"


@pytest.mark.parametrize("url", ODD_URLS[:3])
def test_api_answers_an_unparseable_url_with_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("NEWSWEAVE_API_KEY", "key-0123456789abcdef")
    with app_client(tmp_path / "w.db") as client:
        response = client.post(
            "/api/v1/ingest", json={"url": url}, headers={"X-API-Key": "key-0123456789abcdef"}
        )
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert response.status_code == 200, body
        assert body["failed"] == 1
        assert body["failures"][0]["error"] == "FetchError"


def test_nul_byte_in_a_jsonl_head_fails_only_its_line(tmp_path: Path) -> None:
    records = [{"id": f"r{n}", "title": f"Report {n}", "text": BODY} for n in range(5)]
    lines = [json.dumps(r).encode() for r in records]
    lines[1] = lines[1].replace(b"Report", b"Rep\x00ort")
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    found = _read(path)
    failures = [item for item in found if isinstance(item, InputFailure)]
    assert [f.origin for f in failures] == [f"{path}:2"]
    assert len([item for item in found if isinstance(item, RawDocument)]) == 4


def test_binary_named_jsonl_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.jsonl"
    path.write_bytes(random.Random(7).randbytes(8192) + bytes(200))
    (failure,) = _read(path)
    assert isinstance(failure, InputFailure)
    assert failure.error == "BinaryInputError"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_text_without_a_bom_is_read_as_text(tmp_path: Path, codec: str) -> None:
    title = "Fähre: Zeitplan für den Winter"
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(f"{title}\n\n{BODY}".encode(codec))
    (document,) = _read(path)
    assert isinstance(document, RawDocument), document
    assert title in document.content
    sniffed = tmp_path / f"{codec}.html.data"
    sniffed.write_bytes(
        f"<html><head><title>{title}</title></head><body><p>{BODY}</p>".encode(codec)
    )
    (page,) = _read(sniffed)
    assert isinstance(page, RawDocument), page
    assert page.content_type == "text/html"


def test_wide_jsonl_without_a_bom_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes((json.dumps({"title": "t", "text": BODY}) + "\n").encode("utf-16-le"))
    (failure,) = _read(path)
    assert isinstance(failure, InputFailure)
    assert failure.error == "DecodeError"
    assert "UTF-16-LE" in failure.message
    assert "iconv" in failure.message


def test_random_bytes_are_never_taken_for_wide_text(tmp_path: Path) -> None:
    rng = random.Random(21)
    for n in range(40):
        data = bytes(b if rng.random() < 0.7 else 0 for b in rng.randbytes(4096))
        path = tmp_path / f"r{n}.bin.data"
        path.write_bytes(data)
        (item,) = _read(path)
        assert isinstance(item, InputFailure), n
