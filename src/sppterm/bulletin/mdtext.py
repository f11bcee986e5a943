"""Writing inline text as CommonMark: escape what would otherwise be markup."""

from __future__ import annotations

import re

from sppterm.patterns import URL_RE

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_URL = URL_RE  # the URLs the checker and the publisher see: left readable
_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^([#>+-]|=+|\d+[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Escape CommonMark inline markup in plain text (URLs are left readable)."""
    out = []
    pos = 0
    for m in _URL.finditer(text):
        out.append(_SPECIAL.sub(r"\\\1", text[pos : m.start()]))
        out.append(m.group(0).replace("<", "%3C").replace(">", "%3E"))
        pos = m.end()
    out.append(_SPECIAL.sub(r"\\\1", text[pos:]))
    s = "".join(out)
    start = _LINE_START.match(s)
    if start:
        s = s[: start.end(1) - 1] + "\\" + s[start.end(1) - 1 :]
    return s


def inline(text: str) -> str:
    """Plain text with ``**bold**`` spans kept as bold, everything else escaped."""
    out = []
    pos = 0
    for m in _BOLD.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append("**" + escape(m.group(1)) + "**")
        pos = m.end()
    out.append(escape(text[pos:]))
    s = "".join(out)
    # A bold span at the very start must not be mistaken for a list marker; nothing to do.
    return s
