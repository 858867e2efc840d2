"""Shared fixtures. Tests that need the real corpora in ../shared skip with a reason when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run the same examples on every run (CI must not turn red by chance); explore new ones with
# HYPOTHESIS_PROFILE=explore.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WENJIAN_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` (or ``$WENJIAN_SHARED``); skips the test when it is not there."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"needs the shared corpora at {SHARED} (not part of a user's clone)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    return next((shared / "seeds").glob("*.txt")).read_text(encoding="utf-8")
