"""Per-line features of a plain-text page dump, and the value of each line as content.

A select-all + copy of a news page puts every visible text block on its own
line: menus, share buttons, the headline, the article paragraphs, related-post
titles, comment forms, footers.  The lines of the article differ from the rest
by shape (long, sentence-like, ending in punctuation, full of function words)
and by vocabulary (the rest is made of a small set of generic web-UI words:
share, follow, subscribe, comment, cookie, menu, related, copyright...).

:func:`classify` turns each line into a :class:`Line` with a ``kind`` and a
``value``: positive for article-like lines (their word count), negative for
boilerplate, strongly negative for *barriers* (a comment form, a "Related posts"
heading, a copyright footer) that an article body never runs across.  The
content-region search in :mod:`newsweave.extract.plaintext` works on these values.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from enum import IntEnum
from typing import NamedTuple

from newsweave.extract.textmeta import is_date_line
from newsweave.wordlists import entries, vocab, words

__all__ = ["Kind", "Line", "classify", "is_headline_shaped"]


class Kind(IntEnum):
    """What a line looks like, from its shape and vocabulary alone."""

    PROSE = 1
    """A paragraph: long and sentence-like."""
    SENTENCE = 2
    """A short sentence: ends in punctuation, a few words."""
    SHORT = 3
    """A short line without sentence shape: a heading, a menu item, a caption, a name."""
    BOILER = 4
    """A short line made of web-UI vocabulary: share, follow, subscribe, advert..."""
    BARRIER = 5
    """A line that opens a non-article section: comments, related posts, footer."""
    NOISE = 6
    """Digits, symbols, a captcha sum: no words to read."""
    COMMENTS = 7
    """A barrier that opens a comment thread: "12 Comments", "Leave a Reply"."""


class Line(NamedTuple):
    """One non-blank line of a dump with its features."""

    position: int
    """Position in the list of non-blank lines."""
    text: str
    words: int
    kind: Kind
    value: float
    repeats: int
    """How many times the same text occurs in the page."""


# Generic web-UI vocabulary: words that make up widgets, not articles.  Only
# short lines are tested, so a paragraph that mentions Facebook is untouched.
# Looked up token by token (sets, not one big regex): this runs on every line.
_UI_WORDS = words("ui-words")
_UI_PAIRS = frozenset(tuple(pair.split()) for pair in words("ui-phrases"))
_TIME_UNITS = vocab(
    "second seconds minute minutes min mins hour hours hr hrs day days week weeks month "
    "months year years"
)
_COUNT_UNITS = vocab("vote votes like likes point points view views share shares")
# Any of these words must be present for a phrase or a counter to match.
_PAIR_STARTS = frozenset(first for first, _ in _UI_PAIRS) | {"ago"} | _COUNT_UNITS

# Section openers: after one of these the article does not go on.  Compared
# with the whole line, lower-cased and stripped of punctuation.
_BARRIER_LINES = words("section-openers")
# A trailing "*" in the file stands for the word that must follow: "more from ".
_BARRIER_PREFIXES = tuple(entry.removesuffix("*") for entry in entries("section-prefixes"))
_COMMENT_OPENERS = (
    "leave a",
    "post a",
    "add a",
    "add your",
    "join the",
    "have your",
    "comments",
    "show comments",
    "view comments",
    "load comments",
    "read comments",
    "show all",
    "view all comments",
    "thoughts on",
    "you must be logged",
    "your email address",
)
_COMMENT_COUNT = vocab("comment comments response responses replies thoughts")

_COMMENT_VERBS = vocab("says said wrote writes commented replied")
# Every word that can take part in a widget match, for a quick first screen.
_SCREEN = _UI_WORDS | _PAIR_STARTS | _COMMENT_COUNT | _COMMENT_VERBS
_BARRIER_FIRST = frozenset(line.split()[0] for line in (*_BARRIER_LINES, *_BARRIER_PREFIXES))

# Consent banners, disclaimers and legal footers are long but say nothing of the story.
_LEGAL_STEMS = entries("legal-stems")
# Appeals to the reader (subscribe, donate, support us) close many posts, and
# affiliate disclosures (a commission on purchases through our links) open them.
_APPEAL_STEMS = entries("appeal-stems")
# The site speaking of itself: an appeal asks for "our" work, an article on
# subscriptions tells "you" what they cost.
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|i|my|me)\b")

_PUNCT = (
    "".join(chr(c) for c in range(0x2000, 0x2070)) + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»·•©®™"
)


# Comment threads: "jdoe says:", "Reply", "Rating: 12 Votes".
_COMMENT_META = re.compile(
    r"^[\w.@'’-]{1,30}(?: [\w.@'’-]{1,30}){0,3} (?:says|said|wrote|writes|commented|replied)\s*:?$"
)
# A teaser card: a title-case headline glued to its summary ("...Wins State TitleThe team").
# Written capital first, checked behind: capitals are rarer than the lower-case
# letters, so the engine tries far fewer positions (twice as fast as the plain
# three-class form).  The match starts at the capital.
# A teaser card is a headline and a summary of a few sentences; a line longer
# than this is running text that lost its paragraph breaks, glued or not.
_TEASER_MAX_WORDS = 200
_GLUE = re.compile(r"[A-Z](?<=[a-z0-9?!'’”][A-Z])[a-z]")

# A line of digits and operators: page counters, captcha sums ("− 5 = 3").
_NOISE = re.compile(r"^[\W\d_]*$|^[\d\s+\-−–×x*/=?._]+$")
_DIGIT = re.compile(r"\d")
_COUNTER = re.compile(r"\(\d[\d,.]*\)$")
_TERMINAL = frozenset('.!?…:;"”’)»。！？」』')

# Enough to tell running text from a list of names or titles.
_STOPWORDS = words("function-words-multilingual")


_CREDIT_REPEATS = 3

_NOISE_KIND, _BARRIER_KIND, _BOILER, _SHORT = Kind.NOISE, Kind.BARRIER, Kind.BOILER, Kind.SHORT


def is_headline_shaped(text: str, words: int) -> bool:
    """A headline: 3 to 30 words, no closing full stop, mostly capitalised or short."""
    if not 3 <= words <= 30 or text[-1] in ".;,":
        return False
    return not text.startswith(("©", "(", "|"))


def _glued_teaser(text: str) -> bool:
    """A title-case headline run into its summary: "...Wins State TitleThe team"."""
    # Cheap screen first: a teaser opens with a capitalised headline, and the
    # glue point falls within a headline's length of the start.
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    glue = _GLUE.search(text, 0, 200)
    if glue is None:
        return False
    head = text[: glue.start()].split()
    # Product names glue short stems ("MacBook", "iPhone", "YouTube"); a
    # headline glued to its summary leaves a whole word before the capital.
    if len(head) < 3 or (len(head[-1].rsplit("-", 1)[-1]) < 4 and not head[-1][-1].isdigit()):
        return False
    alphabetic = [word for word in head if word[:1].isalpha()]
    capitalised = sum(1 for word in alphabetic if word[:1].isupper())
    return capitalised >= 3 and capitalised * 10 >= len(alphabetic) * 7


def _ui_hits(keys: list[str]) -> int:
    """How many widget words or phrases the tokens hold (set operations run in C)."""
    hits = len(_UI_WORDS.intersection(keys))
    if len(keys) > 1 and not _PAIR_STARTS.isdisjoint(keys):
        pairs = list(itertools.pairwise(keys))
        hits += len(_UI_PAIRS.intersection(pairs))
        if "ago" in keys or not _COUNT_UNITS.isdisjoint(keys):  # "5 hours ago", "12 votes"
            for key, following in pairs:
                if (following == "ago" and (key.isdigit() or key in _TIME_UNITS)) or (
                    key.isdigit() and following in _COUNT_UNITS
                ):
                    hits += 1
    return hits


def _ui_lead(keys: list[str]) -> bool:
    """Whether the line opens with a widget word ("Share this story on ...")."""
    return keys[0] in _UI_WORDS or (len(keys) > 1 and (keys[0], keys[1]) in _UI_PAIRS)


def _barrier(keys: list[str], lower: str) -> Kind | None:
    """``COMMENTS`` or ``BARRIER`` when the line opens a section, else None."""
    if not keys:
        return None
    if len(keys) <= 8:
        joined = " ".join(keys)
        if joined in _BARRIER_LINES or joined.startswith(_BARRIER_PREFIXES):
            comments = joined.startswith(_COMMENT_OPENERS) or keys[-1] in _COMMENT_COUNT
            return Kind.COMMENTS if comments else Kind.BARRIER
    if len(keys) > 1 and keys[0].isdigit() and keys[1] in _COMMENT_COUNT:
        return Kind.COMMENTS
    if 2 < len(keys) <= 4 and keys[-1] in _COMMENT_COUNT and keys[-2].isdigit():
        # "Read 12 comments", "Show all 40 replies": the count closes the line.
        return Kind.COMMENTS
    if lower.startswith(("©", "(c)")) or "all rights reserved" in lower:
        return Kind.BARRIER
    return None


def _short_value(text: str, repeats: int) -> float:
    # A bare date stamp inside a run of text marks a list of teaser cards or
    # comments; above the article it is the article's own date and costs nothing.
    if _DIGIT.search(text) is not None and is_date_line(text):
        return -8.0
    return -2.0 if repeats == 1 else -4.0


def _keys(tokens: list[str]) -> list[str]:
    """The tokens without the punctuation at their ends, empty ones dropped."""
    # str.strip builds a filter from its long argument on every call: skip it
    # for the tokens of letters and digits only, which have nothing to strip.
    return [key for token in tokens if (key := token if token.isalnum() else token.strip(_PUNCT))]


def _maybe_noise(text: str) -> bool:
    """``_NOISE.match(text)``, skipped for a line that opens with a letter."""
    # No branch of _NOISE can start on a letter other than the "x" of "2 x 3".
    first = text[0]
    return not (first.isalpha() and first != "x") and _NOISE.match(text) is not None


def _value_short(text: str, lower: str, tokens: list[str], repeats: int) -> tuple[Kind, float]:
    """The common case of a menu item or a button, kept cheap: one to three words."""
    first, last = tokens[0], tokens[-1]
    first = first if first.isalnum() else first.strip(_PUNCT)
    last = last if last.isalnum() else last.strip(_PUNCT)
    if (
        _SCREEN.isdisjoint(tokens)
        and first not in _SCREEN
        and last not in _SCREEN
        and first not in _BARRIER_FIRST
        and "©" not in text
        and not _maybe_noise(text)
    ):
        # No widget word at all: a menu entry, a name, a heading.
        return _SHORT, _short_value(text, repeats)
    keys = _keys(tokens)
    if not keys or _NOISE.match(text):
        return _NOISE_KIND, -3.0
    section = _barrier(keys, lower)
    if section is not None:
        return section, -40.0
    if (
        not _UI_WORDS.isdisjoint(keys)
        or "©" in text
        or (
            len(keys) > 1
            and ((keys[0], keys[1]) in _UI_PAIRS or keys[-1] == "ago" or _ui_hits(keys))
        )
    ):
        return _BOILER, -6.0 - len(tokens)
    return _SHORT, _short_value(text, repeats)


def _value(text: str, words: int, repeats: int) -> tuple[Kind, float]:
    last = text[-1]
    if last == ")" and _COUNTER.search(text):
        # "Some headline (185)": a list entry with a counter, not a sentence.
        last = "0"
    lower = text.lower()
    if words <= 12:
        if _maybe_noise(text):
            return Kind.NOISE, -3.0
        tokens = lower.split()
        # Cheap screen: punctuation sticks to the ends of a line ("(3 comments)",
        # "Share:"), so only the first and last tokens need stripping to see
        # whether any widget word is there at all.
        first, last_token = tokens[0], tokens[-1]
        first = first if first.isalnum() else first.strip(_PUNCT)
        last_token = last_token if last_token.isalnum() else last_token.strip(_PUNCT)
        if (
            not _SCREEN.isdisjoint(tokens)
            or first in _SCREEN
            or last_token in _SCREEN
            or first in _BARRIER_FIRST
            or "©" in text
        ):
            # Without a screened word none of these tests can fire.
            keys = _keys(tokens)
            section = _barrier(keys, lower)
            if section is not None:
                return section, -40.0
            if keys and keys[-1] in _COMMENT_VERBS and _COMMENT_META.match(text):
                return Kind.BOILER, -10.0
            # One UI word makes a short line a widget; a longer line needs the
            # word up front ("Share this story on...") or a second one.
            hits = _ui_hits(keys) if keys else 0
            if hits >= 2 or (hits and (words <= 4 or _ui_lead(keys))) or "©" in text:
                return Kind.BOILER, -6.0 - words
    elif words <= 40 and (lower.startswith(("©", "(c)", "copyright")) or "reserved" in lower):
        # Copyright and legal paragraphs of footers.
        return Kind.BARRIER, -40.0
    if 6 <= words <= _TEASER_MAX_WORDS and _glued_teaser(text):
        return Kind.SHORT, -0.5 * words
    if words >= 10:
        if words <= 120 and sum(map(lower.__contains__, _LEGAL_STEMS)) >= 2:
            return Kind.BOILER, -float(words)
        if (
            words <= 80
            and sum(map(lower.__contains__, _APPEAL_STEMS)) >= 2
            and _FIRST_PERSON.search(lower) is not None
        ):
            return Kind.BOILER, -float(words)
        if (
            last in _TERMINAL
            or words >= 25
            or sum(map(_STOPWORDS.__contains__, lower.split())) * 5 >= words
        ):
            value = float(words)
            if repeats > 1:
                value /= repeats
            return Kind.PROSE, value
        return Kind.SHORT, -0.2 * words
    if words >= 4 and last in _TERMINAL and last != ":":
        return Kind.SENTENCE, words * 0.5 if repeats == 1 else -1.0
    return Kind.SHORT, _short_value(text, repeats)


def classify(raw_lines: list[str], *, boilerplate: frozenset[str] = frozenset()) -> list[Line]:
    """Features and content value of each non-blank line of a dump.

    ``boilerplate`` holds lines known to repeat across pages of the same site
    (see :class:`newsweave.extract.plaintext.SiteBoilerplate`); they count as widgets.
    """
    # Most lines are clean; only rebuild the ones with odd white space.
    texts = [
        " ".join(text.split()) if "  " in text or "\t" in text else text
        for raw in raw_lines
        if (text := raw.strip())
    ]
    counts = Counter(texts)
    # Classify each distinct text once: menus repeat (desktop and mobile copies).
    info: dict[str, tuple[int, Kind, float, int]] = {}
    for text, repeats in counts.items():
        words = text.count(" ") + 1
        if words * 12 < len(text):
            # Scripts written without spaces (Chinese, Japanese) still have reading length.
            words = len(text) // 4
        if text in boilerplate:
            kind, value = _BOILER, -6.0 - words
        elif words == 1 and (key := low if (low := text.lower()).isalnum() else low.strip(_PUNCT)):
            # A lone word: a menu entry or a button, unless a section opener.
            if key in _BARRIER_LINES:
                # A bare "Comments" is as often a button in the header as the
                # thread's heading: only a plain section opener.
                kind, value = _BARRIER_KIND, -40.0
            elif text[0] == "©":
                kind, value = _BARRIER_KIND, -40.0
            elif key in _UI_WORDS or "©" in text:
                kind, value = _BOILER, -7.0
            elif not key.isalpha() and _NOISE.match(text):
                kind, value = _NOISE_KIND, -3.0
            else:
                kind, value = _SHORT, -2.0 if repeats == 1 else -4.0
        elif words <= 3:
            lower = text.lower()
            kind, value = _value_short(text, lower, lower.split(), repeats)
        else:
            kind, value = _value(text, words, repeats)
        if kind is _BARRIER_KIND and repeats >= _CREDIT_REPEATS and "©" in text:
            # The page's copyright closes it once; the same "©" line under every
            # chart or picture is a credit inside the article.
            kind, value = _SHORT, -2.0
        info[text] = words, kind, value, repeats
    make = tuple.__new__  # runs for every line of every page: keep it lean
    return [make(Line, (i, t) + info[t]) for i, t in enumerate(texts)]
