"""The timeline of a story: its dated events in event time, oldest first, ranked.

Dates are found and resolved per clause by :mod:`newsweave.brief.timeline_dates`;
the shown sentences, the ranks and the copies left out are
:mod:`newsweave.brief.timeline_rank`'s.  Then, for the story as a whole:

* **a wire lead starts after its dateline** ("GENEVA (Agency) - "): a page's headline,
  bullets and time stamp run together with the lead into one "sentence" are no part of
  the entry, nor is the dateline's date;
* **page clutter is left out**: a sentence that says little besides its dates (a
  page's "updated" line, a comment's time stamp, a dateline, a sidebar's list of
  dates) or that opens with a page stamp word ("Updated", "Posted", "©") gives no
  entry;
* **background is left out**: a date that ends more than
  :attr:`TimelineOptions.background_days` before the story's first publication
  date ("the first such ruling since 2015") is context, not an event of the story;
  without publication dates, a year long before the latest year the story names,
  and a date that only one article gives, past its first
  :attr:`TimelineOptions.undated_lead` sentences; another affair recalled weeks
  before the story by one article, with names no other article uses ("a breach at
  another firm last year"), is left out too (:mod:`newsweave.brief.timeline_aside`);
* **views are no events**: a sentence of an opinion piece
  (:func:`~newsweave.brief.claim_voice.is_opinion`) in its writer's own voice
  (:func:`~newsweave.brief.claim_voice.voiced`: "a day seared into my mind") gives no
  entry;
* **one entry per sentence**: a sentence is the entry of its first dated clause
  (its first day, else its first coarser date), so one sentence never stands under
  two dates; sentences of the same date that tell one event (shared words) merge
  into one entry citing all of them, shown by the sentence closest to the others;
  an entry telling the same as a better-supported entry of another date is dropped;
* **undated leads join their day's event**: an article's first sentence that names no
  day, no year and is no headline states the day's news ("The agency raised its alert
  to phase 5"); it joins the group of its publication day, else of the day before,
  that tells the same (one more source, and it may be the sentence shown), never an
  entry of its own;
* **an entry is shown by what its day's reports lead with**: of the sentences telling
  one event, the one that says most of what the date's sentences and the first
  sentences of the articles published that day and the next say; a day's entries
  are ranked by that too (a reaction or an aside that only names the day comes after
  the day's event);
* **ranking**: a date matters as much as the number of articles that mention it,
  a mention of a day only planned counting less and one made days after the day
  more, and a day near the story's first publication (the days it breaks on) up
  to twice as much;
  ranks go round the dates, most-mentioned first: rank 1 is the best entry of the
  most-mentioned date, then the best entry of the next date, and so on, so a short
  timeline shows the days that matter.  Within a date, an event told by more
  articles ranks first, then the one that says more of what the story is about.
  The timeline keeps the :attr:`TimelineOptions.max_entries` best-ranked entries,
  in date order.

``date`` is ISO 8601 at the precision the text gives: ``2023-05-04``,
``2023-05-04T09:30``, ``2023-05``, ``2023-W18`` (a week), ``2023``.  A day or month
whose year neither the text nor the publication date tells is written without a
year (``--05-04``, ISO 8601:2000), never guessed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from newsweave.brief.claim_voice import is_opinion, voiced
from newsweave.brief.doc import StoryDoc, StorySentence
from newsweave.brief.timeline_aside import AsideOptions, asides
from newsweave.brief.timeline_cues import day_after_stamp, link_line, written_on
from newsweave.brief.timeline_dates import (
    Mention,
    When,
    find_mentions,
    has_stamp,
    settle_weekdays,
    strip_dates,
)
from newsweave.brief.timeline_page import page_furniture, present_caption
from newsweave.brief.timeline_rank import (
    Group,
    choose_heads,
    jaccard,
    rank_groups,
    without_coarse_copies,
)
from newsweave.models import Article, Citation, TimelineEntry
from newsweave.text import MONTHS, STOPWORDS, WEEKDAYS, content_words, words
from newsweave.wordlists import entries

__all__ = ["TimelineOptions", "build_timeline"]

# Calendar words and numbers say nothing about whether two dated sentences tell one event.
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {str(n) for n in range(1, 32)}
# Words that open a page's stamp rather than a sentence of the story.
_PAGE_STAMP = re.compile(
    r"^\W*(?:" + "|".join(entries("page-stamp-openers")) + ")",
    re.I,
)


_LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A wire dateline ("GENEVA (Agency) - ", "LONDON, June 14 (Agency) -- "): what stands
# before it in a "sentence" is the page's headline, bullets and time stamp run
# together with the story's lead, which starts after it.
_DATELINE = re.compile(
    r"(?:^|\s)(?:[A-Z][A-Z.'’-]+(?:[ ,/]+[A-Z][\w.'’-]*){0,4},?\s+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+(?:\d{4}\s+)?)?"
    r"\([A-Z][\w.&' -]{0,24}\)\s*[-–—]{1,2}\s+(?=\S)"
)
_DATELINE_REACH = 400
_DATELINE_END = re.compile(r"\)\s*[-–—]")


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """How :func:`build_timeline` keeps, merges and ranks entries."""

    min_shared_words: int = 5
    """Two same-date sentences tell one event when they share this many content words..."""
    min_overlap: float = 0.25
    """...or this share (Jaccard) of their content words."""
    duplicate_overlap: float = 0.6
    """Entries of different dates this alike (Jaccard) tell one event: the weaker goes."""
    coarse_overlap: float = 0.3
    """A week, month or year entry this alike (Jaccard of content words) to an entry of
    a day or shorter period inside it tells that event less precisely: it goes."""
    max_entries: int | None = 30
    """The best-ranked entries kept (``None``: all)."""
    background_days: int = 365
    """A date ending this long before the story's first publication is background."""
    min_words: int = 1
    """A sentence with fewer lower-case words than this besides its dates is page clutter."""
    planned_weight: float = 0.3
    """A date only announced (planned) counts this much of a date reported..."""
    later_days: int = 2
    """...and one mentioned by an article published this many days or more after it..."""
    later_bonus: float = 0.5
    """...counts this much more (tuned on the even T17 dev topics)."""
    onset_bonus: float = 1.0
    """A day at the story's first publication counts this much more (tuned on the
    even T17 dev topics)..."""
    onset_days: int = 30
    """...and the bonus falls to nothing this many days away (0: no bonus)."""
    min_story_words: int = 2
    """A sentence sharing fewer words with the story (:func:`_story_words`) is off the story
    (a sidebar, another story's teaser)."""
    max_words: int = 80
    """A longer "sentence" is text run together (a page's lists and captions), not an event."""
    lead_days: int = 1
    """An article's undated first sentence may join an event of its publication day or
    of up to this many days before (see :func:`_join_leads`): a report published the
    day after tells the day's event (tuned on the even T17 dev topics)."""
    min_lead_words: int = 4
    """...when it has this many content words in lower case (a headline has none)."""
    undated_lead: int = 6
    """In a story without publication dates, a date one article alone gives is kept only
    from its first this many sentences (see :func:`_collect`)."""
    news_sentences: int = 5
    """An entry is shown by the sentence that says most of what the articles published
    on its day, or up to :attr:`news_days` after, lead with in their first this many
    sentences (0: by what its date's sentences say alone; tuned on the even T17 dev
    topics)..."""
    news_days: int = 1
    """...see :attr:`news_sentences`."""
    aside: AsideOptions = field(default_factory=AsideOptions)
    """When an entry tells another affair as background (:mod:`timeline_aside`): left out."""


def _published(article: Article) -> date | None:
    return article.published.date() if article.published else None


def _is_clutter(text: str, mentions: list[Mention], options: TimelineOptions) -> bool:
    if _PAGE_STAMP.search(text) or has_stamp(text, mentions) or link_line(text):
        return True
    if page_furniture(text):
        return True
    if present_caption(text) and not any(m.planned for m in mentions):
        return True
    rest = _LETTER_WORD.findall(strip_dates(text, mentions))
    # A line of names and dates (a byline, a dateline, a stamp) has no content word
    # in lower case: a sentence of the story has its verbs and nouns.
    lower = sum(1 for w in rest if w[0].islower() and len(w) > 2 and w not in STOPWORDS)
    return lower < options.min_words or len(rest) > options.max_words


def _lead(sentence: StorySentence) -> StorySentence:
    """``sentence`` from its wire dateline's end on (itself without a dateline)."""
    if not _DATELINE_END.search(sentence.text, 0, _DATELINE_REACH):
        return sentence  # the cheap test first: most sentences have no ") -"
    found = next(reversed(list(_DATELINE.finditer(sentence.text, 0, _DATELINE_REACH))), None)
    if found is None:
        return sentence
    text = sentence.text[found.end() :]
    tokens = tuple(t[:-2] if t.endswith("'s") else t for t in words(text))
    content = frozenset(t for t in tokens if t not in STOPWORDS)
    start = sentence.start + found.end()
    return replace(sentence, start=start, text=text, tokens=tokens, content=content)


def _is_background(when: When, start: date | None, latest_year: int | None, days: int) -> bool:
    """A date before the story: see the module's docstring."""
    if when.year is None:
        return False
    if when.precision == "year":
        # A bare year up to the story's own is context ("since 2015", "this year").
        reference = start.year if start is not None else latest_year
        return reference is not None and when.year <= reference
    if start is not None:
        last = when.last_day()
        return last is not None and last < start - timedelta(days=days)
    return latest_year is not None and when.year < latest_year - days // 365


def _weight(mention: Mention, published: date | None, options: TimelineOptions) -> float:
    """What one article's mention of a date says of the date's importance."""
    weight = options.planned_weight if mention.planned else 1.0
    event = mention.when.last_day()
    # A day still told days later is a day that mattered.
    if published and event and (published - event).days >= options.later_days:
        weight *= 1 + options.later_bonus
    return weight


def _similar(a: set[str] | frozenset[str], b: set[str], options: TimelineOptions) -> bool:
    shared = len(a & b)
    union = len(a | b) or 1
    return shared >= options.min_shared_words or shared / union >= options.min_overlap


def _story_words(doc: StoryDoc) -> frozenset[str] | None:
    """Words a tenth of the story's articles use (at least two): what the story is about.

    ``None`` for a story of fewer than five articles, too few to tell.
    """
    if len(doc.articles) < 5:
        return None
    used: Counter[str] = Counter()
    for number in range(len(doc.articles)):
        used.update(frozenset().union(*(s.content for s in doc.article_sentences(number))))
    floor = max(2, math.ceil(len(doc.articles) / 10))
    return frozenset(w for w, n in used.items() if n >= floor and w not in _DATE_WORDS)


def _collect(doc: StoryDoc, options: TimelineOptions) -> tuple[list[Group], dict[str, float]]:
    """Same-date groups of dated sentences, and how much the articles say each date matters."""
    dated: list[tuple[StorySentence, list[Mention]]] = []
    leads: list[tuple[StorySentence, date]] = []
    topic = _story_words(doc)
    for number, article in enumerate(doc.articles):
        published = _published(article)
        sentences = doc.article_sentences(number)
        sentences = tuple(_lead(s) for s in sentences)
        found = [find_mentions(s.text, published) for s in sentences]
        written = written_on(found, published)
        if written != published:  # the text was updated after its stamp
            found = [find_mentions(s.text, written) for s in sentences]
        found = day_after_stamp(
            settle_weekdays(found, written), [s.text for s in sentences], published, written
        )
        if published is not None and sentences and _is_lead(sentences[0], found[0], article):
            leads.append((sentences[0], published))
        opinion = is_opinion(article)
        for sentence, mentions in zip(sentences, found, strict=True):
            if (
                mentions
                and not _is_clutter(sentence.text, mentions, options)
                # A column's sentence in its writer's own voice is a view, not an event.
                and not (opinion and voiced(sentence.tokens, sentence.text))
                and (topic is None or len(sentence.content & topic) >= options.min_story_words)
            ):
                dated.append((sentence, mentions))
    # Background is measured from the first publication; without any, from the
    # latest year the story names.
    days = [d for d in (_published(a) for a in doc.articles) if d is not None]
    start = min(days) if days else None
    latest_year = None
    if start is None:
        years = [m.when.year for _, ms in dated for m in ms if m.when.year is not None]
        latest_year = max(years) if years else None
    # How much each article says a date matters: its strongest mention of it.
    weights: dict[tuple[str, int], float] = {}
    by_date: dict[str, list[Group]] = defaultdict(list)
    for sentence, mentions in dated:
        kept = [
            m
            for m in mentions
            if not _is_background(m.when, start, latest_year, options.background_days)
        ]
        if not kept:
            continue
        published = _published(doc.articles[sentence.article])
        for mention in kept:
            key = (mention.when.iso()[:10], sentence.article)
            weights[key] = max(weights.get(key, 0.0), _weight(mention, published, options))
        # The sentence's own event: its first day not told in passing ("after the
        # March 3 referendum"), else its first coarser date; none, no entry.
        own = [m for m in kept if not m.passing]
        if not own:
            continue
        primary = next((m for m in own if m.when.precision == "day"), own[0])
        content = frozenset(w for w in sentence.content if w not in _DATE_WORDS)
        # Whether two dates tell one event is the dated clauses' question: their
        # words, unless a clause has too few to tell.
        clause = sentence.text[primary.clause[0] : primary.clause[1]]
        event = frozenset(w for w in content_words(words(clause)) if w not in _DATE_WORDS)
        member = (sentence, primary, content, event if len(event) >= 2 else content)
        iso = primary.when.iso()
        groups = by_date[iso]
        same = next(
            (
                g
                for g in groups
                if _similar(g.words, set(content), options)
                # One article giving one day twice, both times on a same subject,
                # tells of one event, not two.
                or (
                    sentence.article in g.articles()
                    and primary.when.precision == "day"
                    and not g.words.isdisjoint(content)
                )
            ),
            None,
        )
        if same is None:
            groups.append(Group(primary.when, iso, [member], set(content)))
        else:
            same.members.append(member)
            same.words |= content
    _join_leads(leads, by_date, options)
    support: dict[str, float] = defaultdict(float)
    told: Counter[str] = Counter()
    for (iso, _), weight in weights.items():
        support[iso] += weight
        told[iso] += 1
    if start is not None:
        for iso in support:
            support[iso] *= _onset_factor(iso, start, options)
    groups = [g for groups in by_date.values() for g in groups]
    if start is not None:
        other = asides(doc, groups, start, options.aside)
        groups = [g for i, g in enumerate(groups) if i not in other]
    if start is None:
        # Without publication dates nothing says when the story is: its own events
        # are what the articles lead with, what two of them tell, or what is still
        # to come; a past date only one article gives, deep in its text, is
        # background told in passing.
        groups = [
            g
            for g in groups
            if told[g.iso[:10]] >= 2
            or any(m[0].index < options.undated_lead or m[1].planned for m in g.members)
        ]
    return groups, support


_DAY_ISO = re.compile(r"\d{4}-\d\d-\d\d")


def _onset_factor(iso: str, start: date, options: TimelineOptions) -> float:
    """How much more a day near the story's first publication counts: the days a story
    breaks on are the ones its timeline must show (a date days from the onset counts
    up to 1 + :attr:`TimelineOptions.onset_bonus` times, falling to 1 at
    :attr:`TimelineOptions.onset_days` away)."""
    if not options.onset_days or not _DAY_ISO.fullmatch(iso):
        return 1.0
    away = abs((date.fromisoformat(iso) - start).days)
    return 1 + options.onset_bonus * max(0.0, 1 - away / options.onset_days)


_YEAR_NUMBER = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _is_lead(sentence: StorySentence, mentions: list[Mention], article: Article) -> bool:
    """Whether an article's first sentence is a lead that states the day's news without
    naming a day: no date and no year in it (a lead about "the 2019 summit" tells of
    then), running text ending as a sentence ends, not the headline."""
    text = sentence.text.strip()
    return (
        not mentions
        and not _YEAR_NUMBER.search(text)
        and text[-1:] in ".!?\"'”’"
        and text != (article.title or "").strip()
    )


def _join_leads(
    leads: list[tuple[StorySentence, date]],
    by_date: dict[str, list[Group]],
    options: TimelineOptions,
) -> None:
    """Each undated lead joins the event it tells of its publication day, else of the
    day before (:attr:`TimelineOptions.lead_days`): a wire story's first sentence ("The
    agency raised its alert to phase 5") states the day's news and names no day.  It
    never makes an entry of its own: it only joins a group whose dated sentences tell
    the same (:func:`_similar`), as one more source and a candidate to show."""
    for sentence, published in leads:
        content = frozenset(w for w in sentence.content if w not in _DATE_WORDS)
        # A headline ("Senate Passes Relief Bill") is no lead: a sentence has its
        # words in lower case.
        lower = [w for w in _LETTER_WORD.findall(sentence.text) if w[0].islower()]
        if len({w for w in lower if w not in STOPWORDS}) < options.min_lead_words:
            continue
        for back in range(options.lead_days + 1):
            iso = (published - timedelta(days=back)).isoformat()
            fits = [g for g in by_date.get(iso, ()) if _similar(g.words, set(content), options)]
            if fits:
                group = max(fits, key=lambda g: jaccard(frozenset(g.words), content))
                group.members.append((sentence, group.members[0][1], content, content))
                break


def _day_news(doc: StoryDoc, options: TimelineOptions) -> dict[str, Counter[str]]:
    """What each day's reports lead with: the content words of the first
    :attr:`TimelineOptions.news_sentences` sentences of every article published on the
    day or up to :attr:`TimelineOptions.news_days` after it, counted by ISO day.  The
    sentence that tells the day's event as those reports tell it is the one to show
    (:func:`choose_heads`)."""
    news: dict[str, Counter[str]] = defaultdict(Counter)
    for number, article in enumerate(doc.articles):
        published = _published(article)
        if published is None or not options.news_sentences:
            continue
        lead = Counter(
            w
            for sentence in doc.article_sentences(number)[: options.news_sentences]
            for w in sentence.content
        )
        for back in range(options.news_days + 1):
            news[(published - timedelta(days=back)).isoformat()].update(lead)
    return news


def build_timeline(
    doc: StoryDoc, *, options: TimelineOptions | None = None
) -> tuple[TimelineEntry, ...]:
    """Dated events of ``doc``'s articles, oldest first, each with its rank (1 = matters most)."""
    options = options or TimelineOptions()
    groups, support = _collect(doc, options)
    choose_heads(groups, _day_news(doc, options))
    topic = _story_words(doc)
    if topic is not None:
        for group in groups:
            content = group.members[group.head][2]
            group.relevance = len(content & topic) / math.sqrt(len(content) or 1)
    ranked = without_coarse_copies(
        rank_groups(
            groups,
            support,
            duplicate_overlap=options.duplicate_overlap,
            max_entries=options.max_entries,
        ),
        coarse_overlap=options.coarse_overlap,
    )
    years = sorted(g.when.year for g, _ in ranked if g.when.year)
    fallback = years[len(years) // 2] if years else 1
    ranked.sort(key=lambda pair: (pair[0].when.as_date(fallback), pair[0].when.time or ""))
    entries = []
    for group, rank in ranked:
        head = group.head
        members = [group.members[head]] + [m for i, m in enumerate(group.members) if i != head]
        # One citation per article: the shown sentence, else the article's first
        # sentence that tells the event (two sentences of one page are one source).
        citations: list[Citation] = []
        cited: set[str] = set()
        for sentence, *_ in members:
            article = doc.articles[sentence.article]
            if article.id in cited:
                continue
            cited.add(article.id)
            citations.append(Citation(article.id, sentence.index, article.outlet, sentence.text))
        sentence, mention, *_ = members[0]
        entries.append(
            TimelineEntry(
                date=group.iso,
                text=sentence.text,
                citations=tuple(citations),
                planned=mention.planned,
                rank=rank,
            )
        )
    return tuple(entries)
