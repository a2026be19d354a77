"""The input readers and the dispatcher on real files: every kind of input, in order."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
import tracemalloc
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from httpserver import LocalHTTPServer, Reply
from newsweave.config import FetchSettings, InputSettings, Settings
from newsweave.ingest import decode_bytes, iter_input_files, read_inputs
from newsweave.ingest.files import sniff_kind
from newsweave.models import InputFailure, RawDocument

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()


def read_all(
    *inputs: str | Path, settings: Settings = SETTINGS
) -> list[RawDocument | InputFailure]:
    return list(read_inputs([str(value) for value in inputs], settings=settings))


def docs_of(records: list[RawDocument | InputFailure]) -> list[RawDocument]:
    return [record for record in records if isinstance(record, RawDocument)]


def failures_of(records: list[RawDocument | InputFailure]) -> list[InputFailure]:
    return [record for record in records if isinstance(record, InputFailure)]


def write_warc(
    path: Path, responses: list[tuple[str, str, str, bytes]], *, gzip_records: bool
) -> None:
    """A WARC with a warcinfo, a request and ``(url, status, content type, body)`` responses."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip_records)
        info = writer.create_warcinfo_record(path.name, {"software": "newsweave tests"})
        writer.write_record(info)
        for url, status, content_type, body in responses:
            request_headers = StatusAndHeaders(
                f"GET {url} HTTP/1.1", [("Host", "news.example")], is_http_request=True
            )
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), length=0, http_headers=request_headers
            )
            writer.write_record(request)
            headers = StatusAndHeaders(
                status, [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            # An explicit length keeps warcio from spooling the payload to a temp file.
            response = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(response)


WARC_RESPONSES = [
    (
        "https://news.example/one",
        "200 OK",
        "text/html; charset=utf-8",
        "<html><body><p>Première page, été.</p></body></html>".encode(),
    ),
    ("https://news.example/missing", "404 Not Found", "text/html", b"<html>not found</html>"),
    ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
    (
        "https://news.example/two",
        "200 OK",
        "text/html; charset=windows-1252",
        "<html><body><p>Caf\u00e9 \u201cquoted\u201d \u2014 two</p></body></html>".encode("cp1252"),
    ),
]


# -- plain text and HTML pages -------------------------------------------------


def test_text_page_is_read_as_plain_text_with_path_origin() -> None:
    (doc,) = read_all(FIXTURES / "page.txt")
    assert isinstance(doc, RawDocument)
    assert doc.content_type == "text/plain"
    assert doc.origin == str(FIXTURES / "page.txt")
    assert doc.content.startswith("Storm nears coast\n\nThe storm")


def test_text_page_crlf_is_normalised(tmp_path: Path) -> None:
    page = tmp_path / "windows.txt"
    page.write_bytes(b"Headline\r\n\r\nBody line one.\r\nBody line two.\r\n")
    (doc,) = docs_of(read_all(page))
    assert doc.content == "Headline\n\nBody line one.\nBody line two.\n"


def test_html_page_is_read_as_html() -> None:
    (doc,) = read_all(FIXTURES / "page.html")
    assert isinstance(doc, RawDocument)
    assert doc.content_type == "text/html"
    assert "<h1>Storm nears coast</h1>" in doc.content


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "legacy.htm"
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    page.write_bytes(
        (html + "</head><body>Caf\u00e9 \u201cna\u00efve\u201d</body></html>").encode("cp1252")
    )
    (doc,) = docs_of(read_all(page))
    assert "Caf\u00e9 \u201cna\u00efve\u201d" in doc.content


def test_html_meta_charset_shift_jis(tmp_path: Path) -> None:
    page = tmp_path / "jp.html"
    text = "東京で記者会見が開かれた。"
    page.write_bytes(
        f'<html><head><meta charset="Shift_JIS"></head><body>{text}</body></html>'.encode(
            "shift_jis"
        )
    )
    (doc,) = docs_of(read_all(page))
    assert text in doc.content


def test_gzip_page_by_name_and_by_magic_bytes(tmp_path: Path) -> None:
    named = tmp_path / "page.html.gz"
    named.write_bytes(gzip.compress(b"<html><body>zipped page</body></html>"))
    unnamed = tmp_path / "page.html"  # gzip without .gz in its name
    unnamed.write_bytes(gzip.compress(b"<html><body>secretly zipped</body></html>"))
    first, second = docs_of(read_all(named, unnamed))
    assert first.content_type == second.content_type == "text/html"
    assert "zipped page" in first.content
    assert "secretly zipped" in second.content


# -- JSON Lines and JSON -------------------------------------------------------------


def test_jsonl_fields_are_mapped_and_unknown_fields_kept() -> None:
    path = FIXTURES / "articles.jsonl"
    records = read_all(path)
    first, second, last = docs_of(records)
    assert first.origin == f"{path}:1"
    assert first.record_id == "a1"
    assert first.url == "https://news.example/a1"
    assert first.outlet == "Example Daily"
    assert first.title == "Council approves budget"
    assert first.content_type == "text/plain"
    assert first.content.startswith("The city council approved")
    assert first.published == datetime(2024, 6, 19, 10, 0, tzinfo=UTC)
    assert first.authors == ("Ann Smith", "Bo Lee")
    assert first.language == "en"
    assert dict(first.extra) == {"section": "local"}
    assert second.origin == f"{path}:2"
    assert second.content_type == "text/html"
    assert second.outlet == "Wire Service"
    assert second.published == datetime(2024, 6, 20)
    assert second.authors == ("Cy Park", "Di Rao", "Ed Roy")
    assert last.origin == f"{path}:7"
    assert last.published == datetime(2024, 6, 19, 10, 0, tzinfo=UTC)


def test_jsonl_html_wins_over_text_and_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "both.ndjson"
    record = {"ID": 7, "html": "<p>page</p>", "text": "page", "Title": "T", "date": ""}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = docs_of(read_all(path))
    assert doc.content_type == "text/html"
    assert doc.record_id == "7"
    assert doc.title == "T"
    assert doc.published is None
    assert dict(doc.extra) == {"text": "page"}


def test_jsonl_gz_with_cp1252_line_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "legacy.jsonl.gz"
    line1 = b'\xef\xbb\xbf{"text": "utf-8 line \xe2\x80\x94 fine"}\n'
    line2 = (
        '{"text": "Caf\u00e9 cr\u00e8me \u2014 cp1252 line, r\u00e9sum\u00e9 of the d\u00e9bat"}\n'
    )
    path.write_bytes(gzip.compress(line1 + line2.encode("cp1252")))
    first, second = docs_of(read_all(path))
    assert first.content == "utf-8 line — fine"
    assert second.content == "Café crème — cp1252 line, résumé of the débat"


def test_json_array_is_streamed_element_by_element() -> None:
    path = FIXTURES / "array.json"
    records = read_all(path)
    assert [type(record).__name__ for record in records] == [
        "RawDocument",
        "RawDocument",
        "InputFailure",
        "RawDocument",
    ]
    one, two, four = docs_of(records)
    assert (one.record_id, one.origin) == ("j1", f"{path}:2")
    assert (two.content_type, two.origin) == ("text/html", f"{path}:3")
    assert two.published == datetime(2024, 6, 19, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    assert four.origin == f"{path}:6"
    (failure,) = failures_of(records)
    assert failure.origin == f"{path}:5"
    assert failure.error == "MalformedInputError"
    assert "expected a JSON object, got list" in failure.message


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "Solo", "text": "Only one."}, indent=2), encoding="utf-8")
    (doc,) = read_all(path)
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.content, doc.origin) == ("Solo", "Only one.", f"{path}:1")


def test_json_array_elements_larger_than_a_read_chunk(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    bodies = [f"article {n} " + "word " * 40_000 for n in range(3)]
    path.write_text(json.dumps([{"text": body} for body in bodies]), encoding="utf-8")
    assert [doc.content for doc in docs_of(read_all(path))] == bodies


# -- WARC ----------------------------------------------------------------------------


@pytest.mark.parametrize("gzip_records", [False, True], ids=["warc", "warc.gz"])
def test_warc_keeps_only_html_200_responses(tmp_path: Path, gzip_records: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    write_warc(path, WARC_RESPONSES, gzip_records=gzip_records)
    records = read_all(path)
    assert failures_of(records) == []
    one, two = docs_of(records)
    assert one.url == "https://news.example/one"
    assert two.url == "https://news.example/two"
    assert one.content_type == two.content_type == "text/html"
    assert "Première page, été." in one.content
    assert "Café “quoted” — two" in two.content  # charset from the HTTP header
    assert isinstance(one.fetched_at, datetime)
    assert one.fetched_at.tzinfo is not None
    # Offsets point at the record in the file as stored: reading from there finds it.
    with path.open("rb") as handle:
        offset = int(two.origin.rpartition("#")[2])
        handle.seek(offset)
        start = handle.read(64)
    if gzip_records:
        start = gzip.decompress(path.read_bytes()[offset:])[:64]
    assert start.startswith(b"WARC/1.")
    assert one.origin.startswith(f"{path}#")


def test_warc_is_sniffed_without_a_known_name(tmp_path: Path) -> None:
    path = tmp_path / "crawl.bin"
    write_warc(path, WARC_RESPONSES[:1], gzip_records=True)
    (doc,) = docs_of(read_all(path))
    assert doc.url == "https://news.example/one"


# -- resolution, order, sniffing, stdin --------------------------------------------------


def test_directory_is_walked_recursively_in_name_order_skipping_hidden() -> None:
    tree = FIXTURES / "tree"
    resolved = list(iter_input_files([str(tree)]))
    assert [str(item.relative) for item in resolved] == ["b.txt", "c.txt", "sub/a.txt"]
    docs = docs_of(read_all(tree))
    assert [doc.content for doc in docs] == ["first page\n", "third page\n", "second page\n"]


def test_inputs_keep_their_order_and_a_missing_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    records = read_all(FIXTURES / "page.txt", missing, FIXTURES / "tree" / "b.txt")
    assert [type(record).__name__ for record in records] == [
        "RawDocument",
        "InputFailure",
        "RawDocument",
    ]
    failure = records[1]
    assert isinstance(failure, InputFailure)
    assert (failure.origin, failure.error) == (str(missing), "InputError")
    assert "no such file" in failure.message


def test_iter_input_files_passes_stdin_and_urls_through() -> None:
    resolved = list(iter_input_files(["-", "https://news.example/a", str(FIXTURES / "page.txt")]))
    assert [item.kind for item in resolved] == ["stdin", "url", "file"]
    assert resolved[0].name == "<stdin>"
    assert resolved[1].name == "https://news.example/a"
    assert resolved[2].path == FIXTURES / "page.txt"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"  <!DOCTYPE html><html>", "html"),
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"<rdf:RDF xmlns:rdf='x'>", "feed"),
        (b'\xef\xbb\xbf{"text": 1}', "json"),
        (b"[{}]", "json"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "warc"),
        (b"Just a headline\n\nAnd a body.", "text"),
    ],
)
def test_sniff_kind(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    html = tmp_path / "saved.page"
    html.write_bytes(b"<!doctype html><html><body>sniffed html</body></html>")
    jsonl = tmp_path / "export.dat"
    jsonl.write_bytes(b'{"text": "one"}\n{"text": "two"}\n')
    pretty = tmp_path / "export2.dat"
    pretty.write_bytes(b'{\n  "text": "pretty printed"\n}\n')
    docs = docs_of(read_all(html, jsonl, pretty))
    assert [(doc.content_type, doc.origin.rpartition("/")[2]) for doc in docs] == [
        ("text/html", "saved.page"),
        ("text/plain", "export.dat:1"),
        ("text/plain", "export.dat:2"),
        ("text/plain", "export2.dat:1"),
    ]
    assert docs[-1].content == "pretty printed"


def test_stdin_gzip_jsonl_in_a_subprocess(tmp_path: Path) -> None:
    payload = gzip.compress(b'{"text": "from stdin one"}\nnot json\n{"text": "from stdin two"}\n')
    script = (
        "from newsweave.config import Settings\n"
        "from newsweave.ingest import read_inputs\n"
        "for r in read_inputs(['-'], settings=Settings()):\n"
        "    print(type(r).__name__, r.origin, getattr(r, 'content', getattr(r, 'error', '')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], input=payload, capture_output=True, check=True, timeout=60
    )
    assert result.stdout.decode().splitlines() == [
        "RawDocument <stdin>:1 from stdin one",
        "InputFailure <stdin>:2 MalformedInputError",
        "RawDocument <stdin>:3 from stdin two",
    ]


def test_stdin_warc_gz_through_monkeypatched_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, WARC_RESPONSES, gzip_records=True)
    fake_stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()))
    monkeypatch.setattr(sys, "stdin", fake_stdin)
    docs = docs_of(read_all("-"))
    assert [doc.url for doc in docs] == ["https://news.example/one", "https://news.example/two"]
    assert all(doc.origin.startswith("<stdin>#") for doc in docs)


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<html><p>piped</p></html>")))
    (doc,) = docs_of(read_all("-"))
    assert (doc.origin, doc.content_type) == ("<stdin>", "text/html")


# -- decode_bytes, the helper other modules reuse -------------------------------------------


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (b"plain ascii", None, "plain ascii"),
        ("utf-8 — ok".encode(), "iso-8859-1", "utf-8 — ok"),  # mislabelled UTF-8 stays UTF-8
        (
            "na\u00efve \u20ac".encode("cp1252"),
            "iso-8859-1",
            "na\u00efve \u20ac",
        ),  # latin-1 label read as cp1252
        ("\ufeffbom utf-16".encode("utf-16"), None, "bom utf-16"),
        ("Привет, мир".encode("koi8-r"), "koi8-r", "Привет, мир"),
    ],
)
def test_decode_bytes(data: bytes, declared: str | None, expected: str) -> None:
    assert decode_bytes(data, origin="x", declared=declared).lstrip("\ufeff") == expected


def test_decode_bytes_detects_legacy_encodings_without_declaration() -> None:
    french = "Le café de la gare était fermé; « naïve » — le résumé coûte 5 €. " * 3
    japanese = "東京で日本の首相が記者会見を開き、新しい経済政策について説明した。" * 2
    assert decode_bytes(french.encode("cp1252"), origin="x") == french
    assert decode_bytes(japanese.encode("shift_jis"), origin="x") == japanese


# -- streaming ---------------------------------------------------------


def _peak_bytes_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(
            1
            for record in read_inputs([str(path)], settings=SETTINGS)
            if isinstance(record, RawDocument)
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return count, peak


def test_jsonl_gz_is_streamed_in_constant_memory(tmp_path: Path) -> None:
    def write(path: Path, lines: int) -> None:
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as handle:
            for n in range(lines):
                record = {
                    "id": n,
                    "title": f"Story {n}",
                    "text": f"Body of story {n}. " * 5,
                    "published": str(date(2024, 1, 1) + timedelta(days=n % 300)),
                }
                handle.write(json.dumps(record) + "\n")

    small, large = tmp_path / "small.jsonl.gz", tmp_path / "large.jsonl.gz"
    write(small, 5_000)
    write(large, 50_000)
    small_count, small_peak = _peak_bytes_reading(small)
    large_count, large_peak = _peak_bytes_reading(large)
    assert (small_count, large_count) == (5_000, 50_000)
    # Ten times the records must not cost anything like ten times the memory.
    assert large_peak < small_peak * 2, (small_peak, large_peak)


def test_settings_limit_is_used(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"x" * 200)
    tight = Settings(input=InputSettings(max_input_bytes=100))
    assert failures_of(read_all(path, settings=tight))[0].error == "InputTooLargeError"
    assert docs_of(read_all(path))[0].content == "x" * 200


# -- feeds and URLs go to their own readers -------------------------------------------------

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Daily</title><link>https://news.example/</link>
<item><title>Storm nears coast</title><link>https://news.example/storm</link>
<description>The storm is expected to make landfall tonight.</description>
<pubDate>Wed, 19 Jun 2024 10:00:00 GMT</pubDate></item>
</channel></rss>
"""


def test_feed_files_by_name_and_by_sniffing(tmp_path: Path) -> None:
    named = tmp_path / "daily.rss.gz"
    named.write_bytes(gzip.compress(RSS))
    unnamed = tmp_path / "daily.download"
    unnamed.write_bytes(RSS)
    docs = docs_of(read_all(named, unnamed))
    assert [doc.origin for doc in docs] == [f"{named}#0", f"{unnamed}#0"]
    assert all(doc.url == "https://news.example/storm" for doc in docs)
    assert all("landfall tonight" in doc.content for doc in docs)


def test_urls_are_fetched_with_a_fetcher_made_from_settings(tmp_path: Path) -> None:
    settings = Settings(fetch=FetchSettings(retries=0, backoff=0.0, politeness_delay=0.0))
    with LocalHTTPServer() as server:
        page = server.route(
            "/story.html", Reply(body="<html><body><p>Fetched story</p></body></html>")
        )
        gone = server.url("/gone.html")
        records = read_all(page, gone, FIXTURES / "page.txt", settings=settings)
    assert [type(record).__name__ for record in records] == [
        "RawDocument",
        "InputFailure",
        "RawDocument",
    ]
    fetched = records[0]
    assert isinstance(fetched, RawDocument)
    assert "Fetched story" in fetched.content
    assert records[1].origin == gone
