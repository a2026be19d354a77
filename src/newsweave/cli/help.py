"""Help that reads naturally: ``newsweave ingest [OPTIONS] INPUT...``, arguments by
their names, without braces and without a ``<str>`` type.

Typer (0.28, pinned in pyproject.toml: 0.29 builds a pydantic ``TypeAdapter`` per
parameter on every command, a fifth of a one-page ``newsweave extract``) shows an
argument by its parameter name in braces (``{inputs}...``) with its type
(``inputs <str>``).  :func:`tidy_help` swaps the argument classes of a built command
tree for the subclass below, which only changes how arguments are displayed; parsing
is untouched.  Flags show no ``<bool>`` in typer 0.28 already.
"""

from __future__ import annotations

import copy
from typing import Any, cast

from typer._click.types import ParamType  # typer's own click: no public name for it
from typer.core import TyperArgument, TyperGroup

__all__ = ["TidyGroup", "tidy_help"]


class _NamedArgument(TyperArgument):
    """An argument shown by its name: ``INPUT...`` for many, ``[INPUT]`` if optional."""

    declared_metavar: str | None = None
    """The ``metavar=`` the command gave, if any (``metavar`` itself holds the display)."""

    @property
    def display_name_raw(self) -> str:
        if self.declared_metavar is not None:
            return self.declared_metavar
        name = (self.name or "arg").upper()
        if self.nargs != 1 and name.endswith("S") and not name.endswith("SS"):
            name = name[:-1]  # INPUTS... -> INPUT...: each one is an input
        return name

    @property
    def human_readable_name(self) -> str:
        return self.display_name_raw  # "Missing argument 'INPUT'."

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        name = self.display_name_raw + ("..." if self.nargs != 1 else "")
        return f"[{name}]" if usage and not self.required else name


def _without_type_name(param_type: Any) -> Any:
    """``param_type`` with an empty metavar, so the help shows no ``<str>`` beside the name.

    Only a type without a metavar of its own (typer then shows ``<name>``) is
    replaced, by a copy: the type objects are shared between parameters.
    """
    if type(param_type).get_metavar is not ParamType.get_metavar:
        return param_type  # a type that describes itself (a choice, ...): kept
    shown = copy.copy(param_type)
    shown.get_metavar = lambda param, ctx: ""
    return shown


def _tidy_param(param: Any) -> None:
    if type(param) is TyperArgument:
        declared = param.metavar
        param.__class__ = _NamedArgument
        named = cast(_NamedArgument, param)
        named.declared_metavar = declared
        named.metavar = named.make_metavar(None)  # the name column of the rich help
        named.type = _without_type_name(named.type)


class TidyGroup(TyperGroup):
    """The group class whose command tree :func:`tidy_help` tidies."""


def tidy_help(command: Any) -> None:
    """Tidy the help of ``command`` and of every command under it (in place)."""
    for param in command.params:
        _tidy_param(param)
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub)
