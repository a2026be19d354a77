"""Incremental story clustering: each article joins a story, or starts one, as it arrives.

The algorithm, per article (a copy of an article already assigned, as duplicate
detection found it, skips it all and joins its original's story: see
``ClusterOptions.follow_copies``):

1. count its features (:mod:`~newsweave.cluster.features`), update the document
   frequencies learnt from the stream and weigh the article with the current IDF;
2. ask the :class:`~newsweave.cluster.index.StoryIndex` for candidate stories that
   share its most salient features (bounded work, never a scan of all stories);
3. score each candidate: the cosine with the story centroid blended with the
   cosine over names, numbers and dates alone, blended in turn with the mean
   similarity to the story's ``link_top`` closest recent members (the centroid
   of a story that took in a second event of the same kind sits between the
   two; its members do not), less a penalty when the story went cold (published
   dates further apart than ``cold_gap``), so a strong match still revives an
   old story while a vague one starts a new story; a story with no dated member
   within ``closed_gap`` of the article's metadata date (its container's or its
   page's, not one read from its text) is closed to it: not a candidate at all;
4. join the best candidate at or above ``threshold`` + ``commit_margin``, else
   start a new story (an article that only just reaches ``threshold`` may be the
   first report of a second event of the same kind: it waits in a story of its
   own);
5. when the article also matches a second story and the two centroids are
   close, the two stories are one: merge them and record the merge (unless a
   split found them to be two);
6. when the story the article joined re-ranks its terms (a few times as it
   grows), the small stories under its heaviest terms are looked at again: one
   whose members would now join it is merged in (an early report of a story
   that formed later, or an article that waited in step 4);
7. when a story has grown to or past one of ``split_sizes`` members since its last
   check (by one member, or by a merge that jumps several), cut its members in two
   along their nearest-neighbour graph
   (:func:`~newsweave.cluster.split.neighbour_partition`); two halves far apart
   relative to within are two stories (halves published within
   ``split_near_gap`` of each other must be further apart:
   ``split_near_ratio``): the half without the oldest member gets a new id, and
   the split is recorded.

Stories keep a centroid, the sum of their members' vectors (each weighed with
the IDF of its own arrival, so adding a member never re-weighs the others), with
its norm kept up to date as it grows, truncated to the heaviest
``centroid_terms`` features, so memory and comparison cost per story are bounded.
Everything iterates in insertion or sorted order, so the same input in the same
order gives the same stories.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from newsweave.cluster.embeddings import Embedder, article_text
from newsweave.cluster.features import (
    ArticleFeatures,
    DocumentFrequencies,
    count_features,
    weigh,
)
from newsweave.cluster.fingerprint import event_counts, event_vector
from newsweave.cluster.headline import article_title_shape, display_headline
from newsweave.cluster.index import StoryIndex
from newsweave.cluster.ner import NameFinder, article_lead
from newsweave.cluster.notice import is_notice
from newsweave.cluster.options import ClusterOptions, Merge, Split
from newsweave.cluster.reshape import StoryReshaper, _Copy
from newsweave.cluster.scoring import (
    centroid_score,
    is_closed,
    is_cold,
    link_score,
    link_vector,
    same_language,
)
from newsweave.cluster.state import (
    Member,
    StoryState,
    as_utc_naive,
    settles_at,
)
from newsweave.cluster.storyline import StorylineLinker, saga_vector
from newsweave.errors import ConfigError
from newsweave.models import Article, Story, metadata_date

__all__ = ["ClusterOptions", "Merge", "Split", "StoryClusterer"]


class StoryClusterer(StoryReshaper):
    """Assigns a stream of articles to stories, one at a time, in arrival order.

    >>> clusterer = StoryClusterer()
    >>> story_id = clusterer.assign(article)          # doctest: +SKIP
    >>> clusterer.story_of(article.id)                # after later merges  # doctest: +SKIP

    Story ids are ``s000001``, ``s000002``, ... in order of creation.  When two
    stories merge, the older id is kept and :meth:`story_of` follows the merge;
    when a story splits, the moved articles get the new story's id.
    """

    def __init__(
        self,
        *,
        options: ClusterOptions | None = None,
        embedder: Embedder | None = None,
        name_finder: NameFinder | None = None,
    ) -> None:
        self.options = options or ClusterOptions()
        self._embedder = embedder
        self._name_finder = name_finder
        self._name_model = name_finder.name if name_finder is not None else ""
        """The name finder's model (kept in the state, unlike the loaded model)."""
        self._dense: dict[str, Any] = {}
        """Article id -> its dense embedding (with an embedder only)."""
        self._frequencies = DocumentFrequencies()
        self._index = StoryIndex(posting_cap=self.options.posting_cap)
        self._stories: dict[str, StoryState] = {}
        self._merged_into: dict[str, str] = {}
        self._article_story: dict[str, str] = {}
        self._merges: list[Merge] = []
        self._splits: list[Split] = []
        # Stories found to be two by a split are never merged back.
        self._apart: dict[str, set[str]] = {}
        self._created = 0
        self._window = max(max(self.options.split_sizes, default=0), self.options.link_members)
        self._copies: dict[str, list[_Copy]] = {}
        """Original article id -> the copies that joined its story through it."""
        self._lines = StorylineLinker(options=self.options.storylines)
        self._notices: dict[str, None] = {}
        """Ids of the articles found to be no article (see :meth:`is_notice`)."""

    # The models (loaded embedder and name finder) are not part of the state: a
    # restored clusterer gets them back through attach_models.
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_embedder"] = None
        state["_name_finder"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_copies", {})
        self.__dict__.setdefault("_name_finder", None)
        self.__dict__.setdefault("_name_model", "")
        self.__dict__.setdefault("_notices", {})

    def attach_models(
        self, *, embedder: Embedder | None = None, name_finder: NameFinder | None = None
    ) -> None:
        """Give a restored clusterer its models again (the ones it was built with)."""
        self._embedder = embedder
        self._name_finder = name_finder

    # -- public API ---------------------------------------------------------

    def features(self, article: Article) -> ArticleFeatures:
        """What :meth:`assign` computes of ``article`` before it looks at any story
        (its feature counts, names included, and its title's shape)."""
        names = self._find_names(article)
        found = count_features(article, options=self.options.features, names=names)
        shape = article_title_shape(article)
        return ArticleFeatures(article.id, self.options.features, self._name_model, found, shape)

    def assign(
        self,
        article: Article,
        *,
        copy_of: str | None = None,
        features: ArticleFeatures | None = None,
    ) -> str:
        """Assign ``article`` to a story and return the story id.

        ``copy_of`` names an assigned article that ``article`` is a copy of (from
        duplicate detection): with ``follow_copies`` the copy joins that
        article's story, and follows it through later merges and splits.  An
        article id seen before keeps its story (re-ingesting is a no-op).
        ``features``: :meth:`features` of the article, made beforehand (by a
        clusterer with the same feature options and name finder); same answer.
        """
        known = self._article_story.get(article.id)
        if known is not None:
            return self._resolve(known)
        options = self.options
        if features is not None and (
            features.article_id != article.id
            or features.options != options.features
            or features.name_model != self._name_model
        ):
            raise ConfigError("the features were made for another article or with other options")
        if options.notice_words and self._is_notice(article, copy_of):
            return self._add_notice(article)
        if copy_of is not None and options.follow_copies and copy_of in self._article_story:
            return self._join_copy(article, copy_of)
        if features is None:
            features = self.features(article)
        found = features.counts
        self._frequencies.add(found.counts)
        vector = weigh(found, self._frequencies, max_terms=options.features.max_terms)
        # The vector comes heaviest first: its prefixes are the query and the member.
        query = dict(itertools.islice(vector.items(), options.query_terms))
        # Names, numbers and dates: the features that tell two events of one kind apart.
        boosts = found.boosts
        names = {k: w for k, w in vector.items() if boosts.get(k, 1.0) > 1.0}
        names_norm = math.sqrt(sum(w * w for w in names.values()))
        published = as_utc_naive(article.published) if article.published else None
        closing = metadata_date(published, article.date_source)

        dense = self._embed(article)
        rare: tuple[str, ...] = ()
        if options.rare_bonus > 0:
            frequencies = self._frequencies
            rare = tuple(
                key
                for key in vector
                if (key.startswith("e:") or (options.rare_words and key in found.names))
                and frequencies.df(key) <= options.rare_df
            )
        kept = dict(itertools.islice(vector.items(), options.member_terms))
        event = None
        if options.event_weight > 0:
            found_event = event_counts(article, options=options.features)
            event = event_vector(found_event, self._frequencies.idfs(found_event.counts))
        link = link_vector(
            kept,
            names,
            names_weight=options.names_weight,
            event=event,
            event_weight=options.event_weight,
        )
        # The centroid score ranks every candidate; only the best few are then
        # compared member by member (the costly part) and can take the article.
        scored: list[tuple[float, float, str]] = []
        language = article.language
        # The best centroid score before the cold penalty: a story this article
        # would have joined but for time is an earlier story of its saga.
        warm_best: tuple[float, str | None] = (-1.0, None)
        kin: list[str] = []
        for story_id in self._index.candidates(query, limit=options.max_candidates):
            story = self._stories[story_id]
            if not same_language(story.language, language):
                continue
            score, cosine = centroid_score(
                story, vector, names, names_norm, names_weight=options.names_weight
            )
            if dense is not None and story.dense is not None:
                norm = float(np.linalg.norm(story.dense)) or 1.0
                similar = float(dense @ story.dense) / norm
                score = (1 - options.dense_weight) * score + options.dense_weight * similar
            if score > warm_best[0]:
                warm_best = (score, story_id)
            if score >= options.storylines.kin_threshold:
                kin.append(story_id)
            if is_closed(story, closing, options):
                continue  # nor merged with the article's story: merges come from these
            if is_cold(story, published, options):
                score -= options.cold_penalty
            scored.append((score, cosine, story_id))
        scored.sort(key=lambda item: (-item[0], item[2]))
        del scored[options.link_candidates :]
        for rank, (score, cosine, story_id) in enumerate(scored):
            story = self._stories[story_id]
            scored[rank] = (
                link_score(story, score, link, options, rare=rare, published=published),
                cosine,
                story_id,
            )
        scored.sort(key=lambda item: (-item[0], item[2]))

        member = Member(
            article.id,
            link,
            article.title,
            article.outlet,
            published,
            features.title_shape,
            rare,
        )
        if scored and scored[0][0] >= options.threshold + options.commit_margin:
            story = self._stories[scored[0][2]]
            self._add_member(story, member, vector, names, scored[0][1])
            self._lines.add(
                story.id, saga_vector(vector, terms=options.storylines.article_terms), published
            )
            for score, _cosine, other_id in scored[1:]:
                if score < options.threshold:
                    break
                self._maybe_merge(story, other_id, article.id)
            story = self._stories[self._resolve(story.id)]
            if settles_at(len(story.article_ids)):
                self._adopt_small(story, article.id, closing)
                story = self._stories[self._resolve(story.id)]
        else:
            story = self._new_story(member, vector, names)
            saga = saga_vector(vector, terms=options.storylines.article_terms)
            closest = warm_best[1] if warm_best[0] >= options.storylines.kin_threshold else None
            if closest is not None and closest in self._stories:
                self._lines.join(story.id, closest, saga, published)
            else:
                self._lines.place(story.id, saga, published)
        story.language = story.language or language
        self._article_story[article.id] = story.id
        for other_id in kin:
            if other_id in self._stories and other_id != story.id:
                self._lines.link(story.id, other_id)
        self._maybe_split(story, article.id)
        return self.story_of(article.id)

    def _is_notice(self, article: Article, copy_of: str | None) -> bool:
        """Whether ``article`` is no article (``notice_words``): its text, or a copy of one."""
        if copy_of is not None and copy_of in self._notices:
            return True
        return is_notice(article, max_words=self.options.notice_words)

    def _add_notice(self, article: Article) -> str:
        """Give a notice a story of its own that no article can join."""
        published = as_utc_naive(article.published) if article.published else None
        self._created += 1
        story = StoryState(id=f"s{self._created:06d}", article_ids=[], centroid={})
        story.headline = article.title
        story.language = article.language
        self._stories[story.id] = story
        self._count_article(story, _Copy(article.id, article.outlet, published))
        self._lines.place(story.id, {}, published)
        self._article_story[article.id] = story.id
        self._notices[article.id] = None
        return story.id

    def is_notice(self, article_id: str) -> bool:
        """Whether the assigned article is no article but a site's notice to its
        reader (:mod:`~newsweave.cluster.notice`): it has a story of its own."""
        return article_id in self._notices

    def _join_copy(self, article: Article, original_id: str) -> str:
        """Put ``article`` in the story of ``original_id`` (see ``follow_copies``)."""
        story = self._stories[self.story_of(original_id)]
        published = as_utc_naive(article.published) if article.published else None
        copy = _Copy(article.id, article.outlet, published)
        self._copies.setdefault(original_id, []).append(copy)
        self._count_article(story, copy)
        # A copy shows the story is alive: it stays fresh in the index.
        self._index.add(story.id, story.indexed)
        self._article_story[article.id] = story.id
        return story.id

    def assign_many(self, articles: Iterable[Article]) -> list[str]:
        """Assign each article in turn (the same as calling :meth:`assign` one by one)."""
        return [self.assign(article) for article in articles]

    def story_of(self, article_id: str) -> str:
        """The current story of an assigned article, following merges and splits."""
        return self._resolve(self._article_story[article_id])

    def storyline_of(self, article_id: str) -> str:
        """The current storyline of an assigned article (the storyline of its story)."""
        return self._lines.line_of(self.story_of(article_id))

    def storylines_merged_after(self, count: int) -> list[tuple[str, str]]:
        """``(gone, kept)`` for each storyline merge after the first ``count``."""
        return self._lines.merged_after(count)

    @property
    def storyline_merge_count(self) -> int:
        """How many storylines were merged into others so far."""
        return self._lines.merge_count

    def story(self, story_id: str) -> Story:
        """The current state of one story (``story_id`` may be one merged into it)."""
        return self._as_story(self._stories[self._resolve(story_id)])

    def stories(self) -> list[Story]:
        """The current stories, oldest first."""
        return [self._as_story(state) for state in self._stories.values()]

    @property
    def merges(self) -> tuple[Merge, ...]:
        """Every merge so far, in order."""
        return tuple(self._merges)

    @property
    def splits(self) -> tuple[Split, ...]:
        """Every split so far, in order."""
        return tuple(self._splits)

    def events_after(self, merges: int, splits: int) -> tuple[list[Merge], list[Split]]:
        """The merges and splits after the first ``merges`` and ``splits`` of them.

        What a caller following the clusterer article by article needs, without
        copying the whole history each time (it grows with the store).
        """
        return self._merges[merges:], self._splits[splits:]

    def __len__(self) -> int:
        return len(self._stories)

    def __iter__(self) -> Iterator[str]:
        return iter(self._stories)

    # -- internals ----------------------------------------------------------

    def _as_story(self, state: StoryState) -> Story:
        return Story(
            id=state.id,
            article_ids=tuple(state.article_ids),
            headline=display_headline(state),
            first_seen=state.first_seen,
            last_seen=state.last_seen,
            independent_sources=len(state.outlets),
            storyline=self._lines.line_of(state.id),
        )

    def _find_names(self, article: Article) -> list[str]:
        """The names the name finder sees in the article's lead (none without one)."""
        if self._name_finder is None:
            if self._name_model:
                raise RuntimeError(
                    "this clusterer was built with a name finder: attach_models() first"
                )
            return []
        return self._name_finder.find([article_lead(article)])[0]

    def _embed(self, article: Article) -> Any:
        """The article's unit dense embedding, or ``None`` without an embedder."""
        if self._embedder is None:
            if self._dense:
                raise RuntimeError(
                    "this clusterer was built with dense embeddings: attach_models() first"
                )
            return None
        vector = self._embedder.embed([article_text(article)])[0]
        self._dense[article.id] = vector
        return vector
