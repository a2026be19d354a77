"""Run a benchmark with the support judge's ``supports`` set by word overlap and MiniLM together.

A measurement harness, not a feature: the judge (:mod:`newsweave.brief.support`)
is left as it is in the library.  Here its answers are changed, for the run of
the benchmark named on the command line, where the judge's vetoes leave a pair
(no conflict and nothing of the claim missing): the pair ``supports`` when the
mean of the judge's overlap and the two sentences' MiniLM cosine is at least
``DENSE_THRESHOLD`` (0.685, the least threshold with supports precision >= 0.95
on the tune half of the support judgments, ``benchmarks/eval_support_dense.py``),
else ``partial`` or ``related`` by the judge's overlap.  Only the story's own
judge is changed (key-point supports); the summary's stricter citation judge,
the looser single-source judge and the disagreements' judge are left alone.
Each sentence is embedded once, when a pair first needs it.

Measured 2026-12-07 (s21, on main 1fcad11) against the same benchmarks without it, in one run:

* ``eval_brief_support.py`` (the 20 judged stories): key points 128 -> 138;
  key-point supports judged right tune 36 of 39 -> 41 of 45, check 34 of 36 ->
  37 of 38; key points that do not read alone 8 of 61 -> 5 of 68, 11 of 67 -> 9
  of 70; summary citations, single-source claims and disagreements unchanged.
  Applied to the citation judge too (a first try, on bbed0e7), citations to another article
  rose from 44 to 65 of 130 summary sentences but fewer were right: tune 26 of
  27 -> 44 of 48, check 14 of 15 -> 23 of 26;
* ``eval_keypoints_read.py`` (6 AllSides stories): "N of M" right tune 7 of 13
  -> 7 of 17, check 7 of 12 -> 6 of 12; main facts with a key point 8 -> 9 of 16,
  6 -> 7 of 13.

So not an option of the judge: more key points, no more "N of M" right.

Run: ``.venv/bin/python benchmarks/with_dense_judge.py benchmarks/eval_brief_support.py [ARGS]``
(needs the ``embeddings`` extra).
"""

from __future__ import annotations

import dataclasses
import runpy
import sys
from pathlib import Path
from typing import Any

import numpy as np

import newsweave.brief.align as align
from newsweave.brief.support import Judgment, SupportOptions

DENSE_THRESHOLD = 0.685
"""Least mean of overlap and cosine for ``supports`` (set on the tune half only)."""


def install(threshold: float = DENSE_THRESHOLD) -> dict[str, int]:
    """Change :meth:`StoryAlignment.judge` in this process; returns counts of what it changed."""
    from newsweave.cluster.embeddings import PackagedMiniLM

    model = PackagedMiniLM()
    vectors: dict[str, Any] = {}
    counts = {"lifted": 0, "dropped": 0, "embedded": 0}
    judge = align.StoryAlignment.judge

    def vector(text: str) -> Any:
        found = vectors.get(text)
        if found is None:
            found = vectors[text] = model.embed([text])[0]
            counts["embedded"] += 1
        return found

    def dense_judge(
        self: align.StoryAlignment,
        claim: int,
        evidence: int,
        *,
        options: SupportOptions | None = None,
    ) -> Judgment:
        found = judge(self, claim, evidence, options=options)
        used = options or self._support
        if used != self._support or found.conflicts or found.missing:
            return found
        if found.overlap < 2 * threshold - 1:
            return found  # the mean cannot reach the threshold
        text = self.sentences
        cosine = float(np.dot(vector(text[claim].text), vector(text[evidence].text)))
        dense = (found.overlap + cosine) / 2 >= threshold
        if dense and found.label != "supports":
            counts["lifted"] += 1
            return dataclasses.replace(found, label="supports")
        if not dense and found.label == "supports":
            counts["dropped"] += 1
            partial = found.overlap >= used.partial_overlap
            return dataclasses.replace(found, label="partial" if partial else "related")
        return found

    align.StoryAlignment.judge = dense_judge  # type: ignore[method-assign]
    return counts


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__.split("\n")[0] + "\nusage: with_dense_judge.py BENCHMARK [ARGS]")
    script = Path(sys.argv[1])
    sys.path.insert(0, str(script.resolve().parent))
    counts = install()
    sys.argv = sys.argv[1:]
    runpy.run_path(str(script), run_name="__main__")
    print(f"dense judge: {counts}")


if __name__ == "__main__":
    main()
