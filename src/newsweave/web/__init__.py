"""The web app and REST API: server-rendered pages, ``.json`` twins, ``/api/v1``."""

from __future__ import annotations

from newsweave.web.app import create_app

__all__ = ["create_app"]
