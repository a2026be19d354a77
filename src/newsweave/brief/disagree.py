"""Disagreements: outlets giving different numbers, dates, times or names for the same thing.

Two sentences of different outlets are about the same thing when they share most
of their content words (numbers aside).  In such a pair, a value slot is the same
when the words next to the values match too ("**3** people were killed" /
"**four** people were killed").  Different values in one slot are competing
versions; values linked across several pairs are gathered into one disagreement
with every source of every version.

Strong overlap is required on purpose: two different things with different numbers
("3 people died in the fire" / "the fire destroyed 40 homes") must not be flagged.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.models import Article, Citation, Disagreement
from newsweave.text import MONTH_NAMES, NUMBER_WORDS, STOPWORDS, WEEKDAY_PATTERN, WEEKDAYS

__all__ = ["DisagreementOptions", "find_disagreements"]

_NUMBER_WORDS = {word: value for word, value in NUMBER_WORDS.items() if 0 < value <= 20}
_MONTH_NAMES = list(MONTH_NAMES)
_MONTH = "|".join(_MONTH_NAMES)
_VALUE = re.compile(
    rf"(?P<date>\b(?:{_MONTH})\s+[0-3]?\d(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d)?\b"
    rf"|\b[0-3]?\d(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d)?\s+(?:{_MONTH})\b)"
    r"|(?P<time>\b[01]?\d(?:[:.][0-5]\d)?\s*[ap]\.?m\.?(?!\w)|\b[012]?\d:[0-5]\d\b)"
    r"|(?P<weekday>(?:\b(?:early|late)\s+)?"
    rf"\b(?:{WEEKDAY_PATTERN})\b"
    r"(?:\s+(?:morning|afternoon|evening|night)\b)?)"
    r"|(?P<amount>[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion|thousand))?"
    r"|\b\d[\d,]*(?:\.\d+)?\s+(?:million|billion|trillion|thousand)?\s*"
    r"(?:dollars|euros|pounds|yen|yuan|rubles|roubles|dong)\b)"
    r"|(?P<percent>\b\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)(?!\w))"
    r"|(?P<year>\b(?:1[89]|20)\d\d\b)"
    r"|(?P<count>\b\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|thousand))?\b"
    rf"|\b(?:{'|'.join(_NUMBER_WORDS)})\b)",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A run of capitalised words (a person, an organisation, a place); sentence-initial
# words are left out by the caller, since any word is capitalised there.
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_NAME = re.compile(
    rf"\b[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)?"
    rf"(?:\s+[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}]?[{_LOWER}]+)?)*"
)
_DATE_WORDS = (
    frozenset(_MONTH_NAMES)
    | frozenset(WEEKDAYS)
    | {
        "million",
        "billion",
        "trillion",
        "thousand",
        "percent",
        "cent",
        "dollars",
        "euros",
        "pounds",
        "st",
        "nd",
        "rd",
        "th",
        "am",
        "pm",
    }
)
_REPORTING = frozenset(
    {"said", "says", "told", "reported", "reports", "announced", "confirmed", "stated", "added"}
)
"""Verbs of saying: a day right after one, or after one and its object ("told reporters
on Wednesday", "said in a statement Tuesday"), is the day of the report."""
_WHEN_KINDS = frozenset({"date", "weekday", "time"})
_KIND_NAMES = {
    "date": "date",
    "time": "time",
    "weekday": "day",
    "amount": "amount",
    "percent": "percentage",
    "year": "year",
    "count": "number",
    "name": "name",
}


@dataclass(frozen=True, slots=True)
class DisagreementOptions:
    """How alike two sentences must be before their values are compared."""

    min_shared_words: int = 4
    """Content words (numbers aside) the two sentences must share..."""
    min_overlap: float = 0.5
    """...and the share of the shorter sentence's content words they make up."""
    window: int = 3
    """Content words on each side of a value that name its slot."""


@dataclass(frozen=True, slots=True)
class _Value:
    kind: str
    shown: str
    key: str
    context: frozenset[str]
    order: tuple[str, ...]
    reported: bool = False
    """A "when" right after a reporting verb ("announced Monday"): when it was said."""


@dataclass(frozen=True, slots=True)
class _Sentence:
    outlet: str
    citation: Citation
    words: frozenset[str]
    values: tuple[_Value, ...]


def _normalise(kind: str, text: str) -> str:
    folded = " ".join(text.casefold().split())
    if kind == "count":
        if folded in _NUMBER_WORDS:
            return str(_NUMBER_WORDS[folded])
        number, _, scale = folded.partition(" ")
        factor = {"thousand": 1e3, "million": 1e6, "billion": 1e9}.get(scale, 1.0)
        try:
            value = float(number.replace(",", "")) * factor
        except ValueError:
            return folded
        return f"{value:g}"
    if kind == "weekday":
        # The day is the value; "early", "night" only say when in it, and
        # "Friday" / "Friday night" agree.
        return next(w for w in folded.split() if w.endswith("day"))
    if kind == "time":
        return folded.replace(".", "").replace(" ", "")
    return re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\s+", "", folded)


def _content(text: str) -> list[str]:
    kept: list[str] = []
    for word in _WORD.findall(text.casefold().replace("’", "'")):
        if word.endswith("'s"):
            word = word[:-2]
        if word not in STOPWORDS and word not in _DATE_WORDS and word not in _NUMBER_WORDS:
            kept.append(word)
    return kept


def _sentences(
    article: Article, sentences: Sequence[StorySentence], options: DisagreementOptions
) -> list[_Sentence]:
    outlet = article.outlet or f"article {article.id}"
    found: list[_Sentence] = []
    for sentence in sentences:
        index, text = sentence.index, sentence.text
        values: list[_Value] = []
        for match in _VALUE.finditer(text):
            kind = next(k for k, v in match.groupdict().items() if v)
            before = _content(text[: match.start()])[-options.window :]
            after = _content(text[match.end() :])[: options.window]
            shown = " ".join(match.group().split())
            values.append(
                _Value(
                    kind,
                    shown,
                    _normalise(kind, shown),
                    frozenset(before + after),
                    tuple(before + after),
                    reported=kind in _WHEN_KINDS and any(w in _REPORTING for w in before[-2:]),
                )
            )
        values.extend(_names(text, options))
        if values:
            citation = Citation(article.id, index, article.outlet, text)
            found.append(_Sentence(outlet, citation, frozenset(_content(text)), tuple(values)))
    return found


def _names(text: str, options: DisagreementOptions) -> list[_Value]:
    """Capitalised names in ``text`` (not its first word) as values of the ``name`` kind."""
    found: list[_Value] = []
    first = _WORD.search(text)
    for match in _NAME.finditer(text):
        if first is not None and match.start() == first.start():
            continue
        shown = re.sub(r"['’]s$", "", match.group())
        # Only full names (two words or more) compete: a lone capitalised word is
        # too often a place, a title or a sentence fragment.
        if len(shown.split()) < 2:
            continue
        before = _content(text[: match.start()])[-options.window :]
        after = _content(text[match.end() :])[: options.window]
        found.append(
            _Value(
                "name", shown, shown.casefold(), frozenset(before + after), tuple(before + after)
            )
        )
    return found


class _Groups:
    """Union-find over (sentence, value) nodes."""

    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(self, node: tuple[int, int]) -> tuple[int, int]:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        self.parent[self.find(a)] = self.find(b)


def find_disagreements(
    doc: StoryDoc, *, options: DisagreementOptions | None = None
) -> tuple[Disagreement, ...]:
    """Slots (a count, an amount, a date, a time, a name) the story's outlets fill differently."""
    options = options or DisagreementOptions()
    articles = doc.articles
    sentences = [
        s
        for number, article in enumerate(articles)
        for s in _sentences(article, doc.article_sentences(number), options)
    ]
    index: dict[str, list[int]] = defaultdict(list)
    for number, sentence in enumerate(sentences):
        for word in sentence.words:
            index[word].append(number)
    # Every capitalised run an outlet writes, sentence-initial ones included: a
    # name it uses anywhere is not a rival version of another outlet's name.
    mentioned: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        outlet = article.outlet or f"article {article.id}"
        mentioned[outlet].update(m.group().casefold() for m in _NAME.finditer(article.body))
    groups = _Groups()
    for number, sentence in enumerate(sentences):
        shared: dict[int, int] = defaultdict(int)
        for word in sentence.words:
            for other in index[word]:
                if other > number:
                    shared[other] += 1
        for other, count in shared.items():
            partner = sentences[other]
            if partner.outlet == sentence.outlet or count < options.min_shared_words:
                continue
            if count / min(len(sentence.words), len(partner.words)) < options.min_overlap:
                continue
            _link(groups, (number, sentence), (other, partner), mentioned)
    return _collect(groups, sentences)


def _link(
    groups: _Groups,
    left: tuple[int, _Sentence],
    right: tuple[int, _Sentence],
    mentioned: dict[str, set[str]],
) -> None:
    (a, first), (b, second) = left, right
    for i, value in enumerate(first.values):
        if any(v.kind == value.kind and v.key == value.key for v in second.values):
            continue  # the other sentence has this value too: agreement, not a new version
        for j, other in enumerate(second.values):
            if other.kind != value.kind or other.key == value.key:
                continue
            if any(v.kind == other.kind and v.key == other.key for v in first.values):
                continue
            if value.kind == "name" and not _rival_names(first, value, second, other, mentioned):
                continue
            if value.reported or other.reported:
                continue
            if value.context & other.context or _sole_when(first, value, second, other):
                groups.union((a, i), (b, j))


def _sole_when(first: _Sentence, value: _Value, second: _Sentence, other: _Value) -> bool:
    """Whether both values are the one "when" of two sentences about the same thing.

    Outlets place a time in different words ("the talks open on Monday
    night" / "the talks began early Tuesday"), so the words beside the values
    rarely match; but two strongly overlapping sentences that each give
    exactly one day (or date, or time) give it for the same event.
    """
    if value.kind not in _WHEN_KINDS:
        return False
    return (
        sum(v.kind == value.kind for v in first.values) == 1
        and sum(v.kind == other.kind for v in second.values) == 1
    )


def _rival_names(
    first: _Sentence,
    value: _Value,
    second: _Sentence,
    other: _Value,
    mentioned: dict[str, set[str]],
) -> bool:
    """Whether two names fill one slot as rivals, not as two names both outlets use.

    A short form of the other name ("Doe" / "Jane Doe") is the same one;
    a name the other outlet also mentions anywhere is no competing version; and
    the slot must be named by two shared context words, not one.
    """
    if _same_name(value.key, other.key):
        return False
    if SequenceMatcher(None, value.key, other.key).ratio() >= 0.8:
        return False  # a spelling variant ("Tchaikovsky" / "Chaikovsky"), not another name
    if any(_same_name(value.key, name) for name in mentioned[second.outlet]):
        return False
    if any(_same_name(other.key, name) for name in mentioned[first.outlet]):
        return False
    return len(value.context & other.context) >= 2


def _same_name(one: str, other: str) -> bool:
    """Equal, or one is a part of the other word for word ("lund" / "maria lund")."""
    a, b = one.split(), other.split()
    if len(a) > len(b):
        a, b = b, a
    return any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _collect(groups: _Groups, sentences: list[_Sentence]) -> tuple[Disagreement, ...]:
    components: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for node in list(groups.parent):
        components[groups.find(node)].append(node)
    found: list[Disagreement] = []
    for nodes in components.values():
        versions: dict[str, list[Citation]] = {}
        shown: dict[str, str] = {}
        outlets: dict[str, set[str]] = defaultdict(set)
        contexts: list[tuple[str, ...]] = []
        kind = ""
        for s, v in sorted(nodes):
            value = sentences[s].values[v]
            kind = value.kind
            shown.setdefault(value.key, value.shown)
            citations = versions.setdefault(value.key, [])
            if sentences[s].citation not in citations:
                citations.append(sentences[s].citation)
            outlets[value.key].add(sentences[s].outlet)
            contexts.append(value.order)
        if len(versions) < 2 or len(set().union(*outlets.values())) < 2:
            continue
        common = set(contexts[0]).intersection(*map(set, contexts[1:]))
        slot = " ".join(w for w in contexts[0] if w in common) or " ".join(contexts[0])
        found.append(
            Disagreement(
                topic=f"{_KIND_NAMES[kind]}: {slot}",
                versions=tuple((shown[key], tuple(cites)) for key, cites in versions.items()),
            )
        )
    found.sort(key=lambda d: d.topic)
    return tuple(found)
