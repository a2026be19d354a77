"""A labelled stream of real articles plus generated copies and rewrites of them.

Reads real articles from ../shared/data/allsides/articles.jsonl.gz and, with a
fixed seed, makes variants of a share of them, each labelled with its kind and
original:

* ``exact``: the same text re-flowed (paragraph breaks, spacing, quote style, case);
* ``near``: the same outlet again, with one sentence edited and a footer added;
* ``syndicated``: another outlet carrying the text with its own intro sentences,
  a wire footer, sometimes cut from the bottom;
* ``rewrite``: a content-farm paraphrase: 30% of the sentences dropped, the rest
  reordered, synonyms swapped and some sentences reworded.

Each variant enters the stream at a random later position than its original.
The story-clustering scale benchmark reuses :func:`labelled_stream` to grow the
corpus with variants whose dedup recall can be measured.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import dateutil.parser

from newsweave.models import Article, Labels
from newsweave.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"

KINDS = ("exact", "near", "syndicated", "rewrite")

# General news vocabulary and common paraphrases of it, the kind of swap a
# rewriting tool makes.  Not drawn from the evaluation data.
_SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "announced": "declared",
    "reported": "noted",
    "people": "individuals",
    "government": "administration",
    "president": "leader",
    "officials": "authorities",
    "official": "representative",
    "country": "nation",
    "big": "large",
    "large": "sizable",
    "small": "modest",
    "new": "fresh",
    "major": "significant",
    "important": "crucial",
    "help": "assist",
    "show": "demonstrate",
    "shows": "demonstrates",
    "showed": "demonstrated",
    "use": "utilize",
    "used": "utilized",
    "begin": "commence",
    "began": "commenced",
    "start": "launch",
    "started": "launched",
    "end": "conclude",
    "ended": "concluded",
    "buy": "purchase",
    "get": "obtain",
    "got": "obtained",
    "make": "create",
    "made": "created",
    "need": "require",
    "needs": "requires",
    "try": "attempt",
    "tried": "attempted",
    "want": "wish",
    "wants": "wishes",
    "think": "believe",
    "thinks": "believes",
    "also": "additionally",
    "but": "however",
    "about": "regarding",
    "many": "numerous",
    "often": "frequently",
    "quickly": "rapidly",
    "week": "seven days",
    "during": "throughout",
    "before": "prior to",
    "after": "following",
    "because": "since",
    "against": "opposing",
    "plan": "proposal",
    "plans": "proposals",
    "law": "legislation",
    "bill": "measure",
    "vote": "ballot",
    "voters": "electorate",
    "leaders": "heads",
    "company": "firm",
    "companies": "firms",
    "police": "law enforcement",
    "city": "municipality",
    "state": "province",
    "issue": "matter",
    "issues": "matters",
    "problem": "difficulty",
    "problems": "difficulties",
    "money": "funds",
    "job": "position",
    "jobs": "positions",
    "children": "kids",
    "house": "residence",
    "attack": "assault",
    "killed": "slain",
    "died": "perished",
    "support": "backing",
    "supporters": "backers",
    "critics": "detractors",
    "however": "nevertheless",
    "expected": "anticipated",
    "likely": "probable",
    "recent": "latest",
    "former": "ex",
    "called": "described",
    "asked": "questioned",
    "added": "continued",
    "statement": "declaration",
    "meeting": "gathering",
    "decision": "ruling",
    "increase": "rise",
    "decrease": "decline",
}
_FILLERS = ("Notably, ", "In addition, ", "Meanwhile, ", "According to reports, ", "Indeed, ")
_FOOTERS = (
    "This story has been updated with additional details.",
    "Copyright {year} The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "Follow our coverage for the latest updates on this developing story.",
    "Reporting by staff writers; editing by the news desk.",
)
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """One article of the stream, with what it really is."""

    article: Article
    kind: str | None
    """``None`` for an original; else one of :data:`KINDS`."""
    original_id: str | None


def allsides_records() -> Iterator[dict[str, str | None]]:
    """Every allsides article with a body, as a newsweave JSON record (``id``, ``url``,
    ``source``, ``title``, ``text``, ``published``), in file order."""
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = (row.get("content_original") or "").strip()
            if not text:
                continue
            yield {
                "id": str(row.get("ID")),
                "url": row.get("url") or None,
                "source": row.get("source"),
                "title": row.get("title"),
                "text": text,
                "published": row.get("date") or None,
                "topic": row.get("topic"),
            }


def load_allsides(limit: int, *, min_words: int = 80) -> list[Article]:
    """The first ``limit`` allsides articles with at least ``min_words`` words, as Articles."""
    found: list[Article] = []
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            body = (row.get("content_original") or "").strip()
            if len(body.split()) < min_words:
                continue
            published = None
            with contextlib.suppress(ValueError, OverflowError):
                published = dateutil.parser.parse(row["date"]) if row.get("date") else None
            found.append(
                Article(
                    id=f"allsides-{row['ID']}",
                    key=f"allsides:{row['ID']}",
                    title=row.get("title"),
                    body=body,
                    url=row.get("url") or None,
                    outlet=row.get("source") or None,
                    published=published,
                    # AllSides' story roundup topic: with the date, a weak story label.
                    extra={"topic": row.get("topic") or "", "date": row.get("date") or ""},
                )
            )
            if len(found) >= limit:
                break
    return found


def _swap_words(sentence: str, rng: random.Random, rate: float) -> str:
    def swap(found: re.Match[str]) -> str:
        word = found.group()
        replacement = _SYNONYMS.get(word.lower())
        if replacement is None or rng.random() > rate:
            return word
        return replacement.capitalize() if word[0].isupper() else replacement

    return _WORD.sub(swap, sentence)


def _reword(sentence: str, rng: random.Random) -> str:
    """A heavier edit: clauses swapped around a comma, a few words dropped, a filler added."""
    parts = [part.strip() for part in sentence.rstrip(".").split(",") if part.strip()]
    if len(parts) > 1:
        rng.shuffle(parts)
    tokens = ", ".join(parts).split()
    kept = [token for token in tokens if rng.random() > 0.15] or tokens
    text = " ".join(kept)
    return rng.choice(_FILLERS) + text[:1].lower() + text[1:] + "."


def _paragraphs(sentences: list[str], rng: random.Random) -> str:
    paragraphs: list[str] = []
    position = 0
    while position < len(sentences):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[position : position + size]))
        position += size
    return "\n\n".join(paragraphs)


def make_exact(article: Article, rng: random.Random) -> str:
    """The same text with other white space, quote style and case."""
    body = re.sub(r"\s*\n\s*", "\n" if rng.random() < 0.5 else "\n\n\n", article.body)
    body = body.replace("’", "'").replace("“", '"').replace("”", '"').replace(" ", "  ")
    return body.upper() if rng.random() < 0.3 else body


def make_near(article: Article, rng: random.Random) -> str:
    """One sentence edited, a footer added."""
    sentences = split_sentences(article.body)
    if sentences:
        target = rng.randrange(len(sentences))
        sentences[target] = _swap_words(sentences[target], rng, 1.0)
    footer = rng.choice(_FOOTERS).format(year=rng.randint(2012, 2024))
    return _paragraphs(sentences, rng) + "\n\n" + footer


def make_syndicated(article: Article, intro: str, rng: random.Random) -> str:
    """The text under another outlet: own intro, maybe cut from the bottom, wire footer."""
    paragraphs = [part for part in re.split(r"\n\s*\n|\n", article.body) if part.strip()]
    if len(paragraphs) > 4 and rng.random() < 0.5:
        paragraphs = paragraphs[: max(3, int(len(paragraphs) * rng.uniform(0.75, 0.95)))]
    footer = _FOOTERS[1].format(year=rng.randint(2012, 2024))
    return "\n\n".join([intro, *paragraphs, footer])


def make_rewrite(article: Article, rng: random.Random) -> str:
    """Sentences dropped (30%), reordered, synonyms swapped, some reworded."""
    sentences = split_sentences(article.body)
    keep = max(3, round(len(sentences) * 0.7))
    kept = sorted(rng.sample(range(len(sentences)), min(keep, len(sentences))))
    chosen = [sentences[index] for index in kept]
    if rng.random() < 0.5:
        rng.shuffle(chosen)
    else:
        for position in range(0, len(chosen) - 1, 2):
            if rng.random() < 0.5:
                chosen[position], chosen[position + 1] = chosen[position + 1], chosen[position]
    rewritten = []
    for sentence in chosen:
        sentence = _swap_words(sentence, rng, 0.8)
        if rng.random() < 0.2:
            sentence = _reword(sentence, rng)
        rewritten.append(sentence)
    return _paragraphs(rewritten, rng)


def labelled_stream(
    articles: list[Article], *, seed: int = 7, variant_share: float = 0.5, rounds: int = 1
) -> Iterator[LabelledArticle]:
    """``articles`` in order with variants of ``variant_share`` of them mixed in after them.

    With ``rounds`` above 1, every article gets that many chances of a variant
    (ids of later rounds end in ``-<round>``), which grows the stream further.
    """
    rng = random.Random(seed)
    pending: dict[int, list[LabelledArticle]] = {}
    outlets = sorted({article.outlet for article in articles if article.outlet})
    draws = [
        (position, article, n) for n in range(rounds) for position, article in enumerate(articles)
    ]
    draws.sort(key=lambda item: (item[0], item[2]))
    for position, article, round_ in draws:
        if rng.random() >= variant_share:
            continue
        suffix = "" if round_ == 0 else f"-{round_}"
        kind = rng.choice(KINDS)
        outlet = article.outlet
        labels = article.labels
        if kind == "exact":
            body = make_exact(article, rng)
            outlet = rng.choice(outlets)
        elif kind == "near":
            body = make_near(article, rng)
        elif kind == "syndicated":
            donor = articles[rng.randrange(len(articles))]
            intro = " ".join(split_sentences(donor.body)[:2])
            body = make_syndicated(article, intro, rng)
            outlet = rng.choice([name for name in outlets if name != article.outlet])
            if rng.random() < 0.5:
                labels = Labels(wire_credits=("AP",))
        else:
            body = make_rewrite(article, rng)
            outlet = f"Content Farm {rng.randint(1, 50)}"
        variant = replace(
            article,
            id=f"{article.id}-{kind}{suffix}",
            key=f"variant:{article.id}:{kind}{suffix}",
            body=body,
            outlet=outlet,
            labels=labels,
        )
        later = position + rng.randint(1, 200)
        pending.setdefault(later, []).append(LabelledArticle(variant, kind, article.id))
    for position, article in enumerate(articles):
        yield LabelledArticle(article, None, None)
        yield from pending.pop(position, [])
    for position in sorted(pending):
        yield from pending[position]
