"""The language of an article's text, detected with py3langid's bundled model.

py3langid ships its model inside the package (no download at run time).  Its
import pulls numpy and loading the model takes about a second, so both happen
on the first article that needs detection, never at import: a command that only
shows help, or that extracts pages whose markup declares their language, never
pays for them.  The identifier is kept for the rest of the process.

Most of the model load is lzma-decompressing the shipped ``model.npz.xz``.  The
decompressed arrays are therefore kept once per user in the platform cache
directory as a plain ``.npz`` (read with ``allow_pickle=False``), named after
py3langid's version and the digest of the shipped file, and rebuilt from the
installed package whenever missing or unreadable.  Nothing is downloaded: the
cache is derived from the package, and without a writable cache directory the
model is simply loaded from the package each time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
import zipfile
from array import array
from pathlib import Path
from typing import Any, Protocol

__all__ = ["detect_language", "primary_language"]

_SAMPLE_CHARS = 1200
"""Characters of the body looked at: enough for a confident guess, cheap on long texts."""
_MIN_WORDS = 8
"""Fewer words than this give no guess: a headline or a caption says too little."""
_MIN_CONFIDENCE = 0.5
"""Normalised probability under which the identifier's guess is not trusted."""
_WORD = re.compile(r"[^\W\d_]{2,}")
_CODE = re.compile(r"^[a-z]{2,3}$")


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


_CACHE_DIR_ENV = "NEWSWEAVE_CACHE_DIR"
"""Overrides the platform cache directory (tests, read-only homes)."""
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")


def _cache_dir() -> Path:
    override = os.environ.get(_CACHE_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("newsweave"))


def _cache_path(source: Path) -> Path:
    import py3langid

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    version = getattr(py3langid, "__version__", "unknown")
    return _cache_dir() / f"py3langid-{version}-{digest}.npz"


def _stdlib_array(values: Any) -> array[int]:
    """The unsigned integers of a numpy array as the stdlib ``array`` py3langid walks."""
    out: array[int] = array(values.dtype.char)
    out.frombytes(memoryview(values).cast("B"))  # one copy, no intermediate bytes
    return out


def _read_cache(path: Path) -> tuple[Any, ...]:
    """The model tuple py3langid's ``load_model`` returns, from the uncompressed cache."""
    import numpy as np

    # np.load leaks the handle of a path it fails to read: it gets an open file.
    with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        ptc, pc, classes, nextmove, row, output = (data[name] for name in _ARRAYS)
    return (
        ptc,
        pc,
        classes.tolist(),
        _stdlib_array(nextmove),
        _stdlib_array(row),
        output.tolist(),
    )


def _write_cache(path: Path, model: tuple[Any, ...]) -> None:
    """Write the model's arrays atomically; a cache that cannot be written is skipped."""
    import numpy as np

    ptc, pc, classes, nextmove, row, output = model
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(
                    out,
                    ptc=np.asarray(ptc),
                    pc=np.asarray(pc),
                    classes=np.array(classes),
                    nextmove=np.frombuffer(nextmove, dtype=nextmove.typecode),
                    row=np.frombuffer(row, dtype=row.typecode),
                    output=np.asarray(output, dtype=np.int32),
                )
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _load_model() -> tuple[Any, ...]:
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    source = Path(MODEL_DIR) / MODEL_FILE
    try:
        cached = _cache_path(source)
    except OSError:
        return tuple(load_model(source))
    try:
        return _read_cache(cached)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass  # missing, truncated or foreign: rebuilt below
    model = tuple(load_model(source))
    _write_cache(cached, model)
    return model


@functools.cache
def _identifier() -> _Identifier:
    from py3langid.langid import LanguageIdentifier

    try:
        ptc, pc, classes, nextmove, row, output = _load_model()
        identifier: _Identifier = LanguageIdentifier(
            ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row
        )
    except (TypeError, ValueError):  # a py3langid whose model layout this cache does not know
        from py3langid.langid import MODEL_FILE

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return identifier


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
    code, confidence = _identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE:
        return None
    return primary_language(code)
