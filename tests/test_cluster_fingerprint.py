"""Event fingerprints (title or lead: what happened, who, when) and how the clusterer uses them."""

from __future__ import annotations

import math
import pickle
from datetime import datetime

import pytest

from newsweave.cluster import ClusterOptions, FeatureOptions, StoryClusterer
from newsweave.cluster.features import dot
from newsweave.cluster.fingerprint import EVENT_KEY, event_counts, event_vector, lead_sentence
from newsweave.cluster.scoring import link_score, link_vector
from newsweave.cluster.state import Member
from newsweave.errors import ConfigError
from newsweave.models import Article


def _article(number: int, title: str | None, body: str, published: datetime) -> Article:
    return Article(id=f"f{number}", key=f"k{number}", title=title, body=body, published=published)


def _fingerprint(article: Article) -> dict[str, float]:
    found = event_counts(article, options=FeatureOptions())
    return event_vector(found, {})


def test_a_weekday_resolves_to_the_date_and_inflections_fold_together() -> None:
    # Thursday 2021-03-11: "Tuesday" is March 9; the other report names the date.
    one = _article(1, "Council charges mayor on Tuesday", "Body.", datetime(2021, 3, 11, 12))
    other = _article(2, "Mayor charged by council on March 9", "Body.", datetime(2021, 3, 12, 9))
    first, second = _fingerprint(one), _fingerprint(other)
    for key in ("@mar 9", "charg"):
        assert EVENT_KEY + key in first
        assert EVENT_KEY + key in second
    assert EVENT_KEY + "tuesday" not in first
    assert math.isclose(math.sqrt(sum(w * w for w in first.values())), 1.0)
    unrelated = _article(3, "Storm floods coastal towns", "Body.", datetime(2021, 3, 11))
    assert dot(first, second) > 0.5 > dot(first, _fingerprint(unrelated))


def test_without_a_title_the_lead_sentence_is_read() -> None:
    body = "Short. A storm flooded three coastal towns overnight, officials said. More follows."
    assert lead_sentence(body) == "A storm flooded three coastal towns overnight, officials said."
    article = _article(4, None, body, datetime(2021, 3, 11))
    assert EVENT_KEY + "storm" in _fingerprint(article)


def test_a_link_vector_with_the_fingerprint_blends_its_cosine() -> None:
    vector = {"storm": 0.8, "town": 0.6}
    event = {EVENT_KEY + "storm": 1.0}
    plain = link_vector(vector, {}, names_weight=0.5)
    blended = link_vector(vector, {}, names_weight=0.5, event=event, event_weight=0.25)
    # Without names the plain part holds 1 - names_weight; the fingerprint adds its share.
    assert math.isclose(dot(plain, plain), 0.5)
    assert math.isclose(dot(blended, blended), 0.5 + 0.25)
    member = Member("m", blended, None, None, None)
    # The member's own features are read back without the fingerprint part.
    assert member.vector().keys() == vector.keys()


def test_event_weight_must_be_a_share_below_one() -> None:
    with pytest.raises(ConfigError, match="event_weight"):
        ClusterOptions(event_weight=1.0)
    with pytest.raises(ConfigError, match="event_weight"):
        ClusterOptions(event_weight=-0.1)


def test_with_an_event_weight_members_carry_their_fingerprint_and_it_raises_the_score() -> None:
    day = datetime(2021, 3, 11, 10)
    bodies = (
        "Dockers in Eastport walked out on Thursday over pay, closing the harbour.",
        "The Eastport harbour closed as dockers walked out over a pay offer.",
        "Eastport dockers left the quays on Thursday in a dispute over pay.",
    )
    first = [
        _article(10 + n, "Eastport dockers strike over pay", body, day)
        for n, body in enumerate(bodies)
    ]
    later = _article(
        20, "Dockers strike in Eastport", "Union leaders met the port board in Eastport.", day
    )
    scores = {}
    for weight in (0.0, 0.6):
        options = ClusterOptions(event_weight=weight)
        clusterer = StoryClusterer(options=options)
        for article in first:
            clusterer.assign(article)
        story = clusterer._stories[clusterer.story_of(first[0].id)]
        carried = [key for key in story.members[0].link if key.startswith(EVENT_KEY)]
        assert bool(carried) == (weight > 0)
        assert not any(key.startswith(EVENT_KEY) for key in story.members[0].vector())
        restored = pickle.loads(pickle.dumps(clusterer))
        assert clusterer.assign(later) == restored.assign(later) == story.id
        event = event_vector(event_counts(later, options=FeatureOptions()), {})
        link = link_vector(
            {"eastport": 0.8, "docker": 0.6},
            {"eastport": 0.8},
            names_weight=options.names_weight,
            event=event,
            event_weight=weight,
        )
        scores[weight] = link_score(story, 0.3, link, options)
    # The titles tell one event: the member score rises by the fingerprint's share.
    assert scores[0.6] > scores[0.0] + 0.1
