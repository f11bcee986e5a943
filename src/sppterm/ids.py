"""Bulletin ids and the output paths made from them: the one place both are checked.

An id names files (``source_zh/ID.md``, ``target_en/po/ID.po``, ``target_en/ID.html`` …), so it
comes from the command line or from front matter and ends up in a path. One rule, checked here,
keeps every such path inside its folder: a year, optionally ``-`` and a two-digit issue, then
lower-case letters, digits and hyphens (``2022-04``, ``2023``, ``2024-02-special``). No dots, no
slashes, no upper case (``README``), nothing absolute.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sppterm.errors import InputError

ID_RULE = r"^[0-9]{4}(-[0-9]{2})?[a-z0-9-]*$"
_ID = re.compile(ID_RULE)
MAX_ID_LENGTH = 64


def id_problem(value: object) -> str | None:
    """Why ``value`` is not a bulletin id, or None if it is one."""
    if not isinstance(value, str):
        return f"bulletin id must be text like 2022-04, not {type(value).__name__} {value!r}"
    if len(value) > MAX_ID_LENGTH or not _ID.fullmatch(value) or value.endswith("-"):
        shown = value if len(value) <= MAX_ID_LENGTH else value[:MAX_ID_LENGTH] + "…"
        return (
            f"invalid bulletin id {shown!r}: an id is a year, optionally -NN for the issue, then "
            "lower-case letters, digits or hyphens (e.g. 2022-04, 2023)"
        )
    return None


def check_id(value: object, path: str = "<command line>", line: int | None = None) -> str:
    """Return ``value`` if it is a valid bulletin id; else raise :class:`InputError` at path:line."""
    problem = id_problem(value)
    if problem:
        raise InputError.at(path, line, problem)
    assert isinstance(value, str)
    return value


def inside(folder: str | os.PathLike[str], name: str) -> Path:
    """``folder/name``, confirmed (after resolving symlinks and ``..``) to lie inside ``folder``.

    The second line of defence behind :func:`check_id`: whatever builds a file name, the file
    it names cannot leave its folder.
    """
    base = Path(folder)
    out = base / name
    real_base = os.path.realpath(base)
    real_out = os.path.realpath(out)
    if os.path.commonpath([real_base, real_out]) != real_base or real_out == real_base:
        raise InputError.at(str(out), None, f"refused: the path leaves its folder {base}")
    return out


def bulletin_file(folder: str | os.PathLike[str], bulletin_id: str, suffix: str) -> Path:
    """The file ``folder/ID{suffix}`` of a bulletin (``.md``, ``.po``, ``.html`` …), checked."""
    return inside(folder, check_id(bulletin_id) + suffix)
