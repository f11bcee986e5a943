"""``sppterm status``: one row per bulletin, with its translation progress from the PO file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib

from sppterm.bulletin.parse import load_bulletins
from sppterm.ids import bulletin_file
from sppterm.report.table import table
from sppterm.units.po import is_final, read_po

HEADERS = ["id", "year", "issue", "no.", "blocks", "zh chars", "translated"]


@dataclass(frozen=True)
class Progress:
    """How far a PO file is translated: final units, fuzzy ones, all active units."""

    done: int
    fuzzy: int
    total: int

    def __str__(self) -> str:
        """``75% (30/40, 2 fuzzy)``: whole percent, rounded down, so 100% means finished."""
        pct = 100 * self.done // max(self.total, 1)
        return f"{pct}% ({self.done}/{self.total}" + (f", {self.fuzzy} fuzzy)" if self.fuzzy else ")")


def progress(po: polib.POFile) -> Progress:
    """Count the active units of ``po`` (obsolete entries and the header do not count)."""
    active = [e for e in po if not e.obsolete and e.msgid]
    return Progress(
        done=sum(1 for e in active if is_final(e)),
        fuzzy=sum(1 for e in active if "fuzzy" in e.flags),
        total=len(active),
    )


def status_rows(source_dir: Path, po_dir: Path) -> list[list[object]]:
    """A row of :data:`HEADERS` per bulletin of ``source_dir`` ("no PO file" when it has none)."""
    rows: list[list[object]] = []
    for b in load_bulletins(source_dir):
        po_file = bulletin_file(po_dir, b.id, ".po")
        state = str(progress(read_po(po_file))) if po_file.is_file() else "no PO file"
        blocks = sum(1 for _ in b.blocks())
        rows.append(
            [b.id, b.year or "?", b.issue or "–", b.serial or "–", blocks, b.chinese_characters, state]
        )
    return rows


def render(source_dir: Path, po_dir: Path) -> str:
    """The status table as ``sppterm status`` prints it."""
    return table(HEADERS, status_rows(source_dir, po_dir))
