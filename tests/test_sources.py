"""The source registry: CSV and TOML files, lookups by name and domain, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.errors import ConfigError
from newsweave.models import Article, BiasRating, SourceType
from newsweave.sources import SourceRegistry, load_registry, normalise_domain

CSV = """name,domain,country,type,owner,bias,bias_rater
Daily Example,dailyexample.com,GB,publisher,Example Media Group,Lean Left,AllSides
Daily Example,,,,,Left-Center,Media Bias/Fact Check
Wire One,wireone.net,US,wire,,,
"Summaries, Inc",,,AI summary,,,
"""

TOML = """
[[source]]
name = "Daily Example"
domain = "https://www.dailyexample.com/"
country = "GB"
type = "publisher"
bias = "Lean Left"
bias_rater = "AllSides"

[[source]]
name = "Wire One"
type = "wire"
"""


def _article(*, outlet: str | None = None, url: str | None = None) -> Article:
    return Article(id="a", key="k", title=None, body="Text.", outlet=outlet, url=url)


def test_csv_registry(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text(CSV, encoding="utf-8")
    registry = load_registry(path)
    assert len(registry) == 3
    daily = registry.by_name("  daily EXAMPLE ")
    assert daily is not None
    assert daily.country == "GB"
    assert daily.type is SourceType.PUBLISHER
    assert daily.owner == "Example Media Group"
    assert daily.bias_ratings == (
        BiasRating("Lean Left", "AllSides", "registry:outlets.csv"),
        BiasRating("Left-Center", "Media Bias/Fact Check", "registry:outlets.csv"),
    )
    summaries = registry.by_name("Summaries, Inc")
    assert summaries is not None
    assert summaries.type is SourceType.AI_SUMMARY
    # Unknown facts stay unknown.
    assert summaries.country is None
    assert summaries.bias_ratings == ()
    assert registry.bias_groups() == ("lean left", "left-center")


def test_toml_registry_matches_csv(tmp_path: Path) -> None:
    path = tmp_path / "outlets.toml"
    path.write_text(TOML, encoding="utf-8")
    registry = load_registry(path)
    daily = registry.by_name("Daily Example")
    assert daily is not None
    assert daily.domain == "dailyexample.com"
    assert daily.bias_ratings == (BiasRating("Lean Left", "AllSides", "registry:outlets.toml"),)
    wire = registry.by_name("wire one")
    assert wire is not None
    assert wire.type is SourceType.WIRE


def test_lookup_by_outlet_or_domain_including_subdomains(tmp_path: Path) -> None:
    path = tmp_path / "outlets.csv"
    path.write_text(CSV, encoding="utf-8")
    registry = load_registry(path)
    by_name = registry.lookup(_article(outlet="DAILY EXAMPLE"))
    assert by_name is not None
    assert by_name.name == "Daily Example"
    by_sub = registry.lookup(_article(url="https://news.eu.wireone.net/story/1"))
    assert by_sub is not None
    assert by_sub.name == "Wire One"
    assert registry.lookup(_article(url="https://notwireone.net/x")) is None
    assert registry.lookup(_article(outlet="Someone Else", url="https://else.org/")) is None
    assert registry.lookup(_article()) is None


def test_registry_built_in_code() -> None:
    assert SourceRegistry().lookup(_article(outlet="x")) is None
    assert normalise_domain("HTTPS://WWW.Example.COM:8080/path") == "example.com"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.csv", "name,domain,colour\nX,x.com,red\n", r"bad\.csv:1: bad header"),
        ("short.csv", "name,domain,country\nA,a.com,US\nB,b.com\n", r"short\.csv:3: expected 3"),
        ("type.csv", "name,type\nA,blog\n", r"type\.csv:2: unknown source type 'blog'"),
        ("noname.csv", "name,domain\n,a.com\n", r"noname\.csv:2: the name is empty"),
        ("rater.csv", "name,bias,bias_rater\nA,,AllSides\n", r"rater\.csv:2: bias_rater"),
        ("clash.csv", "name,country\nA,US\nA,GB\n", r"clash\.csv:3: A has country 'US'"),
        ("empty.csv", "", r"empty\.csv: the registry is empty"),
        ("key.toml", '[[source]]\nname = "A"\ncolour = "red"\n', r"key\.toml:1: unknown key"),
        ("syntax.toml", "[[source]\n", r"syntax\.toml: "),
        ("reg.json", "{}", r"reg\.json: unknown registry format"),
    ],
)
def test_bad_registry_names_file_and_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_registry(path)


def test_missing_registry_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.csv: cannot read"):
        load_registry(tmp_path / "missing.csv")
