"""People, organisations and places of a story, with mention counts per outlet.

No model is needed: names are capitalised runs cut at titles and judged by their
own words, the packaged gazetteer and the words around them
(:mod:`newsweave.brief.names`).  Over the whole story,

* a short form that is the last word(s) of exactly one longer name of the same
  story is that name ("Doe" -> "Jane Doe", "Roe" -> "John Roe");
* the kind of a name is the one with the most evidence over all its mentions,
  so one clear "President X" outweighs an ambiguous "in X";
* a sentence's first word counts as part of a name only when the story also
  writes it capitalised elsewhere ("Despite", "Experts" are not names).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave import wordlists
from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.name_forms import (
    all_caps_forms,
    article_and_initials_forms,
    canonical_names,
    company_short_forms,
    dominant_full_names,
    double_surname_half,
    misspelt_first_names,
    one_edit,
    spelling_variants,
    surname_first_names,
)
from newsweave.brief.names import (
    MODIFIER,
    ORGANISATION,
    OTHER,
    OWNER,
    PERSON,
    PLACE,
    Name,
    find_names,
    gazetteer_place,
    is_demonym,
    is_title_word,
    kind_of_name,
    known_name_words,
)
from newsweave.brief.quote_names import ROLE_WORDS, strip_titles
from newsweave.errors import ConfigError
from newsweave.models import Article, EntityMention
from newsweave.text import WEEKDAYS

__all__ = ["EntityOptions", "canonical_names", "find_entities", "outlet_label"]

_WEAK_PLACE = 1
"""Place votes this low come from one "in X" alone (a gazetteer place scores 5)."""
_WEAK_PLACE_MENTIONS = 3
_GAZETTEER_VOTE = 5
"""The place vote a gazetteer name gets from its own words (names.py)."""
"""… and are not enough for a name mentioned this often."""
_LABEL_ORDER = ("person", "organisation", "place", "other")
_OWNER_VOTES = 2
_OWNER_MENTIONS = 2
"""A name with people ("X coach Y") this often and no kind of its own is a body."""
_DAYS = "(?:" + "|".join(day.title() for day in WEEKDAYS) + "|Today|Tonight|Yesterday)"
_TRAILING_DAY = re.compile(rf"(?:\s+(?:on|last|this|next))?\s+{_DAYS}$")
_COMPASS = wordlists.words("compass-words")
_PARTY_MEMBERS = wordlists.words("party-members")
_BRAND = re.compile(r"(?!(?:Mac|Van|Von|Fitz|Della|Vander)[A-Z])[A-Z][a-z]{2,}[A-Z][a-z]")
"""One word with a capital inside after three letters or more ("NetWorks"); surnames
with one ("McNeil", "DeLong", "MacLeod", "VanderMeer") have a short or a known prefix."""
_ORG_ENDINGS = wordlists.words("school-name-endings")
"""A name ending so is a school: "Lakeside State" and "Northfield Tech" are no places."""


def _clean_form(text: str) -> str | None:
    """A mention without the day glued after it or the titles and roles before it.

    "X Center on Friday" is "X Center"; "General Manager Jo Bloggs" is "Jo Bloggs";
    a mention that is only a title ("Manager") is no name.
    """
    text = _TRAILING_DAY.sub("", text).strip()
    if not text:
        return None
    words = text.split()
    if all(is_title_word(w) or w.casefold() in ROLE_WORDS for w in words):
        return None
    kind = kind_of_name(text)
    if kind == ORGANISATION:
        return text  # "Interior Department", "Defense Council": the office word is the body's
    stripped = strip_titles(text)
    if kind == PLACE and len(stripped.split()) == 1 < len(words):
        return text  # "Home Road": a street's name, not a title and a place word
    if stripped.split()[0] in ("of", "for", "on"):
        return text  # "State of X", "Islamic State of Y": the title word heads the name
    if stripped != text and len(stripped.split()) < len(words):
        return stripped if stripped.split() != [] and stripped != text else None
    if len(words) == 1 and is_title_word(words[0]):
        return None
    return text


def _strongest(tally: Counter[str]) -> int:
    """The highest vote of a name's kinds, a lone weak place cue ("in X") left out."""
    strong = [
        v
        for k, v in tally.items()
        if k not in (MODIFIER, OWNER) and not (k == PLACE and v <= _WEAK_PLACE)
    ]
    return max(strong) if strong else (0 if tally[PLACE] else 1)


def _not_one_name(name: str, label: str, capitalised: set[str], people: set[str]) -> bool:
    """Whether ``name`` is no single name of its kind, by the story's other names.

    Two names run together by page clutter repeat a word ("Jo Bloggs Jo BloggsPress");
    a plural of a word the story also writes alone is a group, not a person
    ("Democrats" beside "Democrat"); a person's surname with an "s" glued on is the
    family or a possessive written without its apostrophe ("the Bloggses", "Bloggs
    wife"), whatever its votes.
    """
    words = name.split()
    if len(words) != len(set(words)) and "&" not in words:  # "Jones & Jones" is one firm
        return True
    if len(words) == 1 and name.endswith("s") and name[:-1] in people:
        return True
    return label == PERSON and len(words) == 1 and name.endswith("s") and name[:-1] in capitalised


def _mostly_person(tally: Counter[str] | None) -> bool:
    """Whether a form's votes make it a person more than a body or a place."""
    return tally is not None and tally[PERSON] > max(tally[ORGANISATION], tally[PLACE])


def _could_be_person(name: str, tally: Counter[str], surname: str) -> bool:
    """Whether ``name`` is a person's full name ending in ``surname``, by its own words."""
    words = name.split()
    return (
        len(words) > 1
        and words[-1] == surname
        and gazetteer_place(words[0]) is None  # "Crimea Russia" of a banner: two places
        and kind_of_name(name) is None
        and not tally[ORGANISATION]
        and not tally[PLACE]
    )


def _two_names(form: str, alone: set[str]) -> bool:
    """Whether ``form`` is "A and B" with both halves names of the story on their own, of
    some kind (pieces of one long name cut elsewhere have none)."""
    halves = form.split(" and ")
    return len(halves) == 2 and all(half in alone for half in halves)


def _opener_forms(
    per_article: Sequence[tuple[Article, list[tuple[str, Name]]]], known: set[str]
) -> dict[str, str]:
    """Forms "W X" whose first word only opens sentences, mapped to "X" when the story
    names a person "F X" (F written capitalised inside a sentence too).

    Every mention of the form opens a sentence or a clause (a colon, a quotation mark, a
    label in capitals before it), W is
    never capitalised inside one, and W has no kind of its own: "Longtime Bloggs
    supporters" beside "Jo Bloggs" is Bloggs, whereas a lone "Jo Bloggs" opening a
    sentence keeps its first name (no other "F Bloggs")."""
    initial: dict[str, bool] = {}
    for _, names in per_article:
        for form, name in names:
            initial[form] = initial.get(form, True) and name.sentence_initial
    full: dict[str, set[str]] = defaultdict(set)
    for form in initial:
        if len(form.split()) == 2 and form.split()[0] in known and kind_of_name(form) is None:
            full[form.split()[1]].add(form.split()[0])
    openers: dict[str, str] = {}
    for form, only_initial in initial.items():
        words = form.split()
        if (
            only_initial
            and len(words) == 2
            and words[1] in full
            # "Kristen X" beside "Kristin X": a misspelt first name, merged elsewhere
            and not any(one_edit(words[0], first) for first in full[words[1]])
            and words[0] not in known
            and kind_of_name(words[0]) is None
            and not is_title_word(words[0])
            and gazetteer_place(words[0]) is None
        ):
            openers[form] = words[1]
    return openers


def _relabel(name: str, label: str, people: set[str]) -> str:
    """Corrections from the name's own shape and the story's people."""
    words = name.split()
    if label == PERSON and len(words) == 1 and name.casefold() in _COMPASS:
        return PLACE  # "the North" is a region, never a person
    if label == PERSON and len(words) == 1 and name.casefold().rstrip("s") in _PARTY_MEMBERS:
        return ORGANISATION  # "Democrats said": the party's members as a body
    if label == PERSON and len(words) == 1 and _BRAND.match(name):
        return ORGANISATION  # "NetWorks said": a brand's inner capital, no person's
    if (
        label in (PERSON, PLACE)
        and len(words) == 1
        and name.isupper()
        and len(name) > 1
        and kind_of_name(name) is None
    ):
        return ORGANISATION  # an acronym is no person, and a place only when the data says so
    if label == PERSON and len(words) > 1 and gazetteer_place(name) is not None:
        return PLACE  # a country of two words ("United States") said or did something
    if words[-1] in _ORG_ENDINGS and len(words) > 1:
        return ORGANISATION
    if (
        label != PERSON
        and len(words) <= 2
        and words[-1] in people
        and gazetteer_place(name) is None
        and gazetteer_place(words[0]) is None
        and not is_title_word(words[0])
        and kind_of_name(words[0]) is None
        and not words[-1].endswith("s")
    ):
        return PERSON  # "Tom Hale" of a story whose person "Thomas Hale" it is
    return label


@dataclass(frozen=True, slots=True)
class EntityOptions:
    """What :func:`find_entities` keeps."""

    include_other: bool = False
    """Also keep names of no clear kind (events, eras, works): ``label == "other"``."""
    min_mentions: int = 1
    """Leave out entities mentioned fewer times than this over the whole story."""
    recogniser: str = "rules"
    """``rules`` (no model), or ``spacy``: the rules' entities are also checked by spaCy's
    recogniser on the sentence that first names each (needs the ``spacy`` extra;
    :mod:`newsweave.brief.entity_check`)."""

    def __post_init__(self) -> None:
        if self.recogniser not in ("rules", "spacy"):
            raise ConfigError(
                f"unknown entity recogniser {self.recogniser!r}; use 'rules' or 'spacy'"
            )


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


def find_entities(
    doc: StoryDoc, *, options: EntityOptions | None = None
) -> tuple[EntityMention, ...]:
    """People, organisations and places named in the articles of ``doc``, most mentioned first.

    ``mentions_by_outlet`` counts every mention (short forms included) per outlet;
    ``aliases`` lists the other forms folded into the name.
    """
    options = options or EntityOptions()
    known, lower = known_name_words(sentence.text for sentence in doc.sentences)
    per_article: list[tuple[Article, list[tuple[str, Name]]]] = []
    for number, article in enumerate(doc.articles):
        cleaned: list[tuple[str, Name]] = []
        for name in _article_names(doc.article_sentences(number), known, lower):
            form = _clean_form(name.text)
            if form is not None:
                cleaned.append((form, name))
        per_article.append((article, cleaned))
    # "Jo Bloggs and Harbour Post reported": two names the story also writes apart
    alone = {form for _, names in per_article for form, name in names if name.label != OTHER}
    per_article = [
        (article, [(form, name) for form, name in names if not _two_names(form, alone)])
        for article, names in per_article
    ]
    # "Highlight Bloggs's record", "Longtime Bloggs backers": a sentence's opening word
    # glued to the surname of the story's "Jo Bloggs" is no first name.
    openers = _opener_forms(per_article, known)
    per_article = [
        (article, [(openers.get(form, form), name) for form, name in names])
        for article, names in per_article
    ]
    # "Zoë Ćurić" and "Zoe Curic", "Ada Q. Lind" and "Ada Lind": one form from here on,
    # the others kept as aliases.
    variants = spelling_variants(
        [form for _, names in per_article for form, _ in names],
        Counter(form for _, names in per_article for form, _ in names),
    )
    folded_into: dict[str, set[str]] = defaultdict(set)
    for variant, target in variants.items():
        folded_into[target].add(variant)
    per_article = [
        (article, [(variants.get(form, form), name) for form, name in names])
        for article, names in per_article
    ]
    form_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for _, names in per_article:
        for form, name in names:
            form_votes[form].update(dict(name.votes))
    # Only people go by their last name alone: "France" is not short for
    # "Bank of France".
    people = [
        form
        for form, tally in form_votes.items()
        if kind_of_name(form) is None
        and (len(form.split()) == 1 or tally["person"] >= _strongest(tally))
    ]
    # A full name with no cue of its own ("MILTON - Jo Bloggs has …") still takes the
    # surname that the story's cues make a person ("…, said Bloggs"), when no other
    # full name of the story ends with it.
    uncued = [
        form
        for form, tally in form_votes.items()
        if form not in people
        and len(form.split()) == 2
        and kind_of_name(form) is None
        and kind_of_name(form.split()[0]) is None  # "House Democrats", "Ohio Tories"
        and not is_title_word(form.split()[0])
        and form.split()[-1].casefold().rstrip("s") not in _PARTY_MEMBERS
        and not any(tally[k] for k in (PERSON, ORGANISATION, PLACE))
        and _mostly_person(form_votes.get(form.split()[-1]))
    ]
    endings = Counter(f.split()[-1] for f in [*people, *uncued] if len(f.split()) > 1)
    people += [form for form in uncued if endings[form.split()[-1]] == 1]
    # A surname that is also a country ("Chad" of "Lena Chad") is that person
    # when no mention of it is written as a place ("in Jordan").
    cued_places = {
        form
        for _, names in per_article
        for form, name in names
        if dict(name.votes).get(PLACE, 0) > _GAZETTEER_VOTE
    }
    surnames_of_places = [
        form
        for form in form_votes
        if len(form.split()) == 1
        and form not in cued_places
        and gazetteer_place(form) is not None
        and sum(1 for other in form_votes if _could_be_person(other, form_votes[other], form)) == 1
    ]
    mapping = {form: form for form in form_votes}
    full_names = [
        other
        for other in form_votes
        if any(_could_be_person(other, form_votes[other], f) for f in surnames_of_places)
    ]
    together = {
        frozenset((a, b))
        for _, names in per_article
        for a in {form for form, _ in names}
        for b in {form for form, _ in names}
        if a != b and a.split()[-1] == b.split()[-1]
    }
    misspelt = misspelt_first_names(
        list(form_votes),
        people,
        Counter(form for _, names in per_article for form, _ in names),
        together,
    )
    mapping.update(
        canonical_names(
            [n for n in [*people, *surnames_of_places, *full_names] if n not in misspelt]
        )
    )
    mapping.update(dominant_full_names(people, mapping, per_article))
    mapping.update(misspelt)
    mapping.update(surname_first_names(people, form_votes, per_article))
    companies = company_short_forms(
        list(form_votes),
        form_votes,
        Counter(form for _, names in per_article for form, _ in names),
    )
    mapping.update(companies)
    mapping.update(
        all_caps_forms(
            list(form_votes), Counter(form for _, names in per_article for form, _ in names)
        )
    )
    # "HP", "The Harbour Post" and "Harbour Post": one body, under the long form
    abbreviated = article_and_initials_forms(list(form_votes))
    mapping.update(abbreviated)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    forms: dict[str, set[str]] = defaultdict(set)
    for article, names in per_article:
        outlet = outlet_label(article)
        for form, name in names:
            canonical = mapping[form]
            counts[canonical][outlet] += 1
            forms[canonical].add(form)
            forms[canonical].update(folded_into[form])
            for label, weight in name.votes:
                if label == PLACE and canonical != form and form in surnames_of_places:
                    continue  # the country's vote of a surname
                if form in companies or form in abbreviated:
                    continue  # "Acme said": the company's own words say what "Acme Inc." is
                votes[canonical][label] += weight
    labels: dict[str, str] = {}
    for canonical in counts:
        tally = votes[canonical]
        mentions = sum(counts[canonical].values())
        placed = tally[PLACE] > 0
        if (
            tally[PLACE] <= _WEAK_PLACE
            and mentions >= _WEAK_PLACE_MENTIONS
            and kind_of_name(canonical) is None
        ):
            # One "in X" among many mentions ("the prize in X") is no evidence of
            # a place: a place of a story is written as one more than once.
            tally = Counter({k: v for k, v in tally.items() if k != PLACE})
        if tally[MODIFIER] >= tally[PERSON] > 0 and len(canonical.split()) == 1:
            # Mostly a modifier of people ("X leader Y", "X president Y"): a party or a
            # body (a place has its own votes), never one person.
            tally[ORGANISATION] += tally[PERSON] if not tally[ORGANISATION] + tally[PLACE] else 0
            tally[PERSON] = 0
        if len(canonical.split()) > 1 and tally[MODIFIER] >= 2 * tally[PERSON] > 0:
            # Mostly written "the X Y" ("the Arden Accord announced"): people's names
            # take no article, so the few verbs after it make no person.
            tally[PERSON] = 0
        if (
            not any(tally[k] for k in _LABEL_ORDER[:3])
            and tally[OWNER] >= _OWNER_VOTES
            and mentions >= _OWNER_MENTIONS
            and not placed
            # a plural's ending: "Christmas", "Paris", "Texas", "Gauss" are no plurals
            and re.fullmatch(r"[A-Z][a-z]+[^aiosu]s", canonical) is not None
            and canonical.casefold() not in lower
            and not is_demonym(canonical)
        ):
            # "the Xs coach Y", "Xs fans" and no other evidence: a plural name with
            # people is a team or a group (a town's "X police" is no plural; a word
            # also written in lower case, "Protesters", is no name)
            tally[ORGANISATION] = tally[OWNER]
        labels[canonical] = (
            max(_LABEL_ORDER[:3], key=lambda k: (tally[k], -_LABEL_ORDER.index(k)))
            if any(tally[k] for k in _LABEL_ORDER[:3])
            else OTHER
        )
    surname_count = Counter(
        name.split()[-1]
        for name, label in labels.items()
        if label == PERSON and len(name.split()) > 1
    )
    # "Moreau" of "Jo Moreau" and "Al Vance-Moreau": a double surname's second half too
    surname_count.update(
        half
        for name, label in labels.items()
        if label == PERSON and (half := double_surname_half(name)) is not None
    )
    # Surnames: of the full names, and one-word people ("Marsh said" makes "Ned Marsh" one).
    surnames = set(surname_count) | {
        name for name, label in labels.items() if label == PERSON and len(name.split()) == 1
    }
    found: list[EntityMention] = []
    capitalised = {word for form in form_votes for word in form.split()}
    for canonical, by_outlet in counts.items():
        label = _relabel(canonical, labels[canonical], surnames)
        if _not_one_name(canonical, label, capitalised, surnames):
            label = OTHER
        elif label == PERSON and surname_count[canonical] > 1:
            label = OTHER  # "Lee" of "Ann Lee" and "Bo Lee": whose mentions is unknown
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
    if options.recogniser == "spacy":
        from newsweave.brief.entity_check import checked_entities

        return checked_entities(found, [sentence.text for sentence in doc.sentences])
    return tuple(found)
