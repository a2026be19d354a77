"""Word lists and the gazetteer, read once from the package data files in ``newsweave/data``.

Every list the stages match words against (web-UI vocabulary, section openers,
function words, title words, places, wire agencies...) is a plain-text file of
``newsweave/data``: one entry per line, blank lines and lines starting with
``#`` ignored, the first line a comment saying where the list comes from and
what it is for.  Keeping the lists apart from the code lets a reader review
them as data and lets a change to a list show up as a change to one file.

A mapping file writes each entry as ``key = value``.  Files are read through
:mod:`importlib.resources`, so they work from a wheel, a zip or a checkout, and
each is read once per process.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["DATA_PACKAGE", "entries", "mapping", "vocab", "words"]

DATA_PACKAGE = "newsweave.data"
"""The package holding the data files."""


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of data file ``name`` (without ``.txt``), in file order."""
    text = resources.files(DATA_PACKAGE).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(
        entry for line in text.splitlines() if (entry := line.strip()) and not entry.startswith("#")
    )


@cache
def words(name: str) -> frozenset[str]:
    """The entries of data file ``name`` as a set, for membership tests."""
    return frozenset(entries(name))


def mapping(name: str) -> dict[str, str]:
    """Data file ``name`` read as ``key = value`` lines, in file order (a fresh dict each call)."""
    pairs: dict[str, str] = {}
    for entry in entries(name):
        key, sep, value = entry.partition(" = ")
        if not sep:
            raise ValueError(f"{name}.txt: {entry!r} is not a 'key = value' line")
        pairs[key.strip()] = value.strip()
    return pairs


def vocab(text: str, *, sep: str | None = None) -> frozenset[str]:
    """A short word list written inline as one string, split on ``sep`` (white space by default).

    For lists small and grammatical enough to read best beside the code that
    uses them; anything longer belongs in a data file.
    """
    return frozenset(text.split(sep))
