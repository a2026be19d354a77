"""A clause's tense where a timeline needs more than "will": the present of a schedule.

"The fair opens on Friday", said on a Wednesday, is this week's Friday, still to come:
news tells scheduled events in the present tense as often as in the future.  Read by
:mod:`newsweave.brief.timeline_dates` for a bare weekday ("on Friday", "Monday").
"""

from __future__ import annotations

from functools import cache

from newsweave import wordlists
from newsweave.text import STOPWORDS, words

__all__ = ["scheduled", "scheduled_piece"]

_SCHEDULE_VERBS = wordlists.words("timeline-schedule-verbs")
# Forms that tell the clause is about the past whatever its other verbs.
_PAST_FORMS = frozenset(
    {"was", "were", "had", "did", "said", "left", "found", "saw", "lost", "led", "won", "fell"}
)


@cache
def _irregular_past() -> frozenset[str]:
    return frozenset(wordlists.mapping("support-irregular-verbs"))


def scheduled(clause: str) -> bool:
    """Whether ``clause`` tells a scheduled event in the present tense ("the fair opens
    on Friday", "talks resume Monday"): a schedule verb after a word that is no article,
    pronoun or preposition (so not "the opens"), and no past form anywhere in it."""
    found = False
    previous = ""
    irregular = _irregular_past()
    for word in words(clause):
        if word in _PAST_FORMS or word in irregular or (len(word) > 3 and word.endswith("ed")):
            return False
        if word in _SCHEDULE_VERBS and previous and previous not in STOPWORDS:
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
