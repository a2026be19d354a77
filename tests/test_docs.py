"""Documentation stays true: every CLI command and every setting appears in the README."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer.main

from newsweave.cli import app
from newsweave.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    group = typer.main.get_command(app)
    commands = sorted(group.commands)  # type: ignore[attr-defined]
    assert {"ingest", "articles", "extract", "follow", "reprocess", "demo"} <= set(commands)
    for name in commands:
        assert f"`newsweave {name}" in README, f"command {name!r} missing from README"


def test_every_setting_is_documented() -> None:
    settings = Settings()
    for section in dataclasses.fields(settings):
        for key in dataclasses.fields(getattr(settings, section.name)):
            assert f"{section.name}.{key.name}" in README, f"{section.name}.{key.name} undocumented"


def test_readme_has_the_two_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
