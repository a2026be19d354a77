"""Articles of different languages never share a story (issue 18)."""

from __future__ import annotations

from datetime import datetime

from newsweave.cluster import StoryClusterer
from newsweave.cluster.scoring import same_language
from newsweave.models import Article

BODY = (
    "The harbour bridge in Riverton reopened on Monday after two years of repairs. "
    "Mayor Ana Ortiz cut the ribbon as hundreds of residents walked across the span. "
    "Engineers replaced the deck and the cables at a cost of 40 million dollars."
)


def _article(number: int, language: str | None) -> Article:
    return Article(
        id=f"a{number}",
        key=f"k{number}",
        title="Riverton harbour bridge reopens after repairs",
        body=BODY,
        published=datetime(2024, 6, 3, 9, number),
        outlet=f"Outlet {number}",
        language=language,
    )


def test_same_language_lets_unknown_languages_anywhere() -> None:
    assert same_language("en", "en")
    assert same_language(None, "de")
    assert same_language("de", None)
    assert not same_language("en", "de")


def test_an_article_of_another_language_starts_its_own_story() -> None:
    assigner = StoryClusterer()
    first = assigner.assign(_article(1, "en"))
    assert assigner.assign(_article(2, "en")) == first
    # The same words under another declared language: never mixed into the English story.
    assert assigner.assign(_article(3, "de")) != first
    assert assigner.assign(_article(4, None)) == first
