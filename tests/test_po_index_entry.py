"""The warm unit index's entry (sppterm.units.po_index): text columns mapped from the entry at
page offsets, a corrupt byte anywhere a miss, and searches on the mapped index equal to those on
the parsed one (the real series' PO files)."""

from __future__ import annotations

import mmap
import shutil
from pathlib import Path

import pytest

from sppterm.search import Query, search
from sppterm.units.po_index import Index, load_index

from .conftest import ROOT

PO = ROOT / "target_en" / "po"


@pytest.fixture
def po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SPPTERM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SPPTERM_NO_CACHE", raising=False)
    shutil.copytree(PO, tmp_path / "po")
    return tmp_path / "po"


def _rows(index: Index) -> list[object]:
    return [index.row(k) for k in range(len(index))]


QUERIES = [
    Query("采购"),
    Query("ＳＤＧ", side="zh"),
    Query("one planet network", side="en"),
    Query(r"\bprocurement\b", regex=True, side="en"),
    Query(r"^The\b", regex=True, side="en"),
    Query(r"可持续.{0,4}采购", regex=True),
]


def test_a_warm_entry_maps_its_text_and_searches_as_the_parsed_index(po: Path) -> None:
    cold = load_index(po, po.parent, cache=False)
    load_index(po, po.parent)  # writes the entry
    warm = load_index(po, po.parent)
    assert all(isinstance(warm.raw[f], mmap.mmap) for f in Index.TEXTS)
    assert _rows(warm) == _rows(cold)
    assert [warm.texts(f) for f in Index.TEXTS] == [cold.texts(f) for f in Index.TEXTS]
    for q in QUERIES:
        got, want = search(warm, q), search(cold, q)
        assert got, q
        assert [(h.row, h.zh, h.en) for h in got] == [(h.row, h.zh, h.en) for h in want], q
    for f in Index.TEXTS:
        assert warm.count(f, b"the", 10**9) == bytes(cold.raw[f]).count(b"the")
        assert warm.count(f, b"the", 3) == min(3, bytes(cold.raw[f]).count(b"the"))


def test_a_changed_byte_in_a_text_column_is_a_miss(po: Path) -> None:
    cold = load_index(po, po.parent, cache=False)
    load_index(po, po.parent)
    (entry,) = (po.parent / "cache").glob("units-*.bin")
    data = bytearray(entry.read_bytes())
    data[-2] ^= 0x20  # inside the last text column (the folded msgstr)
    entry.write_bytes(bytes(data))
    again = load_index(po, po.parent)
    assert isinstance(again.folded["msgstr"], bytes)  # checked on first use: parsed again
    assert not isinstance(again.raw["msgstr"], mmap.mmap)  # parsed, not read from the entry
    assert _rows(again) == _rows(cold)
    assert entry.read_bytes() != bytes(data)  # rewritten
    assert isinstance(load_index(po, po.parent).raw["msgstr"], mmap.mmap)


def test_a_mapped_index_outlives_its_entry(po: Path) -> None:
    load_index(po, po.parent)
    warm = load_index(po, po.parent)
    want = _rows(warm)
    shutil.rmtree(po.parent / "cache")  # the cache may be deleted while sppterm runs
    assert _rows(warm) == want
