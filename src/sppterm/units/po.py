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
    """Parse a PO file strictly; a malformed one raises :class:`InputError` with its line.

    polib is lenient (an unterminated string loses its last character, ``\\q`` passes, a second
    entry with the same msgid silently wins), so the syntax is checked first, then the entries.
    """
    p = str(path)
    text = read_text(path)
    check_syntax(text, p)
    try:
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as e:
        m = _LINE.search(str(e))
        line = int(m.group(1) or m.group(2)) if m else None
        raise InputError.at(p, line, f"malformed PO file: {e}".replace(" None ", " ")) from None
    check_entries(po, p, text.split("\n"))
    return po


# A string line: an optional keyword, then one quoted string and nothing else.
_STRING_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"((?:[^"\\]|\\.)*)"[ \t]*'
)
# The escapes polib decodes; gettext's octal, hex and \\a would be read differently by the two.
_BAD_ESCAPE = re.compile(r'\\(?![\\"ntrvbf])')
# C0 controls other than tab and newline, DEL, C1 controls and the Unicode line separators:
# never part of a translation, and polib would split lines at some of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


_UNESCAPED_QUOTE = re.compile(r'(?<!\\)(?:\\\\)*"')


def check_syntax(text: str, path: str) -> None:
    """Refuse lines a PO parser would have to guess at, naming the first one."""
    for n, line in enumerate(text.split("\n"), 1):
        body = line.strip()
        if body.startswith(("#~", "#|")):
            body = body[2:].lstrip()
            if body.startswith("|"):  # '#~|' previous of an obsolete entry
                body = body[1:].lstrip()
        elif not body or body.startswith("#"):
            continue
        if not body:
            continue
        m = _STRING_LINE.fullmatch(body)
        if not m:
            quotes = len(_UNESCAPED_QUOTE.findall(body))
            what = "unterminated string (or an unescaped quote)" if quotes % 2 else "unexpected text"
            raise InputError.at(path, n, f"malformed PO file: {what}: {line[:60]!r}")
        bad = _BAD_ESCAPE.search(m.group(1))
        if bad:
            raise InputError.at(
                path, n, f"malformed PO file: invalid escape {m.group(1)[bad.start() : bad.start() + 2]!r}"
            )
        if _CONTROL.search(line):
            raise InputError.at(path, n, "malformed PO file: control character in a string")


def check_entries(po: polib.POFile, path: str, lines: list[str]) -> None:
    """Each (msgctxt, msgid) once; no control characters (escaped ones included) in any text."""
    seen: dict[tuple[str | None, str], int] = {}
    for e in po:
        line = getattr(e, "linenum", None)
        fields = {"msgctxt": e.msgctxt or "", "msgid": e.msgid, "msgstr": e.msgstr}
        fields.update({f"msgstr[{k}]": v for k, v in e.msgstr_plural.items()})
        for name, value in fields.items():
            if _CONTROL.search(value):
                at = _field_line(lines, line, name)
                raise InputError.at(path, at, f"control character in {name}")
        if e.obsolete:
            continue
        key = (e.msgctxt, e.msgid)
        if key in seen:
            raise InputError.at(path, line, f"duplicate msgid (first on line {seen[key]})")
        seen[key] = line or 0


def _field_line(lines: list[str], start: int | None, name: str) -> int | None:
    """The line where ``name`` (msgid, msgstr …) of the entry starting at ``start`` begins."""
    if not start:
        return None
    for n in range(start - 1, min(len(lines), start + 200)):
        if lines[n].lstrip("#~ ").startswith(name + " "):
            return n + 1
    return start


def po_text(po: polib.POFile) -> str:
    """Serialise without wrapping; obsolete entries last, in their given order."""
    po.wrapwidth = 0
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def load_po_dir(po_dir: Path) -> dict[str, polib.POFile]:
    """Every ``ID.po`` of a directory, parsed once, keyed by bulletin id."""
    return {p.stem: read_po(p) for p in sorted(Path(po_dir).glob("*.po"))}
