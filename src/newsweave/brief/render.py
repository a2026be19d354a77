"""A brief as plain text, Markdown or HTML (``newsweave brief``, ``show``, ``export``, ``demo``).

The readable forms number every cited sentence (``[1]``, ``[2]`` …) and end with the
numbered list of sources; see :mod:`newsweave.brief.present`.  Article text is
untrusted: the HTML form escapes every value.
"""

from __future__ import annotations

from newsweave.brief.present import ABSTRACT_HEADING, UNSUPPORTED_LABEL, StoryBrief, story_brief
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
    """The summary sentences only, one line each, cut at ``max_words`` words in all.

    An AI-written summary (``--llm``) follows under its own label, each sentence the
    sources do not back marked as such; ``max_words`` does not cut it.
    """
    texts = [" ".join(s.text.split()) for s in brief.summary]
    if max_words is not None:
        texts = summary_words(texts, max_words)
    if brief.abstract:
        texts += ["", f"{ABSTRACT_HEADING}:"]
        for written in brief.abstract:
            flag = "" if written.supported else f"({UNSUPPORTED_LABEL.upper()}) "
            texts.append(flag + " ".join(written.text.split()))
    return "\n".join(texts)
