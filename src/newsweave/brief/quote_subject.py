"""Two readings of who a quotation's text names that the reporting verb does not give.

* :func:`sentence_subject`: the subject of a sentence's main clause, read past an
  opening phrase ("Speaking to reporters, X began …", "On Monday, X …",
  "Instead he …").  A name counts only in subject position (titles, roles and
  other descriptions before it, no verb), so the first name a sentence happens to
  hold ("Police arrested X") is never taken for its subject.
* :func:`credit_line`: the credit under or after a block quotation ("— Jo Bloggs,
  The Daily Paper", or a line of its own holding only "Jo Bloggs, The Daily Paper").

Both answer ``None`` when unsure: a quotation is better unattributed than given
to the wrong person.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import replace

from newsweave import wordlists
from newsweave.brief.names import ORGANISATION, PERSON, PLACE, find_names, is_title_word
from newsweave.brief.quote_names import (
    PREPOSITIONS,
    ROLE_WORDS,
    strip_title_words,
    strip_titles,
)
from newsweave.brief.quote_speakers import says
from newsweave.brief.quote_verb_subject import PRONOUNS
from newsweave.text import NUMBER_WORDS

__all__ = [
    "credit_line",
    "credit_text",
    "described_subject",
    "first_subject",
    "group_subject",
    "he_or_she_subject",
    "in_subject_position",
    "outside_quotes",
    "possessed_person",
    "pronoun_subject",
    "role_matches",
    "sentence_subject",
]

_SUBORDINATORS = frozenset(
    {
        *("while", "although", "though", "as", "after", "before", "when", "if"),
        *("because", "since", "despite", "unlike", "once", "until", "whether", "amid"),
    }
)
_CONNECTIVES = frozenset(
    {
        *("instead", "meanwhile", "however", "still", "later", "then", "now", "also"),
        *("but", "and", "so", "yet", "indeed", "moreover", "nevertheless", "nonetheless"),
        *("separately", "earlier", "afterwards", "afterward", "internally", "privately"),
        *("publicly", "again", "here", "there", "today", "yesterday", "tonight", "thus"),
        *("how", "why", "what"),
    }
)
"""Words that may open a sentence before its subject without a comma ("Instead he …")."""
_OPINION_SECTIONS = wordlists.words("opinion-sections")
_ASIDE = re.compile(r"\s*\([^()“”\"]{1,40}\)")
_INDEFINITE_OPENING = re.compile(
    r"(?:A|An)\s+(?![^,]*\b(?:who|which|that|whose|said|says)\b)[^,.;:“”\"()]{1,80}"
    r"(?:,\s*(?![^,]*\b(?:who|which|that|whose|said|says)\b)[a-z][^,.;:“”\"()]{0,80}){0,2}"
    r",\s*(?=[A-Z])"
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Z.'-]+)*\s+[—–-]{1,2}\s+")
_TIME_OPENING = re.compile(
    r"(?:last|next|this|earlier|later)(?:\s+(?:this|that|last|next))?\s+[a-z]+", re.IGNORECASE
)
_CREDIT_LINE = re.compile(r"[ \t]*(?:[—–-]{1,2}[ \t]*)?(?P<credit>[^\n“”\"]{3,90}?)[ \t]*(?:\n|$)")


def _strip_opening(text: str, known: Container[str] = frozenset()) -> str:
    """``text`` without the phrases that open a sentence before its subject."""
    text = _ASIDE.sub("", text)
    # "LOS ANGELES — ": a dateline in capitals before the sentence.
    text = _DATELINE.sub("", text, count=1)
    for _ in range(3):
        text = text.lstrip(" \n“”\"'(")
        words = text.split(maxsplit=1)
        if not words:
            return text
        first = words[0].casefold().strip(",")
        comma = text.find(",")
        opens_phrase = (
            first in _SUBORDINATORS
            or first in PREPOSITIONS
            or first in NUMBER_WORDS
            or first.isdigit()
            or (first.endswith(("ing", "ed")) and len(first) > 4)
            or first in {"in", "on", "at", "during", "with", "without", "for"}
            or text[:comma].rstrip().endswith((" ago", " later", " earlier"))
            # "Last year, it …", "Earlier this month, X …": a time before the subject.
            or _TIME_OPENING.fullmatch(text[:comma].strip()) is not None
        )
        if opens_phrase and 0 < comma <= 200:
            text = text[comma + 1 :]
            continue
        # "A retired teacher and former mayor, Jo Bloggs said": an indefinite noun
        # phrase set before the subject's name (not "A man, who …, said").
        apposed = _INDEFINITE_OPENING.match(text)
        if apposed is not None:
            text = text[apposed.end() :]
            continue
        # "Instead he", "Somehow, X": one opening word that is no name of the text.
        lone = words[0].endswith(",") and words[0][:-1].isalpha() and words[0][:-1] not in known
        if (first in _CONNECTIVES or (first.endswith("ly") and len(first) > 4) or lone) and len(
            words
        ) > 1:
            text = words[1].lstrip(" ,")
            continue
        return text
    return text


def _describes(word: str, lower: Container[str]) -> bool:
    """Whether ``word`` may stand before a subject's name ("The", "Sen.", "spokesman")."""
    bare = word.casefold().strip(".,")
    return (
        word[:1].isupper()
        or bare in ROLE_WORDS
        or bare in _PERSON_HEADS
        or is_title_word(word)
        or bare in {"the", "a", "an", "former", "then", "acting", "longtime", "veteran"}
        or (bare.endswith(("'s", "’s")) and bare[:-2].rstrip("'’") not in _NOT_POSSESSORS)
    )


_OCCUPATION_BEFORE_NAME = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}(?P<head>[a-z]+),?\s+[A-Z]")
"""Lower-case words ending in an occupation, then a capitalised name ("… writer Jo",
"The Acme spokesman, Jo Bloggs,")."""
_NOT_POSSESSORS = frozenset({"here", "there", "it", "that", "what", "who", "he", "she", "let"})
"""Words before "'s" that make a contraction ("here's"), not a possessor."""


_NAMED_GROUP = re.compile(r"\s*(?:The\s+)?(?:[A-Z][\w'’.-]*\s+){1,3}(?P<noun>[a-z]+)\b")


def group_subject(text: str, *, known: Container[str] = frozenset()) -> bool:
    """Whether the main clause of ``text`` opens with a group a name modifies ("Local
    Acme leaders were quick to …"): no "he" or "she" takes it up."""
    found = _NAMED_GROUP.match(_strip_opening(text, known))
    return found is not None and found.group("noun") in _GROUPS


def sentence_subject(
    text: str,
    *,
    known: Container[str] | None = None,
    lower: Container[str] = frozenset(),
    people_only: bool = False,
) -> str | None:
    """The name the main clause of ``text`` opens with as its subject, else ``None``.

    A pronoun subject gives ``None`` too (the caller reads further back).  With
    ``people_only`` an organisation or place subject gives ``None``.
    """
    clause = _strip_opening(text, known or frozenset())
    if not clause.strip():
        return None
    first = clause.split(maxsplit=1)[0].casefold().strip(",")
    if first in PRONOUNS:
        return None
    for name in find_names(clause, known=known, lower=lower):
        before = clause[: name.start].split()
        # "Secretary of State Jo Bloggs on Monday explained": an office before the name.
        office_before = _OFFICE_BEFORE.fullmatch(clause[: name.start]) is not None and any(
            is_title_word(w) for w in before[: before.index("of")]
        )
        if office_before and before[-1] == "of":
            # "Minister of Health Jo Bloggs": the department read into the name.
            if len(name.text.split()) < 3:
                return None
            name = replace(name, text=name.text.split(maxsplit=1)[1])
        if not (office_before or all(_describes(w, lower) for w in before)) or _credited(
            clause, name.start, name.text
        ):
            return None
        rest = clause[name.start + len(name.text) :]
        # "Foreign Secretary of State Jo Bloggs said": an office "Title of Department"
        # before the name; the subject is the person, not the title.
        office = _OFFICE_HEAD.match(rest)
        if office is not None and is_title_word(name.text.split()[-1]):
            return office.group("name")
        if rest[:1] == " " and rest[1:2].isupper():
            continue  # "Ohio Sen. Jo Bloggs", "Acme Inc President Jo Bloggs": a modifier
        # "Harbour analyst Jo Bloggs", "Race desk writer Jo Bloggs": a capitalised word
        # before an occupation and the name is a modifier of the person, not the subject.
        occupation = _OCCUPATION_BEFORE_NAME.match(rest)
        if occupation is not None and occupation.group("head") in _PERSON_HEADS:
            continue
        if name.label == PLACE or (people_only and name.label == ORGANISATION):
            return None
        # "Flemish officials said": a name before a group noun modifies the group.
        group = re.match(r"\s+(?P<noun>[a-z]+)\b", rest)
        if group is not None and group.group("noun") in _GROUPS:
            return None
        # "The Jo Bloggs campaign said": a name between "the" and a noun modifies the noun.
        if (
            name.label == PERSON
            and before
            and before[-1].casefold() == "the"
            and re.match(r"\s+[a-z]", rest)
        ):
            return None
        if name.text.split()[0].casefold() in NUMBER_WORDS:
            return None
        # "The Firm's Jo Bloggs said": the possessor names where the subject works.
        if re.match(r"['’]s\s+[A-Z]", rest):
            continue
        # "X's lawyer said": the possessor is not the subject; nor is one of two.
        if re.match(r"['’]s?\b|\s+(?:and|or|&)\s", rest):
            return None
        return strip_titles(name.text) or None
    return None


_OFFICE_HEAD = re.compile(
    r"\s+of\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)??"
    r"\s+(?P<name>[A-Z][a-z][\w'’-]*(?:\s+[A-Z]\.)?\s+[A-Z][a-z][\w'’-]*)(?=\s+[a-z]|[,.;:]|$)"
)
"""The rest of an office after its title: " of State Jo Bloggs said"."""
_OFFICE_BEFORE = re.compile(
    r"\s*(?:[Tt]he\s+)?(?:[A-Z][\w.-]*\s+){1,3}of\s+(?:(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?\s+)?"
)
"""An office "Title of Department" right before a name."""
_GROUPS = wordlists.words("speaker-groups")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "this", "that"})
_PERSON_HEADS = ROLE_WORDS | {
    *("president", "mayor", "judge", "prosecutor", "official", "candidate", "premier"),
    *("chancellor", "pastor", "bishop", "pope", "king", "queen", "prince", "princess"),
    *("sheriff", "nominee", "lawmaker", "congressman", "congresswoman", "justice"),
    *("counsel", "meteorologist", "economist", "historian", "scientist", "physician"),
}


def described_subject(text: str) -> bool:
    """Whether the main clause of ``text`` opens with a person described, not named
    ("The president has responded …", "A former adviser said …"): the one a later
    "he said" refers to, whoever else the sentence names."""
    words = _strip_opening(text).split()
    if len(words) < 2 or words[0].casefold() not in _DETERMINERS:
        return False
    for word in words[1:6]:
        bare = word.strip(",.")
        if bare.casefold() in _PERSON_HEADS:
            return True
        # "The soft-spoken, city-born lawyer": compound adjectives go on to the head.
        if "-" in bare and bare.replace("-", "").isalpha():
            continue
        if bare[:1].isupper() or not bare.isalpha():
            return False
    return False


def possessed_person(text: str, name: str) -> bool:
    """Whether ``name`` first stands in ``text`` as the possessor of a person ("X's lawyer",
    "X's longtime spokesman"): then that person, not X, is the subject a pronoun takes up;
    of a thing ("X's voice was recorded as he …") X stays the subject."""
    at = text.find(name)
    if at == -1:
        return False
    owned = re.match(r"['’]s?\s+([a-z][\w-]*)(?:\s+([a-z]+))?", text[at + len(name) :])
    return owned is not None and bool({owned.group(1), owned.group(2)} & _PERSON_HEADS)


def pronoun_subject(text: str) -> bool:
    """Whether the main clause of ``text`` has a pronoun subject ("Instead he said …")."""
    clause = _strip_opening(text)
    words = clause.split(maxsplit=1)
    return bool(words) and words[0].casefold().strip(",") in PRONOUNS


def he_or_she_subject(text: str) -> str | None:
    """ "he" or "she" when the main clause of ``text`` has that pronoun as its subject."""
    words = _strip_opening(text).split(maxsplit=1)
    word = words[0].casefold().strip(",") if words else ""
    return word if word in ("he", "she") else None


def credit_text(text: str) -> str | None:
    """The credit line right after a quotation, if there is one.

    ``text`` starts right after a quotation's closing mark: either a dash and the
    credit on the same line ("” — Jo Bloggs, The Daily Paper"), or the end of the
    line and a short line of capitalised words and commas holding only the credit.
    """
    same_line = re.match(r"[ \t]*[—–]", text)
    if same_line is None:
        gap = re.match(r"[ \t]*\n\s*", text)
        if gap is None:
            return None
        text = text[gap.end() :]
    found = _CREDIT_LINE.match(text)
    if found is None:
        return None
    credit = found.group("credit").strip()
    # An embedded post's credit: "— Jo Bloggs (@jobloggs) May 1, 2020" is Jo Bloggs's.
    handle = re.search(r"\s*\(@\w{1,30}\)", credit)
    if handle is not None and same_line is not None:
        credit = credit[: handle.start()].strip()
    if credit.endswith((".", "!", "?", ":")) or len(credit.split()) > 10:
        return None
    parts = [p.strip() for p in credit.split(",")]
    if len(parts) > 3 or not parts[0]:
        return None
    if same_line is None and (
        len(parts) < 2
        or not all(
            w[:1].isupper() or w in {"and", "&", "of", "the"}
            for w in credit.replace(",", " ").split()
        )
    ):
        return None  # a line of its own must read as "Name, Outlet"
    return credit


def credit_line(
    credit: str, *, known: Container[str] | None = None, lower: Container[str] = frozenset()
) -> str | None:
    """The person (or outlet, for an editorial) a credit (:func:`credit_text`) names.

    The credit's first part must be one name and nothing else; "Editorial, The
    Daily Paper" credits the paper; two authors give ``None``.
    """
    parts = [p.strip() for p in credit.split(",")]
    head = parts[0]
    if head.casefold() in _OPINION_SECTIONS or head.casefold() in {"editorial board", "editors"}:
        if len(parts) < 2:
            return None
        head = parts[1]
    head = re.sub(r"^(?:The|the)\s+", "", head)  # "The Daily Paper" is the paper's name
    names = find_names(head, known=known, lower=lower)
    if len(names) != 1 or names[0].label == PLACE:
        return None
    name = names[0]
    # The part must be the name and nothing else (titles aside).
    if head[: name.start].strip() or head[name.start + len(name.text) :].strip(" ."):
        return None
    return strip_titles(name.text) or None


def first_subject(
    text: str, *, known: Container[str] | None = None, lower: Container[str] = frozenset()
) -> str | None:
    """The first person or organisation ``text`` names (a sentence's subject comes first)."""
    for name in find_names(text, known=known, lower=lower):
        if name.label == PLACE or _counted(name.text) or _credited(text, name.start, name.text):
            continue
        words = strip_title_words(name.text.split())
        if words:
            return " ".join(words)
    return None


def _credited(text: str, start: int, name: str) -> bool:
    """Whether the name at ``start`` is a picture credit ("Jo Bloggs/Staff", "Jo Bloggs/AP"):
    the person who took the picture, not the subject of the caption."""
    return text[start + len(name) : start + len(name) + 1] == "/"


def _counted(name: str) -> bool:
    """Whether ``name`` opens with a number word ("Three years ago" is no name)."""
    return name.split()[0].casefold() in NUMBER_WORDS


def role_matches(description: str | None, role: str | None) -> bool:
    """Whether a description ("the doctor") repeats the head noun of a stated role."""
    if not description or not role:
        return False
    words = re.findall(r"[a-z]+", description.casefold())
    return bool(words) and words[-1] in re.findall(r"[a-z]+", role.casefold())


def outside_quotes(text: str, spans: Sequence[tuple[int, int]], start: int) -> str:
    """``text`` (found at ``start`` in its body) with quoted stretches blanked out."""
    chars = list(text)
    for open_at, end in spans:
        for at in range(max(open_at, start), min(end, start + len(text))):
            chars[at - start] = " "
    return "".join(chars)


_PLACE_PREPOSITIONS = frozenset({"on", "in", "at", "via", "near", "about", "with", "into"})
"""Prepositions of where or what ("on Twitter", "at the White House"), not of whom
("a statement by X:", "a message from X:", "according to X:")."""


def after_place_preposition(text: str, name: str) -> bool:
    """Whether ``name`` stands in ``text`` only as a preposition's object ("on Twitter")."""
    at = text.find(name)
    if at == -1:
        return False
    before = [w.casefold() for w in text[:at].split()]
    while before and (before[-1] in {"the", "a", "an"} or is_title_word(before[-1])):
        before.pop()
    return bool(before) and before[-1] in _PLACE_PREPOSITIONS


def in_subject_position(text: str, name: str) -> bool:
    """Whether ``name`` opens ``text`` as its subject: only capitalised words (titles,
    "The") before it, so an object ("Police arrested Jo Bloggs") is never taken."""
    at = text.find(name.split()[0])
    return at != -1 and all(_may_precede_name(w) for w in text[:at].split())


_VERB_FORMS = frozenset(
    {
        *("met", "told", "hit", "shot", "sent", "took", "gave", "saw", "beat", "caught"),
        *("brought", "left", "let", "put", "fought", "held", "kept", "found", "led", "made"),
        *("said", "says", "say", "asked", "called", "named", "against", "with", "and", "or"),
        *("to", "of", "for", "by", "on", "in", "at", "from", "about", "as", "but", "than"),
    }
)


def _may_precede_name(word: str) -> bool:
    """Whether ``word`` may stand before a subject's name ("The", "Sen.", "scholar", "firm's")."""
    bare = word.casefold().strip(".,")
    return (
        word[:1].isupper()
        or bare in ROLE_WORDS
        or is_title_word(word)
        or bare in {"the", "a", "an", "former", "then", "acting"}
        or bare.endswith(("'s", "’s"))
        # A plural possessor ("the series’ final episode", "the players' union").
        or (bare[-1:] in ("'", "’") and bare[:-1].isalpha() and bare[-2:-1] == "s")
        # An occupation before the name ("defence lawyer Jo Bloggs") but no verb
        # ("Police arrested Jo Bloggs"): a past form or a common irregular one.
        or (bare.isalpha() and not bare.endswith("ed") and bare not in _VERB_FORMS)
    )


_APPOSED_SPEAKER = re.compile(
    r"(?:^|,\s*)(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[^,;:“”\"]{2,80},\s*"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),\s*(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b"
)
"""A described subject with its name set off by commas before the verb ("the head of
X, Jo Bloggs, tweeted")."""
_AFTER_SUBJECT = re.compile(
    r"(?:\s*\([^()“”\"]{1,40}\))?(?:\s*,[^,;:“”\"]{1,80},)?\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b"
)


def speaking_subject(
    text: str,
    *,
    known: Container[str] | None = None,
    lower: Container[str] = frozenset(),
    people_only: bool = True,
) -> str | None:
    """The person ``text`` makes the subject of a reporting verb ("Sen. Jo Bloggs, of
    Ohio, said he would …", "When …, the head of X, Jo Bloggs, tweeted …"), else ``None``
    (with ``people_only=False``, a name of any kind but a place's)."""
    subject = sentence_subject(text, known=known, lower=lower, people_only=people_only)
    if subject is not None:
        at = text.find(subject)
        if re.search(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[A-Z][\w.-]*\s+){0,3}$", text[: max(at, 0)]):
            return None  # "The Lakeland State Republican declared": a description
        after = _AFTER_SUBJECT.match(text, at + len(subject)) if at != -1 else None
        if after is not None and says(after.group("verb")):
            return subject
        return None
    apposed = _APPOSED_SPEAKER.search(_strip_opening(text, known or frozenset()))
    if apposed is not None and says(apposed.group("verb")):
        names = find_names(apposed.group("name"), known=known, lower=lower)
        if len(names) == 1 and names[0].text == apposed.group("name") and names[0].label != PLACE:
            return strip_titles(names[0].text) or None
    return None
