"""Storylines: stories of one saga are linked, other subjects are not (cluster/storyline.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from newsweave.cluster.storyline import StorylineLinker, StorylineOptions, saga_vector
from newsweave.errors import ConfigError

DAY = datetime(2020, 3, 1)


def test_saga_vector_drops_dates_and_numbers() -> None:
    saga = saga_vector({"@mar 3": 0.6, "#12": 0.6, "harbour": 0.3, "e:port authority": 0.4})
    assert set(saga) == {"harbour", "e:port authority"}
    assert abs(sum(w * w for w in saga.values()) - 1.0) < 1e-9


def test_a_later_story_of_the_saga_joins_its_storyline() -> None:
    linker = StorylineLinker()
    spill = saga_vector({"spill": 0.7, "rig": 0.5, "e:gulf": 0.5})
    hearing = saga_vector({"spill": 0.5, "hearing": 0.6, "e:gulf": 0.4})
    match = saga_vector({"goal": 0.7, "striker": 0.7})
    first = linker.place("s1", spill, DAY)
    assert linker.place("s2", hearing, DAY + timedelta(days=10)) == first
    assert linker.place("s3", match, DAY + timedelta(days=10)) != first
    # Too long after every article of the saga: a new storyline.
    assert linker.place("s4", hearing, DAY + timedelta(days=80)) != first
    linker.follow_split("s2", "s5")
    assert linker.line_of("s5") == first


def test_options_are_checked() -> None:
    with pytest.raises(ConfigError, match="gap"):
        StorylineOptions(gap=timedelta(0))
