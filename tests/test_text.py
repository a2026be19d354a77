"""Sentence splitting, word normalisation and shingle hashes (newsweave.text)."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from newsweave.text import (
    STOPWORDS,
    content_words,
    sentence_spans,
    sentence_words,
    sentence_words_flat,
    shingle_hashes,
    split_sentences,
    word_hashes,
    words,
)


def test_abbreviations_initials_and_acronyms_do_not_end_sentences() -> None:
    text = (
        "Mr. Smith flew to Washington D.C. on Jan. 5 with Dr. Jones. "
        "The U.S. Senate voted 51-49 on the bill. J. R. R. Tolkien was cited."
    )
    assert split_sentences(text) == [
        "Mr. Smith flew to Washington D.C. on Jan. 5 with Dr. Jones.",
        "The U.S. Senate voted 51-49 on the bill.",
        "J. R. R. Tolkien was cited.",
    ]


def test_a_short_capitalised_name_with_a_dot_does_not_end_sentences() -> None:
    # A model name written with a dot: the text gives the same name twice, so the dot
    # ends nothing anywhere in the text.
    text = (
        "The new QX. ROAMER is the fifth model of the range. "
        "Whatever the name, the maker says the QX. ROAMER may reach shops next year. "
        "All QX. models share one battery."
    )
    assert split_sentences(text) == [
        "The new QX. ROAMER is the fifth model of the range.",
        "Whatever the name, the maker says the QX. ROAMER may reach shops next year.",
        "All QX. models share one battery.",
    ]
    assert split_sentences(
        "Dealers call the QX. ROAMER a wagon. Buyers find the QX. ROAMER long."
    ) == [
        "Dealers call the QX. ROAMER a wagon.",
        "Buyers find the QX. ROAMER long.",
    ]
    # Said once, or only in a speaker's label of a transcript, it is a sentence end.
    assert split_sentences("We spoke about the QX. ROAMER is a model.") == [
        "We spoke about the QX.",
        "ROAMER is a model.",
    ]
    # An acronym that ends a sentence stays an end: another one may open the next.
    assert split_sentences("He spoke to the BBC. NBC aired it later. He thanked the BBC.") == [
        "He spoke to the BBC.",
        "NBC aired it later.",
        "He thanked the BBC.",
    ]


def test_plural_and_other_titles_do_not_end_sentences() -> None:
    text = (
        "The bill was backed by Sens. Ada Pike of Utah and Ben Roe of Iowa. "
        "Later Reps. Cy Dole and Di Fox met Messrs. Gale and Hunt. "
        "Among the dead was Brig. Gen. Ed Ives, said Atty. Fay Lee."
    )
    assert split_sentences(text) == [
        "The bill was backed by Sens. Ada Pike of Utah and Ben Roe of Iowa.",
        "Later Reps. Cy Dole and Di Fox met Messrs. Gale and Hunt.",
        "Among the dead was Brig. Gen. Ed Ives, said Atty. Fay Lee.",
    ]


def test_a_sentence_opener_after_an_abbreviation_or_acronym_starts_a_sentence() -> None:
    text = (
        "It was made by Acme Inc. The company said so. Prices rose in the U.S. They fell in "
        "the U.K. Department stores closed at 5 p.m. But shops stayed open. We met sales reps. "
        "It went well. Ask for pens, paper, etc. We have plenty."
    )
    assert split_sentences(text) == [
        "It was made by Acme Inc.",
        "The company said so.",
        "Prices rose in the U.S.",
        "They fell in the U.K. Department stores closed at 5 p.m.",
        "But shops stayed open.",
        "We met sales reps.",
        "It went well.",
        "Ask for pens, paper, etc.",
        "We have plenty.",
    ]
    # Not where the word may be a name, a letter or a title-case headline's verb.
    assert split_sentences("Mr. Will Ode came. Fig. A shows it. Why The U.S. Is Late") == [
        "Mr. Will Ode came.",
        "Fig. A shows it.",
        "Why The U.S. Is Late",
    ]
    assert split_sentences("It was Rome vs. The World.") == ["It was Rome vs. The World."]


def test_sentences_glued_without_a_space_are_cut() -> None:
    # A page that lost the space after a closing mark: the quotation marks of the
    # paragraph before the mark tell whether it closes a quotation or opens the next.
    text = 'It began at 5 p.m. local time."We were ready," an aide said.He left.'
    assert split_sentences(text) == [
        "It began at 5 p.m. local time.",
        '"We were ready," an aide said.',
        "He left.",
    ]
    text = 'She said: "It is over."Then she left. "We won."Nobody else spoke.'
    assert split_sentences(text) == [
        'She said: "It is over."',
        "Then she left.",
        '"We won."',
        "Nobody else spoke.",
    ]
    assert split_sentences("“It is over.”Then she left.") == ["“It is over.”", "Then she left."]
    # A closing and an opening quote run together: the last one opens the next.
    assert split_sentences('He asked: "Is it?""No," she said.') == [
        'He asked: "Is it?"',
        '"No," she said.',
    ]
    # An opening quote written as a closing one, and a glued opening quote.
    assert split_sentences("Staff quit.”It scares us,” he said.“Go,” she said.") == [
        "Staff quit.",
        "”It scares us,” he said.",
        "“Go,” she said.",
    ]
    # Not a web address, a dotted name, a decimal, an initial, or an ellipsis.
    for kept in (
        "Go to www.Example.com now.",
        "It runs on acme.Cloud.net servers.",
        "It grew 3.5 percent.",
        "Ask M.Scott Lane.",
        "We waited...Then nothing.",
        "We waited…Then nothing.",
    ):
        assert split_sentences(kept) == [kept]


def test_quotes_questions_and_exclamations() -> None:
    text = 'He said: "It is over." Is it? "No!" she replied. Then… silence fell.'
    assert split_sentences(text) == [
        'He said: "It is over."',
        "Is it?",
        '"No!" she replied.',
        "Then… silence fell.",
    ]


def test_lowercase_after_a_dot_continues_the_sentence() -> None:
    assert split_sentences("Prices rose 3.5 percent, i.e. more than expected. Next.") == [
        "Prices rose 3.5 percent, i.e. more than expected.",
        "Next.",
    ]


def test_paragraphs_bullets_and_hard_wrapped_lines() -> None:
    text = (
        "A headline without a full stop\n\n"
        "This paragraph was hard\nwrapped by the sender. It has two sentences.\n"
        "  • First point of a list\n"
        "  - Second point\n"
        "\n\n"
        "Last paragraph."
    )
    assert split_sentences(text) == [
        "A headline without a full stop",
        "This paragraph was hard\nwrapped by the sender.",
        "It has two sentences.",
        "First point of a list",
        "Second point",
        "Last paragraph.",
    ]


def test_spans_point_into_the_text_and_skip_wordless_pieces() -> None:
    text = "  One.  Two!\n\n----\n\n•\nThree?  "
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == ["One.", "Two!", "Three?"]
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_seed_bodies_split_into_sentences() -> None:
    text = (SEEDS / "004_7d12168d16454600.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    # Every line of this seed is a paragraph of whole sentences.
    assert len(sentences) >= text.count("\n")
    assert all(sentence[-1] in ".!?”\"'" for sentence in sentences)
    # No sentence is cut or lost: each paragraph is its sentences, in order.
    for line in filter(None, (line.strip() for line in text.splitlines())):
        assert " ".join(split_sentences(line)).split() == line.split()


def test_words_fold_case_quotes_and_compatibility_forms() -> None:
    assert words("Lund’s visit, June 19–20 — DON'T ﬁnd “U.S.” ﬀ") == [
        "lund's",
        "visit",
        "june",
        "19",
        "20",
        "don't",
        "find",
        "u",
        "s",
        "ff",
    ]
    assert words("Straße") == ["strasse"]
    assert content_words(words("The president's plan was said to be new")) == [
        "president",
        "plan",
        "new",
    ]
    assert "the" in STOPWORDS
    assert "president" not in STOPWORDS


def test_sentence_words_match_words_of_each_sentence() -> None:
    text = "Straße closed. ÉCOLE reopened on Monday! It’s done."
    assert sentence_words(text) == [words(part) for part in split_sentences(text)]


def _flat_reference(text: str) -> tuple[list[str], list[int]]:
    tokens: list[str] = []
    bounds = [0]
    for sentence in sentence_words(text):
        tokens.extend(token[:-2] if token.endswith("'s") else token for token in sentence)
        if len(tokens) > bounds[-1]:
            bounds.append(len(tokens))
    return tokens, bounds


@pytest.mark.parametrize(
    "text",
    [
        "Putin's plan. The x's's rock'n'roll's end! A_'s 'sup' it's.\n\n- Bob's list",
        "Trump’s aide’s notes: a''s b's' c'ss.  Next one's here?",
        "ﬁrm's Ｐｕｔｉｎ's view. Straße's İstanbul's ǅ's",
        "",
        "no possessive at all",
    ],
)
def test_sentence_words_flat_drops_possessives_of_sentence_words(text: str) -> None:
    assert sentence_words_flat(text) == _flat_reference(text)


@given(st.text(alphabet="ab's’. \nÉﬁ_-…\x00\u0301", max_size=60))
def test_sentence_words_flat_matches_reference_on_any_text(text: str) -> None:
    assert sentence_words_flat(text) == _flat_reference(text)


def test_word_hashes_are_stable_across_processes() -> None:
    tokens = words("The quick brown fox jumps over the lazy dog")
    here = word_hashes(tokens).tolist()
    code = (
        "from newsweave.text import word_hashes, words;"
        "print(word_hashes(words('The quick brown fox jumps over the lazy dog')).tolist())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONHASHSEED": "12345"},
    ).stdout
    assert other.strip() == str(here)
    # CRC-32 of b"the": pinned, so stored fingerprints survive upgrades.
    assert here[0] == 0x3C456DE6


def test_shingle_hashes_are_sorted_distinct_and_order_sensitive() -> None:
    hashes = word_hashes(words("a b c d e f g a b c d e"))
    found = shingle_hashes(hashes, size=5)
    assert found.dtype == np.uint32
    assert list(found) == sorted(set(found.tolist()))
    assert len(found) == 7  # 8 runs of 5 words, "a b c d e" twice
    swapped = shingle_hashes(word_hashes(words("b a c d e")), size=5)
    assert set(swapped.tolist()).isdisjoint(shingle_hashes(hashes[:5], size=5).tolist())
    assert len(shingle_hashes(word_hashes(["only", "two"]), size=5)) == 1
    assert len(shingle_hashes(word_hashes([]), size=5)) == 0
    with pytest.raises(ValueError, match="shingle size"):
        shingle_hashes(hashes, size=0)


_PROSE = st.text(
    alphabet=st.sampled_from(list("abcdefgh ABCDE .,!?\"'’\n")), min_size=0, max_size=300
)


@settings(max_examples=200, deadline=None)
@given(_PROSE)
def test_sentences_cover_every_word_in_order(text: str) -> None:
    spans = sentence_spans(text)
    assert all(start < end for start, end in spans)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    assert [token for sentence in sentence_words(text) for token in sentence] == words(text)


def _spans_by_scanning(text: str) -> list[tuple[int, int]]:
    """:func:`sentence_spans` as it was written first: the regex scans every block."""
    from newsweave.text import _END, _WORD, _blocks, _cut, _DottedNames, _ends_sentence

    spans: list[tuple[int, int]] = []
    dotted = _DottedNames(text)
    for block_start, block_end in _blocks(text):
        cuts: list[tuple[int, int]] = []
        begin = block_start
        for found in _END.finditer(text, block_start, block_end):
            if _ends_sentence(text, begin, found, dotted):
                stop, following = _cut(text, block_start, found)
                cuts.append((begin, stop))
                begin = following
        if begin < block_end:
            cuts.append((begin, block_end))
        for start, end in cuts:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end and _WORD.search(text, start, end):
                spans.append((start, end))
    return spans


_PUNCTUATED = st.lists(
    st.sampled_from([*"aB1 .!?…\"'’”)(]“\n\t•-", "Mr", "U.S.", "J. ", "no. ", "\n\n"]),
    max_size=80,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PUNCTUATED)
def test_sentence_spans_equal_a_full_regex_scan(text: str) -> None:
    assert sentence_spans(text) == _spans_by_scanning(text)


def test_sentence_spans_equal_a_full_regex_scan_on_seed_bodies() -> None:
    for path in sorted(SEEDS.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".md", ".json", ".jsonl"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert sentence_spans(text) == _spans_by_scanning(text), path


_WORDY = st.lists(
    st.one_of(st.sampled_from([*"aZ9_'’ -.é²Ⅻßİ\u0301\u00a0\u2028", "x'y"]), st.characters()),
    max_size=60,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_WORDY)
def test_word_patterns_find_the_words_of_the_plain_greedy_pattern(text: str) -> None:
    from newsweave.text import _WORD, _WORD_NO_UNDERSCORE

    plain = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
    expected = plain.findall(text)
    assert _WORD.findall(text) == expected
    assert _WORD_NO_UNDERSCORE.findall(text.replace("_", " ")) == expected
    assert (_WORD.search(text) is None) == (plain.search(text) is None)


@pytest.mark.parametrize("cut", ["\n", "\x00"])
def test_line_break_and_nul_never_combine_under_nfkc(cut: str) -> None:
    # What lets _nfkc normalise line by line and sentence_words_flat fold its
    # sentences together: for every code point c, the cut next to c changes
    # nothing in c's folded form, either side, and no c folds into a NUL.
    for point in range(sys.maxunicode + 1):
        char = chr(point)
        alone = unicodedata.normalize("NFKC", char)
        assert unicodedata.normalize("NFKC", char + cut) == alone + cut, hex(point)
        assert unicodedata.normalize("NFKC", cut + char) == cut + alone, hex(point)
        assert cut.casefold() == cut
        assert point == 0 or "\x00" not in alone.casefold()


_UNNORMAL = st.sampled_from(["\n", "…", "e\u0301", "\u0301", "ﬁ", "½", "a", "\u1100\u1161"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_UNNORMAL, st.characters()), max_size=40).map("".join))
def test_nfkc_line_by_line_equals_nfkc_of_the_whole(text: str) -> None:
    from newsweave.text import _nfkc

    assert _nfkc(text) == unicodedata.normalize("NFKC", text)
