"""Reading text in the encodings PDF exports come in, and atomic writes."""

from __future__ import annotations

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


def write_atomic(path: str | os.PathLike[str], text: str) -> bool:
    """Write ``text`` as UTF-8 via a temp file and rename; return False if unchanged.

    Leaving an identical file untouched keeps mtimes (and make-style tools) quiet.
    """
    return write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | os.PathLike[str], data: bytes) -> bool:
    """Bytes version of :func:`write_atomic`."""
    p = Path(path)
    if p.exists() and p.read_bytes() == data:
        return False
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
