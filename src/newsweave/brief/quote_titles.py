"""Speakers named by their title: "the senator says", "DS Bloggs said in court".

* :func:`titled_person`: a definite description made of a title ("the senator", "the
  President", "the state senator") is the one person the text before it names with
  that title ("Sen. Jo Bloggs", "President Jo Bloggs"); two holders, a former holder
  or none give ``None``.
* :func:`member_person`: "the Acme official said" is the one person the text before
  it introduces with that organisation in an appositive role ("Jo Bloggs, Acme's
  director of operations", "Jo Bloggs, a spokesman for Acme").
* :func:`organisation_referent`: "“…,” it said" is the organisation the sentence just
  before makes its subject ("Acme found … ."), never a person.
* :func:`initials_form`: a surname after a title's initials ("DS Bloggs" for
  "Detective Sergeant Jo Bloggs") is the name the article writes after that title.

Both answer ``None`` when unsure: a quotation is better unattributed than given to
the wrong person.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import replace

from newsweave import wordlists
from newsweave.brief.names import ORGANISATION, OTHER, PERSON, find_names, is_title_word
from newsweave.brief.quote_filters import plain_name
from newsweave.brief.quote_names import ROLE_WORDS, strip_titles

__all__ = [
    "initials_form",
    "member_person",
    "organisation_referent",
    "title_head",
    "titled_person",
]

_ABBREVIATED = wordlists.mapping("title-abbreviations")
"""Abbreviated titles and the word each stands for ("sen" -> "senator")."""
_DESCRIPTION = re.compile(
    r"(?:the|The)\s+(?P<mods>(?:[\w.-]+\s+){0,2})(?P<head>[\w-]+)", re.IGNORECASE
)
_OTHER_OFFICE = frozenset({"former", "late", "ex", "vice", "deputy", "assistant", "acting"})
"""Words before a title that make it another office or another time ("Vice President")."""


def _title(word: str) -> str:
    bare = word.casefold().strip(".,")
    return _ABBREVIATED.get(bare, bare)


def title_head(description: str) -> str | None:
    """The title a definite description names ("the state senator" -> "senator"), if it
    is one: "the" and at most two modifiers before a title word, no former holder."""
    # "situation, the senator": the phrase after the last comma is the subject.
    found = _DESCRIPTION.fullmatch(description.rsplit(",", 1)[-1].strip(" .\n"))
    if found is None:
        return None
    head = found.group("head")
    mods = {w.casefold().strip(".-") for w in found.group("mods").split()}
    if not is_title_word(head) or mods & _OTHER_OFFICE:
        return None
    return _title(head)


def titled_person(
    description: str,
    texts: Iterable[str],
    *,
    known: Container[str] | None = None,
    lower: Container[str] = frozenset(),
) -> str | None:
    """The one person ``texts`` name right after the title ``description`` names."""
    head = title_head(description)
    if head is None:
        return None
    holders: dict[str, str] = {}
    for text in texts:
        for name in find_names(text, known=known, lower=lower):
            # "Chief Executive Jo Bloggs" read as one name of no clear kind: the person
            # after the titles, when two or three plain words of a name are left.
            rest = strip_titles(name.text).split()
            if name.label == OTHER and rest != name.text.split() and plain_name(rest, most=3):
                name = replace(name, text=" ".join(rest), start=text.find(rest[0], name.start))
            elif name.label != PERSON:
                continue
            before = text[: name.start].split()[-3:]
            at = next(
                (i for i in range(len(before) - 1, -1, -1) if _title(before[i]) == head), None
            )
            if at is None or not all(w[:1].isupper() or is_title_word(w) for w in before[at:]):
                continue
            if at and before[at - 1].casefold().strip(".-") in _OTHER_OFFICE:
                continue
            person = strip_titles(name.text)
            holders.setdefault(person.split()[-1], person)
    if len(holders) != 1:
        return None
    return next(iter(holders.values()))


_MEMBER = re.compile(
    r"(?:the|The)\s+(?P<org>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})\s+(?P<head>[a-z]+)"
)
_MEMBER_HEADS = ROLE_WORDS | {"official", "employee", "staffer", "worker", "representative"}
_APPOSITIVE_ROLE = re.compile(r"\s*,\s*(?P<role>[^,;.“”\"()]{3,80})")


def member_person(
    description: str,
    texts: Iterable[str],
    *,
    known: Container[str] | None = None,
    lower: Container[str] = frozenset(),
) -> str | None:
    """The one person ``texts`` introduce as a member of the organisation a description
    names ("the Acme official" after "Jo Bloggs, Acme's director of operations")."""
    found = _MEMBER.fullmatch(description.rsplit(",", 1)[-1].strip(" .\n"))
    if found is None or found.group("head") not in _MEMBER_HEADS:
        return None
    org = found.group("org")
    pattern = re.compile(rf"(?<![\w-]){re.escape(org)}(?![\w-])")
    people: dict[str, str] = {}
    for text in texts:
        for name in find_names(text, known=known, lower=lower):
            if name.label != PERSON:
                continue
            apposed = _APPOSITIVE_ROLE.match(text, name.start + len(name.text))
            if apposed is None:
                continue
            role = apposed.group("role")
            words = {w.casefold() for w in re.findall(r"[A-Za-z]+", role)}
            if pattern.search(role) and words & _MEMBER_HEADS:
                person = strip_titles(name.text)
                people.setdefault(person.split()[-1], person)
    return next(iter(people.values())) if len(people) == 1 else None


def initials_form(speaker: str, body: str) -> str | None:
    """The full name a speaker written as a title's initials and a surname stands for.

    "DS Bloggs" after "Detective Sergeant Jo Bloggs": the capitals are the initials of
    the title words before a first name and the same surname.  Only one such name.
    """
    words = speaker.split()
    if len(words) != 2 or not re.fullmatch(r"[A-Z]{2,3}", words[0]):
        return None
    letters, surname = words[0], words[1]
    forms: set[str] = set()
    low, high = len(letters) + 1, len(letters) + 3
    pattern = rf"((?:[A-Z][\w'-]*\s+){{{low},{high}}}){re.escape(surname)}\b"
    for found in re.finditer(pattern, body):
        run = found.group(1).split()
        for start in range(len(run) - len(letters)):
            title = run[start : start + len(letters)]
            rest = run[start + len(letters) :]
            if "".join(w[0] for w in title) == letters:
                if rest and not any(is_title_word(w) for w in rest):
                    forms.add(" ".join([*rest, surname]))
                break
    return forms.pop() if len(forms) == 1 else None


def organisation_referent(
    texts: Iterable[str],
    *,
    known: Container[str] | None = None,
    lower: Container[str] = frozenset(),
) -> str | None:
    """Whom "“…,” it said" refers to, reading ``texts`` (the sentences before it, nearest
    first): the organisation the nearest sentence that names anything makes its subject
    ("As part of its review, Acme found …"); ``None`` when that subject is a person,
    unnamed, or when the sentence names something else first."""
    from newsweave.brief.quote_subject import sentence_subject

    for number, text in enumerate(texts):
        if number > 1:
            return None
        names = find_names(text, known=known, lower=lower)
        if not names:
            continue  # "But said it found no bias": the same subject goes on
        subject = sentence_subject(text, known=known, lower=lower)
        name = next((n for n in names if strip_titles(n.text) == subject), None)
        # Only a name read as an organisation's, standing as the subject itself ("Acme
        # Corp found"), not a modifier ("A Town Hall statement said") nor a person.
        if name is None or name.label != ORGANISATION:
            return None
        if re.match(
            r"\s+[a-z]+\s+(?:said|says|stated|found|announced)\b",
            text[name.start + len(name.text) :],
        ):
            return None  # "Acme Corp officials said": the noun after the name is the subject
        if re.search(r"\b(?:[Aa]n?|[Tt]he)\s+$", text[: name.start]) and not name.text.startswith(
            "The"
        ):
            return None
        return subject
    return None
