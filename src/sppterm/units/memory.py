"""The series translation memory: every final translation in target_en/po/."""

from __future__ import annotations

from dataclasses import dataclass

import polib

from sppterm.units.fuzzy import FuzzyIndex
from sppterm.units.po import is_final
from sppterm.zh import text_key


def memory_entries(files: dict[str, polib.POFile]) -> list[tuple[str, str, str]]:
    """(source, target, bulletin id) of every final translation, bulletins in id order, the
    first occurrence of a source only. The memory extract fills from and the TMX export are one
    list, so a CAT tool is offered exactly what extract would propagate."""
    seen: set[str] = set()
    out = []
    for bid in sorted(files):
        for e in files[bid]:
            if is_final(e) and e.msgid not in seen:
                seen.add(e.msgid)
                out.append((e.msgid, e.msgstr, bid))
    return out


@dataclass(frozen=True)
class Match:
    source: str
    target: str
    origin: str  # bulletin id the translation comes from
    score: float  # 100 for exact


class SeriesMemory:
    """Exact and fuzzy matches from final (translated, not fuzzy) units of the series."""

    def __init__(self, entries: list[tuple[str, str, str]]) -> None:
        # First occurrence wins for exact look-ups, in a stable (bulletin id, file) order.
        self._exact: dict[str, tuple[str, str]] = {}
        for source, target, origin in entries:
            self._exact.setdefault(source, (target, origin))
        self._folded: dict[str, str] | None = None  # text_key → source, built on the first miss
        self._sources = list(self._exact)
        self._index: FuzzyIndex | None = None

    @classmethod
    def from_files(cls, files: dict[str, polib.POFile]) -> SeriesMemory:
        """Memory from parsed PO files keyed by bulletin id."""
        return cls(memory_entries(files))

    def __len__(self) -> int:
        return len(self._exact)

    def exact(self, source: str) -> Match | None:
        """The translation of ``source``, or of a text differing only in full/half-width forms."""
        if source in self._exact:
            key: str | None = source
        else:
            if self._folded is None:
                self._folded = {}
                for src in self._exact:
                    self._folded.setdefault(text_key(src), src)
            key = self._folded.get(text_key(source))
        hit = self._exact.get(key) if key else None
        return Match(key, hit[0], hit[1], 100.0) if hit else None

    def fuzzy(self, source: str, cutoff: float = 75.0) -> Match | None:
        if self._index is None:
            self._index = FuzzyIndex(self._sources)
        found = self._index.best(source, cutoff)
        if not found:
            return None
        src = self._sources[found[0]]
        target, origin = self._exact[src]
        return Match(src, target, origin, found[1])
