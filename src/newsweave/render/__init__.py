"""Display apart from data: briefs as plain text, Markdown, HTML and RSS, and the demo report.

Every form is built from the same brief object, a :class:`StoryBrief` (the brief
with its story and articles).  :mod:`~newsweave.render.present` numbers the cited
sentences and words names and dates for a reader; Markdown
(:mod:`~newsweave.render.markdown`) and HTML (:mod:`~newsweave.render.html`) are
thin formatters over one walk of a brief's sections
(:mod:`~newsweave.render.sections`); :mod:`~newsweave.render.feed` writes RSS and
:mod:`~newsweave.render.report` the demo report.  Article text is untrusted: each
form escapes every value in its own syntax.
"""

from newsweave.render.feed import FeedItem, render_feed_rss, render_items_rss
from newsweave.render.html import (
    BRIEF_CSS,
    brief_section_html,
    render_brief_html,
    render_briefs_html,
)
from newsweave.render.markdown import (
    brief_section_markdown,
    render_brief_markdown,
    render_briefs_markdown,
)
from newsweave.render.plain import render_brief_text
from newsweave.render.present import StoryBrief, story_brief

__all__ = [
    "BRIEF_CSS",
    "FeedItem",
    "StoryBrief",
    "brief_section_html",
    "brief_section_markdown",
    "render_brief_html",
    "render_brief_markdown",
    "render_brief_text",
    "render_briefs_html",
    "render_briefs_markdown",
    "render_feed_rss",
    "render_items_rss",
    "story_brief",
]
