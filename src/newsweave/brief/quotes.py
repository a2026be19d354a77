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

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.entities import canonical_names
from newsweave.brief.names import (
    OTHER,
    PERSON,
    find_names,
    is_title_word,
    known_name_words,
)
from newsweave.brief.quote_filters import (
    PRONOUN_INTRO,
    first_word_form,
    is_chrome,
    is_no_one,
    is_possessor,
    is_title_like,
)
from newsweave.brief.quote_spans import QuoteSpan, quote_spans
from newsweave.brief.quote_speakers import (
    PRONOUNS,
    Frame,
    Reading,
    frame_subject,
    says,
    trailing_attribution,
)
from newsweave.brief.quote_speakers import (
    strip_titles as _strip_titles,
)
from newsweave.brief.quote_subject import (
    after_place_preposition,
    credit_line,
    credit_text,
    described_subject,
    first_subject,
    in_subject_position,
    outside_quotes,
    pronoun_subject,
    role_matches,
    sentence_subject,
)
from newsweave.models import Article, Citation, Quote
from newsweave.text import words

__all__ = ["QuoteOptions", "find_quotes", "verify_quote"]

_OPEN_END_MAX = 800
"""A quotation left open longer than this is a stray mark, not a paragraph of speech."""
_LOOKBACK = 4
"""Sentences read back for the referent of "he said"."""
_SPLIT_ATTRIBUTION_WORDS = 12
"""A sentence this short after a closed quotation on its line may be its attribution."""
_CAPITAL_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I"})


_LATER_PRONOUN = re.compile(rf"\S[^“”\"]*\b(?:{'|'.join(sorted(PRONOUNS))})\b", re.IGNORECASE)
_DESCRIPTION = re.compile(r"(?:A|An|The|One|Another)\s+(?:[A-Z][\w.-]*\s+){0,2}[a-z\d]")
"""A sentence opening with an unnamed description ("A state lawmaker", "The official")."""
_OPENING_CLAUSE = re.compile(
    r"^\s*(?:While|Although|Though|As|After|Before|When|If|Because|Since|Despite|Unlike)\b"
    r"[^,;]{0,200},\s*"
)


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


@dataclass(slots=True)
class _Found:
    span: QuoteSpan
    first: int
    last: int
    speaker: str | None = None
    role: str | None = None


class _Article:
    """One article's sentences, names and quotations, read for speakers."""

    def __init__(self, article: Article, sentences: Sequence[StorySentence]) -> None:
        self.body = article.body
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        spans = [
            s
            for s in quote_spans(self.body)
            if s.close_at is not None or s.end - s.start <= _OPEN_END_MAX
        ]
        self.quoted = [(s.open_at, s.after) for s in spans]
        # Only an article with quotations pays for reading its names.
        words_of = known_name_words(s.text for s in sentences) if spans else (set(), set())
        self.known, self.lower = words_of
        self._person_words: set[str] | None = None
        self.found = [
            _Found(s, self.sentence_of(s.open_at), self.sentence_of(s.after - 1)) for s in spans
        ]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def outside(self, index: int, stop: int | None = None) -> str:
        sentence = self.sentences[index]
        end = sentence.end if stop is None else min(stop, sentence.end)
        return outside_quotes(self.body[sentence.start : end], self.quoted, sentence.start)

    def frame(self, number: int) -> Frame:
        found = self.found[number]
        head_start = self.sentences[found.first].start
        if number and self.found[number - 1].span.after > head_start:
            head_start = self.found[number - 1].span.after
        tail_end = self.sentences[found.last].end
        if number + 1 < len(self.found):
            tail_end = min(tail_end, self.found[number + 1].span.open_at)
        after = found.span.after
        head = self.body[head_start : found.span.open_at]
        tail = self.body[after:tail_end] if tail_end > after else ""
        if not tail.strip() and found.last + 1 < len(self.sentences):
            tail = self._split_attribution(number, after) or tail
        elif tail_end == self.sentences[found.last].end and found.last + 1 < len(self.sentences):
            # "“…,” the Rev.\nJo Bloggs said": a title's full stop at a line break is no
            # sentence end; the name goes on in the next sentence.
            last = tail.split()[-1] if tail.split() else ""
            following = self.sentences[found.last + 1]
            if last.endswith(".") and is_title_word(last) and following.text[:1].isupper():
                end = following.end
                if number + 1 < len(self.found):
                    end = min(end, self.found[number + 1].span.open_at)
                tail = self.body[after:end]
        return Frame(head=head, tail=tail)

    def _split_attribution(self, number: int, after: int) -> str | None:
        """The attribution a sentence splitter cut off after "…?”" or "…!”" ("Smith said.").

        It is the next sentence when it follows on the same line, stands outside
        quotation marks and is a short clause with a reporting verb.
        """
        following = self.sentences[self.found[number].last + 1]
        between = self.body[after : following.start]
        if "\n" in between or between.strip():
            return None
        if number + 1 < len(self.found) and self.found[number + 1].span.open_at < following.end:
            end = self.found[number + 1].span.open_at
        else:
            end = following.end
        text = self.body[following.start : end]
        if len(text.split()) > _SPLIT_ATTRIBUTION_WORDS or not says(text):
            return None
        # After “….” a capital opens a new sentence ("“… .” He said Tuesday that …"):
        # only "?" or "!" inside the marks leaves the sentence open for its attribution,
        # and a capitalised pronoun opens a sentence of its own.
        span = self.found[number].span
        closing = self.body[span.start : span.end].rstrip(" ,\n")[-1:]
        first_word = text.split()[0].strip(",")
        if (closing not in "?!" and not text[:1].islower()) or first_word in _CAPITAL_PRONOUNS:
            return None
        return between + text

    def pronoun(self, number: int, first: int | None = None) -> str | None:
        """The referent of "he said": the nearest earlier sentence's speaker or first person.

        A pronoun inside a later clause of its sentence ("A lawmaker blamed X, who
        he said …") refers to that sentence's subject when the sentence opens with
        one: a name is the speaker, a description ("A lawmaker") leaves the quote
        unattributed.
        """
        head = self.frame(number).head
        opening = head.lstrip(' \n“”"')
        first_word = opening.split(maxsplit=1)[0].casefold() if opening.split() else ""
        if (
            first_word
            and first_word not in PRONOUNS
            and not pronoun_subject(opening)
            and _LATER_PRONOUN.search(head)
        ):
            if _DESCRIPTION.match(opening):
                return None
            # Only the sentence's subject, and only when no one else stands between
            # it and the pronoun ("X knelt on Y's neck as he said": he is X or Y).
            named = first_subject(opening, known=self.known, lower=self.lower)
            at = _LATER_PRONOUN.search(opening)
            before = opening[: at.end() if at else len(opening)]
            others = [
                n
                for n in find_names(before, known=self.known, lower=self.lower)
                if named is None or not set(n.text.split()) & set(named.split())
            ]
            if named is not None and in_subject_position(opening, named) and not others:
                return named
            return None
        if first is None:
            first = self.found[number].first
        previous = self.found[number - 1] if number else None
        if previous is not None and previous.last >= first and previous.speaker:
            return previous.speaker
        for index in range(first - 1, max(-1, first - 1 - _LOOKBACK), -1):
            for earlier in reversed(self.found[:number]):
                if earlier.last == index and earlier.speaker is not None:
                    return earlier.speaker
            attributed = trailing_attribution(
                self.outside(index), known=self.known, lower=self.lower
            )
            if attributed is not None:
                return attributed.name
            # The subject of its main clause, past an opening phrase ("While X did
            # this, Y …"), not the first or last name it holds.
            text = self.outside(index)
            subject = sentence_subject(text, known=self.known, lower=self.lower, people_only=True)
            if subject is not None:
                # "Democrats objected …  “…,” she said": a group is no "she", nor is
                # one word never written with a capital inside a sentence ("Farmers").
                lone = len(subject.split()) == 1 and subject not in self.known
                return None if is_no_one(subject) or lone else subject
            if pronoun_subject(text):
                continue  # the same person goes on: read further back
            if described_subject(text):
                return None  # "The president has responded …": someone unnamed
            # An unnamed or non-person subject ("The BBC chose X"): the one person
            # the sentence names, if it names exactly one.
            people = self._people(_OPENING_CLAUSE.sub("", text, count=1))
            if len(people) > 1:
                return None
            if people:
                return people[0]
        return None

    def _people(self, text: str) -> list[str]:
        """The distinct people ``text`` names: names read as a person here or, for a
        name of no clear kind ("Boehner"), anywhere in the article."""
        if self._person_words is None:
            self._person_words = {
                word
                for s in self.sentences
                for n in find_names(s.text, known=self.known, lower=self.lower)
                if n.label == PERSON
                for word in _strip_titles(n.text).split()
            }
        found: list[str] = []
        for name in find_names(text, known=self.known, lower=self.lower):
            words = _strip_titles(name.text).split()
            person = name.label == PERSON or (
                name.label == OTHER and bool(words) and words[-1] in self._person_words
            )
            if person and not any(set(words) & set(p.split()) for p in found):
                found.append(" ".join(words))
        return found

    def _chrome(self, index: int) -> bool:
        """Whether sentence ``index`` is page chrome ("ADVERTISEMENT", "Photo") on a line
        of its own: no sentence, so a quotation after it follows what came before it."""
        return is_chrome(self.sentences[index].text)

    def alone(self, number: int) -> str | None:
        """The speaker of a quotation with no frame of its own."""
        found = self.found[number]
        previous = self.found[number - 1] if number else None
        first = found.first
        while first > 0 and self._chrome(first - 1):
            first -= 1
        if previous is not None and (found.span.continues or previous.last >= first - 1):
            return previous.speaker
        if first == 0:
            return None
        before = self.outside(first - 1).strip()
        # "…, Jo Bloggs said.  “…”": the attribution that ends the sentence before.
        attributed = trailing_attribution(before, known=self.known, lower=self.lower)
        if attributed is not None and attributed.kind == "name":
            return attributed.name
        # "Asked if …, he replied:": the pronoun's referent, read before that sentence.
        if PRONOUN_INTRO.search(before):
            return self.pronoun(number, first - 1)
        named = first_subject(before, known=self.known, lower=self.lower)
        if named is not None and is_possessor(before, named):
            return None  # "X's lawyers responded:": the lawyers speak, not X
        if named is not None and before.startswith(named.split()[0]):
            return named
        # "X disagreed:" is X's; "He posted on Twitter:" is not the platform's.
        if (
            before.endswith(":")
            and named is not None
            and not after_place_preposition(before, named)
        ):
            return named
        if previous is None or previous.last < first - 3:
            return None
        between = range(previous.last + 1, first)
        if any(self._people(self.outside(i)) for i in between):
            return None
        return previous.speaker

    def resolve(self, number: int, reading: Reading) -> tuple[str | None, str | None]:
        found = self.found[number]
        previous = self.found[number - 1] if number else None
        if reading.kind == "name":
            return reading.name, reading.role
        if reading.kind == "pronoun":
            return self.pronoun(number), None
        if reading.kind == "clause":
            if previous is not None and previous.last >= found.first and previous.speaker:
                return previous.speaker, previous.role
            text = self.outside(found.first, found.span.open_at)
            subject = sentence_subject(text, known=self.known, lower=self.lower)
            if subject is None and pronoun_subject(text):
                # "He went on to say, “…”": the person "he" refers to.
                return self.pronoun(number), None
            return subject, None
        if reading.kind == "described":
            if (
                previous is not None
                and previous.last >= found.first - 2
                and role_matches(reading.description, previous.role)
            ):
                return previous.speaker, previous.role
            # "…, Jo Bloggs, a doctor at X, told AFP.  “…,” added the doctor."
            if found.first:
                attributed = trailing_attribution(
                    self.outside(found.first - 1), known=self.known, lower=self.lower
                )
                if (
                    attributed is not None
                    and attributed.kind == "name"
                    and role_matches(reading.description, attributed.role)
                ):
                    return attributed.name, attributed.role
            return None, reading.description
        frame = self.frame(number)
        if not frame.head.strip() and not frame.tail.strip(" .,;:!?\n"):
            return self.alone(number), None
        if previous is not None and previous.last >= found.first and previous.speaker:
            return previous.speaker, previous.role
        return None, None


def _readings(article: _Article, parser: str) -> list[Reading]:
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
            # A credit of no one person ("Jo Bloggs and Al Baker, The Paper") is
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
            and not re.search(r"[.!?]\s", frames[n].tail)
            and rules[n + 1].kind != "none"
        ):
            rules[n] = rules[n + 1]
    return rules


def _article_quotes(
    article: Article, sentences: Sequence[StorySentence], options: QuoteOptions
) -> list[Quote]:
    if not sentences:
        return []
    state = _Article(article, sentences)
    if not state.found:
        return []
    for number, reading in enumerate(_readings(state, options.parser)):
        speaker, role = state.resolve(number, reading)
        if speaker is not None and is_no_one(speaker):
            speaker = None
        state.found[number].speaker, state.found[number].role = speaker, role
    if not any(f.speaker for f in state.found):
        names = []
    else:
        names = [
            n for s in sentences for n in find_names(s.text, known=state.known, lower=state.lower)
        ]
    # Long forms without their titles: "Attorney Jo Bloggs" is Jo Bloggs.
    people = [_strip_titles(n.text) for n in names if n.label == PERSON]
    speakers = {f.speaker for f in state.found if f.speaker}
    longest = canonical_names(people + list(speakers))
    # A speaker named by surname alone takes the one longer name of the article it ends.
    full = {_strip_titles(n.text) for n in names if n.label in (PERSON, OTHER)}
    for speaker in speakers:
        if longest.get(speaker, speaker) == speaker:
            # Not a phrase that only ends in the name ("Never X": "never" is no name).
            longer = {
                f
                for f in full
                if f != speaker
                and f.endswith(" " + speaker)
                and not any(w.casefold() in state.lower for w in f.split()[:-1])
            }
            if len(longer) == 1:
                longest[speaker] = _strip_titles(longer.pop())
            else:
                longest[speaker] = first_word_form(speaker, names, state.lower) or speaker
    quotes: list[Quote] = []
    seen: set[str] = set()
    for found in state.found:
        text = article.body[found.span.start : found.span.end].rstrip(",").rstrip()
        count = len(words(text))
        if count < options.min_words or text in seen or is_title_like(text):
            continue
        name = longest.get(found.speaker, found.speaker) if found.speaker else None
        if name is None and (
            not options.include_unattributed or count < options.unattributed_min_words
        ):
            continue
        sentence = sentences[found.first]
        quote = Quote(
            text=text,
            speaker=name,
            article=article.id,
            role=found.role if name else None,
            citation=Citation(article.id, found.first, article.outlet, sentence.text),
        )
        if verify_quote(quote, article):
            seen.add(text)
            quotes.append(quote)
    return quotes


def find_quotes(doc: StoryDoc, *, options: QuoteOptions | None = None) -> tuple[Quote, ...]:
    """Direct quotations with their speakers in ``doc``'s articles, in article and text order."""
    options = options or QuoteOptions()
    found: list[Quote] = []
    for number, article in enumerate(doc.articles):
        found.extend(_article_quotes(article, doc.article_sentences(number), options))
    return tuple(found)
