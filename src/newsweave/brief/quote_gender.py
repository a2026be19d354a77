"""Whether "he" or "she" can take up a person, read from the article itself.

"“…,” she said" after a question its male interviewer asked is not his: a pronoun
goes on with a person only when the article does not show that person as the other
gender.  The evidence is the article's own: an honorific before the surname ("Mr.
Bloggs", "Ms. Bloggs"), the subject of a clause the person reports ("Bloggs said he
…", "Bloggs told reporters that she …") or a reflexive after the surname with no
other name between ("Bloggs defended herself").  A person with no evidence, or with
both, agrees with either pronoun.
"""

from __future__ import annotations

import re

from newsweave.brief.names import is_title_word
from newsweave.brief.quote_speakers import SAY_VERBS

__all__ = ["Genders"]

_HONORIFIC = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_MALE = frozenset({"he", "himself"})
"""A subject or reflexive pronoun: "Bloggs called his remarks …" may be another's."""
_ATTRIBUTED = re.compile(
    rf"\b(?P<he>[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?(?:{SAY_VERBS})\b"
    rf"|\b(?:{SAY_VERBS})\s+(?P<he2>he|she)\b"
)
"""The pronoun of a reporting verb ("she said", "said he")."""


class Genders:
    """The gender an article shows for each person it names (read once per surname)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self._known: dict[str, str | None] = {}

    def of(self, name: str) -> str | None:
        """``"m"``, ``"f"`` or ``None`` (no evidence, or both) for ``name``'s surname."""
        surname = name.split()[-1] if name.split() else ""
        if surname not in self._known:
            self._known[surname] = self._read(surname) if surname[:1].isupper() else None
        return self._known[surname]

    def _read(self, surname: str) -> str | None:
        tally = {"m": 0, "f": 0}
        word = re.escape(surname)
        # "Bill Bloggs" and "Hillary Bloggs": a surname of two people tells nothing.
        firsts = {
            found.group(1)
            for found in re.finditer(rf"\b([A-Z][a-z]+)\s+{word}\b", self.body)
            if not is_title_word(found.group(1)) and found.group(1).casefold() not in _HONORIFIC
        }
        if len(firsts) > 1:
            return None
        for found in re.finditer(
            rf"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w'’-]*\s+){{0,2}}{word}\b", self.body
        ):
            tally[_HONORIFIC[found.group(1).casefold()]] += 3
        # "Bloggs said he …", "Bloggs told reporters that she …": the subject of the
        # reported clause is the speaker; "Bloggs defended herself".
        said = re.compile(
            rf"\b{word}\b(?:,[^,.;:“”\"\n]{{0,80}},)?\s+(?:\w+ly\s+)?(?:{SAY_VERBS})"
            rf"(?:\s+(?:reporters|[a-z]+\s+[a-z]+))?\s+(?:that\s+)?(?P<pronoun>he|she)\b"
            rf"|\b{word}\b(?P<gap>[^.!?;:“”\"\n]{{0,60}}?)\b(?P<reflexive>himself|herself)\b"
        )
        for found in said.finditer(self.body):
            if found.group("gap") and re.search(r"\b[A-Z][a-z]", found.group("gap")):
                continue  # another name between: the pronoun may be that one's
            pronoun = found.group("pronoun") or found.group("reflexive")
            tally["m" if pronoun in _MALE else "f"] += 1
        if tally["m"] and not tally["f"]:
            return "m"
        if tally["f"] and not tally["m"]:
            return "f"
        return None

    def agrees(self, frame: str, name: str | None) -> bool:
        """Whether the "he" or "she" of the attribution in ``frame`` (the text around a
        quotation: "…,” she said", "He added: “…”") can be ``name``."""
        pronoun = _ATTRIBUTED.search(frame)
        if name is None or pronoun is None:
            return True
        gender = self.of(name)
        if gender is None:
            return True
        return (pronoun.group("he") or pronoun.group("he2")).casefold() == (
            "he" if gender == "m" else "she"
        )
