"""Storylines: stories of one saga are linked, other subjects are not (cluster/storyline.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from newsweave.cluster.assign import StoryAssigner, read_snapshot
from newsweave.cluster.storyline import StorylineLinker, StorylineOptions, saga_vector
from newsweave.errors import ConfigError
from newsweave.models import Article

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


def test_storylines_survive_the_snapshot() -> None:
    topics = [
        ("Tanker Aldora runs aground off Norhaven", "The tanker Aldora ran aground off Norhaven."),
        ("Norhaven salvage crews pump fuel from Aldora", "Crews pumped fuel from the Aldora."),
        ("Westby wins the regional cup final", "Westby beat Eastholm in the cup final."),
    ]
    assigner = StoryAssigner()
    for n, (title, body) in enumerate(topics):
        published = DAY + timedelta(days=4 * n)
        assigner.assign(
            Article(id=f"a{n}", key=f"a{n}", title=title, body=body, published=published)
        )
    assigner.changes()
    restored = read_snapshot(assigner.snapshot())
    assert restored is not None
    for n in range(len(topics)):
        assert restored.storyline_of(f"a{n}") == assigner.storyline_of(f"a{n}")
    late = Article(
        id="a9",
        key="a9",
        title="Aldora refloated at Norhaven",
        body="The Aldora was refloated.",
        published=DAY + timedelta(days=9),
    )
    assert restored.assign(late).story_id == assigner.assign(late).story_id
    assert restored.storyline_of("a9") == assigner.storyline_of("a9")


def test_a_story_is_looked_up_by_more_than_its_own_heaviest_words() -> None:
    # A comment piece's heaviest words are its own (the argument it makes); the
    # saga's words come after them.  Looked up by its 12 heaviest features only,
    # it never meets the saga's storyline; by 24, it does.
    saga = {f"saga{n:02d}": 1.0 - n / 40 for n in range(20)}
    own = {f"own{n:02d}": 1.0 - n / 40 for n in range(12)}
    comment = own | {f"saga{n:02d}": 0.6 - n / 40 for n in range(12)}
    placed = {}
    for terms in (12, 24):
        linker = StorylineLinker(options=StorylineOptions(query_terms=terms))
        first = linker.place("s1", saga_vector(saga), DAY)
        placed[terms] = linker.place("s2", saga_vector(comment), DAY + timedelta(days=1)) == first
    assert placed == {12: False, 24: True}
    assert StorylineOptions().query_terms == 24
