"""A brief as plain text, Markdown or HTML (what ``newsweave brief --format`` prints).

Article text is untrusted: every value put into HTML goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from newsweave.brief.summary import summary_words
from newsweave.models import Brief, Citation, KeyPoint

__all__ = ["render_brief_html", "render_brief_markdown", "render_brief_text"]


def render_brief_text(brief: Brief, *, max_words: int | None = None) -> str:
    """The summary sentences only, one line each, cut at ``max_words`` words in all."""
    texts = [" ".join(s.text.split()) for s in brief.summary]
    if max_words is not None:
        texts = summary_words(texts, max_words)
    return "\n".join(texts)


def _who(citation: Citation) -> str:
    return citation.outlet or f"article {citation.article_id}"


def _sources(citations: Sequence[Citation]) -> str:
    names: list[str] = []
    for citation in citations:
        name = _who(citation)
        if name not in names:
            names.append(name)
    return ", ".join(names)


def _reported(point: KeyPoint) -> str:
    if point.total_sources:
        return (
            f"reported by {point.independent_sources} of {point.total_sources} independent sources"
        )
    return f"reported by {point.independent_sources} independent sources"


def render_brief_markdown(brief: Brief) -> str:
    """A readable Markdown brief: headline, cited summary, key points and the detail lists."""
    out = [f"# {brief.headline}", "", "## Summary", ""]
    out += [f"- {s.text} [{_sources(s.citations)}]" for s in brief.summary]
    if brief.key_points:
        out += ["", "## Key points", ""]
        for point in brief.key_points:
            out.append(f"- {point.text} ({_reported(point)})")
            out += [f"  - {_who(c)}: {c.text}" for c in point.support]
    if brief.single_source:
        out += ["", "## Single-source claims", ""]
        out += [f"- {p.text} [{_sources(p.support)}]" for p in brief.single_source]
    if brief.disagreements:
        out += ["", "## Disagreements", ""]
        for item in brief.disagreements:
            out.append(f"- {item.topic}")
            out += [f"  - {text} [{_sources(cites)}]" for text, cites in item.versions]
    if brief.quotes:
        out += ["", "## Quotes", ""]
        out += [f"- “{q.text}” — {q.speaker or 'unattributed'}" for q in brief.quotes]
    if brief.timeline:
        out += ["", "## Timeline", ""]
        out += [
            f"- {t.date}{' (planned)' if t.planned else ''}: {t.text} [{_sources(t.sources)}]"
            for t in brief.timeline
        ]
    if brief.entities:
        out += ["", "## Who and what", ""]
        out += [f"- {e.name} ({e.label})" for e in brief.entities]
    if brief.coverage.entries:
        out += ["", "## Coverage", ""]
        out += [
            f"- {entry.source.name}: {len(entry.article_ids)} article(s)"
            for entry in brief.coverage.entries
        ]
    return "\n".join(out) + "\n"


def _li(text: str, sources: str) -> str:
    return f"<li>{html.escape(text)} <small>[{html.escape(sources)}]</small></li>"


def render_brief_html(brief: Brief) -> str:
    """A standalone HTML page of the brief (same content as the Markdown form)."""
    e = html.escape
    body = [f"<h1>{e(brief.headline)}</h1>", "<h2>Summary</h2>", "<ul>"]
    body += [_li(s.text, _sources(s.citations)) for s in brief.summary]
    body.append("</ul>")
    if brief.key_points:
        body += ["<h2>Key points</h2>", "<ul>"]
        for point in brief.key_points:
            body.append(f"<li>{e(point.text)} <em>({e(_reported(point))})</em><ul>")
            body += [f"<li><b>{e(_who(c))}</b>: {e(c.text)}</li>" for c in point.support]
            body.append("</ul></li>")
        body.append("</ul>")
    if brief.single_source:
        body += ["<h2>Single-source claims</h2>", "<ul>"]
        body += [_li(p.text, _sources(p.support)) for p in brief.single_source]
        body.append("</ul>")
    if brief.quotes:
        body += ["<h2>Quotes</h2>", "<ul>"]
        body += [f"<li>“{e(q.text)}” — {e(q.speaker or 'unattributed')}</li>" for q in brief.quotes]
        body.append("</ul>")
    if brief.timeline:
        body += ["<h2>Timeline</h2>", "<ul>"]
        body += [
            _li(f"{t.date}{' (planned)' if t.planned else ''}: {t.text}", _sources(t.sources))
            for t in brief.timeline
        ]
        body.append("</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(brief.headline)}</title></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
