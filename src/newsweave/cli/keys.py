"""``newsweave keys``: API keys for the write endpoints of ``newsweave serve``."""

from __future__ import annotations

from typing import Annotated

import typer

from newsweave.cli.app import _open, _state, app, out, reports_errors
from newsweave.errors import NewsweaveError

__all__ = ["keys_app"]

keys_app = typer.Typer(
    help="API keys: create (printed once, stored as a salted hash), list, revoke.",
    no_args_is_help=True,
)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
@reports_errors
def create(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="A name to know the key by.")]
) -> None:
    """Create a key and print it (it cannot be shown again)."""
    # Creates the database too: a server fed only through the ingest API starts here.
    with _open(_state(ctx).settings, create=True) as store:
        key = store.create_api_key(name)
    out.print(key, markup=False)


@keys_app.command("list")
@reports_errors
def list_keys(ctx: typer.Context) -> None:
    """List keys: name, prefix, created, revoked."""
    with _open(_state(ctx).settings) as store:
        for info in store.list_api_keys():
            revoked = f"revoked {info.revoked_at:%Y-%m-%d}" if info.revoked_at else "active"
            out.print(
                f"{info.name}  {info.prefix}…  created {info.created_at:%Y-%m-%d}  {revoked}",
                markup=False,
            )


@keys_app.command("revoke")
@reports_errors
def revoke(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="The key's name.")]
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    with _open(_state(ctx).settings) as store:
        if not store.revoke_api_key(name):
            raise NewsweaveError(f"no active API key called {name!r}")
    out.print(f"revoked {name}", markup=False)
