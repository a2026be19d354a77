"""Labels inside the text become metadata: bias ratings, AI notices, wire credits, bylines.

STUB: the real implementation replaces this module; the signature is the contract.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsweave.models import Labels

__all__ = ["LabelSplit", "split_labels"]


@dataclass(frozen=True, slots=True)
class LabelSplit:
    """Body lines with label lines taken out, and what the labels said."""

    lines: tuple[str, ...]
    labels: Labels = field(default_factory=Labels)
    authors: tuple[str, ...] = ()


def split_labels(lines: Sequence[str]) -> LabelSplit:
    """Take label lines out of ``lines`` and return them as metadata."""
    return LabelSplit(lines=tuple(lines))
