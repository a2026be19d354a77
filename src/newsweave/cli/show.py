"""``newsweave show`` and ``newsweave export``: briefs of stored stories.

``show`` prints the brief of one story (``--llm``: with an AI-written summary checked
against its sources, :mod:`newsweave.brief.llm`); ``export`` writes every story (most
recent first) with its brief as JSON, JSON Lines, Markdown, HTML or an RSS feed, with a
progress bar, building the briefs in ``--jobs`` processes.
"""

from __future__ import annotations

import dataclasses
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.app import _open, _progress, _state, app, out, reports_errors
from newsweave.errors import ConfigError, NewsweaveError

# The brief stages and renderers (numpy, scikit-learn) are imported by the
# commands: `newsweave --help` must not load them.

__all__ = ["ExportFormat", "ShowFormat", "export", "show"]


class ShowFormat(StrEnum):
    MD = "md"
    JSON = "json"
    HTML = "html"


class ExportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    MD = "md"
    HTML = "html"
    RSS = "rss"


@app.command()
@reports_errors
def show(
    ctx: typer.Context,
    story_id: Annotated[str, typer.Argument(metavar="STORY", help="Story id (see `stories`).")],
    output_format: Annotated[
        ShowFormat, typer.Option("--format", help="md (default), json or html.")
    ] = ShowFormat.MD,
    llm: Annotated[
        bool,
        typer.Option(
            "--llm", help="Add an AI-written summary from llm.base_url, checked against sources."
        ),
    ] = False,
) -> None:
    """Print the brief of a stored story: cited summary, key points, quotes, timeline, coverage."""
    from newsweave.brief.llm import api_key_from_env, endpoint_url, write_abstract
    from newsweave.http import HttpClient
    from newsweave.pipeline.brief import load_story_brief, story_brief_to_data
    from newsweave.render import render_brief_html, render_brief_markdown

    settings = _state(ctx).settings
    if llm:
        endpoint_url(settings.llm)  # a missing endpoint is reported before any work
    with _open(settings) as store:
        item = load_story_brief(store, story_id)
    if llm:
        with HttpClient.from_settings(settings) as client:
            written = write_abstract(
                item.brief,
                settings=settings.llm,
                api_key=api_key_from_env(settings.llm),
                client=client,
            )
        item = dataclasses.replace(item, brief=written)
    if output_format is ShowFormat.JSON:
        text = json.dumps(story_brief_to_data(item), ensure_ascii=False, indent=2)
    elif output_format is ShowFormat.HTML:
        text = render_brief_html(item)
    else:
        text = render_brief_markdown(item)
    typer.echo(text.rstrip("\n"))


_EXPORT_TITLE = "newsweave stories"


@app.command()
@reports_errors
def export(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="json, jsonl, md, html or rss.")
    ],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write here instead of standard output.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many stories.", min=1)] = None,
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources", help="Only stories with this many independent sources.", min=1
        ),
    ] = 1,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", help="rss: link each story to BASE_URL + id (e.g. http://host/stories/)."
        ),
    ] = None,
    title: Annotated[
        str,
        typer.Option(
            help="Title of the md/html document or feed (with --storyline: its name by default)."
        ),
    ] = _EXPORT_TITLE,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", help="Build the briefs in this many processes (same output).", min=1
        ),
    ] = 1,
    storyline: Annotated[
        str | None,
        typer.Option(
            "--storyline",
            help="Only this storyline's stories, in time order (see `stories --storylines`).",
        ),
    ] = None,
) -> None:
    """Write all stories (most recent first), or with --storyline one storyline's stories in
    time order, with their briefs: json, jsonl, md, html or rss."""
    from newsweave.pipeline.brief import count_story_briefs, iter_story_briefs, story_brief_to_data
    from newsweave.pipeline.storylines import get_storyline
    from newsweave.render import render_briefs_html, render_briefs_markdown, render_feed_rss

    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"--base-url {base_url!r}: give an http:// or https:// URL")
    settings = _state(ctx).settings
    with _open(settings) as store:
        total = count_story_briefs(store, limit=limit, min_sources=min_sources, storyline=storyline)
        if storyline is not None and title == _EXPORT_TITLE:
            line = get_storyline(store, storyline)
            title = (line.name if line is not None else None) or title
        with _progress("Briefing stories", total=total) as advance:
            items = list(
                iter_story_briefs(
                    store,
                    limit=limit,
                    min_sources=min_sources,
                    jobs=jobs,
                    progress=advance,
                    storyline=storyline,
                )
            )
    if output_format is ExportFormat.JSON:
        text = json.dumps([story_brief_to_data(i) for i in items], ensure_ascii=False, indent=2)
    elif output_format is ExportFormat.JSONL:
        text = "\n".join(json.dumps(story_brief_to_data(i), ensure_ascii=False) for i in items)
    elif output_format is ExportFormat.MD:
        text = render_briefs_markdown(items, title=title)
    elif output_format is ExportFormat.HTML:
        text = render_briefs_html(items, title=title)
    else:
        text = render_feed_rss(items, title=title, base_url=base_url)
    text = text.rstrip("\n") + "\n" if text else ""
    if out_file is None:
        typer.echo(text, nl=False)
        return
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise NewsweaveError(f"{out_file}: cannot write ({exc.strerror or exc})") from exc
    noun = "story" if len(items) == 1 else "stories"
    out.print(f"{len(items)} {noun} written to {out_file}", markup=False)
