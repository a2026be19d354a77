"""The rare-name bonus: a name phrase few articles had used, shared by undated reports
(and by dated ones published within ``rare_gap``, when set)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from newsweave.cluster import ClusterOptions, StoryClusterer
from newsweave.cluster.scoring import link_score
from newsweave.cluster.state import Member, StoryState
from newsweave.errors import ConfigError
from newsweave.models import Article

DAY = datetime(2021, 3, 11)


def _story(*members: Member) -> StoryState:
    story = StoryState(id="s000001", article_ids=[m.article_id for m in members], centroid={})
    story.members.extend(members)
    return story


def _member(name: str, published: datetime | None, rare: tuple[str, ...]) -> Member:
    return Member(name, {"storm": 1.0}, None, None, published, 1.0, rare)


@pytest.mark.parametrize(
    ("member_day", "article_day", "bonus"),
    [
        (DAY, DAY, 0.1),  # the same day, with rare_gap 0
        (None, None, 0.1),  # both undated: time cannot tell them apart
        (DAY, None, 0.0),  # one dated, one not: no evidence either way
        (DAY, DAY + timedelta(days=3), 0.0),  # days apart: a saga, not one event
    ],
)
def test_the_bonus_needs_a_shared_rare_phrase_and_the_same_day(
    member_day: datetime | None, article_day: datetime | None, bonus: float
) -> None:
    options = ClusterOptions(rare_bonus=0.1, rare_gap=timedelta(0))
    story = _story(_member("m1", member_day, ("e:orla brennock",)))
    link = {"storm": 1.0}
    plain = link_score(story, 0.2, link, options)
    shared = link_score(story, 0.2, link, options, rare=("e:orla brennock",), published=article_day)
    other = link_score(story, 0.2, link, options, rare=("e:kem tadesse",), published=article_day)
    assert shared == pytest.approx(plain + bonus)
    assert other == pytest.approx(plain)
    off = ClusterOptions(rare_bonus=0.0)
    assert link_score(
        story, 0.2, link, off, rare=("e:orla brennock",), published=article_day
    ) == pytest.approx(link_score(story, 0.2, link, off))


def test_by_default_only_undated_reports_get_the_bonus() -> None:
    options = ClusterOptions()
    assert options.rare_gap is None
    link = {"storm": 1.0}
    phrase = ("e:orla brennock",)
    for day, bonus in ((DAY, 0.0), (None, options.rare_bonus)):
        story = _story(_member("m1", day, phrase))
        plain = link_score(story, 0.2, link, options, published=day)
        shared = link_score(story, 0.2, link, options, rare=phrase, published=day)
        assert shared == pytest.approx(plain + bonus)


def test_only_phrases_few_earlier_articles_used_are_rare() -> None:
    clusterer = StoryClusterer(options=ClusterOptions(rare_bonus=0.1, rare_df=2))
    body = "Residents of Port Halden met Orla Brennock after the flood, officials said."
    for number in range(4):
        clusterer.assign(Article(id=f"a{number}", key=f"k{number}", title=None, body=body))
    rare = {
        member.article_id: member.rare
        for story in clusterer._stories.values()
        for member in story.members
    }
    # The first two articles to use the phrases hold them as rare; later ones do not.
    assert "e:orla brennock" in rare["a0"]
    assert "e:orla brennock" in rare["a1"]
    assert rare["a2"] == ()
    assert rare["a3"] == ()


def test_rare_options_are_validated() -> None:
    with pytest.raises(ConfigError):
        ClusterOptions(rare_bonus=-0.1)
    with pytest.raises(ConfigError):
        ClusterOptions(rare_df=0)
    with pytest.raises(ConfigError):
        ClusterOptions(rare_gap=timedelta(days=-1))
