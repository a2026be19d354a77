"""Help that reads naturally: ``newsweave ingest [OPTIONS] INPUT...``, arguments by
their names, without braces and without a ``<str>`` type.

Typer (0.28, pinned in pyproject.toml: 0.29 builds a pydantic ``TypeAdapter`` per
parameter on every command, a fifth of a one-page ``newsweave extract``) shows an
argument by its parameter name in braces (``{inputs}...``) with its type
(``inputs <str>``).  :func:`tidy_help` swaps the argument classes of a built command
tree for the subclass below, which only changes how arguments are displayed; parsing
is untouched.  Flags show no ``<bool>`` in typer 0.28 already; the hooks of 0.29 are
kept too, so a venv installed before the pin shows the same help.
"""

from __future__ import annotations

import copy
import importlib
from typing import Any, cast

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

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

    # typer 0.29's hooks for the same display, so a venv that still has 0.29
    # (installed before the pin) shows the same help.
    def _usage_display_name(self) -> str:
        return self.make_metavar(None, usage=True)

    def _rich_display_name(self) -> str:
        return self.make_metavar(None)

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _typer_028_param_type() -> Any:
    """typer 0.28's ``ParamType`` (its own copy of click, no public name); None in 0.29."""
    try:
        return importlib.import_module("typer._click.types").ParamType
    except ImportError:
        return None


def _without_type_name(param_type: Any, base: Any) -> Any:
    """``param_type`` with an empty metavar, so the help shows no ``<str>`` beside the name.

    Only a type without a metavar of its own (typer 0.28 then shows ``<name>``) is
    replaced, by a copy: the type objects are shared between parameters.
    """
    if type(param_type).get_metavar is not base.get_metavar:
        return param_type  # a type that describes itself (a choice, ...): kept
    shown = copy.copy(param_type)
    shown.get_metavar = lambda param, ctx: ""
    return shown


class _Flag(TyperOption):
    """An on/off option: its name says it all, no ``<bool>`` (typer 0.29; 0.28 shows none)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _tidy_param(param: Any) -> None:
    if type(param) is TyperOption and param.is_flag and not param.count:
        param.__class__ = _Flag
    elif type(param) is TyperArgument:
        declared = param.metavar
        param.__class__ = _NamedArgument
        named = cast(_NamedArgument, param)
        named.declared_metavar = declared
        base = _typer_028_param_type()
        if base is not None:  # typer 0.28's rich help reads the name and type from these
            named.metavar = named.make_metavar(None)
            named.type = _without_type_name(named.type, base)


class _TidyCommand(TyperCommand):
    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        _tidy_param(option)
        return option


class TidyGroup(TyperGroup):
    """A group whose own ``--help`` option is shown without a type."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        _tidy_param(option)
        return option


def tidy_help(command: Any) -> None:
    """Tidy the help of ``command`` and of every command under it (in place)."""
    for param in command.params:
        _tidy_param(param)
    if type(command) is TyperCommand:
        command.__class__ = _TidyCommand
    elif type(command) is TyperGroup:
        command.__class__ = TidyGroup
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub)
