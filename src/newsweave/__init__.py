"""newsweave: turn many news articles from many outlets into clear, trustworthy stories."""

import logging

from newsweave.config import Settings, load_settings
from newsweave.errors import (
    BinaryInputError,
    ConfigError,
    DecodeError,
    ExtractionError,
    FetchError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    MigrationError,
    NewsweaveError,
    RobotsDisallowedError,
    StoreError,
    TruncatedInputError,
    UnsupportedInputError,
)
from newsweave.models import (
    Article,
    BiasRating,
    Brief,
    Extraction,
    InputFailure,
    Labels,
    RawDocument,
    Source,
    SourceType,
    Story,
)

__version__ = "0.1.0"

# The library never configures logging; applications do.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "BiasRating",
    "BinaryInputError",
    "Brief",
    "ConfigError",
    "DecodeError",
    "Extraction",
    "ExtractionError",
    "FetchError",
    "InputError",
    "InputFailure",
    "InputTooLargeError",
    "Labels",
    "MalformedInputError",
    "MigrationError",
    "NewsweaveError",
    "RawDocument",
    "RobotsDisallowedError",
    "Settings",
    "Source",
    "SourceType",
    "StoreError",
    "Story",
    "TruncatedInputError",
    "UnsupportedInputError",
    "__version__",
    "load_settings",
]
