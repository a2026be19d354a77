"""The support judge's learned combiner: does the evidence state the whole claim?

The judge's rules (:mod:`newsweave.brief.support`) find what conflicts and what
the evidence lacks; whether what is left adds up to ``supports`` is a weighing of
several readings of the pair, which a small logistic regression does better
than one overlap threshold.  Its inputs (:data:`FEATURES`) are computed from the
two sentences' readings (:class:`~newsweave.brief.facts.Facts`):

* ``overlap``: share of the claim's content words the evidence states;
* ``core``: the same without the claim's attribution frame ("..., the agency
  said"), which a supporting sentence need not repeat;
* ``contained``: share of the evidence's content words that are the claim's;
* ``names``: share of the claim's names (outside its frame) the evidence has;
* ``prefix``: ``core`` where two words sharing their first five letters also
  count ("acquisition" / "acquiring"), a cheap paraphrase match;
* ``pairs``: share of the claim's neighbouring content-word pairs that are
  neighbours in the evidence too (who did what to whom, roughly);
* ``numbers``: how many of the claim's numbers, dates and days the evidence lacks;
* ``status``: planned in one sentence only; ``hedged``: hedged in the evidence only;
* ``size`` and ``extra``: the claim's length and the evidence's relative length.

The weights live in ``newsweave/data/support-combiner.txt`` with the
probability threshold; ``benchmarks/train_support_combiner.py`` fits them on the
tune half (even pair numbers) of the support judgments only and prints the
check half, with a row for the model refitted without each input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from newsweave import wordlists
from newsweave.brief.facts import Facts
from newsweave.errors import ConfigError

__all__ = ["FEATURES", "Combiner", "combiner", "features"]

FEATURES: tuple[str, ...] = (
    "overlap",
    "core",
    "contained",
    "names",
    "prefix",
    "pairs",
    "numbers",
    "status",
    "hedged",
    "size",
    "extra",
)
_PREFIX = 5
"""Letters two words must share at the start to count as a paraphrase match."""


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _neighbours(sequence: Sequence[str], skip: frozenset[str]) -> set[frozenset[str]]:
    """Unordered pairs of content stems at most two apart (frame stems left out)."""
    kept = [word for word in sequence if word not in skip]
    found: set[frozenset[str]] = set()
    for k, word in enumerate(kept):
        for other in kept[k + 1 : k + 3]:
            if other != word:
                found.add(frozenset((word, other)))
    return found


def features(claim: Facts, evidence: Facts, missing: Sequence[str]) -> tuple[float, ...]:
    """The combiner's inputs for one pair, in :data:`FEATURES` order (see module docs)."""
    shared = claim.stems & evidence.stems
    core = claim.stems - claim.frame or claim.stems
    core_shared = core & evidence.stems
    names = (claim.names - claim.frame) or claim.names
    prefixes = {word[:_PREFIX] for word in evidence.stems if len(word) >= _PREFIX}
    loose = sum(
        1
        for word in core
        if word in evidence.stems or (len(word) >= _PREFIX and word[:_PREFIX] in prefixes)
    )
    claim_pairs = _neighbours(claim.sequence, claim.frame)
    evidence_pairs = _neighbours(evidence.sequence, frozenset())
    numbers = sum(
        1 for item in missing if item not in ("hedged",) and not item.startswith("status")
    )
    return (
        _share(len(shared), len(claim.stems)),
        _share(len(core_shared), len(core)),
        _share(len(shared), len(evidence.stems)),
        _share(len(names & evidence.stems), len(names)),
        _share(loose, len(core)),
        _share(len(claim_pairs & evidence_pairs), len(claim_pairs)),
        float(min(numbers, 3)),
        float(any(item.startswith("status") for item in missing)),
        float("hedged" in missing),
        math.log1p(len(claim.stems)),
        math.log((1 + len(evidence.stems)) / (1 + len(claim.stems))),
    )


@dataclass(frozen=True, slots=True)
class Combiner:
    """A logistic regression over :data:`FEATURES` and its decision threshold."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: Sequence[float]) -> float:
        """The probability that the evidence ``supports`` the claim."""
        score = self.bias + sum(w * x for w, x in zip(self.weights, values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(score, 50.0), -50.0)))


@cache
def combiner() -> Combiner:
    """The shipped combiner, read once from ``newsweave/data/support-combiner.txt``."""
    table = {key: float(value) for key, value in wordlists.mapping("support-combiner").items()}
    unknown = set(table) - {*FEATURES, "bias", "threshold"}
    if unknown or not set(FEATURES) <= set(table):
        raise ConfigError(
            "support-combiner.txt does not match the combiner's features: "
            f"unknown {sorted(unknown)}, missing {sorted(set(FEATURES) - set(table))}; "
            "refit it with benchmarks/train_support_combiner.py"
        )
    return Combiner(
        weights=tuple(table[name] for name in FEATURES),
        bias=table["bias"],
        threshold=table["threshold"],
    )
