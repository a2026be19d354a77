"""Direct quotes: speakers and roles from attributions, verbatim check, no paraphrases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from brief_seeds import seed_articles
from conftest import load_benchmark
from newsweave.brief.doc import StoryDoc
from newsweave.brief.quotes import QuoteOptions, find_quotes, verify_quote
from newsweave.models import Article

BODY = """Mayor Jane Holloway spoke to reporters on Monday.
“We will rebuild every bridge in this city,” she said.

“The water came up faster than anyone expected,” said Tom Reyes, the fire chief of Millbrook.

Anna Kowalski, a spokeswoman for the agency, said: “Nobody was hurt in the second wave.”

According to Peter Lang, “the dam was never designed for this much rain.”

Residents called the plan “too little, too late” on Tuesday.

“He told me ‘stay inside’ and then the lights went out,” Reyes added.

Officials said the damage was extensive and that the town would need months to recover.

"Straight quotes are quotes too," said Maria Chen."""


def _article(body: str = BODY) -> Article:
    return Article(id="a1", key="k1", title=None, body=body, outlet="Gazette")


def test_speakers_and_roles() -> None:
    found = {q.text: q for q in find_quotes(StoryDoc.from_articles([_article()]))}
    assert found["We will rebuild every bridge in this city"].speaker == "Jane Holloway"
    water = found["The water came up faster than anyone expected"]
    assert (water.speaker, water.role) == ("Tom Reyes", "the fire chief of Millbrook")
    nobody = found["Nobody was hurt in the second wave."]
    assert (nobody.speaker, nobody.role) == ("Anna Kowalski", "a spokeswoman for the agency")
    assert found["the dam was never designed for this much rain."].speaker == "Peter Lang"
    assert found["Straight quotes are quotes too"].speaker == "Maria Chen"


def test_nested_quote_kept_whole_and_short_name_resolved() -> None:
    found = {q.text: q for q in find_quotes(StoryDoc.from_articles([_article()]))}
    nested = found["He told me ‘stay inside’ and then the lights went out"]
    # "Reyes" is the fire chief named earlier in the same article.
    assert nested.speaker == "Tom Reyes"
    assert nested.citation is not None
    assert nested.citation.sentence_index == 6
    assert nested.citation.outlet == "Gazette"


def test_unattributed_quotes_and_paraphrases() -> None:
    texts = {q.text for q in find_quotes(StoryDoc.from_articles([_article()]))}
    # A short quoted term without a speaker is not shown as speech ...
    assert "too little, too late" not in texts
    # ... and a paraphrase is never a quote.
    assert not any("damage was extensive" in t for t in texts)
    everything = find_quotes(
        StoryDoc.from_articles([_article()]),
        options=QuoteOptions(include_unattributed=True, unattributed_min_words=1),
    )
    unattributed = [q for q in everything if q.speaker is None]
    assert [q.text for q in unattributed] == ["too little, too late"]


def test_pronoun_without_any_named_person_is_unattributed() -> None:
    body = "The storm passed at night. “It was the worst night of my life,” she said."
    (quote,) = find_quotes(StoryDoc.from_articles([_article(body)]))
    assert (quote.text, quote.speaker) == ("It was the worst night of my life", None)
    hidden = QuoteOptions(include_unattributed=False)
    assert find_quotes(StoryDoc.from_articles([_article(body)]), options=hidden) == ()


def _speakers(body: str) -> dict[str, str | None]:
    found = find_quotes(StoryDoc.from_articles([_article(body)]))
    return {q.text: q.speaker for q in found}


def test_he_said_is_the_subject_not_the_last_name_seen() -> None:
    body = (
        "Maria Lopez, the harbour master, met the crew of the Ocean Star and Captain Ivo Berg.\n"
        "“We checked every container twice before it left,” she said."
    )
    assert _speakers(body) == {"We checked every container twice before it left": "Maria Lopez"}


def test_name_near_a_quote_is_not_its_speaker() -> None:
    body = (
        "Ivo Berg was not at the port on Monday.\n\n"
        "“Nobody told the families anything for six hours,” a relative of one sailor said."
    )
    assert _speakers(body) == {"Nobody told the families anything for six hours": None}


def test_quote_over_line_breaks_and_paragraphs() -> None:
    body = (
        "“The crane failed first.\nThen the second one stopped as well,” said Ivo Berg, the "
        "port's chief engineer.\n\n“We lost power in the whole east terminal.\n\n"
        "“It took us until midnight to bring it back,” Berg added."
    )
    speakers = _speakers(body)
    assert speakers == {
        "The crane failed first.\nThen the second one stopped as well": "Ivo Berg",
        "We lost power in the whole east terminal.": "Ivo Berg",
        "It took us until midnight to bring it back": "Ivo Berg",
    }


def test_quote_standing_alone_continues_the_previous_speaker() -> None:
    body = (
        "“The new wall will hold a storm twice as strong,” said Ann Kerr, the city engineer. "
        "“It is the first one built to that standard in the region.”\n\n"
        "The council approved the money in March.\n\n"
        "Tom Hale, who opposed the plan, disagreed:\n\n"
        "“It costs three times what the old one did and nobody asked us.”"
    )
    assert _speakers(body) == {
        "The new wall will hold a storm twice as strong": "Ann Kerr",
        "It is the first one built to that standard in the region.": "Ann Kerr",
        "It costs three times what the old one did and nobody asked us.": "Tom Hale",
    }


def test_altered_quote_is_rejected() -> None:
    article = _article()
    quote = find_quotes(StoryDoc.from_articles([article]))[0]
    assert verify_quote(quote, article)
    assert verify_quote(replace(quote, text="We will rebuild  every bridge\nin this city"), article)
    assert not verify_quote(replace(quote, text="We will rebuild every road in this city"), article)
    assert not verify_quote(replace(quote, text=""), article)


@pytest.mark.parametrize("article", seed_articles(), ids=lambda a: a.origin[-24:-21])
def test_seed_quotes_are_verbatim_with_named_speakers(article: Article) -> None:
    for quote in find_quotes(StoryDoc.from_articles([article])):
        assert quote.text in article.body
        if quote.speaker is None:
            assert len(quote.text.split()) >= 6, "an unattributed quotation is speech, not a term"
            continue
        assert quote.speaker[0].isupper()
        assert quote.speaker in article.body or quote.speaker.split()[-1] in article.body
        assert quote.article == article.id


def _speaker_of(body: str, start: str) -> str | None:
    quotes = find_quotes(StoryDoc.from_articles([_article(body)]))
    return next(q.speaker for q in quotes if q.text.startswith(start))


def test_attribution_cut_off_after_question_mark() -> None:
    """Issue 17: "“…?” Smith said." read as one sentence though a splitter cuts it at "?”"."""
    body = (
        "The council met on Monday to vote on the new budget.\n\n"
        '"Who will pay for all of these new roads?" Dana Whitfield said on Tuesday. '
        '"Nobody has answered that question yet."'
    )
    assert _speaker_of(body, "Who will pay") == "Dana Whitfield"


def test_name_before_a_chain_of_appositives() -> None:
    """Issue 17: "X, head of Y, who led Z, said": the subject is X, not a name in the roles."""
    body = (
        '"We must change how the league is run," Carla Mendes, chair of the Northern Rowing '
        "Union, who sat on the review panel, said in a statement."
    )
    assert _speaker_of(body, "We must change") == "Carla Mendes"


def test_pronoun_after_an_unnamed_subject_stays_unattributed() -> None:
    """Issue 17: "A lawmaker blamed X, who he said caused “…”": "he" is the lawmaker."""
    body = (
        "Governor Paul Okafor signed the bill on Friday.\n\n"
        "A state lawmaker blamed the new rules on the governor, who he said had caused "
        '"chaos in every county office across the state."'
    )
    assert _speaker_of(body, "chaos in every county") is None


def test_pronoun_refers_to_the_main_clause_not_an_opening_clause() -> None:
    """Issue 17: "While X …, it is a chance for Y" makes Y, not X, the one "he" refers to."""
    body = (
        "While the trip could distract from attacks on Mr. Hale, it is a chance for "
        "Mr. Brandt to look like a statesman.\n\n"
        'He has accused the senator of "selling out the farmers of this state."'
    )
    assert _speaker_of(body, "selling out") == "Brandt"


def test_long_form_without_titles_or_initials() -> None:
    """Issue 17: the long form of a speaker drops titles and an outlet's initials."""
    body = (
        "County Prosecutor Helen Marsh filed the charges on Monday.\n\n"
        '"This was a deliberate act and we will treat it as one," Marsh said.\n\n'
        "In an interview with the ABC Ortega said he was glad.\n\n"
        '"I am grateful to everyone who voted for me," he said.'
    )
    assert _speaker_of(body, "This was a deliberate") == "Helen Marsh"
    assert _speaker_of(body, "I am grateful") == "Ortega"


def test_he_added_after_an_unnamed_indirect_attribution() -> None:
    """Issue 17: "…, a local official told the agency. “…,” he added.": "he" is unnamed."""
    body = (
        "Mayor Ruth Adeyemi visited the shelters on Monday.\n\n"
        "In the hills, about 200 families slept in tents as the tremors went on, a local "
        "official told the agency.\n\n"
        '"We have no water and the road is still closed," he added.'
    )
    assert _speaker_of(body, "We have no water") is None


def test_title_full_stop_does_not_end_the_speaker() -> None:
    """Issue 17: "said Mr. Bloggs, a …" names Mr. Bloggs (the stop after Mr is no sentence end)."""
    body = (
        "Oskar Lind runs the bakery on the corner.\n\n"
        '"We sell out every morning by nine," said Mr. Lind, a 61-year-old from the east side.'
    )
    assert _speaker_of(body, "We sell out") == "Oskar Lind"


def test_quotation_cut_by_a_nested_one_shares_its_attribution() -> None:
    """Issue 17: "“A … “B …,” the report states.": both stretches are the report's."""
    body = (
        "Ministers published their answer on Friday.\n\n"
        "“The plan ignores the cost of the harbour works, which, as the auditors found, "
        "made up “most of the overrun in the first two years,” the ministers' report states."
    )
    assert _speaker_of(body, "The plan ignores") is None
    assert _speaker_of(body, "most of the overrun") is None


def test_has_called_with_the_name_in_apposition() -> None:
    """Issue 17: "The nominee, Senator Jo Bloggs of Ohio, has called it “…”"."""
    body = (
        "The treasury nominee, Senator Maria Quist of Vermont, has called the tax "
        "“the worst idea this chamber has seen in decades.”"
    )
    assert _speaker_of(body, "the worst idea") == "Maria Quist"


def test_seed_quotes_found() -> None:
    quotes = find_quotes(StoryDoc.from_articles(seed_articles()))
    assert quotes, "the seeds hold at least one attributed direct quote"
    # Scare quotes around single terms are not speech.
    assert all(len(q.text.split()) >= 3 for q in quotes)


@pytest.mark.slow
def test_labelled_sample_speaker_accuracy() -> None:
    """The floor on the hand-labelled dev sample (tests/data/quote_speakers.jsonl), tune half.

    The fresh sample's check half scores far lower (see benchmarks/eval_quotes.py and
    the README); the floors pin what the rules reach, so a change that loses speakers
    fails here.
    """
    module = load_benchmark(
        "eval_quotes",
        "ecbplus/ecbplus-dev.jsonl",
        "multinews/multinews-dev.jsonl",
        "allsides/articles.jsonl.gz",
    )
    scores = module.score("rules")
    # The check half was read for error kinds (issue 17), and so were fresh-tune,
    # tune2 and tune3; fresh-check, fresh2 and fresh3 were held out until the d17
    # session, which read their errors too (pooled tuning data).  fresh4 (labelled
    # before that session's changes) was read and tuned on in d17b, fresh5 in q17,
    # fresh6 (held out in q17) in q19; fresh7 was held out in q19.
    # Floors sit about one quotation or less below the score measured on 2026-12-07
    # after the q17 changes (after #).
    assert scores["tune"] >= 0.96  # 1.000
    assert scores["check"] >= 0.95  # 0.968
    assert scores["fresh-tune"] >= 0.96  # 1.000
    # fresh-check 0.889, 0.852 since q21: one quotation was right only through text
    # run together without spaces, now cut apart (left unattributed).
    assert scores["fresh-check"] >= 0.85
    assert scores["fresh2"] >= 0.91  # 0.936
    assert scores["tune2"] >= 0.96  # 1.000
    assert scores["tune3"] >= 0.95  # 0.969
    assert scores["fresh3"] >= 0.92  # 0.940
    # fresh4: held out in d17 (0.690 before, 0.741 after), tuned on in d17b (0.862),
    # 0.914 after q19, 0.931 after q20.
    assert scores["fresh4"] >= 0.91
    # fresh5: held out in d17b (0.684 before and after), tuned on in q17 (0.842), 0.921
    # after q19.
    assert scores["fresh5"] >= 0.89
    # fresh6: held out in q17, measured once at its end (0.711 before, 0.737 after);
    # tuned on in q19 (0.947).
    assert scores["fresh6"] >= 0.92
    # fresh7: held out in q19, measured once at its end (0.788 before and after); then
    # two of its error kinds fixed (0.848), and its first-name forms in q20 (0.909).
    assert scores["fresh7"] >= 0.87
    # fresh8: held out in q20, measured once before any change (0.767, precision 0.875);
    # tuned on in q20 (0.930, precision 1.000).
    assert scores["fresh8"] >= 0.90
    # fresh9: held out in q21, measured once before any change (rules 0.818, precision
    # 0.964; spaCy parse 0.864); tuned on in q21 (0.955, precision 1.000).
    assert scores["fresh9"] >= 0.93
    # fresh10: held out in q22, measured once before any change (rules and spaCy parse
    # 0.810, precision 0.967); tuned on in q22 (0.929, precision 1.000).
    assert scores["fresh10"] >= 0.90


def _all_speakers(body: str) -> dict[str, str | None]:
    options = QuoteOptions(min_words=1, unattributed_min_words=1)
    found = find_quotes(StoryDoc.from_articles([_article(body)]), options=options)
    return {q.text: q.speaker for q in found}


@pytest.mark.parametrize(
    "body",
    [
        "“He is finished,” one Republican close to the White House said on Tuesday.",
        "“He is finished,” a spokesman for the Harbour Authority said.",
        "A legal scholar said of President Harlan Moss, “He has no authority to do this.”",
    ],
)
def test_name_after_a_preposition_is_not_the_speaker(body: str) -> None:
    assert list(_all_speakers(body).values()) == [None]


def test_pronoun_after_two_people_in_its_sentence_is_unattributed() -> None:
    # "he" may be either man: a precision-first reader gives no one.
    body = (
        "Officer Derek Stanton knelt on Marcus Dale's back for nine minutes while he said "
        "“I can't breathe” again and again."
    )
    assert _all_speakers(body) == {"I can't breathe": None}
    # The one named as the one who said them is the speaker.
    body = "Officer Derek Stanton knelt on Marcus Dale's back as Dale said, “I can't breathe.”"
    assert _all_speakers(body) == {"I can't breathe.": "Marcus Dale"}


def test_platform_before_a_colon_is_not_the_speaker() -> None:
    body = "He posted a long message on Twitter:\n“We will win this fight.”"
    assert _all_speakers(body) == {"We will win this fight.": None}
    body = "In a statement, Senator Lena Park wrote:\n“We will win this fight.”"
    assert _all_speakers(body) == {"We will win this fight.": "Lena Park"}


def test_later_pronoun_after_an_occupation_and_name() -> None:
    body = "Legal scholar Ruth Ivers said she would appeal because “the order is void.”"
    assert _all_speakers(body) == {"the order is void.": "Ruth Ivers"}


def test_parse_never_takes_an_object_before_the_participle_for_the_speaker() -> None:
    from newsweave.brief.quote_parse import speaker_parser

    if speaker_parser() is None:
        pytest.skip("spaCy's English pipeline is not installed")
    body = (
        "Lawmakers called for action.\n\n"
        "Rep. Donald Hale (VA), a self described “Progressive Democrat,” strongly condemned "
        "Republicans, tweeting that “Blood is on their hands”:"
    )
    options = QuoteOptions(min_words=1, unattributed_min_words=1, parser="spacy")
    found = find_quotes(StoryDoc.from_articles([_article(body)]), options=options)
    assert {q.text: q.speaker for q in found}["Blood is on their hands"] == "Donald Hale"


def test_parse_takes_the_reporting_verb_right_before_the_quotation() -> None:
    from newsweave.brief.quote_parse import speaker_parser

    if speaker_parser() is None:
        pytest.skip("spaCy's English pipeline is not installed")
    body = (
        "Later, Tom Reyes stated that he opposed the new rule changes with a spokesman "
        "stating: “We will fight to keep the old rules in place.”"
    )
    options = QuoteOptions(min_words=1, unattributed_min_words=1, parser="spacy")
    found = find_quotes(StoryDoc.from_articles([_article(body)]), options=options)
    assert [q.speaker for q in found] == [None]


def test_parse_takes_the_subject_nearest_the_reporting_verb() -> None:
    from newsweave.brief.quote_parse import speaker_parser

    if speaker_parser() is None:
        pytest.skip("spaCy's English pipeline is not installed")
    body = "President Harlan Moss, legal scholars say, “has no authority” to act."
    options = QuoteOptions(min_words=1, unattributed_min_words=1, parser="spacy")
    found = find_quotes(StoryDoc.from_articles([_article(body)]), options=options)
    assert [q.speaker for q in found] == [None]


def _by_first_word(body: str) -> dict[str, str | None]:
    options = QuoteOptions(min_words=1, unattributed_min_words=1)
    found = find_quotes(StoryDoc.from_articles([_article(body)]), options=options)
    return {q.text.split()[0].strip(",“”\"'"): q.speaker for q in found}


def test_he_said_takes_the_subject_not_a_name_in_the_object() -> None:
    """Issue 17: "he said" goes to the person the earlier sentences make the subject."""
    body = (
        "Oliver Grant had been the favourite for the part for months.\n"
        "The studio referred to the search as project Falcon, with only ten people "
        "knowing Grant had been chosen.\n"
        "“Nobody could know, not even my family,” he said.\n\n"
        "Priya Nand criticised the budget on Monday.\n"
        "Instead she said the plan was a “waste of the last three years in every ministry.”"
    )
    speakers = _by_first_word(body)
    # Two names stand in the sentence before and its subject is no person: unsure.
    assert speakers["Nobody"] in (None, "Oliver Grant")
    # "Instead she": the pronoun is the subject, after an opening word.
    assert speakers["waste"] == "Priya Nand"


def test_subject_after_an_opening_phrase_and_a_coordinated_verb() -> None:
    body = (
        "Speaking to the host Dana Moore, Ellis Hart began the coverage by declaring "
        "that “the mood is bleak” across the country.\n\n"
        "Ruth Ames scolded both parties over spending and declared "
        "“a plague on every one of their houses.”"
    )
    speakers = _by_first_word(body)
    assert speakers["the"] == "Ellis Hart"
    assert speakers["a"] == "Ruth Ames"


def test_asides_post_modifiers_months_and_trailing_according_to() -> None:
    body = (
        "“The district is now ours to lose,” party chair Rep. Luis Ortega (D-N.M.) told "
        "reporters.\n\n"
        "“Most of them have broken bones,” Doctor Amir Sadeh of the unit told the agency "
        "by phone.\n\n"
        "“I will leave the job with gratitude,” May said.\n\n"
        "“Our map” helps them, and gives them “a little bit of a push” in the suburbs, "
        "according to Edith Wynn, the executive director of the committee."
    )
    speakers = _by_first_word(body)
    assert speakers["The"] == "Luis Ortega"
    assert speakers["Most"] == "Amir Sadeh"
    assert speakers["I"] == "May"
    assert speakers["Our"] == "Edith Wynn"
    assert speakers["a"] == "Edith Wynn"


def test_reported_words_reach_the_writer_through_the_outer_speaker() -> None:
    body = (
        "Campaign spokesman Carl Benn said that Rivera told a pastor she was sorry for "
        "the “undeserved attention the church has received this year.”\n\n"
        "Later, Tom Reyes stated that he opposed the new rule with a spokesman stating: "
        "“We will fight to keep the old rules in place.”"
    )
    speakers = _by_first_word(body)
    assert speakers["undeserved"] == "Carl Benn"
    # The verb right before the quotation is its own: an unnamed spokesman.
    assert speakers["We"] is None


def test_block_quotations_take_their_credit_line() -> None:
    body = (
        "From the left\n\n"
        "“The time is right for this discussion. A full debate is needed.” — Editorial, "
        "The Riverside Courier\n\n"
        "“If the votes were there, it would be a different question. The party would "
        "still pay for it…\n\n\n\n"
        "“I do not know why the leader did not say so directly. It is a waste of time.”\n\n"
        "Jonah Pike, The Weekly Review\n\n"
        "“There is no need to decide now, and both sides know it.”\n\n"
        "Anne Lee and Bo Park, The Daily Record"
    )
    speakers = _by_first_word(body)
    assert speakers["The"] == "Riverside Courier"
    assert speakers["I"] == "Jonah Pike"
    # The paragraph left open goes on in the next one: the same credit.
    assert speakers["If"] == "Jonah Pike"
    # Two authors are no one speaker.
    assert speakers["There"] is None


def test_colon_tail_adverbs_credit_roles_and_trailing_attribution() -> None:
    body = (
        "In her speech, Vera Lind said the old rules were unfair and built a "
        "“broken system.” She added: “We will write better ones this year.”\n\n"
        "As Hugo Brant rightly wrote in his column, “The whole plan is a mirage.”\n\n"
        "The agency has seen the attack on three sites, Rhea Stone said.\n"
        "“Its volume of these attacks is really high.”"
    )
    speakers = _by_first_word(body)
    assert speakers["Its"] == "Rhea Stone"
    assert speakers["broken"] == "Vera Lind"
    assert speakers["We"] == "Vera Lind"
    assert speakers["The"] == "Hugo Brant"
    assert speakers["The"] == "Hugo Brant"


def test_name_ending_a_list_or_a_longer_name_is_not_the_speaker() -> None:
    body = (
        "Ferries resumed on Monday, but an inspector with the Board of Harbour Works "
        "and Safety warned that the quay “is still not fit for heavy loads.”"
    )
    assert _all_speakers(body) == {"is still not fit for heavy loads.": None}
    body = "“We will fight this ruling,” Jo Bloggs and Ned Marsh said."
    assert _all_speakers(body) == {"We will fight this ruling": None}


def test_list_inside_an_appositive_does_not_give_the_speaker() -> None:
    body = (
        "Councillor Dana Wirth, chair of the Committee on Roads, Rail and Ports, and "
        "Housing, said in a letter that the plan was “a gift to nobody.”\n\n"
        "“The ferry users will pay for all of it,” she said."
    )
    assert _all_speakers(body) == {
        "a gift to nobody.": "Dana Wirth",
        "The ferry users will pay for all of it": "Dana Wirth",
    }


def test_page_chrome_between_a_quote_and_its_continuation() -> None:
    body = (
        "“The orchards will need a month to recover,” said Lena Morrow, director of the "
        "growers' board.\n\n"
        "ADVERTISEMENT\n\n"
        "“Some of the older trees may never bear fruit again.”"
    )
    speakers = _all_speakers(body)
    assert speakers["Some of the older trees may never bear fruit again."] == "Lena Morrow"


def test_group_words_and_addressees_are_not_speakers() -> None:
    body = (
        "The barn burned for six hours.\n"
        "Officials described the blaze as “deliberate and carefully planned.”"
    )
    assert _all_speakers(body) == {"deliberate and carefully planned.": None}
    body = (
        "Months later, Ostrow won the county by telling farmers, "
        "“The water will come back to this valley.”"
    )
    assert _all_speakers(body) == {"The water will come back to this valley.": "Ostrow"}


def test_a_title_in_quotation_marks_is_no_quote() -> None:
    body = "The host asked whether the audience backed the “Roads for Every Town” plan."
    assert _all_speakers(body) == {}


def test_role_then_name_in_apposition() -> None:
    body = "Harvests are “rising faster than in any decade,” according to farm fellow, Ivo Brandt."
    assert _all_speakers(body) == {"rising faster than in any decade": "Ivo Brandt"}
    body = "“We will appeal the ruling today,” said a spokesman, Jo Bloggs."
    assert _all_speakers(body) == {"We will appeal the ruling today": "Jo Bloggs"}


def test_structures_that_name_the_speaker() -> None:
    # "with X saying", "as X argues", "she went on to say",
    # "X, a vet, told the paper. … added the vet"
    body = (
        "The cause of the outage was unclear, with spokeswoman Mira Olsen saying the "
        "company had “no firm view on the fault.”"
    )
    assert _all_speakers(body) == {"no firm view on the fault.": "Mira Olsen"}
    body = "If “rivers remember every dam,” as Tobin argues, then the valley will flood again."
    assert _all_speakers(body) == {"rivers remember every dam": "Tobin"}
    body = (
        "The coach, Ada Smith, said that “we will look at the tapes.”\n"
        "She went on to say, “the club has always trusted its young players.”"
    )
    assert set(_all_speakers(body).values()) == {"Ada Smith"}
    body = (
        "Three horses were lost, Pia Lund, a vet at the stables in the valley, "
        "told the paper.\n“We have treated about twenty animals for smoke,” added the vet."
    )
    assert _all_speakers(body) == {"We have treated about twenty animals for smoke": "Pia Lund"}


def test_relative_pronoun_takes_its_antecedent() -> None:
    body = (
        "Bolten also backs the account of Gordon Sondrin, the former envoy to the union "
        "who testified that “everyone was in the loop.”"
    )
    assert _all_speakers(body) == {"everyone was in the loop.": "Gordon Sondrin"}
    body = (
        "Bolten backs the account of the former envoy to the union who testified that "
        "“everyone was in the loop.”"
    )
    assert _all_speakers(body) == {"everyone was in the loop.": None}


def test_he_after_a_described_subject_is_unattributed() -> None:
    body = (
        "“He never learned the file,” Bolten said.\n\n"
        "The president has answered the book with a volley of insults. On the radio, he "
        "called Bolten “a washed-up man who never learned a thing.”"
    )
    speakers = _all_speakers(body)
    assert speakers["He never learned the file"] == "Bolten"
    assert speakers["a washed-up man who never learned a thing."] is None


def test_a_new_sentence_after_a_full_stop_is_no_attribution() -> None:
    body = (
        "“We must move fast,” Mira Olsen said.\n\n"
        "The mayors are wary and Tobin declared the plan a list of “pet projects.” "
        "He said on Monday it is not something that “deals with what towns need.”"
    )
    speakers = _all_speakers(body)
    assert speakers["deals with what towns need."] == "Tobin"


def test_group_subject_is_no_she() -> None:
    body = (
        "Farmers objected to both of the early drafts.\n\n"
        "“It is no leadership when one side writes the whole bill,” she said."
    )
    assert _all_speakers(body) == {"It is no leadership when one side writes the whole bill": None}


def test_region_after_a_place_is_no_speaker() -> None:
    body = "“We urge them to correct this at once,” the embassy in Springfield, IL, said."
    assert _all_speakers(body) == {"We urge them to correct this at once": None}


def test_picture_label_between_quotes_is_skipped() -> None:
    body = (
        "“What will you do about the rail fares?” Tobin asked.\n\n"
        "Gallery (7 photos)\n\n"
        "“What will you do about the bus fares in the north?”"
    )
    assert set(_all_speakers(body).values()) == {"Tobin"}


def test_speaker_in_a_short_form_takes_the_longest_form() -> None:
    """Issue 17 (d17b): a first name or a broadcaster's first word is given in full."""
    body = (
        "Police chief Amina Rahal Osei spoke on Monday.\n\n"
        "“We are still looking into it,” Amina said.\n\n"
        "The Harbor News channel reported it first.\n\n"
        "“Nothing was left of the pier,” Harbor said in a statement.\n\n"
    )
    speakers = _speakers(body)
    assert speakers["We are still looking into it"] == "Amina Rahal Osei"
    assert speakers["Nothing was left of the pier"] == "Harbor News"
    # The word also opens a name of something else: no guess.
    speakers = _speakers(body + "The Harbor Tower is closed.\n")
    assert speakers["Nothing was left of the pier"] == "Harbor"


def test_possessor_before_the_speakers_is_not_the_speaker() -> None:
    """Issue 17 (d17b): "X's lawyers responded:" never gives X."""
    body = (
        "Dana Whitlock was sued on Friday.\n\n"
        "Whitlock’s lawyers responded on Monday with a statement:\n\n"
        "“Dana Whitlock denies every one of these false claims.”\n"
    )
    assert _speaker_of(body, "Dana Whitlock denies") is None


def test_asked_then_pronoun_replied_takes_the_earlier_subject() -> None:
    """Issue 17 (d17b): "Asked if …, he replied:" is the person "he" refers to."""
    body = (
        "Ravi Coleman spoke to reporters on Monday, when he noted the date.\n"
        "Asked if that worried him, he replied:\n"
        '"Do you think a runner stops a mile before the finish?"\n'
    )
    assert _speaker_of(body, "Do you think a runner") == "Ravi Coleman"


def test_title_before_a_line_break_keeps_the_name() -> None:
    """Issue 17 (d17b): "“…,” the Rev.\\nFirst Last said" is that person's."""
    body = (
        "The chapel burned on Friday.\n"
        '" We do not know what started it, " the Rev.\n'
        "Alma Brightwater of the valley chapel said Saturday.\n"
    )
    assert _speaker_of(body, "We do not know what") == "Alma Brightwater"


def test_speech_act_verbs_beyond_said() -> None:
    """Issue 17 (d17b): general speech-act verbs (fumed, retorted) attribute a quote."""
    body = (
        "Councilwoman Tova Lindqvist criticised the visitors.\n"
        "“ Please stay away from our streets, ” Lindqvist fumed on Twitter.\n"
        "“ That is simply wrong, ” retorted Mayor Ben Ashworth.\n"
    )
    speakers = _speakers(body)
    assert speakers["Please stay away from our streets"] == "Tova Lindqvist"
    assert speakers["That is simply wrong"] == "Ben Ashworth"


def test_a_repeated_lead_quote_takes_its_attribution() -> None:
    """Issue 17 (q17): a quote the article opens with and repeats later with its
    speaker is that speaker's."""
    body = (
        "“The river has never carried this much silt in spring.”\n\n"
        "Hydrologists measured the delta for six weeks.\n\n"
        "“The river has never carried this much silt in spring,” Ilse Varga said.\n"
    )
    assert _speakers(body) == {"The river has never carried this much silt in spring": "Ilse Varga"}


def test_reported_clause_without_that_keeps_the_first_speaker() -> None:
    """Issue 17 (q17): "X said the board must stop …, “…”" and "X told reporters Y has
    ordered … to “…”" are X's; a say-word after a determiner ("the state") is a noun."""
    body = (
        "Harbour master Wen Okafor said the state must stop dredging at night, "
        "“and no ferry should sail before the buoys are back.”\n"
    )
    assert _speaker_of(body, "and no ferry should sail") == "Wen Okafor"
    body = (
        "Spokeswoman Hana Lutz told reporters Governor Ben Ashworth has ordered the "
        "depots to “count every sandbag before the weekend” and report back.\n"
    )
    assert _speaker_of(body, "count every sandbag") == "Hana Lutz"


def test_he_said_after_a_named_reporting_clause() -> None:
    """Issue 17 (q17): "X said he wants a recount: “…,” he said." is X's."""
    body = (
        "Green Party leader Ewan Moss said he wants a recount in two wards: "
        "“Every ballot in those wards deserves a second look,” he said.\n"
    )
    assert _speaker_of(body, "Every ballot in those wards") == "Ewan Moss"


def test_a_report_of_an_earlier_clause_is_not_the_quotes() -> None:
    """Issue 17 (q17): "…, the Gazette reported, which led to a letter demanding “…”"
    does not give the newspaper the letter's words."""
    body = (
        "Mayor Tova Lind heard about the bridge closure from a neighbour, the Valley "
        "Gazette reported, which led to a sharp letter demanding that the ministry "
        "“stop treating our bridges as an afterthought.”\n"
    )
    assert _speaker_of(body, "stop treating our bridges") is None


def test_the_senator_is_the_one_senator_named_before() -> None:
    """Issue 17 (q17): "…,” the senator says" is the one person named with that title;
    two holders, or a former one, give no speaker."""
    body = (
        "The ferry cuts hit island towns hardest, says state Sen. Mara Quill.\n"
        "The senator grew up on one of the islands.\n"
        "“Nobody plans a week around a boat that might not come,” the senator says.\n"
    )
    assert _speaker_of(body, "Nobody plans a week") == "Mara Quill"
    two = body.replace(
        "on one of the islands.", "on one of the islands, as Sen. Olin Baptiste did."
    )
    assert _speaker_of(two, "Nobody plans a week") is None
    body = (
        "Former President Ada Rook opened the session.\n"
        "“The accounts are not closed yet,” the president told reporters.\n"
    )
    assert _speaker_of(body, "The accounts are not closed") is None


def test_a_title_in_initials_takes_the_full_name() -> None:
    """Issue 17 (q17): "DS Quill" after "Detective Sergeant Jon Quill" is Jon Quill."""
    body = (
        "Detective Sergeant Jon Quill found the van two days later.\n"
        "DS Quill said in court: “The keys were still in the ignition.”\n"
    )
    assert _speaker_of(body, "The keys were still") == "Jon Quill"


def test_picture_credit_and_so_called_terms_name_no_speaker() -> None:
    """Issue 17 (q17): a caption's photographer is no speaker; a "so-called “…”" term
    is the writer's, not the subject's."""
    body = (
        "The library shut its doors on Friday.\n\n"
        "Jon Quill/Staff Ada Rook, left, and Mara Lind sort returned books in the hall.\n\n"
        "“Where are the children supposed to do their homework now?”\n"
    )
    assert _all_speakers(body) == {
        "Where are the children supposed to do their homework now?": None
    }
    body = "Councillor Ada Rook campaigned on so-called “bread and butter matters” all spring.\n"
    assert _all_speakers(body) == {"bread and butter matters": None}


def test_indefinite_opening_phrase_before_the_subject() -> None:
    """Issue 17 (q17): "A former miner and union steward, X said …" makes X the subject a
    later "he said" refers to; "To quote X, “…”" is X's; "X, a retired pilot told the
    paper" (no second comma) is X's."""
    body = (
        "A former miner and union steward, Quill dismissed the audit as theatre. "
        "“They count the wrong things on purpose,” he said.\n"
    )
    assert _speaker_of(body, "They count the wrong things") == "Quill"
    body = "To quote Mr. Rook, “No bridge in this county was ever finished on time.”\n"
    assert _speaker_of(body, "No bridge in this county") == "Rook"
    body = (
        "The runway reopened late on Friday.\n"
        "“Fog is the one thing no schedule can beat,” Edith Marwood, a retired pilot told "
        "the paper.\n"
    )
    assert _speaker_of(body, "Fog is the one thing") == "Edith Marwood"


def test_adverbs_between_subject_and_verb() -> None:
    """Issue 17 (q17): "X bluntly, wearily, observed that “…”" is X's."""
    body = (
        "In March, after the third flood, Governor Ada Rook bluntly, wearily, observed that "
        "“the sea does not read our planning documents.”\n"
    )
    assert _speaker_of(body, "the sea does not read") == "Ada Rook"


def test_passive_subject_and_pronoun_before_a_name() -> None:
    """Issue 17 (q17): "X was asked whether …“…”" is not X speaking; after "Soaked and
    hoarse, he was asked whether Y could …", a "he said" is the earlier subject, not Y;
    a subject that "criticised Y for being “…”" speaks the words."""
    body = (
        "Ravi Coleman walked the harbour wall on Monday.\n"
        "Soaked and hoarse, he was asked by a reporter whether Governor Ada Rook could "
        "“send the pumps before the next tide comes in.”\n"
        "“The pumps are three counties away,” he said.\n"
    )
    speakers = _all_speakers(body)
    assert speakers["send the pumps before the next tide comes in."] is None
    assert speakers["The pumps are three counties away"] == "Ravi Coleman"
    body = "Quill criticised Rook in May for being “asleep at the wheel of the budget” again.\n"
    assert _all_speakers(body) == {"asleep at the wheel of the budget": "Quill"}


def test_he_said_after_inverted_and_quoted_subjects() -> None:
    """Issue 17 (q17): "he said" after "…, said X, a coordinator at Y, a group that …"
    and after "Below is X, citing Y …, quoting Y:"; a described subject with compound
    adjectives ("The soft-spoken, city-born lawyer") is someone unnamed, not a name from
    further back."""
    body = (
        "The scheme lends tools to first-time builders, said Tessa Varga, coordinator at "
        "Open Sheds, a charity that funds it.\n\n"
        "“Nobody should give up on a house for want of a ladder,” she said.\n"
    )
    assert _speaker_of(body, "Nobody should give up") == "Tessa Varga"
    body = (
        "“The count is close,” said Mayor Ada Rook.\n\n"
        "Below, the Gazette’s Jon Quill, quoting Sen. Ivo Brandt at length in his column:\n\n"
        "“Rural voters have stopped waiting for the capital to notice them,” he said.\n"
    )
    assert _speaker_of(body, "Rural voters have stopped") == "Ivo Brandt"
    body = (
        "“We will vote on it,” said Mayor Ada Rook.\n\n"
        "The soft-spoken, city-born lawyer who chairs the panel has kept the hearing short.\n\n"
        "“Only the documents will decide this,” he told reporters.\n"
    )
    assert _speaker_of(body, "Only the documents will decide") is None


def test_a_surname_is_not_the_first_word_of_another_name() -> None:
    """Issue 17 (q17): "Baxter" of "June Baxter" is not "Baxter Hale" of another person."""
    body = (
        "Council treasurer Baxter Hale spoke first.\n\n"
        "On Monday, shop owner June Baxter said she would close early all week.\n\n"
        "“Nobody walks past a boarded window,” Baxter said.\n"
    )
    assert _speaker_of(body, "Nobody walks past") in ("Baxter", "June Baxter")


def test_office_titles_before_a_name_are_not_the_speaker() -> None:
    """Issue 17 (q17b): a title of several words before a name ("Senate Minority Leader",
    "House Majority Whip", "Public Advocate", "County Supervisor") is no part of the
    speaker, and the body's word at its start never the speaker itself."""
    cases = {
        "Democratic Senate Minority Leader Corwin Daltry said.": "Corwin Daltry",
        "Public Advocate Mirela Ostrand said.": "Mirela Ostrand",
        "House Majority Whip Tobias Wrenfield said.": "Tobias Wrenfield",
        "said County Supervisor Hedda Lindqvist.": "Hedda Lindqvist",
    }
    for attribution, speaker in cases.items():
        quote = "“The road will not reopen before the thaw,”"
        body = f"The session ran late.\n\n{quote} {attribution}\n"
        assert _speaker_of(body, "The road will not reopen") == speaker, attribution


def test_she_tweeted_is_the_named_subject_of_the_sentence_before() -> None:
    """Issue 17 (q17b): "singer X called his remarks “…”. “…,” she tweeted": the subject
    described by an occupation is "she", not the person "his" refers to or an earlier one."""
    body = (
        "President Aldous Merrow blamed the county for the flooding on Sunday.\n\n"
        "But singer Priya Castellane called his remarks “cruel.” “This is a cruel thing to "
        "say to people who lost their homes,” she tweeted.\n"
    )
    assert _speaker_of(body, "This is a cruel thing") == "Priya Castellane"
    body = (
        "Governor Oswin Trale said the fund would open next week.\n\n"
        "Author Delphine Marsh called the plan a joke. “Nobody in this town believes a word "
        "of it anymore,” she wrote.\n"
    )
    assert _speaker_of(body, "Nobody in this town") == "Delphine Marsh"


def test_a_section_header_in_capitals_names_no_one() -> None:
    """Issue 17 (q17b): a header line in capitals between the subject and "he said" is
    skipped, never read as a name."""
    body = (
        "Minister Garrick Bellweather toured the levees on Monday.\n\n"
        "NO EASY ANSWERS\n\n"
        "“Decades of neglect made this far worse than it had to be,” he said.\n"
    )
    assert _speaker_of(body, "Decades of neglect") == "Garrick Bellweather"
    body = (
        "The mayor spoke on Monday.\n\nNO EASY ANSWERS\n\n"
        "“Decades of neglect made it worse,” he said.\n"
    )
    assert _speaker_of(body, "Decades of neglect") is None


def test_a_speaker_of_a_town_is_the_person() -> None:
    """Issue 17 (q17b): "X of Town said" and a later "X said" give X, not "X of Town"."""
    body = (
        "Senate Minority Leader Ilsa Brandvold of Millcreek called the session a disgrace.\n\n"
        "“None of this helps the people of this state,” Brandvold said.\n\n"
        "“This is no way to treat voters,” Rep. Ansel Fairweather of Green Hollow said.\n"
    )
    assert _speaker_of(body, "None of this helps") == "Ilsa Brandvold"
    assert _speaker_of(body, "This is no way") == "Ansel Fairweather"


def test_split_attribution_with_a_clause_after_its_verb() -> None:
    """Issue 17 (q17b): '"…!" Sen. X of Town said at 3 a.m. when …' cut off by the
    splitter after "!”" is X's, however long the clause after "said"; not the speaker
    of the quotation before."""
    body = (
        '"The ferry users have queued since dawn," Senate Minority Leader Ilsa '
        "Brandvold of Millcreek said while pressing for a pause.\n\n"
        '"What a shambles this timetable is!" Independent Rep. Ansel Fairweather of Brookhaven '
        "said at 2 a.m. when a new, 30-page draft of the timetable was handed out.\n"
    )
    assert _speaker_of(body, "The ferry users have") == "Ilsa Brandvold"
    assert _speaker_of(body, "What a shambles") == "Ansel Fairweather"


def test_he_wrote_after_a_columnist_and_blamed_quoting_its_subject() -> None:
    """Issue 17 (q17b): "Columnist X mocked …. “<a name> …,” he wrote" is X, not the name
    inside the quote nor the one before; "X blamed “…” for …" quotes X."""
    body = (
        "Mayor Ada Rook opened the new library on Friday.\n\n"
        "Columnist Teodor Vance mocked the ceremony. “Ada Rook has never read a book she "
        "did not ban,” he wrote.\n"
    )
    assert _speaker_of(body, "Ada Rook has never read") == "Teodor Vance"
    body = (
        "The county blamed the state for the delays.\n\n"
        "Minister Garrick Bellweather blamed “decades of neglect of the levees” for the flood.\n"
    )
    assert _speaker_of(body, "decades of neglect") == "Garrick Bellweather"


def test_video_player_words_name_no_one() -> None:
    """Issue 17 (q19): a video player's words glued to a sentence ("CLOSE Skip in Skip x
    Embed") are no speaker for a later "they told"."""
    body = (
        "CLOSE Skip in Skip x Embed x Share Harbour officials say the pier is safe. They told "
        'the press on Monday that they will "search every boat in the marina" for the cause.\n'
    )
    assert _speaker_of(body, "search every boat") is None


def test_pledged_and_an_occupation_before_the_name() -> None:
    """Issue 17 (q19): "X … pledged to give …, “…”" is X's; in "Race analyst X …, saying"
    and "Harbourton lawyer X … She said" the word before the occupation is no name."""
    body = (
        "Ostrander has apologized to the driver and pledged to give $9,000 to a road safety "
        'charity, "so that the crossing finally gets a proper light."\n'
    )
    assert _speaker_of(body, "so that the crossing") == "Ostrander"
    body = (
        "Race analyst Wendell Marsh gives a short verdict, saying the horse "
        '"may not run again this season."\n'
    )
    assert _speaker_of(body, "may not run again") == "Wendell Marsh"
    body = (
        "Harbourton lawyer Corinna Vale, the clinic's owner, was there on Sunday.\n"
        "She said she had run the clinic for years.\n"
        '"Nothing was insured," she said.\n'
        '"I assume somebody started it on purpose."\n'
    )
    assert _speaker_of(body, "Nothing was insured") == "Corinna Vale"
    assert _speaker_of(body, "I assume somebody") == "Corinna Vale"


def test_possessor_subject_of_a_thing_but_not_of_a_person() -> None:
    """Issue 17 (q19): "In the series’ last episode, X’s voice was caught as he whispered
    “…”" is X's; "X's lawyer stood up as he said “…”" is the lawyer's, unnamed."""
    body = (
        "In the series’ final episode, Ostrander’s voice was caught on a recorder as he "
        "whispered that he had “lost it all.”\n"
    )
    assert _speaker_of(body, "lost it all") == "Ostrander"
    body = (
        "In court, Ostrander's lawyer stood up as he said his client had "
        '"nothing more to add about the case today."\n'
    )
    assert _speaker_of(body, "nothing more to add") is None


def test_a_head_ending_in_a_colon_is_its_subjects() -> None:
    """Issue 17 (q19): "X later recorded some of it: “…”" (no reporting verb) is X's; a
    group or a thing before the colon names no one."""
    body = (
        'Vale later recorded some of her travels: "The hall was full every Saturday night '
        'and the band played until two."\n'
    )
    assert _speaker_of(body, "The hall was full") == "Vale"
    body = 'Police found a note in the car: "Nobody should come looking for me after today."\n'
    assert _speaker_of(body, "Nobody should come") is None


def test_the_organisations_official_is_the_one_introduced_as_its_member() -> None:
    """Issue 17 (q19): "the Velmora official said" after "X, Velmora's director of field
    work" is X; an unnamed described speaker stops the look-back of a later "he said"."""
    body = (
        "Five people were hurt at the depot, according to Harlan Oduya, Velmora's director "
        "of field work.\n"
        'The two women who were hurt were "volunteers who came in the morning," the Velmora '
        'official said, adding that both had felt "nobody would ever shell a depot of food."\n'
    )
    assert _speaker_of(body, "volunteers who came") == "Harlan Oduya"
    assert _speaker_of(body, "nobody would ever shell") == "Harlan Oduya"
    body = (
        "President Ann Cole, at the White House, said five people were hurt.\n"
        '"It was a quiet night until the shells came down," the White House official said.\n'
    )
    assert _speaker_of(body, "It was a quiet night") is None
    body = (
        '"We need a calm week more than anything," Mayor Ann Cole said.\n'
        '"All the depots were marked on every map," the Secretary-General said.\n'
        "After earlier strikes, the army had been warned.\n"
        '"I cannot accept how this night ended," he said.\n'
    )
    assert _speaker_of(body, "I cannot accept") is None


def test_an_opening_phrase_before_the_subject_and_an_embedded_post() -> None:
    """Issue 17 (q19): "On Sunday, X said:" and "At a rally in Town, X said:" are X's (the
    phrase opens the sentence; not a place's region as in "the embassy in Town, IL"); an
    embedded post credited "— X (@handle) date" is X's."""
    quote = '"Every lighthouse keeper on this coast deserves a proper pension."'
    for head in ("On Sunday, Aldous Merrow said:", "At a fair in Dorset, Aldous Merrow said:"):
        assert _speaker_of(f"{head} {quote}\n", "Every lighthouse") == "Aldous Merrow", head
    body = f"{quote} — Aldous Merrow (@merrowa) March 3, 2021\n"
    assert _speaker_of(body, "Every lighthouse") == "Aldous Merrow"


def test_he_added_after_a_described_speaker_and_colon_heads_of_sources() -> None:
    """Issue 17 (q19): "X spoke … “…,” the former mayor said.  He later added, “…”" is
    X (the description takes up the subject before it); "A headline - The Paper: “…”"
    and "Hide Caption 2 of 9 Photos:" name no one."""
    body = (
        "Corwin Hale last spring, at a dinner for the rowing club, told members the river "
        "needs dredging.\n\n"
        '"Our boats scrape the bottom every summer now," the former mayor said.\n\n'
        'He later added, "Dredging costs less than a new boathouse would."\n'
    )
    assert _speaker_of(body, "Dredging costs less") == "Corwin Hale"
    body = (
        "Hale backs a plan to dredge the river - The Ledger: "
        '"Corwin Hale said Thursday the town should dredge the river every spring."\n'
    )
    assert _speaker_of(body, "Corwin Hale said") is None
    body = (
        "Hide Caption 2 of 9 Photos: Farm towns in winter: "
        '"The snow came early and the roads were closed for a week in the hills."\n'
    )
    assert _speaker_of(body, "The snow came early") is None


def test_as_x_pointed_out_and_designations_and_datelines() -> None:
    """Issue 17 (q19): "As X, the spokesman, pointed out, …  “…,” he said" is X, not a
    tram's designation named before ("KT-40" is no one); "X pointed out that “…”"
    is X's; a dateline in capitals ("SPRINGFIELD — ") is never the speaker."""
    body = (
        "The city's KT-40 tram has a bumper \"built to fold in a crash to shield "
        'the driver," according to the operator.\n'
        "As Pelham, the transit spokesman, pointed out, riders at rush hour are "
        "rarely hurt.\n"
        '"We test every car twice a year, in rain and in snow," he said.\n'
    )
    assert _speaker_of(body, "We test every car") == "Pelham"
    body = (
        "Dina Abrams, a fisheries spokeswoman, pointed out that the board "
        '"has always said the river is not open to trawlers of any size."\n'
    )
    assert _speaker_of(body, "has always said") == "Dina Abrams"
    body = (
        "SPRINGFIELD — Ever since Walter Dunmore, the builder who laid the first rail line to "
        "the coast, cut the ribbon and shouted, “Here it is. Ride it, all of you, every "
        "day!” commuters have done just that.\n"
    )
    assert _speaker_of(body, "Here it is") != "SPRINGFIELD"


def test_called_before_a_quotation_and_offices_of_a_department() -> None:
    """Issue 17 (q19): "X called the vote “…”" and "what X recently called “…”" are X's
    ("a group called “…”" names no one); "Secretary of State X said" is X, not the
    department; "X argued … what he called “…”" after X's own quotation is X; "who'd
    said" takes its antecedent; "But “…”" goes on with the speaker before; an indefinite
    "A Town Republican said" names no one."""
    body = (
        'Harbour chief Jeroen Dalsem called the ruling "a poor day for every small boat '
        'owner," and he called a meeting for Tuesday.\n'
    )
    assert _speaker_of(body, "a poor day for every") == "Jeroen Dalsem"
    body = (
        'It is a process Mark Tonner, a harbour spokesman, recently called "the strictest '
        'check for anyone entering the port."\n'
    )
    assert _speaker_of(body, "the strictest check") == "Mark Tonner"
    body = 'Members joined a group called "Keepers of the Harbour Wall and the old pier at dusk."\n'
    assert _speaker_of(body, "Keepers of the Harbour") is None
    body = (
        '"The riders are well ahead of the timetable here," Nebraska Secretary of State Olga '
        'Fenn said. "Honestly, they are surprised that we still print every ticket."\n'
    )
    assert _speaker_of(body, "The riders are well") == "Olga Fenn"
    assert _speaker_of(body, "Honestly, they are surprised") == "Olga Fenn"
    body = (
        'Senator Hal Brody argued that the poster was "loud and lazy" and showed what he called '
        '"the vanity of the planners in this city."\n'
    )
    assert _speaker_of(body, "the vanity of the planners") == "Hal Brody"
    body = (
        'But botanist Lori Maren, who\'d said that "every orchid sold in a shop is a sad orchid," '
        "did talk to me.\n"
    )
    assert _speaker_of(body, "every orchid sold") == "Lori Maren"
    body = (
        '"There is nothing in the rule that says we must split the town," Lazard says. But '
        '"the simple rules may also end up splitting the town in two."\n'
    )
    assert _speaker_of(body, "the simple rules may") == "Lazard"
    body = '"This is the most open contest I have seen in years," an Idaho Republican said.\n'
    assert _speaker_of(body, "This is the most open") is None


def test_a_name_given_by_the_name_of_and_a_role_without_its_comma() -> None:
    """Issue 17 (q19, kinds of the fresh7 errors): "A chemist by the name of X, a professor
    at Y College, tweeted that …" is X, never the college in his role; "said X spokesperson
    for Y" (the comma left out) is X; "says a Town House member" names no one."""
    body = (
        "A chemist by the name of Tobias Lennart, a professor at Springfield's Harlow College, "
        'tweeted that his partner was "chasing them down the aisle to shout at them."\n'
    )
    assert _speaker_of(body, "chasing them down") == "Tobias Lennart"
    body = (
        '"The course will run again next spring with a new tutor," said Conan Lloyd '
        "spokesperson for Harlow College.\n"
    )
    assert _speaker_of(body, "The course will run") == "Conan Lloyd"
    body = (
        '"I suspect the mayor knows deep down that she has to answer for it," says a Republican '
        "House member, who asked not to be named.\n"
    )
    assert _speaker_of(body, "I suspect the mayor") is None


def test_he_said_after_a_relative_clause_a_chrome_label_an_office_and_a_paper() -> None:
    """Issue 17 (q19b, kinds of the r19 read's errors): "X said …, and the plan Mr. Y
    announced is too slow" is no attribution to Y (the verb sits in a noun phrase), so a
    following "she said" is X; a gallery's "Hide Caption" is no one; "U.K. Secretary of
    State X said" makes X the subject; "X said, “…,” The Daily Paper reported." is X's."""
    body = (
        "The storm closed three roads on Tuesday.\n\n"
        "Sen. Marta Llorens, an Ohio Democrat who chairs the panel, said the closures show the "
        "state is unprepared, and the repair plan Mr. Hardwick announced is too slow.\n\n"
        "“We need to reopen the bridges to every family that depends on them,” she said in a "
        "statement.\n"
    )
    assert _speaker_of(body, "We need to reopen") == "Marta Llorens"
    body = (
        "A farmer crosses the flooded field. Hide Caption 7 of 9 Photos: Floods in the valley "
        "A boy carries his dog. Hide Caption 9 of 9\n\n"
        "He said the rescue teams seemed confident they would reach the village.\n\n"
        "“I think the crews have enough boats to finish this within days,” he said.\n"
    )
    assert _speaker_of(body, "I think the crews") is None
    body = (
        "Speaking to a radio host, U.K. Secretary of State Alan Brooks said he is sure the "
        "talks will succeed.\n\n"
        "“But I am certain the harbour will reopen, as we reopened the airport,” he said.\n"
    )
    assert _speaker_of(body, "But I am certain") == "Alan Brooks"
    body = (
        "Speaking at the summit, Trade Minister Paul Andersen said, “Our ports have always been "
        "open to fair partners and will stay open,” The Daily Ledger reported. “It would be "
        "wrong to close them now.”\n"
    )
    assert _speaker_of(body, "Our ports have") == "Paul Andersen"
    assert _speaker_of(body, "It would be wrong") == "Paul Andersen"


def test_a_group_an_indefinite_place_description_and_a_later_clause_name_no_one() -> None:
    """Issue 17 (q19b, kinds of the r19 read's errors): "Tyrolean officials said …" makes no
    "Tyrolean" the referent of a later "she said"; "added a North Dakota Democrat" is
    someone unnamed (the place read as a name of its own); "X warned …, and his own
    transport chief worried that closures are “…”" is not X's."""
    body = (
        "The Tyrolean council announced on Monday that its snow crews had cleared the pass "
        "road.\n\n“The pass is open again,” tweeted Anna Moser, head of the Tyrolean region. "
        "Tyrolean officials said the toll would be waived for a week: a Tyrolean gift.\n\n"
        "“I am grateful to the plough drivers, above all the night shift,” she said, referring "
        "to the depot crews.\n\nThe Tyrolean assembly met later.\n"
    )
    assert _speaker_of(body, "I am grateful") != "Tyrolean"
    body = (
        "Voters were unimpressed.\n\n“Hart looked tired and slow tonight,” said a Nevada "
        "Democrat. “He has not fixed anything since the first forum.”\n\n“Garcia keeps rising "
        "in the field and proving his skill,” added a North Dakota Democrat.\n\n"
        "The forum itself was choppy.\n"
    )
    assert _speaker_of(body, "Garcia keeps rising") is None
    body = (
        "Facing angry growers at the fair, a tired Commissioner Hardwick on Monday warned "
        "against easing the water quotas, yet stood apart as the county board called on the "
        "state to buy reservoirs and his own irrigation chief openly worried that dry wells "
        "are “still to come before the autumn rains.”\n\n"
        "The commissioner grew short with the growers.\n\n"
        "“We are staying the course,” Hardwick said.\n"
    )
    assert _speaker_of(body, "still to come before") is None
    assert _speaker_of(body, "We are staying") == "Hardwick"


def test_a_dash_aside_a_source_after_a_told_clause_and_an_opening_participle() -> None:
    """Issue 17 (q20, kinds of the fresh8 errors): "X -- on a feed attributed to him --
    said that “…”" is X's; "He told Y that … “…,” according to the Ministry." is the
    teller's, not a cut "Ministry"; "Saying “…,” she closed by …" is hers."""
    body = (
        "Pell -- on a blog often credited to him by local papers -- said that "
        "“our harbour plan was approved.”\n\n"
        "Deputy Mayor of Culture Ines Varga on Friday described the harbour plan.\n\n"
        "She told the visiting delegates that the docks and the old warehouses, taken "
        "together, “make the harbour a single district,” according to the City Ministry.\n\n"
        "Mayor Lotte Brand spoke last.\n\n"
        "Saying “we will not lose the waterfront,” she closed with a line from an old song.\n"
    )
    assert _speaker_of(body, "our harbour plan") == "Pell"
    assert _speaker_of(body, "make the harbour a single") == "Ines Varga"
    assert _speaker_of(body, "we will not lose the waterfront") == "Lotte Brand"


def test_a_quotation_alone_after_a_reporting_sentence_and_a_time_opening() -> None:
    """Issue 17 (q20): a quotation standing alone after "Sen. X, R-State, said he …" or
    "When …, the head of Y, X, posted …" is X's; "Last year, it also urged …, noting that
    … “…”" names no "Last"; "he said" after "Acme Works India MD X told a paper …" (a
    name of no clear kind) does not go back past it to an earlier speaker."""
    body = (
        "Sen. Dara Quill, R-Idaho, said she would back a short delay of the vote.\n\n"
        "“I see no need to wait longer than a month.”\n\n"
        "But when the two towns signed the water pact, the head of the Valley Growers Union, "
        "Emil Roarke, posted the view of many farmers.\n\n"
        "“May the pact run dry as fast as the river did.”\n"
    )
    assert _speaker_of(body, "I see no need") == "Dara Quill"
    assert _speaker_of(body, "May the pact run dry") == "Emil Roarke"
    body = (
        "Pellham Advisory said in a report that the bonus was too high.\n\n"
        "Last year, it also urged owners to reject the pay plan, noting that the pay rose "
        "“despite the weak results of the firm.”\n"
    )
    assert _speaker_of(body, "despite the weak results") != "Last"
    body = (
        "“The merger makes one strong firm,” said Ada Pike, the chair of Corvane.\n"
        "Norvale Technologies India MD Ravindra K Solt told a local paper that jobs would grow.\n"
        "“Our teams fit well together and do not overlap,” he said.\n"
    )
    assert _speaker_of(body, "Our teams fit well") != "Ada Pike"


def test_a_term_before_an_as_clause_quotation_is_not_its_speakers() -> None:
    """Issue 17 (q20): "… can wear the “head of the house” hat whenever, so long as it
    helps to “keep the lights on,” as Sen. X said" gives X the second quotation only."""
    body = (
        "Like his father, Mr. Dunmore thinks he can wear the “head of the house” hat whenever "
        "he likes, so long as it helps to “keep the lights on for everyone,” as retiring Sen. "
        "Hollis Grange of Maine said last week.\n"
    )
    speakers = _all_speakers(body)
    assert speakers["keep the lights on for everyone"] == "Hollis Grange"
    assert speakers["head of the house"] is None


def test_a_first_name_speaker_takes_the_full_name_the_article_gives() -> None:
    """Issue 17 (q20, kinds of the fresh4 and fresh7 errors): "Marta, now 41, told …" is
    "Marta Velez" when the article gives "Marta Velez" and a longer line "Marta Velez
    Ortiz" (a word ending the line before is no first name); "said Inspector-General of
    Police X Y" is X Y, not the title, and a later "X said" is X Y too; "the Kessler
    White House" is a thing, no full name of "Kessler"."""
    speakers = _all_speakers(
        "Photo courtesy of Marta Velez Ortiz\n\nThe pupils of Marta Velez worked all year on "
        "the garden.\n\n“We grew every bean ourselves and sold them at the fair,” Marta, now "
        "41, told the paper.\n"
    )
    assert speakers["We grew every bean ourselves and sold them at the fair"] == "Marta Velez"
    speakers = _all_speakers(
        "“The tests found a nerve agent in the sample,” said Inspector-General of Police Anwar "
        "Bin Salleh. The results came on Monday.\n\n“We will question the two suspects again "
        "this week,” Anwar said.\n"
    )
    assert speakers["The tests found a nerve agent in the sample"] == "Anwar Bin Salleh"
    assert speakers["We will question the two suspects again this week"] == "Anwar Bin Salleh"
    speakers = _all_speakers(
        "Staff at the Kessler White House museum were told on Monday.\n\n"
        "“We are closing the east wing for repairs this winter,” Kessler said.\n"
    )
    assert speakers["We are closing the east wing for repairs this winter"] == "Kessler"


def test_a_party_member_described_by_a_place_is_the_politician_just_named() -> None:
    """Issue 17 (q20, read of unlabelled 2013/2014 articles): "“…,” the Lakeland
    Republican said" is the politician the sentence before makes the subject, not a
    speaker named "Lakeland Republican"; sentences run together ("… detainees.Sen. X is
    not …") are read apart; a description after a spokesman's sentence names no one."""
    speakers = _all_speakers(
        "House Speaker Tobias Wren praised the bill after the vote.\n\n"
        "“I am pleased the bill keeps the harbour fund whole,” the Lakeland Republican said. "
        "“It is a good day for the coast.”\n"
    )
    assert speakers["I am pleased the bill keeps the harbour fund whole"] == "Tobias Wren"
    assert speakers["It is a good day for the coast."] == "Tobias Wren"
    speakers = _all_speakers(
        "The mayor said the tunnel “will open on time, whatever it costs.”Republican Sen. "
        "Mara Holt still is not convinced, however.“The tunnel is a trap for the county,” "
        "the Lakeland Republican told a radio host.\n"
    )
    assert speakers["The tunnel is a trap for the county"] == "Mara Holt"
    speakers = _all_speakers(
        "A spokesman for Senate leader Ivo Brandt, Lakeland Republican, said he does not "
        "answer surveys.\n\n“I never fill in a survey, not even for my own party,” he said.\n"
    )
    assert speakers["I never fill in a survey, not even for my own party"] is None


def test_it_said_is_the_organisation_subject_and_in_writing_is_no_verb() -> None:
    """Issue 17 (q20, kinds of the fresh7 errors): "“…,” it said" after "As part of its
    review, Norvale Corp. found …" is the company (only a name read as an organisation's,
    never a person or "A Town Hall statement"); "the judge said it is possible for X to
    offer her “…” of the basis in writing" is the judge the article names, not "in"."""
    speakers = _all_speakers(
        "As part of its review, Norvale Corp. found that staff could hide some topics.\n\n"
        "“It is impossible to rule out that a lone worker could game the system,” it said.\n"
    )
    assert speakers["It is impossible to rule out that a lone worker could game the system"] == (
        "Norvale Corp."
    )
    speakers = _all_speakers(
        "A Town Hall statement released after the session made the plan clear.\n\n"
        "It added that the mayor would “welcome the council's support for the plan.”\n"
    )
    assert speakers["welcome the council's support for the plan."] is None
    speakers = _all_speakers(
        "Judge Amos Trell heard the case on Monday.\n\n"
        "While the group argued that only the minister could testify, the judge said the "
        "minister may give her “own, direct account” of the reasons for the "
        "plan in writing.\n"
    )
    assert speakers["own, direct account"] == "Amos Trell"


def _speaker_starting(speakers: dict[str, str | None], start: str) -> str | None:
    return speakers[next(text for text in speakers if text.startswith(start))]


def test_the_r20_reads_speaker_kinds() -> None:
    """Issue 17 (q20, kinds of the r20 read's errors): "Nouri al-Taqi … Al-Taqi, however,
    vowed … On Monday, he accused Y of “…”" is al-Taqi's, not Y's (a particle name opening
    a sentence, and "Y's nominee, Z, has …" names no "he"); a nickname in quotation marks
    inside the attribution ("Dora “Dot” Minsky, a Lakeland, Ohio-based …, said"); a
    place inside a role ("Jo Bloggs, Toronto, bureau chief for …"); a block
    quotation of a paper whose text quotes someone in single marks ("The Daily Record
    reports: “… .” ‘…,’ Mr. X said.") or goes on "X argued that …" is not X's, and one
    after "The wire service reports:" is no earlier speaker's."""
    speakers = _all_speakers(
        "Prime Minister Nouri al-Taqi lost a vote on Sunday.\n\n"
        "Veras's nominee, deputy speaker Omar Halim, has a month to name his cabinet.\n\n"
        "Al-Taqi, however, vowed to stay in office. His list won the most votes. On "
        "Monday, he accused Veras, a judge chosen by the assembly, of leading “a plot "
        "against the charter and the courts.”\n"
    )
    assert _speaker_starting(speakers, "a plot against") == "Al-Taqi"
    speakers = _all_speakers(
        "Shares fell on Friday.\n\n“I would blame the slide on talk of a merger,” "
        "Dora “Dot” Minsky, a Lakeland, Ohio-based senior vice president at Norvale "
        "Wealth, said by phone.\n\nRyan Holt, Toronto, bureau chief for The Daily "
        "Record, said in a statement that “they came out unhurt, but that excuses nothing "
        "at all.”\n"
    )
    assert _speaker_starting(speakers, "I would blame the slide") == "Dora Minsky"
    assert _speaker_starting(speakers, "they came out unhurt") == "Ryan Holt"
    speakers = _all_speakers(
        "The Daily Record reports:\n\n“Ivo Marek, the prime minister, announced that the "
        "country would ban all imports of cheese for one year. ” ‘We hoped until the very last "
        "that they would see sense,’ Mr. Marek said.\n\n"
        "The wire service reports:\n\n“The country depends on imported cheese, most of it "
        "from abroad. ”Marek argued that the ban would give farmers a good chance to grow.\n"
    )
    assert _speaker_starting(speakers, "Ivo Marek, the prime minister") != "Ivo Marek"
    # "The wire service reports:" introduces it: someone unnamed, not the paper before.
    assert _speaker_starting(speakers, "The country depends") is None


def test_the_fresh9_speaker_kinds() -> None:
    """Issue 17 (q21, kinds of the fresh9 errors): the name in apposition to a described
    person ("said her cousin, Tam Oduya, 41, of Riverton") and its continuation; an
    inverted attribution ending the sentence before ("…, writes former council staffer
    Ivo Brandt in a column …") for a split "“A,” he writes, “B.”"; "…, calling the delay a
    “…”" is a speech act of the subject, whose next quotation goes on; a name right before
    a verb of no reporting kind and a comma ("captain Rosa Milner exhorted, “…”")."""
    speakers = _all_speakers(
        "A bus hit a cyclist on Friday.\n"
        "“We are still in shock,” said her cousin, Tam Oduya, 41, of Riverton.\n"
        "“She rode that road every day.”\n"
    )
    assert _speaker_starting(speakers, "We are still in shock") == "Tam Oduya"
    assert _speaker_starting(speakers, "She rode that road") == "Tam Oduya"
    speakers = _all_speakers(
        "The plan misses the point, writes former council staffer Ivo Brandt in a column for "
        "The Ledger. “Fines may show the city's anger,” he writes, “but they have not "
        "stopped a single landlord.”\n"
    )
    assert _speaker_starting(speakers, "Fines may show") == "Ivo Brandt"
    assert _speaker_starting(speakers, "but they have not stopped") == "Ivo Brandt"
    speakers = _all_speakers(
        "Nell Quist, as expected, went further, calling the delay a “disgrace” of the council. "
        "“We will take this fight to every ward in the city.” She then left the hall.\n"
    )
    assert _speaker_starting(speakers, "We will take this fight") == "Nell Quist"
    speakers = _all_speakers(
        "Pinned down on the ridge, the company stalled until captain Rosa Milner exhorted, "
        "“Nobody stays on this hill tonight, so move now.”\n\n"
        "After Rosa Milner resigned, “the whole board fell apart in a week” and the club "
        "was sold.\n"
    )
    assert _speaker_starting(speakers, "Nobody stays on this hill") == "Rosa Milner"
    # An opening clause the quotation completes: no speech act of the one named in it.
    assert _speaker_starting(speakers, "the whole board fell apart") is None


def test_fresh9_name_forms() -> None:
    """Issue 17 (q21): a surname takes the one name all its longer forms end in
    ("Surveyor Nell Quist", "Photo Nell Quist" give "Nell Quist"); a department's last
    word read into a name of three words is no first name ("Under Secretary of State for
    Trade Affairs Lem Varga" is Lem Varga), but a two-word name after a department is
    whole ("Secretary of Health Dana Whitlow")."""
    speakers = _all_speakers(
        "Surveyor Nell Quist was mapping the creek when she found the cave.\n\n"
        "Photo Nell Quist\n\n"
        "“It was the find of a lifetime for all of us,” Ms Quist told reporters.\n"
    )
    assert _speaker_starting(speakers, "It was the find") == "Nell Quist"
    speakers = _all_speakers(
        "On a call with reporters, former Under Secretary of State for Trade Affairs Lem Varga "
        "explained the decision.\n\n“There was a worry that a ban would only raise its "
        "profile,” Varga said.\n\nSecretary of Health Dana Whitlow disagreed on Monday. "
        "“We never saw a plan for the clinics,” Whitlow said.\n"
    )
    assert _speaker_starting(speakers, "There was a worry") == "Lem Varga"
    assert _speaker_starting(speakers, "We never saw a plan") == "Dana Whitlow"


def test_sentences_run_together() -> None:
    """Issue 17 (q21, from reads of unlabelled 2014 articles): text pasted without its
    spaces ("… she said.Nell said …", "… a deal."The …") is cut into its sentences for
    the speakers, so a quotation after "X answered." goes on as X's, and "she said" is not
    the asker's, whom the article shows as a man ("Brandt said he had one more …");
    the citation still names the article's own sentence."""
    body = (
        "The host, Ivo Brandt, asked Nell Quist about her savings."
        'Brandt said he had one more question: "Do you know how much money you have?"'
        '"Um, you know, within a range," Quist answered. "We have two small houses, which we '
        'love, and no plans to sell them so —""But millions?" Brandt asked.'
        '"Yes, indeed," she said.Quist said in a June interview that "we came out of office '
        'with nothing but debts."'
    )
    options = QuoteOptions(min_words=1, unattributed_min_words=1)
    found = find_quotes(StoryDoc.from_articles([_article(body)]), options=options)
    speakers = {q.text: q.speaker for q in found}
    assert _speaker_starting(speakers, "We have two small houses") == "Nell Quist"
    assert _speaker_starting(speakers, "we came out of office") == "Nell Quist"
    assert _speaker_starting(speakers, "Yes, indeed") != "Ivo Brandt"
    doc = StoryDoc.from_articles([_article(body)])
    for quote in found:
        assert quote.citation is not None
        sentence = doc.article_sentences(0)[quote.citation.sentence_index]
        assert quote.text[:20] in sentence.text


def test_inverted_and_according_attributions() -> None:
    """Issue 17 (q21): "… the infamous “…” chart, said Jo Bloggs, a fellow at X." attributes
    the sentence (and the quotation standing after it) to the name after the verb; a
    quotation standing after "…, according to Jo Bloggs." is that person's, not after
    "according to the agency"."""
    speakers = _all_speakers(
        "One more myth the campaign likes is the famous “rising line” chart, said Ivo Brandt, "
        "a fellow at the Norvale Institute. “That is the curve that rose with every year of the "
        "survey.”\n\nVoters may also punish the plan, according to Nell Quist. “It is likely to "
        "run into every kind of hurdle on the way.”\n\nThe tax will rise, according to the "
        "agency. “It is likely to run into every kind of delay on the way.”\n"
    )
    assert _speaker_starting(speakers, "rising line") == "Ivo Brandt"
    assert _speaker_starting(speakers, "That is the curve") == "Ivo Brandt"
    assert _speaker_starting(speakers, "It is likely to run into every kind of hurdle") == (
        "Nell Quist"
    )
    assert _speaker_starting(speakers, "It is likely to run into every kind of delay") is None


def test_he_or_she_agrees_with_what_the_article_shows() -> None:
    """Issue 17 (q21): "“…,” she said" right after a question the article's man asked is
    not his (the article shows him as "he": "Brandt said he …", "Mr. Brandt"); it stays
    unattributed rather than wrong.  A surname two people share tells nothing, and a
    person shown as "she" keeps her quotation."""
    speakers = _all_speakers(
        "Ivo Brandt, a reporter, said he wanted numbers. “How many homes were lost?” Brandt "
        "asked.\n\n“More than we can count,” she said.\n\n"
        "Nell Quist said she was tired. “We worked all night long,” she said.\n"
    )
    assert _speaker_starting(speakers, "More than we can count") is None
    assert _speaker_starting(speakers, "We worked all night") == "Nell Quist"
    speakers = _all_speakers(
        "Ann Oduya said she would run. Tam Oduya said he would not.\n\n"
        "Later Oduya took questions. “Ask me again next year,” she said.\n"
    )
    assert _speaker_starting(speakers, "Ask me again") == "Oduya"


def test_a_name_modifying_the_subject_is_no_referent() -> None:
    """Issue 17 (q21): "The Bloggs administration says …  “…,” he says" is not Bloggs's:
    the name modifies the subject, so "he" stays unattributed."""
    speakers = _all_speakers(
        "Clinics across the state have doubled their staff, the agency said.\n"
        "The Merrow administration says two million more people are covered.\n\n"
        "“It is gratifying to see that growth in such a short time,” he says.\n"
    )
    assert _speaker_starting(speakers, "It is gratifying") is None


def test_a_party_tag_before_a_relative_clause_is_no_speaker() -> None:
    """Issue 17 (r21 read): "Sen. X Y, R-Ohio, who has criticized …, said that the rule
    “…”" is X Y's, not "R-Ohio"'s."""
    speakers = _all_speakers(
        "Sen. Ivo Brandt, R-Ohio, who has criticized other county rules, said that the plan "
        "“puts the county in charge of every price in town.”\n"
    )
    assert _speaker_starting(speakers, "puts the county") == "Ivo Brandt"


def test_the_fresh10_speaker_kinds() -> None:
    """Issue 17 (q22, kinds of the fresh10 errors and the r21 read): the agent of a
    passive reporting verb ("was dubbed—by Ann Brisket, one of its fans—“…”", "was
    described by X as “…”", "was called “…” by X"), never the passive subject; a sentence
    that opens with a quotation and goes on with "while …" and no reporting verb carries
    on the speaker before, even when the next sentence is pasted on ("….”A number");
    a possessor before a name ("the Agency's Jo Bloggs") is no first name, so a later
    "Jo reports" is Jo Bloggs; a credit with its verb left out ("“…,” Prime Minister X.")."""
    speakers = _all_speakers(
        "The band's old line-up was memorably dubbed—by Ann Brisket, one of its own early "
        "fans—“the loudest mistake in music history.”\n\n"
        "The plan was described by Tom Ruddle as “a disgrace to the whole town and its "
        "people.”\n\nThe bridge was called “a road to nowhere at all” by council member "
        "Dana Whitlow.\n\nNell Quist was asked by reporters “whether the deal is dead now.”\n"
    )
    assert _speaker_starting(speakers, "the loudest mistake") == "Ann Brisket"
    assert _speaker_starting(speakers, "a disgrace to the whole") == "Tom Ruddle"
    assert _speaker_starting(speakers, "a road to nowhere") == "Dana Whitlow"
    assert _speaker_starting(speakers, "whether the deal") is None
    speakers = _all_speakers(
        "The mayor's critics were loud. “The plan fails every test we set for it,” council "
        "member Tom Ruddle said. “Families know it is not for them,” while small firms “see "
        "a city hall that does not listen to anyone at all.”A number of aides also say "
        "that the plan is “dead on arrival in the council.”\n"
    )
    assert _speaker_starting(speakers, "Families know") == "Tom Ruddle"
    assert _speaker_starting(speakers, "see a city hall") == "Tom Ruddle"
    assert _speaker_starting(speakers, "dead on arrival") is None
    speakers = _all_speakers(
        "The talks drew fire on Monday.\n\nFrom Berlin, TNR's Jo Bloggs reports:\n\n"
        "“The talks ended late on Tuesday and nobody left happy.”\n\nLater, the minister "
        "spoke. “In a short speech,” Jo reports, “the minister said the deal was done.”\n"
    )
    assert _speaker_starting(speakers, "In a short speech") == "Jo Bloggs"
    speakers = _all_speakers(
        "“We will keep the ferry running through the whole winter,” Deputy "
        "Prime Minister Tom Ruddle.\n\nThe talks go on.\n"
    )
    assert _speaker_starting(speakers, "We will keep the ferry") == "Tom Ruddle"


def test_the_r22_speaker_kinds() -> None:
    """Issue 17 (q22, kinds of the r22 read): a party-and-state tag right before the
    reporting verb ("Rep. Jo King, R-Iowa, said") is no name, and a title word that ends
    a name after a first name is its surname ("Jo King", not "R-Iowa"); a quotation that
    speaks of someone as "he" is not by the person the sentence before names ("X earned a
    degree there.“He'd want …”": the one quoted before goes on); "he said" after a
    sentence whose subject is a group a name modifies ("Local Acme leaders were quick to
    …") is no one further back."""
    speakers = _all_speakers(
        "“The tax was wrong in March and it is wrong now,” Rep. Jo King, R-Ohio, said in a "
        "hallway. Beside him, Rep. Dana Whitlow, R-Oregon, called the deal "
        "“careless” with the budget.\n"
    )
    assert _speaker_starting(speakers, "The tax was wrong") == "Jo King"
    assert _speaker_starting(speakers, "careless") == "Dana Whitlow"
    speakers = _all_speakers(
        "“He never stopped asking about the boats,” said Tam Oduya, a coach at the "
        "club. Ivo Brandt rowed for the club's first crew from 2011 to 2013."
        "“He'd sit on the jetty until the last boat came in.”\n"
    )
    assert _speaker_starting(speakers, "He never stopped") == "Tam Oduya"
    # The person spoken of is not the speaker; the coach quoted just before goes on.
    assert _speaker_starting(speakers, "He'd sit on the jetty") == "Tam Oduya"
    speakers = _all_speakers(
        "President Lem Varga was briefed on the siege.\n\n"
        "Local Ferran leaders were quick to denounce the fire, with the city's bishop saying "
        "the parish was shaken. “We reject this act of hatred in every form and "
        "without reserve,” he said in a statement.\n"
    )
    assert _speaker_starting(speakers, "We reject this act") is None


def test_a_she_sentence_goes_on_to_the_quotation_after_it() -> None:
    """Issue 17 (q22, fresh10 and r22 kinds): a quotation standing alone at the end of
    its paragraph after a sentence whose subject is "she" is hers, the person "she"
    takes up ("She remembers the first day.  “…”"), also when that sentence quotes a term
    of her own ("she criticised the lender's “reach”"); not when someone is named
    ahead of the pronoun ("X's aide Y left a statement, he said"), not a quotation that
    speaks of someone as "he" or "she", and not one the writer goes on to answer in
    the first person ("“Why?” I asked.")."""
    speakers = _all_speakers(
        "Staff Sgt. Nell Quist, an adviser from the base, has seen the course from the other "
        "side.\n\nShe also served two tours abroad as a medic.\n\n"
        "She remembers the first morning she trained with the squad.\n\n"
        "“Nobody spoke to us that day. They wanted to see who would quit.”\n\n"
        "At a hearing on Tuesday, she criticised the lender's “reach” over the council.\n\n"
        "“I will tell every one of you who works at the lender: the rules stay.”\n"
    )
    assert _speaker_starting(speakers, "Nobody spoke to us") == "Nell Quist"
    assert _speaker_starting(speakers, "I will tell every one") == "Nell Quist"
    speakers = _all_speakers(
        "Reports say the singer Dana Whitlow entered a clinic on Friday.\n"
        "According to reports Dana Whitlow's agent Ivo Brandt left a statement, he said\n"
        "“We ask you to leave the family in peace for now.”\n"
    )
    assert _speaker_starting(speakers, "We ask you to leave") is None
    speakers = _all_speakers(
        "Tam Oduya asked me where I meant to live. He told me the city would cost too much. "
        "“How so?” I asked him.\n"
    )
    assert _speaker_starting(speakers, "How so") is None


def test_he_said_stops_at_a_she_sentence() -> None:
    """Issue 17 (q22, the r21 read's "he said" given to a woman): reading back for the
    referent of "he said", a sentence whose subject is "she" is about someone else; the
    one person that sentence names is the referent, never the woman further back."""
    speakers = _all_speakers(
        "Rep. Mike Brandt said the threat was real. Sen. Dana Whitlow said the screening had "
        "failed. She spoke on the morning Brandt said the agency had no data. "
        "“We are counting grains of sand on a long beach,” he said on "
        "television.\n"
    )
    assert _speaker_starting(speakers, "We are counting grains") == "Mike Brandt"


def test_a_title_read_into_a_name_and_plural_titles() -> None:
    """Issue 17 (q22, the r21 read's "the chief executive said"): "the chief executive"
    is the one person the article names with that title even when the title and the
    name are read as one name of no clear kind ("Chief Executive Tam Oduya"); a plural
    title ("said Sens. Jo Bloggs") is no part of the speaker's name."""
    speakers = _all_speakers(
        "Chief Executive Tam Oduya would not resign on Monday.\n\n"
        "“Walking out now would hurt every one of the firm's workers,” the chief "
        "executive said.\n\n"
        "“We will put the bill to a vote within the month,” said Sens. Dana "
        "Whitlow (R-Utah) and Ivo Brandt (D-Conn.).\n"
    )
    assert _speaker_starting(speakers, "Walking out now") == "Tam Oduya"
    assert _speaker_starting(speakers, "We will put the bill") == "Dana Whitlow"
