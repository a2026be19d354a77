"""``newsweave show`` and ``newsweave export`` on a real database built from the seeds,
plus the readable renderers and the RSS feed on hostile input."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest
from tests.conftest import BACKENDS, SEEDS, target_of
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.models import (
    Article,
    BiasRating,
    Brief,
    Citation,
    Coverage,
    CoverageEntry,
    Disagreement,
    EntityMention,
    KeyPoint,
    Quote,
    Source,
    Story,
    SummarySentence,
    TimelineEntry,
)
from newsweave.pipeline.brief import count_story_briefs, iter_story_briefs
from newsweave.render import render_brief_html, render_brief_markdown, render_feed_rss
from newsweave.render.present import display_date, source_name, story_brief
from newsweave.store import open_store

runner = CliRunner()

Seeded = tuple[str, dict[str, Any]]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """A database of the seeds (one story) and that story's ``stories --json`` line,
    on each back end."""
    db = target_of(request.param, request, tmp_path_factory.mktemp("show") / "news.db")
    code, _out, err = invoke("--db", str(db), "ingest", str(SEEDS))
    assert code == 0, err
    code, out, err = invoke("--db", str(db), "stories", "--json")
    assert code == 0, err
    stories = [json.loads(line) for line in out.splitlines()]
    assert len(stories) == 1
    return db, stories[0]


class _Links(HTMLParser):
    """Collects element ids, local link targets and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.targets: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        href = values.get("href")
        if href and href.startswith("#"):
            self.targets.append(href[1:])


def _links(page: str) -> _Links:
    parser = _Links()
    parser.feed(page)
    return parser


def _section(markdown: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of any level."""
    found = re.search(rf"^#+ {heading}\n(.*?)(?=^#+ |\Z)", markdown, re.M | re.S)
    assert found, f"no {heading!r} section"
    return found.group(1)


def test_show_markdown_numbers_citations_and_names_sources(seeded: Seeded) -> None:
    db, story = seeded
    code, out, err = invoke("--db", str(db), "show", str(story["id"]))
    assert code == 0, err
    summary = _section(out, "Summary")
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", summary)}
    assert len(cited) >= 3
    sources = _section(out, "Sources")
    listed = [int(n) for n in re.findall(r"^(\d+)\. ", sources, re.M)]
    assert listed == list(range(1, len(listed) + 1))
    assert cited <= set(listed)
    # Every number used anywhere is in the list.
    assert {int(n) for n in re.findall(r"\[(\d+)\]", out)} <= set(listed)
    assert re.search(r"reported by \d+ of \d+ independent sources", out)
    # Cited articles are named by outlet, title or file, never by their bare id.
    for article_id in story["article_ids"]:
        assert article_id not in out
    assert "## Coverage" in out
    assert "## Timeline" in out
    assert "## Quotes" in out


def test_show_json_is_the_brief_with_story_numbers(seeded: Seeded) -> None:
    db, story = seeded
    code, out, err = invoke("--db", str(db), "show", str(story["id"]), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert data["story"] == story["id"]
    assert data["articles"] == story["articles"]
    assert data["independent_sources"] == story["independent_sources"]
    assert set(data["article_ids"]) == set(story["article_ids"])
    summary_articles = {c["article"] for s in data["summary"] for c in s["citations"]}
    assert len(summary_articles) >= 3


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_brief_of_a_stored_story_counts_the_header_sources(
    seeded: Seeded, tmp_path: Path, jobs: str
) -> None:
    """The brief of a stored story is given the story's copy groups (issue 17, item 2):
    ``show``, and ``export`` in one process or in workers, count the independent
    sources the story header counts."""
    db, story = seeded
    code, out, err = invoke("--db", str(db), "show", str(story["id"]), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["coverage"]["independent_sources"] == story["independent_sources"]
    target = tmp_path / "briefs.json"
    code, _out, err = invoke(
        "--db", str(db), "export", "--format", "json", "--jobs", jobs, "--out", str(target)
    )
    assert code == 0, err
    exported = json.loads(target.read_text("utf-8"))
    briefs = exported if isinstance(exported, list) else exported["stories"]
    assert [b["coverage"]["independent_sources"] for b in briefs] == [story["independent_sources"]]


def test_show_html_links_every_citation_to_a_source(seeded: Seeded) -> None:
    db, story = seeded
    code, out, err = invoke("--db", str(db), "show", str(story["id"]), "--format", "html")
    assert code == 0, err
    assert out.startswith("<!doctype html>")
    links = _links(out)
    assert {"h1", "h2", "section", "ol"} <= set(links.tags)
    assert "src-1" in links.ids
    assert links.targets
    assert set(links.targets) <= links.ids
    assert 'name="viewport"' in out


def test_show_unknown_story_is_one_line_error(seeded: Seeded) -> None:
    db, _story = seeded
    code, out, err = invoke("--db", str(db), "show", "no-such-story")
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "no-such-story" in err


def test_export_json_and_jsonl(seeded: Seeded, tmp_path: Path) -> None:
    db, story = seeded
    code, out, err = invoke("--db", str(db), "export", "--format", "json")
    assert code == 0, err
    items = json.loads(out)
    assert [i["story"] for i in items] == [story["id"]]
    assert items[0]["summary"]
    assert items[0]["key_points"]
    target = tmp_path / "stories.jsonl"
    code, out, err = invoke("--db", str(db), "export", "--format", "jsonl", "--out", str(target))
    assert code == 0, err
    assert str(target) in out
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["story"] for line in lines] == [story["id"]]
    assert json.loads(lines[0]) == items[0]


def test_export_filters_by_sources_and_limit(seeded: Seeded) -> None:
    db, story = seeded
    too_many = str(int(story["independent_sources"]) + 1)
    code, out, _ = invoke("--db", str(db), "export", "--format", "json", "--min-sources", too_many)
    assert code == 0
    assert json.loads(out) == []
    code, out, _ = invoke("--db", str(db), "export", "--format", "jsonl", "--limit", "1")
    assert code == 0
    assert len(out.splitlines()) == 1


def test_export_markdown_and_html_documents(seeded: Seeded) -> None:
    db, story = seeded
    code, md, err = invoke("--db", str(db), "export", "--format", "md", "--title", "Today")
    assert code == 0, err
    assert md.startswith("# Today")
    assert "## Contents" in md
    assert f"(#story-{story['id']})" in md
    assert re.search(r"\[1\]", _section(md, "Summary"))
    code, page, err = invoke("--db", str(db), "export", "--format", "html")
    assert code == 0, err
    links = _links(page)
    assert f"story-{story['id']}" in links.ids
    assert f"story-{story['id']}-src-1" in links.ids
    assert set(links.targets) <= links.ids


def test_export_rss_parses_as_a_feed(seeded: Seeded) -> None:
    db, story = seeded
    base = "http://news.example/stories/"
    code, out, err = invoke("--db", str(db), "export", "--format", "rss", "--base-url", base)
    assert code == 0, err
    feed = feedparser.parse(out)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    [entry] = feed.entries
    assert entry.id == story["id"]
    assert entry.title == story["headline"]
    assert entry.link == base + str(story["id"])
    assert len(entry.summary.split()) > 20


def test_export_rejects_a_base_url_that_is_not_http(seeded: Seeded) -> None:
    db, _story = seeded
    code, _out, err = invoke(
        "--db", str(db), "export", "--format", "rss", "--base-url", "javascript:alert(1)"
    )
    assert code == 1
    assert "--base-url" in err


# --- renderers on hostile and unusual input -------------------------------------------

EVIL = "<script>alert('x')</script> & <b>bold</b>"


def _evil_brief() -> tuple[Brief, list[Article]]:
    cite = Citation(article_id="a1", sentence_index=0, outlet=None, text=f"Said {EVIL}.")
    other = Citation(article_id="a2", sentence_index=2, outlet=EVIL, text="Other words.")
    point = KeyPoint(text=EVIL, support=(cite, other), independent_sources=2, total_sources=3)
    brief = Brief(
        story_id="s1",
        headline=f"Headline {EVIL}",
        summary=(SummarySentence(text=f"Summary {EVIL}.", citations=(cite, other)),),
        key_points=(point,),
        single_source=(KeyPoint(text=EVIL, support=(other,), independent_sources=1),),
        disagreements=(Disagreement(topic=EVIL, versions=((EVIL, (cite,)), ("three", (other,)))),),
        quotes=(Quote(text=EVIL, speaker=EVIL, article="a1", role=EVIL, citation=cite),),
        entities=(EntityMention(name=EVIL, label="person", mentions_by_outlet={EVIL: 2}),),
        timeline=(TimelineEntry(date="--06-19", text=EVIL, citations=(cite,), planned=True),),
        coverage=Coverage(
            entries=(
                CoverageEntry(
                    source=Source(
                        name=EVIL, owner=EVIL, bias_ratings=(BiasRating(EVIL, EVIL, "article"),)
                    ),
                    article_ids=("a2",),
                ),
            ),
        ),
    )
    articles = [
        Article(id="a1", key="k1", title=f"Title {EVIL}", body="", origin="in/x.txt"),
        Article(
            id="a2", key="k2", title=None, body="", origin="in/y.txt", url="javascript:alert(1)"
        ),
    ]
    return brief, articles


def test_html_escapes_article_text_everywhere() -> None:
    brief, articles = _evil_brief()
    page = render_brief_html(story_brief(brief, articles=articles))
    assert "<script>" not in page
    assert "<b>bold" not in page
    assert "&lt;script&gt;" in page
    assert "javascript:" not in page
    links = _links(page)
    assert "script" not in links.tags
    assert set(links.targets) <= links.ids


def test_markdown_neutralises_markup() -> None:
    brief, articles = _evil_brief()
    text = render_brief_markdown(story_brief(brief, articles=articles))
    assert "<script>" not in text
    assert "&lt;script>" in text
    assert "javascript:" not in text
    assert "19 June, year unknown" in text
    assert "(planned)" in text


def test_rss_escapes_and_round_trips_text() -> None:
    brief, articles = _evil_brief()
    story = Story(
        id="s1",
        article_ids=("a1", "a2"),
        last_seen=datetime(2024, 6, 20, 9, 30),
        independent_sources=2,
    )
    xml = render_feed_rss([story_brief(brief, story=story, articles=articles)])
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    [entry] = feed.entries
    # Escaped for readers that render titles as HTML (issue 21): text once unescaped.
    assert html.unescape(entry.title) == f"Headline {EVIL}"
    assert "<script" not in entry.title
    assert "<script" not in entry.summary
    assert entry.published_parsed[:5] == (2024, 6, 20, 9, 30)
    assert "<script>" not in xml


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("--06-19", "19 June, year unknown"),
        ("--06", "June, year unknown"),
        ("2024", "2024"),
        ("2024-06", "June 2024"),
        ("2024-06-18", "18 June 2024"),
        ("2024-06-18T09:30", "18 June 2024, 09:30"),
        ("2024-W25", "week 25 of 2024"),
        ("2024-13", "2024-13"),
        ("soon", "soon"),
    ],
)
def test_display_date(iso: str, shown: str) -> None:
    assert display_date(iso) == shown


def test_source_name_never_a_bare_id() -> None:
    titled = Article(id="abc123", key="k", title="A title", body="", origin="dir/f.txt")
    untitled = Article(id="def456", key="k2", title=None, body="", origin="dir/g.txt:7")
    articles = {a.id: a for a in (titled, untitled)}
    assert source_name(Citation("abc123", 0, outlet="Outlet"), articles) == ("Outlet", True)
    assert source_name(Citation("abc123", 0), articles) == ("A title", False)
    assert source_name(Citation("def456", 0), articles) == ("g.txt:7", False)
    assert source_name(Citation("zzz999", 0), articles) == ("unknown outlet", False)


def _three_story_db(tmp_path: Path) -> Path:
    """The seeds and two unrelated reports: three stories."""
    db = tmp_path / "news.db"
    extra = tmp_path / "extra.jsonl"
    records = [
        {
            "id": "harbour",
            "source": "Coast Daily",
            "published": "2031-03-02T08:00:00Z",
            "title": "Harbour bridge closed for repairs",
            "text": "The harbour bridge closed on Monday for two weeks of repairs to its cables. "
            "Engineers found worn cables during an inspection in February.",
        },
        {
            "id": "orchard",
            "source": "Valley Post",
            "published": "2031-03-03T09:00:00Z",
            "title": "Late frost damages apple orchards",
            "text": "A late frost on Tuesday night damaged blossom in the valley's apple "
            'orchards, growers said. "We lost half the crop," said grower Ana Ruiz.',
        },
    ]
    extra.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for source in (str(SEEDS), str(extra)):
        code, _out, err = invoke("--db", str(db), "ingest", source)
        assert code == 0, err
    return db


def test_export_keeps_the_recent_first_order_of_stories(tmp_path: Path) -> None:
    db = _three_story_db(tmp_path)
    code, out, _ = invoke("--db", str(db), "stories", "--json")
    listed = [json.loads(line)["id"] for line in out.splitlines()]
    assert len(listed) == 3
    code, out, err = invoke("--db", str(db), "export", "--format", "json")
    assert code == 0, err
    exported = json.loads(out)
    assert [item["story"] for item in exported] == listed
    dated = [item for item in exported if item["last_seen"]]
    assert dated
    code, out, _ = invoke("--db", str(db), "export", "--format", "rss")
    feed = feedparser.parse(out)
    assert not feed.bozo
    assert [entry.id for entry in feed.entries] == listed
    assert any(entry.get("published_parsed") for entry in feed.entries)


def test_export_in_worker_processes_writes_the_same(tmp_path: Path) -> None:
    db = _three_story_db(tmp_path)
    code, one, err = invoke("--db", str(db), "export", "--format", "json")
    assert code == 0, err
    assert len(json.loads(one)) == 3
    code, two, err = invoke("--db", str(db), "export", "--format", "json", "--jobs", "2")
    assert code == 0, err
    assert two == one
    code, md_one, _ = invoke("--db", str(db), "export", "--format", "md", "--limit", "2")
    code, md_two, err = invoke(
        "--db", str(db), "export", "--format", "md", "--limit", "2", "-j", "2"
    )
    assert code == 0, err
    assert md_two == md_one
    code, _out, err = invoke("--db", str(db), "export", "--format", "json", "--jobs", "0")
    assert code != 0


def test_story_briefs_from_workers_stop_when_the_reader_does(tmp_path: Path) -> None:
    db = _three_story_db(tmp_path)
    with open_store(db) as store:
        assert count_story_briefs(store) == 3
        assert count_story_briefs(store, limit=2) == 2
        done: list[int] = []
        briefs = iter_story_briefs(store, jobs=2, progress=done.append)
        first = next(briefs)
        briefs.close()  # the pool shuts down; nothing hangs or leaks
        assert first.brief.story_id == next(iter_story_briefs(store)).brief.story_id
        assert done == [1]
        with pytest.raises(ValueError, match="jobs"):
            next(iter_story_briefs(store, jobs=0))
