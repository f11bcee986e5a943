"""Where a finding is in its file: from (side, span) in the unit's text to line and column.

Rules say what a finding is about in terms of the unit: the source or the translation and,
when they can, the span of the words concerned. :func:`place` turns that into the physical
region reports show (``file:line:col``, SARIF's region, GitHub's annotation): in a PO file the
msgstr (or msgid) line and column of those words, through the wrapping and the escapes
(:mod:`sppterm.units.po_positions`). It runs on the findings only, after the rules, so a check
of 20,000 clean units reads nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from sppterm.checks.base import Finding
from sppterm.placeholders import TAG
from sppterm.textio import read_text
from sppterm.units.po_positions import PoString, entry_strings

_FIELD = {"source": "msgid", "target": "msgstr"}
_SEARCH_LINES = 200  # how far past a unit's line a non-PO file is searched for the words


def unstripped(text: str, start: int, end: int) -> tuple[int, int]:
    """A span of ``placeholders.strip(text)`` as a span of ``text``: rules match terms on the
    text without its <b>/<i> tags, reports point into the text as written. The start skips
    the tags before its character, the end stops after the span's last character."""
    a, b, removed = start, end, 0
    for m in TAG.finditer(text):
        at = m.start() - removed  # the tag stands before this character of the stripped text
        if at <= start:
            a += m.end() - m.start()
        if at < end:
            b += m.end() - m.start()
        removed += m.end() - m.start()
    return a, max(a, b)


def place(findings: Iterable[Finding], files: dict[str, str]) -> None:
    """Set each finding's line/column/end_line/end_column from its side and span, reading the
    file its unit came from (``files``: report path → file to read). Findings whose file is
    unknown or has changed keep the unit's line. One file is held at a time: a 200,000-unit
    check would otherwise keep every PO file's text until the last finding is placed."""
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        file = files.get(f.path)
        if file:
            by_file.setdefault(file, []).append(f)
    for file, found in by_file.items():
        try:
            text_lines = read_text(file).split("\n")
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        entries: dict[int, dict[str, PoString]] = {}
        for f in found:
            if file.endswith(".po"):
                if f.unit_line not in entries:
                    entries[f.unit_line] = entry_strings(text_lines, f.unit_line)
                _place_po(f, entries[f.unit_line])
            else:
                _place_by_search(f, text_lines)


def _place_po(f: Finding, strings: dict[str, PoString]) -> None:
    s = strings.get(_FIELD.get(f.side, "msgstr"))
    expected = f.key if f.side == "source" else f.target
    if s is None or s.text != expected:  # the file changed since it was read: keep the unit's line
        return
    region = s.region(*f.span) if f.span else s.region()
    f.line, f.column, f.end_line, f.end_column = region


def _place_by_search(f: Finding, lines: list[str]) -> None:
    """Markdown sources and XLIFF: the span's words looked up from the unit's line on (XML
    escapes or Markdown markup inside them leave the unit's line)."""
    text = f.key if f.side == "source" else f.target
    if not f.span or not text:
        return
    words = text[f.span[0] : f.span[1]]
    if not words or "\n" in words:
        return
    for n in range(max(f.unit_line, 1), min(f.unit_line + _SEARCH_LINES, len(lines) + 1)):
        col = lines[n - 1].find(words)
        if col >= 0:
            f.line, f.column, f.end_line, f.end_column = n, col + 1, n, col + 1 + len(words)
            return
