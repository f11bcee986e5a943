"""Translation memories: the series' own (every final translation in target_en/po/) and the
translations imported from other tools (memory/*.tmx, read by units/tmx_import.py)."""

from __future__ import annotations

from dataclasses import dataclass

import polib

from sppterm.placeholders import strip
from sppterm.units.fuzzy import FuzzyIndex
from sppterm.units.po import is_final
from sppterm.zh import sentences, text_key


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
    origin: str  # bulletin id the translation comes from (imported: "NAME.tmx (tool)")
    score: float  # 100 for exact
    sentences: int = 0  # assembled from this many sentence matches (0: one match of the whole)


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
        return Match(key, hit[0], hit[1], 100.0) if hit and key else None

    def fuzzy(self, source: str, cutoff: float = 75.0) -> Match | None:
        if self._index is None:
            self._index = FuzzyIndex(self._sources)
        found = self._index.best(source, cutoff)
        if not found:
            return None
        src = self._sources[found[0]]
        target, origin = self._exact[src]
        return Match(src, target, origin, found[1])

    def by_sentence(self, source: str, cutoff: float = 75.0) -> Match | None:
        """A translation of a text of several sentences put together from a match (exact, else
        fuzzy) for each of its sentences; None unless every sentence has one. The score is the
        mean of the sentences' scores weighted by their length."""
        parts = sentences(strip(source))
        if len(parts) < 2:
            return None
        found = []
        for part in parts:
            m = self.exact(part) or self.fuzzy(part, cutoff)
            if m is None:
                return None
            found.append(m)
        score = sum(len(p) * m.score for p, m in zip(parts, found, strict=True)) / sum(map(len, parts))
        return Match(
            "".join(m.source for m in found),
            " ".join(m.target for m in found),
            ", ".join(dict.fromkeys(m.origin for m in found)),
            score,
            len(parts),
        )


class ImportedMemory(SeriesMemory):
    """Translations imported from other tools' TMX (``memory/*.tmx``). The same look-ups as the
    series memory, but what they find is a suggestion for review, never a final translation, and
    the series' own translations come first (units/extract.py)."""
