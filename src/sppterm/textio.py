"""Reading text in the encodings PDF exports come in, atomic writes, and how paths are shown."""

from __future__ import annotations

import glob
import os
import tempfile
from pathlib import Path

from sppterm.errors import InputError


def decode(data: bytes, path: str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM) or GB18030, and normalise CRLF/CR to LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise InputError.at(path, line, "neither UTF-8 nor GB18030 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a text file whatever its encoding (see :func:`decode`)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError.at(str(p), None, f"cannot read: {e.strerror}") from None
    return decode(data, str(p))


def display_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """``path`` as messages, reports and editions show it: relative to the project ``root``,
    with / separators, so that output is the same on every machine and never carries one
    machine's absolute path. Compared with symlinks resolved first (as git sees the files), then
    as written (a folder linked into the project); a path outside ``root`` is shown as given."""
    p = Path(path)
    if root is not None:
        for inner, outer in ((p.resolve, Path(root).resolve), (p.absolute, Path(root).absolute)):
            try:
                return Path(os.path.normpath(inner())).relative_to(os.path.normpath(outer())).as_posix()
            except ValueError:
                continue
    return p.as_posix()


def write_atomic(path: str | os.PathLike[str], text: str) -> bool:
    """Write ``text`` as UTF-8 via a temp file and rename; return False if unchanged.

    Leaving an identical file untouched keeps mtimes (and make-style tools) quiet.
    """
    return write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | os.PathLike[str], data: bytes) -> bool:
    """Bytes version of :func:`write_atomic`.

    The temp file sits beside the target (so the rename is atomic), carries the writer's pid in
    its name (so a later write can sweep the leftovers of a killed writer) and gets the mode a
    plain ``open()`` would give (the user's umask, or the mode of the file it replaces) rather
    than mkstemp's 0600. Errors name the target, never the temp file, and are input errors.
    """
    p = Path(path)
    try:
        try:
            same = p.is_file() and p.read_bytes() == data
        except FileNotFoundError:  # removed between the two calls (another process): write it
            same = False
        if same:
            return False
        p.parent.mkdir(parents=True, exist_ok=True)
        _sweep_stale_temps(p)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.{os.getpid()}.", suffix=_TMP_SUFFIX, dir=p.parent)
    except OSError as e:
        raise InputError.at(str(p), None, f"cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), _mode_for(p))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise InputError.at(str(p), None, f"cannot write: {e.strerror or e}") from None
        raise
    return True


_TMP_SUFFIX = ".sppterm-tmp"


def _mode_for(p: Path) -> int:
    """The existing file's permissions, or 0666 less the umask for a new file."""
    try:
        return p.stat().st_mode & 0o7777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sweep_stale_temps(p: Path) -> None:
    """Remove temp files of ``p`` left by writers that were killed (their pid is gone)."""
    for tmp in p.parent.glob(f".{glob.escape(p.name)}.*{_TMP_SUFFIX}"):
        pid = tmp.name[len(p.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
