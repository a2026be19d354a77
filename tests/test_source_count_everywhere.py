"""One count of independent sources everywhere a story is shown (issue 17, item 2).

A stored story whose articles include two desks of one site (named apart, on one
domain), a site's article with no outlet named, and a wire text with its reprint
gives the same number of independent sources in the story list, the ``show``
header, the brief's coverage and every key point's "N of M", the export, the
API and the web page.  The articles are invented for this test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.webapp import app_client, ingest_paths
from typer.testing import CliRunner

from newsweave.cli import app

runner = CliRunner()

_FACTS = (
    "The old iron bridge over the Harrow River in Eastmoor collapsed on Tuesday morning, "
    "sending two delivery vans into the water."
)
_WIRE = (
    "EASTMOOR (Reuters) - A nineteenth-century river crossing gave way under morning traffic "
    "in Eastmoor on Tuesday, and rescuers in boats reached two van drivers within minutes. "
    "Both men were treated at Eastmoor General Hospital for cuts and bruises, a hospital "
    "spokesman told reporters outside the building. Mayor Linda Oakes told a news conference "
    "the structure had been due for repairs next spring. About nine thousand vehicles a day "
    "used the crossing, according to figures from the county roads office."
)

# (id, outlet, url, text): the Planet's news and online desks (one site), a site with
# no outlet named, and a wire text carried by two papers.
ARTICLES: tuple[tuple[str, str | None, str, str], ...] = (
    (
        "planet-news",
        "Daily Planet News",
        "https://www.dailyplanet.example/news/eastmoor-bridge",
        f"{_FACTS} Rescue crews pulled both drivers from the Harrow River. Mayor Linda Oakes "
        "said engineers would inspect every river crossing in Eastmoor this week. Residents "
        "said the bridge had shaken for months whenever lorries crossed it.",
    ),
    (
        "planet-online",
        "Daily Planet Online",
        "https://dailyplanet.example/live/eastmoor-bridge-collapse",
        "Two delivery vans fell into the Harrow River when the old iron bridge in Eastmoor "
        "collapsed on Tuesday morning. Mayor Linda Oakes said engineers would inspect every "
        "river crossing in Eastmoor this week. Traffic between the town centre and the "
        "northern estates was sent through the ring road.",
    ),
    (
        "valley-site",
        None,
        "https://valleyvoice.example/2024/eastmoor-bridge",
        "The old iron bridge over the Harrow River in Eastmoor gave way on Tuesday morning "
        "and two delivery vans dropped into the water. Both drivers were rescued and taken "
        "to Eastmoor General Hospital. Mayor Linda Oakes said engineers would inspect every "
        "river crossing in Eastmoor this week.",
    ),
    ("coast-wire", "Coast Times", "https://coasttimes.example/world/eastmoor-bridge", _WIRE),
    ("metro-wire", "Metro Herald", "https://metroherald.example/eastmoor-bridge", _WIRE),
)
EXPECTED = 3  # the Planet's two desks, the Valley site, and the wire text with its reprint


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A SQLite database holding the articles, and the id of their one story."""
    folder = tmp_path_factory.mktemp("sources")
    source = folder / "articles.jsonl"
    lines = [
        json.dumps(
            {
                "id": article_id,
                "url": url,
                **({"source": outlet} if outlet else {}),
                "title": "Eastmoor bridge collapses into the Harrow River",
                "text": text,
                "published": f"2024-03-0{5 + number // 3}T0{number}:00:00Z",
            }
        )
        for number, (article_id, outlet, url, text) in enumerate(ARTICLES)
    ]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    db = str(folder / "news.db")
    ingest_paths(db, [str(source)])
    stories = [json.loads(line) for line in _invoke("--db", db, "stories", "--json").splitlines()]
    assert len(stories) == 1, stories
    assert len(stories[0]["article_ids"]) == len(ARTICLES)
    return db, str(stories[0]["id"])


def _brief_counts(brief: dict[str, Any]) -> set[int]:
    counts = {int(brief["coverage"]["independent_sources"])}
    counts |= {int(p["total_sources"]) for p in brief["key_points"]}
    return counts


def test_the_story_list_counts_desks_of_one_site_and_a_wire_reprint_once(
    stored: tuple[str, str],
) -> None:
    db, _story = stored
    (line,) = _invoke("--db", db, "stories", "--json").splitlines()
    assert json.loads(line)["independent_sources"] == EXPECTED
    table = _invoke("--db", db, "stories")
    assert re.search(rf"\b5\s+{EXPECTED}\s", table), table


def test_show_header_coverage_and_key_points_give_the_same_count(stored: tuple[str, str]) -> None:
    db, story = stored
    data = json.loads(_invoke("--db", db, "show", story, "--format", "json"))
    assert data["independent_sources"] == EXPECTED
    assert data["key_points"], "the shared facts make at least one key point"
    assert _brief_counts(data) == {EXPECTED}
    text = _invoke("--db", db, "show", story)
    assert f"5 articles, {EXPECTED} independent sources" in text
    assert f"{EXPECTED} independent sources (copies of one text count once)" in text
    counts = {int(m) for m in re.findall(r"reported by \d+ of (\d+) independent", text)}
    assert counts == {EXPECTED}


def test_export_counts_the_same(stored: tuple[str, str], tmp_path: Path) -> None:
    db, _story = stored
    target = tmp_path / "briefs.json"
    _invoke("--db", db, "export", "--format", "json", "--out", str(target))
    exported = json.loads(target.read_text("utf-8"))
    (brief,) = exported if isinstance(exported, list) else exported["stories"]
    assert _brief_counts(brief) == {EXPECTED}


def test_the_api_and_the_web_page_count_the_same(stored: tuple[str, str]) -> None:
    db, story = stored
    with app_client(db) as client:
        (listed,) = client.get("/api/v1/stories").json()["stories"]
        assert listed["independent_sources"] == EXPECTED
        body = client.get(f"/api/v1/stories/{story}").json()
        assert _brief_counts(body["brief"]) == {EXPECTED}
        page = client.get(f"/stories/{story}.json").json()
        assert page["story"]["independent_sources"] == EXPECTED
        html = client.get(f"/stories/{story}").text
        assert f"<strong>{EXPECTED}</strong> independent sources" in html
        shown = {int(m) for m in re.findall(r"Reported by \d+ of (\d+) independent", html)}
        assert shown == {EXPECTED}
