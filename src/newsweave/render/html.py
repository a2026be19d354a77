"""A brief as HTML: a self-contained page, or a ``<section>`` to put in a larger one.

Article text is untrusted: every value goes through :func:`html.escape`, links
only ever point at ``http(s)`` URLs or at anchors of the page.  Citation numbers
link to the numbered source entries (``#src-3``, prefixed per story in documents
holding several briefs).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from newsweave.models import Brief, Citation
from newsweave.render.present import (
    ABSTRACT_HEADING,
    ABSTRACT_NOTE,
    ENTITY_GROUPS,
    UNSUPPORTED_LABEL,
    NumberedSource,
    Numbers,
    StoryBrief,
    abstract_status,
    cited_sources,
    counted,
    coverage_name,
    display_date,
    entity_group,
    quoted,
    ratings_text,
    reported_by,
    story_anchor,
    story_facts,
    type_text,
)

__all__ = [
    "BRIEF_CSS",
    "brief_section_html",
    "page_html",
    "render_brief_html",
    "render_briefs_html",
]

esc = html.escape

BRIEF_CSS = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:52rem;
margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
main{overflow-wrap:break-word}h1{font-size:1.6rem;line-height:1.25;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:1.4rem 0 .5rem}
h3{font-size:1.08rem;margin:1.1rem 0 .4rem}
.brief{border-top:2px solid #345;padding:.6rem 0 1rem}
.facts{color:#555;font-size:.92rem;margin:.2rem 0 .8rem}
.summary p{font-size:1.05rem}
a.cite{font-size:.78em;vertical-align:super;text-decoration:none;margin-left:.08em;color:#1a5fb4}
.reported{display:inline-block;font-size:.82rem;background:#e8f0e6;color:#234;padding:0 .45em;
border-radius:4px;margin-left:.3em}
.support{font-size:.92rem;color:#333;margin:.2rem 0 .6rem}.support li{margin:.15rem 0}
.who{font-weight:600}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid #bbb;
background:#fafafa}blockquote footer{font-size:.9rem;color:#444}
.planned{font-size:.78rem;background:#fff3cd;color:#6b4e00;padding:0 .4em;border-radius:4px}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;font-size:.88rem;width:100%}
th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}.unknown{color:#777;font-style:italic}
ol.sources{font-size:.9rem}ol.sources li{margin:.3rem 0}ol.sources li:target{background:#fff3cd}
nav.toc{background:#f4f6f8;padding:.5rem 1rem;border-radius:6px}
.abstract{border-left:3px solid #7a5cc4;padding:.1rem .8rem;background:#f8f6fd}
.abstract .note{font-size:.88rem;color:#444}.abstract .status{font-size:.82rem;color:#555}
.abstract li.unsupported{background:#fde2e1;color:#5a1010}
.abstract .flag{font-weight:700;color:#a40000}
"""


def _refs(sources: Iterable[NumberedSource], prefix: str) -> str:
    return "".join(
        f'<a class="cite" href="#{prefix}src-{s.number}">[{s.number}]</a>' for s in sources
    )


def _named_refs(sources: Sequence[NumberedSource], prefix: str) -> str:
    return ", ".join(
        f'<span class="who">{esc(s.short)}</span>{_refs([s], prefix)}' for s in sources
    )


def _value(text: str | None) -> str:
    if not text or text == "unknown":
        return '<span class="unknown">unknown</span>'
    return esc(text)


def _safe_url(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def _source_item(source: NumberedSource, prefix: str) -> str:
    name = f'<span class="who">{esc(source.name)}</span>'
    if not source.outlet_known:
        name += ' <span class="unknown">(outlet unknown)</span>'
    title = source.title if source.title and source.title != source.name else None
    url = _safe_url(source.url)
    if title:
        shown = f"<cite>{esc(title)}</cite>"
        name += f' — <a href="{esc(url)}">{shown}</a>' if url else f" — {shown}"
    elif url:
        name += f' — <a href="{esc(url)}">link</a>'
    return f'<li id="{prefix}src-{source.number}">{name}: “{esc(source.citation.text)}”</li>'


def brief_section_html(item: StoryBrief, *, level: int = 1, anchor: str = "") -> str:
    """One brief as an ``<article>`` element, its title at ``<h{level}>``.

    ``anchor`` is the element's id and prefixes every id inside it, so several
    briefs fit in one page.
    """
    brief = item.brief
    h, hs = f"h{level}", f"h{level + 1}"
    prefix = f"{anchor}-" if anchor else ""
    sources = cited_sources(item)
    numbers = Numbers(sources)

    def refs(citations: Iterable[Citation]) -> str:
        return _refs(numbers.distinct(citations), prefix)

    def named(citations: Iterable[Citation]) -> str:
        return _named_refs(numbers.distinct(citations), prefix)

    out = [f'<article class="brief"{f" id={chr(34)}{esc(anchor)}{chr(34)}" if anchor else ""}>']
    out.append(f"<{h}>{esc(brief.headline) or '(no headline)'}</{h}>")
    facts = story_facts(item)
    if facts:
        out.append(f'<p class="facts">Story {esc(brief.story_id)}: {esc(facts)}.</p>')
    out.append(f'<section class="summary"><{hs}>Summary</{hs}><p>')
    if brief.summary:
        out.append(" ".join(f"{esc(s.text)}{refs(s.citations)}" for s in brief.summary))
    else:
        out.append("No summary: the articles had no usable sentences.")
    out.append("</p></section>")
    if brief.abstract:
        out.append(
            f'<section class="abstract"><{hs}>{esc(ABSTRACT_HEADING)}</{hs}>'
            f'<p class="note">{esc(ABSTRACT_NOTE)}</p><ul>'
        )
        for written in brief.abstract:
            cls, flag = "supported", ""
            if not written.supported:
                cls, flag = "unsupported", f'<span class="flag">⚠ {esc(UNSUPPORTED_LABEL)}:</span> '
            out.append(
                f'<li class="{cls}">{flag}{esc(written.text)}{refs(written.citations)}'
                f'<span class="status"> — {esc(abstract_status(written))}</span></li>'
            )
        out.append("</ul></section>")
    if brief.key_points:
        out.append(f"<section><{hs}>Key points</{hs}><ol>")
        for point in brief.key_points:
            out.append(
                f"<li><strong>{esc(point.text)}</strong>"
                f'<span class="reported">{esc(reported_by(point))}</span><ul class="support">'
            )
            for citation in point.support:
                source = numbers.of(citation)
                out.append(
                    f'<li><span class="who">{esc(source.short)}</span>: '
                    f"{esc(quoted(citation.text))}{_refs([source], prefix)}</li>"
                )
            out.append("</ul></li>")
        out.append("</ol></section>")
    if brief.single_source:
        out.append(f"<section><{hs}>Single-source claims</{hs}><ul>")
        out += [f"<li>{esc(p.text)} — only {named(p.support)}</li>" for p in brief.single_source]
        out.append("</ul></section>")
    if brief.disagreements:
        out.append(f"<section><{hs}>Disagreements</{hs}><ul>")
        for item_ in brief.disagreements:
            out.append(f"<li><strong>{esc(item_.topic)}</strong><ul>")
            out += [f"<li>“{esc(text)}” — {named(cites)}</li>" for text, cites in item_.versions]
            out.append("</ul></li>")
        out.append("</ul></section>")
    if brief.quotes:
        out.append(f"<section><{hs}>Quotes</{hs}>")
        for quote in brief.quotes:
            who = (
                f'<span class="who">{esc(quote.speaker)}</span>'
                if quote.speaker
                else "unattributed"
            )
            if quote.role:
                who += f", {esc(quote.role)}"
            ref = _refs([numbers.of(quote.source)], prefix) if quote.source else ""
            out.append(
                f"<blockquote><p>“{esc(quote.text)}”</p><footer>— {who}{ref}</footer></blockquote>"
            )
        out.append("</section>")
    if brief.entities:
        out.append(f"<section><{hs}>People, organisations and places</{hs}><dl>")
        for label, heading in ENTITY_GROUPS:
            names = []
            for entity in brief.entities:
                if entity_group(entity) != label:
                    continue
                mentions = sum(entity.mentions_by_outlet.values())
                outlets = len(entity.mentions_by_outlet)
                also = (
                    f"also {', '.join(esc(a) for a in entity.aliases)}; " if entity.aliases else ""
                )
                names.append(
                    f"<strong>{esc(entity.name)}</strong> ({also}{counted(mentions, 'mention')}"
                    f" in {counted(outlets, 'source')})"
                )
            if names:
                out.append(f"<dt>{esc(heading)}</dt><dd>{', '.join(names)}</dd>")
        out.append("</dl></section>")
    if brief.timeline:
        out.append(f'<section><{hs}>Timeline</{hs}><ol class="timeline">')
        for entry in brief.timeline:
            planned = ' <span class="planned">planned</span>' if entry.planned else ""
            out.append(
                f'<li><time datetime="{esc(entry.date)}"><strong>{esc(display_date(entry.date))}'
                f"</strong></time>{planned}: {esc(entry.text)} — {named(entry.sources)}</li>"
            )
        out.append("</ol></section>")
    out += _coverage_html(item, hs)
    if sources:
        out.append(f'<section><{hs}>Sources</{hs}><ol class="sources">')
        out += [_source_item(source, prefix) for source in sources]
        out.append("</ol></section>")
    out.append("</article>")
    return "\n".join(out)


def _coverage_html(item: StoryBrief, hs: str) -> list[str]:
    coverage = item.brief.coverage
    if not coverage.entries:
        return []
    out = [
        f"<section><{hs}>Coverage</{hs}>",
        '<div class="table-wrap"><table><thead><tr><th>Outlet</th><th>Type</th><th>Country</th>'
        "<th>Owner</th><th>Bias ratings</th><th>Articles</th><th>Wire credits</th>"
        "<th>Facts from</th></tr></thead><tbody>",
    ]
    for entry in coverage.entries:
        name, known = coverage_name(entry, item.articles)
        shown = esc(name) if known else f'{esc(name)} <span class="unknown">(outlet unknown)</span>'
        source = entry.source
        out.append(
            f"<tr><td>{shown}</td><td>{_value(type_text(entry))}</td>"
            f"<td>{_value(source.country)}</td><td>{_value(source.owner)}</td>"
            f"<td>{_value(ratings_text(entry))}</td><td>{len(entry.article_ids)}</td>"
            f"<td>{esc(', '.join(entry.wire_credits) or 'none')}</td>"
            f"<td>{esc(entry.provenance or 'the articles')}</td></tr>"
        )
    out.append("</tbody></table></div>")
    dimensions: dict[str, list[str]] = {}
    for group in coverage.counts:
        dimensions.setdefault(group.dimension, []).append(
            f"{_value(group.value)}: {counted(group.articles, 'article')}"
            f" from {counted(group.outlets, 'outlet')}"
        )
    if dimensions:
        out.append("<ul>")
        out += [
            f"<li><strong>By {esc(d)}:</strong> {'; '.join(g)}</li>" for d, g in dimensions.items()
        ]
        out.append("</ul>")
    if coverage.blindspots:
        out.append(
            "<p><strong>Blind spots:</strong> no article from outlets rated "
            + ", ".join(esc(b) for b in coverage.blindspots)
            + ".</p>"
        )
    out.append("</section>")
    return out


def page_html(title: str, body: str, *, css: str = BRIEF_CSS) -> str:
    """A self-contained page (inline CSS, readable on a phone) around ``body``."""
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title><style>{css}</style></head><body><main>\n"
        f"{body}\n</main></body></html>\n"
    )


def render_brief_html(brief: Brief | StoryBrief) -> str:
    """A standalone HTML page of one brief (a :class:`StoryBrief`, or a bare ``Brief``)."""
    item = brief if isinstance(brief, StoryBrief) else StoryBrief(brief=brief)
    return page_html(item.brief.headline, brief_section_html(item, level=1))


def toc_html(items: Sequence[StoryBrief]) -> str:
    """A ``<nav>`` listing the stories with links to their briefs."""
    out = ['<nav class="toc"><strong>Contents</strong><ol>']
    for item in items:
        facts = story_facts(item)
        out.append(
            f'<li><a href="#{story_anchor(item)}">{esc(item.brief.headline) or "(no headline)"}</a>'
            + (f" <small>{esc(facts)}</small>" if facts else "")
            + "</li>"
        )
    out.append("</ol></nav>")
    return "\n".join(out)


def render_briefs_html(items: Sequence[StoryBrief], *, title: str) -> str:
    """One HTML page of several briefs, with a table of contents."""
    count = f"{len(items)} stor{'y' if len(items) == 1 else 'ies'}."
    body = [f"<h1>{esc(title)}</h1>", f"<p>{count}</p>"]
    if items:
        body.append(toc_html(items))
    body += [brief_section_html(item, level=2, anchor=story_anchor(item)) for item in items]
    return page_html(title, "\n".join(body))
