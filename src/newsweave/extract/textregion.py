"""The content region of a text dump: the run of lines with the largest total value.

:func:`best_run` finds the run of lines (valued by
:func:`~newsweave.extract.textlines.classify`) with the largest total, the
maximum-subsequence idea of the BTE algorithm over lines instead of tokens;
text after each section opener counts for less.  :func:`rescue` replaces a
small winner above the page's furniture by a much larger later run, and
:func:`side_runs` adds the article's other parts beyond a table, a block of
code or a gallery, with the text between.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.extract.textlines import Kind, Line

__all__ = ["RESCUE_BELOW", "best_run", "menu_blocks", "rescue", "side_runs"]

_SECTIONS = frozenset({Kind.BARRIER, Kind.COMMENTS})
_DIGIT_CHAR = re.compile(r"\d")
# Code is no table: assignments, calls, blocks, statements.
_CODE_MARK = re.compile(r"[=;{}()<>]")
# A word of four letters or more in lower case after the line's first word.
_LOWER_WORD = re.compile(r"\s[^\W\d_A-Z\u00c0-\u00de]\w{3}")
# What makes a short line no menu entry: a figure, code, a lower-case word.
_NOT_ENTRY = re.compile(r"[\d=;{}()<>]|\s[^\W\d_A-Z\u00c0-\u00de]\w{3}")

BARRIER_DECAY = 0.5
DECAY_AFTER = 30.0
# A comment thread can be many times longer than its article.
COMMENTS_DECAY = 0.2
# A body worth this little (a couple of paragraphs) gives way to a later run
# worth this many times more, measured without the section decays.
RESCUE_BELOW = 100.0
_RESCUE = 10.0


def rescue(lines: Sequence[Line], start: int, end: int, worth: float) -> tuple[int, int]:
    """A later run of the article when a little text above the page's furniture won.

    A browser notice or a teaser strip above the menus counts as text, so every
    section opener of the menus and the footer after it decays what follows,
    the article too.  A later run worth many times more without the decays,
    with no comment thread opening before it, is the article.
    """
    later, last, full = best_run(lines[end + 1 :], decay=False)
    if last < later or full <= _RESCUE * worth:
        return start, end
    if any(line.kind is Kind.COMMENTS for line in lines[end + 1 : end + 1 + later]):
        return start, end
    return end + 1 + later, end + 1 + last


def best_run(lines: Sequence[Line], *, decay: bool = True) -> tuple[int, int, float]:
    """Indices ``(start, end)`` (inclusive) of the run with the largest total value, and the total.

    Text after each section opener (comments, related posts) counts for less:
    an article comes before its comments, so a long comment thread must not
    outweigh a short article.
    """
    best, best_start, best_end = float("-inf"), 0, -1
    total, start = 0.0, 0
    weight, seen = 1.0, 0.0
    decays = {Kind.BARRIER: BARRIER_DECAY, Kind.COMMENTS: COMMENTS_DECAY}
    decay_after = DECAY_AFTER if decay else float("inf")
    # Tuple unpacking: this loop runs over every line of the page.
    for i, (_, _, _, kind, value, _) in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        if value > 0:
            seen += value
            total += value * weight
        else:
            total += value
            if kind in decays and seen >= decay_after:
                # Openers above any text (a "Follow us" bar in the header) say nothing.
                weight *= decays[kind]
        if total > best:
            best, best_start, best_end = total, start, i
    return best_start, best_end, best


# A later run joins the body when it holds at least this share of the best
# run's value, and this much value at least (a few paragraphs).
_EXTRA_SHARE = 0.5
_EXTRA_MIN = 60.0
# A later part whose text adds up to that share, but whose best run does not
# (code or table rows break it up), joins too when it is a few paragraphs and
# what stands between holds few widget lines (one in this many): a table or a
# block of code, not a footer.
_CLEAN_GAP = 10


def side_runs(
    lines: Sequence[Line], start: int, end: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Runs of article text before and after the best one (``start`` to ``end``).

    A data table or a gallery inside an article can cost more than the text
    around it is worth, so the best run stops short of it; the text beyond it
    still belongs to the article when it is worth about as much and no section
    opener (comments, related posts) stands in between.  Beyond a table (cells
    one a line), a few paragraphs are enough, and the table's rows join too.
    """
    # The best run's worth without the section decays: what the article is worth.
    need = max(_EXTRA_MIN, _EXTRA_SHARE * best_run(lines[start : end + 1])[2])
    sections = [i for i, line in enumerate(lines) if line.kind in _SECTIONS]
    later: list[tuple[int, int]] = []
    at = end + 1
    while at < len(lines):
        stop = next((i for i in sections if i >= at), len(lines))
        segment = lines[at:stop]
        # A run is worth at most the segment's positive values: skip the search.
        if sum(line.value for line in segment if line.value > 0) < _EXTRA_MIN:
            break
        s, e, total = best_run(segment)
        if e < s or total < _EXTRA_MIN:
            break
        gap = segment[:s]
        table = _table_rows(gap)
        if total < need and not table:
            widgets = sum(1 for line in gap if line.kind is Kind.BOILER)
            if sum(line.value for line in segment if line.value > 0) < need or (
                widgets * _CLEAN_GAP > len(gap)
            ):
                break
        if table:
            later.append((at, at + s - 1))
        elif s > 0:
            later.extend(_gap_runs(gap, at))
        later.append((at + s, at + e))
        at = at + e + 1
    earlier: list[tuple[int, int]] = []
    at = start  # the end of the part before, exclusive
    while at > 0:
        stop = next((i for i in reversed(sections) if i < at), -1)
        segment = lines[stop + 1 : at]
        if sum(line.value for line in segment if line.value > 0) < _EXTRA_MIN:
            break
        s, e, total = best_run(segment)
        if e < s or total < need:
            above = _table_before(segment)
            if above is None:
                break
            s, e = above
        if _table_rows(segment[e + 1 :]):
            earlier.insert(0, (stop + 1 + e + 1, at - 1))
        earlier.insert(0, (stop + 1 + s, stop + 1 + e))
        at = stop + 1 + s
    return earlier, later


def _table_before(segment: Sequence[Line]) -> tuple[int, int] | None:
    """The run of text right above a table that ends ``segment``, if any.

    A table of specifications or prices under an article's opening paragraphs
    can stop the body, which then starts below it: the opening is the article's.
    """
    g = len(segment)
    while g > 0 and segment[g - 1].kind is not Kind.PROSE:
        g -= 1
    if not _table_rows(segment[g:]):
        return None
    s, e, total = best_run(segment[:g])
    if e != g - 1 or total < _EXTRA_MIN:
        return None
    return s, e


# A table rendered one cell a line: short lines, most with a figure or in
# sentence case ("12-14 months", "Book the venue"), few widgets.  A menu's
# entries are capitalised words ("Our Team", "Contact Us").
_TABLE_ROWS = 6
_TABLE_SHARE = 0.6


def _cell(text: str) -> bool:
    if _CODE_MARK.search(text) is not None:
        return False
    return _DIGIT_CHAR.search(text) is not None or _LOWER_WORD.search(text) is not None


def _table_rows(gap: Sequence[Line]) -> bool:
    """Whether the lines between two runs of text are the cells of a table."""
    if len(gap) < _TABLE_ROWS:
        return False
    widgets = sum(1 for line in gap if line.kind is Kind.BOILER)
    if widgets * _CLEAN_GAP > len(gap):
        return False
    return sum(_cell(line.text) for line in gap) >= _TABLE_SHARE * len(gap)


# Between the body and a later part of the article that joins it, a run of
# text worth this much (a paragraph or two) joins too.
_GAP_MIN = 20.0


def _gap_runs(gap: Sequence[Line], offset: int) -> list[tuple[int, int]]:
    """Runs of article text in the gap between the body and a later part that joins it.

    The later part is the best run of what follows the body; a shorter passage
    between the two (a paragraph between two code blocks or tables) is the same
    article, not the page's furniture, which would have stopped the later part
    with a section opener.
    """
    s, e, total = best_run(gap)
    if e < s or total < _GAP_MIN:
        return []
    return [
        *_gap_runs(gap[:s], offset),
        (offset + s, offset + e),
        *_gap_runs(gap[e + 1 :], offset + e + 1),
    ]


# A menu copied with the page is a long block of short entries, one a line,
# with no sentence among them; each entry costs as much as a menu entry the
# page repeats, so that the article's run does not bridge the block to the
# text beyond it (a footer blurb, a list of services).  A table (cells with
# figures or in sentence case) or a block of code is no menu.
MENU_RUN = 8
_MENU_CELLS = 0.3
MENU_VALUE = -4.0
_ENTRY_KINDS = frozenset({Kind.SHORT, Kind.BOILER, Kind.NOISE})
_END = Line(-1, "", 0, Kind.PROSE, 0.0, 1)


def menu_blocks(lines: list[Line]) -> list[Line]:
    """``lines`` with the entries of long menu blocks valued as repeated menu entries."""
    out = lines
    run = 0
    # Only a block between two lines of text can join them: the menus above
    # the first and below the last change no run, and are not looked at.
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].value > 0), -1)
    text_seen = False
    # One pass over the page; only a long enough block is looked at closely.
    for i, (_, _, _, kind, value, _) in enumerate([*lines[: last + 1], _END]):
        if value < 0 and kind in _ENTRY_KINDS:
            run += 1
            continue
        if run >= MENU_RUN and text_seen:
            block = lines[i - run : i]
            # "Contact Us" is title case: an entry without a search.
            other = sum(
                1
                for line in block
                if not line.text.istitle() and _NOT_ENTRY.search(line.text) is not None
            )
            if other < _MENU_CELLS * run:
                if out is lines:
                    out = list(lines)
                for position, text, words, kind_, value_, repeats in block:
                    if value_ > MENU_VALUE:
                        out[position] = Line(position, text, words, kind_, MENU_VALUE, repeats)
        run = 0
        text_seen = text_seen or value > 0
    return out
