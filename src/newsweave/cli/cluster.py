"""``newsweave cluster``: the stateless batch form of story assignment (no database).

Articles are read in file order as a stream, extracted exactly as ``ingest``
extracts them, and assigned by the same :class:`~newsweave.cluster.assign.StoryAssigner`
(duplicate detection, then clustering).
Story ids are written once the stream is done, so an article whose story was
later merged into another reports the story it ended in.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from newsweave.cli.app import _print_failures, _state, app, out, reports_errors
from newsweave.errors import NewsweaveError

if TYPE_CHECKING:  # the clustering stack loads numpy: imported by the command
    from newsweave.pipeline.cluster import ClusterRun

__all__ = ["cluster", "write_rows"]


def write_rows(run: ClusterRun, stream: TextIO) -> None:
    """The command's output: one ``{"id", "story", "storyline"}`` JSON line per row;
    a row that repeats an earlier row's article (``ingest`` counts it a duplicate)
    also names that row (``"duplicate_of"``) and has its story; a row whose page is
    no article but a site's notice to its reader has ``"notice": true``."""
    for (row_id, story), line, earlier, notice in zip(
        run.rows, run.storylines, run.duplicate_of, run.notices, strict=True
    ):
        row: dict[str, str | bool | None] = {"id": row_id, "story": story, "storyline": line}
        if earlier is not None:
            row["duplicate_of"] = earlier
        if notice:
            row["notice"] = True
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")


@app.command()
@reports_errors
def cluster(
    ctx: typer.Context,
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help="JSONL articles (id, title, text or html, ...).")
    ],
    out_path: Annotated[
        Path | None, typer.Option("--out", help="Write the JSONL here instead of to stdout.")
    ] = None,
) -> None:
    """Assign articles to stories and storylines without a database: one {"id", "story",
    "storyline"} line per article."""
    from newsweave.cluster.assign import assigner_inputs
    from newsweave.pipeline.cluster import cluster_input

    settings = _state(ctx).settings
    run = cluster_input(input_path, settings=settings, **assigner_inputs(settings))
    _print_failures(run.failures, hint="fix or remove those records")
    if out_path is None:
        write_rows(run, sys.stdout)
    else:
        try:
            with out_path.open("w", encoding="utf-8") as stream:
                write_rows(run, stream)
        except OSError as exc:
            raise NewsweaveError(f"{out_path}: cannot write the output ({exc.strerror})") from exc
        out.print(
            f"{len(run.rows)} articles in {run.stories} stories ({run.merges} merges), "
            f"{len(run.failures)} failed; written to {out_path}",
            markup=False,
        )
    if run.failures and not any(story for _id, story in run.rows):
        raise typer.Exit(1)
