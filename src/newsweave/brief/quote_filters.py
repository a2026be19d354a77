"""What is no quotation and who is no speaker, whatever the sentence structure says.

* a title or slogan in title case in quotation marks ("Roads for Every Town") is no
  speech;
* a one-word "name" that is a group ("Officials", "Canadians") or a role ("Chair")
  names no one;
* "X's lawyers responded:" is not X speaking; a one-word speaker is given in the one
  longer name of the article it opens ("Jo" of "Jo Bloggs");
* a line of page chrome ("ADVERTISEMENT", "Photo") is no sentence: a quotation after it
  follows what came before it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from newsweave import wordlists
from newsweave.brief.gazetteer import DEMONYMS
from newsweave.brief.names import ORGANISATION, OTHER, PERSON, Name, is_title_word
from newsweave.brief.quote_names import ROLE_WORDS, strip_titles
from newsweave.brief.quote_speakers import SAY_VERBS

__all__ = [
    "PRONOUN_INTRO",
    "after_office",
    "describes_person",
    "first_word_form",
    "is_chrome",
    "is_header",
    "is_no_one",
    "is_possessor",
    "is_title_like",
    "plain_name",
]

_CHROME_WORDS = (
    wordlists.words("ui-words")
    | wordlists.words("html-ui-words")
    | wordlists.words("quote-chrome-words")
)
_GROUPS = wordlists.words("speaker-groups")
_PARTY_MEMBERS = wordlists.words("party-members")
_MINOR_WORDS = frozenset(
    "a an the of for and or nor but to in on at by with from as vs via into".split()  # noqa: SIM905
)


def is_title_like(text: str) -> bool:
    """Whether quoted ``text`` is a title or slogan in title case ("Roads for Every Town",
    "Night of the Long Rain"), not speech: every word capitalised but short function words."""
    found = re.findall(r"[^\W\d_][\w'’-]*", text)
    content = [w for w in found if w.casefold() not in _MINOR_WORDS]
    return (
        2 <= len(content) <= 12
        and all(w[0].isupper() for w in content)
        and not re.search(r"[.!?]\s+\S", text)
        and not (len(content) > 2 and all(w.isupper() for w in content))
    )


def is_no_one(name: str) -> bool:
    """Whether a one-word "name" is a group or role, not someone's name ("Officials",
    "Canadians", "Chair"): capitalised only because it opens a sentence or a title."""
    words = name.split()
    # "Hide Caption": a name made only of page-chrome words is a label, no one.
    if len(words) > 1 and all(w.strip(".,").casefold() in _CHROME_WORDS for w in words):
        return True
    # "Kentucky Republican", "Lakeland State Democrat": a party member described by a
    # place, the role set after a name, never a name itself.
    if len(words) > 1 and words[-1].strip(".,").casefold() in _PARTY_MEMBERS:
        return True
    if len(words) != 1:
        return False
    bare = words[0].strip(".,").casefold()
    return (
        bare in _GROUPS
        or bare in ROLE_WORDS
        or (words[0].endswith("s") and words[0][:-1] in DEMONYMS)
        or bare in _CHROME_WORDS
        # "UH-60", "F-16": a model's designation, not a person's name.
        or any(c.isdigit() for c in bare)
    )


def is_chrome(sentence: str) -> bool:
    """Whether ``sentence`` is page chrome on a line of its own ("ADVERTISEMENT", "Photo")."""
    # "Gallery (7 photos)": counts and brackets aside.
    bare = [w.strip(".:|()[]").casefold() for w in sentence.split()]
    bare = [w for w in bare if w and not w.isdigit()]
    return (0 < len(bare) <= 3 and all(w in _CHROME_WORDS for w in bare)) or is_header(sentence)


def is_header(line: str) -> bool:
    """Whether ``line`` is a section header in capitals ("THE LONG WAIT"): two or more
    words, every letter a capital, no sentence's end and no quotation mark."""
    text = line.strip()
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return (
        len(words) >= 2
        and "\n" not in text
        and text[-1:] not in '.!?”"’'
        and not any(c in '“”"' for c in text)
        and all(not c.isalpha() or c.isupper() for c in text)
    )


PRONOUN_INTRO = re.compile(
    rf"(?:^|,\s*)(?:[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?(?:{SAY_VERBS})\b[^,;.!?“”\"]{{0,60}}:$"
)
"""A sentence that ends "…, he replied:" and so introduces the next quotation."""


def is_possessor(text: str, name: str) -> bool:
    """Whether ``name`` first stands in ``text`` as a possessor ("X's lawyers")."""
    at = text.find(name)
    return at != -1 and re.match(r"['’]s?\s", text[at + len(name) :]) is not None


_MEDIA_HEADS = frozenset({"news", "radio", "tv", "television", "network", "channel"})
"""Second words that make a one-word name a broadcaster's short form ("X News" of "X")."""


def _as_surname(word: str, body: str) -> bool:
    """Whether ``body`` writes ``word`` after a first name ("Jo Davis"): then a lone
    "Davis" is that person's surname, not the first word of another name."""
    # On one line: a word ending the line before is no first name.
    for found in re.finditer(rf"\b([A-Z][\w'’-]+)[ \t]+{re.escape(word)}\b", body):
        before = found.group(1)
        if re.search(r"['’]s?$", before):
            continue  # "the Agency's Jo Bloggs": a possessor is no first name
        # "Inspector-General of Police Jo": the department of an office is no first name.
        office = re.search(r"\bof\s+(?:the\s+)?$", body[max(0, found.start() - 8) : found.start()])
        if before.casefold() not in _MINOR_WORDS and not is_title_word(before) and not office:
            line_start = body.rfind("\n", 0, found.start()) + 1
            if body[line_start : found.start()].strip() and not re.search(
                r"[.!?]\s*$", body[line_start : found.start()]
            ):
                return True
    return False


def first_word_form(
    speaker: str, names: Sequence[Name], lower: Container[str], body: str | None = None
) -> str | None:
    """The one longer name of the article that ``speaker`` (one word) opens, or ``None``.

    A first name given for a person's full name ("Jo" of "Jo Bloggs") or a broadcaster
    named by its first word ("X" of "X News").  Only a person's name, or a two-word
    organisation whose second word is a broadcaster's (not "X Tower", "X Foundation"),
    and only when exactly one such name opens with it.
    """
    if " " in speaker or (body is not None and _as_surname(speaker, body)):
        return None
    forms = set()
    for name in names:
        form = strip_titles(name.text)
        parts = form.split()
        office = len(parts) > 2 and parts[1] == speaker and after_office(form, body)
        if office:
            # "Inspector-General of Police Jo Bloggs": the department read into the name.
            parts = parts[1:]
            form = " ".join(parts)
        if len(parts) < 2 or parts[0] != speaker:
            continue
        plain = not any(w.casefold() in lower for w in parts[1:])
        if plain and name.label == OTHER and _after_the(form, body):
            plain = False  # "the Jo White House": a modifier of a thing, not a name
        if (
            (plain and (office or name.label == PERSON))
            # A name of no clear kind made of plain capitalised words ("Jo Bloggs"), not
            # "X Tower", "X Foundation".
            or (plain and name.label == OTHER and plain_name(parts[1:]))
            or (
                name.label == ORGANISATION
                and len(parts) == 2
                and parts[1].casefold() in _MEDIA_HEADS
            )
        ):
            forms.add(form)
        else:
            return None  # "X Tower", "X Foundation": the word names something else too
    shortest = min(forms, key=len) if forms else None
    # "Jo Ann" and "Jo Ann Bloggs" of one line read as two names: the one both extend.
    if shortest is not None and all(f.startswith(shortest) for f in forms):
        return shortest
    return None


_NOT_NAME_WORDS = (
    wordlists.words("organisation-words") | wordlists.words("place-words") | _MEDIA_HEADS
)


def plain_name(words: Sequence[str], most: int = 2) -> bool:
    """Whether ``words`` read as (the rest of) a person's name: at most ``most``
    capitalised words, none a word of organisations or places."""
    return 0 < len(words) <= most and all(
        w[:1].isupper()
        and w.replace("-", "").replace("'", "").isalpha()
        and w.casefold() not in _NOT_NAME_WORDS
        for w in words
    )


def _after_the(name: str, body: str | None) -> bool:
    """Whether ``body`` writes ``name`` after "the" ("the Jo White House")."""
    return body is not None and re.search(rf"\b[Tt]he\s+{re.escape(name)}\b", body) is not None


def after_office(name: str, body: str | None) -> bool:
    """Whether ``body`` writes ``name`` right after "Title of" ("Inspector-General of Police
    Jo Bloggs"): its first word is the office's department.  A name of three words or more
    may follow more of the department ("Secretary of State for Home Affairs Jo Bloggs");
    one of two words only right after "of" ("Secretary of Education Jo Bloggs" is Jo
    Bloggs)."""
    if body is None:
        return False
    longer = len(name.split()) > 2
    at = body.find(name)
    while at != -1:
        end = at + len(name)
        whole = (at == 0 or not body[at - 1].isalnum()) and not body[end : end + 1].isalnum()
        if whole and _office_before(body[max(0, at - 160) : at].split(), longer):
            return True
        at = body.find(name, at + 1)
    return False


def _office_before(words: list[str], longer: bool) -> bool:
    """Whether ``words`` (the text before a name) end in "Title of (the)" or, ``longer``,
    "Title of|for" and up to six department words ("Secretary of State for Home")."""
    position = len(words) - 1
    for _ in range(7 if longer else 2):
        if position < 1:
            return False
        word = words[position]
        if word in ("of", "for") and (longer or word == "of"):
            title = words[position - 1]
            if _TITLE.fullmatch(title) and any(is_title_word(p) for p in title.split("-")):
                return True
        if word not in ("the", "of", "for", "and", "&") and not (
            longer and _DEPARTMENT_WORD.fullmatch(word)
        ):
            return False
        if not longer and word != "the":
            return False
        position -= 1
    return False


_TITLE = re.compile(r"[A-Z][\w-]+")
_DEPARTMENT_WORD = re.compile(r"[A-Z][\w.&'’-]*")


_PERSON_NOUNS = ROLE_WORDS | {"official", "officials", "spokesperson", "source", "sources"}


def describes_person(description: str | None) -> bool:
    """Whether an unnamed speaker's description ends in a person's title or role
    ("the Secretary-General", "a senior official"), not a thing ("a report that")."""
    words = re.findall(r"[\w-]+", description or "")
    return bool(words) and (words[-1].casefold() in _PERSON_NOUNS or is_title_word(words[-1]))
