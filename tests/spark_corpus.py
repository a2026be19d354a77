"""Small real inputs for the Spark job's tests and benchmark, made in a temporary folder.

The articles are the first records of the dated AllSides stream in
``../shared/data/story-judgments/`` (real text, several outlets reporting the same
events), rendered as plain article pages and written as WARC response records
(gzip per record), the shape of CC-NEWS.  Some records are made on purpose: a
binary payload served as HTML, another outlet's copy of an earlier article, a
third outlet's edited copy of another, and a last archive cut short
inside a record.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STREAM = Path(__file__).parent / ".." / ".." / "shared" / "data" / "story-judgments"
STREAM_FILE = STREAM / "allsides-2020.jsonl.gz"

TABLE_ORDERS = {
    "articles": ("path_index", "record_index"),
    "rejects": ("path_index", "record_index"),
    "assignments": ("seq",),
    "duplicate_links": ("article_id",),
    "stories": ("story_id",),
    "storylines": ("storyline_id",),
    "story_events": ("event_index",),
    "briefs": ("story_id",),
}
"""The job's tables and the columns that put their rows in one order, for comparing runs."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """The inputs written: the WARC files in ingest order, the path list, and a JSONL."""

    warcs: list[Path]
    path_list: Path
    jsonl: Path
    records: int


def skip_module_without_spark() -> None:
    """Skip the calling test module, with the reason, when the stream data, Java or
    pyspark is missing (call it at module level, before importing the Spark job)."""
    if not STREAM_FILE.exists():
        pytest.skip(f"{STREAM_FILE} is missing (../shared/data)", allow_module_level=True)
    if shutil.which("java") is None:
        pytest.skip(
            "Java is missing: the Spark tests need a JRE (apt-get install default-jre-headless)",
            allow_module_level=True,
        )
    pytest.importorskip("pyspark", reason="pyspark is missing: pip install 'newsweave[spark]'")


@contextmanager
def quiet_session(master: str, app_name: str) -> Iterator[Any]:
    """A Spark session that logs errors only, stopped at the end (one per test module:
    a process holds one Spark context at a time)."""
    from newsweave.pipeline.spark import spark_session

    session = spark_session(master, app_name=app_name)
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def stream_records(count: int) -> list[dict[str, Any]]:
    """The first ``count`` records of the dated stream."""
    records = []
    with gzip.open(STREAM_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) == count:
                break
    return records


def page(record: dict[str, Any]) -> bytes:
    """A plain article page for a stream record (its title, date, outlet and paragraphs)."""
    paragraphs = "".join(
        f"<p>{html.escape(part.strip())}</p>\n"
        for part in str(record["text"]).split("\n")
        if part.strip()
    )
    title = html.escape(str(record["title"]))
    outlet = html.escape(str(record.get("source") or ""))
    published = html.escape(str(record.get("published") or ""))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='{published}'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{paragraphs}</article>"
        "<footer>Contact us. Terms of use.</footer></body></html>"
    ).encode()


def _response(writer: WARCWriter, url: str, body: bytes) -> Any:
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
    )
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )


def write_corpus(folder: Path, *, count: int = 240, files: int = 3) -> Corpus:
    """``count`` stream records as ``files`` WARC archives (the last one cut short),
    a ``warc.paths`` list naming them, and the same records as one JSONL file."""
    folder.mkdir(parents=True, exist_ok=True)
    records = stream_records(count)
    per_file = -(-len(records) // files)
    warcs = []
    for number in range(files):
        chunk = records[number * per_file : (number + 1) * per_file]
        path = folder / f"news-{number:05d}.warc.gz"
        with path.open("wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for position, record in enumerate(chunk):
                url = str(record.get("url") or f"https://news.invalid/{record['id']}")
                writer.write_record(_response(writer, url, page(record)))
                if number == 0 and position == 3:
                    # Binary bytes served as HTML: a bad record, counted and skipped.
                    junk = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
                    writer.write_record(_response(writer, "https://news.invalid/junk", junk))
                if number == 1 and position == 5:
                    # Another outlet's verbatim copy of an earlier article: a duplicate link.
                    copy = dict(records[1], source="Copying Outlet")
                    url = "https://copy.invalid/" + str(records[1]["id"])
                    writer.write_record(_response(writer, url, page(copy)))
                if number == 1 and position == 6:
                    # An edited copy (syndicated): an intro of its own, the last paragraph cut.
                    paragraphs = str(records[2]["text"]).split("\n")
                    text = "\n".join(["Our own introduction.", *paragraphs[:-1]])
                    near = dict(records[2], source="Editing Outlet", text=text)
                    url = "https://near.invalid/" + str(records[2]["id"])
                    writer.write_record(_response(writer, url, page(near)))
        warcs.append(path)
    # The last archive breaks off inside its last record.
    data = warcs[-1].read_bytes()
    warcs[-1].write_bytes(data[: len(data) - 200])
    path_list = folder / "warc.paths"
    path_list.write_text("".join(f"{path.name}\n" for path in warcs), encoding="utf-8")
    jsonl = folder / "stream.jsonl"
    with jsonl.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Corpus(warcs=warcs, path_list=path_list, jsonl=jsonl, records=len(records))
