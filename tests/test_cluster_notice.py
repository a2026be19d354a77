"""Pages that are no article (a site's notice to its reader) keep a story of their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.cluster import ClusterOptions, StoryClusterer
from newsweave.cluster.notice import is_notice, reader_share
from newsweave.errors import ConfigError
from newsweave.models import Article

# Invented texts: a site speaking to its reader, and short reports.
SETTINGS_PAGE = (
    "Your viewer settings could not be saved. You can change them at any time from "
    "the menu. Please reload the page to continue."
)
SETTINGS_PAGE_2 = (
    "Your viewer settings could not be saved. You can change them at any time from "
    "the menu. Please reload the page and try once more."
)
SHORT_REPORT = (
    "The Harlow county council approved the new bridge over the Tesse river on Monday, "
    "the mayor Ilse Brandvik said. Work starts in May."
)
QUOTING_REPORT = (
    'The mayor Ilse Brandvik told residents: "You will have your bridge by May." '
    "The Harlow county council approved it on Monday."
)


def _article(number: int, body: str, title: str | None = None) -> Article:
    return Article(id=f"a{number:04d}", key=f"test:{number}", title=title, body=body)


def test_a_short_text_speaking_to_its_reader_is_a_notice() -> None:
    assert is_notice(_article(1, SETTINGS_PAGE), max_words=120)
    assert not is_notice(_article(2, SHORT_REPORT), max_words=120)
    # A quotation speaking to "you" is the story's people, not the page.
    assert reader_share(QUOTING_REPORT) == 0.0
    assert not is_notice(_article(3, QUOTING_REPORT), max_words=120)
    # Long texts are never notices; 0 turns the test off.
    assert not is_notice(_article(4, SETTINGS_PAGE), max_words=10)
    assert not is_notice(_article(5, SETTINGS_PAGE), max_words=0)


def test_notices_never_share_a_story_and_nothing_joins_them() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(_article(1, SETTINGS_PAGE))
    second = clusterer.assign(_article(2, SETTINGS_PAGE_2))
    assert first != second
    assert clusterer.is_notice("a0001")
    assert clusterer.is_notice("a0002")
    assert clusterer.story(first).article_ids == ("a0001",)
    # Without the test the two pages are one story: it is what keeps them apart.
    off = StoryClusterer(options=ClusterOptions(notice_words=0))
    assert off.assign(_article(1, SETTINGS_PAGE)) == off.assign(_article(2, SETTINGS_PAGE_2))
    assert not off.is_notice("a0001")


def test_a_copy_of_a_notice_is_a_notice_and_copies_of_reports_still_follow() -> None:
    clusterer = StoryClusterer()
    first = clusterer.assign(_article(1, SETTINGS_PAGE))
    # Duplicate detection names it a copy: it does not join the notice's story.
    second = clusterer.assign(_article(2, SETTINGS_PAGE), copy_of="a0001")
    assert clusterer.is_notice("a0002")
    assert first != second
    # A short report and its copy: one story, no notice.
    story = clusterer.assign(_article(3, SHORT_REPORT, "Harlow approves Tesse bridge"))
    assert clusterer.assign(_article(4, SHORT_REPORT), copy_of="a0003") == story
    assert not clusterer.is_notice("a0003")
    assert not clusterer.is_notice("a0004")


def test_notice_words_is_validated() -> None:
    with pytest.raises(ConfigError, match="notice_words"):
        ClusterOptions(notice_words=-1)


def test_cluster_command_flags_notice_rows(tmp_path: Path) -> None:
    records = [
        {"id": "n1", "title": "Settings", "text": SETTINGS_PAGE},
        {"id": "r1", "title": "Harlow approves Tesse bridge", "text": SHORT_REPORT},
        {"id": "n2", "title": "Settings page", "text": SETTINGS_PAGE_2},
    ]
    input_path = tmp_path / "in.jsonl"
    input_path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["cluster", str(input_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in map(json.loads, out.read_text("utf-8").splitlines())}
    assert rows["n1"].get("notice") is True
    assert rows["n2"].get("notice") is True
    assert "notice" not in rows["r1"]
    assert len({rows[key]["story"] for key in ("n1", "n2", "r1")}) == 3
