"""Timeline: a weekday read from the day its sentence was written, to the nearest day
its tense allows; page furniture (embedded posts, galleries) gives no entry.

Invented sentences and dates.
"""

from __future__ import annotations

from datetime import datetime

from newsweave.brief.doc import StoryDoc
from newsweave.brief.timeline import build_timeline
from newsweave.models import Article

SUNDAY = datetime(2024, 6, 9, 10, 0)
MONDAY = datetime(2024, 6, 10, 10, 0)
WEDNESDAY = datetime(2024, 6, 12, 10, 0)
THURSDAY = datetime(2024, 6, 13, 10, 0)
SATURDAY = datetime(2024, 6, 15, 10, 0)


def _dates(body: str, published: datetime) -> dict[str, bool]:
    article = Article(id="a", key="a", title=None, body=body, outlet="Outlet", published=published)
    return {e.date: e.planned for e in build_timeline(StoryDoc.from_articles([article]))}


def test_an_ed_noun_is_no_past_form() -> None:
    # "the riverbed" is no past: the clause of a time limit stays ahead.
    sentence = "Officials said the cable would be laid along the riverbed by Thursday."
    assert _dates(sentence, WEDNESDAY) == {"2024-06-13": True}


def test_what_was_still_to_come_when_said_is_the_nearest_such_weekday() -> None:
    # A modal, a plan or an expectation in the past: the day is after the saying, so
    # the coming weekday when it is nearer than the past one.
    for sentence, published, day in (
        ("The mayor said the bridge would reopen on Friday.", THURSDAY, "2024-06-14"),
        ("The minister said she would table a motion Wednesday.", MONDAY, "2024-06-12"),
        ("The union said it planned to resume talks on Friday.", THURSDAY, "2024-06-14"),
        ("The council was to vote on Monday on the parking plan.", SUNDAY, "2024-06-10"),
        ("The two clubs feel confident they can agree terms Sunday.", SATURDAY, "2024-06-16"),
        (
            "Officials said the pipe would be sunk into the riverbed by Thursday.",
            WEDNESDAY,
            "2024-06-13",
        ),
        ("The court filing was expected on Thursday, a source said.", WEDNESDAY, "2024-06-13"),
        (
            "Forecasters said the storm was not expected to hit the islands until Friday.",
            THURSDAY,
            "2024-06-14",
        ),
    ):
        assert _dates(sentence, published) == {day: True}, sentence
    # The weekday of the saying itself, a day just past, a counterfactual and a
    # nearer past day stay in the past.
    for sentence, published, day in (
        ("Officials said Monday they would reopen the plant.", WEDNESDAY, "2024-06-10"),
        ("The mayor said on Tuesday the bridge would reopen soon.", WEDNESDAY, "2024-06-11"),
        ("He would have turned 50 on Sunday.", WEDNESDAY, "2024-06-09"),
        ("The agency said it expected to feed 900 people on Monday.", THURSDAY, "2024-06-10"),
    ):
        assert _dates(sentence, published) == {day: False}, sentence


def test_a_set_event_someone_has_on_a_named_weekday_is_the_coming_one() -> None:
    assert _dates("The mayor also holds a Thursday rally at the port.", MONDAY) == {
        "2024-06-13": True
    }
    assert _dates("The mayor held a Thursday rally at the port.", MONDAY) == {"2024-06-06": False}


def test_an_article_stamped_a_day_early_is_read_from_the_day_after() -> None:
    # Stamped Wednesday, it tells in the past of "Thursday" three times and of no day
    # between: it was written on the Thursday after its stamp.
    body = (
        "Smoke rose over the town as troops tried Thursday to retake it. "
        "The fighters launched the operation early Thursday morning. "
        "Late Thursday, the council released a statement. "
        "The mayor will speak tomorrow."
    )
    assert _dates(body, WEDNESDAY) == {"2024-06-13": False, "2024-06-14": True}
    # Stamped Thursday: the lead's Friday, with the stamp's Thursday also told.
    body = (
        "The provincial council announced Friday morning that its troops held the bridge. "
        "The offensive began Thursday, and officials said Thursday that roads were cut."
    )
    assert _dates(body, THURSDAY) == {"2024-06-14": False, "2024-06-13": False}


def test_an_article_that_tells_the_days_between_keeps_its_stamp() -> None:
    # A week back told beside the days between is a week back.
    body = (
        "The storm hit the coast on Thursday. "
        "Crews restored power to most homes on Monday. "
        "The governor said Tuesday that schools would reopen."
    )
    assert _dates(body, WEDNESDAY) == {
        "2024-06-06": False,
        "2024-06-10": False,
        "2024-06-11": False,
    }
    # Told once, and away from any verb: no evidence of the day of writing.
    assert _dates("The governor declared an emergency Monday night.", SUNDAY) == {
        "2024-06-03": False
    }
    # Told as still to come, a weekday six days back is the day after the stamp...
    assert _dates("Senators face a vote on the bill Monday.", SUNDAY) == {"2024-06-10": True}
    assert _dates("Markets await Monday's rate decision.", SUNDAY) == {"2024-06-10": True}
    # ...and told done, in its small hours (events in a time zone ahead of the stamp's).
    assert _dates("Police stormed the building early Monday, ending the siege.", SUNDAY) == {
        "2024-06-10": False
    }
    # "since Monday" still looks back.
    assert _dates("The roads have been closed since Monday.", SUNDAY) == {"2024-06-03": False}
    body = "The company completed a test on Sunday. It launched a rocket on Sunday too."
    assert _dates(body, SATURDAY) == {"2024-06-09": False}


def test_a_noun_will_is_no_future() -> None:
    body = "Critics point to the annexation in March -- a breach of the will of the people."
    assert _dates(body, datetime(2024, 8, 7)) == {"2024-03": False}


def test_embedded_posts_and_gallery_captions_give_no_entry() -> None:
    for sentence in (
        "Council splits over the vote https://t.co/Ab12Cd — Jo Doe (@jodoe) June 13, 2024",
        "Great result for the team pic.twitter.com/Xy12 on June 13.",
        "Hide Caption 2 of 9 Photos: The mayor speaks on June 3 in Springfield.",
        "5 of 11 Photos: Flood in the valley Residents wade through water on June 11.",
    ):
        assert _dates(sentence, THURSDAY) == {}, sentence
    # The same event told as prose is an entry.
    assert _dates("Residents waded through water on June 11.", THURSDAY) == {"2024-06-11": False}


def test_the_days_a_story_breaks_on_rank_first() -> None:
    # A day the story breaks on, told by two articles, ranks before a day seven weeks
    # on told by three.
    first = datetime(2024, 3, 1, 9, 0)
    later = datetime(2024, 4, 20, 9, 0)
    bodies = [
        (first, "The dam burst on March 1, flooding the valley."),
        (
            datetime(2024, 3, 2, 9, 0),
            "Rescuers searched the valley after the dam burst on March 1.",
        ),
        (later, "The inquiry into the dam opened on April 20 in the capital."),
        (
            datetime(2024, 4, 21, 9, 0),
            "Engineers told the inquiry on April 20 that the dam was old.",
        ),
        (datetime(2024, 4, 21, 15, 0), "The dam inquiry heard on April 20 from the engineers."),
    ]
    articles = [
        Article(id=str(n), key=str(n), title=None, body=body, outlet=f"O{n}", published=when)
        for n, (when, body) in enumerate(bodies)
    ]
    entries = build_timeline(StoryDoc.from_articles(articles))
    ranks = {e.date: e.rank for e in entries}
    assert ranks["2024-03-01"] < ranks["2024-04-20"], ranks


def test_a_day_told_inside_a_quotation_is_the_speakers() -> None:
    # "today", "tonight", "tomorrow" in quoted words are told from the day of the
    # speaking, which the text does not give: no date of the story.
    for sentence in (
        'A union steward added, "Tonight\'s vote changes nothing for the night shift."',
        "“We keep the pumps running today, and the water is falling,” the engineer said.",
        '"You will march tomorrow to the border," the recruits are told.',
    ):
        assert _dates(sentence, THURSDAY) == {}, sentence
    # Told by the writer, they are the days around the publication.
    assert _dates("The council votes on the plan today.", THURSDAY) == {"2024-06-13": False}


def test_a_photo_caption_in_the_present_gives_no_entry() -> None:
    for sentence in (
        "A man with a bandage on his arm talks on the phone on June 11.",
        "Residents are evacuated from their homes on June 11.",
        "The governor waves after arriving at the airport, Tuesday, June 11, 2024.",
    ):
        assert _dates(sentence, THURSDAY) == {}, sentence
    # A schedule in the present is still to come; a chronology's line and prose stay.
    assert _dates("The summit opens on June 20 in the capital.", THURSDAY) == {"2024-06-20": True}
    assert _dates("11 June: The council announces new flood defences.", THURSDAY) == {
        "2024-06-11": False
    }
    assert _dates("The governor spoke to residents on June 11.", THURSDAY) == {"2024-06-11": False}
