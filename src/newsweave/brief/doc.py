"""The story document every brief stage reads: the story's articles split into sentences once.

spaCy's ``Doc`` is the model: the text is tokenised once and every pipeline
component reads that one object.  A :class:`StoryDoc` holds the story's
articles and every sentence of every body (:func:`newsweave.text.sentence_spans`)
with its offsets, its words and its content words, so the summary, key points,
quotes, entities, timeline and disagreements all number and read the same
sentences without splitting a body again.

A sentence's ``index`` is its position among its article's sentences: what a
:class:`~newsweave.models.Citation` calls ``sentence_index`` and what the web
app's article page numbers.  Its position in :attr:`StoryDoc.sentences` (its
*row*) is the row of every alignment matrix (:mod:`newsweave.brief.align`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.models import Article
from newsweave.text import STOPWORDS, sentence_spans, sentence_words

__all__ = ["StoryDoc", "StorySentence"]


@dataclass(frozen=True, slots=True)
class StorySentence:
    """One sentence of one article of the story."""

    article: int
    """Index of the article in :attr:`StoryDoc.articles`."""
    index: int
    """Index of the sentence among its article's sentences (``sentence_spans(body)``)."""
    start: int
    """Offset of the sentence in its article's body: ``body[start:end] == text``."""
    end: int
    text: str
    tokens: tuple[str, ...]
    """Normalised words (:func:`newsweave.text.words`), possessive ``'s`` removed."""
    content: frozenset[str]
    """Distinct content words (no function words)."""


@dataclass(frozen=True, slots=True)
class StoryDoc:
    """A story's articles, each body split into sentences and words once.

    Build it with :meth:`from_articles`.
    """

    articles: tuple[Article, ...]
    sentences: tuple[StorySentence, ...]
    """Every sentence of every article body, in article then text order."""
    bounds: tuple[int, ...]
    """Article ``i``'s sentences are ``sentences[bounds[i]:bounds[i + 1]]``."""

    @classmethod
    def from_articles(cls, articles: Sequence[Article]) -> StoryDoc:
        """The document of the story told by ``articles`` (in the story's order)."""
        sentences: list[StorySentence] = []
        bounds = [0]
        for number, article in enumerate(articles):
            body = article.body
            spans = sentence_spans(body)
            for index, ((start, end), tokens) in enumerate(
                zip(spans, sentence_words(body, spans=spans), strict=True)
            ):
                plain = tuple(token[:-2] if token.endswith("'s") else token for token in tokens)
                content = frozenset(token for token in plain if token not in STOPWORDS)
                sentences.append(
                    StorySentence(number, index, start, end, body[start:end], plain, content)
                )
            bounds.append(len(sentences))
        return cls(tuple(articles), tuple(sentences), tuple(bounds))

    def __len__(self) -> int:
        return len(self.sentences)

    def article_sentences(self, article: int) -> tuple[StorySentence, ...]:
        """The sentences of article number ``article``, in text order."""
        return self.sentences[self.bounds[article] : self.bounds[article + 1]]
