"""Stories as an RSS 2.0 feed, for feed readers.

Built with :mod:`xml.etree.ElementTree`, so every value (article text is
untrusted) is escaped by the serialiser; characters XML 1.0 cannot carry (NUL,
ESC and the other C0 controls but tab and newlines, lone surrogates, U+FFFE,
U+FFFF) are removed first, so any input gives a valid feed.  ``description``
is HTML (RSS 2.0) and ``title`` is read as HTML by many readers: their text is
HTML-escaped (``title``: ``<`` and ``>`` only) before the serialiser escapes it
for XML, so ``<script>`` in an article reaches the reader as text, never markup.

One ``<item>`` per story: ``title`` is
the headline, ``description`` the summary sentences, ``guid`` the story id,
``pubDate`` the story's last article (RFC 822), and ``link`` the story's page when
a base URL is given (``http://host/stories/`` + id).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime

from newsweave.render.present import NO_HEADLINE, StoryBrief, counted

__all__ = ["render_feed_rss"]


# Not allowed anywhere in an XML 1.0 document (its Char production).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def _html_text(text: str) -> str:
    """Plain ``text`` for an element feed readers render as HTML (``description``)."""
    return html.escape(_xml_text(text), quote=False)


def _title_text(text: str) -> str:
    """Plain ``text`` for a ``title``: plain text by the RSS spec, HTML to many readers.

    Only ``<`` and ``>`` are escaped, which is enough to keep markup from
    starting; a bare ``&`` (``Q&A``) would show as ``&amp;`` in readers that
    follow the spec, and is harmless text in those that render HTML.
    """
    return _xml_text(text).replace("<", "&lt;").replace(">", "&gt;")


def _rfc822(value: datetime) -> str:
    # Naive times are stored as UTC (see the store); RSS wants an explicit zone.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return format_datetime(aware)


def _description(item: StoryBrief) -> str:
    text = " ".join(" ".join(s.text.split()) for s in item.brief.summary)
    story = item.story
    if story is not None:
        text += (
            f" ({counted(len(story.article_ids), 'article')}, "
            f"{counted(story.independent_sources, 'independent source')})"
        )
    return text.strip()


def render_feed_rss(
    items: Sequence[StoryBrief],
    *,
    title: str = "newsweave stories",
    description: str = "Stories and their cited summaries",
    base_url: str | None = None,
) -> str:
    """An RSS 2.0 document of ``items`` (in the order given)."""
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = _title_text(title)
    if base_url:
        ET.SubElement(channel, "link").text = _xml_text(base_url)
    ET.SubElement(channel, "description").text = _html_text(description)
    ET.SubElement(channel, "generator").text = "newsweave"
    latest = [i.story.last_seen for i in items if i.story and i.story.last_seen]
    if latest:
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(max(latest))
    for item in items:
        entry = ET.SubElement(channel, "item")
        ET.SubElement(entry, "title").text = _title_text(item.brief.headline or NO_HEADLINE)
        story_id = _xml_text(item.brief.story_id)
        if base_url:
            ET.SubElement(entry, "link").text = _xml_text(base_url) + story_id
        ET.SubElement(entry, "description").text = _html_text(_description(item))
        ET.SubElement(entry, "guid", isPermaLink="false").text = story_id
        if item.story and item.story.last_seen:
            ET.SubElement(entry, "pubDate").text = _rfc822(item.story.last_seen)
    ET.indent(rss)
    return ET.tostring(rss, encoding="unicode", xml_declaration=True) + "\n"
