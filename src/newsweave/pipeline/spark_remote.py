"""Remote inputs of the Spark job: ``http(s)://`` URLs and Hadoop file system URIs.

A CC-NEWS path list names files relative to the bucket, so a run puts
``https://data.commoncrawl.org/`` or ``s3a://commoncrawl/`` before them.  Both end as
a spool file in the task's local directory (Spark's scratch space on that
executor, removed when the task is done), read by :func:`newsweave.ingest.read_input`
exactly as a local file is read:

* ``http://`` and ``https://``: each task streams its file to the spool
  (:func:`newsweave.ingest.download.download_to`: the fetcher's user agent,
  timeout, retries and backoff; never the whole file in memory; at most
  ``input.max_download_bytes``).  A failed download (an HTTP error, a refused
  connection, a body cut short after the retries) is one ``rejects`` row naming the
  URL and the reason, and the job goes on.
* Any other ``scheme://`` (``s3a://``, ``s3://`` on EMR, ``hdfs://``, ``gs://``,
  ``file://``): Spark's own Hadoop file system reads it.  The driver asks the
  cluster for the scheme's file system at the start, and without one (no S3
  connector) the job stops there with one error saying what to do; it lists a
  directory's files and a pattern's (``*``) matches in name order, as ``ingest``
  walks a local folder.  A task gets
  its file from ``SparkContext.binaryFiles`` (whole, in the task's memory, then
  spooled: about a file's size of executor and Python memory per running task, and
  files of 2 GiB or more cannot be handed over: they become ``rejects`` rows).

Only the driver (:func:`resolve_inputs`) talks to the JVM; :func:`read_remote` runs
in the tasks and needs no Spark (outside a task the spool goes to the system's
temporary directory).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from newsweave.config import Settings
from newsweave.errors import ConfigError, FetchError, InputError, InputTooLargeError
from newsweave.ingest import ResolvedInput, iter_input_files, read_input
from newsweave.ingest.download import download_to
from newsweave.ingest.files import failure_from
from newsweave.models import InputFailure, RawDocument

if TYPE_CHECKING:
    from pyspark import SparkContext

__all__ = [
    "BINARY_FILES_LIMIT",
    "HadoopInput",
    "JobInput",
    "hadoop_scheme",
    "read_remote",
    "resolve_inputs",
    "scratch_dirs",
]

BINARY_FILES_LIMIT = 2**31 - 1024
"""The largest file ``binaryFiles`` hands a task (a Java byte array has under 2 GiB)."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_HTTP = frozenset({"http", "https"})
_GLOB = re.compile(r"[*?\[\]{}\\]")
"""Characters of Hadoop's path patterns."""


@dataclass(frozen=True, slots=True)
class HadoopInput:
    """A file Spark's Hadoop file system reads (``s3a://bucket/key``), or why it cannot."""

    uri: str
    size: int | None = None
    problem: str | None = None
    """Why the file cannot be read (missing, too large): it becomes a ``rejects`` row."""
    error: str = "InputError"

    @property
    def readable(self) -> bool:
        return self.problem is None


JobInput = ResolvedInput | HadoopInput
"""One input of the job, in stream order: a local file, an ``http(s)`` URL or a Hadoop file."""


def hadoop_scheme(value: str) -> str | None:
    """The scheme of ``value`` when Spark's Hadoop file system is to read it (``s3a``),
    ``None`` for local paths and ``http(s)`` URLs."""
    found = _SCHEME.match(value)
    if found is None or found.group(1).lower() in _HTTP:
        return None
    return found.group(1).lower()


def resolve_inputs(
    sc: SparkContext, inputs: Iterable[str], *, settings: Settings
) -> list[JobInput]:
    """The job's inputs in stream order (on the driver).

    Local paths and URLs resolve as for ``ingest`` (:func:`iter_input_files`);
    Hadoop URIs are looked up with the cluster's file system (a directory: its
    files, recursively, in name order, hidden ``.``/``_`` names skipped).  Raises
    :class:`ConfigError`, naming the path, when the cluster has no file system for
    a scheme (an ``s3a://`` path without the S3 connector).
    """
    resolved: list[JobInput] = []
    for value in inputs:
        scheme = hadoop_scheme(value)
        if scheme is None:
            resolved.extend(iter_input_files([value]))
            continue
        jvm: Any = sc._jvm
        path = jvm.org.apache.hadoop.fs.Path(value)
        try:
            fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
        except Exception as exc:
            raise _no_file_system(value, scheme, exc) from None
        if _GLOB.search(value):
            resolved.extend(_hadoop_glob(fs, path, value, settings))
        else:
            resolved.extend(_hadoop_files(fs, path, value, settings))
    return resolved


def _hadoop_glob(fs: Any, path: Any, value: str, settings: Settings) -> Iterator[HadoopInput]:
    """The files a Hadoop glob (``s3a://bucket/2026/*/``) matches, in name order."""
    try:
        matched = fs.globStatus(path)
    except Exception as exc:
        yield HadoopInput(value, problem=f"cannot expand the pattern ({_java_message(exc)})")
        return
    if not matched:
        yield HadoopInput(value, problem="no file matches the pattern")
        return
    for entry in sorted(matched, key=lambda entry: str(entry.getPath().toString())):
        yield from _hadoop_files(fs, entry.getPath(), str(entry.getPath().toString()), settings)


def _java_message(exc: Exception) -> str:
    java: Any = getattr(exc, "java_exception", None)
    if java is None:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    message = java.getMessage()
    return f"{java.getClass().getName()}: {message}" if message else java.getClass().getName()


def _no_file_system(value: str, scheme: str, exc: Exception) -> ConfigError:
    if scheme.startswith("s3"):
        advice = (
            "Use the https prefix instead (CC-NEWS: --prefix https://data.commoncrawl.org/), "
            "or add the S3 connector to the cluster (hadoop-aws and its AWS SDK, of the "
            "cluster's Hadoop version, e.g. spark-submit --packages "
            "org.apache.hadoop:hadoop-aws:VERSION) and use s3a:// paths"
        )
        if scheme == "s3":
            advice += (
                " (plain Hadoop names its S3 file system s3a://; s3:// is EMR's, or set "
                "spark.hadoop.fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem)"
            )
    else:
        advice = (
            f"Add the Hadoop connector for {scheme}:// to the cluster, or give the files "
            "as local or mounted paths, or http(s):// URLs"
        )
    return ConfigError(
        f"{value}: Spark on this cluster cannot read {scheme}:// paths: it has no Hadoop "
        f"file system for them ({_java_message(exc)}). {advice}."
    )


def _hadoop_files(fs: Any, path: Any, value: str, settings: Settings) -> Iterator[HadoopInput]:
    try:
        status = fs.getFileStatus(path)
    except Exception as exc:
        java: Any = getattr(exc, "java_exception", None)
        missing = java is not None and java.getClass().getName() == "java.io.FileNotFoundException"
        yield HadoopInput(
            value,
            problem="no such file or directory"
            if missing
            else (f"cannot look it up ({_java_message(exc)})"),
        )
        return
    if not status.isDirectory():
        if _GLOB.search(value) or "," in value:
            # binaryFiles reads its argument as a comma-separated list of patterns.
            yield HadoopInput(
                value, problem="the name holds a character Spark would read as a pattern"
            )
        else:
            yield _sized(value, int(status.getLen()), settings)
        return
    for entry in sorted(fs.listStatus(path), key=lambda entry: str(entry.getPath().getName())):
        name = str(entry.getPath().getName())
        if name.startswith((".", "_")):
            continue
        yield from _hadoop_files(fs, entry.getPath(), str(entry.getPath().toString()), settings)


def _sized(uri: str, size: int, settings: Settings) -> HadoopInput:
    limit = min(settings.input.max_download_bytes, BINARY_FILES_LIMIT)
    if size <= limit:
        return HadoopInput(uri, size)
    if limit == BINARY_FILES_LIMIT:
        why = "Spark's binaryFiles hands a task less than 2 GiB; give its https:// URL instead"
    else:
        why = "raise input.max_download_bytes (NEWSWEAVE_INPUT_MAX_DOWNLOAD_BYTES) if intended"
    return HadoopInput(
        uri,
        size,
        f"the file has {size} bytes, over the limit of {limit} bytes; {why}",
        error=InputTooLargeError.__name__,
    )


@contextmanager
def _spool() -> Iterator[IO[bytes]]:
    """A temporary file in the task's local directory, removed when done."""
    with tempfile.NamedTemporaryFile(
        prefix="newsweave-", suffix=".spool", dir=_local_dir()
    ) as handle:
        yield handle


def scratch_dirs(env: Mapping[str, str]) -> list[str]:
    """The executor's local directories: Spark starts its Python workers with
    ``SPARK_LOCAL_DIRS`` set to its block manager's folders on the executor's local
    disks (comma-separated; removed when the application ends)."""
    listed = env.get("SPARK_LOCAL_DIRS", "").split(",")
    return [folder.strip() for folder in listed if folder.strip()]


def _local_dir() -> str | None:
    """Inside a Spark task, a local directory of the executor (spread over its disks
    by partition), else the task's working folder (``SparkFiles``); outside a task,
    ``None`` (the system's temporary directory)."""
    try:
        from pyspark import SparkFiles, TaskContext
    except ImportError:
        return None
    context = TaskContext.get()
    if context is None:
        return None
    folders = [folder for folder in scratch_dirs(os.environ) if Path(folder).is_dir()]
    if folders:
        index: int = context.partitionId()
        return folders[index % len(folders)]
    root = str(SparkFiles.getRootDirectory() or "")
    return root if root and Path(root).is_dir() else None


def _spooled(
    name: str, handle: IO[bytes], settings: Settings
) -> Iterator[RawDocument | InputFailure]:
    handle.flush()
    spool = Path(handle.name)
    origin = PurePosixPath(name.split("?", 1)[0].rstrip("/")).name or "input"
    yield from read_input(
        ResolvedInput(name, "file", spool, PurePosixPath(origin)), settings=settings
    )


def read_remote(
    item: JobInput, settings: Settings, *, data: bytes | None = None
) -> Iterator[RawDocument | InputFailure]:
    """Documents and failures of one remote input (in a task): a URL downloaded to
    the spool, or a Hadoop file whose bytes ``binaryFiles`` gave (``data``).

    Origins name the URL or URI (``URL#offset`` for WARC records), as a local
    file's name its path; everything else is what reading the file locally gives.
    """
    if isinstance(item, HadoopInput):
        if item.problem is not None:
            yield InputFailure(item.uri, item.error, item.problem)
            return
        if data is None:
            raise ValueError(f"{item.uri}: a Hadoop input is read from the bytes Spark gives")
        with _spool() as handle:
            handle.write(data)
            yield from _spooled(item.uri, handle, settings)
        return
    url = item.name
    with _spool() as handle:
        try:
            download_to(url, handle, settings=settings)
        except FetchError as exc:
            yield InputFailure(url, type(exc).__name__, exc.reason)
            return
        except InputError as exc:
            yield failure_from(exc)
            return
        yield from _spooled(url, handle, settings)
