"""An article that pastes another source's paragraphs counts with that source."""

from __future__ import annotations

from newsweave.brief.align import StoryAlignment
from newsweave.brief.doc import StoryDoc
from newsweave.brief.keypoints import KeyPointOptions, find_key_points
from newsweave.models import Article

_REPORT = (
    "The Westbury harbor board plans to close the ferry pier for a year of repairs after "
    "storm damage, according to a draft seen by the Courier. "
    "The draft lists twelve projects ranging from new piles to a longer breakwater for the "
    "north quay. "
    "Divers found cracked piles under the north end of the pier during an inspection last week. "
    "Ferry passengers would board buses to the old quay at Eastmoor while the work goes on. "
    "The board is expected to vote on the draft at its next meeting in two weeks."
)
_PASTE = (
    "According to documents obtained by the Courier, the ferry pier in Westbury is about to "
    "close for a long time. "
    "The draft lists twelve projects ranging from new piles to a longer breakwater for the "
    "north quay. "
    "Divers found cracked piles under the north end of the pier during an inspection last week. "
    "Ferry passengers would board buses to the old quay at Eastmoor while the work goes on. "
    "The board is expected to vote on the draft at its next meeting in two weeks."
)
_OTHER = (
    "Westbury's ferry pier could shut for a year, officials said, after a winter storm. "
    "The board's chair declined to comment on the draft."
)


def _story(*bodies: str) -> StoryAlignment:
    articles = [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=body, outlet=f"Outlet{k}")
        for k, body in enumerate(bodies)
    ]
    return StoryAlignment(StoryDoc.from_articles(articles), units=[a.id for a in articles])


def test_a_pasted_report_counts_once() -> None:
    story = _story(_REPORT, _PASTE, _OTHER)
    assert story.counted_sources[0] == story.counted_sources[1]
    assert len(set(story.sources)) == 3  # the story's M is unchanged
    points, _ = find_key_points(story, options=KeyPointOptions(main_fact=None))
    assert points == (), [(p.text, p.independent_sources) for p in points]


def test_two_sentences_in_common_are_no_paste() -> None:
    two = ". ".join(_PASTE.split(". ")[:3]) + "."
    story = _story(_REPORT, two, _OTHER)
    # The two articles stay two sources; only the sentences they share word for word
    # count once (the reprint rule of brief/wire_text.py), the rest of each article not.
    assert story.counted_sources[0] != story.counted_sources[1]


def test_quoted_words_are_no_paste() -> None:
    quoted = " ".join(
        f"“{sentence.strip()}” the chair said." for sentence in _REPORT.split(". ")[1:]
    )
    story = _story(quoted, quoted.replace("the chair said", "she told reporters"), _OTHER)
    assert story.counted_sources[0] != story.counted_sources[1]
