"""Countries and their first-level regions, from the maintained ISO 3166 data of ``pycountry``.

ISO 3166-1 gives every country (its short, common and official names) and ISO
3166-2 every subdivision; only the first-level kinds news names as places are
taken (states, provinces, regions, oblasts, prefectures, territories, capital
districts ...), not counties, wards or municipalities, whose names are often
surnames or ordinary words.  Names are read once, from the package's files, and
nothing is downloaded.  ISO writes some names inverted ("Korea, Republic of"):
the part before the comma is kept as well.
"""

from __future__ import annotations

import functools

from newsweave import wordlists

__all__ = ["is_country_demonym", "is_language_adjective", "iso_places"]

_REGION_KINDS = wordlists.words("region-kinds")


_GENERIC = wordlists.words("generic-place-words")
"""Words of region names that are ordinary words too: a name made only of them
("Central", "North", "Upper Lakes") is left out; "North" alone is no place."""
_PARTICLES = frozenset({"van", "von", "de", "la", "le", "da", "del"})


def _generic(name: str) -> bool:
    words = name.casefold().split()
    return all(w in _GENERIC for w in words) or (len(words) == 1 and words[0] in _PARTICLES)


def _forms(name: str) -> set[str]:
    forms = {name}
    if ", " in name:
        forms.add(name.split(", ")[0])
    if " (" in name:
        forms.add(name.split(" (")[0])
    return {f.strip() for f in forms if f.strip() and not _generic(f.strip())}


@functools.cache
def iso_places() -> frozenset[str]:
    """The names of every country and first-level region in ISO 3166 (empty without pycountry)."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency; kept working without it
        return frozenset()
    names: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if isinstance(value, str):
                names.update(_forms(value))
    for region in pycountry.subdivisions:
        if str(region.type).casefold() in _REGION_KINDS:
            names.update(_forms(str(region.name)))
    return frozenset(names)


@functools.cache
def _country_names() -> tuple[str, ...]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return ()
    names: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, None)
            if isinstance(value, str):
                names.update(_forms(value))
    return tuple(sorted(names))


_DEMONYM_ENDINGS = ("ese", "ian", "ean", "an", "i", "ish")
_LAND_ENDINGS = ("istan", "stan", "ia", "a", "land", "y")


@functools.cache
def is_country_demonym(word: str) -> bool:
    """Whether ``word`` names the people or things of a country ("Sudanese", "Uzbeks").

    Derived from the country names of ISO 3166, not listed: the word (or its
    singular) is a country's name with a demonym ending ("Iraqi", "Kenyan"), its
    stem with one ("Sudanese", "Russian"), or the country's name without its
    land ending ("Uzbek" of "Uzbekistan").  A word that is itself a place
    ("Jordan", "Oman") is none.
    """
    places = iso_places()
    for form in {word, word[:-1] if word.endswith("s") and len(word) > 4 else word}:
        if form in places or not form[:1].isupper():
            continue
        for country in _country_names():
            if " " in country:
                first = country.split()[0]
                if form in (first, first + "n", first + "i") and form.endswith(
                    ("i", "an", "ese", "ish")
                ):
                    return True  # "Saudi" of "Saudi Arabia", not "New" of "New Zealand"
                continue
            if any(form == country + end for end in _DEMONYM_ENDINGS if end != "ean"):
                return True
            if country.endswith("a") and form == country + "n":
                return True  # "Cuban", "Kenyan"
            for end in _DEMONYM_ENDINGS:
                stem = form[: -len(end)]
                if (
                    form.endswith(end)
                    and len(stem) >= 4
                    and country.startswith(stem)
                    and len(country) - len(stem) <= 3
                ):
                    return True
            if country.startswith(form) and country[len(form) :] in _LAND_ENDINGS[:2]:
                return True
    return False


@functools.cache
def _language_adjectives() -> frozenset[str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(
        name
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
        for name in [str(language.name)]
        if name.isalpha() and len(name) >= 6 and name.endswith((*_DEMONYM_ENDINGS, "ic"))
    )


def is_language_adjective(word: str) -> bool:
    """Whether ``word`` is a major language's adjective-shaped name ("Kurdish", "Amharic").

    From ISO 639-1 in ``pycountry``: names of six letters or more with a demonym ending,
    so a people or language without a country of its name is no name alone either.
    """
    return word in _language_adjectives() and word not in iso_places()
