"""The story doc: a story's articles split into sentences and words once, for every brief stage."""

from __future__ import annotations

import inspect
import sys

import pytest

from brief_seeds import seed_articles
from newsweave.brief.build import build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.models import Article
from newsweave.text import STOPWORDS, sentence_spans, split_sentences, words

TWO_PARAGRAPHS = (
    "Mr. Lee's plan was approved on Monday. It costs $4 million.\n\n"
    "- A first point of the list\n"
    "Critics said the council's vote came too soon!"
)


def _article(ident: str, body: str) -> Article:
    return Article(id=ident, key=ident, title=None, body=body)


def test_story_doc_holds_every_sentence_of_every_body_once() -> None:
    articles = [
        _article("a", TWO_PARAGRAPHS),
        _article("b", "One sentence only."),
        _article("c", ""),
    ]
    doc = StoryDoc.from_articles(articles)
    assert len(doc) == sum(len(split_sentences(a.body)) for a in articles)
    for number, article in enumerate(articles):
        sentences = doc.article_sentences(number)
        assert [s.text for s in sentences] == split_sentences(article.body)
        assert [(s.start, s.end) for s in sentences] == sentence_spans(article.body)
        assert [s.index for s in sentences] == list(range(len(sentences)))
        for sentence in sentences:
            assert sentence.article == number
            assert article.body[sentence.start : sentence.end] == sentence.text
            plain = tuple(w.removesuffix("'s") for w in words(sentence.text))
            assert sentence.tokens == plain
            assert sentence.content == frozenset(plain) - STOPWORDS
    assert doc.article_sentences(2) == ()
    # Rows run in article then text order: what every alignment matrix indexes.
    assert [(s.article, s.index) for s in doc.sentences] == sorted(
        (s.article, s.index) for s in doc.sentences
    )


def test_a_brief_splits_each_body_once(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = seed_articles()  # read before counting: extraction splits too
    calls: list[str] = []

    def counting(text: str) -> list[tuple[int, int]]:
        # The copy detector (newsweave.dedup), run on the articles to count sources as
        # the ingest flow runs it, cuts its own fingerprints: not the brief's sentences.
        callers = {frame.frame.f_globals.get("__name__", "") for frame in inspect.stack()[1:]}
        if not any(name.startswith("newsweave.dedup") for name in callers):
            calls.append(text)
        return sentence_spans(text)

    # Every module holding the splitter under its own name, so no stage escapes the count.
    for name, module in list(sys.modules.items()):
        if name.startswith("newsweave") and getattr(module, "sentence_spans", None) is (
            sentence_spans
        ):
            monkeypatch.setattr(module, "sentence_spans", counting)
    build_brief("s", articles)
    assert sorted(calls) == sorted(a.body for a in articles)
