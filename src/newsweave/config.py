"""Settings, layered: packaged defaults -> user config file -> environment -> CLI flags.

The packaged defaults live in ``newsweave/defaults.toml``.  A user file (``--config``
or ``$NEWSWEAVE_CONFIG`` or ``<user config dir>/newsweave/config.toml``) overrides
them, ``NEWSWEAVE_<SECTION>_<KEY>`` environment variables override the file, and the
CLI passes its flags last through :func:`load_settings` ``overrides``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from newsweave.errors import ConfigError

__all__ = [
    "ClusterSettings",
    "FetchSettings",
    "InputSettings",
    "LLMSettings",
    "ServerSettings",
    "Settings",
    "StoreSettings",
    "check_at_least",
    "check_positive",
    "check_share",
    "default_db_path",
    "load_settings",
    "redact_url",
    "settings_from_data",
]

ENV_PREFIX = "NEWSWEAVE_"


def check_at_least(section: str, name: str, value: float, low: float) -> None:
    """Raise :class:`ConfigError` unless option ``name`` of ``section`` is at least ``low``."""
    if not value >= low:
        raise ConfigError(f"{section} option {name} must be at least {low}, got {value!r}")


def check_positive(section: str, name: str, value: float) -> None:
    """Raise :class:`ConfigError` unless option ``name`` of ``section`` is above zero."""
    if not value > 0:
        raise ConfigError(f"{section} option {name} must be positive, got {value!r}")


def check_share(section: str, name: str, value: float, *, high: float = 1.0) -> None:
    """Raise :class:`ConfigError` unless option ``name`` of ``section`` is in (0, ``high``]."""
    if not 0.0 < value <= high:
        raise ConfigError(f"{section} option {name} must be a share in (0, {high}], got {value!r}")


_PASSWORD = re.compile(r"(password=)[^&\s]+", re.IGNORECASE)


def redact_url(url: str) -> str:
    """``url`` without its password, so that it can appear in a message."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if sep and at:
        user = credentials.split(":", 1)[0]
        rest = f"{user}:***@{host}" if ":" in credentials else f"{user}@{host}"
        url = f"{scheme}{sep}{rest}"
    return _PASSWORD.sub(r"\1***", url)


def default_db_path() -> Path:
    """The SQLite file used when no ``--db`` is given: under the user data dir."""
    return Path(platformdirs.user_data_dir("newsweave")) / "newsweave.db"


@dataclass(frozen=True, slots=True)
class InputSettings:
    max_input_bytes: int = 20 * 1024 * 1024
    """Inputs (or decompressed records) larger than this are refused."""
    max_download_bytes: int = 4 * 1024 * 1024 * 1024
    """A remote file the Spark job downloads to local disk (a WARC archive) larger
    than this is refused; the download is streamed, never held in memory."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    user_agent: str = "newsweave/0.1 (+https://github.com/newsweave/newsweave)"
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    """Seconds before the first retry; doubled on each further retry."""
    politeness_delay: float = 1.0
    """Minimum seconds between two requests to the same host."""
    respect_robots: bool = True
    poll_interval: float = 900.0
    """Seconds between two polls of the feed list by ``newsweave follow``."""


@dataclass(frozen=True, slots=True)
class StoreSettings:
    db: str = ""
    """Path of the SQLite file, or a ``postgresql://`` URL (the postgres extra); empty
    means :func:`default_db_path`."""
    batch_size: int = 200
    """Articles written per transaction during ingest."""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    host: str = "127.0.0.1"
    port: int = 8000
    read_open: bool = True
    """Read endpoints and pages need no API key; ``false`` closes them too."""
    allow_private_fetch: bool = False
    """Let ingest-by-URL fetch private, loopback and link-local addresses."""
    max_request_bytes: int = 5 * 1024 * 1024
    """Request bodies larger than this are refused with 413."""
    page_size: int = 20
    """Stories, articles or search results per page."""
    query_seconds: float = 5.0
    """Longest a search or filtered story list may run in the database before it is
    stopped (answered 503); it is stopped at once when the client goes away."""
    rate_per_minute: float = 60.0
    """Costly requests (searches, stories and their briefs, ingest) one client may
    make per minute, sustained; over it they get 429 with ``Retry-After``. 0: no limit."""
    rate_burst: int = 30
    """Costly requests one client may make at once before ``rate_per_minute`` applies."""

    def __post_init__(self) -> None:
        check_at_least("server", "rate_per_minute", self.rate_per_minute, 0)
        check_at_least("server", "rate_burst", self.rate_burst, 1)


@dataclass(frozen=True, slots=True)
class LLMSettings:
    """The OpenAI-compatible endpoint behind ``--llm``; off while ``base_url`` is empty."""

    base_url: str = ""
    """E.g. ``http://localhost:11434/v1`` (Ollama); ``/chat/completions`` is appended."""
    model: str = ""
    api_key_env: str = "NEWSWEAVE_LLM_API_KEY"
    """Name of the environment variable holding the API key (sent as a Bearer token)."""
    timeout: float = 120.0
    max_tokens: int = 400
    temperature: float = 0.0
    support_threshold: float = 0.25
    """Least similarity to a cited sentence for an AI-written sentence to be supported."""


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    embeddings: str = ""
    """Dense embeddings for story clustering: ``""`` (off) or ``minilm`` (the extra)."""
    names: str = ""
    """Named-entity recognition added to the capitalisation rules: ``""`` (off) or
    ``spacy`` (the extra)."""
    cold_gap_days: float = 5.0
    """A story none of whose dated articles was published within this many days of an
    article's date is cold for it: its score for the article drops (see
    ``ClusterOptions.cold_penalty``), so a later report that clearly tells the same
    event still revives it and a vaguer article starts a new story."""


@dataclass(frozen=True, slots=True)
class Settings:
    input: InputSettings = field(default_factory=InputSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    server: ServerSettings = field(default_factory=ServerSettings)
    llm: LLMSettings = field(default_factory=LLMSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)

    @property
    def db_path(self) -> Path:
        """The SQLite file (for a database URL, see :attr:`db_target`)."""
        return Path(self.store.db) if self.store.db else default_db_path()

    @property
    def db_target(self) -> str:
        """What :func:`newsweave.store.open_store` opens: a database URL as given
        (``Path`` would fold its ``//``), else the SQLite file's path."""
        if "://" in self.store.db:
            return self.store.db
        return str(self.db_path)

    @property
    def db_label(self) -> str:
        """The database as messages name it: a URL without its password."""
        return redact_url(self.db_target)


def _packaged_defaults() -> dict[str, Any]:
    text = resources.files("newsweave").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _user_config_path(explicit: str | os.PathLike[str] | None) -> Path | None:
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(ENV_PREFIX + "CONFIG")
    if env:
        return Path(env)
    candidate = Path(platformdirs.user_config_dir("newsweave")) / "config.toml"
    return candidate if candidate.is_file() else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: config file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def _coerce(value: str, like: object, name: str) -> object:
    """Turn an environment string into the type of the default it replaces."""
    try:
        if isinstance(like, bool):
            lowered = value.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
            raise ValueError(value)
        if isinstance(like, int):
            return int(value)
        if isinstance(like, float):
            return float(value)
    except ValueError as exc:
        raise ConfigError(f"{name}={value!r}: expected a {type(like).__name__}") from exc
    return value


def _merge(layers: list[Mapping[str, Any]]) -> Settings:
    sections: dict[str, dict[str, Any]] = {}
    for layer in layers:
        for section, values in layer.items():
            if not isinstance(values, Mapping):
                raise ConfigError(f"[{section}] must be a table of settings")
            sections.setdefault(section, {}).update(values)
    built: dict[str, Any] = {}
    for fld in dataclasses.fields(Settings):
        cls = type(getattr(Settings(), fld.name))
        known = {f.name for f in dataclasses.fields(cls)}
        values = sections.pop(fld.name, {})
        unknown = set(values) - known
        if unknown:
            raise ConfigError(
                f"unknown setting(s) in [{fld.name}]: {', '.join(sorted(unknown))}; "
                f"known: {', '.join(sorted(known))}"
            )
        built[fld.name] = cls(**values)
    if sections:
        raise ConfigError(f"unknown config section(s): {', '.join(sorted(sections))}")
    return Settings(**built)


def settings_from_data(data: Mapping[str, Any]) -> Settings:
    """Settings from ``{section: {key: value}}`` (as :func:`dataclasses.asdict` gives),
    checked like a config file; e.g. to hand settings to a worker process."""
    return _merge([data])


def _environment_layer(base: Settings) -> dict[str, dict[str, Any]]:
    layer: dict[str, dict[str, Any]] = {}
    for fld in dataclasses.fields(Settings):
        section = getattr(base, fld.name)
        for sub in dataclasses.fields(section):
            name = f"{ENV_PREFIX}{fld.name.upper()}_{sub.name.upper()}"
            if name in os.environ:
                value = _coerce(os.environ[name], getattr(section, sub.name), name)
                layer.setdefault(fld.name, {})[sub.name] = value
    return layer


def load_settings(
    *,
    config_file: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Settings:
    """Build the effective settings.

    ``overrides`` is ``{section: {key: value}}`` from CLI flags; ``None`` values are
    ignored so a flag the user did not give does not mask the layers below it.
    """
    layers: list[Mapping[str, Any]] = [_packaged_defaults()]
    user = _user_config_path(config_file)
    if user is not None:
        layers.append(_read_toml(user))
    layers.append(_environment_layer(_merge(layers)))
    if overrides:
        layers.append(
            {s: {k: v for k, v in vals.items() if v is not None} for s, vals in overrides.items()}
        )
    return _merge(layers)
