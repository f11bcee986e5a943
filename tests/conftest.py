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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throw-away copy of the project data (glossary, sources, PO files) to modify."""
    import shutil

    for d in ("glossary", "source_zh"):
        shutil.copytree(ROOT / d, tmp_path / d)
    (tmp_path / "target_en" / "po").mkdir(parents=True)
    for po in (ROOT / "target_en" / "po").glob("*.po"):
        shutil.copy(po, tmp_path / "target_en" / "po" / po.name)
    (tmp_path / "pyproject.toml").write_text('[tool.sppterm]\nseeds = "../seeds"\n', "utf-8")
    return tmp_path
