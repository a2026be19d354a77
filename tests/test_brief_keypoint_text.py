"""A key point reads on its own: quotation marks paired, a quotation's speaker named."""

from __future__ import annotations

from newsweave.brief.align import StoryAlignment
from newsweave.brief.doc import StoryDoc
from newsweave.brief.keypoints import find_key_points
from newsweave.brief.quotes import find_quotes
from newsweave.models import Article


def _story(*bodies: str) -> StoryAlignment:
    articles = [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=body, outlet=f"Outlet{k}")
        for k, body in enumerate(bodies)
    ]
    # Two independent sources (short invented articles can look like rewrites of each other).
    return StoryAlignment(StoryDoc.from_articles(articles), units=[a.id for a in articles])


def test_a_sentence_of_a_quotation_is_shown_with_its_speaker() -> None:
    quoted = "We will rebuild the Westbury pier from its piles over the next two summers."
    story = _story(
        "The Harbor Board closed the Westbury pier on Monday after a winter storm. "
        f"“The pier is unsafe,” harbour master Ada Lund said. “Nobody may walk on it. {quoted} "
        "The ferry will dock at the north quay.”",
        "Storm damage shut the pier at Westbury, the Harbor Board said. "
        f"“The pier was the heart of the town,” harbour master Ada Lund said. “{quoted} "
        "Until then the ferry docks at the north quay.”",
    )
    bare, _ = find_key_points(story)
    assert quoted in [p.text for p in bare]  # without the quotations: a bare "We will ..."
    points, _ = find_key_points(story, quotes=find_quotes(story.doc))
    texts = [p.text for p in points]
    assert f"Ada Lund: “{quoted}”" in texts, texts
    assert quoted not in texts
    point = next(p for p in points if p.text == f"Ada Lund: “{quoted}”")
    assert point.independent_sources == 2
    # The citations keep the articles' own sentences, word for word.
    assert all(quoted in c.text for c in point.support)


def test_a_quotation_split_from_its_opening_mark_gets_it_back() -> None:
    story = _story(
        "Totally unacceptable for our town,” former mayor Ben Ochs wrote about the pier sale. "
        "The Harbor Board will vote on the sale in May.",
        "The Harbor Board plans to sell the Westbury pier to a hotel group. "
        "“Totally unacceptable for our town,” former mayor Ben Ochs wrote about the pier sale "
        "on his blog.",
    )
    points, _ = find_key_points(story)
    texts = [p.text for p in points]
    assert texts
    assert not any(text.startswith("Totally") for text in texts), texts
    assert any(
        text.startswith("“Totally unacceptable for our town,” former mayor Ben Ochs wrote")
        for text in texts
    ), texts


def test_a_pronoun_saying_a_quotation_is_replaced_by_the_speaker() -> None:
    said = "“The Westbury pier will reopen to walkers in May after repairs,”"
    story = _story(
        "Ada Lund, the harbour master, said the storm had torn away the pier's railings. "
        f"{said} she said.",
        "Storm damage shut the pier at Westbury, the Harbor Board said. "
        f"Ada Lund told reporters the board had hired divers. {said} she said.",
    )
    bare, _ = find_key_points(story)
    assert f"{said} she said." in [p.text for p in bare]
    points, _ = find_key_points(story, quotes=find_quotes(story.doc))
    texts = [p.text for p in points]
    # The name is added, so it is in square brackets, as in the summary.
    assert f"{said} [Ada Lund] said." in texts, texts


def test_the_reading_check_of_the_benchmark_tells_a_fragment() -> None:
    from conftest import load_benchmark

    check = load_benchmark("eval_keypoints_read").self_contained
    assert check("The Harbor Board closed the Westbury pier on Monday.")
    assert check("“The pier is unsafe,” harbour master Ada Lund said.")
    assert check("Ada Lund: “We will rebuild the pier.”")
    for fragment in (
        "Far too early for snow,” the former mayor wrote.",  # a stray closing mark
        "I thank the board very much for its work.",  # who is "I"?
        "It is the town's oldest pier.",  # what is "it"?
        "“We will rebuild the pier,” she said.",  # who is "she"?
        "'Because the bill would hand control to the board.",  # no one says it
    ):
        assert not check(fragment), fragment
