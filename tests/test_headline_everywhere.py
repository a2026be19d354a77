"""One headline per story, the same everywhere (issue 16, item 3): the story list,
``show``, ``export``, the API, the web page and the brief all give the story's
headline, the one the clusterer chose; a brief with no store picks one by the
clusterer's rule."""

from __future__ import annotations

import html
import json
from pathlib import Path

from tests.webapp import SEEDS, app_client
from typer.testing import CliRunner

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.cli import app
from newsweave.cluster import StoryClusterer
from newsweave.cluster.headline import headline_of
from newsweave.models import Article

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _articles() -> list[Article]:
    body = (
        "The harbour authority of Norhaven closed the port on Tuesday after the tanker "
        "Aldora ran aground at the entrance, officials said. Salvage crews from Westby "
        "began pumping fuel from the Aldora's tanks."
    )
    titles = [
        "Why we should all worry about Norhaven's harbour?",
        "Norhaven port closed after tanker Aldora runs aground at entrance",
        "Opinion: the harbour authority failed Norhaven again",
    ]
    return [
        Article(id=f"a{n}", key=f"a{n}", title=title, body=body, outlet=f"Outlet {n}")
        for n, title in enumerate(titles)
    ]


def test_a_stored_story_headline_is_the_brief_headline() -> None:
    articles = _articles()
    given = build_brief("s", articles, options=BriefOptions(headline="Stored headline here"))
    assert given.headline == "Stored headline here"


def test_the_stateless_brief_uses_the_clusterer_rule() -> None:
    articles = _articles()
    chosen = headline_of(articles)
    assert chosen == "Norhaven port closed after tanker Aldora runs aground at entrance"
    assert build_brief("s", articles).headline == chosen
    untitled = [Article(id="u", key="u", title=None, body=articles[0].body)]
    assert headline_of(untitled) is None
    assert build_brief("s", untitled).headline.startswith("The harbour authority")


def test_the_clusterer_and_the_stateless_brief_agree_and_clean_the_title() -> None:
    articles = _articles()
    tailed = articles[1]
    articles[1] = Article(
        id=tailed.id,
        key=tailed.key,
        title=f"{tailed.title} - {tailed.outlet}",
        body=tailed.body,
        outlet=tailed.outlet,
    )
    clusterer = StoryClusterer()
    stories = {clusterer.assign(article) for article in articles}
    assert len(stories) == 1
    clustered = clusterer.story(stories.pop()).headline
    assert clustered == tailed.title
    assert headline_of(articles) == clustered
    assert build_brief("s", articles).headline == clustered


def test_one_headline_in_every_view(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    _run("--db", db, "ingest", str(SEEDS))
    listed = [json.loads(line) for line in _run("--db", db, "stories", "--json").splitlines()]
    assert len(listed) == 1
    story_id, headline = listed[0]["id"], listed[0]["headline"]
    assert headline
    shown = json.loads(_run("--db", db, "show", story_id, "--format", "json"))
    assert shown["headline"] == headline
    exported = json.loads(_run("--db", db, "export", "--format", "json"))
    exported_items = exported["stories"] if isinstance(exported, dict) else exported
    assert [item["headline"] for item in exported_items] == [headline]
    with app_client(db) as client:
        api = client.get(f"/api/v1/stories/{story_id}").json()
        assert api["brief"]["headline"] == headline
        listed_api = client.get("/api/v1/stories").json()["stories"]
        assert [s["headline"] for s in listed_api] == [headline]
        page = client.get(f"/stories/{story_id}").text
        assert html.escape(headline, quote=False) in page or html.escape(headline) in page


def test_one_storyline_in_every_view(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    _run("--db", db, "ingest", str(SEEDS))
    listed = [json.loads(line) for line in _run("--db", db, "stories", "--json").splitlines()]
    story_id, storyline = listed[0]["id"], listed[0]["storyline"]
    assert storyline
    assert storyline.startswith("l")
    shown = json.loads(_run("--db", db, "show", story_id, "--format", "json"))
    assert shown["storyline"] == storyline
    with app_client(db) as client:
        api = client.get(f"/api/v1/stories/{story_id}").json()
        assert api["story"]["storyline"] == storyline
