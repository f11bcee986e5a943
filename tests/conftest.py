"""Shared fixtures. Tests that need ../shared/ skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def need_shared() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/ is absent (a clone outside the workspace); CI always has it")
    return SHARED


@pytest.fixture
def shared() -> Path:
    return need_shared()


@pytest.fixture
def root() -> Path:
    return ROOT
