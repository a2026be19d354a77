"""People, organisations and places of a story, with mention counts per outlet.

No model is needed: names are capitalised runs cut at titles and judged by their
own words, the packaged gazetteer and the words around them
(:mod:`newsweave.brief.names`).  Over the whole story,

* a short form that is the last word(s) of exactly one longer name of the same
  story is that name ("Putin" -> "Vladimir Putin", "Vuving" -> "Alexander Vuving");
* the kind of a name is the one with the most evidence over all its mentions,
  so one clear "President X" outweighs an ambiguous "in X";
* a sentence's first word counts as part of a name only when the story also
  writes it capitalised elsewhere ("Despite", "Experts" are not names).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.names import OTHER, Name, find_names, kind_of_name, known_name_words
from newsweave.models import Article, EntityMention

__all__ = ["EntityOptions", "canonical_names", "find_entities", "outlet_label"]

_LABEL_ORDER = ("person", "organisation", "place", "other")


@dataclass(frozen=True, slots=True)
class EntityOptions:
    """What :func:`find_entities` keeps."""

    include_other: bool = False
    """Also keep names of no clear kind (events, eras, works): ``label == "other"``."""
    min_mentions: int = 1
    """Leave out entities mentioned fewer times than this over the whole story."""


def outlet_label(article: Article) -> str:
    """The name under which an article's mentions are counted: its outlet, else its id."""
    return article.outlet or f"unknown outlet ({article.id})"


def _article_names(
    sentences: Sequence[StorySentence], known: set[str], lower: set[str]
) -> list[Name]:
    names: list[Name] = []
    for sentence in sentences:
        names.extend(find_names(sentence.text, offset=sentence.start, known=known, lower=lower))
    return names


def canonical_names(names: Sequence[str]) -> dict[str, str]:
    """Map each name to its longest form: a name that ends another, longer name in ``names``.

    A short form that ends two different longer names ("Lee" of "Ann Lee" and
    "Bo Lee") is ambiguous and stays itself.
    """
    distinct = sorted(set(names), key=lambda n: (-len(n.split()), n))
    mapping: dict[str, str] = {}
    for name in distinct:
        words = name.split()
        longer = {
            mapping.get(other, other)
            for other in distinct
            if len(other.split()) > len(words) and other.split()[-len(words) :] == words
        }
        mapping[name] = longer.pop() if len(longer) == 1 else name
    return mapping


def find_entities(
    doc: StoryDoc, *, options: EntityOptions | None = None
) -> tuple[EntityMention, ...]:
    """People, organisations and places named in the articles of ``doc``, most mentioned first.

    ``mentions_by_outlet`` counts every mention (short forms included) per outlet;
    ``aliases`` lists the other forms folded into the name.
    """
    options = options or EntityOptions()
    known, lower = known_name_words(sentence.text for sentence in doc.sentences)
    per_article = [
        (article, _article_names(doc.article_sentences(number), known, lower))
        for number, article in enumerate(doc.articles)
    ]
    form_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _, names in per_article:
        for name in names:
            form_votes[name.text].update(dict(name.votes))
    # Only people go by their last name alone: "Vietnam" is not short for
    # "Communist Party of Vietnam".
    people = [
        form
        for form, tally in form_votes.items()
        if kind_of_name(form) is None
        and (len(form.split()) == 1 or tally["person"] >= max(tally.values(), default=1))
    ]
    mapping = {form: form for form in form_votes}
    mapping.update(canonical_names(people))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, set[str]] = defaultdict(set)
    for article, names in per_article:
        outlet = outlet_label(article)
        for name in names:
            canonical = mapping[name.text]
            counts[canonical][outlet] += 1
            forms[canonical].add(name.text)
            for label, weight in name.votes:
                votes[canonical][label] += weight
    found: list[EntityMention] = []
    for canonical, by_outlet in counts.items():
        tally = votes[canonical]
        label = (
            max(_LABEL_ORDER[:3], key=lambda k: (tally[k], -_LABEL_ORDER.index(k)))
            if any(tally[k] for k in _LABEL_ORDER[:3])
            else OTHER
        )
        if label == OTHER and not options.include_other:
            continue
        if sum(by_outlet.values()) < options.min_mentions:
            continue
        found.append(
            EntityMention(
                name=canonical,
                label=label,
                mentions_by_outlet=dict(sorted(by_outlet.items())),
                aliases=tuple(sorted(forms[canonical] - {canonical})),
            )
        )
    found.sort(key=lambda e: (-sum(e.mentions_by_outlet.values()), e.name))
    return tuple(found)
