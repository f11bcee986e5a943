"""Writing inline text as CommonMark: escape what would otherwise be markup."""

from __future__ import annotations

import re
import unicodedata

from sppterm.patterns import URL_RE

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_URL = URL_RE  # the URLs the checker and the publisher see: left readable
_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
# Up to three spaces of indentation still open a heading, quote, list, thematic break, setext
# underline or fence. The backslash goes before the marker's last character (``1\.``, ``==\=``),
# a fence's first (``\~~~``: three tildes in a row open one).
_LINE_START = re.compile(
    r"^ {0,3}(~{3,}|=+(?=\s|$)|-+(?=[- \t]*$)|#{1,6}(?=\s|$)|[>+-](?=\s|$)|\d+[.)](?=\s|$))"
)
# A character or entity reference would be decoded by a renderer: its "&" is escaped.
REFERENCE = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")


def escape(text: str) -> str:
    """Escape CommonMark inline markup in plain text (URLs are left readable)."""
    out = []
    pos = 0
    for m in _URL.finditer(text):
        out.append(_plain(text[pos : m.start()]))
        out.append(REFERENCE.sub(r"\\&", m.group(0).replace("<", "%3C").replace(">", "%3E")))
        pos = m.end()
    out.append(_plain(text[pos:]))
    s = "".join(out)
    start = _LINE_START.match(s)
    if start:
        k = start.start(1) if start.group(1)[0] == "~" else start.end(1) - 1
        s = s[:k] + "\\" + s[k:]
    return s


def _plain(text: str) -> str:
    return REFERENCE.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


def _punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))


def _flank_safe(before: str, inner: str, after: str) -> tuple[str, str]:
    """CommonMark opens ``**`` before punctuation only after space or punctuation, and closes it
    after punctuation only before space or punctuation (``**《…》**正式`` stays literal). The
    outside neighbour is then written as a numeric reference: the same text, read as bold."""
    if inner and _punct(inner[0]) and before and not (before.isspace() or _punct(before)):
        before = f"&#{ord(before)};"
    if inner and _punct(inner[-1]) and after and not (after.isspace() or _punct(after)):
        after = f"&#{ord(after)};"
    return before, after


def inline(text: str) -> str:
    """Plain text with ``**bold**`` spans kept as bold, everything else escaped."""
    pieces: list[str] = []  # escaped text and bold spans, alternating (text first)
    spans: list[str] = []
    pos = 0
    for m in _BOLD.finditer(text):
        pieces.append(text[pos : m.start()])
        spans.append(m.group(1))
        pos = m.end()
    pieces.append(text[pos:])
    out = []
    for k, piece in enumerate(pieces):
        # A neighbour character replaced by a reference is cut from its piece before escaping.
        lead = ""
        if k > 0:
            _, after = _flank_safe("", spans[k - 1], piece[:1])
            if after != piece[:1]:
                lead, piece = after, piece[1:]
        trail = ""
        if k < len(spans):
            before, _ = _flank_safe(piece[-1:], spans[k], "")
            if before != piece[-1:]:
                trail, piece = before, piece[:-1]
        out.append(lead + escape(piece) + trail)
        if k < len(spans):
            out.append("**" + escape(spans[k]) + "**")
    return "".join(out)
