"""Summary sentences that read on their own: who "he" and a bare surname are.

Helpers of the brief's summary stage (:func:`introduce_names`), applied to the
sentences :func:`newsweave.brief.summary.select_summary` chose, in the order shown:

* :func:`strip_label`: a label in capitals opening a sentence ("EXCLUSIVE:",
  "BREAKING NEWS:") is page furniture of the article, not part of what it states.
* A sentence whose subject is "He" or "She" (or "he"/"she" after a short opening
  word: "First, he says, ...") and that is not shown right after the sentence
  before it in its article gets the name of the person the article's earlier
  sentences make the referent (:func:`newsweave.brief.quote_referent.referent`,
  the reading the quotation speakers use), when they decide one and the sentence
  deciding it names no other person; the sentence is left as it is otherwise.
* A sentence whose subject is a bare surname ("Bloggs is ...", "Bloggs, the
  minister, said") gets the full name its article gave earlier ("Jo Bloggs"),
  when it gave exactly one and the summary has not shown that full name yet: a
  surname two people of the story share (a mother and her son) then reads as the
  one its article means.

The name always comes from the cited article's own sentences, so the sentence's
first citation still states it, and is shown in square brackets ("[Jo] Bloggs is
...", "[Jo Bloggs] said ..."), as an editor marks words added to a source's text:
a reader comparing the sentence with its source sees what was added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.name_runs import known_name_words
from newsweave.brief.names import OTHER, PERSON, find_names
from newsweave.brief.quote_names import people_named, strip_titles
from newsweave.brief.quote_referent import referent
from newsweave.models import Quote

__all__ = [
    "QUOTE_MARKS",
    "introduce_names",
    "name_quoted_speaker",
    "speakers_by_article",
    "strip_label",
]

_LABEL = re.compile(r"^[A-Z]{2,}(?:[ -][A-Z]{2,})?\s*:\s+(?=[\"“‘']?[A-Z0-9])")
"""A word (or two) in capitals and a colon opening a sentence: "EXCLUSIVE: ...\""""
_PRONOUN = re.compile(r"^(?P<lead>(?:[A-Z][a-z]+,\s+)?)(?P<pronoun>[Hh]e|[Ss]he)\s+(?=[a-z])")
"""A personal pronoun subject, alone or after one opening word and a comma."""
_SURNAME = re.compile(r"^(?P<name>[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)(?=,\s|\s+[a-z])")
"""A single capitalised word opening the sentence, followed by a comma or a lower-case word."""
_LOOKBACK = 3
"""Sentences of the article read back for a pronoun's referent."""


def strip_label(text: str) -> str:
    """``text`` without an opening label in capitals ("EXCLUSIVE: ..."), when what follows
    is a sentence of its own (a capital after the colon, at least five words)."""
    found = _LABEL.match(text)
    if found is None or len(text[found.end() :].split()) < 5:
        return text
    return text[found.end() :]


def introduce_names(
    story: StoryAlignment,
    rows: Sequence[int],
    texts: Sequence[str],
    said: Mapping[str, Sequence[Quote]] | None = None,
) -> list[str]:
    """``texts`` (the shown text of summary rows ``rows``, in order) with a pronoun or a
    bare surname subject named as the module docs say.

    ``said`` (:func:`speakers_by_article`): the story's attributed quotations, so that a
    quotation said by a pronoun ("“...,” she said") is shown with its speaker
    (:func:`name_quoted_speaker`).
    """
    shown: list[str] = []
    for number, (row, text) in enumerate(zip(rows, texts, strict=True)):
        follows = number > 0 and rows[number - 1] == row - 1 and _same_article(story, row)
        if not follows:
            # A name added before is shown in brackets: read it as written out.
            text = _named(story, row, text, re.sub(r"[\[\]]", "", " ".join(shown)))
            if said:
                text = name_quoted_speaker(story, row, text, said)
        shown.append(text)
    return shown


QUOTE_MARKS = "\"“”«»„‘’'"
"""Quotation marks, straight and typographic."""
_CLOSING = re.compile(r"[”»\"’'](?=[\s,.;:!?]|$)")
"""A closing quotation mark (followed by a space, punctuation or the end)."""
_SAID_BY_PRONOUN = re.compile(r"^([,:]?\s*)(he|she|they)(\s+(\w+))", re.IGNORECASE)
"""What follows a quotation when a pronoun says it: ``, he said``."""
_SAYING = wordlists.words("quote-verbs")


def speakers_by_article(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    """The quotations of ``quotes`` that have a speaker, by article id."""
    said: dict[str, list[Quote]] = {}
    for quote in quotes:
        if quote.speaker:
            said.setdefault(quote.article, []).append(quote)
    return said


def name_quoted_speaker(
    story: StoryAlignment, row: int, text: str, said: Mapping[str, Sequence[Quote]]
) -> str:
    """``text`` (sentence ``row`` shown: a quotation followed by ``, he said``) with the
    pronoun replaced by the speaker its article names for that quotation, in square
    brackets as every name the brief adds (``“...,” [Ada Lund] said``); else as is."""
    if not text or text[0] not in QUOTE_MARKS:
        return text
    closes = [m.end() for m in _CLOSING.finditer(text, 1)]
    if not closes:
        return text
    end = closes[-1]
    tail = _SAID_BY_PRONOUN.match(text[end:])
    if tail is None or tail.group(4).lower() not in _SAYING:
        return text
    words = " ".join(text[1 : end - 1].split()).strip(QUOTE_MARKS + " ").rstrip(".,;")
    article = story.doc.articles[story.sentences[row].article].id
    for quote in said.get(article, ()):
        if len(words) > 1 and words in " ".join(quote.text.split()):
            rest = text[end + tail.end() :]
            return f"{text[:end]}{tail.group(1)}[{quote.speaker}]{tail.group(3)}{rest}"
    return text


def _same_article(story: StoryAlignment, row: int) -> bool:
    return row > 0 and story.sentences[row - 1].article == story.sentences[row].article


def _article_before(story: StoryAlignment, row: int) -> list[str]:
    """The texts of the sentences of ``row``'s article before it, in text order."""
    item = story.sentences[row]
    first = row - item.index
    return [story.sentences[k].text for k in range(first, row)]


def _named(story: StoryAlignment, row: int, text: str, before: str) -> str:
    pronoun = _PRONOUN.match(text)
    if pronoun is not None:
        name = _pronoun_referent(story, row)
        if name is None:
            return text
        shown = name if name not in before else name.split()[-1]
        return pronoun.group("lead") + f"[{shown}]" + text[pronoun.end("pronoun") :]
    surname = _SURNAME.match(text)
    if surname is not None:
        bare = surname.group("name")
        full = _full_name(story, row, bare)
        if full is not None and full not in before:
            given = full[: -len(bare)].rstrip() if full.endswith(f" {bare}") else ""
            added = f"[{given}] {bare}" if given else f"[{full}]"
            return added + text[surname.end("name") :]
    return text


def _pronoun_referent(story: StoryAlignment, row: int) -> str | None:
    """The person the sentences before ``row`` in its article leave "he" or "she" to
    stand for, when the sentence that decides it names no one else (only a name of at
    least two words, or one the article writes in full)."""
    earlier = _article_before(story, row)
    if not earlier:
        return None
    sentences = [*earlier, story.sentences[row].text]
    known, lower = known_name_words(sentences)
    people = _people_reader(sentences, known, lower)
    for text in reversed(earlier[-_LOOKBACK:]):
        decided, name = referent(text, known=known, lower=lower, people_of=people)
        if decided:
            # Unambiguous only: the sentence that decides names no other person.
            if name is None or _rivals(text, name, known, lower):
                return None
            return _in_full(name, earlier, known, lower)
    return None


def _rivals(text: str, name: str, known: set[str], lower: set[str]) -> bool:
    """Whether ``text`` names a possible person besides ``name`` (a name read as a
    person's, or of no clear kind and at least two words: "Jo Bloggs met Al Smith")."""
    own = set(strip_titles(name).split())
    for found in find_names(text, known=known, lower=lower):
        words = strip_titles(found.text).split()
        if not words or own & set(words):
            continue
        if found.label == PERSON or (found.label == OTHER and len(words) > 1):
            return True
    return False


def _people_reader(sentences: Sequence[str], known: set[str], lower: set[str]) -> _PeopleOf:
    person_words = {
        word
        for sentence in sentences
        for found in find_names(sentence, known=known, lower=lower)
        if found.label == PERSON
        for word in strip_titles(found.text).split()
    }
    return _PeopleOf(known, lower, person_words)


class _PeopleOf:
    """The distinct people a stretch of text names (as the quotation reader counts them)."""

    def __init__(self, known: set[str], lower: set[str], person_words: set[str]) -> None:
        self.known, self.lower, self.person_words = known, lower, person_words

    def __call__(self, text: str) -> list[str]:
        return people_named(
            text, known=self.known, lower=self.lower, person_words=self.person_words
        )


def _in_full(name: str, earlier: Sequence[str], known: set[str], lower: set[str]) -> str | None:
    """``name`` as the article first writes it in full (a surname alone becomes the one
    full name ending with it), or ``None`` when it never gives one full name."""
    words = strip_titles(name).split()
    if not words:
        return None
    if len(words) > 1:
        return " ".join(words)
    fulls = _full_names(words[0], earlier, known, lower)
    return fulls.pop() if len(fulls) == 1 else None


def _full_name(story: StoryAlignment, row: int, surname: str) -> str | None:
    """The one full name ending in ``surname`` that the sentences before ``row`` in its
    article give (``None`` when none, or several: "Jo Bloggs" and "Al Bloggs")."""
    earlier = _article_before(story, row)
    if not earlier:
        return None
    known, lower = known_name_words([*earlier, story.sentences[row].text])
    if surname not in known:
        return None  # not a name the article writes with a capital inside a sentence
    fulls = _full_names(surname, earlier, known, lower)
    return fulls.pop() if len(fulls) == 1 else None


def _full_names(surname: str, earlier: Sequence[str], known: set[str], lower: set[str]) -> set[str]:
    """The person names of two or more words ending in ``surname`` in ``earlier``."""
    fulls: set[str] = set()
    for text in earlier:
        for found in find_names(text, known=known, lower=lower):
            words = strip_titles(found.text).split()
            if len(words) > 1 and words[-1] == surname and found.label in (PERSON, OTHER):
                fulls.add(" ".join(words[-2:]) if len(words) > 3 else " ".join(words))
    return fulls
