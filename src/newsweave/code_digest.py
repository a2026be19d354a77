"""Digests of newsweave's own source files, so a cache made by other code is never reused.

The story snapshot and the cached briefs record the digest of the code that
decides them; a changed clusterer or brief stage then rebuilds instead of
continuing from what the old code made.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["ASSIGNMENT_CODE", "assignment_code_digest", "source_digest"]

ASSIGNMENT_CODE = ("text.py", "hashing.py", "models.py", "cluster", "dedup")
"""The modules whose code decides which story and which original an article gets."""


@functools.cache
def assignment_code_digest() -> str:
    """A digest of the source files of the assignment code (``"-"`` without sources).

    Read once per process from the installed package; a build that ships only
    bytecode has no sources and relies on the version alone.
    """
    return source_digest(resources.files("newsweave"))


def source_digest(package: Traversable, names: Sequence[str] = ASSIGNMENT_CODE) -> str:
    """A digest of the ``.py`` files of ``names`` (modules and folders) in ``package``.

    By default the files :func:`assignment_code_digest` covers; ``"-"`` when none
    of them has a source file.
    """
    digest = hashlib.sha256()
    found = False
    for name in names:
        entry = package.joinpath(name)
        files = (
            sorted((f for f in entry.iterdir() if f.name.endswith(".py")), key=lambda f: f.name)
            if entry.is_dir()
            else [entry]
        )
        for file in files:
            if file.is_file():
                found = True
                digest.update(f"{name}/{file.name}\0".encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12] if found else "-"
