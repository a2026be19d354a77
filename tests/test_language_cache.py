"""py3langid's decompressed model is cached once per user and rebuilt when unusable (issue 18)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.extract import language

GERMAN = (
    "Der Stadtrat hat am Donnerstagabend nach langer Debatte den Haushalt für das kommende "
    "Jahr beschlossen, und die Opposition kündigte eine Klage an."
)
ENGLISH = (
    "The city council approved next year's budget on Thursday evening after a long debate, "
    "and the opposition said it would go to court."
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("NEWSWEAVE_CACHE_DIR", str(tmp_path / "cache"))
    language._identifier.cache_clear()
    yield tmp_path / "cache"
    language._identifier.cache_clear()


def _cached(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("py3langid-*.npz"))


def test_first_use_writes_one_versioned_cache_file(cache_dir: Path) -> None:
    assert language.detect_language(GERMAN) == "de"
    files = _cached(cache_dir)
    assert len(files) == 1
    import py3langid

    assert files[0].name.startswith(f"py3langid-{py3langid.__version__}-")


def test_the_cached_model_classifies_like_the_shipped_one(cache_dir: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    language.detect_language(ENGLISH)  # builds the cache
    language._identifier.cache_clear()
    from_cache = language._identifier()  # reads it
    for text in (GERMAN, ENGLISH, "Le conseil municipal a adopté le budget de l'année prochaine."):
        code, confidence = from_cache.classify(text)
        expected_code, expected_confidence = shipped.classify(text)
        assert code == expected_code
        assert confidence == pytest.approx(expected_confidence)


@pytest.mark.parametrize("garbage", [b"", b"not an npz at all", b"PK\x03\x04truncated"])
def test_an_unreadable_cache_is_rebuilt(cache_dir: Path, garbage: bytes) -> None:
    language.detect_language(ENGLISH)
    (path,) = _cached(cache_dir)
    path.write_bytes(garbage)
    language._identifier.cache_clear()
    assert language.detect_language(GERMAN) == "de"
    assert path.stat().st_size > 1_000_000


def test_an_unwritable_cache_dir_still_detects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("NEWSWEAVE_CACHE_DIR", str(blocker / "cache"))
    language._identifier.cache_clear()
    try:
        assert language.detect_language(GERMAN) == "de"
    finally:
        language._identifier.cache_clear()


def test_a_model_layout_the_cache_does_not_know_falls_back_to_the_package(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language, "_load_model", lambda: ("another", "layout"))
    assert language.detect_language(GERMAN) == "de"
