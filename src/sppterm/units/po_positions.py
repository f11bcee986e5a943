"""Where a character of a PO string sits in the file: offsets in msgid/msgstr → line and column.

A PO string is wrapped across lines (``msgstr ""`` then ``"..."`` continuations) and escaped
(``\\"``, ``\\n``, octal and hex bytes), so an offset in the decoded text is not a column in the
file. :func:`entry_strings` reads the entry whose msgid is on a given line with the same
grammar as the strict reader (:mod:`sppterm.units.po`) and keeps, for every decoded character,
the physical span of what encodes it. Columns are 1-based and count code points (SARIF's
``unicodeCodePoints``); an end column is exclusive (the column after the span), as in SARIF.

Only the entries a finding is about are read, so checking 20,000 units pays for none of this.
"""

from __future__ import annotations

import codecs
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from sppterm.units.po import _ESCAPE, _SIMPLE, _STRING_LINE

Region = tuple[int, int, int, int]  # start line, start column, end line, end column (exclusive)


@dataclass
class PoString:
    """One field of an entry (msgid or msgstr) as it is written in the file."""

    text: str = ""  # the decoded string
    start: tuple[int, int] = (1, 1)  # where the field's keyword starts
    end: tuple[int, int] = (1, 1)  # after the closing quote of its last line
    # Runs of decoded characters, in order: (first offset, line, column, plain). A plain run
    # (unescaped text) has one column per character; otherwise the run is one escape (or the
    # byte escapes of one character) and its characters span from (line, column) to the
    # next run's start. Runs keep long strings cheap: no tuple per character.
    runs: list[tuple[int, int, int, bool]] = field(default_factory=list)
    _ends: list[tuple[int, int]] = field(default_factory=list)  # where each run ends

    def char(self, k: int) -> Region:
        """Where character ``k`` (0 <= k < len(text)) is written: its first physical
        character, and the position after its last one."""
        i = bisect_right(self.runs, (k, 1 << 62)) - 1
        offset, line, col, plain = self.runs[i]
        if plain:
            return line, col + k - offset, line, col + k - offset + 1
        return (line, col, *self._ends[i])

    def region(self, start: int | None = None, end: int | None = None) -> Region:
        """The physical region of ``text[start:end]``; the whole field (keyword to closing
        quote) when no offsets are given. Offsets out of range are clamped: a region always
        lies inside the field."""
        if start is None:
            return (*self.start, *self.end)
        n = len(self.text)
        start = min(max(start, 0), n)
        end = start if end is None else min(max(end, start), n)
        if n == 0:  # an empty string: the point after its opening quote
            line, col = self.end
            return line, max(col - 1, 1), line, max(col - 1, 1)
        if start == n:  # the end of the text: after its last character
            line, col = self.char(n - 1)[2:]
            return line, col, line, col
        a = self.char(start)
        if end == start:
            return a[0], a[1], a[0], a[1]
        return (a[0], a[1], *self.char(end - 1)[2:])


def entry_strings(lines: Sequence[str], msgid_line: int) -> dict[str, PoString]:
    """The msgid and msgstr (or msgstr[0]) of the entry whose msgid is on line ``msgid_line``
    (1-based) of ``lines``, keyed ``"msgid"`` and ``"msgstr"``. Empty when that line is not a
    msgid (the file changed since it was read, or another kind of input)."""
    builders: dict[str, _Builder] = {}
    current: _Builder | None = None
    n = msgid_line
    while n - 1 < len(lines):
        raw = lines[n - 1]
        body = raw.strip()
        m = _STRING_LINE.fullmatch(body) if body else None
        if m is None:
            break
        keyword = m.group(1)
        indent = len(raw) - len(raw.lstrip())
        if keyword is None:
            if current is None:
                break
        elif keyword == "msgid" and n == msgid_line:
            current = builders["msgid"] = _Builder(n, indent + 1)
        elif keyword in ("msgstr", "msgstr[0]") and "msgid" in builders and "msgstr" not in builders:
            current = builders["msgstr"] = _Builder(n, indent + 1)
        elif keyword == "msgid_plural" or keyword.startswith("msgstr["):
            current = _Builder(n, indent + 1)  # the other forms: read past, checks see only two
        else:
            break  # the next entry
        if current is not None:
            current.add(n, indent + m.start(3) + 1, m.group(3))
        n += 1
    return {name: b.finish() for name, b in builders.items()}


class _Builder:
    """Decodes a field's string pieces as the strict reader does, recording where each run of
    characters is written. Byte escapes (octal, hex) go through an incremental UTF-8 decoder,
    so a character written as three escapes, even across two lines, is one run."""

    def __init__(self, line: int, column: int) -> None:
        self.done = PoString(start=(line, column), end=(line, column))
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending: tuple[int, int] | None = None  # where an unfinished byte sequence began
        self._text: list[str] = []
        self._n = 0  # characters decoded so far

    def _emit(self, text: str, begin: tuple[int, int], end: tuple[int, int], plain: bool) -> None:
        if text:
            self.done.runs.append((self._n, *begin, plain))
            self.done._ends.append(end)
            self._text.append(text)
            self._n += len(text)

    def _flush(self, at: tuple[int, int]) -> None:
        """Plain text after bytes: whatever the decoder still holds ends here."""
        if self._pending is not None:
            self._emit(self._decoder.decode(b"", final=True), self._pending, at, False)
            self._decoder.reset()
            self._pending = None

    def add(self, line: int, column: int, body: str) -> None:
        """One quoted piece on ``line`` whose body starts at ``column``."""
        pos = 0
        for m in _ESCAPE.finditer(body):
            self._plain(line, column, body, pos, m.start())
            begin, end = (line, column + m.start()), (line, column + m.end())
            octal, hexa, char = m.groups()
            if char is not None:
                self._flush(begin)
                self._emit(_SIMPLE.get(char, m.group()), begin, end, False)
            else:
                value = int(octal, 8) if octal is not None else int(hexa, 16)
                if self._pending is None:
                    self._pending = begin
                out = self._decoder.decode(bytes([value & 0xFF]))
                if out:
                    self._emit(out, self._pending, end, False)
                    self._pending = None
            pos = m.end()
        self._plain(line, column, body, pos, len(body))
        self.done.end = (line, column + len(body) + 1)  # after the closing quote

    def _plain(self, line: int, column: int, body: str, a: int, b: int) -> None:
        if a < b:
            self._flush((line, column + a))
            self._emit(body[a:b], (line, column + a), (line, column + b), True)

    def finish(self) -> PoString:
        self._flush(self.done.end)
        self.done.text = "".join(self._text)
        return self.done
