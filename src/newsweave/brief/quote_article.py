"""One article read for the speakers of its quotations (:class:`QuoteArticle`).

It holds the article's sentences, the words seen capitalised and in lower case
in them, and its quotation spans, and answers who speaks a quotation: from the
frame around it (:meth:`QuoteArticle.frame`, read by
:mod:`newsweave.brief.quote_speakers` or the parse of
:mod:`newsweave.brief.quote_parse`), from the person "he said" refers back to
(:meth:`QuoteArticle.pronoun`, each sentence read by
:mod:`newsweave.brief.quote_referent`), or, for a quotation standing alone, from the
sentence or the quotation before it (:meth:`QuoteArticle.alone`).
:mod:`newsweave.brief.quotes` walks an article's quotations through it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.doc import StorySentence
from newsweave.brief.names import OTHER, PERSON, find_names, is_title_word, known_name_words
from newsweave.brief.quote_filters import (
    PRONOUN_INTRO,
    describes_person,
    is_chrome,
    is_no_one,
    is_possessor,
)
from newsweave.brief.quote_gender import Genders
from newsweave.brief.quote_names import people_named
from newsweave.brief.quote_names import strip_titles as _strip_titles
from newsweave.brief.quote_referent import according_person, quoted_person, referent
from newsweave.brief.quote_spans import (
    QuoteSpan,
    is_nickname,
    opens_new_sentence,
    quote_spans,
    run_together,
    without_nicknames,
)
from newsweave.brief.quote_speakers import Frame, says, trailing_attribution
from newsweave.brief.quote_subject import (
    after_place_preposition,
    first_subject,
    he_or_she_subject,
    in_subject_position,
    outside_quotes,
    possessed_person,
    pronoun_subject,
    role_matches,
    sentence_subject,
    speaking_subject,
)
from newsweave.brief.quote_titles import member_person, organisation_referent, titled_person
from newsweave.brief.quote_verb_subject import PRONOUNS, Reading
from newsweave.models import Article

__all__ = ["QuoteArticle"]

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
_ENDS_PARAGRAPH = re.compile(r"[ \t]*(?:\n|$)")
_HE_OR_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_THIRD_PERSON_OPENING = re.compile(r"(?:He|She|His|Her|Him)\b")
_CONTINUING_TAIL = re.compile(r"[\s,]*(?:while|whereas|and|but)\s+[a-z]")
"""A clause after a quotation that goes on with the same words ("…,” while voters “…”")."""
_LINKING_HEAD = re.compile(r"\s*(?:But|And|Yet|Still|Also|Then|Plus)\s*,?\s*")
"""A head that only links a quotation to the one before ("But “…”")."""


_PARTY_DESCRIPTION = re.compile(
    r"\s*[Tt]he\s+(?:[A-Z][\w.'-]*\s+){1,3}(?:"
    + "|".join(sorted(w.capitalize() for w in wordlists.words("party-members")))
    + r")\s*"
)
"""A party member described by a place ("the Ohio Republican")."""


@dataclass(slots=True)
class _Found:
    span: QuoteSpan
    first: int
    last: int
    speaker: str | None = None
    role: str | None = None
    kind: str = ""
    """The kind of the frame's reading (:class:`Reading`), once resolved."""


class QuoteArticle:
    """One article's sentences, names and quotations, read for speakers."""

    def __init__(self, article: Article, sentences: Sequence[StorySentence]) -> None:
        self.body = article.body
        spans = [
            s
            for s in quote_spans(self.body)
            if s.close_at is not None or s.end - s.start <= _OPEN_END_MAX
        ]
        # Sentences cut where they run together ("… she said.Jo said …"); each piece
        # keeps its sentence's ``index`` for citations.
        self.sentences = run_together(self.body, sentences, {s.open_at for s in spans})
        self.starts = [s.start for s in self.sentences]
        self.quoted = [(s.open_at, s.after) for s in spans]
        # Only an article with quotations pays for reading its names.
        words_of = known_name_words(s.text for s in sentences) if spans else (set(), set())
        self.known, self.lower = words_of
        self._person_words: set[str] | None = None
        self.genders = Genders(self.body)
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
        later = number + 1
        # "“…,” Dora “Dot” Minsky said": a nickname is part of the attribution.
        while later < len(self.found) and is_nickname(self.body, self.found[later].span):
            later += 1
        if later < len(self.found):
            tail_end = min(tail_end, self.found[later].span.open_at)
        after = found.span.after
        head = self.body[head_start : found.span.open_at]
        tail = without_nicknames(self.body[after:tail_end]) if tail_end > after else ""
        if opens_new_sentence(self.body[found.span.start : found.span.end], tail):
            tail = ""
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
        # The reporting verb within its first words; a clause may follow it ("X said
        # at dawn when the new draft came out").
        opening = text.split()[:_SPLIT_ATTRIBUTION_WORDS]
        if not any(says(" ".join(opening[:k])) for k in range(1, len(opening) + 1)):
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

    def pronoun(self, number: int, first: int | None = None, *, in_head: bool = True) -> str | None:
        """The referent of "he said": the nearest earlier sentence's speaker or first person.

        A pronoun inside a later clause of its sentence ("A lawmaker blamed X, who
        he said …") refers to that sentence's subject when the sentence opens with
        one: a name is the speaker, a description ("A lawmaker") leaves the quote
        unattributed.  ``in_head=False`` reads only the sentences before (for a
        description that is no pronoun of the head, "the Ohio Republican").
        """
        head = self.frame(number).head
        opening = head.lstrip(' \n“”"')
        first_word = opening.split(maxsplit=1)[0].casefold() if opening.split() else ""
        if (
            in_head
            and first_word
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
            clause = opening
            if named is None or not in_subject_position(opening, named):
                # "In a letter to Y, X said he would act on what he called “…”": the
                # subject after an opening phrase; the names in that phrase are no rivals.
                subject = sentence_subject(
                    before, known=self.known, lower=self.lower, people_only=True
                )
                start = before.find(subject.split()[0]) if subject else -1
                if subject is not None and start > 0:
                    named, clause, before = subject, before[start:], before[start:]
            others = [
                n
                for n in find_names(before, known=self.known, lower=self.lower)
                if named is None or not set(n.text.split()) & set(named.split())
            ]
            if (
                named is not None
                and in_subject_position(clause, named)
                and not others
                and not possessed_person(clause, named)
            ):
                return named
            return None
        if first is None:
            first = self.found[number].first
            # "X shrugged the audit off. “…,” he said": a whole sentence the splitter left
            # before the quotation is the nearest earlier one.
            if re.search(r"[.!?]\s+$", head) and not self._after_quote(number):
                decided, name = self._referent(re.split(r"(?<=[.!?])\s+", head.strip())[-1])
                if decided:
                    return name
        previous = self.found[number - 1] if number else None
        if previous is not None and previous.last >= first and previous.speaker:
            return previous.speaker
        frame = self.frame(number)
        said = _HE_OR_SHE.search(frame.tail) or _HE_OR_SHE.search(frame.head)
        wanted = said.group().casefold() if said else None
        for index in range(first - 1, max(-1, first - 1 - _LOOKBACK), -1):
            for earlier in reversed(self.found[:number]):
                if earlier.last == index and earlier.speaker is not None:
                    return earlier.speaker
                if earlier.last == index and describes_person(earlier.role):
                    # "“…,” the official said.  …  “…,” he said": the one described
                    # there goes on: the person the sentence before it makes the
                    # subject ("X spoke.  “…,” the former governor said"), else unnamed,
                    # never a person named further back.
                    if index and not self._chrome(index - 1):
                        decided, name = self._referent(self.outside(index - 1))
                        if decided and name is not None:
                            return name
                    return None
            if self._chrome(index):
                continue  # a header or page chrome names no one: read further back
            text = self.outside(index)
            subject = he_or_she_subject(text)
            if wanted is not None and subject is not None and subject != wanted:
                # "She spoke the day X said …  “…,” he said": not the woman further
                # back; the one person that sentence names, if it names one.
                people = self._people(text)
                return people[0] if len(people) == 1 else None
            decided, name = self._referent(text)
            if decided:
                return name
        return None

    def _politician(self, number: int) -> str | None:
        """Whom "the Ohio Republican" before or after quotation ``number`` refers to: the
        person the sentence before makes the subject (a whole sentence left in the head
        too, "Sen. X is not buying it.“…,” the Ohio Republican said")."""
        head = self.frame(number).head
        if re.search(r"[.!?]\s*$", head):
            # Sentences run together ("… detainees.Sen. X is not …"): the last piece of a
            # few words, past a title's full stop.
            pieces = [p for p in re.split(r"(?<=[.!?])\s*(?=[A-Z])", head.strip()) if p]
            if self._after_quote(number):
                pieces = pieces[1:]  # the first piece ends the sentence of the quotation before
            last = next((p for p in reversed(pieces) if len(p.split()) >= 4), "")
            decided, name = self._referent(last) if last else (False, None)
            if decided:
                return name
        return self.pronoun(number, in_head=False)

    def _referent(self, text: str) -> tuple[bool, str | None]:
        """Whom a "he said" after sentence ``text`` refers to (:func:`referent`)."""
        return referent(text, known=self.known, lower=self.lower, people_of=self._people)

    def _quoting(self, text: str) -> str | None:
        """The person ``text`` says it is quoting (:func:`quoted_person`)."""
        return quoted_person(text, known=self.known, lower=self.lower)

    def _after_quote(self, number: int) -> bool:
        """Whether quotation ``number``'s head starts right after the quotation before it."""
        if not number:
            return False
        return self.found[number - 1].span.after > self.sentences[self.found[number].first].start

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
        return people_named(
            text, known=self.known, lower=self.lower, person_words=self._person_words
        )

    def _chrome(self, index: int) -> bool:
        """Whether sentence ``index`` is page chrome ("ADVERTISEMENT", "Photo") on a line
        of its own: no sentence, so a quotation after it follows what came before it."""
        return is_chrome(self.sentences[index].text)

    def _she_goes_on(self, number: int, before: str) -> bool:
        """ "At a hearing, she criticised the lender.  “…”": whether the person "she" goes
        on with speaks quotation ``number``, standing after her sentence ``before``: not
        "“He'd …”" (about him), and only a quotation that ends its paragraph ("“Why?” I
        asked." is the writer's)."""
        span = self.found[number].span
        return (
            self._pronoun_goes_on(before)
            and not _THIRD_PERSON_OPENING.match(self.body, span.start)
            and _ENDS_PARAGRAPH.match(self.body, span.after) is not None
        )

    def _pronoun_goes_on(self, before: str) -> bool:
        """Whether sentence ``before`` has "he" or "she" as its subject with no one named
        ahead of it ("…, he said" after "X's aide Y left a statement" is Y's, which the
        sentences before cannot tell)."""
        pronoun = _HE_OR_SHE.search(before)
        if pronoun is None or he_or_she_subject(before) is None:
            return False
        ahead = find_names(before[: pronoun.start()], known=self.known, lower=self.lower)
        return not any(n.label in (PERSON, OTHER) for n in ahead)

    def alone(self, number: int) -> str | None:
        """The speaker of a quotation with no frame of its own."""
        found = self.found[number]
        previous = self.found[number - 1] if number else None
        first = found.first
        while first > 0 and self._chrome(first - 1):
            first -= 1
        goes_on = previous is not None and (found.span.continues or previous.last >= first - 1)
        # "She criticised the lender's “reach.”  “…”": a term quoted inside the
        # sentence before speaks for no one; only a "she" subject of it goes on.
        term = (
            goes_on
            and previous is not None
            and previous.speaker is None
            and not found.span.continues
            and previous.first == previous.last == first - 1
            and bool(self.frame(number - 1).head.strip())
        )
        if goes_on and not term:
            return previous.speaker if previous is not None else None
        if first == 0:
            return None
        before = self.outside(first - 1).strip()
        if term:
            return self.pronoun(number, first - 1) if self._she_goes_on(number, before) else None
        # "…, Jo Bloggs said.  “…”": the attribution that ends the sentence before.
        attributed = trailing_attribution(before, known=self.known, lower=self.lower)
        if attributed is not None and attributed.kind == "name":
            return attributed.name
        according = according_person(
            before, known=self.known, lower=self.lower, people_of=self._people
        )
        if according is not None:
            return according or None
        quoting = self._quoting(before)
        if quoting is not None:
            return quoting or None
        # "Asked if …, he replied:": the pronoun's referent, read before that sentence.
        if PRONOUN_INTRO.search(before):
            return self.pronoun(number, first - 1)
        if self._she_goes_on(number, before):
            return self.pronoun(number, first - 1)
        named = first_subject(before, known=self.known, lower=self.lower)
        if named is not None and is_possessor(before, named):
            return None  # "X's lawyers responded:": the lawyers speak, not X
        # "X earned a degree there.  “He'd want to be …”": a quotation that speaks of
        # someone as "he" or "she" is about the person just named, not by them.
        about = _THIRD_PERSON_OPENING.match(self.body, found.span.start) is not None
        if named is not None and before.startswith(named.split()[0]) and not about:
            return named
        # "Sen. Jo Bloggs, of Ohio, said he could …  “…”": the named subject of the
        # sentence before, when its verb is a reporting verb, goes on speaking.
        speaking = speaking_subject(before, known=self.known, lower=self.lower)
        if speaking is not None:
            return speaking
        # "X disagreed:" is X's; "He posted on Twitter:" is not the platform's.
        if (
            before.endswith(":")
            and named is not None
            and not after_place_preposition(before, named)
        ):
            return named
        if before.endswith(":") and named is None and says(before):
            return None  # "The wire service reports:": someone unnamed introduces it
        if previous is None or previous.last < first - 3:
            return None
        between = range(previous.last + 1, first)
        if any(self._people(self.outside(i)) for i in between):
            return None
        return previous.speaker

    def resolve(self, number: int, reading: Reading) -> tuple[str | None, str | None]:
        found = self.found[number]
        found.kind = reading.kind
        previous = self.found[number - 1] if number else None
        if reading.kind == "name":
            if _PARTY_DESCRIPTION.fullmatch(f"the {reading.name}"):
                # "…,” the Ohio Republican said": a party member described by a place is
                # the politician the text last made the subject, as "he said" would be.
                return self._politician(number), None
            return reading.name, reading.role
        if reading.kind == "pronoun":
            # "X argued that it was “…” and was what he called “…”": after a quotation of
            # its sentence, with no one else named since, "he" is that quotation's speaker.
            between = self.frame(number).head
            if (
                previous is not None
                and previous.last >= found.first
                and previous.speaker
                and previous.kind == "name"
                and self._after_quote(number)
                and between.strip()
                and not re.search(r"[.!?]\s", between)
                and not self._people(between)
            ):
                return previous.speaker, previous.role
            # "“…,” she said" is not the male interviewer's whose question came before.
            speaker = self.pronoun(number)
            frame = self.frame(number)
            if not self.genders.agrees(frame.tail + " " + frame.head, speaker):
                return None, None
            return speaker, None
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
            if _PARTY_DESCRIPTION.fullmatch(reading.description or ""):
                return self._politician(number), None  # "the Ohio Republican", as above
            # "…,” the senator says": the one person named before with that title.
            titled = titled_person(
                reading.description or "",
                (self.outside(i) for i in range(found.first + 1)),
                known=self.known,
                lower=self.lower,
            )
            if titled is not None:
                return titled, reading.description
            # "…,” the Acme official said": the one person introduced as Acme's.
            member = member_person(
                reading.description or "",
                (self.outside(i) for i in range(found.first + 1)),
                known=self.known,
                lower=self.lower,
            )
            if member is not None:
                return member, reading.description
            if (reading.description or "").casefold() == "it":
                # "“…,” it said": the organisation the sentence before makes its subject.
                org = organisation_referent(
                    (self.outside(i) for i in range(found.first - 1, -1, -1)),
                    known=self.known,
                    lower=self.lower,
                )
                if org is not None:
                    self._people("")  # reads the article's person words once
                    if any(w in (self._person_words or set()) for w in org.split()):
                        org = None  # a word of a person's name: no organisation
                return org, None
            return None, reading.description
        frame = self.frame(number)
        if not frame.tail.strip(" .,;:!?\n") and (
            not frame.head.strip() or _LINKING_HEAD.fullmatch(frame.head)
        ):
            # "…,” he said.  But “…”": a linking word alone goes on with the speaker.
            return self.alone(number), None
        if previous is not None and previous.last >= found.first and previous.speaker:
            return previous.speaker, previous.role
        # "“…,” X said.  “…,” while voters “…”": a sentence that opens with a quotation
        # and goes on in a clause with no reporting verb and no one named carries on.
        if (
            not frame.head.strip()
            and _CONTINUING_TAIL.match(frame.tail)
            and not says(frame.tail)
            and not self._people(frame.tail)
        ):
            return self.alone(number), None
        # "X later set down some of it: “…”": a head with no reporting verb that ends in a
        # colon introduces its quotation; its subject speaks, as "X disagreed:" does.
        if frame.head.rstrip().endswith(":") and not frame.tail.strip(" .,;:!?\n"):
            # "X, a show, 1988: Jo Bloggs: “…”": the part after the last other colon.
            head = frame.head.rstrip()[:-1].rsplit(":", 1)[-1]
            if re.search(r"\s[-–—]\s", head):
                return None, None  # "A headline - The Paper:": a source's text, no speaker
            if pronoun_subject(head):
                return self.pronoun(number), None
            subject = sentence_subject(head, known=self.known, lower=self.lower, people_only=True)
            # Only a person ("Hide Caption:", "WaPo:", a dateline's "D.C." are none): a
            # name read as a person's, or one that "his" or "her" takes up after it.
            if subject is not None and not is_no_one(subject) and not is_possessor(head, subject):
                people = self._people(head)
                after = head[head.find(subject.split()[-1]) :]
                if any(set(subject.split()) & set(p.split()) for p in people) or re.search(
                    r"\b(?:his|her)\b", after
                ):
                    return subject, None
        return None, None
