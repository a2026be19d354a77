"""A story's headline reads as news of the event (cluster/headline.py)."""

from __future__ import annotations

from datetime import datetime

from newsweave.cluster import StoryClusterer
from newsweave.cluster.headline import title_shape
from newsweave.models import Article


def test_news_titles_outrank_questions_quotes_labels_and_columns() -> None:
    report = title_shape("Harbour authority closes the port after a tanker runs aground")
    assert report == 1.0
    for other in (
        "Will the harbour ever reopen after the tanker grounding?",
        "“We were lucky,” says the captain of the grounded tanker",
        "Opinion: the harbour authority failed the town again",
        "Why I stopped trusting the harbour authority this week",
        "Port",
    ):
        assert title_shape(other) < report, other


def test_the_story_headline_is_the_most_central_news_title() -> None:
    body = (
        "The harbour authority of Norhaven closed the port on Tuesday after the tanker "
        "Aldora ran aground at the entrance, officials said. Salvage crews from Westby "
        "began pumping fuel from the Aldora's tanks."
    )
    titles = [
        "Why we should all worry about Norhaven's harbour?",
        "Tanker Aldora runs aground, Norhaven harbour authority closes the port",
        "Norhaven port closed after tanker Aldora runs aground at entrance",
        "Salvage crews pump fuel from grounded tanker Aldora in Norhaven",
    ]
    clusterer = StoryClusterer()
    stories = {
        clusterer.assign(
            Article(
                id=f"a{n}",
                key=f"a{n}",
                title=title,
                body=body,
                outlet=f"outlet {n}",
                published=datetime(2024, 3, 5),
            )
        )
        for n, title in enumerate(titles)
    }
    assert len(stories) == 1
    headline = clusterer.story(stories.pop()).headline
    assert headline in titles[1:]
