"""Words around a date that say which day it is or whether it dates the sentence's event.

Read by :mod:`newsweave.brief.timeline_dates` and :mod:`newsweave.brief.timeline`:

* **the nearest day**: "as of Tuesday afternoon" is the latest state the writer knows: a
  weekday one or two days after the publication rather than five or six before it (an
  article stamped Monday that says "as of Tuesday afternoon" was updated on the Tuesday
  after); "the launch slated for Sunday" is the day a plan names, ahead when it is
  nearer ahead than back;
* **a deadline ahead**: "the toll stays waived until 9 a.m. on Thursday" is a coming
  Thursday when nothing in the clause is past ("the closure lasted until Thursday");
* **a coming event**: "the choir has a concert Friday", "the council holds a vote on
  Tuesday" (an event held on a set day, right before the weekday, in a clause with no
  past form) is the coming weekday;
* **a date in passing**: "two weeks after the March 3 referendum", "since Tuesday's vote":
  a day that only anchors when something else happened is not the day of the
  sentence's event; the sentence is shown under another of its dates or none;
* **no event**: "had not answered requests for comment by Thursday", "could not be
  reached for comment Sunday" tell of no event of the story;
* **a link list**: a line opened by a date and a colon ("Aug. 12: Rail union sets a
  strike date") is a page's list of related headlines, not a sentence of the article;
* **a text written after its stamp**: "as of Tuesday afternoon" opening a sentence of an
  article stamped the Monday before moves the day its relative days are read from
  (:func:`written_on`), and a day after the stamp right after a verb of the past
  ("retired May 14") is done, not planned (:func:`done_on`);
* **a weekday of no week**: "every Friday", "the first Monday in May", "on Friday last
  month" name no day of the weeks around the publication (:func:`unanchored`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsweave import wordlists
from newsweave.brief.timeline_context import POSSESSIVE_AFTER
from newsweave.brief.timeline_tense import (
    has_past_form,
    looks_ahead,
    past_verb_after,
    past_verb_before,
    simple_past,
    told_as_past,
)
from newsweave.brief.timeline_when import Mention, When
from newsweave.text import FUTURE_TENSE, MONTH_PATTERN, STOPWORDS, WEEKDAY_PATTERN, WEEKDAYS

__all__ = [
    "after_saying",
    "as_of_before",
    "coming_event_before",
    "day_after_stamp",
    "deadline_before",
    "done_on",
    "in_passing",
    "link_line",
    "no_event",
    "planned_for_before",
    "unanchored",
    "weekday_ahead",
    "written_on",
]

_EVENT_NOUNS = wordlists.words("timeline-event-nouns")

# "the launch slated for Sunday", "scheduled on Friday".
_PLANNED_FOR = re.compile(
    r"\b(?:planned|scheduled|slated|set|penciled|pencilled)\s+(?:for|on)\s+(?:(?:early|late)\s+)?$",
    re.I,
)


def planned_for_before(sentence: str, at: int) -> bool:
    """Whether the words right before a weekday at offset ``at`` name it as the day of a
    plan ("the launch slated for Sunday"): the one nearest the publication, which
    is ahead when it is nearer ahead, whatever came of the plan since."""
    return _PLANNED_FOR.search(sentence, max(0, at - 40), at) is not None


_AS_OF = re.compile(r"(?P<lead>^|[,;(—–-])?\s*\bas\s+of\s+(?:(?:early|late)\s+)?$", re.I)


def as_of_before(sentence: str, at: int, *, state: bool = False) -> bool:
    """Whether a date at offset ``at`` follows "as of" ("as of Tuesday afternoon",
    "prices as of Thursday"); with ``state``, only an "as of" that opens its sentence
    or a comma's piece, the time of the state the sentence tells ("As of Tuesday
    afternoon, the reservoir had risen ...", "... 312 entries were counted, as of Thursday")."""
    found = _AS_OF.search(sentence, max(0, at - 20), at)
    if found is None:
        return False
    return not state or found.group("lead") is not None or not sentence[: found.start()].strip()


# "through Thursday", "until 9 a.m. on Thursday", "by noon Sunday": a time limit.
_DEADLINE = re.compile(
    r"\b(?:through|thru|until|till|by)\s+"
    r"(?:(?:[01]?\d(?:[:.][0-5]\d)?\s*[ap]\.?m\.?|noon|midnight)(?:\s+(?-i:[A-Z]{2,4}))?\s+)?"
    r"(?:(?:on|early|late)\s+)?$",
    re.I,
)


def deadline_before(sentence: str, at: int) -> bool:
    """Whether a weekday at offset ``at`` closes a time limit ("until 9 a.m. on
    Thursday", "through Sunday")."""
    return _DEADLINE.search(sentence, max(0, at - 40), at) is not None


# "has a concert Friday", "faces a licensing hearing on Thursday", "hosts its
# spring auction Monday": a verb of having or holding in the present, up to four words (no
# verb of the past among them), an event noun, the weekday.
_HOLDS_EVENT = re.compile(
    r"\b(?:has|have|faces|face|holds|hold|hosts|host|attends|attend)"
    r"((?:\s+[\w'’.-]+){0,4}?)\s+([a-z]+)\s+(?:(?:on|early|late)\s+)?$",
    re.I,
)


# "has a Thursday speech", "holds its Monday briefing": the weekday names the event's day.
_HOLDS_DAY_EVENT = re.compile(
    r"\b(?:has|have|faces|face|holds|hold|hosts|host|attends|attend)\s+"
    r"(?:a|an|the|its|his|her|their)\s+$",
    re.I,
)
_EVENT_AFTER = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?\s+([a-z]+)")


def coming_event_before(sentence: str, at: int, end: int | None = None) -> bool:
    """Whether a weekday at offset ``at`` (ending at ``end``) is the day of an event held
    on a set day that its subject has or holds, said in the present ("the choir has a
    concert Friday", "the guild hosts its spring auction Monday", "the senator has a
    Thursday speech"): the coming one."""
    if end is not None and _HOLDS_DAY_EVENT.search(sentence, max(0, at - 30), at):
        noun = _EVENT_AFTER.match(sentence, end)
        return noun is not None and noun.group(1) in _EVENT_NOUNS
    found = _HOLDS_EVENT.search(sentence, max(0, at - 60), at)
    if found is None or found.group(2).casefold() not in _EVENT_NOUNS:
        return False
    between = found.group(1).casefold().split()
    return not any(w.endswith("ed") or w in {"was", "were", "had"} for w in between)


# A date that anchors another event: "after the March 3 referendum", "a week before
# Tuesday's vote", "since the Oct. 9 flood", "ahead of Friday's deadline".
_ANCHOR_WORD = re.compile(
    r"\b(?:after|before|since|following|ahead\s+of|prior\s+to|in\s+the\s+wake\s+of"
    r"|leading\s+up\s+to|in\s+the\s+run[\s-]up\s+to)\s+(?:the\s+)?$",
    re.I,
)
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]+)")


def in_passing(sentence: str, start: int, end: int) -> bool:
    """Whether the explicit date ``sentence[start:end]`` only anchors another event:
    right after "after", "before", "since", "ahead of" ... and itself the modifier of an
    event noun ("two weeks after the March 3 referendum", "since the Oct. 9 flood").  A
    writer names an event by its date that way when it lies back: the sentence tells
    what came of it.  "After May 4, prices rose" bounds the clause's own event and is
    kept, and so is a weekday ("after Tuesday's vote"), whose clause's tense says
    which day it is."""
    if _ANCHOR_WORD.search(sentence, max(0, start - 40), start) is None:
        return False
    noun = _NOUN_AFTER.match(sentence, end)
    return noun is not None and noun.group(1) in _EVENT_NOUNS | _HAPPENINGS


# Nouns of things that happen without a set day, after a date that names them ("the
# April 20 blast"): with the set-day events, what "after the <date> ..." anchors on.
_HAPPENINGS = frozenset(
    {"attack", "attacks", "blast", "bombing", "crash", "explosion", "fire", "quake"}
    | {"earthquake", "shooting", "storm", "flood", "floods", "collapse", "arrest", "raid"}
    | {"announcement", "decision", "ruling", "verdict", "order", "deal", "agreement"}
    | {"strike", "strikes", "protest", "protests", "incident", "accident", "spill", "leak"}
)

# "did not respond to a request for comment", "could not be reached for comment",
# "declined to comment", "did not immediately return a message".
_NO_EVENT = re.compile(
    r"\brequests?\s+for\s+comment\b"
    r"|\b(?:could\s+not|couldn['’]t|cannot|can['’]t)\s+be\s+(?:immediately\s+)?reached\b"
    r"|\b(?:did\s+not|didn['’]t|does\s+not|doesn['’]t|has\s+not|hasn['’]t|have\s+not"
    r"|haven['’]t|would\s+not|wouldn['’]t)\s+(?:immediately\s+)?"
    r"(?:respond|reply|return|answer|comment)\b"
    r"|\b(?:declined|refused)\s+to\s+comment\b"
    r"|\b(?:was|were|is|are)\s+not\s+(?:immediately\s+)?available\s+(?:for|to)\s+comment\b"
    r"|\bno\s+(?:immediate\s+)?comment\s+from\b",
    re.I,
)


def no_event(clause: str) -> bool:
    """Whether ``clause`` tells only that someone did not comment: no event of the story."""
    return _NO_EVENT.search(clause) is not None


# "Aug. 12: Rail union sets a strike date", "Tuesday, 4 June: ..." at a line's start.
_MONTH = MONTH_PATTERN.replace("(?P<month>", "(?:")
_LINK_LINE = re.compile(
    r"^\W{0,3}(?:(?:" + WEEKDAY_PATTERN + r"),?\s+)?"
    r"(?:" + _MONTH + r"\s+[0-3]?\d|[0-3]?\d\s+" + _MONTH + r")"
    r"(?:,?\s+\d{4})?\s*:\s+\S",
    re.I,
)


def link_line(sentence: str) -> bool:
    """Whether ``sentence`` is a related headline of a page's link list: opened by a date
    and a colon, and ending as a headline ends, without a full stop ("Aug. 12: Rail
    union sets a strike date").  A chronology's line ends as a sentence ends ("3 March:
    The bridge reopens.") and stays: it is the article's own account of that day."""
    text = sentence.rstrip()
    return text[-1:] not in _SENTENCE_END and _LINK_LINE.match(text) is not None


_SENTENCE_END = frozenset('.!?"”’)')


# "as of Monday" is the Monday ahead only this near: the writer tells the latest state.
_AS_OF_AHEAD = 2
# A present that holds up to a time limit ("is in effect through Wednesday", "the
# extension lasts until Tuesday"); a clause without one ("Until Sunday, that is.")
# says nothing of which side the day is on.
_PRESENT = re.compile(
    r"\b(?:is|are|am|remains?|stays?|lasts?|runs?|continues?|has|have|goes|extends?)\b"
    r"|\b(?:it|he|she|that)['’]s\b|['’]re\b",
    re.I,
)


def weekday_ahead(
    sentence: str,
    found: re.Match[str],
    clause: str,
    published: date | None,
    *,
    ahead: bool,
    as_of: bool,
) -> bool:
    """Whether a bare weekday ``found`` (with the ``weekday`` group) is the coming one:
    ``ahead`` as its ``clause`` reads, turned ahead by "as of" (one or two days on), "planned
    for", a time limit ahead or an event someone has or holds (see the module's text)."""
    at = found.start("weekday")
    gap = 7
    if published is not None:
        gap = (WEEKDAYS[found.group("weekday").casefold()] - published.weekday()) % 7
    if as_of:
        # "as of Monday" said on the Sunday before: the text was updated then
        return ahead or 0 < gap <= _AS_OF_AHEAD
    if gap and after_saying(sentence, found, clause):
        # "said it would reopen the park on Friday": after the saying, the nearest
        return ahead or 0 < gap < 7 - gap
    if planned_for_before(sentence, at):
        return ahead or 0 < gap < 7 - gap  # "slated for Sunday", on a Saturday
    if deadline_before(sentence, at) and not POSSESSIVE_AFTER.match(sentence, found.end()):
        # "stays waived until Thursday", "could reach the island by Friday"; not "had
        # leaked by Monday", "did not stop until Friday", "killed by Tuesday's quake"
        return (
            ahead
            or looks_ahead(clause)
            or (_PRESENT.search(clause) is not None and not simple_past(sentence))
        )
    if coming_event_before(sentence, at, found.end()):
        return ahead or not simple_past(clause)  # "has a hearing Friday"
    return ahead


# What is still to come when it was said: a modal ("would reopen", "can clinch", "could
# resume"), a plan or an expectation ("planned to meet", "was to be aired", "is not
# expected to reach ... until", "a rally planned for"), a passive still to come
# ("testimony to be delivered").  A modal of the past ("would have", "could not say")
# is none.
_AFTER_SAYING = re.compile(
    r"\b(?:would|could|can|might|should|must)\b(?!\s+(?:have|not\s+(?:say|comment|confirm"
    r"|disclose|discuss|elaborate|reveal|specify|give|provide)))(?!n['’]t)"
    # "he'd go", not "he'd (ever) followed" (had)
    r"|['’]d\s+(?!have\b|been\b|(?:ever|never|already|just|once|long)\b|[a-z]+ed\b)[a-z]"
    r"|\b(?:was|were|is|are)\s+(?:not\s+)?(?:due|set|scheduled|slated|expected|going|supposed"
    r"|poised|likely|planning|preparing|hoping)\b"
    r"|\b(?:was|were)\s+to\b"
    r"|\b(?:wasn['’]t|weren['’]t|isn['’]t|aren['’]t)\s+(?:due|set|expected|likely|going)\b"
    r"|\b(?:planned|plans?|planning|hoped|hopes?|intended|intends?|aimed|aims?|expected|expects?"
    r"|promised|vowed|pledged|agreed|prepared|threatened|sought|wanted|decided|arranged"
    r"|scheduled|set|ready|poised)\s+to\b"
    r"|\b(?:planned|scheduled|slated|set|called|penciled|pencilled)\s+(?:[\w'’-]+\s+){0,3}?for\b"
    r"|\bto\s+be\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|wn)\b",
    re.I,
)


_EXPECTED_FOR = re.compile(
    r"\b(?:was|were|is|are)\s+(?:expected|scheduled|set|slated|due|planned)\s+(?:(?:on|for)\s+)?$",
    re.I,
)


def after_saying(sentence: str, found: re.Match[str], clause: str) -> bool:
    """Whether a bare weekday ``found`` (with the ``weekday`` group) is the day of what
    its ``clause`` tells as still to come when it was said ("said it would reopen the
    park on Friday", "the two clubs feel confident they can agree terms Sunday", "the
    council was to vote on Monday"): the day is after the saying, done on the writing day
    or a day or two before, so the nearest such weekday, ahead when it is nearer ahead.
    A weekday right after or before a verb of the past is that verb's day ("said Friday
    it would", "on Monday announced")."""
    if _AFTER_SAYING.search(clause) is None:
        return False
    if _EXPECTED_FOR.search(sentence, max(0, found.start() - 40), found.start("weekday")):
        return True  # "the filing was expected on Wednesday": a passive of a plan
    return not (
        past_verb_before(sentence, found.start())
        or past_verb_before(sentence, found.start("weekday"))
        or past_verb_after(sentence, 0, found.end())
    )


_ON_BEFORE = re.compile(r"\s*\bon\s*$", re.I)


def done_on(sentence: str, at: int, clause: str) -> bool:
    """Whether the explicit day at offset ``at`` is the day of a verb of the past right
    before it ("resigned July 21", "landed on June 6") in a ``clause`` that tells nothing
    still to come."""
    on = _ON_BEFORE.search(sentence, max(0, at - 6), at)
    return past_verb_before(sentence, on.start() if on else at) and told_as_past(clause)


_UPDATE_DAYS = 3


def written_on(mentions: list[list[Mention]], published: date | None) -> date | None:
    """The day an article's text was last written: its publication date, or a day up to
    three days after it that the text gives as the time of the state it tells ("as of
    Tuesday afternoon" in an article stamped the Monday before, "as of June 3" in one
    stamped June 1): the stamp is older than the text's update, and its relative days
    are read from that day.  A past told of a later day is not enough: galleries and
    essays stamped early say that too, of what they do not date their text by."""
    if published is None:
        return None
    latest = published
    for sentence in mentions:
        for m in sentence:
            day = m.when.as_date(published.year)
            if m.anchor and latest < day <= published + timedelta(days=_UPDATE_DAYS):
                latest = day
    if latest == published and _stamped_early(mentions, published):
        latest = published + timedelta(days=1)
    return latest


_BARE_WEEKDAY = re.compile(rf"(?:(?:on|early|late|by|until)\s+)?(?:{WEEKDAY_PATTERN})s?", re.I)


def day_after_stamp(
    mentions: list[list[Mention]], texts: list[str], published: date | None, written: date | None
) -> list[list[Mention]]:
    """One article's mentions with a bare weekday that reads six days back read as the
    day after the writing day instead.

    Said without "last", a weekday six days back is rare in news text; the day after
    the stamp is common: a stamp in a time zone behind the events ("police raided the
    depot early Tuesday", stamped Monday), a text updated the next day ("Russia
    responded Friday morning", stamped Thursday), a deadline or an event the next day
    ("ahead of Monday's rollout", stamped Sunday), still to come when its clause
    tells no past.  Told done, it is the day after only in its small hours ("police
    raided the depot early Tuesday", "in the early morning hours Friday, the governor
    vetoed"), and not in an article that tells of days two to five back too (it
    reviews the week); the weekdays of a text read from a later update
    (:func:`written_on`) were placed already."""
    if written is None or written != published or not date.min + _EDGE < written < date.max - _EDGE:
        return mentions
    back = written - timedelta(days=_WEEK_BACK)
    week_told = any(
        m.when.precision == "day"
        and m.past_clause
        and 1 < (written - m.when.as_date(written.year)).days < _WEEK_BACK
        for sentence in mentions
        for m in sentence
    )
    candidates = [
        (i, j, _told_done(text, m))
        for i, (text, sentence) in enumerate(zip(texts, mentions, strict=True))
        for j, m in enumerate(sentence)
        if m.when.precision == "day"
        and not m.since
        and not m.week_named
        and m.when.as_date(written.year) == back
        and _BARE_WEEKDAY.fullmatch(text[m.start : m.end])
    ]
    # One bare weekday is one day within a text: once one mention is the day after,
    # so are the others ("raided the depot early Tuesday", "on Tuesday, the two men
    # held were named").
    after = any(
        not done
        or (not week_told and _EARLY_HOURS.search(texts[i], max(0, m.start - 30), m.end + 12))
        for i, j, done in candidates
        for m in (mentions[i][j],)
    )
    result = [list(sentence) for sentence in mentions]
    day = written + timedelta(days=1)
    for i, j, done in candidates:
        if after and not (done and week_told):
            m = mentions[i][j]
            when = When("day", day.year, day.month, day.day, m.when.time)
            result[i][j] = replace(m, when=when, planned=not done)
    return result


_EDGE = timedelta(days=7)  # the ends of the calendar
# What lies ahead of the clause's time: "in the run-up to Thursday's deadline".
_AHEAD_OF = re.compile(
    r"\b(?:run-up\s+to|ahead\s+of|in\s+advance\s+of|awaiting|await|countdown\s+to)"
    r"\s+(?:the\s+)?(?:early\s+|late\s+)?$",
    re.I,
)
_ON_TRACK = re.compile(r"\bon\s+(?:track|course|pace)\s+to\b", re.I)
# The small hours of a day ("early Tuesday", "in the early morning hours Friday",
# "Tuesday morning"): told done of the day after the stamp, events in a time zone
# ahead of the stamp's, or a text finished after midnight.
_EARLY_HOURS = re.compile(
    rf"\bearly\s+(?:morning\s+hours\s+)?(?:{WEEKDAY_PATTERN})\b|\bearly\s+hours\b"
    rf"|\b(?:{WEEKDAY_PATTERN})\s+morning\b",
    re.I,
)
# A clause shorter than this many words may have left its verb after it ("In the
# early morning hours Friday, the governor vetoed ...").
_SHORT_CLAUSE = 8
_VERB_REACH = 40


def _told_done(text: str, m: Mention) -> bool:
    """Whether the weekday ``m`` of ``text`` dates what is told as done: not what its
    clause looks ahead to ("on track to finish the count Sunday", "in the run-up to
    Thursday's deadline")."""
    start, end = m.clause
    clause = text[start:end]
    if (
        _AHEAD_OF.search(text, max(0, m.start - 30), m.start)
        or FUTURE_TENSE.search(clause)
        or looks_ahead(clause)
        or _ON_TRACK.search(clause)
    ):
        return False
    if len(text[start:end].split()) < _SHORT_CLAUSE:
        end = min(len(text), end + _VERB_REACH)
    return (
        m.told_past
        or m.past_clause
        or has_past_form(text[start:end])
        # a clause cut short of its verb ("On Thursday, X, who ..., attacked")
        or (told_as_past(text) and FUTURE_TENSE.search(text) is None)
    )


# Days back a weekday told in the past may lie from the writing day: the day after a
# stamp a day early is the writing day, the stamp's the day before.
_RECENT_DAYS = 1
# The weekday after the stamp's, read back from the stamp.
_WEEK_BACK = 6


def _stamped_early(mentions: list[list[Mention]], published: date) -> bool:
    """Whether an article's weekdays told in the past say it was written the day after
    its stamp (a stamp in another time zone, a text updated the next day).

    Read from the stamp, the weekday after the stamp's is six days back.  The article
    tells of it in the past right beside a verb ("said Thursday", "prices rose on
    Thursday": :attr:`Mention.told_past`), and in one more sentence or of the stamp's
    own day too (:attr:`Mention.past_clause`), and of no day two to five days back.
    Read from the day after, these are that day and the one before: the days a news
    text tells.  A text truly written on its stamp day that looks back a week tells of
    the days between too, or names that day once."""
    told: dict[int, set[int]] = {}
    past: dict[int, set[int]] = {}
    for index, sentence in enumerate(mentions):
        for m in sentence:
            if m.when.precision != "day" or not m.past_clause:
                continue
            days = (published - m.when.as_date(published.year)).days
            past.setdefault(days, set()).add(index)
            if m.told_past:
                told.setdefault(days, set()).add(index)
    if any(past.get(days) for days in range(_RECENT_DAYS + 1, _WEEK_BACK)):
        return False
    return bool(told.get(_WEEK_BACK)) and (len(past[_WEEK_BACK]) >= 2 or bool(past.get(0)))


# "on a Friday", "every Friday", "the first Monday": any such weekday, not a day
# ("a Friday meeting" is the meeting's day).
_ANY_WEEKDAY = re.compile(r"\b(?:on\s+an?|every|each|first|second|third|fourth|fifth)\s+$", re.I)
# The word after a weekday (and its part of the day): a noun there makes the weekday
# the day of that thing ("on a Sunday night call").
_NEXT_WORD = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?\s+([a-z][\w-]*)")
# "the first Monday in May", "Fridays of June": a weekday of a month.
_OF_MONTH = re.compile(rf"s?\s+(?:in|of)\s+{MONTH_PATTERN}", re.I)
# What may stand between a weekday and a month or week that dates it.
_BESIDE = re.compile(r"\s+(?:(?:on|of|in)\s+)?(?:an?\s+)?|,\s+on\s+(?:an?\s+)?", re.I)


def _period(mention: Mention, published: date) -> tuple[date, date] | None:
    """The days a month or week mention spans (a "since" one up to ``published``)."""
    span = mention.when.span() if mention.when.precision in {"month", "week"} else None
    if span is None:
        return None
    first, last = span
    return first, max(last, published) if mention.since else last


def unanchored(
    weekday: Mention, mentions: list[Mention], sentence: str, published: date | None
) -> bool:
    """Whether a bare weekday ("on Friday") names no day of the publication's weeks.

    It does not when it is any such weekday ("on a Friday", "every Friday", "the
    first Monday in May"; but "a Friday meeting" is that meeting's day), or when a
    month or week right beside it puts it beyond that period ("last month, on
    Friday", "on Friday last month"): the text does not say which day that is.  A
    month or week named elsewhere in the sentence, or in the one before, says
    nothing of the weekday: read on real news, "Last month X happened. On Friday Y"
    means this week's Friday far more often than not.
    """
    if _OF_MONTH.match(sentence, weekday.end):
        return True
    if _ANY_WEEKDAY.search(sentence, 0, weekday.start):
        noun = _NEXT_WORD.match(sentence, weekday.end)
        return noun is None or noun.group(1) in STOPWORDS
    if published is None:
        return False
    day = weekday.when.as_date(published.year)
    for other in mentions:
        span = _period(other, published)
        if span is None or not (span[1] < day <= published or published < day < span[0]):
            continue
        if other.end <= weekday.start:
            # "last month, on Friday" (the weekday's "on" is its own text)
            gap, own = sentence[other.end : weekday.start], sentence[weekday.start : weekday.end]
            gap += own[:3] if own[:3].casefold() == "on " else ""
        else:
            gap = sentence[weekday.end : other.start]
        if _BESIDE.fullmatch(gap):
            return True
    return False
