"""What is no quotation and who is no speaker, whatever the sentence structure says.

* a title or slogan in title case in quotation marks ("Roads for Every Town") is no
  speech;
* a one-word "name" that is a group ("Officials", "Canadians") or a role ("Chair")
  names no one;
* a line of page chrome ("ADVERTISEMENT", "Photo") is no sentence: a quotation after it
  follows what came before it.
"""

from __future__ import annotations

import re

from newsweave import wordlists
from newsweave.brief.gazetteer import DEMONYMS
from newsweave.brief.quote_speakers import ROLE_WORDS

__all__ = ["is_chrome", "is_no_one", "is_title_like"]

_CHROME_WORDS = (
    wordlists.words("ui-words")
    | wordlists.words("html-ui-words")
    | wordlists.words("quote-chrome-words")
)
_GROUPS = wordlists.words("speaker-groups")
_MINOR_WORDS = frozenset(
    "a an the of for and or nor but to in on at by with from as vs via into".split()  # noqa: SIM905
)


def is_title_like(text: str) -> bool:
    """Whether quoted ``text`` is a title or slogan in title case ("Roads for Every Town",
    "Night of the Long Rain"), not speech: every word capitalised but short function words."""
    found = re.findall(r"[^\W\d_][\w'’-]*", text)
    content = [w for w in found if w.casefold() not in _MINOR_WORDS]
    return (
        2 <= len(content) <= 12
        and all(w[0].isupper() for w in content)
        and not re.search(r"[.!?]\s+\S", text)
        and not (len(content) > 2 and all(w.isupper() for w in content))
    )


def is_no_one(name: str) -> bool:
    """Whether a one-word "name" is a group or role, not someone's name ("Officials",
    "Canadians", "Chair"): capitalised only because it opens a sentence or a title."""
    words = name.split()
    if len(words) != 1:
        return False
    bare = words[0].strip(".,").casefold()
    return (
        bare in _GROUPS
        or bare in ROLE_WORDS
        or (words[0].endswith("s") and words[0][:-1] in DEMONYMS)
        or bare in _CHROME_WORDS
    )


def is_chrome(sentence: str) -> bool:
    """Whether ``sentence`` is page chrome on a line of its own ("ADVERTISEMENT", "Photo")."""
    # "Slideshow (4 Images)": counts and brackets aside.
    bare = [w.strip(".:|()[]").casefold() for w in sentence.split()]
    bare = [w for w in bare if w and not w.isdigit()]
    return 0 < len(bare) <= 3 and all(w in _CHROME_WORDS for w in bare)
