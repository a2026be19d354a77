"""``newsweave spark`` refuses what it can see is wrong before Spark starts (no Java or
pyspark needed): a mistyped input path, and a load into a database that holds articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NEWSWEAVE = [str(Path(sys.executable).with_name("newsweave"))]


def _newsweave(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEWSWEAVE, *args], capture_output=True, text=True, timeout=300)


def test_a_missing_input_path_is_refused_before_spark_starts(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir"
    done = _newsweave("spark", "run", str(missing), "--out", str(tmp_path / "t"))
    assert done.returncode == 1
    assert f"{missing}: no such file or directory" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "t").exists()


def test_a_load_into_a_database_with_articles_is_refused_before_spark_starts(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("A headline\n\n" + "A sentence of the article about an event. " * 12)
    db = tmp_path / "full.db"
    assert _newsweave("--db", str(db), "ingest", str(page)).returncode == 0
    tables = tmp_path / "tables"
    (tables / "articles").mkdir(parents=True)
    done = _newsweave("--db", str(db), "spark", "load", str(tables))
    assert done.returncode == 1
    assert "already holds articles" in done.stderr
    assert "empty database" in done.stderr
    assert "Traceback" not in done.stderr
