"""The optional AI-written summary (``--llm``) against a real local HTTP server
standing in for an OpenAI-compatible endpoint: no real model is ever called."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from httpserver import LocalHTTPServer, Reply, local_server
from newsweave.brief.build import build_brief
from newsweave.brief.llm import (
    abstract_points,
    api_key_from_env,
    check_sentence,
    parse_abstract,
    write_abstract,
)
from newsweave.brief.serialise import brief_to_data
from newsweave.cli import app
from newsweave.config import FetchSettings, LLMSettings, load_settings
from newsweave.errors import ConfigError, FetchError
from newsweave.http import HttpClient
from newsweave.models import AbstractSentence, Article, Brief, Citation
from newsweave.render import render_brief_html, render_brief_markdown, render_brief_text

__all__ = ["local_server"]  # the fixture, imported for pytest

runner = CliRunner()

# An invented story told by three outlets (not taken from the seeds or the evaluation data).
STORY = [
    (
        "Daily One",
        "A road bridge over the river Tamsin collapsed in Harlow on Tuesday morning, "
        "injuring 14 people. Engineers had warned about cracks in the bridge two years ago. "
        "The mayor of Harlow, Clara Voss, ordered an inquiry into the collapse.",
    ),
    (
        "Evening Two",
        "The road bridge over the Tamsin river collapsed on Tuesday morning in Harlow and "
        "14 people were injured. Mayor Clara Voss ordered an inquiry into the bridge collapse. "
        "Traffic was diverted through the town centre for the rest of the week.",
    ),
    (
        "Radio Three",
        "Fourteen people were injured when a road bridge collapsed in Harlow on Tuesday morning. "
        "Harlow mayor Clara Voss has ordered an inquiry into the collapse of the bridge. "
        "Engineers had warned two years ago about cracks in the bridge.",
    ),
]


def _articles() -> list[Article]:
    return [
        Article(id=f"a{n}", key=f"k{n}", title=f"Bridge collapse {n}", body=body, outlet=outlet)
        for n, (outlet, body) in enumerate(STORY)
    ]


@pytest.fixture(scope="module")
def brief() -> Brief:
    return build_brief("story-bridge", _articles())


def _point(brief: Brief, word: str) -> int:
    """The prompt number of the first point mentioning ``word``."""
    for point in abstract_points(brief):
        if word in point.text.casefold():
            return point.number
    raise AssertionError(f"no point mentions {word!r}")


def _completion(content: str) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
        }
    )


def _settings(server: LocalHTTPServer, **changes: Any) -> LLMSettings:
    values: dict[str, Any] = {"base_url": server.url("/v1"), "model": "test-model"}
    values.update(changes)
    return LLMSettings(**values)


def _serve(server: LocalHTTPServer, *replies: Reply) -> None:
    server.route("/v1/chat/completions", *replies)


def _answer(content: str) -> Reply:
    return Reply(body=_completion(content), content_type="application/json")


def test_good_answer_is_supported_and_cites_the_points_sources(
    local_server: LocalHTTPServer, brief: Brief
) -> None:
    injured, inquiry = _point(brief, "injur"), _point(brief, "inquiry")
    _serve(
        local_server,
        _answer(
            "A road bridge collapsed in Harlow on Tuesday morning, "
            f"injuring 14 people [{injured}]. "
            f"Mayor Clara Voss ordered an inquiry into the collapse [{inquiry}]."
        ),
    )
    written = write_abstract(brief, settings=_settings(local_server))
    assert [s.supported for s in written.abstract] == [True, True]
    points = {p.number: p for p in abstract_points(brief)}
    assert written.abstract[0].citations == points[injured].citations
    assert written.abstract[1].citations == points[inquiry].citations
    assert all(s.support_score >= 0.25 for s in written.abstract)
    # Everything else in the brief is untouched.
    assert written.summary == brief.summary
    assert written.key_points == brief.key_points

    request = local_server.requests_for("/v1/chat/completions")[0]
    assert request.method == "POST"
    assert "authorization" not in request.headers  # no key configured, none sent
    body = json.loads(request.body)
    assert body["model"] == "test-model"
    assert body["temperature"] == 0
    assert body["stream"] is False
    prompt = body["messages"][-1]["content"]
    for point in abstract_points(brief):
        assert f"[{point.number}] {point.text}" in prompt
        for citation in point.citations:
            assert f"{citation.article_id}#{citation.sentence_index}" in prompt


def test_a_number_no_cited_source_holds_is_unsupported(
    local_server: LocalHTTPServer, brief: Brief
) -> None:
    injured = _point(brief, "injur")
    _serve(
        local_server,
        _answer(
            f"A road bridge collapsed in Harlow on Tuesday morning, injuring 40 people [{injured}]."
        ),
    )
    (sentence,) = write_abstract(brief, settings=_settings(local_server)).abstract
    assert not sentence.supported
    # Similar enough in wording: the number alone makes it unsupported.
    assert sentence.support_score >= 0.25
    assert sentence.citations


def test_a_name_no_cited_source_holds_is_unsupported(
    local_server: LocalHTTPServer, brief: Brief
) -> None:
    inquiry = _point(brief, "inquiry")
    _serve(
        local_server,
        _answer(f"Mayor Peter Grant ordered an inquiry into the collapse [{inquiry}]."),
    )
    (sentence,) = write_abstract(brief, settings=_settings(local_server)).abstract
    assert not sentence.supported
    assert sentence.support_score >= 0.25  # the wording matches: the unknown name decides


def test_sentences_without_a_valid_citation_are_kept_and_marked(
    local_server: LocalHTTPServer, brief: Brief
) -> None:
    inquiry = _point(brief, "inquiry")
    _serve(
        local_server,
        _answer(
            f"Mayor Clara Voss ordered an inquiry into the collapse [{inquiry}]. "
            "Officials said every bridge in the region will be closed. "
            "The bridge was built by a famous architect [99]."
        ),
    )
    abstract = write_abstract(brief, settings=_settings(local_server)).abstract
    assert [s.supported for s in abstract] == [True, False, False]
    assert abstract[1].citations == ()
    assert abstract[1].support_score == 0.0
    assert abstract[2].citations == ()  # [99] is no point of the prompt


def test_api_key_from_the_named_variable_is_sent_as_bearer_and_never_shown(
    local_server: LocalHTTPServer, brief: Brief
) -> None:
    settings = _settings(local_server, api_key_env="MY_TEST_LLM_KEY")
    key = api_key_from_env(settings, {"MY_TEST_LLM_KEY": "sk-secret-123"})
    assert key == "sk-secret-123"
    assert api_key_from_env(settings, {}) is None
    _serve(
        local_server,
        Reply(
            status=401,
            body='{"error": {"message": "bad key"}}',
            content_type="application/json",
        ),
    )
    with pytest.raises(FetchError) as caught:
        write_abstract(brief, settings=settings, api_key=key)
    assert "HTTP 401" in str(caught.value)
    assert "bad key" in str(caught.value)
    assert "sk-secret-123" not in str(caught.value)
    request = local_server.requests_for("/v1/chat/completions")[0]
    assert request.headers["authorization"] == "Bearer sk-secret-123"


def test_server_error_names_the_endpoint(local_server: LocalHTTPServer, brief: Brief) -> None:
    _serve(
        local_server,
        Reply(
            status=500,
            body='{"error": {"message": "model not loaded"}}',
            content_type="application/json",
        ),
    )
    with pytest.raises(FetchError, match=r"HTTP 500: model not loaded") as caught:
        write_abstract(brief, settings=_settings(local_server))
    assert caught.value.url == local_server.url("/v1/chat/completions")


@pytest.mark.parametrize(
    "body",
    [
        "this is not json {",
        '{"object": "list", "data": []}',
        '{"choices": [{"message": {"content": 7}}]}',
    ],
)
def test_an_answer_that_is_not_a_chat_completion_is_an_error(
    local_server: LocalHTTPServer, brief: Brief, body: str
) -> None:
    _serve(local_server, Reply(body=body, content_type="application/json"))
    with pytest.raises(FetchError, match=r"not (JSON|a chat completion)") as caught:
        write_abstract(brief, settings=_settings(local_server))
    assert local_server.url("/v1/chat/completions") in str(caught.value)


def test_timeout(local_server: LocalHTTPServer, brief: Brief) -> None:
    _serve(
        local_server,
        Reply(body=_completion("Late [1]."), delay=3.0, content_type="application/json"),
    )
    with pytest.raises(FetchError, match=r"no answer within 0.2 s \(llm.timeout\)") as caught:
        write_abstract(brief, settings=_settings(local_server, timeout=0.2))
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


def test_connection_refused(brief: Brief) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = LLMSettings(base_url=f"http://127.0.0.1:{port}/v1", model="m")
    with pytest.raises(FetchError, match="ConnectError") as caught:
        write_abstract(brief, settings=settings)
    assert f"127.0.0.1:{port}/v1/chat/completions" in str(caught.value)


def test_the_request_goes_through_the_client_it_is_handed(
    local_server: LocalHTTPServer, brief: Brief
) -> None:
    injured = _point(brief, "injur")
    _serve(local_server, _answer(f"Fourteen people were injured [{injured}]."))
    agent = "newsweave-test/1.0 (+https://example.invalid/llm)"
    with HttpClient(user_agent=agent) as client:
        written = write_abstract(brief, settings=_settings(local_server), client=client)
    assert len(written.abstract) == 1
    request = local_server.requests_for("/v1/chat/completions")[0]
    assert request.headers["user-agent"] == agent
    # Without a client, one with newsweave's own user agent is opened for the call.
    write_abstract(brief, settings=_settings(local_server))
    request = local_server.requests_for("/v1/chat/completions")[1]
    assert request.headers["user-agent"] == FetchSettings().user_agent


def test_an_injected_transport_replaces_the_network(brief: Brief) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text=_completion("A bridge collapsed."))

    client = HttpClient(transport=httpx.MockTransport(handler))
    settings = LLMSettings(base_url="http://llm.invalid/v1", model="m")
    with client:
        written = write_abstract(brief, settings=settings, client=client)
    assert [s.text for s in written.abstract] == ["A bridge collapsed."]
    assert [str(r.url) for r in seen] == ["http://llm.invalid/v1/chat/completions"]


def test_without_an_endpoint_or_model_the_error_says_what_to_set(brief: Brief) -> None:
    with pytest.raises(ConfigError, match="NEWSWEAVE_LLM_BASE_URL"):
        write_abstract(brief, settings=LLMSettings())
    with pytest.raises(ConfigError, match="NEWSWEAVE_LLM_MODEL"):
        write_abstract(brief, settings=LLMSettings(base_url="http://127.0.0.1:9/v1"))
    with pytest.raises(ConfigError, match="http"):
        write_abstract(brief, settings=LLMSettings(base_url="ftp://host/v1", model="m"))


def test_llm_is_off_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NEWSWEAVE_LLM_BASE_URL", raising=False)
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    settings = load_settings(config_file=empty)
    assert settings.llm.base_url == ""
    assert settings.llm.temperature == 0.0
    assert settings.llm.api_key_env == "NEWSWEAVE_LLM_API_KEY"
    brief = build_brief("s", _articles())
    assert brief.abstract == ()
    assert brief_to_data(brief)["abstract"] == []


def test_parse_abstract_markers_and_punctuation() -> None:
    parsed = parse_abstract(
        "<think>draft [4]</think>Bridge fell [1][3]. Mayor acted [2, 4]. "
        "Nobody cited this. Tail [5]"
    )
    assert parsed == [
        ("Bridge fell.", (1, 3)),
        ("Mayor acted.", (2, 4)),
        ("Nobody cited this.", ()),
        ("Tail", (5,)),
    ]


def test_check_sentence_reads_number_words_of_the_sources() -> None:
    cited = [
        Citation("x", 0, "Out", "Fourteen people were injured when the bridge fell in Harlow.")
    ]
    ok = check_sentence(
        "The bridge fell in Harlow and 14 people were injured.", cited, threshold=0.25
    )
    assert ok.supported
    bad = check_sentence(
        "The bridge fell in Harlow and 15 people were injured.", cited, threshold=0.25
    )
    assert not bad.supported
    assert bad.support_score == ok.support_score
    unrelated = check_sentence("Markets rallied on strong earnings.", cited, threshold=0.25)
    assert not unrelated.supported
    assert unrelated.support_score < 0.25


def _with_abstract(brief: Brief) -> Brief:
    point = abstract_points(brief)[0]
    return Brief(
        story_id=brief.story_id,
        headline=brief.headline,
        summary=brief.summary,
        key_points=brief.key_points,
        abstract=(
            AbstractSentence(
                "A supported line.", point.citations, supported=True, support_score=0.6
            ),
            AbstractSentence(
                "<script>alert(1)</script> made up", (), supported=False, support_score=0.0
            ),
        ),
    )


def test_renderers_label_the_section_and_mark_unsupported_sentences(brief: Brief) -> None:
    item = _with_abstract(brief)
    md = render_brief_markdown(item)
    assert "AI-written summary (checked against the sources)" in md
    assert "- ⚠ **Not supported by the cited sources:** &lt;script>" in md
    assert "A supported line." in md
    assert "supported (similarity 0.60)" in md
    html = render_brief_html(item)
    assert "AI-written summary (checked against the sources)" in html
    assert (
        '<li class="unsupported"><span class="flag">⚠ Not supported by the cited sources:' in html
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    text = render_brief_text(item)
    assert "AI-written summary (checked against the sources):" in text
    assert "(NOT SUPPORTED BY THE CITED SOURCES) <script>" in text
    data = brief_to_data(item)
    assert [s["supported"] for s in data["abstract"]] == [True, False]
    assert set(data["abstract"][0]) == {"text", "supported", "support_score", "citations"}


# -- the CLI -----------------------------------------------------------------


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.jsonl"
    lines = [
        json.dumps({"id": f"a{n}", "title": f"Bridge collapse {n}", "text": body, "source": outlet})
        for n, (outlet, body) in enumerate(STORY)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _env(server: LocalHTTPServer | None, **extra: str) -> dict[str, str]:
    env = {
        "NEWSWEAVE_LLM_BASE_URL": server.url("/v1") if server else "",
        "NEWSWEAVE_LLM_MODEL": "m",
    }
    env.update(extra)
    return env


def test_cli_brief_llm_writes_the_checked_section(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    path = _jsonl(tmp_path)
    first = build_brief("s", _articles())
    inquiry = _point(first, "inquiry")
    _serve(
        local_server,
        _answer(
            f"Mayor Clara Voss ordered an inquiry [{inquiry}]. "
            f"A second bridge fell in 2019 [{inquiry}]."
        ),
    )
    env = _env(local_server, NEWSWEAVE_LLM_API_KEY="sk-cli-secret")
    result = runner.invoke(app, ["brief", str(path), "--llm", "--format", "json"], env=env)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["supported"] for s in data["abstract"]] == [True, False]
    assert "sk-cli-secret" not in result.stdout + result.stderr
    headers = local_server.requests_for("/v1/chat/completions")[0].headers
    assert headers["authorization"] == "Bearer sk-cli-secret"
    result = runner.invoke(app, ["brief", str(path), "--llm", "--format", "md"], env=env)
    assert "AI-written summary (checked against the sources)" in result.stdout
    assert "Not supported by the cited sources" in result.stdout


def test_cli_brief_without_llm_never_calls_the_endpoint(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    _serve(local_server, _answer("Anything [1]."))
    result = runner.invoke(
        app, ["brief", str(_jsonl(tmp_path)), "--format", "md"], env=_env(local_server)
    )
    assert result.exit_code == 0, result.stderr
    assert "AI-written" not in result.stdout
    assert local_server.requests == []


def test_cli_errors_are_one_line_naming_the_endpoint(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    path = _jsonl(tmp_path)
    _serve(local_server, Reply(status=503, body="overloaded", content_type="text/plain"))
    result = runner.invoke(app, ["brief", str(path), "--llm"], env=_env(local_server))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error:")
    assert local_server.url("/v1/chat/completions") in lines[0]
    assert "HTTP 503" in lines[0]
    assert "Traceback" not in result.stdout + result.stderr

    result = runner.invoke(app, ["brief", str(path), "--llm"], env=_env(None))
    assert result.exit_code == 1
    assert "NEWSWEAVE_LLM_BASE_URL" in result.stderr
    assert "llm.base_url" in result.stderr


def test_cli_show_llm(local_server: LocalHTTPServer, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(_jsonl(tmp_path))])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["--db", str(db), "stories", "--json"])
    story_ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert story_ids
    _serve(local_server, _answer("Mayor Clara Voss ordered an inquiry into the collapse [1]."))
    result = runner.invoke(
        app,
        ["--db", str(db), "show", story_ids[0], "--llm", "--format", "html"],
        env=_env(local_server),
    )
    assert result.exit_code == 0, result.stderr
    assert "AI-written summary (checked against the sources)" in result.stdout
    assert len(local_server.requests_for("/v1/chat/completions")) == 1
