"""A brief as plain text, Markdown or HTML (``newsweave brief``, ``show``, ``export``, ``demo``).

The readable forms number every cited sentence (``[1]``, ``[2]`` …) and end with the
numbered list of sources; see :mod:`newsweave.brief.present`.  Article text is
untrusted: the HTML form escapes every value.
"""

from __future__ import annotations

from newsweave.brief.present import StoryBrief, story_brief
from newsweave.brief.render_html import (
    BRIEF_CSS,
    brief_section_html,
    render_brief_html,
    render_briefs_html,
)
from newsweave.brief.render_md import (
    brief_section_markdown,
    render_brief_markdown,
    render_briefs_markdown,
)
from newsweave.brief.summary import summary_words
from newsweave.models import Brief

__all__ = [
    "BRIEF_CSS",
    "StoryBrief",
    "brief_section_html",
    "brief_section_markdown",
    "render_brief_html",
    "render_brief_markdown",
    "render_brief_text",
    "render_briefs_html",
    "render_briefs_markdown",
    "story_brief",
]


def render_brief_text(brief: Brief, *, max_words: int | None = None) -> str:
    """The summary sentences only, one line each, cut at ``max_words`` words in all."""
    texts = [" ".join(s.text.split()) for s in brief.summary]
    if max_words is not None:
        texts = summary_words(texts, max_words)
    return "\n".join(texts)
