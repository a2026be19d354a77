"""``newsweave demo``: ingest the bundled sample corpus and write a report a person can open.

The report shows the stories first, each with its brief, then every article.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from newsweave.cli.app import _open, _print_failures, _state, app, out, reports_errors, run_ingest
from newsweave.errors import ConfigError

# Where the sample corpus lives in a checkout of the repository (``examples/seeds``), found
# from the working directory first and then relative to this file for editable installs.
_CORPUS = Path("examples") / "seeds"

# Briefs cost time per story; a demo corpus pointed at something big stays quick.
MAX_STORIES = 50


def _find_corpus(explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.exists():
            raise ConfigError(f"{explicit}: sample corpus not found")
        return explicit
    if _CORPUS.is_dir():
        return _CORPUS
    # An editable install run from elsewhere: the checkout is three levels up.
    candidate = Path(__file__).resolve().parents[3] / _CORPUS
    if candidate.is_dir():
        return candidate
    raise ConfigError(
        f"sample corpus {_CORPUS} not found; run from the newsweave checkout or pass --corpus DIR"
    )


@app.command()
@reports_errors
def demo(
    ctx: typer.Context,
    corpus: Annotated[
        Path | None, typer.Option(help="Folder of sample inputs (default: examples/seeds).")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Where to write the report.")] = Path(
        "demo-output"
    ),
) -> None:
    """Ingest the sample corpus into a SQLite file and write report.html and report.md
    (the stories with their briefs, then every article)."""
    from newsweave.pipeline.brief import iter_story_briefs
    from newsweave.render.report import render_report_html, render_report_markdown

    settings = _state(ctx).settings
    if not settings.store.db:
        # The demo keeps its database beside its report instead of the user's main one.
        settings = replace(
            settings, store=replace(settings.store, db=str(out_dir / "newsweave.db"))
        )
    corpus_dir = _find_corpus(corpus)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = run_ingest(settings, [str(corpus_dir)])
    _print_failures(summary.failures, hint="see `newsweave articles --failed`")
    with _open(settings) as store:
        articles = list(store.iter_articles())
        failures = [failure for _at, failure in store.iter_failures()]
        briefs = list(iter_story_briefs(store, limit=MAX_STORIES))
    title = f"newsweave demo: {len(articles)} articles from {corpus_dir}"
    (out_dir / "report.html").write_text(
        render_report_html(articles, failures, title=title, stories=briefs), "utf-8"
    )
    (out_dir / "report.md").write_text(
        render_report_markdown(articles, failures, title=title, stories=briefs), "utf-8"
    )
    out.print(
        f"{summary.new} new, {summary.duplicate} duplicate, {summary.failed} failed; "
        f"{len(briefs)} {'story' if len(briefs) == 1 else 'stories'} briefed; "
        f"database {settings.db_label}; "
        f"report {out_dir / 'report.html'} and {out_dir / 'report.md'}",
        markup=False,
    )
