"""Sentences opening by pointing back to an earlier one stay out of summaries and key points."""

from __future__ import annotations

from newsweave.brief.align import StoryAlignment
from newsweave.brief.doc import StoryDoc
from newsweave.brief.keypoints import KeyPointOptions, find_key_points
from newsweave.brief.summary import SummaryOptions, dangles, select_summary
from newsweave.models import Article, Labels
from newsweave.text import words


def test_dangles_reads_the_first_one_or_two_words() -> None:
    assert dangles(words("However, the council voted against the plan."))
    assert dangles(words("Despite this, the harbour stayed open all week."))
    assert dangles(words("These measures follow a long dispute over fees."))
    assert not dangles(words("The council voted against the plan on Monday."))
    assert not dangles(words("Thesis defences were moved to the spring term."))
    assert not dangles(words("He said the harbour would stay open."))  # pronouns are kept
    assert not dangles([])


POINTER = "This decision ends a dispute over the harbour bridge that lasted ten years."
LEADS = (
    "The city council approved a new harbour bridge on Monday after a long debate.",
    "Councillors in the port city backed plans for a second crossing of the estuary.",
    "A vote late on Monday cleared the way for a road link across the busy docks.",
)
TAILS = (
    "Building work starts in the spring and should take three years.",
    "Ferry operators warned that their services could be cut once it opens.",
    "Residents near the docks asked for a noise study before any work begins.",
)


# The pointer in each outlet's own words: one sentence in three outlets would be one text.
POINTERS = (
    POINTER,
    "This decision ends a ten-year dispute over the harbour bridge.",
    "This decision ends a dispute over the harbour bridge that went on for ten years.",
)


def _story() -> StoryAlignment:
    articles = [
        Article(
            id=f"a{k}", key=f"a{k}", title=None, body=f"{lead} {pointer} {tail}", outlet=f"O{k}"
        )
        for k, (lead, pointer, tail) in enumerate(zip(LEADS, POINTERS, TAILS, strict=True))
    ]
    return StoryAlignment(StoryDoc.from_articles(articles))


def test_summary_shows_a_sentence_pointing_back_only_right_after_the_one_before_it() -> None:
    story = _story()
    rows = select_summary(story)
    assert rows
    for number, row in enumerate(rows):
        if story.sentences[row].text.startswith("This decision"):
            assert number > 0
            assert rows[number - 1] == row - 1
            assert story.sentences[row - 1].article == story.sentences[row].article
    strict = select_summary(story, options=SummaryOptions(follow_previous=False))
    texts = [story.sentences[row].text for row in strict]
    assert texts
    assert not any(text.startswith("This decision") for text in texts)
    kept = select_summary(story, options=SummaryOptions(skip_dangling=False))
    assert any(story.sentences[row].text.startswith("This decision") for row in kept)


def test_key_points_leave_out_a_sentence_pointing_back() -> None:
    story = _story()
    points, _ = find_key_points(story)
    assert not any(p.text.startswith("This decision") for p in points)
    loose, _ = find_key_points(story, options=KeyPointOptions(skip_dangling=False))
    assert any(p.text.startswith("This decision") for p in loose)


def test_summary_sets_aside_an_article_labelled_as_written_by_ai() -> None:
    ai_lead = "An automated digest says the port city backed a second crossing of the estuary."
    articles = [
        Article(id="a0", key="a0", title=None, body=f"{LEADS[0]} {TAILS[0]}", outlet="O0"),
        Article(
            id="a1",
            key="a1",
            title=None,
            body=f"{ai_lead} {TAILS[1]}",
            outlet="O1",
            labels=Labels(ai_generated=True),
        ),
    ]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    rows = select_summary(story)
    assert rows
    assert all(story.sentences[row].article == 0 for row in rows)
    alone = StoryAlignment(StoryDoc.from_articles(articles[1:]))
    assert select_summary(alone), "a story told only by an AI-written page still gets a summary"
    both = select_summary(story, options=SummaryOptions(news_first=False))
    assert any(story.sentences[row].article == 1 for row in both)
