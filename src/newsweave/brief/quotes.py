"""Direct quotations with their speakers.

A quotation is text between quotation marks (``“…”`` or ``"…"``) of at least a few
words; single quoted terms ("bamboo diplomacy") are not speech.  The speaker is
read from the attribution around it, in the forms news writing uses:

* ``“…,” Smith said`` / ``“…,” said Smith, the mayor of X``
* ``Smith, the mayor, said: “…”`` / ``According to Smith, “…”``
* ``“…,” he said`` — the last person named before the quote in that article.

A short name is given in its longest form in the article ("Vuving" -> "Alexander
Vuving").  Every quote is checked to appear word for word in its article's body
and dropped otherwise; paraphrases are never turned into quotes.  By default only
quotes with a named speaker are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.entities import canonical_names
from newsweave.brief.names import NAME_PATTERN, PERSON, Name, find_names, kind_of_name
from newsweave.models import Article, Citation, Quote
from newsweave.text import words

__all__ = ["QuoteOptions", "find_quotes", "verify_quote"]

_SAY = (
    r"(?:said|says|told(?:\s+\w+){0,2}|added|noted|explained|wrote|argued|stated|warned|"
    r"insisted|replied|recalled|asked|urged|claimed|declared|continued|remarked|"
    r"observed|commented|tweeted|posted|announced)"
)
_NAME = rf"(?P<name>{NAME_PATTERN})"
_ROLE = r"(?P<role>(?:the|a|an|who\s+is)\s+[^,.;:“”\"]{2,120}?|[A-Z][^,.;:“”\"]{2,80}?)"
_PRONOUN = r"(?P<pronoun>he|she|they)"

_TAIL = [
    re.compile(rf"^[\s,]*{_SAY}\s+{_NAME}(?:,\s*{_ROLE}(?=[,.;]|$))?"),
    re.compile(rf"^[\s,]*{_NAME}(?:,\s*{_ROLE},)?\s+(?:has\s+|had\s+|later\s+)?{_SAY}\b"),
    re.compile(rf"^[\s,]*{_PRONOUN}\s+(?:has\s+|had\s+|later\s+)?{_SAY}\b", re.IGNORECASE),
    re.compile(rf"^[\s,]*according\s+to\s+{_NAME}(?:,\s*{_ROLE}(?=[,.;]|$))?"),
]
_HEAD = [
    re.compile(
        rf"(?:^|[\s(])according\s+to\s+{_NAME}(?:,\s*{_ROLE})?,\s*$",
        re.IGNORECASE,
    ),
    re.compile(
        rf"{_NAME}(?:,\s*{_ROLE},)?\s+(?:has\s+|had\s+|also\s+|later\s+)?{_SAY}\b"
        r"[^“”\"]{0,100}?$"
    ),
    re.compile(rf"\b{_PRONOUN}\s+(?:has\s+|had\s+|also\s+)?{_SAY}\b[^“”\"]{{0,60}}[:,]\s*$"),
]
_QUOTED = re.compile(r"“(?P<curly>[^“”\n]+)”|\"(?P<straight>[^\"\n]+)\"")
_NOT_SPEAKERS = frozenset(
    "the a an this that it he she they we i you his her its their our there here but and".split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    """What :func:`find_quotes` keeps."""

    include_unattributed: bool = False
    """Also keep quotes whose speaker could not be found (``speaker=None``)."""
    min_words: int = 3
    """Shorter quoted text is a term or a title, not a quotation."""


def verify_quote(quote: Quote, article: Article) -> bool:
    """Whether ``quote.text`` appears word for word in ``article``'s body (white space aside)."""
    text = " ".join(quote.text.split())
    return bool(text) and text in " ".join(article.body.split())


def _clean_name(raw: str) -> str | None:
    words_ = raw.split()
    while words_ and words_[0].casefold() in _NOT_SPEAKERS:
        words_ = words_[1:]
    if not words_:
        return None
    name = " ".join(words_).rstrip(".,")
    if kind_of_name(name) == "place":
        return None
    return name


def _clean_role(raw: str | None) -> str | None:
    if not raw:
        return None
    role = " ".join(raw.split()).strip(" ,")
    return role or None


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str | None
    role: str | None
    pronoun: bool = False


def _match(patterns: list[re.Pattern[str]], text: str) -> _Speaker | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("pronoun"):
            return _Speaker(None, None, pronoun=True)
        name = _clean_name(groups.get("name") or "")
        if name is not None:
            return _Speaker(name, _clean_role(groups.get("role")))
    return None


def _people_before(
    body: str, spans: list[tuple[int, int]], names: list[list[Name]], index: int, stop: int
) -> list[str]:
    """People named in the article from its start up to offset ``stop``.

    ``names`` are the names of each whole sentence; only a sentence that
    ``stop`` cuts is read again, up to ``stop``.
    """
    found: list[str] = []
    for number, (start, end) in enumerate(spans[: index + 1]):
        named = names[number] if end <= stop else find_names(body[start:stop])
        found.extend(n.text for n in named if n.label == PERSON)
    return found


def _article_quotes(
    article: Article, sentences: Sequence[StorySentence], options: QuoteOptions
) -> list[Quote]:
    body = article.body
    spans = [(sentence.start, sentence.end) for sentence in sentences]
    if not spans:
        return []
    names = [find_names(sentence.text) for sentence in sentences]
    people = [n.text for named in names for n in named if n.label == PERSON]
    longest = canonical_names(people)
    quotes: list[Quote] = []
    seen: set[str] = set()
    for found in _QUOTED.finditer(body):
        text = (found.group("curly") or found.group("straight") or "").strip().rstrip(",")
        if len(words(text)) < options.min_words or text in seen:
            continue
        first = next((i for i, (s, e) in enumerate(spans) if s <= found.start() < e), None)
        last = next((i for i, (s, e) in enumerate(spans) if s < found.end() <= e), first)
        if first is None or last is None:
            continue
        tail = body[found.end() : spans[last][1]]
        head = body[spans[first][0] : found.start()]
        speaker = _match(_TAIL, tail) or _match(_HEAD, head)
        name: str | None = None
        role: str | None = None
        if speaker is not None and speaker.pronoun:
            before = _people_before(body, spans, names, first, found.start())
            name = before[-1] if before else None
        elif speaker is not None:
            name, role = speaker.name, speaker.role
        if name is not None:
            name = longest.get(name, name)
        if name is None and not options.include_unattributed:
            continue
        start, end = spans[first]
        quote = Quote(
            text=text,
            speaker=name,
            article=article.id,
            role=role,
            citation=Citation(article.id, first, article.outlet, body[start:end]),
        )
        if verify_quote(quote, article):
            seen.add(text)
            quotes.append(quote)
    return quotes


def find_quotes(doc: StoryDoc, *, options: QuoteOptions | None = None) -> tuple[Quote, ...]:
    """Direct quotations with their speakers in ``doc``'s articles, in article and text order."""
    options = options or QuoteOptions()
    found: list[Quote] = []
    for number, article in enumerate(doc.articles):
        found.extend(_article_quotes(article, doc.article_sentences(number), options))
    return tuple(found)
