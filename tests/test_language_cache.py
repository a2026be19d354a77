"""py3langid's model is cached once per user, memory-mapped and scored like py3langid (issue 18)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import shared_data
from newsweave.extract import langmodel, language

GERMAN = (
    "Der Stadtrat hat am Donnerstagabend nach langer Debatte den Haushalt für das kommende "
    "Jahr beschlossen, und die Opposition kündigte eine Klage an."
)
ENGLISH = (
    "The city council approved next year's budget on Thursday evening after a long debate, "
    "and the opposition said it would go to court."
)
# Written for these tests: running text in several languages and scripts, and
# fragments short or mixed enough for low confidences.
TEXTS = (
    GERMAN,
    ENGLISH,
    "Le conseil municipal a adopté jeudi soir le budget de l'année prochaine.",
    "El ayuntamiento aprobó el jueves por la noche el presupuesto del año que viene.",
    "Il consiglio comunale ha approvato giovedì sera il bilancio del prossimo anno.",
    "De gemeenteraad heeft donderdagavond de begroting voor volgend jaar goedgekeurd.",
    "O conselho municipal aprovou na quinta-feira à noite o orçamento do próximo ano.",
    "Городской совет в четверг вечером после долгих дебатов утвердил бюджет на следующий год.",
    "Rada miasta w czwartek wieczorem po długiej debacie przyjęła budżet na przyszły rok.",
    "Kaupunginvaltuusto hyväksyi torstai-iltana ensi vuoden talousarvion.",
    "市议会周四晚上经过长时间辩论后批准了明年的预算。",
    "市議会は木曜日の夜、長い議論の末に来年度の予算を承認した。",
    "THE COUNCIL APPROVED THE BUDGET ON THURSDAY AFTER A LONG DEBATE ABOUT SCHOOLS",
    "budget approved Haushalt beschlossen budget adopté presupuesto aprobado",
    "Tor! Goal! But! Gol! 2:1 im Stadion, stadium, stade, estadio",
    "ok ok ok ok ok ok ok ok ok",
    "Danke schön and thank you very much, merci beaucoup et à bientôt",
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("NEWSWEAVE_CACHE_DIR", str(tmp_path / "cache"))
    _forget_model()
    yield tmp_path / "cache"
    _forget_model()


def _forget_model() -> None:
    language._model.cache_clear()
    language._identifier.cache_clear()


def _cached(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("py3langid-*.langid"))


def test_first_use_writes_one_cache_file_and_drops_the_old_format(cache_dir: Path) -> None:
    cache_dir.mkdir()
    (cache_dir / "py3langid-0.4.0-0123456789abcdef.npz").write_bytes(b"the previous format")
    assert language.detect_language(GERMAN) == "de"
    assert len(_cached(cache_dir)) == 1
    assert list(cache_dir.glob("*.npz")) == []


def test_the_mapped_model_decides_like_py3langid(cache_dir: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model = language._model()
    assert model is not None
    mapped = model.identifier()  # py3langid's own scorer over the mapped arrays
    fragments = [text[:end] for text in TEXTS for end in (20, 40, 80, None)]
    undecided = 0
    for text in fragments:
        code, confidence = shipped.classify(text)
        expected = language.primary_language(code) if confidence >= 0.5 else None
        decided, fast = model.decide(text, 0.5)  # without numpy
        if decided:
            assert language.primary_language(fast) == expected, text
        else:
            undecided += 1
        code, confidence = mapped.classify(text)
        assert (language.primary_language(code) if confidence >= 0.5 else None) == expected
    assert undecided < len(fragments) // 10


def test_a_text_near_the_threshold_is_left_to_py3langid(cache_dir: Path) -> None:
    model = language._model()
    assert model is not None
    _, confidence = model.identifier().classify(ENGLISH)
    assert confidence > 0.9
    # At the confidence the text has, the numpy-free scorer cannot be sure.
    assert model.decide(ENGLISH, confidence) == (False, None)
    assert model.decide(ENGLISH, confidence * 0.9) == (True, "en")
    assert model.decide(ENGLISH, 1.01) == (True, None)  # no text is that sure


def test_a_short_run_never_imports_numpy(cache_dir: Path) -> None:
    language.detect_language(ENGLISH)  # builds the cache file (numpy, once)
    probe = (
        "import sys; from newsweave.extract.language import detect_language;"
        f"codes = [detect_language(t) for t in {list(TEXTS[:4])!r}];"
        "print(' '.join(map(str, codes)), 'numpy' in sys.modules)"
    )
    env = {"NEWSWEAVE_CACHE_DIR": str(cache_dir), "PATH": ""}
    done = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env
    )
    assert done.stdout.split() == ["de", "en", "fr", "es", "False"]


def test_a_long_run_switches_to_py3langid(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_FAST_USES", itertools.count(language._FAST_TEXTS))
    monkeypatch.setattr(langmodel.LanguageModel, "decide", _must_not_run)
    assert language.detect_language(GERMAN) == "de"


def _must_not_run(*args: object) -> tuple[bool, str | None]:
    raise AssertionError("the numpy-free scorer ran")


@pytest.mark.parametrize("garbage", [b"", b"not an npz at all", b"PK\x03\x04truncated"])
def test_an_unreadable_cache_is_rebuilt(cache_dir: Path, garbage: bytes) -> None:
    language.detect_language(ENGLISH)
    (path,) = _cached(cache_dir)
    path.write_bytes(garbage)
    _forget_model()
    assert language.detect_language(GERMAN) == "de"
    assert path.stat().st_size > 1_000_000


def test_an_unwritable_cache_dir_still_detects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("NEWSWEAVE_CACHE_DIR", str(blocker / "cache"))
    _forget_model()
    try:
        assert language.detect_language(GERMAN) == "de"
        assert language._model() is None
    finally:
        _forget_model()


def test_a_model_layout_the_cache_cannot_hold_falls_back_to_the_package(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, model: tuple[object, ...]) -> None:
        raise ValueError("unexpected py3langid model layout")

    monkeypatch.setattr(langmodel, "write_model", refuse)
    assert language.detect_language(GERMAN) == "de"
    assert language._model() is None


@pytest.mark.slow
def test_the_mapped_model_decides_like_py3langid_on_the_text_dumps(cache_dir: Path) -> None:
    # Every WCXB and AEB text dump's sample and a short window of it: the
    # numpy-free decision equals py3langid's wherever it decides, and leaves few undecided.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    pages = [*shared_data("wcxb-dev", "text").glob("*.txt"), *shared_data("aeb-text").glob("*.txt")]
    shipped = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model = language._model()
    assert model is not None
    samples = []
    for page in sorted(pages):
        text = page.read_text("utf-8", errors="replace")
        samples += [text[: language._SAMPLE_CHARS], text[len(text) // 2 :][:100]]
    undecided = 0
    for sample in samples:
        code, confidence = shipped.classify(sample)
        decided, fast = model.decide(sample, 0.5)
        undecided += not decided
        if decided:
            expected = language.primary_language(code) if confidence >= 0.5 else None
            assert language.primary_language(fast) == expected, sample
    assert len(samples) > 1000
    assert undecided < len(samples) // 100
