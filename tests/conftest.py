"""Shared fixtures. Tests that need the real corpora in ../shared skip with a reason when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

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
