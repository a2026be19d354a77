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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsweave.cluster.features import dot

__all__ = ["Partition", "neighbour_partition"]


@dataclass(frozen=True, slots=True)
class Partition:
    """Member indices of the two halves (``first`` holds member 0).

    ``ratio`` is the mean similarity across the halves over the mean similarity
    within them: near 1 for one story cut anywhere, low for two stories.
    """

    first: tuple[int, ...]
    second: tuple[int, ...]
    ratio: float


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
    vectors: Sequence[Mapping[str, float]], *, neighbours: int = 2
) -> Partition | None:
    """The best cut of ``vectors`` into two halves, or ``None`` when the graph is one piece.

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
        return None
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
