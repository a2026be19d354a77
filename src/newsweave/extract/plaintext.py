"""Text-mode extraction of plain-text page dumps (select-all + copy of a news page).

The cleaner works in four passes over the dump's lines:

1. :func:`~newsweave.extract.textlines.classify` gives every line a content
   value from its shape and vocabulary (positive for paragraphs, negative for
   widgets, strongly negative for section openers such as a comment form).
2. The content region is the run of lines with the largest total value (the
   maximum-subsequence idea of the BTE algorithm, over lines instead of tokens),
   so short gaps inside an article (a sub-heading, an inline advert) are
   bridged while menus, related-post lists and comment sections are left out.
   A run before or after it worth about as much, with no section opener in
   between, joins it (the article's other half beyond a long data table),
   and so do the shorter passages of text between the two.
3. Edge blocks are cut: a publisher self-description paragraph at the end of
   the region (it names the outlet), widget lines (a whole sentence among the
   article's lines stays), and through :mod:`newsweave.extract.textcuts` short
   stray lines at the edges, a list of teaser cards (titles with cut-off
   excerpts) or an author box ending the body, picture credits and menus glued
   into one line.  Label lines become metadata through
   :func:`~newsweave.extract.labels.split_labels`.
4. Page metadata comes from the header area: the headline is the headline-shaped
   line shortly before the body (often repeated in the page), the date and
   byline sit between the headline and the body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsweave.extract.labels import parse_byline, split_labels
from newsweave.extract.textcuts import (
    cut_author_bio,
    cut_card_grid,
    cut_closing_appeal,
    cut_link_list,
    cut_opening_disclosure,
    cut_teasers,
    cut_title_list,
    drop_markup_copy,
    drop_repeats,
    is_form_status,
    is_glued_menu,
    is_media_credit,
    is_post_link,
    is_reading_time,
    trim_edges,
)
from newsweave.extract.textlines import Kind, Line, classify, is_headline_shaped
from newsweave.extract.textmeta import (
    copyright_owner,
    find_date,
    header_author,
    is_date_line,
    is_org_blurb,
    publisher_blurb,
)
from newsweave.extract.textrepair import repair_mojibake
from newsweave.models import Extraction, Labels

__all__ = ["SiteBoilerplate", "extract_text"]

# How far before the body the headline may stand, in non-blank lines.
_TITLE_WINDOW = 15
# Lines after the body searched for label lines (AI notices, credits, ratings).
_TAIL_WINDOW = 12
_BLURB_WINDOW = 60
_DROP_KINDS = frozenset({Kind.BOILER, Kind.BARRIER, Kind.COMMENTS, Kind.NOISE})
_SECTIONS = frozenset({Kind.BARRIER, Kind.COMMENTS})
_DIGIT_CHAR = re.compile(r"\d")
# Code is no table: assignments, calls, blocks, statements.
_CODE_MARK = re.compile(r"[=;{}()<>]")


BARRIER_DECAY = 0.5
DECAY_AFTER = 30.0
# A comment thread can be many times longer than its article.
COMMENTS_DECAY = 0.2
# A body worth this little (a couple of paragraphs) gives way to a later run
# worth this many times more, measured without the section decays.
_RESCUE_BELOW = 100.0
_RESCUE = 10.0


def _rescue(lines: Sequence[Line], start: int, end: int, worth: float) -> tuple[int, int]:
    """A later run of the article when a little text above the page's furniture won.

    A browser notice or a teaser strip above the menus counts as text, so every
    section opener of the menus and the footer after it decays what follows,
    the article too.  A later run worth many times more without the decays,
    with no comment thread opening before it, is the article.
    """
    later, last, full = _best_run(lines[end + 1 :], decay=False)
    if last < later or full <= _RESCUE * worth:
        return start, end
    if any(line.kind is Kind.COMMENTS for line in lines[end + 1 : end + 1 + later]):
        return start, end
    return end + 1 + later, end + 1 + last


def _best_run(lines: Sequence[Line], *, decay: bool = True) -> tuple[int, int, float]:
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


def _side_runs(
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
    need = max(_EXTRA_MIN, _EXTRA_SHARE * _best_run(lines[start : end + 1])[2])
    sections = [i for i, line in enumerate(lines) if line.kind in _SECTIONS]
    later: list[tuple[int, int]] = []
    at = end + 1
    while at < len(lines):
        stop = next((i for i in sections if i >= at), len(lines))
        segment = lines[at:stop]
        # A run is worth at most the segment's positive values: skip the search.
        if sum(line.value for line in segment if line.value > 0) < _EXTRA_MIN:
            break
        s, e, total = _best_run(segment)
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
        s, e, total = _best_run(segment)
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
    s, e, total = _best_run(segment[:g])
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
    if _DIGIT_CHAR.search(text) is not None:
        return True
    return any(word[0].islower() for word in text.split()[1:] if len(word) > 3)


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
    s, e, total = _best_run(gap)
    if e < s or total < _GAP_MIN:
        return []
    return [
        *_gap_runs(gap[:s], offset),
        (offset + s, offset + e),
        *_gap_runs(gap[e + 1 :], offset + e + 1),
    ]


# A prose line this long is a paragraph of the article, not a kicker or a label.
_PARAGRAPH_WORDS = 15


def _content_words(text: str) -> set[str]:
    return {word for word in text.lower().split() if len(word) > 3}


def _has_paragraph(lines: Sequence[Line]) -> bool:
    return any(line.kind is Kind.PROSE and line.words >= _PARAGRAPH_WORDS for line in lines)


def _find_title(lines: Sequence[Line], start: int, end: int) -> int | None:
    """Index of the headline: headline-shaped, shortly before the body, echoing it."""
    # Only intersected with content words, so the lead keeps its short words
    # too: one set built in C instead of a filtered comprehension per paragraph.
    lead = set[str]().union(
        *(line.text.lower().split() for line in lines[start : min(end + 1, start + 4)])
    )
    best, best_score = None, 0.0
    for i in range(max(0, start - _TITLE_WINDOW), min(end + 1, start + 2)):
        line = lines[i]
        if line.kind in _DROP_KINDS or (line.kind is Kind.PROSE and line.text[-1] in ".:;"):
            continue
        if line.text[-1] == ":" or (i > start and _has_paragraph(lines[start:i])):
            # A line that introduces what follows is no headline, and neither is a
            # line after the article's first paragraph (a caption or a promo).
            continue
        if not is_headline_shaped(line.text, line.words) or is_date_line(line.text):
            continue
        if line.words > 30 or parse_byline(line.text):
            continue
        words = _content_words(line.text)
        score = 1.0 - 0.08 * abs(start - i)
        if words:
            score += 3.0 * len(words & lead) / len(words)
        if line.repeats > 1:
            score += 1.0
        if 5 <= line.words <= 20:
            score += 1.0
        if [word[:1].isupper() for word in line.text.split()].count(True) * 2 >= line.words:
            score += 0.5
        if i >= start:
            score -= 1.0
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 1.5 else None


def _cut_blurbs(region: list[Line]) -> tuple[list[Line], str | None]:
    """Cut a publisher self-description paragraph near the end of the region."""
    outlet = None
    prose = [i for i, line in enumerate(region) if line.kind is Kind.PROSE]
    # The body's first paragraph is the article itself, never a blurb after it.
    for i in prose[-2:] if len(prose) > 1 else ():
        if i == prose[0]:
            continue
        name = publisher_blurb(region[i].text)
        if name is not None or is_org_blurb(region[i].text):
            outlet = outlet or name
            # Whatever follows the blurb is page furniture too.
            return region[:i], outlet
    return region, outlet


def _page_outlet(lines: Sequence[Line], start: int, end: int) -> str | None:
    """The publisher the page names outside the body: a blurb, else a copyright line."""
    # A publisher blurb sits in the page's last screens, not among comments.
    for line in lines[max(end + 1, len(lines) - _BLURB_WINDOW) :]:
        if line.kind is Kind.PROSE:
            name = publisher_blurb(line.text)
            if name is not None:
                return name
    # A copyright line opens with "©", "(c)" or "copyright" in any case.
    openers = ("©", "(c", "(C", "co", "Co", "cO", "CO")
    for line in reversed(lines):
        if line.text.startswith(openers):
            name = copyright_owner(line.text)
            if name is not None:
                return name
    return None


# A widget line this long that closes like a sentence is article text.
_SENTENCE_WORDS = 6


def _sentence(line: Line) -> bool:
    return line.words >= _SENTENCE_WORDS and line.text[-1] in ".!?"


def _header_meta(lines: Sequence[Line], lo: int, hi: int) -> tuple[list[str], object]:
    authors: list[str] = []
    published = None
    for line in lines[lo:hi]:
        if line.words > 25:
            continue
        names = parse_byline(line.text)
        if not names:
            name = header_author(line.text)
            names = (name,) if name else ()
        authors.extend(name for name in names if name not in authors)
        if published is None:
            published = find_date(line.text)
    return authors, published


def extract_text(text: str, *, boilerplate: frozenset[str] = frozenset()) -> Extraction:
    """Clean a plain-text page dump into title, body and labels.

    ``boilerplate`` holds lines known to be site furniture, learnt from other
    dumps of the same site with :class:`SiteBoilerplate`; the default works
    without it.
    """
    lines = classify(repair_mojibake(text).splitlines(), boilerplate=boilerplate)
    if not lines:
        return Extraction(body="")
    lines = _introduced_lists(lines)
    start, end, worth = _best_run(lines)
    if end < start:
        return Extraction(body="")
    if worth < _RESCUE_BELOW:
        start, end = _rescue(lines, start, end, worth)
    title_at = _find_title(lines, start, end)
    title = lines[title_at].text if title_at is not None else None
    body_start = start if title_at is None or title_at < start else title_at + 1
    before, after = _side_runs(lines, start, end)
    early = [line for s, e in before for line in lines[s : e + 1]]
    extra = [line for s, e in after for line in lines[s : e + 1]]
    region = [
        line
        for line in [*early, *lines[body_start : end + 1], *extra]
        if line.text != title and (line.kind not in _DROP_KINDS or line.kind is Kind.BOILER)
    ]
    region, outlet = _cut_blurbs(region)
    outlet = outlet or _page_outlet(lines, start, end)
    split = split_labels(
        [line.text for line in region if line.words > 12 or not is_date_line(line.text)],
        publisher=outlet,
    )
    # Widget lines were kept only so that label lines among them are read and
    # a grid of cards shows its buttons; a whole sentence among the article's
    # lines stays, widget words or not (a paragraph on privacy law, "Read the
    # full report on ...").
    widgets = {line.text for line in region if line.kind is Kind.BOILER and not _sentence(line)}
    kept = [
        line
        for line in split.lines
        if not (
            is_media_credit(line)
            or is_glued_menu(line)
            or is_reading_time(line)
            or is_form_status(line)
            or is_post_link(line)
        )
    ]
    # A grid of cards repeats a button under each card: look for it before the
    # buttons go with the other widget lines.
    kept = [line for line in cut_card_grid(kept) if line not in widgets]
    kept = drop_repeats(kept)
    kept = drop_markup_copy(kept)
    body_lines = cut_title_list(cut_teasers(trim_edges(replace(split, lines=tuple(kept)))))
    # An author box and a list of other posts close pages in either order.
    body_lines = cut_link_list(cut_title_list(cut_author_bio(body_lines)))
    body_lines = cut_opening_disclosure(cut_closing_appeal(body_lines))

    header_lo = max(0, (title_at if title_at is not None else start) - 3)
    authors, published = _header_meta(lines, header_lo, body_start + 2)
    tail = _tail_lines(lines, end)
    tail_split = split_labels(tail, publisher=outlet)
    labels = _merge_labels(split.labels, tail_split.labels)
    if outlet is not None and outlet in labels.derived_from:
        # The page describes the work it was derived from (an AI summary of a
        # broadcaster's video): that publisher is the source, not this outlet.
        outlet = None
    for name in (*split.authors, *tail_split.authors):
        if name not in authors:
            authors.append(name)
    return Extraction(
        body="\n\n".join(body_lines),
        title=title,
        published=published if hasattr(published, "year") else None,  # type: ignore[arg-type]
        authors=tuple(authors),
        outlet=outlet,
        labels=labels,
    )


# An item of a list the article introduces is worth half its words, like a
# short sentence; a list stops at the first line that is not a short item.
_LIST_VALUE = 0.5
_LIST_MAX = 40
_LIST_INTRO_WORDS = 4


def _introduced_lists(lines: list[Line]) -> list[Line]:
    """Count the items of a list that a line of the article introduces as text.

    "The plan includes these changes:" followed by short lines is a list of the
    article's own, not a menu: without this its items cost as much as menu
    entries and the body can stop at the colon.  Date stamps and widget lines
    end the list.
    """
    out = list(lines)
    for i, line in enumerate(lines):
        if line.text[-1] != ":" or line.words < _LIST_INTRO_WORDS:
            continue
        if line.kind is not Kind.PROSE and line.kind is not Kind.SHORT:
            continue
        for item in lines[i + 1 : i + 1 + _LIST_MAX]:
            if item.kind is not Kind.SHORT or not -4.0 <= item.value < 0:
                break
            out[item.position] = item._replace(value=_LIST_VALUE * item.words)
    return out


def _tail_lines(lines: Sequence[Line], end: int) -> list[str]:
    tail: list[str] = []
    for line in lines[end + 1 : end + 1 + _TAIL_WINDOW]:
        if line.kind in _SECTIONS and tail:
            break
        tail.append(line.text)
    return tail


def _merge_labels(*parts: Labels) -> Labels:
    def union(items: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(items))

    return Labels(
        bias_ratings=tuple(dict.fromkeys(r for p in parts for r in p.bias_ratings)),
        ai_generated=any(p.ai_generated for p in parts),
        wire_credits=union(c for p in parts for c in p.wire_credits),
        derived_from=union(d for p in parts for d in p.derived_from),
        notes=union(n for p in parts for n in p.notes),
    )


class SiteBoilerplate:
    """Learns the lines that repeat across several dumps of one site.

    Feed it dumps of the same outlet with :meth:`add`; :meth:`lines` returns the
    lines seen in at least ``min_pages`` of them (menus, footers, newsletter
    boxes), to pass as ``extract_text(text, boilerplate=...)``.
    """

    def __init__(self, *, min_pages: int = 3) -> None:
        if min_pages < 2:
            raise ValueError(f"min_pages must be at least 2, got {min_pages}")
        self.min_pages = min_pages
        self._seen: Counter[str] = Counter()
        self._pages = 0

    def add(self, text: str) -> None:
        """Count the distinct lines of one dump."""
        self._pages += 1
        self._seen.update({" ".join(line.split()) for line in text.splitlines()} - {""})

    def lines(self) -> frozenset[str]:
        """Lines repeated in at least ``min_pages`` dumps."""
        return frozenset(line for line, n in self._seen.items() if n >= self.min_pages)
