"""Article text that markup accidents hide: comment-named wrappers, React's streamed
segments and unclosed buttons (issue 18)."""

from __future__ import annotations

from lxml.html import HtmlElement, fromstring

from newsweave.extract.html import extract_html
from newsweave.extract.htmlcomments import disarm_named_comments, is_reader_comments
from newsweave.extract.htmlparse import parse_page, place_streamed_segments
from newsweave.extract.htmlrecover import paragraph_words
from newsweave.extract.htmlrender import render_text

ARTICLE = [
    f"Paragraph {i} of the report says the river authority will rebuild the weir this "
    "spring so that the towpath can reopen, and that boats must wait below the lock."
    for i in range(6)
]
PARAGRAPHS = "".join(f"<p>{text}</p>" for text in ARTICLE)
THREAD = (
    '<section class="comments"><h2>2 Comments</h2>'
    '<div class="comment"><p>Rivermouse wrote a long note that the towpath has been shut '
    "for far too long already.</p><a href='#r1'>Reply</a></div>"
    '<div class="comment"><p>Another reader thinks the weir was fine as it was and says '
    "the money should go elsewhere.</p><a href='#r2'>Reply</a></div></section>"
)


def _page(article: str, *, after: str = "", head: str = "") -> str:
    return (
        f"<html><head><title>Weir rebuild</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<h1>Weir rebuild</h1>{article}{after}</body></html>"
    )


def _element(html: str) -> HtmlElement:
    element = fromstring(html)
    assert isinstance(element, HtmlElement)
    return element


# --- comment-named containers -------------------------------------------------------------


def test_an_article_in_a_container_merely_named_comment_is_extracted() -> None:
    # A "comment on selection" widget wraps the post: trafilatura deletes any
    # element whose class starts with "comment", and the page's paragraph count
    # left it out, so nothing noticed the loss.
    page = _page(f'<div class="commentOnSelection"><div id="postBody">{PARAGRAPHS}</div></div>')
    body = extract_html(page).body
    assert ARTICLE[0] in body
    assert ARTICLE[-1] in body


def test_a_wrapper_without_signs_of_comments_loses_its_comment_name() -> None:
    tree = _element(_page(f'<div class="commentable post" id="comment-root">{PARAGRAPHS}</div>'))
    assert paragraph_words(tree) == 0
    comments = disarm_named_comments(tree)
    assert comments == []
    wrapper = tree.find(".//div")
    assert wrapper is not None
    assert wrapper.get("class") == "post"
    assert wrapper.get("id") is None
    assert paragraph_words(tree) == paragraph_words(tree, sections=comments) > 100


def test_a_reader_comment_thread_stays_a_comment_section() -> None:
    tree = _element(_page(PARAGRAPHS, after=THREAD))
    comments = disarm_named_comments(tree)
    # The section and the items in it keep their names, and count out as before.
    assert [element.get("class") for element in comments] == ["comments", "comment", "comment"]
    assert paragraph_words(tree, sections=comments) == paragraph_words(tree)
    body = extract_html(_page(f"<article>{PARAGRAPHS}</article>", after=THREAD)).body
    assert ARTICLE[-1] in body
    assert "Rivermouse" not in body


def test_each_sign_of_a_comment_section_is_enough() -> None:
    text = " ".join(ARTICLE[:2])
    signs = [
        "<form><textarea></textarea></form>",
        "<time datetime='2024-05-01'>1 May</time><time datetime='2024-05-02'>2 May</time>",
        "<span>Reply</span>",
        "<b>jdoe says:</b>",
        "<span>3 hours ago</span>",
        "<h3>Leave a comment</h3>",
        "<img src='/img/avatar-42.png'>",
        "<div class='comment-item'>a</div><div class='comment-item'>b</div>",
    ]
    for sign in signs:
        assert is_reader_comments(_element(f"<div class='comments'><p>{text}</p>{sign}</div>"))
    assert not is_reader_comments(_element(f"<div class='commentable'><p>{text}</p></div>"))


def test_an_article_with_its_date_and_a_newsletter_form_is_no_comment_section() -> None:
    wrapper = _element(
        "<div class='comment-enabled'><time datetime='2024-05-01'>1 May 2024</time>"
        f"{PARAGRAPHS}<form><input type='email' placeholder='Your email'>"
        "<button>Sign me up</button></form></div>"
    )
    assert not is_reader_comments(wrapper)


def test_one_of_several_sibling_comments_is_a_comment() -> None:
    item = f"<div class='comment-body'><p>{ARTICLE[0]}</p></div>"
    tree = _element(f"<html><body><div>{item}{item}</div></body></html>")
    assert len(disarm_named_comments(tree)) == 2


# --- React streamed segments --------------------------------------------------------------


def _streamed(segment: str, call: str) -> str:
    return _page(
        '<article><div id="postContent"><template id="P:1"></template></div></article>',
        after=f'<div hidden id="S:1">{segment}</div><script>{call}</script>',
    )


def test_a_streamed_segment_is_placed_where_the_page_script_puts_it() -> None:
    tree = parse_page(_streamed(PARAGRAPHS, '$RS("S:1","P:1")'))
    assert tree is not None
    assert place_streamed_segments(tree) == 1
    content = tree.find(".//article")
    assert content is not None
    assert ARTICLE[3] in content.text_content()
    assert tree.find(".//template") is None


def test_a_streamed_part_of_the_article_is_extracted_in_its_place() -> None:
    # The server sent the middle of the article late; the page's script moves it
    # between the paragraphs around its placeholder.
    shown = "".join(f"<p>{text}</p>" for text in ARTICLE[:3])
    page = _page(
        f'<article>{shown}<template id="P:1"></template><p>{ARTICLE[5]}</p></article>',
        after=f'<div hidden id="S:1"><p>{ARTICLE[3]}</p><p>{ARTICLE[4]}</p></div>'
        '<script>$RS("S:1","P:1")</script>',
    )
    body = extract_html(page).body
    assert body.split("\n\n")[-4:] == ARTICLE[2:]


def test_a_boundary_completion_places_its_segment_and_keeps_the_text_after_it() -> None:
    page = (
        "<html><body><div><template id='B:0'></template>after the boundary</div>"
        "<div hidden id='S:0'>lead text<p>streamed paragraph</p></div>"
        '<script>$RC("B:0","S:0")</script></body></html>'
    )
    tree = parse_page(page)
    assert tree is not None
    assert place_streamed_segments(tree) == 1
    assert render_text(tree).split("\n\n") == [
        "lead text",
        "streamed paragraph",
        "after the boundary",
    ]


def test_segments_without_a_call_or_mostly_links_stay_hidden() -> None:
    # No call in the page: nothing moves.
    tree = parse_page(_streamed(PARAGRAPHS, "var ready = true;"))
    assert tree is not None
    assert place_streamed_segments(tree) == 0
    # A streamed menu is chrome, not article: it stays where the page left it.
    menu = "<ul>" + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8)) + "</ul>"
    tree = parse_page(_streamed(menu, '$RS("S:1","P:1")'))
    assert tree is not None
    assert place_streamed_segments(tree) == 0


# --- unclosed buttons ---------------------------------------------------------------------


def test_text_swallowed_by_an_unclosed_button_is_visible() -> None:
    page = _element(
        f"<html><body><button class='menu'>Menu<h1>Weir rebuild</h1>{PARAGRAPHS}</body></html>"
    )
    assert ARTICLE[-1] in render_text(page)


def test_a_button_label_stays_out_of_the_visible_text() -> None:
    page = _element(
        f"<html><body>{PARAGRAPHS}<button><p>Share this</p></button><button>Print</button>"
        "</body></html>"
    )
    text = render_text(page)
    assert "Share this" not in text
    assert "Print" not in text
    assert ARTICLE[0] in text
