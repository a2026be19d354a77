"""The stateless extract flow (``newsweave extract``): pages in, clean files out, no database."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newsweave.config import Settings
from newsweave.ingest import read_inputs
from newsweave.models import Article, InputFailure
from newsweave.pipeline.ingest import Progress, extract_stream

__all__ = [
    "PAGES_PER_WORKER",
    "ExtractSummary",
    "article_json",
    "auto_jobs",
    "available_cores",
    "extract_to_dir",
    "output_stem",
]

OutputFormat = Literal["txt", "json"]

_PAGE_SUFFIXES = (".html", ".htm", ".txt")


@dataclass(slots=True)
class ExtractSummary:
    written: int = 0
    failed: int = 0
    failures: list[InputFailure] = field(default_factory=list)


def output_stem(origin: str) -> str:
    """Output file stem for an input: its name without ``.gz`` and then ``.html``/``.htm``/``.txt``.

    Records inside a container (``file.jsonl:12``, ``archive.warc#512``) get the
    container's stem plus the record position, so they never overwrite each other.
    """
    path_part, sep, record = origin, "", ""
    for marker in (":", "#"):
        head, found, tail = origin.rpartition(marker)
        if found and tail and tail.isdigit() and head:
            path_part, sep, record = head, marker, tail
            break
    name = Path(path_part).name or "stdin"
    if name.lower().endswith(".gz"):
        name = name[:-3]
    for suffix in _PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return f"{name}-{record}" if sep else name


def article_json(article: Article) -> dict[str, Any]:
    """The JSON form of an extracted article written by ``extract --format json``."""
    from newsweave.store.serialise import labels_to_data  # the store package: json only

    return {
        "title": article.title,
        "body": article.body,
        "published": article.published.isoformat() if article.published else None,
        "date_source": article.date_source,
        "authors": list(article.authors),
        "outlet": article.outlet,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "language": article.language,
        "labels": labels_to_data(article.labels),
        "origin": article.origin,
    }


# A spawned worker process costs about a second before its first page (interpreter,
# trafilatura, newsweave), about as long as one process takes for 40 pages: a worker is
# started only for every PAGES_PER_WORKER pages of the batch.
PAGES_PER_WORKER = 50


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def auto_jobs(pages: int, cores: int | None = None) -> int:
    """Worker processes for a batch of ``pages`` when no number is asked for: one per
    available core, but no more than one per :data:`PAGES_PER_WORKER` pages, so a page or
    a small batch runs in this process (1) and starts no workers."""
    if cores is None:
        cores = available_cores()
    return max(1, min(cores, pages // PAGES_PER_WORKER))


def extract_to_dir(
    inputs: Iterable[str],
    out_dir: Path,
    *,
    settings: Settings,
    fmt: OutputFormat = "txt",
    progress: Progress | None = None,
    jobs: int = 1,
) -> ExtractSummary:
    """Extract every input page and write ``out_dir/<stem>.txt`` (body only) or ``.json``.

    With ``jobs`` above 1 the pages are extracted in that many worker processes; the
    files are written here, in input order, so the output is the same as with one.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = ExtractSummary()
    for result in extract_stream(read_inputs(inputs, settings=settings), jobs=jobs):
        if isinstance(result, InputFailure):
            summary.failed += 1
            summary.failures.append(result)
        else:
            _raw, article = result
            stem = output_stem(article.origin)
            if fmt == "json":
                text = json.dumps(article_json(article), ensure_ascii=False, indent=2) + "\n"
            else:
                text = article.body + "\n"
            (out_dir / f"{stem}.{fmt}").write_text(text, encoding="utf-8")
            summary.written += 1
        if progress is not None:
            progress(1)
    return summary
