"""``newsweave stories`` and ``newsweave recluster``: the stored stories."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from newsweave.cli.app import _open, _progress, _state, app, out, reports_errors
from newsweave.errors import NewsweaveError
from newsweave.models import Story, StorylineSummary

__all__ = ["recluster", "stories", "story_json"]

_ORDERS = ("recent", "largest", "oldest")
_ID_WIDTH = 8  # story ids are s000001...; a longer one only pushes its line


def story_json(story: Story) -> dict[str, Any]:
    """The JSON shape of a stored story (``stories --json``, and the API)."""
    from newsweave.store.serialise import story_to_data  # the store package: not at start-up

    return story_to_data(story)


def _day(story: Story | StorylineSummary) -> str:
    first = story.first_seen.date().isoformat() if story.first_seen else "?"
    last = story.last_seen.date().isoformat() if story.last_seen else "?"
    return first if first == last else f"{first}..{last}"


def storyline_json(line: StorylineSummary) -> dict[str, Any]:
    """The JSON shape of a storyline (``stories --storylines --json``, and the API)."""
    from newsweave.store.serialise import storyline_to_data  # the store package: not at start-up

    return storyline_to_data(line)


def _print_story(story: Story, *, as_json: bool) -> None:
    if as_json:
        out.print(json.dumps(story_json(story), ensure_ascii=False), markup=False)
    else:
        out.print(
            f"{story.id:<{_ID_WIDTH}}  {len(story.article_ids):>8}  "
            f"{story.independent_sources:>7}  {_day(story):<22}  {story.headline}",
            markup=False,
        )


def _print_story_header() -> None:
    out.print(
        f"{'story':<{_ID_WIDTH}}  {'articles':>8}  {'sources':>7}  "
        f"{'first..last seen':<22}  headline",
        markup=False,
    )


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
    storylines: Annotated[
        bool,
        typer.Option(
            "--storylines",
            help="List storylines instead: id, stories, articles, first/last seen, name.",
        ),
    ] = False,
    storyline: Annotated[
        str | None,
        typer.Option("--storyline", help="List the stories of this storyline in time order."),
    ] = None,
) -> None:
    """List stories: headline, articles, independent sources, first and last seen."""
    if order not in _ORDERS:
        raise typer.BadParameter(f"--order must be one of {', '.join(_ORDERS)}, not {order!r}")
    if storylines and storyline is not None:
        raise typer.BadParameter("give --storylines or --storyline ID, not both")
    settings = _state(ctx).settings
    with _open(settings) as store:
        if storylines:
            if not as_json:
                out.print(
                    f"{'storyline':<{_ID_WIDTH}}  {'stories':>7}  {'articles':>8}  "
                    f"{'first..last seen':<22}  name",
                    markup=False,
                )
            from newsweave.pipeline.storylines import iter_storylines  # loads the stages

            for line in iter_storylines(store, limit=limit):
                if as_json:
                    out.print(json.dumps(storyline_json(line), ensure_ascii=False), markup=False)
                else:
                    out.print(
                        f"{line.id:<{_ID_WIDTH}}  {line.stories:>7}  {line.articles:>8}  "
                        f"{_day(line):<22}  {line.name}",
                        markup=False,
                    )
            return
        if storyline is not None:
            found = store.storyline_stories(storyline)
            if not found:
                raise NewsweaveError(
                    f"no storyline {storyline!r}; see `newsweave stories --storylines`"
                )
            if not as_json:
                _print_story_header()
            for story in found[:limit]:
                _print_story(story, as_json=as_json)
            return
        if not as_json:
            _print_story_header()
        for story in store.iter_stories(limit=limit, order=order):
            _print_story(story, as_json=as_json)


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
