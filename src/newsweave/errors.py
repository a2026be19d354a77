"""The one exception hierarchy of newsweave.

::

    NewsweaveError
    ├── ConfigError               bad configuration file, variable or option
    ├── InputError                an input cannot be read; ``origin`` names it
    │   ├── InputTooLargeError    over the configured size limit
    │   ├── BinaryInputError      not text (NUL bytes, a known binary signature)
    │   ├── DecodeError           bytes that no plausible encoding decodes
    │   ├── TruncatedInputError   a cut-off ``.gz`` or WARC
    │   ├── MalformedInputError   broken JSON, a feed that is not a feed, an XML entity bomb
    │   ├── UnsupportedInputError a file kind newsweave does not read
    │   └── ExtractionError       a page was read but holds no article text
    ├── FetchError                the network failed (after retries); ``url`` names it
    │   └── RobotsDisallowedError robots.txt forbids the URL
    └── StoreError                the database failed; wraps sqlite3 / psycopg errors
        ├── MigrationError        the schema cannot be brought up to date
        └── QueryCancelledError   a query ran over its time limit or its client left

Errors of third-party libraries (lxml, sqlite3, httpx, ...) are re-raised as one
of these ``from`` the original, so callers catch one family and the cause stays
in the traceback.  Every message names the input and, where there is one, what
to do about it.
"""

from __future__ import annotations

__all__ = [
    "BinaryInputError",
    "ConfigError",
    "DecodeError",
    "ExtractionError",
    "FetchError",
    "InjectedFaultError",
    "InputError",
    "InputTooLargeError",
    "MalformedInputError",
    "MigrationError",
    "NewsweaveError",
    "QueryCancelledError",
    "RobotsDisallowedError",
    "StoreError",
    "TruncatedInputError",
    "UnsupportedInputError",
]


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose."""


class ConfigError(NewsweaveError, ValueError):
    """A configuration file, environment variable or option is invalid (also a
    :class:`ValueError`: an option out of its range is a bad value)."""


class InputError(NewsweaveError):
    """An input cannot be read.  ``origin`` names the file, record or URL."""

    def __init__(self, origin: str, message: str) -> None:
        self.origin = origin
        self.reason = message
        self.record_id: str | None = None
        """The ``id`` of the input record that failed, when it has a readable one."""
        super().__init__(f"{origin}: {message}")


class InputTooLargeError(InputError):
    """The input is larger than ``max_input_bytes``."""


class BinaryInputError(InputError):
    """The input is binary, not text."""


class DecodeError(InputError):
    """The bytes cannot be decoded as text in any plausible encoding."""


class TruncatedInputError(InputError):
    """A compressed file or archive ends before it should."""


class MalformedInputError(InputError):
    """The input is not valid for its kind (broken JSON, not a feed, XML bomb)."""


class UnsupportedInputError(InputError):
    """newsweave does not know how to read this kind of input."""


class ExtractionError(InputError):
    """The page was read but no article text could be extracted from it."""


class FetchError(NewsweaveError):
    """A network request failed after the configured retries."""

    def __init__(self, url: str, message: str) -> None:
        self.url = url
        self.reason = message
        super().__init__(f"{url}: {message}")


class RobotsDisallowedError(FetchError):
    """robots.txt of the host forbids fetching the URL."""


class StoreError(NewsweaveError):
    """The database failed."""


class MigrationError(StoreError):
    """The database schema cannot be brought up to date."""


class QueryCancelledError(StoreError):
    """A query was stopped: it ran over its time limit, or whoever asked went away."""


class InjectedFaultError(NewsweaveError):
    """The first attempt of a Spark task failed on purpose: the job was asked to
    fail one (``SparkJobOptions.fail_first_attempt``) to show a retry's output is
    the same.  Never raised unless asked for."""
