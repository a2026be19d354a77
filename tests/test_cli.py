"""The CLI end to end, on real files and a real database (the tests taking ``db`` run
on a SQLite file and on a PostgreSQL database: conftest.py)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import SEEDS
from typer.testing import CliRunner

from newsweave.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(db_target: str) -> str:
    return db_target


def test_ingest_seeds_then_again_is_idempotent(db: str) -> None:
    code, stdout, _ = invoke("--db", str(db), "ingest", str(SEEDS))
    assert code == 0
    assert stdout.startswith("5 new, 0 duplicate, 0 failed")
    code, stdout, _ = invoke("--db", str(db), "ingest", str(SEEDS))
    assert code == 0
    assert stdout.startswith("0 new, 5 duplicate, 0 failed")

    code, stdout, _ = invoke("--db", str(db), "articles", "--json")
    assert code == 0
    rows = [json.loads(line) for line in stdout.splitlines()]
    assert len(rows) == 5
    assert {row["origin"] for row in rows} == {str(p) for p in sorted(SEEDS.glob("*.txt"))}
    assert all(row["body"] for row in rows)
    # One seed page starts straight with its body: it has no title to find.
    assert sum(1 for row in rows if row["title"]) == 4


def test_failures_are_reported_and_listed(db: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(SEEDS / "001_475bdd037935c275.txt", good)
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, stdout, stderr = invoke("--db", str(db), "ingest", str(good), str(binary))
    assert code == 0  # the rest of the batch went on
    assert stdout.startswith("1 new, 0 duplicate, 1 failed")
    assert f"failed: {binary}" in stderr

    code, stdout, _ = invoke("--db", str(db), "articles", "--failed", "--json")
    assert code == 0
    (failure,) = [json.loads(line) for line in stdout.splitlines()]
    assert failure["origin"] == str(binary)
    assert failure["error"] == "BinaryInputError"


def test_all_inputs_failing_exits_non_zero(db: str, tmp_path: Path) -> None:
    binary = tmp_path / "x.html"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, stdout, _ = invoke("--db", str(db), "ingest", str(binary))
    assert code == 1
    assert stdout.startswith("0 new, 0 duplicate, 1 failed")


def test_extract_writes_named_txt_and_json(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    shutil.copy(SEEDS / "002_b2ba44ecd8d97109.txt", pages / "one.txt")
    html = (
        "<html lang='en'><head><title>Storm hits coast</title></head><body><article>"
        "<h1>Storm hits coast</h1>"
        + "".join(
            f"<p>The storm reached the northern coast on Monday and paragraph {i} says more "
            "about the damage, the rescue teams and the people who had to leave their homes.</p>"
            for i in range(6)
        )
        + "</article></body></html>"
    )
    (pages / "sub" / "two.html.gz").write_bytes(gzip.compress(html.encode()))
    out = tmp_path / "out"
    code, stdout, _ = invoke("extract", str(pages), "--out-dir", str(out))
    assert code == 0, stdout
    assert sorted(p.name for p in out.iterdir()) == ["one.txt", "two.txt"]
    body = (out / "two.txt").read_text()
    assert "paragraph 3" in body
    assert not body.startswith("Storm hits coast")  # body only, no title line

    code, _, _ = invoke(
        "extract", str(pages / "one.txt"), "--out-dir", str(out), "--format", "json"
    )
    assert code == 0
    record = json.loads((out / "one.json").read_text())
    assert set(record) >= {
        "title",
        "body",
        "published",
        "authors",
        "outlet",
        "url",
        "language",
        "labels",
    }
    assert record["labels"]["wire_credits"]
    assert "date" not in record, "the article date is 'published', as in the web app and API"


def test_bad_usage_exits_2_with_one_line() -> None:
    code, _, stderr = invoke("extract", "x.txt", "--out-dir", "o", "--format", "pdf")
    assert code == 2
    assert "--format must be txt or json" in stderr


def test_error_is_one_line(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not a database\n" * 100)
    code, _, stderr = invoke("--db", str(not_a_db), "articles")
    assert code == 1
    assert stderr.startswith("Error:")
    assert "Traceback" not in stderr


def test_every_command_has_help() -> None:
    for command in ("ingest", "articles", "extract", "follow", "reprocess", "demo"):
        code, stdout, _ = invoke(command, "--help")
        assert code == 0, command
        assert "Usage" in stdout


def test_reprocess_keeps_articles(db: str) -> None:
    assert invoke("--db", str(db), "ingest", str(SEEDS))[0] == 0
    code, stdout, _ = invoke("--db", str(db), "reprocess")
    assert code == 0
    assert stdout.startswith("0 updated, 5 unchanged, 0 failed")


def test_demo_writes_report(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    code, stdout, _ = invoke("demo", "--corpus", str(SEEDS), "--out-dir", str(out))
    assert code == 0, stdout
    html = (out / "report.html").read_text()
    markdown = (out / "report.md").read_text()
    assert html.count('<article id="a') == 5
    assert len(re.findall(r"^### \d+\. ", markdown, re.M)) == 5
    assert (out / "newsweave.db").exists()


def test_console_script_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("newsweave")
    if not exe.exists():
        pytest.skip("console script not installed in this environment")
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("newsweave ")


def test_error_messages_keep_square_brackets(tmp_path: Path) -> None:
    # Error text is printed with rich; brackets in it must not be read as markup.
    config = tmp_path / "bad.toml"
    config.write_text("store = 3\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--config", str(config), "articles"])
    assert result.exit_code == 1
    assert "[store]" in result.output, result.output


def test_articles_show_and_filter_by_language(db: Path, tmp_path: Path) -> None:
    # Issue 18: every article's language is detected, stored, shown and filterable.
    english = tmp_path / "english.txt"
    shutil.copy(SEEDS / "001_475bdd037935c275.txt", english)
    german = tmp_path / "german.txt"
    german.write_text(
        "Neue Brücke eröffnet\n\n"
        "Der Stadtrat hat am Donnerstagabend nach langer Debatte die neue Brücke über den "
        "Fluss eröffnet. Hunderte Bürgerinnen und Bürger kamen zur Feier und gingen als Erste "
        "über die Brücke, die nach zwei Jahren Bauzeit fertig wurde.\n",
        encoding="utf-8",
    )
    code, _, _ = invoke("--db", str(db), "ingest", str(english), str(german))
    assert code == 0
    code, stdout, _ = invoke("--db", str(db), "articles", "--language", "de", "--json")
    assert code == 0
    rows = [json.loads(line) for line in stdout.splitlines()]
    assert [row["origin"] for row in rows] == [str(german)]
    assert rows[0]["language"] == "de"
    code, stdout, _ = invoke("--db", str(db), "articles")
    assert " de " in stdout
    assert " en " in stdout


@pytest.mark.parametrize(
    "command",
    [
        ["stories"],
        ["show", "s000001"],
        ["export", "--format", "json"],
        ["articles"],
        ["serve"],
        ["recluster"],
    ],
)
def test_read_commands_refuse_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "mistyped.db"
    code, stdout, stderr = invoke("--db", str(missing), *command)
    assert code == 1
    assert stdout == ""
    assert stderr.startswith("Error: no database at")
    assert str(missing) in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not missing.exists()


def test_ingest_and_sources_import_create_the_database(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.db"
    registry = tmp_path / "sources.csv"
    registry.write_text("name,domain,country,type,owner,bias,bias_rater\n", "utf-8")
    assert invoke("--db", str(fresh), "sources", "import", str(registry))[0] == 0
    assert fresh.exists()
    fresh2 = tmp_path / "fresh2.db"
    assert invoke("--db", str(fresh2), "ingest", str(SEEDS))[0] == 0
    assert fresh2.exists()


def test_global_options_work_after_the_command(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    code, _, stderr = invoke("ingest", "--db", str(db), str(SEEDS))
    assert code == 0, stderr
    assert db.exists()
    # After the command, with "=", among the command's own options, or before it: the same.
    code, after, _ = invoke("stories", "--json", f"--db={db}")
    assert code == 0
    assert after == invoke("--db", str(db), "stories", "--json")[1]
    assert after.strip()
    code, _, stderr = invoke("sources", "list", "--db", str(tmp_path / "missing.db"))
    assert code == 1
    assert "no database at" in stderr
    # An option that is nobody's keeps the plain message.
    code, _, stderr = invoke("ingest", "--no-such-thing", str(SEEDS))
    assert code == 2
    assert "No such option: --no-such-thing" in stderr
    # After "--" nothing is an option.
    code, _, stderr = invoke("--db", str(db), "show", "--", "--db")
    assert code == 1
    assert "--db" in stderr


def test_stories_has_a_header_and_json_has_none(db: str) -> None:
    assert invoke("--db", db, "ingest", str(SEEDS))[0] == 0
    code, stdout, _ = invoke("--db", db, "stories")
    assert code == 0
    lines = stdout.splitlines()
    assert lines[0].split()[:3] == ["story", "articles", "sources"]
    assert lines[0].rstrip().endswith("headline")
    assert len(lines) >= 2
    assert lines[1].startswith("s")
    code, stdout, _ = invoke("--db", db, "stories", "--json")
    assert code == 0
    assert all(json.loads(line)["id"] for line in stdout.splitlines())


HELP_COMMANDS = [
    [],
    ["ingest"],
    ["articles"],
    ["stories"],
    ["show"],
    ["export"],
    ["serve"],
    ["brief"],
    ["cluster"],
    ["extract"],
    ["follow"],
    ["sources", "import"],
    ["sources", "list"],
    ["keys", "create"],
]


@pytest.mark.parametrize("command", HELP_COMMANDS)
def test_help_reads_naturally(command: list[str]) -> None:
    code, stdout, _ = invoke(*command, "--help")
    assert code == 0
    assert "<bool>" not in stdout  # flags show no type
    assert "<list[" not in stdout
    usage = next(line for line in stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage  # arguments by name, not {name}


def test_help_names_arguments_and_keeps_brackets() -> None:
    code, stdout, _ = invoke("ingest", "--help")
    assert code == 0
    assert "Usage: newsweave ingest [OPTIONS] INPUT..." in stdout
    code, stdout, _ = invoke("--help")
    assert code == 0
    # rich markup must not eat the extra's name
    assert "'newsweave[postgres]'" in " ".join(stdout.replace("│", " ").split())
