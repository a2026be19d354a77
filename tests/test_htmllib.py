"""trafilatura imported with py3langid deferred (newsweave.extract.htmllib, issue 18 start-up).

Each check runs in a fresh interpreter: what is imported, and when, is process state.
"""

from __future__ import annotations

import json
import subprocess
import sys

_PARAGRAPHS = (
    "Der Stadtrat hat am Dienstag nach einer langen Debatte den Haushalt für das kommende "
    "Jahr beschlossen. Die Mehrheit stimmte für mehr Geld für Schulen und Busse.",
    "Die Opposition kritisierte, dass die Gebühren für Schwimmbäder und Bibliotheken "
    "steigen sollen. Der Bürgermeister verteidigte die Pläne als notwendig und gerecht.",
    "Im Frühjahr sollen die Arbeiten an der neuen Brücke beginnen, die seit Jahren "
    "geplant ist. Die Anwohner hoffen auf weniger Verkehr in den engen Straßen der Altstadt.",
)
PAGE = (
    "<html><head><title>Haushalt beschlossen</title></head><body><article>"
    + "".join(f"<p>{text}</p>" for text in _PARAGRAPHS)
    + "</article></body></html>"
)


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def test_importing_the_html_extractor_defers_py3langid_and_numpy() -> None:
    code = (
        "import sys, importlib.util, newsweave.extract.html, trafilatura.utils;"
        "print('numpy' in sys.modules,"
        " type(sys.modules['py3langid']) is importlib.util._LazyModule,"
        " trafilatura.utils.LANGID_FLAG)"
    )
    assert _run(code).split() == ["False", "True", "True"]


def _language_filter(first_import: str) -> str:
    # trafilatura's own language filter, after importing trafilatura one way or the other.
    code = (
        f"{first_import}; import json, trafilatura;"
        f"page = {PAGE!r};"
        "found = {lang: trafilatura.bare_extraction(page, target_language=lang)"
        " for lang in ('de', 'en')};"
        "print(json.dumps({lang: None if doc is None else [doc.language, doc.text]"
        " for lang, doc in found.items()}))"
    )
    return _run(code)


def test_trafilaturas_language_filter_works_as_with_an_eager_import() -> None:
    deferred = _language_filter("import newsweave.extract.html")
    eager = _language_filter("import trafilatura")
    assert deferred == eager
    found = json.loads(deferred)
    assert found["en"] is None  # filtered out: py3langid ran and said German
    assert found["de"][0] == "de"
    assert "Stadtrat" in found["de"][1]


def test_py3langid_package_and_modules_are_executed_once() -> None:
    # newsweave imports the package first; its modules are then the ones the package uses.
    code = (
        "import newsweave.extract.html;"
        "from newsweave.extract.langmodel import import_py3langid; import_py3langid();"
        "from py3langid.langid import classify; import py3langid, sys;"
        "print(py3langid.classify is classify,"
        " sys.modules['py3langid.langid'] is py3langid.langid, classify('Der Stadtrat')[0])"
    )
    assert _run(code).split() == ["True", "True", "de"]


def test_nothing_is_deferred_when_a_dependency_is_missing() -> None:
    # Its import would fail, so it must fail where it always did: at once.
    code = (
        "import sys, importlib.util; from newsweave.extract.htmllib import _deferred;"
        "sys.modules.pop('colorsys', None)\n"
        "with _deferred('colorsys', requires=('newsweave_no_such_module',)):\n"
        "    import colorsys\n"
        "eager = type(sys.modules['colorsys']) is not importlib.util._LazyModule\n"
        "sys.modules.pop('colorsys')\n"
        "with _deferred('colorsys', requires=()):\n"
        "    import colorsys\n"
        "print(eager, type(sys.modules['colorsys']) is importlib.util._LazyModule,"
        " colorsys.rgb_to_hsv(1.0, 0.0, 0.0))"
    )
    assert _run(code).split() == ["True", "True", "(0.0,", "1.0,", "1.0)"]
