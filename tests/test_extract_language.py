"""Language of every article: declared by the container or the page, else detected (issue 18)."""

from __future__ import annotations

import subprocess
import sys

from newsweave.extract import extract_article
from newsweave.extract.language import detect_language, primary_language
from newsweave.models import RawDocument

GERMAN = (
    "Der Stadtrat hat am Donnerstagabend nach langer Debatte den Haushalt für das kommende "
    "Jahr beschlossen. Die Opposition kritisierte vor allem die Kürzungen bei den Schulen "
    "und kündigte an, gegen den Beschluss zu klagen."
)
ENGLISH = (
    "The city council approved next year's budget on Thursday evening after a long debate. "
    "The opposition criticised the cuts to schools above all and said it would challenge "
    "the decision in court."
)


def test_detects_the_language_of_running_text() -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"


def test_too_little_text_gives_no_guess() -> None:
    assert detect_language("Budget approved") is None
    assert detect_language("") is None


def test_primary_language_reads_tags() -> None:
    assert primary_language("en-GB") == "en"
    assert primary_language("pt_BR") == "pt"
    assert primary_language("English") is None
    assert primary_language(None) is None


def test_a_text_dump_gets_its_detected_language() -> None:
    article = extract_article(
        RawDocument(origin="dump.txt", content_type="text/plain", content=GERMAN)
    )
    assert article.language == "de"


def test_a_declared_language_is_kept_and_normalised() -> None:
    doc = RawDocument(origin="feed", content_type="text/plain", content=ENGLISH, language="EN-us")
    assert extract_article(doc).language == "en"


def test_the_model_loads_only_for_an_article_that_needs_it() -> None:
    # Loading the model takes about a second: a page that declares its language
    # must not pay for it.
    code = (
        "from newsweave.extract import extract_article;"
        "from newsweave.extract.language import _identifier;"
        "from newsweave.models import RawDocument;"
        f"extract_article(RawDocument(origin='x', content_type='text/plain', content={ENGLISH!r},"
        " language='en'));"
        "from newsweave.extract.language import _model;"
        "print(_identifier.cache_info().currsize + _model.cache_info().currsize)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "0"
