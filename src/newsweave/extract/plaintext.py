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
from newsweave.extract.textregion import RESCUE_BELOW, best_run, menu_blocks, rescue, side_runs
from newsweave.extract.textrepair import repair_mojibake
from newsweave.extract.textstray import (
    is_form_status,
    is_gallery,
    is_glued_menu,
    is_media_credit,
    is_post_link,
    is_reading_time,
    is_video_box,
)
from newsweave.models import Extraction, Labels

__all__ = ["SiteBoilerplate", "extract_text"]

# How far before the body the headline may stand, in non-blank lines.
_TITLE_WINDOW = 15
# Lines after the body searched for label lines (AI notices, credits, ratings).
_TAIL_WINDOW = 12
_BLURB_WINDOW = 60
_DROP_KINDS = frozenset({Kind.BOILER, Kind.BARRIER, Kind.COMMENTS, Kind.NOISE})
_SECTIONS = frozenset({Kind.BARRIER, Kind.COMMENTS})


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
    lines = menu_blocks(_introduced_lists(lines))
    start, end, worth = best_run(lines)
    if end < start:
        return Extraction(body="")
    if worth < RESCUE_BELOW:
        start, end = rescue(lines, start, end, worth)
    title_at = _find_title(lines, start, end)
    title = lines[title_at].text if title_at is not None else None
    body_start = start if title_at is None or title_at < start else title_at + 1
    before, after = side_runs(lines, start, end)
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
            or is_video_box(line)
            or is_gallery(line)
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
    dated = published if hasattr(published, "year") else None
    return Extraction(
        body="\n\n".join(body_lines),
        title=title,
        published=dated,  # type: ignore[arg-type]
        date_source="text" if dated is not None else None,
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
