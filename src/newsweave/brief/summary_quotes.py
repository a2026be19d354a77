"""Quotation marks of summary sentences: how much of a sentence is quoted, and closing
a quotation a sentence shares with its neighbour (helpers of :mod:`newsweave.brief.summary`)."""

from __future__ import annotations

__all__ = ["QUOTE_MARKS", "balance_quotes", "quoted_share", "unbalanced_quotes"]

QUOTE_MARKS = frozenset('"“”«»„')


def quoted_share(text: str) -> float:
    """Share of the characters of ``text`` inside quotation marks."""
    inside = 0
    quoted = False
    for char in text:
        if char in QUOTE_MARKS:
            quoted = not quoted
        elif quoted:
            inside += 1
    return inside / max(len(text), 1)


def unbalanced_quotes(text: str) -> bool:
    """Whether ``text`` holds an odd number of double quote marks (a quotation cut in two)."""
    return sum(char in QUOTE_MARKS for char in text) % 2 == 1


def balance_quotes(text: str) -> str | None:
    """``text`` with the quotation it shares with a neighbouring sentence closed in it.

    A sentence split out of a quotation of several sentences holds one mark of a
    pair: a closing mark whose opening one is in an earlier sentence gets an
    opening mark before the sentence's first word; an opening mark whose closing
    one is in a later sentence gets a closing mark after the sentence's last
    character (the sentence ends where a sentence of the quotation ends, so the
    quotation shown is whole).  A straight mark opens after a space, a bracket or
    at the start, and closes otherwise.  ``None`` when the marks cannot be paired
    that way (two strays).
    """
    if not unbalanced_quotes(text):
        return text
    marks = [(k, char) for k, char in enumerate(text) if char in QUOTE_MARKS]
    opened: str | None = None
    stray_close: str | None = None
    for number, (k, char) in enumerate(marks):
        opens = char in "“«„" or (char == '"' and (k == 0 or text[k - 1] in " \t\n([{—–-"))
        if opened is None and opens:
            opened = char
        elif opened is not None and not opens:
            opened = None
        elif opened is None:
            if number:
                return None  # a closing mark after a pair: no quotation runs into it
            stray_close = char
        else:
            return None  # an opening mark inside an open quotation
    if (stray_close is None) == (opened is None):
        return None
    if stray_close is not None:
        return ("“" if stray_close == "”" else "«" if stray_close == "»" else '"') + text
    close = {"“": "”", "«": "»", "„": "“"}.get(opened or "", '"')
    return text.rstrip() + close
