"""Start-up cost of the CLI (issue 18): heavy libraries load only in the commands that use them.

Not a timing test (timings on a shared machine are noise): it checks which
modules a fresh interpreter has loaded, which is what the time went into.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("numpy", "scipy", "sklearn", "datasketch", "spacy", "fastapi")


def _loaded_after(code: str, names: tuple[str, ...]) -> list[str]:
    probe = f"{code}; import sys; print(' '.join(n for n in {names!r} if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return done.stdout.split()


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _loaded_after("import newsweave.cli", HEAVY) == []


def test_help_loads_no_heavy_library() -> None:
    code = (
        "from typer.testing import CliRunner; from newsweave.cli import app;"
        "result = CliRunner().invoke(app, ['--help']); assert result.exit_code == 0, result.output"
    )
    assert _loaded_after(code, HEAVY) == []


@pytest.mark.parametrize("module", ["newsweave.pipeline.extract", "newsweave.extract"])
def test_the_extract_path_loads_no_clustering_or_brief_library(module: str) -> None:
    # numpy may come in under trafilatura (its optional language detector);
    # the clustering and brief stacks must not.
    assert _loaded_after(f"import {module}", ("scipy", "sklearn", "datasketch", "spacy")) == []


def test_help_loads_no_store_backend() -> None:
    code = (
        "from typer.testing import CliRunner; from newsweave.cli import app;"
        "result = CliRunner().invoke(app, ['--help']); assert result.exit_code == 0, result.output"
    )
    assert _loaded_after(code, ("newsweave.store", "newsweave.store.postgres")) == []


def test_extracting_a_text_page_loads_no_html_extractor() -> None:
    # trafilatura (and courlan, urllib3 under it) is for HTML only.
    code = (
        "from newsweave.extract import extract_article; from newsweave.models import RawDocument;"
        "extract_article(RawDocument(origin='a.txt', content_type='text/plain',"
        " content='Budget approved\\n\\n' + 'The council approved the budget. ' * 20))"
    )
    assert _loaded_after(code, ("trafilatura", "courlan", "newsweave.extract.html")) == []


def test_the_extract_path_loads_no_store_backend() -> None:
    # `newsweave extract` writes files; the store package imports every backend.
    assert _loaded_after("import newsweave.pipeline.extract", ("newsweave.store",)) == []


def test_extracting_a_text_page_loads_no_numpy(tmp_path: Path) -> None:
    # Language detection scores a few pages without numpy once its model cache exists.
    page = tmp_path / "page.txt"
    page.write_text(
        "Budget approved\n\n" + "The council approved the budget after a long debate. " * 20,
        encoding="utf-8",
    )
    code = (
        "from typer.testing import CliRunner; from newsweave.cli import app;"
        f"result = CliRunner().invoke(app, ['extract', {str(page)!r}, '--out-dir', "
        f"{str(tmp_path / 'out')!r}]); assert result.exit_code == 0, result.output"
    )
    env = {**os.environ, "NEWSWEAVE_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # builds the cache
    probe = f"{code}; import sys; print('numpy' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env
    )
    assert done.stdout.split() == ["False"]
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8").startswith("The council")


def test_extracting_an_html_page_loads_no_numpy(tmp_path: Path) -> None:
    # trafilatura's `import py3langid` (numpy) is deferred: it uses py3langid only in a
    # language filter newsweave never asks for (tests/test_htmllib.py). The page declares
    # no language, so newsweave's own detection runs too, without numpy once its cache exists.
    # typer is pinned below 0.29, which validates every parameter with pydantic.
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>The council approved the budget for the {n}th time after a long debate.</p>"
        for n in range(4, 12)
    )
    page.write_text(
        f"<html><head><title>Budget approved</title></head><body><article>{body}</article>"
        "</body></html>",
        encoding="utf-8",
    )
    code = (
        "from typer.testing import CliRunner; from newsweave.cli import app;"
        f"result = CliRunner().invoke(app, ['extract', {str(page)!r}, '--out-dir', "
        f"{str(tmp_path / 'out')!r}, '--format', 'json']);"
        "assert result.exit_code == 0, result.output"
    )
    env = {**os.environ, "NEWSWEAVE_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # builds the cache
    names = ("numpy", "pydantic", "trafilatura")
    probe = f"{code}; import sys; print(*(n for n in {names!r} if n in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env
    )
    assert done.stdout.split() == ["trafilatura"]
    written = json.loads((tmp_path / "out" / "page.json").read_text(encoding="utf-8"))
    assert written["language"] == "en"
    assert written["body"].startswith("The council approved")


def test_the_extract_path_loads_no_container_reader() -> None:
    # warcio and the JSON reader (dateutil, email parsers) load with a .warc or .jsonl input.
    names = ("warcio", "newsweave.ingest.warc", "newsweave.ingest.jsonl", "dateutil")
    assert _loaded_after("import newsweave.pipeline.extract", names) == []
