"""Stories as an RSS 2.0 feed, for feed readers.

Built with :mod:`xml.etree.ElementTree`, so every value (article text is
untrusted) is escaped by the serialiser.  One ``<item>`` per story: ``title`` is
the headline, ``description`` the summary sentences, ``guid`` the story id,
``pubDate`` the story's last article (RFC 822), and ``link`` the story's page when
a base URL is given (``http://host/stories/`` + id).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime

from newsweave.render.present import NO_HEADLINE, StoryBrief, counted

__all__ = ["render_feed_rss"]


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
    ET.SubElement(channel, "title").text = title
    if base_url:
        ET.SubElement(channel, "link").text = base_url
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "generator").text = "newsweave"
    latest = [i.story.last_seen for i in items if i.story and i.story.last_seen]
    if latest:
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(max(latest))
    for item in items:
        entry = ET.SubElement(channel, "item")
        ET.SubElement(entry, "title").text = item.brief.headline or NO_HEADLINE
        story_id = item.brief.story_id
        if base_url:
            ET.SubElement(entry, "link").text = base_url + story_id
        ET.SubElement(entry, "description").text = _description(item)
        ET.SubElement(entry, "guid", isPermaLink="false").text = story_id
        if item.story and item.story.last_seen:
            ET.SubElement(entry, "pubDate").text = _rfc822(item.story.last_seen)
    ET.indent(rss)
    return ET.tostring(rss, encoding="unicode", xml_declaration=True) + "\n"
