"""Key points (what several independent sources say) and single-source claims.

Each sentence of the story is aligned with the sentences of every other article
(:mod:`newsweave.brief.align`); an article supports a sentence through one of
its most similar sentences (at least ``support_threshold`` similar) that the
support judge (:mod:`newsweave.brief.support`) labels ``supports``.  The
support of a sentence is counted in independent sources: articles of one
outlet or site, or copies and rewrites of one text, count once.

Key points are taken greedily: the sentence with the most independent support
(then the closest support, then the earliest position) becomes a key point, and
every sentence that supports it is used up, so the same information is not
listed twice.  A sentence no other independent source supports is a
single-source claim when no other independent source even partly supports it:
no sentence at least ``single_source_threshold`` similar that the judge labels
``supports`` or ``partial``, and it is a checkable statement of fact that no
sentence of another source states even in part, read loosely
(:mod:`newsweave.brief.single_source`); those are listed from the leads of their
articles first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsweave.brief.align import BACKS, Floats, StoryAlignment
from newsweave.brief.captions import is_caption, strip_dateline
from newsweave.brief.keypoint_text import shown_as
from newsweave.brief.main_fact import MainFactOptions, find_main_fact, members
from newsweave.brief.page_chrome import is_page_chrome
from newsweave.brief.single_source import (
    SingleSourceOptions,
    commentary_articles,
    is_checkable,
    is_clutter,
    names_by_source,
    names_elsewhere,
    topic_words,
    unrelated_elsewhere,
)
from newsweave.brief.summary import (
    dangles,
    quoted_share,
)
from newsweave.brief.summary_names import speakers_by_article
from newsweave.brief.support import SupportOptions
from newsweave.cluster.headline import in_opinion_section
from newsweave.models import KeyPoint, Quote

__all__ = ["KeyPointOptions", "find_key_points"]


@dataclass(frozen=True, slots=True)
class KeyPointOptions:
    """Which sentences can be key points and how many are listed."""

    support_threshold: float = 0.3
    """Least similarity (mean of content-word and bigram Dice) for a sentence to support another."""
    min_words: int = 6
    max_words: int = 60
    max_key_points: int = 10
    max_single_source: int = 6
    single_source_threshold: float = 0.1
    """Least similarity of another source's sentence to be read by the judge when checking
    whether a claim is single-source (low: a paraphrase shares few words)."""
    single_source_judge: SupportOptions | None = field(
        default_factory=lambda: SupportOptions(partial_overlap=0.2, contained_overlap=0.1)
    )
    """The judge of the single-source check (``None``: the story's).  Looser than the
    citations' judge: a claim another source states even in part is not single-source,
    and a listed single-source claim that is not is the error a reader notices.  Set on
    the judgments' tune half (``benchmarks/eval_brief_support.py``): listed claims that
    another article backs fell from 13 of 26 to 4 of 12 (check half: 9 of 25 to 3 of 11)."""
    single_source_rules: SingleSourceOptions = field(default_factory=SingleSourceOptions)
    """What a single-source claim must be besides no support the judge finds: a checkable
    fact no sentence of another source states even in part
    (:mod:`newsweave.brief.single_source`)."""
    skip_dangling: bool = True
    """Leave out sentences that open by pointing back to an earlier one ("This", "He",
    "However"): out of their article a reader cannot tell what they refer to."""
    stand_alone: bool = True
    """State each key point in the words of a sentence a reader can check on its own
    (:func:`~newsweave.brief.single_source.stands_alone`): the key point's sentence, else
    the first of the sentences stating it that does; with none, it is left out.  Not
    one: a credit line ("... contributed to this report"), a later sentence of a
    quotation whose speaker another sentence names, a question, a quotation with no
    verb of saying, a sentence opening with a pronoun that points back ("He fled ...").
    Set on the read AllSides stories (``benchmarks/eval_keypoints_read.py``, tune half):
    such lines were 5 of 12 key points.  With the story's quotations given
    (:func:`find_key_points`), a sentence of a quotation is shown as ``Speaker: “...”``
    and a pronoun saying a quotation (``..., he said``) is replaced by its speaker; the
    quotation marks of every shown sentence are paired.  Key points that do not read
    alone (``eval_keypoints_read.self_contained``) fell from 6 / 4 to 1 / 3 (tune /
    check) there, and from 14 / 21 to 8 / 11 of 60 / 65 on the 20 judged stories
    (``benchmarks/eval_brief_support.py``)."""
    drop_fragments: bool = False
    """With ``stand_alone``, also leave out a key point none of whose sentences stands
    alone; off: only a credit line or a question is left out
    (:func:`~newsweave.brief.single_source.is_clutter`), a quotation's later sentence
    stays in its own words."""
    news_first: bool = True
    """Of key points stated by as many sources, one told by a news report ranks before one
    told by an opinion or analysis article (:func:`~newsweave.cluster.headline.in_opinion_section`),
    so the news report's sentence, not a columnist's, states the point."""
    block: int = 256
    """Sentences aligned per similarity block (bounds memory on large stories)."""
    support_judge: SupportOptions | None = None
    """The judge of a key point's supports (``None``: the story's).  Tried and left off:
    supports at 0.8 overlap (``SupportOptions(supports_overlap=0.8)``) made the judged
    supports right tune 32 of 33, check 36 of 37 (story's judge: 43 of 46, 40 of 42;
    ``benchmarks/eval_brief_support.py``, main in the same run) with 114 key points where
    there were 125, but the disagreements, which read the key points' sentences, lost a
    real one (4,183 against 4,051 passing yards): one is not bought with the other."""
    show_partial: bool = True
    """Cite, marked ``partial``, the sentences of other sources that state a key point
    only in part (the judge's ``partial``); they never count in "reported by N"."""
    min_full_sources: int = 2
    """Least independent sources (the key point's own included) stating all of a key point.
    At 1 (own source plus partial ones) the pairs shown as partly fell to tune 9 of 13,
    check 18 of 24 right (5 contradict): a point no other source states in full stays out."""
    min_sources: int = 2
    """Least independent sources stating a key point in full or in part."""
    partial_weight: float = 0.0
    """Weight of a partly stating source in the ranking of key points (a full one: 1)."""
    use_up_partial: bool = False
    partial_same_status: bool = True
    """Cite as partly stating only a sentence that does not set planned against done."""
    partial_threshold: float = 0.4
    """Least similarity of a sentence cited as partly stating a key point.  Higher than
    ``support_threshold``: the judge's ``partial`` is less sure than its ``supports``.  Set
    by precision (``benchmarks/eval_brief_support.py``, pairs shown as partly and judged
    ``supports`` or ``partial``): at 0.3 tune 3 of 3, check 10 of 11 (45 shown), and on a
    read AllSides story 2 of 3 only related; at 0.4 tune 2 of 2, check 3 of 3 (17 shown)."""
    """Whether a sentence cited as partly stating a key point is used up (not listed again)."""
    main_fact: MainFactOptions | None = field(default_factory=MainFactOptions)
    """Lead the key points with the story's main fact (:mod:`newsweave.brief.main_fact`):
    the key point holding it moved first, else, when no key point states it, a key point
    of its own: the lede the most other sources' ledes share words with, its "N" the
    sources the judge says state it in full (1 when only its own does, and the brief says
    so: other outlets' words are cited as ``partial`` where the judge reads them so,
    never counted).  ``None``: off.  A story whose outlets all open with its
    main fact in their own words otherwise had no key point at all, or only copied
    quotations (``benchmarks/eval_keypoints_read.py``)."""


_SIMILARITY_BLOCK = 32
"""Single-source candidates aligned at once."""


@dataclass(frozen=True, slots=True)
class _Scored:
    row: int
    support: tuple[int, ...]
    sources: int
    closeness: float
    partial: tuple[int, ...] = ()
    partial_sources: int = 0


def _candidates(story: StoryAlignment, options: KeyPointOptions) -> list[int]:
    rows = []
    for row, item in enumerate(story.sentences):
        text = item.text.rstrip()
        if not options.min_words <= len(item.tokens) <= options.max_words:
            continue
        if len(item.content) < 3 or text.endswith(("?", ":")) or quoted_share(text) > 0.85:
            continue
        if options.skip_dangling and item.index > 0 and dangles(item.tokens):
            continue
        if is_caption(text) or is_page_chrome(text):
            continue
        rows.append(row)
    return rows


def _score(story: StoryAlignment, rows: Sequence[int], options: KeyPointOptions) -> list[_Scored]:
    scored: list[_Scored] = []
    for start in range(0, len(rows), options.block):
        block = list(rows[start : start + options.block])
        sim = story.similarity(block)
        for offset, row in enumerate(block):
            sims = sim[offset]
            if options.show_partial:
                support, partial = story.support_levels(
                    row,
                    sims,
                    threshold=options.support_threshold,
                    same_status=options.partial_same_status,
                    options=options.support_judge,
                )
            else:
                support = story.support(
                    row, sims, threshold=options.support_threshold, options=options.support_judge
                )
                partial = []
            partial = [k for k in partial if sims[k] >= options.partial_threshold]
            closeness = float(sum(sims[k] for k in support[1:]))
            sources = story.source_count(support)
            scored.append(
                _Scored(
                    row,
                    tuple(support),
                    sources,
                    closeness,
                    tuple(partial),
                    _extra_sources(story, support, partial),
                )
            )
    return scored


def _extra_sources(story: StoryAlignment, full: Sequence[int], partial: Sequence[int]) -> int:
    """Independent sources of ``partial`` that are not sources of ``full``."""
    return story.source_count([*full, *partial]) - story.source_count(full)


def _claim_like(
    story: StoryAlignment,
    row: int,
    options: KeyPointOptions,
    names: dict[str, frozenset[str]],
    commentary: frozenset[int],
) -> bool:
    """Whether sentence ``row`` may be a single-source claim at all: a checkable fact that
    names what another source names, in an article that is no commentary
    (:mod:`newsweave.brief.single_source`)."""
    rules = options.single_source_rules
    # Key-point candidates are no captions (_candidates).
    if rules.checkable_only and not is_checkable(
        story, row, rules, captions=False, commentary=commentary
    ):
        return False
    return names_elsewhere(story, row, names, rules)


def _single_source(
    story: StoryAlignment,
    row: int,
    sims: Floats,
    options: KeyPointOptions,
    topic: frozenset[str],
) -> bool:
    """Whether no other independent source supports, partly supports or states in part
    sentence ``row`` (``sims``: its similarity to every sentence)."""
    backing = story.support(
        row,
        sims,
        threshold=options.single_source_threshold,
        accept=BACKS,
        options=options.single_source_judge,
    )
    own = story.sources[story.sentences[row].article]
    if any(story.sources[story.sentences[k].article] != own for k in backing):
        return False
    return unrelated_elsewhere(story, row, topic, options.single_source_rules, sims)


def find_key_points(
    story: StoryAlignment,
    *,
    options: KeyPointOptions | None = None,
    quotes: Sequence[Quote] = (),
) -> tuple[tuple[KeyPoint, ...], tuple[KeyPoint, ...]]:
    """``(key points, single-source claims)`` of ``story`` (see module docs).

    ``quotes``: the story's quotations with their speakers
    (:func:`~newsweave.brief.quotes.find_quotes`), so that a key point that is a
    sentence of a quotation is shown with its speaker.
    """
    options = options or KeyPointOptions()
    total = len(set(story.sources))
    scored = _score(story, _candidates(story, options), options)
    # Opinion sections, and pages that read as commentary (a blog under a news name).
    commentary = commentary_articles(story, options.single_source_rules)
    opinion = [
        options.news_first and (in_opinion_section(a.url, a.outlet) or k in commentary)
        for k, a in enumerate(story.doc.articles)
    ]
    order = sorted(
        scored,
        key=lambda s: (
            -(s.sources + options.partial_weight * s.partial_sources),
            opinion[story.sentences[s.row].article],
            -s.closeness,
            story.sentences[s.row].index,
            s.row,
        ),
    )
    used = np.zeros(len(story), dtype=bool)
    judge = options.support_judge
    said = speakers_by_article(quotes)
    key_points: list[KeyPoint] = []
    held: list[frozenset[int]] = []
    for entry in order:
        if len(key_points) >= options.max_key_points:
            break
        if used[entry.row] or entry.sources < options.min_full_sources:
            continue
        members = [k for k in entry.support if not used[k]]
        partial = [k for k in entry.partial if not used[k]]
        full_count = story.source_count(members)
        if full_count < options.min_full_sources or members[0] != entry.row:
            continue
        if full_count + _extra_sources(story, members, partial) < options.min_sources:
            continue
        text: str | None = None
        if options.stand_alone:
            found = shown_as(story, entry.row, members, judge, said)
            if found is None and (options.drop_fragments or is_clutter(story, entry.row)):
                continue
            if found is not None:
                shown, text = found
                members = [shown, *(k for k in members if k != shown)]
        used[list(entry.support)] = True
        if options.use_up_partial and partial:
            used[partial] = True
        key_points.append(_key_point(story, members, total, partial, text=text))
        held.append(frozenset(entry.support))
    if options.main_fact is not None:
        key_points = _lead_with_main_fact(
            story, options, used, total, said, list(zip(key_points, held, strict=True))
        )
    singles = sorted(
        (s for s in scored if s.sources == 1 and not used[s.row]),
        key=lambda s: (story.sentences[s.row].index, story.sentences[s.row].article),
    )
    single_source: list[KeyPoint] = []
    seen_sources: dict[str, int] = {}
    listed: set[str] = set()
    names = names_by_source(story) if singles else {}
    topic = topic_words(story, options.single_source_rules) if singles else frozenset()
    eligible = [
        entry.row for entry in singles if _claim_like(story, entry.row, options, names, commentary)
    ]
    support_of = {entry.row: entry.support for entry in singles}
    sims_of: dict[int, Floats] = {}
    for position, row in enumerate(eligible):
        if len(single_source) >= options.max_single_source:
            break
        source = story.sources[story.sentences[row].article]
        text = strip_dateline(story.sentences[row].text)
        # Spread the list over sources: at most two claims of one source while others
        # wait; a claim two copies of one text carry is listed once.
        if text in listed or seen_sources.get(source, 0) >= 2:
            continue
        if row not in sims_of:
            # Aligned a block at a time: one similarity pass per row costs about as much.
            block = eligible[position : position + _SIMILARITY_BLOCK]
            sims_of = dict(zip(block, story.similarity(block), strict=True))
        if not _single_source(story, row, sims_of[row], options, topic):
            continue
        seen_sources[source] = seen_sources.get(source, 0) + 1
        listed.add(text)
        single_source.append(_key_point(story, list(support_of[row]), total))
    return tuple(key_points), tuple(single_source)


def _lead_with_main_fact(
    story: StoryAlignment,
    options: KeyPointOptions,
    used: np.ndarray,
    total: int,
    said: dict[str, list[Quote]],
    listed: Sequence[tuple[KeyPoint, frozenset[int]]],
) -> list[KeyPoint]:
    """The key points ``listed`` (each with the rows it holds), the story's main fact
    first: the key point holding its sentence or a sentence stating all of it moved to
    the front, else a key point of its own added there, unless a key point already
    holds a sentence stating part of it (rows it uses are marked in ``used``)."""
    assert options.main_fact is not None
    points = [point for point, _ in listed]
    fact = find_main_fact(
        story,
        options=options.main_fact,
        judge=options.support_judge,
        same_status=options.partial_same_status,
    )
    if fact is None:
        return points
    for position, (point, rows) in enumerate(listed):
        if not rows.isdisjoint(fact.full):
            return [point, *points[:position], *points[position + 1 :]]
    if used[list(members(fact))].any():
        return points
    full = list(fact.full)
    # As for every key point: a partly stating sentence is cited only when close enough
    # that the judge's "partial" is not merely a sentence on the same topic.
    sims = story.similarity([fact.row])[0]
    partial = [k for k in fact.partial if sims[k] >= options.partial_threshold]
    partial = partial if options.show_partial else []
    text: str | None = None
    found = shown_as(story, fact.row, full, options.support_judge, said)
    if found is not None:
        shown, text = found
        full = [shown, *(k for k in full if k != shown)]
    lead = _key_point(story, full, total, partial, text=text)
    if len(points) >= options.max_key_points and (
        points[-1].independent_sources > lead.independent_sources
    ):
        return points  # no room: the main fact never pushes out a better-told point
    used[full] = True
    return [lead, *points][: options.max_key_points]


def _key_point(
    story: StoryAlignment,
    rows: Sequence[int],
    total: int,
    partial: Sequence[int] = (),
    *,
    text: str | None = None,
) -> KeyPoint:
    """The key point of sentence ``rows[0]``: ``rows`` state it, ``partial`` state part of it.

    ``text``: how it is shown (``None``: sentence ``rows[0]`` without its dateline).
    Of the partial rows, one per independent source not already among ``rows`` is cited.
    """
    # A partial row is cited when it adds a source (one news agency's text, in
    # another outlet, adds none): the count the "N of M" reads.
    extra: list[int] = []
    counted = story.source_count(rows)
    for k in partial:
        more = story.source_count([*rows, *extra, k])
        if more > counted:
            counted = more
            extra.append(k)
    return KeyPoint(
        text=strip_dateline(story.sentences[rows[0]].text) if text is None else text,
        support=(
            *(story.citation(k) for k in rows),
            *(story.citation(k, partial=True) for k in extra),
        ),
        independent_sources=story.source_count(rows),
        total_sources=total,
        partial_sources=len(extra),
    )
