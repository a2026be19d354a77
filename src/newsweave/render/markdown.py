"""A brief as Markdown: numbered citations, key points, claims, quotes, timeline, coverage.

Article text is untrusted: ``<`` becomes ``&lt;`` so a Markdown viewer shows markup
from an article as text instead of running it, and ``|`` is escaped in tables.
Each citation ``[3]`` is a link to source 3 in the list of sources (numbered as on
the story page) with its own anchor, which the source's entry links back to; the
anchors are small inline HTML elements, prefixed per story in documents of several.
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


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _ref(ref: Ref, prefix: str) -> str:
    """``[3]`` linking to source 3, with the anchor its entry links back to."""
    return f'<a id="{prefix}{ref.anchor}" href="#{prefix}src-{ref.number}">[{ref.number}]</a>'


def _refs(refs: Iterable[Ref], prefix: str) -> str:
    return "".join(_ref(r, prefix) for r in refs)


def _named_refs(refs: Sequence[Ref], prefix: str) -> str:
    """``Outlet A [3], Outlet B [4]``: who says it, with the numbers to look it up."""
    return ", ".join(f"{_md(r.short)} {_ref(r, prefix)}" for r in refs)


def _backlinks(source: SourceEntry, prefix: str) -> str:
    """``↩`` to the one place citing the source, or ``↩ a b c`` to each of them."""
    if not source.backlinks:
        return ""
    if len(source.backlinks) == 1:
        return f" [↩](#{prefix}{source.backlinks[0]})"
    shown = source.backlinks[: len(_LETTERS)]
    links = " ".join(f"[{_LETTERS[n]}](#{prefix}{b})" for n, b in enumerate(shown))
    more = len(source.backlinks) - len(shown)
    return f" ↩ {links}" + (f" and {more} more" if more else "")


def _source_lines(source: SourceEntry, prefix: str) -> list[str]:
    name = f"**{_md(source.name)}**"
    if not source.outlet_known:
        name += " (outlet unknown)"
    if source.title:
        name += f" — *{_md(source.title)}*"
    if source.published:
        name += f", {source.published}"
    if source.url:
        name += f" <{source.url.replace('>', '%3E').replace(' ', '%20')}>"
    head = f'{source.number}. <a id="{prefix}src-{source.number}"></a>{name}'
    return [
        head + _backlinks(source, prefix),
        # The sentences as written (many open or close a quotation of their own).
        *(f"   - {_md(text)}" for text in source.sentences),
    ]


def brief_section_markdown(item: StoryBrief, *, level: int = 1, anchor: str = "") -> str:
    """The Markdown of one brief, its title at heading ``level`` (sections one below).

    ``anchor`` prefixes the ``id`` of the story heading, for documents holding several.
    """
    laid_out = brief_sections(item)
    prefix = f"{anchor}-" if anchor else ""
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
        out += _section_lines(section, prefix)
    return "\n".join(out) + "\n"


def _section_lines(section: Section, prefix: str) -> list[str]:
    """The lines of one section under its heading; ``prefix`` starts every anchor."""

    def refs(found: Sequence[Ref]) -> str:
        return _refs(found, prefix)

    def named(found: Sequence[Ref]) -> str:
        return _named_refs(found, prefix)

    match section:
        case SummarySection(sentences=sentences, note=note):
            if not sentences:
                return [NO_SUMMARY]
            out = [" ".join(f"{_md(s.text)} {refs(s.sources)}".strip() for s in sentences)]
            return [*out, "", f"*{note}*"] if note else out
        case AbstractSection(sentences=sentences):
            out = [f"*{ABSTRACT_NOTE}*", ""]
            for written in sentences:
                text = f"{_md(written.text)} {refs(written.sources)}".strip()
                flag = "" if written.supported else f"⚠ **{UNSUPPORTED_LABEL}:** "
                out.append(f"- {flag}{text} — *{written.status}*")
            return out
        case KeyPointsSection(points=points):
            out = []
            for number, point in enumerate(points, 1):
                out.append(f"{number}. **{_md(point.text)}** — {point.reported}")
                out += [
                    f"   - {_md(s.source.short)}{' (partly)' if s.partial else ''}:"
                    f" {_md(s.quote)} {refs([s.source])}"
                    for s in point.support
                ]
            return out
        case SingleSourceSection(claims=claims):
            return [f"- {_md(c.text)} — only {named(c.sources)}" for c in claims]
        case DisagreementsSection(disputes=disputes):
            out = []
            for dispute in disputes:
                out.append(f"- **{_md(dispute.topic)}**")
                out += [f"  - “{_md(v.text)}” — {named(v.sources)}" for v in dispute.versions]
            return out
        case QuotesSection(quotes=quotes):
            out = []
            for quote in quotes:
                who = f"**{_md(quote.speaker)}**" if quote.speaker else "unattributed"
                if quote.role:
                    who += f", {_md(quote.role)}"
                ref = f" {refs([quote.source])}" if quote.source else ""
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
                f"— {named(e.sources)}"
                for e in events
            ]
        case CoverageSection():
            return _coverage_lines(section)
        case SourcesSection(sources=sources):
            return [line for source in sources for line in _source_lines(source, prefix)]
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
