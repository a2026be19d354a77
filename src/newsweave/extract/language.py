"""The language of an article's text, detected with py3langid's bundled model.

py3langid ships its model inside the package (no download at run time).  Its
import pulls numpy and loading the model takes about a second, so both happen
on the first article that needs detection, never at import: a command that only
shows help, or that extracts pages whose markup declares their language, never
pays for them.  The identifier is kept for the rest of the process.
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

__all__ = ["detect_language", "primary_language"]

_SAMPLE_CHARS = 1200
"""Characters of the body looked at: enough for a confident guess, cheap on long texts."""
_MIN_WORDS = 8
"""Fewer words than this give no guess: a headline or a caption says too little."""
_MIN_CONFIDENCE = 0.5
"""Normalised probability under which the identifier's guess is not trusted."""
_WORD = re.compile(r"[^\W\d_]{2,}")
_CODE = re.compile(r"^[a-z]{2,3}$")


class _Identifier(Protocol):
    def classify(self, text: str) -> tuple[str, float]: ...


@functools.cache
def _identifier() -> _Identifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier: _Identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return identifier


def primary_language(tag: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased (``en-GB`` -> ``en``); None if not one."""
    if not tag or not tag.strip():
        return None
    primary = re.split(r"[-_]", tag.strip())[0].lower()
    return primary if _CODE.match(primary) else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or None when unsure.

    Only the first few thousand characters are read.  Texts under a few words
    and guesses the model is not confident about give None rather than a
    coin toss.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < _MIN_WORDS:
        return None
    code, confidence = _identifier().classify(sample)
    if confidence < _MIN_CONFIDENCE:
        return None
    return primary_language(code)
