"""A clause's tense where a timeline needs more than "will": the present of a schedule.

"The fair opens on Friday", said on a Wednesday, is this week's Friday, still to come:
news tells scheduled events in the present tense as often as in the future.  So do a
plan or an expectation without "will" ("is planning a fundraiser Monday", "a ruling
is expected Tuesday").  "Tuesday's runoff" follows its clause's tense, and an outcome
("Tuesday's tally") is a past day.  Read by :mod:`newsweave.brief.timeline_dates`
for a bare weekday ("on Friday", "Monday").
"""

from __future__ import annotations

import re
from functools import cache

from newsweave import wordlists
from newsweave.text import FUTURE_TENSE, STOPWORDS, words

__all__ = [
    "has_past_form",
    "looks_ahead",
    "outcome_before",
    "past_verb_after",
    "past_verb_before",
    "reads_ahead",
    "scheduled",
    "scheduled_piece",
    "simple_past",
    "told_as_past",
    "told_in",
]

_SCHEDULE_VERBS = wordlists.words("timeline-schedule-verbs")
# Forms that tell the clause is about the past whatever its other verbs.
_PAST_FORMS = frozenset(
    {"was", "were", "had", "did", "said", "left", "found", "saw", "lost", "led", "won", "fell"}
    | {"rose", "felt", "shot", "hit"}
)
# Words ending in "-ed" that are no past form ("the seabed", "a hundred", "indeed").
_NOT_PAST_ED = wordlists.words("timeline-not-past-ed")


@cache
def _irregular_past() -> frozenset[str]:
    return frozenset(wordlists.mapping("support-irregular-verbs"))


# Before a schedule verb, a word that is no subject makes it no verb ("the opens"); a
# relative pronoun is its subject ("the festival, which ends Friday").
_NOT_SUBJECT = STOPWORDS - {"which", "that", "who"}


def scheduled(clause: str) -> bool:
    """Whether ``clause`` tells a scheduled event in the present tense ("the fair opens
    on Friday", "talks resume Monday", "the festival, which ends Friday"): a schedule verb
    after a word that is no article, personal pronoun or preposition (so not "the opens"),
    and no past form anywhere in it."""
    found = False
    previous = ""
    for word in words(clause):
        if _is_past(word, previous):
            return False
        if word in _SCHEDULE_VERBS and previous and previous not in _NOT_SUBJECT:
            found = True
        previous = word
    return found


def scheduled_piece(sentence: str, clause: tuple[int, int], at: int) -> bool:
    """:func:`scheduled` of the comma-separated piece of ``sentence[clause[0]:clause[1]]``
    holding offset ``at``: "the fair opens Friday, organisers said" speaks of the fair
    in the present, whatever the reporting piece's tense."""
    start = sentence.rfind(",", clause[0], at) + 1 or clause[0]
    end = sentence.find(",", at, clause[1])
    return scheduled(sentence[start : end if end >= 0 else clause[1]])


# Words that leave what follows undone: a modal, or "to" before a verb.
_MODALS = frozenset({"would", "could", "may", "might", "should", "must", "can"})
_INTENT = frozenset(
    {"is", "are", "want", "wants", "plan", "plans", "hope", "hopes", "expect", "expects"}
    | {"aim", "aims", "seek", "seeks", "intend", "intends", "vow", "vows", "pledge", "pledges"}
    | {"ready", "able", "poised", "likely", "due", "set", "suited", "placed", "going"}
)


# Before an "-ed" form these make it a passive or an adjective of the present
# ("is expected", "best suited"), not a past.
_NOT_PAST_BEFORE = frozenset({"is", "are", "am", "be", "been", "being", "best", "most"})


def _is_past(word: str, previous: str = "") -> bool:
    if word in _PAST_FORMS or word in _irregular_past():
        return True
    return (
        len(word) > 3
        and word.endswith("ed")
        and previous not in _NOT_PAST_BEFORE
        and word not in _NOT_PAST_ED
    )


def has_past_form(clause: str) -> bool:
    """Whether ``clause`` holds a past form ("was", "met", "had gathered")."""
    tokens = words(clause)
    return any(_is_past(w, p) for p, w in zip(["", *tokens], tokens, strict=False))


# Saying something is no past of what is said ("Tuesday's vote matters, she said").
_REPORTING = frozenset({"said", "told", "wrote", "added", "noted", "explained"})


def simple_past(clause: str) -> bool:
    """Whether ``clause`` holds a past form that is no present perfect's participle
    ("have placed" looks at now; "won", "was", "had placed" tell the past) nor a
    reporting verb's ("she said"), or an outcome verb in any form ("have won")."""
    tokens = words(clause)
    perfect = False  # "has (not) invited", "have already placed"
    for previous, word in zip(["", *tokens], tokens, strict=False):
        if word in _OUTCOME_VERBS:
            return True
        if word in _PERFECT:
            perfect = True
            continue
        if word in _REPORTING:
            continue
        if _is_past(word, previous) and not perfect:
            return True
        perfect = perfect and word in _PERFECT_GAP
    return False


_PERFECT = frozenset({"has", "have", "'ve", "’ve", "hasn't", "haven't", "hasn’t", "haven’t"})
# Words that may stand between "has" and its participle.
_PERFECT_GAP = frozenset({"not", "never", "already", "just", "also", "yet", "still", "long"})


def looks_ahead(clause: str, *, infinitive: bool = True) -> bool:
    """Whether ``clause`` speaks of what is still to come without saying "will": a modal
    or (with ``infinitive``) "to" before a verb ("would be open until June 30", "to
    win the seat in November"), and no past form anywhere in it ("was to meet in June")."""
    found = False
    tokens = words(clause)
    for previous, word, after in zip(["", *tokens], tokens, [*tokens[1:], ""], strict=False):
        if _is_past(word, previous):
            return False
        if word == "to":
            # "to" of an intent or a plan ("hopes to win", "is to open"),
            # not any "to" ("a failure to notice", "after declining to answer").
            if infinitive and previous in _INTENT and after not in STOPWORDS - {"be", "have"}:
                found = True
        elif word in _MODALS and after:
            found = True
    return found


_WORD_AFTER = re.compile(r"\s+(?:(?:morning|afternoon|evening|night)\s+)?([a-z]+)(?:\s+([a-z]+))?")
_PLANNED_AFTER = frozenset({"set", "scheduled", "slated", "due", "expected", "likely", "poised"})


def past_verb_after(sentence: str, start: int, at: int) -> bool:
    """Whether the word right after a weekday ending at ``at`` is a past form of what
    the day's subject did ("Tuesday felt different", "officials on Monday announced"),
    in a clause (from ``start``) that has said nothing of the future before it: in
    "will chair a meeting on Thursday focused on X" the form is an adjective, and "on
    Thursday was due to" is a plan."""
    after = _WORD_AFTER.match(sentence, at)
    if after is None or not _is_past(after.group(1), ""):
        return False
    if after.group(1) in {"was", "were"} and after.group(2) in _PLANNED_AFTER:
        return False
    before = sentence[start:at]
    return not (FUTURE_TENSE.search(before) or _PLAN_CUE.search(before))


def past_verb_before(sentence: str, at: int) -> bool:
    """Whether the word right before offset ``at`` is a past form: "met Wednesday
    to plan what will come" tells of the past Wednesday whatever follows."""
    before = words(sentence[max(0, at - 40) : at])
    if not before or _NOT_PAST_BEFORE.intersection(before[-3:]):
        return False  # "will be released Monday" is a passive still to come
    return _is_past(before[-1], before[-2] if len(before) > 1 else "")


# A plan or an expectation said in the present, with or without "to": "is planning a
# fundraiser Monday", "a ruling is expected Tuesday", "were already set to gather on
# Friday", "(rain) expected to last two days, easing Monday night".  A past
# expectation ("a ruling was expected Tuesday", "was not likely to come until Tuesday")
# is not one.
_PAST_SUBJECTS = frozenset(
    {"was", "were", "not", "wasn't", "weren't", "wasn’t", "weren’t", "had", "has", "have"}
    | {"it", "he", "she", "we", "they", "who", "i"}
)
_PLAN_CUE = re.compile(
    r"\b(?:is|are|am|['’]s|['’]re)\s+(?:(?:already|still|now|also|currently|not)\s+)?"
    r"(?:planning|preparing|expected|scheduled|slated|set|due|poised|likely|forecast)\b"
    r"|\b(?:was|were)\s+(?:(?:already|still|also)\s+)?(?:set|scheduled|slated|due)\s+to\b"
    # not a verb of the past ("it expected to reach", "had expected to")
    r"|"
    + "".join(rf"(?<!\b{w}\s)" for w in sorted(_PAST_SUBJECTS))
    + r"\b(?:expected|forecast|predicted|likely)\s+to\b",
    re.I,
)
# "another (is) expected on Tuesday": a weekday right after "expected" of a noun.
_EXPECTED_ON = re.compile(
    r"(?<!\bwas\s)(?<!\bwere\s)\bexpected\s+(?:(?:on|by|late|early)\s+)?$", re.I
)
# "Tuesday's runoff": the weekday is the day of the noun after it.
_POSSESSIVE = re.compile(r"['’]s?\s+([a-z]+(?:[\s-]+[a-z]+)?)", re.I)
# Nouns that exist only once their event is over: "Tuesday's tally" is a past Tuesday
# whatever the clause says of them ("hints at what the council will do").
_OUTCOME_NOUNS = frozenset(
    {"result", "results", "outcome", "outcomes", "returns", "aftermath", "fallout", "tally"}
    | {"win", "wins", "victory", "victories", "defeat", "defeats", "loss", "losses", "upset"}
)
# Verbs that tell an event is over whatever their tense ("have won Tuesday's vote").
_OUTCOME_VERBS = frozenset(
    {"won", "lost", "conceded", "swept", "flipped", "voted", "cast", "counted", "certified"}
)
# Words before a weekday's event that exist once it is over ("turnout in Tuesday's vote").
_OUTCOME_BEFORE = _OUTCOME_NOUNS | {"turnout", "winner", "winners", "loser", "losers", "since"}
_EVENT_NOUNS = wordlists.words("timeline-event-nouns")
# "Friday's flag-raising ceremony": a hyphened modifier before the event noun.
_NOUN_PHRASE = re.compile(r"['’]s?\s+((?:[a-z]+-)+[a-z]+\s+[a-z]+)", re.I)
# A closing attribution: ", officials confirmed Wednesday.", ", the ministry said."
_ATTRIBUTION = re.compile(
    r",\s+(?:[\w.'’-]+\s+){0,6}?(?:said|says|confirmed|told\s+[\w.'’-]+|reported|added)"
    r"(?:\s+[\w.'’-]+){0,3}\W*$",
    re.I,
)
_AFTER_NEAR = re.compile(r"\b(?:after|following|since)\b(?:\W+[\w'’]+){0,5}\W+$", re.I)
_AFTER_EVENT = re.compile(r"\b(?:after|since|following|from)\s+$", re.I)


def _past_possessive(
    possessive: re.Match[str], rel: str, sentence: str, found: re.Match[str]
) -> bool:
    """Whether "Tuesday's <noun>" is the past Tuesday whatever its clause's tense: an
    outcome ("Tuesday's tally", even with a "will" further on) or a time after it
    ("since Tuesday's vote").  Otherwise a possessive weekday follows its clause's
    tense like any other: a future, a plan or a schedule is the coming one ("both camps
    are preparing for Tuesday's runoff"), anything else the past one ("the cause of
    Tuesday's blast is unknown")."""
    noun = possessive.group(1).casefold().replace("-", " ")
    return bool(
        _OUTCOME_NOUNS.intersection(noun.split())
        or rel in {"since", "after"}
        or _AFTER_EVENT.search(sentence, 0, found.start())
    )


def _coming_event(
    possessive: re.Match[str], sentence: str, clause: tuple[int, int], found: re.Match[str]
) -> bool:
    """Whether "Tuesday's <event>" is the coming Tuesday: an event that is held on a
    set day (an election, a hearing, a match; "Friday's flag-raising ceremony") in a
    sentence with no past form (a closing attribution aside) but a
    present perfect's ("both camps have spent heavily on Tuesday's election", "she is the
    favourite in Tuesday's primary"), nothing of its outcome before it ("turnout in
    Tuesday's election") and no outcome verb ("have won Tuesday's vote")."""
    phrase = _NOUN_PHRASE.match(sentence, found.end())
    noun = (phrase.group(1).split()[-1] if phrase else possessive.group(1)).casefold()
    if noun.replace("-", " ").split()[0] not in _EVENT_NOUNS:
        return False
    if outcome_before(sentence, clause[0], found.start()):
        return False
    # The whole sentence: a short clause ("In Sunday's match, both captains") may
    # leave out the verb that tells the event is over ("praised the referee"); but
    # not a closing attribution (", officials confirmed Wednesday").
    attribution = _ATTRIBUTION.search(sentence, found.end())
    return not simple_past(sentence[: attribution.start()] if attribution else sentence)


def outcome_before(sentence: str, start: int, at: int) -> bool:
    """Whether an outcome word stands within three words before offset ``at`` (not
    before ``start``): "the results on Tuesday", "turnout in Tuesday's vote"."""
    before = words(sentence[max(start, at - 30) : at])
    return bool(_OUTCOME_BEFORE.intersection(before[-3:]))


_YEARLESS = frozenset({"month", "month_day", "day_month"})
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_NAMES_WEEK = frozenset({"last", "next", "this"})


def reads_ahead(
    kind: str, found: re.Match[str], sentence: str, clause: tuple[int, int], *, future: bool
) -> bool:
    """Whether a date expression ``found`` of kind ``kind`` (see
    :mod:`newsweave.brief.timeline_dates`) is read on the future side: when its clause
    speaks of the ``future`` ("will"), and also

    * a weekday said in the present tense of a schedule ("opens on Friday") or of a plan
      or an expectation ("a ruling is expected Tuesday"); a possessive weekday as
      :func:`_possessive_ahead` says; but never a weekday right after a past form
      ("met Wednesday to plan what will come");
    * a yearless month or day in a clause of what is still to come ("to win the seat in
      November", "would end June 30"), unless named before its event ("the April 20
      blast" is known).
    """
    groups = found.groupdict()
    if kind == "weekday":
        rel = (groups.get("rel") or "").casefold()
        if rel not in _NAMES_WEEK and _EXPECTED_ON.search(sentence[: found.start("weekday")]):
            return True
        if past_verb_before(sentence, found.start()) or past_verb_after(
            sentence, clause[0], found.end()
        ):
            return False
        if rel in _NAMES_WEEK:
            return future
        if _AFTER_NEAR.search(sentence[clause[0] : found.start()]):
            return False  # "following the visit on Friday": something came after it
        text = sentence[clause[0] : clause[1]]
        possessive = _POSSESSIVE.match(sentence, found.end())
        if possessive is not None:
            if _past_possessive(possessive, rel, sentence, found):
                return False
            if _coming_event(possessive, sentence, clause, found):
                return True
        return (
            future
            or _PLAN_CUE.search(text) is not None
            or scheduled_piece(sentence, clause, found.start())
        )
    return (
        future
        or (
            kind in _YEARLESS
            and not (groups.get("year") or groups.get("ryear"))
            and not _THE_BEFORE.search(sentence, 0, found.start())
            # the clause without the date itself ("May" is no modal)
            and looks_ahead(
                sentence[clause[0] : found.start()] + " " + sentence[found.end() : clause[1]],
                infinitive=kind == "month",
            )
        )
    )


def told_as_past(clause: str) -> bool:
    """Whether ``clause`` tells what happened and nothing still to come: a past form that
    is no reporting verb's or present perfect's (see :func:`simple_past`), and no future,
    modal, plan or schedule ("the plane landed on June 6"; not "was set to land on June
    6", "said it would land on June 6")."""
    return (
        simple_past(clause)
        and not FUTURE_TENSE.search(clause)
        and not looks_ahead(clause)
        and _PLAN_CUE.search(clause) is None
        and not scheduled(clause)
    )


_SEGMENT_END = re.compile(r"[,;:()]")


def told_in(clause: str, found: re.Match[str]) -> str:
    """The part of ``clause`` that tells the date's event: its piece between commas
    ("the trial, postponed twice, starts in January" tells it in "starts in January"),
    or the whole clause when that piece is the date alone ("In January, the court
    overturned ...")."""
    at = clause.find(found.group())
    if at < 0:
        return clause
    ends = [m.start() for m in _SEGMENT_END.finditer(clause)]
    start = max((e + 1 for e in ends if e < at), default=0)
    end = min((e for e in ends if e >= at + len(found.group())), default=len(clause))
    rest = (clause[start:at] + " " + clause[at + len(found.group()) : end]).split()
    return clause if len(rest) <= 1 else clause[start:end]
