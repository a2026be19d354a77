"""Cuts of a text dump's body: stray edge lines, teaser cards, an author box, link lists.

:func:`newsweave.extract.plaintext.extract_text` finds the article's lines; these
helpers take away what a page puts inside or right after them: short stray lines at
the body's edges (captions, kickers, counters), lists of teaser cards, a grid of
cards with a button each or a list of other posts' headlines (Title Case or not), an
author box ending the body, a closing appeal, an opening disclosure, a list of links
and a copy of the article in HTML markup.  Lines told by their own text alone (a
credit, a glued menu, a video player's text) are :mod:`newsweave.extract.textstray`.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from newsweave.extract.labels import LabelSplit, is_person_name
from newsweave.wordlists import entries

__all__ = [
    "cut_author_bio",
    "cut_card_grid",
    "cut_closing_appeal",
    "cut_link_list",
    "cut_opening_disclosure",
    "cut_teasers",
    "cut_title_list",
    "drop_markup_copy",
    "drop_repeats",
    "trim_edges",
]


def trim_edges(split: LabelSplit) -> list[str]:
    """Drop short stray lines (captions, kickers, counters) at both ends of the body."""
    texts = [line for line in split.lines if line.strip()]

    def stray(text: str) -> bool:
        words = text.count(" ") + 1
        return words < 4 or (words < 10 and text[-1] not in '.!?"”’)')

    while texts and stray(texts[-1]):
        texts.pop()
    lead = 0
    while lead < len(texts) and stray(texts[lead]):
        lead += 1
    return texts[lead:]


# A teaser's excerpt is cut off mid-sentence: "...the word...", "... [...]".
_CUT_ENDS = ("...", "…", "]")
_TRUNCATED = re.compile(r"\w(?:\.\.\.|…)$|\[(?:\.\.\.|…)\]$")
# Teaser cards alternate a title and an excerpt: two excerpts this close.
_TEASER_GAP = 3
_TITLE_WORDS = 20
# Cards inside the body (not ending it) are cut only from this many on.
_TEASER_RUN = 3


def cut_teasers(texts: list[str]) -> list[str]:
    """Cut lists of teaser cards (title, cut-off excerpt) from the body.

    Two or more cards that end the body go, and so do three or more anywhere
    in its second half (a "more stories" strip between the article and its
    notes); a body made only of cards keeps them.
    """
    cut = [
        i
        for i, text in enumerate(texts)
        if text.endswith(_CUT_ENDS) and _TRUNCATED.search(text) is not None
    ]
    if len(cut) < 2:
        return texts
    runs: list[list[int]] = []
    for i in cut:
        if runs and i - runs[-1][-1] <= _TEASER_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    drop: set[int] = set()
    for run in runs:
        if len(run) >= 2 and len(texts) - 1 - run[-1] <= _TEASER_GAP:
            last = len(texts) - 1
        elif len(run) >= _TEASER_RUN and run[0] * 2 >= len(texts):
            last = run[-1]
        else:
            continue
        at = run[0]
        if at > 0 and texts[at - 1].count(" ") + 1 < _TITLE_WORDS and at - 1 not in cut:
            at -= 1
        drop.update(range(at, last + 1))
    kept = [text for i, text in enumerate(texts) if i not in drop]
    # A page made only of teaser cards keeps them: there is nothing else to give.
    return kept or texts


# An author box closes the page: the writer's name, then "Name is ...".  Only
# looked for among the body's last paragraphs, and only when what it would cut
# is a small part of the body (a list of people or places reads the same).
_BIO_WINDOW = 10
_BIO_SHARE = 0.25
# "Jane Doe is a ...", "Dr. Jane Doe (@jdoe) has ...": a name, then what the person is.
_BIO_OPEN = re.compile(
    r"(?:Dr\. )?(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})(?: \([^)]{1,40}\))? "
    r"(?P<verb>is|was|has)\b"
)
# Without a name line above it, only a description of the person is a bio
# ("... is a writer"), not any sentence about them ("... is back at it").
_BIO_ROLE = re.compile(r" (?:a|an|the)\b")
# An author box may head its paragraph with a few short lines: "Written by",
# the name, a job title.
_BOX_LINES = 3
_BOX_LINE_WORDS = 6


def _bio_start(texts: list[str], i: int) -> int | None:
    """Where the author box whose paragraph is ``texts[i]`` starts; None if it is no bio."""
    match = _BIO_OPEN.match(texts[i])
    if match is None:
        return None
    name = match.group("name")
    at = i
    while (
        at > 1
        and i - at < _BOX_LINES
        and texts[at - 1].count(" ") < _BOX_LINE_WORDS
        and texts[at - 1][-1] not in ".!?"
    ):
        at -= 1
    # The box names the person above the paragraph ("Jane Doe", then "Jane is ...").
    if is_person_name(name) and name in texts[at:i]:
        return at
    if any(is_person_name(line) and line.split()[0] == name for line in texts[at:i]):
        return at
    # Or the paragraph opens on a full name the article itself never mentions:
    # the writer, not a person of the story ("Smith is expected to ..." is news).
    if (
        is_person_name(name)
        and match.group("verb") != "has"
        and _BIO_ROLE.match(texts[i], match.end())
    ):
        surname = re.compile(rf"\b{re.escape(name.split()[-1])}\b")
        if not any(surname.search(text) for text in texts[:at]):
            return at
    return None


def cut_author_bio(texts: list[str]) -> list[str]:
    """Cut an author box (a paragraph on the writer, perhaps under their name) ending the body."""
    total = sum(text.count(" ") + 1 for text in texts)
    for i in range(max(1, len(texts) - _BIO_WINDOW), len(texts)):
        at = _bio_start(texts, i)
        if at is None:
            continue
        if sum(text.count(" ") + 1 for text in texts[at:]) <= _BIO_SHARE * total:
            return texts[:at]
        return texts
    return texts


# A grid of cards repeats one button under each: "Learn more", "Read review".
_CARD_BUTTON_WORDS = 4
_CARD_GAP = 6
_CARD_MIN = 3
_CARD_TEXT_WORDS = 30


def cut_card_grid(texts: list[str]) -> list[str]:
    """Cut a grid of cards (the same short button line every few lines) ending the body."""
    seen: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text.count(" ") < _CARD_BUTTON_WORDS:
            seen.setdefault(text, []).append(i)
    cut = len(texts)
    for at in seen.values():
        if len(at) < _CARD_MIN or at[0] * 2 < len(texts):
            continue
        gaps = [b - a for a, b in itertools.pairwise(at)]
        if max(gaps) > _CARD_GAP or min(gaps) < 2 or len(texts) - 1 - at[-1] > max(gaps):
            continue
        start = at[0] - (min(gaps) - 1)
        # A card holds a title and a short excerpt; a paragraph of the article's
        # own is never part of one, before the grid or after its last button.
        long = [i for i, text in enumerate(texts) if text.count(" ") >= _CARD_TEXT_WORDS]
        if any(i > at[-1] for i in long):
            continue
        start = max([start, *(i + 1 for i in long if i < at[0])])
        if start * 2 >= len(texts):
            cut = min(cut, start)
    return texts[:cut]


# Markup a page's second copy of its article may carry: link targets, Markdown
# emphasis and quote marks.  Only words are compared.
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
# Punctuation to spaces, with str.translate: this runs on every paragraph.
_UNPUNCT = str.maketrans(dict.fromkeys("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»–—…•·", " "))
_REPEAT_WORDS = 8
_MARKDOWN_OPENERS = ("#", "> ", "**", "[")


def drop_repeats(texts: list[str]) -> list[str]:
    """Keep each paragraph once, also when its second copy is written in Markdown.

    A page that renders its article twice (an AMP or print copy, a "copy as
    Markdown" source view) must not give a body that says everything twice.
    """
    unique = list(dict.fromkeys(texts))
    # Exact copies are gone; a copy in other markup needs Markdown to be there.
    if not any(text.startswith(_MARKDOWN_OPENERS) or "](" in text for text in unique):
        return unique
    seen: set[tuple[str, ...]] = set()
    kept: list[str] = []
    for text in unique:
        if text.count(" ") + 1 < _REPEAT_WORDS:
            kept.append(text)
            continue
        plain = _LINK_TARGET.sub("", text) if "](" in text or "://" in text else text
        key = tuple(plain.lower().translate(_UNPUNCT).split())
        if len(key) >= _REPEAT_WORDS and key in seen:
            continue
        seen.add(key)
        kept.append(text)
    return kept


class _Notice(NamedTuple):
    """A short paragraph of the site speaking to the reader, told by its words."""

    stems: tuple[str, ...]
    """Word stems of the notice (data files of generic web words)."""
    needed: int
    """How many of the stems must occur."""
    pronoun: re.Pattern[str]
    """A pronoun the notice must hold ("you" for an appeal, "we" for a disclosure)."""
    max_words: int

    def matches(self, text: str) -> bool:
        if text.count(" ") >= self.max_words or self.pronoun.search(text) is None:
            return False
        lower = text.lower()
        return sum(stem in lower for stem in self.stems) >= self.needed


# A sign-up box under the article: "Have our best stories sent to you each week".
_SIGNUP = _Notice(
    entries("signup-stems"), 1, re.compile(r"\byou(?:r)?\b", re.IGNORECASE), max_words=25
)
_APPEAL_WINDOW = 2


def cut_closing_appeal(texts: list[str]) -> list[str]:
    """Cut a sign-up appeal to the reader (newsletter, inbox, notifications) ending the body."""
    end = len(texts)
    while end > 1 and len(texts) - end < _APPEAL_WINDOW and _SIGNUP.matches(texts[end - 1]):
        end -= 1
    return texts[:end]


# A disclosure heads many review pages: "Our editors choose each
# product independently", "we may earn a commission through our links".
_DISCLOSURE = _Notice(
    entries("disclosure-stems"), 2, re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE), max_words=80
)
_DISCLOSURE_WINDOW = 3


def cut_opening_disclosure(texts: list[str]) -> list[str]:
    """Cut the affiliate or editorial-independence notices that open the body."""
    start = 0
    while start < min(_DISCLOSURE_WINDOW, len(texts) - 1) and _DISCLOSURE.matches(texts[start]):
        start += 1
    return texts[start:]


# A list of links to other posts closes many pages: Title Case headlines, each
# perhaps under or over a short excerpt or a button ("Read more").
_CARD_TITLE_WORDS = (4, 16)
_CARD_EXCERPT_WORDS = 60
_CARD_LIST_MIN = 3
_CARD_LIST_GAP = 3
_CARD_LIST_SHARE = 0.25


def _card_title(text: str) -> bool:
    """A headline of a post: a few words, mostly capitalised, no closing full stop."""
    words = text.split()
    if not _CARD_TITLE_WORDS[0] <= len(words) <= _CARD_TITLE_WORDS[1] or text[-1] in ".,;:":
        return False
    long = [word for word in words if len(word) > 3 and word[:1].isalpha()]
    return len(long) >= 2 and sum(word[:1].isupper() for word in long) * 10 >= len(long) * 8


def cut_title_list(texts: list[str]) -> list[str]:
    """Cut a list of other posts' headlines (with their excerpts) ending the body.

    Three or more Title Case headlines at most a few lines apart, after which
    only a short button or excerpt follows.  A list the article introduces
    ("Here are the models:") is the article's own, and so is a closing
    paragraph after bare headlines.
    """
    n = len(texts)
    titles: list[int] = []
    excerpts = False
    tail: list[str] = []
    gap = 0
    for at in range(n - 1, -1, -1):
        text = texts[at]
        if _card_title(text):
            titles.append(at)
            excerpts = excerpts or (gap > 0 and len(titles) > 1)
            gap = 0
            continue
        gap += 1
        if gap >= _CARD_LIST_GAP or text.count(" ") >= _CARD_EXCERPT_WORDS:
            break
        if not titles:
            tail.append(text)
    if len(titles) < _CARD_LIST_MIN:
        return texts
    start = titles[-1]
    if not excerpts and any(text.count(" ") >= _CARD_BUTTON_WORDS for text in tail):
        return texts
    return _cut_list_at(texts, start)


def _cut_list_at(texts: list[str], start: int) -> list[str]:
    """``texts`` without the list of other posts opening at ``start`` (and its heading:
    a short line above it without a closing full stop, "Explore more", "Keep reading"),
    unless the article introduces the list ("Here are the models:"), or the list starts
    in the body's first half or holds more than its share of the words."""
    above = texts[start - 1] if start > 0 else "."
    if above.endswith(":"):
        return texts
    if above.count(" ") < _CARD_BUTTON_WORDS and not above.endswith("."):
        start -= 1
    total = sum(text.count(" ") + 1 for text in texts)
    if (
        start * 2 < len(texts)
        or sum(t.count(" ") + 1 for t in texts[start:]) > _CARD_LIST_SHARE * total
    ):
        return texts
    return texts[:start]


# A "republish this story" box gives the article again as HTML source, one
# element a line: "<p>The council ...</p>".  A page about HTML shows a tag or
# two; a copy of an article shows many.
_ELEMENT = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>.*</\1>$")
_COPY_ELEMENTS = 5


def drop_markup_copy(texts: list[str]) -> list[str]:
    """Drop the lines of a copy of the article written as HTML elements."""
    marked = {text for text in texts if text[0] == "<" and _ELEMENT.match(text) is not None}
    if len(marked) < _COPY_ELEMENTS:
        return texts
    return [text for text in texts if text not in marked]


# A list of links to other posts, in sentence case too: a few lines in a row,
# each a headline (a few words, no closing full stop), ending the body.
_LINK_WORDS = (5, 20)
_LINK_MIN = 3
_LINK_TAIL = 2
_LINK_TAIL_WORDS = 25


def _link_line(text: str) -> bool:
    words = text.count(" ") + 1
    return (
        _LINK_WORDS[0] <= words <= _LINK_WORDS[1]
        and text[-1] not in ".,;:!"
        and (text[0].isupper() or text[0].isdigit())
    )


def cut_link_list(texts: list[str]) -> list[str]:
    """Cut a run of headlines of other posts ending the body (in any case)."""
    n = len(texts)
    end = n
    while end > 0 and n - end < _LINK_TAIL and not _link_line(texts[end - 1]):
        if texts[end - 1].count(" ") + 1 > _LINK_TAIL_WORDS:
            return texts
        end -= 1
    start = end
    while start > 0 and _link_line(texts[start - 1]):
        start -= 1
    if end - start < _LINK_MIN:
        return texts
    # Questions in a row are the questions of a FAQ whose answers fold away.
    if sum(texts[i][-1] == "?" for i in range(start, end)) * 2 >= end - start:
        return texts
    return _cut_list_at(texts, start)
