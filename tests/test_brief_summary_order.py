"""Summary sentences that point back, repeat a chosen one or are out of date (synthetic texts)."""

from __future__ import annotations

from datetime import datetime

from newsweave.brief.align import StoryAlignment
from newsweave.brief.captions import is_caption
from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.summary import SummaryOptions, select_summary
from newsweave.brief.summary_order import points_back, reading_order
from newsweave.models import Article


def _item(text: str) -> StorySentence:
    doc = StoryDoc.from_articles([Article(id="a", key="a", title=None, body=f"Intro line. {text}")])
    return doc.sentences[-1]


def test_points_back_reads_pointers_counts_and_bare_statements() -> None:
    assert points_back(_item("There, the mayor met the harbour workers on Friday."))
    assert not points_back(_item("There are three ferries left in service this week."))
    assert points_back(_item("Ten of the 13 boats were found near the harbour wall."))
    assert points_back(_item("Two of them were found near the harbour wall on Friday."))
    assert not points_back(_item("Ten of the city's boats were found near the harbour."))
    assert points_back(_item('"We are not aware of any fault," the statement said.'))
    assert points_back(_item("He vowed to rebuild the pier before the summer."))
    assert points_back(_item("They're hoping the pier reopens before summer."))
    assert not points_back(  # pronouns only when asked
        _item("He vowed to rebuild the pier before the summer."),
        pronouns=False,
    )


def _story(bodies: list[tuple[str, datetime | None]]) -> StoryAlignment:
    articles = [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=body, outlet=f"O{k}", published=when)
        for k, (body, when) in enumerate(bodies)
    ]
    return StoryAlignment(StoryDoc.from_articles(articles))


def test_reading_order_puts_a_follower_right_after_its_sentence() -> None:
    story = _story(
        [
            ("The council met on Monday. It voted to close the pier. Repairs start soon.", None),
            ("The council voted on Monday to close the pier. Ferries stop on Friday.", None),
        ]
    )
    assert [s.text for s in story.sentences][1].startswith("It voted")
    order = reading_order([0, 1, 3, 4], story, {1: 0})
    assert order.index(1) == order.index(0) + 1


EARLY = datetime(2020, 1, 10)
LATE = datetime(2020, 1, 12)


def test_a_count_a_later_article_gives_differently_is_left_out() -> None:
    old = "At least 44 people have died in the harbour fire, officials said on Friday."
    new = "At least 56 people have died in the harbour fire, officials said on Sunday."
    tail = "Firefighters from three towns fought the harbour fire through the night."
    story = _story([(f"{old} {tail}", EARLY), (f"{new} {tail}", LATE)])
    texts = [story.sentences[row].text for row in select_summary(story)]
    assert new in texts
    assert old not in texts
    loose = select_summary(story, options=SummaryOptions(recency=False, restated=None))
    assert old in [story.sentences[row].text for row in loose]
    undated = _story([(f"{old} {tail}", None), (f"{new} {tail}", None)])
    texts = [undated.sentences[row].text for row in select_summary(undated)]
    assert old in texts or new in texts


def test_a_dated_wire_caption_is_a_caption() -> None:
    assert is_caption(
        "The mayor speaks during an event at the harbour in Portsmouth, Tuesday, Jan. 28, 2020."
    )
    assert not is_caption("The mayor spoke at the harbour on Tuesday, Jan. 28, after the vote.")


def test_a_toll_told_in_other_words_by_a_later_article_is_newer() -> None:
    old = "At least 44 people have died in the harbour fire, officials said on Friday."
    new = "The sheriff said the discovery raised the official number of fatalities to 56."
    tail = "Firefighters from three towns fought the harbour fire through the night."
    story = _story([(f"{old} {tail}", EARLY), (f"{new} {tail}", LATE)])
    texts = [story.sentences[row].text for row in select_summary(story)]
    assert old not in texts
    # Another toll, or one far apart, is no newer figure of this one.
    other = (
        "Fares rising in March led to protests in which over 60 people were killed, officials said."
    )
    story = _story([(f"{old} {tail}", EARLY), (f"{other} {tail}", LATE)])
    texts = [story.sentences[row].text for row in select_summary(story)]
    assert old in texts


def test_a_pronoun_sentence_chosen_with_the_one_before_it_follows_it() -> None:
    first = "The harbour master closed the main pier on Monday after the storm."
    second = "He said repairs to the main pier would take the harbour crews three weeks."
    others = (
        "Storm damage closed the main pier and stopped the harbour ferry on Monday.",
        "The harbour ferry stopped on Monday when the storm damaged the main pier.",
    )
    story = _story(
        [(f"{first} {second}", None)]
        + [
            (f"{text} Repairs to the main pier will take three weeks, crews said.", None)
            for text in others
        ]
    )
    rows = select_summary(
        story, options=SummaryOptions(max_words=400, redundancy=1.1, restated=None)
    )
    texts = [story.sentences[row].text for row in rows]
    assert first in texts
    assert second in texts
    assert texts.index(second) == texts.index(first) + 1
