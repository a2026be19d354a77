"""Summary sentences that cannot stand alone: opening conjunctions, bare source references
and quotations cut in two (synthetic sentences written for these tests)."""

from __future__ import annotations

from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.brief.summary import (
    SummaryOptions,
    balance_quotes,
    conjunctions,
    dangles,
    select_summary,
    shown_text,
    unbalanced_quotes,
    without_conjunctions,
)
from newsweave.models import Article
from newsweave.text import sentence_words


def words(text: str) -> tuple[str, ...]:
    return tuple(sentence_words(text)[0])


def test_conjunctions_counts_the_joining_words_only() -> None:
    assert conjunctions(words("And surprisingly, the ferry kept running.")) == 1
    assert conjunctions(words("But the appeals court disagreed on Friday.")) == 1
    assert conjunctions(words("And yet the ferry kept running.")) == 2
    assert conjunctions(words("So far, twelve ferries have been cancelled.")) == 0
    assert conjunctions(words("Yet another ferry was cancelled on Friday.")) == 0
    assert conjunctions(words("Andrew Smith runs the ferry company.")) == 0
    assert conjunctions(words("The ferry kept running.")) == 0


def test_without_conjunctions_reopens_the_sentence() -> None:
    assert (
        without_conjunctions("And surprisingly, the ferry kept running.", 1)
        == "Surprisingly, the ferry kept running."
    )
    assert without_conjunctions("But, the court disagreed.", 1) == "The court disagreed."
    assert without_conjunctions("And yet the ferry ran.", 2) == "The ferry ran."
    assert without_conjunctions("And", 1) == "And"


def test_shown_text_keeps_a_quotation_or_a_cut_text_as_it_is() -> None:
    options = SummaryOptions()
    for text in ('"And we will rebuild," the mayor said.', "and the pier was rebuilt."):
        item = StoryDoc.from_articles([Article(id="a", key="a", title=None, body=text)]).sentences[
            0
        ]
        assert shown_text(item, text, options) == text
    text = "And the pier was rebuilt."
    item = StoryDoc.from_articles([Article(id="a", key="a", title=None, body=text)]).sentences[0]
    assert shown_text(item, text, options) == "The pier was rebuilt."


def test_bare_source_references_dangle() -> None:
    assert dangles(words("The paper said the mayor had resigned on Monday."))
    assert dangles(words("The newspaper reported that the mayor had resigned."))
    assert dangles(words("According to the report, the mayor resigned on Monday."))
    assert not dangles(words("The paper mill closed after ninety years in the town."))
    assert not dangles(words("The report, released by the city auditor, found waste."))
    assert not dangles(words("According to the mayor, the budget is balanced."))


def test_unbalanced_quotes() -> None:
    assert unbalanced_quotes('We will rebuild the pier before the summer season."')
    assert unbalanced_quotes("The mayor said: “We will rebuild the pier.")
    assert not unbalanced_quotes("The mayor said: “We will rebuild the pier.”")
    assert not unbalanced_quotes("The mayor said the pier would be rebuilt.")


def test_balance_quotes_closes_a_quotation_shared_with_a_neighbour() -> None:
    assert balance_quotes("The pier reopens in May.") == "The pier reopens in May."
    assert balance_quotes('We will rebuild the pier."') == '"We will rebuild the pier."'
    assert balance_quotes("We will rebuild the pier.”") == "“We will rebuild the pier.”"
    assert (
        balance_quotes("The mayor said: “We will rebuild.") == "The mayor said: “We will rebuild.”"
    )
    assert (
        balance_quotes('We will rebuild," the mayor said, "and it will be better."')
        == '"We will rebuild," the mayor said, "and it will be better."'
    )
    assert balance_quotes("“We will,” he said. ”") is None
    assert balance_quotes('one" two" three"') is None


LEADS = (
    "The harbour ferry service was suspended on Monday after a storm damaged the main pier.",
    "Storm damage to the main pier forced the suspension of the harbour ferry service on Monday.",
    "The harbour ferry service stopped on Monday when the storm wrecked the main pier.",
)
MIDDLE = (
    "And the harbour master expects repairs to the main pier to take at least three weeks.",
    "The paper said repairs to the main pier would take the harbour master three weeks.",
    'The harbour master said: "Repairs to the main pier will take at least three weeks.',
)
TAILS = (
    "Commuters were told to use the coastal bus route while the ferry is out of service.",
    "Commuters must take the coastal bus route while the ferry service is suspended.",
    "The coastal bus route will carry commuters while the ferry service is suspended.",
)


def _articles() -> list[Article]:
    return [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=f"{lead} {middle} {tail}", outlet=f"O{k}")
        for k, (lead, middle, tail) in enumerate(zip(LEADS, MIDDLE, TAILS, strict=True))
    ]


def _texts(options: SummaryOptions) -> list[str]:
    story = StoryAlignment(StoryDoc.from_articles(_articles()))
    return [story.sentences[row].text for row in select_summary(story, options=options)]


def test_summary_sets_aside_sentences_that_cannot_stand_alone() -> None:
    strict = _texts(
        SummaryOptions(
            max_sentences=9, max_words=400, redundancy=1.1, restated=None, follow_previous=False
        )
    )
    assert strict
    assert not any(text.startswith("The paper said") for text in strict)
    loose = _texts(
        SummaryOptions(
            max_sentences=9,
            max_words=400,
            redundancy=1.1,
            restated=None,
            skip_dangling=False,
            balanced_quotes=False,
            conjunction_openers="keep",
        )
    )
    assert any(text.startswith("The paper said") for text in loose)
    skipped = _texts(SummaryOptions(max_sentences=9, max_words=400, conjunction_openers="skip"))
    assert not any(text.startswith("And ") for text in skipped)


def test_summary_shows_a_conjunction_sentence_without_its_conjunction() -> None:
    options = BriefOptions(
        summary=SummaryOptions(max_sentences=9, max_words=400, redundancy=1.1, restated=None)
    )
    shown = [s.text for s in build_brief("s", _articles(), options=options).summary]
    assert (
        "The harbour master expects repairs to the main pier to take at least three weeks." in shown
    )
    assert not any(text.startswith("And ") for text in shown)
    assert not any(text.count('"') % 2 for text in shown)
    assert (
        'The harbour master said: "Repairs to the main pier will take at least three weeks."'
        in shown
    )
    kept = BriefOptions(
        summary=SummaryOptions(
            max_sentences=9,
            max_words=400,
            redundancy=1.1,
            restated=None,
            conjunction_openers="keep",
        )
    )
    assert any(
        s.text.startswith("And the harbour")
        for s in build_brief("s", _articles(), options=kept).summary
    )


def test_a_quotation_tail_can_be_judged_a_bare_quote() -> None:
    tail = "The pier will be rebuilt in time for the summer season, whatever it costs us."
    articles = [
        Article(
            id=f"a{k}",
            key=f"a{k}",
            title=None,
            body=f'{lead} The harbour master said: "We have the money. {tail}" {TAILS[k]}',
            outlet=f"O{k}",
        )
        for k, lead in enumerate(LEADS)
    ]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    loose = SummaryOptions(max_sentences=9, max_words=400, redundancy=1.1)
    texts = [story.sentences[row].text for row in select_summary(story, options=loose)]
    assert any(text.startswith(tail) for text in texts)
    strict = SummaryOptions(max_sentences=9, max_words=400, redundancy=1.1, quote_tails_bare=True)
    texts = [story.sentences[row].text for row in select_summary(story, options=strict)]
    assert texts
    assert not any(text.startswith(tail) for text in texts)
