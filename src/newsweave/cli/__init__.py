"""The ``newsweave`` command line: a thin shell over the library."""

from __future__ import annotations

# Importing the command modules registers their commands on ``app``.
from newsweave.cli import (
    brief,
    cluster,
    demo,
    follow,
    keys,
    serve,
    show,
    sources,
    spark,
    stories,
)
from newsweave.cli.app import app, main

__all__ = [
    "app",
    "brief",
    "cluster",
    "demo",
    "follow",
    "keys",
    "main",
    "serve",
    "show",
    "sources",
    "spark",
    "stories",
]
