"""``newsweave sources import`` / ``list``: the registry kept in the database."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.models import SourceType
from newsweave.store import open_store

CSV = """name,domain,country,type,owner,bias,bias_rater
Daily Example,dailyexample.com,GB,publisher,Example Media Group,Lean Left,AllSides
Wire One,wireone.net,US,wire,,,
"""


def test_import_list_and_replace(tmp_path: Path, db_target: str) -> None:
    runner = CliRunner()
    db = db_target
    registry = tmp_path / "outlets.csv"
    registry.write_text(CSV, encoding="utf-8")
    result = runner.invoke(app, ["--db", db, "sources", "import", str(registry)])
    assert result.exit_code == 0, result.output
    assert "2 sources imported" in result.output
    listed = runner.invoke(app, ["--db", db, "sources", "list", "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [row["name"] for row in rows] == ["Daily Example", "Wire One"]
    assert rows[0]["bias_ratings"] == [
        {"value": "Lean Left", "rater": "AllSides", "provenance": "registry:outlets.csv"}
    ]
    assert rows[1]["owner"] is None  # unknown stays unknown
    # A later file replaces the entry of the same name (case-insensitively).
    update = tmp_path / "update.toml"
    update.write_text('[[source]]\nname = "daily example"\ncountry = "IE"\n', encoding="utf-8")
    assert runner.invoke(app, ["--db", db, "sources", "import", str(update)]).exit_code == 0
    with open_store(db) as store:
        sources = {s.name.casefold(): s for s in store.iter_sources()}
    assert len(sources) == 2
    assert sources["daily example"].country == "IE"
    assert sources["daily example"].type is SourceType.UNKNOWN
    assert sources["wire one"].type is SourceType.WIRE


def test_bad_registry_is_a_clear_error_and_stores_nothing(tmp_path: Path, db_target: str) -> None:
    runner = CliRunner()
    db = db_target
    registry = tmp_path / "bad.csv"
    registry.write_text(CSV + "Broken,,,spaceship,,,\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", db, "sources", "import", str(registry)])
    assert result.exit_code == 1
    assert "bad.csv" in result.output
    with open_store(db) as store:
        assert list(store.iter_sources()) == []
