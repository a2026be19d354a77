"""Entities: people, organisations and places with canonical forms and per-outlet counts."""

from __future__ import annotations

import pytest

from brief_seeds import seed_articles
from conftest import load_benchmark
from newsweave.brief.doc import StoryDoc
from newsweave.brief.entities import EntityOptions, canonical_names, find_entities
from newsweave.models import Article


def _article(aid: str, outlet: str | None, body: str) -> Article:
    return Article(id=aid, key=aid, title=None, body=body, outlet=outlet)


ARTICLES = [
    _article(
        "a",
        "Gazette",
        "Chilean President Marta Solano arrived in Lisbon on Thursday. Solano was greeted by "
        "Prime Minister Duarte Pinto Reis. Despite the rain, crowds lined the streets.",
    ),
    _article(
        "b",
        "Herald",
        "Solano met executives of Petroval Corp and officials of the Ministry of Trade in Lisbon. "
        "Analysts at Stanford University said the trip mattered. Experts were divided.",
    ),
]


def _by_name() -> dict[str, tuple[str, dict[str, int]]]:
    return {
        e.name: (e.label, dict(e.mentions_by_outlet))
        for e in find_entities(StoryDoc.from_articles(ARTICLES))
    }


def test_short_form_folds_into_full_name_across_outlets() -> None:
    found = _by_name()
    assert "Solano" not in found
    label, counts = found["Marta Solano"]
    assert label == "person"
    assert counts == {"Gazette": 2, "Herald": 1}
    president = next(
        e for e in find_entities(StoryDoc.from_articles(ARTICLES)) if e.name == "Marta Solano"
    )
    assert president.aliases == ("Solano",)


def test_kinds_from_titles_cue_words_and_gazetteer() -> None:
    found = _by_name()
    assert found["Duarte Pinto Reis"][0] == "person"
    assert found["Lisbon"] == ("place", {"Gazette": 1, "Herald": 1})
    assert found["Petroval Corp"][0] == "organisation"
    assert found["Ministry of Trade"][0] == "organisation"
    assert found["Stanford University"][0] == "organisation"


def test_sentence_initial_words_and_titles_are_not_entities() -> None:
    found = _by_name()
    for word in ("Despite", "Experts", "Analysts", "Chilean", "President", "Prime Minister"):
        assert word not in found
    assert not any(name.startswith(("Chilean", "President")) for name in found)


def test_other_kind_only_on_request() -> None:
    # "Leaders" opens a sentence and is written in lower case elsewhere: not a name.
    article = _article(
        "c",
        None,
        "Leaders met at the Global Peace Summit, far from the Cold War. Few leaders came.",
    )
    assert find_entities(StoryDoc.from_articles([article])) == ()
    others = find_entities(
        StoryDoc.from_articles([article]), options=EntityOptions(include_other=True)
    )
    assert {e.name for e in others} == {"Global Peace Summit", "Cold War"}
    assert all(e.label == "other" for e in others)
    assert list(others[0].mentions_by_outlet) == ["unknown outlet (c)"]


def test_canonical_names_leave_ambiguous_short_forms() -> None:
    mapping = canonical_names(["Ann Lee", "Bo Lee", "Lee", "Koval", "Nadia Koval"])
    assert mapping["Lee"] == "Lee"
    assert mapping["Koval"] == "Nadia Koval"
    assert mapping["Ann Lee"] == "Ann Lee"


def test_seed_office_holders_are_people() -> None:
    entities = find_entities(StoryDoc.from_articles(seed_articles()))
    people = {e.name for e in entities if e.label == "person"}
    # Heads of state and government named in the seeds, each under one full name.
    for name in ("Vladimir Putin", "To Lam", "Nguyen Phu Trong", "Pham Minh Chinh"):
        assert name in people, sorted(people)
    assert "Putin" not in {e.name for e in entities}
    places = {e.name for e in entities if e.label == "place"}
    assert {"Vietnam", "Russia", "Hanoi"} <= places
    top = entities[0]
    assert sum(top.mentions_by_outlet.values()) >= sum(entities[-1].mentions_by_outlet.values())


def _entities(body: str) -> dict[str, str]:
    found = find_entities(StoryDoc.from_articles([Article(id="a", key="a", title=None, body=body)]))
    return {e.name: e.label for e in found}


def test_titles_days_and_directions_are_not_names() -> None:
    found = _entities(
        "General Manager Jo Bloggs said on Friday the team would move. "
        "The North said the talks failed, North officials told reporters. "
        "Bloggs met officials at the Harbor Center on Monday. TMZ reported it first. "
        "The ferry sailed from Connecticut."
    )
    assert found.get("Jo Bloggs") == "person"
    assert "General Manager Jo Bloggs" not in found
    assert found.get("North") != "person"
    assert "Harbor Center on Monday" not in found
    assert found.get("Connecticut") == "place"  # an ISO 3166-2 region (pycountry)
    assert found.get("TMZ", "organisation") == "organisation"


def test_weak_place_cues_and_articles_make_no_kind() -> None:
    """Issue 17: "in X's firing", one "in X" among many mentions, "the Xs, a team"."""
    found = _entities(
        "Dale Rourke, the coach, was fired on Monday. Rourke had two years left. "
        "Nothing in Rourke's record explained it. Rourke coached for nine years. "
        "The club landed its top prize in Omar Kettle last summer. Kettle scored twice. "
        "Kettle was injured in March. Kettle will return next week. "
        "They play the Harriers, a team that beat them twice."
    )
    assert found.get("Dale Rourke") == "person"
    assert found.get("Omar Kettle") != "place"
    assert found.get("Harriers") != "person"


def test_names_joined_by_and_laws_modifiers_and_appositive_kinds() -> None:
    """Issue 17: "Salmon and Wetland Service" is one body; an Act is no person; "X-based"."""
    found = _entities(
        "The Salmon and Wetland Service said the Clean Water Act applied. "
        "The Oslo-based Northern Rivers Trust, a group that sues polluters, disagreed. "
        "Residents of Brekkeby, a village on the fjord, were moved. "
        "The Department said nothing. The United States said it would help."
    )
    assert found.get("Salmon and Wetland Service") == "organisation"
    assert "Clean Water Act" not in found
    assert found.get("Northern Rivers Trust") == "organisation"
    assert found.get("Brekkeby") == "place"
    assert "Department" not in found
    assert found.get("United States") == "place"


def test_demonyms_parties_offices_and_cut_names() -> None:
    """Issue 17 item 5: kinds of error read on the tune halves, on invented text."""
    found = _entities(
        "Groups representing Uzbeks and Sudanese said they were not heard. "
        "The Harbour Department said on Monday that the Coastal Defense Council agreed. "
        "The Lindqvist administration denied it. Vera Lindqvist, who chairs the board, spoke. "
        "Rep. Tom Quill, D-Wash., objected, and so did Rep. Ann Marr (R - N.C.). "
        "Observers from the League for Harbours and Rivers of Europe came. "
        "The Union of Coastal Towns sent two. Tess Hall, who directs the port, agreed. "
        "Rights Watch said the vote was unfair."
    )
    assert "Uzbeks" not in found
    assert "Sudanese" not in found
    assert found.get("Harbour Department") == "organisation"
    assert found.get("Coastal Defense Council") == "organisation"
    assert "Department" not in found
    assert "Council" not in found
    assert found.get("Vera Lindqvist") == "person"
    assert not any(name.startswith(("D-", "R ")) for name in found)
    assert "League for Harbours" not in found
    assert "Coastal Towns" not in found
    assert "Union" not in found
    assert found.get("Tess Hall") == "person"
    assert found.get("Rights Watch") == "organisation"


def test_clutter_runs_groups_articles_and_name_adjectives() -> None:
    """Read on a real brief: names run together by captions, "Democrats", "A X", "X-aligned"."""
    found = _entities(
        "Photo: Vera Lindqvist Vera LindqvistPress. Vera Lindqvist said she won the vote. "
        "Democrats said the count was fair, and one Democrat disagreed. "
        "A Harbour Daily Courier poll showed it first. Lindqvist-aligned groups cheered. "
        "A reporter from Kystposten, who saw the count, said so."
    )
    assert found.get("Vera Lindqvist") == "person"
    assert not any(name.count("Vera") > 1 for name in found)
    assert found.get("Democrats") != "person"
    assert "A Harbour Daily Courier" not in found
    assert "Lindqvist-aligned" not in found
    assert found.get("Kystposten") != "person"  # "who" is the reporter's


def test_headlines_programmes_modifiers_tickers_and_shared_surnames() -> None:
    """Issue 17 item 5, the kinds a reader found wrong on unseen stories."""
    found = _entities(
        "(RELATED: Ferry Fares Rise While Riders Claim Operator Has Ignored Their "
        "Petition To Transport Agency) "
        "Fire crews reached Ostervik, a leafy suburb, and the city of Ostervik said water was off. "
        "Oskar Penn relies on Coastal Heating Credit, a county scheme for pensioners. "
        "In Dunmore, the long-serving harbour master seems to have retired. "
        "Progressive leader Ilse Varga spoke for the opposition Progressive party. "
        "Among them was Petra Almqvist, 19, who packed her car. "
        "Members at Lakeford Mills Inc. LKM rejected the deal. "
        "Analyst Bo Lindgren said so, and 73-year-old Eva Lindgren voted. "
        "Lindgren said it was late."
    )
    assert not any("Their" in name for name in found)
    for thing in ("Ostervik", "Coastal Heating Credit", "Dunmore", "Progressive"):
        assert found.get(thing) != "person", thing
    assert found.get("Ilse Varga") == "person"
    assert found.get("Petra Almqvist") == "person"  # a quoted speaker, "X, 19, who"
    assert "Lakeford Mills Inc." in found
    assert not any("LKM" in name for name in found)
    assert found.get("Eva Lindgren") == "person"
    assert found.get("Bo Lindgren") == "person"
    assert "Lindgren" not in found  # two people of one surname are not merged


def test_company_after_a_title_word_and_house_and_senate() -> None:
    found = _entities(
        "General Widgets Co. said it would cut jobs. "
        "The House and Senate met, and the Coast and Moorland Service objected."
    )
    assert found.get("General Widgets Co.") == "organisation"
    assert "House and Senate" not in found
    assert found.get("Coast and Moorland Service") == "organisation"


@pytest.mark.slow
def test_labelled_entity_precision() -> None:
    """The floors on the hand-judged stories: the 12 ECB+ dev stories of
    tests/data/entity_labels.jsonl (tune, check, fresh-tune, fresh-check), the ECB+
    and AllSides stories of tests/data/entity_labels_fresh2.jsonl (fresh2), and the
    fresh3, fresh4, fresh5 and fresh6 samples, each read for error kinds after its one
    held-out measurement (fresh3 0.858, fresh4 0.933, fresh5 0.929, fresh6 0.939 then;
    0.927, 0.962 and 0.984 after the e20 pass, fresh6 0.979 after the n21 pass), and
    fresh7 (0.913 held out, 0.959 after the n22 pass), with the share of fresh7's main
    entities listed (55 of 82 before the n22 pass, 62 after)."""
    module = load_benchmark(
        "eval_entities",
        "ecbplus/ecbplus-dev.jsonl",
        "story-judgments/allsides-2020.jsonl.gz",
        "allsides/articles.jsonl.gz",
    )
    result = module.score(fresh3=True, fresh4=True, fresh5=True, fresh6=True, fresh7=True)
    floors = {"tune": 0.97, "check": 0.945, "fresh-tune": 0.98, "fresh-check": 0.91, "fresh2": 0.94}
    floors |= {"fresh3": 0.92, "fresh4": 0.95, "fresh5": 0.97, "fresh6": 0.97, "fresh7": 0.95}
    for half, floor in floors.items():
        assert result[half]["unjudged"] == 0, "judge the new entities (eval_entities.py --unjudged)"
        assert result[half]["precision"] >= floor
    found, total, _ = module.main_recall()
    assert found / total >= 0.74


def test_unknown_recogniser_is_a_config_error() -> None:
    from newsweave.errors import ConfigError

    with pytest.raises(ConfigError):
        EntityOptions(recogniser="bert")


def test_spacy_check_keeps_a_subset_of_the_rules_entities() -> None:
    """The optional check (the spacy extra) only vetoes: clear names stay, kinds unchanged."""
    from newsweave.brief.entity_check import entity_recogniser
    from newsweave.errors import ConfigError

    try:
        entity_recogniser()
    except ConfigError as exc:
        pytest.skip(str(exc))
    body = (
        "Mayor Ingrid Solberg said on Monday that the harbour of Bergen would close. "
        "Solberg told the Norwegian Broadcasting Corporation the storm was the worst in years. "
        "Tuesday Morning Update reported that ferries to Stavanger were cancelled. "
        "Ingrid Solberg, who has led the city since 2019, asked residents to stay home."
    )
    article = Article(id="a", key="a", title=None, body=body)
    rules = find_entities(StoryDoc.from_articles([article]))
    checked = find_entities(
        StoryDoc.from_articles([article]), options=EntityOptions(recogniser="spacy")
    )
    kinds = {e.name: e.label for e in checked}
    assert set(kinds.items()) <= {(e.name, e.label) for e in rules}
    assert kinds.get("Ingrid Solberg") == "person"
    assert kinds.get("Norwegian Broadcasting Corporation") == "organisation"


def test_titles_party_words_home_towns_and_prepositions_are_cut() -> None:
    found = _entities(
        "Democratic House Minority Leader Tom Arvel of Brookfield said the plan failed. "
        "Assembly Speaker Dana Ostrow of Ridgeton called the vote, and the Republican Senate "
        "refused. In Pellton County, crews worked all night. Painter-sculptor Ines Marr said it."
    )
    assert found.get("Tom Arvel") == "person"
    assert found.get("Dana Ostrow") == "person"
    assert not any(name.endswith(("of Brookfield", "of Ridgeton")) for name in found)
    assert found.get("Ridgeton") != "person"
    assert "Democratic House" not in found
    assert "Republican Senate" not in found
    assert found.get("Pellton County") == "place"
    assert "In Pellton County" not in found
    assert found.get("Ines Marr") == "person"
    assert "Painter-sculptor Ines Marr" not in found


def test_place_adjectives_and_towns_are_no_people() -> None:
    found = _entities(
        "The deal angered West African allies, and a Virginian farmer said he was worried. "
        "A Labor-dominated Southwestern legislature balked. "
        "Firefighters in Dravo said the blaze grew. Dravo residents fled. "
        "The mill in Harlow, Ore., closed."
    )
    assert not {
        "West African",
        "Virginian",
        "Southwestern",
        "Labor-dominated Southwestern",
    } & set(found)
    assert found.get("Dravo") == "place"
    assert found.get("Harlow") == "place"


def test_pieces_of_names_joined_by_and_or_ampersand() -> None:
    found = _entities(
        "Analysts at the Center for Naval and Coastal Studies said the move was risky. "
        "It was first reported by The Riverton Herald & Courier. The Courier said more. "
        "Lyle & Lyle, a law firm, sued."
    )
    assert "Coastal Studies" not in found
    assert found.get("The Riverton Herald & Courier") == "organisation"
    assert "The Riverton Herald" not in found
    assert found.get("Courier") != "person"
    assert found.get("Lyle & Lyle") == "organisation"


def test_a_first_name_one_letter_off_is_the_same_person() -> None:
    articles = [
        _article("a", "One", "Prime Minister Kristin Varro said the country would act."),
        _article("b", "Two", "Kristin Varro spoke in the capital on Monday."),
        _article("c", "Three", "Kristen Varro met the envoy. Varro said so."),
        _article("d", "Four", "Dana Roe said she won. Dina Roe said she lost."),
        _article(
            "e", "Five", "Mark Tolley and his sister Mary Tolley ran the farm. Mary Tolley said so."
        ),
        _article(
            "f", "Six", "Mark Tolley said the farm was sold. Mark Tolley left. Mark Tolley said."
        ),
    ]
    found = {e.name: e for e in find_entities(StoryDoc.from_articles(articles))}
    assert "Kristen Varro" in found["Kristin Varro"].aliases
    assert "Kristen Varro" not in found
    assert sum(found["Kristin Varro"].mentions_by_outlet.values()) == 4
    assert "Dana Roe" in found
    assert "Dina Roe" in found
    # named side by side in one article: two people, however often each is named
    assert "Mary Tolley" in found
    assert "Mary Tolley" not in found["Mark Tolley"].aliases


def test_glued_links_handles_shouted_words_and_numbered_words_are_no_names() -> None:
    found = _entities(
        "Senator Ola Brantby met Mayor Kiri Vasset in Dunmore. "
        "Related: Ola BrantbyVasset says the deal is off. Fans of @KiriVasset cheered. "
        "MUST WATCH Brantby speaks at the rally. Read more on the page. "
        "Trucks took Interstate 912 north. The rule in Section 4410 applies. "
        "According to Gallup, most agree. According to Ana Lisk, few do."
    )
    assert not {"Ola BrantbyVasset", "BrantbyVasset", "KiriVasset", "WATCH Brantby"} & set(found)
    assert found.get("Ola Brantby") == "person"
    assert "Interstate" not in found
    assert "Section" not in found
    assert found.get("Gallup") != "person"
    assert found.get("Ana Lisk") == "person"
    # A company's camel case is no clutter: its pieces are no words of the story.
    assert _entities("Analysts at BrightLoop said sales fell.").get("BrightLoop") is not None


def test_state_abbreviations_party_members_and_more_titles() -> None:
    found = _entities(
        "Then came Jo Pell, the big man from Harlow Bluff, Mo., who stayed in school. "
        "Rep. Lina Ostrow, a Democrat, and the Tory in the race said no. "
        "Ayatollah Reza Tabari spoke. Trooper Nell Varga stopped the car. "
        "Pres. Ike Dunmore waved."
    )
    assert found.get("Missouri") == "place"
    assert "Mo" not in found
    assert found.get("Harlow Bluff") == "place"
    assert "Democrat" not in found
    assert "Tory" not in found
    assert found.get("Reza Tabari") == "person"
    assert found.get("Nell Varga") == "person"
    assert "Trooper Nell Varga" not in found
    assert found.get("Ike Dunmore") == "person"


def test_other_forms_of_one_name_are_merged() -> None:
    articles = [
        _article(
            "a",
            "One",
            "DUNMORE, Ore. (AP) — The head chef of Brightloop, Lim Hui Min, was honoured "
            "in Dunmore. Lim Hui Min thanked her staff. Lim, who is 46, smiled. Lim said so.",
        ),
        _article(
            "b",
            "Two",
            "Mei Lim is another name she uses. MILTON – Rob Quillby has weathered rough times. "
            "“It’s been hard,” said Quillby, chief of Ardvale Inc. Ardvale said it would cut "
            "jobs. Ardvale reported losses.",
        ),
    ]
    found = {e.name: e for e in find_entities(StoryDoc.from_articles(articles))}
    assert found["Lim Hui Min"].label == "person"
    assert "Lim" in found["Lim Hui Min"].aliases
    assert found["Rob Quillby"].label == "person"
    assert "Quillby" not in found
    assert found["Ardvale Inc."].label == "organisation"
    assert "Ardvale" not in found
    assert found["Dunmore"].label == "place"
    assert "DUNMORE" in found["Dunmore"].aliases


def test_contractions_adjectives_former_titles_and_party_groups() -> None:
    found = _entities(
        "They've said no, and We'd agreed. A Dunmore-based firm sued. "
        "Then-Speaker Ola Brantby spoke. Brantby said so. "
        "The bill passed after Democrats, who hold the House, agreed."
    )
    assert not {"They've", "We'd", "Dunmore-based"} & set(found)
    assert found.get("Ola Brantby") == "person"
    assert "Then-Speaker Ola Brantby" not in found
    assert found.get("Democrats") == "organisation"


def test_brands_campuses_possessed_things_and_treaties() -> None:
    found = _entities(
        "The blaze grew, said the state fire agency, FlameWatch. FlameWatch said 500 homes "
        "burned. It was, said Jo Pell, a professor at the University of Dunmore, Harlow, who "
        "studies fires. The Mayor’s Regatta is in doubt, he said. The Harlow accord was signed."
    )
    assert found.get("FlameWatch") == "organisation"
    assert found.get("Harlow") != "person"
    assert "Regatta" not in found
    assert found.get("Jo Pell") == "person"
    assert _entities("Jo MacLeod said so. MacLeod left.").get("Jo MacLeod") == "person"


def test_initials_shared_nouns_and_of_names_of_waters() -> None:
    found = _entities(
        "Director K. Orrin Hall of the U.S. Salmon and Wetland Service said so. "
        "The Ruritania Lake and River Board met. "
        "The heads of the Harbour Fees and Dues and Senate Rivers committees may ask. "
        "Two ferries ran aground in the Gulf of Tressa on Thursday. Bidder No. 12 waved. "
        "The Northfield and Coastal Administration said so. Hall of Fame coach Ben Ruddle won."
    )
    assert found.get("K Orrin Hall") == "person"
    assert found.get("U.S. Salmon and Wetland Service") == "organisation"
    assert "Wetland Service" not in found
    assert "Senate Rivers" not in found
    assert found.get("Gulf of Tressa") == "place"
    assert "Bidder No" not in found
    assert found.get("Northfield and Coastal Administration") == "organisation"
    assert "Hall of Fame" not in found
    assert "U S Guild" not in _entities("Mira T. Olsen of the U. S. Guild said so.")


def test_short_forms_of_bodies_plural_acronyms_and_cut_hall_names() -> None:
    articles = [
        _article(
            "a",
            "One",
            "Jo Pell checked into the Mara Lind Center on Monday. The Mara Lind Center said "
            "she was well. Pell was at Mara Lind last year. CEOs of the firms met. "
            "Sometimes Pell would go further. Ben Ruddle is a finalist for the Pro Rugby Hall "
            "of Fame.",
        ),
        _article("b", "Two", "Pell left the Mara Lind Center. Pell said she was fine."),
    ]
    found = {e.name: e for e in find_entities(StoryDoc.from_articles(articles))}
    assert found["Mara Lind Center"].label == "organisation"
    assert "Mara Lind" in found["Mara Lind Center"].aliases
    assert "CEOs" not in found
    assert "Sometimes Pell" not in found
    assert "Pro Rugby Hall" not in found


def test_prefixed_names_and_echoed_link_names() -> None:
    found = _entities(
        "Ola Brantby, a then-National Harbour Council official, testified. "
        "It was wrong,” Rep. Nat Berrow Nathaniel (Nat) Ames BerrowHouse to vote on bill. "
        "Berrow said so."
    )
    assert found.get("National Harbour Council") == "organisation"
    assert "Harbour Council" not in found
    assert "Nat Berrow Nathaniel" not in found
    assert found.get("Nat Berrow") == "person"


def test_an_initial_deep_in_page_clutter_makes_no_person() -> None:
    found = _entities("Fires burned. Next Getty Images Jo B. Pell took the photo. Pell said so.")
    assert "Next Getty Images Jo B Pell" not in found
    assert "Getty Images Jo B Pell" not in found


def test_accent_and_middle_initial_variants_are_one_person() -> None:
    arts = [
        _article(
            "a", "Gazette", "Zoë Ćurić met Ada Q. Lind in Hanoi. Ćurić said the talks went well."
        ),
        _article("b", "Herald", "Zoe Curic spoke on Monday, said Ada Lind. Zoë Ćurić left later."),
    ]
    found = {e.name: e for e in find_entities(StoryDoc.from_articles(arts))}
    assert "Zoe Curic" not in found
    assert "Ada Q. Lind" not in found
    assert found["Zoë Ćurić"].label == "person"
    assert "Zoe Curic" in found["Zoë Ćurić"].aliases
    assert found["Ada Lind"].label == "person"
    assert any(alias.startswith("Ada Q") for alias in found["Ada Lind"].aliases)


def test_spelling_variants_keep_distinct_initials_apart() -> None:
    from collections import Counter

    from newsweave.brief.name_forms import spelling_variants

    forms = ["Ada Q. Lind", "Ada R. Lind", "Ada Lind", "Ben T Moss", "Rene Varo", "René Varo"]
    mentions = Counter({"René Varo": 1, "Rene Varo": 1, "Ada Lind": 2})
    assert spelling_variants(forms, mentions) == {"Rene Varo": "René Varo"}
    assert spelling_variants(["Ben T Moss", "Ben Moss"], Counter()) == {"Ben T Moss": "Ben Moss"}


def test_a_name_mostly_written_in_capitals_keeps_them_and_is_no_person() -> None:
    arts = [
        _article(
            "a",
            "Gazette",
            "ZORP fighters held the town. Officials said ZORP had lost ground. "
            "ZORP denied it. A ZORP statement followed.",
        ),
        _article("b", "Herald", "Residents said Zorp would return. ZORP left on Monday."),
    ]
    options = EntityOptions(include_other=True)
    found = {e.name: e for e in find_entities(StoryDoc.from_articles(arts), options=options)}
    assert "Zorp" not in found
    assert found["ZORP"].label != "person"
    assert "Zorp" in found["ZORP"].aliases


def test_a_title_between_a_body_and_a_person_is_cut_off() -> None:
    arts = [
        _article(
            "a",
            "Gazette",
            "Green Lakes Fund Executive Director Tomas Brel said the plan was bad. "
            "The Northvale Police Assistant Commissioner, Dana Koss, said on Monday it was over.",
        ),
        _article("b", "Herald", "Brel said the fund would sue. Officers were ready."),
    ]
    options = EntityOptions(include_other=True)
    found = {e.name: e.label for e in find_entities(StoryDoc.from_articles(arts), options=options)}
    assert found["Tomas Brel"] == "person"
    assert found["Green Lakes Fund"] == "organisation"
    assert found["Northvale Police"] == "organisation"
    assert found["Dana Koss"] == "person"
    assert not any("Director" in name or "Commissioner" in name for name in found)


def test_a_language_adjective_alone_is_no_organisation() -> None:
    arts = [
        _article(
            "a",
            "Gazette",
            "Cornish fishermen blocked the port. Cornish officials said talks failed. "
            "The Cornish government in Truro declared a holiday on Monday.",
        ),
        _article("b", "Herald", "Cornish boats stayed out. Ann Vell said the Cornish had a case."),
    ]
    options = EntityOptions(include_other=True)
    found = {e.name: e.label for e in find_entities(StoryDoc.from_articles(arts), options=options)}
    assert found.get("Cornish") in (None, "other")
    assert found["Ann Vell"] == "person"


def test_a_firm_of_brothers_or_partners_is_no_place() -> None:
    arts = [
        _article(
            "a",
            "Gazette",
            "Ann Vell worked at Marlow Brothers before the crash. She later ran Fenn Partners.",
        ),
        _article("b", "Herald", "Ann Vell said she left Marlow Brothers in 2008."),
    ]
    found = {e.name: e.label for e in find_entities(StoryDoc.from_articles(arts))}
    assert found["Marlow Brothers"] == "organisation"
    assert found.get("Fenn Partners", "organisation") == "organisation"


def test_a_name_mostly_written_with_the_is_no_person() -> None:
    arts = [
        _article(
            "a",
            "Gazette",
            "Talks on the Arden Bond resumed. Details of the Arden Bond announced Monday "
            "were scarce. Critics rejected the Arden Bond.",
        ),
        _article("b", "Herald", "Ann Vell said the Arden Bond would pass."),
    ]
    options = EntityOptions(include_other=True)
    found = {e.name: e.label for e in find_entities(StoryDoc.from_articles(arts), options=options)}
    assert found["Arden Bond"] != "person"
    assert found["Ann Vell"] == "person"


def _found(*bodies: str) -> dict[str, str]:
    arts = [_article(str(n), f"Outlet {n}", body) for n, body in enumerate(bodies)]
    options = EntityOptions(include_other=True)
    return {e.name: e.label for e in find_entities(StoryDoc.from_articles(arts), options=options)}


def test_a_body_opened_by_a_place_stays_one_name() -> None:
    found = _found(
        "Ena Pell was stopped on a road near Dunmore, the Ohio Road Patrol said. "
        "The glass and the foundry were old.",
        "Workers at Portugal Glass Foundry went home. Ivo Marsh said the Ohio Road Patrol erred.",
    )
    assert found["Ohio Road Patrol"] == "organisation"
    assert "Road Patrol" not in found
    assert found.get("Glass Foundry") is None
    assert found.get("Portugal Glass Foundry") != "person"


def test_the_x_y_said_is_a_body_and_a_member_of_a_party_no_one() -> None:
    found = _found(
        "The Harbour Daily said the plan failed. It was bad, said Ivo Marsh, Ohio Republican.",
        "The Ohio Republican said on Monday that it was over. Senior officials said so too.",
    )
    assert found.get("Harbour Daily") != "person"
    assert found.get("Ohio Republican") in (None, "other")
    assert found["Ivo Marsh"] == "person"
    assert "Senior" not in found


def test_a_portfolio_between_a_body_and_a_title_is_cut_off() -> None:
    found = _found(
        "White House Press Secretary Ivo Marsh said the bill would fail. "
        "U.S. District Judge Ena Pell set a date.",
        "Velotek Corp Communications Director Dara Finch said the firm agreed.",
    )
    assert found["Ivo Marsh"] == "person"
    assert found["White House"] == "organisation"
    assert found["Ena Pell"] == "person"
    assert found["Dara Finch"] == "person"
    assert found["Velotek Corp"] == "organisation"
    assert not any(w in name for name in found for w in ("Press", "District", "Communications"))


def test_a_listed_company_or_a_firm_is_no_person_whatever_it_says() -> None:
    found = _found(
        "Velotek (NASDAQ: VLTK) said the flaw was fixed. Velotek says more patches come.",
        "Researchers at the security firm Brant Kessel found the flaw, according to Brant "
        "Kessel. Velotek said users were safe, according to Brant Kessel.",
    )
    assert found["Velotek"] == "organisation"
    assert found["Brant Kessel"] == "organisation"
    credit = _found(
        "Ena Pell (AFP) took the photo. Ena Pell said the crowd was calm.",
        "Ena Pell said she left.",
    )
    assert credit["Ena Pell"] == "person"  # an agency in a photo credit is no ticker


def test_a_name_after_and_with_its_own_article_is_a_second_name() -> None:
    found = _found(
        "Ena Pell and The Harbour Press contributed to this report.",
        "The Harbour Press said Ena Pell wrote it.",
    )
    assert found["Ena Pell"] == "person"
    assert not any(" and " in name for name in found)


def test_an_appositive_after_a_possessive_says_nothing_and_its_head_noun_wins() -> None:
    found = _found(
        "Ena Pell, the state's housing official, said the block would be razed.",
        "Ivo Marsh, a state senator, said he would fight it.",
    )
    assert found.get("Ena Pell") != "place"
    assert found["Ivo Marsh"] == "person"


def test_an_opening_word_glued_to_a_surname_is_no_first_name() -> None:
    arts = [
        _article(
            "a",
            "Gazette",
            "Former governor Ivo Marsh said he would run. Voters like Ivo Marsh.\n\n"
            "6. Highlight Marsh's record in office: it is long.\n\n"
            "5. Relax: Longtime Marsh supporters say he is calm.",
        ),
        _article("b", "Herald", "Ena Pell, 45, was arrested on Monday. Police said Pell was ill."),
    ]
    options = EntityOptions(include_other=True)
    found = {e.name: e for e in find_entities(StoryDoc.from_articles(arts), options=options)}
    assert "Highlight Marsh" not in found
    assert "Longtime Marsh" not in found
    assert found["Ivo Marsh"].label == "person"
    assert sum(found["Ivo Marsh"].mentions_by_outlet.values()) == 4
    assert found["Ena Pell"].label == "person"  # a lone full name opening a sentence stays


def test_a_street_named_by_a_title_word_keeps_it() -> None:
    found = _found(
        "An officer stopped Ena Pell near Home Avenue, the Ohio Road Patrol said.",
        "The White House Press Secretary attacking the plan was a surprise, Ivo Marsh said.",
    )
    assert found["Home Avenue"] == "place"
    assert "Avenue" not in found
    assert found["White House"] == "organisation"
    assert "White House Press" not in found


def test_titles_with_endings_abbreviations_and_arabic_articles() -> None:
    found = _found(
        "Prime Minister-designate Omar al-Rashidi met envoys. According to Rear Adm. "
        "Jon Kell, the navy spokesman, ships left. Dunmore Police Chief Ivo Marsh said so.",
        "Rashidi said he would form a cabinet. Omar al-Rashidi thanked them.",
    )
    assert found["Omar al-Rashidi"] == "person"
    assert "Rashidi" not in found  # folded into the full name
    assert found["Jon Kell"] == "person"
    assert found["Ivo Marsh"] == "person"
    assert not any(w in name for name in found for w in ("designate", "Adm", "Chief"))


def test_a_state_of_name_keeps_its_head_and_two_names_joined_by_and_part() -> None:
    found = _found(
        "Members of the State of Renewal bloc met. Ena Pell said the State of Renewal won.",
        "Ivo Marsh and Harbour Post reported the vote. Ivo Marsh said it was close. "
        "The Harbour Post said so too.",
    )
    assert "of Renewal" not in found
    assert found["Ivo Marsh"] == "person"
    assert not any(" and " in name for name in found)


def test_openers_after_a_label_or_a_quotation_mark_and_hyphenated_groups() -> None:
    found = _found(
        "The rebel leader Ivo Marsh said he would fight. Marsh said so on Monday.",
        'JUST WATCHED Does Marsh want war? Some banners urged men to "Join Marsh\'s Army". '
        "African-American voters and Irish-American groups were split.",
    )
    assert "Does Marsh" not in found
    assert "Join Marsh" not in found
    assert "African-American" not in found
    assert "Irish-American" not in found


def test_a_town_named_far_more_often_than_its_police_stays_a_place() -> None:
    found = _found(
        "Protesters marched in Dunmore on Monday. Shops in Dunmore closed.",
        "Dunmore Police said the march was calm. Crowds returned to Dunmore and to Dunmore.",
    )
    assert found["Dunmore"] == "place"
    assert found["Dunmore Police"] == "organisation"


def test_a_name_after_a_person_noun_keeps_a_first_name_that_is_a_place() -> None:
    found = _found(
        "Her lawyer, Georgia Anne Vell, released a statement. Vell said the case was weak.",
        "Vell, the lawyer, said so again.",
    )
    assert found["Georgia Anne Vell"] in ("person", "other")  # one name, never cut
    assert "Georgia" not in found
    assert "Anne Vell" not in found


def test_a_surname_spelt_one_letter_apart_is_the_same_person() -> None:
    found = _found(
        "President Tomas Brennan named a new premier. Tomas Brennan spoke on Monday.",
        "Tomas Brennan said the choice was final. Tomas Brenan said so again.",
    )
    assert found["Tomas Brennan"] == "person"
    assert "Tomas Brenan" not in found


def test_the_people_of_a_place_are_no_person() -> None:
    found = _found(
        "Ena Pell said Texans were tired of it. Iowans said so too, Ena Pell said.",
        "Floridians voted on Monday. Texans said the vote was fair.",
    )
    assert found["Ena Pell"] == "person"
    assert not {"Texans", "Iowans", "Floridians"} & set(found)


def test_a_name_glued_to_a_common_noun_is_no_name() -> None:
    found = _found(
        "The Twitter-world erupted, Ena Pell said. Ena Pell said the Kremlin-speak was old.",
        "Ena Pell, 40, said the Minister-elect Ivo Marsh would speak.",
    )
    assert "Twitter-world" not in found
    assert "Kremlin-speak" not in found
    assert found["Ivo Marsh"] == "person"


def test_a_portfolio_after_title_for_is_cut_off_the_name() -> None:
    found = _found(
        '"Trade helps," said Velotek Senior Vice President for Government Relations Ivo '
        "Marsh. Marsh said so.",
        "The Director of Police Records Ena Pell spoke. The Governor of Ohio Dara Finch said so.",
    )
    assert found["Ivo Marsh"] == "person"
    assert found["Ena Pell"] == "person"
    assert found["Dara Finch"] == "person"
    assert found["Ohio"] == "place"
    assert not any("Relations" in name or "Records" in name for name in found)


def test_a_possessive_before_a_sentence_end_is_no_part_of_the_name() -> None:
    found = _found(
        "Ena Pell said the harbour is bigger than Norway’s.” She said so.",
        "Ena Pell, 40, spoke in Norway on Monday. Ena Pell said it again.",
    )
    assert "Norway’s" not in found
    assert found["Norway"] == "place"


def test_a_page_or_account_after_an_adjective_cue_is_no_person() -> None:
    found = _found(
        "Ivo Marsh wrote on his official Velobook page that he left. Ivo Marsh said so.",
        "Ivo Marsh said in a post on his official Chirpa account that he had left.",
    )
    assert found["Ivo Marsh"] == "person"
    assert found.get("Velobook") != "person"
    assert found.get("Chirpa") != "person"


def test_a_person_noun_opening_a_sentence_is_no_part_of_the_name() -> None:
    found = _found(
        "Economist Dara Finch said the vote was rigged. The vote was on Monday.",
        "Critics disagreed. Economists in the town said so too.",
    )
    assert "Economist Dara Finch" not in found
    assert found["Dara Finch"] == "person"


def test_a_bigger_rival_is_no_person() -> None:
    found = _found(
        "Velotek made a bid for Brenner Kolb, a bigger rival owned by Ivo Marsh. Ivo Marsh"
        " said so.",
        "The offer was rejected, Ivo Marsh said.",
    )
    assert found.get("Brenner Kolb") != "person"


def test_analysts_at_a_name_make_a_body_not_a_place() -> None:
    found = _found(
        "Economists at Brenner Kolb expect a slump, Ena Pell said on Friday.",
        "Ena Pell, 40, agreed with the note.",
    )
    assert found.get("Brenner Kolb") == "organisation"


def test_a_place_and_a_common_noun_or_a_numbered_piece_is_no_place() -> None:
    found = _found(
        "Gallery: Floods in Norway Floods in Norway – the floods went on. Ena Pell said so.",
        "The fire near Harbour School 12 in Dunmore shocked the town, Ena Pell said.",
    )
    assert found.get("Norway Floods") in (None, "other")
    assert found.get("Harbour School") in (None, "other")
    assert found["Dunmore"] == "place"


def test_r21_kinds_publication_birth_name_law_part_and_listed_companies() -> None:
    found = _found(
        "Writing in an essay in Harbourview, Ena Pell said the plan would fail. She was born"
        " Tomas Jerome Hall and took another name. Regulators could use Title IV of the Act.",
        "Providers such as Velotek and Brennkom oppose it. Brennkom said the rules were"
        " wrong, and Velotek said so too. Observers said the vote was close. Carriers like"
        " Brennkom and Velotek will appeal.",
    )
    assert found.get("Harbourview") == "organisation"
    assert found.get("Tomas Jerome Hall") == "person"
    assert "Title IV" not in found
    assert found.get("Brennkom") == "organisation"
    assert found.get("Velotek") == "organisation"
    assert "Observers" not in found


def test_a_demonym_before_a_body_of_x_stays_in_the_name() -> None:
    found = _found(
        "The French Academy of Harbour Arts said the prize was fair, Ena Pell said.",
        "Farmers met in Dunmore. The farmers' Daily said so, and the Farmers' Daily agreed.",
    )
    assert "Academy of Harbour Arts" not in found
    assert found.get("Daily") in (None, "other")


def test_the_half_of_a_double_surname_is_not_merged_into_another_person() -> None:
    found = _found(
        "Ivo Brennan-Marsh, 32, opened fire on Monday. Marsh had a record, police said.",
        "His mother, Ena Marsh, said she was sorry. Ena Marsh, 60, lives in Dunmore. Marsh"
        " was troubled, Ena Marsh said.",
    )
    assert found["Ivo Brennan-Marsh"] == "person"
    assert found["Ena Marsh"] == "person"
    entities = find_entities(
        StoryDoc.from_articles(
            [
                _article("a", "One", "Ena Marsh said her son Ivo Brennan-Marsh was troubled."),
                _article("b", "Two", "Marsh had a record. Ena Marsh, 60, spoke on Monday."),
            ]
        )
    )
    ena = next(e for e in entities if e.name == "Ena Marsh")
    assert "Marsh" not in ena.aliases


def test_an_acronym_and_the_article_form_join_the_long_name() -> None:
    entities = find_entities(
        StoryDoc.from_articles(
            [
                _article("a", "One", "The National Harbour Council said the port was shut."),
                _article("b", "Two", "The NHC said so on Monday, Ena Pell said. Ena Pell, 40,"),
                _article("c", "Three", "National Harbour Council officials met. NHC staff left."),
            ]
        )
    )
    council = next(e for e in entities if e.name == "National Harbour Council")
    assert council.label == "organisation"
    assert "NHC" in council.aliases
    assert not any(e.name in ("NHC", "The National Harbour Council") for e in entities)


def test_a_person_noun_before_a_name_makes_a_person() -> None:
    """Main people and quoted speakers with no title or "X said" (n22: r21 read item 9)."""
    found = _entities(
        '"We are tired," said teacher Ada Quill. The money went to his cousin, Tam Roewick. '
        "The gunman killed Brannoch on Monday. The reservist Brannoch was well liked. "
        '"It is over," said Orla Fenwick of the Harbour Trust. '
        "Ilse Marrow, a 19-year-old union organiser, said the march would go on."
    )
    assert found.get("Ada Quill") == "person"
    assert found.get("Tam Roewick") == "person"
    assert found.get("Brannoch") == "person"
    assert found.get("Orla Fenwick") == "person"
    assert found.get("Ilse Marrow") == "person"


def test_vessels_companies_and_adjectives_in_er_are_no_person_cue() -> None:
    found = _found(
        "The tanker Kestrel Dawn was hit near the strait. Shares of chipmaker Velonix fell. "
        "The progressive super PAC Fairness Forward spent millions. "
        "He was charged with misdemeanor DWI in March."
    )
    assert found.get("Kestrel Dawn") != "person"
    assert found.get("Velonix") != "person"
    assert found.get("PAC Fairness Forward") != "person"
    assert found.get("DWI") != "organisation"


def test_a_compass_demonym_before_a_name_is_cut_off() -> None:
    """ "South African X Y" is X Y, so the plain name is not absorbed by the prefixed form."""
    found = _found(
        "A second hostage, South African Pieter Vreede, a teacher, died. "
        "Pieter Vreede was to be freed on Sunday, the charity said. Vreede was 56."
    )
    assert found.get("Pieter Vreede") == "person"
    assert "South African Pieter Vreede" not in found


def test_a_plural_name_with_people_is_a_team() -> None:
    found = _entities(
        "The Harbourers beat the visitors 3-1. Harbourers coach Ada Quill was pleased. "
        "Harbourers fans sang for an hour, and the Harbourers will play again on Sunday."
    )
    assert found.get("Harbourers") == "organisation"


def test_a_country_is_no_surname_of_a_run_opened_by_a_place() -> None:
    """A sign's "Kosovo Serbia" (two places) does not swallow the country's mentions."""
    found = _found(
        'Marchers carried a sign that reads: "Kosovo Serbia." '
        "Opinion in the town is split between Europe and its old ruler Serbia. "
        "Serbia sent envoys, and talks with Serbia stalled."
    )
    assert found.get("Serbia") == "place"
    assert found.get("Kosovo Serbia") != "person"
