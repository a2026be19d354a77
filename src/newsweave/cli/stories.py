"""``newsweave stories`` and ``newsweave recluster``: the stored stories."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from newsweave.cli.app import _open, _progress, _state, app, out, reports_errors
from newsweave.models import Story

__all__ = ["recluster", "stories", "story_json"]

_ORDERS = ("recent", "largest", "oldest")


def story_json(story: Story) -> dict[str, Any]:
    """The JSON shape of a stored story (``stories --json``, and the API)."""
    from newsweave.store.serialise import story_to_data  # the store package: not at start-up

    return story_to_data(story)


def _day(story: Story) -> str:
    first = story.first_seen.date().isoformat() if story.first_seen else "?"
    last = story.last_seen.date().isoformat() if story.last_seen else "?"
    return first if first == last else f"{first}..{last}"


@app.command()
@reports_errors
def stories(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.", min=1)] = None,
    order: Annotated[
        str,
        typer.Option(help="recent (newest first), largest (most sources first) or oldest."),
    ] = "recent",
) -> None:
    """List stories: headline, articles, independent sources, first and last seen."""
    if order not in _ORDERS:
        raise typer.BadParameter(f"--order must be one of {', '.join(_ORDERS)}, not {order!r}")
    settings = _state(ctx).settings
    with _open(settings) as store:
        for story in store.iter_stories(limit=limit, order=order):
            if as_json:
                out.print(json.dumps(story_json(story), ensure_ascii=False), markup=False)
            else:
                out.print(
                    f"{story.id}  {len(story.article_ids):>4} art  "
                    f"{story.independent_sources:>3} src  {_day(story):<22}  {story.headline}",
                    markup=False,
                )


@app.command()
@reports_errors
def recluster(ctx: typer.Context) -> None:
    """Rebuild all stories and copy links from the stored articles, in store order."""
    from newsweave.cluster.assign import assigner_inputs  # numpy: not at start-up
    from newsweave.pipeline.stories import recluster_store

    settings = _state(ctx).settings
    with _open(settings) as store:
        total = store.count_articles()
        inputs = assigner_inputs(settings)
        with _progress("Reclustering", total=total) as advance:
            recluster_store(store, progress=advance, **inputs)
        count = store.count_stories()
    out.print(f"{total} articles in {count} stories", markup=False)
