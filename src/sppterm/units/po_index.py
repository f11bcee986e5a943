"""The PO units of a series as plain rows, kept warm on disk for searching (``sppterm search``).

Parsing 20,000 units strictly (:func:`sppterm.units.po.read_po`) takes about 0.4 s; a search
should answer in a small fraction of that. The rows of every PO file are therefore stored in
one cache entry beside the glossary's (:func:`sppterm.glossary.cache.directory`: the same
directory, ``SPPTERM_CACHE_DIR`` and ``SPPTERM_NO_CACHE``), keyed by what the rows depend on:

* the cache format, the sppterm and Python versions, the project root (paths are shown
  relative to it), the bytes of the code that reads PO files
  (``units/po.py`` and this module);
* each PO file's name, size, modification and change times (nanoseconds) and inode, as ruff and
  mypy key their caches: a file written again, even with the same size, gets new times, so no
  file is read when nothing changed.

An entry is a header (magic, format, key, payload length and CRC-32), a pickle of the small
columns of an :class:`Index` (strings, line arrays; read back with an unpickler that refuses
every class and function), and the four text columns (msgid and msgstr, as written and folded),
each at an offset the page size divides, so a read maps them instead of copying them: a warm
load is the CRC of the entry and a small unpickle, and a search reads only the pages it scans.
A missing, stale, truncated, corrupt or foreign entry is a miss: the files are parsed (any error
reported with its file and line, as everywhere) and the entry rewritten atomically (a mapped old
entry stays valid: a rename does not change the file it maps); a write that fails only costs
time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import mmap
import os
import pickle
import struct
import sys
import zlib
from array import array
from bisect import bisect_right
from pathlib import Path
from typing import Any, NamedTuple

import sppterm
from sppterm.errors import InputError
from sppterm.textio import display_path, read_text, write_atomic_bytes
from sppterm.zh import fold_width

FORMAT = 3  # 3: text columns mapped, at page offsets after the pickle
PREFIX, SUFFIX = "units-", ".bin"
KEEP = 8
_MAGIC = b"sppterm-units\0\0\0"  # 16 bytes
_HEADER = struct.Struct("<16sI32sQI")  # magic, format, key, payload length, payload CRC-32
_META = struct.Struct("<Q")  # the pickle's length, at the payload's start
_PAGE = mmap.ALLOCATIONGRANULARITY  # a mapping starts at a multiple of this
_CODE = ("units/po.py", "units/po_index.py")


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
    slicing, ``len``, the buffer for ``re`` and ``str(…, "utf-8")``)."""

    TEXTS = ("msgid", "msgstr")
    SMALL = ("msgctxt", "flags", "role", "source_ref")

    def __init__(self, paths: list[str], columns: dict[str, Any]) -> None:
        self.paths = paths  # displayed path of each PO file
        self.file = array("I", columns["file"])  # row → index into paths
        self.line = array("I", columns["line"])
        self.msgstr_line = array("I", columns["msgstr_line"])
        self.fuzzy = bytes(columns["fuzzy"])
        self.translated = bytes(columns["translated"])  # a msgstr that is not blank
        self.small: dict[str, str] = {f: columns[f] for f in self.SMALL}
        self.raw: dict[str, bytes] = {f: columns[f] for f in self.TEXTS}
        self.folded: dict[str, bytes] = {f: columns[f"{f}_folded"] for f in self.TEXTS}
        self.starts = {f: array("I", columns[f"{f}_starts"]) for f in self.TEXTS}
        self.folded_starts = {f: array("I", columns[f"{f}_folded_starts"]) for f in self.TEXTS}
        self.char_starts = {f: array("I", columns[f"{f}_char_starts"]) for f in self.TEXTS}  # in characters
        self._split: dict[str, list[str]] = {}
        self._joined: dict[str, tuple[str, array[int]]] = {}
        self._stems: list[str] | None = None

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
        return cls(paths, cols)

    def columns(self) -> dict[str, Any]:
        cols: dict[str, Any] = {
            "file": self.file.tobytes(),
            "line": self.line.tobytes(),
            "msgstr_line": self.msgstr_line.tobytes(),
            "fuzzy": self.fuzzy,
            "translated": self.translated,
        }
        cols.update(self.small)
        cols.update(self.raw)
        cols.update({f"{f}_folded": v for f, v in self.folded.items()})
        cols.update({f"{f}_starts": v.tobytes() for f, v in self.starts.items()})
        cols.update({f"{f}_folded_starts": v.tobytes() for f, v in self.folded_starts.items()})
        cols.update({f"{f}_char_starts": v.tobytes() for f, v in self.char_starts.items()})
        return cols

    def texts(self, field: str) -> list[str]:
        """One field of every row, in row order (decoded and split once, on first use)."""
        if field not in self._split:
            joined = str(self.raw[field], "utf-8") if field in self.raw else self.small[field]
            self._split[field] = joined.split("\0") if len(self) else []
        return self._split[field]

    def text(self, field: str, k: int) -> str:
        """The msgid or msgstr of row ``k``, decoded alone."""
        if field in self._split:
            return self._split[field][k]
        starts, raw = self.starts[field], self.raw[field]
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(raw)
        return raw[starts[k] : end].decode("utf-8")

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

    def row(self, k: int) -> Row:
        path = self.paths[self.file[k]]
        flags = self.texts("flags")[k]
        if self._stems is None:  # once, not per row: Path() costs more than the rest of a row
            self._stems = [Path(p).stem for p in self.paths]
        return Row(
            self._stems[self.file[k]],
            path,
            self.line[k],
            self.msgstr_line[k],
            self.texts("msgctxt")[k],
            self.text("msgid", k),
            self.text("msgstr", k),
            bool(self.fuzzy[k]),
            tuple(flags.split("\x1f")) if flags else (),
            self.texts("role")[k],
            self.texts("source_ref")[k],
        )


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
    from sppterm.glossary.cache import directory  # here: a search loads no glossary code

    files = sorted(Path(po_dir).glob("*.po"))
    where = directory() if cache else None
    k = _key(files, root) if where is not None else b""
    if where is not None and k:
        found = _read(where, k)
        if found is not None:
            return found
    paths = [display_path(p, root) for p in files]
    index = Index.of([r for p in files for r in rows_of(p, root)], paths)
    if where is not None and k:
        _write(where, k, index)
    return index


def _key(files: list[Path], root: Path | None) -> bytes:
    """The entry's key, or b"" when a file cannot be looked at (then nothing is cached)."""
    h = hashlib.sha256(b"sppterm units cache %d\0" % FORMAT)
    h.update(f"{sppterm.__version__}\0{sys.version}\0{os.fspath(root or '')}\0".encode())
    package = Path(sppterm.__file__).parent
    try:
        for rel in _CODE:
            h.update(hashlib.sha256((package / rel).read_bytes()).digest())
        for p in files:
            st = p.stat()
            stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            h.update(os.fspath(p.resolve()).encode("utf-8", "surrogateescape") + b"\0")
            h.update(struct.pack("<4Q", *(v & (1 << 64) - 1 for v in stamp)))
    except OSError:
        return b""
    return h.digest()


class _Unpickler(pickle.Unpickler):
    """An entry holds tuples, strings, ints and bools: naming a class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}: an entry holds plain data only")


def _entry(where: Path, k: bytes) -> Path:
    return where / f"{PREFIX}{k.hex()[:32]}{SUFFIX}"


def _read(where: Path, k: bytes) -> Index | None:
    try:
        with open(_entry(where, k), "rb") as f:
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as whole:
                magic, fmt, key, size, crc = _HEADER.unpack_from(whole)
                if (magic, fmt, key) != (_MAGIC, FORMAT, k) or len(whole) - _HEADER.size != size:
                    return None
                with memoryview(whole) as view:
                    if zlib.crc32(view[_HEADER.size :]) != crc:
                        return None
                (n,) = _META.unpack_from(whole, _HEADER.size)
                meta = whole[_HEADER.size + _META.size : _HEADER.size + _META.size + n]
            paths, columns, blobs = _Unpickler(io.BytesIO(meta)).load()
            for name, offset, length in blobs:  # offsets in the file, multiples of _PAGE
                columns[name] = (
                    mmap.mmap(f.fileno(), length, access=mmap.ACCESS_READ, offset=offset) if length else b""
                )
        return Index(paths, columns)
    except (OSError, struct.error, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError):
        return None


def _write(where: Path, k: bytes, index: Index) -> None:
    from sppterm.glossary.cache import CACHEDIR_TAG, GITIGNORE

    columns = index.columns()
    texts = [f + s for f in Index.TEXTS for s in ("", "_folded")]
    small = {name: v for name, v in columns.items() if name not in texts}
    try:
        # The offsets depend on the pickle's length, which holds them: pickle with a guess
        # at its length (the offsets' digits barely change it) until the guess holds.
        guess = 0
        while True:
            at = _pad(_HEADER.size + _META.size + guess)
            blobs = []
            for name in texts:
                blobs.append((name, at, len(columns[name])))
                at = _pad(at + len(columns[name]))
            meta = pickle.dumps((index.paths, small, blobs), protocol=pickle.HIGHEST_PROTOCOL)
            if _pad(_HEADER.size + _META.size + len(meta)) == _pad(_HEADER.size + _META.size + guess):
                break
            guess = len(meta)
        parts = [_META.pack(len(meta)), meta]
        done = _HEADER.size + _META.size + len(meta)
        for name, offset, length in blobs:
            parts += [bytes(offset - done), bytes(columns[name])]
            done = offset + length
        payload = b"".join(parts)
        header = _HEADER.pack(_MAGIC, FORMAT, k, len(payload), zlib.crc32(payload))
        where.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
            if not (where / name).is_file():
                write_atomic_bytes(where / name, text.encode("utf-8"))
        write_atomic_bytes(_entry(where, k), header + payload)
    except (InputError, OSError, pickle.PicklingError, ValueError):
        return
    _prune(where)


def _pad(n: int) -> int:
    """``n`` rounded up to a multiple of the page size."""
    return -(-n // _PAGE) * _PAGE


def _prune(where: Path) -> None:
    """Keep the :data:`KEEP` entries written last (several checkouts stay warm)."""
    with contextlib.suppress(OSError):
        entries = []
        with os.scandir(where) as it:
            for e in it:
                if e.name.startswith(PREFIX) and e.name.endswith(SUFFIX):
                    with contextlib.suppress(OSError):
                        entries.append((e.stat().st_mtime_ns, e.name))
        for _, name in sorted(entries, reverse=True)[KEEP:]:
            with contextlib.suppress(OSError):
                (where / name).unlink()
