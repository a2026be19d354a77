"""trafilatura as the HTML extractor imports it: with its language detector's import deferred.

trafilatura's ``utils`` module runs ``import py3langid`` when it is imported, and
py3langid's import loads numpy: together a third of trafilatura's import time and
a fifth of a one-page ``newsweave extract`` (issue 18).  trafilatura touches the
module only inside its language filter (``language_classifier``, run when a caller
passes ``target_language``), which newsweave never asks for; newsweave's own
language detection reads py3langid's model without numpy
(:mod:`newsweave.extract.language`).

So that one import runs under the standard library's
:class:`importlib.util.LazyLoader`, which postpones the module's execution to the
first access of any of its attributes.  Why nothing trafilatura does changes:

- ``trafilatura.utils`` sets ``LANGID_FLAG = True`` when ``import py3langid``
  succeeds.  The import is deferred only when py3langid and numpy (its one import-time
  dependency outside the standard library) are both installed, so the import
  succeeds exactly when it did; otherwise it runs at once, as before.
- The module trafilatura holds is the module py3langid's own loader executes, in
  place, on the first ``py3langid.classify``: the language filter works as before,
  only its first call also pays for the import (``tests/test_htmllib.py``).
- Only the import made while trafilatura itself is being imported here is deferred
  (the finder is in ``sys.meta_path`` for that ``with`` block only).  An earlier
  import of trafilatura or py3langid elsewhere in the process is used as it is.

Two properties of Python 3.11's lazy modules that callers must respect, and that
:func:`newsweave.extract.langmodel.import_py3langid` handles for newsweave: the
first access is not thread-safe, and a submodule (``py3langid.langid``) imported
before its still-lazy package is executed twice (the package's own
``from .langid import`` runs inside the import of the submodule).  newsweave
therefore imports the package first, under a lock, before any of its submodules.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = [
    "DOCTYPE_TAG",
    "FAULTY_HTML",
    "INVALID_XML_CHARS",
    "Document",
    "bare_extraction",
    "decode_file",
    "is_dubious_html",
    "load_html",
    "repair_faulty_html",
]


class _DeferredFinder:
    """A ``sys.meta_path`` finder that hands out one module with a lazy loader."""

    def __init__(self, name: str, requires: tuple[str, ...]) -> None:
        self.name = name
        self.requires = requires

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # once: the finders below answer every later import
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return None  # not installed: the import fails as it always did
        if any(importlib.util.find_spec(name) is None for name in self.requires):
            return None  # its import would fail: let it fail now, as before
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


@contextmanager
def _deferred(name: str, *, requires: tuple[str, ...]) -> Iterator[None]:
    """Imports of ``name`` made inside the block get a lazily executed module."""
    finder = _DeferredFinder(name, requires)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)


with _deferred("py3langid", requires=("numpy",)):
    from trafilatura import bare_extraction
    from trafilatura.settings import Document
    from trafilatura.utils import (
        DOCTYPE_TAG,
        FAULTY_HTML,
        INVALID_XML_CHARS,
        decode_file,
        is_dubious_html,
        load_html,
        repair_faulty_html,
    )
