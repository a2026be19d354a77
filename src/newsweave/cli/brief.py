"""``newsweave brief``: the stateless brief of one input taken as one story (no database).

Articles are read and extracted exactly as ``ingest`` reads and extracts them;
all of them form one story.  ``--format text`` prints only the summary, cut at
``--max-words`` words; ``json`` prints the brief in its schema
(``docs/brief-schema.md``); ``md`` and ``html`` print a readable brief.
``--llm`` adds an AI-written summary from the configured endpoint
(:mod:`newsweave.brief.llm`), every sentence checked against its sources.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from newsweave.cli.app import _print_failures, _state, app, reports_errors
from newsweave.errors import NewsweaveError

__all__ = ["BriefFormat", "brief"]


class BriefFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    HTML = "html"


@app.command()
@reports_errors
def brief(
    ctx: typer.Context,
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help="JSONL articles (id, title, text or html, ...).")
    ],
    max_words: Annotated[
        int | None,
        typer.Option(
            "--max-words",
            min=1,
            help="Word budget of the summary (default: the brief's).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        BriefFormat, typer.Option("--format", help="text (summary only), json, md or html.")
    ] = BriefFormat.TEXT,
    llm: Annotated[
        bool,
        typer.Option(
            "--llm", help="Add an AI-written summary from llm.base_url, checked against sources."
        ),
    ] = False,
) -> None:
    """Brief all articles of INPUT as one story: cited summary, key points, quotes, timeline."""
    # Imported here, not with the module: the brief stages pull numpy and
    # scikit-learn, which `newsweave --help` must not load.
    from newsweave.brief.build import BriefOptions
    from newsweave.brief.llm import api_key_from_env, endpoint_url, write_abstract
    from newsweave.brief.serialise import brief_to_data
    from newsweave.brief.summary import SummaryOptions
    from newsweave.http import HttpClient
    from newsweave.pipeline.brief import brief_input
    from newsweave.render import render_brief_html, render_brief_markdown, render_brief_text

    if max_words is None:
        max_words = SummaryOptions().max_words
    settings = _state(ctx).settings
    if llm:
        endpoint_url(settings.llm)  # a missing endpoint is reported before any work
    options = BriefOptions(summary=SummaryOptions(max_words=max_words))
    run = brief_input(input_path, settings=settings, options=options)
    _print_failures(run.failures, hint="fix or remove those records")
    if run.brief is None:
        raise NewsweaveError(f"{input_path}: no article text found, nothing to brief")
    if llm:
        with HttpClient.from_settings(settings) as client:
            run.brief = write_abstract(
                run.brief,
                settings=settings.llm,
                api_key=api_key_from_env(settings.llm),
                client=client,
            )
    if output_format is BriefFormat.TEXT:
        text = render_brief_text(run.brief, max_words=max_words)
    elif output_format is BriefFormat.JSON:
        text = json.dumps(brief_to_data(run.brief), ensure_ascii=False, indent=2)
    elif output_format is BriefFormat.MD:
        text = render_brief_markdown(run.brief)
    else:
        text = render_brief_html(run.brief)
    typer.echo(text.rstrip("\n"))
