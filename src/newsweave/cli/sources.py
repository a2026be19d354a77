"""``newsweave sources``: the user's source registry (country, type, owner, bias ratings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsweave.brief.serialise import source_to_data
from newsweave.cli.app import _open, _state, app, out, reports_errors
from newsweave.models import Source
from newsweave.sources import load_registry

__all__ = ["import_sources", "list_sources", "source_json", "sources_app"]

sources_app = typer.Typer(
    help="The source registry: what is known about each outlet.", no_args_is_help=True
)
app.add_typer(sources_app, name="sources")


def source_json(source: Source) -> dict[str, object]:
    """The JSON shape of a registry entry (the one briefs use for coverage outlets)."""
    return source_to_data(source)


@sources_app.command("import")
@reports_errors
def import_sources(
    ctx: typer.Context,
    registry: Annotated[
        Path, typer.Argument(help="CSV (name,domain,country,type,owner,bias,bias_rater) or TOML.")
    ],
) -> None:
    """Load a registry file into the database (entries with the same name are replaced)."""
    settings = _state(ctx).settings
    loaded = load_registry(registry)
    with _open(settings, create=True) as store:
        count = store.save_sources(list(loaded))
    out.print(f"{count} sources imported from {registry}", markup=False)


@sources_app.command("list")
@reports_errors
def list_sources(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the registry entries."""
    settings = _state(ctx).settings
    with _open(settings) as store:
        for source in store.iter_sources():
            if as_json:
                out.print(json.dumps(source_json(source), ensure_ascii=False), markup=False)
                continue
            ratings = ", ".join(f"{r.rater}: {r.value}" for r in source.bias_ratings) or "-"
            out.print(
                f"{source.name:<28.28} {source.type.value:<10} {source.country or '?':<8} "
                f"{source.owner or '?':<20.20} {ratings}",
                markup=False,
            )
