"""Whom a "he said" refers to, read from the one sentence before it.

:func:`referent` reads a sentence for the person a following pronoun goes on
with: the name of its trailing attribution ("…, Jo Bloggs said."), of an "As X
pointed out" clause, of the person it says it is quoting (:func:`quoted_person`),
of an inverted attribution (", said Jo Bloggs,"), its main clause's subject, or
the one person it names; or it says the sentence leaves the referent to the
sentences before.  :class:`newsweave.brief.quote_article.QuoteArticle` walks back
through an article's sentences with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from newsweave.brief.quote_filters import is_no_one, plain_name
from newsweave.brief.quote_names import name_at_end
from newsweave.brief.quote_speakers import says, trailing_attribution
from newsweave.brief.quote_subject import (
    described_subject,
    group_subject,
    possessed_person,
    pronoun_subject,
    sentence_subject,
    speaking_subject,
)

__all__ = ["according_person", "quoted_person", "referent"]

_INVERTED = re.compile(r",\s*(?:said|says)\s+(?P<np>[^,.;:“”\"()]{2,60})(?:,|\.?\s*$)")
"""An attribution with its verb first inside a sentence (", said Jo Bloggs, a …")."""
_INVERTED_END = re.compile(
    r",\s*(?:writes|wrote|adds|added|notes|noted|argues|argued|explains|explained|observes"
    r"|observed|concludes|concluded)\s+(?P<np>[^,;:“”\"()]{2,160}?)\.?\s*$"
)
"""An inverted attribution ending the sentence, of a reporting verb that takes no object
(", writes former staffer Jo Bloggs in a commentary for The Paper.")."""
_NP_CUT = re.compile(r"\s+(?:on|in|at|as|who|when|after|before|approvingly|\w+ly)\b")
_AS_SAID = re.compile(
    r"\s*As\s+(?P<np>[^,;:“”\"()]{2,60}?)(?:\s*,\s*(?:an?|the)\s+[^,;:“”\"()]{2,80},)?"
    r"\s+(?:\w+ly\s+)?(?P<verb>[a-z]+(?:\s+(?:out|up))?)\b"
)
"""A sentence opening "As X (, a role,) pointed out / noted / said"."""
_OPENING_CLAUSE = re.compile(
    r"^\s*(?:While|Although|Though|As|After|Before|When|If|Because|Since|Despite|Unlike)\b"
    r"[^,;]{0,200},\s*"
)


def referent(
    text: str,
    *,
    known: Container[str],
    lower: Container[str],
    people_of: Callable[[str], list[str]],
) -> tuple[bool, str | None]:
    """Whom a "he said" after sentence ``text`` refers to: ``(True, name)`` when the
    sentence decides it (``name`` may be ``None``: someone unnamed), ``(False, None)``
    when it leaves it to the sentences before ("He went on …").

    ``known`` and ``lower`` are the article's name words; ``people_of`` gives the
    distinct people a stretch of text names, read against the whole article."""
    attributed = trailing_attribution(text, known=known, lower=lower)
    if attributed is not None:
        return True, attributed.name
    # "As Jo Bloggs, the spokesman, pointed out, …": the speaker of the "as" clause.
    as_clause = _AS_SAID.match(text)
    if as_clause is not None and says(as_clause.group("verb")):
        named = name_at_end(as_clause.group("np"), known=known, lower=lower)
        if named is not None and as_clause.group("np").strip()[:1].isupper():
            return True, named
    quoting = quoted_person(text, known=known, lower=lower)
    if quoting is not None:
        return True, quoting or None
    # "The scheme lends tools, said Jo Bloggs, head of Y, a charity that …":
    # the named speaker of the sentence's inverted attribution.
    inverted = _INVERTED.search(text)
    if inverted is not None:
        named = name_at_end(inverted.group("np"), known=known, lower=lower)
        if named is not None and inverted.group("np").strip()[:1].isupper():
            return True, named
    # "…, writes former staffer Jo Bloggs in a commentary.": the name that ends the
    # verb's subject, before any phrase of place or manner; a description before it
    # ("former staffer") is no rival.
    inverted = _INVERTED_END.search(text)
    if inverted is not None:
        np = _NP_CUT.split(inverted.group("np"))[0]
        named = name_at_end(np, known=known, lower=lower)
        if named is not None and len(named.split()) > 1:
            return True, named
    # The subject of its main clause, past an opening phrase ("While X did
    # this, Y …"), not the first or last name it holds.
    subject = sentence_subject(text, known=known, lower=lower, people_only=True)
    if subject is not None:
        # "Democrats objected …  “…,” she said": a group is no "she", nor is
        # one word never written with a capital inside a sentence ("Farmers").
        lone = len(subject.split()) == 1 and subject not in known
        return True, None if is_no_one(subject) or lone else subject
    if pronoun_subject(text):
        return False, None  # the same person goes on: read further back
    if group_subject(text, known=known):
        # "Local Acme leaders were quick to condemn it, with X saying …": the one person
        # the sentence names, if it names exactly one; never someone further back.
        people = people_of(_OPENING_CLAUSE.sub("", text, count=1))
        return True, people[0] if len(people) == 1 else None
    if described_subject(text):
        return True, None  # "The president has responded …": someone unnamed
    # An unnamed or non-person subject ("The BBC chose X"): the one person
    # the sentence names, if it names exactly one.
    clause = _OPENING_CLAUSE.sub("", text, count=1)
    people = people_of(clause)
    if len(people) > 1:
        return True, None
    if people:
        # "Soaked and hoarse, he was asked whether X could …": a pronoun before the one
        # name is the subject, the same person as before.
        pronoun = re.search(r"\b(?:he|she|He|She)\b", clause)
        if pronoun is not None and pronoun.start() < clause.find(people[0].split()[0]):
            return False, None
        # "The Jo Bloggs administration says …": a name that modifies the subject (at
        # the clause's start, not "… with the BBC Bloggs admitted") is none.
        surname = re.escape(people[0].split()[-1])
        modifier = (
            rf"\s*(?:[^,“”\"]{{0,80}},\s*)?[Tt]he\s+(?:[A-Z][\w.'’-]*\s+){{0,3}}{surname}\s+[a-z]"
        )
        if re.match(modifier, clause):
            return True, None
        # "X's nominee, Y, has 30 days …": the possessor of a person is not the subject.
        if clause.lstrip().startswith(people[0].split()[-1]) and possessed_person(
            clause, people[0].split()[-1]
        ):
            return True, None
        return True, people[0]
    # "Bloggs concluded …" with "Bloggs" read as a firm's name: "he said" after a
    # sentence whose subject speaks is that subject when it reads as a person's name,
    # else unnamed ("Acme Holdings India MD Jo Bloggs told"); never someone further back.
    speaking = speaking_subject(text, known=known, lower=lower, people_only=False)
    if speaking is not None:
        return True, speaking if plain_name(speaking.split(), most=3) else None
    return False, None


def quoted_person(text: str, *, known: Container[str], lower: Container[str]) -> str | None:
    """ "Here is Jo Bloggs, quoting Ned Marsh on Monday:": the quoted person, who
    speaks the quotations that follow ("" when the quoted one is unnamed); ``None``
    when ``text`` quotes no one."""
    quoting = re.search(r"\bquoting\s+(?P<np>[^,;:“”\"()]{2,60})", text)
    if quoting is None:
        return None
    np = _NP_CUT.split(quoting.group("np"))[0]
    return name_at_end(np, known=known, lower=lower) or ""


_ACCORDING_END = re.compile(r",\s*according\s+to\s+(?P<np>[^,;:“”\"()]{2,60}?)\.?\s*$")


def according_person(
    text: str,
    *,
    known: Container[str],
    lower: Container[str],
    people_of: Callable[[str], list[str]],
) -> str | None:
    """The person a sentence ends by naming as its source ("…, according to Jo Bloggs."),
    who speaks a quotation standing alone after it; ``""`` when the source is no person
    ("according to the agency"), ``None`` when the sentence names no source so."""
    according = _ACCORDING_END.search(text)
    if according is None:
        return None
    named = name_at_end(according.group("np"), known=known, lower=lower)
    if named is None or not according.group("np").strip()[:1].isupper():
        return ""
    return named if any(named.split()[-1] in p.split() for p in people_of(named)) else ""
