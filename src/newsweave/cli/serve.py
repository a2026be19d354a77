"""``newsweave serve``: the web app and the REST API on one uvicorn server."""

from __future__ import annotations

from typing import Annotated

import typer

from newsweave.cli.app import _state, app, err, reports_errors

__all__ = ["serve"]

_GRACEFUL_SECONDS = 3


@app.command()
@reports_errors
def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Address to listen on (default: server.host).")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port to listen on (default: server.port).", min=0)
    ] = None,
) -> None:
    """Serve the web pages and the REST API (/api/v1, docs at /docs) over the database."""
    import uvicorn

    from newsweave.web import create_app

    settings = _state(ctx).settings
    listen_host = host or settings.server.host
    listen_port = settings.server.port if port is None else port
    web_app = create_app(settings)
    err.print(
        f"newsweave serving {settings.db_path} at http://{listen_host}:{listen_port}/",
        markup=False,
    )
    # On SIGTERM, requests still running after a few seconds are cancelled, which
    # stops their database queries (newsweave.web.cancel): the server exits promptly.
    uvicorn.run(
        web_app,
        host=listen_host,
        port=listen_port,
        log_level="warning",
        timeout_graceful_shutdown=_GRACEFUL_SECONDS,
    )
