"""HTML extraction: trafilatura plus newsweave's cleaning.

STUB: the real implementation replaces this module; the signature is the contract.
"""

from __future__ import annotations

import trafilatura

from newsweave.models import Extraction

__all__ = ["extract_html"]


def extract_html(html: str, *, url: str | None = None) -> Extraction:
    """Extract the article body and page metadata from one HTML page."""
    return Extraction(body=trafilatura.extract(html, url=url) or "", url=url)
