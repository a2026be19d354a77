"""The layers of the package, checked on every import of every module (issue 15).

Stages do not know the flows that call them: a module may import its own
package and the layers below its own, never one above, and never a sibling
package of the same layer where siblings are meant to be independent.  Every
import counts, including those inside functions (an import moved into a function
to dodge a cycle still runs back up a level) and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsweave"

LAYERS: tuple[frozenset[str], ...] = (
    # 0: the core every layer may use (the package itself is "").
    # wordlists reads the word-list files of the data package.
    frozenset(
        {
            "",
            "errors",
            "models",
            "config",
            "text",
            "hashing",
            "sources",
            "http",
            "code_digest",
            "evaluation",
            "wordlists",
            "data",
        }
    ),
    # 1: the stages; they may use each other (brief reads dedup and cluster features).
    frozenset({"extract", "dedup", "cluster", "brief"}),
    # 2: inputs, storage and display: independent of each other.
    frozenset({"ingest", "store", "render"}),
    # 3: the flows that wire stages, inputs, the store and display together.
    frozenset({"pipeline"}),
    # 4 and 5: the applications (the CLI starts the web app).
    frozenset({"web"}),
    frozenset({"cli"}),
)
SIBLINGS_ALLOWED = frozenset({0, 1})
"""Layers whose packages may import each other."""


def _part(module: str) -> str:
    """The top-level part of ``newsweave.x.y`` (``x``), ``""`` for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _layer(part: str) -> int:
    for number, members in enumerate(LAYERS):
        if part in members:
            return number
    raise AssertionError(
        f"newsweave.{part} is in no layer: add it to LAYERS in tests/test_import_rules.py"
    )


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """``src/newsweave/cluster/assign.py`` -> ``newsweave.cluster.assign``."""
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(
    source: str, module: str, *, is_package: bool = False
) -> list[tuple[int, str]]:
    """Every newsweave module ``source`` imports, anywhere in it: ``(line, module)``.

    ``from newsweave import x`` names ``newsweave.x`` (a submodule or a name of
    the package: both count as the part ``x`` when ``x`` is a part).
    """
    found: list[tuple[int, str]] = []
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "newsweave":
                found += [(node.lineno, f"newsweave.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return [(line, name) for line, name in found if name.split(".")[0] == "newsweave"]


def forbidden_imports(
    source: str, module: str, *, is_package: bool = False, parts: frozenset[str] | None = None
) -> list[str]:
    """The imports of ``source`` (the module ``module``) that break the layering."""
    known = parts if parts is not None else frozenset().union(*LAYERS)
    own = _part(module)
    own_layer = _layer(own)
    problems = []
    for line, target in imported_modules(source, module, is_package=is_package):
        part = _part(target)
        if part not in known:  # a name of the package itself (``__version__``)
            part = ""
        if part == own:
            continue
        layer = _layer(part)
        if layer > own_layer:
            problems.append(f"{module}:{line} imports {target}, a layer above it")
        elif layer == own_layer and layer not in SIBLINGS_ALLOWED:
            problems.append(f"{module}:{line} imports {target}, a sibling it must not know")
    return problems


def _package_parts() -> frozenset[str]:
    return frozenset(p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()) | {""}


def test_every_part_of_the_package_has_a_layer() -> None:
    for entry in PACKAGE.iterdir():
        if entry.name.startswith(("_", ".")) or entry.name == "py.typed":
            continue
        if entry.suffix == ".py" or (entry.is_dir() and (entry / "__init__.py").exists()):
            _layer(entry.stem if entry.is_file() else entry.name)


def test_no_module_imports_up_a_level_or_across() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50, f"too few modules found under {PACKAGE}"
    problems = []
    for path in modules:
        problems += forbidden_imports(
            path.read_text("utf-8"),
            module_name(path),
            is_package=path.name == "__init__.py",
            parts=_package_parts(),
        )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        # A function-level import dodging a cycle is still an import up a level.
        (
            "newsweave.cluster.stream",
            "def run():\n    from newsweave.pipeline.stories import StoryAssigner\n",
            "newsweave.cluster.stream:2 imports newsweave.pipeline.stories, a layer above it",
        ),
        (
            "newsweave.brief.export",
            "import newsweave.store\n",
            "newsweave.brief.export:1 imports newsweave.store, a layer above it",
        ),
        (
            "newsweave.text",
            "import typing\nif typing.TYPE_CHECKING:\n    from newsweave import dedup\n",
            "newsweave.text:3 imports newsweave.dedup, a layer above it",
        ),
        (
            "newsweave.store.sqlite",
            "from newsweave.render.present import StoryBrief\n",
            "newsweave.store.sqlite:1 imports newsweave.render.present, a sibling it must not know",
        ),
        (
            "newsweave.pipeline.brief",
            "from ..web import app\n",
            "newsweave.pipeline.brief:1 imports newsweave.web, a layer above it",
        ),
    ],
)
def test_a_forbidden_import_is_found(module: str, source: str, expected: str) -> None:
    assert forbidden_imports(source, module) == [expected]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("newsweave.cluster.assign", "from newsweave.dedup import DuplicateDetector\n"),
        ("newsweave.cluster.assign", "from newsweave import __version__\n"),
        ("newsweave.pipeline.brief", "from newsweave.store import Store\n"),
        ("newsweave.cli.serve", "def run():\n    from newsweave.web import create_app\n"),
        ("newsweave.ingest", "from .fetch import fetch_url\n"),
    ],
)
def test_an_allowed_import_passes(module: str, source: str) -> None:
    assert forbidden_imports(source, module, is_package=module == "newsweave.ingest") == []
