"""A hostile-input corpus generated here (issue 21): every input is stored or one failure.

The corpus: binary data, odd encodings, compression bombs in every compressed
input we read (``.gz`` pages and JSON Lines, gzip'd WARC records), XML entity
bombs and external entities (XXE) in feeds and in HTML, truncations of every
format, huge and deeply nested JSON and HTML, and odd URLs in records.  Each
input, read and extracted on its own, must give documents or failures with one
clear line, within a time bound and without an exception; all of them in one
``newsweave ingest`` batch must store the good inputs, name each failed input
on one line and print no traceback.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.test_reliability_ingest import ODD_URLS
from tests.webapp import app_client
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.config import InputSettings, Settings
from newsweave.errors import NewsweaveError
from newsweave.extract import extract_article
from newsweave.ingest import read_inputs
from newsweave.models import InputFailure, RawDocument

LIMIT = 1024 * 1024
SETTINGS = Settings(input=InputSettings(max_input_bytes=LIMIT))
SECONDS = 30.0
"""Longest one input may take to read and extract (generous: the machine is shared)."""

PARAGRAPH = (
    "The regional council voted on Tuesday to extend the tram line to the northern "
    "districts, after two years of debate about its cost and route. "
)
PAGE_HTML = (
    "<html><head><title>Tram line extended</title></head><body><article>"
    "<h1>Tram line extended</h1>"
    + "".join(f"<p>{PARAGRAPH} ({n})</p>" for n in range(6))
    + "</article></body></html>"
).encode()
RECORD = {"title": "Tram line extended", "text": PARAGRAPH * 4, "url": "https://news.example/a"}
FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>'
    "<link>https://news.example/</link><item><title>Tram line extended</title>"
    f"<link>https://news.example/t</link><description>{PARAGRAPH * 3}</description>"
    "</item></channel></rss>"
).encode()
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Feed</title><entry><title>Tram line extended</title>"
    '<link href="https://news.example/t"/><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>'
    f'<content type="text">{PARAGRAPH * 3}</content></entry></feed>'
).encode()

LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "' + f"&lol{n - 1 if n > 1 else ''};" * 10 + '">' for n in range(1, 10)
    )
    + "]>"
)
XXE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _warc_bytes(
    bodies: list[bytes], *, gzip_records: bool, site: str, content_encoding: str = ""
) -> bytes:
    """HTML 200 responses from ``https://SITE/N``, one per body."""
    handle = io.BytesIO()
    writer = WARCWriter(handle, gzip=gzip_records)
    for n, body in enumerate(bodies):
        fields = [("Content-Type", "text/html; charset=utf-8")]
        if content_encoding:
            fields.append(("Content-Encoding", content_encoding))
        headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://{site}/{n}",
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=headers,
        )
        writer.write_record(record)
    return handle.getvalue()


def _retold(vehicle: bytes) -> bytes:
    return PAGE_HTML.replace(b"Tram", vehicle.capitalize()).replace(b"tram", vehicle)


def _nested_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def corpus() -> dict[str, bytes]:
    """File name -> bytes of every hostile input (the names say what each is)."""
    rng = random.Random(21)
    jsonl = json.dumps(RECORD) + "\n" + json.dumps({**RECORD, "url": "https://news.example/b"})
    warc = _warc_bytes(
        [PAGE_HTML, PAGE_HTML.replace(b"(1)", b"(one)")], gzip_records=False, site="warc.example"
    )
    # Each good input distinct, so none is a duplicate of another.
    ferry, bus = _retold(b"ferry"), _retold(b"bus")
    warc_gz = _warc_bytes(
        [ferry, ferry.replace(b"(2)", b"(two)")], gzip_records=True, site="warc-gz.example"
    )
    whole = {
        "page.html": PAGE_HTML,
        "page.txt": PAGE_HTML.replace(b"<p>", b"\n\n").replace(b"</p>", b""),
        "records.jsonl": jsonl.encode(),
        "records.json": json.dumps([{**RECORD, "url": "https://news.example/j"}]).encode(),
        "feed.rss": FEED,
        "feed.atom": ATOM,
        "archive.warc": warc,
        "archive.warc.gz": warc_gz,
        "page.html.gz": gzip.compress(bus),
        "records.jsonl.gz": gzip.compress(jsonl.encode()),
    }
    found: dict[str, bytes] = dict(whole)
    # Truncations of every format, at several cuts.
    for name, data in whole.items():
        for cut in (1, len(data) // 3, len(data) // 2, len(data) - 7):
            found[f"cut{cut}-{name}"] = data[:cut]
    bomb = b"a" * (LIMIT * 8)  # text, so the size limit (not binary detection) stops it
    found.update(
        {
            # Binary and odd encodings.
            "random.txt": rng.randbytes(5000),
            "random.html": rng.randbytes(5000),
            "random.jsonl": rng.randbytes(5000),
            "random.warc": rng.randbytes(5000),
            "random.rss": rng.randbytes(5000),
            "random-unnamed": rng.randbytes(5000),
            "elf.html": b"\x7fELF\x02\x01\x01" + rng.randbytes(3000),
            "nul-sprinkled.txt": PARAGRAPH.encode().replace(b" ", b"\0", 3) * 5,
            "latin1.txt": ("Café déjà vu. " + PARAGRAPH).encode("latin-1"),
            "cp1252.html": PAGE_HTML.replace(b"Tram", "Tr\u2019am".encode("cp1252")),
            "shift-jis.html": (
                '<html><head><meta charset="shift_jis"></head><body><p>'
                + "市議会は火曜日に路面電車の延伸を決めた。" * 20
                + "</p></body></html>"
            ).encode("shift_jis"),
            "utf16-bom.txt": ("\ufeff" + PARAGRAPH * 3).encode("utf-16-le"),
            "utf8-bom.jsonl": b"\xef\xbb\xbf" + jsonl.encode(),
            "overlong-utf8.txt": PARAGRAPH.encode() + b"\xc0\xaf\xe0\x80\xaf" + PARAGRAPH.encode(),
            "lying-meta.html": PAGE_HTML.replace(
                b"<head>", b'<head><meta charset="x-no-such-codec">'
            ),
            # Compression bombs in every compressed input we read.
            "bomb.html.gz": gzip.compress(b"<html>" + bomb, compresslevel=9),
            "bomb.txt.gz": gzip.compress(bomb, compresslevel=9),
            "bomb.jsonl.gz": gzip.compress(b'{"title": "x", "text": "' + bomb, compresslevel=9),
            "bomb.warc.gz": _warc_bytes(
                [b"<html><body>" + bomb], gzip_records=True, site="bomb.example"
            ),
            # A bomb in the HTTP body of a WARC record (Content-Encoding: gzip).
            "http-bomb.warc.gz": _warc_bytes(
                [gzip.compress(b"<html><body>" + bomb, compresslevel=9)],
                gzip_records=True,
                site="http-bomb.example",
                content_encoding="gzip",
            ),
            "nul-bomb.txt.gz": gzip.compress(b"\0" * (LIMIT * 8), compresslevel=9),
            "gzip-in-gzip.html.gz": gzip.compress(gzip.compress(b"<html>" + bomb)),
            # Entity bombs and external entities in feeds and HTML.
            "laughs.rss": (
                LAUGHS + '<rss version="2.0"><channel><title>&lol9;</title>'
                "<item><title>&lol9;</title></item></channel></rss>"
            ).encode(),
            "xxe.rss": (
                XXE + '<rss version="2.0"><channel><title>&xxe;</title><item>'
                "<title>&xxe;</title><description>&xxe;</description>"
                "</item></channel></rss>"
            ).encode(),
            "xxe.atom": (
                XXE + '<feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title>'
                "<entry><title>&xxe;</title></entry></feed>"
            ).encode(),
            "laughs.html": (
                LAUGHS + "<html><body><p>&lol9;</p>" + f"<p>{PARAGRAPH}</p>" * 4 + "</body></html>"
            ).encode(),
            "xxe.html": (
                XXE + "<html><body><p>&xxe;</p>" + f"<p>{PARAGRAPH}</p>" * 4 + "</body></html>"
            ).encode(),
            "xxe.xml": (XXE + "<r>&xxe;</r>").encode(),
            # Huge and deeply nested inputs.
            "nested.json": _nested_json(200_000).encode(),
            "nested-line.jsonl": (
                json.dumps(RECORD)
                + "\n"
                + '{"title": '
                + _nested_json(100_000)
                + "}\n"
                + json.dumps({**RECORD, "url": "https://news.example/c"})
                + "\n"
            ).encode(),
            "nested-object.json": ('{"a":' * 50_000 + "1" + "}" * 50_000).encode(),
            # Found by this corpus too: an integer of over 4,300 digits stopped the batch.
            "huge-number.jsonl": (
                json.dumps(RECORD)
                + "\n"
                + '{"title": "x", "text": "y", "id": '
                + "9" * 5000
                + "}\n"
                + json.dumps({**RECORD, "url": "https://news.example/d"})
                + "\n"
            ).encode(),
            "huge-number.json": ('[{"title": "x", "id": ' + "9" * 5000 + "}]").encode(),
            "infinite-number.jsonl": b'{"title": "x", "text": "y", "published": 1e999}\n',
            "wide.json": json.dumps([RECORD] + [{}] * 20_000).encode(),
            "nested.html": (
                "<html><body>"
                + "<div>" * 50_000
                + f"<p>{PARAGRAPH * 4}</p>"
                + "</div>" * 50_000
                + "</body></html>"
            ).encode(),
            "nested-unclosed.html": (
                "<html><body>" + "<span><b><i>" * 30_000 + PARAGRAPH * 4
            ).encode(),
            "one-long-line.html": b"<html><body><p>" + b"word " * 180_000 + b"</p></body></html>",
            "many-paragraphs.txt": (PARAGRAPH + "\n\n").encode() * 5_000,
            "long-word.txt": b"x" * 900_000,
            "empty.html": b"",
            "whitespace.txt": b" \n\t" * 1000,
            # Odd URLs and fields in records.
            "odd-urls.jsonl": "\n".join(
                json.dumps({**RECORD, "url": url, "title": f"Tram line {n}"})
                for n, url in enumerate(
                    [
                        "http://[::1",
                        "http://0177.0.0.1/x",
                        "javascript:alert(1)",
                        "https://news.example/" + "a" * 100_000,
                        "http://exa\u0000mple.com/",
                        "https://\u202eevil.example/",
                        "http://xn--.example/",
                        "//no-scheme.example/x",
                        "http://user:pass@host:99999/",
                        "file:///etc/passwd",
                        "",
                    ]
                )
            ).encode(),
            "odd-fields.jsonl": "\n".join(
                json.dumps(record)
                for record in [
                    {"title": ["a", "list"], "text": PARAGRAPH},
                    {"title": "t", "text": {"an": "object"}},
                    {"title": "t", "text": PARAGRAPH, "published": "9999-99-99"},
                    {"title": "t", "text": PARAGRAPH, "authors": [{"x": 1}, None, 3]},
                    {"title": "\ud800", "text": PARAGRAPH},
                    {"title": "t", "text": PARAGRAPH, "published": 1e308},
                    [1, 2, 3],
                    "a string",
                    None,
                ]
            ).encode(),
        }
    )
    return found


GOOD_NAMES = (
    "page.html",
    "page.txt",
    "records.jsonl",
    "records.json",
    "feed.rss",
    "archive.warc",
    "archive.warc.gz",
    "page.html.gz",
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in corpus().items():
        (folder / name).write_bytes(data)
    return folder


def _names() -> list[str]:
    return sorted(corpus())


def _check_failure(failure: InputFailure, name: str) -> None:
    assert name in failure.origin, failure
    message = failure.message
    assert message.strip(), name
    assert "\n" not in message, (name, message)
    assert len(message) < 500, (name, message[:600])
    assert "Traceback" not in message


@pytest.mark.parametrize("name", _names())
def test_each_hostile_input_is_documents_or_one_line_failures(hostile: Path, name: str) -> None:
    started = time.monotonic()
    try:
        items = list(read_inputs([str(hostile / name)], settings=SETTINGS))
    except RecursionError as exc:
        # Found by this corpus: JSON nested deeper than Python's recursion limit
        # (a file or one JSON Lines line) stopped the whole batch with a traceback.
        pytest.fail(f"{name}: reading raised RecursionError ({exc})")
    assert items, f"{name}: neither a document nor a failure"
    for item in items:
        if isinstance(item, InputFailure):
            _check_failure(item, name)
            continue
        assert isinstance(item, RawDocument)
        problem = ""
        try:
            extract_article(item)
        except NewsweaveError as exc:
            problem = str(exc)
        assert "\n" not in problem, (name, problem)
    assert time.monotonic() - started < SECONDS, f"{name} took too long"


def test_no_entity_is_ever_expanded(hostile: Path) -> None:
    for name in ("xxe.rss", "xxe.atom", "xxe.html", "laughs.rss", "laughs.html", "xxe.xml"):
        for item in read_inputs([str(hostile / name)], settings=SETTINGS):
            if isinstance(item, RawDocument):
                try:
                    article = extract_article(item)
                    text = f"{article.title} {article.body}"
                except NewsweaveError:
                    continue
                assert "root:" not in text, name
                assert "lollollol" not in text, name


@pytest.mark.slow
def test_the_whole_corpus_in_one_batch_stores_the_good_and_names_the_bad(
    hostile: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[input]\nmax_input_bytes = {LIMIT}\n", encoding="utf-8")
    db = tmp_path / "hostile.sqlite"
    command = [str(Path(sys.executable).parent / "newsweave"), "--db", str(db)]
    command += ["--config", str(config), "ingest", str(hostile)]
    good = tmp_path / "good"
    good.mkdir()
    for name in GOOD_NAMES:
        (good / name).write_bytes((hostile / name).read_bytes())
    # The good inputs first: the truncated copies of them that read back are duplicates.
    # Unparseable URLs among the files: each fails before any network access.
    command[-1:] = [str(good), *ODD_URLS[1:], str(hostile)]
    done = subprocess.run(command, capture_output=True, timeout=900, check=False)
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert done.returncode == 0, err[-3000:]
    # Every failure shown is one line naming its input (the CLI shows the first few).
    shown = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert shown, err[-3000:]
    named = (str(hostile), *ODD_URLS[1:])
    assert all(line.startswith(tuple(f"failed: {n}" for n in named)) for line in shown), shown
    conn = sqlite3.connect(db)
    try:
        stored = {
            (Path(row[0]).parent.name, _file_name(row[0]))
            for row in conn.execute("SELECT origin FROM raw_documents")
        }
        failures = conn.execute("SELECT origin, message FROM ingest_failures").fetchall()
    finally:
        conn.close()
    for origin, message in failures:
        assert message.strip(), origin
        assert "\n" not in message, (origin, message)
        assert len(message) < 500, (origin, message)
    failed_names = {_file_name(origin) for origin, _ in failures}
    assert set(ODD_URLS[1:]) <= {origin for origin, _ in failures}
    for name in GOOD_NAMES:
        assert ("good", name) in stored, f"the good input {name} was not stored"
    stored_names = {name for folder, name in stored if folder == hostile.name}
    for path in sorted(hostile.iterdir()):
        if path.name in stored_names or path.name in failed_names:
            continue
        # Neither stored nor failed: only a copy of something stored (a duplicate) may be.
        items = list(read_inputs([str(path)], settings=SETTINGS))
        assert items, path.name
        assert all(isinstance(i, RawDocument) for i in items), path.name


def _file_name(origin: str) -> str:
    """The file name of an origin (``path``, ``path:LINE`` or ``path#record``)."""
    name = Path(origin.split("#")[0]).name
    return name.rsplit(":", 1)[0] if ":" in name else name


@pytest.mark.parametrize("name", [n for n in _names() if "bomb" in n and "nul" not in n])
def test_every_compression_bomb_stops_at_the_size_limit(hostile: Path, name: str) -> None:
    items = list(read_inputs([str(hostile / name)], settings=SETTINGS))
    errors = [item.error for item in items if isinstance(item, InputFailure)]
    assert errors == ["InputTooLargeError"], (name, items)


@pytest.mark.parametrize(
    "body",
    [
        '{"articles": [' + "[" * 100_000 + "]" * 100_000 + "]}",
        '{"articles": [{"title": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}]}",
        '{"articles": [{"title": "x", "text": "y", "id": ' + "9" * 5000 + "}]}",
        '{"articles": [{"title": "x", "text": "y", "published": 1e999}]}',
        '{"articles": [' + ",".join(["{}"] * 5000) + "]}",
        "{nope",
        LAUGHS + "<r>&lol9;</r>",
    ],
    ids=["nested", "nested-record", "huge-number", "infinite", "many-empty", "not-json", "xml"],
)
def test_the_api_answers_hostile_bodies_with_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    key = "hostile-corpus-key-0123456789"
    monkeypatch.setenv("NEWSWEAVE_API_KEY", key)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with app_client(tmp_path / "api.db", rate_per_minute=0) as client:
        answer = client.post("/api/v1/ingest", content=body, headers=headers)
        assert answer.headers["content-type"].startswith("application/json")
        data = answer.json()
        if answer.status_code == 200:
            # Read, then each bad record is a one-line failure.
            assert all("\n" not in f["message"] for f in data["failures"])
        else:
            assert answer.status_code in (400, 422), answer.text[:300]
            assert data["error"]["message"]
        # The server still answers.
        assert client.get("/api/v1/health").status_code == 200
