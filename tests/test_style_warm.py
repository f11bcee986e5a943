"""A style file loaded a second time (sppterm.checks.style): not validated again, its patterns
compiled on first use, and the same findings on the real series as a cold load; a file that
fails to load is never marked, so its error is reported every time."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sppterm.checks import style
from sppterm.checks.runner import load_units
from sppterm.errors import InputError

from .conftest import ROOT

PACK = style.pack_path("un")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPPTERM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SPPTERM_NO_CACHE", raising=False)
    monkeypatch.delenv("SPPTERM_SLOW_PATH", raising=False)
    return tmp_path / "cache"


def test_a_second_load_is_lazy_and_finds_the_same(cache: Path) -> None:
    cold = style.load_file(PACK)
    assert len(list(cache.glob("style-*.ok"))) == 1
    sys.modules.pop("jsonschema", None)
    warm = style.load_file(PACK)
    assert "jsonschema" not in sys.modules  # not validated again
    assert [r.id for r in warm] == [r.id for r in cold]
    assert all(r.spec.lazy for r in warm) and not any(r.spec.lazy for r in cold)  # type: ignore[attr-defined]
    units = [u for u in load_units(sorted((ROOT / "target_en" / "po").glob("*.po")), ROOT) if u.target]
    for c, w in zip(cold, warm, strict=True):
        for u in units:
            assert c.scan(u.target, None) == w.scan(u.target, None), (c.id, u.line)  # type: ignore[attr-defined]
            hit_c = c.spec.zh.search(u.key) if c.spec.zh is not None else None  # type: ignore[attr-defined]
            hit_w = w.spec.zh.search(u.key) if w.spec.zh is not None else None  # type: ignore[attr-defined]
            assert (hit_c and hit_c.span()) == (hit_w and hit_w.span())


def test_an_edited_file_loads_cold_and_a_bad_one_is_never_marked(cache: Path, tmp_path: Path) -> None:
    text = PACK.read_text("utf-8")
    style.load_file(PACK, text)
    bad = text.replace("pattern:", "pattern: '(' #", 1)
    for _ in range(2):  # the error both times: no marker was written for it
        with pytest.raises(InputError) as e:
            style.load_file(tmp_path / "un.yaml", bad)
        assert "un.yaml" in str(e.value)
    assert len(list(cache.glob("style-*.ok"))) == 1


def test_the_slow_path_writes_no_marker(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPPTERM_SLOW_PATH", "1")
    rules = style.load_file(PACK)
    assert not any(r.spec.lazy for r in rules) and not cache.exists()  # type: ignore[attr-defined]
