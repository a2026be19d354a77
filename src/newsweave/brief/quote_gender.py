"""Whether "he" or "she" can take up a person, read from the article itself.

"“…,” she said" after a question its male interviewer asked is not his: a pronoun
goes on with a person only when the article does not show that person as the other
gender.  The evidence is the article's own: an honorific before the surname ("Mr.
Bloggs", "Ms. Bloggs"), the subject of a clause the person reports ("Bloggs said he
…", "Bloggs told reporters that she …") or a reflexive after the surname with no
other name between ("Bloggs defended herself").  A person with no evidence, or with
both, agrees with either pronoun, and so does a surname two people of the article
share ("Bill Bloggs", "Hillary Bloggs").
"""

from __future__ import annotations

import re

from newsweave.brief.names import is_title_word
from newsweave.brief.quote_speakers import SAY_VERBS

__all__ = ["Genders"]

_HONORIFIC = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w'’-]*\s+){0,2}([A-Z][\w'’-]*)")
_SAID_PRONOUN = re.compile(
    rf"\b([A-Z][\w'’-]+)(?:,[^,.;:“”\"\n]{{0,80}},)?\s+(?:\w+ly\s+)?(?:{SAY_VERBS})"
    rf"(?:\s+(?:reporters|[a-z]+\s+[a-z]+))?\s+(?:that\s+)?(he|she)\b"
)
"""A name reporting a clause whose subject is a pronoun: "Bloggs said he …"."""
_REFLEXIVE = re.compile(r"\b([A-Z][\w'’-]+)\b([^.!?;:“”\"\n]{0,60}?)\b(himself|herself)\b")
_FIRST_AND_LAST = re.compile(r"\b([A-Z][a-z]+)\s+(?=([A-Z][\w'’-]+)\b)")
_ATTRIBUTED = re.compile(
    rf"\b(?P<he>[Hh]e|[Ss]he)\s+(?:\w+ly\s+)?(?:{SAY_VERBS})\b"
    rf"|\b(?:{SAY_VERBS})\s+(?P<he2>he|she)\b"
)
"""The pronoun of a reporting verb ("she said", "said he")."""


class Genders:
    """The gender an article shows for each person it names (the article read once,
    when a pronoun first needs it)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self._genders: dict[str, str | None] | None = None

    def of(self, name: str) -> str | None:
        """``"m"``, ``"f"`` or ``None`` (no evidence, or both) for ``name``'s surname."""
        if self._genders is None:
            self._genders = self._read()
        words = name.split()
        return self._genders.get(words[-1]) if words else None

    def _read(self) -> dict[str, str | None]:
        tally: dict[str, dict[str, int]] = {}

        def count(surname: str, gender: str, weight: int = 1) -> None:
            surname = re.sub(r"[’']s$", "", surname)  # "Mrs. Bloggs’s"
            tally.setdefault(surname, {"m": 0, "f": 0})[gender] += weight

        for found in _HONORIFIC_NAME.finditer(self.body):
            count(found.group(2), _HONORIFIC[found.group(1).casefold()], 3)
        for found in _SAID_PRONOUN.finditer(self.body):
            count(found.group(1), "m" if found.group(2) == "he" else "f")
        for found in _REFLEXIVE.finditer(self.body):
            # Another name between: the reflexive may be that one's.
            if not re.search(r"\b[A-Z][a-z]", found.group(2)):
                count(found.group(1), "m" if found.group(3) == "himself" else "f")
        firsts: dict[str, set[str]] = {}
        for found in _FIRST_AND_LAST.finditer(self.body):
            first = found.group(1)
            if not is_title_word(first) and first.casefold() not in _HONORIFIC:
                firsts.setdefault(found.group(2), set()).add(first)
        genders: dict[str, str | None] = {}
        for surname, counts in tally.items():
            if len(firsts.get(surname, ())) > 1:
                genders[surname] = None
            elif counts["m"] and not counts["f"]:
                genders[surname] = "m"
            elif counts["f"] and not counts["m"]:
                genders[surname] = "f"
            else:
                genders[surname] = None
        return genders

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
