"""Days between one incident and another event, told by two sources as different numbers."""

from __future__ import annotations

from newsweave.brief.build import build_brief
from newsweave.brief.relative_days import day_distances
from newsweave.models import Article


def _listed(first: str, second: str) -> list[str]:
    articles = [
        Article(id="a", key="a", title=None, body=first, outlet="Gazette"),
        Article(id="b", key="b", title=None, body=second, outlet="Herald"),
    ]
    return [d.topic for d in build_brief("s", articles).disagreements]


def test_distances_are_read_with_their_anchor_and_event() -> None:
    text = (
        "The ambush came two days after a convoy was hit by a mine near Karsk, "
        "and four days after the army raised its alert level."
    )
    first, second = day_distances(text)
    assert (first.days, second.days) == (-2, -4)
    assert {"convoy", "karsk"} <= first.event
    assert "alert" in second.event
    assert "convoy" not in second.event
    (bare,) = day_distances(
        "Police would not say if the fire had any link to one the day before in which "
        "a bus driver was stabbed at a depot."
    )
    assert bare.days == -1
    assert {"bus", "driver", "depot"} <= bare.event
    # "the day before" with an object dates the object after the anchor.
    (ahead,) = day_distances("The blast came the day before the summit opened in Karsk.")
    assert ahead.days == 1
    assert list(day_distances("In the days after the flood the town was quiet.")) == []


def test_different_days_between_one_incident_and_one_event_are_listed() -> None:
    topics = _listed(
        "The ambush in Karsk came five days after the army raised its alert level.",
        "The attack came one day after the army raised its alert level nationwide.",
    )
    assert len(topics) == 1
    assert topics[0].startswith("days between two events")
    # "the day before, in which ..." against "two days after ...": one earlier incident.
    assert _listed(
        "Nobody has said if the fire had any link to one the day before in which "
        "a bus driver was stabbed at a depot in Karsk.",
        "The shooting came two days after a man stabbed a bus driver at a depot in Karsk.",
    )


def test_the_same_days_or_other_events_are_not_listed() -> None:
    # The same distance in other words.
    assert not _listed(
        "The ambush in Karsk came five days after the army raised its alert level.",
        "The attack came five days after the army raised its national alert.",
    )
    # Distances to two different events.
    assert not _listed(
        "The ambush in Karsk came five days after the army raised its alert level.",
        "The attack came one day after a court jailed two opposition leaders.",
    )
    # Distances from two different anchors that name no incident and share no word.
    assert not _listed(
        "The vote in the assembly came three days after the governor signed the budget.",
        "Her resignation was announced one day after the governor signed the new budget.",
    )


def _dated(first: str, second: str, days: int) -> list[str]:
    from datetime import datetime, timedelta

    start = datetime(2031, 3, 3)
    articles = [
        Article(id="a", key="a", title=None, body=first, outlet="Gazette", published=start),
        Article(
            id="b",
            key="b",
            title=None,
            body=second,
            outlet="Herald",
            published=start + timedelta(days=days),
        ),
    ]
    return [d.topic for d in build_brief("s", articles).disagreements]


def test_weekdays_of_reports_weeks_apart_are_not_set_against_each_other() -> None:
    first = "The rebels released a video of the captured pilot on Saturday, officials said."
    second = "The rebels released a video of the captured pilot on Sunday, officials said."
    assert _dated(first, second, 1)  # one week: one video, two days
    assert not _dated(first, second, 20)  # weeks apart: two videos


def test_a_threshold_told_as_and_more_or_more_than_is_one_value() -> None:
    from newsweave.brief.facts import read_facts

    (above,) = read_facts("Earners making $90,001 and more pay the top rate.").quantities
    (over,) = read_facts("Earners making more than $90,000 pay the top rate.").quantities
    assert (above.bound, over.bound) == (1, 1)
    (plain, other) = read_facts("Four boats and more than 20 nets were seized.").quantities
    assert (plain.bound, other.bound) == (0, 1)
    assert not _dated(
        "Under the plan, earners making $90,001 and more would pay the top rate of 30%.",
        "Under the plan, earners making more than $90,000 would pay the top rate of 30%.",
        0,
    )


def test_anchors_joined_only_by_came_are_two_anchors() -> None:
    # A speech and an air strike, each placed after the same attack: no dispute.
    assert not _listed(
        "Her speech at the party congress came a day after the bombing of the market in Karsk.",
        "The air strikes came two days after the bombing of the market in Karsk.",
    )


def test_a_figure_in_an_opinion_piece_is_not_a_side_of_a_disagreement() -> None:
    report = "Police said 14 villages in the valley have been evacuated because of the flood."
    column = "Police said 19 villages in the valley have been evacuated because of the flood."
    articles = [
        Article(id="a", key="a", title="Flood in the valley", body=report, outlet="Gazette"),
        Article(id="b", key="b", title="Opinion: Flood again", body=column, outlet="Herald"),
    ]
    assert build_brief("s", articles).disagreements == ()
    assert _listed(report, column)  # the same two sentences in two reports
