"""Summary sentences shown with the name a pronoun or a bare surname stands for, and
without an opening label in capitals (synthetic texts)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsweave.brief.align import StoryAlignment
from newsweave.brief.build import build_brief
from newsweave.brief.doc import StoryDoc
from newsweave.brief.summary_events import same_event
from newsweave.brief.summary_names import introduce_names, strip_label
from newsweave.models import Article


def _story(*bodies: str) -> StoryAlignment:
    articles = [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=body, outlet=f"O{k}")
        for k, body in enumerate(bodies)
    ]
    return StoryAlignment(StoryDoc.from_articles(articles))


def _row(story: StoryAlignment, opening: str) -> int:
    return next(k for k, s in enumerate(story.sentences) if s.text.startswith(opening))


def test_strip_label_drops_a_capitals_label_and_keeps_everything_else() -> None:
    text = "The harbour board will close the north pier for repairs on Friday."
    assert strip_label(f"EXCLUSIVE: {text}") == text
    assert strip_label(f"BREAKING NEWS: {text}") == text
    assert strip_label("WATCH: The pier.") == "WATCH: The pier."  # too short to stand alone
    assert strip_label(f"U.S.: {text}") == f"U.S.: {text}"
    assert strip_label(f"Update: {text}") == f"Update: {text}"  # not in capitals
    assert strip_label(text) == text


def test_a_bare_surname_gets_the_one_full_name_its_article_gave() -> None:
    story = _story(
        "Harbour master Dana Okafor closed the north pier on Friday. "
        "Okafor, who has run the port for a decade, said repairs would take a month.",
        "The north pier in the old port was closed on Friday for a month of repairs.",
    )
    row = _row(story, "Okafor, who")
    text = story.sentences[row].text
    assert introduce_names(story, [row], [text]) == [f"[Dana] {text}"]
    # Already introduced in the summary: left as it is.
    first = _row(story, "Harbour master")
    shown = introduce_names(story, [first, row], [story.sentences[first].text, text])
    assert shown[1] == text
    # Introduced by a name added (in brackets) to an earlier summary sentence: not again.
    again = _story(
        "Harbour master Dana Okafor spoke on Friday. "
        "Okafor, the harbour master, said the pier would reopen in May.",
        "Harbour master Dana Okafor closed the north pier on Friday. "
        "Okafor, who has run the port for a decade, said repairs would take a month.",
    )
    one, two = _row(again, "Okafor, the"), _row(again, "Okafor, who")
    texts = [again.sentences[one].text, again.sentences[two].text]
    assert introduce_names(again, [one, two], texts) == [f"[Dana] {texts[0]}", texts[1]]


def test_a_surname_two_people_share_is_not_guessed() -> None:
    story = _story(
        "Dana Okafor and her brother Ade Okafor opened the bakery in May. "
        "Okafor, who bakes the bread, said the ovens came from a closed school."
    )
    row = _row(story, "Okafor, who")
    text = story.sentences[row].text
    assert introduce_names(story, [row], [text]) == [text]


def test_a_pronoun_subject_gets_its_referent_unless_shown_after_its_sentence() -> None:
    story = _story(
        "The harbour board met on Friday. "
        "Board chairman Dana Okafor announced that the north pier would close for a month. "
        "She said the repairs would cost the town about two million pounds."
    )
    row = _row(story, "She said")
    text = story.sentences[row].text
    assert introduce_names(story, [row], [text]) == [
        "[Dana Okafor] said the repairs would cost the town about two million pounds."
    ]
    before = row - 1
    shown = introduce_names(story, [before, row], [story.sentences[before].text, text])
    assert shown[1] == text  # right after the sentence naming her: reads as it is


def test_a_pronoun_with_no_decided_referent_is_left_alone() -> None:
    story = _story(
        "Dana Okafor met Ade Bello at the harbour on Friday. "
        "He said the repairs would cost the town about two million pounds."
    )
    row = _row(story, "He said")
    text = story.sentences[row].text
    assert introduce_names(story, [row], [text]) == [text]


def test_the_brief_summary_shows_no_label() -> None:
    body = (
        "EXCLUSIVE: The harbour board will close the north pier for repairs on Friday, "
        "a source close to the board told reporters. The closing will last a month."
    )
    articles = [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=body, outlet=f"O{k}") for k in range(2)
    ]
    brief = build_brief("s", articles)
    assert brief.summary
    assert all(not s.text.startswith("EXCLUSIVE") for s in brief.summary)


def _dated(*bodies: tuple[str, datetime | None]) -> StoryAlignment:
    articles = [
        Article(id=f"a{k}", key=f"a{k}", title=None, body=body, outlet=f"O{k}", published=when)
        for k, (body, when) in enumerate(bodies)
    ]
    return StoryAlignment(StoryDoc.from_articles(articles))


def test_same_event_one_day_told_with_two_day_words() -> None:
    monday = datetime(2030, 3, 4, 12, tzinfo=UTC)  # a Monday
    story = _dated(
        ("Mayor Dana Okafor today announced that the harbour board will rebuild the north pier.",
         monday),
        ("On Monday, Mayor Okafor came out for rebuilding the north pier with federal money.",
         monday),
        ("On Friday, Mayor Okafor will open the rebuilt north pier to the public.", monday),
        ("Mayor Dana Okafor today announced that the harbour board will rebuild the north pier.",
         None),
    )  # fmt: skip
    first, second, planned, undated = range(4)
    assert same_event(story, second, [first])
    assert not same_event(story, planned, [first])  # another day (and planned)
    assert not same_event(story, undated, [first])  # an undated article is never read
    later = _dated(
        ("Mayor Dana Okafor today announced that the harbour board will rebuild the north pier.",
         monday),
        ("On Monday, Mayor Okafor came out for rebuilding the north pier with federal money.",
         monday + timedelta(days=7)),  # a week later: the Monday of that week
    )  # fmt: skip
    assert not same_event(later, 1, [0])
    figures = _dated(
        ("Mayor Dana Okafor today said 17 harbour workers will rebuild the north pier.", monday),
        ("On Monday, Mayor Okafor said eight harbour workers arrived to rebuild the north pier.",
         monday),
    )  # fmt: skip
    assert not same_event(figures, 1, [0])  # other figures: other facts


def test_a_quotation_said_by_a_pronoun_gets_its_speaker_in_brackets() -> None:
    from newsweave.brief.quotes import find_quotes
    from newsweave.brief.summary_names import speakers_by_article

    story = _story(
        "Dana Okafor said the north pier was closed on Friday. "
        "The board met on Monday to plan the repairs. "
        "“We ask that walkers keep away from the pier until May,” she told a local paper.",
        "The north pier in the old port was closed on Friday for a month of repairs.",
    )
    said = speakers_by_article(find_quotes(story.doc))
    row = _row(story, "“We ask")
    text = story.sentences[row].text
    shown = introduce_names(story, [row], [text], said)
    assert shown == [text.replace("she told", "[Dana Okafor] told")], shown
    # Shown right after the sentence before it, or without the quotations: as written.
    before = row - 1
    pair = [story.sentences[before].text, text]
    assert introduce_names(story, [before, row], pair, said)[1] == text
    assert introduce_names(story, [row], [text]) == [text]
