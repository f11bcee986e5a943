"""Running extraction over the project: every bulletin, one memory, atomic writes.

Project-level code, above the units layer: it reads the :class:`~sppterm.config.Config` and
drives the glossary, the bulletins and the units together (``units/`` stays storage and
extraction of one bulletin, and never imports the configuration).

The project's imported memory lives in ``memory/`` beside ``pyproject.toml``: one normalised
``NAME.tmx`` per imported file (``sppterm tm import``), committed like the PO files, so every
clone extracts the same suggestions.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from sppterm.bulletin.dates import bulletin_periods
from sppterm.bulletin.parse import load_bulletins
from sppterm.config import Config
from sppterm.errors import InputError
from sppterm.glossary import load_glossary
from sppterm.glossary.validity import DatedViews
from sppterm.textio import read_text, write_atomic
from sppterm.units.extract import Report, extract_text, po_path, shared_texts
from sppterm.units.history import header_defaults, last_changes
from sppterm.units.lock import po_lock
from sppterm.units.memory import SeriesMemory
from sppterm.units.po import load_po_dir, po_text
from sppterm.units.tmx_import import MEMORY_DIR, Imported, import_tmx, load_imported_memory


def memory_dir(cfg: Config) -> Path:
    """Where the imported memories are: ``memory/`` in the project root."""
    return cfg.root / MEMORY_DIR


def import_memory(cfg: Config, file: Path, name: str | None = None, write: bool = True) -> Imported:
    """``sppterm tm import``: ``file`` normalised into ``memory/NAME.tmx`` (no PO file is written;
    the next ``extract`` uses it)."""
    return import_tmx(file, memory_dir(cfg), name, write)


@dataclass
class Extracted:
    bulletin_id: str
    path: Path
    report: Report
    changed: bool  # the content (units, translations, comments) differs
    reformatted: bool = False  # same content, other layout (e.g. re-wrapped by msgcat)


def extract_all(cfg: Config, ids: list[str], write: bool = True) -> list[Extracted]:
    """Extract the given bulletins (all when ``ids`` is empty) into ``target_en/po``."""
    glossary = load_glossary(cfg.glossary)
    bulletins = load_bulletins(cfg.source)
    views = DatedViews(glossary, bulletin_periods(bulletins))  # hints name the terms valid then
    known = {b.id for b in bulletins}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InputError.at(str(cfg.source), None, f"no bulletin with id {', '.join(unknown)}")
    # The whole read-merge-write holds the PO lock: a concurrent 'xliff import' either lands
    # before the read (and is merged) or waits until the writes are done.
    with po_lock(cfg.po_dir) if write else contextlib.nullcontext():
        parsed = load_po_dir(cfg.po_dir)  # each PO file parsed once: memory and old versions
        memory = SeriesMemory.from_files(parsed)
        imported = load_imported_memory(memory_dir(cfg))
        shared = shared_texts(bulletins)
        changes = last_changes(cfg.root, cfg.source, cfg.po_dir)  # one git log, ~10 ms
        out = []
        for b in bulletins:
            if ids and b.id not in ids:
                continue
            path = po_path(cfg.po_dir, b.id)
            old = parsed.get(b.id)
            # Content, not bytes: a file GNU gettext re-wrapped is the same file in another layout.
            canonical = po_text(old) if old is not None else None
            label = Path(b.path).resolve().relative_to(cfg.root.resolve()).as_posix()
            fields = (cfg.po_header, header_defaults(changes, Path(b.path), path, b.year))
            text, report = extract_text(
                b,
                views.view(b.id),
                old,
                memory,
                label,
                shared.get(b.id),
                views.matcher(b.id),
                imported,
                fields,
            )
            changed = canonical != text
            reformatted = not changed and read_text(path) != text
            if write and (changed or reformatted):
                write_atomic(path, text)
            out.append(Extracted(b.id, path, report, changed, reformatted))
    return out
