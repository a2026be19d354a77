"""Where an article's date came from (``Article.date_source``): the container, the
page's metadata or its text; kept through extraction, the JSON output and the store."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.extract import extract_article
from newsweave.models import RawDocument, date_source_of, metadata_date

BODY = (
    "The Harlow county council voted on Tuesday to close the old ferry pier after an "
    "inspection found its pilings rotten. Councillor Dana Whitby said repairs would cost "
    "more than a new pier. The ferry will dock at the freight quay until spring."
)
META_PAGE = f"""<html lang="en"><head><title>Council closes ferry pier</title>
<meta property="article:published_time" content="2021-04-06T08:00:00+00:00">
</head><body><article><h1>Council closes ferry pier</h1><p>{BODY}</p>
<p>Ferry passengers were told of the change by text message on Tuesday morning.</p>
</article></body></html>"""
TEXT_PAGE = f"""<html lang="en"><head><title>Council closes ferry pier</title></head>
<body><article><h1>Council closes ferry pier</h1><p>Posted on April 6, 2021</p>
<p>{BODY}</p><p>Ferry passengers were told of the change by text message on Tuesday.</p>
</article></body></html>"""
TEXT_DUMP = f"Council closes ferry pier\nApril 6, 2021\n\n{BODY}\n"


def test_a_container_date_wins_and_says_so() -> None:
    doc = RawDocument(
        origin="in.jsonl:1",
        content_type="text/html",
        content=TEXT_PAGE,
        published=datetime(2021, 4, 7, tzinfo=UTC),
    )
    article = extract_article(doc)
    assert (article.published, article.date_source) == (datetime(2021, 4, 7, tzinfo=UTC), "input")


def test_a_page_declared_date_is_page_metadata() -> None:
    article = extract_article(RawDocument(origin="p", content_type="text/html", content=META_PAGE))
    assert article.published == datetime(2021, 4, 6, 8, tzinfo=UTC)
    assert article.date_source == "page"


def test_a_date_found_in_the_words_is_a_text_date() -> None:
    html = extract_article(RawDocument(origin="p", content_type="text/html", content=TEXT_PAGE))
    assert html.published is not None
    assert html.published.date() == datetime(2021, 4, 6).date()
    assert html.date_source == "text"
    dump = extract_article(RawDocument(origin="t", content_type="text/plain", content=TEXT_DUMP))
    assert dump.published is not None
    assert dump.date_source == "text"


def test_an_undated_article_has_no_date_source() -> None:
    article = extract_article(RawDocument(origin="t", content_type="text/plain", content=BODY))
    assert (article.published, article.date_source) == (None, None)


def test_only_metadata_dates_count_as_metadata() -> None:
    day = datetime(2021, 4, 6)
    assert metadata_date(day, "input") == day
    assert metadata_date(day, "page") == day
    assert metadata_date(day, "text") is None
    assert metadata_date(day, None) is None
    assert date_source_of("page") == "page"
    assert date_source_of("feed") is None
    assert date_source_of(None) is None


def test_extract_json_shows_the_date_source(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "title": "Pier", "text": BODY, "published": "2021-04-06"},
        {"id": "b", "title": "Pier", "text": BODY + " More."},
    ]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["extract", str(source), "--out-dir", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    found = {p.name: json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}
    assert sorted((row["title"], str(row["date_source"])) for row in found.values()) == [
        ("Pier", "None"),
        ("Pier", "input"),
    ]
