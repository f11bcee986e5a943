"""The PO units of a series as plain rows, kept warm on disk for searching (``sppterm search``).

Parsing 20,000 units strictly (:func:`sppterm.units.po.read_po`) takes about 0.4 s; a search
should answer in a small fraction of that. The rows of every PO file are therefore stored in
one cache entry beside the glossary's (:func:`sppterm.cachedir.directory`: the same
directory, ``SPPTERM_CACHE_DIR`` and ``SPPTERM_NO_CACHE``), keyed by what the rows depend on:

* the cache format, the sppterm and Python versions, the project root (paths are shown
  relative to it), the bytes of the code that reads PO files
  (``units/po.py`` and this module);
* each PO file's name, size, modification and change times (nanoseconds) and inode, as ruff and
  mypy key their caches: a file written again, even with the same size, gets new times, so no
  file is read when nothing changed.

An entry is a header (magic, format, key, lengths and the CRC-32 of its head), the head (a JSON
table of contents and the small columns of an :class:`Index`: line arrays, states, short strings)
and the four text columns (msgid and msgstr, as written and folded), each at an offset the page
size divides, so a read maps them instead of copying them. A warm load checks the head's CRC and
maps the text columns; each text column is checked against its own CRC-32 the first time it is
used (a search of the English never reads the Chinese columns whole; 25 MB of CRC cost ~5 ms a
load), and only the pages a search scans are read. No pickle: an entry holds bytes and JSON,
nothing that could name a class or run code.
A missing, stale, truncated, corrupt or foreign entry is a miss: the files are parsed (any error
reported with its file and line, as everywhere) and the entry rewritten atomically (a mapped old
entry stays valid: a rename does not change the file it maps); a text column found corrupt when
first used is a miss too, found later: the files are parsed again and the parsed columns used
before any byte of the corrupt one is (:meth:`Index._column`). A write that fails only costs
time.
"""

from __future__ import annotations

import json
import mmap
import os
import re
import struct
import sys
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import sppterm
from sppterm.cachedir import directory, prepare, prune
from sppterm.errors import InputError
from sppterm.textio import display_path, read_text, write_atomic_bytes
from sppterm.zh import fold_width

try:  # hashlib imports OpenSSL first (3 ms of a 40 ms search); blake2b is built into CPython
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another implementation
    from hashlib import blake2b

FORMAT = 4  # 4: no pickle, a JSON table of contents; each text column checked when first used
PREFIX, SUFFIX = "units-", ".bin"
KEEP = 8
_MAGIC = b"sppterm-units\0\0\0"  # 16 bytes
_HEADER = struct.Struct("<16sI32sQQI")  # magic, format, key, payload length, head length, head CRC-32
_TOC = struct.Struct("<Q")  # the table of contents' length, at the head's start
_PAGE = mmap.ALLOCATIONGRANULARITY  # a mapping starts at a multiple of this
_CODE = ("units/po.py", "units/po_index.py")

# A character outside the ranges where Python's ``re`` and the ``regex`` module agree on ``\w``,
# ``\s`` and ``\d`` (so on ``\b``): ``re`` counts ``²``, ``½`` and ``①`` as word characters,
# ``regex`` combining marks, ZWJ and ``‿``; ``re`` counts U+001C–U+001F as spaces. A regex
# search runs ``re`` on a row without one (``regex``, whose import costs ~10 ms, on a row
# with one); tests/test_search.py checks every character of the ranges with both modules.
ODD_CHARACTERS = (  # the body of a character class
    "^\x00-\x1b\x20-\xb1\xb4-\xb8\xba\xbb\xbf-\u02ff\u0370-\u0482\u048a-\u04ff"
    "\u2000-\u200b\u200e-\u203e\u2041-\u2053\u2055-\u206f\u20a0-\u20cf\u2100-\u214f"
    "\u2190-\u22ff\u2500-\u25ff\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe32\ufe35-\ufe4c\uff00-\uff3e\uff40-\uffef"
)
_odd: list[re.Pattern[str]] = []  # compiled on first use: 2 ms, only an index built needs it


def has_odd_character(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`ODD_CHARACTERS`."""
    if not _odd:
        _odd.append(re.compile(f"[{ODD_CHARACTERS}]"))
    return _odd[0].search(text) is not None


class Row(NamedTuple):
    """One active PO unit: where it is, both sides and its state."""

    bulletin: str  # the PO file's stem (the bulletin id)
    path: str  # the PO file as displayed (relative to the project root when inside it)
    line: int  # the msgid's line
    msgstr_line: int
    msgctxt: str
    msgid: str
    msgstr: str
    fuzzy: bool
    flags: tuple[str, ...]
    role: str  # from the extracted comment 'role: …' (section, paragraph, english…)
    source_ref: str  # the first reference, source_zh/ID.md:LINE

    @property
    def translated(self) -> bool:
        """Translated and reviewed: a non-empty msgstr that is not fuzzy."""
        return bool(self.msgstr.strip()) and not self.fuzzy


def rows_of(path: Path, root: Path | None = None) -> list[Row]:
    """The active units of one PO file (the header and obsolete entries left out)."""
    from sppterm.units.po import read_po  # here: a warm search parses no PO file

    po = read_po(path)
    lines = read_text(path).split("\n")
    shown = display_path(path, root)
    out = []
    for e in po:
        if e.obsolete or not e.msgid or e.linenum is None:
            continue
        n = _next_line(lines, e.linenum, ("msgid ",))
        role = next((c[6:].split(" ")[0] for c in e.comment.splitlines() if c.startswith("role: ")), "")
        out.append(
            Row(
                path.stem,
                shown,
                n,
                _next_line(lines, n, ("msgstr ", "msgstr[")),
                e.msgctxt or "",
                e.msgid,
                e.msgstr,
                "fuzzy" in e.flags,
                tuple(e.flags),
                role,
                e.occurrences[0][0] + (f":{e.occurrences[0][1]}" if e.occurrences[0][1] else "")
                if e.occurrences
                else "",
            )
        )
    return out


def _next_line(lines: list[str], start: int, prefixes: tuple[str, ...]) -> int:
    """The first line from ``start`` (1-based) that starts with one of ``prefixes``."""
    n = start
    while n - 1 < len(lines) and not lines[n - 1].startswith(prefixes):
        n += 1
    return n if n - 1 < len(lines) else start


class Index:
    """The rows of a series as columns. The msgid and msgstr of all rows are each one UTF-8
    byte string (rows separated by NUL, which no PO string holds), as written and folded
    (:func:`fold`); line numbers and states are arrays. Reading an entry is then a few large
    copies, no decoding (20,000 tuples take a tenth of a second to unpickle), a literal search
    scans the folded bytes at C speed (UTF-8: a match of whole characters starts on a
    character), and only the rows a search returns are decoded. A text column is ``bytes``
    or, read from an entry, an ``mmap`` of it: only what both have is used on it (find,
    slicing, ``len``, the buffer for ``re`` and ``str(…, "utf-8")``). ``raw[field]`` and
    ``folded[field]`` are the text columns; mapped from an entry, each is checked on first use
    (:meth:`_column`)."""

    TEXTS = ("msgid", "msgstr")
    SMALL = ("msgctxt", "flags", "role", "source_ref")
    COLUMNS = tuple(f + s for f in TEXTS for s in ("", "_folded"))  # the text columns' names

    def __init__(
        self,
        paths: list[str],
        columns: dict[str, Any],
        crcs: dict[str, int] | None = None,
        reparse: Callable[[], Index] | None = None,
    ) -> None:
        """``crcs``: the CRC-32 each text column must have (mapped from an entry: checked on
        first use); ``reparse``: the index parsed from the files, for a column that fails."""
        self.paths = paths  # displayed path of each PO file
        self.file = array("I", columns["file"])  # row → index into paths
        self.line = array("I", columns["line"])
        self.msgstr_line = array("I", columns["msgstr_line"])
        self.fuzzy = bytes(columns["fuzzy"])
        self.translated = bytes(columns["translated"])  # a msgstr that is not blank
        self.small: dict[str, str] = {f: columns[f] for f in self.SMALL}
        self.small_starts = {f: array("I", columns[f"{f}_starts"]) for f in self.SMALL}
        self._texts: dict[str, Any] = {n: columns[n] for n in self.COLUMNS}
        self._unchecked = dict(crcs or {})
        self._reparse = reparse
        self.raw: dict[str, Any] = _Checked(self, "")
        self.folded: dict[str, Any] = _Checked(self, "_folded")
        self.starts = {f: array("I", columns[f"{f}_starts"]) for f in self.TEXTS}
        self.folded_starts = {f: array("I", columns[f"{f}_folded_starts"]) for f in self.TEXTS}
        self.char_starts = {f: array("I", columns[f"{f}_char_starts"]) for f in self.TEXTS}  # in characters
        self.odd = {f: bytes(columns[f"{f}_odd"]) for f in self.TEXTS}  # rows with has_odd_character()
        self.row_crcs = {f: array("I", columns[f"{f}_crcs"]) for f in self.TEXTS}  # CRC-32 of each row
        self._split: dict[str, list[str]] = {}
        self._joined: dict[str, tuple[str, array[int]]] = {}
        self._stems: list[str] | None = None

    def _column(self, name: str) -> Any:
        """Text column ``name``, checked against its CRC-32 if mapped from an entry. One that
        fails is a miss found late: the files are parsed again (the entry rewritten) and the
        parsed text columns replace the mapped ones before any byte of the corrupt one is
        used. The small columns, checked at load, must equal the parsed ones; if they do not,
        the files changed while being searched, and the search ends with a message."""
        value = self._texts[name]
        crc = self._unchecked.pop(name, None)
        if crc is None or zlib.crc32(value) == crc:
            return value
        assert self._reparse is not None  # only an index read from an entry has CRCs
        fresh = self._reparse()
        if fresh.paths != self.paths or fresh.small_columns() != self.small_columns():
            where = os.path.dirname(self.paths[0]) if self.paths else "PO files"
            raise InputError.at(where, None, "the PO files changed during the search: run it again")
        self._texts, self._unchecked = dict(fresh._texts), {}
        self.raw.clear()
        self.folded.clear()
        return self._texts[name]

    def __len__(self) -> int:
        return len(self.line)

    @classmethod
    def of(cls, rows: list[Row], paths: list[str] | None = None) -> Index:
        """The index of ``rows``; ``paths``: every PO file, also those without units (default:
        the files of the rows)."""
        paths = list(dict.fromkeys(r.path for r in rows)) if paths is None else paths
        number = {p: k for k, p in enumerate(paths)}
        cols: dict[str, Any] = {
            "file": array("I", [number[r.path] for r in rows]).tobytes(),
            "line": array("I", [r.line for r in rows]).tobytes(),
            "msgstr_line": array("I", [r.msgstr_line for r in rows]).tobytes(),
            "fuzzy": bytes(r.fuzzy for r in rows),
            "translated": bytes(bool(r.msgstr.strip()) for r in rows),
            "flags": "\0".join("\x1f".join(r.flags) for r in rows),
        }
        for f in ("msgctxt", "role", "source_ref"):
            cols[f] = "\0".join(getattr(r, f) for r in rows)
        for f in cls.SMALL:  # where each row's string starts (characters): a row is a slice
            small, at = array("I"), 0
            for piece in cols[f].split("\0") if rows else []:
                small.append(at)
                at += len(piece) + 1
            cols[f"{f}_starts"] = small.tobytes()
        for f in cls.TEXTS:
            for suffix, texts in (("", [getattr(r, f) for r in rows]), ("_folded", [])):
                if suffix:
                    texts = [fold(t) for t in (getattr(r, f) for r in rows)]
                encoded = [t.encode("utf-8") for t in texts]
                starts, at = array("I"), 0
                for e in encoded:
                    starts.append(at)
                    at += len(e) + 1
                cols[f + suffix] = b"\0".join(encoded)
                cols[f"{f}{suffix}_starts"] = starts.tobytes()
                if not suffix:
                    chars, at = array("I"), 0
                    for t in texts:
                        chars.append(at)
                        at += len(t) + 1
                    cols[f"{f}_char_starts"] = chars.tobytes()
                    cols[f"{f}_odd"] = bytes(has_odd_character(t) for t in texts)
                    cols[f"{f}_crcs"] = array("I", [zlib.crc32(e) for e in encoded]).tobytes()
        return cls(paths, cols)

    def small_columns(self) -> dict[str, Any]:
        """Every column but the text columns (what an entry's head holds), as bytes or str."""
        cols: dict[str, Any] = {
            "file": self.file.tobytes(),
            "line": self.line.tobytes(),
            "msgstr_line": self.msgstr_line.tobytes(),
            "fuzzy": self.fuzzy,
            "translated": self.translated,
        }
        cols.update(self.small)
        cols.update({f"{f}_starts": v.tobytes() for f, v in self.small_starts.items()})
        cols.update({f"{f}_starts": v.tobytes() for f, v in self.starts.items()})
        cols.update({f"{f}_folded_starts": v.tobytes() for f, v in self.folded_starts.items()})
        cols.update({f"{f}_char_starts": v.tobytes() for f, v in self.char_starts.items()})
        cols.update({f"{f}_odd": v for f, v in self.odd.items()})
        cols.update({f"{f}_crcs": v.tobytes() for f, v in self.row_crcs.items()})
        return cols

    def columns(self) -> dict[str, Any]:
        return {**self.small_columns(), **{n: self._column(n) for n in self.COLUMNS}}

    def texts(self, field: str) -> list[str]:
        """One field of every row, in row order (decoded and split once, on first use)."""
        if field not in self._split:
            joined = str(self.raw[field], "utf-8") if field in self.TEXTS else self.small[field]
            self._split[field] = joined.split("\0") if len(self) else []
        return self._split[field]

    def text(self, field: str, k: int) -> str:
        """The msgid or msgstr of row ``k``, decoded alone. From a column not yet checked
        whole, the row's bytes are checked against its own CRC-32 (the hits of a search of
        the English show their Chinese without checking 5 MB of it); a row that fails has
        the column checked, which parses the files again (:meth:`_column`)."""
        if field in self._split:
            return self._split[field][k]
        if field in self._joined:  # decoded already, for a regex: a slice
            joined, chars = self._joined[field]
            return joined[chars[k] : chars[k + 1] - 1 if k + 1 < len(chars) else len(joined)]
        starts = self.starts[field]
        whole = field not in self._unchecked
        raw = self.raw[field] if whole else self._texts[field]
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(raw)
        piece = raw[starts[k] : end]
        if not whole and zlib.crc32(piece) != self.row_crcs[field][k]:
            raw = self.raw[field]
            piece = raw[starts[k] : end]
        return piece.decode("utf-8")

    def joined(self, field: str) -> tuple[str, array[int]]:
        """One field of all rows as one string, rows separated by NUL, and where each row
        starts in it (characters): for a regex scanned over the series at once."""
        if field not in self._joined:  # the stored bytes are that string, its starts stored too
            self._joined[field] = (str(self.raw[field], "utf-8"), self.char_starts[field])
        return self._joined[field]

    def rows_holding(self, field: str, needle: bytes) -> list[int]:
        """The rows whose ``field`` as written holds ``needle`` (UTF-8, no NUL), in order: one
        scan of the joined bytes, skipping to the next row after each find."""
        starts, hay = self.starts[field], self.raw[field]
        out: list[int] = []
        at = hay.find(needle) if needle else -1
        while at >= 0:
            k = bisect_right(starts, at) - 1
            out.append(k)
            if k + 1 >= len(starts):
                break
            at = hay.find(needle, starts[k + 1])
        return out

    def count(self, field: str, needle: bytes, limit: int) -> int:
        """How often ``needle`` (not empty) is in ``field`` as written, counted up to ``limit``
        (an ``mmap`` has no ``count``; a common needle stops early)."""
        hay, n = self.raw[field], 0
        at = hay.find(needle)
        while at >= 0 and n < limit:
            n += 1
            at = hay.find(needle, at + len(needle))
        return n

    def folded_match(self, field: str, start: int, end: int) -> tuple[int, tuple[int, int]]:
        """Row and character span, in that row, of bytes ``start:end`` of the folded field."""
        starts, hay = self.folded_starts[field], self.folded[field]
        k = bisect_right(starts, start) - 1
        a = len(hay[starts[k] : start].decode("utf-8"))
        return k, (a, a + len(hay[start:end].decode("utf-8")))

    def _small(self, field: str, k: int) -> str:
        """A short field of row ``k``: a slice (splitting 20,000 rows costs ~1 ms a field)."""
        if field in self._split:
            return self._split[field][k]
        starts, joined = self.small_starts[field], self.small[field]
        return joined[starts[k] : starts[k + 1] - 1 if k + 1 < len(starts) else len(joined)]

    def rows(self, ks: Sequence[int]) -> list[Row]:
        """:meth:`row` of each of ``ks``. For a sixteenth of the index or more, the text columns
        are checked whole first (as cheap as that many row CRCs); the short fields are sliced
        even then (splitting 20,000 of them costs more than slicing them all)."""
        if len(ks) * 16 >= len(self):
            for f in self.TEXTS:
                self.raw[f]
        return [self.row(k) for k in ks]

    def row(self, k: int) -> Row:
        path = self.paths[self.file[k]]
        flags = self._small("flags", k)
        if self._stems is None:  # once, not per row: Path() costs more than the rest of a row
            self._stems = [os.path.splitext(os.path.basename(p))[0] for p in self.paths]
        return Row(
            self._stems[self.file[k]],
            path,
            self.line[k],
            self.msgstr_line[k],
            self._small("msgctxt", k),
            self.text("msgid", k),
            self.text("msgstr", k),
            bool(self.fuzzy[k]),
            tuple(flags.split("\x1f")) if flags else (),
            self._small("role", k),
            self._small("source_ref", k),
        )


class _Checked(dict[str, Any]):
    """``Index.raw`` or ``Index.folded``: field → text column, fetched (and checked) from the
    index on first use, then a plain dict look-up (``raw[field]`` is read once per row)."""

    def __init__(self, index: Index, suffix: str) -> None:
        super().__init__()
        self._index, self._suffix = index, suffix

    def __missing__(self, field: str) -> Any:
        value = self[field] = self._index._column(field + self._suffix)
        return value


def fold(text: str) -> str:
    """``text`` with full-width forms as ASCII, curly quotes straight and letters in lower
    case, character for character (the same length, so offsets carry over)."""
    out = fold_width(text).lower()
    if len(out) == len(text):
        return out
    return "".join(c if len(c) == 1 else c[0] for c in (ch.lower() for ch in fold_width(text)))


def load_index(po_dir: Path, root: Path | None = None, cache: bool = True) -> Index:
    """Every active unit of ``po_dir/*.po``, file by file in name order, from the warm entry
    when no file changed (see the module's docstring)."""
    files = sorted(Path(po_dir).glob("*.po"))
    where = directory() if cache else None
    k = _key(files, root) if where is not None else b""

    def parse() -> Index:
        index = Index.of([r for p in files for r in rows_of(p, root)], [display_path(p, root) for p in files])
        if where is not None and k:
            _write(where, k, index)
        return index

    if where is not None and k:
        found = _read(where, k, parse)
        if found is not None:
            return found
    return parse()


def _key(files: list[Path], root: Path | None) -> bytes:
    """The entry's key, or b"" when a file cannot be looked at (then nothing is cached)."""
    h = blake2b(b"sppterm units cache %d\0" % FORMAT, digest_size=32)
    h.update(f"{sppterm.__version__}\0{sys.version}\0{os.fspath(root or '')}\0".encode())
    package = Path(sppterm.__file__).parent
    try:
        for rel in _CODE:
            h.update(blake2b((package / rel).read_bytes()).digest())
        # the directory resolved once, not each file (a resolve is an lstat per path component)
        where = os.fspath(files[0].parent.resolve()) if files else ""
        for p in files:
            st = p.stat()
            stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            h.update(os.path.join(where, p.name).encode("utf-8", "surrogateescape") + b"\0")
            h.update(struct.pack("<4Q", *(v & (1 << 64) - 1 for v in stamp)))
    except OSError:
        return b""
    return h.digest()


def _entry(where: Path, k: bytes) -> Path:
    return where / f"{PREFIX}{k.hex()[:32]}{SUFFIX}"


def _read(where: Path, k: bytes, reparse: Callable[[], Index]) -> Index | None:
    """The index in entry ``k``, or None (a miss). The head is checked here, the text columns
    when first used (with ``reparse`` the way out of one that fails)."""
    try:
        with open(_entry(where, k), "rb") as f:
            size = os.fstat(f.fileno()).st_size
            magic, fmt, key, payload, n, crc = _HEADER.unpack(f.read(_HEADER.size))
            if (magic, fmt, key) != (_MAGIC, FORMAT, k) or size - _HEADER.size != payload or n > payload:
                return None
            head = f.read(n)
            if len(head) != n or zlib.crc32(head) != crc:
                return None
            (toc_length,) = _TOC.unpack_from(head)
            toc = json.loads(head[_TOC.size : _TOC.size + toc_length])
            at, columns = _TOC.size + toc_length, dict[str, Any]()
            for name, kind, length in toc["small"]:
                value = head[at : at + length]
                columns[name] = str(value, "utf-8") if kind == "str" else value
                at += length
            crcs = {}
            for name, offset, length, column_crc in toc["texts"]:  # offsets: multiples of _PAGE
                if offset + length > size:
                    return None
                columns[name] = (
                    mmap.mmap(f.fileno(), length, access=mmap.ACCESS_READ, offset=offset) if length else b""
                )
                crcs[name] = column_crc
        return Index(toc["paths"], columns, crcs, reparse)
    except (OSError, struct.error, KeyError, TypeError, ValueError):  # JSON and UTF-8 errors are ValueErrors
        return None


def _write(where: Path, k: bytes, index: Index) -> None:
    small = [
        (name, "str", v.encode("utf-8")) if isinstance(v, str) else (name, "bytes", bytes(v))
        for name, v in index.small_columns().items()
    ]
    texts = [(name, bytes(index._column(name))) for name in Index.COLUMNS]
    try:
        body = b"".join(v for _, _, v in small)
        # The offsets depend on the table's length, which holds them: write it with a guess
        # at its length (the offsets' digits barely change it) until the guess holds.
        crcs, guess = [zlib.crc32(v) for _, v in texts], 0
        while True:
            first = at = _pad(_HEADER.size + _TOC.size + guess + len(body))
            table: list[list[Any]] = []
            for (name, v), crc in zip(texts, crcs, strict=True):
                table.append([name, at, len(v), crc])
                at = _pad(at + len(v))
            toc = json.dumps(
                {"paths": index.paths, "small": [[n, kind, len(v)] for n, kind, v in small], "texts": table},
                ensure_ascii=False,
            ).encode("utf-8")
            if _pad(_HEADER.size + _TOC.size + len(toc) + len(body)) == first:
                break
            guess = len(toc)
        head = _TOC.pack(len(toc)) + toc + body
        parts = [head]
        done = _HEADER.size + len(head)
        for (_, v), (_, offset, _, _) in zip(texts, table, strict=True):
            parts += [bytes(offset - done), v]
            done = offset + len(v)
        payload = b"".join(parts)
        header = _HEADER.pack(_MAGIC, FORMAT, k, len(payload), len(head), zlib.crc32(head))
        prepare(where)
        write_atomic_bytes(_entry(where, k), header + payload)
    except (InputError, OSError, ValueError):
        return
    _prune(where)


def _pad(n: int) -> int:
    """``n`` rounded up to a multiple of the page size."""
    return -(-n // _PAGE) * _PAGE


def _prune(where: Path) -> None:
    """Keep the :data:`KEEP` entries written last (several checkouts stay warm)."""
    prune(where, PREFIX, SUFFIX, KEEP)
