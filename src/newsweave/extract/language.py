"""The language of an article's text, detected with py3langid's bundled model.

py3langid ships its model inside the package (no download at run time).  The
model is read on the first article that needs detection, never at import: a
command that only shows help, or that extracts pages whose markup declares
their language, never pays for it.

Decompressing the shipped ``model.npz.xz`` is most of py3langid's load time,
and its import pulls numpy.  The decompressed arrays are therefore kept once
per user in the platform cache directory, in one uncompressed file named after
the shipped file's path, size and date, rebuilt from the installed package
whenever missing or unreadable.  The file is memory-mapped
and scored without numpy by :mod:`newsweave.extract.langmodel`, which answers
exactly as py3langid does and hands the rare text too close to the confidence
threshold to py3langid itself (numpy over the same mapped arrays).  Nothing is
downloaded: the cache is derived from the package, and without a writable cache
directory py3langid loads its model from the package as before.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import os
import re
import struct
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from newsweave.extract.langmodel import LanguageModel

__all__ = ["detect_language", "primary_language"]

_SAMPLE_CHARS = 1200
"""Characters of the body looked at: enough for a confident guess, cheap on long texts."""
_MIN_WORDS = 8
"""Fewer words than this give no guess: a headline or a caption says too little."""
_MIN_CONFIDENCE = 0.5
"""Normalised probability under which the identifier's guess is not trusted."""
_FAST_TEXTS = 32
"""Texts a process scores without numpy before it switches to py3langid's numpy scorer.

The pure-Python scorer takes a few milliseconds a text against py3langid's one, and
numpy's import a tenth of a second: a run over a few pages never imports numpy, a long
one pays for it once.  A process that already has numpy (trafilatura brings it) uses
py3langid at once.  Both give the same answers."""
_FAST_USES = itertools.count()
_WORD = re.compile(r"[^\W\d_]{2,}")
_CODE = re.compile(r"^[a-z]{2,3}$")


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


_CACHE_DIR_ENV = "NEWSWEAVE_CACHE_DIR"
"""Overrides the platform cache directory (tests, read-only homes)."""


def _cache_dir() -> Path:
    override = os.environ.get(_CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("newsweave"))


def _shipped_model() -> Path:
    """py3langid's model file, found without importing py3langid (whose import loads numpy)."""
    from importlib.machinery import PathFinder
    from importlib.util import find_spec

    # The path search first: ``find_spec`` reads ``__spec__`` of an imported module,
    # which would execute trafilatura's deferred py3langid (newsweave.extract.htmllib).
    spec = PathFinder.find_spec("py3langid") or find_spec("py3langid")
    if spec is None or spec.origin is None:
        raise OSError("py3langid is not installed")
    return Path(spec.origin).parent / "data" / "model.npz.xz"


def _cache_path(source: Path) -> Path:
    """The cache file for the installed model: another py3langid (or a reinstall) gets a new name.

    Keyed on the shipped file's path, size and modification time, not on its
    digest or version: hashing its 4.5 MB or reading the package metadata
    would cost a small command a tenth of its run time.
    """
    stat = source.stat()
    key = f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return _cache_dir() / f"py3langid-{digest}.langid"


def _build(cached: Path) -> None:
    """Write the cache file from the installed package; skipped when it cannot be written."""
    from newsweave.extract.langmodel import import_py3langid, write_model

    import_py3langid()
    from py3langid.modelio import load_model

    try:
        write_model(cached, tuple(load_model(_shipped_model())))
    except (OSError, ValueError, OverflowError):  # unwritable, or a layout this file cannot hold
        return
    for stale in cached.parent.glob("py3langid-*.npz"):  # the cache's previous format
        stale.unlink(missing_ok=True)


@functools.cache
def _model() -> LanguageModel | None:
    """The memory-mapped model, built on first use; None when no cache file can be had."""
    from newsweave.extract.langmodel import LanguageModel

    try:
        cached = _cache_path(_shipped_model())
    except OSError:
        return None
    for attempt in range(2):
        try:
            return LanguageModel(cached)
        except (OSError, ValueError, KeyError, TypeError, struct.error):
            if attempt:
                return None
            _build(cached)  # missing, truncated or foreign: rebuilt from the package
    return None


@functools.cache
def _identifier() -> _Identifier:
    """py3langid's own identifier (numpy): over the mapped model, else loaded from the package."""
    from newsweave.extract.langmodel import import_py3langid

    import_py3langid()
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = _model()
    if model is not None:
        identifier: _Identifier = model.identifier()
        return identifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)  # type: ignore[no-any-return]


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased (``en-GB`` -> ``en``); None if not one."""
    if not tag or not tag.strip():
        return None
    primary = re.split(r"[-_]", tag.strip())[0].lower()
    return primary if _CODE.match(primary) else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or None when unsure.

    Only the first few thousand characters are read.  Texts under a few words
    and guesses the model is not confident about give None rather than a
    coin toss.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < _MIN_WORDS:
        return None
    model = _model()
    if model is not None and "numpy" not in sys.modules and next(_FAST_USES) < _FAST_TEXTS:
        decided, code = model.decide(sample, _MIN_CONFIDENCE)
        if decided:
            return primary_language(code)
    code, confidence = _identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE:
        return None
    return primary_language(code)
