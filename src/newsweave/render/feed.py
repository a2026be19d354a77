"""Stories as an RSS 2.0 feed, for feed readers.

Built with :mod:`xml.etree.ElementTree`, so every value (article text is
untrusted) is escaped by the serialiser; characters XML 1.0 cannot carry (NUL,
ESC and the other C0 controls but tab and newlines, lone surrogates, U+FFFE,
U+FFFF) are removed first, so any input gives a valid feed.  ``description``
is HTML (RSS 2.0) and ``title`` is read as HTML by many readers: their text is
HTML-escaped (``title``: ``<`` and ``>`` only) before the serialiser escapes it
for XML, so ``<script>`` in an article reaches the reader as text, never markup.

:func:`render_items_rss` writes any items (the server's feeds of top stories, a
storyline, a search, an outlet); :func:`render_feed_rss` the briefs of stories.
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
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from newsweave.render.present import NO_HEADLINE, StoryBrief, counted

__all__ = ["FeedItem", "render_feed_rss", "render_items_rss"]


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


def _aware(value: datetime) -> datetime:
    # Naive times are stored as UTC (see the store); RSS wants an explicit zone.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _rfc822(value: datetime) -> str:
    return format_datetime(_aware(value))


def _description(item: StoryBrief) -> str:
    text = " ".join(" ".join(s.text.split()) for s in item.brief.summary)
    story = item.story
    if story is not None:
        text += (
            f" ({counted(len(story.article_ids), 'article')}, "
            f"{counted(story.independent_sources, 'independent source')})"
        )
    return text.strip()


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One ``<item>``: plain text fields (escaped here), the link given whole or as
    a path under the feed's base URL."""

    title: str
    guid: str
    description: str = ""
    link: str | None = None
    published: datetime | None = None


def render_items_rss(
    items: Sequence[FeedItem],
    *,
    title: str,
    description: str,
    link: str | None = None,
) -> str:
    """An RSS 2.0 document of ``items`` (in the order given); see the module docstring."""
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = _title_text(title)
    if link:
        ET.SubElement(channel, "link").text = _xml_text(link)
    ET.SubElement(channel, "description").text = _html_text(description)
    ET.SubElement(channel, "generator").text = "newsweave"
    latest = [i.published for i in items if i.published]
    if latest:
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(max(map(_aware, latest)))
    for item in items:
        entry = ET.SubElement(channel, "item")
        ET.SubElement(entry, "title").text = _title_text(item.title)
        if item.link:
            ET.SubElement(entry, "link").text = _xml_text(item.link)
        ET.SubElement(entry, "description").text = _html_text(item.description)
        ET.SubElement(entry, "guid", isPermaLink="false").text = _xml_text(item.guid)
        if item.published:
            ET.SubElement(entry, "pubDate").text = _rfc822(item.published)
    ET.indent(rss)
    return ET.tostring(rss, encoding="unicode", xml_declaration=True) + "\n"


def render_feed_rss(
    items: Sequence[StoryBrief],
    *,
    title: str = "newsweave stories",
    description: str = "Stories and their cited summaries",
    base_url: str | None = None,
) -> str:
    """An RSS 2.0 document of ``items`` (in the order given)."""
    return render_items_rss(
        [
            FeedItem(
                title=item.brief.headline or NO_HEADLINE,
                guid=item.brief.story_id,
                description=_description(item),
                link=_xml_text(base_url) + _xml_text(item.brief.story_id) if base_url else None,
                published=item.story.last_seen if item.story else None,
            )
            for item in items
        ],
        title=title,
        description=description,
        link=base_url,
    )
