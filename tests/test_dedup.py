"""Duplicate and rewrite detection (newsweave.dedup) on real text and variants of it."""

from __future__ import annotations

import gzip
import itertools
import json
import pickle
import random
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS, shared_data
from newsweave.config import load_settings
from newsweave.dedup import (
    DedupOptions,
    DuplicateDetector,
    DuplicateMatch,
    source_units,
    story_coverage,
)
from newsweave.dedup.bands import BandIndex, MinHasher
from newsweave.dedup.fingerprint import _IS_STOP, fingerprint, sentence_table, shingles
from newsweave.errors import ConfigError
from newsweave.extract import extract_article
from newsweave.ingest import read_inputs
from newsweave.models import Article, InputFailure, Labels
from newsweave.text import split_sentences


@cache
def _seed_articles() -> tuple[Article, ...]:
    found = []
    for item in read_inputs([str(SEEDS)], settings=load_settings()):
        assert not isinstance(item, InputFailure), item
        found.append(extract_article(item))
    return tuple(found)


def _article(
    article_id: str, body: str, *, outlet: str | None = None, labels: Labels | None = None
) -> Article:
    return Article(
        id=article_id,
        key=f"test:{article_id}",
        title=None,
        body=body,
        outlet=outlet,
        labels=labels or Labels(),
    )


def _variant(base: Article, article_id: str, body: str, **changes: object) -> Article:
    return replace(base, id=article_id, key=f"test:{article_id}", body=body, **changes)  # type: ignore[arg-type]


_SYNONYMS = {
    "visit": "trip",
    "said": "stated",
    "president": "leader",
    "expected": "anticipated",
    "relations": "ties",
    "despite": "in spite of",
    "country": "nation",
    "significant": "major",
    "international": "global",
    "discuss": "talk about",
    "confirmed": "verified",
    "growing": "rising",
}


def _swap(sentence: str) -> str:
    def swap(found: re.Match[str]) -> str:
        word = found.group()
        replacement = _SYNONYMS.get(word.lower(), word)
        return replacement.capitalize() if word[0].isupper() else replacement

    return re.sub(r"[A-Za-z]+", swap, sentence)


def _rewrite(body: str, *, seed: int = 3) -> str:
    """Drop 30% of the sentences, shuffle the rest, swap synonyms, reword one sentence."""
    rng = random.Random(seed)
    sentences = split_sentences(body)
    kept = rng.sample(sentences, round(len(sentences) * 0.7))
    rng.shuffle(kept)
    rewritten = [_swap(sentence) for sentence in kept]
    clauses = rewritten[0].rstrip(".").split(",")
    rewritten[0] = "Notably, " + ", ".join(reversed(clauses)).strip() + "."
    return "\n\n".join(" ".join(rewritten[i : i + 2]) for i in range(0, len(rewritten), 2))


def _observe_all(
    articles: Iterable[Article], detector: DuplicateDetector | None = None
) -> dict[str, DuplicateMatch]:
    detector = detector if detector is not None else DuplicateDetector()
    found = {}
    for article in articles:
        match = detector.observe(article)
        if match is not None:
            found[article.id] = match
    return found


def test_exact_copy_with_other_white_space_case_and_quotes() -> None:
    original = _seed_articles()[1]
    body = original.body.upper().replace("’", "'").replace("\n\n", "\n   \n\n")
    copy = _variant(original, "copy", body, outlet="Aggregator")
    detector = DuplicateDetector()
    assert detector.observe(original) is None
    match = detector.observe(copy)
    assert match is not None
    assert (match.kind, match.duplicate_of, match.rewrite_of) == ("exact", original.id, None)
    assert match.score == 1.0


def test_near_copy_with_a_changed_sentence_and_a_footer() -> None:
    original = replace(_seed_articles()[1], outlet="Example Times")
    sentences = split_sentences(original.body)
    sentences[3] = _swap(sentences[3]) + " Officials declined to comment."
    body = " ".join(sentences) + "\n\nThis story has been updated with additional reporting."
    copy = _variant(original, "updated", body)
    match = _observe_all([original, copy])["updated"]
    assert match.kind == "near"
    assert match.duplicate_of == original.id
    assert 0.8 <= match.score < 1.0


def test_wire_story_syndicated_by_three_outlets_with_own_intros() -> None:
    wire = replace(_seed_articles()[4], outlet="Wire Agency", labels=Labels(wire_credits=("AP",)))
    paragraphs = wire.body.split("\n")
    intros = {
        "Daily Courier": "Our correspondent in Asia follows the trip closely for readers here.",
        "Evening Post": "Here is what we know so far about the planned visit, as reported.",
        "Metro Herald": "The following report comes from our news partners abroad today.",
    }
    carriers = []
    for position, (outlet, intro) in enumerate(intros.items()):
        kept = paragraphs[: len(paragraphs) - position]  # papers cut wire copy from the bottom
        carriers.append(
            _variant(
                wire,
                f"carried-{position}",
                "\n\n".join([intro, *kept, "Copyright The Associated Press."]),
                outlet=outlet,
                labels=Labels(wire_credits=("AP",)) if position else Labels(),
            )
        )
    independent = _seed_articles()[1]
    matches = _observe_all([wire, *carriers, independent])
    assert sorted(matches) == ["carried-0", "carried-1", "carried-2"]
    for match in matches.values():
        assert match.kind == "syndicated"
        assert match.duplicate_of == wire.id
        assert match.score >= 0.8
    coverage = story_coverage([wire, *carriers, independent], matches)
    assert coverage.articles == 5
    # The wire text counts once, as the agency it credits (the voice the brief
    # counts too); the seed without an outlet is its own source.
    assert coverage.independent_sources == 2
    assert coverage.sources == ("AP", f"article:{independent.id}")
    assert len(coverage.groups) == 1
    assert coverage.groups[0].original_id == wire.id
    assert coverage.groups[0].member_ids == ("carried-0", "carried-1", "carried-2")
    assert coverage.groups[0].kinds == ("syndicated",) * 3


def test_rewrite_with_reordering_dropping_and_synonyms() -> None:
    for original in _seed_articles():
        rewrite = _variant(original, f"farm-{original.id}", _rewrite(original.body))
        rewrite = replace(rewrite, outlet="Content Farm")
        match = _observe_all([original, rewrite]).get(rewrite.id)
        assert match is not None, original.title
        assert match.kind == "rewrite"
        assert match.rewrite_of == original.id
        assert match.duplicate_of is None
        assert 0.5 <= match.score <= 1.0


def test_an_article_sharing_only_background_with_another_is_no_rewrite() -> None:
    # An outlet reuses its explainer paragraphs in a story about a new event: most
    # sentences align, but the news (the lead) is its own.
    original = _seed_articles()[1]
    background = split_sentences(original.body)[3:]
    lead = [
        "Flooding closed the main coastal highway on Monday after two days of heavy rain.",
        "Rescue crews evacuated about three hundred residents from low-lying villages overnight.",
        "Officials said the water would take several days to recede from farmland nearby.",
    ]
    later = _variant(
        original, "later", " ".join(lead + [_swap(s) for s in background]), outlet="Same Outlet"
    )
    original = replace(original, outlet="Same Outlet")
    checked = DedupOptions(lead_sentences=0)
    linked = _observe_all([original, later], DuplicateDetector(options=checked)).get("later")
    assert linked is not None  # what the sentence shares alone say
    assert linked.kind == "rewrite"
    assert _observe_all([original, later]) == {}
    # A rewrite whose lead restates the news is still one.
    restated = _variant(later, "restated", _swap(original.body.split(". ")[0]) + ". " + later.body)
    match = _observe_all([original, restated]).get("restated")
    assert match is not None
    assert match.kind == "rewrite"


def test_rewrite_is_not_a_shingle_copy() -> None:
    # The point of sentence alignment: whole-document shingles lose a rewrite.
    original = _seed_articles()[1]
    rewrite = _rewrite(original.body)
    old = shingles(fingerprint(original.body), size=5)
    new = shingles(fingerprint(rewrite), size=5)
    shared = len(np.intersect1d(old, new))
    assert shared / (len(old) + len(new) - shared) < 0.5


def test_different_articles_about_the_same_event_are_not_linked() -> None:
    seeds = _seed_articles()
    assert _observe_all([seeds[1], seeds[2]]) == {}
    assert _observe_all([seeds[2], seeds[1]]) == {}
    assert _observe_all(seeds) == {}
    coverage = story_coverage(seeds, {})
    # Unknown outlets count per article; the AI summary counts as the broadcaster it retells.
    assert coverage.independent_sources == 5
    assert coverage.groups == ()


def test_copy_of_a_copy_links_to_the_earliest() -> None:
    original = replace(_seed_articles()[0], outlet="First")
    second = _variant(original, "second", original.body + "\n\nShared via Second.", outlet="Two")
    third = _variant(second, "third", second.body.lower(), outlet="Three")
    matches = _observe_all([original, second, third])
    assert matches["second"].duplicate_of == original.id
    assert matches["third"].kind == "exact"
    assert matches["third"].duplicate_of == original.id
    assert matches["third"].matched_id == "second"


def test_same_text_twice_is_exact_and_same_id_twice_changes_nothing() -> None:
    article = _seed_articles()[3]
    detector = DuplicateDetector()
    assert detector.observe(article) is None
    again = detector.observe(replace(article, id="again"))
    assert again is not None
    assert (again.kind, again.duplicate_of) == ("exact", article.id)
    size = len(detector)
    assert detector.observe(article) is None
    assert detector.observe(replace(article, id="again")) == again
    assert len(detector) == size
    assert detector.original_of("again") == article.id
    assert detector.original_of(article.id) is None


def test_check_does_not_store() -> None:
    article = _seed_articles()[0]
    detector = DuplicateDetector()
    assert detector.check(article) is None
    assert len(detector) == 0
    assert article.id not in detector
    detector.observe(article)
    match = detector.check(replace(article, id="other"))
    assert match is not None
    assert match.kind == "exact"
    assert len(detector) == 1


def test_short_bodies_are_never_linked() -> None:
    first = _article("a", "Subscribe to read more.", outlet="X")
    second = _article("b", "Subscribe to read more.", outlet="X")
    assert _observe_all([first, second]) == {}


def test_unknown_outlet_copy_is_near_unless_credited_to_a_wire() -> None:
    original = _seed_articles()[1]
    plain = _variant(original, "plain", original.body + "\n\nRead more on our site.")
    credited = _variant(
        original,
        "credited",
        original.body + "\n\nReporting by the agency.",
        labels=Labels(wire_credits=("Reuters",)),
    )
    matches = _observe_all([original, plain, credited])
    assert matches["plain"].kind == "near"
    assert matches["credited"].kind == "syndicated"


def test_results_are_deterministic_for_a_seed() -> None:
    seeds = _seed_articles()
    stream = [
        *seeds,
        *(_variant(seed, f"rw-{seed.id}", _rewrite(seed.body, seed=9)) for seed in seeds),
        *(_variant(seed, f"cp-{seed.id}", seed.body + " Extra.", outlet="Z") for seed in seeds),
    ]
    options = DedupOptions(seed=42)
    first = _observe_all(stream, DuplicateDetector(options=options))
    second = _observe_all(stream, DuplicateDetector(options=options))
    assert first == second
    assert len(first) == 10


def test_an_analysis_made_beforehand_gives_the_same_answers() -> None:
    """``analyse`` elsewhere (a pickled trip, as to a Spark driver), then ``observe``."""
    seeds = _seed_articles()
    stream = [
        *seeds,
        *(_variant(seed, f"rw-{seed.id}", _rewrite(seed.body, seed=9)) for seed in seeds),
        *(_variant(seed, f"cp-{seed.id}", seed.body + " Extra.", outlet="Z") for seed in seeds),
        *(_variant(seed, f"ex-{seed.id}", seed.body) for seed in seeds),
        _article("short", "Too few words."),
    ]
    options = DedupOptions(seed=42)
    expected = _observe_all(stream, DuplicateDetector(options=options))
    elsewhere = DuplicateDetector(options=options)
    analyses = pickle.loads(pickle.dumps([elsewhere.analyse(article) for article in stream]))
    assert len(elsewhere) == 0  # analysing stores nothing
    detector = DuplicateDetector(options=options)
    found = {}
    for article, analysis in zip(stream, analyses, strict=True):
        match = detector.observe(article, analysis=analysis)
        if match is not None:
            found[article.id] = match
    assert found == expected
    assert {match.kind for match in found.values()} >= {"exact", "rewrite"}
    other = DuplicateDetector(options=DedupOptions(seed=7))
    with pytest.raises(ConfigError, match="other options"):
        other.observe(stream[0], analysis=analyses[0])
    with pytest.raises(ConfigError, match="another article"):
        DuplicateDetector(options=options).observe(stream[1], analysis=analyses[0])


def test_minhash_fast_path_equals_datasketch_update_batch() -> None:
    hasher = MinHasher(num_perm=128, seed=1, threshold=0.8)
    values = shingles(fingerprint(_seed_articles()[2].body), size=5)
    reference = MinHash(num_perm=128, seed=1, hashfunc=int)
    reference.update_batch(values.tolist())
    assert np.array_equal(hasher.signature(values), reference.hashvalues)


def test_band_index_finds_what_datasketch_lsh_finds() -> None:
    # Sets of 200 values overlapping a base set by 0% .. 100%: around the 0.8
    # threshold some are found and some not, and the band index must answer
    # exactly like MinHashLSH with the same bands.
    rng = np.random.default_rng(3)
    base = rng.choice(2**32, size=400, replace=False).astype(np.uint32)
    hasher = MinHasher(num_perm=128, seed=1, threshold=0.8)
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    assert (lsh.b, lsh.r) == (hasher.bands, hasher.rows)
    index = BandIndex()
    fresh = base[200:]
    for number in range(41):
        kept = 200 - 5 * number
        values = np.unique(np.concatenate((base[:kept], fresh[: 200 - kept])))
        signature = hasher.signature(values)
        reference = MinHash(num_perm=128, seed=1, hashfunc=int)
        reference.update_batch(values.tolist())
        lsh.insert(number, reference, check_duplication=False)
        index.insert(number, hasher.band_keys(signature))
    query = hasher.signature(np.sort(base[:200]))
    reference = MinHash(num_perm=128, seed=1, hashfunc=int)
    reference.update_batch(base[:200].tolist())
    expected = set(lsh.query(reference))
    assert index.query(hasher.band_keys(query)) == expected
    assert 0 in expected
    assert 40 not in expected


@pytest.mark.parametrize(
    ("field", "value"),
    [("num_perm", 4), ("near_threshold", 0.0), ("rewrite_threshold", 1.5), ("min_votes", 0)],
)
def test_bad_options_say_which_and_why(field: str, value: float) -> None:
    with pytest.raises(ConfigError, match=field):
        DedupOptions(**{field: value})  # type: ignore[arg-type]


def test_story_coverage_rules() -> None:
    a = _article("a", "x " * 50, outlet="Outlet One")
    b = _article("b", "y " * 50, outlet="outlet  one")  # same outlet, other spelling
    c = _article("c", "z " * 50, outlet="Outlet Two")
    d = _article("d", "w " * 50)
    e = _article("e", "v " * 50)
    matches = [
        DuplicateMatch("c", "a", "rewrite", 0.7, "a"),
        DuplicateMatch("e", "d", "near", 0.9, "d"),
        # A copy of an article outside the story is the story's only witness of it.
        DuplicateMatch("b", "elsewhere", "syndicated", 0.9, "elsewhere"),
    ]
    coverage = story_coverage([a, b, c, d, e], matches)
    assert coverage.articles == 5
    assert coverage.independent_sources == 2
    assert coverage.sources == ("Outlet One", "article:d")
    assert [(g.original_id, g.member_ids, g.kinds) for g in coverage.groups] == [
        ("a", ("c",), ("rewrite",)),
        ("d", ("e",), ("near",)),
    ]
    # Story order decides the original even when arrival order said otherwise.
    reordered = story_coverage([c, a], {"c": matches[0]})
    assert reordered.groups[0].original_id == "c"
    assert reordered.independent_sources == 1


@cache
def _allsides_bases() -> tuple[Article, ...]:
    path = shared_data("allsides", "articles.jsonl.gz")
    found = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            body = (row.get("content_original") or "").strip()
            if 150 <= len(body.split()) <= 700:
                found.append(_article(f"as-{row['ID']}", body, outlet=row.get("source")))
            if len(found) == 4:
                break
    return tuple(found)


def _pool() -> list[Article]:
    pool: list[Article] = []
    for number, base in enumerate(_allsides_bases()):
        pool.append(base)
        pool.append(_variant(base, f"{base.id}-x", base.body.upper(), outlet="Mirror"))
        if number % 2:
            pool.append(_variant(base, f"{base.id}-r", _rewrite(base.body), outlet="Farm"))
        else:
            body = "An introduction of our own for this story.\n\n" + base.body
            pool.append(_variant(base, f"{base.id}-s", body, outlet="Carrier"))
    return pool


def _partition(articles: list[Article], matches: dict[str, DuplicateMatch]) -> set[frozenset[str]]:
    group = {article.id: {article.id} for article in articles}
    for match in matches.values():
        merged = group[match.article_id] | group[match.original_id]
        for member in merged:
            group[member] = merged
    return {frozenset(members) for members in group.values()}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.randoms(use_true_random=False))
def test_order_changes_only_which_copy_is_earliest(rng: random.Random) -> None:
    pool = _pool()
    expected = _partition(pool, _observe_all(pool))
    assert len(expected) == len(_allsides_bases())
    shuffled = pool[:]
    rng.shuffle(shuffled)
    matches = _observe_all(shuffled)
    assert _partition(shuffled, matches) == expected
    position = {article.id: index for index, article in enumerate(shuffled)}
    for match in matches.values():
        assert position[match.original_id] < position[match.article_id]


def _voted_one_by_one(
    postings: dict[int, int | list[int]], keys: list[int], options: DedupOptions
) -> list[int]:
    """What ``DuplicateDetector._voted`` answered before it was vectorised: a running total."""
    votes: dict[int, float] = {}
    for key in keys:
        posting = postings.get(key)
        if posting is None:
            continue
        if isinstance(posting, int):
            votes[posting] = votes.get(posting, 0.0) + 1.0
        elif len(posting) < options.max_posting:
            share = 1.0 / len(posting)
            for index in posting:
                votes[index] = votes.get(index, 0.0) + share
    ranked = sorted(
        (index for index, weight in votes.items() if weight >= options.min_votes),
        key=lambda index: (-votes[index], index),
    )
    return ranked[: options.max_candidates]


_POSTING = st.one_of(
    st.integers(0, 40), st.lists(st.integers(0, 40), min_size=2, max_size=9, unique=True)
)


@settings(max_examples=300, deadline=None)
@given(
    postings=st.dictionaries(st.integers(0, 60), _POSTING, max_size=40),
    keys=st.lists(st.integers(0, 80), unique=True, max_size=60),
    min_votes=st.sampled_from([0.25, 0.5, 1.0, 4 / 3, 1.5, 2.5, 3.0]),
    max_posting=st.integers(2, 10),
    max_candidates=st.integers(1, 8),
)
def test_voted_equals_a_running_total_per_article(
    postings: dict[int, int | list[int]],
    keys: list[int],
    min_votes: float,
    max_posting: int,
    max_candidates: int,
) -> None:
    options = DedupOptions(
        min_votes=min_votes, max_posting=max_posting, max_candidates=max_candidates
    )
    detector = DuplicateDetector(options=options)
    detector._postings = postings
    got = detector._voted(np.array(sorted(keys), dtype=np.uint64))
    assert got == _voted_one_by_one(postings, sorted(keys), options)


def _table_rows(words: list[int], min_content: int) -> list[tuple[list[int], list[int]]]:
    """Per kept sentence: its sorted distinct content words and word bigrams."""
    content = sorted({word for word in words if not _IS_STOP[word]})
    if len(content) < min_content:
        return []
    return [(content, sorted({(a << 16) | b for a, b in itertools.pairwise(words)}))]


def _grouped(sentences: list[int], values: list[int], count: int) -> list[list[int]]:
    groups: list[list[int]] = [[] for _ in range(count)]
    for sentence, value in zip(sentences, values, strict=True):
        groups[sentence].append(value)
    return groups


_TABLE_WORDS = ["the", "of", "a", "Bank", "rates", "rose", "fell", "said", "bank", ".", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TABLE_WORDS), max_size=80), st.integers(1, 5))
def test_sentence_table_holds_each_kept_sentence_content_words_and_bigrams(
    tokens: list[str], min_content: int
) -> None:
    print_ = fingerprint(" ".join(tokens))
    words, bounds = print_.words.tolist(), print_.bounds.tolist()
    expected = [
        row
        for start, end in itertools.pairwise(bounds)
        for row in _table_rows(words[start:end], min_content)
    ]
    table = sentence_table(print_, min_content=min_content)
    assert table.count == len(expected)
    content = _grouped(table.content_sentence.tolist(), table.content_word.tolist(), table.count)
    bigrams = _grouped(table.bigram_sentence.tolist(), table.bigram.tolist(), table.count)
    assert list(zip(content, bigrams, strict=True)) == expected
    assert table.content_size.tolist() == [len(words) for words, _ in expected]
    assert table.bigram_size.tolist() == [len(pairs) for _, pairs in expected]
    assert table.content_word.dtype == table.bigram.dtype == np.uint32


def test_one_sites_desks_named_apart_count_as_one_outlet() -> None:
    def on(article_id: str, outlet: str, url: str) -> Article:
        return replace(_article(article_id, f"Text {article_id}.", outlet=outlet), url=url)

    articles = [
        on("a", "Daily Planet News", "https://www.planet.example/news/1"),
        on("b", "Daily Planet - Opinion", "https://planet.example/opinion/2"),
        on("c", "The Daily Planet (Online)", "https://planet.example/3"),
        # One domain, another outlet's name: an aggregator's page, its own source.
        on("d", "Evening Star", "https://planet.example/4"),
        # The first outlet's name on another site: still that outlet.
        on("e", "Daily Planet News", "https://other.example/5"),
        on("f", "Morning Post", "https://post.example/6"),
    ]
    coverage = story_coverage(articles, {})
    assert coverage.independent_sources == 3
    assert coverage.sources == ("Daily Planet News", "Evening Star", "Morning Post")
    units = source_units(articles, [])
    assert len(set(units)) == 3
    assert units[0] == units[1] == units[2] == units[4]


def test_an_aggregators_outlets_that_begin_alike_stay_apart() -> None:
    def on(article_id: str, outlet: str, url: str) -> Article:
        return replace(_article(article_id, f"Text {article_id}.", outlet=outlet), url=url)

    articles = [
        on("a", "Northern Ledger", "https://news.gather.example/a/1"),
        on("b", "Northern Courier", "https://news.gather.example/a/2"),
        # The site's own desks still count once (initials open the site's label).
        on("c", "Northern Courier Online", "https://nco.co.uk/3"),
        on("d", "Northern Courier Opinion", "https://www.nco.co.uk/4"),
    ]
    units = source_units(articles, [])
    assert units[0] != units[1]
    assert units[2] == units[3]
    assert story_coverage(articles, {}).independent_sources == 3
