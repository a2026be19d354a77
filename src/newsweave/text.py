"""Text primitives shared by the later stages: sentences, words and word shingles.

Everything here is plain-Python/numpy, deterministic across processes and fast
enough to run on every article of a stream (no models, no global state):

* :func:`sentence_spans` / :func:`split_sentences` cut a clean article body into
  sentences.  Paragraph and list-item breaks always end a sentence; inside a
  paragraph a ``.``, ``!``, ``?`` or ``…`` ends one when the next word starts
  like a sentence, unless the dot belongs to an abbreviation (``Mr.``,
  ``Jan.``), an initial (``J. Smith``) or a dotted acronym (``U.S.``).
* :func:`words` turns text into normalised word tokens: case folded, Unicode
  compatibility forms folded, typographic apostrophes made plain, punctuation
  dropped.  Two texts that differ only in case, white space, quote style or
  punctuation have the same words.
* :func:`word_hashes` and :func:`shingle_hashes` give stable 32-bit hashes
  (CRC-32, not Python's per-process salted ``hash``) of words and of runs of
  ``size`` consecutive words, for set-similarity sketches such as MinHash
  (defined in :mod:`newsweave.hashing`, re-exported here).
* :data:`STOPWORDS` is a general list of English function words, for callers
  that want content words only.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from newsweave import wordlists
from newsweave.hashing import shingle_hashes, word_hashes

__all__ = [
    "FUTURE_TENSE",
    "MONTHS",
    "MONTH_NAMES",
    "MONTH_PATTERN",
    "NUMBER_WORDS",
    "STOPWORDS",
    "WEEKDAYS",
    "WEEKDAY_PATTERN",
    "content_words",
    "sentence_spans",
    "sentence_words",
    "sentence_words_flat",
    "shingle_hashes",
    "split_sentences",
    "weekday_date",
    "word_hashes",
    "words",
]

MONTHS: dict[str, int] = {name: int(number) for name, number in wordlists.mapping("months").items()}
"""English month names and their short forms (lower case) -> month number."""

MONTH_PATTERN = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
"""A month name or short form (longest first), captured as ``month``, with an optional dot."""

WEEKDAYS: dict[str, int] = {
    name: number for number, name in enumerate(wordlists.entries("weekdays"))
}
"""English weekday names (lower case) -> ``date.weekday()`` number."""

MONTH_NAMES: tuple[str, ...] = tuple(
    next(name for name, number in MONTHS.items() if number == month) for month in range(1, 13)
)
"""The full English month names (lower case), January first."""

WEEKDAY_PATTERN = "|".join(WEEKDAYS)
"""The weekday names (lower case) as a regular-expression alternation."""

NUMBER_WORDS: dict[str, int] = {
    word: int(value) for word, value in wordlists.mapping("number-words").items()
}
"""English cardinal number words (lower case) -> value: zero to twenty, tens, hundred, thousand."""

FUTURE_TENSE = re.compile(
    # not the noun ("the will of the people", "their own will")
    r"\b(?:(?<!\bthe\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bown\s)(?<!\btheir\s)will"
    r"|shall|won['’]t|[^\W\d_]+['’]ll"
    r"|(?:is|are|was|were)\s+(?:expected|scheduled|set|due|slated|planned|going)\s+to"
    r"|plans?\s+to|planning\s+to|intends?\s+to|scheduled|(?<!then-)upcoming|set\s+for|to\s+be\s+held"
    r"|next\s+(?:week|month|year)|tomorrow)\b",
    re.I,
)
"""Words that put what follows in the future ("will", "they'll", "is expected to", "upcoming")."""


def weekday_date(
    weekday: int, published: date, *, relation: str = "", future: bool = False
) -> date:
    """The day that weekday ``weekday`` names in a text published on ``published``.

    ``relation`` is the word before it: "next Friday" is the Friday of the
    next week (never the coming day itself), "last Friday" the one before the
    publication day, "this Friday" the coming one.  A bare weekday is the
    coming one when the text speaks of the ``future``, else the latest one up to
    the publication day (news mostly reports what happened).
    """
    ahead = (weekday - published.weekday()) % 7
    behind = (published.weekday() - weekday) % 7
    if relation == "next":
        monday = published - timedelta(days=published.weekday()) + timedelta(days=7)
        return monday + timedelta(days=weekday)
    if relation == "last":
        return published - timedelta(days=behind or 7)
    if relation == "this" or future:
        return published + timedelta(days=ahead)
    return published - timedelta(days=behind)


STOPWORDS: frozenset[str] = wordlists.words("stopwords")
"""English function words (articles, pronouns, auxiliaries, conjunctions, prepositions)."""

# Word-final abbreviations that are followed by a capitalised word without ending
# a sentence: titles, month and weekday short forms, corporate and street forms.
_ABBREVIATIONS = wordlists.words("abbreviations")

# A candidate sentence end: terminal punctuation, optional closing quotes or
# brackets, white space, then what may open the next sentence.  It can only
# start at one of _TERMINALS (its first group's characters).
_TERMINALS = ".!?…"
# The white space may be missing where a page lost it between two sentences
# ('said.The', 'time."They'): such an end is taken only when :func:`_glued` agrees.
_END = re.compile(r"""([.!?…]+)(['"’”)\]]*)(\s*)(?=['"‘“(\[]?[\w\d])""")
_BULLET = re.compile(r"\s*(?:[•·▪‣◦*–—-]|\d{1,2}[.)])\s+")
_BULLET_MARKS = frozenset("•·▪‣◦*–—-")
# Possessive quantifiers: nothing after them can make the engine give characters
# back, so the matches are those of the plain greedy ones, without the
# backtracking bookkeeping (a tenth of the tokenising time).
_WORD = re.compile(r"[^\W_]++(?:'[^\W_]++)*+")
# The same words in a text without "_": \w is [^\W_] plus "_" (a quicker class
# for the regex engine), so callers blank "_" (it splits words either way) first.
_WORD_NO_UNDERSCORE = re.compile(r"\w++(?:'\w++)*+")
# Typographic apostrophes and look-alikes, made plain by _fold (str.replace per
# mark: a translate table walks every character through a dict, and was the
# single most expensive call of dedup).
_APOSTROPHES = ("’", "‘", "ʼ", "`", "´")
# A possessive "'s" that ends a word (no letter, digit or "'letter" after it);
# the letter or digit before it is checked apart (a lookbehind slows the scan).
_POSSESSIVE = re.compile(r"'s(?![^\W_]|'[^\W_])")
_WORD_CHAR = re.compile(r"[^\W_]")
# Joins pieces of text to fold (and blank possessives in) as if each were alone:
# NUL and the line break are no word characters, fold to themselves, never
# combine with a neighbour under NFKC, and nothing else folds into a NUL (a
# test checks every code point), so the folded pieces come out between them.
_CUT = "\x00\n"


_DOTTED = re.compile(r"(?<![\w.])([A-Z][A-Z0-9]{1,4})\.\s+([\w'’-]+)")


class _DottedNames:
    """Short upper-case tokens ``text`` writes with a dot inside sentences: a name ("the
    XR. LINE") given twice or more with the same upper-case word after the dot, in
    running text; a real end after an acronym ("the BBC. ABC said") seldom is."""

    __slots__ = ("_names", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._names: frozenset[str] | None = None

    def __contains__(self, token: str) -> bool:
        if self._names is None:
            pairs: Counter[tuple[str, str]] = Counter()
            text = self._text
            for found in _DOTTED.finditer(text):
                token_, after = found.groups()
                # Not a shouted line, nor a transcript's "... ISIS. HOST NAME:".
                before = text[max(0, found.start() - 12) : found.start()].split()
                if (
                    len(after) > 1
                    and after.isupper()
                    and after != token_
                    and before
                    and before[-1][:1].islower()
                    and ":" not in text[found.end() : found.end() + 24]
                ):
                    pairs[token_, after] += 1
            self._names = frozenset(token_ for (token_, _), count in pairs.items() if count >= 2)
        return token in self._names


# Capitalised words that open a sentence and never follow an abbreviation, an
# initial or a dotted acronym inside one: "... of Apple Inc. The company",
# "... in the U.S. They", "sales reps. It".  Function words, less those that
# also are names, letters or numerals after such a dot ("Vol. I", "Fig. A",
# "Mr. Will Smith", "No. One"), the verbs a title-case headline puts there
# ("Why The U.S. Is ...") and "and"/"or" ("Mr. And Mrs. Smith").
_OPENERS = STOPWORDS - wordlists.vocab(
    "a i and or will may can one no us per so mine am is are was were be been being"
    " do does did doing has have had having could should would might must ought"
    " said say says let like"
)
_NEXT_WORD = re.compile(r"""['"‘“(\[]?([^\W\d_]+)""")


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` is a capitalised sentence opener ("The", "They", "But")."""
    found = _NEXT_WORD.match(text, at)
    if found is None:
        return False
    word = found.group(1)
    return word[0].isupper() and word[1:].islower() and word.casefold() in _OPENERS


_GLUED_MARKS = frozenset(".!?")


def _glued(text: str, found: re.Match[str]) -> bool:
    """Whether a mark with no white space after it still ends a sentence.

    A page that lost the space between two sentences: a double quotation mark
    and then a capital ('the time."They', 'he said.”But'), or a lower-case word,
    the mark and a capitalised word ("he said.The"), but not in a web address or
    a dotted name ("www.Example.com", "ASP.Net.Core").  An ellipsis without a
    space ("so...The", "so…The") is a writer's pause more often than a lost space.
    """
    after = found.end()
    quotes = found.group(2)
    if quotes:
        return quotes[-1] in '"”' and text[after : after + 1].isupper()
    start = found.start()
    if found.group(1) not in _GLUED_MARKS or start == 0 or not text[start - 1].islower():
        return False
    word_at = after + 1 if text[after : after + 1] == "“" else after
    if not (text[word_at : word_at + 1].isupper() and text[word_at + 1 : word_at + 2].islower()):
        return False
    left = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    before = text[left:start]
    if "/" in before or "@" in before or before.casefold().startswith("www"):
        return False
    right = len(text)
    for space in (" ", "\n"):
        found_space = text.find(space, after)
        if found_space >= 0:
            right = min(right, found_space)
    return "." not in text[after:right].rstrip(".!?…\"'”’)]:;,")


def _ends_sentence(
    text: str, begin: int, found: re.Match[str], dotted: _DottedNames | None = None
) -> bool:
    """Whether the terminal punctuation ``found`` (in a sentence from ``begin``) ends it."""
    after = found.end()
    # A lowercase word after the mark continues the sentence: an attribution after
    # a quoted exclamation ('"No!" she said'), "i.e. more", a trailing "… and".
    if text[after : after + 2].lstrip("'\"‘“([")[:1].islower():
        return False
    if not found.group(3) and not _glued(text, found):
        return False
    if found.group(1)[-1] != ".":
        return True
    stop = found.end(1)
    token_start = max(text.rfind(" ", begin, stop), text.rfind("\n", begin, stop), begin - 1)
    token = text[token_start + 1 : stop].lstrip("\"'‘“([").rstrip(".")
    bare = token.casefold()
    # An abbreviation ("Mr.", "Sens.", "Inc."), a short name the text writes with a
    # dot, an initial ("J.") or a dotted acronym ("U.S.", "a.m."): a following
    # capitalised word is more often a name or a noun than a new sentence, unless
    # it is one that opens sentences.
    if bare == "vs":
        return False
    short = (
        bare in _ABBREVIATIONS
        or (dotted is not None and 2 <= len(token) <= 5 and token.isupper() and token in dotted)
        or (len(bare) == 1 and bare.isalpha())
        or ("." in bare and all(len(part) <= 2 and part.isalpha() for part in bare.split(".")))
    )
    return not short or _opens_sentence(text, after)


_DOUBLE_QUOTES = ('"', "”", "“")


def _cut(text: str, block_start: int, found: re.Match[str]) -> tuple[int, int]:
    """Where the sentence ended by ``found`` stops and the next one starts.

    After the mark, closing quotes and brackets stay with the sentence.  Where the
    space is missing after a double quote ('the time."They were', 'you have?""But'),
    the double quotes of the paragraph before the last one decide: an odd count means
    it closes a quotation, an even count that it opens the next sentence (straight quotes
    have no side, and pages that lost spaces often put a closing mark for an
    opening one).
    """
    last = found.end(2) - 1
    if not found.group(3) and found.group(2)[-1:] in _DOUBLE_QUOTES:
        before = sum(text.count(mark, block_start, last) for mark in _DOUBLE_QUOTES)
        if before % 2 == 0:
            return last, last
    return found.end(2), found.end()


def _terminal_marks(text: str) -> list[int]:
    """Offsets of every ``.``, ``!``, ``?`` and ``…`` of ``text``, in order.

    Only there can :data:`_END` match, so :func:`sentence_spans` tries it at
    these offsets instead of scanning every character with the regex engine
    (``str.find`` runs at memory speed; the scan was half of the splitting).
    """
    marks: list[int] = []
    for mark in _TERMINALS:
        at = text.find(mark)
        while at >= 0:
            marks.append(at)
            at = text.find(mark, at + 1)
    marks.sort()
    return marks


def _spans_in_block(
    text: str, start: int, end: int, marks: list[int], dotted: _DottedNames | None = None
) -> list[tuple[int, int]]:
    """The sentences of the block ``text[start:end]``; ``marks`` from :func:`_terminal_marks`."""
    spans: list[tuple[int, int]] = []
    begin = resume = start
    # The matches of _END.finditer(text, start, end): each starts at a mark, and
    # the scan resumes where the previous one ended.
    for at in marks[bisect_left(marks, start) : bisect_left(marks, end)]:
        if at < resume:
            continue
        found = _END.match(text, at, end)
        if found is None:
            continue
        resume = found.end()
        if _ends_sentence(text, begin, found, dotted):
            stop, following = _cut(text, start, found)
            spans.append((begin, stop))
            begin = following
    if begin < end:
        spans.append((begin, end))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs and list items of ``text``: each line, with hard-wrapped lines rejoined.

    A line continues the previous one only when the previous one stops mid-sentence
    (on a letter, digit, comma or hyphen) and this one starts in lower case.
    """
    blocks: list[tuple[int, int]] = []
    block: tuple[int, int] | None = None
    end = -1
    for line in text.split("\n"):
        start = end + 1
        end = start + len(line)
        stripped = line.strip()
        if not stripped:
            if block is not None:
                blocks.append(block)
                block = None
            continue
        # The bullet pattern only where it can match: its first non-space
        # character is a bullet mark or a digit (one regex call per list item,
        # not per line).
        first = stripped[0]
        bullet = (
            _BULLET.match(text, start, end) if first in _BULLET_MARKS or first.isdecimal() else None
        )
        if bullet is not None:
            start = bullet.end()
            line = text[start:end]
        elif (
            block is not None
            and first.islower()
            and (text[block[1] - 1].isalnum() or text[block[1] - 1] in ",;-–")
        ):
            block = (block[0], end)
            continue
        if block is not None:
            blocks.append(block)
        block = (start, end - (len(line) - len(line.rstrip())))
    if block is not None:
        blocks.append(block)
    return blocks


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of the sentences of ``text``, in order.

    Offsets exclude surrounding white space and list bullets, so
    ``text[start:end]`` is the sentence as written.  Blank or word-less pieces
    (a lone bullet, a row of dashes) are left out.
    """
    spans: list[tuple[int, int]] = []
    marks = _terminal_marks(text)
    dotted = _DottedNames(text)
    for block_start, block_end in _blocks(text):
        for start, end in _spans_in_block(text, block_start, block_end, marks, dotted):
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end and _WORD.search(text, start, end):
                spans.append((start, end))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`sentence_spans`)."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, line by line when it changes anything.

    A line break never combines with its neighbours, so normalising each line
    gives the same text (a test checks every code point on both sides of one).
    It is much cheaper: the quick check lets through every line but the few
    with, say, an ellipsis "…", where normalising the whole body took 90 us.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    if "\n" not in text:
        return unicodedata.normalize("NFKC", text)
    return "\n".join([unicodedata.normalize("NFKC", line) for line in text.split("\n")])


def _fold(text: str) -> str:
    folded = _nfkc(text).casefold()
    for mark in _APOSTROPHES:
        if mark in folded:
            folded = folded.replace(mark, "'")
    return folded


def sentence_words(text: str, *, spans: Sequence[tuple[int, int]] | None = None) -> list[list[str]]:
    """The :func:`words` of each sentence of ``text`` (see :func:`sentence_spans`).

    ``spans`` are ``sentence_spans(text)`` when the caller has them already, so
    the text is not split twice.  Folds the text once when folding keeps its
    length (nearly always), so the word offsets still fall in the sentence spans.
    """
    if spans is None:
        spans = sentence_spans(text)
    folded = _fold(text)
    if len(folded) != len(text):
        return [_WORD.findall(_fold(text[start:end])) for start, end in spans]
    return [_WORD.findall(folded, start, end) for start, end in spans]


def _blank_possessives(folded: str) -> str:
    """``folded`` with each word-final possessive ``'s`` replaced by two spaces.

    The length stays the same, so sentence offsets still hold; the word before
    it comes out of :data:`_WORD` exactly as ``token[:-2]`` of the whole token.
    """
    if "'s" not in folded:
        return folded
    parts: list[str] = []
    last = 0
    for found in _POSSESSIVE.finditer(folded):
        at = found.start()
        if at and _WORD_CHAR.match(folded, at - 1) is not None:
            parts.append(folded[last:at])
            parts.append("  ")
            last = at + 2
    if not parts:
        return folded
    parts.append(folded[last:])
    return "".join(parts)


def sentence_words_flat(text: str) -> tuple[list[str], list[int]]:
    """The :func:`sentence_words` of ``text`` in one list, possessive ``'s`` removed.

    Returns the words and the offsets where sentences start and end in that
    list (``bounds[i]:bounds[i + 1]``), without empty sentences: what
    duplicate detection fingerprints.  The same words as stripping a final
    ``'s`` from each token of :func:`sentence_words`, at a fraction of the
    cost of looking at every token in Python.
    """
    spans = sentence_spans(text)
    tokens: list[str] = []
    bounds = [0]
    folded = _fold(text)
    if len(folded) == len(text):
        folded = _blank_possessives(folded)
        if "_" in folded:
            folded = folded.replace("_", " ")
        for start, end in spans:
            found = _WORD_NO_UNDERSCORE.findall(folded, start, end)
            if found:
                tokens.extend(found)
                bounds.append(len(tokens))
        return tokens, bounds
    # Folding changed the length (an ellipsis "…" became "...", most often), so
    # each sentence is folded on its own: all at once, each on its own line and
    # ended by a NUL (see _CUT), so that normalising stays line by line (_nfkc).
    if "\x00" in text:
        pieces = [_blank_possessives(_fold(text[start:end])) for start, end in spans]
    else:
        joined = _CUT.join([text[start:end] for start, end in spans])
        pieces = _blank_possessives(_fold(joined)).split(_CUT)
    for piece in pieces:
        found = _WORD.findall(piece)
        if found:
            tokens.extend(found)
            bounds.append(len(tokens))
    return tokens, bounds


def words(text: str) -> list[str]:
    """Normalised word tokens of ``text``: NFKC, case folded, plain apostrophes, no punctuation.

    Hyphenated and slashed compounds split into their parts (``May 4-5`` gives
    ``may``, ``4``, ``5``); contractions and possessives stay whole (``don't``,
    ``mayor's``).
    """
    return _WORD.findall(_fold(text))


def content_words(tokens: Iterable[str]) -> list[str]:
    """``tokens`` without :data:`STOPWORDS`, possessive ``'s`` removed."""
    kept: list[str] = []
    for token in tokens:
        if token in STOPWORDS:
            continue
        if token.endswith("'s"):
            token = token[:-2]
        kept.append(token)
    return kept
