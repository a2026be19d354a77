"""The story page's view model (page-wide citation numbers, sides, own timeline, storyline)
and the chart geometry it uses; and the page the real app serves from it."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.webapp import SEEDS, app_client, ingest_paths
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.render.charts import (
    axis_for,
    chart_date,
    stacked_bar,
    storyline_chart,
    timeline_chart,
    whole_percents,
)
from newsweave.web.storypage import OWN_EVENT_DAYS, story_page


def _cite(article: str, sentence: int, outlet: str | None = None) -> dict[str, Any]:
    return {
        "article": article,
        "sentence": sentence,
        "outlet": outlet,
        "text": f"{article}/{sentence}",
    }


def _article(
    aid: str, outlet: str | None, published: str | None = "2024-03-10T09:00:00"
) -> dict[str, Any]:
    return {
        "id": aid,
        "title": f"Title of {aid}",
        "outlet": outlet,
        "published": published,
        "url": f"https://example.org/{aid}",
        "language": "en",
        "link": None,
        "copies": [],
    }


def _rating(value: str) -> list[dict[str, str]]:
    return [{"value": value, "rater": "R", "provenance": "registry"}]


def _data(**brief: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "headline": "A harbour vote",
        "summary": [],
        "key_points": [],
        "single_source": [],
        "disagreements": [],
        "quotes": [],
        "entities": [],
        "timeline": [],
        "coverage": {"outlets": [], "counts": [], "blindspots": []},
    }
    base.update(brief)
    return {
        "story": {
            "id": "s1",
            "headline": "A harbour vote",
            "articles": 3,
            "first_seen": "2024-03-10T09:00:00",
            "last_seen": "2024-03-12T09:00:00",
        },
        "brief": base,
        "brief_status": "fresh",
        "articles": [_article("a", "Left Daily"), _article("b", "Mid Post"), _article("c", None)],
    }


def test_citations_are_numbered_once_for_the_page_in_reading_order() -> None:
    data = _data(
        summary=[
            {"text": "One.", "citations": [_cite("b", 0), _cite("b", 2)]},
            {"text": "Two.", "citations": [_cite("a", 1), _cite("b", 0)]},
        ],
        key_points=[{"text": "Point.", "support": [_cite("c", 4), _cite("a", 1)]}],
    )
    page = story_page(data)
    brief = page["brief"]
    numbers = [[c["number"] for c in s["chips"]] for s in brief["summary"]]
    # b is met first (1), a second (2); a chip per article, even for two of its sentences.
    assert numbers == [[1], [1, 2]]
    assert [c["number"] for c in brief["key_points"][0]["chips"]] == [2, 3]
    sources = brief["sources"]
    assert [s["article"] for s in sources] == ["b", "a", "c"]
    assert [s["number"] for s in sources] == [1, 2, 3]
    # Each entry names the outlet, title, date and original, lists its cited sentences
    # and links back to every chip that cites it.
    first = sources[0]
    assert (first["outlet"], first["title"], first["url"]) == (
        "Mid Post",
        "Title of b",
        "https://example.org/b",
    )
    assert [s["index"] for s in first["sentences"]] == [0, 2]
    assert first["backlinks"] == ["cite-1-1", "cite-1-2"]
    chips = [c for s in brief["summary"] for c in s["chips"]]
    assert [c["anchor"] for c in chips] == ["cite-1-1", "cite-1-2", "cite-2-1"]
    # Unknown outlet: the article's title stands in.
    assert sources[2]["name"] == "“Title of c”"


def test_a_cut_section_keeps_the_full_brief_numbers() -> None:
    """Numbers are the whole brief's (as in the export): a source cited only in the cut
    part is still listed, with no link back; a later section keeps its numbers."""
    single = [{"text": f"Claim {n}.", "support": [_cite(f"x{n}", 0)]} for n in range(40)]
    quotes = [{"text": "Words.", "speaker": "A", "article": "q", "source": _cite("q", 1)}]
    page = story_page(_data(single_source=single, quotes=quotes))
    brief = page["brief"]
    assert len(brief["single_source"]) == 30
    assert brief["single_source_more"] == 10
    assert [s["number"] for s in brief["sources"]] == list(range(1, 42))
    assert [bool(s["backlinks"]) for s in brief["sources"]] == [True] * 30 + [False] * 10 + [True]
    assert [c["number"] for c in brief["quotes"][0]["chips"]] == [41]


def test_headlines_are_grouped_left_centre_right_with_unrated_apart() -> None:
    coverage = {
        "outlets": [
            {
                "source": {"name": "Left Daily", "bias_ratings": _rating("Lean Left")},
                "articles": ["a"],
            },
            {"source": {"name": "Mid Post", "bias_ratings": _rating("Center")}, "articles": ["b"]},
            {"source": {"name": "unknown", "bias_ratings": []}, "articles": ["c"]},
        ],
        "counts": [],
        "blindspots": [],
    }
    groups = story_page(_data(coverage=coverage))["headlines"]
    assert [g["side"] for g in groups] == ["left", "center", "right", "unrated"]
    assert [[a["id"] for a in g["articles"]] for g in groups] == [["a"], ["b"], [], ["c"]]


def test_an_outlet_rated_on_two_sides_is_not_put_on_either() -> None:
    both = _rating("Left") + _rating("Right")
    coverage = {
        "outlets": [{"source": {"name": "Left Daily", "bias_ratings": both}, "articles": ["a"]}],
        "counts": [],
        "blindspots": [],
    }
    groups = story_page(_data(coverage=coverage))["headlines"]
    unrated = next(g for g in groups if g["side"] == "unrated")
    assert [a["id"] for a in unrated["articles"]] == ["a", "b", "c"]


def _event(when: str, article: str = "a", planned: bool = False) -> dict[str, Any]:
    return {
        "date": when,
        "text": f"Event of {when}.",
        "planned": planned,
        "sources": [_cite(article, 0)],
    }


def test_background_events_are_set_apart_from_the_story_own() -> None:
    # The story's first article is 2024-03-10.
    timeline = [
        _event("2023-06"),  # months before: background
        _event("2024-02-20"),  # weeks before: background
        _event(f"2024-03-{10 - OWN_EVENT_DAYS:02d}"),  # a report days later: its own
        _event("2024-W10"),  # the week of 4-10 March: its own
        _event("2024-03-11"),
        _event("--03-12"),  # no year: cannot tell, kept
        _event("2024-05", planned=True),
    ]
    tl = story_page(_data(timeline=timeline))["brief"]["timeline"]
    assert [t["date"] for t in tl["background"]] == ["2023-06", "2024-02-20"]
    assert [t["date"] for t in tl["own"]] == [
        "2024-03-03",
        "2024-W10",
        "2024-03-11",
        "--03-12",
        "2024-05",
    ]
    # Anchors run over the own events first: the chart links to them.
    assert [t["anchor"] for t in tl["own"]] == ["t-1", "t-2", "t-3", "t-4", "t-5"]
    chart = tl["chart"]
    assert chart is not None
    # On the chart only what is dated to the day: not the week, not the year-less event,
    # not the month ahead.
    assert [d.anchor for d in chart.dots] == ["t-1", "t-3"]
    assert "3 events with no full date" in chart.description


def test_storyline_needs_its_data_and_other_stories() -> None:
    data = _data()
    assert story_page(data)["storyline"] is None  # no storyline in the data: nothing shown
    data["storyline"] = {"id": "l1", "name": "Harbour", "earlier": [], "later": []}
    assert story_page(data)["storyline"] is None
    data["storyline"]["earlier"] = [
        {
            "id": "s0",
            "headline": "Plans",
            "first_seen": "2024-01-02",
            "last_seen": "2024-01-05",
            "articles": 4,
        }
    ]
    data["storyline"]["later"] = [
        {
            "id": "s2",
            "headline": "Works start",
            "first_seen": "2024-05-01",
            "last_seen": None,
            "articles": 1,
        }
    ]
    line = story_page(data)["storyline"]
    assert line["name"] == "Harbour"
    axis, spans, _height = line["chart"]
    by_href = {s.href: s for s in spans}
    assert set(by_href) == {"/stories/s0", "/stories/s1", "/stories/s2"}
    assert spans[-1].href == "/stories/s1", "the current story is drawn last, on top"
    assert [by_href[f"/stories/{sid}"].current for sid in ("s0", "s1", "s2")] == [
        False,
        True,
        False,
    ]
    first, current, last = (by_href[f"/stories/{sid}"] for sid in ("s0", "s1", "s2"))
    assert first.x1 < first.x2 < current.x1 < last.x1
    assert axis.start == date(2024, 1, 2)


def test_a_long_storyline_stays_a_small_chart_and_lists_the_nearest() -> None:
    data = _data()
    earlier = [
        {"id": f"e{n}", "headline": f"E{n}", "first_seen": f"2024-02-{n + 1:02d}", "articles": 1}
        for n in range(28)
    ]
    data["storyline"] = {"id": "l1", "name": "Long", "earlier": earlier, "later": []}
    line = story_page(data)["storyline"]
    assert line["stories"] == 29
    assert [s["id"] for s in line["earlier"]] == ["e23", "e24", "e25", "e26", "e27"]
    assert line["earlier_more"] == 23
    assert line["charted"] == 21, "the 20 nearest earlier stories and this one"
    _axis, spans, height = line["chart"]
    assert len(spans) == 21
    assert len({s.y for s in spans}) <= 6
    assert height < 200


def test_shares_read_equal_for_equal_counts_and_add_up_when_they_can() -> None:
    assert whole_percents([3, 2, 2]) == [43, 29, 29]
    assert whole_percents([3, 1, 1, 0]) == [60, 20, 20, 0]
    assert whole_percents([5, 3, 1]) == [56, 33, 11]
    assert whole_percents([1, 1, 1]) == [33, 33, 33]
    assert whole_percents([1, 2]) == [33, 67]
    assert whole_percents([0, 0]) == [0, 0]
    # Shares of another total (an outlet in two groups): each to the nearest.
    assert whole_percents([2, 1], 4) == [50, 25]
    for counts in ([7, 5, 5, 3], [1, 1, 1, 1, 1, 1, 1], [9, 4, 4, 4, 1], [2, 2, 1]):
        shares = whole_percents(counts)
        for count in set(counts):
            assert len({share for c, share in zip(counts, shares, strict=True) if c == count}) == 1
        assert abs(sum(shares) - 100) <= len(counts) // 2


def test_the_timeline_chart_draws_only_events_dated_to_the_day() -> None:
    """A month or week drawn on its first day would claim a day no source gave."""
    events = [
        ("2024-03", "Sometime in March.", 1, False, "t-1"),
        ("2024-W11", "That week.", 1, False, "t-2"),
        ("2024-03-10T08:00:00", "The vote.", 2, False, "t-3"),
    ]
    chart = timeline_chart(events, ["2024-03-10T09:00:00", "2024-03-12T09:00:00"])
    assert chart is not None
    assert [dot.anchor for dot in chart.dots] == ["t-3"]
    assert chart.axis.start == date(2024, 3, 10)
    assert "1 event dated to the day" in chart.description
    assert "2 events with no full date" in chart.description


def test_chart_geometry() -> None:
    assert chart_date("2024-W01") == date(2024, 1, 1)
    assert chart_date("2024-02", last=True) == date(2024, 2, 29)
    assert chart_date("--05-04") is None
    assert chart_date("May 2024") is None
    axis = axis_for([date(2024, 1, 1), date(2024, 1, 31)])
    assert axis is not None
    assert axis.x(date(2024, 1, 1)) < axis.x(date(2024, 1, 16)) < axis.x(date(2024, 1, 31))
    assert axis.ticks[0][1] == "1 January 2024"
    assert axis.ticks[-1][1] == "31 January 2024"
    bar = stacked_bar([("left", 2), ("center", 0), ("right", 6)])
    assert [(s.value, s.x, s.width, s.share) for s in bar] == [
        ("left", 0.0, 25.0, 25),
        ("right", 25.0, 75.0, 75),
    ]
    assert storyline_chart([("s", "One", "2024-01-01", None, 1, True)]) is None


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("story-page") / "seeds.db"
    ingest_paths(db, [str(SEEDS)])
    return db


def test_the_served_page_links_every_number_to_its_source_and_back(seeds_db: Path) -> None:
    with app_client(seeds_db) as client:
        story_id = client.get("/api/v1/stories").json()["stories"][0]["id"]
        page = client.get(f"/stories/{story_id}").text
    chips = re.findall(r'<a class="cite" id="(cite-(\d+)-\d+)" href="#src-(\d+)"', page)
    assert chips
    for anchor, number, target in chips:
        assert number == target
        assert f'<li id="src-{number}" value="{number}">' in page
        assert f'<a href="#{anchor}"' in page, f"source {number} links back to {anchor}"
    listed = re.findall(r'<li id="src-(\d+)"', page)
    assert listed == [str(n) for n in range(1, len(listed) + 1)]
    assert {n for _, n, _ in chips} == set(listed)
    # The reader's order of sections.
    order = [
        "h-summary",
        "h-points",
        "h-coverage",
        "h-timeline",
        "h-entities",
        "h-sources",
        "h-articles",
    ]
    found = [page.index(f'id="{h}"') for h in order if f'id="{h}"' in page]
    assert found == sorted(found)
    assert len(found) >= 5


def _title_by_number(page: str, *titles: str) -> dict[int, str]:
    """Each numbered source's article title, from the source entries of a page: the first
    of the ``titles`` patterns found in the entry."""
    found: dict[int, str] = {}
    for entry in re.split(r'(?=<li id="(?:[\w-]*-)?src-\d+")', page)[1:]:
        number = int(re.match(r'<li id="(?:[\w-]*-)?src-(\d+)"', entry).group(1))  # type: ignore[union-attr]
        title = next(m.group(1) for t in titles if (m := re.search(t, entry)))
        found[number] = html.unescape(title)
    assert found, "the page lists its sources"
    return found


def test_the_page_and_the_export_number_sources_alike(seeds_db: Path) -> None:
    """The same story numbered the same on its web page and in ``show``/``export``."""
    with app_client(seeds_db) as client:
        story_id = client.get("/api/v1/stories").json()["stories"][0]["id"]
        web = client.get(f"/stories/{story_id}").text
    runner = CliRunner()
    shown = runner.invoke(app, ["--db", str(seeds_db), "show", story_id, "--format", "html"])
    assert shown.exit_code == 0, shown.stderr
    exported = runner.invoke(app, ["--db", str(seeds_db), "export", "--format", "md"])
    assert exported.exit_code == 0, exported.stderr
    # The source lists: the same article under each number.
    web_titles = _title_by_number(web, r'<a href="/articles/[^"]+">([^<]*)</a>')
    show_titles = _title_by_number(
        shown.stdout, r"<cite>([^<]*)</cite>", r'<span class="who">([^<]*)</span>'
    )
    # (An untitled article: the export names its input file, the page says so.)
    titled = {n: t for n, t in web_titles.items() if t != "Untitled article"}
    assert list(web_titles) == list(show_titles)
    assert titled == {n: show_titles[n] for n in titled}
    assert len(titled) >= 3
    md_titles = {
        int(n): (title or name).replace("\\", "")
        for n, name, title in re.findall(
            r'^(\d+)\. <a id="[\w-]*src-\d+"></a>\*\*(.+?)\*\*(?: \(outlet unknown\))?'
            r"(?: — \*(.+?)\*)?",
            exported.stdout,
            re.M,
        )
    }
    assert md_titles == show_titles
    assert len(md_titles) == len(web_titles)
    # Each summary sentence cites the same numbers.
    web_summary = web[
        web.index('id="h-summary"') : web.index("</section>", web.index('id="h-summary"'))
    ]
    web_cites = [
        [int(n) for n in re.findall(r'<a class="cite" id="cite-\d+-\d+" href="#src-(\d+)"', p)]
        for p in re.findall(r"<p[^>]*>(.*?)</p>", web_summary, re.S)
    ]
    show_summary = re.search(r'<section class="summary">.*?</section>', shown.stdout, re.S)
    assert show_summary is not None
    body = re.sub(r"^.*?<p>", "", show_summary.group(0), flags=re.S)
    show_cites = [
        [int(n) for n in re.findall(r'href="#src-(\d+)"', part)]
        for part in re.split(r"(?<=</a>)(?=[^<])", body)
        if "cite" in part
    ]
    assert [n for ns in web_cites for n in ns] == [n for ns in show_cites for n in ns]
    assert web_cites[0], "the lead sentence cites its sources"


def test_a_cached_brief_of_an_older_schema_still_renders(seeds_db: Path) -> None:
    """A brief cached by older code lacks newer key-point fields; shown stale while it is
    rebuilt, it must still render (the template reads such fields as optional)."""
    with app_client(seeds_db) as client:
        story_id = client.get("/api/v1/stories").json()["stories"][0]["id"]
        assert client.get(f"/stories/{story_id}").status_code == 200
    with sqlite3.connect(seeds_db) as conn:
        (text,) = conn.execute("SELECT data FROM briefs WHERE story_id = ?", (story_id,)).fetchone()
        data = json.loads(text)
        points = data["brief"]["key_points"] if "brief" in data else data["key_points"]
        assert points, "the seed story's brief has key points"
        for point in points:
            assert "partial_sources" in point
            del point["partial_sources"]
        conn.execute("UPDATE briefs SET data = ? WHERE story_id = ?", (json.dumps(data), story_id))
    with app_client(seeds_db) as client:
        page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert "independent sources" in page.text
