"""The brief as declared stages: one story doc, each stage held to what it reads and adds."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from brief_seeds import seed_articles
from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import ARTICLES, BRIEF_STAGES, DOC, BriefOptions, build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.brief.stages import (
    BriefStage,
    Part,
    Parts,
    StageParts,
    check_order,
    run_stages,
)
from newsweave.models import Brief

T = TypeVar("T")


def test_brief_stages_are_declared_in_order() -> None:
    check_order(BRIEF_STAGES, given=(ARTICLES,))
    assigned = [part.name for stage in BRIEF_STAGES for part in stage.assigns]
    assert len(assigned) == len(set(assigned)), "every part is added by one stage"
    brief_parts = {f.name for f in dataclasses.fields(Brief)} - {
        "story_id",
        "schema_version",
        "abstract",  # written later, on demand, by brief.llm
    }
    assert brief_parts <= set(assigned)


@pytest.mark.parametrize("stage", BRIEF_STAGES, ids=lambda stage: stage.name)
def test_a_stage_runs_on_exactly_what_it_declares(stage: BriefStage[BriefOptions]) -> None:
    options = BriefOptions()
    full = Parts()
    full.set(ARTICLES, seed_articles())
    run_stages(BRIEF_STAGES, full, options)
    # Given only its declared requirements, the stage adds what it added in the full run
    # (its StageParts would refuse any read it did not declare), and it reads them all.
    alone = _Recording()
    for part in stage.requires:
        alone.set(part, full.get(part))
    run_stages([stage], alone, options)
    assert alone.read == {part.name for part in stage.requires}
    for part in stage.assigns:
        assert _comparable(alone.get(part)) == _comparable(full.get(part)), part.name


class _Recording(Parts):
    """Parts that note which parts were read."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()

    def get(self, part: Part[T]) -> T:
        self.read.add(part.name)
        return super().get(part)


def _comparable(value: object) -> object:
    if isinstance(value, StoryAlignment):
        return (value.sentences, value.sources, value.similarity(range(len(value))).tolist())
    return value


@pytest.mark.parametrize(
    "stage",
    [stage for stage in BRIEF_STAGES if stage.requires != (ARTICLES,)],
    ids=lambda stage: stage.name,
)
def test_a_stage_before_what_it_requires_is_refused(stage: BriefStage[BriefOptions]) -> None:
    first = [stage, *(other for other in BRIEF_STAGES if other is not stage)]
    with pytest.raises(ValueError, match=rf"brief stage '{stage.name}' requires"):
        check_order(first, given=(ARTICLES,))
    parts = Parts()
    parts.set(ARTICLES, seed_articles())
    with pytest.raises(ValueError, match=rf"brief stage '{stage.name}' requires"):
        run_stages(first, parts, BriefOptions())


NUMBER: Part[int] = Part("number")
DOUBLE: Part[int] = Part("double")


def _stage(
    run: Callable[[StageParts, None], None], *, requires: tuple[Part[Any], ...] = ()
) -> BriefStage[None]:
    return BriefStage("toy", run, requires=requires, assigns=(DOUBLE,))


def _given() -> Parts:
    parts = Parts()
    parts.set(NUMBER, 21)
    return parts


def test_stage_parts_hold_a_stage_to_its_declaration() -> None:
    def double(parts: StageParts, options: None) -> None:
        parts.set(DOUBLE, 2 * parts.get(NUMBER))

    assert run_stages([_stage(double, requires=(NUMBER,))], _given(), None).get(DOUBLE) == 42
    with pytest.raises(ValueError, match="reads 'number', which it does not declare"):
        run_stages([_stage(double)], _given(), None)

    def sets_other(parts: StageParts, options: None) -> None:
        parts.set(DOUBLE, 0)
        parts.set(NUMBER, 0)

    with pytest.raises(ValueError, match="sets 'number', which it does not declare"):
        run_stages([_stage(sets_other)], _given(), None)

    def sets_nothing(parts: StageParts, options: None) -> None:
        return None

    with pytest.raises(ValueError, match="did not set double"):
        run_stages([_stage(sets_nothing)], _given(), None)
    twice = _stage(double, requires=(NUMBER,))
    with pytest.raises(ValueError, match="'double' is already set"):
        run_stages([twice, twice], _given(), None)
    with pytest.raises(ValueError, match="assigns double, which an earlier stage"):
        check_order([twice, twice], given=(NUMBER,))
    with pytest.raises(LookupError, match="'double' has not been set"):
        _given().get(DOUBLE)


def test_the_brief_is_what_the_stages_add() -> None:
    articles = seed_articles()
    parts = Parts()
    parts.set(ARTICLES, articles)
    run_stages(BRIEF_STAGES, parts, BriefOptions())
    brief = build_brief("s", articles)
    assert parts.get(DOC) == StoryDoc.from_articles(articles)
    for field in ("headline", "summary", "key_points", "timeline", "coverage"):
        part: Part[object] = Part(field)
        assert getattr(brief, field) == parts.get(part), field
