"""Importing seeds into ``source_zh/``: one bulletin, or all of them again from their sources."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sppterm.bulletin.hints import Hints, load_hints
from sppterm.bulletin.parse import check_unique_ids, split_front_matter
from sppterm.bulletin.seed import Imported, import_file
from sppterm.errors import InputError
from sppterm.ids import bulletin_file
from sppterm.textio import read_text, write_atomic


def hints_path(source_dir: Path, bulletin_id: str) -> Path:
    return bulletin_file(source_dir, bulletin_id, ".hints.yaml")


def convert(
    raw: Path, bulletin_id: str, source_dir: Path, root: Path, hints_file: Path | None = None
) -> Imported:
    """Import ``raw`` with its hints; the recorded source is its path relative to the root."""
    hp = hints_file or hints_path(source_dir, bulletin_id)
    hints: Hints | None = load_hints(hp) if hp.is_file() else None
    # abspath, not resolve: a symlinked checkout must record the same relative path.
    label = Path(os.path.relpath(os.path.abspath(raw), os.path.abspath(root))).as_posix()
    return import_file(raw, bulletin_id, hints, source_label=label)


def import_one(
    raw: Path, bulletin_id: str, source_dir: Path, root: Path, hints_file: Path | None = None
) -> tuple[Path, Imported, bool]:
    """Import ``raw`` as ``source_dir/ID.md``; returns (path, result, whether it changed)."""
    imported = convert(raw, bulletin_id, source_dir, root, hints_file)
    out = bulletin_file(source_dir, bulletin_id, ".md")
    return out, imported, write_atomic(out, imported.markdown)


@dataclass
class Recorded:
    bulletin_id: str
    markdown: Path
    raw: Path


def recorded_sources(source_dir: Path, root: Path) -> list[Recorded]:
    """The committed bulletins and the raw files their front matter says they came from."""
    out = []
    for md in sorted(source_dir.glob("*.md")):
        if md.name == "README.md":
            continue
        front, _, _ = split_front_matter(read_text(md), str(md))
        if "source" not in front:
            raise InputError.at(str(md), 2, "front matter lacks 'source' (the raw file it came from)")
        out.append(Recorded(str(front["id"]), md, Path(os.path.normpath(root / str(front["source"])))))
    check_unique_ids([(r.bulletin_id, str(r.markdown)) for r in out])
    return out
