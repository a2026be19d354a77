"""Every module of the package opens with a line saying what it is for (issue 15)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsweave"
MODULES = sorted(PACKAGE.rglob("*.py"))


def first_line(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text("utf-8")))
    return doc.strip().splitlines()[0] if doc and doc.strip() else ""


def test_the_package_is_found() -> None:
    assert len(MODULES) > 50


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_opens_with_what_it_is_for(path: Path) -> None:
    line = first_line(path)
    assert len(line.split()) >= 3, f"{path.relative_to(PACKAGE)}: no opening docstring line"


def test_a_module_without_a_docstring_is_reported(tmp_path: Path) -> None:
    bare = tmp_path / "bare.py"
    bare.write_text("import os\n", "utf-8")
    assert first_line(bare) == ""
