"""``extract --jobs`` and ``ingest --jobs``: extraction in worker processes gives exactly
what one process gives, in the same order, on invented pages (issue 18, item 5)."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import Settings
from newsweave.ingest import read_inputs
from newsweave.pipeline import extract as extract_module
from newsweave.pipeline.extract import auto_jobs, extract_to_dir
from newsweave.pipeline.ingest import extract_stream, ingest_documents
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.store import SQLiteStore

_TOPICS = [
    ("Bridge reopens after repairs", "the river bridge", "engineers", "commuters"),
    ("Library extends opening hours", "the city library", "librarians", "students"),
    ("Harbour ferry adds a night crossing", "the harbour ferry", "the crew", "late travellers"),
    ("Orchard harvest comes in early", "the hillside orchards", "pickers", "the cider makers"),
    ("School garden wins a prize", "the school garden", "the teachers", "the pupils"),
]


def _html(n: int, title: str, place: str, workers: str, people: str) -> str:
    paragraphs = "".join(
        f"<p>On day {n}, {place} was the talk of the town: {workers} said part {i} of the work "
        f"went to plan, and {people} told reporters they were glad of the change.</p>"
        for i in range(6)
    )
    return (
        f"<html lang='en'><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright the invented paper</footer></body></html>"
    )


def _pages(root: Path) -> Path:
    """Invented pages: HTML, gzipped HTML, plain text, an exact copy, an empty page
    (no article: an extraction failure) and a broken gzip (a read failure)."""
    pages = root / "pages"
    (pages / "b").mkdir(parents=True)
    for n, topic in enumerate(_TOPICS):
        html = _html(n, *topic)
        if n % 2:
            (pages / f"p{n}.html.gz").write_bytes(gzip.compress(html.encode()))
        else:
            (pages / "b" / f"p{n}.html").write_text(html, encoding="utf-8")
    (pages / "copy.html").write_text(_html(0, *_TOPICS[0]), encoding="utf-8")
    (pages / "note.txt").write_text(
        "Market stalls return\n\n"
        + "\n\n".join(
            f"The weekly market came back to the square, and stall {i} sold bread, cheese "
            "and apples to a long queue of neighbours."
            for i in range(5)
        ),
        encoding="utf-8",
    )
    (pages / "empty.html").write_text(
        "<html><head><title>Nothing here</title></head><body></body></html>", "utf-8"
    )
    (pages / "broken.html.gz").write_bytes(b"\x1f\x8b\x08 not really gzip")
    return pages


def _outputs(out: Path) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(out.iterdir())}


def test_extract_stream_in_workers_is_the_same_in_the_same_order(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    items = list(read_inputs([str(pages)], settings=Settings()))
    one = list(extract_stream(items))
    two = list(extract_stream(items, jobs=2))
    assert len(one) == len(items) == 9
    assert two == one  # articles and failures alike, in input order
    failed = [(Path(r.origin).name, r.stage) for r in one if not isinstance(r, tuple)]
    assert failed == [("broken.html.gz", "read"), ("empty.html", "extract")]


def test_extract_to_dir_with_jobs_writes_the_same_files(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    summaries = {}
    for jobs in (1, 2):
        summaries[jobs] = extract_to_dir(
            [str(pages)], tmp_path / f"out{jobs}", settings=Settings(), fmt="json", jobs=jobs
        )
    assert summaries[2] == summaries[1]
    assert (summaries[1].written, summaries[1].failed) == (7, 2)
    assert _outputs(tmp_path / "out2") == _outputs(tmp_path / "out1")
    assert "part 3 of the work" in (tmp_path / "out1" / "p3.json").read_text("utf-8")


def _stored(db: Path) -> tuple[list[tuple[object, ...]], ...]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute(
                "SELECT id, origin, body, story_id, link_kind, link_to FROM articles ORDER BY seq"
            ).fetchall(),
            conn.execute("SELECT id, headline, articles FROM stories ORDER BY id").fetchall(),
        )
    finally:
        conn.close()


def test_ingest_with_jobs_stores_the_same_articles_and_stories(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    summaries = {}
    for jobs in (1, 2):
        with SQLiteStore(tmp_path / f"{jobs}.db") as store:
            assigner = open_assigner(store)
            summaries[jobs] = ingest_documents(
                read_inputs([str(pages)], settings=Settings()),
                store,
                batch_size=3,
                stories=assigner,
                jobs=jobs,
            )
            save_assigner(store, assigner)
    assert summaries[2] == summaries[1]
    assert (summaries[1].new, summaries[1].duplicate, summaries[1].failed) == (6, 1, 2)
    assert _stored(tmp_path / "2.db") == _stored(tmp_path / "1.db")


def test_cli_extract_jobs(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        app, ["extract", str(pages), "--out-dir", str(tmp_path / "o"), "-j", "2"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("7 written to")
    assert "broken.html.gz" in result.stderr
    assert "empty.html" in result.stderr
    result = runner.invoke(app, ["extract", str(pages), "--out-dir", "o", "--jobs", "0"])
    assert result.exit_code == 2


def test_extract_stream_refuses_no_jobs() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(extract_stream([], jobs=0))


def test_one_process_extraction_loads_no_pool_machinery(tmp_path: Path) -> None:
    # `newsweave extract` of one page (the default, one process) must not pay for the
    # worker pool: it is imported only for --jobs above 1.
    page = tmp_path / "a.txt"
    page.write_text("Budget approved\n\n" + "The council approved the budget. " * 20, "utf-8")
    names = ("newsweave.pipeline.extract_pool", "concurrent.futures.process")
    code = (
        "from pathlib import Path; from newsweave.config import Settings;"
        "from newsweave.pipeline.extract import extract_to_dir;"
        f"s = extract_to_dir([{str(page)!r}], Path({str(tmp_path / 'o')!r}), settings=Settings());"
        "assert s.written == 1, s;"
        f"import sys; print(*(n for n in {names!r} if n in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.split() == []


@pytest.mark.parametrize(
    ("pages", "cores", "expected"),
    [(0, 2, 1), (1, 8, 1), (49, 2, 1), (100, 2, 2), (100, 8, 2), (10_000, 2, 2), (10_000, 1, 1)],
)
def test_auto_jobs_per_core_and_per_50_pages(pages: int, cores: int, expected: int) -> None:
    assert auto_jobs(pages, cores=cores) == expected


def test_cli_extract_default_jobs_follow_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``--jobs`` a batch gets workers by :func:`auto_jobs` (here forced to two
    for the nine invented pages) and writes exactly what one process writes."""
    pages = _pages(tmp_path)
    runner = CliRunner()
    one = runner.invoke(app, ["extract", str(pages), "--out-dir", str(tmp_path / "one"), "-j", "1"])
    assert one.exit_code == 0, one.stderr
    asked: list[int] = []
    real = extract_module.extract_to_dir

    def spy(*args: object, jobs: int = 1, **kwargs: object) -> object:
        asked.append(jobs)
        return real(*args, jobs=jobs, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(extract_module, "PAGES_PER_WORKER", 1)
    monkeypatch.setattr(extract_module, "available_cores", lambda: 2)
    monkeypatch.setattr(extract_module, "extract_to_dir", spy)
    auto = runner.invoke(app, ["extract", str(pages), "--out-dir", str(tmp_path / "auto")])
    assert auto.exit_code == 0, auto.stderr
    assert asked == [2]
    assert auto.stdout == one.stdout.replace(str(tmp_path / "one"), str(tmp_path / "auto"))
    written = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "auto").iterdir())
    for name in written:
        assert (tmp_path / "auto" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
