"""The warm glossary: a loaded, validated glossary kept on disk, keyed by the bytes of its files.

A load of an unchanged glossary reads one file instead of parsing and validating YAML (at 20,000
concepts: a tenth of a second instead of seconds), like ruff's or mypy's cache:

* **Where**: ``SPPTERM_CACHE_DIR`` if set (``.sppterm_cache`` for one beside the project, as
  ruff's and mypy's are: the repository's .gitignore lists that name); else the user's cache
  directory, ``$XDG_CACHE_HOME/sppterm`` or ``~/.cache/sppterm`` (``%LOCALAPPDATA%`` on
  Windows). Not in the project by default: a command that fails on bad input writes nothing
  into the project, and an entry is keyed by content, never by path, so every checkout and
  every temporary copy of the same files (``glossary impact``, ``glossary import``) shares it.
  ``SPPTERM_NO_CACHE=1`` turns the cache off. The directory holds a ``CACHEDIR.TAG`` and a
  ``.gitignore`` of ``*`` (backup tools and git skip it wherever it is) and may be deleted at
  any time, also while sppterm runs.
* **Key**: SHA-256 of the cache format, the sppterm version, the Python version, the source of
  the code that turns YAML into concepts (this module, load, model, yamlloc, textio), the
  schema, the PyYAML installation, and the name and bytes of every glossary file in load order.
  Any change to any of them is a new key: an entry can only ever be read back by the code that
  would have produced the same concepts from the same bytes.
* **Entry**: ``glossary-<key>.bin``: a header (magic, format, the full key, the payload's length
  and CRC-32) and a pickle of the concepts' fields as plain tuples, file by file. Read back
  only if every field of the header matches and the payload has its length and CRC, and unpickled
  with an unpickler that refuses every class and function (a file someone put there cannot run
  code). A missing, truncated, corrupt or foreign entry is a miss: the glossary is loaded from
  its files and the entry rewritten.
* **Writes**: only a glossary that loaded without a problem is written (errors are reported
  from the files, with their lines, on every run), atomically (temp file and rename, see
  :func:`sppterm.textio.write_atomic_bytes`), so concurrent writers and readers see a whole
  entry or none. A write that fails (read-only home, full disk) is silently skipped. The
  entries used last are kept, up to :data:`KEEP` of them and :data:`MAX_BYTES` in all
  (switching between branches stays warm; a test suite's dozens of small glossaries no longer
  evict a large one, as 16 entries did).

``Concept.path`` is the file's path as the caller spells it: an entry does not store it, so a
relative root, an absolute one and another checkout of the same files share an entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import struct
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import sppterm
from sppterm.cachedir import (  # noqa: F401 (their home)
    CACHEDIR_TAG,
    ENV_DIR,
    ENV_OFF,
    GITIGNORE,
    directory,
    load_entry,
    pack_entry,
    prepare,
    prune,
)
from sppterm.errors import InputError
from sppterm.glossary.model import Concept, Status, Term
from sppterm.textio import write_atomic_bytes

FORMAT = 2  # 2: terms carry valid_from, valid_until and valid_status
DIR_NAME = ".sppterm_cache"
KEEP = 64
MAX_BYTES = 256 * 1024 * 1024  # all entries together (a 20,000-concept entry is ~20 MB)
PREFIX, SUFFIX = "glossary-", ".bin"

_MAGIC = b"sppterm-glossary"  # 16 bytes
# The code whose output an entry holds, relative to the sppterm package.
_CODE = (
    *("glossary/cache.py", "glossary/load.py", "glossary/model.py", "glossary/validity.py"),
    *("yamlloc.py", "textio.py"),
)


def key(files: list[tuple[str, bytes]]) -> bytes:
    """The key of a glossary: its files as (name, bytes) in load order, and everything else an
    entry depends on (see the module's docstring)."""
    h = hashlib.sha256(_environment())
    for name, data in files:
        encoded = name.encode("utf-8", "surrogateescape")
        h.update(struct.pack("<QQ", len(encoded), len(data)))
        h.update(encoded)
        h.update(data)
    return h.digest()


_env_digest: bytes | None = None


def _environment() -> bytes:
    """What an entry depends on besides the glossary files, hashed once per process."""
    global _env_digest
    if _env_digest is None:
        from sppterm.glossary.load import schema_bytes

        h = hashlib.sha256(b"sppterm glossary cache %d\0" % FORMAT)
        h.update(f"{sppterm.__version__}\0{sys.implementation.cache_tag}\0{sys.version}\0".encode())
        h.update(hashlib.sha256(schema_bytes()).digest())
        package = Path(sppterm.__file__).parent
        for rel in _CODE:
            try:
                h.update(rel.encode() + b"\0" + hashlib.sha256((package / rel).read_bytes()).digest())
            except OSError:
                h.update(rel.encode() + b"\0missing\0")
        h.update(_yaml_fingerprint())
        _env_digest = h.digest()
    return _env_digest


def _yaml_fingerprint() -> bytes:
    """PyYAML's installation (it decides what a scalar becomes) without importing it: the names,
    sizes and times of the files of its package directory."""
    yaml = sys.modules.get("yaml")
    origin = getattr(yaml, "__file__", None)
    if origin is None:
        import importlib.util

        spec = importlib.util.find_spec("yaml")
        origin = spec.origin if spec is not None else None
    if origin is None:
        return b"no yaml\0"
    parts = [os.path.abspath(origin)]
    try:
        with os.scandir(os.path.dirname(origin)) as it:
            for e in sorted(it, key=lambda e: e.name):
                if e.is_file():
                    st = e.stat()
                    parts.append(f"{e.name}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append("unlisted")
    return ("\0".join(parts) + "\0").encode("utf-8", "surrogateescape")


def entry_path(where: Path, k: bytes) -> Path:
    return where / f"{PREFIX}{k.hex()[:32]}{SUFFIX}"


def read(where: Path, k: bytes, paths: list[str]) -> list[Concept] | None:
    """The concepts of the entry for key ``k`` with ``Concept.path`` set to ``paths`` (the
    glossary files as the caller names them, in load order), or None on any mismatch."""
    if not _FAST:
        return None
    files = load_entry(entry_path(where, k), _MAGIC, FORMAT, k)
    try:
        if type(files) is not list or len(files) != len(paths):
            return None
        out: list[Concept] = []
        for rows, path in zip(files, paths, strict=True):
            out.extend(_concepts(rows, path))
    except Exception:  # a foreign payload with a valid CRC: a miss like any other
        return None
    with contextlib.suppress(OSError):
        os.utime(entry_path(where, k))  # recently used: pruned last
    return out


# An entry stores each concept as a tuple of its fields (path aside: it is the caller's) and
# each term as a tuple of its fields, the status by its value; a hit builds the dataclasses by
# filling their __dict__, which is what their __init__ does, at a third of the cost. That holds
# for exactly these fields and no __post_init__; for any other model the cache is off (and
# tests/test_glossary_cache.py says so) until this module is updated.
_TERM_FIELDS = ("text", "lang", "status", "note", "pos", "line", "valid_from", "valid_until", "valid_status")
_CONCEPT_FIELDS = (
    *("id", "type", "terms", "abbr", "definition", "note", "attested", "verified", "related"),
    *("lint_ignore", "path", "line"),
)
_FAST = (
    tuple(f.name for f in fields(Term)) == _TERM_FIELDS
    and tuple(f.name for f in fields(Concept)) == _CONCEPT_FIELDS
    and not any(hasattr(cls, "__post_init__") or hasattr(cls, "__slots__") for cls in (Term, Concept))
)
_STATUS = {s.value: s for s in Status}


def _rows(concepts: list[Concept]) -> list[tuple[Any, ...]]:
    return [
        (
            c.id,
            c.type,
            [_term_row(t) for t in c.terms],
            c.abbr,
            c.definition,
            c.note,
            c.attested,
            c.verified,
            c.related,
            c.lint_ignore,
            c.line,
        )
        for c in concepts
    ]


def _term_row(t: Term) -> tuple[Any, ...]:
    row = (t.text, t.lang, t.status.value, t.note, t.pos, t.line)
    if t.valid_status is None:
        return row
    return (*row, t.valid_from, t.valid_until, t.valid_status.value)


def _concepts(rows: list[tuple[Any, ...]], path: str) -> list[Concept]:
    new, status_of = object.__new__, _STATUS
    out: list[Concept] = []
    add = out.append
    for cid, ctype, term_rows, abbr, definition, note, attested, verified, related, lint_ignore, line in rows:
        terms: list[Term] = []
        add_term = terms.append
        for row in term_rows:
            t = new(Term)
            d = t.__dict__
            d["text"], d["lang"], d["status"] = row[0], row[1], status_of[row[2]]
            d["note"], d["pos"], d["line"] = row[3], row[4], row[5]
            if len(row) == 6:  # valid at every date: most terms, stored without the three fields
                d["valid_from"] = d["valid_until"] = ""
                d["valid_status"] = None
            else:
                d["valid_from"], d["valid_until"], d["valid_status"] = row[6], row[7], status_of[row[8]]
            add_term(t)
        c = new(Concept)
        d = c.__dict__
        d["id"], d["type"], d["terms"], d["abbr"] = cid, ctype, terms, abbr
        d["definition"], d["note"], d["attested"], d["verified"] = definition, note, attested, verified
        d["related"], d["lint_ignore"], d["path"], d["line"] = related, lint_ignore, path, line
        add(c)
    return out


def write(where: Path, k: bytes, files: list[list[Concept]]) -> bool:
    """Store the concepts of a glossary that loaded without problems, file by file in load
    order; False if it could not be written (never an error)."""
    if not _FAST:
        return False
    try:
        entry = pack_entry(_MAGIC, FORMAT, k, [_rows(concepts) for concepts in files])
        prepare(where)
        write_atomic_bytes(entry_path(where, k), entry)
    except (InputError, OSError, pickle.PicklingError, RecursionError, TypeError, ValueError):
        return False  # the glossary is loaded: a cache that cannot be written only costs time
    _prune(where)
    return True


def _prune(where: Path) -> None:
    """Keep the entries used last, newest first, up to :data:`KEEP` of them and
    :data:`MAX_BYTES` in all (the newest always); another process may be pruning too."""
    prune(where, PREFIX, SUFFIX, KEEP, MAX_BYTES)
