"""Direct quotations with their speakers.

A quotation is text between quotation marks (:mod:`newsweave.brief.quote_spans`:
over line breaks, and a paragraph left open goes on in the next) of at least a
few words; single quoted terms are not speech.  Its speaker is the one the
sentence structure names: the subject of the reporting verb of its sentence
("“…,” Smith said", "said Smith, the mayor", "Smith said: “…”"), for "he said" the
person the text last made the subject, and for a quotation standing alone the
speaker of the quotation just before it.  A name that only stands nearby is never
taken, and a quotation whose speaker the text does not name is unattributed.

Two readers of the structure give the same kind of answer: rules over the text
(:mod:`newsweave.brief.quote_speakers`, always available) and, with the ``spacy``
extra installed, the subject of the reporting verb in a dependency parse
(:mod:`newsweave.brief.quote_parse`); ``QuoteOptions.parser`` chooses.  A short
name is given in its longest form in the article ("Smith" -> "Anna Smith").
Every quote is checked to appear word for word in its article's body and dropped
otherwise; paraphrases are never turned into quotes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.entities import canonical_names
from newsweave.brief.names import OTHER, PERSON, find_names
from newsweave.brief.quote_article import QuoteArticle
from newsweave.brief.quote_filters import after_office, first_word_form, is_no_one, is_title_like
from newsweave.brief.quote_names import strip_titles as _strip_titles
from newsweave.brief.quote_speakers import frame_subject, says
from newsweave.brief.quote_subject import credit_line, credit_text
from newsweave.brief.quote_titles import initials_form
from newsweave.brief.quote_verb_subject import Reading
from newsweave.models import Article, Citation, Quote
from newsweave.text import words

__all__ = ["QuoteOptions", "find_quotes", "verify_quote"]


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    """What :func:`find_quotes` keeps and how it reads speakers."""

    include_unattributed: bool = True
    """Keep quotations whose speaker the text does not name (``speaker=None``):
    a brief shows them as unattributed rather than dropping them."""
    unattributed_min_words: int = 6
    """An unattributed quotation must be this long, so terms, titles and scare
    quotes are not shown as speech."""
    min_words: int = 3
    """Shorter quoted text is a term or a title, not a quotation."""
    parser: str = "rules"
    """``rules`` (default), ``spacy`` (the rules, and a dependency parse where they find
    no name; needs the extra) or ``auto`` (``spacy`` when its pipeline is installed).
    The parse scores lower on the labelled sample and is slower
    (``benchmarks/eval_quotes.py``), so it is not the default."""


def verify_quote(quote: Quote, article: Article) -> bool:
    """Whether ``quote.text`` appears word for word in ``article``'s body (white space aside)."""
    text = " ".join(quote.text.split())
    return bool(text) and text in " ".join(article.body.split())


def _readings(article: QuoteArticle, parser: str) -> list[Reading]:
    from newsweave.brief.quote_parse import parse_readings

    frames = [article.frame(n) for n in range(len(article.found))]
    rules = [frame_subject(f, known=article.known, lower=article.lower) for f in frames]
    if parser in ("spacy", "auto"):
        # The parse reads the frames where the rules find no reporting verb's subject
        # (none, or a description): a name right at the reporting verb is as sure as
        # the parse, and a pronoun or a participle the rules resolve from the text
        # around.  Of the parse only a name is taken, or for a frame the rules read
        # nothing in, a pronoun or a participle: precision first.
        todo = [n for n, reading in enumerate(rules) if reading.kind in ("none", "described")]
        parsed = parse_readings(
            article, [frames[n] for n in todo], todo, required=parser == "spacy"
        )
        for n, reading in zip(todo, parsed or (), strict=True):
            if (reading.kind == "name" and (reading.name or "")[:1].isupper()) or (
                rules[n].kind == "none" and reading.kind in ("pronoun", "clause")
            ):
                rules[n] = reading
    # A block quotation credited after it ("” — Jo Bloggs, The Daily Paper", or the
    # credit on a line of its own); the paragraphs it continues share the credit.
    for n in range(len(rules) - 1, -1, -1):
        found = article.found[n]
        if rules[n].kind != "none" or frames[n].head.strip():
            continue
        credit = None
        if not frames[n].tail.strip() or frames[n].tail.lstrip()[:1] in "—–":
            credit = credit_text(article.body[found.span.after :])
        if credit is not None:
            named = credit_line(credit, known=article.known, lower=article.lower)
            # A credit of no one person ("Jo Bloggs and Ned Marsh, The Paper") is
            # still this quotation's: it does not go on an earlier speaker.
            rules[n] = Reading("name", named) if named else Reading("described", description=credit)
        elif (
            n + 1 < len(rules)
            and not found.span.continues
            and article.found[n + 1].span.continues
            and rules[n + 1].kind == "name"
            and not frames[n + 1].head.strip()
            and not frames[n].tail.strip()
        ):
            rules[n] = rules[n + 1]
    # "“A …“B …,” the report states": a quotation cut short by one nested in it
    # (or followed by another in its sentence) shares that one's attribution.
    for n in range(len(rules) - 2, -1, -1):
        following = article.found[n + 1]
        if (
            rules[n].kind == "none"
            and following.first <= article.found[n].last
            # "“A” …, and “B” …, according to X": the sentence's one attribution.
            and not says(frames[n].tail)
            # "… the “A” hat, so as to “B,” as X said": an "as" clause is of the one before it.
            and not re.match(r"[\s,]*as\s", frames[n + 1].tail)
            and not re.search(r"[.!?]\s", frames[n].tail)
            and rules[n + 1].kind != "none"
        ):
            rules[n] = rules[n + 1]
    return rules


_SO_CALLED = re.compile(r"\b(?:so-called|so called|dubbed|known as)\s*$", re.IGNORECASE)


def _is_term(state: QuoteArticle, number: int) -> bool:
    """Whether quotation ``number`` is a term the writer names ("so-called “…”"), not speech."""
    at = state.found[number].span.open_at
    return _SO_CALLED.search(state.body, max(0, at - 20), at) is not None


def _article_quotes(
    article: Article, sentences: Sequence[StorySentence], options: QuoteOptions
) -> list[Quote]:
    if not sentences:
        return []
    state = QuoteArticle(article, sentences)
    if not state.found:
        return []
    for number, reading in enumerate(_readings(state, options.parser)):
        speaker, role = state.resolve(number, reading)
        if speaker is not None and (is_no_one(speaker) or _is_term(state, number)):
            speaker = None
        state.found[number].speaker, state.found[number].role = speaker, role
    if not any(f.speaker for f in state.found):
        names = []
    else:
        names = [
            n for s in sentences for n in find_names(s.text, known=state.known, lower=state.lower)
        ]
    # Long forms without their titles: "Attorney Jo Bloggs" is Jo Bloggs.
    forms: dict[str, str] = {}

    def name_of(form: str) -> str:
        if form not in forms:
            forms[form] = _name_of(form, article.body)
        return forms[form]

    people = [name_of(_strip_titles(n.text)) for n in names if n.label == PERSON]
    speakers = {f.speaker for f in state.found if f.speaker}
    longest = canonical_names(people + list(speakers))
    # A speaker named by surname alone takes the one longer name of the article it ends.
    full = {_strip_titles(n.text) for n in names if n.label in (PERSON, OTHER)}
    for speaker in speakers:
        if longest.get(speaker, speaker) == speaker:
            longer = set()
            for form in full:
                if form == speaker or not form.endswith(" " + speaker):
                    continue
                form = name_of(form)
                # Not a phrase that only ends in the name ("Never X": "never" is no name).
                if form != speaker and not any(
                    w.casefold() in state.lower for w in form.split()[:-1]
                ):
                    longer.add(form)
            if len(longer) > 1:
                # "Archaeologist Jo Bloggs" and "Pic Jo Bloggs": the name all of them end in.
                common = _common_end(longer)
                if len(common.split()) > len(speaker.split()):
                    longer = {common}
            if len(longer) == 1:
                longest[speaker] = _strip_titles(longer.pop())
            else:
                longest[speaker] = (
                    first_word_form(speaker, names, state.lower, article.body)
                    or initials_form(speaker, article.body)
                    or speaker
                )
    quotes: list[Quote] = []
    seen: dict[str, int] = {}
    for found in state.found:
        text = article.body[found.span.start : found.span.end].rstrip(",").rstrip()
        count = len(words(text))
        name = longest.get(found.speaker, found.speaker) if found.speaker else None
        key = text.rstrip(".,;:!? ")
        cited = state.sentences[found.first].index  # the article's sentence, not a piece
        if key in seen:
            # A pull quote or lead that the article repeats later with its attribution:
            # the attributed occurrence is the quote.
            at = seen[key]
            if name is not None and quotes[at].speaker is None:
                quotes[at] = Quote(
                    text=text,
                    speaker=name,
                    article=article.id,
                    role=found.role,
                    citation=Citation(article.id, cited, article.outlet, sentences[cited].text),
                )
            continue
        if count < options.min_words or is_title_like(text):
            continue
        if name is None and (
            not options.include_unattributed or count < options.unattributed_min_words
        ):
            continue
        sentence = sentences[cited]
        quote = Quote(
            text=text,
            speaker=name,
            article=article.id,
            role=found.role if name else None,
            citation=Citation(article.id, cited, article.outlet, sentence.text),
        )
        if verify_quote(quote, article):
            seen[key] = len(quotes)
            quotes.append(quote)
    return quotes


def _name_of(form: str, body: str) -> str:
    """``form`` without the department of an office read into it: "Affairs Jo Bloggs",
    written "Secretary of State for Home Affairs Jo Bloggs", is Jo Bloggs."""
    if len(form.split()) > 1 and after_office(form, body):
        return form.split(maxsplit=1)[1]
    return form


def _common_end(forms: set[str]) -> str:
    """The longest run of words that every one of ``forms`` ends in."""
    split = [f.split() for f in forms]
    size = 0
    while all(len(words) > size for words in split) and len({w[-1 - size] for w in split}) == 1:
        size += 1
    return " ".join(split[0][len(split[0]) - size :])


def find_quotes(doc: StoryDoc, *, options: QuoteOptions | None = None) -> tuple[Quote, ...]:
    """Direct quotations with their speakers in ``doc``'s articles, in article and text order."""
    options = options or QuoteOptions()
    found: list[Quote] = []
    for number, article in enumerate(doc.articles):
        found.extend(_article_quotes(article, doc.article_sentences(number), options))
    return tuple(found)
