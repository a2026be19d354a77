"""Two-way partition of a story's members, for the split check.

A story that took in a second event of the same kind (two earthquakes, two
factory fires) has a centroid between the two, so centroid-based checks
cannot see it; its members can: an article's nearest fellow members are, with
very few exceptions, reports of its own event.  :func:`neighbour_partition`
links each member to its ``neighbours`` most similar members and cuts the
story along the connected components of that graph; the two largest
components are the candidate halves (small leftovers join the half they are
closer to on average).  It reports how similar the halves are to each other
relative to how similar each is within, so the caller can decide whether the
story really is two.

A story that grew development by development (a saga's reports of a few days,
each close to the one before) is one piece of that graph however far apart its
ends are.  With ``min_share`` the partition then falls back to a spectral cut:
members ordered along the second eigenvector of the normalised similarity graph
(the direction in which the story is least connected), cut where the ratio of
similarity across to within is lowest with at least ``min_share`` of the members
on each side.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.cluster.features import dot

__all__ = ["Partition", "neighbour_partition", "spectral_cut"]


@dataclass(frozen=True, slots=True)
class Partition:
    """Member indices of the two halves (``first`` holds member 0).

    ``ratio`` is the mean similarity across the halves over the mean similarity
    within them: near 1 for one story cut anywhere, low for two stories.
    """

    first: tuple[int, ...]
    second: tuple[int, ...]
    ratio: float
    spectral: bool = False
    """Whether the cut is :func:`spectral_cut`'s (the neighbour graph was one piece)."""


def _mean_link(sims: list[list[float]], one: Sequence[int], other: Sequence[int]) -> float:
    total = 0.0
    pairs = 0
    for i in one:
        row = sims[i]
        for j in other:
            if i != j:
                total += row[j]
                pairs += 1
    return total / pairs if pairs else 0.0


def neighbour_partition(
    vectors: Sequence[Mapping[str, float]],
    *,
    neighbours: int = 2,
    min_share: float | None = None,
) -> Partition | None:
    """The best cut of ``vectors`` into two halves, or ``None`` when the graph is one
    piece (and, with ``min_share``, no spectral cut leaves that share on each side).

    Deterministic: ties between neighbours go to the lower index.
    """
    count = len(vectors)
    if count < 4:
        return None
    sims = [[0.0] * count for _ in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            sims[i][j] = sims[j][i] = dot(vectors[i], vectors[j])
    parent = list(range(count))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i in range(count):
        row = sims[i]
        nearest = sorted((j for j in range(count) if j != i), key=lambda j: (-row[j], j))
        for j in nearest[:neighbours]:
            parent[find(i)] = find(j)
    components: dict[int, list[int]] = {}
    for i in range(count):
        components.setdefault(find(i), []).append(i)
    if len(components) < 2:
        return None if min_share is None else spectral_cut(sims, min_share)
    ranked = sorted(components.values(), key=lambda members: (-len(members), members[0]))
    one, other = list(ranked[0]), list(ranked[1])
    for rest in ranked[2:]:
        if _mean_link(sims, rest, one) >= _mean_link(sims, rest, other):
            one.extend(rest)
        else:
            other.extend(rest)
    within = 0.5 * (_mean_link(sims, one, one) + _mean_link(sims, other, other))
    ratio = _mean_link(sims, one, other) / within if within > 0 else 1.0
    if 0 not in one:
        one, other = other, one
    return Partition(tuple(sorted(one)), tuple(sorted(other)), ratio)


def spectral_cut(sims: list[list[float]], min_share: float) -> Partition | None:
    """The sweep cut along the Fiedler vector of the similarity graph with the lowest
    across-to-within ratio, each side holding at least ``min_share`` of the members
    (at least 3); ``None`` when no cut can."""
    count = len(sims)
    smallest = max(3, math.ceil(min_share * count))
    if 2 * smallest > count:
        return None
    weights = np.clip(np.array(sims, dtype=float), 0.0, None)
    np.fill_diagonal(weights, 0.0)
    degree = weights.sum(axis=1)
    if (degree <= 0).any():
        return None
    scale = 1.0 / np.sqrt(degree)
    laplacian = np.eye(count) - scale[:, None] * weights * scale[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    fiedler = vectors[:, 1] * scale
    # The eigenvector's sign is arbitrary: member 0 always comes first.
    if fiedler[0] > 0:
        fiedler = -fiedler
    order = sorted(range(count), key=lambda i: (round(float(fiedler[i]), 12), i))
    full = np.array(sims, dtype=float)
    np.fill_diagonal(full, 0.0)
    ranked = full[np.ix_(order, order)]
    best: tuple[float, int] | None = None
    for cut in range(smallest, count - smallest + 1):
        one = ranked[:cut, :cut].sum() / (cut * (cut - 1))
        other_size = count - cut
        other = ranked[cut:, cut:].sum() / (other_size * (other_size - 1))
        across = ranked[:cut, cut:].sum() / (cut * other_size)
        within = 0.5 * (one + other)
        ratio = across / within if within > 0 else 1.0
        if best is None or ratio < best[0]:
            best = (ratio, cut)
    if best is None:
        return None
    ratio, cut = best
    first = sorted(order[:cut])
    second = sorted(order[cut:])
    if 0 not in first:
        first, second = second, first
    return Partition(tuple(first), tuple(second), float(ratio), spectral=True)
