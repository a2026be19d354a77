"""A brief as Markdown: numbered citations, key points, claims, quotes, timeline, coverage.

Article text is untrusted: ``<`` becomes ``&lt;`` so a Markdown viewer shows markup
from an article as text instead of running it, and ``|`` is escaped in tables.
"""

from __future__ import annotations

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

__all__ = ["brief_section_markdown", "render_brief_markdown", "render_briefs_markdown"]


def _md(text: str) -> str:
    """One line of untrusted text, safe to put in Markdown."""
    return " ".join(text.split()).replace("<", "&lt;")


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|") or "—"


def _refs(sources: Iterable[NumberedSource]) -> str:
    return "".join(f"[{s.number}]" for s in sources)


def _named_refs(sources: Sequence[NumberedSource]) -> str:
    """``Outlet A [3], Outlet B [4]``: who says it, with the numbers to look it up."""
    return ", ".join(f"{_md(s.short)} [{s.number}]" for s in sources)


def _source_line(source: NumberedSource) -> str:
    name = f"**{_md(source.name)}**"
    if not source.outlet_known:
        name += " (outlet unknown)"
    title = source.title
    if title and title != source.name:
        name += f" — *{_md(title)}*"
    if source.url and source.url.startswith(("http://", "https://")):
        name += f" <{source.url.replace('>', '%3E').replace(' ', '%20')}>"
    return f"{source.number}. {name}: {_md(quoted(source.citation.text))}"


def brief_section_markdown(item: StoryBrief, *, level: int = 1, anchor: str = "") -> str:
    """The Markdown of one brief, its title at heading ``level`` (sections one below).

    ``anchor`` prefixes the ``id`` of the story heading, for documents holding several.
    """
    brief = item.brief
    top, sub = "#" * level, "#" * (level + 1)
    sources = cited_sources(item)
    numbers = Numbers(sources)

    def refs(citations: Iterable[Citation]) -> str:
        return _refs(numbers.distinct(citations))

    out: list[str] = []
    if anchor:
        out.append(f'<a id="{anchor}"></a>')
    out += [f"{top} {_md(brief.headline) or '(no headline)'}", ""]
    facts = story_facts(item)
    if facts:
        out += [f"*Story {_md(brief.story_id)}: {facts}.*", ""]
    out += [f"{sub} Summary", ""]
    if brief.summary:
        out.append(" ".join(f"{_md(s.text)} {refs(s.citations)}".strip() for s in brief.summary))
    else:
        out.append("No summary: the articles had no usable sentences.")
    if brief.abstract:
        out += ["", f"{sub} {ABSTRACT_HEADING}", "", f"*{ABSTRACT_NOTE}*", ""]
        for written in brief.abstract:
            text = f"{_md(written.text)} {refs(written.citations)}".strip()
            if written.supported:
                out.append(f"- {text} — *{abstract_status(written)}*")
            else:
                out.append(f"- ⚠ **{UNSUPPORTED_LABEL}:** {text} — *{abstract_status(written)}*")
    if brief.key_points:
        out += ["", f"{sub} Key points", ""]
        for number, point in enumerate(brief.key_points, 1):
            out.append(f"{number}. **{_md(point.text)}** — {reported_by(point)}")
            for citation in point.support:
                source = numbers.of(citation)
                out.append(
                    f"   - {_md(source.short)}: {_md(quoted(citation.text))} [{source.number}]"
                )
    if brief.single_source:
        out += ["", f"{sub} Single-source claims", ""]
        for point in brief.single_source:
            named = _named_refs(numbers.distinct(point.support))
            out.append(f"- {_md(point.text)} — only {named}")
    if brief.disagreements:
        out += ["", f"{sub} Disagreements", ""]
        for item_ in brief.disagreements:
            out.append(f"- **{_md(item_.topic)}**")
            for text, citations in item_.versions:
                out.append(f"  - “{_md(text)}” — {_named_refs(numbers.distinct(citations))}")
    if brief.quotes:
        out += ["", f"{sub} Quotes", ""]
        for quote in brief.quotes:
            who = f"**{_md(quote.speaker)}**" if quote.speaker else "unattributed"
            if quote.role:
                who += f", {_md(quote.role)}"
            ref = f" [{numbers.of(quote.source).number}]" if quote.source else ""
            out.append(f"- “{_md(quote.text)}” — {who}{ref}")
    if brief.entities:
        out += ["", f"{sub} People, organisations and places", ""]
        for label, heading in ENTITY_GROUPS:
            names = []
            for entity in brief.entities:
                if entity_group(entity) != label:
                    continue
                mentions = sum(entity.mentions_by_outlet.values())
                outlets = len(entity.mentions_by_outlet)
                also = (
                    f"also “{'”, “'.join(_md(a) for a in entity.aliases)}”; "
                    if entity.aliases
                    else ""
                )
                names.append(
                    f"{_md(entity.name)} ({also}{counted(mentions, 'mention')}"
                    f" in {counted(outlets, 'source')})"
                )
            if names:
                out.append(f"- **{heading}:** " + ", ".join(names))
    if brief.timeline:
        out += ["", f"{sub} Timeline", ""]
        for entry in brief.timeline:
            planned = " (planned)" if entry.planned else ""
            out.append(
                f"- **{_md(display_date(entry.date))}**{planned}: {_md(entry.text)} "
                f"— {_named_refs(numbers.distinct(entry.sources))}"
            )
    out += _coverage_markdown(item, sub)
    if sources:
        out += ["", f"{sub} Sources", ""]
        out += [_source_line(source) for source in sources]
    return "\n".join(out) + "\n"


def _coverage_markdown(item: StoryBrief, sub: str) -> list[str]:
    coverage = item.brief.coverage
    if not coverage.entries:
        return []
    out = [
        "",
        f"{sub} Coverage",
        "",
        "| Outlet | Type | Country | Owner | Bias ratings | Articles | Wire credits | Facts from |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for entry in coverage.entries:
        name, known = coverage_name(entry, item.articles)
        source = entry.source
        out.append(
            "| "
            + " | ".join(
                _cell(value)
                for value in (
                    name if known else f"{name} (outlet unknown)",
                    type_text(entry),
                    source.country or "unknown",
                    source.owner or "unknown",
                    ratings_text(entry),
                    str(len(entry.article_ids)),
                    ", ".join(entry.wire_credits) or "none",
                    entry.provenance or "the articles",
                )
            )
            + " |"
        )
    dimensions: dict[str, list[str]] = {}
    for group in coverage.counts:
        dimensions.setdefault(group.dimension, []).append(
            f"{_md(group.value)}: {counted(group.articles, 'article')}"
            f" from {counted(group.outlets, 'outlet')}"
        )
    if dimensions:
        out.append("")
        out += [f"- **By {dim}:** " + "; ".join(groups) for dim, groups in dimensions.items()]
    if coverage.blindspots:
        out += [
            "",
            "**Blind spots:** no article from outlets rated "
            + ", ".join(_md(b) for b in coverage.blindspots)
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
            out.append(
                f"{number}. [{_md(item.brief.headline) or '(no headline)'}](#{anchor}){facts}"
            )
        out.append("")
    for item in items:
        out.append(brief_section_markdown(item, level=2, anchor=story_anchor(item)))
    return "\n".join(out).rstrip("\n") + "\n"


def _as_item(brief: Brief | StoryBrief) -> StoryBrief:
    return brief if isinstance(brief, StoryBrief) else StoryBrief(brief=brief)
