"""A human-readable report of stored stories and articles, as HTML and Markdown.

Used by ``newsweave demo``: first the stories, each with its brief (cited summary,
key points, quotes, timeline, coverage; see :mod:`newsweave.render`), then
every article with its metadata and clean body.  Article text is untrusted: every
value put into HTML goes through :func:`html.escape`, and every value put into
Markdown through :func:`~newsweave.render.markdown.markdown_text`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from newsweave.models import Article, InputFailure
from newsweave.render.html import BRIEF_CSS, brief_section_html, toc_html
from newsweave.render.markdown import brief_section_markdown, markdown_text
from newsweave.render.present import NO_HEADLINE, StoryBrief, story_anchor

__all__ = ["render_report_html", "render_report_markdown"]


def _date(value: datetime | None) -> str:
    return value.isoformat() if value else "unknown"


def _metadata_rows(article: Article) -> list[tuple[str, str]]:
    labels = article.labels
    ratings = "; ".join(
        f"{r.value} (rated by {r.rater}, found in {r.provenance})" for r in labels.bias_ratings
    )
    return [
        ("Outlet", article.outlet or "unknown"),
        ("Published", _date(article.published)),
        ("Authors", ", ".join(article.authors) or "unknown"),
        ("URL", article.url or "none"),
        ("Language", article.language or "unknown"),
        ("Bias ratings", ratings or "none found"),
        ("AI-generated", "yes" if labels.ai_generated else "no notice found"),
        ("Wire credits", ", ".join(labels.wire_credits) or "none"),
        ("Derived from", ", ".join(labels.derived_from) or "none"),
        ("Input", article.origin),
        ("Words", str(len(article.body.split()))),
    ]


def _counts(
    articles: Sequence[Article], failures: Sequence[InputFailure], stories: Sequence[StoryBrief]
) -> str:
    story_part = f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}, " if stories else ""
    return f"{story_part}{len(articles)} articles, {len(failures)} failed inputs."


def render_report_markdown(
    articles: Sequence[Article],
    failures: Sequence[InputFailure] = (),
    *,
    title: str = "newsweave report",
    stories: Sequence[StoryBrief] = (),
) -> str:
    """Markdown: the stories with their briefs, then every article with its metadata and body."""
    md = markdown_text
    out = [f"# {md(title)}", "", _counts(articles, failures, stories), ""]
    if stories:
        out += ["## Stories", ""]
        out += [
            f"{n}. [{md(item.brief.headline or NO_HEADLINE)}](#{story_anchor(item)})"
            for n, item in enumerate(stories, 1)
        ]
        out.append("")
        out += [
            brief_section_markdown(item, level=3, anchor=story_anchor(item)) for item in stories
        ]
    out += ["## Articles", ""]
    for number, article in enumerate(articles, 1):
        out += [f"### {number}. {md(' '.join((article.title or '(untitled)').split()))}", ""]
        out += [
            f"- **{name}:** {md(' '.join(value.split()))}"
            for name, value in _metadata_rows(article)
        ]
        out.append("")
        for paragraph in article.body.split("\n\n"):
            out += ["> " + md(line) for line in paragraph.splitlines()]
            out.append(">")
        if out[-1] == ">":
            out.pop()
        out.append("")
    if failures:
        out += ["## Inputs that failed", ""]
        out += [
            f"- {md(f.origin)} ({md(f.stage)}, {md(f.error)}): {md(' '.join(f.message.split()))}"
            for f in failures
        ]
        out.append("")
    return "\n".join(out)


_CSS = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:52rem;
margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem}article{border-top:1px solid #ccc;padding:1rem 0}
h3{font-size:1.2rem;margin:.2rem 0 .6rem}dl{display:grid;grid-template-columns:max-content 1fr;
gap:.15rem .8rem;font-size:.92rem;background:#f4f6f8;padding:.6rem .8rem;border-radius:6px}
dt{font-weight:600;color:#333}dd{margin:0;word-break:break-word}
.body p{margin:.6rem 0}.fail{color:#8a1c1c}h4{font-size:1rem;margin:1rem 0 .35rem}
"""


def render_report_html(
    articles: Sequence[Article],
    failures: Sequence[InputFailure] = (),
    *,
    title: str = "newsweave report",
    stories: Sequence[StoryBrief] = (),
) -> str:
    """A self-contained page: the stories with their briefs, then every article."""
    esc = html.escape
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{BRIEF_CSS}{_CSS}</style></head><body><main>",
        f"<h1>{esc(title)}</h1>",
        f"<p>{esc(_counts(articles, failures, stories))}</p>",
    ]
    if stories:
        parts += ['<section id="stories"><h2>Stories</h2>', toc_html(stories)]
        parts += [brief_section_html(item, level=3, anchor=story_anchor(item)) for item in stories]
        parts.append("</section>")
    parts.append('<section id="articles"><h2>Articles</h2>')
    for number, article in enumerate(articles, 1):
        parts.append(f'<article id="a{number}">')
        parts.append(f"<h3>{number}. {esc(article.title or '(untitled)')}</h3><dl>")
        for name, value in _metadata_rows(article):
            parts.append(f"<dt>{esc(name)}</dt><dd>{esc(value)}</dd>")
        parts.append('</dl><div class="body">')
        for paragraph in article.body.split("\n\n"):
            text = "<br>".join(esc(line) for line in paragraph.splitlines())
            parts.append(f"<p>{text}</p>")
        parts.append("</div></article>")
    parts.append("</section>")
    if failures:
        parts.append('<section class="fail"><h2>Inputs that failed</h2><ul>')
        for f in failures:
            parts.append(
                f"<li><code>{esc(f.origin)}</code> ({esc(f.stage)}, {esc(f.error)}): "
                f"{esc(f.message)}</li>"
            )
        parts.append("</ul></section>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"
