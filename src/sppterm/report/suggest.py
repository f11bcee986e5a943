"""``sppterm terms suggest`` over a project: the corpus it reads and the formats it prints.

Light to import (the command line builds its ``--format`` choice from :data:`FORMATS`): the
modules that do the work are imported when called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sppterm.config import Config
    from sppterm.glossary.discover import Candidate
    from sppterm.glossary.model import Glossary


def corpus(cfg: Config) -> tuple[list[tuple[str, str, int]], list[tuple[str, str]]]:
    """(every source block as (text, bulletin id, line), every reviewed (zh, en) pair of the PO
    files, repeats included: the association scores count them)."""
    from sppterm.bulletin.parse import load_bulletins
    from sppterm.units.po import load_po_dir

    units = [(b.text, bl.id, b.line) for bl in load_bulletins(cfg.source) for b in bl.blocks()]
    pairs = [
        (e.msgid, e.msgstr)
        for po in load_po_dir(cfg.po_dir).values()
        for e in po
        if not e.obsolete and e.msgstr and "fuzzy" not in e.flags
    ]
    return units, pairs


def candidates_table(found: list[Candidate]) -> str:
    """One line per candidate: kind, Chinese, abbreviation, count, English, Dice, where."""
    from sppterm.report.table import table

    rows = [
        [
            c.kind,
            c.zh[:30],
            c.abbr,
            c.count,
            c.english[:50],
            f"{c.score:.2f}",
            ", ".join(f"{b}:{ln}" for b, ln in c.occurrences[:3]),
        ]
        for c in found
    ]
    return table(["kind", "zh", "abbr", "n", "suggested English", "dice", "where"], rows)


def candidates_yaml(found: list[Candidate]) -> str:
    """Unverified glossary entries, ready to review and paste (:func:`glossary.suggest.entry`)."""
    from sppterm.glossary.suggest import entries_yaml

    return entries_yaml(found)


FORMATS: dict[str, Callable[[list[Candidate]], str]] = {"text": candidates_table, "yaml": candidates_yaml}


def recovery_note(glossary: Glossary, pairs: list[tuple[str, str]]) -> str:
    """How well the aligner recovers the glossary's own English: a measure of its suggestions."""
    from sppterm.glossary.discover import recovery

    right, occurring, _ = recovery(glossary, pairs)
    return (
        f"recovery: {right}/{occurring} glossary concepts occurring in the translated series get "
        f"their accepted English at rank 1 ({100 * right / max(occurring, 1):.0f}%)"
    )
