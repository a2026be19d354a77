"""Another affair recalled as background is no entry of the story's timeline."""

from __future__ import annotations

from datetime import datetime

from newsweave.brief.doc import StoryDoc
from newsweave.brief.timeline import build_timeline
from newsweave.models import Article

DAY = datetime(2031, 9, 12, 9, 0)


def _article(aid: str, body: str) -> Article:
    return Article(id=aid, key=aid, title=None, body=body, outlet=f"Outlet {aid}", published=DAY)


def _story(extra: str) -> StoryDoc:
    return StoryDoc.from_articles(
        [
            _article(
                "a",
                "Intruders stole payroll records from the Vantor agency on Thursday. "
                "The Vantor agency said the intruders got in through a supplier. " + extra,
            ),
            _article("b", "The Vantor agency lost payroll records to intruders on Thursday."),
            _article("c", "Officials said on Thursday the Vantor records were stolen."),
        ]
    )


def _texts(doc: StoryDoc) -> list[str]:
    return [e.text for e in build_timeline(doc)]


def test_an_other_affair_months_before_named_by_one_article_goes() -> None:
    aside = "A breach at a supplier, Quillmark Systems, exposed staff files in March."
    texts = _texts(_story(aside))
    assert aside not in texts
    assert any("Thursday" in t for t in texts)


def test_the_story_own_earlier_step_stays() -> None:
    # The story's names, or none: an earlier step of this affair.
    own = "The intruders first entered the Vantor network in March."
    assert own in _texts(_story(own))


def test_a_new_name_in_the_run_up_weeks_stays() -> None:
    # Days before the story breaks are its run-up, new names or not.
    recent = "Auditors from Quillmark Systems warned the agency on September 1."
    assert recent in _texts(_story(recent))


def test_a_name_another_article_uses_keeps_it() -> None:
    aside = "A breach at a supplier, Quillmark Systems, exposed staff files in March."
    doc = StoryDoc.from_articles(
        [*_story(aside).articles, _article("d", "Quillmark Systems was breached in March.")]
    )
    march = [e for e in build_timeline(doc) if e.date == "2031-03"]
    assert march
    assert {c.article_id for c in march[0].citations} == {"a", "d"}


def test_another_affair_said_in_so_many_words_goes() -> None:
    aside = "In March, intruders first probed another agency network."
    texts = _texts(_story(aside))
    assert aside not in texts
    own = "In March, intruders first probed the agency network."
    assert own in _texts(_story(own))


def _column(body: str, title: str) -> Article:
    return Article(id="o", key="o", title=title, body=body, outlet="Outlet o", published=DAY)


def test_a_column_in_its_writer_voice_gives_no_entry() -> None:
    view = "Thursday is a day I will never forget."
    told = "The agency admitted the theft on Thursday."
    body = f"{view} {told}"
    texts = [
        e.text
        for e in build_timeline(StoryDoc.from_articles([_column(body, "Opinion: A bad week")]))
    ]
    assert view not in texts
    assert told in texts
    # The same sentences in a report: the writer's voice alone is not enough.
    report = [e.text for e in build_timeline(StoryDoc.from_articles([_column(body, "A bad week")]))]
    assert view in report
