"""Check findings kept on disk between runs, like ruff's cache (issue 13).

Two kinds of entry, beside the warm glossary (:func:`sppterm.glossary.cache.directory`: the same
directory, ``SPPTERM_CACHE_DIR`` and ``SPPTERM_NO_CACHE``), both off on the slow path
(``SPPTERM_SLOW_PATH=1``) so that tests/test_perf_equivalence.py compares real runs:

* **A run** (``check-run-<key>.bin``): the findings of one whole ``sppterm check`` as reported
  (placed, severities and baseline applied) and the ids of its rules. The key is the code
  (:func:`code_digest`), the configuration and the arguments; the entry lists every file the
  run read (inputs, glossary, style files, sources, baseline, dictionary) and the directories
  listed, each with its size, modification and change times (ns) and inode, as ruff and mypy
  key theirs, and its content (a file's SHA-256, a directory's names). A hit needs each of
  them unchanged — the same stat, or a new stat over the same content (a file saved or checked
  out again; the entry then takes the new stat): checking an unchanged series is some hundred
  stats and one small read; no rule is imported and no file parsed.
* **Units** (``check-units-<key>.bin``): the findings of the per-unit rules on each unit,
  without its location, keyed by :func:`unit_digest` (the unit's texts, state, flags, role,
  bulletin and its date, reference) inside an entry keyed by the context (code, glossary bytes,
  rules, style files, word list, dictionary). A run whose inputs changed parses them and
  re-runs the per-unit rules on the changed units only; series rules run on all units.

An entry is a header (magic, format, key, payload length, CRC-32) and a pickle of plain data
read back with an unpickler that refuses every class and function. A missing, truncated,
corrupt or foreign entry is a miss; writes are atomic (:func:`sppterm.textio.write_atomic_bytes`)
and a write that fails (read-only directory, full disk) is skipped: the cache only ever costs
or saves time, it never changes a finding.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import struct
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import sppterm
from sppterm.checks.base import CheckUnit, Finding, Fix

FORMAT = 1
RUN_PREFIX, UNITS_PREFIX, SUFFIX = "check-run-", "check-units-", ".bin"
KEEP_RUNS, KEEP_UNITS = 32, 8  # entries of each kind kept, used last first
MAX_BYTES = 64 * 1024 * 1024  # each kind's entries together
MAX_UNIT_ROWS = 400_000  # units remembered in one entry (this run's first, then older ones)
SLOW_PATH_ENV = "SPPTERM_SLOW_PATH"  # as sppterm.glossary.matcher (not imported: ahocorasick)
_MAGIC = {RUN_PREFIX: b"sppterm-checkrun", UNITS_PREFIX: b"sppterm-checkuni"}  # 16 bytes each
# Third-party code whose behaviour the findings depend on (stat of their package directory).
_LIBRARIES = ("polib", "regex", "enchant", "markdown_it", "mdit_py_plugins", "ahocorasick_rs", "yaml")

Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
Row = tuple[Any, ...]  # a finding as plain data


def enabled() -> Path | None:
    """The cache directory, or None: no cache (SPPTERM_NO_CACHE, no home, the slow path)."""
    if os.environ.get(SLOW_PATH_ENV, "").strip() not in ("", "0"):
        return None
    from sppterm.glossary.cache import directory

    return directory()


def stat_of(path: str | os.PathLike[str]) -> Stat | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


_code: bytes | None = None


def code_digest() -> bytes:
    """sppterm's version and the name, size and modification time of every file of its package
    (its code and data), the Python version and the libraries the rules use: hashed once per
    process. Tests simulate a code change by replacing this function."""
    global _code
    if _code is None:
        h = hashlib.sha256(b"sppterm check results %d\0" % FORMAT)
        h.update(f"{sppterm.__version__}\0{sys.version}\0{sys.implementation.cache_tag}\0".encode())
        h.update(_tree(Path(sppterm.__file__).parent))
        for name in _LIBRARIES:
            h.update(name.encode() + b"\0" + _library(name))
        _code = h.digest()
    return _code


def _tree(top: Path) -> bytes:
    parts: list[str] = []
    for d, dirs, files in os.walk(top):
        dirs[:] = sorted(x for x in dirs if x != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            st = stat_of(os.path.join(d, name))
            parts.append(f"{os.path.relpath(os.path.join(d, name), top)}:{st and st[:2]}")
    return "\0".join(parts).encode("utf-8", "surrogateescape")


def _library(name: str) -> bytes:
    """A library's installation without importing it: its directory's files, sizes and times."""
    mod = sys.modules.get(name)
    origin = getattr(mod, "__file__", None)
    if origin is None:
        import importlib.util

        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
    if not origin:
        return b"absent"
    folder = os.path.dirname(origin)
    parts = [os.path.abspath(origin)]
    try:
        with os.scandir(folder) as it:
            for e in sorted(it, key=lambda e: e.name):
                if e.is_file():
                    st = e.stat()
                    parts.append(f"{e.name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append("unlisted")
    return "\0".join(parts).encode("utf-8", "surrogateescape")


def digest(*parts: object) -> bytes:
    """SHA-256 of ``parts`` (bytes as they are, anything else by its repr), each length-prefixed."""
    h = hashlib.sha256()
    for p in parts:
        data = p if isinstance(p, bytes) else repr(p).encode("utf-8", "surrogateescape")
        h.update(struct.pack("<Q", len(data)))
        h.update(data)
    return h.digest()


def unit_digest(unit: CheckUnit, date: object, md_source: bool) -> bytes:
    """What a per-unit rule's findings on ``unit`` can depend on besides the context: neither
    its file nor its line (a finding's location is the unit's, set on the way out), so units
    that moved keep their entries."""
    text = "\x1f".join(
        (
            unit.key,
            "\x00" if unit.target is None else unit.target,
            "f" if unit.fuzzy else "",
            "\x1e".join(sorted(unit.flags)),
            unit.role,
            unit.bulletin,
            repr(date),
            unit.source_ref,
            "e" if unit.english_source else "",
            "m" if md_source else "",
            os.path.splitext(unit.path)[1],
        )
    )
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


# -- findings as plain data -------------------------------------------------------------------
def finding_row(f: Finding) -> Row:
    fix = (f.fix.start, f.fix.end, f.fix.text) if f.fix is not None else None
    return (
        *(f.rule, f.severity, f.path, f.line, f.message, f.key, f.term, f.suggestion, f.column),
        *(f.target, f.side, f.span, f.end_line, f.end_column, f.unit_line, fix),
    )


def finding_of(row: Row) -> Finding:
    *head, fix = row
    head[11] = tuple(head[11]) if head[11] is not None else None  # the span
    f = Finding(*head)
    f.fix = Fix(*fix) if fix is not None else None
    return f


def located_row(f: Finding, unit: CheckUnit) -> Row | None:
    """A per-unit finding without its location (the unit's), or None when it is not where its
    unit is (then the unit is not cached: its findings could not be rebuilt)."""
    if (f.path, f.line, f.end_line, f.unit_line, f.key, f.target) != (
        unit.path,
        unit.line,
        unit.line,
        unit.line,
        unit.key,
        unit.target,
    ):
        return None
    fix = (f.fix.start, f.fix.end, f.fix.text) if f.fix is not None else None
    return (f.rule, f.severity, f.message, f.term, f.suggestion, f.column, f.side, f.span, f.end_column, fix)


def at_unit(row: Row, unit: CheckUnit) -> Finding:
    rule, severity, message, term, suggestion, column, side, span, end_column, fix = row
    return Finding(
        *(rule, severity, unit.path, unit.line, message, unit.key, term, suggestion, column, unit.target),
        *(side, tuple(span) if span is not None else None, unit.line, end_column, unit.line),
        fix=Fix(*fix) if fix is not None else None,
    )


# -- entries ----------------------------------------------------------------------------------
def entry_path(where: Path, prefix: str, key: bytes) -> Path:
    return where / f"{prefix}{key.hex()[:32]}{SUFFIX}"


def read_entry(where: Path, prefix: str, key: bytes) -> Any:
    """The payload of an entry, or None on any mismatch (missing, truncated, corrupt, foreign)."""
    from sppterm.cachedir import MISS, load_entry

    path = entry_path(where, prefix, key)
    data = load_entry(path, _MAGIC[prefix], FORMAT, key)
    if data is MISS:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used: pruned last
    return data


def write_entry(where: Path, prefix: str, key: bytes, data: Any, keep: int) -> bool:
    """Store ``data`` (plain data) atomically, then prune; False when it could not be written."""
    from sppterm.cachedir import pack_entry, prepare
    from sppterm.errors import InputError
    from sppterm.textio import write_atomic_bytes

    try:
        entry = pack_entry(_MAGIC[prefix], FORMAT, key, data)
        prepare(where)
        write_atomic_bytes(entry_path(where, prefix, key), entry)
    except (InputError, OSError, pickle.PicklingError, RecursionError, TypeError, ValueError):
        return False
    prune(where, prefix, keep)
    return True


def prune(where: Path, prefix: str, keep: int, max_bytes: int = MAX_BYTES) -> None:
    """Keep the entries of one kind used last, up to ``keep`` and ``max_bytes`` (the newest always)."""
    from sppterm.cachedir import prune as prune_kind

    prune_kind(where, prefix, SUFFIX, keep, max_bytes)


# -- a whole run ------------------------------------------------------------------------------
class RunCache:
    """The findings of one whole check (see the module's docstring), for ``checks.project``.

    ``key``: the code, configuration and arguments. :meth:`watch` names the files and
    directories the run reads before it reads them; :meth:`save` stores the findings only if
    none of them changed while the run read them. Each is stored with its stat and its content
    (a file's SHA-256, a directory's names), as mypy does: one whose stat changed but whose
    content did not (saved again, checked out again, an editor's write-and-rename) still
    matches, and the entry is rewritten with the new stats."""

    def __init__(self, where: Path, key: bytes) -> None:
        self.where, self.key = where, key
        self.stats: dict[str, Stat | None] = {}

    def load(self) -> tuple[list[str], list[Finding]] | None:
        """(rule ids, findings) of the run with this key if every file it read is unchanged."""
        data = read_entry(self.where, RUN_PREFIX, self.key)
        try:
            deps, rules, rows = data
            fresh = []
            for path, stat, content in deps:
                now = stat_of(path)
                if now != (tuple(stat) if stat is not None else None):
                    if now is None or content is None or content_of(path) != content:
                        return None
                    if stat_of(path) == now:  # the content read is the one of this stat
                        fresh.append((path, now, content))
                        continue
                fresh.append((path, stat, content))
            found = list(rules), [finding_of(r) for r in rows]
        except (TypeError, ValueError, IndexError):
            return None
        if fresh != list(deps):
            write_entry(self.where, RUN_PREFIX, self.key, (fresh, rules, rows), KEEP_RUNS)
        return found

    def watch(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        for p in paths:
            name = os.fspath(p)
            if name not in self.stats:
                self.stats[name] = stat_of(name)

    def save(self, rules: Sequence[str], findings: Sequence[Finding]) -> bool:
        deps = [(p, s, content_of(p) if s is not None else None) for p, s in sorted(self.stats.items())]
        if any(stat_of(p) != s for p, s in self.stats.items()):
            return False  # changed while the run read it (or while hashed): findings of either
        data = (deps, list(rules), [finding_row(f) for f in findings])
        return write_entry(self.where, RUN_PREFIX, self.key, data, KEEP_RUNS)


def content_of(path: str) -> bytes | None:
    """What a dependency holds: a file's SHA-256, a directory's sorted names; None if neither."""
    try:
        if os.path.isdir(path):
            names = "\0".join(sorted(os.listdir(path)))
            return hashlib.sha256(names.encode("utf-8", "surrogateescape")).digest()
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").digest()
    except (OSError, ValueError):
        return None


def listed(folder: Path) -> list[Path]:
    """A directory, its subdirectories and their files, for :meth:`RunCache.watch` (a file
    added or removed changes its directory's times)."""
    out = [folder]
    for d, dirs, files in os.walk(folder):
        dirs[:] = sorted(x for x in dirs if x not in ("__pycache__", ".git"))
        out += [Path(d) / x for x in dirs]
        out += [Path(d) / f for f in sorted(files)]
    return out


def source_files(units: Iterable[CheckUnit]) -> list[str]:
    """The source files checks.first_use may read for these units besides the inputs: each
    unit's source_ref looked up in the folders above its file, as :func:`whole_bulletin` does
    (the candidates up to the first that exists: one created later changes the answer)."""
    out: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for u in units:
        where = u.file or u.path
        if not u.source_ref or not where or (u.source_ref, os.path.dirname(where)) in seen:
            continue
        seen.add((u.source_ref, os.path.dirname(where)))
        for d in Path(where).resolve().parents:
            out.add(str(d / u.source_ref))
            if (d / u.source_ref).is_file():
                break
    return sorted(out)


# -- per-unit findings ------------------------------------------------------------------------
class UnitCache:
    """Per-unit findings by :func:`unit_digest`, in one entry per context (see the module's
    docstring); ``runner._per_unit`` asks :meth:`get` and fills :meth:`put`, then :meth:`save`."""

    def __init__(self, where: Path, context: bytes) -> None:
        self.where, self.context = where, context
        self._old: dict[bytes, list[Row]] | None = None
        self.new: dict[bytes, list[Row]] = {}
        self.hits = self.misses = 0
        self.digests: dict[int, bytes] = {}  # id(unit) → its unit_digest, for series_key
        self._dirty = False  # findings computed since the last save
        self._all: tuple[Sequence[CheckUnit], bytes] | None = None  # a run's units, hashed

    def _rows(self) -> dict[bytes, list[Row]]:
        if self._old is None:
            data = read_entry(self.where, UNITS_PREFIX, self.context)
            self._old = data if type(data) is dict else {}
        return self._old

    def get(self, key: bytes) -> list[Row] | None:
        rows = self._rows().get(key)
        if rows is None or type(rows) is not list:
            self.misses += 1
            self._dirty = True
            return None
        self.hits += 1
        self.new[key] = rows
        return rows

    def put(self, key: bytes, rows: list[Row]) -> None:
        self.new[key] = rows

    def series_key(self, rule: str, units: Sequence[CheckUnit], dates: Mapping[str, object]) -> bytes:
        """A series rule's findings depend on its units (``units``, all of the run: the rule's
        id decides which of them it reads), their places included, and on the sources
        checks.first_use reads beside them (:func:`source_files`, by stat). The units are
        hashed once per run, not once per series rule."""
        if self._all is None or self._all[0] is not units:
            parts = [
                (self.digests.get(id(u)) or unit_digest(u, dates.get(u.bulletin), False))
                + f"\0{u.path}\0{u.line}\0{u.file}\0".encode("utf-8", "surrogatepass")
                for u in units
            ]
            parts.append(
                repr([(p, stat_of(p)) for p in source_files(units)]).encode("utf-8", "surrogatepass")
            )
            self._all = (units, hashlib.sha256(b"".join(parts)).digest())
        return hashlib.sha256(b"series\0" + rule.encode() + b"\0" + self._all[1]).digest()

    def series(self, key: bytes) -> list[Finding] | None:
        rows = self._rows().get(key)
        if rows is None or type(rows) is not list:
            return None
        self.new[key] = rows
        return [finding_of(r) for r in rows]

    def put_series(self, key: bytes, findings: Sequence[Finding]) -> None:
        self.new[key] = [finding_row(f) for f in findings]
        self._dirty = True

    def save(self) -> bool:
        """Write this run's units, then older ones up to :data:`MAX_UNIT_ROWS` (a check of one
        file keeps the series' other units); nothing when nothing changed."""
        if not self._dirty:
            return False
        self._dirty = False
        out = dict(self.new)
        for k, v in self._rows().items():
            if len(out) >= MAX_UNIT_ROWS:
                break
            out.setdefault(k, v)
        return write_entry(self.where, UNITS_PREFIX, self.context, out, KEEP_UNITS)
