"""The web app in real headless Chromium: list, story, citation jump, search, XSS, phone layout.

Screenshots go to ``test-artifacts/`` for a human look.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
from tests.e2e.conftest import story_json


def _largest_story(base: str) -> dict[str, Any]:
    body = httpx.get(f"{base}/api/v1/stories", params={"order": "largest"}, timeout=30).json()
    story: dict[str, Any] = body["stories"][0]
    return story


def test_list_story_and_citation_jump(live_server: str, page: Any, artifacts: Path) -> None:
    story = _largest_story(live_server)
    data = story_json(live_server, story["id"])  # builds the brief once
    assert data["brief"]["summary"], "the seed story has a summary"

    page.goto(f"{live_server}/stories")
    assert page.locator("h1").inner_text() == "Stories"
    page.screenshot(path=str(artifacts / "01-story-list.png"), full_page=True)

    page.get_by_role("link", name=story["headline"]).click()
    page.wait_for_url(re.compile(rf"/stories/{story['id']}$"))
    assert page.locator("#h-summary").is_visible()
    page.screenshot(path=str(artifacts / "02-story-page.png"), full_page=True)

    citation = data["brief"]["summary"][0]["citations"][0]
    link = page.locator("a.cite").first
    anchor = link.get_attribute("href") or ""
    assert re.fullmatch(r"#src-\d+", anchor), anchor
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/stories/{story['id']}{anchor}$"))
    assert page.evaluate("document.querySelector(':target').id") == anchor[1:]
    entry = page.locator(anchor)
    assert entry.is_visible()
    page.screenshot(path=str(artifacts / "03-source-list.png"))
    # The source's entry lists the sentences cited from it; each opens the article there.
    entry.locator("details > summary").click()
    cited = f"/articles/{citation['article']}#s-{citation['sentence']}"
    entry.locator(f'a[href="{cited}"]').click()
    page.wait_for_url(re.compile(rf"/articles/{citation['article']}#s-{citation['sentence']}$"))
    target = page.locator(f"#s-{citation['sentence']}")
    assert target.inner_text().strip() == citation["text"].strip()
    assert page.evaluate("document.querySelector(':target').id") == f"s-{citation['sentence']}"
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < 900, "the cited sentence is scrolled into view"
    page.screenshot(path=str(artifacts / "04-cited-sentence.png"))


def test_search_for_a_person(live_server: str, page: Any, artifacts: Path) -> None:
    story = _largest_story(live_server)
    entities = story_json(live_server, story["id"])["brief"]["entities"]
    people = [e["name"] for e in entities if e["label"] == "person"]
    assert people, "the brief names at least one person"
    person = people[0]

    page.goto(f"{live_server}/")
    page.get_by_label("Search stories and articles").fill(person)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search\?q="))
    results = page.locator("#h-sarticles + ul.results > li")
    assert results.count() >= 1
    marks = page.locator("ul.results mark").all_inner_texts()
    first_word = person.split()[0].casefold()
    assert any(m.casefold() == first_word or m.casefold() in person.casefold() for m in marks)
    page.screenshot(path=str(artifacts / "04-search.png"), full_page=True)


def test_hostile_article_never_runs(live_server: str, page: Any, artifacts: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hits = httpx.get(f"{live_server}/api/v1/search", params={"q": "harbour council"}).json()
    article_id = hits["articles"][0]["id"]
    page.goto(f"{live_server}/articles/{article_id}")
    page.locator(".body").hover()
    page.goto(f"{live_server}/search?q=harbour")
    page.goto(f"{live_server}/stories/{hits['articles'][0]['story']}")
    page.locator("h1").hover()
    assert dialogs == []
    assert (
        page.evaluate("document.querySelectorAll('main script, main img, main iframe').length") == 0
    )
    page.goto(f"{live_server}/articles/{article_id}")
    assert "<script>alert('body')</script>" in page.locator(".body").inner_text()
    page.screenshot(path=str(artifacts / "05-hostile-article.png"))


def test_phone_layout(browser: Any, live_server: str, artifacts: Path) -> None:
    story = _largest_story(live_server)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{live_server}/stories/{story['id']}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "no horizontal scrolling on a phone"
        page.screenshot(path=str(artifacts / "06-phone-story.png"), full_page=True)
    finally:
        context.close()


def test_api_docs_render(live_server: str, page: Any, artifacts: Path) -> None:
    # Swagger UI before 5.0 cannot read the OpenAPI 3.1 schema ("Unable to render
    # this definition"); the page must show the operations, from local assets only.
    elsewhere: list[str] = []

    def note(request: Any) -> None:
        if not request.url.startswith((live_server, "data:")):
            elsewhere.append(request.url)

    page.on("request", note)
    page.goto(f"{live_server}/docs")
    page.locator(".opblock").first.wait_for()
    assert "Unable to render this definition" not in page.content()
    assert page.locator(".opblock").count() >= 5
    assert page.get_by_text("/api/v1/stories").first.is_visible()
    assert elsewhere == [], elsewhere
    page.screenshot(path=str(artifacts / "07-api-docs.png"))


def test_home_page_cards(live_server: str, page: Any, artifacts: Path) -> None:
    story = _largest_story(live_server)
    page.goto(f"{live_server}/")
    assert page.locator("h1").inner_text() == "Top stories"
    card = page.locator("li.story-card").first
    assert card.get_by_role("link", name=story["headline"]).is_visible()
    bar = card.locator(".cover")
    assert bar.is_visible()
    label = bar.get_attribute("aria-label") or ""
    assert label.startswith("Coverage by outlets' rating: ")
    # The segments fill the bar from left to right in proportion.
    widths = [s.bounding_box()["width"] for s in bar.locator(".seg").all()]  # type: ignore[index]
    total = bar.bounding_box()["width"]  # type: ignore[index]
    assert abs(sum(widths) - total) <= 2
    page.screenshot(path=str(artifacts / "05-home.png"), full_page=True)
    page.get_by_role("link", name="Show one-source stories too").click()
    page.wait_for_url(re.compile(r"all=1"))
    assert page.locator("li.story-card").count() >= 2  # the hostile one-source story too
    page.get_by_role("link", name="Blind spots").first.click()
    page.wait_for_url(re.compile(r"/blindspots$"))
    assert page.locator("h1").inner_text() == "Blind spots"


def test_period_switch_and_outlet_feed(live_server: str, page: Any, artifacts: Path) -> None:
    """The home page's period switch keeps its feed on the same selection, and an outlet
    reached from the sources page offers its feed, which serves its stories."""
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Last 7 days").click()
    page.wait_for_url(re.compile(r"period=week"))
    feed = page.get_by_role("link", name="RSS feed")
    assert "period=week" in (feed.get_attribute("href") or "")
    page.goto(f"{live_server}/sources")
    outlet = page.locator("table th a").first
    name = outlet.inner_text()
    outlet.click()
    page.wait_for_url(re.compile(r"/stories\?outlet="))
    assert page.locator("li").filter(has=page.locator("a[href^='/stories/']")).count() >= 1
    follow = page.get_by_role("link", name=f"Follow {name} (RSS)")
    assert follow.is_visible()
    page.screenshot(path=str(artifacts / "15-outlet-stories.png"), full_page=True)
    href = follow.get_attribute("href") or ""
    rss = httpx.get(f"{live_server}{href}", timeout=30)
    assert rss.status_code == 200
    assert "<rss" in rss.text
    assert "<item>" in rss.text


def test_main_pages_load_without_a_failed_request(live_server: str, page: Any) -> None:
    """No 404 (the icon included) and no console error on the main pages."""
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: failed.append(m.text) if m.type == "error" else None)
    story = _largest_story(live_server)
    for path in ("/", "/blindspots", "/stories", "/sources", "/search?q=Putin", "/docs"):
        page.goto(f"{live_server}{path}", wait_until="networkidle")
    page.goto(f"{live_server}/stories/{story['id']}", wait_until="networkidle")
    assert failed == []
