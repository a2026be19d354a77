"""A brief as Markdown: numbered citations, key points, claims, quotes, timeline, coverage.

Article text is untrusted: ``<`` becomes ``&lt;`` so a Markdown viewer shows markup
from an article as text instead of running it, and ``|`` is escaped in tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import assert_never

from newsweave.models import Brief
from newsweave.render.present import (
    ABSTRACT_NOTE,
    NO_HEADLINE,
    UNSUPPORTED_LABEL,
    NumberedSource,
    StoryBrief,
    quoted,
    story_anchor,
    story_facts,
)
from newsweave.render.sections import (
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
    brief_sections,
)

__all__ = [
    "brief_section_markdown",
    "markdown_text",
    "render_brief_markdown",
    "render_briefs_markdown",
]

# Markdown punctuation that starts markup inside a line: emphasis, code spans,
# links and images, autolinks and raw HTML, entities, tables, strikethrough.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]!|~#])")


def _md(text: str) -> str:
    """One line of untrusted text, safe to put in Markdown."""
    return " ".join(text.split()).replace("<", "&lt;")


def markdown_text(text: str) -> str:
    """Untrusted ``text`` (one line) as Markdown that renders as exactly that text.

    Raw HTML and entities are escaped (``<`` ``>`` ``&``) and the punctuation that
    makes emphasis, code, links, images and tables is backslash-escaped, so no
    article can put a live link, an image or markup into a report.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|") or "—"


def _refs(sources: Iterable[NumberedSource]) -> str:
    return "".join(f"[{s.number}]" for s in sources)


def _named_refs(sources: Sequence[NumberedSource]) -> str:
    """``Outlet A [3], Outlet B [4]``: who says it, with the numbers to look it up."""
    return ", ".join(f"{_md(s.short)} [{s.number}]" for s in sources)


def _source_line(source: SourceEntry) -> str:
    name = f"**{_md(source.name)}**"
    if not source.outlet_known:
        name += " (outlet unknown)"
    if source.title:
        name += f" — *{_md(source.title)}*"
    if source.url:
        name += f" <{source.url.replace('>', '%3E').replace(' ', '%20')}>"
    return f"{source.number}. {name}: {_md(quoted(source.text))}"


def brief_section_markdown(item: StoryBrief, *, level: int = 1, anchor: str = "") -> str:
    """The Markdown of one brief, its title at heading ``level`` (sections one below).

    ``anchor`` prefixes the ``id`` of the story heading, for documents holding several.
    """
    laid_out = brief_sections(item)
    out: list[str] = []
    if anchor:
        out.append(f'<a id="{anchor}"></a>')
    out += [f"{'#' * level} {_md(laid_out.headline) or NO_HEADLINE}", ""]
    if laid_out.facts:
        out += [f"*Story {_md(laid_out.story_id)}: {laid_out.facts}.*", ""]
    for number, section in enumerate(laid_out.sections):
        if number:
            out.append("")
        out += [f"{'#' * (level + 1)} {section.heading}", ""]
        out += _section_lines(section)
    return "\n".join(out) + "\n"


def _section_lines(section: Section) -> list[str]:
    """The lines of one section under its heading."""
    match section:
        case SummarySection(sentences=sentences):
            if not sentences:
                return [NO_SUMMARY]
            return [" ".join(f"{_md(s.text)} {_refs(s.sources)}".strip() for s in sentences)]
        case AbstractSection(sentences=sentences):
            out = [f"*{ABSTRACT_NOTE}*", ""]
            for written in sentences:
                text = f"{_md(written.text)} {_refs(written.sources)}".strip()
                flag = "" if written.supported else f"⚠ **{UNSUPPORTED_LABEL}:** "
                out.append(f"- {flag}{text} — *{written.status}*")
            return out
        case KeyPointsSection(points=points):
            out = []
            for number, point in enumerate(points, 1):
                out.append(f"{number}. **{_md(point.text)}** — {point.reported}")
                out += [
                    f"   - {_md(s.source.short)}{' (partly)' if s.partial else ''}:"
                    f" {_md(s.quote)} [{s.source.number}]"
                    for s in point.support
                ]
            return out
        case SingleSourceSection(claims=claims):
            return [f"- {_md(c.text)} — only {_named_refs(c.sources)}" for c in claims]
        case DisagreementsSection(disputes=disputes):
            out = []
            for dispute in disputes:
                out.append(f"- **{_md(dispute.topic)}**")
                out += [f"  - “{_md(v.text)}” — {_named_refs(v.sources)}" for v in dispute.versions]
            return out
        case QuotesSection(quotes=quotes):
            out = []
            for quote in quotes:
                who = f"**{_md(quote.speaker)}**" if quote.speaker else "unattributed"
                if quote.role:
                    who += f", {_md(quote.role)}"
                ref = f" [{quote.source.number}]" if quote.source else ""
                out.append(f"- “{_md(quote.text)}” — {who}{ref}")
            return out
        case EntitiesSection(groups=groups):
            out = []
            for group in groups:
                names = []
                for entity in group.names:
                    also = (
                        f"also “{'”, “'.join(_md(a) for a in entity.aliases)}”; "
                        if entity.aliases
                        else ""
                    )
                    names.append(f"{_md(entity.name)} ({also}{entity.counts})")
                out.append(f"- **{group.heading}:** " + ", ".join(names))
            return out
        case TimelineSection(events=events):
            return [
                f"- **{_md(e.shown_date)}**{' (planned)' if e.planned else ''}: {_md(e.text)} "
                f"— {_named_refs(e.sources)}"
                for e in events
            ]
        case CoverageSection():
            return _coverage_lines(section)
        case SourcesSection(sources=sources):
            return [_source_line(source) for source in sources]
        case _:
            assert_never(section)


def _coverage_lines(section: CoverageSection) -> list[str]:
    out = [section.independence, ""] if section.independence else []
    out += [
        "| " + " | ".join(section.columns) + " |",
        "|" + "---|" * len(section.columns),
    ]
    for row in section.rows:
        cells = (
            row.name if row.outlet_known else f"{row.name} (outlet unknown)",
            row.type,
            row.country,
            row.owner,
            row.ratings,
            str(row.articles),
            row.wire_credits,
            row.facts_from,
        )
        out.append("| " + " | ".join(_cell(value) for value in cells) + " |")
    if section.counts:
        out.append("")
        out += [
            f"- **By {by.dimension}:** "
            + "; ".join(f"{_md(value)}: {counts}" for value, counts in by.groups)
            for by in section.counts
        ]
    if section.blindspots:
        out += [
            "",
            "**Blind spot:** no article from outlets rated on the "
            + " or the ".join(_md(b) for b in section.blindspots)
            + ".",
        ]
    return out


def render_brief_markdown(brief: Brief | StoryBrief) -> str:
    """A standalone Markdown brief (a :class:`StoryBrief`, or a bare ``Brief``)."""
    return brief_section_markdown(_as_item(brief), level=1)


def render_briefs_markdown(items: Sequence[StoryBrief], *, title: str) -> str:
    """One Markdown document of several briefs, with a table of contents."""
    out = [f"# {_md(title)}", "", f"{len(items)} stor{'y' if len(items) == 1 else 'ies'}.", ""]
    if items:
        out += ["## Contents", ""]
        for number, item in enumerate(items, 1):
            facts = f" — {story_facts(item)}" if item.story else ""
            anchor = story_anchor(item)
            out.append(f"{number}. [{_md(item.brief.headline) or NO_HEADLINE}](#{anchor}){facts}")
        out.append("")
    for item in items:
        out.append(brief_section_markdown(item, level=2, anchor=story_anchor(item)))
    return "\n".join(out).rstrip("\n") + "\n"


def _as_item(brief: Brief | StoryBrief) -> StoryBrief:
    return brief if isinstance(brief, StoryBrief) else StoryBrief(brief=brief)
