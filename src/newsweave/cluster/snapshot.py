"""Snapshots of story-assignment state as data only: JSON and raw numeric arrays.

A snapshot is read from a database, and a database is data a user may get from
someone else: reading one must never run code (a pickle does).  This codec
writes the state as a tree of plain values and reads it back building nothing
but those values and instances of a fixed list of newsweave classes
(:data:`SNAPSHOT_CLASSES`: the clusterer's and the duplicate detector's state),
whose fields it sets directly; no constructor, ``__reduce__`` or import is
driven by the data.  Anything else in a snapshot is an error.

Layout (one gzip stream)::

    b"NWSNAP\\n"  header-length(8, little endian)  header (JSON)
    tree-length(8)  tree (JSON)
    array-bytes-length(8)  array bytes
    SHA-256 of everything above (32 bytes)

The header names the format and its version; the tree is JSON whose objects are
tagged nodes (``{"t": tag, "v": value}``: dicts, tuples, sets, bytes, dates,
numbers of numpy, arrays, objects) and whose arrays are lists.  A numeric array
is ``[dtype, shape, offset]`` into the array bytes (dtypes of kind ``b i u f``
only: never objects).  A snapshot whose digest, version or content does not
check out raises :class:`SnapshotError`.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import json
import struct
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, BinaryIO

import numpy as np

from newsweave.cluster.features import DocumentFrequencies, FeatureOptions
from newsweave.cluster.incremental import StoryClusterer
from newsweave.cluster.index import StoryIndex
from newsweave.cluster.options import ClusterOptions, Merge, Split
from newsweave.cluster.reshape import _Copy
from newsweave.cluster.state import Member, StoryState
from newsweave.cluster.storyline import StorylineLinker, StorylineOptions, _Storyline
from newsweave.dedup.bands import BandIndex, MinHasher
from newsweave.dedup.detector import DuplicateDetector
from newsweave.dedup.fingerprint import BandParams, Fingerprint
from newsweave.dedup.options import DedupOptions
from newsweave.models import Article, BiasRating, DuplicateMatch, Labels

__all__ = [
    "FORMAT_VERSION",
    "SNAPSHOT_CLASSES",
    "SnapshotError",
    "dump_snapshot",
    "load_snapshot",
]

FORMAT_VERSION = 1
_FORMAT = "newsweave-assignment-state"
_MAGIC = b"NWSNAP\n"
_LENGTH = struct.Struct("<Q")
_DIGEST_BYTES = 32
_MAX_HEADER = 1 << 16
_CHUNK = 1 << 24
_NUMBER_KINDS = frozenset("biuf")

SNAPSHOT_CLASSES: tuple[type, ...] = (
    StoryClusterer,
    StoryState,
    Member,
    StoryIndex,
    DocumentFrequencies,
    FeatureOptions,
    ClusterOptions,
    Merge,
    Split,
    _Copy,
    StorylineLinker,
    _Storyline,
    StorylineOptions,
    DuplicateDetector,
    MinHasher,
    BandIndex,
    BandParams,
    Fingerprint,
    DedupOptions,
    Article,
    Labels,
    BiasRating,
    DuplicateMatch,
)
"""Every class a snapshot may hold an instance of."""

_PLAIN = frozenset({str, int, float, bool, type(None)})
_FLOATS = frozenset({float})
_INTS = frozenset({int})


def _plain(values: Iterable[Any]) -> bool:
    """Whether every value is a JSON scalar (checked in C: ``map`` and ``set``)."""
    return set(map(type, values)) <= _PLAIN


class SnapshotError(ValueError):
    """A snapshot that cannot be written, or does not read back cleanly."""


# -- writing --------------------------------------------------------------------------


class _Encoder:
    def __init__(self, classes: Mapping[type, str]) -> None:
        self._classes = classes
        self.blob = bytearray()

    def node(self, value: Any) -> Any:
        kind = type(value)
        if kind in (str, int, bool) or value is None:
            return value
        if kind is float:
            return value
        if kind is list:
            if _plain(value):
                return value
            return [self.node(item) for item in value]
        if kind is dict:
            return self._dict(value, "d")
        if kind is tuple:
            return {"t": "T", "v": [self.node(item) for item in value]}
        if kind is set or kind is frozenset:
            return {"t": "S" if kind is set else "F", "v": [self.node(item) for item in value]}
        if kind is Counter:
            return {"t": "C", "v": self._dict(dict(value), "d")}
        if kind is bytes:
            return {"t": "B", "v": base64.b64encode(value).decode("ascii")}
        if kind is datetime:
            return {"t": "dt", "v": value.isoformat()}
        if kind is timedelta:
            return {"t": "td", "v": [value.days, value.seconds, value.microseconds]}
        if isinstance(value, np.ndarray):
            return self._array(value)
        if isinstance(value, np.generic):
            return self._number(value)
        name = self._classes.get(kind)
        if name is None:
            raise SnapshotError(f"a snapshot cannot hold a {kind.__module__}.{kind.__qualname__}")
        return {"t": "o", "c": name, "v": self._dict(_fields(value), "d")}

    def _dict(self, value: dict[Any, Any], tag: str) -> Any:
        keys = set(map(type, value))
        if keys <= {str}:
            kinds = set(map(type, value.values()))
            if kinds == _FLOATS and tag == "d":
                # Sparse vectors (centroids, links): the floats as raw float64, the
                # keys as JSON; most of a snapshot, and exact either way.
                floats = array("d", value.values())
                if sys.byteorder != "little":
                    floats.byteswap()
                return {
                    "t": "df",
                    "v": [list(value), self._raw(floats.tobytes(), "<f8", len(floats))],
                }
            if kinds <= _PLAIN:
                return {"t": tag, "v": value}
            return {"t": tag, "v": {key: self.node(item) for key, item in value.items()}}
        if keys == _INTS and tag == "d":
            # Int keys (band and posting indexes): keys and values as two lists.
            items = [
                item
                if type(item) in _PLAIN or (type(item) is list and _plain(item))
                else self.node(item)
                for item in value.values()
            ]
            return {"t": "I", "v": [list(value), items]}
        return {"t": "D", "v": [[self.node(key), self.node(item)] for key, item in value.items()]}

    def _raw(self, data: bytes, dtype: str, count: int) -> list[Any]:
        offset = len(self.blob)
        self.blob += data
        return [dtype, [count], offset]

    def _array(self, value: np.ndarray[Any, Any]) -> Any:
        if value.dtype.kind not in _NUMBER_KINDS:
            raise SnapshotError(f"a snapshot holds numeric arrays only, not {value.dtype}")
        offset = len(self.blob)
        self.blob += np.ascontiguousarray(value).tobytes()
        return {"t": "A", "v": [value.dtype.str, list(value.shape), offset]}

    def _number(self, value: np.generic) -> Any:
        if value.dtype.kind not in _NUMBER_KINDS:
            raise SnapshotError(f"a snapshot holds numeric scalars only, not {value.dtype}")
        return {"t": "N", "v": [value.dtype.str, value.item()]}


def _fields(value: object) -> dict[str, Any]:
    """The attributes of an object as a dict (its ``__getstate__`` when it has its own)."""
    cls = type(value)
    if dataclasses.is_dataclass(cls):
        # Slotted dataclasses get a __getstate__ of their own, returning a list.
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(cls)}
    if "__getstate__" in vars(cls):
        state = value.__getstate__()
        if not isinstance(state, dict):
            raise SnapshotError(f"{cls.__qualname__}.__getstate__ must return a dict")
        return dict(state)
    fields: dict[str, Any] = dict(getattr(value, "__dict__", {}))
    for klass in cls.__mro__:
        for slot in vars(klass).get("__slots__", ()):
            if slot not in ("__dict__", "__weakref__") and hasattr(value, slot):
                fields[slot] = getattr(value, slot)
    return fields


def dump_snapshot(
    parts: Mapping[str, object], handle: BinaryIO, *, classes: Iterable[type] = SNAPSHOT_CLASSES
) -> None:
    """Write ``parts`` (names -> state) to ``handle`` in the format above.

    Raises :class:`SnapshotError` for a value the format cannot hold.
    """
    encoder = _Encoder(_class_names(classes))
    tree = json.dumps(
        {name: encoder.node(value) for name, value in parts.items()},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    header = json.dumps({"format": _FORMAT, "version": FORMAT_VERSION}).encode("utf-8")
    digest = hashlib.sha256()
    with gzip.GzipFile(fileobj=handle, mode="wb", compresslevel=1, mtime=0) as packed:
        for piece in (
            _MAGIC,
            _LENGTH.pack(len(header)),
            header,
            _LENGTH.pack(len(tree)),
            tree,
            _LENGTH.pack(len(encoder.blob)),
        ):
            digest.update(piece)
            packed.write(piece)
        digest.update(encoder.blob)
        packed.write(encoder.blob)
        packed.write(digest.digest())


# -- reading --------------------------------------------------------------------------


class _Reader:
    """Exact reads from the decompressed stream, hashing what is read."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.digest = hashlib.sha256()

    def exact(self, size: int, what: str) -> bytearray:
        # Grown a chunk at a time: a length read from the data is not trusted
        # with an allocation of that size.
        data = bytearray()
        while len(data) < size:
            chunk = self._stream.read(min(size - len(data), _CHUNK))
            if not chunk:
                raise SnapshotError(f"the snapshot ends inside its {what}")
            data += chunk
        self.digest.update(data)
        return data

    def length(self, what: str, limit: int | None = None) -> int:
        (size,) = _LENGTH.unpack(self.exact(_LENGTH.size, what))
        if limit is not None and size > limit:
            raise SnapshotError(f"the snapshot's {what} is too long ({size} bytes)")
        return int(size)


def load_snapshot(
    handle: BinaryIO, *, classes: Iterable[type] = SNAPSHOT_CLASSES
) -> dict[str, Any]:
    """The parts written by :func:`dump_snapshot`; :class:`SnapshotError` if the
    snapshot does not read back cleanly (format, version, digest or content)."""
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as packed:
            reader = _Reader(packed)  # type: ignore[arg-type]
            if bytes(reader.exact(len(_MAGIC), "magic")) != _MAGIC:
                raise SnapshotError("not a newsweave snapshot (an older or foreign format)")
            header = json.loads(reader.exact(reader.length("header", _MAX_HEADER), "header"))
            if not isinstance(header, dict) or header.get("format") != _FORMAT:
                raise SnapshotError("not a newsweave assignment-state snapshot")
            if header.get("version") != FORMAT_VERSION:
                raise SnapshotError(
                    f"snapshot format version {header.get('version')!r}, this newsweave reads "
                    f"version {FORMAT_VERSION}"
                )
            tree_bytes = reader.exact(reader.length("tree"), "tree")
            blob = reader.exact(reader.length("arrays"), "arrays")
            expected = reader.digest.digest()
            stored = packed.read(_DIGEST_BYTES)
            if stored != expected:
                raise SnapshotError("the snapshot's digest does not match its content")
            if packed.read(1):
                raise SnapshotError("the snapshot has data after its digest")
            tree = json.loads(tree_bytes)
    except (
        OSError,
        EOFError,
        UnicodeDecodeError,
        json.JSONDecodeError,
        struct.error,
        RecursionError,
    ) as exc:
        raise SnapshotError(f"the snapshot does not read back: {exc!r}") from exc
    if not isinstance(tree, dict):
        raise SnapshotError("the snapshot's tree is not a mapping of parts")
    decoder = _Decoder({name: cls for cls, name in _class_names(classes).items()}, blob)
    try:
        return {str(name): decoder.value(node) for name, node in tree.items()}
    except SnapshotError:
        raise
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise SnapshotError(f"the snapshot's content is malformed: {exc!r}") from exc


class _Decoder:
    def __init__(self, classes: Mapping[str, type], blob: bytearray) -> None:
        self._classes = classes
        self._blob = blob

    def value(self, node: Any) -> Any:
        if isinstance(node, list):
            if _plain(node):
                return node
            return [self.value(item) for item in node]
        if not isinstance(node, dict):
            return node
        tag = node["t"]
        data = node["v"]
        if tag == "d":
            return self._dict(data)
        if tag == "df":
            keys, floats = _list(data)
            values = self._array(floats)
            if values.dtype != np.float64 or len(values) != len(_list(keys)):
                raise SnapshotError("a float dict node has keys and values that do not match")
            return dict(zip(keys, values.tolist(), strict=True))
        if tag == "I":
            keys, items = _list(data)
            return {
                int(key): item if type(item) in _PLAIN else self.value(item)
                for key, item in zip(_list(keys), _list(items), strict=True)
            }
        if tag == "D":
            return {self.value(key): self.value(item) for key, item in _pairs(data)}
        if tag == "T":
            return tuple(self.value(item) for item in _list(data))
        if tag == "S":
            return {self.value(item) for item in _list(data)}
        if tag == "F":
            return frozenset(self.value(item) for item in _list(data))
        if tag == "C":
            return Counter(self.value(data))
        if tag == "B":
            return base64.b64decode(_str(data), validate=True)
        if tag == "dt":
            return datetime.fromisoformat(_str(data))
        if tag == "td":
            days, seconds, micro = (int(part) for part in _list(data))
            return timedelta(days=days, seconds=seconds, microseconds=micro)
        if tag == "A":
            return self._array(data)
        if tag == "N":
            dtype, number = _list(data)
            return _number_dtype(dtype).type(number)
        if tag == "o":
            return self._object(_str(node["c"]), data)
        raise SnapshotError(f"unknown node tag {tag!r} in the snapshot")

    def _dict(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise SnapshotError("a dict node does not hold a mapping")
        if _plain(data.values()):
            return data
        return {key: self.value(item) for key, item in data.items()}

    def _array(self, data: Any) -> np.ndarray[Any, Any]:
        dtype_name, shape, offset = _list(data)
        dtype = _number_dtype(dtype_name)
        dims = tuple(int(size) for size in _list(shape))
        if any(size < 0 for size in dims) or not isinstance(offset, int) or offset < 0:
            raise SnapshotError("an array node has a negative size or offset")
        count = int(np.prod(dims, dtype=np.int64)) if dims else 1
        if offset + count * dtype.itemsize > len(self._blob):
            raise SnapshotError("an array node points past the snapshot's array bytes")
        # A view of the (writable) array bytes: no copy.
        return np.frombuffer(self._blob, dtype=dtype, count=count, offset=offset).reshape(dims)

    def _object(self, name: str, data: Any) -> object:
        cls = self._classes.get(name)
        if cls is None:
            raise SnapshotError(
                f"the snapshot holds a {name!r}, which is not state newsweave saves"
            )
        fields = self.value(data)
        if not isinstance(fields, dict):
            raise SnapshotError(f"the fields of a {name} are not a mapping")
        if any(not isinstance(key, str) or key.startswith("__") for key in fields):
            raise SnapshotError(f"{name} cannot have a field named like {next(iter(fields))!r}")
        if dataclasses.is_dataclass(cls):
            missing = {f.name for f in dataclasses.fields(cls)} - fields.keys()
            if missing:
                raise SnapshotError(f"{name} lacks the field(s) {', '.join(sorted(missing))}")
        instance: Any = object.__new__(cls)
        if "__setstate__" in vars(cls) and not dataclasses.is_dataclass(cls):
            instance.__setstate__(fields)
            return instance
        slots = {slot for klass in cls.__mro__ for slot in vars(klass).get("__slots__", ())}
        for key, item in fields.items():
            if slots and key not in slots:
                raise SnapshotError(f"{name} has no field {key!r}")
            object.__setattr__(instance, key, item)
        return instance


def _class_names(classes: Iterable[type]) -> dict[type, str]:
    names = {cls: cls.__qualname__ for cls in classes}
    if len(set(names.values())) != len(names):
        raise SnapshotError("two snapshot classes share a name")
    return names


def _number_dtype(name: Any) -> np.dtype[Any]:
    try:
        dtype = np.dtype(_str(name))
    except TypeError as exc:
        raise SnapshotError(f"not a numeric dtype: {name!r}") from exc
    if dtype.kind not in _NUMBER_KINDS or dtype.hasobject:
        raise SnapshotError(f"not a numeric dtype: {name!r}")
    return dtype


def _list(data: Any) -> Sequence[Any]:
    if not isinstance(data, list):
        raise SnapshotError("a node that should hold a list does not")
    return data


def _pairs(data: Any) -> Iterable[tuple[Any, Any]]:
    for pair in _list(data):
        key, item = _list(pair)
        yield key, item


def _str(data: Any) -> str:
    if not isinstance(data, str):
        raise SnapshotError("a node that should hold text does not")
    return data
