"""Timeline: explicit and relative dates in event time, planned events, merged sources."""

from __future__ import annotations

from datetime import datetime

import pytest

from brief_seeds import seed_articles
from newsweave.brief import timeline_rank
from newsweave.brief.doc import StoryDoc
from newsweave.brief.timeline import TimelineOptions, build_timeline
from newsweave.brief.timeline_dates import find_mentions
from newsweave.models import Article

FRIDAY = datetime(2024, 6, 14, 10, 0)


def _article(aid: str, body: str, published: datetime | None = FRIDAY) -> Article:
    return Article(
        id=aid, key=aid, title=None, body=body, outlet=f"Outlet {aid}", published=published
    )


def _dates(body: str, published: datetime | None = FRIDAY) -> dict[str, bool]:
    return {
        e.date: e.planned
        for e in build_timeline(StoryDoc.from_articles([_article("a", body, published)]))
    }


def test_next_weekday_from_a_friday_is_in_the_following_week() -> None:
    assert _dates("The minister will visit Hanoi next Wednesday.") == {"2024-06-19": True}
    # A bare weekday in the past tense is the most recent one.
    assert _dates("The ministry announced the trip on Tuesday.") == {"2024-06-11": False}
    assert _dates("Leaders arrived early Thursday.") == {"2024-06-13": False}
    # A contracted future is a future: the coming Tuesday, planned.
    assert _dates("They'll sign the deal on Tuesday.") == {"2024-06-18": True}


def test_explicit_dates_and_times() -> None:
    assert _dates("The deal was signed on 3 March 2024.") == {"2024-03-03": False}
    assert _dates("The deal was signed 2024-06-10.") == {"2024-06-10": False}
    assert _dates("Talks are expected to start at 9:30 a.m. on June 19.") == {
        "2024-06-19T09:30": True
    }
    # A yearless date takes the year that puts it nearest publication.
    assert _dates("Voting ended on December 30.", datetime(2025, 1, 2)) == {"2024-12-30": False}


def test_relative_periods() -> None:
    assert _dates("Tomorrow the delegation leaves Moscow.") == {"2024-06-15": True}
    assert _dates("Last week, the two sides exchanged letters.") == {"2024-W23": False}
    assert _dates("Leaders will meet again next month.") == {"2024-07": True}
    assert _dates("Prices have risen since May.") == {"2024-05": False}
    assert _dates("Elections are due in 2026.") == {"2026": True}
    # Regression: "a week ago" raised KeyError (seen on allsides text).
    assert _dates("The talks collapsed a week ago.") == {"2024-W23": False}
    assert _dates("The talks collapsed one week ago.") == {"2024-W23": False}


def test_yearless_leap_day_without_publication_date() -> None:
    # Regression: ordering a yearless 29 February raised ValueError (allsides text).
    found = build_timeline(
        StoryDoc.from_articles(
            [
                _article("a", "The vote on February 29 was close.", None),
                _article("b", "On March 3 it ended.", None),
            ]
        )
    )
    assert [e.date for e in found] == ["--02-29", "--03-03"]


def test_planned_event_without_publication_date() -> None:
    dates = _dates("The president is expected to travel on June 19 for talks.", None)
    assert dates == {"--06-19": True}
    # Relative expressions cannot be resolved without a publication date.
    assert _dates("The president arrived on Wednesday night.", None) == {}


def test_words_that_only_look_like_dates() -> None:
    assert _dates("Officials may decide within days; 19 percent agreed.") == {}


def test_same_event_from_two_outlets_is_one_entry_oldest_first() -> None:
    first = _article("a", "The foreign minister will visit Hanoi on June 19 for trade talks.")
    second = _article(
        "b",
        "Vietnam confirmed that the foreign minister will visit Hanoi on June 19.",
        datetime(2024, 6, 15),
    )
    other = _article("c", "A court in Paris ruled on June 19 in an unrelated case.")
    earlier = _article("d", "The invitation was sent in March 2024.")
    timeline = build_timeline(StoryDoc.from_articles([first, second, other, earlier]))
    assert [e.date for e in timeline] == ["2024-03", "2024-06-19", "2024-06-19"]
    merged = timeline[1]
    assert merged.planned
    assert [c.outlet for c in merged.citations] == ["Outlet a", "Outlet b"]
    assert merged.text == first.body
    assert [c.outlet for c in timeline[2].citations] == ["Outlet c"]


def test_one_article_giving_one_date_twice_is_one_entry() -> None:
    article = _article(
        "a",
        "The ambassador said the minister will be in Hanoi on June 19. "
        "An official confirmed to reporters that the minister's trip is set for June 19. "
        "Separately, a court in Hanoi will rule on a land case on June 21.",
    )
    timeline = build_timeline(StoryDoc.from_articles([article]))
    assert [e.date for e in timeline] == ["2024-06-19", "2024-06-21"]
    # Issue 17: one page is one source: the entry cites the article once.
    assert [c.article_id for c in timeline[0].citations] == ["a"]


def test_seed_visit_dates_are_planned() -> None:
    timeline = build_timeline(StoryDoc.from_articles(seed_articles()))
    planned = [e for e in timeline if e.planned]
    assert any(e.date.endswith("06-19") and "June 19" in e.text for e in planned), timeline
    for entry in timeline:
        ids = [c.article_id for c in entry.citations]
        assert len(ids) == len(set(ids)), f"an article cited twice: {entry}"
        for citation in entry.citations:
            article = next(a for a in seed_articles() if a.id == citation.article_id)
            assert citation.text in article.body


def test_relative_days_at_the_ends_of_the_calendar_are_skipped() -> None:
    # Resolving "next Monday" from 31 December 9999 overflowed and stopped the brief.
    article = _article(
        "a", "Talks resume next Monday. They ended yesterday.", datetime(9999, 12, 31)
    )
    assert [entry.date for entry in build_timeline(StoryDoc.from_articles([article]))] == [
        "9999-12-30"
    ]


def test_background_dates_are_left_out() -> None:
    # Years before the story's first publication are context, not its events.
    assert _dates("It is his first visit since 2017.") == {}
    assert _dates("The deal was signed on 3 March 2023.") == {}
    assert _dates("The talks began in March 2024.") == {"2024-03": False}
    # A bare year up to the story's own is context too.
    assert _dates("Prices rose again this year and in 2024.") == {}
    # Without publication dates, the latest year the story names stands for its year.
    found = build_timeline(
        StoryDoc.from_articles(
            [
                _article("a", "It is his first visit since 2017.", None),
                _article("b", "Relations cooled in March 2021 after the vote.", None),
                _article("c", "The talks began in May 2023 in Geneva.", None),
            ]
        )
    )
    assert [e.date for e in found] == ["2023-05"]


def test_page_clutter_gives_no_entry() -> None:
    body = (
        "Updated 10:32 AM, June 14, 2024\n"
        "Jane Doe, Staff Writer, June 14, 2024\n"
        "The minister arrived in Hanoi on Thursday.\n"
        "Posted on June 13, 2024 by admin"
    )
    assert _dates(body) == {"2024-06-13": False}


def test_a_period_holding_the_publication_day_is_planned_when_its_clause_says_so() -> None:
    assert _dates("The wells reached the leak in early June.") == {"2024-06": False}
    assert _dates("The wells will reach the leak by late June.") == {"2024-06": True}
    assert _dates("The bridge will be closed this week.") == {"2024-W24": True}


def test_a_yearless_month_is_the_nearest_one_or_the_one_its_word_says() -> None:
    assert _dates("The first well should be finished by mid-August.") == {"2024-08": True}
    assert _dates("The leak was found in early March.") == {"2024-03": False}
    assert _dates("Talks have stalled since August.") == {"2023-08": False}
    assert _dates("The first well should be finished by August.") == {"2024-08": True}


def test_a_date_opened_by_a_clause_word_keeps_its_clause_tense() -> None:
    # "until" opens the date, not a clause of its own: the future is the sentence's.
    assert _dates("The relief wells likely won't be completed until August.") == {"2024-08": True}


def test_a_short_piece_between_commas_takes_its_neighbours_tense() -> None:
    assert _dates("The minister will, on Sunday, open the bridge.") == {"2024-06-16": True}
    assert _dates("The dam broke on Tuesday, killing 11 people in the valley.") == {
        "2024-06-11": False
    }


def test_page_time_stamps_inside_text_are_clutter() -> None:
    body = "Swine flu reaches Europe Thursday 30 April 2009 19.10 BST Officials said more cases."
    assert _dates(body, datetime(2009, 4, 30)) == {}
    comment = "At 08:23 30th Apr 2009, a reader wrote: this article misses the point."
    assert _dates(comment, datetime(2009, 4, 30)) == {}
    # A photo caption's label opens no sentence of the story.
    caption = "FILE PHOTO: The senator speaks at a town hall in Dover, May 2, 2024."
    assert _dates(caption, datetime(2024, 6, 14)) == {}
    assert _dates("Photo: Crews at the well on 3 May 2024.", datetime(2024, 6, 14)) == {}
    # A time zone and a weekday between the clock and the date keep it a stamp.
    stamp = "Page last updated at 16:51 GMT, Thursday, 30 April 2009 Crews pumped water all day."
    assert _dates(stamp, datetime(2009, 4, 30)) == {}
    assert _dates("The crews left at 4 p.m. on Thursday, 30 April 2009.", datetime(2009, 5, 2)) == {
        "2009-04-30T16:00": False
    }


def test_planned_is_read_per_clause() -> None:
    # One sentence, two clauses: the past one is not planned, the future one is.
    dates = _dates("The well blew out on Tuesday, and engineers will try again on Sunday.")
    assert dates == {"2024-06-11": False}, "one entry per sentence: its first dated clause"
    found = build_timeline(
        StoryDoc.from_articles(
            [
                _article("a", "The well blew out on Tuesday, and crews will return on Sunday."),
                _article("b", "Crews will return to the well on Sunday to seal it."),
            ]
        )
    )
    assert {e.date: e.planned for e in found} == {"2024-06-11": False, "2024-06-16": True}


def test_weekday_names_that_are_names_are_no_dates() -> None:
    assert _dates("The Sunday Times reported the deal first.") == {}
    assert _dates("He spoke on the anniversary of the Good Friday Agreement.") == {}
    assert _dates("On Sunday the minister reported the deal.") == {"2024-06-09": False}


def test_no_sentence_stands_under_two_dates() -> None:
    article = _article(
        "a",
        "The cap was fitted on 1 June and oil was collected from 2 June. "
        "Crews worked through the night of June 1 to fit the cap on the well.",
    )
    timeline = build_timeline(StoryDoc.from_articles([article]))
    texts = [e.text for e in timeline]
    assert len(texts) == len(set(texts))


def test_ranks_put_the_most_mentioned_day_first_and_cap_the_timeline() -> None:
    articles = [
        _article(str(n), f"The dam broke on June 10, flooding village number {n}.")
        for n in range(3)
    ] + [_article("x", "A report on the dam was published on June 3.")]
    timeline = build_timeline(StoryDoc.from_articles(articles))
    assert [(e.date, e.rank) for e in timeline] == [("2024-06-03", 2), ("2024-06-10", 1)]
    short = build_timeline(StoryDoc.from_articles(articles), options=TimelineOptions(max_entries=1))
    assert [e.date for e in short] == ["2024-06-10"]


def test_sentences_off_the_story_give_no_entry() -> None:
    articles = [
        _article(str(n), f"The river dam broke on June 10 and flooded village {n}.")
        for n in range(5)
    ] + [_article("x", "Our weekly newsletter launched on June 3 with new puzzles.")]
    timeline = build_timeline(StoryDoc.from_articles(articles))
    assert [e.date for e in timeline] == ["2024-06-10"]


def test_print_edition_notes_are_page_clutter() -> None:
    """Issue 17: "A version appeared on p2 of the ... section on Friday 30 April" is no event."""
    article = _article(
        "a",
        "Engineers capped the well on June 20, officials said. "
        "A version appeared on p4 of the News section of the paper on Friday 25 June 2024. "
        "This article appeared in print on June 26, 2024.",
    )
    timeline = build_timeline(StoryDoc.from_articles([article]))
    assert [e.date for e in timeline] == ["2024-06-20"]


def _found(sentence: str) -> dict[str, str]:
    """What ``find_mentions`` reads in ``sentence``, published on FRIDAY."""
    return {sentence[m.start : m.end]: m.when.iso() for m in find_mentions(sentence, FRIDAY.date())}


def test_a_month_of_a_year_reads_the_year() -> None:
    assert _found("Riots swept the port in November of 1903.") == {"in November of 1903": "1903-11"}
    assert _found("The mill opened in Sept. of 1950, records show.") == {
        "in Sept. of 1950": "1950-09"
    }
    assert _found("The mill opened in September 1950.") == {"in September 1950": "1950-09"}
    assert _found("The bridge was closed in July of last year.") == {
        "in July of last year": "2023-07"
    }
    assert _found("The bridge was closed on 9 July last year.") == {
        "9 July last year": "2023-07-09"
    }
    assert _found("The bridge will reopen in March of next year.") == {
        "in March of next year": "2025-03"
    }
    # "may" the verb before "this year" is no month.
    assert "2024-05" not in _found("Prices may this year fall again.").values()
    # In the timeline: the old date is background, never this year's November.
    assert _dates("Riots swept the port in November of 1903, the mayor recalled.") == {}


def test_a_month_inside_a_name_is_no_date() -> None:
    assert _found("The judges ruled in July Freight Lines v. Ohio on a narrow point.") == {}
    assert _found("The hearing was chaired by August Lindqvist, a retired judge.") == {}
    assert _found("Lawyers argued until October Holdings agreed to settle.") == {}
    assert _dates("Lawyers for July Freight Lines will appeal, the firm said.") == {}
    # A month used as a date: a comma, a lower-case word, a day or the sentence start.
    assert _found("The plant closed in July, the union said.") == {"in July": "2024-07"}
    assert _found("The plant closed in July after a fire.") == {"in July": "2024-07"}
    assert _found("In March Parliament passed the budget.") == {"In March": "2024-03"}
    assert _found("The plant closed on July 2 Reuters said.") == {"July 2": "2024-07-02"}


def test_a_weekday_of_no_week_near_publication_is_left_undated() -> None:
    # FRIDAY is 14 June 2024: a bare "on Tuesday" is the 11th...
    assert _found("The mayor resigned on Tuesday.") == {"on Tuesday": "2024-06-11"}
    # ...but "a Tuesday", "every Tuesday" or "the first Tuesday in May" is no such day,
    assert _found("The mayor resigned on a Tuesday, aides recalled.") == {}
    assert _found("The council meets every Tuesday.") == {}
    assert _found("The mayor spoke on a Tuesday night call with donors.") == {
        "Tuesday": "2024-06-11"
    }
    assert _found("Sales fell last month, Tuesday's report shows.") == {
        "last month": "2024-05",
        "Tuesday": "2024-06-11",
    }
    assert _found("The mayor said at a Tuesday news conference that he quits.") == {
        "Tuesday": "2024-06-11"
    }
    first = _found("Voters went to the polls on the first Tuesday in November.")
    assert not any("Tuesday" in text for text in first)
    # nor is a Tuesday right beside another month or week.
    assert _found("The mayor resigned last month, on a Tuesday.") == {"last month": "2024-05"}
    assert _found("The mayor resigned on Tuesday last month.") == {"last month": "2024-05"}
    assert _dates("In April, on Tuesday, the mayor resigned over the budget.") == {"2024-04": False}
    # A month or week named elsewhere says nothing of the weekday's week: on real
    # news such a Tuesday is nearly always the one of the publication's week.
    assert _found("The council split last month and on Tuesday the mayor resigned.") == {
        "last month": "2024-05",
        "on Tuesday": "2024-06-11",
    }
    assert _found("A statement on Tuesday said claims fell last week.") == {
        "on Tuesday": "2024-06-11",
        "last week": "2024-W23",
    }
    assert _found("The city said in a statement Tuesday that it will appeal.") == {
        "Tuesday": "2024-06-11"
    }
    # "last Tuesday" says which week it is; a month beside it does not undo it.
    assert _found("The mayor resigned last Tuesday in June.")["last Tuesday"] == "2024-06-11"


def test_the_day_something_was_said_keeps_its_tense_apart_from_what_was_said() -> None:
    # FRIDAY is 14 June 2024: the Wednesday of the announcement is the 12th, not the 19th.
    assert _dates("The airline announced Wednesday that it will cut routes.") == {
        "2024-06-12": False
    }
    assert _dates("The airline said on Monday that fares will rise next year.") == {
        "2024-06-10": False
    }
    # What was said keeps its own tense, and "that" before a time word opens no clause.
    assert _dates("The airline said that it will cut routes on Wednesday.") == {"2024-06-19": True}
    assert _dates("The airline will say on Wednesday that it cut routes.") == {"2024-06-19": True}
    assert _dates("The depot burned that Wednesday and will not reopen.") == {"2024-06-12": False}


def test_a_weekday_in_the_present_tense_of_a_schedule_is_the_coming_one() -> None:
    wednesday = datetime(2024, 6, 12, 9, 0)
    # "opens on Friday" said on a Wednesday is this week's Friday, still to come...
    assert _dates("The fair opens to visitors on Friday.", wednesday) == {"2024-06-14": True}
    assert _dates("Hearings resume Monday, the court said.", wednesday) == {"2024-06-17": True}
    # ...a past form in the clause keeps the past one, and a noun is no verb.
    assert _dates("The fair opened to visitors on Friday.", wednesday) == {"2024-06-07": False}
    assert _dates("The mayor's visit on Friday was short.", wednesday) == {"2024-06-07": False}
    # Said on the day itself it is that day, not planned.
    assert _dates("Trading opens on Wednesday.", wednesday) == {"2024-06-12": False}


def test_a_weekday_before_a_date_names_that_dates_day() -> None:
    # "Monday, June 10" is the 10th; the weekday alone would be read another way.
    assert _found("The crew begins drilling Monday, June 10, 2024.") == {
        "June 10, 2024": "2024-06-10"
    }
    assert _found("The festival runs Monday 17 to Friday 21 June.") == {"21 June": "2024-06-21"}


def test_a_day_of_that_year_is_not_this_years() -> None:
    # "that year" is a year named before, not the publication's: no date to give.
    assert _found("He won his 300th game on March 3 of that year.") == {}
    assert _found("By May of the following year the plant had closed.") == {}
    assert _found("He won his 300th game on March 3 this year.") == {
        "March 3 this year": "2024-03-03"
    }


def test_background_of_a_story_without_publication_dates_is_left_out() -> None:
    lead = "The club fired its coach on Tuesday after a run of nine defeats."
    filler = " ".join(f"Fans gathered outside the ground for the {n}th time." for n in range(6))
    first = _article(
        "a",
        f"{lead} {filler} The coach was hired on May 23, 2019, after two seasons abroad.",
        None,
    )
    second = _article(
        "b",
        "The board named a caretaker. The vote on a new coach will be held on March 9, 2021.",
        None,
    )
    timeline = build_timeline(StoryDoc.from_articles([first, second]))
    # The hiring, told in passing deep in one article, is background; what is still
    # to come stays.
    assert [(e.date, e.planned) for e in timeline] == [("2021-03-09", True)]
    # The same sentence at the top of an article is what it is about.
    opening = _article("c", "The coach was hired on May 23, 2019, after two seasons abroad.", None)
    assert [e.date for e in build_timeline(StoryDoc.from_articles([opening]))] == ["2019-05-23"]


def test_a_yearless_month_or_day_of_what_is_still_to_come_is_the_coming_one() -> None:
    march = datetime(2024, 3, 6)
    # A modal or an intent's "to", and no past form: the coming November / June 30.
    assert _dates("He is best placed to beat the governor in November.", march) == {"2024-11": True}
    assert _dates("The loans would be open for a period ending June 30.", march) == {
        "2024-06-30": True
    }
    assert _dates("Turnout may fall in November.", march) == {"2024-11": True}
    # A past form, a plain "to", or a day named before its event stays in the past.
    assert _dates("The firm was set up in November.", march) == {"2023-11": False}
    assert _dates("After refusing to sign in November, she left.", march) == {"2023-11": False}
    assert _dates("Investors could see the June 30 report as a warning.", march) == {
        "2023-06-30": False
    }


def test_a_weekday_right_after_a_past_form_is_the_past_one() -> None:
    wednesday = datetime(2024, 6, 12)
    # "will" later in the clause does not make the meeting planned.
    assert _dates(
        "Volunteers gathered Monday to plan what they expect will be a long cleanup.", wednesday
    ) == {"2024-06-10": False}
    # A passive still to come stays ahead.
    assert _dates("The charges will be formally released Monday.", wednesday) == {
        "2024-06-17": True
    }


THURSDAY = datetime(2024, 6, 13, 9, 0)  # the past Monday is the 10th, the coming one the 17th


def test_a_plan_or_expectation_puts_a_weekday_in_the_coming_week() -> None:
    # A plan in the progressive, an expectation without "to", a plan told in the past
    # of a day still to come, and a participle after "expected to": the coming weekday.
    assert _dates("The governor is planning a fundraiser for him Monday night.", THURSDAY) == {
        "2024-06-17": True
    }
    assert _dates("A second round of blackouts is expected Tuesday.", THURSDAY) == {
        "2024-06-18": True
    }
    assert _dates("Union delegates were already set to gather in Toledo on Friday.", THURSDAY) == {
        "2024-06-14": True
    }
    sunday = datetime(2024, 6, 16, 9, 0)
    assert _dates(
        "The rain was heavier and expected to last two days, easing Monday night.", sunday
    ) == {"2024-06-17": True}
    # A past expectation, a past form or a present perfect stays in the past week.
    assert _dates("A ruling was expected Tuesday but was delayed.", THURSDAY) == {
        "2024-06-11": False
    }
    assert _dates("A ruling was not likely to come until Tuesday.", THURSDAY) == {
        "2024-06-11": False
    }
    assert _dates("A ruling is not expected until Tuesday.", THURSDAY) == {"2024-06-18": True}
    assert _dates("The mayor has resigned on Monday.", THURSDAY) == {"2024-06-10": False}


def test_a_possessive_weekday_follows_its_clauses_tense() -> None:
    # "Tuesday's runoff": a plan or a future in its clause is the coming Tuesday...
    assert _dates("Both camps are preparing for Tuesday's runoff.", THURSDAY) == {
        "2024-06-18": True
    }
    assert _dates("Tuesday's runoff will settle the seat.", THURSDAY) == {"2024-06-18": True}
    # ...any other clause, a time after it, or an outcome (even with "will" further on)
    # is the past one.
    assert _dates("The cause of Tuesday's blast is unknown.", THURSDAY) == {"2024-06-11": False}
    assert _dates("Markets steadied after Tuesday's vote.", THURSDAY) == {"2024-06-11": False}
    assert _dates("Tuesday's tally hints at what the council will do in the autumn.", THURSDAY) == {
        "2024-06-11": False
    }


def test_a_past_expectation_keeps_the_past_weekday() -> None:
    # "it expected to" is a verb of the past; "another expected on Tuesday" is not.
    assert _dates("The agency said it expected to feed 900 people on Monday.", THURSDAY) == {
        "2024-06-10": False
    }
    assert _dates("It was the third closure, with another expected on Tuesday.", THURSDAY) == {
        "2024-06-18": True
    }


def test_a_possessive_weekday_of_a_set_event_in_a_present_clause_is_the_coming_one() -> None:
    # An election, a hearing, a match is held on a day set in advance: with no past
    # form in its clause (a present perfect looks at now), "Tuesday's" one is ahead...
    for sentence in (
        "Both camps have spent heavily on Tuesday's election.",
        "The mayor is the favourite in Tuesday's primary.",
        "Polls show a close race ahead of Tuesday's vote.",
    ):
        assert _dates(sentence, THURSDAY) == {"2024-06-18": True}, sentence
    # ...but a past form, an outcome before it or an outcome verb tells it is over, and
    # an event nobody schedules stays the past one.
    for sentence in (
        "Voters rejected the levy in Tuesday's election.",
        "Turnout in Tuesday's election is the highest in decades.",
        "Democrats have won Tuesday's runoff by a wide margin.",
        "The cause of Tuesday's blast is unknown.",
    ):
        assert _dates(sentence, THURSDAY) == {"2024-06-11": False}, sentence


def test_a_present_schedule_of_voters_and_candidates_is_the_coming_day() -> None:
    assert _dates("Voters go to the polls on Tuesday to pick a mayor.", THURSDAY) == {
        "2024-06-18": True
    }
    assert _dates("The candidates head to a final rally on Tuesday night.", THURSDAY) == {
        "2024-06-18": True
    }
    # A noun that is also a verb is no schedule: "In Tuesday's match, both praised ...".
    assert _dates("In Tuesday's match, both captains praised the referee.", THURSDAY) == {
        "2024-06-11": False
    }


def test_an_explicit_date_beside_a_relative_day_names_the_day() -> None:
    # Said on Thursday, published on Friday: the date in the sentence wins.
    assert _found('"I declare today, June 13, 2024, a day of mourning," the governor said.') == {
        "June 13, 2024": "2024-06-13"
    }
    assert _found("Tomorrow (15 June) marks a year since the flood.") == {"15 June": "2024-06-15"}
    assert _found("The album is released today (12 June).") == {"12 June": "2024-06-12"}


def test_a_date_inside_a_quoted_title_or_slogan_is_no_date() -> None:
    assert _found('Nurses rallied under the slogan "Walk Out in April" three years ago.') == {}
    assert _found('The senator told the "Sunday Today" programme that talks had failed.') == {}
    # A quoted sentence is speech, and its dates are dates.
    assert _found('"The next landing slot is on 9 July," an official said.') == {
        "9 July": "2024-07-09"
    }


def test_a_yearless_month_takes_the_year_its_sentence_gives() -> None:
    assert _found("In 2021, nurses walked out in April over staffing.") == {
        "In 2021": "2021",
        "in April": "2021-04",
    }
    assert _found("Floods hit the valley in March and April 2019.") == {
        "in March": "2019-03",
        "April 2019": "2019-04",
    }
    # A year elsewhere in the sentence says nothing of the month.
    assert (
        _found("The trial will open in November over a fire that killed nine in 2019.")[
            "in November"
        ]
        == "2024-11"
    )
    # In the timeline the month is background, not this year's April.
    assert _dates("In 2021, nurses walked out in April over staffing, the union recalled.") == {}


def test_a_loose_weekday_is_the_day_its_passage_means() -> None:
    # One passage names one Tuesday: "go to the polls on Tuesday" settles the weekday
    # that nothing in its own clause dates ("the weather on Tuesday"), so the vote is
    # one entry, not a past and a planned one.
    body = (
        "Voters go to the polls on Tuesday to choose a new council for the port city. "
        "Rain on Tuesday could keep council turnout low in the port city, officials say. "
        "Markets fell in the port city last month after the council budget row."
    )
    timeline = build_timeline(StoryDoc.from_articles([_article("a", body, THURSDAY)]))
    assert {e.date: e.planned for e in timeline} == {"2024-05": False, "2024-06-18": True}
    # A day after which something happened, or a passage with no coming Tuesday, is past.
    assert _dates("Officials met again following the visit on Tuesday.", THURSDAY) == {
        "2024-06-11": False
    }
    assert _dates("Rain on Tuesday could keep turnout low, officials say.", THURSDAY) == {
        "2024-06-11": False
    }


def test_a_weekday_something_came_after_is_the_past_one() -> None:
    # "return" is a schedule, but the tour it comes after is over.
    assert _dates(
        "Inspectors return to the dam this week after the governor's tour on Tuesday.",
        THURSDAY,
    ) == {"2024-06-11": False}


def test_a_coarse_entry_telling_a_days_event_inside_it_goes() -> None:
    monday = datetime(2024, 6, 17, 9, 0)  # "last week" is 10-16 June
    articles = [
        _article(
            "a",
            "Last week the agency, citing rising cases, declared a national flu emergency.",
            monday,
        ),
        _article(
            "b",
            "On 11 June the health agency declared a national flu emergency, closing schools "
            "and offices across the north.",
            monday,
        ),
        _article("c", "Last month the port council approved a new harbour budget.", monday),
    ]
    timeline = build_timeline(StoryDoc.from_articles(articles))
    assert [e.date for e in timeline] == ["2024-05", "2024-06-11"]
    assert [e.rank for e in sorted(timeline, key=lambda e: e.rank or 0)] == [1, 2]


def test_a_wire_lead_starts_after_its_dateline() -> None:
    # The page's headline and time stamp run into the lead's "sentence": the entry is
    # the lead, and the stamp's date is no event.
    body = (
        "Agency raises flu alert GENEVA | Tue Jun 11, 2024 4:19 am BST GENEVA (Wire) - The "
        "health agency raised its flu alert on Tuesday after cases spread to new regions."
    )
    timeline = build_timeline(StoryDoc.from_articles([_article("a", body)]))
    assert [(e.date, e.text) for e in timeline] == [
        (
            "2024-06-11",
            "The health agency raised its flu alert on Tuesday after cases spread to new regions.",
        )
    ]
    assert _dates(
        "LONDON, June 12 (Wire) -- Talks on the harbour budget will resume on Monday."
    ) == {"2024-06-17": True}


def test_an_undated_lead_joins_the_event_it_tells_of_its_day() -> None:
    wednesday = datetime(2024, 6, 12, 18, 0)
    evening = datetime(2024, 6, 12, 21, 0)
    articles = [
        _article(
            "a",
            "The health agency raised its flu alert to phase five on Wednesday as cases spread.",
            wednesday,
        ),
        # Undated leads of that day: the first tells the same event; the second tells
        # something else and makes no entry of its own; a headline or a lead naming a
        # year joins nothing.
        _article(
            "b",
            "GENEVA (Wire) - The health agency raised its flu alert to phase five, warning "
            "that cases spread fast.",
            evening,
        ),
        _article("d", "Health Agency Raises Flu Alert To Phase Five As Cases Spread", wednesday),
        _article(
            "e",
            "The health agency raised its flu alert to phase five as the 2019 strain spread.",
            wednesday,
        ),
        _article(
            "c", "Harbour workers in the port city began a strike over pay and hours.", wednesday
        ),
    ]
    timeline = build_timeline(StoryDoc.from_articles(articles))
    assert [(e.date, sorted(c.article_id for c in e.citations)) for e in timeline] == [
        ("2024-06-12", ["a", "b"])
    ]


def test_a_weekday_whose_subject_did_something_is_the_past_one() -> None:
    # A past form right after the weekday, or "said" before what was said, dates the
    # saying, whatever will come in what was said...
    for sentence in (
        "The school on Tuesday conceded there will be larger classes.",
        "On Tuesday, the mayor said it will close the bridge.",
    ):
        assert _dates(sentence, THURSDAY) == {"2024-06-11": False}, sentence
    # ...but a participle after a weekday of what is still to come, and a plan said in
    # the past, are no past.
    for sentence in (
        "The director will chair a meeting on Tuesday focused on the budget.",
        "The vote on Tuesday was set to decide the harbour budget.",
    ):
        assert _dates(sentence, THURSDAY) == {"2024-06-18": True}, sentence


SUNDAY = datetime(2024, 6, 16, 9, 0)  # the past Monday is the 10th, the coming one the 17th
WEDNESDAY = datetime(2024, 6, 12, 9, 0)


def test_a_text_updated_after_its_stamp_reads_its_days_from_the_update() -> None:
    # "As of Monday afternoon" in an article stamped the Sunday before: the text was
    # written on the Monday after, and its other days are read from there.
    body = (
        "As of Monday afternoon, the reservoir had risen four feet. "
        "A boil-water notice is in force through 4 p.m. on Wednesday."
    )
    assert _dates(body, SUNDAY) == {"2024-06-17": False, "2024-06-19T16:00": True}
    # Read from that Monday, a past Tuesday is still the one before it.
    body = "As of Monday afternoon, the reservoir had risen four feet. The treasurer quit Tuesday."
    assert _dates(body, SUNDAY) == {"2024-06-17": False, "2024-06-11": False}
    # "as of" a day four days back is that day; "as of Monday" in a clause of the future
    # starts something and says nothing of when the text was written.
    assert _dates("As of Friday, the agency has authorized four tests.", datetime(2024, 6, 11)) == {
        "2024-06-07": False
    }
    body = "The office will be closed as of Monday. The mayor resigned Tuesday."
    assert _dates(body, SUNDAY) == {"2024-06-17": True, "2024-06-11": False}
    # Without such a line the stamp is the day of writing.
    assert _dates("The governor declared an emergency Saturday night.", SUNDAY) == {
        "2024-06-15": False
    }


def test_a_time_limit_ahead_is_the_coming_weekday() -> None:
    for sentence, day in (
        ("The notice is in force through 4 p.m. on Wednesday.", "2024-06-19T16:00"),
        ("The ferry could reach the island by Friday.", "2024-06-14"),
    ):
        assert _dates(sentence, THURSDAY) == {day: True}, sentence
    # A past limit, a past told by it, and "by" of an agent stay in the past week.
    for sentence, day in (
        ("The closure lasted until Wednesday.", "2024-06-12"),
        ("The parcel had reached the depot by Monday.", "2024-06-10"),
        ("Hundreds were stranded by Tuesday's storm.", "2024-06-11"),
    ):
        assert _dates(sentence, THURSDAY) == {day: False}, sentence


def test_an_event_someone_has_or_holds_on_a_weekday_is_the_coming_one() -> None:
    assert _dates(
        "The permit was requested by the brewer, who has a zoning hearing Friday.", WEDNESDAY
    ) == {"2024-06-14": True}
    assert _dates("The garden club holds its annual auction Monday at the library.", WEDNESDAY) == {
        "2024-06-17": True
    }
    assert _dates("At a session Friday, the board approved the new tariff.", WEDNESDAY) == {
        "2024-06-07": False
    }


def test_a_planned_day_is_the_nearest_such_weekday() -> None:
    sentence = "A concert by the two village choirs planned for Saturday was quietly called off."
    assert _dates(sentence, FRIDAY) == {"2024-06-15": True}
    assert _dates(sentence, SUNDAY) == {"2024-06-15": False}


def test_this_week_said_on_a_sunday_of_what_is_to_come_is_the_coming_week() -> None:
    assert _dates(
        "Service on the tram line is likely to be reduced for most of this week.", SUNDAY
    ) == {"2024-W25": True}
    assert _dates("Volunteers repainted the benches this week.", SUNDAY) == {"2024-W24": False}


def test_a_date_that_only_anchors_another_event_does_not_date_the_sentence() -> None:
    assert _dates(
        "The last ballots were counted before noon on Wednesday, two weeks after the May 14 vote.",
        THURSDAY,
    ) == {"2024-06-12": False}
    assert (
        _dates("Councillors met in a special session, weeks after the May 14 referendum.", THURSDAY)
        == {}
    )
    # The event itself, or an event held in it, keeps its date.
    assert _dates("Voters rejected the levy in the May 14 election.", THURSDAY) == {
        "2024-05-14": False
    }


def test_a_request_for_comment_is_no_event() -> None:
    assert (
        _dates("The ferry operator did not reply to a request for comment made on Wednesday.") == {}
    )
    assert _dates("The mayor could not be reached for comment Thursday.") == {}
    assert _dates("A spokeswoman for the ferry line was not available to comment on Tuesday.") == {}
    assert _dates(
        "The bakery, which did not reply to requests for comment, announced on Wednesday "
        "it would shut its second shop."
    ) == {"2024-06-12": False}


def test_a_list_of_dated_headlines_is_no_entry_but_a_chronology_is() -> None:
    links = "June 4: Rail union sets a strike date\nJune 3: Commuters crowd the last trains\n"
    assert _dates(links) == {}
    assert _dates("20 May: The bridge reopens after a month of repairs.") == {"2024-05-20": False}


def test_a_day_after_the_stamp_told_as_done_is_not_planned() -> None:
    # A text stamped before the day it tells as past was written after its stamp.
    assert _dates("The chairman resigned June 21 after a long dispute.", THURSDAY) == {
        "2024-06-21": False
    }
    assert _dates("The plane landed on June 20 in heavy rain.", THURSDAY) == {"2024-06-20": False}
    # A time limit or a plan ahead stays planned.
    assert _dates("The order was extended until June 21.", THURSDAY) == {"2024-06-21": True}
    assert _dates("She announced she would resign on June 21.", THURSDAY) == {"2024-06-21": True}


def test_a_day_is_shown_by_what_its_reports_lead_with() -> None:
    # Two events dated 11 June, each told by one article two weeks later: the one the
    # reports published the next day lead with (the dam) ranks first, and a reader's
    # memory of the day comes after it.
    wednesday, later = datetime(2024, 6, 12, 9, 0), datetime(2024, 6, 25, 9, 0)
    articles = [
        _article(
            "a",
            "The river dam broke after heavy rain, flooding three villages downstream. "
            "Rescue teams searched the flooded villages for survivors.",
            wednesday,
        ),
        _article("b", "Heavy rain broke the river dam and flooded villages downstream.", wednesday),
        _article(
            "c", "Readers recall June 11 as the evening they watched television together.", later
        ),
        _article("d", "The river dam broke on June 11 after heavy rain, flooding villages.", later),
    ]
    doc = StoryDoc.from_articles(articles)
    # (The next day's leads join no event here, to show the day's news alone.)
    options = TimelineOptions(lead_days=0)
    ranked = sorted(build_timeline(doc, options=options), key=lambda e: e.rank or 0)
    assert [e.text for e in ranked if e.date == "2024-06-11"] == [
        articles[3].body,
        articles[2].body,
    ]
    # Without the day's reports, the two tie and the first article's event comes first.
    alone = build_timeline(doc, options=TimelineOptions(lead_days=0, news_sentences=0))
    assert [e.text for e in sorted(alone, key=lambda e: e.rank or 0)] == [
        articles[2].body,
        articles[3].body,
    ]


def test_an_undated_lead_of_the_next_day_joins_the_days_event() -> None:
    # A report published the day after tells the day's event without naming it.
    articles = [
        _article(
            "a",
            "The health agency raised its flu alert to phase five on Tuesday as cases spread.",
            datetime(2024, 6, 11, 20, 0),
        ),
        _article(
            "b",
            "GENEVA (Wire) - The health agency raised its flu alert to phase five, warning "
            "that cases spread fast.",
            datetime(2024, 6, 12, 8, 0),
        ),
    ]
    doc = StoryDoc.from_articles(articles)
    cited = [(e.date, sorted(c.article_id for c in e.citations)) for e in build_timeline(doc)]
    assert cited == [("2024-06-11", ["a", "b"])]
    same_day = build_timeline(doc, options=TimelineOptions(lead_days=0))
    assert [sorted(c.article_id for c in e.citations) for e in same_day] == [["a"]]


def test_a_month_told_as_past_is_not_read_into_the_next_year() -> None:
    # r21: said in November, a ruling "in January" told as done is this year's January.
    november = datetime(2014, 11, 10, 9, 0)
    assert _dates("The rules were struck down by a federal court in January.", november) == {
        "2014-01": False
    }
    assert _dates("In January, the court overturned the rules.", november) == {"2014-01": False}
    assert _dates("The deal was signed on January 20.", november) == {"2014-01-20": False}
    # What is still to come, or told in the present, is the coming January.
    assert _dates("The summit opens in January.", november) == {"2015-01": True}
    assert _dates("The trial, postponed twice, starts in January.", november) == {"2015-01": True}
    assert _dates("He said the vote will be held in January.", november) == {"2015-01": True}


def test_a_deadline_or_a_dated_event_in_a_past_clause_is_still_the_coming_one() -> None:
    # Told beside a past form, a target day or an event named by its date lies ahead.
    november = datetime(2014, 11, 10, 9, 0)
    assert _dates("The governor extended the order until January 26.", november) == {
        "2015-01-26": True
    }
    assert _dates("The group endorsed him for the January 20 primary.", november) == {
        "2015-01-20": True
    }


def test_an_entry_is_not_shown_by_a_first_person_aside(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "The river dam broke on June 11, flooding villages near the valley.",
        "The river dam broke on June 11 after heavy rain flooded the valley.",
        "The river dam broke on June 11 after rain, flooding villages, and we saw the valley.",
    ]
    doc = StoryDoc.from_articles([_article(str(n), text) for n, text in enumerate(texts)])
    (entry,) = build_timeline(doc)
    assert entry.text == texts[0]
    assert len(entry.citations) == 3
    # Without the aside rule the reporter's "we saw" sentence, most like the others, is shown.
    monkeypatch.setattr(timeline_rank, "_ASIDE", 1.0)
    assert [e.text for e in build_timeline(doc)] == [texts[2]]


def test_a_few_quoted_words_inside_a_sentence_cut_no_clause() -> None:
    sunday = datetime(2024, 6, 16, 9, 0)
    # The quoted words are part of the clause: its "will" makes the Monday the coming one.
    assert _dates(
        'The mayor warned that crews will "do whatever it takes" to reopen the road by Monday.',
        sunday,
    ) == {"2024-06-17": True}
    assert _dates(
        'The group urged its members to stage "a week of protest" during the festival, which '
        "ends Thursday.",
        datetime(2024, 6, 12, 9, 0),
    ) == {"2024-06-13": True}
    # A quoted sentence is still a clause of its own: the saying stays past.
    said = find_mentions(
        '"We will reopen the road on Monday," the mayor said Friday.', sunday.date()
    )
    assert [(m.when.day, m.planned) for m in said] == [(17, True), (14, False)]


def test_a_relative_clause_of_a_schedule_verb_is_the_coming_day() -> None:
    wednesday = datetime(2024, 6, 12, 9, 0)
    assert _dates("The festival ends Thursday.", wednesday) == {"2024-06-13": True}
    assert _dates(
        "Crowds packed the square during the festival, which ends Thursday.", wednesday
    ) == {"2024-06-13": True}
    # Told in the past, it is the one before.
    assert _dates("The festival that ended Monday drew crowds.", wednesday) == {"2024-06-10": False}


def test_last_week_said_on_a_sunday_is_the_week_that_day_ends() -> None:
    sunday = datetime(2024, 6, 16, 9, 0)
    assert _dates("The strike follows two such walkouts last week.", sunday) == {"2024-W24": False}
    # Said on any other day it is the week before.
    assert _dates("The strike follows two such walkouts last week.", FRIDAY) == {"2024-W23": False}


def test_what_was_still_to_come_when_said_on_the_day_is_planned() -> None:
    thursday = datetime(2024, 6, 13, 9, 0)
    assert _dates(
        "Police said more details would be given at a news conference Thursday.", thursday
    ) == {"2024-06-13": True}
    assert _dates("All schools were to be closed Thursday after the storm.", thursday) == {
        "2024-06-13": True
    }
    # The saying itself on the day is done, and so is a day before the modal or of
    # another verb after it.
    assert _dates("The minister said Thursday he would resign.", thursday) == {"2024-06-13": False}
    assert _dates("A report Thursday said the economy could shrink this year.", thursday) == {
        "2024-06-13": False
    }
    assert _dates(
        "Crowds could be seen in the square as the parade ended on Thursday.", thursday
    ) == {"2024-06-13": False}
    # A noun that is also a schedule verb is no verb ("the finish line on Saturday").
    saturday = datetime(2024, 6, 15, 9, 0)
    assert _dates(
        "A memorial honours the victims of Monday's attack near the finish line on Saturday.",
        saturday,
    ) == {"2024-06-10": False}


def test_a_possessive_weekday_of_a_set_event_with_a_closing_attribution_is_ahead() -> None:
    thursday = datetime(2024, 6, 13, 9, 0)
    # "has not invited" looks at now; the attribution's past is the saying's.
    assert _dates(
        "The embassy has not invited critics to Friday's flag-raising ceremony, officials "
        "confirmed Wednesday.",
        thursday,
    ) == {"2024-06-14": True}
    # A past form of the event's own clause keeps the past one.
    assert _dates("Critics were kept away from Tuesday's ceremony.", thursday) == {
        "2024-06-11": False
    }


def test_a_present_clause_of_time_before_a_future_is_ahead() -> None:
    thursday = datetime(2024, 6, 13, 9, 0)
    assert _dates(
        "When the minister lands in the capital this week, she will meet the president.",
        thursday,
    ) == {"2024-W24": True}
    assert _dates("If the talks fail on Friday, the strike will go on.", thursday) == {
        "2024-06-14": True
    }
    # Told in the past it is done.
    assert _dates("When the minister landed on Tuesday, she said she will stay.", thursday) == {
        "2024-06-11": False
    }
