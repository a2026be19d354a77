"""``newsweave demo`` writes a report a person can read: the seed story's brief first,
then the article listing (HTML and Markdown)."""

from __future__ import annotations

import re

import pytest
from tests.conftest import SEEDS
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.models import Article, InputFailure
from newsweave.render.report import render_report_html, render_report_markdown

runner = CliRunner()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    out = tmp_path_factory.mktemp("demo")
    result = runner.invoke(app, ["demo", "--corpus", str(SEEDS), "--out-dir", str(out)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 story briefed" in result.stdout
    html = (out / "report.html").read_text(encoding="utf-8")
    markdown = (out / "report.md").read_text(encoding="utf-8")
    return html, markdown


def _md_section(markdown: str, heading: str) -> str:
    found = re.search(rf"^#+ {heading}\n(.*?)(?=^#+ |\Z)", markdown, re.M | re.S)
    assert found, f"no {heading!r} section"
    return found.group(1)


def test_markdown_report_has_the_seed_brief_before_the_articles(reports: tuple[str, str]) -> None:
    _html, markdown = reports
    assert markdown.index("## Stories") < markdown.index("## Articles")
    summary = _md_section(markdown, "Summary")
    # The seed story's summary cites sentences of at least three of its five articles.
    assert len(set(re.findall(r"\[(\d+)\]", summary))) >= 3
    assert "5 articles, 5 independent sources" in markdown
    key_points = _md_section(markdown, "Key points")
    assert re.search(r"reported by [2-5] of 5 independent sources", key_points)
    quotes = _md_section(markdown, "Quotes")
    assert re.search(r"^- “.+” — \*\*[A-Z]\w+ [A-Z]\w+\*\*", quotes, re.M)
    timeline = _md_section(markdown, "Timeline")
    assert "(planned)" in timeline
    assert "year unknown" in timeline
    coverage = _md_section(markdown, "Coverage")
    assert "| Outlet | Type | Country | Owner | Bias ratings |" in coverage
    assert "unknown" in coverage
    sources = _md_section(markdown, "Sources")
    assert re.search(r"^1\. <a id=\"[\w-]*src-1\"></a>\*\*", sources, re.M)


def test_html_report_has_the_seed_brief_before_the_articles(reports: tuple[str, str]) -> None:
    html, _markdown = reports
    assert html.index('id="stories"') < html.index('id="articles"')
    summary = re.search(r'<section class="summary">(.*?)</section>', html, re.S)
    assert summary
    cited = set(re.findall(r'href="#(story-[\w-]+-src-\d+)"', summary.group(1)))
    assert len(cited) >= 3
    for anchor in cited:
        assert f'id="{anchor}"' in html
    assert "reported by" in html
    assert "<blockquote>" in html
    assert '<span class="planned">planned</span>' in html
    assert "<h4>Coverage</h4>" in html
    assert html.count('<article id="a') == 5


def test_report_escapes_untrusted_article_text() -> None:
    article = Article(
        id="x1",
        key="k",
        title="<script>alert(1)</script>",
        body="Body <img src=x onerror=alert(2)>",
        origin="in.txt",
    )
    failure = InputFailure(origin="<bad>", error="DecodeError", message="<script>")
    page = render_report_html([article], [failure])
    assert "<script>" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = render_report_markdown([article], [failure])
    assert "### 1. " in text
    assert "## Stories" not in text  # no stories given: only the article listing
