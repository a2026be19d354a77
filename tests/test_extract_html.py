"""HTML extraction on small pages shaped like real outlets' markup."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsweave.errors import ExtractionError
from newsweave.extract import extract_article
from newsweave.extract.html import extract_html
from newsweave.extract.htmlclean import clean_paragraphs
from newsweave.extract.htmlmeta import choose_title
from newsweave.models import RawDocument

ARTICLE_PARAGRAPHS = [
    "The city council voted on Tuesday to expand the tram network by eleven kilometres, "
    "ending a debate that had stalled the project for almost four years.",
    "Supporters said the new line would connect the northern suburbs to the hospital district "
    "and cut commuting times for thousands of nurses and students.",
    "Opponents argued that the budget, now estimated at 310 million euros, had doubled since the "
    "first plans and that buses could serve the same routes at a fraction of the cost.",
    "Construction is expected to begin next spring, the mayor told reporters after the vote, "
    "adding that the first trams could run before the end of the decade.",
]


def _paragraphs_html() -> str:
    return "\n".join(f"<p>{text}</p>" for text in ARTICLE_PARAGRAPHS)


# A WordPress-like blog/news page: JSON-LD, Open Graph, share bar, newsletter box,
# related list, comments, footer.
NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Council approves tram extension | The Riverside Courier</title>
<meta property="og:title" content="Council approves tram extension">
<meta property="og:site_name" content="The Riverside Courier">
<meta property="og:url" content="https://courier.example/news/tram-extension">
<meta property="article:published_time" content="2024-06-04T09:30:00+02:00">
<link rel="canonical" href="/news/tram-extension">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Council approves tram extension",
  "datePublished": "2024-06-04T09:30:00+02:00",
  "author": [{{"@type": "Person", "name": "Maria Lopez"}},
             {{"@type": "Person", "name": "Tom Reed"}}],
  "publisher": {{"@type": "Organization", "name": "Riverside Courier Ltd"}}}}
</script>
<script>window.dataLayer = []; var tracking = "SECRET_TRACKING_CODE";</script>
</head>
<body>
<header><nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>Council approves tram extension</h1>
<div class="share-bar"><a href="#">Share on Facebook</a><a href="#">Share on X</a></div>
<div class="entry-content">
{_paragraphs_html()}
<div class="newsletter-signup"><h3>Get our morning briefing</h3>
<p>Sign up to receive the top stories from the Riverside Courier every morning in your inbox.</p>
<form><input type="email"><button>Subscribe</button></form></div>
<p>Related: <a href="/news/bus-fares">Bus fares to rise by ten per cent from January</a></p>
</div>
<section class="related-stories"><h2>More from the Courier</h2><ul>
<li><a href="/a">Harbour bridge closed for repairs over the weekend</a></li>
<li><a href="/b">New library opens its doors to readers in the old town</a></li>
</ul></section>
<div id="comments"><h3>3 comments</h3><p>Great news, finally!</p></div>
</article>
</main>
<footer><p>© 2024 Riverside Courier. All rights reserved.</p></footer>
</body>
</html>"""


# A newspaper page with microdata and meta tags only, no JSON-LD.
MICRODATA_PAGE = f"""<html>
<head>
<meta http-equiv="content-language" content="de">
<title>Neue Brücke eröffnet - Tagesblatt</title>
<meta name="author" content="Anna Schmidt">
<meta name="date" content="2023-11-19">
<meta property="og:url" content="https://tagesblatt.example/lokales/bruecke">
</head>
<body>
<div class="page">
<div class="breadcrumb"><a href="/">Start</a> › <a href="/lokales">Lokales</a></div>
<div itemprop="articleBody" class="article-body">
{_paragraphs_html()}
<figure><img src="x.jpg">
<figcaption>Die neue Brücke am Abend. Foto: Max Muster</figcaption></figure>
</div>
<aside class="sidebar"><h4>Meistgelesen</h4>
<p>Ein ganz anderer Text aus der Seitenleiste.</p></aside>
</div>
</body>
</html>"""


def test_news_page_body_is_clean_article_text() -> None:
    found = extract_html(NEWS_PAGE)
    paragraphs = found.body.split("\n\n")
    assert paragraphs == ARTICLE_PARAGRAPHS
    for junk in (
        "Share on",
        "Sign up",
        "morning briefing",
        "Bus fares",
        "Harbour bridge",
        "Great news",
    ):
        assert junk not in found.body, junk
    assert "SECRET_TRACKING_CODE" not in found.body
    assert "All rights reserved" not in found.body


def test_news_page_metadata() -> None:
    found = extract_html(NEWS_PAGE, url="https://courier.example/news/tram-extension?utm=x")
    assert found.title == "Council approves tram extension"
    assert found.published == datetime(2024, 6, 4, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert found.authors == ("Maria Lopez", "Tom Reed")
    assert found.outlet == "The Riverside Courier"
    assert found.url == "https://courier.example/news/tram-extension?utm=x"
    assert found.canonical_url == "https://courier.example/news/tram-extension"
    assert found.language == "en"


def test_relative_canonical_without_url_falls_back_to_og_url() -> None:
    found = extract_html(NEWS_PAGE, url=None)
    # The relative canonical link is resolved against og:url.
    assert found.canonical_url == "https://courier.example/news/tram-extension"
    assert found.url == found.canonical_url


def test_microdata_page_metadata_and_body() -> None:
    found = extract_html(MICRODATA_PAGE)
    assert found.body.split("\n\n") == ARTICLE_PARAGRAPHS
    assert "Seitenleiste" not in found.body
    assert "Foto:" not in found.body
    assert found.title == "Neue Brücke eröffnet"
    assert found.authors == ("Anna Schmidt",)
    assert found.published == datetime(2023, 11, 19)
    assert found.language == "de"
    assert found.canonical_url == "https://tagesblatt.example/lokales/bruecke"
    assert found.outlet is None


def test_title_line_is_not_repeated_in_body() -> None:
    found = extract_html(NEWS_PAGE)
    assert not found.body.startswith("Council approves")


def test_script_in_body_never_leaks() -> None:
    page = (
        "<html><body><article>"
        + _paragraphs_html()
        + "<script>document.write('LEAKED_SCRIPT_TEXT');</script>"
        + "<p>The final paragraph of the story says the works will take three years to finish."
        + "<script>var LEAKED_INLINE = 1;</script> Officials expect delays.</p>"
        + "<style>.LEAKED_STYLE { color: red }</style>"
        + "</article></body></html>"
    )
    found = extract_html(page)
    assert "LEAKED" not in found.body
    assert "Officials expect delays." in found.body


def test_hidden_elements_are_dropped() -> None:
    page = (
        "<html><body><article>"
        + _paragraphs_html()
        + '<div style="display: none"><p>This hidden promotional paragraph must never be shown '
        "to readers because it is only a template for a pop-up.</p></div>"
        + "</article></body></html>"
    )
    found = extract_html(page)
    assert "hidden promotional" not in found.body
    assert ARTICLE_PARAGRAPHS[0] in found.body


def test_broken_html_unclosed_tags() -> None:
    page = (
        "<html><head><title>Broken page</title><body><div><article><h1>Broken page"
        + "".join(f"<p>{text}" for text in ARTICLE_PARAGRAPHS)
        + "<div><span>"
    )
    found = extract_html(page)
    for text in ARTICLE_PARAGRAPHS:
        assert text in found.body
    assert found.title == "Broken page"


def test_unclosed_title_swallowing_the_page_is_not_a_title() -> None:
    # Browsers read everything after an unclosed <title> as its text; so do we,
    # but a "title" that long is no title.
    found = extract_html("<html><head><title>Broken" + "<p>" + " ".join(ARTICLE_PARAGRAPHS))
    assert found.title is None


def test_garbage_bytes_decoded_with_replacement() -> None:
    raw = NEWS_PAGE.encode("utf-8") + b"\xff\xfe\x00\x81garbage\xc3("
    found = extract_html(raw.decode("utf-8", errors="replace"))
    assert found.body.split("\n\n") == ARTICLE_PARAGRAPHS


@pytest.mark.parametrize(
    "page",
    ["", "   \n ", "<html></html>", "<html><body></body></html>", "not html at all", "<<<>>>"],
)
def test_empty_or_degenerate_page_gives_empty_body(page: str) -> None:
    found = extract_html(page, url="https://example.org/x")
    assert found.body.strip() == "" or len(found.body) < 30
    assert found.url == "https://example.org/x"


def test_extract_article_uses_html_extractor() -> None:
    doc = RawDocument(origin="fixture.html", content_type="text/html", content=NEWS_PAGE)
    article = extract_article(doc)
    assert article.title == "Council approves tram extension"
    assert article.key == "url:https://courier.example/news/tram-extension"
    assert article.body.split("\n\n") == ARTICLE_PARAGRAPHS
    assert article.published is not None
    assert article.published.astimezone(UTC).hour == 7


def test_clean_paragraphs_drops_pointers_and_calls_to_action() -> None:
    links = {"bus fares to rise by ten per cent", "harbour bridge closed for repairs"}
    lines = [
        "Council approves tram extension",
        ARTICLE_PARAGRAPHS[0],
        "Read more: Bus fares to rise by ten per cent",
        "Advertisement",
        "Follow us on Twitter @courier for the latest news.",
        ARTICLE_PARAGRAPHS[1],
        "Don't miss",
        "Harbour bridge closed for repairs",
        ARTICLE_PARAGRAPHS[2],
        "Get the best stories in your inbox. Subscribe to our newsletters.",
        "Harbour bridge closed for repairs",
    ]
    kept = clean_paragraphs(lines, headlines=["Council approves tram extension"], links=links)
    assert kept == ARTICLE_PARAGRAPHS[:3]


def test_clean_paragraphs_keeps_prose_that_mentions_links_and_dates() -> None:
    links = {"the council s own report"}
    lines = [
        "According to the council's own report, published in 2019, costs rose by 40 per cent "
        "between March 2018 and June 2021, and the report says more increases are likely.",
        "The vote ended 31 to 12.",
    ]
    assert clean_paragraphs(lines, links=links) == lines


def test_title_is_the_visible_heading_when_a_declared_title_agrees_with_it() -> None:
    # Issue 18: declared titles are often rewritten for search or carry the site name.
    declared = [
        "Ten ways to save on heating - Example Home",
        None,
        None,
        "Save on heating | Example",
    ]
    headings = ["Example Home", "Ten Ways to Save on Heating This Winter"]
    assert choose_title(declared, headings, "Example Home") == (
        "Ten Ways to Save on Heating This Winter"
    )


def test_title_without_an_agreeing_heading_drops_the_site_name() -> None:
    declared = ["Council approves budget | The Daily Example", None, None, None]
    assert choose_title(declared, ["Latest news"], "The Daily Example") == "Council approves budget"
    # A colon part is a subtitle, not a site name: it stays.
    assert choose_title(["Budget: what it means for you"], []) == "Budget: what it means for you"


def test_article_after_a_premature_html_end_tag_is_extracted() -> None:
    # A template that closes the page before its content: lxml leaves the article
    # outside the root element, where neither trafilatura nor a walk of the root
    # sees it; a browser shows it.
    page = (
        "<html><head><title>Tram vote</title></head><body><header><a href='/'>Home</a>"
        "</header></body></html>\n"
        f"<main><article>{_paragraphs_html()}</article></main>"
    )
    body = extract_html(page).body
    assert ARTICLE_PARAGRAPHS[0] in body
    assert ARTICLE_PARAGRAPHS[-1] in body


# Pages that hold no article: every candidate falls back to the page's chrome (issue 18).
_NO_ARTICLE_PAGES = {
    "nav only": "<html><body><nav>Home</nav></body></html>",
    "footer only": (
        "<html><body><footer><p>Copyright 2024 Example Media Ltd. All rights reserved.</p>"
        "<p>Privacy policy</p></footer></body></html>"
    ),
    "menu of links": (
        "<html><body><ul>"
        + "".join(
            f'<li><a href="/{name.lower()}">{name}</a></li>'
            for name in ("Home", "World news", "Business and markets", "Sport", "Contact us")
        )
        + "</ul></body></html>"
    ),
    "one-line menu": "<html><body><p>Home | About</p></body></html>",
    "long one-line menu": (
        "<html><body><div>Home | World | Politics | Business | Science | Health | Sport | "
        "Culture | Travel | Weather | Video | Audio | Podcasts | About us | Contact</div>"
        "</body></html>"
    ),
}


@pytest.mark.parametrize("name", sorted(_NO_ARTICLE_PAGES))
def test_a_page_of_chrome_only_has_no_article(name: str) -> None:
    page = _NO_ARTICLE_PAGES[name]
    assert extract_html(page).body == ""
    doc = RawDocument(origin=f"{name}.html", content_type="text/html", content=page)
    with pytest.raises(ExtractionError, match="no article text") as raised:
        extract_article(doc)
    assert f"{name}.html" in str(raised.value)


def test_a_short_real_article_with_navigation_still_extracts() -> None:
    sentences = (
        "The harbour authority closed the northern pier on Friday after storm damage. "
        "Engineers found cracks in two support columns during a routine inspection. "
        "Ferries will use the southern terminal until repairs finish next month."
    )
    page = (
        "<html><head><title>Northern pier closed</title></head><body>"
        '<nav><a href="/">Home</a> | <a href="/about">About</a></nav>'
        f"<article><h1>Northern pier closed</h1><p>{sentences}</p></article>"
        "<footer>Copyright 2024 Example Media Ltd.</footer></body></html>"
    )
    assert extract_html(page).body == sentences


def test_a_short_feed_fragment_is_still_an_article_but_a_link_menu_is_not() -> None:
    # A fragment is the article its container declares, however short...
    assert extract_html("<p>Unions and the operator agreed.</p>").body == (
        "Unions and the operator agreed."
    )
    # ...but a fragment of nothing but links is a menu, not an article.
    menu = '<ul><li><a href="/a">Home</a></li><li><a href="/b">About us</a></li></ul>'
    assert extract_html(menu).body == ""
