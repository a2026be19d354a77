"""Summaries show the story's text: no photo captions, no wire datelines, news before opinion."""

from __future__ import annotations

import pytest

from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import build_brief
from newsweave.brief.captions import dateline_end, is_caption, strip_dateline
from newsweave.brief.doc import StoryDoc
from newsweave.brief.keypoints import KeyPointOptions, find_key_points
from newsweave.brief.summary import SummaryOptions, select_summary
from newsweave.models import Article


@pytest.mark.parametrize(
    "text",
    [
        "The minister waves to supporters after the count on Sunday. (Ana Reyes/Wire Service)",
        "Volunteers clear the flooded street on Tuesday. (Photo: Harbour Studio)",
        "Fans cheer outside the stadium on Friday night. JOSE PEREZ/NEWS AGENCY",
        "Ola Berg/Picture Desk via Photo Bank Ola Berg/Picture Desk via Photo Bank",
        "A crowd gathers in the square before the speech. Tom Kale/Agency",
        "Slide 3 of 8: The mayor speaks at a fair in Westbury on June 11.",
        "Photo 2 of 9 The flooded square in Westbury on Tuesday morning.",
        "Ana Reyes/WIRE Mayor wins a third term despite the protests",
        "K.Ola Berg/NEWSDESK Volunteers clear the flooded street on Tuesday.",
    ],
)
def test_credit_shapes_are_captions(text: str) -> None:
    assert is_caption(text)


@pytest.mark.parametrize(
    "text",
    [
        "The council voted to close the bridge on Monday, officials said.",
        "The alliance and the EU backed the plan, the IMF said on Friday.",
        "Ticket prices rose 5/8 of a point in the Senate/House talks, he said.",
        "Students wore shirts that read VOTE NOW during the rally.",
        "A Harbour News/Daily Ledger poll on Sunday showed the race tied at 47 percent.",
        "The Evening Post/Civic Institute survey found most residents back the plan.",
        "THE COUNCIL VOTED TO CLOSE THE BRIDGE ON MONDAY/TUESDAY",
        "Police found 4 of 13 photos the family had reported stolen.",
        "Harbour Post/CBA Research poll on Sunday found the race tied at 47 percent.",
    ],
)
def test_prose_is_not_a_caption(text: str) -> None:
    assert not is_caption(text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "PORTVILLE (Wire) - The council voted on Monday to close the bridge.",
            "The council voted on Monday to close the bridge.",
        ),
        (
            "NEW HAVEN, Conn. (Wire) -- The council voted on Monday to close it.",
            "The council voted on Monday to close it.",
        ),
        (
            "Portville (Wire) The council voted on Monday to close the bridge.",
            "The council voted on Monday to close the bridge.",
        ),
        (
            "(Wire Service) The council voted on Monday to close the bridge.",
            "The council voted on Monday to close the bridge.",
        ),
        (
            "(R) The council voted on Monday to close the bridge.",
            "(R) The council voted on Monday to close the bridge.",
        ),
        (
            "PORTVILLE — The council voted on Monday to close the bridge.",
            "The council voted on Monday to close the bridge.",
        ),
        (
            "Sen. Ada Moss (R-State) — Moss said she would vote against the bill.",
            "Sen. Ada Moss (R-State) — Moss said she would vote against the bill.",
        ),
        (
            "The council voted on Monday to close the bridge.",
            "The council voted on Monday to close the bridge.",
        ),
        ("PORTVILLE (Wire) - Bridge closed.", "PORTVILLE (Wire) - Bridge closed."),
    ],
)
def test_leading_dateline_is_stripped(text: str, shown: str) -> None:
    assert strip_dateline(text) == shown
    assert text[dateline_end(text) :] == shown


LEAD = "The harbour council voted on Monday to close the old bridge to all traffic for repairs."
REPORTS = (
    f"PORTVILLE (Wire) - {LEAD} Engineers found cracks in two of the supports last month.",
    f"{LEAD} Engineers found cracks in two of the supports during a check last month.",
)
COLUMN = (
    "The harbour council voted on Monday to close the old bridge, a reckless choice that "
    "punishes every commuter in the city. Engineers found cracks in two supports last month."
)


def _articles(*, with_news: bool = True) -> list[Article]:
    found = [
        Article(
            id="col",
            key="col",
            title="Closing the bridge is a mistake",
            body=COLUMN,
            outlet="Daily Post",
            url="https://post.example/opinion/2024/05/bridge-mistake",
        )
    ]
    if with_news:
        found += [
            Article(
                id=f"n{k}",
                key=f"n{k}",
                title=None,
                body=body,
                outlet=f"Outlet {k}",
                url=f"https://news{k}.example/local/2024/05/bridge-closed",
            )
            for k, body in enumerate(REPORTS)
        ]
    return found


def test_opinion_sentences_are_left_out_when_news_exists() -> None:
    story = StoryAlignment(StoryDoc.from_articles(_articles()))
    rows = select_summary(story)
    assert rows
    assert all(story.doc.articles[story.sentences[r].article].id != "col" for r in rows)
    loose = select_summary(story, options=SummaryOptions(news_first=False, max_sentences=6))
    assert any(story.doc.articles[story.sentences[r].article].id == "col" for r in loose)


def test_opinion_alone_still_gets_a_summary() -> None:
    story = StoryAlignment(StoryDoc.from_articles(_articles(with_news=False)))
    assert select_summary(story)


def test_summary_shows_no_dateline_and_cites_the_original_sentence() -> None:
    brief = build_brief("s", _articles())
    assert brief.summary
    for sentence in brief.summary:
        assert not sentence.text.startswith("PORTVILLE")
    dated = [s for s in brief.summary if s.citations[0].text.startswith("PORTVILLE")]
    for sentence in dated:
        assert sentence.citations[0].text.endswith(sentence.text)
    assert all(not p.text.startswith("PORTVILLE") for p in brief.key_points)


def test_lines_that_do_not_end_as_sentences_are_not_summary_sentences() -> None:
    subtitle = "Council leader says closing the old harbour bridge was the only safe choice left"
    bodies = [f"{subtitle}\n\n{LEAD} Engineers found cracks in two supports.", *REPORTS]
    articles = [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=body, outlet=f"Outlet {k}")
        for k, body in enumerate(bodies)
    ]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    assert any(item.text == subtitle for item in story.sentences)
    options = SummaryOptions(max_sentences=8)
    assert all(story.sentences[r].text != subtitle for r in select_summary(story, options=options))
    loose = SummaryOptions(max_sentences=8, whole_sentences=False)
    assert any(story.sentences[r].text == subtitle for r in select_summary(story, options=loose))


def test_key_point_is_told_in_a_news_report_rather_than_a_column() -> None:
    fact = (
        "Engineers found deep cracks in two of the supports of the old harbour bridge last month."
    )
    bodies = {
        "col": f"{fact} Closing it was a reckless choice that punishes every commuter.",
        "n0": f"{fact} The council voted on Monday to shut it for repairs.",
        # In its own words: one sentence in three outlets would be one text (a reprint).
        "n1": "Engineers found deep cracks in two of the old harbour bridge's supports last month. "
        "Ferry operators expect many more passengers this summer.",
    }
    articles = [
        Article(
            id=key,
            key=key,
            title=None,
            body=body,
            outlet=f"Outlet {key}",
            url=f"https://{key}.example/{'opinion' if key == 'col' else 'local'}/2024/bridge",
        )
        for key, body in bodies.items()
    ]
    story = StoryAlignment(StoryDoc.from_articles(articles))

    def first_point_article(options: KeyPointOptions) -> str:
        points, _ = find_key_points(story, options=options)
        assert points
        assert points[0].text == fact
        return points[0].support[0].article_id

    assert first_point_article(KeyPointOptions()) != "col"
    assert first_point_article(KeyPointOptions(news_first=False)) == "col"


def test_a_label_in_capitals_opening_a_sentence_is_cut() -> None:
    assert (
        strip_dateline("EXCLUSIVE: The harbor board plans to close the pier.")
        == "The harbor board plans to close the pier."
    )
    assert strip_dateline("BREAKING NEWS: The pier is closed.") == "The pier is closed."
    # Not a label: a short acronym, or too little left after it.
    assert strip_dateline("US: The pier closed on Monday after storms.").startswith("US:")
    assert strip_dateline("UPDATE: Pier closed.") == "UPDATE: Pier closed."


def test_a_page_update_stamp_opening_a_sentence_is_cut() -> None:
    assert (
        strip_dateline("Updated at noon Pacific time: Firefighters said the blaze was out.")
        == "Firefighters said the blaze was out."
    )
    assert (
        strip_dateline("Update, 3:15 p.m.: The council voted to close the pier.")
        == "The council voted to close the pier."
    )
    # Not a stamp: no time named, or a number after the colon (a time cut at its colon).
    kept = "Updated figures: The toll rose to five on the island."
    assert strip_dateline(kept) == kept
    kept = "[Updated at 9: 40 a.m. ET] The pier is closed to the public."
    assert strip_dateline(kept) == kept


def test_a_column_under_a_news_outlets_name_is_left_out_when_news_exists() -> None:
    # No opinion section, a plain title: the page itself reads as commentary (it cites
    # almost no one and speaks as its writer now and then).
    column = (
        "The old bridge over the harbour was built in 1931. "
        "It carried about 300 cars an hour at its busiest in the mornings. "
        "Engineers inspected its supports twice in ten years. "
        "The second inspection found rust on the railings and under the deck. "
        "The council put off the repairs to the next year's budget. "
        "Traffic now crosses on the ferry at the north end of the harbour. "
        "The ferry runs every twenty minutes from six in the morning. "
        "I doubt the new plan will change much for the people of the harbour. "
        "Surely the council could have closed the old bridge years earlier. "
        "The mayor said a new bridge would open within two years."
    )
    articles = [
        Article(id="col", key="col", title="The harbour bridge", body=column, outlet="Daily Post"),
        *(
            Article(id=f"n{k}", key=f"n{k}", title=None, body=body, outlet=f"Outlet {k}")
            for k, body in enumerate(REPORTS)
        ),
    ]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    options = SummaryOptions(max_sentences=6, commentary_voice=True)
    rows = select_summary(story, options=options)
    assert rows
    assert all(story.doc.articles[story.sentences[r].article].id != "col" for r in rows)
    loose = SummaryOptions(max_sentences=6)
    rows = select_summary(story, options=loose)
    assert any(story.doc.articles[story.sentences[r].article].id == "col" for r in rows)
