"""A small general gazetteer: countries, capitals, regions and demonyms, written for newsweave.

General knowledge, not derived from any data set.  It lets the entity finder call
a capital city a place without a model; anything not listed is judged by its
context.  The lists are the data files ``places``, ``place-aliases``,
``organisations`` and ``demonyms`` (see :mod:`newsweave.wordlists`).
"""

from __future__ import annotations

from newsweave import wordlists

__all__ = ["DEMONYMS", "ORGANISATIONS", "PLACES", "PLACE_ALIASES"]

PLACES: frozenset[str] = wordlists.words("places")
"""Countries, major cities and regions, as usually written in English news."""

PLACE_ALIASES: dict[str, str] = wordlists.mapping("place-aliases")
"""Short and older forms of a place mapped to the form used in briefs."""

ORGANISATIONS: frozenset[str] = wordlists.words("organisations")
"""International bodies, seats of government used as names, and news agencies."""

DEMONYMS: frozenset[str] = wordlists.words("demonyms")
"""Adjectives of nationality, region or creed: capitalised, but not names on their own."""
