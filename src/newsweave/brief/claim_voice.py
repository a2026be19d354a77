"""The writer's own voice in a sentence or an article: views, predictions, references back.

A single-source claim (:mod:`newsweave.brief.single_source`) must be a checkable
fact.  A sentence is none when it gives the writer's judgement (a stance or
evaluative word, "clearly", "a mistake"; a frame of judgement, "it remains to be
seen"), a prediction or a state of mind no one is reported to have said ("things
won't get easier", "he hoped to ..."), or when it points back to what an earlier
sentence told ("On Monday, he ...", "This move ...", "Both problems ...", "The
result: ...").  An article is commentary or analysis when its section or title
says so, or when it is written in the writer's voice: many of the sentences in
which it quotes no one judge, ask, or speak as "I", "we" or to "you".

The markers are general English grammar and news-site conventions written for
newsweave (``stance-words``, ``opinion-sections``, ``title-openers``,
``saying-verbs``), not drawn from any evaluation data.
"""

from __future__ import annotations

import re
import weakref
from urllib.parse import urlsplit

from newsweave import wordlists
from newsweave.brief.align import StoryAlignment
from newsweave.brief.wire_text import opens_inside, unquoted
from newsweave.cluster.headline import in_opinion_section
from newsweave.models import Article
from newsweave.text import MONTH_NAMES, WEEKDAY_PATTERN

__all__ = [
    "commentary_articles",
    "is_commentary",
    "is_opinion",
    "judges",
    "points_back",
    "unquoted_words",
    "voiced",
]

_PERSONAL = wordlists.words("personal-pronouns")
_QUOTE_MARKS = '"“”«»'
_CLOSING = "\"”’'» "
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_STANCE = wordlists.words("stance-words")
_PREDICTING = wordlists.vocab("will would won't wouldn't can't cannot")
"""Modal words of a prediction or a condition ("things won't get easier", "it would
hurt"): no fact unless reported as someone's words ("officials said it will ...")."""
_SCHEDULED = re.compile(
    rf"\b(?:on\s+|next\s+|this\s+)?(?:{WEEKDAY_PATTERN})\b"
    rf"|\b(?:{'|'.join(MONTH_NAMES)})\s+[0-3]?\d\b|\b[0-3]?\d\s+(?:{'|'.join(MONTH_NAMES)})\b"
    r"|\b[01]?\d(?::[0-5]\d)?\s*[ap]\.?m\b|\btomorrow\b|\bnext\s+(?:week|month)\b",
    re.IGNORECASE,
)
"""A day, date or hour: "will" before one sets a schedule ("the hearing will be held on
Tuesday"), a checkable fact, not a prediction."""
_MINDS = wordlists.vocab(
    "hope hoped want wants wanted wished believe believes believed think thinks feel feels"
    " feared worried expect expects expected"
)
"""Verbs of a state of mind: what someone hopes, fears or believes, told by the writer
with no one's words to check it by ("he hoped to ride the recovery to victory")."""
_REFERRING = re.compile(
    r"\b(?:this|these)\s+(?!(?:year|week|month|morning|afternoon|evening|night|"
    r"weekend|time|season|spring|summer|fall|autumn|winter|decade|century)\b)[a-z]"
    r"|^(?:\W*(?:and|but|so|yet)\s+)?both\s+[a-z]"
    r"|\b(?:take|took|taken|taking|follow|followed|following|adopt|adopted|try|tried)\s+"
    r"that\s+[a-z]+\W*$",
    re.IGNORECASE,
)
"""A demonstrative before a noun ("this move"; "that" and "those" aside, mostly a
conjunction or a pronoun: "said that", "those who"; but "that" between a verb of
taking or following and the last word, "to take that approach.", is one), or "both"
opening on a noun ("Both problems ..."): a reference to what an earlier sentence told
(a time said from the article's day, "this week", is no reference back)."""
_JUDGED = re.compile(
    r"\b(?:it|this|that)\s+(?:is|was|seems|seemed|remains|remained|looks|looked|appears|"
    r"appeared)\s+(?:\w+\s+)?(?:clear|obvious|unclear|likely|unlikely|possible|impossible|"
    r"true|fair|safe|hard|difficult|easy|important|notable|striking|ironic|telling)\b"
    r"|\bremains?\s+(?:to\s+be\s+seen|unclear|uncertain|unknown)\b"
    r"|\b(?:is|are|was|were)\s+not\s+(?:yet\s+)?(?:known|clear)\b"
    r"|\bexpress(?:es|ed|ing)?\s+(?:\w+\s+)?(?:support|concerns?|surprise|hope|doubts?|"
    r"frustration|anger|confidence|disappointment|optimism|skepticism|scepticism)\b|\b(?:one|we)\s+(?:can|could|might|must)\b"
    r"|\bof\s+course\b|\bno\s+(?:wonder|surprise|doubt)\b"
    r"|\brais(?:e|es|ed|ing)\s+(?:fears|concerns|questions|doubts|hopes)\b"
    r"|\bin\s+the\s+past\b|\bonly\s+to\s+(?:\w+\s+)?(?:revert|return|fall|end)\b"
    r"|\bsome\b(?!\s+\d)[^.;]{1,80}\bwhile\s+others\b"
    r"|\bsome\s+(?![\d,]|of\s+the\s+\d)\w+[^.;]{0,60}\bothers\b",
    re.IGNORECASE,
)
"""A writer's judgement in a fixed frame: "it is clear that", "it remains to be seen",
"of course", "no wonder", "raised fears that" (a worry no one is said to voice), "expressed
support" (someone's view, no fact of the story); a habit told of the past ("has in the past
delivered ...", "only to revert to ..."): a characterisation, not an event; and unnamed
"some ... others" set against each other: a generalisation no one can check."""
_ASIDE = re.compile(
    r"\b(?:to\s+say\s+the\s+least|needless\s+to\s+say|to\s+put\s+it\s+(?:mildly|bluntly))\b",
    re.IGNORECASE,
)
"""The writer's aside on how a thing is said ("is hard to credit, to say the least"): a
judgement, though its words hold a verb of saying."""
_TITLE_LABEL = re.compile(r"^\s*([^\W\d_][\w-]*)\s*[:|]")
_SECTIONS = wordlists.words("opinion-sections")
_FEATURE_SECTIONS = wordlists.vocab("magazine magazines features feature explainer explainers")
"""Site sections of features and explainers (a URL path segment): a writer's account
and reading of events more than a report of them."""
_INTRO_POINTING = re.compile(
    r"^[^,;:\"“”]{1,60},\s+(?:he|she|it|they|his|her|its|their|this|these|those|that)\b",
    re.IGNORECASE,
)
"""An opening phrase and a pronoun after it ("On Thursday, he ..."): pointing back."""
_LEAD_IN = re.compile(r"^\W*((?:[\w'’-]+\s+){0,2}[\w'’-]+):\s")
"""One to three words and a colon opening a sentence ("The result: ...", "Bottom line:
..."): a lead-in that sums up what came before (a dateline in capitals aside)."""
_OPENERS = wordlists.words("title-openers")
_SAYING = wordlists.words("saying-verbs") | wordlists.vocab("say tell tells predicted predicts")
"""Plain verbs of saying: a prediction or a state of mind given as someone's words."""


def unquoted_words(tokens: tuple[str, ...], text: str) -> set[str]:
    """The words of ``text`` outside quotation marks (lower case; what
    :func:`~newsweave.brief.wire_text.unquoted` leaves), a contraction also as its first
    part ("I've": "i"), a word in capitals aside ("US" is no "us")."""
    words: set[str] = set()
    for word in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", unquoted(text)):
        if len(word) > 1 and word.isupper():
            continue
        lower = word.lower().replace("’", "'")
        words.update((lower, lower.partition("'")[0]))
    pieces = {piece for token in tokens for piece in (token, token.partition("'")[0])}
    return words & pieces


def is_commentary(article: Article) -> bool:
    """Whether ``article`` is commentary or analysis, not a report: published in an
    opinion or analysis section (:func:`~newsweave.cluster.headline.in_opinion_section`),
    or in a features or explainers section (a URL path segment: "magazine"),
    or titled as one: a section label ("Opinion: ..."), a question, or an opener that
    asks or explains ("Why ...", "How ...")."""
    if in_opinion_section(article.url, article.outlet):
        return True
    segments = urlsplit(article.url or "").path.lower().split("/")[:-1]
    if not _FEATURE_SECTIONS.isdisjoint(segments):
        return True
    title = " ".join((article.title or "").split())
    if not title:
        return False
    label = _TITLE_LABEL.match(title)
    if label and label.group(1).lower() in _SECTIONS:
        return True
    first = _WORD.match(title)
    return title.rstrip("\"'”’ ").endswith("?") or bool(
        first and first.group().lower() in _OPENERS and not first.group().isupper()
    )


_OPINION_ONLY = wordlists.vocab(
    "opinion opinions commentary editorial editorials op-ed op-eds oped columnist"
    " columnists column columns letters"
)
"""Site sections of views only (not blogs or analysis, which also carry reports)."""


def is_opinion(article: Article) -> bool:
    """Whether ``article`` gives views: its title opens on a section label ("Opinion:",
    "ANALYSIS/OPINION:"), or its outlet's name or a URL path segment names a section of
    views only (``"Daily Paper - Opinion"``, ``/opinion/``; a blog or an explainer is
    not enough: many report events)."""
    label = _TITLE_LABEL.match(" ".join((article.title or "").split()))
    if label and label.group(1).lower() in _SECTIONS:
        return True
    segments = urlsplit(article.url or "").path.lower().split("/")[:-1]
    if not _OPINION_ONLY.isdisjoint(segments):
        return True
    outlet = article.outlet or ""
    return any(
        word.lower() in _OPINION_ONLY
        for part in re.split(r"\s[-–—|]\s|[()]", outlet)[1:]
        for word in part.split()
    )


def voiced(tokens: tuple[str, ...], text: str) -> bool:
    """Whether a sentence speaks in the writer's own voice: a judgement (a stance word
    or a fixed frame of judgement), the first or second person, or a question."""
    if not _STANCE.isdisjoint(tokens) or _JUDGED.search(text):
        return True
    return bool(unquoted_words(tokens, text) & _PERSONAL) or text.rstrip(_CLOSING).endswith("?")


def commentary_articles(
    story: StoryAlignment,
    share: float = 0.3,
    least: int = 10,
    *,
    reported: float = 0.25,
    quiet_share: float = 0.15,
    quiet_least: int = 8,
) -> frozenset[int]:
    """The articles of ``story`` (by index) that are commentary or analysis: so labelled
    (:func:`is_commentary`), or written in the writer's own voice: of its sentences
    that quote no one (no quotation mark, no verb of saying), and at least ``least`` of
    them, at least ``share`` judge, speak as "I", "we" or to "you", or ask.

    Or a page that reports little and speaks in its own voice now and then: of its
    sentences (at least ``quiet_least``), at most ``reported`` quote or cite someone
    (a quotation mark, a verb of saying, "according"), and at least ``quiet_share`` of
    those that quote no one are in the writer's voice.  A news report mostly tells
    what people said; a column or a blog under a news outlet's name mostly says what
    its writer thinks.  Measured on every 12th AllSides article: 2.6 % of articles
    of news outlets (most of them columns and analysis filed as news), 35 % of opinion
    ones (at most 0.2 reporting: 1.8 % and 29 %).
    """
    own, sentences = _voice_counts(story)
    in_voice = {
        article
        for article, (total, found) in own.items()
        if total >= least and found >= share * total
    }
    quiet = {
        article
        for article, (total, found) in own.items()
        if sentences[article][0] >= quiet_least
        and sentences[article][1] <= reported * sentences[article][0]
        and found >= quiet_share * total
    }
    labelled = {k for k, article in enumerate(story.doc.articles) if is_commentary(article)}
    return frozenset(in_voice | quiet | labelled)


_COUNTS: weakref.WeakKeyDictionary[
    StoryAlignment, tuple[dict[int, list[int]], dict[int, list[int]]]
] = weakref.WeakKeyDictionary()
""":func:`_voice_counts` of each story read (the summary, the key points, the main fact
and the single-source claims all ask)."""


def _voice_counts(
    story: StoryAlignment,
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Per article of ``story``: ``[own sentences, in the writer's voice]`` (sentences
    of six words or more that quote no one) and ``[sentences, citing someone]``."""
    cached = _COUNTS.get(story)
    if cached is not None:
        return cached
    own: dict[int, list[int]] = {}
    sentences: dict[int, list[int]] = {}
    for item in story.sentences:
        text = item.text
        cites = (
            not _SAYING.isdisjoint(item.tokens)
            or "according" in item.tokens
            or any(mark in text for mark in _QUOTE_MARKS)
        )
        counted = sentences.setdefault(item.article, [0, 0])
        counted[0] += 1
        counted[1] += cites
        if len(item.tokens) < 6 or cites:
            continue
        if opens_inside(story.doc.articles[item.article].body, item.start):
            continue  # a later sentence of a quotation its paragraph opened
        counts = own.setdefault(item.article, [0, 0])
        counts[0] += 1
        counts[1] += voiced(item.tokens, text)
    _COUNTS[story] = own, sentences
    return own, sentences


def judges(tokens: tuple[str, ...], text: str) -> bool:
    """Whether the sentence gives the writer's judgement or a prediction, not a fact: a
    stance or evaluative word (``stance-words``), a fixed frame of judgement ("it is
    clear", "remains to be seen"), or a modal of prediction or condition ("won't",
    "would") or a verb of a state of mind ("hoped", "fears") with no verb of saying
    that makes it someone's reported words (a judgement someone is reported to have
    made, "the plan is a mistake, the mayor said", is a checkable report of it).  A
    schedule is no prediction: "will" with a day, date or hour ("the vote will be held
    on Tuesday") is a checkable fact."""
    if _ASIDE.search(unquoted(text)):
        return True
    if not _SAYING.isdisjoint(tokens) or "according" in tokens:
        return False
    outside = unquoted_words(tokens, text)
    if not _STANCE.isdisjoint(outside) or _JUDGED.search(text):
        return True
    if not _MINDS.isdisjoint(outside):
        return True
    predicting = _PREDICTING & outside
    return bool(predicting) and not (predicting == {"will"} and _SCHEDULED.search(text))


def points_back(text: str) -> bool:
    """Whether a sentence points back to what an earlier one told, past its first word:
    a lead-in and a colon ("The result: ..."), a pronoun after an opening phrase ("On
    Monday, he ..."), a demonstrative before a noun ("this move") or "both" opening on
    a noun ("Both problems ...")."""
    lead_in = _LEAD_IN.match(text)
    if lead_in and not lead_in.group(1).isupper():
        return True
    return bool(_INTRO_POINTING.match(text) or _REFERRING.search(text))
