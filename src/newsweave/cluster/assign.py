"""Story assignment over a stream of articles: copies and rewrites, then the story, then coverage.

:class:`StoryAssigner` puts the two incremental stages together for a stream
of articles in store order:

1. :class:`~newsweave.dedup.DuplicateDetector` links the article to the
   earliest copy or paraphrase of it, if any;
2. :class:`~newsweave.cluster.StoryClusterer` assigns it to a story (merging
   or splitting stories as the evidence changes); an exact or near copy or
   syndicated copy joins the story of its original without being scored
   (``ClusterOptions.follow_copies``), while a rewrite is scored like any article;
3. every story that changed is summed up again (articles, first/last seen,
   independent sources after collapsing copies), and the changes since the
   last batch are handed over as one :class:`~newsweave.models.StoryChanges`.

The assigner is in-memory state.  :func:`write_snapshot` and
:func:`read_snapshot` turn it into bytes and back; keeping them in a store and
catching up on articles stored after a snapshot is the flow's job
(:mod:`newsweave.pipeline.stories`).  Because both stages are deterministic,
replaying the articles in the same order rebuilds exactly the same stories.

Snapshots are data only (:mod:`newsweave.cluster.snapshot`: JSON and numeric
arrays, with a format version and a digest): a database may come from someone
else, and reading it never runs code.  A snapshot that does not read back
cleanly is refused, with a warning on the ``newsweave`` logger, and the flow
rebuilds the state from the articles.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO, TypedDict

from newsweave import __version__
from newsweave.cluster.embeddings import Embedder, embedder_from_settings
from newsweave.cluster.features import ArticleFeatures
from newsweave.cluster.incremental import StoryClusterer
from newsweave.cluster.ner import NameFinder, name_finder_from_settings
from newsweave.cluster.options import ClusterOptions, cluster_options_from_settings
from newsweave.cluster.snapshot import SnapshotError, dump_snapshot, load_snapshot
from newsweave.code_digest import assignment_code_digest
from newsweave.config import Settings
from newsweave.dedup import (
    ArticleAnalysis,
    ArticleCandidates,
    DedupOptions,
    DuplicateDetector,
    article_site,
    story_coverage,
)
from newsweave.models import (
    Article,
    DuplicateMatch,
    Labels,
    Story,
    StoryChanges,
    StoryEvent,
)

__all__ = [
    "AssignerInputs",
    "Assignment",
    "StoryAssigner",
    "assigner_inputs",
    "read_snapshot",
    "write_snapshot",
]


class AssignerInputs(TypedDict):
    """What the ``[cluster]`` settings choose for story assignment, as keyword
    arguments: ``open_assigner(store, **assigner_inputs(settings))``."""

    cluster_options: ClusterOptions
    embedder: Embedder | None
    name_finder: NameFinder | None


def assigner_inputs(settings: Settings) -> AssignerInputs:
    """The clusterer options and the optional models (loaded) that ``settings`` ask for.

    Every entry point that assigns stories (ingest, ``cluster``, ``recluster``,
    the server) takes them from here, so a setting reaches all of them.
    """
    return AssignerInputs(
        cluster_options=cluster_options_from_settings(settings),
        embedder=embedder_from_settings(settings),
        name_finder=name_finder_from_settings(settings),
    )


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went: its story, and the article it copies or rewrites."""

    article_id: str
    story_id: str
    match: DuplicateMatch | None


_LOG = logging.getLogger(__name__)
_NO_LABELS = Labels()


def _light(article: Article) -> Article:
    """What coverage reads of an article (id, outlet, labels, site), kept for every article.

    Nothing else: at 100k articles the titles, addresses and dates held here
    took tens of MB and most of the time of pickling the snapshot.  The site
    (the bare domain, as ``canonical_url``; one interned string per site) is
    kept because :func:`~newsweave.dedup.story_coverage` counts one site's
    desks as one outlet and an article without an outlet by its site: without
    it the stored count and the brief's (which reads the whole article) differ.
    """
    labels = _NO_LABELS if article.labels == _NO_LABELS else article.labels
    site = article_site(article)
    return Article(
        id=article.id,
        key="",
        title=None,
        body="",
        outlet=article.outlet,
        canonical_url=sys.intern(site) if site else None,
        labels=labels,
    )


_SAME_TEXT: frozenset[str] = frozenset({"exact", "near", "syndicated"})
"""Match kinds whose article joins its original's story unscored (``follow_copies``).

A rewrite is scored like any article: its own wording is new evidence for the
story (ECB+ dev, 5 shuffles: mean BCubed F1 0.929 following copies only, 0.922
following rewrites too, 0.928 following nothing)."""


class StoryAssigner:
    """Dedup + clustering over a stream of stored articles; see the module docstring.

    It is also the :class:`~newsweave.store.base.StoryHook` that
    :meth:`Store.add_articles` calls inside its transaction.
    """

    def __init__(
        self,
        *,
        cluster_options: ClusterOptions | None = None,
        dedup_options: DedupOptions | None = None,
        embedder: Embedder | None = None,
        name_finder: NameFinder | None = None,
    ) -> None:
        self.cluster_options = cluster_options or ClusterOptions()
        self.dedup_options = dedup_options or DedupOptions()
        self.embedder_name = embedder.name if embedder is not None else ""
        self.name_finder_name = name_finder.name if name_finder is not None else ""
        self._clusterer = StoryClusterer(
            options=self.cluster_options, embedder=embedder, name_finder=name_finder
        )
        self._detector = DuplicateDetector(options=self.dedup_options)
        self._upto_seq = 0
        self._members: dict[str, dict[str, None]] = {}
        """Story id -> its article ids, in the order they joined (a dict as an ordered set)."""
        self._where: dict[str, str] = {}
        self._articles: dict[str, Article] = {}
        self._matches: dict[str, DuplicateMatch] = {}
        self._merges_seen = 0
        self._splits_seen = 0
        self._lines_seen = 0
        self._reset_pending()

    def _reset_pending(self) -> None:
        self._moved: dict[str, None] = {}
        self._new_matches: list[DuplicateMatch] = []
        self._dirty: dict[str, None] = {}
        self._removed: dict[str, None] = {}
        self._events: list[StoryEvent] = []

    # -- the stream -------------------------------------------------------------------

    @property
    def upto_seq(self) -> int:
        """Store sequence number of the last article assigned."""
        return self._upto_seq

    @property
    def format(self) -> str:
        """Names the code and options a snapshot was made with; another format is not loaded.

        The code is named by the version and by a digest of the source of the
        modules that decide assignments (:func:`assignment_code_digest`), so a
        changed clusterer never continues from a snapshot the old one made.
        """
        models = (self.embedder_name, self.name_finder_name)
        options = repr((self.cluster_options, self.dedup_options, *models)).encode()
        digest = hashlib.sha256(options).hexdigest()[:16]
        return (
            f"newsweave {__version__} {digest} code {assignment_code_digest()} "
            f"dedup-state {DuplicateDetector.STATE_VERSION}"
        )

    def assign(
        self,
        article: Article,
        *,
        seq: int | None = None,
        analysis: ArticleAnalysis | None = None,
        candidates: ArticleCandidates | None = None,
        features: ArticleFeatures | None = None,
    ) -> Assignment:
        """Assign one article (in store order); ``seq`` is its store sequence number.

        ``analysis``: the duplicate detector's order-free work on the article,
        made beforehand (:meth:`analyse`, e.g. in a Spark task); same answer.
        ``candidates`` (with ``analysis``, for an assigner that started empty):
        the earlier articles sharing a key with it, from a join
        (:mod:`newsweave.dedup.candidates`); same answer.  ``features``: the
        clusterer's order-free work on it (:meth:`features`); same answer.
        """
        if article.id in self._articles:
            story_id = self._clusterer.story_of(article.id)
            return Assignment(article.id, story_id, self._matches.get(article.id))
        match = self._detector.observe(article, analysis=analysis, candidates=candidates)
        story_id = self._clusterer.assign(
            article,
            copy_of=match.original_id if match is not None and match.kind in _SAME_TEXT else None,
            features=features,
        )
        self._articles[article.id] = _light(article)
        self._place(article.id, story_id)
        if match is not None:
            self._matches[article.id] = match
            self._new_matches.append(match)
        self._follow_events()
        if seq is not None:
            self._upto_seq = max(self._upto_seq, seq)
        return Assignment(article.id, self._clusterer.story_of(article.id), match)

    def analyse(self, article: Article) -> ArticleAnalysis:
        """The duplicate detector's work on ``article`` that needs no other article,
        for :meth:`assign` (it reads only the options: safe to run in parallel)."""
        return self._detector.analyse(article)

    def features(self, article: Article) -> ArticleFeatures:
        """The story clusterer's work on ``article`` that needs no story and no other
        article, for :meth:`assign` (safe to run in parallel: it reads only the
        options and the name finder)."""
        return self._clusterer.features(article)

    def __call__(self, articles: Sequence[tuple[int, Article]]) -> StoryChanges:
        """Assign ``(seq, article)`` pairs and return what changed (the store hook)."""
        for seq, article in articles:
            self.assign(article, seq=seq)
        return self.changes()

    def _place(self, article_id: str, story_id: str) -> None:
        """Record that ``article_id`` now belongs to ``story_id`` (moving it if needed)."""
        old = self._where.get(article_id)
        if old == story_id:
            return
        if old is not None:
            members = self._members[old]
            del members[article_id]
            if members:
                self._dirty[old] = None
            else:
                del self._members[old]
                self._dirty.pop(old, None)
                self._removed[old] = None
        self._where[article_id] = story_id
        self._members.setdefault(story_id, {})[article_id] = None
        self._removed.pop(story_id, None)
        self._dirty[story_id] = None
        self._moved[article_id] = None

    def _follow_events(self) -> None:
        """Mirror the clusterer's new merges and splits: moved articles and history."""
        clusterer = self._clusterer
        merges, splits = clusterer.events_after(self._merges_seen, self._splits_seen)
        if not merges and not splits:
            return
        touched: list[str] = []
        for merge in merges:
            moved = tuple(self._members.get(merge.absorbed, ()))
            touched.extend(moved)
            self._events.append(
                StoryEvent(
                    kind="merge",
                    story_id=merge.kept,
                    other_id=merge.absorbed,
                    at_article=merge.at_article,
                    score=merge.score,
                    article_ids=moved,
                )
            )
        for split in splits:
            touched.extend(split.article_ids)
            self._events.append(
                StoryEvent(
                    kind="split",
                    story_id=split.kept,
                    other_id=split.created,
                    at_article=split.at_article,
                    score=split.score,
                    article_ids=split.article_ids,
                )
            )
        self._merges_seen += len(merges)
        self._splits_seen += len(splits)
        # The clusterer is the truth; events only say which articles to look at.
        for article_id in touched:
            self._place(article_id, clusterer.story_of(article_id))

    def story(self, story_id: str) -> Story:
        """The current state of one story, with its coverage in independent sources."""
        base = self._clusterer.story(story_id)
        members = [self._articles[article_id] for article_id in self._members[story_id]]
        coverage = story_coverage(
            members, [self._matches[a.id] for a in members if a.id in self._matches]
        )
        return dataclasses.replace(
            base,
            article_ids=tuple(a.id for a in members),
            independent_sources=coverage.independent_sources,
            sources=coverage.sources,
            groups=coverage.groups,
        )

    def stories(self) -> list[Story]:
        """Every current story, oldest first."""
        return [self.story(story_id) for story_id in sorted(self._members)]

    def story_of(self, article_id: str) -> str:
        """The current story of an assigned article."""
        return self._clusterer.story_of(article_id)

    def storyline_of(self, article_id: str) -> str:
        """The current storyline of an assigned article (the storyline of its story)."""
        return self._clusterer.storyline_of(article_id)

    def is_notice(self, article_id: str) -> bool:
        """Whether the assigned article is no article but a site's notice to its reader
        (:mod:`~newsweave.cluster.notice`): it has a story of its own."""
        return self._clusterer.is_notice(article_id)

    @property
    def story_count(self) -> int:
        """How many stories there are now."""
        return len(self._clusterer)

    @property
    def merge_count(self) -> int:
        """How many merges the clusterer made so far."""
        return len(self._clusterer.merges)

    def changes(self) -> StoryChanges:
        """What changed since the previous call (and forget it)."""
        changes = StoryChanges(
            memberships=tuple((article_id, self._where[article_id]) for article_id in self._moved),
            matches=tuple(self._new_matches),
            stories=tuple(self.story(story_id) for story_id in self._dirty),
            removed=tuple(self._removed),
            events=tuple(self._events),
            storylines_merged=tuple(self._clusterer.storylines_merged_after(self._lines_seen)),
            upto_seq=self._upto_seq,
        )
        self._lines_seen = self._clusterer.storyline_merge_count
        self._reset_pending()
        return changes

    # -- snapshots --------------------------------------------------------------------

    def attach_models(
        self, *, embedder: Embedder | None = None, name_finder: NameFinder | None = None
    ) -> None:
        """Give a restored assigner its models again (snapshots do not hold them)."""
        self._clusterer.attach_models(embedder=embedder, name_finder=name_finder)

    def snapshot(self) -> memoryview:
        """The assigner as snapshot bytes in memory (pending changes must have been taken first).

        :func:`newsweave.pipeline.stories.save_assigner` writes the same bytes
        through a temporary file instead.
        """
        buffer = io.BytesIO()
        write_snapshot(self, buffer)
        # A view of the buffer, not getvalue(): no second copy of the snapshot.
        return buffer.getbuffer()


def write_snapshot(assigner: StoryAssigner, handle: BinaryIO) -> None:
    """Write ``assigner`` to ``handle`` as a data-only snapshot; see :func:`read_snapshot`.

    Pending changes must have been taken first (:meth:`StoryAssigner.changes`).
    """
    if assigner._moved or assigner._dirty or assigner._events:
        raise RuntimeError("take the pending changes() before a snapshot")
    rest = dict(assigner.__dict__)
    clusterer, detector = rest.pop("_clusterer"), rest.pop("_detector")
    dump_snapshot({"assigner": rest, "clusterer": clusterer, "detector": detector}, handle)


def read_snapshot(data: bytes | memoryview | BinaryIO) -> StoryAssigner | None:
    """The assigner that :func:`write_snapshot` wrote (without its models), or ``None``
    (with a warning) when ``data`` does not read back cleanly: a snapshot is a
    cache, never trusted; it is then rebuilt."""
    source = io.BytesIO(data) if isinstance(data, bytes | memoryview) else data
    try:
        parts = load_snapshot(source)
        rest, clusterer, detector = parts["assigner"], parts["clusterer"], parts["detector"]
        if not (
            isinstance(rest, dict)
            and set(rest) == set(StoryAssigner().__dict__) - {"_clusterer", "_detector"}
            and isinstance(clusterer, StoryClusterer)
            and isinstance(detector, DuplicateDetector)
        ):
            raise SnapshotError("its parts are not an assigner's")
    except (SnapshotError, KeyError) as exc:
        _LOG.warning(
            "the saved story-assignment state does not read back (%s); "
            "rebuilding it from the stored articles",
            exc,
        )
        return None
    loaded = StoryAssigner.__new__(StoryAssigner)
    loaded.__dict__.update(rest, _clusterer=clusterer, _detector=detector)
    return loaded
