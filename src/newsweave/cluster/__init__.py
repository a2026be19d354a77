"""Story clustering: articles are assigned to stories incrementally as they arrive.

* :mod:`~newsweave.cluster.features`: weighted terms, names, numbers, dates, IDF;
* :mod:`~newsweave.cluster.index`: inverted index from salient features to candidate stories;
* :mod:`~newsweave.cluster.incremental`: :class:`StoryClusterer`, the assignment itself;
* :mod:`~newsweave.cluster.options`: its :class:`ClusterOptions` and the merge/split records;
* :mod:`~newsweave.cluster.assign`: :class:`~newsweave.cluster.assign.StoryAssigner`, dedup +
  clustering + coverage over a stream of articles (the store's hook during ingest).
"""

from __future__ import annotations

from newsweave.cluster.features import FeatureOptions
from newsweave.cluster.incremental import StoryClusterer
from newsweave.cluster.options import ClusterOptions, Merge

__all__ = ["ClusterOptions", "FeatureOptions", "Merge", "StoryClusterer"]
