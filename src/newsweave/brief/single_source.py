"""Single-source claims a fact-checker can trust: a checkable fact no other source states.

A brief that says "only one outlet reports this" is wrong when another outlet
states it in other words, and useless when the sentence is no fact (a view, a
quotation, a caption, a cut sentence).  The support judge finds other words for
only part of what is said (its recall of ``supports`` is about 0.6), so a claim is
listed only when both hold:

* :func:`is_checkable`: it is a statement of fact that stands on its own: a news
  report's sentence (not of an article of commentary or analysis: labelled so by its
  section or title, or written in the writer's own voice; no judgement, prediction or
  state of mind no one is reported to have said, no reference back past the first
  word: :mod:`newsweave.brief.claim_voice`) of at least ``min_words`` words
  that opens with no quotation mark, no pronoun pointing back, after any conjunction
  ("It shows ...", "But she put ..."), no bare quantifier as a speaker ("Another
  argued ...") and no definite description going on with "also" ("The group also
  released ...": :func:`refers_back`) and no lower-case word (a transcript's speaker);
  speaks in no first or second person (a view, a letter's "we will ..."); closes no
  quotation opened before it (a closing mark with no opening one, as
  :func:`~newsweave.brief.wire_text.unquoted` reads it); states nothing as only possible
  or likely ("may", "probably") or as what ought to be ("should"); is no photo caption
  (a credit, or the full date a wire caption gives: "Friday, May 7, 2021"), no copyright
  or credit line and no embedded post (a link, a handle); no page chrome or editor's
  note (:func:`~newsweave.brief.page_chrome.is_page_chrome`); asks nothing; does not end
  on a title's abbreviation (a sentence cut at "Lt."); names something to check (a name,
  a number, a date: "The crowd seemed calmer later" names nothing); and tells no year
  before its article's (background: "The plant first opened in 1994");
* :func:`names_elsewhere`: it names someone or something another independent source
  names too, so it is about the story, not background about others;
* :func:`unrelated_elsewhere`: no sentence of another independent source states any
  part of it, read loosely: no sentence shares ``min_shared`` content words with it
  of which at least ``contained`` of that sentence's content words are the claim's
  (a short sentence stating one of the claim's facts in other words around them,
  "the ferry sank near the harbour" for a claim that a ferry sank and its captain fled).
  The support judge's own check (``supports`` or ``partial``) runs before this.

Read on eight AllSides stories (``benchmarks/eval_claims_read.py``, labels in
``tests/data/claims-allsides.jsonl``), main as of 2026-12-07 listed 24 claims on
the tune half, 5 of them right: 10 were stated or partly stated by another
outlet, 9 were views, quotations, background or cut sentences.  With the voice rules
(2026-12-07, j21): 14 of 17 on the tune half, 9 of 15 on the check half (main: 14 of
18, 7 of 22); with habits, "some ... others", quotation ends and schedules (j22): 14 of
17 and 9 of 13; with the page-voice commentary rule as well (p22, main b13d393): 14 of
17 and 8 of 11.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.align import Floats, StoryAlignment
from newsweave.brief.captions import is_caption
from newsweave.brief.claim_voice import (
    commentary_articles as voice_commentary,
)
from newsweave.brief.claim_voice import (
    is_commentary,
    judges,
    points_back,
    unquoted_words,
)
from newsweave.brief.page_chrome import is_page_chrome
from newsweave.brief.summary import conjunctions, dangles
from newsweave.brief.wire_text import unquoted

__all__ = [
    "SingleSourceOptions",
    "commentary_articles",
    "is_checkable",
    "is_clutter",
    "is_commentary",
    "names_by_source",
    "names_elsewhere",
    "refers_back",
    "stands_alone",
    "text_stands_alone",
    "topic_words",
    "unrelated_elsewhere",
]


@dataclass(frozen=True, slots=True)
class SingleSourceOptions:
    """What a single-source claim must be (module docs)."""

    checkable_only: bool = True
    """List only sentences :func:`is_checkable` accepts."""
    min_words: int = 8
    max_quoted: float = 0.5
    """Most of a claim's characters inside quotation marks."""
    commentary_share: float = 0.3
    """Least share of an article's own sentences (no quotation, no verb of saying) that
    speak in the writer's voice (:func:`commentary_articles`) for the article to be read
    as commentary, whatever its section and title (``1.0`` or more: never).  Tried 0.22
    (read on the r19/r20 scratch stories, it catches more unlabelled columns): two right
    claims of a news report on the claims tune half were lost, the check half unchanged."""
    commentary_least: int = 10
    """Least such sentences an article must have for the share to be read."""
    commentary_reported: float = 0.25
    """An article of which at most this share of sentences quote or cite anyone, and
    at least 0.15 of its own sentences speak in the writer's voice, is commentary too
    (:func:`~newsweave.brief.claim_voice.commentary_articles`; negative: never)."""
    need_anchor: bool = True
    """A claim names a person, body or place, or gives a number or a date."""
    no_background: bool = True
    """A claim gives no year before its article's publication year."""
    contained: float = 0.25
    """Least share of another source's sentence's content words in the claim for that
    sentence to state part of it (``0``: the check is off)."""
    min_shared: int = 2
    """Least content words a sentence of another source shares with the claim to be read."""
    topic_share: float | None = None
    """Leave out of the check the words of the story's topic: used by at least this share
    of its independent sources (``None``: none left out).  Tried: at 1.0 (words every
    source uses) a claim sharing only the story's subject words with another sentence is
    listed, and listed claims right fell on the tune half from 13 of 16 to 13 of 20."""
    min_similarity: float = 0.03
    """Least similarity of a sentence of another source to be read (a cheap first pass)."""
    shared_name: bool = True
    """A claim names someone or something another independent source names too: it is
    about the story's people, bodies or places, not background about others (an earlier
    case, a former official)."""


_PERSONAL = wordlists.words("personal-pronouns")
_QUOTE_VERBS = wordlists.words("quote-verbs")
_HEDGES = wordlists.words("support-hedge")
_PRESCRIPTIVE = wordlists.words("prescriptive-words")
_NOT_FACT = _HEDGES | _PRESCRIPTIVE
"""Words that state a claim as only possible or as what ought to be."""
_POINTING = wordlists.vocab("he she it they his her its their him them that")
"""Third-person pronouns and "that": a sentence opening with one points back to an earlier one."""
_BARE_SPEAKERS = wordlists.vocab("another others one some many several both most all")
"""Quantifiers that stand for people named before when they open a sentence as its speaker."""
_AUXILIARIES = wordlists.vocab("has have had is are was were will would")
_OPENING_QUOTE = "\"“‘'«"
_CLOSING = "\"”’'» "
_LINK = re.compile(r"https?://|www\.|\bpic\.\w+|(?<!\w)@\w|\.com/", re.IGNORECASE)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_CAPTION_DATE = re.compile(
    rf"\b(?:{_WEEKDAYS}),\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}},\s+(?:19|20)\d\d\b"
)
"""The full date of a wire photo caption: "Friday, May 7, 2021"."""
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PREFIX = 5
_YEAR = re.compile(r"(?<![\d$])(?<![\d][.,])\b((?:1[5-9]|20)\d\d)\b(?![.,]?\d|%)")
"""A year: four digits from 1500 to 2099, no part of a longer number, amount or share."""
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_CREDITS = re.compile(
    r"©|\bcopyright\b|\ball rights reserved\b|\bcontributed (?:reporting|to this report)\b",
    re.IGNORECASE,
)
"""A page's copyright or a report's credit line: no fact of the story."""
_CUT = re.compile(r"\b([A-Z][a-z]{1,4})\.$")
_TITLES = frozenset(wordlists.mapping("title-abbreviations")) | wordlists.vocab("mr mrs ms st mt")
"""A sentence ending on a title's abbreviation ("Lt."): cut before its names (a month
or a place ending a sentence, "in March.", is no cut)."""


def _anchored(story: StoryAlignment, row: int, text: str, years: int) -> bool:
    """Whether ``text`` names someone or something, or gives a number or a date (not a year)."""
    if any(word[0].isupper() for word in _WORD.findall(text)[1:]):
        return True
    if len(_DIGITS.findall(text)) > years:
        return True
    # Numbers in words ("three"): the judge's reading (read only when needed: it is slow).
    quantities = story.facts(row).quantities
    return sum(1 for q in quantities if q.kind != "year") > 0


def _closes_a_quote(text: str) -> bool:
    """Whether ``text`` closes a quotation it did not open: a quoted speech's later sentence.
    A straight double mark closes when it follows a word or a stop and no word follows it
    right away (``next week."``), and opens otherwise."""
    for at, char in enumerate(text):
        if char in "“«":
            return False
        if char in "”»":
            return True
        if char == '"':
            before = text[at - 1] if at else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            return not before.isspace() and not after.isalnum()
    return False


def commentary_articles(story: StoryAlignment, options: SingleSourceOptions) -> frozenset[int]:
    """The articles of ``story`` (by index) that are commentary or analysis
    (:func:`~newsweave.brief.claim_voice.commentary_articles` with ``options``)."""
    return voice_commentary(
        story,
        options.commentary_share,
        options.commentary_least,
        reported=options.commentary_reported,
    )


def is_clutter(story: StoryAlignment, row: int) -> bool:
    """Whether sentence ``row`` is no statement at all: a credit or copyright line, a
    question, page chrome or an editor's note
    (:func:`~newsweave.brief.page_chrome.is_page_chrome`)."""
    text = story.sentences[row].text.strip()
    return (
        not text
        or bool(_CREDITS.search(text))
        or text.rstrip(_CLOSING).endswith("?")
        or is_page_chrome(text)
    )


def stands_alone(story: StoryAlignment, row: int) -> bool:
    """Whether sentence ``row`` can be read and checked out of its article: no credit or
    copyright line, no question, not a later sentence of a quotation (it closes one it
    did not open, or speaks as "I" / "we" outside quotation marks), no opening pronoun
    that points back ("It is ..."), not a quotation with no verb of saying outside it."""
    if is_clutter(story, row):
        return False
    item = story.sentences[row]
    return text_stands_alone(item.text.strip(), item.tokens)


def text_stands_alone(text: str, tokens: tuple[str, ...]) -> bool:
    """:func:`stands_alone` on a sentence's ``text`` (as it would be shown) and its words,
    credit lines and questions aside: a key point shown with its quotation marks paired
    (:func:`~newsweave.brief.summary.balance_quotes`) is read by the same rules."""
    if not text:
        return False
    outside = unquoted_words(tokens, text)
    if _closes_a_quote(text) or outside & _PERSONAL:
        return False
    opening = tokens[conjunctions(tokens) :]
    if opening and opening[0] in _POINTING:
        return False
    return text[0] not in _OPENING_QUOTE or bool(outside & _QUOTE_VERBS)


def is_checkable(
    story: StoryAlignment,
    row: int,
    options: SingleSourceOptions,
    *,
    captions: bool = True,
    commentary: frozenset[int] | None = None,
) -> bool:
    """Whether sentence ``row`` is a statement of fact that stands on its own (module docs).

    ``captions=False``: the caller's sentences are no photo captions already
    (:func:`~newsweave.brief.captions.is_caption`, the slowest rule, is skipped).
    ``commentary``: the story's :func:`commentary_articles`, when the caller has them
    (else only the article's section and title are read, :func:`is_commentary`).
    """
    item = story.sentences[row]
    text = item.text.strip()
    article = story.doc.articles[item.article]
    if len(item.tokens) < options.min_words or not text:
        return False
    if commentary is not None:
        if item.article in commentary:
            return False
    elif is_commentary(article):
        return False
    if judges(item.tokens, text):
        return False
    first = text[0]
    if first in _OPENING_QUOTE or first.islower():
        return False
    opening = item.tokens[conjunctions(item.tokens) :]
    if opening[0] in _POINTING or dangles(opening) or refers_back(opening):
        return False
    if points_back(text):
        return False
    if unquoted_words(item.tokens, text) & _PERSONAL:
        return False
    if _quoted_share(text) > options.max_quoted or _continues_quotation(text):
        return False
    if _CAPTION_DATE.search(text) or _LINK.search(text) or _CREDITS.search(text):
        return False
    if is_page_chrome(text):
        return False
    if not _NOT_FACT.isdisjoint(item.tokens):
        return False
    cut = _CUT.search(text)
    if "?" in text or text[-1] not in ".!\"”’'" or (cut and cut.group(1).lower() in _TITLES):
        return False
    if _closes_a_quote(text):
        return False
    years = [int(year) for year in _YEAR.findall(text)]
    if options.need_anchor and not _anchored(story, row, text, len(years)):
        return False
    published = article.published
    if options.no_background and published and any(y < published.year for y in years):
        return False
    return not (captions and is_caption(text))


def refers_back(tokens: tuple[str, ...]) -> bool:
    """Whether a sentence of these words (lower case, conjunctions off) opens on someone
    or something an earlier sentence introduced: a bare quantifier as the speaker
    ("Another argued ...", "Others said ...") or a definite description the sentence
    goes on with "also" ("The group also released ...", "The agency has also ...")."""
    if len(tokens) < 3:
        return False
    if tokens[0] in _BARE_SPEAKERS and tokens[1] in _QUOTE_VERBS:
        return True
    if tokens[0] != "the":
        return False
    return tokens[2] == "also" or (tokens[2] in _AUXILIARIES and tokens[3:4] == ("also",))


def _prefixes(words: frozenset[str]) -> set[str]:
    """Content words cut to their first letters: a cheap stem ("purchased" / "purchases")."""
    return {word[:_PREFIX] for word in words}


def topic_words(story: StoryAlignment, options: SingleSourceOptions) -> frozenset[str]:
    """Content words of the story's topic: used by at least ``topic_share`` of its
    independent sources (and by two or more), so sharing them shares no fact."""
    if options.topic_share is None:
        return frozenset()
    sources = set(story.sources)
    users: dict[str, set[str]] = {}
    for item in story.sentences:
        source = story.sources[item.article]
        for word in _prefixes(item.content):
            users.setdefault(word, set()).add(source)
    least = max(2, math.ceil(options.topic_share * len(sources)))
    return frozenset(word for word, by in users.items() if len(by) >= least)


def unrelated_elsewhere(
    story: StoryAlignment,
    row: int,
    topic: frozenset[str],
    options: SingleSourceOptions,
    sims: Floats | None = None,
) -> bool:
    """Whether no sentence of another independent source states any part of ``row`` (module docs).

    Words of the story's ``topic`` (:func:`topic_words`) are left out on both sides;
    ``sims`` is the row's similarity to every sentence, when the caller has it.
    """
    if options.contained <= 0:
        return True
    own = story.sources[story.sentences[row].article]
    claim = _prefixes(story.sentences[row].content) - topic
    if sims is None:
        sims = story.similarity([row])[0]
    for k in (sims >= options.min_similarity).nonzero()[0].tolist():
        if story.sources[story.sentences[k].article] == own:
            continue
        words = _prefixes(story.sentences[k].content) - topic
        shared = len(claim & words)
        if shared >= options.min_shared and shared >= options.contained * len(words):
            return False
    return True


def _names(text: str) -> set[str]:
    """The capitalised words of ``text`` after its first word, lower case."""
    return {word.lower() for word in _WORD.findall(text)[1:] if word[0].isupper()}


def names_by_source(story: StoryAlignment) -> dict[str, frozenset[str]]:
    """The capitalised words (after each sentence's first) of every independent source."""
    found: dict[str, set[str]] = {}
    for item in story.sentences:
        found.setdefault(story.sources[item.article], set()).update(_names(item.text))
    return {source: frozenset(names) for source, names in found.items()}


def names_elsewhere(
    story: StoryAlignment, row: int, names: dict[str, frozenset[str]], options: SingleSourceOptions
) -> bool:
    """Whether sentence ``row`` names something another independent source names too."""
    if not options.shared_name:
        return True
    own = story.sources[story.sentences[row].article]
    mine = _names(story.sentences[row].text)
    return any(mine & theirs for source, theirs in names.items() if source != own)


_FIRST_WORD = re.compile(r"[^\W_]+")


def _quoted_share(text: str) -> float:
    """The share of the letters of ``text`` inside quotation marks, as
    :func:`~newsweave.brief.wire_text.unquoted` reads them: the words before a closing
    mark with no opening one are the end of a quotation begun in an earlier sentence."""
    letters = sum(char.isalnum() for char in text)
    outside = sum(char.isalnum() for char in unquoted(text))
    return 1 - outside / max(letters, 1)


def _continues_quotation(text: str) -> bool:
    """Whether ``text`` opens inside a quotation begun in an earlier sentence: a closing
    mark with no opening one before it (``They're not going," says X.``)."""
    first = _FIRST_WORD.search(text)
    kept = _FIRST_WORD.search(unquoted(text))
    return first is not None and (kept is None or kept.group() != first.group())
