"""The word-list data files: each says where it comes from, is used, and ships in the package."""

from __future__ import annotations

import fnmatch
import re
import subprocess
import sys
import tarfile
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from newsweave import wordlists

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "newsweave"
DATA = SOURCE / "data"
NAMES = sorted(path.stem for path in DATA.glob("*.txt"))
# A data file is read by a call naming it: words("ui-words"), wordlists.mapping(...).
_READ = re.compile(r"""\b(?:words|entries|mapping)\(\s*["']([\w-]+)["']\s*\)""")


def _reads() -> dict[str, set[str]]:
    """Data file name -> the modules (relative paths) that read it."""
    found: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "newsweave.wordlists" not in text and "from newsweave import wordlists" not in text:
            continue  # a function of its own that happens to be called words()
        for name in _READ.findall(text):
            found.setdefault(name, set()).add(path.relative_to(SOURCE).as_posix())
    return found


def test_there_are_data_files() -> None:
    assert len(NAMES) >= 20, NAMES


@pytest.mark.parametrize("name", NAMES)
def test_data_file_opens_with_its_provenance_and_purpose(name: str) -> None:
    first = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# "), f"{name}.txt: the first line must be a '# ' comment"
    # Where the list comes from, and which module reads it for what.
    assert "written for newsweave" in first or "from " in first, first
    match = re.search(r"read by ([\w/]+\.py)", first)
    assert match is not None, f"{name}.txt: the first line must say which module reads it"
    assert (SOURCE / match.group(1)).is_file(), match.group(1)


@pytest.mark.parametrize("name", NAMES)
def test_data_file_is_read_by_the_module_it_names(name: str) -> None:
    first = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()[0]
    match = re.search(r"read by ([\w/]+\.py)", first)
    assert match is not None
    assert match.group(1) in _reads().get(name, set()), f"{name}.txt is not read by {match[1]}"


def test_every_read_names_an_existing_data_file() -> None:
    assert set(_reads()) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_data_file_entries_are_clean(name: str) -> None:
    found = wordlists.entries(name)
    assert found, f"{name}.txt has no entries"
    duplicates = sorted({entry for entry in found if found.count(entry) > 1})
    assert not duplicates, f"{name}.txt repeats {duplicates}"
    for line in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        assert line == line.strip(), f"{name}.txt: {line!r} has white space at an end"


def test_mappings_and_phrases_have_their_shape() -> None:
    assert wordlists.mapping("wire-agencies")["associated press"] == "AP"
    assert wordlists.mapping("place-aliases")["U.S."] == "United States"
    # The text-mode widget matcher looks phrases up as pairs of tokens.
    assert all(len(phrase.split()) == 2 for phrase in wordlists.entries("ui-phrases"))


def test_mapping_rejects_a_line_without_a_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordlists, "entries", lambda name: ("reuters",))
    with pytest.raises(ValueError, match="key = value"):
        wordlists.mapping("wire-agencies")


def test_data_files_are_reachable_as_package_resources() -> None:
    packaged = {
        item.name.removesuffix(".txt")
        for item in resources.files(wordlists.DATA_PACKAGE).iterdir()
        if item.name.endswith(".txt")
    }
    assert packaged == set(NAMES)


def test_package_data_globs_cover_every_data_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["newsweave"]
    for name in NAMES:
        relative = f"data/{name}.txt"
        assert any(fnmatch.fnmatch(relative, glob) for glob in globs), relative


@pytest.mark.slow
def test_source_distribution_holds_the_data_files(tmp_path: Path) -> None:
    setuptools = pytest.importorskip("setuptools")
    major, minor = (int(part) for part in setuptools.__version__.split(".")[:2])
    if (major, minor) < (69, 0):
        # Older ones cannot read the project table (the build requires >= 69);
        # `pip wheel --no-deps .` builds with the declared backend instead.
        pytest.skip(f"setuptools {setuptools.__version__} is older than the build requirement 69")
    code = (
        "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    archive = tmp_path / result.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as sdist:
        members = {Path(member).name for member in sdist.getnames() if "/data/" in member}
    assert {f"{name}.txt" for name in NAMES} <= members


def test_calendar_and_number_tables_are_whole() -> None:
    from newsweave import text

    assert text.MONTH_NAMES[0] == "january"
    assert len(text.MONTH_NAMES) == 12
    assert sorted(set(text.MONTHS.values())) == list(range(1, 13))
    assert all(text.MONTHS[name] == number for number, name in enumerate(text.MONTH_NAMES, 1))
    assert text.MONTHS["sept"] == 9
    assert text.MONTHS["may"] == 5
    assert list(text.WEEKDAYS) == [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    ]  # fmt: skip
    assert [text.NUMBER_WORDS[w] for w in ("zero", "twelve", "twenty", "ninety")] == [0, 12, 20, 90]
    assert sorted(v for v in text.NUMBER_WORDS.values() if v <= 20) == list(range(21))


def test_support_words_keep_the_cardinals_and_add_their_own() -> None:
    from newsweave.brief.facts import support_words

    numbers = support_words().numbers
    assert numbers["seventeen"] == 17.0
    assert numbers["dozen"] == 12.0
    assert numbers["third"] == 3.0
    assert "thousand" not in numbers  # a scale word there, not a count
    assert support_words().scales["thousand"] == 1e3
