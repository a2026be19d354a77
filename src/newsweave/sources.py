"""The source registry: what a user knows about outlets (country, type, owner, bias ratings).

A registry is a file the user keeps, either CSV with the header::

    name,domain,country,type,owner,bias,bias_rater

or TOML with one ``[[source]]`` table per outlet and the same keys.  Every key but
``name`` may be empty or missing; an outlet rated by several raters takes one row (or
table) per rating, with the same name.  ``type`` is one of ``publisher``, ``wire``,
``aggregator``, ``ai_summary`` (``AI summary`` is accepted) or empty for unknown.

:func:`load_registry` reads such a file into a :class:`SourceRegistry`; a bad row is
a :class:`~newsweave.errors.ConfigError` naming the file and the line.  Each bias
rating read from the file carries the provenance ``registry:<file name>``, so a
report can say where every rating came from.  Nothing is guessed: a fact missing
from the file stays ``None``.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from urllib.parse import urlsplit

from newsweave.errors import ConfigError
from newsweave.models import Article, BiasRating, Source, SourceType

__all__ = ["REGISTRY_FIELDS", "SourceRegistry", "load_registry", "normalise_domain"]

REGISTRY_FIELDS = ("name", "domain", "country", "type", "owner", "bias", "bias_rater")
"""The columns of a CSV registry and the keys of a TOML ``[[source]]`` table."""

_TYPE_ALIASES = {
    "ai summary": SourceType.AI_SUMMARY,
    "ai-summary": SourceType.AI_SUMMARY,
    "ai": SourceType.AI_SUMMARY,
    "news agency": SourceType.WIRE,
    "agency": SourceType.WIRE,
    "wire service": SourceType.WIRE,
    "": SourceType.UNKNOWN,
}


def normalise_domain(value: str) -> str:
    """A bare, lower-case host name from a domain or URL (``https://www.X.com/a`` -> ``x.com``)."""
    text = value.strip().casefold()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:  # a malformed address (an unclosed IPv6 host): no domain
        return ""
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host


def _source_type(value: str, where: str) -> SourceType:
    key = " ".join(value.replace("_", " ").split()).casefold()
    if key in _TYPE_ALIASES:
        return _TYPE_ALIASES[key]
    try:
        return SourceType(key.replace(" ", "_"))
    except ValueError:
        known = ", ".join(t.value for t in SourceType)
        raise ConfigError(f"{where}: unknown source type {value!r} (use one of: {known})") from None


@dataclass(frozen=True, slots=True)
class _Row:
    where: str
    fields: Mapping[str, str]


class SourceRegistry:
    """Outlets keyed by name (case-insensitive) and by domain (subdomains included)."""

    def __init__(self, sources: Iterable[Source] = (), *, origin: str = "") -> None:
        self.origin = origin
        """The file the registry was read from (empty when built in code)."""
        self._by_name: dict[str, Source] = {}
        self._by_domain: dict[str, Source] = {}
        for source in sources:
            self._add(source)

    def _add(self, source: Source) -> None:
        self._by_name[source.name.casefold()] = source
        if source.domain:
            self._by_domain[normalise_domain(source.domain)] = source

    def __len__(self) -> int:
        return len(self._by_name)

    def __iter__(self) -> Iterator[Source]:
        return iter(self._by_name.values())

    @property
    def provenance(self) -> str:
        """``registry:<file name>``, the provenance of the facts this registry gives."""
        return f"registry:{Path(self.origin).name}" if self.origin else "registry"

    def by_name(self, name: str) -> Source | None:
        """The source called ``name`` (case and surrounding space ignored)."""
        return self._by_name.get(" ".join(name.split()).casefold())

    def by_domain(self, url_or_domain: str) -> Source | None:
        """The source whose domain is the host of ``url_or_domain`` or a parent of it."""
        host = normalise_domain(url_or_domain)
        while host:
            found = self._by_domain.get(host)
            if found is not None:
                return found
            _, dot, host = host.partition(".")
            if not dot:
                break
        return None

    def lookup(self, article: Article) -> Source | None:
        """The registry's source of ``article``: by outlet name, else by its URL's domain."""
        if article.outlet:
            found = self.by_name(article.outlet)
            if found is not None:
                return found
        for url in (article.canonical_url, article.url):
            if url:
                found = self.by_domain(url)
                if found is not None:
                    return found
        return None

    def bias_groups(self) -> tuple[str, ...]:
        """Every distinct bias rating value in the registry, case folded, sorted."""
        return tuple(
            sorted({r.value.casefold() for s in self._by_name.values() for r in s.bias_ratings})
        )


def _csv_rows(text: str, origin: str) -> Iterator[_Row]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, None)
        if header is None:
            raise ConfigError(f"{origin}: the registry is empty (expected a CSV header line)")
        columns = [h.strip().casefold() for h in header]
        unknown = [c for c in columns if c not in REGISTRY_FIELDS]
        if unknown or "name" not in columns:
            raise ConfigError(
                f"{origin}:1: bad header {header!r}; expected the columns "
                f"{','.join(REGISTRY_FIELDS)} (only name is required)"
            )
        for row in reader:
            where = f"{origin}:{reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise ConfigError(
                    f"{where}: expected {len(columns)} fields ({','.join(columns)}), "
                    f"found {len(row)}; quote values that contain commas"
                )
            yield _Row(where, dict(zip(columns, (cell.strip() for cell in row), strict=True)))
    except csv.Error as exc:
        raise ConfigError(f"{origin}:{reader.line_num}: {exc}") from exc


def _toml_rows(text: str, origin: str) -> Iterator[_Row]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: {exc}") from exc
    tables = data.get("source", [])
    extra = sorted(set(data) - {"source"})
    if extra or not isinstance(tables, list):
        raise ConfigError(
            f"{origin}: expected only [[source]] tables, found {', '.join(extra) or 'source = ...'}"
        )
    # TOML parsers do not report line numbers of tables; find each [[source]] header.
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[source]]"]
    for number, table in enumerate(tables):
        line = lines[number] if number < len(lines) else None
        where = f"{origin}:{line}" if line else f"{origin}: [[source]] #{number + 1}"
        unknown = sorted(set(table) - set(REGISTRY_FIELDS))
        if unknown:
            raise ConfigError(
                f"{where}: unknown key(s) {', '.join(unknown)}; "
                f"known keys: {', '.join(REGISTRY_FIELDS)}"
            )
        fields: dict[str, str] = {}
        for key, value in table.items():
            if not isinstance(value, str):
                raise ConfigError(f"{where}: {key} must be a string, not {value!r}")
            fields[key] = value.strip()
        yield _Row(where, fields)


def _source(row: _Row, provenance: str) -> Source:
    get = row.fields.get
    name = " ".join((get("name") or "").split())
    if not name:
        raise ConfigError(f"{row.where}: the name is empty; every source needs a name")
    domain = get("domain") or None
    if domain is not None and not normalise_domain(domain):
        raise ConfigError(f"{row.where}: {domain!r} is not a domain (e.g. example.com)")
    bias, rater = get("bias") or "", get("bias_rater") or ""
    if rater and not bias:
        raise ConfigError(f"{row.where}: bias_rater {rater!r} is given without a bias rating")
    ratings = (BiasRating(bias, rater or "unknown", provenance),) if bias else ()
    return Source(
        name=name,
        domain=normalise_domain(domain) if domain else None,
        country=get("country") or None,
        type=_source_type(get("type") or "", row.where),
        owner=get("owner") or None,
        bias_ratings=ratings,
    )


def _merge(old: Source, new: Source, where: str) -> Source:
    """Two rows of one outlet: the facts must agree; the ratings add up."""
    for attribute in ("domain", "country", "owner"):
        a, b = getattr(old, attribute), getattr(new, attribute)
        if a and b and a != b:
            raise ConfigError(
                f"{where}: {old.name} has {attribute} {a!r} on an earlier row and {b!r} here"
            )
    if SourceType.UNKNOWN not in (old.type, new.type) and old.type != new.type:
        raise ConfigError(
            f"{where}: {old.name} has type {old.type} on an earlier row and {new.type} here"
        )
    ratings = old.bias_ratings + tuple(r for r in new.bias_ratings if r not in old.bias_ratings)
    return replace(
        old,
        domain=old.domain or new.domain,
        country=old.country or new.country,
        owner=old.owner or new.owner,
        type=old.type if old.type != SourceType.UNKNOWN else new.type,
        bias_ratings=ratings,
    )


def load_registry(path: str | PathLike[str]) -> SourceRegistry:
    """Read a registry file (``.csv`` or ``.toml``) into a :class:`SourceRegistry`.

    Raises :class:`ConfigError` naming the file (and line) when it cannot be read
    or a row is invalid.
    """
    file = Path(path)
    origin = str(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{origin}: cannot read the source registry ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{origin}: the source registry is not UTF-8 text") from exc
    suffix = file.suffix.casefold()
    if suffix == ".toml":
        rows = _toml_rows(text, origin)
    elif suffix in {".csv", ".txt", ""}:
        rows = _csv_rows(text, origin)
    else:
        raise ConfigError(f"{origin}: unknown registry format {suffix!r}; use .csv or .toml")
    registry = SourceRegistry(origin=origin)
    provenance = registry.provenance
    merged: dict[str, Source] = {}
    for row in rows:
        source = _source(row, provenance)
        key = source.name.casefold()
        merged[key] = _merge(merged[key], source, row.where) if key in merged else source
    for source in merged.values():
        registry._add(source)
    return registry
