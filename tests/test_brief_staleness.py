"""Cached briefs go stale when what every brief reads changes, not only their story:
the source registry, an article's re-extracted text, the brief code and options.
On both back ends (conftest.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.webapp import SEEDS, TestClient, ingest_paths, settings_for
from typer.testing import CliRunner

from newsweave.brief.build import BriefOptions
from newsweave.cli import app as cli
from newsweave.models import Source
from newsweave.pipeline.brief import brief_format
from newsweave.store import open_store
from newsweave.store.serving import STALE_BRIEF
from newsweave.web import create_app

REGISTRY = """name,domain,country,type,owner,bias,bias_rater
Times News Global,,SG,publisher,Example Holdings,,
"""


def _story(client: TestClient) -> dict[str, Any]:
    story_id = client.get("/api/v1/stories").json()["stories"][0]["id"]
    return dict(client.get(f"/api/v1/stories/{story_id}").json())


def _outlet(data: dict[str, Any], name: str) -> dict[str, Any]:
    outlets = data["brief"]["coverage"]["outlets"]
    return next(o["source"] for o in outlets if o["source"]["name"] == name)


def test_importing_sources_makes_cached_briefs_stale_and_the_rebuild_uses_them(
    tmp_path: Path, db_target: str
) -> None:
    db = db_target
    ingest_paths(db, [str(SEEDS)])
    app = create_app(settings_for(db), background_briefs=False)
    with TestClient(app) as client:
        first = _story(client)
        assert first["brief_status"] == "fresh"
        assert _outlet(first, "Times News Global")["country"] is None
        registry = tmp_path / "outlets.csv"
        registry.write_text(REGISTRY, encoding="utf-8")
        done = CliRunner().invoke(cli, ["--db", str(db), "sources", "import", str(registry)])
        assert done.exit_code == 0, done.output
        stale = _story(client)
        assert stale["brief_status"] == "stale"
        assert stale["brief"] == first["brief"], "the old brief is shown until rebuilt"
        app.state.briefs.build(first["story"]["id"])
        rebuilt = _story(client)
    assert rebuilt["brief_status"] == "fresh"
    source = _outlet(rebuilt, "Times News Global")
    assert (source["country"], source["owner"]) == ("SG", "Example Holdings")


def test_only_a_changed_registry_makes_briefs_stale(db_target: str) -> None:
    with open_store(db_target) as store:
        entry = Source(name="Daily Example", country="GB")
        store.save_sources([entry])
        store.put_brief("s1", 7, "{}", headline=None, lead=None, text="")
        store.save_sources([entry])  # the same again: nothing changed
        assert store.brief_version("s1") == 7
        store.save_sources([replace(entry, country="IE")])
        assert store.brief_version("s1") == STALE_BRIEF
        store.put_brief("s1", 7, "{}", headline=None, lead=None, text="")
        store.save_sources([Source(name="Wire One")])  # a new outlet may be in a brief
        assert store.brief_version("s1") == STALE_BRIEF


def test_reextracting_an_article_makes_its_story_brief_stale(db_target: str) -> None:
    db = db_target
    ingest_paths(db, [str(SEEDS)])
    with open_store(db) as store:
        story = next(store.iter_stories())
        store.put_brief(story.id, 99, "{}", headline=None, lead=None, text="")
        store.put_brief("elsewhere", 99, "{}", headline=None, lead=None, text="")
        article = store.story_articles(story.id)[0]
        store.replace_article(article.id, replace(article, body=article.body + "\n\nMore."))
        assert store.brief_version(story.id) == STALE_BRIEF
        assert store.brief_version("elsewhere") == 99


def test_a_new_brief_format_makes_cached_briefs_stale_once(db_target: str) -> None:
    db = db_target
    ingest_paths(db, [str(SEEDS)])
    with TestClient(create_app(settings_for(db), background_briefs=False)) as client:
        assert _story(client)["brief_status"] == "fresh"
    # The same code and options again: the cached brief stays fresh.
    with TestClient(create_app(settings_for(db), background_briefs=False)) as client:
        assert _story(client)["brief_status"] == "fresh"
    other = BriefOptions(citation_threshold=0.4)
    assert brief_format(other) != brief_format(None)
    with TestClient(
        create_app(settings_for(db), background_briefs=False, brief_options=other)
    ) as client:
        assert _story(client)["brief_status"] == "stale"
    with open_store(db) as store:
        assert not store.use_brief_format(brief_format(other))
        assert store.use_brief_format(brief_format(None))


def test_a_build_whose_inputs_changed_meanwhile_is_cached_as_stale(db_target: str) -> None:
    with open_store(db_target) as store:
        epoch = store.brief_epoch()
        store.put_brief("s1", 7, "{}", headline=None, lead=None, text="", epoch=epoch)
        assert store.brief_version("s1") == 7
        # A build reads the epoch, then its inputs; a registry import lands before it writes.
        epoch = store.brief_epoch()
        store.save_sources([Source(name="Daily Example", country="GB")])
        assert store.brief_epoch() != epoch
        store.put_brief("s1", 8, "{}", headline=None, lead=None, text="", epoch=epoch)
        assert store.brief_version("s1") == STALE_BRIEF
        store.put_brief("s1", 8, "{}", headline=None, lead=None, text="", epoch=store.brief_epoch())
        assert store.brief_version("s1") == 8


def test_recluster_keeps_the_brief_format_and_outdates_builds_under_way(db_target: str) -> None:
    db = db_target
    ingest_paths(db, [str(SEEDS)])
    with open_store(db) as store:
        assert store.use_brief_format("format one")
        epoch = store.brief_epoch()
    done = CliRunner().invoke(cli, ["--db", str(db), "recluster"])
    assert done.exit_code == 0, done.output
    with open_store(db) as store:
        assert store.load_state("stories") is not None  # the clusterer's state, rebuilt
        assert not store.use_brief_format("format one")
        assert store.brief_epoch() > epoch
