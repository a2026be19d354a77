"""Help that reads naturally: ``newsweave ingest [OPTIONS] INPUT...``, flags
without a ``<bool>`` type, arguments by their names without ``<list[str]>``.

Typer shows every parameter's Python type (``--json <bool>``) and wraps a
required argument in braces (``{inputs}...``).  :func:`tidy_help` swaps the
parameter classes of a built command tree for the subclasses below, which
only change how parameters are displayed; parsing is untouched.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

__all__ = ["TidyGroup", "tidy_help"]


class _Flag(TyperOption):
    """An on/off option: its name says it all, no ``<bool>``."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _NamedArgument(TyperArgument):
    """An argument shown by its name: ``INPUT...`` for many, ``[INPUT]`` if optional."""

    @property
    def display_name_raw(self) -> str:
        if self.metavar is not None:
            return self.metavar
        name = (self.name or "arg").upper()
        if self.nargs != 1 and name.endswith("S") and not name.endswith("SS"):
            name = name[:-1]  # INPUTS... -> INPUT...: each one is an input
        return name

    def _usage_display_name(self) -> str:
        name = self.display_name_raw + ("..." if self.nargs != 1 else "")
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _tidy_param(param: Any) -> None:
    if type(param) is TyperOption and param.is_flag and not param.count:
        param.__class__ = _Flag
    elif type(param) is TyperArgument:
        param.__class__ = _NamedArgument


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
