"""Other stories' headlines set inside a body (a related-stories widget) weigh nothing."""

from __future__ import annotations

import pytest

from newsweave.cluster import FeatureOptions
from newsweave.cluster.features import count_features, inset_spans
from newsweave.errors import ConfigError
from newsweave.models import Article

# Invented: a report on a dam inspection whose sentence is cut by a widget that names
# the senator (glued to her card) and then two other stories' headlines.
WIDGET = (
    "Mara VelloTorvik floods close two bridges in Ostra Velden mayor resigns over "
    "budget vote in Karsholm MORE"
)
BODY = (
    "Engineers inspected the Kavros Dam on Monday after Senator Mara Vello "
    + WIDGET
    + " asked for a review of its spillway. The Lorvik water board said the dam was sound."
)


def _article(body: str) -> Article:
    return Article(id="a1", key="test:1", title="Kavros Dam passes inspection", body=body)


def test_a_widget_of_headlines_inside_a_sentence_is_found() -> None:
    spans = inset_spans(BODY)
    assert [BODY[start:end] for start, end in spans] == [WIDGET[len("Mara ") :]]


def test_ordinary_prose_holds_no_inset() -> None:
    prose = (
        "The McAllister family runs a dairy near Ostra. Its YouTube channel, started in "
        "2019 with help from the NFU, shows the herd at milking; the BBC filmed it in May."
    )
    assert inset_spans(prose) == []
    # A glued word and a word in capitals with ordinary prose between (no headline start).
    brand = "The SeaGrid servers, which use chips made by a partner, are sold by ACME to banks."
    assert inset_spans(brand) == []


def test_a_camel_case_brand_in_prose_opens_no_inset() -> None:
    # A brand glued like a widget's name card, a headline start and a closing word
    # in capitals, but after a lower-case word: ordinary prose.
    prose = (
        "Volunteers at HarbourVault found the 1961 reel of Evening Pier Show in a tin, and "
        "the museum will screen what WKPR never aired to anyone."
    )
    assert inset_spans(prose) == []


def test_a_widget_after_a_brand_is_still_found() -> None:
    # The brand opens a candidate run that is no widget; the real one starts later.
    body = (
        "Prosecutors filed new charges against DataLeaks Founder Mara Vello "
        + WIDGET
        + " on Friday, the court said."
    )
    spans = inset_spans(body)
    assert [body[start:end] for start, end in spans] == [WIDGET[len("Mara ") :]]


def test_inset_words_weigh_nothing_by_default_and_as_the_body_at_one() -> None:
    found = count_features(_article(BODY), options=FeatureOptions())
    assert "karsholm" not in found.counts
    assert "e:ostra velden" not in found.counts
    # The body's own words around the widget are all counted.
    assert "spillway" in found.counts
    assert "e:kavro dam" in found.counts
    # The widget's name card before its glued word stays with the body.
    assert "e:senator mara vello mara" in found.counts
    as_body = count_features(_article(BODY), options=FeatureOptions(inset_weight=1.0))
    assert "karsholm" in as_body.counts
    low = count_features(_article(BODY), options=FeatureOptions(inset_weight=0.25))
    assert low.counts["karsholm"] == pytest.approx(0.25)
    assert low.counts["spillway"] == pytest.approx(1.0)


def test_inset_weight_is_validated() -> None:
    for bad in (-0.1, 1.5):
        with pytest.raises(ConfigError):
            FeatureOptions(inset_weight=bad)
