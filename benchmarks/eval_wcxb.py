"""Extraction quality on the WCXB dev article pages, beside bare trafilatura in the same run.

    .venv/bin/python benchmarks/eval_wcxb.py [--no-aeb] [--pages OUT.json] [--limit N]
        [--reference SRC]

For the tune half (even page ids), the check half (odd ids) and all pages it prints:
word F1 of newsweave's HTML extraction and of bare ``trafilatura.extract`` (lower-cased
``\\w+`` words, multiset overlap, averaged over pages, as ``../shared/data/README.md``
describes); the pages where newsweave gives nothing although trafilatura has text; the
share of pages more than 0.1 below trafilatura; word F1 of the text-mode cleaner on the
plain-text dumps and of the raw dumps themselves; and title, author and date accuracy
of both extractors against the ground truth.  Then the AEB figures (HTML and text dumps,
shingle F1) so a change is never bought on one set with another.  Both extractors get
``url=None``, like an input whose container knows no URL.

``--pages`` writes every page's scores and outputs to a JSON file for reading the
worst pages.  ``--reference SRC`` first runs the same measure on another checkout's
``src`` (e.g. ``/work/main/src``), so before and after come from one run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsweave.evaluation import same_names, shingle_prf, word_prf
from newsweave.extract.html import extract_html
from newsweave.extract.plaintext import extract_text
from newsweave.models import Extraction

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
WCXB = DATA / "wcxb-dev"
_WORD = re.compile(r"\w+")
_FAR_BELOW = 0.1


@dataclass
class PageResult:
    page_id: str
    ours: float
    theirs: float
    text_ours: float
    text_raw: float
    ours_empty: bool
    theirs_empty: bool
    meta_ours: dict[str, bool | None]
    meta_theirs: dict[str, bool | None]
    body: str
    reference: str


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def title_matches(predicted: str | None, gold: str) -> bool:
    """Same words in the same order (case and punctuation aside)."""
    return bool(predicted) and _words(predicted) == _words(gold)


def author_matches(predicted: str | None, gold: str) -> bool:
    """The same set of name words: order, separators and 'and' aside."""
    return same_names(predicted, gold)


def date_matches(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and (predicted or "")[:10] == gold[:10]


def metadata_marks(
    gold: dict[str, str], *, title: str | None, author: str | None, date: str | None
) -> dict[str, bool | None]:
    """True / False per field, None where the ground truth has no value."""
    return {
        "title": title_matches(title, gold["title"]) if gold.get("title") else None,
        "author": author_matches(author, gold["author"]) if gold.get("author") else None,
        "date": date_matches(date, gold["publish_date"]) if gold.get("publish_date") else None,
    }


def run_page(page_id: str, gold: dict[str, str]) -> PageResult:
    html = gzip.decompress((WCXB / "html" / f"{page_id}.html.gz").read_bytes())
    decoded = html.decode("utf-8", errors="replace")
    reference = gold["main_content"]
    found: Extraction = extract_html(decoded, url=None)
    # The reference is what users of the library get: ``extract()`` with its
    # defaults (no metadata pass, which changes the text a little); its metadata
    # comes from the library's own metadata reader.
    theirs_text = trafilatura.extract(decoded) or ""
    document = trafilatura.extract_metadata(decoded)
    dump_path = WCXB / "text" / f"{page_id}.txt"
    dump = dump_path.read_text("utf-8", errors="replace") if dump_path.exists() else ""
    cleaned = extract_text(dump).body if dump else ""
    published = found.published.date().isoformat() if found.published else None
    return PageResult(
        page_id=page_id,
        ours=word_prf(found.body, reference).f1,
        theirs=word_prf(theirs_text, reference).f1,
        text_ours=word_prf(cleaned, reference).f1,
        text_raw=word_prf(dump, reference).f1,
        ours_empty=not found.body.strip(),
        theirs_empty=not theirs_text.strip(),
        meta_ours=metadata_marks(
            gold, title=found.title, author=", ".join(found.authors) or None, date=published
        ),
        meta_theirs=metadata_marks(
            gold,
            title=getattr(document, "title", None),
            author=getattr(document, "author", None),
            date=getattr(document, "date", None),
        ),
        body=found.body,
        reference=theirs_text,
    )


def _accuracy(results: list[PageResult], side: str, field: str) -> str:
    marks = [getattr(r, side)[field] for r in results]
    judged = [m for m in marks if m is not None]
    if not judged:
        return "  n/a"
    return f"{sum(judged) / len(judged):.3f}"


def report(name: str, results: list[PageResult]) -> None:
    if not results:
        return
    ours = statistics.fmean(r.ours for r in results)
    theirs = statistics.fmean(r.theirs for r in results)
    lost = sum(r.ours_empty and not r.theirs_empty for r in results)
    below = sum(r.ours < r.theirs - _FAR_BELOW for r in results)
    text_ours = statistics.fmean(r.text_ours for r in results)
    text_raw = statistics.fmean(r.text_raw for r in results)
    print(
        f"{name:6s} {len(results):4d} pages  HTML word F1 newsweave {ours:.4f}  "
        f"trafilatura {theirs:.4f}  empty-where-trafilatura-has-text {lost}  "
        f">0.1 below trafilatura {below} ({100 * below / len(results):.2f} %)"
    )
    print(f"{'':6s} text dumps word F1 newsweave {text_ours:.4f}  raw dumps {text_raw:.4f}")
    meta = "  ".join(
        f"{field} {_accuracy(results, 'meta_ours', field)} "
        f"/ {_accuracy(results, 'meta_theirs', field)}"
        for field in ("title", "author", "date")
    )
    print(f"{'':6s} metadata accuracy newsweave / trafilatura: {meta}")


def aeb_figures() -> None:
    """AEB HTML and text-dump shingle F1, newsweave and trafilatura, same run."""
    gold = json.loads((DATA / "aeb" / "ground-truth.json").read_text("utf-8"))
    html_ours, html_theirs, text_ours = [], [], []
    for page_id, record in sorted(gold.items()):
        path = DATA / "aeb" / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        truth = record["articleBody"]
        html_ours.append(shingle_prf(extract_html(html, url=None).body, truth).f1)
        html_theirs.append(shingle_prf(trafilatura.extract(html) or "", truth).f1)
        dump = DATA / "aeb-text" / f"{page_id}.txt"
        if dump.exists():
            text_ours.append(shingle_prf(extract_text(dump.read_text("utf-8")).body, truth).f1)
    print(
        f"AEB    {len(html_ours):4d} pages  "
        f"HTML shingle F1 newsweave {statistics.fmean(html_ours):.4f}"
        f"  trafilatura {statistics.fmean(html_theirs):.4f}"
        f"  text dumps newsweave {statistics.fmean(text_ours):.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-aeb", action="store_true", help="skip the AEB figures")
    parser.add_argument("--pages", type=Path, help="write per-page scores to this JSON file")
    parser.add_argument(
        "--limit", type=int, default=0, help="only the first N pages (a quick look)"
    )
    parser.add_argument("--reference", help="another checkout's src/ to measure first")
    args = parser.parse_args()
    if args.reference:
        print(f"== reference {args.reference}", flush=True)
        argv = [a for a in sys.argv[1:] if a not in ("--reference", args.reference)]
        argv = [a for a in argv if not a.startswith("--reference=")]
        env = {**os.environ, "PYTHONPATH": args.reference}
        subprocess.run([sys.executable, __file__, *argv], env=env, check=True)
        print("== this checkout", flush=True)
    if not (WCXB / "ground-truth.json").exists():
        print(f"WCXB dev data not found at {WCXB}; nothing to measure", file=sys.stderr)
        return 1
    gold: dict[str, dict[str, str]] = json.loads((WCXB / "ground-truth.json").read_text("utf-8"))
    ids = sorted(gold)[: args.limit] if args.limit else sorted(gold)
    results = [run_page(page_id, gold[page_id]) for page_id in ids]
    tune = [r for r in results if int(r.page_id) % 2 == 0]
    check = [r for r in results if int(r.page_id) % 2 == 1]
    report("tune", tune)
    report("check", check)
    report("all", results)
    if args.pages:
        rows = [
            {
                "id": r.page_id,
                "ours": round(r.ours, 4),
                "theirs": round(r.theirs, 4),
                "text_ours": round(r.text_ours, 4),
                "text_raw": round(r.text_raw, 4),
                "meta_ours": r.meta_ours,
                "meta_theirs": r.meta_theirs,
                "body": r.body,
                "trafilatura": r.reference,
            }
            for r in results
        ]
        args.pages.write_text(json.dumps(rows, indent=1), "utf-8")
    if not args.no_aeb:
        aeb_figures()
    return 0


if __name__ == "__main__":
    sys.exit(main())
