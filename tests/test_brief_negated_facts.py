"""One source denying an act another states done to the same thing."""

from __future__ import annotations

from datetime import datetime

from newsweave.brief.build import build_brief
from newsweave.brief.negated_facts import statements
from newsweave.models import Article


def _listed(first: str, second: str, *, days: int = 0) -> list[str]:
    articles = [
        Article(
            id="a",
            key="a",
            title=None,
            body=first,
            outlet="Gazette",
            published=datetime(2031, 3, 4),
        ),
        Article(
            id="b",
            key="b",
            title=None,
            body=second,
            outlet="Herald",
            published=datetime(2031, 3, 4 + days),
        ),
    ]
    return [d.topic for d in build_brief("s", articles).disagreements]


def test_denials_and_assertions_are_read() -> None:
    (denied,) = statements("Her licence was not revoked, the board said.")
    assert denied.denied
    assert denied.noun == "licence"
    (stated,) = statements("Licences of both pilots had been confiscated in May.")
    assert not stated.denied
    assert (stated.head, stated.act) == (denied.head, denied.act)
    # "not yet": a later report may update it; an active verb is no statement of this kind.
    assert list(statements("The driver has not yet been charged.")) == []
    assert list(statements("Police seized her licence on the spot.")) == []
    # "not" over what follows the act: the act itself is not denied.
    denials = statements("The prisoner was not released as a favour to anyone, officials said.")
    assert not any(s.denied for s in denials)


def test_a_denied_act_against_a_stated_one_is_listed() -> None:
    topics = _listed(
        "Officials in Karsk said the trawler's licence was not revoked before the collision.",
        "The licences of both trawlers had been confiscated weeks before the collision at sea.",
    )
    assert topics == ["done or not: licence"]


def test_other_acts_other_things_and_later_reports_are_not_listed() -> None:
    # Another act done to the same thing.
    assert not _listed(
        "Officials in Karsk said the trawler's licence was not revoked before the collision.",
        "The licences of both trawlers had been renewed weeks before the collision at sea.",
    )
    # The same act done to another thing.
    assert not _listed(
        "Officials in Karsk said the trawler's licence was not revoked before the collision.",
        "The permits of both trawlers had been confiscated weeks before the collision at sea.",
    )
    # A denial days before the assertion: an update, not a conflict.
    assert not _listed(
        "Police said the skipper was not charged after the collision near Karsk.",
        "The skipper was charged on Friday over the collision near Karsk.",
        days=4,
    )
    # Both deny.
    assert not _listed(
        "Officials in Karsk said the trawler's licence was not revoked before the collision.",
        "The licences of both trawlers were never revoked, the ministry said.",
    )


def test_a_denial_overtaken_by_a_later_report_the_same_day_is_no_conflict() -> None:
    def listed(denial_hour: int, statement_hour: int) -> list[str]:
        articles = [
            Article(
                id="a",
                key="a",
                title=None,
                body="Police said the skipper has not been charged over the collision near Karsk.",
                outlet="Gazette",
                published=datetime(2031, 3, 4, denial_hour),
            ),
            Article(
                id="b",
                key="b",
                title=None,
                body="The skipper was charged over the collision near Karsk, police said.",
                outlet="Herald",
                published=datetime(2031, 3, 4, statement_hour),
            ),
        ]
        return [d.topic for d in build_brief("s", articles).disagreements]

    # Morning denial, evening charge: the news moved on.
    assert listed(8, 20) == []
    # A denial published after the statement still disputes it.
    assert listed(20, 8) == ["done or not: skipper"]
