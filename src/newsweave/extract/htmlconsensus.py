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

A first body holding most of the page's paragraph words (counted before any
pruning) is kept as it is, and so is one that the text candidate confirms (word
overlap F1 of at least :data:`_AGREE`).  Otherwise the recall candidate is made
too and the candidate that agrees best with the other two (the medoid) is the
body: an error of one method rarely repeats in two others.  Ties keep the first
body.  A candidate with no words is never chosen over one with words.  The two
trafilatura bodies share their reading of the markup and can agree on the same
fragment, so a text candidate that holds most of the page's paragraph words
and contains a first body that holds under half of them wins even when outvoted.
So does a text candidate that holds the first body and adds to it only in holes
between its lines (sections dropped from the middle of the article: a container
trafilatura's markup rules take for furniture), not before or after it, where
the page's chrome sits, and hardly any link text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from newsweave.extract.htmlclean import link_word_share

__all__ = ["choose_body", "word_agreement"]

_WORD = re.compile(r"\w+")

_TRUSTED_SHARE = 0.9
"""A first body holding this share of the page's paragraph words has found the page's running
text: no candidate is made.  On the WCXB dev tune half (even ids) the vote changed little on
such pages (+0.0002 of mean word F1) and they are about half of all pages."""
_AGREE = 0.95
"""Word-overlap F1 between the first body and the text candidate above which the first is kept
without making the recall candidate.  Tuned on the WCXB dev tune half: keeping the first body
there loses under 0.001 of word F1 against always voting, and the recall run is skipped on
about 60 % of the pages that reach the vote."""
_LOST_SHARE = 0.5
"""A first body under this share of the page's paragraph words (the second pass's trigger in
:mod:`newsweave.extract.htmlrecover`) may have lost the article..."""
_FOUND_SHARE = 0.75
"""...and the text candidate holding at least this share of them has found it, when it also
holds :data:`_CONTAINED` of the first body's words: trafilatura's modes missed the same part of
the page (they share their reading of the markup), so the vote alone keeps their fragment."""
_CONTAINED = 0.8
_LINKED_EXTRA = 0.1
"""...unless more than this share of the words the text adds sit in lines that are link texts:
a rail of teaser cards (linked titles and bylines, excerpts) after a news article, which the
text cleaner can read as more article.  The added text of the WCXB dev pages this rule won
on held at most 0.03 of linked words, the AEB pages it lost on 0.21-0.24."""


_HOLES = 0.2
"""A text candidate adding at least this share of the first body's words in holes between
its lines..."""
_EDGES = 0.2
"""...and at most this share of those before its first or after its last line..."""
_HELD = 0.9
"""...holding this share of the first body's words (and no more than :data:`_LINKED_EXTRA` of
link text among the lines it adds) wins."""


def _bag(lines: Sequence[str]) -> Counter[str]:
    # One regex pass over the joined lines: no word spans a line break.
    return Counter(_WORD.findall("\n".join(lines).lower()))


def _size(bag: Counter[str]) -> int:
    return sum(bag.values())


def _f1(first: Counter[str], second: Counter[str]) -> float:
    if not first or not second:
        return 0.0
    return 2 * _size(first & second) / (_size(first) + _size(second))


def _added(first: Sequence[str], other: Sequence[str]) -> list[str]:
    kept = set(first)
    return [line for line in other if line not in kept]


def _holes(first: Sequence[str], text: Sequence[str]) -> tuple[int, int]:
    """Words of the lines ``text`` adds to ``first`` inside the span of the lines they
    share, and outside it (before the first shared line or after the last)."""

    def norm(line: str) -> str:
        return " ".join(_WORD.findall(line.lower()))

    shared = {norm(line) for line in first}
    norms = [norm(line) for line in text]
    at = [index for index, line in enumerate(norms) if line in shared]
    inner = outer = 0
    for index, line in enumerate(norms):
        if line in shared or not line:
            continue
        if at and at[0] < index < at[-1]:
            inner += line.count(" ") + 1
        else:
            outer += line.count(" ") + 1
    return inner, outer


def word_agreement(first: Sequence[str], second: Sequence[str]) -> float:
    """Overlap F1 of the two texts' lower-cased word multisets (0 when either is empty)."""
    return _f1(_bag(first), _bag(second))


def choose_body(
    first: list[str],
    *,
    page_words: int,
    text: Callable[[], list[str]],
    recall: Callable[[], list[str]],
    links: set[str] | None = None,
) -> list[str]:
    """The body among ``first``, ``text()`` and ``recall()`` that agrees best with the others.

    ``page_words`` is the page's paragraph word count
    (:func:`newsweave.extract.htmlrecover.paragraph_words`).  ``text`` is called
    only when ``first`` holds under :data:`_TRUSTED_SHARE` of it, ``recall`` only
    when ``first`` and ``text()`` then disagree.  ``links`` are the page's
    normalised link texts (:func:`newsweave.extract.htmlclean.anchor_texts`).
    """
    bag = _bag(first)
    found = _size(bag)
    if found >= _TRUSTED_SHARE * page_words:
        return first
    candidates = [first, text()]
    bags = [bag, _bag(candidates[1])]
    if _f1(bags[0], bags[1]) >= _AGREE:
        return first
    candidates.insert(1, recall())
    bags.insert(1, _bag(candidates[1]))
    pair = {(i, j): _f1(bags[i], bags[j]) for i in range(3) for j in range(i + 1, 3)}

    def score(index: int) -> float:
        return sum(value for key, value in pair.items() if index in key)

    best = 0
    for index in (1, 2):
        if bags[index] and (score(index) > score(best) or not bags[best]):
            best = index
    text_words = _size(bags[2])
    if (
        best != 2
        and found < _LOST_SHARE * page_words
        and text_words >= _FOUND_SHARE * page_words
        and _size(bag & bags[2]) >= _CONTAINED * found
        and link_word_share(_added(first, candidates[2]), links or set()) <= _LINKED_EXTRA
    ):
        best = 2
    if best != 2 and found and _size(bag & bags[2]) >= _HELD * found:
        inner, outer = _holes(first, candidates[2])
        if (
            inner >= _HOLES * found
            and outer <= _EDGES * inner
            and link_word_share(_added(first, candidates[2]), links or set()) <= _LINKED_EXTRA
        ):
            best = 2
    return candidates[best]
