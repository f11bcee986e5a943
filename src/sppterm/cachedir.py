"""Where sppterm keeps its caches (the warm glossary, the unit index, the checker's results).

``SPPTERM_CACHE_DIR`` if set; else the user's cache directory, ``$XDG_CACHE_HOME/sppterm`` or
``~/.cache/sppterm`` (``%LOCALAPPDATA%`` on Windows); ``SPPTERM_NO_CACHE=1`` turns caching off
(see :mod:`sppterm.glossary.cache` for why). A module of its own, importing nothing heavy: a
search reads the unit index from here without loading the glossary's code (its model, pickle
and hashlib cost a 40 ms search about 15 ms).
"""

from __future__ import annotations

import contextlib
import os
import struct
from pathlib import Path

ENV_DIR = "SPPTERM_CACHE_DIR"
ENV_OFF = "SPPTERM_NO_CACHE"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by sppterm.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Created by sppterm automatically.\n*\n"


def directory(explicit: str | Path | bool | None = None) -> Path | None:
    """The cache directory (see the module's docstring), or None for no cache.

    ``explicit``: False for none, a path for that directory, None to decide as described.
    """
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0") or explicit is False:
        return None
    if explicit is not None and explicit is not True:
        return Path(explicit)
    env = os.environ.get(ENV_DIR, "")
    if env:
        return Path(env)
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "sppterm" / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "sppterm"
    try:
        return Path.home() / ".cache" / "sppterm"
    except RuntimeError:  # no home directory: no cache
        return None


def prepare(where: Path) -> None:
    """Make ``where`` with its CACHEDIR.TAG and .gitignore (backup tools and git skip the
    directory). Raises OSError (or InputError from the atomic write) when it cannot."""
    from sppterm.textio import write_atomic_bytes  # (only a cache write pays for it)

    where.mkdir(parents=True, exist_ok=True)
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
        if not (where / name).is_file():
            write_atomic_bytes(where / name, text.encode("utf-8"))


def prune(where: Path, prefix: str, suffix: str, keep: int, max_bytes: int | None = None) -> None:
    """Keep the entries of one kind (``prefix`` … ``suffix``) written last: at most ``keep`` of
    them and ``max_bytes`` in all, the newest always. Another process may be pruning or writing
    too, so every step may fail; a failure only leaves an entry behind."""
    try:
        entries = []
        with os.scandir(where) as it:
            for e in it:
                if e.name.startswith(prefix) and e.name.endswith(suffix):
                    try:
                        st = e.stat()
                    except OSError:
                        continue
                    entries.append((st.st_mtime_ns, st.st_size, e.name))
        total = 0
        for n, (_, size, name) in enumerate(sorted(entries, reverse=True)):
            total += size
            if n and (n >= keep or (max_bytes is not None and total > max_bytes)):
                with contextlib.suppress(OSError):
                    (where / name).unlink()
    except OSError:
        pass


# -- entries: a header (magic, format, key, payload length, CRC-32) and a pickle of plain data --
HEADER = struct.Struct("<16sI32sQI")
MISS = object()  # what load_entry gives for a missing, stale, truncated, corrupt or foreign entry


def pack_entry(magic: bytes, fmt: int, key: bytes, data: object) -> bytes:
    """The bytes of an entry holding ``data`` (plain data: tuples, lists, dicts, str, int…).
    Raises pickle.PicklingError, RecursionError, TypeError or ValueError when it cannot."""
    import pickle
    import zlib

    payload = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(magic, fmt, key, len(payload), zlib.crc32(payload)) + payload


def load_entry(path: Path, magic: bytes, fmt: int, key: bytes) -> object:
    """The data of the entry at ``path`` if its header names ``magic``, ``fmt`` and ``key`` and
    its payload is whole, else :data:`MISS`. It is unpickled with no class or function allowed,
    so a file someone put in the cache directory cannot run code."""
    import io
    import pickle
    import zlib

    class Plain(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> object:
            raise pickle.UnpicklingError(f"{module}.{name}: an entry holds plain data only")

    header = HEADER
    try:
        with open(path, "rb") as f:
            head = f.read(header.size)
            if len(head) != header.size:
                return MISS
            stored_magic, stored_fmt, stored_key, length, crc = header.unpack(head)
            if stored_magic != magic or stored_fmt != fmt or stored_key != key:
                return MISS
            payload = f.read(length + 1)
    except (OSError, ValueError):
        return MISS
    if len(payload) != length or zlib.crc32(payload) != crc:
        return MISS
    try:
        return Plain(io.BytesIO(payload)).load()
    except Exception:  # a foreign payload with a valid CRC: a miss like any other
        return MISS
