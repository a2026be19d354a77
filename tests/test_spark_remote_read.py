"""The Spark job's remote reading without Spark (:mod:`newsweave.pipeline.spark_remote`):
a WARC given by URL or by the bytes Spark's Hadoop file system hands a task reads as
the same file read locally (origins aside), and a download that fails is one failure
naming the URL; which inputs go to Hadoop, and the size limits it is held to."""

from __future__ import annotations

import io
import tempfile
from dataclasses import replace
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from httpserver import LocalHTTPServer, Reply, local_server
from newsweave.config import FetchSettings, InputSettings, Settings
from newsweave.ingest import iter_input_files, read_input
from newsweave.models import InputFailure, RawDocument
from newsweave.pipeline.spark_remote import (
    BINARY_FILES_LIMIT,
    HadoopInput,
    hadoop_scheme,
    read_remote,
    scratch_dirs,
)
from newsweave.pipeline.spark_work import read_records

__all__ = ["local_server"]  # the fixture, imported for pytest

SETTINGS = Settings(fetch=FetchSettings(retries=0, timeout=5.0))


def _warc(path: Path) -> bytes:
    """Two article pages and a binary payload served as HTML, gzip per record."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        bodies = [
            b"<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens"
            b"</h1><p>The new river bridge opened to traffic on Monday after three years of "
            b"work, the city said.</p><p>Engineers inspected it last week.</p></article>"
            b"</body></html>",
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2,
            b"<html><head><title>Library hours</title></head><body><article><h1>Library "
            b"hours</h1><p>The central library will stay open until nine in the evening "
            b"from next month, its board decided.</p></article></body></html>",
        ]
        for number, body in enumerate(bodies):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.invalid/{number}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
            writer.write_record(record)
    return path.read_bytes()


def _local(path: Path) -> list[RawDocument | InputFailure]:
    (resolved,) = iter_input_files([str(path)])
    return list(read_input(resolved, settings=SETTINGS))


def _without_origins(
    items: list[RawDocument | InputFailure],
) -> list[RawDocument | InputFailure]:
    return [replace(item, origin=item.origin.rsplit("/", 1)[-1]) for item in items]


def test_a_warc_by_url_reads_as_the_local_file(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    path = tmp_path / "a.warc.gz"
    data = _warc(path)
    url = local_server.route("/crawl/a.warc.gz", Reply(body=data, content_type=None))
    (resolved,) = iter_input_files([url])
    remote = list(read_remote(resolved, SETTINGS))
    local = _local(path)
    assert [type(item).__name__ for item in local] == ["RawDocument", "InputFailure", "RawDocument"]
    assert _without_origins(remote) == _without_origins(local)
    assert all(item.origin.startswith(url + "#") for item in remote)
    # The spool file is gone once the input is read.
    assert not list(Path(tempfile.gettempdir()).glob("newsweave-*.spool"))


def test_a_failed_download_is_one_failure_naming_the_url(local_server: LocalHTTPServer) -> None:
    url = local_server.url("/crawl/missing.warc.gz")
    (resolved,) = iter_input_files([url])
    assert list(read_records(7, resolved, SETTINGS)) == [
        (7, 0, InputFailure(url, "FetchError", "HTTP 404"))
    ]
    big = local_server.route("/crawl/big.warc.gz", Reply(body=b"x" * 5000))
    (resolved,) = iter_input_files([big])
    small = replace(SETTINGS, input=InputSettings(max_download_bytes=1000))
    ((_, _, failure),) = read_records(0, resolved, small)
    assert isinstance(failure, InputFailure)
    assert (failure.origin, failure.error) == (big, "InputTooLargeError")
    assert "announces 5000 bytes" in failure.message


def test_a_hadoop_file_reads_from_its_bytes_and_a_problem_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "b.warc.gz"
    data = _warc(path)
    uri = "s3a://bucket/crawl/b.warc.gz"
    remote = list(read_remote(HadoopInput(uri, len(data)), SETTINGS, data=data))
    assert _without_origins(remote) == _without_origins(_local(path))
    assert all(item.origin.startswith(uri + "#") for item in remote)
    missing = HadoopInput(uri, problem="no such file or directory")
    assert list(read_records(2, missing, SETTINGS)) == [
        (2, 0, InputFailure(uri, "InputError", "no such file or directory"))
    ]


def test_which_inputs_spark_reads_through_hadoop() -> None:
    assert hadoop_scheme("s3a://commoncrawl/crawl-data/x.warc.gz") == "s3a"
    assert hadoop_scheme("S3://bucket/x") == "s3"
    assert hadoop_scheme("hdfs://namenode/x") == "hdfs"
    assert hadoop_scheme("file:///data/x.warc.gz") == "file"
    assert hadoop_scheme("https://data.commoncrawl.org/x.warc.gz") is None
    assert hadoop_scheme("HTTP://host/x") is None
    assert hadoop_scheme("/data/cc-news/x.warc.gz") is None
    assert hadoop_scheme("relative/s3a://odd") is None
    assert BINARY_FILES_LIMIT < 2**31


def test_the_spool_goes_to_the_local_directories_spark_gives_the_executor() -> None:
    assert scratch_dirs({"SPARK_LOCAL_DIRS": "/d1/blockmgr-1, /d2/blockmgr-2"}) == [
        "/d1/blockmgr-1",
        "/d2/blockmgr-2",
    ]
    assert scratch_dirs({"LOCAL_DIRS": "/yarn"}) == []
    assert scratch_dirs({}) == []
