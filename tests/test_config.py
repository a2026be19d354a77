"""Settings layering: packaged defaults -> user file -> environment -> overrides."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.config import load_settings
from newsweave.errors import ConfigError


def test_packaged_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    settings = load_settings()
    assert settings.input.max_input_bytes == 20 * 1024 * 1024
    assert "newsweave" in settings.fetch.user_agent
    assert settings.db_path.name == "newsweave.db"


def test_layers_apply_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[fetch]\ntimeout = 5.0\nretries = 7\n[input]\nmax_input_bytes = 1000\n")
    monkeypatch.setenv("NEWSWEAVE_FETCH_RETRIES", "2")
    settings = load_settings(
        config_file=config, overrides={"input": {"max_input_bytes": 50}, "store": {"db": None}}
    )
    assert settings.fetch.timeout == 5.0  # from the file
    assert settings.fetch.retries == 2  # environment beats the file
    assert settings.input.max_input_bytes == 50  # flags beat everything
    assert settings.store.db == ""  # a flag left unset does not mask lower layers


def test_env_config_path_and_bool(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[store]\nbatch_size = 17\n")
    monkeypatch.setenv("NEWSWEAVE_CONFIG", str(config))
    monkeypatch.setenv("NEWSWEAVE_FETCH_RESPECT_ROBOTS", "no")
    settings = load_settings()
    assert settings.store.batch_size == 17
    assert settings.fetch.respect_robots is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\nspeed = 3\n", "unknown setting(s) in [fetch]: speed"),
        ("[nope]\nx = 1\n", "unknown config section(s): nope"),
        ("[fetch\n", "not valid TOML"),
    ],
)
def test_bad_config_file_is_named(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings(config_file=config)


def test_bad_environment_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_FETCH_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match="NEWSWEAVE_FETCH_TIMEOUT='soon': expected a float"):
        load_settings()


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_settings(config_file=tmp_path / "absent.toml")


def test_database_urls_are_kept_as_given() -> None:
    url = "postgresql://newsweave:s3cret@db.example:5432/news?sslmode=require"
    settings = load_settings(overrides={"store": {"db": url}})
    assert settings.db_target == url  # a Path would fold the '//'
    assert "s3cret" not in settings.db_label
    assert "db.example:5432/news" in settings.db_label
    sqlite_url = load_settings(overrides={"store": {"db": "sqlite:///rel.db"}})
    assert sqlite_url.db_target == "sqlite:///rel.db"
    plain = load_settings(overrides={"store": {"db": "some/dir/news.db"}})
    assert plain.db_target == str(Path("some/dir/news.db"))
