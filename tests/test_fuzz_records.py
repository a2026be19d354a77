"""Any JSON record either becomes an article with a story and a brief, or fails alone.

Hostile field values (broken escapes, placeholder dates, malformed URLs, control
characters, wrong types) have each stopped a whole run before: an exception
other than a named input failure, raised from hashing, date arithmetic or URL
parsing.  Here hypothesis mixes them.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.brief.build import build_brief
from newsweave.cluster.assign import StoryAssigner
from newsweave.errors import InputError
from newsweave.extract import extract_article
from newsweave.ingest.jsonl import record_to_document
from newsweave.models import Article

BODY = (
    "The council voted on the budget on Tuesday after a long debate in the hall, "
    "officials said. Members argued about school funding and road repairs. "
)
HOSTILE = [
    "",
    " ",
    "\x00",
    "\ud800",
    "\udfff",
    "\u202e",
    "\ufeff",
    "http://[::1",
    "http://x.example:99999/",
    "javascript:alert(1)",
    "//",
    "9999-12-31T23:00:00-05:00",
    "0001-01-01T00:00:00+05:00",
    "Tuesday",
    "June 19",
    "2024-02-30",
    "NaN",
    "1e308",
    "<p>",
    "next Monday",
    "yesterday",
    "日本語",
    "😀",
]
FIELDS = ["id", "title", "url", "source", "published", "authors", "language", "topic"]
values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.lists(st.sampled_from(HOSTILE), max_size=3),
    st.fixed_dictionaries({"name": st.sampled_from(HOSTILE)}),
)
records = st.lists(
    st.fixed_dictionaries(
        {"text": st.tuples(st.integers(1, 3), st.sampled_from(HOSTILE))},
        optional=dict.fromkeys(FIELDS, values) | {"html": st.sampled_from(HOSTILE)},
    ),
    min_size=1,
    max_size=6,
)


def _record(draft: dict[str, Any]) -> dict[str, Any]:
    copies, tail = draft["text"]
    record = dict(draft, text=BODY * copies + tail)
    # Through JSON text, as a file or the API delivers it (escapes and all).
    return dict(json.loads(json.dumps(record)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_hostile_records_fail_alone(drafts: list[dict[str, Any]]) -> None:
    assigner = StoryAssigner()
    articles: list[Article] = []
    failures: list[str] = []
    for index, draft in enumerate(drafts):
        origin = f"f.jsonl:{index}"
        try:
            article = extract_article(record_to_document(_record(draft), origin=origin))
        except InputError as exc:
            failures.append(str(exc))
            continue
        assignment = assigner.assign(article)
        assert assignment.story_id
        articles.append(article)
    # A failure names its record.
    assert all(message.startswith("f.jsonl:") for message in failures), failures
    for story in {assigner.story_of(article.id) for article in articles}:
        members = [article for article in articles if assigner.story_of(article.id) == story]
        brief = build_brief(story, members)
        assert brief.story_id == story
