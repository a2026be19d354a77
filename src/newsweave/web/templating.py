"""Jinja2 set-up: autoescape everywhere, and the few filters the templates use.

Article text is untrusted.  Templates never mark anything ``|safe``; the one
filter that returns markup (:func:`marked`) escapes the text first and adds
only its own ``<mark>`` elements.
"""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from newsweave.render.present import display_date
from newsweave.store.serving import SNIPPET_END, SNIPPET_START

__all__ = ["environment", "marked", "render", "render_text"]


def _when(value: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if not value:
        return "unknown"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if parsed.hour == 0 and parsed.minute == 0 and fmt == "%Y-%m-%d %H:%M":
        return parsed.strftime("%Y-%m-%d")
    return parsed.strftime(fmt)


def _span(first: str | None, last: str | None) -> str:
    start, end = _when(first, "%Y-%m-%d"), _when(last, "%Y-%m-%d")
    return start if start == end else f"{start} – {end}"


def marked(snippet: str) -> Markup:
    """A search snippet: escaped text, matched words in ``<mark>``."""
    text = str(escape(snippet))
    return Markup(text.replace(SNIPPET_START, "<mark>").replace(SNIPPET_END, "</mark>"))


def _highlight(snippet: str, marks: list[list[int]]) -> Markup:
    parts: list[str] = []
    at = 0
    for start, end in marks:
        parts.append(str(escape(snippet[at:start])))
        parts.append(f"<mark>{escape(snippet[start:end])}</mark>")
        at = end
    parts.append(str(escape(snippet[at:])))
    return Markup("".join(parts))


def _web_url(value: str | None) -> str | None:
    """``value`` if it is an http(s) URL, else ``None`` (no ``javascript:`` links)."""
    if not value:
        return None
    scheme = value.strip().split(":", 1)[0].casefold()
    return value.strip() if scheme in {"http", "https"} else None


def _initial(value: str) -> str:
    """``value`` with a capital first letter (rating and group values are stored as found:
    ``left``, ``lean left``), the rest as is."""
    return value[:1].upper() + value[1:]


def environment() -> jinja2.Environment:
    """The template environment (package templates, autoescape on)."""
    folder = resources.files("newsweave.web").joinpath("templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["initial"] = _initial
    env.filters["when"] = _when
    env.filters["highlight"] = _highlight
    env.filters["web_url"] = _web_url
    # The same wording as the Markdown/HTML briefs ("4 May, year unknown").
    env.filters["event_date"] = display_date
    env.globals["span"] = _span
    return env


_ENV = environment()


def render_text(request: Request, name: str, context: dict[str, Any]) -> str:
    """Template ``name`` rendered with ``context`` (plus ``request``)."""
    return _ENV.get_template(name).render(request=request, **context)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Template ``name`` rendered with ``context`` as a response."""
    return HTMLResponse(render_text(request, name, context), status_code=status)
