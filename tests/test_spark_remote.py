"""The Spark job over remote WARC files (issue 20, item 5: "local or remote as Spark reads
them"): ``http://`` URLs from a local HTTP server and ``file://`` URIs read by Spark's
Hadoop file system give the tables of the same files read locally, with another
number of partitions; a missing file and a body cut short are ``rejects`` rows naming
the URL and the job goes on; ``s3a://`` without the S3 connector stops the job at the
start with one error saying what to do.  ``local[2]``; skipped with a message where
Java or pyspark is missing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.spark_corpus import (
    TABLE_ORDERS,
    Corpus,
    quiet_session,
    skip_module_without_spark,
    write_corpus,
)

from httpserver import LocalHTTPServer, Reply
from newsweave.config import Settings, load_settings
from newsweave.errors import ConfigError
from newsweave.models import InputFailure

pytestmark = pytest.mark.slow

skip_module_without_spark()

from newsweave.pipeline.spark import (  # noqa: E402  (after the skips above)
    TABLES,
    SparkJobOptions,
    SparkJobSummary,
    run_spark_job,
)
from newsweave.pipeline.spark_remote import HadoopInput, resolve_inputs  # noqa: E402
from newsweave.pipeline.spark_rows import raw_from_row, reject_from_row  # noqa: E402

RECORDS = 36


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    with quiet_session("local[2]", "newsweave-tests-remote") as session:
        yield session


@pytest.fixture(scope="module")
def settings() -> Settings:
    base = load_settings()
    # One retry, short waits: the cut-off download fails fast.
    return replace(base, fetch=replace(base.fetch, retries=1, backoff=0.05, timeout=10.0))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return write_corpus(tmp_path_factory.mktemp("remote-in") / "warcs", count=RECORDS, files=3)


@pytest.fixture(scope="module")
def server(corpus: Corpus) -> Iterator[LocalHTTPServer]:
    """The corpus's WARC files under ``/crawl/``, plus one served cut short."""
    with LocalHTTPServer() as site:
        for path in corpus.warcs:
            site.route(
                f"/crawl/{path.name}",
                Reply(body=path.read_bytes(), content_type="application/octet-stream"),
            )
        whole = corpus.warcs[0].read_bytes()
        site.route("/crawl/cut.warc.gz", Reply(body=whole, cut=len(whole) // 2))
        yield site


def _run(spark: Any, inputs: list[str], out: Path, settings: Settings, **options: Any) -> Any:
    return run_spark_job(spark, inputs, out, settings=settings, options=SparkJobOptions(**options))


@pytest.fixture(scope="module")
def local(
    spark: Any, corpus: Corpus, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("remote-local") / "tables"
    _run(spark, [str(path) for path in corpus.warcs], out, settings, partitions=3)
    return out


def _origin(value: str | None) -> str | None:
    """An origin without the folder, URL or URI of its file (``news-00000.warc.gz#0``)."""
    return None if value is None else value.rsplit("/", 1)[-1]


def _rows(spark: Any, out: Path, name: str) -> list[Any]:
    rows = []
    for row in spark.read.parquet(str(out / name)).orderBy(*TABLE_ORDERS[name]).collect():
        data = row.asDict()
        if "origin" in data:
            data["origin"] = _origin(data["origin"])
        if "raw" in data:
            raw = raw_from_row(row)
            data["raw"] = replace(raw, origin=_origin(raw.origin))
        rows.append(data)
    return rows


def _same_tables(spark: Any, first: Path, second: Path, skip: set[str]) -> None:
    for name in TABLES:
        if name not in skip:
            made = _rows(spark, second, name)
            assert made == _rows(spark, first, name), name
    assert (second / "state" / "stories.snapshot").read_bytes() == (
        first / "state" / "stories.snapshot"
    ).read_bytes()


def _spools() -> set[Path]:
    return set(Path(tempfile.gettempdir()).rglob("newsweave-*.spool"))


def test_http_urls_give_the_tables_of_local_files_and_failed_downloads_are_rejects(
    spark: Any,
    corpus: Corpus,
    server: LocalHTTPServer,
    local: Path,
    settings: Settings,
    tmp_path: Path,
) -> None:
    before = _spools()
    missing = server.url("/crawl/missing.warc.gz")
    cut = server.url("/crawl/cut.warc.gz")
    urls = [server.url(f"/crawl/{path.name}") for path in corpus.warcs] + [missing, cut]
    out = tmp_path / "tables"
    summary: SparkJobSummary = _run(spark, urls, out, settings, partitions=2)
    assert summary.inputs == 5
    _same_tables(spark, local, out, skip={"rejects"})
    rejects = [
        reject_from_row(row)
        for row in spark.read.parquet(str(out / "rejects"))
        .orderBy(*TABLE_ORDERS["rejects"])
        .collect()
    ]
    local_rejects = _rows(spark, local, "rejects")
    assert len(rejects) == len(local_rejects) + 2 == summary.rejects
    assert _rows(spark, out, "rejects")[:-2] == local_rejects
    # Each file's records came from its URL (the origins name it).
    assert all(r.origin.startswith(server.url("/crawl/news-")) for r in rejects[:-2])
    gone, broken = rejects[-2:]
    assert gone == InputFailure(missing, "FetchError", "HTTP 404")
    assert (broken.origin, broken.error, broken.stage) == (cut, "FetchError", "read")
    assert broken.message.endswith("after 2 attempt(s)"), broken.message
    assert len(server.requests_for("/crawl/cut.warc.gz")) == 2  # retried once
    assert len(server.requests_for("/crawl/missing.warc.gz")) == 1
    # Every spool file was removed after its task.
    assert _spools() <= before


def test_hadoop_uris_give_the_tables_of_local_files(
    spark: Any,
    corpus: Corpus,
    local: Path,
    settings: Settings,
    tmp_path: Path,
) -> None:
    folder = corpus.warcs[0].parent
    # The folder holds the WARC files and, named after them, the path list and a
    # JSONL: a separate folder of the WARC files alone is listed in name order.
    only = tmp_path / "only"
    only.mkdir()
    for path in corpus.warcs:
        shutil.copy(path, only / path.name)
    (only / "_SUCCESS").write_text("")  # Hadoop's markers are skipped, as hidden files are
    missing = f"file://{folder}/missing.warc.gz"
    out = tmp_path / "tables"
    summary = _run(spark, [f"file://{only}", missing], out, settings, partitions=5, briefs=False)
    assert summary.inputs == 4
    _same_tables(spark, local, out, skip={"rejects", "briefs"})
    rejects = [reject_from_row(row) for row in spark.read.parquet(str(out / "rejects")).collect()]
    assert InputFailure(missing, "InputError", "no such file or directory") in rejects
    assert len(rejects) == summary.rejects == 3


@pytest.mark.parametrize("scheme", ["s3a", "s3"])
def test_s3_without_the_connector_fails_at_the_start_saying_what_to_do(
    spark: Any, corpus: Corpus, settings: Settings, tmp_path: Path, scheme: str
) -> None:
    path = f"{scheme}://commoncrawl/crawl-data/CC-NEWS/2026/01/CC-NEWS-1.warc.gz"
    with pytest.raises(ConfigError) as caught:
        resolve_inputs(spark.sparkContext, [str(corpus.warcs[0]), path], settings=settings)
    message = str(caught.value)
    assert message.startswith(f"{path}: Spark on this cluster cannot read {scheme}:// paths")
    assert "--prefix https://data.commoncrawl.org/" in message
    assert "hadoop-aws" in message
    if scheme == "s3":
        assert "s3a://" in message
    out = tmp_path / "tables"
    with pytest.raises(ConfigError, match="cannot read"):
        _run(spark, [str(corpus.warcs[0]), path], out, settings)
    assert not out.exists()  # stopped before any phase


def test_the_driver_lists_hadoop_folders_in_name_order_under_the_size_limit(
    spark: Any, corpus: Corpus, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "listed"
    (folder / "b").mkdir(parents=True)
    for name in ("z.warc.gz", "a.warc.gz", "b/m.warc.gz", ".hidden", "_SUCCESS"):
        shutil.copy(corpus.warcs[0], folder / name)
    size = corpus.warcs[0].stat().st_size
    items = resolve_inputs(
        spark.sparkContext,
        [f"file://{folder}", str(corpus.warcs[1]), f"file://{folder}/none.warc.gz"],
        settings=settings,
    )
    assert [Path(getattr(item, "uri", getattr(item, "name", ""))).name for item in items] == [
        "a.warc.gz",
        "m.warc.gz",
        "z.warc.gz",
        corpus.warcs[1].name,
        "none.warc.gz",
    ]
    assert [getattr(item, "size", None) for item in items[:3]] == [size] * 3
    assert [getattr(item, "problem", None) for item in items] == [None] * 4 + [
        "no such file or directory"
    ]
    capped = replace(settings, input=replace(settings.input, max_download_bytes=size - 1))
    (item,) = resolve_inputs(spark.sparkContext, [f"file://{folder}/a.warc.gz"], settings=capped)
    assert isinstance(item, HadoopInput)
    assert item.error == "InputTooLargeError"
    assert f"has {size} bytes" in str(item.problem)


def test_the_driver_expands_hadoop_patterns_and_refuses_names_read_as_patterns(
    spark: Any, corpus: Corpus, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "globbed"
    (folder / "2026-01").mkdir(parents=True)
    (folder / "2026-02").mkdir()
    for name in ("2026-02/b.warc.gz", "2026-01/b.warc.gz", "2026-01/a.warc.gz", "2026-01/a.txt"):
        shutil.copy(corpus.warcs[0], folder / name)
    odd = tmp_path / "odd"
    odd.mkdir()
    shutil.copy(corpus.warcs[0], odd / "c,1.warc.gz")
    items = resolve_inputs(
        spark.sparkContext,
        [f"file://{folder}/*/*.warc.gz", f"file://{folder}/none-*", f"file://{odd}"],
        settings=settings,
    )
    names = [str(getattr(item, "uri", "")).split(str(tmp_path), 1)[-1] for item in items]
    assert names == [
        "/globbed/2026-01/a.warc.gz",
        "/globbed/2026-01/b.warc.gz",
        "/globbed/2026-02/b.warc.gz",
        "/globbed/none-*",
        "/odd/c,1.warc.gz",
    ]
    assert [getattr(item, "problem", None) for item in items] == [
        None,
        None,
        None,
        "no file matches the pattern",
        "the name holds a character Spark would read as a pattern",
    ]
