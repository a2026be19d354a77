"""The stateless cluster flow (``newsweave cluster``): one input clustered as a stream, no database.

Articles are read in file order, extracted exactly as ``ingest`` extracts them,
and assigned by :class:`~newsweave.cluster.assign.StoryAssigner` (duplicate detection,
then :class:`~newsweave.cluster.StoryClusterer`), as ``ingest`` does.  Story ids are
resolved once the stream is done, so an article whose story was later merged
into another reports the story it ended in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.cluster.assign import StoryAssigner
from newsweave.cluster.embeddings import Embedder
from newsweave.cluster.ner import NameFinder
from newsweave.cluster.options import ClusterOptions, cluster_options_from_settings
from newsweave.config import Settings
from newsweave.extract import extract_each
from newsweave.ingest import read_inputs
from newsweave.models import InputFailure

__all__ = ["ClusterRun", "cluster_input"]


@dataclass(slots=True)
class ClusterRun:
    """What :func:`cluster_input` found: one row per readable record, in input order."""

    rows: list[tuple[str, str | None]] = field(default_factory=list)
    """``(record id, story id)``; the story is ``None`` when the record held no article
    text or could not be read (a record without a readable id has no row)."""
    storylines: list[str | None] = field(default_factory=list)
    """The storyline of each row's story (``None`` where the story is), row by row."""
    duplicate_of: list[str | None] = field(default_factory=list)
    """Row by row, the id of the earlier row whose article this row repeats (the same
    article key: the same canonical address, or no address and the same text), else
    ``None``.  ``ingest`` stores such a record once, as the earlier row's article, and
    counts it a duplicate; here it is the earlier row's article too, with its story."""
    notices: list[bool] = field(default_factory=list)
    """Row by row, whether the row's article is no article but a site's notice to its
    reader (:mod:`~newsweave.cluster.notice`), kept in a story of its own."""
    failures: list[InputFailure] = field(default_factory=list)
    stories: int = 0
    merges: int = 0


def cluster_input(
    input_path: str,
    *,
    settings: Settings,
    cluster_options: ClusterOptions | None = None,
    embedder: Embedder | None = None,
    name_finder: NameFinder | None = None,
) -> ClusterRun:
    """Assign the articles of one JSONL (or any readable) input to stories, in file order.

    Extraction and story assignment are the ones ``ingest`` uses (duplicate
    detection, then clustering: :class:`~newsweave.cluster.assign.StoryAssigner`), only
    in memory.  The row id is the record's ``id`` field, else the article id.
    """
    assigner = StoryAssigner(
        cluster_options=cluster_options or cluster_options_from_settings(settings),
        embedder=embedder,
        name_finder=name_finder,
    )
    run = ClusterRun()
    pending: list[tuple[str, str | None]] = []
    first_row: dict[str, str] = {}
    for item, result in extract_each(read_inputs([input_path], settings=settings)):
        record_id = item.record_id if item is not None else None
        if isinstance(result, InputFailure):
            # A record that could not even be read still gets its row when its id
            # is known (a line that is not JSON has none).
            record_id = record_id or result.record_id
            run.failures.append(result)
            if record_id is not None:
                pending.append((record_id, None))
                run.duplicate_of.append(None)
            continue
        row_id = record_id or result.id
        earlier = first_row.get(result.id)
        if earlier is None:
            first_row[result.id] = row_id
            assigner.assign(result)
        # else: the article of an earlier row (ingest's duplicate): not assigned again.
        pending.append((row_id, result.id))
        run.duplicate_of.append(earlier)
    run.rows = [
        (row_id, assigner.story_of(article_id) if article_id is not None else None)
        for row_id, article_id in pending
    ]
    run.storylines = [
        assigner.storyline_of(article_id) if article_id is not None else None
        for _row_id, article_id in pending
    ]
    run.notices = [
        article_id is not None and assigner.is_notice(article_id) for _row_id, article_id in pending
    ]
    run.stories = assigner.story_count
    run.merges = assigner.merge_count
    return run
