"""The glossary cache's pruning (sppterm.glossary.cache): the entries used last are kept up to
a count and a byte budget, so many small entries (a test suite's glossaries) do not evict a
large one while the budget holds, and a read marks an entry as used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sppterm.glossary import cache, load_glossary

from .conftest import ROOT


def test_small_entries_do_not_evict_a_large_one_within_the_budget(tmp_path: Path) -> None:
    g = load_glossary(ROOT / "glossary", cache_dir=False)
    big = bytes([255]) * 32
    assert cache.write(tmp_path, big, [g.concepts])
    for i in range(20):  # more than the 16 entries that used to be kept
        assert cache.write(tmp_path, bytes([i]) * 32, [g.concepts[:1]])
    assert cache.entry_path(tmp_path, big).is_file()
    assert cache.read(tmp_path, big, [str(ROOT / "glossary" / "x.yaml")]) is not None


def test_past_the_byte_budget_the_least_recently_used_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = load_glossary(ROOT / "glossary", cache_dir=False)
    keys = [bytes([i]) * 32 for i in range(4)]
    for n, k in enumerate(keys):
        assert cache.write(tmp_path, k, [g.concepts])
        os.utime(cache.entry_path(tmp_path, k), ns=(n * 10**9, n * 10**9))  # written in this order
    size = cache.entry_path(tmp_path, keys[0]).stat().st_size
    assert cache.read(tmp_path, keys[0], ["g.yaml"]) is not None  # used now: newest
    monkeypatch.setattr(cache, "MAX_BYTES", 2 * size)
    assert cache.write(tmp_path, bytes([9]) * 32, [g.concepts[:1]])  # prunes
    kept = {p.name for p in tmp_path.glob("glossary-*.bin")}
    assert kept == {cache.entry_path(tmp_path, k).name for k in (bytes([9]) * 32, keys[0])}
