"""Section headings put back into a body that lost them (invented pages)."""

from __future__ import annotations

import lxml.html
import trafilatura

from newsweave.extract.html import extract_html
from newsweave.extract.htmlheadings import restore_headings

PARAS = [
    "The old mill by the river was rebuilt last year by a group of volunteers who spent "
    "their weekends hauling stones and timber.",
    "Water now turns the wheel again, and on Saturdays the mill grinds flour that the "
    "village bakery sells before noon.",
    "Keeping the wheel turning takes work: the sluice must be cleared of leaves every week, "
    "and the bearings need grease each month.",
    "Visitors are welcome on the first Sunday of each month, when the volunteers open the "
    "doors and explain how the machinery works.",
]

# No element that trafilatura's container expressions know: it falls back to the page's
# loose paragraphs, and that fallback never reads headings.
PAGE = f"""<html><head><title>The mill</title></head><body>
<div class="wrap"><div class="box">
<p>{PARAS[0]}</p>
<h2>Grinding again</h2>
<p>{PARAS[1]}</p>
<h3>Upkeep of the <em>wheel</em></h3>
<p>{PARAS[2]}</p>
<h2>Open days</h2>
<p>{PARAS[3]}</p>
</div></div></body></html>"""


def _tree(body: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body>{body}</body></html>")


def test_headings_of_a_page_without_an_article_container_are_kept() -> None:
    # The kind of page this repairs: trafilatura alone drops every heading.
    bare = trafilatura.extract(PAGE) or ""
    assert PARAS[1] in bare
    assert "Grinding again" not in bare
    body = extract_html(PAGE).body.split("\n\n")
    assert body == [
        PARAS[0],
        "Grinding again",
        PARAS[1],
        "Upkeep of the wheel",
        PARAS[2],
        "Open days",
        PARAS[3],
    ]


def test_a_heading_goes_back_in_front_of_its_block_only() -> None:
    tree = _tree(f"<p>{PARAS[0]}</p><h2>Grinding again</h2><p>{PARAS[1]}</p>")
    assert restore_headings([PARAS[0], PARAS[1]], tree) == [PARAS[0], "Grinding again", PARAS[1]]
    # The block after the heading is not in the body: its heading stays out too.
    assert restore_headings([PARAS[0]], tree) == [PARAS[0]]


def test_runs_of_headings_go_back_together() -> None:
    tree = _tree(
        f"<p>{PARAS[0]}</p><h2>Upgrades</h2><div><h3>1. Oil the bearings</h3></div>"
        f"<p>{PARAS[2]}</p>"
    )
    assert restore_headings([PARAS[0], PARAS[2]], tree) == [
        PARAS[0],
        "Upgrades",
        "1. Oil the bearings",
        PARAS[2],
    ]


def test_no_heading_above_the_first_line_of_the_body() -> None:
    # What sits above the article's first block is the page's (a kicker, an author box).
    tree = _tree(f"<h2>Village life</h2><p>{PARAS[0]}</p><h2>Grinding again</h2><p>{PARAS[1]}</p>")
    assert restore_headings([PARAS[0], PARAS[1]], tree) == [PARAS[0], "Grinding again", PARAS[1]]


def test_a_heading_the_body_holds_already_is_not_repeated() -> None:
    tree = _tree(f"<p>{PARAS[0]}</p><h2>Number 2: the wheel</h2><p>{PARAS[1]}</p>")
    # As a line of its own elsewhere, and split over the lines just above its block.
    held = [PARAS[0], "Number 2: the wheel", PARAS[1]]
    assert restore_headings(held, tree) == held
    split = [PARAS[0], "Number 2:", "the wheel", PARAS[1]]
    assert restore_headings(split, tree) == split


def test_a_heading_over_a_list_of_links_labels_the_links() -> None:
    # A table of contents: its heading never goes in front of the first section.
    tree = _tree(
        f"<p>{PARAS[0]}</p><h2>Table of contents</h2>"
        '<ul><li><a href="#a">Why the mill was rebuilt</a></li></ul>'
        f"<p>{PARAS[1]}</p>"
    )
    assert restore_headings([PARAS[0], PARAS[1]], tree) == [PARAS[0], PARAS[1]]


def test_hidden_headings_and_headings_the_caller_rejects_stay_out() -> None:
    tree = _tree(
        f'<p>{PARAS[0]}</p><h2 style="display: none">Link copied</h2><p>{PARAS[1]}</p>'
        f"<h2>Related stories</h2><p>{PARAS[2]}</p>"
    )
    lines = [PARAS[0], PARAS[1], PARAS[2]]
    assert restore_headings(lines, tree, keep=lambda line: "Related" not in line) == lines
    assert restore_headings(lines, tree) == [PARAS[0], PARAS[1], "Related stories", PARAS[2]]


def test_a_body_that_kept_most_of_its_headings_is_left_alone() -> None:
    tree = _tree(
        f"<p>{PARAS[0]}</p><h2>Grinding again</h2><p>{PARAS[1]}</p>"
        f"<h2>Upkeep</h2><p>{PARAS[2]}</p><h2>Open days</h2><p>{PARAS[3]}</p>"
    )
    # Two of three headings kept: the third was left out on purpose.
    kept = [PARAS[0], "Grinding again", PARAS[1], PARAS[2], "Open days", PARAS[3]]
    assert restore_headings(kept, tree) == kept
    # One of three kept: the body was read without them.
    lost = [PARAS[0], PARAS[1], PARAS[2], "Open days", PARAS[3]]
    assert restore_headings(lost, tree) == [
        PARAS[0],
        "Grinding again",
        PARAS[1],
        "Upkeep",
        PARAS[2],
        "Open days",
        PARAS[3],
    ]
