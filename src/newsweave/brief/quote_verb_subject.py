"""The subject phrase before a reporting verb, read for a speaker (rules).

:func:`subject_before` reads the words that end just before a reporting verb
("the 33-year-old star's agent Jo Bloggs" in "… agent Jo Bloggs told") and says
what they name, as a :class:`Reading`: a name that ends the phrase (with an
appositive between it and the verb as its role, "Jo Bloggs, a spokesman,"), a
pronoun, a description that names no one ("an official"), or a clause whose
subject is the sentence's ("…, and declared", "went on to say").  Finding the
verb and the frame around a quotation is :mod:`newsweave.brief.quote_speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.names import PLACE, find_names, is_title_word
from newsweave.brief.quote_names import PREPOSITIONS, name_at_end, strip_titles
from newsweave.text import MONTHS, WEEKDAY_PATTERN

__all__ = ["APPOSITIVE_START", "PRONOUNS", "Reading", "subject_before"]

PRONOUNS = frozenset({"he", "she", "they"})
"""The pronouns a speaker may be named by before the speech verb."""
_AUX = wordlists.words("speech-verb-fillers")
_DESCRIBED = re.compile(r"\s*(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[\w-]")
_OF_PLACE = re.compile(r"\s+(?:of|from)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}$")
_ADVERBIAL = re.compile(
    r"(?:\s+(?:on|in|at|during|after|before|via|last|this|early|late)\s+[\w-]+(?:\s+[\w-]+)?"
    rf"|\s+(?:{WEEKDAY_PATTERN}|today|yesterday|"
    r"tonight|recently|earlier|later))\s*$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"(?P<before>.*\S)\s*,\s*(?P<role>[^,“”\"]{2,160}?)\s*,?\s*$", re.DOTALL)
APPOSITIVE_START = re.compile(
    r"(?:[a-z]|(?:The|A|An)\s"
    # "Lakeland-based senior vice president": a place-compound opening a role.
    r"|[A-Z][\w.]*-(?:based|born|area|bred|raised)\b)"
)
_PLACE_CHUNK = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")
"""A chunk that may be a place set inside a role ("Washington, D.C., bureau chief")."""
_ASIDE = re.compile(
    r"\s*\([^()“”\"]{1,40}\)"
    # "X -- on a feed attributed to him -- said": an aside set off by a pair of dashes.
    r"|\s+(?:--|[—–])\s*[^—–“”\"]{1,80}?\s*(?:--|[—–])(?=\s*$|\s+[a-z])"
    # "Sen. Jo Bloggs, R-Ohio, who …": a party-and-state tag before a relative clause.
    r"|,\s*[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?(?=,\s*(?:who|which)\b)"
    # "Rep. Jo Bloggs, R-Iowa, said": the same tag right before the reporting verb.
    r"|,\s*[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*,?\s*$"
)
_UNCLOSED_APPOSITIVE = re.compile(
    r"\s*(?P<name>[^,;:“”\"]{2,60}?)\s*,\s*(?P<role>(?:an?|the)\s+[a-z][^,;:“”\"]{2,80}?)\s*"
)
"""A name and a role with no comma after it ("Jo Bloggs, a former prosecutor")."""
_POSTMODIFIER = re.compile(
    r"(?P<head>.*\S)\s+(?:of|from|at|with)\s+(?:the\s+|a\s+|an\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,4}\s*$",
    re.DOTALL,
)
_CLAUSE_WORDS = frozenset("that which who whom if whether because than".split())  # noqa: SIM905


@dataclass(frozen=True, slots=True)
class Reading:
    """What a frame says about the speaker."""

    kind: str
    """``name``, ``pronoun``, ``described`` (an unnamed description), ``clause``
    (a participle whose subject is the sentence's) or ``none`` (no reporting verb)."""
    name: str | None = None
    role: str | None = None
    description: str | None = None


def subject_before(prefix: str, known: Container[str] | None, lower: Container[str]) -> Reading:
    """Read the subject phrase that ends ``prefix`` (the text just before a reporting verb)."""
    # "Sen. Jo Bloggs (R-Ohio) said": a party-and-state or similar aside is no part of it.
    text = _ASIDE.sub("", prefix).rstrip()
    # "X scolded Y and declared": a second verb of the sentence's subject.
    if re.search(r"\s(?:and|but|then)$", text):
        return Reading("clause")
    # "He went on to say": an infinitive has its sentence's subject.
    if re.search(r"\sto$", text):
        return Reading("clause")
    for _ in range(4):
        cut = _ADVERBIAL.sub("", text)
        words = cut.split()
        while words and (
            words[-1].casefold().strip(",") in _AUX
            # "X bluntly, wearily, observed": adverbs, with their commas.
            or (words[-1].islower() and words[-1].rstrip(",").endswith("ly") and len(words[-1]) > 4)
        ):
            words.pop()
        cut = " ".join(words)
        if cut == text:
            break
        text = cut
    if not text.strip(" ,"):
        return Reading("clause")
    last_word = text.split()[-1].casefold().strip(",")
    if last_word in PRONOUNS:
        return Reading("pronoun")
    last_word = re.sub(r"['’]d$", "", last_word)  # "who'd said"
    if last_word in ("who", "which"):
        # "…, Jo Bloggs, who testified that “…”": the relative pronoun's antecedent,
        # only when a comma sets it off ("the ambassador to X who testified" is unsure).
        antecedent = text[: text.rfind(text.split()[-1])].rstrip()
        if antecedent.endswith(","):
            reading = subject_before(antecedent, known, lower)
            if reading.kind == "name":
                return reading
        # "Jo Bloggs — a former mayor who": the name the description is set beside.
        apposed = re.match(r"(?P<name>.*\S)\s*[—,]\s*(?:an?|the)\s+[a-z][^—,]*$", antecedent)
        if apposed is not None:
            names = find_names(apposed.group("name"), known=known, lower=lower)
            last = names[-1] if names else None
            if (
                last is not None
                and last.label != PLACE
                and apposed.group("name").endswith(last.text.split()[-1])
            ):
                return Reading("name", strip_titles(last.text))
        return Reading("described", description=text.strip())
    if last_word in _CLAUSE_WORDS or last_word in {"for", "of", "by", "to", "and"}:
        return Reading("clause")
    unclosed = _UNCLOSED_APPOSITIVE.fullmatch(text)
    if unclosed is not None:
        named = name_at_end(unclosed.group("name"), known=known, lower=lower)
        if named is not None and unclosed.group("name").strip().endswith(named.split()[-1]):
            words = unclosed.group("name").split()
            if all(w[:1].isupper() for w in words):
                return Reading("name", named, unclosed.group("role").strip())
    role: str | None = None
    appositive = _APPOSITIVE.match(text) if text.endswith(",") else None
    if appositive is not None:
        chained = _appositive_chain(text, known, lower)
        if chained is not None:
            return chained
        named = name_at_end(appositive.group("before"), known=known, lower=lower)
        if named is not None:
            return Reading("name", named, appositive.group("role").strip())
        # "The nominee, Senator Jo Bloggs of Ohio, has said": the name is the appositive.
        before = appositive.group("before")
        if _DESCRIBED.match(before) and "," not in before:
            role = _OF_PLACE.sub("", appositive.group("role").strip())
            named = name_at_end(role, known=known, lower=lower)
            # A person's full name ("Senator Jo Bloggs"), not a place's initials ("DC").
            if named is not None and role[:1].isupper() and len(named.split()) > 1:
                return Reading("name", named, before.strip())
        # "A fellow named X, a professor at Y College, tweeted": the name inside a role
        # set off by commas is not the subject.
        if re.match(r"(?:an?|the)\s", appositive.group("role")):
            return Reading("described", description=text.strip(" ,"))
    # Only the last clause of the prefix can hold the subject.
    clause = re.split(r"[;:]|,\s+(?:and|but|while|as)\s+|\s(?:that|which|who)\s", text)[-1]
    named = name_at_end(clause, known=known, lower=lower)
    if named is not None:
        return Reading("name", named, role)
    # "May said": a surname that is also a month, alone or after a title.
    month = re.search(r"(?:^|\s)(?P<word>[A-Z][a-z]+)$", clause.rstrip(" ,"))
    if month is not None and month.group("word").casefold() in MONTHS:
        before = clause[: month.start("word")].split()
        if all(is_title_word(w) or w[:1].isupper() for w in before) and not any(
            w.casefold() in PREPOSITIONS for w in before
        ):
            return Reading("name", month.group("word"), role)
    # "Dr Jo Bloggs of the unit told": the name before its post-modifier.
    modified = _POSTMODIFIER.match(clause)
    if modified is not None:
        named = name_at_end(modified.group("head"), known=known, lower=lower)
        if named is not None:
            return Reading("name", named, role)
    return Reading("described", description=clause.strip(" ,"))


def _appositive_chain(
    text: str, known: Container[str] | None, lower: Container[str]
) -> Reading | None:
    """ "Jo Bloggs, head of X, who led Y," : the name before a chain of appositives.

    Each comma-separated stretch after the name must read as an appositive (it
    starts with a lower-case word, an article or a relative pronoun), so a list
    of names or a clause is not taken for one.
    """
    chunks = [c.strip() for c in text.rstrip(" ,").split(",")]
    cut = len(chunks)
    # "X, chair of the Committee on Roads, Rail and Ports, and Housing,":
    # the items of a list inside an appositive are part of it, not names of speakers.
    in_list = False
    while cut > 1:
        chunk = chunks[cut - 1]
        if re.match(r"(?:and|or|&)\s", chunk):
            in_list = True
        elif APPOSITIVE_START.match(chunk):
            in_list = False
        elif (
            not in_list
            and cut < len(chunks)
            and (APPOSITIVE_START.match(chunks[cut]) or _place_chunk(chunks[cut], known, lower))
            and _place_chunk(chunk, known, lower)
        ):
            pass  # "Jo Bloggs, Washington, D.C., bureau chief": the role's place
        elif not in_list:
            break
        cut -= 1
    if in_list:
        return Reading("described", description=text.strip(" ,"))
    if cut == len(chunks):
        return None
    named = name_at_end(chunks[cut - 1], known=known, lower=lower)
    modified = _POSTMODIFIER.match(chunks[cut - 1])
    if named is None and modified is not None:
        # "Mayor Jo Bloggs of Springfield, speaking to reporters,": the name, not the place.
        named = name_at_end(modified.group("head"), known=known, lower=lower)
    return Reading("name", named, chunks[cut]) if named is not None else None


def _place_chunk(chunk: str, known: Container[str] | None, lower: Container[str]) -> bool:
    """Whether ``chunk`` is only a place: one read as a place, or initials ("D.C.")."""
    if _PLACE_CHUNK.fullmatch(chunk) is None:
        return False
    if re.fullmatch(r"(?:[A-Z]\.){2,}", chunk):
        return True
    names = find_names(chunk, known=known, lower=lower)
    return len(names) == 1 and names[0].label == PLACE and names[0].text == chunk
