"""PO files: deterministic writing (no wrapping, no timestamps) and reading with file:line errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

import polib

from sppterm.errors import InputError
from sppterm.textio import read_text

HEADER_ORDER = [  # gettext's order (polib writes the header in it)
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Source-Language",
    "X-Generator",
]
# The fields that name people and dates: configured, kept from the file, or defaulted.
PEOPLE_AND_DATES = HEADER_ORDER[1:6]
# What xgettext and msginit leave for a human to fill in: never kept.
BOILERPLATE = ("YEAR-MO-DA", "FULL NAME", "EMAIL@ADDRESS", "LL@li.org", "PACKAGE")
DEFAULT_TEAM = "English"  # Language-Team without [tool.sppterm.po] team
# (configured, defaults) for :func:`header`, each keyed by header field.
HeaderFields = tuple[dict[str, str], dict[str, str]]


def header(
    bulletin_id: str,
    old: dict[str, str] | None = None,
    configured: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
    units_changed: bool = True,
) -> dict[str, str]:
    """The PO header: the fixed fields, then the people and dates, then fields tools added.

    Deterministic, never the clock: a field of :data:`PEOPLE_AND_DATES` is the ``configured``
    value ([tool.sppterm.po]), else the old file's (a translator's Poedit sets PO-Revision-Date
    and Last-Translator), else the ``defaults`` (dates and authors from git, see
    :mod:`sppterm.units.history`). POT-Creation-Date follows the source only when the units
    changed, so that committing a PO file never makes the next ``extract`` rewrite it.
    """
    old = old or {}
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
    for k in PEOPLE_AND_DATES:
        kept = old.get(k, "").strip()
        if not kept or any(b in kept for b in BOILERPLATE) or (k == "POT-Creation-Date" and units_changed):
            kept = ""
        value = (configured or {}).get(k) or kept or (defaults or {}).get(k, "")
        if value:
            ours[k] = value
    for k, v in old.items():
        if k not in ours and k not in PEOPLE_AND_DATES:
            ours[k] = v
    return ours


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file strictly; a malformed one raises :class:`InputError` with its line.

    polib is lenient (an unterminated string loses its last character, ``\\q`` passes, a second
    entry with the same msgid silently wins), so sppterm reads PO syntax itself (:func:`parse_po`)
    and hands the rest of the code polib objects.
    """
    return parse_po(read_text(path), str(path))


# A keyword or continuation line: an optional keyword, one quoted string, nothing else.
_STRING_LINE = re.compile(
    r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)?[ \t]*"([^"\\]*(?:\\.[^"\\]*)*)"[ \t]*'
)
_UNESCAPED_QUOTE = re.compile(r'(?<!\\)(?:\\\\)*"')
# gettext's escapes: the C ones, up to three octal digits, \x and hex digits (a byte each).
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))")
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"'}
# C0 controls other than tab and newline, DEL, C1 controls and the Unicode line separators:
# never part of a translation (they reach the HTML, and XML cannot carry most of them).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_PREVIOUS = {
    "msgctxt": "previous_msgctxt",
    "msgid": "previous_msgid",
    "msgid_plural": "previous_msgid_plural",
}


def control_problem(text: str) -> str | None:
    """Why ``text`` cannot be a PO string (a control character), or None."""
    m = _CONTROL.search(text)
    return f"control character U+{ord(m.group()):04X}" if m else None


class _Entry:
    """An entry being read: comments, then fields as lists of decoded segments."""

    __slots__ = (
        "done",
        "fields",
        "first",
        "flags",
        "gc",
        "kind",
        "last",
        "lines",
        "obsolete",
        "occ",
        "prev",
        "tc",
    )

    def __init__(self, first: int) -> None:
        self.first = first  # first line (a comment or the msgid), as polib's linenum
        self.obsolete: bool | None = None
        self.tc: list[str] = []
        self.gc: list[str] = []
        self.occ: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.prev: dict[str, list[str | bytes]] = {}
        self.fields: dict[str, list[str | bytes]] = {}
        self.lines: dict[str, int] = {}
        self.last: list[str | bytes] | None = None  # where a continuation string goes
        self.kind = ""  # ... and which lines may continue it: "#|", "#~" or ""
        self.done = False  # has its msgstr


def _decode(body: str, path: str, n: int) -> str | bytes:
    """A string's escapes resolved; bytes when octal/hex escapes make it a byte string."""
    if "\\" not in body:
        return body
    out: list[str | bytes] = []
    pos = 0
    raw = False
    for m in _ESCAPE.finditer(body):
        out.append(body[pos : m.start()])
        pos = m.end()
        octal, hexa, char = m.groups()
        if char is not None:
            if char not in _SIMPLE:
                raise InputError.at(path, n, f"malformed PO file: invalid escape {m.group()!r}")
            out.append(_SIMPLE[char])
        else:
            value = int(octal, 8) if octal is not None else int(hexa, 16)
            if value > 0xFF:
                raise InputError.at(path, n, f"malformed PO file: invalid escape {m.group()!r} (not a byte)")
            out.append(bytes([value]))
            raw = True
    out.append(body[pos:])
    if raw:
        return b"".join(x if isinstance(x, bytes) else x.encode("utf-8") for x in out)
    text = "".join(cast("list[str]", out))  # no byte escape (raw is false): all str
    if why := control_problem(text):
        raise InputError.at(path, n, f"malformed PO file: {why} in a string")
    return text


def _join(parts: list[str | bytes], path: str, n: int) -> str:
    if len(parts) == 1 and isinstance(parts[0], str):
        return parts[0]
    if all(isinstance(x, str) for x in parts):
        return "".join(cast("list[str]", parts))
    data = b"".join(x if isinstance(x, bytes) else x.encode("utf-8") for x in parts)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError.at(path, n, "malformed PO file: escaped bytes are not UTF-8") from None
    if why := control_problem(text):
        raise InputError.at(path, n, f"malformed PO file: {why} in a string")
    return text


def parse_po(text: str, path: str = "<PO>") -> polib.POFile:
    """PO text → polib objects, refusing what a PO parser would have to guess at.

    Errors name the line: unterminated strings and stray quotes, escapes gettext rejects (the
    C escapes, octal and hex are decoded as gettext does), control characters, an msgid without
    msgstr, keywords out of order, obsolete and active lines mixed, duplicate msgids.
    """
    m = _CONTROL.search(text)
    if m:
        lineno = text.count("\n", 0, m.start()) + 1
        raise InputError.at(path, lineno, f"malformed PO file: control character U+{ord(m.group()):04X}")
    if text.startswith("\ufeff"):
        text = text[1:]
    entries: list[_Entry] = []
    cur = _Entry(1)
    match = _STRING_LINE.fullmatch

    def error(n: int, message: str) -> InputError:
        return InputError.at(path, n, f"malformed PO file: {message}")

    def begin(n: int) -> _Entry:
        """The entry a comment or a new msgctxt/msgid at line ``n`` belongs to."""
        nonlocal cur
        if cur.done:
            entries.append(cur)
            cur = _Entry(n)
        elif cur.fields:
            at = cur.lines.get("msgid") or cur.lines.get("msgctxt") or cur.first
            raise error(at, "msgid without msgstr")
        elif not (cur.tc or cur.gc or cur.occ or cur.flags or cur.prev):
            cur.first = n
        return cur

    def string_line(n: int, body: str, raw: str, obsolete: bool, previous: bool) -> None:
        m = match(body)
        if m is None:
            odd = len(_UNESCAPED_QUOTE.findall(body)) % 2
            what = "unterminated string (or an unescaped quote)" if odd else "unexpected text"
            raise error(n, f"{what}: {raw[:60]!r}")
        keyword, index, value = m.groups()
        value = _decode(value, path, n)
        kind = "#|" if previous else "#~" if obsolete else ""
        if keyword is None:  # continuation
            if cur.last is None or cur.kind != kind:
                raise error(n, f"string outside an entry: {raw[:60]!r}")
            cur.last.append(value)
            return
        if previous:
            e = cur if cur.prev and not cur.done else begin(n)
            name = _PREVIOUS.get(keyword)
            if name is None or name in e.prev or e.fields:
                raise error(n, f"unexpected #| {keyword}")
            e.prev[name] = e.last = [value]
            e.kind = kind
            return
        if keyword == "msgctxt" or (keyword == "msgid" and (cur.done or list(cur.fields) != ["msgctxt"])):
            e = begin(n)
        else:
            e = cur
        if e.obsolete is None:
            e.obsolete = obsolete
        elif e.obsolete != obsolete:
            raise error(n, "obsolete (#~) and active lines mixed in one entry")
        f = e.fields
        if keyword == "msgctxt":
            ok = not f
        elif keyword == "msgid":
            ok = list(f) in ([], ["msgctxt"])
        elif keyword == "msgid_plural" or index is None:
            ok = "msgid" in f and "msgid_plural" not in f and not e.done
        else:
            ok = "msgid_plural" in f and int(index) == sum(k.startswith("msgstr[") for k in f)
        if not ok:
            raise error(n, f"unexpected {keyword}")
        key = keyword if index is None else f"msgstr[{int(index)}]"
        f[key] = e.last = [value]
        e.kind = kind
        e.lines[key] = n
        if keyword.startswith("msgstr"):
            e.done = True

    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        c = line[0]
        if c == '"' or c == "m":
            string_line(n, line, raw, False, False)
        elif c != "#":
            raise error(n, f"unexpected text: {raw[:60]!r}")
        else:
            kind = line[1:2]
            if kind == "~":
                rest = line[2:].lstrip()
                if rest.startswith("|"):
                    string_line(n, rest[1:].lstrip(), raw, True, True)
                elif rest:
                    string_line(n, rest, raw, True, False)
            elif kind == "|":
                string_line(n, line[2:].lstrip(), raw, False, True)
            else:
                e = begin(n)
                body = raw.lstrip()[2:]
                if kind == ".":
                    e.gc.append(body[1:] if body.startswith(" ") else body)
                elif kind == ":":
                    for occ in body.split():
                        fil, _, num = occ.rpartition(":")
                        e.occ.append((fil, num) if fil and num.isdigit() else (occ, ""))
                elif kind == ",":
                    e.flags += [x for x in (f.strip() for f in body.split(",")) if x]
                else:
                    body = raw.lstrip()[1:]
                    e.tc.append(body[1:] if body.startswith(" ") else body)
                e.last = None
    if cur.fields:
        if not cur.done:
            raise error(cur.lines.get("msgid") or cur.first, "msgid without msgstr")
        entries.append(cur)
    return _build(entries, path)


def _build(entries: list[_Entry], path: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0, encoding="utf-8")
    po.fpath = path
    seen: dict[tuple[str | None, str], int] = {}
    for k, e in enumerate(entries):
        f = e.fields
        at = e.lines.get("msgid", e.first)
        values = {name: _join(parts, path, e.lines.get(name, at)) for name, parts in f.items()}
        msgid = values.get("msgid", "")
        msgctxt = values.get("msgctxt")
        if not e.obsolete:
            key = (msgctxt, msgid)
            if key in seen:
                raise InputError.at(path, at, f"duplicate msgid (first on line {seen[key]})")
            seen[key] = at
        prev = {name: _join(parts, path, e.first) for name, parts in e.prev.items()}
        if k == 0 and not msgid and msgctxt is None and not e.obsolete:  # the header entry
            po.header = "\n".join(e.tc)
            po.metadata_is_fuzzy = "fuzzy" in e.flags
            key_ = None
            for item in values.get("msgstr", "").splitlines():
                try:
                    key_, val = item.split(":", 1)
                    po.metadata[key_] = val.strip()
                except ValueError:
                    if key_ is not None:
                        po.metadata[key_] += "\n" + item.strip()
            continue
        plural = {int(name[7:-1]): v for name, v in values.items() if name.startswith("msgstr[")}
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgstr=values.get("msgstr", ""),
                msgid_plural=values.get("msgid_plural", ""),
                msgstr_plural=plural,
                msgctxt=msgctxt,
                obsolete=bool(e.obsolete),
                comment="\n".join(e.gc),
                tcomment="\n".join(e.tc),
                occurrences=e.occ,
                flags=e.flags,
                linenum=e.first,
                **prev,
            )
        )
    return po


def po_text(po: polib.POFile, path: str = "<PO>") -> str:
    """Serialise without wrapping; obsolete entries last, in their given order.

    Refuses (:class:`InputError`) text the strict reader would refuse, so that no command
    writes a PO file that every later command rejects.
    """
    po.wrapwidth = 0
    for e in po:
        for name, value in (("msgid", e.msgid), ("msgstr", e.msgstr), ("msgctxt", e.msgctxt or "")):
            if why := control_problem(value):
                raise InputError.at(path, None, f"{why} in the {name} of {e.msgid[:40]!r}: not written")
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def is_final(entry: polib.POEntry) -> bool:
    """A reviewed translation: active, translated, not fuzzy. Only these fill the memory, reach
    a release edition and are scored; a fuzzy one is a suggestion nobody has accepted yet."""
    return not entry.obsolete and bool(entry.msgid) and bool(entry.msgstr) and "fuzzy" not in entry.flags


def load_po_dir(po_dir: Path) -> dict[str, polib.POFile]:
    """Every ``ID.po`` of a directory, parsed once, keyed by bulletin id."""
    return {p.stem: read_po(p) for p in sorted(Path(po_dir).glob("*.po"))}
