"""Bad input of every kind: the exact failure is reported and the rest of the batch arrives."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.config import InputSettings, Settings
from newsweave.extract import extract_article
from newsweave.ingest import read_inputs
from newsweave.models import InputFailure, RawDocument
from newsweave.pipeline.cluster import cluster_input

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = FIXTURES / "page.txt"
SETTINGS = Settings()
SMALL = Settings(input=InputSettings(max_input_bytes=64 * 1024))


def read_all(
    *inputs: str | Path, settings: Settings = SETTINGS
) -> list[RawDocument | InputFailure]:
    return list(read_inputs([str(value) for value in inputs], settings=settings))


def only_failure(path: Path, *, settings: Settings = SETTINGS) -> InputFailure:
    """Read ``path`` between two good pages; the good ones must still arrive."""
    records = read_all(GOOD, path, GOOD, settings=settings)
    assert [type(record).__name__ for record in records] == [
        "RawDocument",
        "InputFailure",
        "RawDocument",
    ], records
    failure = records[1]
    assert isinstance(failure, InputFailure)
    assert failure.stage == "read"
    return failure


def shape(records: list[RawDocument | InputFailure]) -> list[str]:
    """``D`` for a document, the error name for a failure."""
    return ["D" if isinstance(record, RawDocument) else record.error for record in records]


def write_warc(path: Path, bodies: list[bytes], *, gzip_records: bool) -> list[int]:
    """HTML 200 responses, one per body; returns the offset where each record ends."""
    ends = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        for n, body in enumerate(bodies):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/{n}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
            writer.write_record(record)
            ends.append(handle.tell())
    return ends


# -- binary ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("pic.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        ("archive.json", b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        ("tool", b"\x7fELF\x02\x01\x01\x00", "ELF"),
        ("data.jsonl", b'{"text": "a"}\x00\x00\x00binary tail', "NUL"),
        ("packed.txt.gz", gzip.compress(b"GIF89a\x01\x00\x01\x00"), "GIF"),
    ],
)
def test_binary_input_is_refused(tmp_path: Path, name: str, data: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    failure = only_failure(path)
    assert failure.error == "BinaryInputError"
    assert failure.origin == str(path)
    assert says in failure.message


# -- decoding ---------------------------------------------------------


def test_undecodable_bytes_are_a_decode_error(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(400)))
    failure = only_failure(path)
    assert failure.error == "DecodeError"
    assert "UTF-8" in failure.message


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "Le ministre a déclaré: « nous ne céderons pas » — c’était prévu, à 5 €. " * 3),
        ("shift_jis", "政府は新しい経済対策を発表し、記者会見で詳細を説明した。" * 3),
        ("latin-1", "Die Bürger müssen größere Änderungen für die Straße erwarten. " * 3),
    ],
)
def test_invalid_utf8_in_a_legacy_encoding_is_still_read(
    tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = read_all(path)
    assert isinstance(doc, RawDocument)
    assert doc.content == text


def test_broken_html_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_bytes(b"<html><body><div><p>Unclosed paragraph <b>bold <i>and more</div></html")
    (doc,) = read_all(path)
    assert isinstance(doc, RawDocument)
    assert doc.content_type == "text/html"
    assert "Unclosed paragraph" in doc.content


def test_utf16_jsonl_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "wide"}\n'.encode("utf-16"))
    failure = only_failure(path)
    assert failure.error == "DecodeError"
    assert "iconv" in failure.message


# -- truncation ---------------------------------------------------------


def test_truncated_gz_page(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    data = gzip.compress(("A sentence of the article. " * 2000).encode())
    path.write_bytes(data[: len(data) // 2])
    failure = only_failure(path)
    assert failure.error == "TruncatedInputError"
    assert failure.origin == str(path)
    assert "truncated" in failure.message


def test_truncated_gz_jsonl_yields_the_lines_before_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    lines = [
        json.dumps({"id": n, "text": f"Article number {n} " + "filler " * 30}) for n in range(300)
    ]
    data = gzip.compress(("\n".join(lines) + "\n").encode(), compresslevel=1)
    path.write_bytes(data[: len(data) * 2 // 3])
    records = read_all(path, GOOD)
    docs = [record for record in records if isinstance(record, RawDocument)]
    assert 50 < len(docs) < 300
    assert [doc.record_id for doc in docs[:-1]] == [str(n) for n in range(len(docs) - 1)]
    assert shape(records)[-2:] == ["TruncatedInputError", "D"]


@pytest.mark.parametrize("gzip_records", [False, True], ids=["warc", "warc.gz"])
def test_truncated_warc_yields_records_before_the_cut(tmp_path: Path, gzip_records: bool) -> None:
    path = tmp_path / ("cut.warc.gz" if gzip_records else "cut.warc")
    bodies = [
        f"<html><body><p>Page {n} ".encode() + b"text " * 300 + b"</p></body></html>"
        for n in range(4)
    ]
    ends = write_warc(path, bodies, gzip_records=gzip_records)
    whole = path.read_bytes()
    # Cut inside a record header, inside a payload, and just after a record's end.
    for cut, complete in ((ends[1] + 40, 2), ((ends[1] + ends[2]) // 2, 2), (ends[2] + 3, 3)):
        path.write_bytes(whole[:cut])
        records = read_all(path, GOOD)
        assert shape(records) == ["D"] * complete + ["TruncatedInputError", "D"], (cut, records)
        docs = [record for record in records[:complete] if isinstance(record, RawDocument)]
        assert [doc.url for doc in docs] == [f"https://news.example/{n}" for n in range(complete)]
        failure = records[complete]
        assert isinstance(failure, InputFailure)
        assert failure.origin.startswith(str(path))
        assert re.search(r"truncated|breaks off|cut short|ends inside", failure.message)


def test_warc_compressed_as_one_gzip_stream_is_explained(tmp_path: Path) -> None:
    plain = tmp_path / "plain.warc"
    write_warc(plain, [b"<html>one</html>", b"<html>two</html>"], gzip_records=False)
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    records = read_all(path)
    assert shape(records) == ["D", "MalformedInputError"]
    assert "warcio recompress" in records[1].message  # type: ignore[union-attr]


def test_file_named_warc_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"This is a note, not an archive.\n")
    failure = only_failure(path)
    assert failure.error == "MalformedInputError"
    assert "not a WARC file" in failure.message


# -- bad records inside a good file ---------------------------------------------------------


def test_bad_jsonl_lines_in_the_middle_do_not_stop_the_file() -> None:
    path = FIXTURES / "articles.jsonl"
    records = read_all(path)
    assert shape(records) == [
        "D",
        "D",
        "MalformedInputError",
        "MalformedInputError",
        "MalformedInputError",
        "D",
    ]
    missing, bad_date, not_json = records[2:5]
    assert isinstance(missing, InputFailure)
    assert isinstance(bad_date, InputFailure)
    assert isinstance(not_json, InputFailure)
    assert missing.origin == f"{path}:4"
    assert "neither a 'text' nor an 'html'" in missing.message
    assert bad_date.origin == f"{path}:5"
    assert "bad date 'yesterday-ish'" in bad_date.message
    assert not_json.origin == f"{path}:6"
    assert "invalid JSON" in not_json.message


def test_wrongly_typed_fields_fail_only_their_record(tmp_path: Path) -> None:
    path = tmp_path / "types.jsonl"
    lines = [
        {"text": ["para one", "para two"]},
        {"text": {"nested": True}},
        {"text": "ok", "title": {"x": 1}},
        {"text": "ok", "authors": [1, 2]},
        {"text": "ok", "published": True},
        [1, 2, 3],
        {"text": "   "},
        {"text": "last"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    records = read_all(path)
    assert shape(records) == ["D"] + ["MalformedInputError"] * 6 + ["D"]
    first = records[0]
    assert isinstance(first, RawDocument)
    assert first.content == "para one\n\npara two"


def test_dates_at_the_ends_of_the_calendar_are_no_dates(tmp_path: Path) -> None:
    # Placeholder dates (year 1, year 9999; the allsides data holds 0001-11-30)
    # overflowed the conversion to UTC and the relative-day arithmetic, which
    # stopped the whole cluster run and ingest batch.  They mean "no date".
    path = tmp_path / "dates.jsonl"
    text = "The talks between the two delegations ended yesterday in Geneva without a deal."
    lines = [
        {"id": "a", "text": text, "published": "0001-01-01T00:00:00+05:00"},
        {"id": "b", "text": text + " More.", "published": "9999-12-31T23:00:00-05:00"},
        {"id": "c", "text": text + " Later.", "published": "2024-06-19T10:00:00Z"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    records = read_all(path)
    assert shape(records) == ["D", "D", "D"]
    assert [r.published for r in records if isinstance(r, RawDocument)] == [
        None,
        None,
        datetime(2024, 6, 19, 10, tzinfo=UTC),
    ]
    run = cluster_input(str(path), settings=Settings())
    assert not run.failures
    assert all(story is not None for _id, story in run.rows)


def test_lone_surrogate_escapes_are_replaced_not_fatal(tmp_path: Path) -> None:
    # JSON may escape half a UTF-16 pair; such text cannot be hashed or stored, and
    # one record of it stopped a whole cluster run and ingest.
    path = tmp_path / "surrogates.jsonl"
    body = "The council voted on the budget on Tuesday, \\udc00 after a long debate in the hall."
    path.write_text(
        '{"id": "s", "title": "Budget \\ud800 vote", "text": "' + body + '", "x": ["\\udfff"]}\n'
        '{"id": "t", "text": "A storm hit the coast on Friday and cut power to many homes."}\n',
        encoding="utf-8",
    )
    records = read_all(path)
    assert shape(records) == ["D", "D"]
    first = records[0]
    assert isinstance(first, RawDocument)
    assert first.title == "Budget \ufffd vote"
    assert "Tuesday, \ufffd after" in first.content
    assert first.extra["x"] == ["\ufffd"]
    run = cluster_input(str(path), settings=Settings())
    assert [row_id for row_id, story in run.rows if story is not None] == ["s", "t"]


def test_a_partial_written_date_is_a_bad_date_not_todays(tmp_path: Path) -> None:
    # dateutil fills a missing year, month or day from today: "Tuesday" or "June 19"
    # would give a date that depends on the day the file is read.
    path = tmp_path / "partial.jsonl"
    text = "The council voted on the budget on Tuesday after a long debate in the hall."
    lines = [
        {"id": "a", "text": text, "published": "Tuesday"},
        {"id": "b", "text": text, "published": "June 19"},
        {"id": "c", "text": text, "published": "June 19, 2024"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    records = read_all(path)
    assert shape(records) == ["MalformedInputError", "MalformedInputError", "D"]
    assert isinstance(records[0], InputFailure)
    assert "names no full day" in records[0].message
    last = records[2]
    assert isinstance(last, RawDocument)
    assert last.published == datetime(2024, 6, 19)


def test_malformed_urls_are_dropped_not_fatal(tmp_path: Path) -> None:
    # urlsplit raises on an unclosed IPv6 host: a page's canonical link like that
    # stopped the whole cluster run, and a record's url every later brief.
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Storm hits coast</title><link rel="canonical" '
        'href="http://[::1/story"><meta property="og:url" content="https://[bad"></head>'
        "<body><article><h1>Storm hits coast</h1><p>A storm hit the coast on Friday and "
        "cut power to thousands of homes across the region, officials said.</p><p>Crews "
        "worked through the night to restore power to hospitals and schools.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    record = tmp_path / "records.jsonl"
    text = "The council voted on the budget on Tuesday after a long debate in the hall."
    record.write_text(json.dumps({"id": "r", "text": text, "url": "http://[::1"}) + "\n")
    for path in (page, record):
        (doc,) = read_all(path)
        assert isinstance(doc, RawDocument)
        article = extract_article(doc)
        assert article.url is None
        assert article.canonical_url is None
        run = cluster_input(str(path), settings=Settings())
        assert all(story is not None for _id, story in run.rows), run.failures


def test_a_page_date_at_the_end_of_the_calendar_is_dropped() -> None:
    # A date read from a page or feed is best effort: the article stays, undated.
    doc = RawDocument(
        origin="page.txt",
        content_type="text/plain",
        content="Talks ended yesterday and resume next Monday.",
        published=datetime(9999, 12, 31, 23, tzinfo=UTC),
    )
    assert extract_article(doc).published is None


def test_broken_json_array_keeps_the_elements_before_the_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[{"text": "one"},\n {"text": "two"},\n {"text": oops},\n {"text": "four"}]')
    records = read_all(path, GOOD)
    assert shape(records) == ["D", "D", "MalformedInputError", "D"]
    assert records[2].origin == f"{path}:3"


def test_unclosed_json_array(tmp_path: Path) -> None:
    path = tmp_path / "open.json"
    path.write_text('[{"text": "one"}, {"text": "two"}')
    assert shape(read_all(path)) == ["D", "D", "MalformedInputError"]


# -- size limits ---------------------------------------------------------


def test_over_limit_file_names_the_input_the_limit_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 20_000)
    failure = only_failure(path, settings=SMALL)
    assert failure.error == "InputTooLargeError"
    assert failure.origin == str(path)
    assert "65536 bytes" in failure.message
    assert "--max-input-bytes" in failure.message
    assert "NEWSWEAVE_INPUT_MAX_INPUT_BYTES" in failure.message


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html>" + b"a" * (16 * 1024 * 1024), compresslevel=9))
    assert path.stat().st_size < 100_000
    failure = only_failure(path, settings=SMALL)
    assert failure.error == "InputTooLargeError"
    assert "decompressed" in failure.message


def test_over_limit_jsonl_line_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl.gz"
    lines = [
        json.dumps({"text": "small one"}),
        json.dumps({"text": "x" * 200_000}),
        json.dumps({"text": "small three"}),
    ]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    records = read_all(path, settings=SMALL)
    assert shape(records) == ["D", "InputTooLargeError", "D"]
    assert records[1].origin == f"{path}:2"
    assert records[2].origin == f"{path}:3"


def test_over_limit_warc_record_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(
        path,
        [b"<html>small</html>", b"<html>" + b"y" * 200_000, b"<html>after</html>"],
        gzip_records=True,
    )
    records = read_all(path, settings=SMALL)
    assert shape(records) == ["D", "InputTooLargeError", "D"]
    assert "#" in records[1].origin


def test_over_limit_json_array_element(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"text": "fine"}, {"text": "z" * 300_000}]))
    assert shape(read_all(path, settings=SMALL)) == ["D", "InputTooLargeError"]


# -- empty ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("empty.html", b""),
        ("empty.jsonl", b""),
        ("empty.warc", b""),
        ("empty.txt.gz", gzip.compress(b"")),
        ("blank.txt", b"  \n\n\t \n"),
        ("blank.json", b"  \n"),
    ],
)
def test_empty_input_is_reported(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    failure = only_failure(path)
    assert failure.error == "MalformedInputError"
    assert "empty" in failure.message
