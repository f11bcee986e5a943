"""One exclusive lock on the PO set, held by every command that rewrites PO files.

``extract`` reads every PO file, merges and writes them back; ``xliff import`` reads one and
writes it back. Run at the same time, the later writer silently discards the earlier one's work
(both exit 0). Holding :func:`po_lock` for the whole read-modify-write serialises them; a second
command waits, says so on stderr, and gives up with an :class:`InputError` (exit 2) after
``timeout`` seconds.

The lock is ``fcntl.flock`` on ``target_en/po/.sppterm.lock``, which records the holder (pid,
command) for the waiting message. The holder deletes the file before it lets go, so no lock file
is left behind; a waiter that then gets the lock on the deleted file notices (its inode is no
longer the path's) and tries again. A killed holder's lock dies with it (the kernel releases
flock locks); the file it leaves is reused and removed by the next holder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sppterm.errors import InputError

LOCK_NAME = ".sppterm.lock"
DEFAULT_TIMEOUT = 120.0  # seconds; SPPTERM_LOCK_TIMEOUT overrides
_POLL = 0.02


def _timeout() -> float:
    try:
        return float(os.environ.get("SPPTERM_LOCK_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def _holder(path: Path) -> str:
    try:
        text = path.read_text("utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "another sppterm command"


def _describe() -> str:
    argv = " ".join(Path(sys.argv[0]).name if i == 0 else a for i, a in enumerate(sys.argv))
    return f"pid {os.getpid()} ({argv or 'sppterm'})"


@contextlib.contextmanager
def po_lock(po_dir: str | os.PathLike[str], timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock on the PO files of ``po_dir`` for the ``with`` block."""
    directory = Path(po_dir)
    path = directory / LOCK_NAME
    limit = _timeout() if timeout is None else timeout
    deadline = time.monotonic() + limit
    said = False
    directory.mkdir(parents=True, exist_ok=True)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as e:
            raise InputError.at(str(path), None, f"cannot create the lock file: {e.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if not said:
                print(f"waiting for lock held by {_holder(path)} ({path})", file=sys.stderr, flush=True)
                said = True
            if time.monotonic() >= deadline:
                raise InputError.at(
                    str(path), None, f"timed out after {limit:g} s waiting for lock held by {_holder(path)}"
                ) from None
            time.sleep(_POLL)
            continue
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        mine = os.fstat(fd)
        if current is None or (current.st_dev, current.st_ino) != (mine.st_dev, mine.st_ino):
            os.close(fd)  # the previous holder removed this file as we got it: take the new one
            continue
        break
    try:
        os.ftruncate(fd, 0)
        os.write(fd, _describe().encode("utf-8", "replace") + b"\n")
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still holding it: see the module docstring
        os.close(fd)
