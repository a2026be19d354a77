"""py3langid's model in a memory-mapped file, scored without numpy where that is safe.

py3langid classifies with a naive Bayes model over byte n-grams: a finite
automaton walks the text's UTF-8 bytes and counts the n-gram features it
passes, and each language's score is its prior plus the features' log
probabilities weighted by ``log1p`` of their counts.  It does the sum in
numpy's float32, and importing numpy plus reading the model's arrays is most of
what a small ``newsweave extract`` costs.

:class:`LanguageModel` maps the model's arrays from one uncompressed file (built
from the installed package on first use, see :func:`write_model`) and only
touches the pages of the automaton and of the feature rows a text needs.
:meth:`LanguageModel.decide` repeats py3langid's computation in double
precision and bounds how far py3langid's float32 result can be from it.  When
the answer (a language with at least the threshold's confidence, or none)
is the same everywhere within that bound, it is py3langid's answer; when the
text is too close to the threshold to be sure it says so, and the caller asks
py3langid itself (:meth:`LanguageModel.identifier`, numpy over the same mapped
arrays).  So the detected language never differs from py3langid's.
"""

from __future__ import annotations

import json
import math
import mmap
import os
import struct
import sys
import tempfile
import threading
import unicodedata
from array import array
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["LanguageModel", "write_model"]

_MAGIC = b"newsweave-langid-1\n"
_ALIGN = 64
_UNIT = 2.0**-24
"""Unit roundoff of float32, the precision py3langid scores in."""
_SLACK = 512 * _UNIT
"""Relative error allowed for float32's exp, sum and division over the classes (142 of them)."""
_ARRAYS = {"ptc": "H", "pc": "f", "nextmove": "I", "row": "H", "output": "i"}
"""Array name -> typecode in the file; ``ptc`` holds float16 bit patterns, row by row."""


_PY3LANGID_IMPORT = threading.Lock()


def import_py3langid() -> None:
    """Import py3langid's package, before any of its modules is imported.

    trafilatura's import of py3langid is deferred (:mod:`newsweave.extract.htmllib`),
    so the package may be a lazily executed module.  On Python 3.11 its first use is
    not thread-safe, and a submodule imported while the package is still lazy runs
    twice (the package's own ``from .langid import`` happens inside that import): a
    plain ``import`` of the package, under a lock, executes it once and completely.
    """
    with _PY3LANGID_IMPORT:
        import py3langid  # noqa: F401  (imported for its effect; see the docstring)


def _float32(value: float) -> float:
    return array("f", (value,))[0]


def _encode(text: str) -> bytes:
    """The bytes py3langid classifies (its ``LanguageIdentifier._encode`` for a str)."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


class LanguageModel:
    """py3langid's model arrays, mapped read-only from a file written by :func:`write_model`.

    Raises ``ValueError`` or ``OSError`` for a file that is not one (empty,
    truncated, another format or byte order).
    """

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        data = self._map
        if data[: len(_MAGIC)] != _MAGIC:
            raise ValueError(f"{path}: not a language model file")
        start = len(_MAGIC) + 4
        (size,) = struct.unpack_from("<I", data, len(_MAGIC))
        header = json.loads(data[start : start + size])
        if header.get("byteorder") != sys.byteorder:
            raise ValueError(f"{path}: written on a machine of another byte order")
        self.classes: list[str] = [str(c) for c in header["classes"]]
        self.columns = len(self.classes)
        self._nonpositive = bool(header["nonpositive"])
        spans: dict[str, memoryview] = {}
        self._offsets: dict[str, int] = {}
        for name, typecode in _ARRAYS.items():
            stored, count, offset = header["arrays"][name]
            end = offset + count * array(typecode).itemsize
            if stored != typecode or end > len(data):
                raise ValueError(f"{path}: array {name} is truncated or of another type")
            spans[name] = memoryview(data)[offset:end]
            self._offsets[name] = offset
        self.nextmove = spans["nextmove"].cast("I")
        self.row = spans["row"].cast("H")
        self.output = spans["output"].cast("i")
        self._pc = array("f", spans["pc"].tobytes()).tolist()
        if len(self._pc) != self.columns or len(self.row) != len(self.output):
            raise ValueError(f"{path}: inconsistent array sizes")
        self.features = len(spans["ptc"]) // (2 * self.columns)
        first: dict[str, int] = {}
        # py3langid's label aliases: one name, two columns (their scores add up).
        self._aliases: list[tuple[int, int]] = []
        for index, label in enumerate(self.classes):
            if label in first:
                self._aliases.append((first[label], index))
            else:
                first.setdefault(label, index)

    def _visits(self, data: bytes) -> Counter[int]:
        """Feature -> count along the automaton's walk over ``data`` (py3langid's visit_counts)."""
        nextmove, row, output = self.nextmove, self.row, self.output
        state = 0
        found: list[int] = []
        for byte in data:
            state = nextmove[(row[state] << 8) + byte]
            feature = output[state]
            if feature >= 0:
                found.append(feature)
        return Counter(found)

    def decide(self, text: str, threshold: float) -> tuple[bool, str | None]:
        """py3langid's language for ``text`` if its confidence is at least ``threshold``.

        ``(True, code)`` or ``(True, None)`` (not confident) when py3langid's own
        float32 computation is sure to agree; ``(False, None)`` when the text is
        too close to the threshold to tell without it.
        """
        data = _encode(text)
        visits = self._visits(data)
        if not visits or not self._nonpositive:
            return False, None
        columns, table, base = self.columns, self._map, self._offsets["ptc"]
        width = 2 * columns
        by_count: dict[int, list[int]] = {}
        for feature, count in visits.items():
            if not 0 <= feature < self.features:
                return False, None
            by_count.setdefault(count, []).append(feature)
        raw = list(self._pc)
        for count, features in by_count.items():
            # The features' rows side by side, unpacked at once, summed per column.
            rows = b"".join(
                table[base + feature * width : base + (feature + 1) * width] for feature in features
            )
            values = struct.unpack(f"={len(features) * columns}e", rows)
            summed = [sum(values[column::columns]) for column in range(columns)]
            weight = _float32(math.log1p(count))
            raw = [r + weight * s for r, s in zip(raw, summed, strict=True)]
        # Every table entry is <= 0, so sum |weight * entry| + |prior| is this:
        mass = [abs(p) + (p - r) for p, r in zip(self._pc, raw, strict=True)]
        scale = 1.0 / math.sqrt(len(data) or 1)
        scores = [r * scale for r in raw]
        top = max(scores)
        # Worst-case float32 error of py3langid's dot product (any summation
        # order, its log1p within an ulp or two), scaling and shift.
        terms = len(visits) + 8
        error = max(
            terms * _UNIT * m * scale + 4 * _UNIT * (abs(s) + abs(top))
            for m, s in zip(mass, scores, strict=True)
        )
        weights = [math.exp(s - top) for s in scores]
        total = sum(weights)
        probs = [w / total for w in weights]
        for first, alias in self._aliases:
            probs[first] += probs[alias]
            probs[alias] = 0.0
        best = max(range(columns), key=probs.__getitem__)
        margin = math.exp(2 * error + _SLACK)
        if probs[best] >= threshold * margin:
            return True, self.classes[best]
        if probs[best] < threshold / margin:
            return True, None
        return False, None

    def identifier(self) -> Any:
        """py3langid's own ``LanguageIdentifier`` (normalised) over the mapped arrays."""
        import_py3langid()
        import numpy as np
        from py3langid.langid import LanguageIdentifier

        ptc = np.frombuffer(
            self._map,
            dtype=np.float16,
            count=self.features * self.columns,
            offset=self._offsets["ptc"],
        ).reshape(self.features, self.columns)
        pc = np.frombuffer(
            self._map, dtype=np.float32, count=self.columns, offset=self._offsets["pc"]
        )
        return LanguageIdentifier(
            ptc,
            pc,
            list(self.classes),
            self.nextmove,
            self.output,
            norm_probs=True,
            tk_row=self.row,
        )


def write_model(path: Path, model: tuple[Any, ...]) -> None:
    """Write py3langid's ``load_model`` tuple as one file :class:`LanguageModel` maps.

    Written beside ``path`` and renamed into place, so a reader never sees a
    partial file.  Raises ``OSError`` when it cannot be written.
    """
    import numpy as np

    ptc, pc, classes, nextmove, row, output = model
    table = np.ascontiguousarray(ptc, dtype=np.float16)
    if table.ndim != 2 or table.shape[1] != len(classes):
        raise ValueError("unexpected py3langid model layout")
    arrays: dict[str, bytes] = {
        "ptc": table.tobytes(),
        "pc": array("f", np.asarray(pc, dtype=np.float32).tolist()).tobytes(),
        "nextmove": array("I", nextmove).tobytes(),
        "row": array("H", row).tobytes(),
        "output": array("i", output).tobytes(),
    }
    layout: dict[str, list[Any]] = {}
    header: dict[str, Any] = {
        "byteorder": sys.byteorder,
        "classes": [str(c) for c in classes],
        "nonpositive": bool(table.size and float(table.max()) <= 0.0),
        "arrays": layout,
    }
    # Offsets depend on the header's length, which depends on the offsets:
    # reserve room for them first, then fill them in.
    reserve = len(json.dumps(header)) + 64 * len(arrays) + 256
    offset = len(_MAGIC) + 4 + reserve
    for name, raw in arrays.items():
        offset += -offset % _ALIGN
        layout[name] = [_ARRAYS[name], len(raw) // array(_ARRAYS[name]).itemsize, offset]
        offset += len(raw)
    encoded = json.dumps(header).encode("utf-8").ljust(reserve)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_MAGIC + struct.pack("<I", len(encoded)) + encoded)
            for key, raw in arrays.items():
                out.write(b"\0" * (layout[key][2] - out.tell()))
                out.write(raw)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
