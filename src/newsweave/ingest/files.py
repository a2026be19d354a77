"""Opening inputs: resolving paths, transparent gzip, size limits, binary detection, decoding.

Every reader of :mod:`newsweave.ingest` builds on the pieces here:

* :func:`iter_input_files` turns the command-line inputs (files, directories, ``-``,
  URLs) into :class:`ResolvedInput` items, lazily and in a deterministic order;
* :func:`open_input` opens one of them as an :class:`InputStream`: decompressed when
  the bytes are gzip (by magic number, whatever the name), size-limited reads, and
  errors of the file system and of ``gzip`` turned into :class:`~newsweave.errors.InputError`;
* :func:`check_not_binary` and :func:`sniff_kind` look at bytes; :func:`decode_bytes`
  (defined in :mod:`newsweave.ingest.pages`, re-exported here) turns them into text.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO, Literal

from newsweave.errors import (
    BinaryInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    TruncatedInputError,
)
from newsweave.ingest.pages import BYTE_ORDER_MARKS, decode_bytes, wide_encoding
from newsweave.models import InputFailure

__all__ = [
    "STDIN",
    "InputStream",
    "ResolvedInput",
    "check_not_binary",
    "decode_bytes",
    "failure_from",
    "iter_input_files",
    "kind_from_name",
    "open_input",
    "sniff_kind",
    "too_large",
]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
HEAD_BYTES = 64 * 1024
"""How much decompressed data is looked at to sniff the kind and detect binary input."""
_CHUNK = 64 * 1024

InputKind = Literal["text", "html", "json", "jsonl", "warc", "feed"]

_GZIP_MAGIC = b"\x1f\x8b"
_STRAY_NUL_SHARE = 1000
"""In a line format, NUL bytes up to one per this many bytes of the head are stray."""
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O binary"),
    (b"\x00asm", "a WebAssembly module"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_MARKUP_MARKERS: tuple[tuple[bytes, InputKind], ...] = (
    (b"<rss", "feed"),
    (b"<feed", "feed"),
    (b"<rdf:rdf", "feed"),
    (b"<html", "html"),
    (b"<!doctype html", "html"),
    (b"<head", "html"),
    (b"<body", "html"),
)
_NAME_KINDS: dict[str, InputKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


@dataclass(frozen=True, slots=True)
class ResolvedInput:
    """One resolved input: a file, standard input or a URL."""

    name: str
    """How origins name it: the path, ``<stdin>`` or the URL."""
    kind: Literal["file", "stdin", "url"]
    path: Path | None = None
    relative: PurePath | None = None
    """The path below the directory argument it was found in (or its file name), to mirror trees."""


def failure_from(exc: InputError, *, stage: str = "read") -> InputFailure:
    """The :class:`InputFailure` record of an input error."""
    # The origin is a field of its own; the message is the reason alone.
    return InputFailure(exc.origin, type(exc).__name__, exc.reason, stage, exc.record_id)


def too_large(origin: str, limit: int, *, what: str = "the input") -> InputTooLargeError:
    """The error for data over ``max_input_bytes``, saying how to raise the limit."""
    return InputTooLargeError(
        origin,
        f"{what} is larger than the limit of {limit} bytes ({limit / 1048576:.1f} MiB); "
        "raise it with --max-input-bytes or NEWSWEAVE_INPUT_MAX_INPUT_BYTES if this is intended",
    )


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _walk(root: Path, directory: Path) -> Iterator[ResolvedInput]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError:
        # Passed on as an input so that opening it reports the error in sequence
        # and the rest of the tree is still read.
        yield ResolvedInput(str(directory), "file", directory, directory.relative_to(root))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        # Directory symlinks are not followed: they can loop, and the order must not
        # depend on where links happen to point.
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(root, path)
        elif entry.is_file():
            yield ResolvedInput(str(path), "file", path, path.relative_to(root))


def iter_input_files(inputs: Iterable[str]) -> Iterator[ResolvedInput]:
    """Resolve inputs lazily: files as given, directories recursively, ``-`` and URLs.

    Directories are walked depth-first in name order, so the order is the same on
    every machine; hidden files and directories (``.name``) inside them are skipped.
    A path that does not exist is passed on as a file: opening it reports the error.
    """
    for value in inputs:
        if value == STDIN:
            yield ResolvedInput(STDIN_ORIGIN, "stdin", None, PurePath("stdin"))
        elif _is_url(value):
            yield ResolvedInput(value, "url")
        else:
            path = Path(value)
            if path.is_dir():
                yield from _walk(path, path)
            else:
                yield ResolvedInput(value, "file", path, PurePath(path.name))


class _Rewindable(io.RawIOBase):
    """A raw stream that remembers what it served until :meth:`stop_recording`.

    Standard input cannot seek, yet its first bytes must be looked at twice: once
    to sniff gzip and the kind of input, once by the reader (warcio wants the
    compressed bytes).  Only the sniffed head is kept, so memory stays bounded.
    """

    MAX_RECORD = 4 * 1024 * 1024
    """Safety cap: recording stops by itself past this, so memory stays bounded."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self._record = bytearray()
        self._pos = 0
        self._recording = True
        self._overflowed = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        want = len(buffer)
        if self._pos < len(self._record):
            chunk = bytes(self._record[self._pos : self._pos + want])
            self._pos += len(chunk)
            if not self._recording and self._pos >= len(self._record):
                self._record.clear()
                self._pos = 0
        else:
            chunk = self._raw.read(want)
            if self._recording:
                self._record += chunk
                self._pos += len(chunk)
                if len(self._record) > self.MAX_RECORD:
                    self._overflowed = True
                    self.stop_recording()
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def rewind(self) -> None:
        if self._overflowed:
            # Only reachable by a reader that sniffs far more than HEAD_BYTES: a bug.
            raise RuntimeError("cannot rewind: more than the sniffed head was consumed")
        self._pos = 0

    def stop_recording(self) -> None:
        self._recording = False
        if self._pos >= len(self._record):
            self._record.clear()
            self._pos = 0


class InputStream:
    """A decompressed, size-aware byte stream over one input.

    ``read``/``readline`` translate truncated or corrupt gzip data and I/O errors
    into :class:`InputError` naming the input; :meth:`peek` looks ahead without
    consuming, for sniffing.  Data decompressed before a cut is always served
    before the error is raised, so readers can yield what precedes it.
    """

    def __init__(
        self, *, origin: str, stream: io.BufferedIOBase, raw: _Rewindable, compressed: bool
    ) -> None:
        self.origin = origin
        self.compressed = compressed
        self._stream = stream
        self._raw = raw
        self._buf = bytearray()
        self._pos = 0
        self._pending: InputError | None = None

    def _read1(self, size: int) -> bytes:
        """One read of the underlying stream; errors are kept until the head is served."""
        if self._pending is not None:
            return b""
        try:
            # read1, not read: a buffered read() that hits the cut discards the data it
            # had already decompressed, and that data must reach the reader.
            return self._stream.read1(size)
        except EOFError as exc:
            error: InputError = TruncatedInputError(
                self.origin, "the compressed data ends early: the .gz file is truncated"
            )
            error.__cause__ = exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            error = MalformedInputError(self.origin, f"corrupt gzip data ({exc})")
            error.__cause__ = exc
        except OSError as exc:
            error = InputError(self.origin, f"read failed: {exc}")
            error.__cause__ = exc
        self._pending = error
        return b""

    def _available(self) -> int:
        return len(self._buf) - self._pos

    def _fill(self, size: int) -> None:
        while self._available() < size:
            more = self._read1(max(size - self._available(), _CHUNK))
            if not more:
                return
            if self._pos and self._pos * 2 >= len(self._buf):
                # Compact now and then: amortised O(1) per byte, bounded memory.
                del self._buf[: self._pos]
                self._pos = 0
            self._buf += more

    def _take(self, end: int) -> bytes:
        data = bytes(self._buf[self._pos : end])
        self._pos = end
        return data

    def _end(self) -> bytes:
        """``b""`` at a clean end; the kept error at an unclean one."""
        if self._pending is not None:
            raise self._pending
        return b""

    def peek(self, size: int) -> bytes:
        """Up to ``size`` bytes from the current position, without consuming them."""
        self._fill(size)
        return bytes(self._buf[self._pos : self._pos + size])

    def read(self, size: int = _CHUNK) -> bytes:
        """Read up to ``size`` bytes (fewer is not the end: ``b""`` is)."""
        if not self._available():
            self._fill(size)
        if not self._available():
            return self._end()
        return self._take(min(len(self._buf), self._pos + size))

    def readline(self, size: int) -> bytes:
        """Read one line (with its newline), at most ``size`` bytes; ``b""`` at the end.

        A last line cut off by a truncated ``.gz`` is dropped and the error raised.
        """
        searched = self._pos
        while True:
            end = self._buf.find(b"\n", searched, self._pos + size)
            if end >= 0:
                return self._take(end + 1)
            if self._available() >= size:
                return self._take(self._pos + size)
            before = self._available()
            searched = len(self._buf)
            offset = self._pos
            self._fill(min(size, before + _CHUNK))
            # _fill may have compacted the buffer: keep ``searched`` relative to it.
            searched -= offset - self._pos
            if self._available() == before:
                if self._pending is not None:
                    raise self._pending
                return self._take(len(self._buf))

    def read_limited(self, limit: int, *, what: str = "the input") -> bytes:
        """All remaining bytes, or :class:`InputTooLargeError` past ``limit`` (gzip bombs too)."""
        parts: list[bytes] = []
        total = 0
        while chunk := self.read(min(_CHUNK, limit + 1 - total) or 1):
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                what = f"{what} (decompressed)" if self.compressed else what
                raise too_large(self.origin, limit, what=what)
        return b"".join(parts)

    def raw_from_start(self) -> BinaryIO:
        """The undecompressed bytes from the very start, for readers that decompress themselves.

        Call it right after sniffing (before reading past the head); afterwards the
        decompressed methods of this stream must not be used.
        """
        self._raw.rewind()
        self._raw.stop_recording()
        return io.BufferedReader(self._raw)

    def stop_recording(self) -> None:
        """Forget the sniffed raw head: call it once the reader is chosen (not for WARC)."""
        self._raw.stop_recording()


@contextmanager
def open_input(resolved: ResolvedInput) -> Iterator[InputStream]:
    """Open a file or standard input, decompressing gzip found by its magic bytes."""
    if resolved.kind == "url":
        raise ValueError("open_input reads files and stdin; fetch URLs with newsweave.ingest.web")
    if resolved.kind == "stdin":
        yield _wrap(sys.stdin.buffer, resolved.name)
        return
    assert resolved.path is not None
    try:
        handle = resolved.path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(resolved.name, "no such file or directory") from exc
    except IsADirectoryError as exc:
        reason = exc.strerror
        try:
            os.scandir(resolved.path).close()
        except OSError as listing:
            reason = listing.strerror
        raise InputError(resolved.name, f"cannot read directory: {reason}") from exc
    except OSError as exc:
        raise InputError(resolved.name, f"cannot open: {exc.strerror or exc}") from exc
    with handle:
        yield _wrap(handle, resolved.name)


def _wrap(handle: BinaryIO, origin: str) -> InputStream:
    raw = _Rewindable(handle)
    try:
        magic = raw.read(2) or b""
    except OSError as exc:
        raise InputError(origin, f"read failed: {exc}") from exc
    raw.rewind()
    buffered = io.BufferedReader(raw)
    if magic == _GZIP_MAGIC:
        stream = gzip.GzipFile(fileobj=buffered, mode="rb")
        return InputStream(origin=origin, stream=stream, raw=raw, compressed=True)
    return InputStream(origin=origin, stream=buffered, raw=raw, compressed=False)


def kind_from_name(name: str) -> InputKind | None:
    """The input kind its file name announces (``.gz`` stripped), or ``None`` to sniff."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    return _NAME_KINDS.get(PurePath(lowered).suffix)


def _strip_bom_and_space(head: bytes) -> bytes:
    for bom, _ in BYTE_ORDER_MARKS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return head.lstrip()


def sniff_kind(head: bytes) -> InputKind:
    """Guess the kind of input from its first (decompressed) bytes."""
    wide = wide_encoding(head)
    if wide is not None:
        # UTF-16/32 without a byte-order mark: sniff the characters, not the bytes.
        head = head.decode(wide, errors="ignore").encode("utf-8")
    start = _strip_bom_and_space(head)
    if start.startswith(b"WARC/1.") or start.startswith(b"WARC/0."):
        return "warc"
    if start.startswith((b"{", b"[")):
        return "json"
    if start.startswith(b"<"):
        lowered = start[:8192].lower()
        markers: list[tuple[int, InputKind]] = []
        for marker, kind in _MARKUP_MARKERS:
            at = lowered.find(marker)
            if at >= 0:
                markers.append((at, kind))
        if markers:
            return min(markers)[1]
    return "text"


def check_not_binary(head: bytes, *, origin: str, line_format: bool = False) -> None:
    """Raise :class:`BinaryInputError` when ``head`` looks like binary data, not text.

    UTF-16/32 text, with or without a byte-order mark, is text.  With
    ``line_format`` (JSON Lines, where a bad line fails alone), a few stray NUL
    bytes are left for the line that holds them to fail; only a head where
    they are common is binary.
    """
    for signature, description in _BINARY_SIGNATURES:
        if head.startswith(signature):
            raise BinaryInputError(
                origin,
                f"this is {description}, not text; newsweave reads "
                "text, HTML, JSON/JSON Lines, RSS/Atom and WARC",
            )
    if len(head) > 262 and head[257:262] == b"ustar":
        raise BinaryInputError(origin, "this is a tar archive; unpack it and pass the directory")
    if any(
        head.startswith(bom)
        for bom, name in BYTE_ORDER_MARKS
        if name.startswith("utf-16") or name.startswith("utf-32")
    ):
        return  # NUL bytes are normal in UTF-16/32 text
    nuls = head.count(0)
    if not nuls or wide_encoding(head) is not None:
        return
    if line_format and nuls * _STRAY_NUL_SHARE <= len(head):
        return
    raise BinaryInputError(origin, "binary data (NUL bytes), not text")
