"""``newsweave serve``: the web app and the REST API on one uvicorn server.

With ``--workers N`` uvicorn runs N processes on one port; each builds the app
from the same settings (handed over in :data:`SETTINGS_ENV`) and opens its own
database connections.  Several processes share a PostgreSQL database best
(writes queue on its write lock); on SQLite they queue on the file's lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
from typing import TYPE_CHECKING, Annotated

import typer

from newsweave.cli.app import _state, app, err, reports_errors, require_database
from newsweave.config import settings_from_data

if TYPE_CHECKING:
    import socket
    from collections.abc import Callable

    import uvicorn
    from fastapi import FastAPI

__all__ = ["SETTINGS_ENV", "app_from_environment", "serve"]

SETTINGS_ENV = "NEWSWEAVE_SERVE_SETTINGS"
"""The environment variable that hands the settings (JSON) to worker processes."""


def app_from_environment() -> FastAPI:
    """The app of one worker process (uvicorn's factory with ``--workers``)."""
    from newsweave.web import create_app

    web_app = create_app(settings_from_data(json.loads(os.environ[SETTINGS_ENV])))
    _freeze_start_up()
    return web_app


def _freeze_start_up() -> None:
    """Leave what start-up made (modules, the app, word lists: ~100,000 objects) out of
    the garbage collector's full passes: each full pass stops every request thread, and
    it took ~50 ms of CPU over them (several times that in wall time on a busy machine)."""
    gc.collect()
    gc.freeze()


_GRACEFUL_SECONDS = 3


def _announcing_server(config: uvicorn.Config, announce: Callable[[], None]) -> uvicorn.Server:
    """A uvicorn server that calls ``announce`` once its port accepts connections.

    uvicorn logs its own "running on" line only at info level; newsweave keeps uvicorn
    at warning and says where it serves itself, after start-up (app lifespan and the
    listening socket), so a client that reads the line can connect at once.
    """
    import uvicorn

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                announce()

    return _Server(config)


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
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes sharing the port (more than one suits a PostgreSQL --db).",
            min=1,
        ),
    ] = 1,
) -> None:
    """Serve the web pages and the REST API (/api/v1, docs at /docs) over the database."""
    import uvicorn

    from newsweave.store import open_store
    from newsweave.web import create_app

    settings = _state(ctx).settings
    require_database(settings)
    listen_host = host or settings.server.host
    listen_port = settings.server.port if port is None else port
    if workers == 1:
        web_app = create_app(settings)
        _freeze_start_up()
    else:
        open_store(settings.db_target).close()  # a bad database fails here, with its message
    address = f"newsweave serving {settings.db_label} at http://{listen_host}:{listen_port}/"
    # On SIGTERM, requests still running after a few seconds are cancelled, which
    # stops their database queries (newsweave.web.cancel): the server exits promptly.
    if workers == 1:
        config = uvicorn.Config(
            web_app,
            host=listen_host,
            port=listen_port,
            log_level="warning",
            timeout_graceful_shutdown=_GRACEFUL_SECONDS,
        )
        server = _announcing_server(config, lambda: err.print(address, markup=False))
        # uvicorn re-raises the Ctrl-C it caught once it has shut down.
        with contextlib.suppress(KeyboardInterrupt):
            server.run()
        if not server.started:  # the port was taken, say: uvicorn logged why
            raise typer.Exit(1)
        return
    # Several workers: uvicorn's supervisor starts them after this line; each
    # listens once its app is built.
    err.print(f"{address} with {workers} worker processes", markup=False)
    os.environ[SETTINGS_ENV] = json.dumps(dataclasses.asdict(settings))
    uvicorn.run(
        "newsweave.cli.serve:app_from_environment",
        factory=True,
        host=listen_host,
        port=listen_port,
        workers=workers,
        log_level="warning",
        timeout_graceful_shutdown=_GRACEFUL_SECONDS,
    )
