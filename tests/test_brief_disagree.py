"""Disagreements: competing values for one slot across outlets, unrelated numbers left alone."""

from __future__ import annotations

import pytest

from brief_seeds import seed_articles
from newsweave.brief.disagree import find_disagreements
from newsweave.brief.doc import StoryDoc
from newsweave.models import Article


def _article(aid: str, outlet: str | None, body: str) -> Article:
    return Article(id=aid, key=aid, title=None, body=body, outlet=outlet)


def test_three_versus_four_killed() -> None:
    articles = [
        _article("a", "Gazette", "At least 3 people were killed when the storm hit Millbrook."),
        _article("b", "Herald", "At least four people were killed when the storm hit Millbrook."),
        _article("c", "Post", "Four people were killed after the storm hit Millbrook on Monday."),
    ]
    (found,) = find_disagreements(StoryDoc.from_articles(articles))
    assert found.topic.startswith("number:")
    assert "killed" in found.topic
    versions = {value: [c.outlet for c in cites] for value, cites in found.versions}
    assert versions == {"3": ["Gazette"], "four": ["Herald", "Post"]}


def test_unrelated_numbers_are_not_flagged() -> None:
    articles = [
        _article("a", "Gazette", "At least 3 people were killed when the storm hit Millbrook."),
        _article("b", "Herald", "The storm destroyed 40 homes and closed 12 schools in Millbrook."),
        _article("c", "Post", "Millbrook has 20,000 residents, the 2020 census found."),
    ]
    assert find_disagreements(StoryDoc.from_articles(articles)) == ()


def test_same_values_in_different_words_agree() -> None:
    articles = [
        _article("a", "Gazette", "The ministry said 250 soldiers crossed the river on June 3."),
        _article("b", "Herald", "On June 3, 250 soldiers crossed the river, the ministry said."),
    ]
    assert find_disagreements(StoryDoc.from_articles(articles)) == ()


def test_dates_and_amounts() -> None:
    articles = [
        _article(
            "a", "Gazette", "The president will arrive in Hanoi on June 19 for a state visit."
        ),
        _article("b", "Herald", "The president will arrive in Hanoi on June 20 for a state visit."),
        _article("c", "Gazette", "The company agreed to pay $1.2 billion to settle the lawsuit."),
        _article("d", "Herald", "The company agreed to pay $1.5 billion to settle the lawsuit."),
    ]
    found = {d.topic.split(":")[0]: d for d in find_disagreements(StoryDoc.from_articles(articles))}
    assert set(found) == {"date", "amount"}
    assert [v for v, _ in found["date"].versions] == ["June 19", "June 20"]
    assert [v for v, _ in found["amount"].versions] == ["$1.2 billion", "$1.5 billion"]


def test_one_outlet_is_not_a_disagreement_with_itself() -> None:
    articles = [
        _article("a", "Gazette", "At least 3 people were killed when the storm hit Millbrook."),
        _article("b", "Gazette", "At least 4 people were killed when the storm hit Millbrook."),
    ]
    assert find_disagreements(StoryDoc.from_articles(articles)) == ()


def test_seeds_do_not_disagree_on_shared_facts() -> None:
    # The seeds agree on the facts they share (first visit since 2017, fifth overall,
    # June 19-20): nothing of that may be reported as a disagreement.
    for disagreement in find_disagreements(StoryDoc.from_articles(seed_articles())):
        values = {value for value, _ in disagreement.versions}
        assert not values & {"2017", "fifth", "June 19-20"}


def test_seeds_disagree_on_the_day_of_the_arrival() -> None:
    # One seed has the visitor welcomed on one day's night, another has him arrive
    # early the next day: competing days for one arrival, from two outlets.
    days = [
        d
        for d in find_disagreements(StoryDoc.from_articles(seed_articles()))
        if d.topic.startswith("day:")
    ]
    assert len(days) == 1
    (versions,) = [d.versions for d in days]
    assert len(versions) == 2
    assert len({c.article_id for _, cites in versions for c in cites}) == 2


def test_different_names_for_one_role() -> None:
    articles = [
        _article(
            "a", "Gazette", "The company named Maria Lund as its new chief executive on Monday."
        ),
        _article(
            "b", "Herald", "The company named Jonas Berg as its new chief executive on Monday."
        ),
    ]
    (found,) = find_disagreements(StoryDoc.from_articles(articles))
    assert found.topic.startswith("name:")
    assert {value for value, _ in found.versions} == {"Maria Lund", "Jonas Berg"}


def test_names_both_outlets_use_are_not_rivals() -> None:
    articles = [
        _article(
            "a",
            "Gazette",
            "Maria Lund met Jonas Berg in Oslo. The company named Maria Lund as its new chief "
            "executive on Monday.",
        ),
        _article(
            "b",
            "Herald",
            "Maria Lund thanked the board. The company named Jonas Berg as its new chief "
            "executive on Monday.",
        ),
        # A short form of a name is the same person.
        _article("c", "Post", "The company named Lund as its new chief executive on Monday."),
    ]
    names = [
        d
        for d in find_disagreements(StoryDoc.from_articles(articles))
        if d.topic.startswith("name:")
    ]
    assert names == []


def test_the_day_of_an_arrival_in_different_words() -> None:
    # The words beside the two days differ ("on ... night" / "arrived early"), but
    # the sentences are about one arrival and each gives one day.
    articles = [
        _article(
            "a",
            "Gazette",
            "Norway is ready as it welcomes German Chancellor Anna Berg on Monday night.",
        ),
        _article(
            "b",
            "Herald",
            "German Chancellor Anna Berg arrived in Oslo early Tuesday to meet Norway's leaders.",
        ),
    ]
    (found,) = find_disagreements(StoryDoc.from_articles(articles))
    assert found.topic.startswith("day:")
    versions = {value: [c.outlet for c in cites] for value, cites in found.versions}
    assert versions == {"Monday night": ["Gazette"], "early Tuesday": ["Herald"]}


def test_a_part_of_the_day_and_the_day_of_a_report_agree() -> None:
    articles = [
        _article("a", "Gazette", "German Chancellor Anna Berg arrived in Oslo on Tuesday night."),
        _article("b", "Herald", "German Chancellor Anna Berg arrived in Oslo on Tuesday."),
        # The day a thing was announced is not a rival day for the thing itself.
        _article(
            "c", "Post", "German Chancellor Anna Berg arrived in Oslo, her office announced Monday."
        ),
    ]
    assert find_disagreements(StoryDoc.from_articles(articles)) == ()


def test_amounts_far_apart_are_two_things_not_one_disputed_figure() -> None:
    from newsweave.brief.build import build_brief

    def brief(first: str, second: str) -> list[str]:
        articles = [
            _article("a", "Gazette", f"Jo Marsh scored {first} points as Dayton beat Akron 80-71."),
            _article("b", "Herald", f"Jo Marsh scored {second} points as Dayton beat Akron 80-71."),
        ]
        return [d.topic for d in build_brief("s", articles).disagreements]

    assert brief("15", "16")  # one figure, two reports: listed
    assert not brief("9", "2,282")  # more than 4 times apart: two things


def _listed(first: str, second: str) -> list[str]:
    from newsweave.brief.build import build_brief

    articles = [_article("a", "Gazette", first), _article("b", "Herald", second)]
    return [d.topic for d in build_brief("s", articles).disagreements]


def test_two_different_ranges_of_one_figure_are_listed() -> None:
    assert _listed(
        "The harbour board said the storm could cost between $400,000 and $900,000 in repairs.",
        "The harbour board said the storm could cost between $300,000 and $700,000 in repairs.",
    )
    # The same range in other words is no disagreement.
    assert not _listed(
        "The harbour board said the storm could cost between $400,000 and $900,000 in repairs.",
        "The harbour board said the storm could cost $400,000 to $900,000 in repairs.",
    )


def test_a_total_and_one_of_its_parts_are_not_a_disagreement() -> None:
    assert not _listed(
        "A court in Tallinn ordered the ferry company to pay $12 million in damages to the crew.",
        "A court in Tallinn ordered the ferry company to pay $4 million in punitive damages "
        "to the crew.",
    )


def test_a_running_count_and_a_later_one_are_not_a_disagreement() -> None:
    assert not _listed(
        "So far 14 villages in the valley have been evacuated because of the flood, police said.",
        "Police said 19 villages in the valley have been evacuated because of the flood.",
    )
    assert not _listed(
        "The army said at least 40 drones launched from the border were shot down on Sunday.",
        "The army said 31 drones launched from the border were shot down on Sunday.",
    )
    # Without a running marker, two counts of one thing are still listed.
    assert _listed(
        "Police said 14 villages in the valley have been evacuated because of the flood.",
        "Police said 19 villages in the valley have been evacuated because of the flood.",
    )


def test_different_ranges_in_few_shared_words_are_listed() -> None:
    # Two outlets give different ranges of one projected figure in different words.
    topics = _listed(
        "Engineers at the ministry said between 3,000 and 6,000 bridges could need repairs "
        "within a decade.",
        "A report found that 3,000 to 4,500 bridges will likely need repairs, the minister "
        "warned on a visit.",
    )
    assert topics == ["number"]
    # Ranges of amounts spent on different things are not listed.
    assert not _listed(
        "The council spent between £10,000 and £40,000 on street lights in the old town last year.",
        "Last year the council spent £50,000 to £120,000 on road repairs in the old town.",
    )


# Real disagreements of the shapes a fact-checker found missed on unseen stories,
# written here as invented sentences on other topics with the same shapes.  Each
# needs more than word overlap and the values' neighbours: the brief does not list
# them yet.  Strict, so that a change that finds one must remove its marker.
@pytest.mark.xfail(strict=True, reason="the two sentences share too few words")
def test_not_yet_one_count_told_in_different_words() -> None:
    assert _listed(
        "Roughly 4 million commuters were stranded when the rail signals failed on Monday, "
        "the operator said.",
        "Trains ran again on Wednesday, two days after a signal fault that left close to "
        "5.2 million passengers stuck.",
    )


@pytest.mark.xfail(strict=True, reason="two words for one counted thing (ferries / boats)")
def test_not_yet_one_count_of_a_thing_named_two_ways() -> None:
    assert _listed(
        "The fog, which has kept 14 ferries in port along the coast, is expected to lift by noon.",
        "Fog held 15 boats and 6 barges in harbour along the coast for a second morning.",
    )


@pytest.mark.xfail(strict=True, reason="one event told in other words, with another month")
def test_not_yet_one_event_in_two_months() -> None:
    assert _listed(
        "The museum's new wing, due to open in May, stayed shut after a pipe burst in the roof.",
        "Curators had hoped to show the carvings in June, but rain coming through the wing's roof "
        "kept its doors closed.",
    )


@pytest.mark.xfail(strict=True, reason="headlines are not read as claims")
def test_not_yet_a_headline_count_against_a_body_count() -> None:
    from newsweave.brief.build import build_brief

    articles = [
        Article(
            id="a",
            key="a",
            title="Museum to hand back 300 carvings to island after decade of talks",
            body="Curators spent the morning packing crates in the basement store.",
            outlet="Gazette",
        ),
        _article(
            "b",
            "Herald",
            "Under the accord, the museum will return 280 carvings to the island, which has "
            "asked for them since the 1990s.",
        ),
    ]
    assert build_brief("s", articles).disagreements


def test_ages_of_two_unnamed_people_are_not_a_disagreement() -> None:
    # Two boys of one description are mostly two boys; a named person's two ages conflict.
    assert not _listed(
        "The blast in the square killed two people, including a 9-year-old girl.",
        "Two people are in a serious state after the blast, including a 6-year-old girl.",
    )
    assert _listed(
        "The blast in the square killed Jo Marsh, 47, a baker, police said on Monday.",
        "The blast in the square killed Jo Marsh, 52, a baker, police said on Monday.",
    )


def test_the_day_of_a_briefing_is_not_the_day_of_the_event() -> None:
    assert not _listed(
        "Police Chief Jo Marsh told reporters on Wednesday that 27 people were arrested "
        "during the looting in Millbrook.",
        "Police Chief Jo Marsh told reporters early Tuesday that 27 people had been arrested "
        "during the looting in Millbrook.",
    )


def test_running_times_after_titles_are_not_times_of_day() -> None:
    assert not _listed(
        "WATCH Harbour board to lend Millbrook its tugs 01:52",
        "Harbour Board Lends Tugs To Millbrook, Mayor Says Listen · 3:47 3:47",
    )
    assert _listed(
        "The ferry left Millbrook harbour at 14:30 with 40 passengers on board.",
        "The ferry left Millbrook harbour at 16:10 with 40 passengers on board.",
    )


def test_a_figure_told_to_fewer_decimals_is_no_disagreement() -> None:
    assert not _listed(
        "Riders who felt their friends agreed were 2.37 times more likely to speak at the "
        "Millbrook council.",
        "Riders who felt their friends agreed were 2.4 times more likely to speak at the "
        "Millbrook council.",
    )
    assert _listed(
        "Riders who felt their friends agreed were 2.37 times more likely to speak at the "
        "Millbrook council.",
        "Riders who felt their friends agreed were 1.8 times more likely to speak at the "
        "Millbrook council.",
    )


def test_days_of_two_different_events_are_no_disagreement() -> None:
    # One thing's days, but two events: closed then reopened, began then ends.
    assert not _listed(
        "Harbour officials closed two of five ferry terminals with Norland Tuesday morning.",
        "The main ferry terminal between Estmark and Norland reopened on Sunday, harbour "
        "officials in Estmark confirmed.",
    )
    assert not _listed(
        "The choir's tour of Norland and Estmark began on Saturday in the capital.",
        "The choir's tour of Norland and Estmark concludes on Sunday in the capital.",
    )
    assert not _listed(
        "An autopsy of the ferry's captain was ordered on Sunday in Millbrook.",
        "An autopsy of the ferry's captain was performed Monday in Millbrook.",
    )
    # The same event on two days is one.
    assert _listed(
        "The old rail bridge over the Millbrook river collapsed on Tuesday after heavy rain.",
        "The old rail bridge over the Millbrook river collapsed on Wednesday after heavy rain.",
    )


def test_a_number_naming_something_is_not_a_count() -> None:
    assert not _listed(
        "Police in Millbrook released new photos of Suspect 2 late on Thursday night.",
        "Police in Millbrook released new photos of Suspect No. 1 late on Thursday night.",
    )
    assert _listed(
        "Police in Millbrook released new photos of 2 suspects late on Thursday night.",
        "Police in Millbrook released new photos of 3 suspects late on Thursday night.",
    )


def test_a_rule_threshold_is_not_a_measured_value() -> None:
    # A rule's, target's or limit's value against one measured: two things.
    assert not _listed(
        "Estmark spends about 3.1% of its gross domestic product on its navy, figures show.",
        "Under the treaty, each member is required to spend 2% of its gross domestic product "
        "on its navy.",
    )
    # Two measured values of one figure are still listed.
    assert _listed(
        "Estmark spends about 3.1% of its gross domestic product on its navy, figures show.",
        "Estmark spends about 2.4% of its gross domestic product on its navy, figures show.",
    )


def test_a_span_of_something_wider_is_another_thing() -> None:
    # A tour of two countries and a tour of one of them: two spans, no dispute.
    assert not _listed(
        "The choir began its nine-day tour of Norland and Estmark on Saturday in the capital.",
        "The choir is on a six-day tour of Estmark, giving concerts in three towns.",
    )
    assert _listed(
        "The choir began its nine-day tour of Estmark on Saturday in the capital.",
        "The choir is on a six-day tour of Estmark, giving concerts in three towns.",
    )
