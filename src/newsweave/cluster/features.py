"""Article features for story clustering: weighted terms, entities, numbers and dates.

An article becomes a sparse vector (``dict`` of feature -> weight).  Features are

* plain terms: lower-cased, lightly stemmed words that are not stop words;
* entity phrases: runs of capitalised words inside a sentence (``"e:betty ford center"``),
  because the specific names are what keep two events of the same kind apart;
* numbers (``"#6.1"``) and day-of-month dates (``"@may 3"``): casualty counts,
  magnitudes, scores and dates differ between two earthquakes or two elections.

Weights are ``(1 + ln tf) * kind boost * idf``; the inverse document frequency
is learnt from the stream itself (:class:`DocumentFrequencies`), so no corpus or
model has to ship with the package.  No spaCy: a statistical NER pipeline would
cost far more than the whole per-article budget of the clustering stage, while
capitalisation already separates names from topic words well enough here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsweave.models import Article

__all__ = [
    "DocumentFrequencies",
    "FeatureOptions",
    "TermCounts",
    "count_features",
    "weigh",
]

# A general English function-word list (not derived from any data set): these
# words carry no topic, and with few documents seen the IDF cannot yet tell.
_STOP_WORDS = frozenset(
    """
    a about above after again against all almost also although always am among an and another
    any anyone anything are around as at be became because become been before being below
    between both but by can cannot could did do does doing done down during each either else
    enough even ever every few for from further had has have having he her here hers herself
    him himself his how however i if in into is it its itself just least less like made make
    many may me might more most much must my myself neither no nor not now of off often on
    once one only or other others our ours ourselves out over own per perhaps rather same
    several she should since so some still such than that the their theirs them themselves
    then there these they this those though through thus to too toward towards under until up
    upon us very was we were what whatever when whenever where whether which while who whom
    whose why will with within without would yet you your yours yourself yourselves said says
    say told also mr mrs ms dr st s t according new news report reported reports via
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

# Calendar words are capitalised in English but name no particular event.
_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec today yesterday tomorrow
    """.split()  # noqa: SIM905 - a word list reads better as prose
)
_MONTHS = frozenset(
    """
    january february march april may june july august september october november december jan
    feb mar apr jun jul aug sep sept oct nov dec
    """.split()  # noqa: SIM905 - a word list reads better as prose
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]['\"’”)\]]*$")


@dataclass(frozen=True, slots=True)
class FeatureOptions:
    """How much each kind of feature counts."""

    title_weight: float = 2.0
    """Term count of a title word (the title states the event; the body wanders)."""
    entity_boost: float = 2.0
    """Weight factor of capitalised names and entity phrases over plain words."""
    number_boost: float = 1.5
    """Weight factor of numbers and day-of-month dates."""
    max_terms: int = 150
    """Features kept per article (the heaviest): bounds the cost of every comparison."""

    def __post_init__(self) -> None:
        if self.max_terms < 1:
            raise ValueError(f"max_terms must be at least 1, not {self.max_terms}")
        for name in ("title_weight", "entity_boost", "number_boost"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")


@dataclass(frozen=True, slots=True)
class TermCounts:
    """Raw counts of one article's features and the boost of each feature's kind."""

    counts: dict[str, float]
    boosts: dict[str, float]


def _stem(word: str) -> str:
    """A light plural/possessive stemmer: enough to match "earthquakes" with "earthquake"."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _add(counts: dict[str, float], boosts: dict[str, float], key: str, n: float, b: float) -> None:
    counts[key] = counts.get(key, 0.0) + n
    if b > boosts.get(key, 1.0):
        boosts[key] = b


def _scan(text: str, weight: float, options: FeatureOptions, out: TermCounts) -> None:
    counts, boosts = out.counts, out.boosts
    for line in text.splitlines():
        run: list[str] = []
        sentence_start = True
        previous_month: str | None = None
        for match in _TOKEN.finditer(line):
            token = match.group()
            end = match.end()
            closes = bool(_SENTENCE_END.match(line[end : end + 3].split(" ", 1)[0] or ""))
            if token[0].isdigit():
                if len(run) > 1:
                    _add(counts, boosts, "e:" + " ".join(run), weight, options.entity_boost)
                run = []
                key = "#" + token.replace(",", "")
                _add(counts, boosts, key, weight, options.number_boost)
                if previous_month is not None and len(token) <= 2:
                    date = "@" + previous_month + " " + token.lstrip("0")
                    _add(counts, boosts, date, weight, options.number_boost)
                previous_month = None
                sentence_start = closes
                continue
            lower = token.lower()
            previous_month = lower if lower in _MONTHS else None
            capitalised = token[0].isupper() and _stem(lower) not in _CALENDAR
            if lower in _STOP_WORDS or len(lower) < 2:
                if len(run) > 1:
                    _add(counts, boosts, "e:" + " ".join(run), weight, options.entity_boost)
                run = []
            else:
                # A capital at the start of a sentence says nothing; later ones mark a name.
                is_name = capitalised and (not sentence_start or bool(run))
                stem = _stem(lower)
                _add(counts, boosts, stem, weight, options.entity_boost if is_name else 1.0)
                if capitalised:
                    run.append(stem)
                else:
                    if len(run) > 1:
                        _add(counts, boosts, "e:" + " ".join(run), weight, options.entity_boost)
                    run = []
            sentence_start = closes
            if closes and run:
                if len(run) > 1:
                    _add(counts, boosts, "e:" + " ".join(run), weight, options.entity_boost)
                run = []
        if len(run) > 1:
            _add(counts, boosts, "e:" + " ".join(run), weight, options.entity_boost)


def count_features(article: Article, *, options: FeatureOptions) -> TermCounts:
    """Feature counts of ``article`` (title words count ``options.title_weight`` times)."""
    found = TermCounts({}, {})
    if article.title:
        _scan(article.title, options.title_weight, options, found)
    _scan(article.body, 1.0, options, found)
    return found


class DocumentFrequencies:
    """Document frequencies learnt from the stream, giving a smoothed IDF.

    ``idf(t) = ln((1 + N) / (1 + df(t))) + 1``, the scikit-learn smoothing, so a
    feature seen in every document still weighs a little and a new one weighs most.
    """

    def __init__(self) -> None:
        self.documents = 0
        self._df: dict[str, int] = {}

    def add(self, features: Iterable[str]) -> None:
        """Count one document holding ``features`` (each distinct feature once)."""
        self.documents += 1
        df = self._df
        for feature in features:
            df[feature] = df.get(feature, 0) + 1

    def idf(self, feature: str) -> float:
        """The current inverse document frequency of ``feature``."""
        return math.log((1 + self.documents) / (1 + self._df.get(feature, 0))) + 1.0


def weigh(
    found: TermCounts, frequencies: DocumentFrequencies, *, max_terms: int
) -> dict[str, float]:
    """The unit-length weighted vector of one article with its ``max_terms`` heaviest features."""
    boosts = found.boosts
    idf = frequencies.idf
    weights = {
        key: (1.0 + math.log(count)) * boosts.get(key, 1.0) * idf(key)
        if count >= 1.0
        else count * boosts.get(key, 1.0) * idf(key)
        for key, count in found.counts.items()
    }
    if len(weights) > max_terms:
        kept = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:max_terms]
        weights = dict(kept)
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {key: w / norm for key, w in weights.items()}
