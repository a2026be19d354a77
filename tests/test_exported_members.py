"""The public API is curated: ``newsweave.__all__`` lists exactly the public names."""

from __future__ import annotations

import newsweave


def test_all_matches_public_names() -> None:
    public = {
        name
        for name in dir(newsweave)
        if not name.startswith("_") and not isinstance(getattr(newsweave, name), type(newsweave))
    }
    public.add("__version__")
    assert set(newsweave.__all__) == public


def test_all_names_resolve() -> None:
    for name in newsweave.__all__:
        assert getattr(newsweave, name) is not None, name
