"""The story page's coverage as a reader sees it: blind spots only when they hold,
proportional bars ordered left to right with percentages, outlets named beside citations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.webapp import app_client, ingest_paths
from typer.testing import CliRunner

from newsweave.cli import app as cli_app

REGISTRY = """name,domain,country,type,owner,bias,bias_rater
Paper Alpha,alpha.example,US,publisher,,Left,Rater
Paper Beta,beta.example,US,publisher,,Lean Left,Rater
Paper Gamma,gamma.example,US,publisher,,Center,Rater
"""

BODY = (
    "The city council of Rivertown approved the new bridge plan on Monday after a long debate. "
    "Mayor Ann Smith said the bridge would open in 2026 and cost 40 million dollars. "
    "Critics said the plan ignored traffic on the east side of the river. "
    "The vote was seven to two, council records show."
)


def _articles(outlets: list[str]) -> list[dict[str, str]]:
    return [
        {
            "id": f"bridge-{i}",
            "title": f"Rivertown council approves bridge plan ({outlet})",
            "text": BODY.replace("Monday", "Monday evening" if i % 2 else "Monday"),
            "source": outlet,
            "url": f"https://{outlet.split()[1].lower()}.example/bridge-{i}",
            "published": f"2024-02-0{i + 1}T10:00:00Z",
        }
        for i, outlet in enumerate(outlets)
    ]


def _db(folder: Path, outlets: list[str]) -> Path:
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in _articles(outlets)), encoding="utf-8")
    db = folder / "news.db"
    ingest_paths(db, [str(path)])
    registry = folder / "outlets.csv"
    registry.write_text(REGISTRY, encoding="utf-8")
    done = CliRunner().invoke(cli_app, ["--db", str(db), "sources", "import", str(registry)])
    assert done.exit_code == 0, done.output
    return db


def _story_page(db: Path) -> str:
    with app_client(db) as client:
        stories = client.get("/api/v1/stories").json()["stories"]
        assert len(stories) == 1, stories
        page = client.get(f"/stories/{stories[0]['id']}")
        assert page.status_code == 200
        return page.text


def test_blind_spot_names_the_missing_side_and_bars_are_proportional(tmp_path: Path) -> None:
    page = _story_page(_db(tmp_path, ["Paper Alpha", "Paper Beta", "Paper Gamma", "Paper Delta"]))
    assert "Blind spot:</strong> no coverage from outlets rated on the right." in page
    bias = page[page.index("By bias rating") :]
    bias = bias[: bias.index("</dl>")]
    rows = re.findall(r'<dt>([^<]+)</dt>\s*<dd><span class="bar" style="width: ([^"]+)">', bias)
    assert [value for value, _ in rows] == ["Left", "Lean left", "Center", "Unknown"]
    # Each of the four outlets is a quarter of the coverage: equal bars, with the share shown.
    assert {width for _, width in rows} == {"calc(0.6 * 25%)"}
    assert bias.count('<span class="share">25%</span> · 1 outlet, 1 article') == 4
    types = page[page.index("By outlet type") :]
    assert '<span class="share">75%</span> · 3 outlets' in types[: types.index("</dl>")]


@pytest.mark.parametrize(
    "outlets",
    [
        ["Paper Alpha"],  # one source
        ["Paper Alpha", "Paper Delta", "Paper Epsilon", "Paper Zeta", "Paper Eta"],  # 1 of 5 rated
        ["Paper Alpha", "Paper Beta", "Paper Delta"],  # two rated outlets only
    ],
)
def test_no_blind_spot_without_enough_rated_outlets(tmp_path: Path, outlets: list[str]) -> None:
    page = _story_page(_db(tmp_path, outlets))
    assert "By bias rating" in page
    main = page[page.index("<main") :]  # the site menu links to the blind-spot view
    assert "Blind spot" not in main


def test_citations_name_their_outlet_as_text(tmp_path: Path) -> None:
    page = _story_page(_db(tmp_path, ["Paper Alpha", "Paper Gamma"]))
    chips = re.findall(r'<a class="cite"[^>]*>(.*?)</a>', page)
    assert chips, "the summary cites no source"
    for chip in chips:
        text = re.sub(r"<[^>]+>", "", chip)
        assert re.fullmatch(r"\d+ Paper (Alpha|Gamma)", text), text
