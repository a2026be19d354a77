"""The story's main fact leads the key points when outlets state it in their own words."""

from __future__ import annotations

import dataclasses

from newsweave.brief.align import StoryAlignment
from newsweave.brief.doc import StoryDoc
from newsweave.brief.keypoints import KeyPointOptions, find_key_points
from newsweave.brief.main_fact import MainFactOptions, find_main_fact, lead_claim
from newsweave.models import Article


def _story(*bodies: str, titles: tuple[str | None, ...] = ()) -> StoryAlignment:
    articles = [
        Article(
            id=f"a{k}",
            key=f"a{k}",
            title=titles[k] if k < len(titles) else None,
            body=body,
            outlet=f"Outlet{k}",
        )
        for k, body in enumerate(bodies)
    ]
    return StoryAlignment(StoryDoc.from_articles(articles), units=[a.id for a in articles])


# Three invented reports of one event, each opening with it in its own words, then
# details only their own outlet gives.
_LEDES = (
    "The Westbury harbor board voted on Monday to close the town's ferry pier for a year "
    "of repairs after storm damage. Divers found cracked piles under the north end. "
    "The ferry company said it would run a bus to the quay.",
    "Westbury's ferry pier will close for a year of repairs, the harbor board decided in "
    "a Monday vote, citing damage from last month's storm. A hotel group had offered to "
    "buy the pier in May. The board's chair declined to comment on the offer.",
    "Ferries will stop calling at Westbury for a year after its harbor board ordered the "
    "storm-battered pier shut on Monday. Fishing boats will "
    "moor at the old quay. Local shops fear a quiet summer without ferry visitors.",
)


def test_a_story_whose_outlets_share_no_sentence_gets_its_main_fact() -> None:
    story = _story(*_LEDES)
    bare, _ = find_key_points(story, options=KeyPointOptions(main_fact=None))
    assert bare == ()  # no sentence stated in full by two sources: no key point at all
    points, _ = find_key_points(story)
    assert points, "the main fact is shown"
    first = points[0]
    assert "harbor board" in first.text
    assert "pier" in first.text
    # Counted only from what the judge reads as stating all of it: never the three
    # outlets whose ledes merely share its words.
    assert first.independent_sources == 1
    assert first.total_sources == 3
    assert first.support[0].text.startswith(first.text[:40])


def test_the_main_fact_is_not_listed_twice() -> None:
    # The second outlet tells the first one's lede in nearly the same words (not a
    # reprint: no long run of them is the same): a key point of two sources already
    # states the main fact.
    retold = (
        "The Westbury harbour board voted on Monday to shut the town's ferry pier for a year "
        "of repairs after damage from the storm. Buses replace the ferry."
    )
    story = _story(_LEDES[0], retold, _LEDES[2])
    points, _ = find_key_points(story)
    leading = [p for p in points if "board voted" in p.text]
    assert len(leading) == 1
    assert leading[0].independent_sources == 2
    assert points[0] == leading[0]  # the main fact leads


def test_one_source_has_no_main_fact() -> None:
    story = _story(_LEDES[0], _LEDES[1])
    one = StoryAlignment(story.doc, units=["same", "same"])
    assert find_main_fact(one) is None


def test_a_lede_must_read_alone() -> None:
    story = _story(
        "But the board voted on Monday to close the ferry pier in Westbury for repairs.",
        "“We have no choice,” the board's chair said about closing the Westbury ferry pier.",
        "The Westbury harbor board voted Monday to close the ferry pier for storm repairs.",
    )
    options = dataclasses.replace(MainFactOptions(), min_words=6)
    assert not lead_claim(story, 0, options)  # opens with a conjunction
    assert not lead_claim(story, 1, options)  # a quotation
    assert lead_claim(story, 2, options)


def test_a_headline_written_as_a_sentence_is_no_lede() -> None:
    story = _story(
        "Westbury Harbor Board Votes To Close Ferry Pier For Storm Repairs. "
        "The board voted on Monday.",
        "The Westbury harbor board voted Monday to close the ferry pier for storm repairs.",
    )
    options = dataclasses.replace(MainFactOptions(), min_words=6)
    assert not lead_claim(story, 0, options)
    assert lead_claim(story, 2, options)


def test_a_point_found_in_full_in_one_source_says_so() -> None:
    from newsweave.render.present import reported_text

    assert reported_text(1, 4, 2) == (
        "reported by 1 of 4 independent sources, +2 partly"
        " (none of the others found stating all of it)"
    )
    assert reported_text(2, 4) == "reported by 2 of 4 independent sources"
    assert reported_text(1) == "reported by 1 independent source"


def test_a_key_point_is_shown_without_an_opening_but() -> None:
    story = _story(
        "The harbor board met on Monday. But the board voted to close the Westbury ferry "
        "pier for a year of storm repairs.",
        # In its own words: one sentence word for word in two outlets is one text.
        "Ferry passengers were told on Monday. But the board then voted to shut the Westbury "
        "ferry pier for a year of storm repairs.",
    )
    points, _ = find_key_points(story, options=KeyPointOptions(main_fact=None))
    texts = [p.text for p in points]
    assert "The board voted to close the Westbury ferry pier for a year of storm repairs." in texts
    # The citations keep the articles' own sentences.
    assert all(c.text.startswith("But") for p in points for c in p.support)


def test_the_main_fact_never_pushes_out_a_better_told_point() -> None:
    cost = (
        " Repairs will cost the harbor board about four million dollars, its treasurer said.",
        " The harbor board's treasurer said the repairs would cost about four million dollars.",
    )
    story = _story(_LEDES[0] + cost[0], _LEDES[1] + cost[1], _LEDES[2])
    roomy, _ = find_key_points(story)
    assert [p.independent_sources for p in roomy][:2] == [1, 2], "main fact first, then cost"
    full, _ = find_key_points(story, options=KeyPointOptions(max_key_points=1))
    assert [p.independent_sources for p in full] == [2]
    assert "million" in full[0].text
