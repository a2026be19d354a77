"""Single-source claims: only checkable facts that no other source states even in part."""

from __future__ import annotations

from datetime import UTC, datetime

from newsweave.brief.align import StoryAlignment
from newsweave.brief.doc import StoryDoc
from newsweave.brief.single_source import (
    SingleSourceOptions,
    commentary_articles,
    is_checkable,
    is_commentary,
    names_by_source,
    names_elsewhere,
    stands_alone,
    text_stands_alone,
    unrelated_elsewhere,
)
from newsweave.models import Article
from newsweave.text import words

OWN = (
    "A bridge over the Calder river in Westbury collapsed on Monday, the council said. "
    "Engineers from Halden Works had inspected the bridge in March and found 14 cracked beams. "
    "“We are heartbroken,” said a resident. "
    "It showed a long crack along the deck. "
    "The collapse may cost the town millions. "
    "The council should have closed the bridge. "
    "People watch the rescue on a screen in Westbury, Monday, March 2, 2020. "
    "Copyright 2020 The Westbury Courier. "
    "Residents gathered near the river at dusk to watch the rescue. "
    "The Westbury mayor's husband sat on the board of a rival firm until last year. "
    "The Westbury bridge had been rebuilt in 1988 after a flood. "
    "According to council records, Sens."
)
OTHER = (
    "The Westbury bridge fell into the Calder river on Monday, council officials said. "
    "Rescuers pulled two drivers from the water. "
    "Halden Works engineers found cracked beams on the bridge this spring."
)


def _story() -> StoryAlignment:
    articles = [
        Article(
            id="a",
            key="a",
            title=None,
            body=OWN,
            outlet="Courier",
            published=datetime(2020, 3, 2, tzinfo=UTC),
        ),
        Article(id="b", key="b", title=None, body=OTHER, outlet="Gazette"),
    ]
    return StoryAlignment(StoryDoc.from_articles(articles))


def _row(story: StoryAlignment, start: str) -> int:
    return next(k for k, s in enumerate(story.sentences) if s.text.startswith(start))


def test_only_checkable_statements_of_fact() -> None:
    story = _story()
    options = SingleSourceOptions()
    not_facts = (
        "“We are heartbroken",  # a quotation
        "It showed",  # points back
        "The collapse may",  # only possible
        "The council should",  # what ought to be
        "People watch",  # a wire caption's full date
        "Copyright",  # page credit
        "Residents gathered",  # names nothing to check
        "The Westbury bridge had been rebuilt",  # background: an earlier year
        "According to council records",  # cut at a title
    )
    for start in not_facts:
        assert not is_checkable(story, _row(story, start), options), start
    assert is_checkable(story, _row(story, "Engineers from Halden"), options)
    assert is_checkable(story, _row(story, "The Westbury mayor's husband"), options)


def test_a_claim_another_source_states_in_part_is_not_single_source() -> None:
    story = _story()
    options = SingleSourceOptions()
    # The other source states the cracked beams in other words around the same names.
    assert not unrelated_elsewhere(
        story, _row(story, "Engineers from Halden"), frozenset(), options
    )
    assert unrelated_elsewhere(
        story, _row(story, "The Westbury mayor's husband"), frozenset(), options
    )
    off = SingleSourceOptions(contained=0)
    assert unrelated_elsewhere(story, _row(story, "Engineers from Halden"), frozenset(), off)


def test_a_claim_names_someone_the_story_names_elsewhere() -> None:
    story = _story()
    options = SingleSourceOptions()
    names = names_by_source(story)
    assert names_elsewhere(story, _row(story, "The Westbury mayor's husband"), names, options)
    lone = Article(id="c", key="c", title=None, body="Ann Pryce ran the Ostland ferry.", outlet="X")
    other = Article(id="d", key="d", title=None, body=OTHER, outlet="Gazette")
    alone = StoryAlignment(StoryDoc.from_articles([lone, other]))
    assert not names_elsewhere(alone, 0, names_by_source(alone), options)


def test_a_key_point_stands_alone() -> None:
    body = (
        "The Harbor Board closed the Westbury pier on Monday after a storm. "
        "“I informed the board last night that the pier was unsafe,” the engineer wrote. "
        "“The pier is finished. "
        "We will not reopen it this year.” "
        "“It must be rebuilt from the piles up.” "
        "What happens to the ferry now? "
        "It was built in 1902. "
        "Jo Bloggs contributed to this report."
    )
    story = StoryAlignment(
        StoryDoc.from_articles([Article(id="a", key="a", title=None, body=body, outlet="Courier")])
    )
    assert stands_alone(story, _row(story, "The Harbor Board"))
    # A quotation with a verb of saying outside it names who said it.
    assert stands_alone(story, _row(story, "“I informed"))
    for start in (
        "We will not",  # a later sentence of a quotation: closes it, speaks as "we"
        "“It must be",  # a quotation no one is said to say
        "What happens",  # a question
        "It was built",  # points back
        "Jo Bloggs",  # credit line
    ):
        assert not stands_alone(story, _row(story, start)), start


def _one(body: str, **fields: object) -> tuple[StoryAlignment, Article]:
    article = Article(
        id="c",
        key="c",
        title=fields.get("title"),  # type: ignore[arg-type]
        body=body,
        url=fields.get("url"),  # type: ignore[arg-type]
        outlet="Herald",
        published=datetime(2020, 3, 2, tzinfo=UTC),
    )
    other = Article(id="d", key="d", title=None, body=OTHER, outlet="Gazette")
    return StoryAlignment(StoryDoc.from_articles([article, other])), article


def test_views_predictions_and_references_back_are_no_facts() -> None:
    body = (
        "Clearly the Westbury council was slow to close the bridge over the Calder. "
        "Closing the Westbury bridge in March was a mistake by the council of Halden. "
        "It remains to be seen whether Halden Works will pay for the Westbury repairs. "
        "If the rain keeps up, the Calder won't fall below its banks in Westbury soon. "
        "The council of Westbury hoped to reopen the Calder bridge by the summer. "
        "On Monday, he told the Westbury council about 14 cracked beams on the bridge. "
        "This move by the Westbury council left 300 drivers without a Calder crossing. "
        "Both problems were found by Halden Works engineers on the Westbury bridge. "
        "The upshot: Halden Works engineers found 14 cracked beams in the Westbury bridge. "
        "As a result, the Westbury council closed the Calder bridge on Monday morning. "
        "The Westbury collapse has raised fears that other Calder bridges are unsafe. "
        "Halden Works is expected to send engineers to the Westbury bridge on Monday. "
        "What remains unclear is who paid Halden Works for the 14 Westbury inspections. "
        "The cause of the Westbury collapse is not yet known to Halden Works engineers. "
        "Mira, a Westbury baker in her 40s, expressed support for closing the Calder bridge. "
        "From what I've seen, the Westbury council acted on 14 cracked Calder beams. "
        "The Westbury council said it will reopen the Calder bridge on March 20. "
        "Halden Works engineers closed the Westbury bridge this week after 14 beams cracked."
    )
    story, _ = _one(body)
    options = SingleSourceOptions()
    for start in (
        "Clearly",  # a stance adverb
        "Closing the Westbury bridge",  # an evaluative word: a judgement
        "It remains to be seen",  # a frame of judgement
        "If the rain",  # a prediction, nobody's words
        "The council of Westbury hoped",  # a state of mind, nobody's words
        "On Monday, he",  # a pronoun after an opening phrase points back
        "This move",  # a demonstrative before a noun points back
        "Both problems",  # "both" opening on a noun points back
        "The upshot:",  # a lead-in summing up what came before
        "As a result",  # a connective of three words points back
        "The Westbury collapse has raised fears",  # a worry no one is said to voice
        "Halden Works is expected",  # a prediction, nobody's words
        "What remains unclear",  # a frame of judgement
        "The cause of the Westbury collapse",  # what is not known is nothing to check
        "Mira, a Westbury baker",  # someone's view
        "From what I've",  # the first person, in a contraction
    ):
        assert not is_checkable(story, _row(story, start), options), start
    # A prediction given as someone's words, and a time said from the article's day,
    # are checkable.
    assert is_checkable(story, _row(story, "The Westbury council said"), options)
    assert is_checkable(story, _row(story, "Halden Works engineers closed"), options)


def test_commentary_articles_give_no_single_source_facts() -> None:
    fact = "Halden Works engineers found 14 cracked beams on the Westbury bridge in March. "
    labelled = [
        {"title": "Opinion: Westbury deserved better"},
        {"title": "Why did the Westbury bridge fall?"},
        {"title": "How Westbury lost its bridge"},
        {"url": "https://example.org/magazine/2020/westbury-bridge"},
        {"url": "https://example.org/opinion/westbury-bridge"},
    ]
    for fields in labelled:
        story, article = _one(fact, **fields)
        assert is_commentary(article), fields
        assert not is_checkable(story, 0, SingleSourceOptions()), fields
    story, article = _one(fact, title="Westbury bridge collapses after beams crack")
    assert not is_commentary(article)
    assert is_checkable(story, 0, SingleSourceOptions())
    # An article in the writer's own voice, whatever its title: most of its sentences
    # that quote no one judge, ask or speak as "I" or "we".
    voice = (
        "I walked over the Westbury bridge every day for years before it fell. "
        "We all knew the Calder would take it sooner or later, frankly. "
        "Who in the Westbury council ever looked at the beams under the bridge? "
        "The council's answer to every warning was a shameful shrug from the top. "
        "You could see rust on the railings of the bridge from the river path. "
        "Halden Works sent engineers to the Westbury bridge twice in ten years. "
        "The bridge carried about 300 cars an hour at its busiest in the mornings. "
        "Surely the people of Westbury deserve a safer way across the Calder river. "
        "I asked two engineers what they thought of the beams under the deck. "
        "Our town now waits for a new bridge that nobody has yet paid for at all. "
    )
    story, article = _one(voice + fact, title="The day the bridge fell")
    assert not is_commentary(article)
    assert commentary_articles(story, SingleSourceOptions()) == frozenset({0})
    report = _one(fact * 12, title="The day the bridge fell")[0]
    assert commentary_articles(report, SingleSourceOptions()) == frozenset()


def test_an_event_noun_and_an_attributed_judgement_are_checkable() -> None:
    """ "The disaster killed 12" names an event, and a judgement someone is reported to
    have made is a checkable report of it; the writer's own judgement is not."""
    from newsweave.brief.claim_voice import judges
    from newsweave.text import words

    def judged(text: str) -> bool:
        return judges(tuple(words(text)), text)

    assert not judged("The disaster killed 12 people in the valley on Monday.")
    assert not judged("The plan is a reckless mistake, the mayor said on Monday.")
    assert judged("The plan is a reckless mistake that every commuter will pay for.")
    assert judged("It remains to be seen whether the bridge will open in time.")


def test_a_schedule_is_a_fact_and_a_prediction_is_not() -> None:
    """ "will" with a day, date or hour sets a schedule, a checkable fact; "will" with no
    time, "would" and "won't" predict."""
    from newsweave.brief.claim_voice import judges
    from newsweave.text import words

    def judged(text: str) -> bool:
        return judges(tuple(words(text)), text)

    assert not judged("The final will be broadcast live on Sunday from the harbour stadium.")
    assert not judged("The hearing will resume at 10 a.m. in the county court.")
    assert not judged("The new bridge will open to traffic on March 3.")
    assert judged("The new bridge will change the town for good.")
    assert judged("Fares would rise on Monday if the plan passed.")
    assert judged("Traffic won't get easier next week.")


def test_habits_generalisations_and_that_noun_are_no_facts() -> None:
    """A habit told of the past, unnamed "some ... others", and "take that approach." (a
    reference back) are no single-source facts; "some 40 people" is a count."""
    from newsweave.brief.claim_voice import judges, points_back
    from newsweave.text import words

    def judged(text: str) -> bool:
        return judges(tuple(words(text)), text)

    assert judged("The mayor has in the past given calm speeches, only to revert to insults.")
    assert judged("Some tenants are behind on rent while others are saving more than ever.")
    assert not judged("Some 40 people were hurt and others fled the harbour on Monday.")
    assert points_back("The port has missed the window to take that approach.")
    assert not points_back("Officials said that approach failed in Karsk last year.")


def test_the_end_of_a_quotation_is_no_claim() -> None:
    """A sentence that ends a quotation begun earlier (a closing mark with no opening one)
    is someone's words, not the writer's fact, with or without an attribution."""
    from newsweave.brief.single_source import _continues_quotation

    assert _continues_quotation("They are not going anywhere,” says Jo Marsh, a broker.")
    assert _continues_quotation('I will update you as more becomes known."')
    assert not _continues_quotation('The mayor said the plan was "a mistake" on Monday.')
    assert not _continues_quotation("Police said the coast road was shut on Monday.")


def test_a_page_that_reports_little_and_judges_now_and_then_is_commentary() -> None:
    # A column under a news outlet's name: no opinion section, a plain title; of its
    # ten sentences one cites anyone, and two of the nine others speak as the writer.
    plain = (
        "The Westbury bridge was built over the Calder river in 1931. "
        "It carried about 300 cars an hour at its busiest in the mornings. "
        "Halden Works engineers inspected its beams twice in ten years. "
        "The second inspection found rust on the railings and under the deck. "
        "The council put off the repairs to the next year's budget. "
        "The bridge fell into the river on a Monday morning in March. "
        "Two drivers were pulled from the water by a rescue crew. "
    )
    voice = (
        "I doubt the new plan will change much for the people of Westbury. "
        "Surely the council could have closed the old bridge years earlier. "
    )
    cited = "The mayor said a new bridge would open within two years. "
    column, _ = _one(plain + voice + cited, title="The bridge over the Calder")
    assert commentary_articles(column, SingleSourceOptions()) == frozenset({0})
    off = SingleSourceOptions(commentary_reported=-1.0)
    assert commentary_articles(column, off) == frozenset()
    # A report of the same text that cites people in more sentences: no commentary.
    more = (
        "Rescuers said both drivers were taken to hospital. "
        "Engineers said the beams had cracked in the cold. "
        "The council's leader said repairs had been planned for the spring. "
    )
    report, _ = _one(plain + voice + cited + more, title="The bridge over the Calder")
    assert commentary_articles(report, SingleSourceOptions()) == frozenset()


def test_a_later_sentence_of_a_straight_quoted_speech_does_not_stand_alone() -> None:
    # The second sentence of '"We met the mayor. We will open the bridge next week."' is
    # the speaker's words with no speaker named: it closes a quotation it did not open.
    for text, alone in (
        ('We will open the bridge next week."', False),
        ("We will open the bridge next week.”", False),
        ('"We will open the bridge next week," the mayor said.', True),
        ('The mayor said the bridge "will open next week."', True),
    ):
        assert text_stands_alone(text, tuple(words(text))) is alone, text


def test_the_writers_aside_is_a_judgement() -> None:
    """The writer's aside ("to say the least") judges, though it holds "say"."""
    from newsweave.brief.claim_voice import judges
    from newsweave.text import words

    text = "That promise from the council is hard to credit, to say the least."
    assert judges(tuple(words(text)), text)
    text = "The mayor said the plan to start at once was rich in ideas."
    assert not judges(tuple(words(text)), text)
