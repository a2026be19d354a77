"""Figures told in other words: tolls updated over days, areas and spans that conflict."""

from __future__ import annotations

from datetime import datetime

from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.conflicts import ConflictOptions
from newsweave.brief.doc import StoryDoc
from newsweave.brief.facts import read_facts
from newsweave.brief.figures import FigureOptions, figure_disagreements
from newsweave.models import Article, Disagreement


def _article(aid: str, outlet: str, body: str, day: int = 3) -> Article:
    return Article(
        id=aid, key=aid, title=None, body=body, outlet=outlet, published=datetime(2030, 5, day)
    )


def _found(*articles: Article) -> list[Disagreement]:
    return figure_disagreements(StoryAlignment(StoryDoc.from_articles(articles)), set())


def test_an_area_is_read_in_square_metres_whatever_its_unit() -> None:
    (miles,) = read_facts("Rangers say 40 square miles of forest burned.").quantities
    (acres,) = read_facts("Rangers say 25,600 acres of forest burned.").quantities
    assert miles.kind == acres.kind == "area"
    assert abs(miles.value - acres.value) / miles.value < 0.01


def test_a_later_higher_toll_is_an_update_with_its_days() -> None:
    (found,) = _found(
        _article(
            "a", "Gazette", "The Harlow Rebels said the blasts in Tormund left 41 people dead.", 3
        ),
        _article(
            "b", "Herald", "The Harlow Rebels admitted the Tormund bombings that killed 47.", 5
        ),
    )
    assert found.topic.startswith("update, not a conflict")
    labels = [label for label, _ in found.versions]
    assert labels == ["41 (reported 3 May 2030)", "47 (reported 5 May 2030, newest)"]


def test_two_tolls_of_one_day_conflict_but_a_bound_does_not() -> None:
    (found,) = _found(
        _article(
            "a", "Gazette", "The Harlow Rebels said the blasts in Tormund left 41 people dead."
        ),
        _article("b", "Herald", "The Harlow Rebels admitted the Tormund bombings that killed 47."),
    )
    assert found.topic == "number: people killed"
    assert not _found(
        _article(
            "a", "Gazette", "The Harlow Rebels said the blasts in Tormund left at least 41 dead."
        ),
        _article("b", "Herald", "The Harlow Rebels admitted the Tormund bombings that killed 47."),
    )


def test_tolls_of_other_places_or_parts_are_not_one_figure() -> None:
    assert not _found(
        _article(
            "a", "Gazette", "The Harlow Rebels said the blasts in Tormund left 41 people dead."
        ),
        _article("b", "Herald", "The Harlow Rebels admitted the Varna bombings that killed 47."),
    )
    assert not _found(
        _article("a", "Gazette", "The Harlow Rebels said the blasts in Tormund killed 12 people."),
        _article(
            "b", "Herald", "The Harlow Rebels said the Tormund blasts killed a guard and 11 others."
        ),
    )


def test_areas_in_other_units_conflict_when_far_apart_and_agree_when_converted() -> None:
    (found,) = _found(
        _article("a", "Gazette", "Officials said more than 200 square kilometers had burned."),
        _article("b", "Herald", "Some 140 square miles of heath went up in flames, rangers say."),
    )
    assert found.topic == "area"
    assert not _found(
        _article("a", "Gazette", "Officials said 200 square kilometers (77 square miles) burned."),
        _article("b", "Herald", "Some 77 square miles of heath went up in flames, rangers say."),
    )


def test_two_spans_of_one_thing_conflict() -> None:
    (found,) = _found(
        _article("a", "Gazette", "The pact ends four years of negotiations between the ports."),
        _article("b", "Herald", "After nearly seven years of negotiations, both unions signed."),
    )
    assert found.topic == "time span"
    assert not _found(
        _article("a", "Gazette", "The pact ends four years of negotiations between the ports."),
        _article("b", "Herald", "After nearly seven years of strikes, both unions signed."),
    )


def test_the_brief_lists_them_among_its_disagreements() -> None:
    articles = [
        _article("a", "Gazette", "The pact ends four years of negotiations between the ports."),
        _article("b", "Herald", "After nearly seven years of negotiations, both unions signed."),
    ]
    topics = [d.topic for d in build_brief("s", articles).disagreements]
    assert topics == ["time span"]


def test_a_sentence_opening_with_digits_is_a_cut_figure_not_read() -> None:
    # "about 5. 4 acres" split after "5.": the second piece opens with digits.
    assert not _found(
        _article("a", "Gazette", "Fire crews circled the 6-acre dairy block before dawn."),
        _article("b", "Herald", "The dairy block covers about 5. 4 acres near the old mill."),
    )


def test_which_toll_a_number_is_comes_from_the_words_beside_it() -> None:
    story = StoryAlignment(
        StoryDoc.from_articles(
            [
                _article(
                    "a",
                    "Gazette",
                    "The Tormund blasts killed four and injured 58, officials said. "
                    "Ada Lund, 26, was killed in the second blast.",
                )
            ]
        )
    )
    from newsweave.brief.figures import _figures

    first = {(f.family, f.value) for f in _figures(story, 0)}
    assert first == {("dead", 4.0), ("hurt", 58.0)}
    assert _figures(story, 1) == []  # an age in apposition, not a toll


def test_a_capitalised_first_word_does_not_tie_two_events() -> None:
    assert not _found(
        _article("a", "Gazette", "Police said the Varna plant blast injured at least 160.", 3),
        _article("b", "Herald", "Police say the Tormund bombs injured at least 180 people.", 5),
    )


def test_a_toll_beside_a_code_of_the_same_number_is_read() -> None:
    """A number glued to a code ("F-16") is no toll, but the toll of the same value
    written apart from it is."""
    (found,) = _found(
        _article(
            "a",
            "Gazette",
            "An F-16 of the Harlow air wing crashed into a Tormund market, killing 16 people.",
        ),
        _article(
            "b", "Herald", "The Harlow air wing jet that fell on the Tormund market killed 19."
        ),
    )
    assert [label for label, _ in found.versions] == ["16", "19"]
    assert not _found(
        _article("a", "Gazette", "The Harlow air wing lost an F-16 over the Tormund market."),
        _article("b", "Herald", "The Harlow air wing jet fell on the Tormund market, killing 19."),
    )


def test_the_sentences_already_shown_are_read_not_changed() -> None:
    articles = (
        _article(
            "a", "Gazette", "The Harlow Rebels said the blasts in Tormund left 41 people dead."
        ),
        _article("b", "Herald", "The Harlow Rebels admitted the Tormund bombings that killed 47."),
    )
    story = StoryAlignment(StoryDoc.from_articles(articles))
    shown: set[tuple[str, int]] = set()
    assert len(figure_disagreements(story, shown)) == 1
    assert shown == set()
    # A sentence another disagreement shows is not listed again.
    assert figure_disagreements(story, frozenset({("a", 0)})) == []


def test_figure_options_are_set_from_the_brief_options() -> None:
    articles = [
        _article(
            "a", "Gazette", "The Harlow Rebels said the blasts in Tormund left 41 people dead."
        ),
        _article("b", "Herald", "The Harlow Rebels admitted the Tormund bombings that killed 47."),
    ]
    assert build_brief("s", articles).disagreements
    # Two tolls of one day conflict only within toll_ratio of each other.
    strict = BriefOptions(disagreements=ConflictOptions(figures=FigureOptions(toll_ratio=1.1)))
    assert not build_brief("s", articles, options=strict).disagreements
