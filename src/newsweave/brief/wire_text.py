"""Which sentences of a story are a news agency's text, so one wire text counts once.

Outlets carry a wire agency's reporting in three shapes, and a key point whose
supports are all the same agency's text is that agency's report once, however
many outlets carry it:

* **the article is the agency's**: its labels credit the agency (a dateline
  ``CITY (Agency) -``, a byline, ``With inputs from Agency``: the article's
  source is then the agency, :func:`newsweave.dedup.source_key`), or its outlet
  is an agency;
* **a passage is attributed to the agency**: the sentence says so (``according
  to the Agency``, ``..., the Agency reported``, ``told the Agency``), or a
  sentence ending in a colon introduces it (``The wire service reports:``,
  the agency named just before) and the passage is the rest of that paragraph,
  else the next one;
* **a credit line says the agency contributed** (``The Agency contributed to
  this report.``): some of the article is the agency's, not which sentences.

Agencies are those of ``data/wire-agencies.txt`` (general knowledge of news
agencies, the list the labels stage reads).  Counting (:func:`count_sources`):
sentences of one source count once, as always; two sentences that are both
attributed to one agency (or in the agency's own articles) count once; a
sentence of an article crediting an agency's contribution counts with one
linked to the same agency only where their wording is near-identical (a run of
``MIN_RUN`` words), since the credit does not say which sentences are the
agency's; and any two sentences of two sources are one text (a reprint: an
uncredited copy of the wire, one outlet's passage pasted by another, one press
release printed by both) when a long run of their words *outside quotation
marks* is the same (``REPRINT_RUN``).  Identical words inside quotation marks
never merge: two outlets quoting one speaker verbatim are still two reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.dedup import outlet_agency, source_key
from newsweave.models import Article
from newsweave.text import STOPWORDS

__all__ = [
    "WireText",
    "article_agency",
    "count_sources",
    "near_identical",
    "opens_inside",
    "read_wire_text",
    "unquoted",
]

_AGENCIES: dict[str, str] = {
    spelling: name
    for spelling, name in wordlists.mapping("wire-agencies").items()
    if name != "agency"  # an unnamed credit says "a copy", not whose
}
_AGENCY = "|".join(sorted((re.escape(s) for s in _AGENCIES), key=len, reverse=True))
_REPORTING = (
    r"(?:reports|reported|has reported|is reporting|was reporting|said|says|wrote|writes"
    r"|notes|noted|added|adds|learned|has learned|quoted|cites|cited)"
)
_ATTRIBUTED = re.compile(
    rf"\baccording to (?:the )?(?P<a>{_AGENCY})\b"
    rf"|\b(?:told|reported by|quoted by|cited by|speaking to|interview with|statement to)"
    rf" (?:the )?(?P<b>{_AGENCY})\b"
    rf"|(?:^|\bas |[,;—–\-\"”] ?)(?:the )?(?P<c>{_AGENCY})(?: news agency| wire service)?"
    rf" {_REPORTING}\b",
    re.IGNORECASE,
)
"""A sentence attributing what it says to an agency by name."""
_ANAPHOR = re.compile(
    rf"(?:^|\bas |[,;—–\-\"”] ?)the (?:wire service|wire|news agency|agency|news service)"
    rf" {_REPORTING}\b",
    re.IGNORECASE,
)
"""``The wire service reports``: an agency named just before."""
_NAMED = re.compile(rf"\b(?:the )?(?P<a>{_AGENCY})\b", re.IGNORECASE)
_CREDIT = re.compile(
    r"\bcontributed (?:reporting|(?:to )?(?:this|the) (?:report|story|article))\b"
    r"|\b(?:material|information|reporting) (?:from|by) .{0,80}\b(?:was|were) used\b",
    re.IGNORECASE,
)
"""A credit line: the agency contributed to the article, not which sentences."""
_CREDIT_WORDS = 30
"""Most words of a credit line (it names the agency, maybe its writers, and little else)."""
_TRIGGERS = frozenset(
    next(word for word in re.findall(r"[a-z]+", spelling) if word != "the")
    for spelling in _AGENCIES
) | {"wire", "agency", "service"}
"""The first word of every agency's spelling, and the anaphors' nouns: a sentence naming
an agency (or ``the wire service``) holds one, and the patterns above are read only in
such sentences (most are not)."""
_NAME_BEFORE = re.compile(rf"\b(?P<first>[A-Z][a-z]+) (?P<a>(?i:{_AGENCY}))\b")
"""A capitalised word right before an agency's name ("Michael Bloomberg"): in an article
that writes one, the name is a person's, and no attribution of that article to it is read."""
_NOT_FIRST_NAMES = wordlists.vocab(
    "via according told per reported reports said says cited quoted wrote writes noted notes"
)
"""Capitalised words (opening a sentence) that stand before an agency's name as a source."""
_LOOKBACK = 2
"""Sentences before an anaphor (``the wire service``) read for the agency it refers to."""
MIN_RUN = 8
"""Least words in one run, the same in both sentences, for near-identical wording."""
REPRINT_RUN = 12
"""Least words in one run, outside quotation marks in both, that two sentences of two
sources share for one to be a reprint of the other (or the shorter's whole, of at least
``REPRINT_WHOLE`` words): an uncredited copy of a wire, an outlet's passage pasted by
another, one press release printed by two."""
REPRINT_WHOLE = 10
_OPENING = "“«"
_CLOSING = "”»"
_MARK = re.compile("[\"'‘’“”«»]")
"""The characters :func:`_scan` reads: straight, single and double quotation marks."""


def _agency(spelling: str) -> str | None:
    """The agency ``spelling`` names, or ``None``: a lower-case "ap" is no acronym."""
    text = " ".join(spelling.split())
    if not text or not (text[0].isupper() or len(text) > 4):
        return None
    return _AGENCIES.get(text.casefold())


def _names(match: re.Match[str]) -> str | None:
    return next(
        (found for group in ("a", "b", "c") if (found := _agency(match.group(group) or ""))),
        None,
    )


@dataclass(frozen=True, slots=True)
class WireText:
    """Per sentence row, the agency whose text it is; per article, the agencies it credits."""

    carried: tuple[str | None, ...]
    """The agency sentence ``row`` is attributed to (or whose article it is), else ``None``."""
    credited: tuple[frozenset[str], ...]
    """Per article, the agencies a credit line says contributed to it."""

    def links(self, row: int, article: int) -> frozenset[str]:
        """Every agency sentence ``row`` (of article ``article``) may be the text of."""
        carried = self.carried[row]
        return self.credited[article] | ({carried} if carried else frozenset())


def _paragraph_breaks(body: str, sentences: Sequence[StorySentence]) -> list[bool]:
    """Whether a paragraph break follows each of ``sentences`` (one article's)."""
    return [
        number + 1 >= len(sentences) or "\n" in body[item.end : sentences[number + 1].start]
        for number, item in enumerate(sentences)
    ]


def _people(text: str) -> frozenset[str]:
    """Agencies whose name ``text`` (an article's title and body) gives a person too: a
    capitalised word before it that is no function word ("Michael Bloomberg", not "As
    Reuters" or "The Associated Press")."""
    if not _NAME_BEFORE.search(text):
        return frozenset()
    return frozenset(
        found
        for match in _NAME_BEFORE.finditer(text)
        if (first := match["first"].casefold()) not in STOPWORDS
        and first not in _NOT_FIRST_NAMES
        and f"{first} {match['a'].casefold()}" not in _AGENCIES
        and (found := _agency(match["a"])) is not None
    )


def _attribution(sentences: Sequence[StorySentence], number: int) -> str | None:
    """The agency sentence ``number`` attributes itself to, by name or by an anaphor."""
    text = sentences[number].text
    for match in _ATTRIBUTED.finditer(text):
        found = _names(match)
        if found:
            return found
    anaphor = _ANAPHOR.search(text)
    if anaphor is None:
        return None
    # The agency last named in this sentence before the anaphor, else just before.
    before = [text[: anaphor.start()]]
    before += [sentences[k].text for k in range(number - 1, max(-1, number - 1 - _LOOKBACK), -1)]
    for chunk in before:
        named = [a for m in _NAMED.finditer(chunk) if (a := _agency(m.group("a")))]
        if named:
            return named[-1]
    return None


def article_agency(article: Article) -> str | None:
    """The agency whose text all of ``article`` is: the agency its labels credit
    (:func:`~newsweave.dedup.source_key`), else the agency its outlet is, else ``None``."""
    key, name = source_key(article)
    if key.startswith("wire:"):
        return outlet_agency(name) or name
    return outlet_agency(article.outlet)


def read_wire_text(doc: StoryDoc) -> WireText:
    """Which sentences of ``doc`` are an agency's text (see module docs)."""
    article_agencies = [article_agency(article) for article in doc.articles]
    carried: list[str | None] = [None] * len(doc.sentences)
    credited: list[frozenset[str]] = []
    for number, article in enumerate(doc.articles):
        first = doc.bounds[number]
        sentences = doc.article_sentences(number)
        own = article_agencies[number]
        credits: set[str] = set()
        if own is None and sentences:
            breaks = _paragraph_breaks(article.body, sentences)
            people: frozenset[str] | None = None  # read when an attribution is found
            passage: str | None = None
            for k, item in enumerate(sentences):
                if _TRIGGERS.isdisjoint(item.tokens):
                    carried[first + k] = passage
                    if breaks[k]:
                        passage = None
                    continue
                if len(item.tokens) <= _CREDIT_WORDS and _CREDIT.search(item.text):
                    named = {a for m in _NAMED.finditer(item.text) if (a := _agency(m["a"]))}
                    if named:
                        credits |= named
                        passage = None
                        continue
                said = _attribution(sentences, k)
                if said is not None:
                    if people is None:
                        people = _people(f"{article.title or ''}\n{article.body}")
                    said = None if said in people else said
                carried[first + k] = said or passage
                if said and item.text.rstrip().endswith(":"):
                    # Introduces a passage: the rest of its paragraph, else the next one.
                    passage = said
                elif breaks[k]:
                    passage = None
        else:
            for k in range(len(sentences)):
                carried[first + k] = own
        credited.append(frozenset(credits))
    return WireText(tuple(carried), tuple(credited))


def near_identical(
    left: Sequence[str], right: Sequence[str], *, min_run: int = MIN_RUN, min_whole: int = 5
) -> bool:
    """Whether two sentences' words share one run of at least ``min_run`` words, or the
    shorter (of at least ``min_whole`` words) lies wholly inside the longer."""
    if not left or not right:
        return False
    shorter = min(len(left), len(right))
    need = min(min_run, shorter) if shorter >= min_whole else min_run
    previous = [0] * (len(right) + 1)
    for word in left:
        current = [0] * (len(right) + 1)
        for j, other in enumerate(right, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                if current[j] >= need:
                    return True
        previous = current
    return False


def unquoted(text: str, *, open_at_start: bool = False) -> str:
    """``text`` without what is inside quotation marks: a speaker's words, which outlets
    quote alike without copying each other.  A double mark left open runs to the end, one
    closed with no opening ran from the start (a quotation cut into sentences), and
    ``open_at_start`` says a quotation opened before ``text`` (:func:`opens_inside`).
    Single marks (British style) quote too, but an apostrophe looks the same: one opens
    only before a word with a space or the start before it, and closes only what it
    opened, so ``don't`` and ``the players' union`` keep their words."""
    return " ".join(_scan(text, '"' if open_at_start else "")[0])


def opens_inside(body: str, start: int) -> bool:
    """Whether the sentence at ``body[start:]`` begins inside a quotation its paragraph
    opened before it (the middle of a speaker's words, with no mark of its own)."""
    paragraph = body.rfind("\n", 0, start) + 1
    return _scan(body[paragraph:start], "")[1] == '"'


def _scan(text: str, inside: str) -> tuple[list[str], str]:
    """The pieces of ``text`` outside quotation marks, and the quotation open at its end
    (``'"'`` double, ``"'"`` single, ``""`` none), starting with ``inside`` open."""
    kept: list[str] = []
    start = 0
    single_at = 0  # len(kept) when a single mark opened
    for mark in _MARK.finditer(text):  # every other character leaves the state as it is
        position, char = mark.start(), mark.group()
        before = text[position - 1] if position else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        if char in "'‘’":
            if inside == "'" and char != "‘" and not after.isalnum():
                inside = ""
                start = position + 1
            elif (
                not inside
                and char != "’"
                and (before.isspace() or before in "([—–-:")
                and after.isalpha()
            ):
                single_at = len(kept)
                kept.append(text[start:position])
                inside = "'"
            continue
        if char == '"':
            # A straight mark closes after a word ('win," he') and opens before one.
            after_word = position > 0 and not before.isspace()
            closes = inside == '"' or (after_word and after in " \t,.;:!?)")
            opens = not closes
        else:
            opens, closes = char in _OPENING, char in _CLOSING
        if opens and not inside:
            kept.append(text[start:position])
            inside = '"'
        elif closes and inside != "'":
            if not inside:
                kept = []  # closes a quotation opened before the text
            inside = ""
            start = position + 1
    if not inside:
        kept.append(text[start:])
    elif inside == "'":
        del kept[single_at:]  # an apostrophe after all: nothing closed it
        kept.append(text[start:])
        inside = ""
    return kept, inside


def count_sources(
    rows: Sequence[int],
    *,
    units: Sequence[str],
    article_of: Sequence[int],
    wire: WireText,
    tokens: Sequence[Sequence[str]],
    own_words: Callable[[int], Sequence[str]],
) -> int:
    """Independent sources among sentence ``rows``: distinct units (``units[row]``),
    then units joined where their sentences are one agency's text (module docs): both
    linked to one agency (carried by it, or near-identical and linked), or one a reprint
    of the other (a long run of their words outside quotation marks, ``own_words(row)``,
    is the same)."""
    distinct = {units[row] for row in rows}
    if len(distinct) < 2:
        return len(distinct)
    parent = {unit: unit for unit in distinct}

    def find(unit: str) -> str:
        while parent[unit] != unit:
            parent[unit] = parent[parent[unit]]
            unit = parent[unit]
        return unit

    def join(one: str, two: str) -> None:
        first, second = find(one), find(two)
        if first != second:
            parent[max(first, second)] = min(first, second)

    linked = [(row, wire.links(row, article_of[row])) for row in rows]
    linked = [(row, links) for row, links in linked if links]
    by_agency: dict[str, str] = {}
    for row, _links in linked:
        agency = wire.carried[row]
        if agency:
            join(by_agency.setdefault(agency, units[row]), units[row])
    for position, (row, links) in enumerate(linked):
        for other, other_links in linked[position + 1 :]:
            if find(units[row]) == find(units[other]) or not links & other_links:
                continue
            if near_identical(tokens[row], tokens[other]):
                join(units[row], units[other])
    # A reprint: a long run of one sentence's own words (outside quotation marks) that is
    # another source's, whoever that is (a wire, an outlet, a press release): one text.
    for position, row in enumerate(rows):
        for other in rows[position + 1 :]:
            if find(units[row]) == find(units[other]):
                continue
            if near_identical(
                own_words(row), own_words(other), min_run=REPRINT_RUN, min_whole=REPRINT_WHOLE
            ):
                join(units[row], units[other])
    return len({find(unit) for unit in distinct})
