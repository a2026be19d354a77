"""Reliability of exports (issue 21): valid for any input, markup escaped for its context.

The RSS feed is parsed back with a strict XML parser and with feedparser; the
demo report's Markdown is checked for any markup an article could smuggle in.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import feedparser
import pytest

from newsweave.models import Article, Brief, InputFailure, Story, SummarySentence
from newsweave.render import render_feed_rss
from newsweave.render.markdown import markdown_text
from newsweave.render.present import story_brief
from newsweave.render.report import render_report_markdown

MARKUP = "<script>alert(1)</script> <img src=x onerror=alert(2)> & <b>bold</b>"
CONTROLS = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff\ud800"


def _feed(headline: str, summary: str) -> str:
    brief = Brief(
        story_id="s1",
        headline=headline,
        summary=(SummarySentence(text=summary, citations=()),),
    )
    story = Story(id="s1", article_ids=("a1",), last_seen=datetime(2024, 6, 20, 9, 30))
    return render_feed_rss([story_brief(brief, story=story)], title=f"Feed {headline}")


@pytest.mark.parametrize("char", list(CONTROLS))
def test_rss_with_control_characters_is_valid_xml(char: str) -> None:
    xml = _feed(f"Storm{char}warning", f"Roads{char}closed.")
    root = ET.fromstring(xml.encode("utf-8"))  # a strict XML 1.0 parser
    title = root.findtext("channel/item/title")
    assert title == "Stormwarning"
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")


def test_rss_markup_in_title_and_description_is_text_for_html_readers() -> None:
    xml = _feed(f"Headline {MARKUP}", f"Summary {MARKUP}.")
    root = ET.fromstring(xml)
    # After XML parsing, a reader that renders HTML gets escaped markup: text.
    for path in ("channel/item/title", "channel/item/description", "channel/title"):
        value = root.findtext(path) or ""
        assert "<script" not in value, path
        assert "<img" not in value, path
        assert "&lt;script&gt;" in value, path
        assert html.unescape(value).count("<script>") == 1, path
    assert "<script" not in xml
    assert "&lt;script" not in xml.replace("&amp;lt;script", ""), "escaped only once"
    description = root.findtext("channel/item/description") or ""
    assert "&amp;" in description  # a bare & is escaped for HTML too


def _hostile_article() -> Article:
    return Article(
        id="x1",
        key="k",
        title="[click](javascript:alert(1)) <script>alert(1)</script>",
        body="Body <img src=x onerror=alert(2)>\n![pixel](http://tracker.test/p.gif)\n`x` *y*",
        origin="in/<b>.txt",
        outlet="<i>Outlet</i>",
        url="javascript:alert(3)",
    )


def test_report_markdown_escapes_article_text() -> None:
    failure = InputFailure(origin="<bad>[x](y)", error="DecodeError", message="<script>")
    text = render_report_markdown([_hostile_article()], [failure], title="Report <b>")
    for live in ("<script", "<img", "<i>", "<b>", "<bad>", "[click](", "![pixel]"):
        assert live not in text, live
    assert re.search(r"(?<!\\)\]\(", text) is None, "an unescaped link target"
    assert "\\[click\\](javascript:alert(1))" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("[x](y)", "\\[x\\](y)"),
        ("![i](u)", "\\!\\[i\\](u)"),
        ("*a* _b_ `c` ~d~ |e| #f \\g", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\|e\\| \\#f \\\\g"),
        ("plain words, 3.5%", "plain words, 3.5%"),
    ],
)
def test_markdown_text_escapes_markup(raw: str, escaped: str) -> None:
    assert markdown_text(raw) == escaped
