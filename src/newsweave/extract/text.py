"""Text-mode extraction of plain-text page dumps (select-all + copy of a news page).

STUB: the real implementation replaces this module; the signature is the contract.
"""

from __future__ import annotations

from newsweave.models import Extraction

__all__ = ["extract_text"]


def extract_text(text: str) -> Extraction:
    """Clean a plain-text page dump into title, body and labels."""
    return Extraction(body=text)
