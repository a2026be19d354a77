"""Where the quotations of a text are: the spans between quotation marks.

Marks are read block by block (a block is the text between blank lines), with a
state: ``“`` opens, ``”`` closes, a straight ``"`` closes an open quotation and
opens one otherwise, so mixed marks and the tokenised ``" … , "`` of some corpora
pair up.  A quotation may run over line breaks inside its block.  One left open
at the end of its block is a quotation that goes on in the next paragraph (news
style leaves the closing mark off a paragraph when the same speaker goes on): it
ends at the block's end and is marked ``open_end``, and a block that starts with
an opening mark continues it (``continues``).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace

from newsweave import wordlists
from newsweave.brief.doc import StorySentence

__all__ = ["QuoteSpan", "quote_spans"]

_BLOCK = re.compile(r"\n(?:[ \t]*\n)+")  # several blank lines are one gap
_MARK = re.compile(r"[“”\"]")
_MAX_CHARS = 3000


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: ``text[open_at]`` is its opening mark; its words are ``text[start:end]``."""

    open_at: int
    start: int
    end: int
    close_at: int | None
    """Offset of the closing mark; ``None`` when the block ended first."""
    continues: bool = False
    """It opens a block and the previous block's last quotation was left open."""

    @property
    def after(self) -> int:
        """Where the text after the quotation starts."""
        return self.end if self.close_at is None else self.close_at + 1


def _blocks(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for gap in _BLOCK.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_spans(text: str) -> list[QuoteSpan]:
    """The quotations of ``text`` in order (empty and over-long ones left out)."""
    found: list[QuoteSpan] = []
    left_open = False
    for block_start, block_end in _blocks(text):
        opened: int | None = None
        block_continues = False
        first_mark = True
        for mark in _MARK.finditer(text, block_start, block_end):
            char, at = mark.group(), mark.start()
            line_start = not text[text.rfind("\n", block_start, at) + 1 : at].strip()
            if char == '"' and line_start and opened is not None:
                # A mark that starts a line opens: the quotation still open ends
                # with the line before (one paragraph a line, as some text has).
                start, end = _trim(text, opened + 1, at)
                if start < end and end - start <= _MAX_CHARS:
                    found.append(QuoteSpan(opened, start, end, None, block_continues))
                block_continues = True
                opened = at
                first_mark = False
                continue
            opening = char == "“" or (char == '"' and opened is None)
            if opened is not None and (char == "”" or char == '"' or char == "“"):
                start, end = _trim(text, opened + 1, at)
                if start < end and end - start <= _MAX_CHARS:
                    found.append(QuoteSpan(opened, start, end, at, block_continues))
                block_continues = False
                opened = None
                if char != "“":
                    first_mark = False
                    continue
            if opening:
                # A block whose text starts with an opening mark goes on with a
                # quotation the previous block left open.
                block_continues = left_open and first_mark and not text[block_start:at].strip()
                opened = at
            first_mark = False
        left_open = False
        if opened is not None:
            start, end = _trim(text, opened + 1, block_end)
            if start < end and end - start <= _MAX_CHARS:
                found.append(QuoteSpan(opened, start, end, None, block_continues))
                left_open = True
    return found


_NICKNAME = re.compile(r"[“\"][A-Z][\w.'’-]*[”\"]")
"""A nickname in quotation marks inside a name (Jo “Red” Bloggs)."""


def is_nickname(text: str, span: QuoteSpan) -> bool:
    """Whether ``span`` is one capitalised word in quotation marks between two capitalised
    words ("Dora “Dot” Minsky"): part of a name, not a quotation of its own."""
    if span.close_at is None or _NICKNAME.fullmatch(text, span.open_at, span.close_at + 1) is None:
        return False
    before = re.search(r"[A-Z][\w.'’-]*\s+$", text[max(0, span.open_at - 40) : span.open_at])
    after = re.match(r"\s+[A-Z]", text[span.close_at + 1 : span.close_at + 4])
    return before is not None and after is not None


def without_nicknames(text: str) -> str:
    """``text`` with the nicknames inside names left out ("Dora Minsky")."""
    return re.sub(r"(?<=\w)\s+" + _NICKNAME.pattern + r"(?=\s+[A-Z])", "", text)


_NEW_CLAUSE = re.compile(
    r"\s*(?!(?:He|She|They|It|We|I)\b)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+"
    r"(?:argued|argues|said|says|added|noted|insisted|warned|accused|accuses)\s+that\s"
)
"""A sentence of its own after a closed quotation: a named subject, a reporting verb
and "that" with its clause ("Jo Bloggs argued that …")."""


def opens_new_sentence(quoted: str, tail: str) -> bool:
    """Whether the text after a quotation that ends in a full stop starts a sentence of its
    own rather than attributing it: an inner single-quoted quotation with its own
    attribution ("“… year.” ‘We hoped …,’ Mr. X said."), or a named subject's reported
    clause ("“… .” Jo Bloggs argued that the ban …")."""
    if not quoted.rstrip().endswith("."):
        return False
    return tail.lstrip()[:1] in ("'", "‘") or _NEW_CLAUSE.match(tail) is not None


_RUN_TOGETHER = re.compile(
    r"(?<=[a-z\d)][.!?])[“”\"]{0,2}(?=[A-Z][a-z]|[AI]\s)|(?<=[—–…])[”\"][“\"](?=[A-Z][a-z])"
)
"""A sentence end with no space after it ("… in debt.Jo said", "… a deal."The …", "…."A
number of …", a
quotation broken off right before the next: "… anytime soon so —""But …")."""
_ABBREVIATIONS = wordlists.words("abbreviations")


def run_together(
    body: str, sentences: Sequence[StorySentence], opens: Container[int]
) -> list[StorySentence]:
    """``sentences`` with those that run together without a space cut apart ("… she
    said.Clinton said …"; text pasted without its paragraph breaks).  A quotation mark
    at the cut goes with the sentence it opens or closes (``opens``: the offsets of
    opening marks).  Each piece keeps its sentence's ``index``."""
    if _RUN_TOGETHER.search(body) is None:
        return list(sentences)
    pieces: list[StorySentence] = []
    for sentence in sentences:
        start = sentence.start
        for found in _RUN_TOGETHER.finditer(body, sentence.start, sentence.end):
            word = re.search(r"(\w+)[.!?]$", body[max(start, found.start() - 20) : found.start()])
            if word is not None and word.group(1).casefold() in _ABBREVIATIONS:
                continue  # "Mr.Bloggs": a title's full stop
            cut = found.start()
            while cut < found.end() and cut not in opens:
                cut += 1  # closing marks stay with the sentence they end
            if cut > start:
                pieces.append(replace(sentence, start=start, end=cut, text=body[start:cut]))
                start = cut
        if start == sentence.start:
            pieces.append(sentence)
        elif start < sentence.end:
            pieces.append(
                replace(sentence, start=start, end=sentence.end, text=body[start : sentence.end])
            )
    return pieces
