"""When and by whom the bulletins' files last changed, from git: the dates and authors a PO
header defaults to (:func:`sppterm.units.po.header`), so that they are facts of the repository
and the same in every clone, never the clock of the machine that ran ``extract``."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sppterm.units.po import DEFAULT_TEAM


@dataclass(frozen=True)
class Change:
    """The last commit touching a file."""

    when: int  # committer time, seconds since the epoch
    author: str  # "Name <email>"

    @property
    def po_date(self) -> str:
        """The commit time as PO headers write dates, in UTC: ``2026-11-22 09:28+0000``."""
        return po_date(self.when)


def po_date(seconds: int) -> str:
    """A time as a PO header date, in UTC (one form whatever the machine's time zone)."""
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))


def revision_now() -> str:
    """PO-Revision-Date for a command that brings a translator's work in (``xliff import``):
    the time of the import, or SOURCE_DATE_EPOCH when set (reproducible-builds convention),
    so a test or a scripted re-run can pin it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return po_date(int(epoch) if epoch.isdigit() else int(time.time()))


def stamp_revision(metadata: dict[str, str], translator: str | None = None) -> None:
    """Record a revision in a PO header, as Poedit does on save: PO-Revision-Date now and,
    when given, Last-Translator. Called only when units changed, so that re-running an import
    changes nothing."""
    metadata["PO-Revision-Date"] = revision_now()
    if translator:
        metadata["Last-Translator"] = translator


def last_changes(root: Path, *folders: Path) -> dict[Path, Change]:
    """The last commit touching each file under ``folders`` (absolute paths), read from one
    ``git log``; empty when ``root`` is not in a git work tree or git is missing."""
    try:
        top = _git(root, "rev-parse", "--show-toplevel").strip()
        out = _git(
            root,
            "-c",
            "core.quotepath=off",
            "log",
            "--format=%x00%ct%x00%an <%ae>",
            "--name-only",
            "--",
            *(str(f) for f in folders),
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[Path, Change] = {}
    change = None
    for line in out.splitlines():
        if line.startswith("\0"):
            _, when, author = line.split("\0", 2)
            change = Change(int(when), author)
        elif line and change is not None:
            found.setdefault(Path(top, line), change)  # newest first: the first seen is the last
    return found


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def header_defaults(changes: dict[Path, Change], source: Path, po: Path, year: int | None) -> dict[str, str]:
    """The people and dates a bulletin's PO header defaults to (:func:`sppterm.units.po.header`):
    POT-Creation-Date and Report-Msgid-Bugs-To from the last commit of the source, PO-Revision-Date
    and Last-Translator from the last commit of the PO file. Without history (not committed
    yet, no git): the source's, then 1 January of the bulletin's year."""
    src, tr = changes.get(source.resolve()), changes.get(po.resolve())
    last = tr or src
    out = {"Language-Team": DEFAULT_TEAM}
    created = src.po_date if src else f"{year:04d}-01-01 00:00+0000" if year else ""
    revised = tr.po_date if tr else created
    for k, v in (
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", revised),
        ("Last-Translator", last.author if last else ""),
        ("Report-Msgid-Bugs-To", src.author if src else ""),
    ):
        if v:
            out[k] = v
    return out
