"""A brief as HTML: a self-contained page, or a ``<section>`` to put in a larger one.

Article text is untrusted: every value goes through :func:`html.escape`, links
only ever point at ``http(s)`` URLs or at anchors of the page.  Citation numbers
link to the numbered source entries (``#src-3``, prefixed per story in documents
holding several briefs), numbered as on the story page; each entry links back to
every place citing it (``#cite-3-1``, ``#cite-3-2``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import assert_never

from newsweave.models import Brief
from newsweave.render.present import (
    ABSTRACT_NOTE,
    NO_HEADLINE,
    UNSUPPORTED_LABEL,
    Ref,
    StoryBrief,
    story_anchor,
    story_facts,
)
from newsweave.render.section_types import (
    NO_SUMMARY,
    AbstractSection,
    CoverageSection,
    DisagreementsSection,
    EntitiesSection,
    KeyPointsSection,
    QuotesSection,
    Section,
    SingleSourceSection,
    SourceEntry,
    SourcesSection,
    SummarySection,
    TimelineSection,
)
from newsweave.render.sections import brief_sections

__all__ = [
    "BRIEF_CSS",
    "brief_section_html",
    "page_html",
    "render_brief_html",
    "render_briefs_html",
]

esc = html.escape

PARTLY_CLASS = ' class="partial"'
PARTLY = ' <span class="partly">(partly)</span>'
"""Marks a sentence that states a key point only in part."""

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
.support li.partial{color:#555}.partly{font-style:italic;color:#666}
.who{font-weight:600}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid #bbb;
background:#fafafa}blockquote footer{font-size:.9rem;color:#444}
.planned{font-size:.78rem;background:#fff3cd;color:#6b4e00;padding:0 .4em;border-radius:4px}
.table-wrap{overflow-x:auto}table{border-collapse:collapse;font-size:.88rem;width:100%}
th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}.unknown{color:#777;font-style:italic}
ol.sources{font-size:.9rem}ol.sources li{margin:.3rem 0}ol.sources li:target{background:#fff3cd}
ol.sources ul{margin:.1rem 0 .3rem;color:#333}.back a{text-decoration:none;margin-left:.25em}
a.cite:target{background:#fff3cd}
nav.toc{background:#f4f6f8;padding:.5rem 1rem;border-radius:6px}
.abstract{border-left:3px solid #7a5cc4;padding:.1rem .8rem;background:#f8f6fd}
.abstract .note{font-size:.88rem;color:#444}.abstract .status{font-size:.82rem;color:#555}
.abstract li.unsupported{background:#fde2e1;color:#5a1010}
.abstract .flag{font-weight:700;color:#a40000}
"""


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _refs(refs: Iterable[Ref], prefix: str) -> str:
    return "".join(
        f'<a class="cite" id="{prefix}{r.anchor}" href="#{prefix}src-{r.number}">[{r.number}]</a>'
        for r in refs
    )


def _named_refs(sources: Sequence[Ref], prefix: str) -> str:
    return ", ".join(
        f'<span class="who">{esc(s.short)}</span>{_refs([s], prefix)}' for s in sources
    )


def _value(text: str | None) -> str:
    if not text or text == "unknown":
        return '<span class="unknown">unknown</span>'
    return esc(text)


def _backlinks(source: SourceEntry, prefix: str) -> str:
    """``↩`` to the one place citing the source, or ``↩ a b c`` to each of them."""
    if not source.backlinks:
        return ""
    single = len(source.backlinks) == 1
    shown = source.backlinks[: len(_LETTERS)]
    links = "".join(
        f'<a href="#{prefix}{b}" aria-label="Back to citation {n + 1} of source {source.number}">'
        f"{'↩' if single else _LETTERS[n]}</a>"
        for n, b in enumerate(shown)
    )
    more = len(source.backlinks) - len(shown)
    tail = f" and {more} more" if more else ""
    return f'<span class="back">{"" if single else "↩"}{links}{tail}</span> '


def _source_item(source: SourceEntry, prefix: str) -> str:
    name = f'<span class="who">{esc(source.name)}</span>'
    if not source.outlet_known:
        name += ' <span class="unknown">(outlet unknown)</span>'
    if source.title:
        shown = f"<cite>{esc(source.title)}</cite>"
        name += f' — <a href="{esc(source.url)}">{shown}</a>' if source.url else f" — {shown}"
    elif source.url:
        name += f' — <a href="{esc(source.url)}">link</a>'
    if source.published:
        name += f", {esc(source.published)}"
    # The sentences as written (many open or close a quotation of their own), as on the web page.
    cited = "".join(f"<li>{esc(text)}</li>" for text in source.sentences)
    return (
        f'<li id="{prefix}src-{source.number}" value="{source.number}">'
        f"{_backlinks(source, prefix)}{name}{f'<ul>{cited}</ul>' if cited else ''}</li>"
    )


def brief_section_html(item: StoryBrief, *, level: int = 1, anchor: str = "") -> str:
    """One brief as an ``<article>`` element, its title at ``<h{level}>``.

    ``anchor`` is the element's id and prefixes every id inside it, so several
    briefs fit in one page.
    """
    laid_out = brief_sections(item)
    h = f"h{level}"
    prefix = f"{anchor}-" if anchor else ""
    out = [f'<article class="brief"{f" id={chr(34)}{esc(anchor)}{chr(34)}" if anchor else ""}>']
    out.append(f"<{h}>{esc(laid_out.headline) or NO_HEADLINE}</{h}>")
    if laid_out.facts:
        out.append(f'<p class="facts">Story {esc(laid_out.story_id)}: {esc(laid_out.facts)}.</p>')
    for section in laid_out.sections:
        out += _section_lines(section, f"h{level + 1}", prefix)
    out.append("</article>")
    return "\n".join(out)


def _section_lines(section: Section, hs: str, prefix: str) -> list[str]:
    """One ``<section>``, its heading at ``<{hs}>``; ``prefix`` starts every id it links to."""

    def opening(after: str, css_class: str = "") -> str:
        attribute = f' class="{css_class}"' if css_class else ""
        return f"<section{attribute}><{hs}>{esc(section.heading)}</{hs}>{after}"

    def refs(sources: Sequence[Ref]) -> str:
        return _refs(sources, prefix)

    def named(sources: Sequence[Ref]) -> str:
        return _named_refs(sources, prefix)

    match section:
        case SummarySection(sentences=sentences, note=note):
            text = " ".join(f"{esc(s.text)}{refs(s.sources)}" for s in sentences)
            after = f'</p><p class="note">{esc(note)}' if note else ""
            return [
                opening("<p>", "summary"),
                text if sentences else NO_SUMMARY,
                after + "</p></section>",
            ]
        case AbstractSection(sentences=sentences):
            out = [opening(f'<p class="note">{esc(ABSTRACT_NOTE)}</p><ul>', "abstract")]
            for written in sentences:
                cls, flag = "supported", ""
                if not written.supported:
                    cls = "unsupported"
                    flag = f'<span class="flag">⚠ {esc(UNSUPPORTED_LABEL)}:</span> '
                out.append(
                    f'<li class="{cls}">{flag}{esc(written.text)}{refs(written.sources)}'
                    f'<span class="status"> — {esc(written.status)}</span></li>'
                )
            return [*out, "</ul></section>"]
        case KeyPointsSection(points=points):
            out = [opening("<ol>")]
            for point in points:
                out.append(
                    f"<li><strong>{esc(point.text)}</strong>"
                    f'<span class="reported">{esc(point.reported)}</span><ul class="support">'
                )
                out += [
                    f"<li{PARTLY_CLASS if s.partial else ''}>"
                    f'<span class="who">{esc(s.source.short)}</span>'
                    f"{PARTLY if s.partial else ''}: {esc(s.quote)}{refs([s.source])}</li>"
                    for s in point.support
                ]
                out.append("</ul></li>")
            return [*out, "</ol></section>"]
        case SingleSourceSection(claims=claims):
            out = [opening("<ul>")]
            out += [f"<li>{esc(c.text)} — only {named(c.sources)}</li>" for c in claims]
            return [*out, "</ul></section>"]
        case DisagreementsSection(disputes=disputes):
            out = [opening("<ul>")]
            for dispute in disputes:
                out.append(f"<li><strong>{esc(dispute.topic)}</strong><ul>")
                out += [f"<li>“{esc(v.text)}” — {named(v.sources)}</li>" for v in dispute.versions]
                out.append("</ul></li>")
            return [*out, "</ul></section>"]
        case QuotesSection(quotes=quotes):
            out = [opening("")]
            for quote in quotes:
                who = (
                    f'<span class="who">{esc(quote.speaker)}</span>'
                    if quote.speaker
                    else "unattributed"
                )
                if quote.role:
                    who += f", {esc(quote.role)}"
                ref = refs([quote.source]) if quote.source else ""
                out.append(
                    f"<blockquote><p>“{esc(quote.text)}”</p>"
                    f"<footer>— {who}{ref}</footer></blockquote>"
                )
            return [*out, "</section>"]
        case EntitiesSection(groups=groups):
            out = [opening("<dl>")]
            for group in groups:
                names = []
                for entity in group.names:
                    also = (
                        f"also {', '.join(esc(a) for a in entity.aliases)}; "
                        if entity.aliases
                        else ""
                    )
                    names.append(f"<strong>{esc(entity.name)}</strong> ({also}{entity.counts})")
                out.append(f"<dt>{esc(group.heading)}</dt><dd>{', '.join(names)}</dd>")
            return [*out, "</dl></section>"]
        case TimelineSection(events=events):
            out = [opening('<ol class="timeline">')]
            for event in events:
                planned = ' <span class="planned">planned</span>' if event.planned else ""
                out.append(
                    f'<li><time datetime="{esc(event.date)}"><strong>{esc(event.shown_date)}'
                    f"</strong></time>{planned}: {esc(event.text)} — {named(event.sources)}</li>"
                )
            return [*out, "</ol></section>"]
        case CoverageSection():
            return [opening(""), *_coverage_lines(section), "</section>"]
        case SourcesSection(sources=sources):
            out = [opening('<ol class="sources">')]
            out += [_source_item(source, prefix) for source in sources]
            return [*out, "</ol></section>"]
        case _:
            assert_never(section)


def _coverage_lines(section: CoverageSection) -> list[str]:
    head = "".join(f"<th>{esc(column)}</th>" for column in section.columns)
    out = [f"<p>{esc(section.independence)}</p>"] if section.independence else []
    out.append(f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>')
    for row in section.rows:
        shown = esc(row.name)
        if not row.outlet_known:
            shown += ' <span class="unknown">(outlet unknown)</span>'
        out.append(
            f"<tr><td>{shown}</td><td>{_value(row.type)}</td>"
            f"<td>{_value(row.country)}</td><td>{_value(row.owner)}</td>"
            f"<td>{_value(row.ratings)}</td><td>{row.articles}</td>"
            f"<td>{esc(row.wire_credits)}</td><td>{esc(row.facts_from)}</td></tr>"
        )
    out.append("</tbody></table></div>")
    if section.counts:
        out.append("<ul>")
        out += [
            f"<li><strong>By {esc(by.dimension)}:</strong> "
            + "; ".join(f"{_value(value)}: {counts}" for value, counts in by.groups)
            + "</li>"
            for by in section.counts
        ]
        out.append("</ul>")
    if section.blindspots:
        out.append(
            "<p><strong>Blind spot:</strong> no article from outlets rated on the "
            + " or the ".join(esc(b) for b in section.blindspots)
            + ".</p>"
        )
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
            f'<li><a href="#{story_anchor(item)}">{esc(item.brief.headline) or NO_HEADLINE}</a>'
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
