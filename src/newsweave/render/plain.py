"""A brief as plain text: the summary sentences only (``newsweave brief --format text``)."""

from __future__ import annotations

from newsweave.brief.summary import summary_words
from newsweave.models import Brief
from newsweave.render.present import ABSTRACT_HEADING, UNSUPPORTED_LABEL

__all__ = ["render_brief_text"]


def render_brief_text(brief: Brief, *, max_words: int | None = None) -> str:
    """The summary sentences only, one line each, cut at ``max_words`` words in all.

    An AI-written summary (``--llm``) follows under its own label, each sentence the
    sources do not back marked as such; ``max_words`` does not cut it.
    """
    texts = [" ".join(s.text.split()) for s in brief.summary]
    if max_words is not None:
        texts = summary_words(texts, max_words)
    if brief.abstract:
        texts += ["", f"{ABSTRACT_HEADING}:"]
        for written in brief.abstract:
            flag = "" if written.supported else f"({UNSUPPORTED_LABEL.upper()}) "
            texts.append(flag + " ".join(written.text.split()))
    return "\n".join(texts)
