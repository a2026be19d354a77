"""Who said a quotation, read from the sentence structure around it (rules).

The *frame* of a quotation is the text of its sentence outside quotation marks:
the tail after it ("…,” said X" / "…,” X said") and the head before it ("X said:
“…”").  In the frame the reporting verb nearest the quotation is found and its
subject is read (the phrase before the verb by :mod:`newsweave.brief.quote_verb_subject`):

* a name that ends the subject phrase is the speaker ("the 33-year-old star's
  agent Jo Bloggs told", "said Bloggs, a spokesman"); an appositive between the
  name and the verb is the role ("Jo Bloggs, a spokesman, said");
* ``he`` / ``she`` / ``they`` is the person the text last made the subject: the
  speaker of a quotation in the nearest earlier sentence that names someone, else
  the first person that sentence names (writers name the subject first);
* a description ("an official said", "the agency said") is no name: the quotation
  stays unattributed, unless it repeats the role of the speaker just quoted
  ("…,” added the doctor" after "Jo Bloggs, a doctor at …");
* a participle with no subject of its own ("…, tweeting that …", "criticised for
  asking: …") belongs to the subject of its sentence: the first name it holds.

A quotation with no frame at all (a whole sentence or paragraph in quotation marks)
goes on the speaker of the quotation just before it, when only sentences that name
no one stand between them, or the person a sentence ending in a colon or a
sentence just before names first ("X disagreed.  “…”").  A name that merely stands
near a quotation is never taken.  :mod:`newsweave.brief.quote_parse` does the same
from a dependency parse when spaCy is installed.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.names import is_title_word
from newsweave.brief.quote_names import ROLE_WORDS, name_at_end
from newsweave.brief.quote_verb_subject import (
    APPOSITIVE_START,
    PRONOUNS,
    Reading,
    subject_before,
)

__all__ = [
    "SAY_VERBS",
    "Frame",
    "frame_subject",
    "says",
    "trailing_attribution",
]

SAY_VERBS = "|".join(wordlists.entries("quote-verbs"))
"""The speech verb forms as a regular-expression alternation (lower case)."""
# Lower case only: "States" in "United States" is no verb.
_SAY = re.compile(
    rf"\b(?:{SAY_VERBS})\b|\b[Aa]ccording\s+to\b"
    # "has called it “…”": with its auxiliary "called" is speech, not a name ("a group called").
    r"|\b(?:has|have|had)\s+(?:also\s+|once\s+|\w+ly\s+)?called\b"
    # "X called the vote “…”", "what X recently called “…”": called with its object (or
    # none) right before a quotation; "a group called X" names, it does not speak.
    r"|\bcalled(?=\s*[“\"]?$|\s+(?:the|his|her|their|its|it|him|them|this|that|these|those)\s"
    r"[^“”\".;:!?]{0,60}[“\"]?$)"
    # "…, calling the plan a “…”": the participle with its object, as "called" above.
    r"|\bcalling(?=\s+(?:the|his|her|their|its|it|him|them|this|that|these|those)\s"
    r"[^“”\".;:!?]{0,60}[“\"]?$)"
)
_ABBREVIATIONS = wordlists.words("abbreviations")
_NP_END = re.compile(
    r"[,;:!?()\n]|(?<=[a-z]{2})\.|\.(?=\s*$)|\s(?:in|at|on|after|during|via|to|who|which|from|before|when|while|"
    r"referring|speaking|and|but|as|of|with|about|for|that)\s",
    re.IGNORECASE,
)
_ADDRESSING = frozenset(
    f"{stem}{end}"
    for stem in ("tell", "ask", "urge", "warn", "remind")
    for end in ("", "s", "ed", "ing")
) | {"told", "urged", "urging", "warned"}
_PASSIVE = re.compile(r"\b(?:is|was|were|are|be|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CLAUSE_VERBS = frozenset(
    {*("said", "says", "say", "told", "tells", "tell", "added", "adds", "wrote", "writes")}
)
"""Reporting verbs whose clause may follow without "that" ("X said Y has …")."""

NONE = Reading("none")


@dataclass(frozen=True, slots=True)
class Frame:
    """The text of a quotation's sentence outside its quotation marks."""

    head: str
    """From the sentence start (or the last closing mark before it) to the opening mark."""
    tail: str
    """From the closing mark to the sentence end or the next quotation."""


def _phrase_after(text: str) -> str:
    for end in _NP_END.finditer(text):
        # "said Mr. Bloggs": a title's full stop does not end the phrase.
        if end.group() == "." and _word_before(text, end.start()) in _ABBREVIATIONS:
            continue
        return text[: end.start()]
    return text


def _word_before(text: str, at: int) -> str:
    found = re.search(r"(\w+)$", text[:at])
    return found.group(1).casefold() if found else ""


_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|this|its|his|her|their|our|your)\s+$", re.IGNORECASE)
_IN_WRITING = re.compile(r"\b[Ii]n\s+$")
"""Before "writing": "… the basis in writing" is a manner, no reporting verb."""


def _verbs(text: str) -> Iterator[re.Match[str]]:
    """The reporting verbs of ``text``, not the same words used as nouns after a
    determiner ("the state must", "a comment")."""
    for found in _SAY.finditer(text):
        if not _NOUN_BEFORE.search(text, max(0, found.start() - 12), found.start()) and not (
            found.group() == "writing" and _IN_WRITING.search(text, 0, found.start())
        ):
            yield found


def says(text: str) -> bool:
    """Whether ``text`` holds a reporting verb ("said", "according to")."""
    return _SAY.search(text) is not None


def frame_subject(
    frame: Frame, *, known: Container[str] | None = None, lower: Container[str] = frozenset()
) -> Reading:
    """The speaker the frame's reporting verb names: the tail's verb first, else the head's.

    "X said he is ready: “…,” he said": a pronoun in the tail is the head's named
    speaker when the head has a reporting verb of its own.
    """
    # "The plan was described by Jo Bloggs as “…”": the agent, not the passive subject.
    agent = _passive_agent(frame, known, lower)
    if agent is not None:
        return Reading("name", agent)
    reading = _frame_reading(frame, known, lower)
    # "He told Y that … “…,” according to the Department.": the one who reports the
    # telling is a source; the speaker is the reporting verb's subject in the head.
    if _ACCORDING_TAIL.match(frame.tail) and any(
        not v.group().casefold().startswith("according") for v in _verbs(frame.head)
    ):
        in_head = _frame_reading(Frame(head=frame.head, tail=""), known, lower)
        if in_head.kind in ("name", "pronoun"):
            return in_head
    # "Saying “…,” he ended by …": an opening participle of a reporting verb has the
    # subject of the main clause after the quotation.
    if _OPENING_PARTICIPLE.fullmatch(frame.head) and says(frame.head.casefold()):
        subject = re.match(r"[\s,]*(?P<np>[^,;:“”\"]{1,60}?)\s+[a-z]+(?:ed|s)\b", frame.tail)
        if subject is not None and subject.group("np").casefold() in PRONOUNS:
            return Reading("pronoun")
        if subject is not None:
            named = name_at_end(subject.group("np"), known=known, lower=lower)
            if named is not None and subject.group("np").strip()[:1].isupper():
                return Reading("name", named)
    # "X said, “…,” The Daily Paper reported.": the paper reports what X said; the
    # quotation is X's, whose reporting verb stands right before it.
    if (
        reading.kind in ("name", "described")
        and _REPORTED_TAIL.match(frame.tail)
        and re.search(rf"\b(?:{SAY_VERBS})\s*[,:]\s*$", frame.head)
    ):
        in_head = _frame_reading(Frame(head=frame.head, tail=""), known, lower)
        if in_head.kind == "name":
            return in_head
    if reading.kind == "none" and not says(frame.head):
        credit = _CREDIT_TAIL.fullmatch(frame.tail)
        if credit is not None and any(is_title_word(w) for w in credit.group("np").split()):
            # "“…,” Canadian Prime Minister Jo Bloggs.": a credit with its verb left out.
            named = name_at_end(credit.group("np"), known=known, lower=lower)
            if named is not None and len(named.split()) > 1:
                return Reading("name", named)
    if reading.kind == "pronoun" and frame.tail.strip() and says(frame.head):
        in_head = _frame_reading(Frame(head=frame.head, tail=""), known, lower)
        if in_head.kind == "name":
            return in_head
    return reading


def _frame_reading(frame: Frame, known: Container[str] | None, lower: Container[str]) -> Reading:
    tail = frame.tail
    # "“…,” X said, and Y called it “…”": a bare "called" before the next quotation is
    # that one's verb, not this one's attribution.
    verb = next((v for v in _verbs(tail) if not v.group().startswith("call")), None)
    # "“…” She added: “…”": a tail ending in a colon introduces the next quotation.
    if tail.rstrip().endswith(":"):
        verb = None
    if verb is not None and len(tail[: verb.start()]) <= 200:
        before = tail[: verb.start()]
        if not before.strip(" ,\n"):
            phrase = _phrase_after(tail[verb.end() :].lstrip())
            words = phrase.split()
            if words and words[0].casefold() in PRONOUNS:
                return Reading("pronoun")
            rest = tail[verb.end() :].lstrip()[len(phrase) :]
            office = _office_holder(rest)
            if office is not None and all(
                is_title_word(w) for w in re.split(r"[\s-]+", phrase.strip()) if w
            ):
                # "…,” said Inspector-General of Police Jo Bloggs.": the person of the office.
                return Reading("name", office, phrase.strip())
            named = name_at_end(phrase, known=known, lower=lower)
            bare = re.fullmatch(r"(?P<name>.*[A-Z][\w.'’-]*)\s+(?P<role>[a-z]+)\s*", phrase)
            if (
                named is None
                and bare is not None
                and bare.group("role") in ROLE_WORDS
                and all(w[:1].isupper() for w in bare.group("name").split())
            ):
                # "…,” said Jo Bloggs spokesperson for X": a role with its comma left out.
                named = name_at_end(bare.group("name"), known=known, lower=lower)
            if named is None:
                # "…,” said a spokesman, Jo Bloggs.": the name in apposition.
                named = _named_role(phrase, rest, known, lower)
                if named is not None:
                    return Reading("name", named, phrase.strip())
            role = re.split(r"[,;:!?\n(]|\.(?:\s|$)|\s(?:who|which|in\s+a)\s", rest.lstrip(" ,"))[0]
            if not rest.lstrip().startswith(","):
                role = ""
            if named is not None:
                return Reading("name", named, role.strip() or None)
            return Reading("described", description=phrase.strip())
        if verb.group().casefold().startswith("according"):
            # "“…” and gives “…” across the country, according to Jo Bloggs, a
            # director.": the attribution of the whole sentence, when it ends it.
            return _according_at_end(tail[verb.end() :], known, lower)
        # "If “…,” as Jo Bloggs argues, then …": the attribution inside the sentence.
        as_subject = re.fullmatch(r"[\s,]*as\s+(?P<np>[^,;:“”\"\n]{1,60}?)\s*", before)
        if as_subject is not None:
            reading = subject_before(as_subject.group("np"), known, lower)
            if reading.kind in ("name", "pronoun"):
                return reading
        # "… the “…” plan, said Jo Bloggs, a fellow at X.": the verb after a comma with
        # the name after it attributes the whole sentence.
        if before.rstrip().endswith(",") and verb.group() in ("said", "says"):
            phrase = _phrase_after(tail[verb.end() :].lstrip())
            named = name_at_end(phrase, known=known, lower=lower)
            if named is not None and phrase.strip()[:1].isupper():
                return Reading("name", named)
        # "…,” and he noted": a new clause, whose subject is the head's speaker.
        if not re.match(r"[\s,]*(?:and|but|while|as|then)\b", before):
            reading = _subject_reading(before.lstrip(" ,"), verb.group(), known, lower)
            if reading.kind != "clause":
                return reading
    head = frame.head
    # "To quote Jo Bloggs, “…”": the writer quotes the named person.
    quoting = re.search(r"\b[Tt]o\s+quote\s+(?P<np>[^,;:“”\"]{2,60}?)\s*[,:]\s*$", head)
    if quoting is not None:
        named = name_at_end(quoting.group("np"), known=known, lower=lower)
        if named is not None:
            return Reading("name", named)
    according = re.search(r"according\s+to\s+(?P<np>[^“”\"]+?),?\s*$", head, re.IGNORECASE)
    if according is not None:
        phrase = _phrase_after(according.group("np"))
        named = name_at_end(phrase, known=known, lower=lower) or _named_role(
            phrase, according.group("np")[len(phrase) :], known, lower
        )
        if named is not None:
            return Reading("name", named)
        return Reading("described", description=phrase)
    verbs = [m for m in _verbs(head) if not m.group().casefold().startswith("according")]
    if not verbs:
        # "…, until commander Jo Bloggs exhorted, “…”": a verb of no reporting kind right
        # before the quotation, its object, with a name right before it as its subject.
        act = _NAMED_ACT.search(head)
        clause = re.split(r"[,;:.!?]\s", head[: act.start("verb")])[-1] if act else ""
        # Not an opening clause the quotation completes ("After Jo Bloggs resigned, “…”").
        if (
            act is not None
            and not _PASSIVE.search(head, 0, act.start("verb"))
            and not _SUBORDINATE.match(clause)
        ):
            named = name_at_end(act.group("np"), known=known, lower=lower)
            if named is not None and act.group("np").rstrip().endswith(named.split()[-1]):
                return Reading("name", named)
        return NONE
    # "X said that Y told …": X reports, the quoted words reach the writer through X.
    # Only for a partial quotation deep in the reported clause: a verb right before
    # the quotation ("with a spokesman stating: “…”") is its own.
    # "X said the board must stop …, “…”", "X told reporters Y has ordered … to “…”":
    # the complement clause without "that" too, when no punctuation breaks it.
    while (
        len(verbs) > 1
        and len(head[verbs[-1].end() :].split()) > 2
        and _reported_clause(head[verbs[-2].end() : verbs[-1].start()], verbs[-2].group())
    ):
        verbs.pop()
    # "The plan, said Smith, “…”": the subject after its verb.
    after = head[verbs[-1].end() :]
    # "…, the Gazette reported, which led to a letter demanding “…”": the report
    # is of the earlier clause; the quotation is the later clause's.
    if re.match(r"\s*,\s*which\b", after):
        return NONE
    # "X warned …, and his own budget chief worried that cuts are “…”": a later clause
    # with a subject of its own (a description) governs the quotation, not X's verb.
    later = _LATER_CLAUSE.search(after)
    if later is not None:
        return Reading("described", description=later.group("np"))
    # "by telling Canadians, “…”": after a verb of addressing the name is whom it is
    # said to, not who says it.
    if after.rstrip().endswith(",") and verbs[-1].group().casefold() not in _ADDRESSING:
        phrase = _phrase_after(after.lstrip())
        named = name_at_end(phrase, known=known, lower=lower)
        if named is not None and phrase.strip():
            return Reading("name", named)
    return _subject_reading(head[: verbs[-1].start()], verbs[-1].group(), known, lower)


def _reported_clause(between: str, verb: str) -> bool:
    """Whether ``between`` (the words from one reporting verb to the next) opens the
    first verb's reported clause: "that …", or a short stretch with no punctuation after
    a verb that takes a clause ("said the state", "told reporters the president")."""
    if re.match(r"\s+that\b", between):
        return True
    return (
        verb.casefold() in _CLAUSE_VERBS
        and not re.search(r"[,;:.!?()“”\"—–]", between)
        and 1 <= len(between.split()) <= 8
    )


def _according_at_end(text: str, known: Container[str] | None, lower: Container[str]) -> Reading:
    """The name after a trailing "according to" when it (and an appositive) ends the sentence."""
    np = text.lstrip()
    phrase = _phrase_after(np)
    rest = np[len(phrase) :].strip()
    if rest and not re.fullmatch(r",[^,;:“”\"]{1,160}[.!?]?", rest) and rest not in ".!?":
        return NONE
    named = name_at_end(phrase, known=known, lower=lower) or _named_role(phrase, rest, known, lower)
    return Reading("name", named) if named is not None else NONE


def _named_role(
    phrase: str, rest: str, known: Container[str] | None, lower: Container[str]
) -> str | None:
    """ "according to an economics fellow, Jo Bloggs": the name in apposition to a role,
    or to a described person ("said her nephew, Jo Bloggs, 32,") when it is all the
    apposition holds."""
    last = phrase.split()[-1].casefold().strip(".,") if phrase.split() else ""
    role = last in ROLE_WORDS
    described = role or _DESCRIBED_PERSON.fullmatch(phrase.strip()) is not None
    if not described or not rest.lstrip().startswith(","):
        return None
    apposed = _phrase_after(rest.lstrip()[1:].lstrip())
    named = name_at_end(apposed, known=known, lower=lower)
    if named is None or not apposed.strip()[:1].isupper():
        return None
    if not role and (named != apposed.strip() or len(named.split()) < 2):
        return None
    return named


_DESCRIBED_PERSON = re.compile(
    r"(?:his|her|their|our|[Tt]he|an?)\s+(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w-]*[a-z]"
)
"""A person described by a common noun ("her nephew", "the victim's older brother")."""


def _subject_reading(
    prefix: str, verb: str, known: Container[str] | None, lower: Container[str]
) -> Reading:
    # "X was asked “…”", "X was criticised as “…”": a passive's subject is not the speaker.
    if (verb.endswith("ed") or verb in ("told", "said")) and _PASSIVE.search(prefix):
        return Reading("described", description=prefix.strip())
    # "…, tweeting that": a participle after a comma has its sentence's subject.
    if verb.endswith("ing") and prefix.rstrip().endswith(","):
        return Reading("clause")
    # "…, with spokeswoman Jo Bloggs saying it was “…”": the participle's own subject.
    with_subject = re.search(r"\bwith\s+(?P<np>[^,;:“”\"]{2,80}?)\s*$", prefix)
    if verb.endswith("ing") and with_subject is not None:
        named = name_at_end(with_subject.group("np"), known=known, lower=lower)
        if named is not None:
            return Reading("name", named)
        return Reading("described", description=with_subject.group("np"))
    return subject_before(prefix, known, lower)


_NAMED_ACT = re.compile(
    r"(?P<np>[A-Z][^,;:“”\"()]{0,80}?[A-Z][\w.'’-]*)\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]{3,}ed),\s*$"
)
"""A head ending in a name and a past verb before a comma ("commander Jo Bloggs exhorted, ")."""
_SUBORDINATE = re.compile(
    r"\s*(?:After|When|Whenever|If|Because|Since|Although|Though|While|As|Once|Until|Before"
    r"|Unless|Even)\b"
)

_PREDICATE_AFTER = re.compile(
    r"\s+(?:is|was|are|were|has|have|had|will|would|could|should|can|may|might|must"
    r"|remains|remained|seems|seemed)\b"
)
"""A verb right after the reporting one ("the plan X announced is too slow"): the
reporting verb sits in a noun phrase's relative clause, it attributes nothing."""

_LATER_CLAUSE = re.compile(
    r"(?:,\s*|\s)(?:and|but|while|whereas)\s+(?P<np>(?:his|her|their|its|the|a|an)\s+(?:own\s+)?"
    r"(?:[A-Za-z][\w-]*\s+){0,3}[a-z][\w-]*)\s+(?:[a-z]+ly\s+)?[a-z]+ed\s+(?:that\s+)?"
    r"[^,;:“”\"]{0,100}$"
)
"""A last clause with a described subject of its own before the quotation."""

_OFFICE_REST = re.compile(
    r"\s+of\s+(?:the\s+)?(?P<run>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){2,5})"
    r"(?=\s*[,.;:]|\s+[a-z]|\s*$)"
)
"""The rest of an office after its title, " of Police Jo Bloggs"."""
_PARTICLES = wordlists.words("name-particles")


def _office_holder(rest: str) -> str | None:
    """The person after " of Department" ("Jo Bloggs" of " of Home Affairs Jo Bloggs"): the
    last two words, three when the second last is a particle or an initial."""
    office = _OFFICE_REST.match(rest)
    if office is None:
        return None
    words = office.group("run").split()
    words[-1] = words[-1].rstrip(".") if len(words[-1]) > 2 else words[-1]
    size = (
        3
        if len(words) > 3
        and (words[-2].casefold() in _PARTICLES or re.fullmatch(r"[A-Z]\.", words[-2]))
        else 2
    )
    return " ".join(words[-size:])


_BE = r"\b(?:is|was|were|are|be|been|being)\s+(?:\w+ly\s+)?"
_PASSIVE_BY_HEAD = re.compile(
    _BE + r"(?P<verb>[a-z]+ed)\b[\s,—–-]*(?:\w+ly\s+)?by\s+(?P<np>[^“”\"()]{2,160}?)"
    r"(?:\s+as)?[\s,:—–-]*$"
)
_CREDIT_TAIL = re.compile(r"[\s,]*(?P<np>(?:[A-Z][\w.'’-]*\s+){1,6}[A-Z][\w'’-]*)\s*\.?\s*")
_PASSIVE_HEAD = re.compile(_BE + r"(?P<verb>[a-z]+ed)\s*$")
_BY_TAIL = re.compile(r"[\s,]*by\s+(?P<np>[^“”\"()]{2,160})")
_NAMING_VERBS = frozenset({"called", "dubbed", "labeled", "labelled", "branded", "termed"})
_AGENT_END = re.compile(r"\s*(?:[,;—–()]|\s-\s|\.(?:\s|$)|\s(?:in|at|on|during|after|who|which)\s)")


def _passive_agent(frame: Frame, known: Container[str] | None, lower: Container[str]) -> str | None:
    """The agent of a passive reporting verb: "the plan was dubbed—by Jo Bloggs, a
    critic—“…”", "was described by Jo Bloggs as “…”", "was called “…” by Jo Bloggs."."""
    head = _PASSIVE_BY_HEAD.search(frame.head)
    np = None
    if head is not None:
        verb, np = head.group("verb"), head.group("np")
    else:
        bare = _PASSIVE_HEAD.search(frame.head)
        tail = _BY_TAIL.match(frame.tail)
        if bare is None or tail is None:
            return None
        verb, np = bare.group("verb"), tail.group("np")
    if verb not in _NAMING_VERBS and not re.fullmatch(SAY_VERBS, verb):
        return None
    # "by a critic" names no one; "by council member Jo Bloggs, who …" names Jo Bloggs.
    return name_at_end(_AGENT_END.split(np, maxsplit=1)[0], known=known, lower=lower)


_ACCORDING_TAIL = re.compile(r"[\s,]*according\s+to\b", re.IGNORECASE)
_OPENING_PARTICIPLE = re.compile(r"\s*[A-Z][a-z]+ing\s*")
"""A head that is only a participle opening the sentence ("Saying “…,” he …")."""
_REPORTED_TAIL = re.compile(r"[\s,]*(?:[Tt]he\s+)?[A-Z][^,;:.!?“”\"\n]{0,60}?\s+report(?:ed|s)\b")
"""A tail "…,” The Daily Paper reported.": a publication passing on the quotation."""


def trailing_attribution(
    sentence: str, *, known: Container[str] | None = None, lower: Container[str] = frozenset()
) -> Reading | None:
    """The subject of an attribution that ends ``sentence`` ("…, a local official told AFP.").

    Indirect speech attributed this way is what a following "he added" goes on
    with: a name is its speaker, a description leaves it unnamed.
    """
    if "," not in sentence:
        return None
    clause = sentence.rsplit(",", 1)[1]
    verb = _SAY.search(clause)
    if verb is None or verb.group().casefold().startswith("according"):
        return None
    subject, rest = clause[: verb.start()], clause[verb.end() :]
    if len(rest.split()) > 4 or _PREDICATE_AFTER.match(rest):
        return None
    if not subject.strip():
        return _apposed_attribution(sentence, known, lower)
    if len(subject.split()) > 8:
        return None
    if re.search(r"[“”\"]", clause):
        return None
    reading = subject_before(subject, known, lower)
    return reading if reading.kind in ("name", "described") else None


def _apposed_attribution(
    sentence: str, known: Container[str] | None, lower: Container[str]
) -> Reading | None:
    """ "…, Jo Bloggs, a doctor at the clinic, told AFP.": the name before its role."""
    chunks = sentence.split(",")
    if len(chunks) < 4 or re.search(r"[“”\"]", ",".join(chunks[-3:])):
        return None
    head, role = chunks[-3].strip(), chunks[-2].strip()
    if not APPOSITIVE_START.match(role) or len(head.split()) > 6 or len(role.split()) > 20:
        return None
    named = name_at_end(head, known=known, lower=lower)
    if named is None or not head[:1].isupper():
        return None
    return Reading("name", named, role)
