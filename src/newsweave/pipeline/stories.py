"""The story flows over a store: restore the assigner and catch up, save its snapshot, recluster.

:func:`open_assigner` restores the :class:`~newsweave.cluster.assign.StoryAssigner`
from the store's last snapshot and catches up on articles stored after it (by
another process, or by a run that stopped before saving), and
:func:`save_assigner` writes a new snapshot.  The snapshot is a cache, never the
only copy of anything: ``newsweave recluster`` (:func:`recluster_store`)
rebuilds it, and every story, from the stored articles in store order.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from typing import BinaryIO

from newsweave.cluster.assign import StoryAssigner, read_snapshot, write_snapshot
from newsweave.cluster.embeddings import Embedder
from newsweave.cluster.ner import NameFinder
from newsweave.cluster.options import ClusterOptions
from newsweave.dedup import DedupOptions
from newsweave.models import Article, StoryChanges
from newsweave.pipeline.ingest import Progress
from newsweave.store.base import SavedState, Store

__all__ = ["STATE_NAME", "catch_up", "open_assigner", "recluster_store", "save_assigner"]

STATE_NAME = "stories"


def save_assigner(store: Store, assigner: StoryAssigner) -> None:
    """Write a snapshot of ``assigner`` to ``store`` so the next run starts from there.

    The snapshot goes through a temporary file: at 100k articles it is
    hundreds of MB, which would otherwise sit in memory twice (the buffer
    and the database driver's copy of it) on top of the assigner itself.
    """
    with tempfile.TemporaryFile() as spool:
        write_snapshot(assigner, spool)
        store.save_state(
            STATE_NAME, SavedState(format=assigner.format, upto_seq=assigner.upto_seq, data=spool)
        )


def _seekable(data: bytes | memoryview | BinaryIO) -> bytes | memoryview | BinaryIO:
    """A saved state's data, rewound when it is a file."""
    if not isinstance(data, bytes | memoryview):
        data.seek(0)
    return data


def open_assigner(
    store: Store,
    *,
    cluster_options: ClusterOptions | None = None,
    dedup_options: DedupOptions | None = None,
    embedder: Embedder | None = None,
    name_finder: NameFinder | None = None,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> StoryAssigner:
    """The assigner for ``store``: its saved snapshot, caught up with the articles after it.

    Without a usable snapshot (none yet, another newsweave version or other
    options), the state is rebuilt from every stored article, which gives the
    same stories the articles already have when nothing else changed.
    ``on_total`` is told how many articles the catch-up will assign, before it starts.
    """
    fresh = StoryAssigner(
        cluster_options=cluster_options,
        dedup_options=dedup_options,
        embedder=embedder,
        name_finder=name_finder,
    )
    with store.open_state(STATE_NAME) as saved:
        usable = saved is not None and saved.format == fresh.format
        loaded = read_snapshot(_seekable(saved.data)) if saved is not None and usable else None
    if loaded is None:
        # Stories already stored may come from other code or options: rebuild
        # them all, in one transaction, rather than mix two assignments.
        catch_up(store, fresh, replace=store.last_seq() > 0, progress=progress, on_total=on_total)
        return fresh
    loaded.attach_models(embedder=embedder, name_finder=name_finder)
    catch_up(store, loaded, progress=progress, on_total=on_total)
    return loaded


def catch_up(
    store: Store,
    assigner: StoryAssigner,
    *,
    batch_size: int = 1000,
    replace: bool = False,
    progress: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> int:
    """Assign every stored article after ``assigner.upto_seq``; returns how many.

    With ``replace`` (a rebuild from the first article), all story data in the
    store is replaced in one transaction at the end, so readers see the old
    stories until the new ones are complete.
    """
    if on_total is not None:
        on_total(store.count_articles_after(assigner.upto_seq))
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
        save_assigner(store, assigner)
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
