"""Which forms of a story's names are one entity: short forms, misspellings, other orders.

:mod:`newsweave.brief.entities` gathers every form a story writes ("Jane Doe",
"Doe", "JANE DOE") with its votes; the functions here map a form to the longer
form it stands for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from newsweave.brief.names import ORGANISATION, PERSON, PLACE, Name, kind_of_name
from newsweave.models import Article

__all__ = [
    "all_caps_forms",
    "article_and_initials_forms",
    "canonical_names",
    "company_short_forms",
    "dominant_full_names",
    "double_surname_half",
    "misspelt_first_names",
    "one_edit",
    "spelling_variants",
    "surname_first_names",
]

_COMPANY_SUFFIXES = ("Inc.", "Inc", "Corp.", "Corp", "Co.", "Ltd.", "Ltd", "LLC", "Group")


_DOUBLE_SURNAME = re.compile(r"(?!(?i:al|el)-)[A-Z][\w'’]+-([A-Z][\w'’]+)")


def double_surname_half(name: str) -> str | None:
    """The second half of a full name's double surname ("Moreau" of "Al Vance-Moreau"),
    not of an article and a surname ("al-Abadi")."""
    words = name.split()
    match = _DOUBLE_SURNAME.fullmatch(words[-1]) if len(words) > 1 else None
    return match.group(1) if match else None


def canonical_names(names: Sequence[str]) -> dict[str, str]:
    """Map each name to its longest form: a name that ends another, longer name in ``names``.

    A short form that ends two different longer names ("Lee" of "Ann Lee" and
    "Bo Lee") is ambiguous and stays itself.
    """
    distinct = sorted(set(names), key=lambda n: (-len(n.split()), n))
    ending: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for other in distinct:
        words = other.split()
        for size in range(1, len(words)):
            ending[tuple(words[-size:])].append(other)
        article = re.match(r"(?:al|el)-(?=[A-Z])", words[-1])
        if article and len(words) > 1:
            ending[(words[-1][article.end() :],)].append(other)  # "Abadi" of "Jo al-Abadi"
    # "Moreau" of "Jo Moreau" and of "Al Vance-Moreau": the second half of a double
    # surname makes the short form ambiguous (it is never merged into the double one)
    halves = {half for n in distinct if (half := double_surname_half(n)) is not None}
    mapping: dict[str, str] = {}
    for name in distinct:
        longer = {mapping.get(other, other) for other in ending.get(tuple(name.split()), ())}
        mapping[name] = longer.pop() if len(longer) == 1 and name not in halves else name
    return mapping


_DOMINANCE = 3
"""A full name mentioned this many times as often as any other of its surname takes the surname."""

_CAPITALS_DOMINANCE = 3
"""A name written in capitals this many times as often as in title case is an acronym."""


def dominant_full_names(
    people: Sequence[str],
    mapping: dict[str, str],
    per_article: Sequence[tuple[Article, Sequence[tuple[str, Name]]]],
) -> dict[str, str]:
    """A surname shared by several full names goes to the one the story is mostly about.

    "Varga" of a story that names "Ilse Varga" ten times and "Tomas Varga" once is
    Ilse Varga; "Roe" of "Ann Roe" and "Ben Roe", each named
    once, stays unresolved (and is no entity of its own).
    """
    mentions = Counter(form for _, names in per_article for form, _ in names)
    by_last: dict[str, list[str]] = defaultdict(list)
    for other in people:
        if len(other.split()) > 1:
            by_last[other.split()[-1]].append(other)
    resolved: dict[str, str] = {}
    for form in people:
        if len(form.split()) != 1 or mapping.get(form, form) != form:
            continue
        longer = sorted((mentions[other], other) for other in by_last.get(form, ()))
        if len(longer) > 1 and longer[-1][0] >= _DOMINANCE * longer[-2][0]:
            resolved[form] = mapping.get(longer[-1][1], longer[-1][1])
    return resolved


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def misspelt_first_names(
    forms: Sequence[str],
    people: Sequence[str],
    mentions: Counter[str],
    together: set[frozenset[str]],
) -> dict[str, str]:
    """A full name whose first name (or, with the same first name, surname) is one letter
    off a more frequent one's is that person.

    "Jon Vask" named once in a story that names "John Vask" four times is a typo; two
    first names of the same length and count ("Dana Roe", "Dina Roe") stay apart, and
    so do two names that one article gives side by side (``together``: "Mark Roe and
    Mary Roe" are two people however often each is named).
    """
    resolved: dict[str, str] = {}
    full = [p for p in people if len(p.split()) == 2]
    for name in forms:
        if len(name.split()) != 2 or kind_of_name(name) is not None:
            continue
        first, last = name.split()
        for other in full:
            o_first, o_last = other.split()
            first_off = (
                o_last == last
                and min(len(first), len(o_first)) >= 4
                and o_first[0] == first[0]
                and one_edit(first, o_first)
            )
            # "Tomas Brenan" beside "Tomas Brennan": a surname spelt one letter apart
            last_off = (
                o_first == first
                and min(len(last), len(o_last)) >= 5
                and o_last[0] == last[0]
                and one_edit(last, o_last)
            )
            if (
                (first_off or last_off)
                and mentions[other] >= 2 * mentions[name]
                and frozenset((name, other)) not in together
            ):
                resolved[name] = other
    return resolved


def all_caps_forms(forms: Sequence[str], mentions: Counter[str]) -> dict[str, str]:
    """A name written in capitals ("MADISON" of a dateline) is the story's title-case form of
    it ("Madison"); an acronym ("NATO") has none and stays itself.

    A name of no known kind that the story writes in capitals at least
    :data:`_CAPITALS_DOMINANCE` times as often as in title case is an acronym: the
    title-case form ("Zorp" beside many "ZORP") is folded into the capitals instead.
    """
    present = set(forms)
    resolved: dict[str, str] = {}
    for form in forms:
        if form.isupper() and len(form) > 3:
            titled = " ".join(w.capitalize() for w in form.split())
            if titled not in present:
                continue
            if kind_of_name(titled) is None and mentions[form] >= _CAPITALS_DOMINANCE * max(
                mentions[titled], 1
            ):
                resolved[titled] = form
            else:
                resolved[form] = titled
    return resolved


_SMALL_WORDS = frozenset({"of", "and", "for", "on", "the", "&"})


def article_and_initials_forms(forms: Sequence[str]) -> dict[str, str]:
    """ "The Harbour Post" is "Harbour Post" when the story writes both; an acronym ("HP",
    "NHC") is the one longer name of the story whose capitalised words it abbreviates
    ("Harbour Post", "National Harbour Council")."""
    present = set(forms)
    resolved = {
        form: form[4:] for form in present if form.startswith("The ") and form[4:] in present
    }
    by_initials: dict[str, set[str]] = defaultdict(set)
    for form in present:
        words = [w for w in form.split() if w.casefold() not in _SMALL_WORDS]
        if len(words) >= 2 and all(w[:1].isupper() and not w.isupper() for w in words):
            by_initials["".join(w[0] for w in words)].add(resolved.get(form, form))
    for form in present:
        longer = by_initials.get(form, set())
        if form.isalpha() and form.isupper() and 2 <= len(form) <= 6 and len(longer) == 1:
            resolved[form] = longer.pop()
    return resolved


def company_short_forms(
    forms: Sequence[str], votes: Mapping[str, Counter[str]], mentions: Counter[str]
) -> dict[str, str]:
    """A body's name without its last word is that body: "Acme" beside "Acme Inc.", "Jo
    Bloggs" beside "Jo Bloggs Center" when no cue makes the short form a person or a body.

    With several such longer forms, the one named at least twice as often as each other.
    """
    by_head: dict[str, list[str]] = defaultdict(list)
    for other in votes:
        if len(other.split()) > 1 and kind_of_name(other) == ORGANISATION:
            by_head[other.rsplit(" ", 1)[0]].append(other)
    resolved: dict[str, str] = {}
    for form in forms:
        if kind_of_name(form) is not None:
            continue
        suffixed = [
            f"{form} {suffix}"
            for suffix in _COMPANY_SUFFIXES
            if f"{form} {suffix}" in votes and kind_of_name(f"{form} {suffix}") == ORGANISATION
        ]
        if len(suffixed) == 1:
            resolved[form] = suffixed[0]
            continue
        if votes[form][PERSON] or votes[form][ORGANISATION]:
            continue  # "Jo Bloggs said": the person the body is named after
        longer = sorted(
            ((mentions[other], other) for other in by_head.get(form, ())),
            reverse=True,
        )
        if longer and votes[form][PLACE] > 1 and mentions[form] >= 3 * longer[0][0]:
            continue  # "in X" far more often than "X Police": the town the body is named for
        if longer and (len(longer) == 1 or longer[0][0] >= 2 * longer[1][0]):
            resolved[form] = longer[0][1]
    return resolved


def surname_first_names(
    people: Sequence[str],
    votes: Mapping[str, Counter[str]],
    per_article: Sequence[tuple[Article, Sequence[tuple[str, Name]]]],
) -> dict[str, str]:
    """A one-word person who opens one longer name written family name first is that person.

    "Lim" of a story that writes "Lim Hui Min" three times is that person, though
    the short form is the first word, not the last; the longer form needs no cue
    of its own.  Not when the story writes the longer form less than twice as often as
    any "Given Lim" ("Mei Lim"), nor when it has a kind of its own ("Lim Street"), nor
    when the longer form's words name someone else ("Lim Hale" beside "Hale said").
    """
    mentions = Counter(form for _, names in per_article for form, _ in names)
    one_word = {p for p in people if len(p.split()) == 1}
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)
    for other in votes:
        words = other.split()
        if len(words) > 1:
            by_first[words[0]].append(other)
            by_last[words[-1]].append(other)
    resolved: dict[str, str] = {}
    for form in sorted(one_word):
        tally = votes[form]
        if tally[PERSON] <= max(tally[ORGANISATION], tally[PLACE]):
            continue
        openers = [
            other
            for other in by_first.get(form, ())
            if len(other.split()) <= 3
            and kind_of_name(other) is None
            and not (votes[other][ORGANISATION] or votes[other][PLACE])
            and not any(w in votes for w in other.split()[1:])
        ]
        if len(openers) != 1:
            continue
        enders = [mentions[o] for o in by_last.get(form, ())]
        if mentions[openers[0]] >= 2 and mentions[openers[0]] >= 2 * max(enders, default=0):
            resolved[form] = openers[0]
    return resolved


_MIDDLE_INITIAL = re.compile(r"^(\S\S*[^\s.]) [A-Z]\.? (\S+)$")


def _fold(form: str) -> str:
    """``form`` without its accents: "Zoë Ćurić" -> "Zoe Curic"."""
    decomposed = unicodedata.normalize("NFKD", form)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spelling_variants(forms: Sequence[str], mentions: Counter[str]) -> dict[str, str]:
    """Forms that differ only by accents or a middle initial, mapped to one of them.

    "Zoe Curic" beside "Zoë Ćurić" is one person: the form named most often is kept
    (the accented one on a tie). "Ada Q. Lind" or "Ada Q Lind" beside "Ada Lind" is
    that person too; a middle initial with no plain form beside it stays as written,
    and two different middle initials ("Ada Q. Lind", "Ada R. Lind") stay apart.
    """
    by_fold: dict[str, list[str]] = defaultdict(list)
    for form in dict.fromkeys(forms):
        by_fold[_fold(form)].append(form)
    resolved: dict[str, str] = {}
    for group in by_fold.values():
        if len(group) < 2:
            continue
        best = max(group, key=lambda f: (mentions[f], f != _fold(f), f))
        resolved.update({form: best for form in group if form != best})
    present = {resolved.get(form, form) for form in forms}
    plain_of: dict[str, set[str]] = defaultdict(set)
    for form in present:
        match = _MIDDLE_INITIAL.match(form)
        if match is not None:
            plain_of[f"{match.group(1)} {match.group(2)}"].add(form)
    for plain, initialled in plain_of.items():
        initials = {form.split()[1][0] for form in initialled}
        if plain in present and len(initials) == 1:
            for form in initialled:
                resolved[form] = plain
    return {form: resolved.get(target, target) for form, target in resolved.items()}
