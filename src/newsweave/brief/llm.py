"""The optional AI-written summary of a brief (``--llm``), checked against its sources.

Off unless an OpenAI-compatible endpoint is configured (``llm.base_url``: Ollama,
vLLM, a llama.cpp server …); without one newsweave never touches a model.

:func:`write_abstract` sends the endpoint one chat request whose prompt is built
*only* from the brief's key points and summary sentences, each numbered and
listed with the ids of the article sentences it cites, and asks for a short
neutral summary whose every sentence ends with the numbers of the points it uses
(``… [1][3]``).  The answer is split into sentences; each sentence's numbers
are mapped back to the citations of those points, and the sentence is checked
against the article sentences those points cite:

* its similarity to them is the one every other brief citation rests on
  (:class:`~newsweave.brief.align.StoryAlignment`, mean of content-word and
  word-bigram Dice); the best cited sentence gives ``support_score``;
* every number it writes (digits) must appear in a cited sentence (as
  digits or as a number word), and every word of every name in it
  (:func:`~newsweave.brief.names.find_names`) must appear there too.

A sentence is ``supported`` when it cites at least one valid point, its score
reaches ``llm.support_threshold`` and no number or name is missing.  Sentences
that cite nothing valid, or fail a check, are kept but marked unsupported, so the
reader sees what the model wrote and that the sources do not back it.

The request goes through the one network transport, an
:class:`~newsweave.http.HttpClient` the caller hands over (with its injectable
httpx transport); every failure (refused connection, timeout, HTTP error status,
an answer that is not a chat completion) is a :class:`~newsweave.errors.FetchError`
naming the endpoint.  The API key is read from the environment variable named by
``llm.api_key_env``, sent as a Bearer token and never put in a message.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from newsweave.brief.align import StoryAlignment
from newsweave.brief.doc import StoryDoc
from newsweave.brief.names import find_names, known_name_words
from newsweave.config import LLMSettings
from newsweave.errors import ConfigError, FetchError
from newsweave.http import HttpClient, Timeout
from newsweave.models import AbstractSentence, Article, Brief, Citation
from newsweave.text import NUMBER_WORDS, STOPWORDS, sentence_spans, words

__all__ = [
    "AbstractPoint",
    "abstract_points",
    "api_key_from_env",
    "build_prompt",
    "check_sentence",
    "endpoint_url",
    "parse_abstract",
    "write_abstract",
]

SYSTEM_PROMPT = (
    "You summarise news for a careful reader. Use only the numbered points you are given: "
    "add no fact, number, name, date or opinion that they do not state. Write a short, "
    "neutral summary of 3 to 5 sentences in plain text, no heading and no list. End every "
    "sentence with the numbers of the points it uses, each in square brackets, like "
    "[1][3]. Where points disagree, say so and cite each."
)

# A run of citation markers: "[1][3]", "[1, 3]", "[1] [3]".
_MARKERS = re.compile(r"(?:\s*\[\s*\d+(?:\s*[,;]\s*\d+)*\s*\])+")
_NUMBER_IN_MARKER = re.compile(r"\d+")
# Hidden reasoning some local models print before the answer.
_THINKING = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# Number words a cited sentence may use where the summary writes digits ("three" for 3).
_NUMBER_WORDS = NUMBER_WORDS | {"dozen": 12}
_ERROR_DETAIL_CHARS = 200


@dataclass(frozen=True, slots=True)
class AbstractPoint:
    """One numbered point of the prompt: a key point or a summary sentence."""

    number: int
    text: str
    citations: tuple[Citation, ...]


def abstract_points(brief: Brief) -> list[AbstractPoint]:
    """The points of the prompt: key points, then summary sentences not already listed."""
    points: list[AbstractPoint] = []
    by_text: dict[str, int] = {}
    # Only the sentences that state a key point in full back what is written from it.
    candidates = [(p.text, tuple(c for c in p.support if not c.partial)) for p in brief.key_points]
    candidates += [(s.text, s.citations) for s in brief.summary]
    for text, citations in candidates:
        key = " ".join(text.casefold().split())
        if not key:
            continue
        if key in by_text:
            # The same sentence as key point and summary sentence: one point, all citations.
            index = by_text[key]
            merged = _unique((*points[index].citations, *citations))
            points[index] = dataclasses.replace(points[index], citations=merged)
            continue
        by_text[key] = len(points)
        points.append(AbstractPoint(len(points) + 1, " ".join(text.split()), tuple(citations)))
    return points


def _unique(citations: Iterable[Citation]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, int], Citation] = {}
    for citation in citations:
        seen.setdefault((citation.article_id, citation.sentence_index), citation)
    return tuple(seen.values())


def build_prompt(points: Sequence[AbstractPoint]) -> str:
    """The user message: every point numbered, with the ids of the sentences it cites."""
    lines = ["Points (each with the source sentences that state it):", ""]
    for point in points:
        ids = ", ".join(f"{c.article_id}#{c.sentence_index}" for c in point.citations)
        lines.append(f"[{point.number}] {point.text} (sources: {ids or 'none'})")
    lines += ["", "Summary (every sentence ends with its point numbers, like [1][3]):"]
    return "\n".join(lines)


def parse_abstract(content: str) -> list[tuple[str, tuple[int, ...]]]:
    """The sentences of the model's answer, each with the point numbers it cites.

    Markers belong to the sentence they follow; a sentence of the answer not
    followed by markers cites nothing.  Punctuation written after the markers
    (``… [2].``) stays with the sentence.
    """
    content = _THINKING.sub(" ", content)
    found: list[tuple[str, tuple[int, ...]]] = []
    position = 0
    pending = ""
    for match in _MARKERS.finditer(content):
        numbers = tuple(int(n) for n in _NUMBER_IN_MARKER.findall(match.group()))
        chunk = pending + content[position : match.start()]
        position = match.end()
        trailing = re.match(r"[.!?…]+", content[position:])
        if trailing:
            chunk = chunk.rstrip() + trailing.group()
            position += trailing.end()
        pending = ""
        sentences = _sentences(chunk)
        if not sentences:
            continue
        found += [(text, ()) for text in sentences[:-1]]
        found.append((sentences[-1], numbers))
    found += [(text, ()) for text in _sentences(pending + content[position:])]
    return found


def _sentences(text: str) -> list[str]:
    return [" ".join(text[start:end].split()) for start, end in sentence_spans(text)]


def _numbers(text: str) -> set[str]:
    return {m.group().replace(",", "").rstrip(".") for m in _DIGITS.finditer(text)}


def _cited_numbers(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        found |= _numbers(text)
        found |= {str(_NUMBER_WORDS[w]) for w in words(text) if w in _NUMBER_WORDS}
    return found


def _name_words(text: str) -> set[str]:
    return {w.removesuffix("'s") for w in words(text) if w not in STOPWORDS}


def check_sentence(
    text: str, citations: Sequence[Citation], *, threshold: float
) -> AbstractSentence:
    """``text`` checked against the sentences ``citations`` point at (see module docs)."""
    cited = [c.text for c in citations if c.text.strip()]
    if not cited:
        return AbstractSentence(text, tuple(citations), supported=False, support_score=0.0)
    articles = [_pseudo_article("abstract", text)]
    articles += [_pseudo_article(f"cited-{n}", sentence) for n, sentence in enumerate(cited)]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    own = [row for row, item in enumerate(story.sentences) if item.article == 0]
    score = float(story.similarity(own).max()) if own and len(story.sentences) > len(own) else 0.0
    missing_number = bool(_numbers(text) - _cited_numbers(cited))
    known, lower = known_name_words([text, *cited])
    cited_words = set().union(*(_name_words(sentence) for sentence in cited))
    missing_name = any(
        not _name_words(name.text) <= cited_words
        for name in find_names(text, known=known, lower=lower)
    )
    supported = score >= threshold and not missing_number and not missing_name
    return AbstractSentence(
        text, tuple(citations), supported=supported, support_score=round(score, 3)
    )


def _pseudo_article(article_id: str, body: str) -> Article:
    # Only the body matters to alignment; every sentence is its own "article" so the
    # abstract sentence is compared with each cited sentence (same-article pairs are 0).
    return Article(id=article_id, key=article_id, title=None, body=body)


def endpoint_url(settings: LLMSettings) -> str:
    """``{llm.base_url}/chat/completions``; a :class:`ConfigError` saying what to set when off."""
    base = settings.base_url.strip()
    if not base:
        raise ConfigError(
            "--llm needs an OpenAI-compatible endpoint: set llm.base_url in the config file "
            "or NEWSWEAVE_LLM_BASE_URL, e.g. http://localhost:11434/v1 (Ollama)"
        )
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"llm.base_url {base!r}: give an http:// or https:// URL")
    if not settings.model.strip():
        raise ConfigError(
            "--llm needs a model name: set llm.model in the config file or NEWSWEAVE_LLM_MODEL"
        )
    return base.rstrip("/") + "/chat/completions"


def api_key_from_env(settings: LLMSettings, environ: Mapping[str, str] | None = None) -> str | None:
    """The API key from the variable named by ``llm.api_key_env``; ``None`` when unset."""
    environ = os.environ if environ is None else environ
    name = settings.api_key_env.strip()
    value = environ.get(name, "").strip() if name else ""
    return value or None


def write_abstract(
    brief: Brief,
    *,
    settings: LLMSettings,
    api_key: str | None = None,
    client: HttpClient | None = None,
) -> Brief:
    """``brief`` with ``abstract`` written by the configured model and checked (see module docs).

    The request goes through ``client`` (one with the default user agent is opened
    for this call when none is given).  A brief with neither key points nor summary
    is returned as is, without a request.  Raises :class:`ConfigError` when no
    endpoint or model is configured and :class:`FetchError` (naming the endpoint)
    when the request or its answer fails.
    """
    url = endpoint_url(settings)
    points = abstract_points(brief)
    if not points:
        return brief
    prompt = build_prompt(points)
    if client is None:
        with HttpClient() as own:
            content = _complete(url, prompt, settings, api_key, own)
    else:
        content = _complete(url, prompt, settings, api_key, client)
    by_number = {point.number: point for point in points}
    abstract = []
    for text, numbers in parse_abstract(content):
        cited = _unique(c for n in numbers if n in by_number for c in by_number[n].citations)
        abstract.append(check_sentence(text, cited, threshold=settings.support_threshold))
    return dataclasses.replace(brief, abstract=tuple(abstract))


def _complete(
    url: str,
    prompt: str,
    settings: LLMSettings,
    api_key: str | None,
    client: HttpClient,
) -> str:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    payload = {
        "model": settings.model,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": prompt},
        ],
        "temperature": settings.temperature,
        "max_tokens": settings.max_tokens,
        "stream": False,
    }
    timeout = Timeout(settings.timeout, "llm.timeout")
    response = client.request("POST", url, json=payload, headers=headers, timeout=timeout)
    if response.status_code >= 400:
        raise FetchError(url, f"HTTP {response.status_code}{_error_detail(response)}")
    try:
        data: Any = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FetchError(
            url, "the answer is not JSON (is llm.base_url an OpenAI-compatible API?)"
        ) from exc
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise FetchError(
            url, "the answer is not a chat completion (no message content in its choices)"
        ) from exc
    if not isinstance(content, str):
        raise FetchError(url, "the answer is not a chat completion (content is not text)")
    return content


def _error_detail(response: httpx.Response) -> str:
    """The server's own error message, on one short line, if it gave one."""
    try:
        data: Any = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return ""
    message = data.get("error") if isinstance(data, dict) else None
    if isinstance(message, dict):
        message = message.get("message")
    if not isinstance(message, str) or not message.strip():
        return ""
    return ": " + " ".join(message.split())[:_ERROR_DETAIL_CHARS]
