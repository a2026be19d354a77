"""Brief stages as declarations: what each reads and what it adds, checked as they run.

spaCy's pipeline components are the model: each declares the attributes it
``requires`` and ``assigns``.  Here a :class:`BriefStage` names the
:class:`Part` values it reads and the ones it adds, and :func:`run_stages` runs
stages in order over one :class:`Parts` record, holding every stage to its
declaration:

* before a stage runs, every part it requires must be there, given by the
  caller or added by an earlier stage;
* a stage sees the record only through :class:`StageParts`, which lets it read
  the parts it requires and set the parts it assigns, each part once, and no
  others: a declaration cannot drift from what the stage really does;
* after it runs, every part it assigns must be set.

:func:`check_order` makes the first check from the declarations alone, without
running anything (what spaCy's ``analyze_pipes`` reports).  The brief's own
parts and stages are declared in :mod:`newsweave.brief.build`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

__all__ = ["BriefStage", "Part", "Parts", "StageParts", "check_order", "run_stages"]

T = TypeVar("T")
OptionsT = TypeVar("OptionsT")


@dataclass(frozen=True, slots=True)
class Part(Generic[T]):
    """The name of a value one brief stage adds and others read; ``T`` is the value's type."""

    name: str


class Parts:
    """The parts given or added so far in one run: each set once, read by its :class:`Part`."""

    def __init__(self) -> None:
        self._values: dict[str, object] = {}

    def __contains__(self, part: Part[Any]) -> bool:
        return part.name in self._values

    def get(self, part: Part[T]) -> T:
        """The value of ``part``; a :class:`LookupError` when it was not set."""
        try:
            value = self._values[part.name]
        except KeyError:
            raise LookupError(f"part {part.name!r} has not been set") from None
        # Set only through set(), which took a T for this very Part.
        return cast(T, value)

    def set(self, part: Part[T], value: T) -> None:
        """Set ``part``; a :class:`ValueError` when it is already set (parts are written once)."""
        if part.name in self._values:
            raise ValueError(f"part {part.name!r} is already set: a part is added by one stage")
        self._values[part.name] = value


class StageParts:
    """What one stage may touch: the parts it requires (to read) and assigns (to set)."""

    def __init__(self, parts: Parts, stage: BriefStage[Any]) -> None:
        self._parts = parts
        self._stage = stage

    def get(self, part: Part[T]) -> T:
        """The value of ``part``, which the stage must declare in ``requires``."""
        if part not in self._stage.requires:
            raise ValueError(
                f"brief stage {self._stage.name!r} reads {part.name!r}, "
                "which it does not declare in requires"
            )
        return self._parts.get(part)

    def set(self, part: Part[T], value: T) -> None:
        """Set ``part``, which the stage must declare in ``assigns``."""
        if part not in self._stage.assigns:
            raise ValueError(
                f"brief stage {self._stage.name!r} sets {part.name!r}, "
                "which it does not declare in assigns"
            )
        self._parts.set(part, value)


@dataclass(frozen=True, slots=True)
class BriefStage(Generic[OptionsT]):
    """One stage of the brief: a function of the parts it requires, setting those it assigns."""

    name: str
    run: Callable[[StageParts, OptionsT], None]
    """Reads its parts and sets its own through the :class:`StageParts` it is given."""
    requires: tuple[Part[Any], ...]
    assigns: tuple[Part[Any], ...]


def check_order(stages: Sequence[BriefStage[Any]], *, given: Iterable[Part[Any]] = ()) -> None:
    """Check that every stage's requirements come before it, from the declarations alone.

    Raises :class:`ValueError` naming the first stage that requires a part
    neither ``given`` nor an earlier stage adds, or that assigns a part
    already added.
    """
    added = {part.name for part in given}
    for stage in stages:
        missing = [part.name for part in stage.requires if part.name not in added]
        if missing:
            raise ValueError(_missing_message(stage, missing))
        again = [part.name for part in stage.assigns if part.name in added]
        if again:
            raise ValueError(
                f"brief stage {stage.name!r} assigns {', '.join(again)}, "
                "which an earlier stage or the caller already adds"
            )
        added.update(part.name for part in stage.assigns)


def run_stages(stages: Sequence[BriefStage[OptionsT]], parts: Parts, options: OptionsT) -> Parts:
    """Run ``stages`` in order over ``parts``, each held to its declaration (see module docs)."""
    for stage in stages:
        missing = [part.name for part in stage.requires if part not in parts]
        if missing:
            raise ValueError(_missing_message(stage, missing))
        stage.run(StageParts(parts, stage), options)
        unset = [part.name for part in stage.assigns if part not in parts]
        if unset:
            raise ValueError(
                f"brief stage {stage.name!r} did not set {', '.join(unset)}, "
                "which it declares in assigns"
            )
    return parts


def _missing_message(stage: BriefStage[Any], missing: list[str]) -> str:
    return (
        f"brief stage {stage.name!r} requires {', '.join(missing)}, "
        "which no earlier stage assigns: put the stage that assigns it first"
    )
