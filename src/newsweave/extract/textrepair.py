"""Repair of mojibake: UTF-8 text that was once decoded as Latin-1 or Windows-1252.

Copying a page whose charset was mis-declared gives ``cafÃ©`` for
``café`` and ``Ð½Ð¾Ð²Ð¾`` for Cyrillic.  Every multi-byte UTF-8 sequence then
shows as a lead character (``Â``..``ô``) followed by continuation characters
(U+0080..U+00BF, or their Windows-1252 look-alikes such as ``€`` and ``™``),
a pairing that real text almost never contains.  Lines with that pairing are
turned back into bytes and decoded as UTF-8; a line that does not decode
cleanly is left as it was, so correct text is never damaged.
"""

from __future__ import annotations

import re

__all__ = ["repair_mojibake"]

# Windows-1252 characters for bytes 0x80..0x9F, and back.
_FROM_CP1252 = {
    bytes([code]).decode("cp1252"): code
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_CONTINUATION = "\u0080-\u00bf" + "".join(_FROM_CP1252)
_SUSPECT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
# The same test on a whole page, run on its UTF-8 bytes: there every lead
# character above is the byte C3 then one byte, and a literal first byte lets
# the engine skip ahead several times faster than a character class does.
# (C3 is only ever a lead byte, so a byte match is a character match.)
_SUSPECT_UTF8 = re.compile(
    b"\xc3[\x82-\xb4](?:"
    + b"|".join(re.escape(chr(code).encode()) for code in range(0x80, 0xC0))
    + b"|"
    + b"|".join(re.escape(ch.encode()) for ch in _FROM_CP1252)
    + b")"
)
# Copying turns the byte 0xA0 (a no-break space in Latin-1) into a plain space;
# where a UTF-8 sequence still expects a continuation byte, put it back: a
# space right after a lead byte, or after the lead and first continuation of
# a three- or four-byte sequence (after a whole two-byte character it is a real
# space).  Written as the space with lookbehinds so that the replacement is a
# literal (no Python call per match) and the engine skips ahead to spaces.
_LOST_A0 = re.compile(rb" (?:(?<=[\xe0-\xf4][\x80-\xbf] )|(?<=[\xc2-\xf4] ))")


_TABLE = {ord(ch): code for ch, code in _FROM_CP1252.items()}


def _to_bytes(line: str, *, mixed: bool) -> bytes | None:
    # The codecs run in C; the slower translate table is only for a line that
    # mixes both code pages.
    for codec in ("cp1252", "latin-1"):
        try:
            return line.encode(codec)
        except UnicodeEncodeError:
            pass
    return line.translate(_TABLE).encode("latin-1", errors="replace") if mixed else None


def _repair_line(line: str, *, mixed: bool = True) -> str:
    raw = _to_bytes(line, mixed=mixed)
    if raw is None:
        return line
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # A U+FFFD left by an earlier lossy decode stands for bytes we no longer
    # have: tolerate a few, since the rest of the line is still recoverable.
    fixed = _LOST_A0.sub(b"\xa0", raw).decode("utf-8", errors="replace")
    lost = fixed.count("\ufffd") - line.count("\ufffd")
    if lost > 2 + len(line) // 2000 or len(fixed) >= len(line):
        return line
    return fixed


def repair_mojibake(text: str) -> str:
    """``text`` with its mis-decoded UTF-8 lines decoded properly; unchanged when clean."""
    if text.isascii() or _SUSPECT_UTF8.search(text.encode("utf-8", "surrogatepass")) is None:
        return text
    # A mis-decoded page is usually mis-decoded whole: try it in one go first.
    whole = _repair_line(text, mixed=False)
    if whole is not text:
        return whole
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _SUSPECT.search(line) is not None:
            lines[i] = _repair_line(line)
    return "\n".join(lines)
