"""Undated streams, where only the text tells reports apart: an untitled article's
lead weighs like a title, single rare names count for the rare-name bonus, and an
undated small story is adopted only when the centroids agree."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsweave.cluster import ClusterOptions, StoryClusterer
from newsweave.cluster.features import FeatureOptions, count_features
from newsweave.errors import ConfigError
from newsweave.models import Article

LEAD = "Flood waters closed the Varnel bridge on Sunday, the county said."
REST = " Engineers will inspect the bridge next week. Schools stayed open."


def _article(number: int, body: str, *, title: str | None = None, published=None) -> Article:
    return Article(
        id=f"a{number:04d}", key=f"k{number}", title=title, body=body, published=published
    )


def test_an_untitled_articles_lead_counts_like_a_title() -> None:
    options = FeatureOptions()
    untitled = count_features(_article(1, LEAD + REST), options=options).counts
    titled = count_features(_article(2, LEAD + REST, title="A title"), options=options).counts
    off = count_features(_article(3, LEAD + REST), options=FeatureOptions(lead_weight=0.0)).counts
    # "flood" is only in the lead; "inspect" only in the rest; "bridge" in both.
    assert untitled["flood"] == pytest.approx(1 + options.lead_weight)
    assert untitled["inspect"] == pytest.approx(1.0)
    assert untitled["bridge"] == pytest.approx(2 + options.lead_weight)
    assert titled["flood"] == off["flood"] == pytest.approx(1.0)
    with pytest.raises(ConfigError, match="lead_weight"):
        FeatureOptions(lead_weight=-1.0)


def test_the_lead_is_the_first_sentence_after_a_dateline() -> None:
    body = "LORVIK, May 3. The harbour master resigned after the tanker ran aground. " + REST
    counts = count_features(_article(1, body), options=FeatureOptions(lead_weight=2.0)).counts
    assert counts["resigned"] == pytest.approx(3.0)
    assert counts["inspect"] == pytest.approx(1.0)


def test_single_rare_names_count_for_the_bonus_when_asked() -> None:
    body = "Residents met Brennock after the flood in the valley, officials said."
    rare = {}
    for words in (False, True):
        clusterer = StoryClusterer(options=ClusterOptions(rare_words=words))
        clusterer.assign(_article(1, body))
        (story,) = clusterer._stories.values()
        rare[words] = story.members[0].rare
    assert "brennock" not in rare[False]
    assert "brennock" in rare[True]
    assert "valley" not in rare[True]


POOL = (
    "The Varnel bridge reopened after the flood, Mayor Idris Kell said on the radio.",
    "Mayor Idris Kell said the Varnel bridge reopened to traffic after the flood.",
    "After the flood the Varnel bridge reopened, said Mayor Idris Kell of Varnel.",
)
STRAY = "Idris Kell, a keen gardener, shared photographs of his roses with the club."


@pytest.mark.parametrize("published", [None, datetime(2024, 5, 3)])
def test_an_undated_small_story_needs_agreeing_centroids_to_be_adopted(
    published: datetime | None,
) -> None:
    # Only the shared name ties the stray page to the story: with the threshold
    # low, its member score reaches it, but the centroids do not agree.
    adopted = {}
    for floor in (0.0, 0.9):
        options = ClusterOptions(threshold=0.05, commit_margin=0.9, adopt_floor=floor)
        clusterer = StoryClusterer(options=options)
        clusterer.assign(_article(1, POOL[0], published=published))
        clusterer.assign(_article(2, STRAY, published=published))
        for number, body in enumerate(POOL[1:], start=3):
            clusterer.assign(_article(number, body, published=published))
        adopted[floor] = clusterer.story_of("a0002") == clusterer.story_of("a0001")
    # The floor holds undated stories apart; dated ones are left to the time rules.
    assert adopted == {0.0: True, 0.9: published is not None}
    with pytest.raises(ConfigError, match="adopt_floor"):
        ClusterOptions(adopt_floor=1.5)
