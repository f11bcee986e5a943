"""A PO file GNU gettext re-wrapped is the same content: not out of date, rewritten without churn."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, sppterm

pytestmark = pytest.mark.skipif(
    shutil.which("msgcat") is None, reason="GNU gettext's msgcat is not installed"
)


def _copy(tmp_path: Path) -> Path:
    for d in ("glossary", "source_zh"):
        shutil.copytree(ROOT / d, tmp_path / d)
    shutil.copytree(ROOT / "target_en" / "po", tmp_path / "target_en" / "po")
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    return tmp_path


def _without_ignore_flags(data: bytes) -> bytes:
    return b"".join(line for line in data.splitlines(keepends=True) if not line.startswith(b"#, ignore-"))


@pytest.mark.parametrize("width", [None, "40"])
def test_msgcat_rewrapped_files_are_up_to_date_and_rewritten_canonically(tmp_path, width):
    root = _copy(tmp_path)
    po_dir = root / "target_en" / "po"
    original = {p.name: p.read_bytes() for p in po_dir.glob("*.po")}
    for p in po_dir.glob("*.po"):
        cmd = ["msgcat", str(p), "-o", str(p)] + ([f"--width={width}"] if width else [])
        subprocess.run(cmd, check=True)
    assert any(p.read_bytes() != original[p.name] for p in po_dir.glob("*.po"))  # msgcat did re-wrap
    r = sppterm(root, "extract", "--check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OUT OF DATE" not in r.stdout and "other layout" in r.stdout
    r = sppterm(root, "extract")
    assert r.returncode == 0, r.stderr
    # Canonical again, no churn. GNU gettext (0.21) drops flags it does not know, so the two
    # Weblate-style suppressions (#, ignore-…) do not survive msgcat; everything else does.
    expected = {n: _without_ignore_flags(b) for n, b in original.items()}
    assert {p.name: p.read_bytes() for p in po_dir.glob("*.po")} == expected
    assert "unchanged" in sppterm(root, "extract").stdout  # and a second run changes nothing


def test_a_real_change_is_still_out_of_date(tmp_path):
    root = _copy(tmp_path)
    md = root / "source_zh" / "2022-04.md"
    md.write_text(md.read_text("utf-8").replace("合作伙伴最新进展", "合作伙伴近期进展", 1), "utf-8")
    p = root / "target_en" / "po" / "2022-04.po"
    subprocess.run(["msgcat", str(p), "-o", str(p)], check=True)
    r = sppterm(root, "extract", "--check")
    assert r.returncode == 1
    assert "2022-04.po" in r.stdout and "OUT OF DATE" in r.stdout
