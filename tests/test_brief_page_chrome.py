"""Page chrome and editors' notes: the one test every part of a brief asks."""

from __future__ import annotations

import pytest

from newsweave.brief.page_chrome import is_page_chrome
from newsweave.brief.single_source import refers_back

CHROME = [
    # a player's or a box's leftover
    "CLOSE The mayor's office released footage of the flood on Tuesday.",
    "REPLAY SKIP AD Firefighters battled the blaze for six hours.",
    "Advertisement The council voted 7-2 to approve the budget.",
    "Jane Roe Interview Replay More Videos ...",
    "Facebook Twitter Email A firefighter carries a child from the flooded school.",
    "Up Next: Officials say the bridge will reopen in May.",
    # calls to action with a link target
    "Click for more from the Daily Courier.",
    "Click here to read the full report.",
    "Sign up for our morning newsletter.",
    "Follow us on Twitter for the latest updates.",
    "Read more: The history of the dam in five charts.",
    "Watch the full interview above.",
    "• Subscribe to our podcast on your phone.",
    "Related: Storm leaves thousands without power",
    "MORE: What we know about the crash so far",
    # editors' notes
    "Correction: The initial version of this article misstated the mayor's age.",
    "Editor's note — This piece has been updated with the senator's response.",
    "Update (5:40 p.m.):",
    "UPDATED 3:15 p.m. ET: See below.",
    "Clarification: The mayor's remarks were made on Tuesday.",
    "An earlier version of this story gave the wrong date for the vote.",
    "This story has been updated to include comments from the company.",
    "The minister spoke in Lyon; we've updated the top of this post to reflect the news.",
    "This is a developing story; check back for updates.",
    # a credit line
    "Jo Doe wrote this story in Paris, and Ada Roe reported from Lyon.",
    # a sentence that only points elsewhere
    "Above, you'll see a photo of the crowd outside the courthouse.",
    "Here is the full transcript of the speech.",
]

STORY = [
    "The mayor said the city would close three schools next week.",
    "Share prices fell more than 4 percent after the announcement.",
    "Follow-up talks are planned for more than a dozen countries.",
    '"See you here tomorrow," the coach told reporters.',
    "Read together, the two rulings leave more questions than answers.",
    "Correction officers said the inmate escaped through a vent.",
    "The Labor Department said its jobs report was revised to show 20,000 more jobs.",
    "WASHINGTON — The Senate passed the bill on Friday.",
    "Police said the video above the bar's entrance was not working.",
    "The company said it had updated its privacy policy in March.",
    "Visitors can see the exhibit until June.",
    "NATO leaders will meet in Brussels next month.",
    "Update (5:40 p.m.): The governor has signed the bill.",
    "Editor's note: Later that evening the Senate passed the bill.",
    "We would like to apply the method to more videos of the leak.",
    "Witnesses said the band was not now playing the concert.",
    "A driver filling up next to the station disagreed.",
    "The reporter was expelled from Moscow after he reported from Chechnya in 1995.",
    "The chart below shows that cases doubled in May.",
    "In the video above, the minister says the talks have failed.",
    "Twitter said it had suspended the account on Monday.",
    "Facebook and Twitter removed the posts.",
    "",
]


@pytest.mark.parametrize("text", CHROME)
def test_chrome_is_found(text: str) -> None:
    assert is_page_chrome(text)


@pytest.mark.parametrize("text", STORY)
def test_story_sentences_are_kept(text: str) -> None:
    assert not is_page_chrome(text)


@pytest.mark.parametrize(
    ("text", "dangling"),
    [
        ("Another argued the law was never enforced.", True),
        ("Others said the vote was rigged.", True),
        ("The group also released a video of the attack.", True),
        ("The agency has also opened an inquiry.", True),
        ("Another storm is expected to reach the coast on Friday.", False),
        ("The group released a video of the attack on Monday.", False),
        ("Some 200 people were evacuated.", False),
    ],
)
def test_refers_back(text: str, dangling: bool) -> None:
    tokens = tuple(word.strip(".,").lower() for word in text.split())
    assert refers_back(tokens) is dangling
