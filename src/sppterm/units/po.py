"""PO files: deterministic writing (no wrapping, no timestamps) and reading with file:line errors."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from sppterm.errors import InputError
from sppterm.textio import read_text

HEADER_ORDER = [
    "Project-Id-Version",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Source-Language",
    "X-Generator",
]


def header(bulletin_id: str, old: dict[str, str] | None = None) -> dict[str, str]:
    """The PO header: our fields first, then fields tools added (translator, revision date)."""
    ours = {
        "Project-Id-Version": f"sppterm bulletin {bulletin_id}",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
        "X-Source-Language": "zh_CN",
        "X-Generator": "sppterm",
    }
    for k, v in (old or {}).items():
        if k not in ours and k != "POT-Creation-Date":
            ours[k] = v
    return ours


_LINE = re.compile(r"\(line (\d+)\)|line (\d+)")


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file; a malformed one raises :class:`InputError` with its line."""
    p = str(path)
    text = read_text(path)
    try:
        return polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as e:
        m = _LINE.search(str(e))
        line = int(m.group(1) or m.group(2)) if m else None
        raise InputError.at(p, line, f"malformed PO file: {e}".replace(" None ", " ")) from None


def po_text(po: polib.POFile) -> str:
    """Serialise without wrapping; obsolete entries last, in their given order."""
    po.wrapwidth = 0
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def load_po_dir(po_dir: Path) -> dict[str, polib.POFile]:
    """Every ``ID.po`` of a directory, parsed once, keyed by bulletin id."""
    return {p.stem: read_po(p) for p in sorted(Path(po_dir).glob("*.po"))}
