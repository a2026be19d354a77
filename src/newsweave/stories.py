"""Story assignment as ingest runs it: copies and rewrites, then the story, then coverage.

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
   last batch are handed to the store as one :class:`~newsweave.models.StoryChanges`.

The assigner is in-memory state.  :func:`open_assigner` restores it from the
store's last snapshot and catches up on articles stored after it (by another
process, or by a run that stopped before saving), and :meth:`StoryAssigner.save`
writes a new snapshot.  Because both stages are deterministic, replaying the
stored articles in store order rebuilds exactly the same stories: the snapshot
is a cache, never the only copy of anything (``newsweave recluster`` rebuilds
it from the articles).

Snapshots are pickles of newsweave's own objects, written and read only by
newsweave in its own database; a database file is trusted like the code that
opens it.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import hashlib
import io
import pickle
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import BinaryIO, TypedDict

from newsweave import __version__
from newsweave.cluster import ClusterOptions, StoryClusterer
from newsweave.cluster.embeddings import Embedder, embedder_from_settings
from newsweave.cluster.ner import NameFinder, name_finder_from_settings
from newsweave.cluster.options import cluster_options_from_settings
from newsweave.config import Settings
from newsweave.dedup import DedupOptions, DuplicateDetector, story_coverage
from newsweave.models import (
    Article,
    DuplicateMatch,
    Labels,
    Story,
    StoryChanges,
    StoryEvent,
)
from newsweave.store.base import SavedState, Store

__all__ = [
    "AssignerInputs",
    "Assignment",
    "StoryAssigner",
    "assigner_inputs",
    "assignment_code_digest",
    "open_assigner",
    "recluster_store",
    "source_digest",
]

STATE_NAME = "stories"

# The modules whose code decides which story and which original an article gets.
_ASSIGNMENT_CODE = ("stories.py", "text.py", "models.py", "cluster", "dedup")


@functools.cache
def assignment_code_digest() -> str:
    """A digest of the source files of the assignment code (``"-"`` without sources).

    Read once per process from the installed package; a build that ships only
    bytecode has no sources and relies on the version alone.
    """
    return source_digest(resources.files("newsweave"))


def source_digest(package: Traversable, names: Sequence[str] = _ASSIGNMENT_CODE) -> str:
    """A digest of the ``.py`` files of ``names`` (modules and folders) in ``package``.

    By default the files :func:`assignment_code_digest` covers; ``"-"`` when none
    of them has a source file.
    """
    digest = hashlib.sha256()
    found = False
    for name in names:
        entry = package.joinpath(name)
        files = (
            sorted((f for f in entry.iterdir() if f.name.endswith(".py")), key=lambda f: f.name)
            if entry.is_dir()
            else [entry]
        )
        for file in files:
            if file.is_file():
                found = True
                digest.update(f"{name}/{file.name}\0".encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12] if found else "-"


Progress = Callable[[int], None]


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


_NO_LABELS = Labels()


def _light(article: Article) -> Article:
    """What coverage reads of an article (id, outlet, labels), kept for every article.

    Nothing else: at 100k articles the titles, addresses and dates held here
    took tens of MB and most of the time of pickling the snapshot.
    """
    labels = _NO_LABELS if article.labels == _NO_LABELS else article.labels
    return Article(id=article.id, key="", title=None, body="", outlet=article.outlet, labels=labels)


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

    def assign(self, article: Article, *, seq: int | None = None) -> Assignment:
        """Assign one article (in store order); ``seq`` is its store sequence number."""
        if article.id in self._articles:
            story_id = self._clusterer.story_of(article.id)
            return Assignment(article.id, story_id, self._matches.get(article.id))
        match = self._detector.observe(article)
        story_id = self._clusterer.assign(
            article,
            copy_of=match.original_id if match is not None and match.kind in _SAME_TEXT else None,
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
            upto_seq=self._upto_seq,
        )
        self._reset_pending()
        return changes

    # -- snapshots --------------------------------------------------------------------

    def attach_models(
        self, *, embedder: Embedder | None = None, name_finder: NameFinder | None = None
    ) -> None:
        """Give a restored assigner its models again (snapshots do not hold them)."""
        self._clusterer.attach_models(embedder=embedder, name_finder=name_finder)

    def snapshot(self) -> SavedState:
        """The assigner as a snapshot in memory (pending changes must have been taken first).

        :meth:`save` writes the same bytes through a temporary file instead.
        """
        buffer = io.BytesIO()
        self._pack(buffer)
        # A view of the buffer, not getvalue(): no second copy of the snapshot.
        return SavedState(format=self.format, upto_seq=self._upto_seq, data=buffer.getbuffer())

    def _pack(self, handle: BinaryIO) -> None:
        if self._moved or self._dirty or self._events:
            raise RuntimeError("take the pending changes() before a snapshot")
        # Streamed through gzip, so the uncompressed pickle never exists in memory
        # as a whole; and pickled in three parts, so the pickler's memo (an entry
        # per object) only ever covers one part.
        rest = dict(self.__dict__)
        parts = (rest.pop("_clusterer"), rest.pop("_detector"))
        with gzip.GzipFile(fileobj=handle, mode="wb", compresslevel=1, mtime=0) as packed:
            for part in (rest, *parts):
                pickle.dump(part, packed, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self, store: Store) -> None:
        """Write a snapshot to ``store`` so the next run starts from here.

        The snapshot goes through a temporary file: at 100k articles it is
        hundreds of MB, which would otherwise sit in memory twice (the buffer
        and the database driver's copy of it) on top of the assigner itself.
        """
        with tempfile.TemporaryFile() as spool:
            self._pack(spool)
            store.save_state(
                STATE_NAME, SavedState(format=self.format, upto_seq=self._upto_seq, data=spool)
            )


def open_assigner(
    store: Store,
    *,
    cluster_options: ClusterOptions | None = None,
    dedup_options: DedupOptions | None = None,
    embedder: Embedder | None = None,
    name_finder: NameFinder | None = None,
    progress: Progress | None = None,
) -> StoryAssigner:
    """The assigner for ``store``: its saved snapshot, caught up with the articles after it.

    Without a usable snapshot (none yet, another newsweave version or other
    options), the state is rebuilt from every stored article, which gives the
    same stories the articles already have when nothing else changed.
    """
    fresh = StoryAssigner(
        cluster_options=cluster_options,
        dedup_options=dedup_options,
        embedder=embedder,
        name_finder=name_finder,
    )
    with store.open_state(STATE_NAME) as saved:
        usable = saved is not None and saved.format == fresh.format
        loaded = _unpickle(saved) if saved is not None and usable else None
    if loaded is None:
        # Stories already stored may come from other code or options: rebuild
        # them all, in one transaction, rather than mix two assignments.
        catch_up(store, fresh, replace=store.last_seq() > 0, progress=progress)
        return fresh
    loaded.attach_models(embedder=embedder, name_finder=name_finder)
    catch_up(store, loaded, progress=progress)
    return loaded


def _unpickle(saved: SavedState) -> StoryAssigner | None:
    try:
        data = saved.data
        if isinstance(data, bytes | memoryview):
            source: BinaryIO = io.BytesIO(data)
        else:
            source = data
            source.seek(0)
        with gzip.GzipFile(fileobj=source, mode="rb") as packed:
            rest, clusterer, detector = (pickle.load(packed) for _ in range(3))
    except (pickle.UnpicklingError, OSError, EOFError, AttributeError, ImportError, TypeError):
        # A snapshot is a cache: one that no longer loads is rebuilt.
        return None
    if not (
        isinstance(rest, dict)
        and isinstance(clusterer, StoryClusterer)
        and isinstance(detector, DuplicateDetector)
    ):
        return None
    loaded = StoryAssigner.__new__(StoryAssigner)
    loaded.__dict__.update(rest, _clusterer=clusterer, _detector=detector)
    return loaded


def catch_up(
    store: Store,
    assigner: StoryAssigner,
    *,
    batch_size: int = 1000,
    replace: bool = False,
    progress: Progress | None = None,
) -> int:
    """Assign every stored article after ``assigner.upto_seq``; returns how many.

    With ``replace`` (a rebuild from the first article), all story data in the
    store is replaced in one transaction at the end, so readers see the old
    stories until the new ones are complete.
    """
    done = 0
    pending: list[tuple[int, Article]] = []
    collected: list[StoryChanges] = []

    def flush() -> None:
        nonlocal done
        if not pending:
            return
        changes = assigner(pending)
        if replace:
            collected.append(changes)
        else:
            store.apply_story_changes(changes)
        done += len(pending)
        if progress is not None:
            progress(len(pending))
        pending.clear()

    for item in store.iter_articles_after(assigner.upto_seq):
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
    if replace:
        store.apply_story_changes(_combine(assigner, collected), replace=True)
    if done:
        assigner.save(store)
    return done


def _combine(assigner: StoryAssigner, parts: Sequence[StoryChanges]) -> StoryChanges:
    """One change set equal to applying ``parts`` in order onto an empty story state."""
    article_ids = {article_id for part in parts for article_id, _ in part.memberships}
    return StoryChanges(
        memberships=tuple(
            (article_id, assigner.story_of(article_id)) for article_id in sorted(article_ids)
        ),
        matches=tuple(match for part in parts for match in part.matches),
        stories=tuple(assigner.stories()),
        removed=(),
        events=tuple(event for part in parts for event in part.events),
        upto_seq=assigner.upto_seq,
    )


def recluster_store(
    store: Store,
    *,
    cluster_options: ClusterOptions | None = None,
    dedup_options: DedupOptions | None = None,
    embedder: Embedder | None = None,
    name_finder: NameFinder | None = None,
    progress: Progress | None = None,
) -> StoryAssigner:
    """Rebuild every story and copy link from the stored articles, in store order."""
    assigner = StoryAssigner(
        cluster_options=cluster_options,
        dedup_options=dedup_options,
        embedder=embedder,
        name_finder=name_finder,
    )
    catch_up(store, assigner, replace=True, progress=progress)
    if assigner.upto_seq == 0:
        store.apply_story_changes(StoryChanges(), replace=True)
    return assigner
