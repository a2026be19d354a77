"""Long CLI work shows a progress bar with the total and the time left (issue 19 item 8)."""

from __future__ import annotations

import gzip
import importlib
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from newsweave.ingest import count_documents

# The module, not the Typer app that newsweave.cli exports under the same name.
cli_app = importlib.import_module("newsweave.cli.app")


def _jsonl(path: Path, n: int) -> None:
    lines = [json.dumps({"title": f"T{i}", "text": f"Body {i}."}) for i in range(n)]
    data = ("\n".join(lines) + "\n\n").encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def test_count_documents(tmp_path: Path) -> None:
    _jsonl(tmp_path / "a.jsonl", 3)
    _jsonl(tmp_path / "b.jsonl.gz", 4)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "one.txt").write_text("A page.")
    (pages / "two.html").write_text("<p>A page.</p>")
    paths = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl.gz"), str(pages)]
    assert count_documents(paths) == 3 + 4 + 2  # blank lines are not records
    # Kinds that need parsing to count: no total.
    (tmp_path / "c.warc").write_bytes(b"WARC/1.0\r\n")
    assert count_documents([*paths, str(tmp_path / "c.warc")]) is None
    assert count_documents(["https://example.com/feed"]) is None
    assert count_documents(["-"]) is None
    assert count_documents([str(tmp_path / "missing.jsonl")]) is None


def test_progress_shows_total_elapsed_and_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    monkeypatch.setattr(cli_app, "err", console)
    with cli_app._progress("Reprocessing", total=4) as advance:
        advance(1)
        advance(1)
        console.file.flush()
    text = out.getvalue()
    assert "Reprocessing" in text
    assert "/4" in text
    assert "ETA" in text
    out.truncate(0)
    with cli_app._progress("Ingesting") as advance:  # no total: a count, no ETA
        advance(2)
    assert "ETA" not in out.getvalue()


def test_extract_shows_its_total(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    out = io.StringIO()
    monkeypatch.setattr(cli_app, "err", Console(file=out, force_terminal=True, width=120))
    body = " ".join(f"The council met on day {n} and voted on the harbour plan." for n in range(20))
    lines = [json.dumps({"title": f"Harbour vote {i}", "text": body}) for i in range(3)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    done = CliRunner().invoke(
        cli_app.app, ["extract", str(tmp_path / "in.jsonl"), "--out-dir", str(tmp_path / "out")]
    )
    assert done.exit_code == 0, done.output
    assert "Extracting" in out.getvalue()
    assert "3/3" in out.getvalue()


def test_a_total_told_later_shows_done_of_total(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    monkeypatch.setattr(cli_app, "err", console)
    with cli_app._progress_counted_later("Catching up stories") as (advance, set_total):
        set_total(7)
        advance(3)
        console.file.flush()
    text = out.getvalue()
    assert "Catching up stories" in text
    assert "3/7" in text
    assert "ETA" in text
