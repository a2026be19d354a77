"""Shared fixtures: paths to the evaluation data and the bundled seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "examples" / "seeds"


def shared_data(*parts: str) -> Path:
    """Path under ../shared/data, skipping the calling test clearly when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"evaluation data not found at {path} (see ../shared/data/README.md)")
    return path


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
