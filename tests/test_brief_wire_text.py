"""One news agency's text counts once among a key point's supports (issue 17, item 2).

The articles are invented: an outlet whose credit line says an agency contributed,
an outlet quoting the agency's report outright, and outlets reporting on their own.
"""

from __future__ import annotations

import pytest

from conftest import load_benchmark
from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.brief.wire_text import near_identical, opens_inside, read_wire_text, unquoted
from newsweave.dedup import copy_matches, story_coverage
from newsweave.models import Article, Labels

_REPORT = (
    "Officials in Marrowby said the flooded rail tunnel would stay closed for at least "
    "three weeks while engineers pumped out the water."
)
_OTHER = "Commuters crowded onto replacement buses along the coast road on Thursday morning."


def _article(ident: str, body: str, outlet: str, **labels: object) -> Article:
    return Article(
        id=ident,
        key=ident,
        title=None,
        body=body,
        outlet=outlet,
        labels=Labels(**labels),  # type: ignore[arg-type]
    )


def _credited() -> Article:
    """An outlet's own article with the agency's sentence and a credit line."""
    return _article(
        "credited",
        "Heavy rain flooded the main rail tunnel under Marrowby late on Wednesday.\n\n"
        f"{_REPORT}\n\n{_OTHER}\n\nAgence France-Presse contributed to this report.",
        "Northern Ledger",
    )


def _quoting() -> Article:
    """An outlet quoting the agency's report: by name, then a passage after a colon."""
    return _article(
        "quoting",
        "A storm has shut the busiest rail link in the region, according to AFP.\n\n"
        "The news agency reports:\n\n"
        f'"{_REPORT}"\n\n'
        "Our own reporter at the station counted dozens of stranded travellers.",
        "Harbour Radio",
    )


def _own(ident: str, outlet: str) -> Article:
    """An outlet reporting the same fact in its own words."""
    return _article(
        ident,
        "The flooded rail tunnel in Marrowby will remain shut for three weeks or more as "
        "engineers pump water out of it, town officials said.\n\n"
        "Shops near the station closed early.",
        outlet,
    )


def _point(articles: list[Article], needle: str) -> tuple[int, int] | None:
    brief = build_brief("s", articles)
    for point in brief.key_points:
        if needle in point.text or any(needle in c.text for c in point.support):
            return point.independent_sources, point.total_sources
    return None


def test_the_credited_and_the_quoted_agency_text_count_once() -> None:
    articles = [_credited(), _quoting()]
    story = StoryAlignment(StoryDoc.from_articles(articles))
    rows = [k for k, s in enumerate(story.sentences) if "pumped out the water" in s.text]
    assert len(rows) == 2
    # Two outlets, but the sentence is one agency's text in both: one source.
    assert len({story.sources[story.sentences[k].article] for k in rows}) == 2
    assert story.source_count(rows) == 1
    # Not a key point: no second independent source states it.
    assert _point(articles, "pumped out the water") is None


def test_an_outlet_in_its_own_words_is_a_second_source_beside_the_agency() -> None:
    articles = [_credited(), _quoting(), _own("own", "Valley Chronicle")]
    assert _point(articles, "pumped out the water") == (2, 3)


def test_a_credit_line_alone_does_not_make_other_wording_the_agency_s() -> None:
    """The credit does not say which sentences are the agency's: only near-identical
    wording joins a credited article's sentence to the agency's."""
    own = _own("own", "Valley Chronicle")
    credited = _article("credited", own.body + "\n\nAFP contributed to this report.", "Ledger")
    quoting = _quoting()
    story = StoryAlignment(StoryDoc.from_articles([credited, quoting]))
    rows = [
        k
        for k, s in enumerate(story.sentences)
        if "pump water" in s.text or "pumped out the water" in s.text
    ]
    assert len(rows) == 2
    assert story.source_count(rows) == 2


def test_two_outlets_quoting_one_speaker_verbatim_stay_two() -> None:
    """Identical words with no agency linked (a speaker's quotation) are two reports."""
    said = '"We will not reopen the tunnel until every pump has been checked," the mayor said.'
    first = _article("a", f"The tunnel flooded overnight.\n\n{said}", "Ledger")
    second = _article("b", f"Water filled the tunnel.\n\n{said}", "Chronicle")
    story = StoryAlignment(StoryDoc.from_articles([first, second]))
    rows = [k for k, s in enumerate(story.sentences) if "every pump" in s.text]
    assert story.source_count(rows) == 2


def test_sentences_the_same_agency_reports_count_once_whatever_their_words() -> None:
    """Both attributed to one agency by name: one report, even in other words."""
    first = _article("a", "The tunnel will stay shut for three weeks, Reuters reported.", "Ledger")
    second = _article(
        "b", "According to Reuters, the rail tunnel is to remain closed for three weeks.", "Radio"
    )
    third = _article("c", "The tunnel will stay shut for three weeks, AFP reported.", "Post")
    story = StoryAlignment(StoryDoc.from_articles([first, second, third]))
    assert story.source_count([0, 1]) == 1
    assert story.source_count([0, 2]) == 2


def test_the_passage_after_a_colon_is_the_next_paragraph_only() -> None:
    doc = StoryDoc.from_articles([_quoting()])
    wire = read_wire_text(doc)
    carried = {item.text: wire.carried[k] for k, item in enumerate(doc.sentences)}
    assert carried["The news agency reports:"] == "AFP"
    assert carried[f'"{_REPORT}"'] == "AFP"
    assert carried["Our own reporter at the station counted dozens of stranded travellers."] is None
    credited = read_wire_text(StoryDoc.from_articles([_credited()]))
    assert credited.credited == (frozenset({"AFP"}),)
    assert not any(credited.carried)


def test_a_lower_case_word_is_no_agency() -> None:
    text = "The crowd said ap was a typo, said afp fans."
    doc = StoryDoc.from_articles([_article("a", text, "X")])
    assert not any(read_wire_text(doc).carried)


def _words(text: str) -> list[str]:
    return text.split()


def test_near_identical_needs_a_long_run_of_the_same_words() -> None:
    words = _words("the flooded rail tunnel would stay closed for at least three weeks")
    assert near_identical(words, ["officials", "said", *words])
    assert not near_identical(words, _words("the tunnel would stay shut for three weeks"))
    assert near_identical(["a", "b", "c", "d", "e"], ["x", "a", "b", "c", "d", "e", "y"])


def test_an_agency_s_own_article_and_a_credited_copy_are_one_source_of_the_story() -> None:
    """An outlet that is a news agency counts as that agency's wire credit."""
    body = "The rail tunnel under Marrowby flooded on Wednesday night after a storm."
    agency = _article("agency", body + " Repairs begin next week.", "The Associated Press")
    credited = _article(
        "credited", "Crews say the tunnel will take weeks to drain.", "Ledger", wire_credits=("AP",)
    )
    other = _article("other", "Buses replaced trains along the coast.", "Chronicle")
    articles = [agency, credited, other]
    assert story_coverage(articles, copy_matches(articles)).independent_sources == 2


@pytest.mark.slow
def test_a_credited_wire_text_and_its_quotation_in_another_outlet_count_once() -> None:
    """The r20 read's case (AllSides, August 2014): one outlet's article credits a news
    agency in a credit line, another quotes that agency's report outright; the
    sentences the judge finds stating the same thing in both are one source, so no key
    point says "reported by 2"."""
    module = load_benchmark("allsides_read", "allsides/articles.jsonl.gz")
    (articles,) = module.load_stories(module.DEFAULT_DATA, {0: _R20_WIRE}).values()
    story = StoryAlignment(StoryDoc.from_articles(articles))
    assert len(set(story.sources)) == 2
    first = [k for k, s in enumerate(story.sentences) if s.article == 0]
    pairs = [
        (row, k)
        for row, sims in zip(first, story.similarity(first), strict=True)
        for k in story.support(row, sims, threshold=0.3)
        if story.sentences[k].article == 1
    ]
    assert len(pairs) >= 3, "the two articles share several sentences of the agency's text"
    assert all(story.source_count(pair) == 1 for pair in pairs)
    # The story's main fact may still be shown, but as one source's report.
    assert all(point.independent_sources == 1 for point in build_brief("s", articles).key_points)


_R20_WIRE = ("a4Tn2XuDlM9C0wLz", "gg7Hq5HLRScFMBVY")
"""AllSides IDs: the crediting article and the quoting one."""


def test_an_agency_s_name_that_is_a_person_s_in_an_article_is_no_attribution() -> None:
    """An article naming "Jane Bloomberg" speaks of a person: "Bloomberg said" in it is
    her saying, not the agency's report."""
    person = _article(
        "a",
        "Mayor Jane Bloomberg toured the tunnel.\n\nBloomberg said the repairs would take weeks.",
        "Ledger",
    )
    agency = _article(
        "b", "Via Reuters, a report.\n\nReuters said the repairs would take weeks.", "Radio"
    )
    doc = StoryDoc.from_articles([person, agency])
    carried = read_wire_text(doc).carried
    assert carried[1] is None
    assert carried[3] == "Reuters"


def test_credit_lines_in_their_usual_shapes() -> None:
    lines = (
        "Associated Press writers Ann Lee and Bo Park contributed to this report.",
        "Reporting by Jo Kim of Reuters was used in this story.",
        "Material from Reuters was used in this report.",
        "AFP contributed reporting.",
    )
    body = "The tunnel flooded.\n\n" + "\n\n".join(lines)
    credited = read_wire_text(StoryDoc.from_articles([_article("a", body, "Ledger")])).credited
    assert credited == (frozenset({"AP", "Reuters", "AFP"}),)
    plain = "Neighbours contributed to this report by sending photographs."
    no_agency = read_wire_text(StoryDoc.from_articles([_article("b", plain, "Ledger")]))
    assert no_agency.credited == (frozenset(),)


def test_an_uncredited_reprint_of_the_agency_s_text_counts_with_it() -> None:
    """A sentence with no credit that repeats a long run of an agency's sentence outside
    quotation marks is a reprint of the wire; a speaker's words quoted alike are not."""
    wire = _article("wire", f"{_REPORT} {_OTHER}", "Reuters")
    reprint = _article("reprint", f"Storm news. {_REPORT}", "Coast Blog")
    quoted = _article(
        "quoted",
        f'"{_REPORT[:-1]}," the mayor told a news conference on Thursday afternoon.',
        "Valley Post",
    )
    story = StoryAlignment(StoryDoc.from_articles([wire, reprint, quoted]))
    rows = {
        story.doc.articles[s.article].id: k
        for k, s in enumerate(story.sentences)
        if "pumped" in s.text
    }
    assert story.source_count([rows["wire"], rows["reprint"]]) == 1
    assert story.source_count([rows["wire"], rows["quoted"]]) == 2


def test_unquoted_keeps_what_no_quotation_mark_holds() -> None:
    assert unquoted('He said "we will win" today.').split() == ["He", "said", "today."]
    assert unquoted("“We will win,” she said.").split() == ["she", "said."]
    assert unquoted('the end of a quotation," he said.').split() == ["he", "said."]
    assert unquoted('He said: "we will').split() == ["He", "said:"]


def test_an_outlet_s_passage_pasted_by_another_counts_once() -> None:
    """No agency in sight: a blog that opens with "according to documents obtained by the
    Ledger" and pastes the Ledger's paragraphs is the Ledger's text, not a second source;
    an outlet telling the same fact in its own words still is one."""
    ledger = _article("ledger", f"{_REPORT} {_OTHER}", "Northern Ledger")
    paste = _article(
        "paste",
        "According to documents obtained by the Northern Ledger, the tunnel will stay shut.\n\n"
        f"{_REPORT}\n\nWhat a mess this council has made of the railway.",
        "Hillside Blog",
    )
    own = _own("own", "Valley Chronicle")
    story = StoryAlignment(StoryDoc.from_articles([ledger, paste, own]))
    rows = {
        story.doc.articles[s.article].id: k
        for k, s in enumerate(story.sentences)
        if "pump" in s.text
    }
    assert story.source_count([rows["ledger"], rows["paste"]]) == 1
    assert story.source_count([rows["ledger"], rows["paste"], rows["own"]]) == 2


def test_unquoted_reads_single_quotation_marks_but_keeps_apostrophes() -> None:
    assert unquoted("A source said the board was 'closing the plant' on Friday.").split() == [
        "A",
        "source",
        "said",
        "the",
        "board",
        "was",
        "on",
        "Friday.",
    ]
    assert unquoted("She said ‘we are ready’ and left.").split() == ["She", "said", "and", "left."]
    kept = "The players' union said it won't strike, and don’t ask about the ’90s."
    assert unquoted(kept) == kept
    assert unquoted("He called it 'a mess") == "He called it 'a mess"


def test_a_sentence_inside_a_speaker_s_quotation_is_the_speaker_s_words() -> None:
    """The middle sentence of a three-sentence quotation has no mark of its own: two
    outlets quoting it verbatim are still two reports, not a reprint."""
    middle = (
        "We know exactly what has to get done in the next two years for the people of this town."
    )
    quote = (
        f'"The tunnel stays shut," the mayor said. "The pumps are on. {middle} '
        'Nobody will be left behind."'
    )
    first = _article("a", f"The tunnel flooded overnight.\n\n{quote}\n\n{_OTHER}", "Ledger")
    second = _article("b", f"{_REPORT}\n\nAt the station: {quote}", "Chronicle")
    story = StoryAlignment(StoryDoc.from_articles([first, second]))
    assert len(set(story.sources)) == 2
    rows = [k for k, s in enumerate(story.sentences) if s.text.startswith("We know")]
    assert len(rows) == 2
    assert story.own_words(rows[0]) == []
    assert story.source_count(rows) == 2
    assert opens_inside(f"x\n\n{quote}", len(f"x\n\n{quote}") - len('Nobody will be left behind."'))
    assert not opens_inside("He said so. Then he left.", len("He said so. "))
