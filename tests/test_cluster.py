"""Story clustering: features, index, the incremental clusterer and ``newsweave cluster``."""

from __future__ import annotations

import json
import math
import pickle
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.cluster import ClusterOptions, FeatureOptions, StoryClusterer
from newsweave.cluster.features import DocumentFrequencies, count_features
from newsweave.cluster.index import StoryIndex
from newsweave.cluster.options import cluster_options_from_settings
from newsweave.cluster.split import neighbour_partition
from newsweave.config import ClusterSettings, Settings
from newsweave.errors import ConfigError
from newsweave.evaluation import bcubed
from newsweave.extract import extract_article
from newsweave.models import Article, RawDocument
from newsweave.pipeline.cluster import cluster_input


def _article(number: int, title: str, body: str, *, published: datetime | None = None) -> Article:
    return Article(
        id=f"a{number:04d}",
        key=f"test:{number}",
        title=title,
        body=body,
        outlet=f"Outlet {number % 3}",
        published=published,
    )


QUAKE_A = (
    "A magnitude 6.1 earthquake struck near Lorvik in Westmark on Tuesday, killing 14 people. "
    "Rescue teams in Lorvik searched collapsed buildings, Governor Anna Brandt said. "
    "The Westmark Geological Survey put the depth at 10 kilometres."
)
QUAKE_B = (
    "A magnitude 7.3 earthquake hit the coast of Pemara on Sunday, killing 212 people. "
    "President Tomas Okoro of Pemara declared an emergency as rescue teams searched collapsed "
    "buildings. The Pemara Seismic Institute recorded 40 aftershocks."
)


def _variants(base: str, start: int, count: int) -> list[Article]:
    sentences = base.split(". ")
    articles = []
    for i in range(count):
        # Each report words the event a little differently: rotate and drop a sentence.
        order = sentences[i % len(sentences) :] + sentences[: i % len(sentences)]
        body = ". ".join(order[: len(order) - (i % 2)])
        articles.append(_article(start + i, order[0][:60], body))
    return articles


def test_features_weigh_names_numbers_and_dates() -> None:
    article = _article(
        1, "Quake in Lorvik", "Officials said on May 3 that Anna Brandt saw 14 dead."
    )
    found = count_features(article, options=FeatureOptions())
    assert "e:anna brandt" in found.counts
    assert "#14" in found.counts
    assert "@may 3" in found.counts
    assert found.boosts["brandt"] > 1.0
    # Sentence-initial capitals and calendar words are no names.
    assert found.boosts.get("official", 1.0) == 1.0
    assert found.boosts.get("may", 1.0) == 1.0
    # Title words count more than body words.
    assert found.counts["lorvik"] == FeatureOptions().title_weight


def test_headline_style_title_names_only_body_names() -> None:
    # Every word of a headline-style title is capitalised: only the words the body
    # uses as names are names there.
    article = _article(2, "Rescue Teams Search Lorvik Ruins", QUAKE_A)
    found = count_features(article, options=FeatureOptions())
    assert found.boosts["lorvik"] > 1.0
    assert found.boosts.get("ruin", 1.0) == 1.0
    assert found.boosts.get("search", 1.0) == 1.0
    assert "e:governor anna brandt" in found.counts


def test_body_is_read_to_body_chars() -> None:
    tail = " Later the Kavros Dam was inspected."
    article = _article(3, "Quake", QUAKE_A + tail)
    assert "kavro" in count_features(article, options=FeatureOptions()).counts
    short = FeatureOptions(body_chars=len(QUAKE_A))
    assert "kavro" not in count_features(article, options=short).counts


def test_idf_is_learnt_from_the_stream() -> None:
    frequencies = DocumentFrequencies()
    frequencies.add({"quake", "lorvik"})
    frequencies.add({"quake", "pemara"})
    assert frequencies.idf("lorvik") > frequencies.idf("quake")
    assert frequencies.idf("unseen") > frequencies.idf("lorvik")


def test_index_caps_posting_lists_and_keeps_the_freshest() -> None:
    index = StoryIndex(posting_cap=2)
    for story in ("s1", "s2", "s3"):
        index.add(story, ["quake"])
    assert index.candidates({"quake": 1.0}, limit=10) == ["s3", "s2"]
    index.add("s1", ["lorvik"])
    assert index.candidates({"quake": 1.0, "lorvik": 1.0}, limit=1) == ["s1"]
    with pytest.raises(ValueError, match="posting_cap"):
        StoryIndex(posting_cap=0)


def test_two_events_of_the_same_kind_stay_apart() -> None:
    articles = _variants(QUAKE_A, 0, 5) + _variants(QUAKE_B, 100, 5)
    # Interleave the two streams as a news feed would.
    stream = [a for pair in zip(articles[:5], articles[5:], strict=True) for a in pair]
    clusterer = StoryClusterer()
    clusterer.assign_many(stream)
    stories = {clusterer.story_of(a.id) for a in articles[:5]}
    others = {clusterer.story_of(a.id) for a in articles[5:]}
    assert len(stories) == 1
    assert len(others) == 1
    assert stories != others
    assert [len(s.article_ids) for s in clusterer.stories()] == [5, 5]


def test_neighbour_partition_cuts_two_groups_apart() -> None:
    one = [{"quake": 0.6, "lorvik": 0.8}, {"quake": 0.6, "lorvik": 0.7, "brandt": 0.4}]
    other = [{"quake": 0.6, "pemara": 0.8}, {"quake": 0.6, "pemara": 0.7, "okoro": 0.4}]
    part = neighbour_partition(one * 2 + other * 2, neighbours=2)
    assert part is not None
    assert part.first == (0, 1, 2, 3)
    assert part.second == (4, 5, 6, 7)
    assert part.ratio < 0.5
    # Reports of one event are one piece, or two pieces too close to be split.
    same = [{"quake": 0.6, "lorvik": 0.8 - i / 20, "brandt": i / 10} for i in range(8)]
    part = neighbour_partition(same, neighbours=2)
    assert part is None or part.ratio > ClusterOptions().split_ratio


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {key: w / norm for key, w in vector.items()}


def test_a_story_chained_through_bridging_reports_is_cut_along_its_spectral_order() -> None:
    # Two developments joined by two reports that mention both: every member's two
    # nearest neighbours chain the story into one piece, so only the spectral cut sees it.
    one = [_unit({"quake": 0.5, "lorvik": 0.8, f"a{i}": 0.3}) for i in range(5)]
    other = [_unit({"quake": 0.5, "pemara": 0.8, f"b{i}": 0.3}) for i in range(5)]
    bridge = [
        _unit({"quake": 0.5, "lorvik": 0.6, "pemara": 0.5}),
        _unit({"quake": 0.5, "lorvik": 0.5, "pemara": 0.6}),
    ]
    vectors = one + bridge + other
    assert neighbour_partition(vectors, neighbours=2) is None
    part = neighbour_partition(vectors, neighbours=2, min_share=0.25)
    assert part is not None
    assert part.spectral
    assert part.first == (0, 1, 2, 3, 4, 5, 6)
    assert part.second == (7, 8, 9, 10, 11)
    assert part.ratio < ClusterOptions().split_spectral_ratio
    # Reports of one event drifting in their words: no cut is far enough apart.
    same = [_unit({"quake": 0.6, "lorvik": 0.8 - i / 20, "brandt": i / 10}) for i in range(8)]
    part = neighbour_partition(same, neighbours=2, min_share=0.25)
    assert part is not None
    assert part.ratio > ClusterOptions().split_spectral_ratio
    # No cut leaves three members on each side of five.
    assert neighbour_partition(same[:5], neighbours=2, min_share=0.25) is None


def test_a_story_holding_two_events_is_split_with_history() -> None:
    # A threshold this low, with every feature looked up, lets every article join
    # the first story: the split check must find the two events inside it.
    options = ClusterOptions(threshold=-1.0, split_sizes=(8,), query_terms=150, index_terms=300)
    clusterer = StoryClusterer(options=options)
    first = _variants(QUAKE_A, 0, 4)
    second = _variants(QUAKE_B, 100, 4)
    stream = [a for pair in zip(first, second, strict=True) for a in pair]
    clusterer.assign_many(stream)
    assert len(clusterer.splits) == 1
    split = clusterer.splits[0]
    assert (split.kept, split.created) == ("s000001", "s000002")
    assert split.at_article == stream[-1].id
    assert sorted(split.article_ids) == sorted(a.id for a in second)
    assert split.score < options.split_ratio
    assert {clusterer.story_of(a.id) for a in first} == {"s000001"}
    assert {clusterer.story_of(a.id) for a in second} == {"s000002"}
    assert [len(s.article_ids) for s in clusterer.stories()] == [4, 4]
    assert clusterer.story("s000002").article_ids == tuple(split.article_ids)
    # Later reports of either event go to their own half, and the halves stay apart.
    assert clusterer.assign(_variants(QUAKE_B, 200, 1)[0]) == "s000002"
    assert clusterer.assign(_variants(QUAKE_A, 300, 1)[0]) == "s000001"
    assert not clusterer.merges


def test_halves_published_together_are_split_only_when_far_apart() -> None:
    # The two-quake story of the test above, its reports dated: halves published
    # within split_near_gap of each other need a ratio under split_near_ratio.
    base = ClusterOptions(threshold=-1.0, split_sizes=(8,), query_terms=150, index_terms=300)

    def run(
        first_day: datetime | None, second_day: datetime | None, near_ratio: float
    ) -> StoryClusterer:
        def dated(articles: list[Article], day: datetime | None) -> list[Article]:
            return [
                replace(a, published=day + timedelta(hours=i) if day else None)
                for i, a in enumerate(articles)
            ]

        first = dated(_variants(QUAKE_A, 0, 4), first_day)
        second = dated(_variants(QUAKE_B, 100, 4), second_day)
        clusterer = StoryClusterer(options=replace(base, split_near_ratio=near_ratio))
        clusterer.assign_many([a for pair in zip(first, second, strict=True) for a in pair])
        return clusterer

    day = datetime(2024, 6, 3, 8, 0)
    # Undated, or dated weeks apart, the story splits at the usual bar.
    undated = run(None, None, base.split_near_ratio)
    assert len(undated.splits) == 1
    ratio = undated.splits[0].score
    assert 0 < ratio < base.split_ratio
    assert len(run(day, day + timedelta(days=30), ratio / 2).splits) == 1
    # Published the same day, a ratio above split_near_ratio keeps them one story...
    together = run(day, day, ratio / 2)
    assert not together.splits
    assert [len(s.article_ids) for s in together.stories()] == [8]
    # ...and a ratio below it still splits them.
    assert len(run(day, day, min(1.0, ratio + 0.01)).splits) == 1


def test_a_merge_that_grows_a_story_past_a_check_size_is_checked() -> None:
    # Two stories of four merge through an article that tells both events (a merge
    # bar this low takes any pair): the merged story jumps from five members to
    # nine, past the check at eight, and must still be checked and split.
    options = ClusterOptions(merge_threshold=-1.0, split_sizes=(8,))
    clusterer = StoryClusterer(options=options)
    first = _variants(QUAKE_A, 0, 4)
    second = _variants(QUAKE_B, 100, 4)
    clusterer.assign_many(first + second)
    assert len(clusterer) == 2
    both = _article(200, "Two earthquakes", QUAKE_A + " " + QUAKE_B)
    clusterer.assign(both)
    assert len(clusterer.merges) == 1
    assert len(clusterer.splits) == 1
    assert clusterer.splits[0].at_article == both.id
    assert len({clusterer.story_of(a.id) for a in first}) == 1
    assert len({clusterer.story_of(a.id) for a in second}) == 1
    assert clusterer.story_of(first[0].id) != clusterer.story_of(second[0].id)


def _copy(article: Article, number: int, *, published: datetime | None = None) -> Article:
    return Article(
        id=f"c{number:04d}",
        key=f"copy:{number}",
        title=article.title,
        body=article.body,
        outlet=f"Copier {number}",
        published=published,
    )


def test_a_copy_joins_its_original_unscored_and_follows_it_through_a_split() -> None:
    options = ClusterOptions(threshold=-1.0, split_sizes=(8,), query_terms=150, index_terms=300)
    clusterer = StoryClusterer(options=options)
    first = _variants(QUAKE_A, 0, 4)
    second = _variants(QUAKE_B, 100, 4)
    clusterer.assign(first[0])
    clusterer.assign(second[0])
    story = clusterer._stories["s000001"]
    centroid, documents = dict(story.centroid), clusterer._frequencies.documents
    copy_of_second = _copy(second[0], 1, published=datetime(2024, 5, 2))
    copy_of_copy = _copy(copy_of_second, 2)
    assert clusterer.assign(copy_of_second, copy_of=second[0].id) == "s000001"
    assert clusterer.assign(copy_of_copy, copy_of=copy_of_second.id) == "s000001"
    # Counted in the story, but no new evidence: centroid and IDF as they were.
    assert story.centroid == centroid
    assert clusterer._frequencies.documents == documents
    assert {"Copier 1", "Copier 2"} <= story.outlets
    assert story.first_seen == story.last_seen == datetime(2024, 5, 2)
    rest = [a for pair in zip(first[1:], second[1:], strict=True) for a in pair]
    clusterer.assign_many(rest)
    # The split check counts members, not copies; the copies move with their original.
    assert len(clusterer.splits) == 1
    split = clusterer.splits[0]
    assert sorted(split.article_ids) == sorted([a.id for a in second] + ["c0001", "c0002"])
    assert clusterer.story_of("c0001") == clusterer.story_of("c0002") == "s000002"
    assert clusterer.story("s000002").first_seen == datetime(2024, 5, 2)
    assert sorted(clusterer.story("s000001").article_ids) == sorted(a.id for a in first)
    # Re-assigning is a no-op; a copy of an unknown article is scored like any other.
    assert clusterer.assign(copy_of_second, copy_of=first[0].id) == "s000002"
    stray = _copy(first[1], 3)
    assert clusterer.assign(stray, copy_of="never-seen") == clusterer.story_of(first[1].id)


def test_copies_are_scored_when_follow_copies_is_off() -> None:
    clusterer = StoryClusterer(options=ClusterOptions(follow_copies=False))
    quake_a, quake_b = _variants(QUAKE_A, 0, 1)[0], _variants(QUAKE_B, 100, 1)[0]
    clusterer.assign(quake_a)
    clusterer.assign(quake_b)
    documents = clusterer._frequencies.documents
    # Named a copy of the other event, it still goes where its text says.
    assert clusterer.assign(_copy(quake_a, 1), copy_of=quake_b.id) == clusterer.story_of(quake_a.id)
    assert clusterer._frequencies.documents == documents + 1


def test_an_uncertain_article_waits_in_its_own_story_and_is_adopted_later() -> None:
    # Delayed commitment: the weak report scores under threshold + commit_margin
    # against the one-member story, so it starts its own; once the story has grown
    # it is looked at again, still reaches the threshold and is merged in.
    options = ClusterOptions(threshold=0.1, commit_margin=0.5)
    reports = _variants(QUAKE_A, 0, 3)
    weak = _article(
        50,
        "Lorvik rescue",
        "Rescue teams in Lorvik searched collapsed buildings after the earthquake, "
        "officials said. Schools in the region stayed closed.",
    )
    other = _variants(QUAKE_B, 100, 1)[0]
    clusterer = StoryClusterer(options=options)
    assert clusterer.assign(reports[0]) == "s000001"
    assert clusterer.assign(weak) == "s000002"
    assert clusterer.assign(other) == "s000003"
    clusterer.assign_many(reports[1:])
    assert clusterer.story_of(weak.id) == "s000001"
    assert [(m.kept, m.absorbed, m.at_article) for m in clusterer.merges] == [
        ("s000001", "s000002", reports[1].id)
    ]
    # The report of another event is no member of it.
    assert clusterer.story_of(other.id) == "s000003"


def test_clusterer_survives_pickle() -> None:
    pool = _variants(QUAKE_A, 0, 4) + _variants(QUAKE_B, 100, 4)
    original = StoryClusterer()
    original.assign_many(pool[:5])
    copy = pickle.loads(pickle.dumps(original))
    assert copy.assign_many(pool[5:]) == original.assign_many(pool[5:])
    assert copy.stories() == original.stories()


_IN_ANOTHER_PROCESS = """
import json, sys
from newsweave.cluster import StoryClusterer
from newsweave.models import Article
clusterer = StoryClusterer()
for row in json.load(sys.stdin):
    clusterer.assign(Article(id=row[0], key=row[0], title=row[1], body=row[2]))
print(json.dumps([[s.id, list(s.article_ids)] for s in clusterer.stories()]))
"""


def test_same_stories_whatever_the_string_hash_seed() -> None:
    # Set iteration order changes with PYTHONHASHSEED; the scores must not.
    pool = _variants(QUAKE_A, 0, 6) + _variants(QUAKE_B, 100, 6)
    pairs = zip(pool[:6], pool[6:], strict=True)
    stream = json.dumps([[a.id, a.title, a.body] for pair in pairs for a in pair])
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _IN_ANOTHER_PROCESS],
            input=stream,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert len(json.loads(outputs.pop())) == 2


def test_cold_story_needs_a_stronger_match() -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    first = _article(1, "Lorvik quake", QUAKE_A, published=start)
    vague = _article(2, "Westmark rescue", "Rescue teams in Westmark searched buildings.")
    options = ClusterOptions(threshold=0.3, cold_penalty=0.5, cold_gap=timedelta(days=1))
    warm, cold = StoryClusterer(options=options), StoryClusterer(options=options)
    warm.assign(first)
    cold.assign(first)
    later = timedelta(hours=2)
    much_later = timedelta(days=30)
    warm_id = warm.assign(_replace_date(vague, start + later))
    cold_id = cold.assign(_replace_date(vague, start + much_later))
    assert warm_id == "s000001"
    assert cold_id == "s000002"


def test_the_cold_gap_is_a_setting(tmp_path: Path) -> None:
    assert cluster_options_from_settings(Settings()).cold_gap == ClusterOptions().cold_gap
    records = [
        {"id": "first", "title": "Lorvik quake", "text": QUAKE_A, "published": "2024-01-01"},
        {
            "id": "vague",
            "title": "Westmark rescue",
            "text": "Rescue teams in Westmark searched buildings.",
            "published": "2024-01-04",
        },
    ]
    input_path = tmp_path / "in.jsonl"
    input_path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    stories = {}
    for days in (7.0, 1.0):
        settings = replace(Settings(), cluster=ClusterSettings(cold_gap_days=days))
        assert cluster_options_from_settings(settings).cold_gap == timedelta(days=days)
        stories[days] = [
            story for _, story in cluster_input(str(input_path), settings=settings).rows
        ]
    # Three days later: within a 7-day gap the vague report joins; past a 1-day gap
    # the story is cold for it and it starts its own.
    assert stories[7.0] == ["s000001", "s000001"]
    assert stories[1.0] == ["s000001", "s000002"]
    # The command takes it from the settings too (here from the environment).
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app,
        ["cluster", str(input_path), "--out", str(out)],
        env={"NEWSWEAVE_CLUSTER_COLD_GAP_DAYS": "1"},
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [row["story"] for row in rows] == ["s000001", "s000002"]
    for bad in (0.0, -1.0, float("nan"), 1e12):
        with pytest.raises(ConfigError, match="cold_gap"):
            cluster_options_from_settings(
                replace(Settings(), cluster=ClusterSettings(cold_gap_days=bad))
            )


def _replace_date(article: Article, when: datetime) -> Article:
    return replace(article, published=when)


def test_reassigning_an_article_changes_nothing() -> None:
    clusterer = StoryClusterer()
    articles = _variants(QUAKE_A, 0, 3)
    first = clusterer.assign_many(articles)
    again = clusterer.assign_many(articles)
    assert first == again
    assert sum(len(s.article_ids) for s in clusterer.stories()) == 3


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="max_candidates"):
        ClusterOptions(max_candidates=0)
    with pytest.raises(ValueError, match="cold_gap"):
        ClusterOptions(cold_gap=timedelta(0))
    with pytest.raises(ValueError, match="entity_boost"):
        FeatureOptions(entity_boost=0)
    with pytest.raises(ValueError, match="split_sizes"):
        ClusterOptions(split_sizes=(2,))
    with pytest.raises(ValueError, match="split_min_share"):
        ClusterOptions(split_min_share=0.8)
    with pytest.raises(ValueError, match="split_near_ratio"):
        ClusterOptions(split_near_ratio=0)
    with pytest.raises(ValueError, match="split_near_gap"):
        ClusterOptions(split_near_gap=timedelta(days=-1))
    with pytest.raises(ValueError, match="body_chars"):
        FeatureOptions(body_chars=0)


def test_bcubed() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed(gold, gold).f1 == 1.0
    lumped = bcubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert lumped.recall == 1.0
    assert lumped.precision == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    with pytest.raises(ValueError, match="same items"):
        bcubed({"a": "1"}, gold)


def test_seeds_form_one_story(seed_paths: list[Path]) -> None:
    assert len(seed_paths) == 5
    clusterer = StoryClusterer()
    for path in seed_paths:
        doc = RawDocument(
            origin=str(path), content_type="text/plain", content=path.read_text("utf-8")
        )
        clusterer.assign(extract_article(doc))
    assert len(clusterer.stories()) == 1


_POOL = _variants(QUAKE_A, 0, 4) + _variants(QUAKE_B, 100, 4)


@settings(max_examples=25, deadline=None)
@given(
    order=st.permutations(range(len(_POOL))),
    batch=st.integers(min_value=1, max_value=len(_POOL)),
)
def test_same_order_same_stories_in_any_batches(order: list[int], batch: int) -> None:
    stream = [_POOL[i] for i in order]
    one_by_one = StoryClusterer()
    for article in stream:
        one_by_one.assign(article)
    batched = StoryClusterer()
    for start in range(0, len(stream), batch):
        batched.assign_many(stream[start : start + batch])
    rerun = StoryClusterer()
    rerun.assign_many(stream)
    expected = [one_by_one.story_of(a.id) for a in stream]
    assert [batched.story_of(a.id) for a in stream] == expected
    assert [rerun.story_of(a.id) for a in stream] == expected
    assert one_by_one.merges == rerun.merges


def _records_file(tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    records = [
        {"id": f"r{a.id}", "title": a.title, "text": a.body}
        for a in _variants(QUAKE_A, 0, 3) + _variants(QUAKE_B, 100, 3)
    ]
    records.append({"id": "empty", "title": "Nothing", "html": "<html><body></body></html>"})
    input_path = tmp_path / "in.jsonl"
    input_path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return input_path, records


def test_cluster_input_streams_one_row_per_record(tmp_path: Path) -> None:
    input_path, records = _records_file(tmp_path)
    run = cluster_input(str(input_path), settings=Settings())
    assert [row_id for row_id, _ in run.rows] == [r["id"] for r in records]
    stories = [story for _, story in run.rows]
    assert len(set(stories[:3])) == 1
    assert len(set(stories[3:6])) == 1
    assert stories[0] != stories[3]
    # The record without text is reported, and its row says it has no story.
    assert stories[6] is None
    assert [f.stage for f in run.failures] == ["extract"]
    assert run.stories == 2


@pytest.mark.skipif(
    "cluster" not in get_command(app).commands,  # type: ignore[attr-defined]
    reason="newsweave.cli does not import newsweave.cli.cluster yet",
)
def test_cluster_command_writes_one_line_per_article(tmp_path: Path) -> None:
    input_path, records = _records_file(tmp_path)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["cluster", str(input_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [row["id"] for row in rows] == [r["id"] for r in records]
    stories = [row["story"] for row in rows]
    assert len(set(stories[:3])) == 1
    assert len(set(stories[3:6])) == 1
    assert stories[0] != stories[3]
    assert stories[6] is None
    # Every story lies in one storyline; a record without a story has none.
    lines = [row["storyline"] for row in rows]
    assert all(line.startswith("l") for line in lines[:6])
    assert len({(story, line) for story, line in zip(stories[:6], lines[:6], strict=True)}) == 2
    assert lines[6] is None
    assert "empty" in result.output or "no article text" in result.output
    # Without --out the lines go to stdout.
    plain = CliRunner().invoke(app, ["cluster", str(input_path)])
    assert plain.exit_code == 0
    assert [json.loads(line) for line in plain.stdout.splitlines() if line.startswith("{")] == rows


def test_a_record_that_cannot_be_read_keeps_its_row_when_its_id_is_known(
    tmp_path: Path,
) -> None:
    input_path, records = _records_file(tmp_path)
    lines = input_path.read_text("utf-8").splitlines()
    lines[1:1] = [
        json.dumps({"id": "no-text", "title": "A title and nothing else", "text": ""}),
        "{not json",
        json.dumps({"id": 7, "title": "Bad date", "text": "Some text.", "published": "soon"}),
    ]
    input_path.write_text("\n".join(lines) + "\n", "utf-8")
    run = cluster_input(str(input_path), settings=Settings())
    ids = [r["id"] for r in records]
    assert [row_id for row_id, _ in run.rows] == [ids[0], "no-text", "7", *ids[1:]]
    stories = dict(run.rows)
    assert stories["no-text"] is None
    assert stories["7"] is None
    assert [f.record_id for f in run.failures if f.stage == "read"] == ["no-text", None, "7"]


def _date_features(body: str, published: datetime | None = None) -> set[str]:
    found = count_features(_article(9, "", body, published=published), options=FeatureOptions())
    return {key for key in found.counts if key.startswith("@")}


def test_written_dates_share_one_feature_in_any_order_and_spelling() -> None:
    assert _date_features("It struck on July 2.") == {"@jul 2"}
    assert _date_features("It struck on 2 July 2013.") == {"@jul 2"}
    assert _date_features("It struck on Jul. 02, and on Sept 30.") == {"@jul 2", "@sep 30"}
    # A lower-case "may" after a number is the verb, and 40 is no day.
    assert _date_features("All 3 may go. Prices rose in March 40 times.") == set()


def test_named_days_resolve_against_the_publication_date() -> None:
    wednesday = datetime(2013, 7, 3, 9, 0)
    body = "The quake hit on Tuesday. Rescuers arrived yesterday and leave next Friday."
    # "next Friday" is the Friday of next week, as in the brief's timeline.
    assert _date_features(body, wednesday) == {"@jul 2", "@jul 12"}
    # The same weekday as the publication is that day; "last" goes a week back.
    assert _date_features("Talks began Wednesday, after last Wednesday's vote.", wednesday) == {
        "@jul 3",
        "@jun 26",
    }
    # Across a month end, and in a headline.
    monday = datetime(2013, 7, 1, tzinfo=UTC)
    assert _date_features("Voters went to the polls on Sunday.", monday) == {"@jun 30"}
    found = count_features(
        _article(10, "Quake Hits Aceh Tuesday", "Houses fell.", published=wednesday),
        options=FeatureOptions(),
    )
    assert "@jul 2" in found.counts
    # Undated, a weekday names no date.
    assert _date_features(body) == set()


def test_a_bare_weekday_in_a_sentence_about_the_future_is_the_coming_one() -> None:
    wednesday = datetime(2013, 7, 3, 9, 0)
    assert _date_features("Ministers will meet on Friday.", wednesday) == {"@jul 5"}
    assert _date_features("The vote is expected to take place Friday.", wednesday) == {"@jul 5"}
    # Tense is read in the weekday's own sentence, and per mention.
    assert _date_features("Ministers met on Friday. They will meet again.", wednesday) == {
        "@jun 28"
    }
    assert _date_features("Talks ended Friday. A deal will be signed Friday.", wednesday) == {
        "@jun 28",
        "@jul 5",
    }
    # An abbreviation does not end the sentence.
    assert _date_features("They will ask Mr. Smith to testify on Friday.", wednesday) == {"@jul 5"}
    # Contracted futures count too.
    assert _date_features("They'll meet on Friday.", wednesday) == {"@jul 5"}
    assert _date_features("The talks won’t resume before Friday.", wednesday) == {"@jul 5"}
    # A weekday inside a longer word is not the mention: the tense is read in
    # the sentence of the word itself.
    assert _date_features(
        "Markets close early on Fridays, and they will again. Talks ended Friday.", wednesday
    ) == {"@jun 28"}
    assert _date_features(
        "Friday's talks ended badly. Ministers will meet on Friday.", wednesday
    ) == {"@jun 28", "@jul 5"}


def test_named_days_at_the_ends_of_the_calendar_are_skipped() -> None:
    # A library caller may hand over any date: no overflow, just no date feature.
    body = "Talks ended yesterday and resume next Monday, or tomorrow."
    # 31 December 9999: only "yesterday" is still a day of the calendar.
    assert _date_features(body, datetime(9999, 12, 31)) == {"@dec 30"}
    # 1 January 1 (a Monday): only "yesterday" is not.
    assert _date_features(body, datetime(1, 1, 1)) == {"@jan 8", "@jan 2"}
