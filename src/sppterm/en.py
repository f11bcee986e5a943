"""Facts about English text: sentence segmentation (for aligning memory entries)."""

from __future__ import annotations

import re

_ABBREV = ("e.g.", "i.e.", "etc.", "Mr.", "Ms.", "Dr.", "No.", "vs.", "St.", "U.S.", "U.N.")
_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“(]?[A-Z0-9])")


def sentences(text: str) -> list[str]:
    """Split English text at . ! ? followed by space and a capital or digit (not after an abbreviation)."""
    out: list[str] = []
    start = 0
    for m in _END.finditer(text):
        piece = text[start : m.start()].rstrip()
        if any(piece.endswith(a) for a in _ABBREV):
            continue
        if piece:
            out.append(text[start : m.end()].strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out
