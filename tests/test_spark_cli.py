"""The documented commands: ``newsweave spark run`` over a path list, ``spark load``, then
the loaded database answers ``stories`` like an ingested one (issue 20, item 5)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.spark_corpus import skip_module_without_spark, write_corpus

pytestmark = pytest.mark.slow

skip_module_without_spark()

NEWSWEAVE = [str(Path(sys.executable).with_name("newsweave"))]


def _run(*args: str) -> str:
    done = subprocess.run([*NEWSWEAVE, *args], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_spark_run_then_load_serves_the_stories_of_ingest(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", count=16, files=2)
    tables = tmp_path / "tables"
    said = _run(
        "spark",
        "run",
        "--paths",
        str(corpus.path_list),
        "--prefix",
        f"{corpus.path_list.parent}/",
        "--out",
        str(tables),
        "--master",
        "local[2]",
        "--partitions",
        "3",
    )
    assert "2 inputs: 17 articles" in said, said  # 16 records, a copy and an edited copy, one cut
    assert "2 rejected" in said, said
    loaded = tmp_path / "loaded.db"
    said = _run("--db", str(loaded), "spark", "load", str(tables), "--master", "local[1]")
    assert said.startswith("17 articles, "), said
    ingested = tmp_path / "ingested.db"
    subprocess.run(
        [*NEWSWEAVE, "--db", str(ingested), "ingest", *map(str, corpus.warcs)],
        capture_output=True,
        check=False,
    )
    for command in (["stories", "--json"], ["stories", "--storylines"], ["articles"]):
        assert _run("--db", str(loaded), *command) == _run("--db", str(ingested), *command)


def test_spark_run_over_s3_without_the_connector_stops_with_one_clear_error(
    tmp_path: Path,
) -> None:
    path = "s3a://commoncrawl/crawl-data/CC-NEWS/2026/01/CC-NEWS-1.warc.gz"
    done = subprocess.run(
        [*NEWSWEAVE, "spark", "run", path, "--out", str(tmp_path / "t"), "--master", "local[1]"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    said = [line for line in done.stderr.splitlines() if "cannot read s3a:// paths" in line]
    assert len(said) == 1, done.stderr[-2000:]
    assert path in said[0]
    assert "https://data.commoncrawl.org/" in said[0]
    assert not (tmp_path / "t").exists()


LOCAL_1 = ("--master", "local[1]")


def test_spark_run_exits_1_when_every_input_is_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc"
    broken.write_bytes(b"this is not a WARC file\n" * 20)
    done = subprocess.run(
        [*NEWSWEAVE, "spark", "run", str(broken), "--out", str(tmp_path / "t"), *LOCAL_1],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr[-2000:]
    assert "0 articles" in done.stdout
    assert "every record or input was rejected" in done.stderr
