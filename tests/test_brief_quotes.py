"""Direct quotes: speakers and roles from attributions, verbatim check, no paraphrases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from brief_seeds import seed_articles
from newsweave.brief.doc import StoryDoc
from newsweave.brief.quotes import QuoteOptions, find_quotes, verify_quote
from newsweave.models import Article

BODY = """Mayor Jane Holloway spoke to reporters on Monday.
“We will rebuild every bridge in this city,” she said.

“The water came up faster than anyone expected,” said Tom Reyes, the fire chief of Millbrook.

Anna Kowalski, a spokeswoman for the agency, said: “Nobody was hurt in the second wave.”

According to Peter Lang, “the dam was never designed for this much rain.”

Residents called the plan “too little, too late” on Tuesday.

“He told me ‘stay inside’ and then the lights went out,” Reyes added.

Officials said the damage was extensive and that the town would need months to recover.

"Straight quotes are quotes too," said Maria Chen."""


def _article(body: str = BODY) -> Article:
    return Article(id="a1", key="k1", title=None, body=body, outlet="Gazette")


def test_speakers_and_roles() -> None:
    found = {q.text: q for q in find_quotes(StoryDoc.from_articles([_article()]))}
    assert found["We will rebuild every bridge in this city"].speaker == "Jane Holloway"
    water = found["The water came up faster than anyone expected"]
    assert (water.speaker, water.role) == ("Tom Reyes", "the fire chief of Millbrook")
    nobody = found["Nobody was hurt in the second wave."]
    assert (nobody.speaker, nobody.role) == ("Anna Kowalski", "a spokeswoman for the agency")
    assert found["the dam was never designed for this much rain."].speaker == "Peter Lang"
    assert found["Straight quotes are quotes too"].speaker == "Maria Chen"


def test_nested_quote_kept_whole_and_short_name_resolved() -> None:
    found = {q.text: q for q in find_quotes(StoryDoc.from_articles([_article()]))}
    nested = found["He told me ‘stay inside’ and then the lights went out"]
    # "Reyes" is the fire chief named earlier in the same article.
    assert nested.speaker == "Tom Reyes"
    assert nested.citation is not None
    assert nested.citation.sentence_index == 6
    assert nested.citation.outlet == "Gazette"


def test_unattributed_quotes_and_paraphrases() -> None:
    texts = {q.text for q in find_quotes(StoryDoc.from_articles([_article()]))}
    # A quoted term without a speaker is left out by default ...
    assert "too little, too late" not in texts
    # ... and a paraphrase is never a quote.
    assert not any("damage was extensive" in t for t in texts)
    everything = find_quotes(
        StoryDoc.from_articles([_article()]), options=QuoteOptions(include_unattributed=True)
    )
    unattributed = [q for q in everything if q.speaker is None]
    assert [q.text for q in unattributed] == ["too little, too late"]


def test_pronoun_without_any_named_person_is_unattributed() -> None:
    body = "The storm passed at night. “It was the worst night of my life,” she said."
    assert find_quotes(StoryDoc.from_articles([_article(body)])) == ()


def test_altered_quote_is_rejected() -> None:
    article = _article()
    quote = find_quotes(StoryDoc.from_articles([article]))[0]
    assert verify_quote(quote, article)
    assert verify_quote(replace(quote, text="We will rebuild  every bridge\nin this city"), article)
    assert not verify_quote(replace(quote, text="We will rebuild every road in this city"), article)
    assert not verify_quote(replace(quote, text=""), article)


@pytest.mark.parametrize("article", seed_articles(), ids=lambda a: a.origin[-24:-21])
def test_seed_quotes_are_verbatim_with_named_speakers(article: Article) -> None:
    for quote in find_quotes(StoryDoc.from_articles([article])):
        assert quote.text in article.body
        assert quote.speaker
        assert quote.speaker[0].isupper()
        assert quote.speaker in article.body or quote.speaker.split()[-1] in article.body
        assert quote.article == article.id


def test_seed_quotes_found() -> None:
    quotes = find_quotes(StoryDoc.from_articles(seed_articles()))
    assert quotes, "the seeds hold at least one attributed direct quote"
    # Scare quotes around single terms are not speech.
    assert all(len(q.text.split()) >= 3 for q in quotes)
