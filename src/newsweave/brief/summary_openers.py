"""How a summary sentence opens: pointing back ("This", "However", "the paper said") or with
a coordinating conjunction ("And", "But") that the summary drops.

Helpers of :mod:`newsweave.brief.summary` (which re-exports them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave import wordlists

__all__ = ["conjunctions", "dangles", "leans_back", "without_conjunctions"]

_DANGLING = wordlists.words("summary-dangling-openers")
_CONJUNCTIONS = wordlists.words("summary-conjunction-openers")
_SOURCES = wordlists.words("summary-source-references")
_REPORTING = wordlists.words("summary-reporting-verbs")
_OPENING_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*,?\s+")


def dangles(tokens: Sequence[str]) -> bool:
    """Whether a sentence of these words opens by pointing back to an earlier sentence.

    A demonstrative or a connective (``summary-dangling-openers``), or a source
    named only by a bare definite reference: "the paper said", "according to the
    report" (``summary-source-references``).
    """
    if not tokens:
        return False
    if any(" ".join(tokens[:size]) in _DANGLING for size in (1, 2, 3)):
        return True
    if tokens[:3] == ("according", "to", "the"):
        return len(tokens) > 3 and tokens[3] in _SOURCES
    return (
        len(tokens) > 2 and tokens[0] == "the" and tokens[1] in _SOURCES and tokens[2] in _REPORTING
    )


def conjunctions(tokens: Sequence[str]) -> int:
    """How many of the first words of a sentence are coordinating conjunctions ("And yet ...").

    At most two; a phrase the data file lists as not the conjunction ("so far") ends the count.
    """
    count = 0
    while (
        count < min(2, len(tokens) - 1)
        and tokens[count] in _CONJUNCTIONS
        and " ".join(tokens[count : count + 2]) not in _CONJUNCTIONS
    ):
        count += 1
    return count


def leans_back(tokens: Sequence[str]) -> bool:
    """Whether the sentence dangles, after any opening conjunction is dropped."""
    return dangles(tokens[conjunctions(tokens) :])


def without_conjunctions(text: str, count: int) -> str:
    """``text`` without its first ``count`` words (conjunctions, with a comma after them),
    capitalised as a sentence opens; unchanged when it opens with anything but a word."""
    rest = text
    for _ in range(count):
        found = _OPENING_WORD.match(rest)
        if found is None:
            return text
        rest = rest[found.end() :]
    return rest[:1].upper() + rest[1:] if rest else text
