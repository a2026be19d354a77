"""Choosing a page's body among candidates made by different methods.

newsweave's HTML body (trafilatura on the pruned tree, cleaned, with the
second pass of :mod:`newsweave.extract.htmlrecover`) fails on some pages of
shapes it was not tuned on: it keeps a fragment of the article, or the article
plus a long listing.  Which pages those are cannot be seen from the body
alone, but it can be seen from how it agrees with bodies that other methods
find on the same page:

- the **text** candidate: the page rendered to its visible text
  (:func:`newsweave.extract.htmlrender.render_text`) and cleaned by the
  text-mode cleaner, which decides from line shapes and page order, not from
  markup, so it fails on other pages than trafilatura does;
- the **recall** candidate: trafilatura in recall mode on the untouched page,
  cleaned the same way as the first body.

When the first body and the text candidate agree (word overlap F1 of at least
:data:`_AGREE`), the first body is kept and nothing more runs (most pages).
Otherwise the recall candidate is made too and the candidate that agrees best
with the other two (the medoid) is the body: an error of one method rarely
repeats in two others.  Ties keep the first body.  A candidate with no words is
never chosen over one with words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

__all__ = ["choose_body", "word_agreement"]

_WORD = re.compile(r"\w+")

_AGREE = 0.95
"""Word-overlap F1 between the first body and the text candidate above which the first is kept
without making the recall candidate.  Tuned on the WCXB dev tune half (even ids): keeping
the first body there loses under 0.001 of word F1 against always voting, and the recall run
is skipped on about 60 % of pages."""


def _bag(lines: Sequence[str]) -> Counter[str]:
    return Counter(word for line in lines for word in _WORD.findall(line.lower()))


def _f1(first: Counter[str], second: Counter[str]) -> float:
    size = sum(first.values()) + sum(second.values())
    if not size:
        return 0.0
    return 2 * sum((first & second).values()) / size


def word_agreement(first: Sequence[str], second: Sequence[str]) -> float:
    """Overlap F1 of the two texts' lower-cased word multisets (0 when either is empty)."""
    a, b = _bag(first), _bag(second)
    if not a or not b:
        return 0.0
    return _f1(a, b)


def choose_body(
    first: list[str],
    *,
    text: list[str],
    recall: Callable[[], list[str]],
) -> list[str]:
    """The body among ``first``, ``text`` and ``recall()`` that agrees best with the others.

    ``recall`` is called only when ``first`` and ``text`` disagree.
    """
    bags = [_bag(first), _bag(text)]
    if bags[0] and bags[1] and _f1(bags[0], bags[1]) >= _AGREE:
        return first
    candidates = [first, recall(), text]
    bags = [bags[0], _bag(candidates[1]), bags[1]]
    pair = {
        (i, j): _f1(bags[i], bags[j]) if bags[i] and bags[j] else 0.0
        for i in range(3)
        for j in range(3)
        if i < j
    }

    def score(index: int) -> float:
        return sum(value for key, value in pair.items() if index in key)

    best = 0
    for index in (1, 2):
        if bags[index] and (score(index) > score(best) or not bags[best]):
            best = index
    return candidates[best]
