"""What the words around a name say it is: the context votes of :func:`names.find_names`.

A name's own words (the kinds, the word lists, the gazetteer) are weighed in
:mod:`newsweave.brief.names`; here are the votes of its neighbours: ``leader X`` or
``X said`` for a person, ``the newspaper X`` for an organisation, ``in X`` for a place,
``X, 70,`` for a person, ``X, a village near Y`` for a place, and the cases where the
name is only a piece of a longer one the runs could not join.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from newsweave import wordlists
from newsweave.brief.name_kinds import (
    DOCUMENT_WORDS,
    ORGANISATION,
    PERSON,
    PLACE,
    PLACE_WORDS,
    TITLE_HEADS,
    gazetteer_place,
    is_title_word,
)
from newsweave.brief.name_pieces import (
    BUSINESS_NOUNS,
    cut_after_and,
    cut_before_and,
    goes_on,
    party_label,
    person_noun,
    shared_name,
    state_abbreviation,
    state_after,
    ticker_vote,
    unsure_extent,
)
from newsweave.brief.name_runs import CONNECTORS, Token
from newsweave.cluster.features import FUNCTION_WORDS

__all__ = [
    "GROUPS",
    "MODIFIER",
    "OWNER",
    "PERSON_BEFORE",
    "PERSON_NOUNS_AFTER",
    "ROLES",
    "Votes",
    "agent_noun",
    "context_votes",
]

PERSON_BEFORE = wordlists.words("person-cues")
_ORG_BEFORE = wordlists.words("organisation-cues-before")
_ORG_AFTER = wordlists.words("organisation-cues-after")
# "from" and "to" precede people and outlets as often as places ("a reporter from X").
_PLACE_BEFORE = wordlists.words("place-cues-before")
_SAYING = wordlists.words("saying-verbs")
_PERSON_AFTER = wordlists.words("person-cues-after")
_PREPOSITIONS = frozenset({"from", "of", "at", "for", "with", "by", "to", "in", "on"})
"""Before a name, these make a following "who" the head noun's ("a reporter from X, who")."""
_ORG_NOUNS = wordlists.words("organisation-nouns")
ROLES = wordlists.words("role-words")
MODIFIER = "modifier"
"""A vote that is no kind: the name modifies a person noun ("X leader Y")."""
OWNER = "owner"
"""A vote that is no kind: the name has people ("X coach Y", "X fans", "X scouts"), as a
body or a place has; the entity stage makes a name with no other evidence a body."""
PERSON_NOUNS_AFTER = (TITLE_HEADS | ROLES | PERSON_BEFORE) - {"mr", "mrs", "ms", "dr"}
GROUPS = wordlists.words("speaker-groups")
"""Plural nouns of people who speak as a group ("witnesses", "protesters", "officials")."""
_STAFF_AT = re.compile(r"\b([a-z]+?)s?\s+at\s+$")
_OBJECT_OF = wordlists.words("person-object-verbs")
"""Verbs whose object is a person ("killed X", "arrested X")."""
_NOT_AGENTS = wordlists.words("not-agent-nouns")
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "man", "woman")
_PERSON_NOUNS = wordlists.words("person-nouns")
"""Nouns for a person with no agent ending ("cousin", "teammate", "victim")."""


def agent_noun(word: str) -> bool:
    """A lower-case noun for a person by its ending ("teacher", "reservist", "guardsman")
    or its sense ("cousin", "victim"): right before a name it is the name's description
    ("said teacher X", "his cousin X")."""
    if word in _PERSON_NOUNS:
        return True
    return (
        len(word) > 4
        and word.isalpha()
        and word.endswith(_AGENT_ENDINGS)
        and word not in _NOT_AGENTS
        and word not in FUNCTION_WORDS
        and word not in PLACE_WORDS
        and person_noun(word)
    )


@dataclass(frozen=True, slots=True)
class Votes:
    """The context's verdict on one mention of a name."""

    votes: dict[str, int] = field(default_factory=dict)
    """Evidence for each label (and :data:`MODIFIER`) from the words around it."""
    piece: bool = False
    """A piece of a longer name the runs could not join: no name of its own."""
    state: str | None = None
    """The state a news-style abbreviation after a town stands for ("X, Mo.")."""


def _vote(votes: dict[str, int], label: str, weight: int) -> None:
    votes[label] = votes.get(label, 0) + weight


_PUBLICATION_IN = re.compile(
    r"\b(?:op-ed|oped|article|column|interview|editorial|essay|piece|commentary|story)"
    r"\s+(?:published\s+)?in\s+$",
    re.IGNORECASE,
)
_BODIES_SUCH_AS = re.compile(
    r"\b(?i:companies|firms|providers|carriers|corporations|groups|organi[sz]ations|outlets"
    r"|networks|banks|agencies|rivals|competitors|incumbents|operators|insurers|retailers)"
    r"\s+(?:such\s+as|like|including)\s+"
    r"(?:[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*\s*(?:,\s*(?:and\s+)?|and\s+))*$"
)


def _listed_among_bodies(head_text: str) -> bool:
    """ "providers such as X", "companies like A, B and X": a list of bodies."""
    return _BODIES_SUCH_AS.search(head_text[-200:]) is not None


def _staff_at(head_text: str) -> bool:
    """ "Analysts at X", "an economist at X": a person's job noun before "at"."""
    noun = _STAFF_AT.search(head_text.casefold())
    if noun is None:
        return False
    word = noun.group(1)
    # a job ("strategist at X"), not a crowd that gathers at a place ("protesters at X")
    return (
        word in ROLES
        or word in PERSON_BEFORE
        # a job's agent ending; "-er" is left out ("a pointer at X", "holler at X")
        or (
            len(word) > 5
            and word.endswith(("ist", "ian", "ant", "ent"))
            and not word.endswith("ment")
            and word + "s" not in GROUPS
        )
    )


def context_votes(
    sentence: str,
    run: list[Token],
    part: list[Token],
    before: Token | None,
    after: Token | None,
    words: list[str],
    own: str | None,
    forced: str | None,
    lower: Container[str],
) -> Votes | None:
    """The votes of the words around ``part`` (a name cut from ``run``, whose words
    are ``words`` and whose own kind is ``own``; ``forced`` a kind the cut gave it), or
    ``None`` when the mention names no entity of the story ("the X accord");
    ``lower`` holds the story's words seen in lower case."""
    votes: dict[str, int] = {}
    text = " ".join(words)
    if forced is not None:
        _vote(votes, forced, 6)
    if (
        own != ORGANISATION
        # ("200 W. Main Blvd": a street's compass initial, no person's)
        and not (own == PLACE and re.fullmatch(r"[NSEW]\.?", words[0]) is not None)
        and len(words) <= 4
        and any(re.fullmatch(r"[A-HJ-Z]\.?", w) for w in words[:2][: len(words) - 1])
        and any(len(w.rstrip(".")) > 1 for w in words[:-1])
    ):
        _vote(votes, PERSON, 3)  # "K. Orrin Hall", "Jo B. Hall": an initial is a person's
    is_first = part[0] is run[0]
    prev = ""
    if before is not None and is_first and not sentence[before.end : part[0].start].strip():
        prev = before.bare.casefold()
    # The run's word left out before this part: "… of X" after a cut name, "The X".
    inner = (
        None
        if is_first
        else next((run[i - 1] for i, t in enumerate(run) if t is part[0] and i > 0), None)
    )
    if inner is not None and inner.text.casefold() in CONNECTORS | {"the"}:
        prev = inner.text.casefold()
    before_possessive = bool(prev) and before is not None and before.possessive
    is_last = part[-1] is run[-1]
    nxt = ""
    if after is not None and is_last and not sentence[part[-1].end : after.start].strip():
        nxt = after.bare.casefold()
    tail = sentence[part[-1].end :]
    head_text = sentence[: part[0].start]
    follower = re.match(r"\s+([a-z]+)\b", tail)
    if is_last and own == PLACE and follower and follower.group(1) in DOCUMENT_WORDS:
        return None  # "the X accord": a text's name, no place of the story
    # "in X's firing": X owns something, it is no place it happens in.
    owner = part[-1].possessive or bool(re.match(r"\s*['’]s?\s", tail))
    # People's names take no article: "the Suns, a team" is no person.
    determined = (
        (
            (
                before is not None
                and before.bare.casefold() == "the"
                and not sentence[before.end : run[0].start].strip()
            )
            or prev == "the"
        )
        and own is None
        and forced is None
    )
    if (
        is_last
        and not determined
        and prev not in _PREPOSITIONS
        and not re.search(r"\b(?:of|from|for|with|by|at)\s+(?:[a-z][\w-]*\s+){1,2}$", head_text)
        # "the University of Y, X, who": X is a campus or a town of the name before
        and not re.search(r"[A-Z][\w.'’-]*\s*,\s*$", head_text)
        and re.match(r"\s*(?:,|--|—|–)\s*who\s", tail)
    ):
        _vote(votes, PERSON, 3)  # "X, who …": only people take "who"
    else:
        role = re.match(r",\s+(?:[a-z]+\s+)?([A-Za-z]+)\s+(?:of|for|at)\s", tail)
        if (
            is_last
            and role is not None
            and (is_title_word(role.group(1)) or role.group(1).casefold() in PERSON_BEFORE)
        ):
            _vote(votes, PERSON, 2)  # "X, director of …", "X, vice president for …"
    titled = re.search(r"\b([A-Za-z]+)\s*,\s*$", head_text)
    if (
        is_first
        and is_last
        and len(part) > 1
        and own is None
        and titled is not None
        and is_title_word(titled.group(1))
        and re.match(r"\s*,", tail)
    ):
        _vote(votes, PERSON, 2)  # "the body's Commissioner, X Y, said"
    elif (
        is_first
        and is_last
        and len(part) > 1
        and own in (None, PLACE)
        and gazetteer_place(text) is None
        and titled is not None
        and titled.group(1).islower()
        and agent_noun(titled.group(1))
        and re.match(r"\s*(?:[,.;]|$)", tail)
    ):
        # "… his former teammate, X Y." / "the return man, X Hall.": a person's noun and
        # a comma before a name that ends the clause (over a place word ending a surname)
        _vote(votes, PERSON, 4)
    listed = ticker_vote(text, tail, lower) if is_last else 0
    if listed:
        _vote(votes, ORGANISATION, listed)  # "X (NYSE: XYZ)": a listed company
    state = state_abbreviation(sentence, part)
    if state is not None:
        # "X, Mo., who …": the state, whatever follows, under its own name
        return Votes({PLACE: 6}, state=state)
    if _listed_among_bodies(head_text):
        _vote(votes, ORGANISATION, 2)  # "companies such as X and Y": X and Y are companies
    if (
        len(part) > 1
        and re.search(r"\baccording to\s*$", sentence[: part[0].start], re.IGNORECASE)
        and not any(w.casefold() in lower for w in words)  # "X Licensing and …": a body's
    ):
        _vote(votes, PERSON, 2)  # a single word may as well be a body ("a poll")
    if determined and nxt not in _PERSON_AFTER:
        _vote(votes, MODIFIER, 1)  # "the X": people's names take no article
    if nxt in PERSON_NOUNS_AFTER:
        # "X leader Y", "X candidate": X modifies a person, so X names none
        _vote(votes, MODIFIER, 2)
    if nxt in PERSON_NOUNS_AFTER or agent_noun(nxt) or agent_noun(nxt.removesuffix("s")):
        _vote(votes, OWNER, 2)  # "X coach Y", "X fans", "X scouts": X has people
    # "on his official X page": the cue is an adjective and X names the page's owner
    adjective = re.search(
        r"\b(?:his|her|its|their|our|my|your)\s+[a-z]+\s+$", head_text
    ) is not None and (follower is not None and follower.group(1) not in FUNCTION_WORDS)
    if prev in PERSON_BEFORE and nxt not in _ORG_AFTER and not before_possessive and not adjective:
        # ("the opposition X party" is the party's; "the leader's X" is a thing)
        _vote(votes, PERSON, 3)
    elif prev in _ORG_BEFORE:
        # "the security firm X": a noun no person is called by says what X is
        _vote(votes, ORGANISATION, 6 if prev in BUSINESS_NOUNS else 3)
    elif prev == "in" and _PUBLICATION_IN.search(head_text) is not None:
        _vote(votes, ORGANISATION, 2)  # "an op-ed in X", "an interview in X": a publication
    elif prev == "born" and len(words) > 1:
        _vote(votes, PERSON, 3)  # "he was born X Y in …": a birth name
    elif prev == "at" and _staff_at(head_text):
        _vote(votes, ORGANISATION, 2)  # "analysts at X": people work at a body
    elif prev in _PLACE_BEFORE and not owner:
        _vote(votes, PLACE, 1)
    elif (
        (agent_noun(prev) or prev in _OBJECT_OF)
        and not text.isupper()  # ("misdemeanor DUI", "arrested NATO troops")
        and is_last  # ("soldier Warrant Officer X": a rank's first word)
        and nxt not in _ORG_AFTER
        and not before_possessive
        and not adjective
        and not determined
    ):
        _vote(votes, PERSON, 2)  # "said teacher X", "the reservist X", "killed X"
    if (
        prev in {"said", "says"}
        and is_last
        and not determined
        and not owner
        and not re.match(r"\s+(?!of\s)[a-z]", tail)
    ):
        # "…," said X (or "said X of the Y"; not "said X's lawyer", "said X resident Y")
        _vote(votes, PERSON, 2)
    if prev.endswith("-year-old") or (is_last and re.match(r"\s*,\s*\d{1,3}\s*,", tail)):
        _vote(votes, PERSON, 3)  # "X, 70," / "73-year-old X": only people have ages
    if (
        (nxt in _SAYING or nxt in _PERSON_AFTER)
        and prev not in _PREPOSITIONS | {"and"}
        # ("the ABC Jo Bloggs said": the article is the acronym's)
        and not (determined and nxt in _SAYING and not part[0].bare.isupper())
    ):
        # "the city of X said", "officials in X said": the city, the officials
        # speak, not X; "the X said" is a body's name (people take no article)
        _vote(votes, PERSON, 2)
    elif nxt in _ORG_AFTER:
        _vote(votes, ORGANISATION, 3)
    elif nxt in {"resident", "residents"} or (is_last and state_after(tail)):
        _vote(votes, PLACE, 2)  # "X residents", "X, Ore.": a town
    # "X, the state's official": a possessive's noun is the owner, not X's kind
    appositive = re.match(
        r",\s+(?:the|a|an)\s+((?:[a-z0-9][\w-]*\s*){1,3})(?!\s*['’])", tail
    )  # ("X, a 19-year-old union organiser": the age is a word of it)
    fronted = sentence[: part[0].start].strip().casefold() in _PREPOSITIONS
    if not determined and is_last and appositive is not None and not fronted:
        # "X, a village near Y" / "X, a group that …" / "X, a spokesman": the
        # appositive's noun says the kind; a programme or a suburb says none.
        # After a sentence's opening preposition ("In X, the …") it is the subject.
        nouns = [w.casefold() for w in appositive.group(1).split()]
        # the noun phrase ends before a participle or a joining word ("a rival
        # backed by …", "a spokesman for …"); its head is its last noun
        ends = [
            i
            for i, w in enumerate(nouns)
            if i and (w in FUNCTION_WORDS or w.endswith(("ed", "ing")))
        ]
        nouns = nouns[: ends[0]] if ends else nouns
        if len(nouns) > 1 and person_noun(nouns[-1]):
            _vote(votes, PERSON, 2)  # "X, a state senator": the last noun is the head
        elif any(w in PLACE_WORDS for w in nouns):
            _vote(votes, PLACE, 2)
        elif any(w in _ORG_NOUNS for w in nouns):
            _vote(votes, ORGANISATION, 2)
        elif person_noun(nouns[-1]):
            _vote(votes, PERSON, 2)  # ("a bigger rival": "bigger" is no agent)
    if is_last and not determined and re.match(r"\s+of\s+the\s", tail) and 1 < len(words) <= 3:
        _vote(votes, PERSON, 1)
    if (
        party_label(sentence, part)
        or shared_name(sentence, part, run)
        or goes_on(sentence, part, run)
        or cut_before_and(sentence, part, run)
        or cut_after_and(sentence, part, run)
        or (own is None and forced is None and unsure_extent(sentence, part, run))
    ):
        # A piece of a longer name the runs could not join ("Society for
        # Rivers and Lakes of …", "Union of Northern Harbour Towns").
        return Votes({}, piece=True)
    return Votes(votes)
