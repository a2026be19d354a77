"""The timeline scorers of newsweave.evaluation against figures worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("nltk", reason="ROUGE stemming needs NLTK (the dev extra)")

from newsweave.evaluation import date_prf, rouge_tokens, timeline_rouge

DAY1, DAY2, DAY3 = date(2024, 6, 1), date(2024, 6, 2), date(2024, 6, 3)
# Three-letter words that are no stop words: ROUGE neither drops nor stems them.
PREDICTED = {DAY1: ["cat dog"], DAY3: ["fox"]}
REFERENCE = {DAY1: ["cat owl"], DAY2: ["fox bat"]}


def test_rouge_tokens_follow_the_perl_script() -> None:
    # Stop words dropped ("the", "were", "well", "known", "went", "to"), the hyphen and
    # punctuation split words, tokens over 3 characters stemmed (Porter), "^" becomes
    # "&circ;" and the SEE line ends at "<".  The Perl script (ROUGE-1.5.5 -m -s) gives
    # these same 5 tokens for this sentence.
    text = "The ponies were running, well-known! Children went to Geneva^s <b>cut"
    assert rouge_tokens([text]) == ["poni", "run", "child", "geneva", "circ"]


def test_align_many_to_one_by_hand() -> None:
    # Precision: DAY1 -> DAY1 (cost 0), 1 hit of 2; DAY3 -> DAY2 (cost 1/2 * (1 - 2/3)
    # = 1/6 < 2/3 for DAY1), 1 hit weighted 1/2 of 1: (1 + 0.5) / 3 = 0.5.
    # Recall: DAY1 <- DAY1, 1 of 2; DAY2 <- DAY3 (cost 1/6 < 1/2 for DAY1), 1 weighted
    # 1/2 of 2: (1 + 0.5) / 4 = 0.375.  F1 = 2 * 0.5 * 0.375 / 0.875 = 3/7.
    score = timeline_rouge(PREDICTED, [REFERENCE])
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.375)
    assert score.f1 == pytest.approx(3 / 7)


def test_concat_and_agreement_by_hand() -> None:
    # concat: "cat dog fox" against "cat owl fox bat": 2 hits, P 2/3, R 1/2, F1 4/7.
    concat = timeline_rouge(PREDICTED, [REFERENCE], variant="concat")
    assert concat == pytest.approx((2 / 3, 1 / 2, 4 / 7))
    # agreement: only DAY1 is shared: 1 hit; P 1 / (2 + 1), R 1 / (2 + 2), F1 2/7.
    agreement = timeline_rouge(PREDICTED, [REFERENCE], variant="agreement")
    assert agreement == pytest.approx((1 / 3, 1 / 4, 2 / 7))


def test_same_day_content_does_not_matter_for_the_alignment() -> None:
    # A same-date pair costs 0 whatever its words, so DAY1 stays aligned to DAY1 even
    # though its words are those of DAY2: the hit counts only at 1 / (1 + 1).
    predicted = {DAY1: ["fox bat"]}
    score = timeline_rouge(predicted, [REFERENCE])
    assert score.precision == pytest.approx(0.0)
    # Recall: DAY1 <- DAY1 (no hit); DAY2 <- DAY1 (the only date): 2 hits weighted 1/2.
    assert score.recall == pytest.approx(1 / 4)


def test_an_empty_prediction_scores_zero() -> None:
    assert timeline_rouge({}, [REFERENCE]) == (0.0, 0.0, 0.0)
    assert date_prf({}, [REFERENCE]) == (0.0, 0.0, 0.0)


def test_date_f1() -> None:
    assert date_prf(PREDICTED, [REFERENCE]) == pytest.approx((0.5, 0.5, 0.5))
    assert date_prf(REFERENCE, [REFERENCE]).f1 == 1.0
