"""A story's headline reads as news of the event (cluster/headline.py)."""

from __future__ import annotations

from datetime import datetime

from newsweave.cluster import StoryClusterer
from newsweave.cluster.headline import (
    headline_choice,
    in_opinion_section,
    storyline_name,
    title_shape,
)
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


def test_titles_shaped_as_features_lists_speakers_or_advice_rank_lower() -> None:
    report = title_shape("Harbour authority closes the port after a tanker runs aground")
    for other in (
        "Harbour master Ruiz: the port will stay shut for weeks",  # someone's words
        "The port closed on Tuesday. Nobody was ready for it.",  # a second sentence
        "How the harbour authority lost control of the port",  # explains, asks
        "The 5 biggest questions after the tanker grounding",  # a list article
        "The harbour authority should resign over the grounding",  # advice
    ):
        assert title_shape(other) < report, other
    # A capitalised organisation opening the title is no question word.
    assert title_shape("WHO declares the outbreak over after the last case") == 1.0
    # A number opening a report is no list.
    assert title_shape("4 sailors rescued after the tanker runs aground at dawn") == 1.0


def test_an_opinion_section_in_the_url_or_the_outlet_lowers_the_title() -> None:
    title = "Harbour authority closes the port after a tanker runs aground"
    news = "https://paper.example/news/2024/03/05/harbour-authority-closes-port"
    for url, outlet in (
        ("https://paper.example/opinion/2024/03/05/harbour-authority-closes-port", None),
        ("https://paper.example/story/opinion/columnists/harbour-port", None),
        ("https://paper.example/news-analysis/2024/03/05/harbour-authority-closes-port", None),
        (news, "Daily Paper - Opinion"),
        (news, "Daily Paper (Editorial)"),
    ):
        assert in_opinion_section(url, outlet), (url, outlet)
        assert title_shape(title, url=url, outlet=outlet) < title_shape(title, url=news)
    # Only the section counts: an article's own slug may name an opinion.
    assert not in_opinion_section("https://paper.example/news/opinion-poll-shows-lead", None)
    assert not in_opinion_section(news, "Daily Paper")
    assert not in_opinion_section(None, None)


def test_an_op_ed_closest_to_the_centroid_does_not_head_the_story() -> None:
    body = (
        "The harbour authority of Norhaven closed the port on Tuesday after the tanker "
        "Aldora ran aground at the entrance, officials said. Salvage crews from Westby "
        "began pumping fuel from the Aldora's tanks."
    )
    members = [
        ("Norhaven deserves a harbour authority that keeps the Aldora out", "opinion/2024"),
        ("Norhaven port closed after tanker Aldora runs aground", "news/2024"),
    ]
    articles = [
        Article(
            id=f"a{n}",
            key=f"a{n}",
            title=title,
            # The op-ed retells the event most fully: it is the most central member.
            body=body + (" The Aldora ran aground at Norhaven." if n == 0 else ""),
            url=f"https://outlet{n}.example/{section}/aldora-{n}",
            outlet=f"Outlet {n}",
            published=datetime(2024, 3, 5),
        )
        for n, (title, section) in enumerate(members)
    ]
    assert headline_choice(articles) == 1
    clusterer = StoryClusterer()
    stories = {clusterer.assign(article) for article in articles}
    assert len(stories) == 1
    assert clusterer.story(stories.pop()).headline == members[1][0]


def test_a_storyline_is_named_by_the_headline_its_stories_share_most() -> None:
    stories = [
        ("Tanker Aldora runs aground off Norhaven, port closed", 4),
        ("Norhaven fish market reopens after a week of repairs", 5),
        ("Salvage crews pump fuel from the Aldora off Norhaven", 3),
        ("Aldora owners fined for the Norhaven grounding", 2),
    ]
    # The largest story is a side story; the saga is the Aldora's grounding.
    assert storyline_name(stories) == stories[0][0]
    assert storyline_name([("Only story", 1)]) == "Only story"
    assert storyline_name([(None, 3), ("Titled", 1)]) == "Titled"
    assert storyline_name([]) is None
    # With nothing shared, coverage decides.
    assert storyline_name([("Alpha beta gamma", 1), ("Delta epsilon zeta", 6)]) == (
        "Delta epsilon zeta"
    )
