"""A bulletin's date, for the terms valid at it (:mod:`sppterm.glossary.validity`).

The bulletins of the series print no publication date, only a year (and for some not even
that: the importer's hints record the year and the evidence, ``year_note``). So a bulletin's
date is a period, first and last day: its front matter's ``date`` when it has one (a printed
date, as the editions show it), else the whole of its ``year``, else of the year its id starts
with (ids are a year, then the issue). Names change rarely enough that a year decides every
case of the series (the renamings of 2017 and 2019 fall years before its first bulletin).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sppterm.bulletin.model import Bulletin
from sppterm.bulletin.parse import split_front_matter
from sppterm.textio import read_text

Period = tuple[datetime.date, datetime.date]  # first and last day, inclusive


def period_of(bulletin_id: str, meta: Mapping[str, Any]) -> Period | None:
    """The period of a bulletin from its front matter (see the module's docstring)."""
    value = meta.get("date")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if isinstance(value, datetime.date):
        return (value, value)
    year = meta.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        head = bulletin_id[:4]
        year = int(head) if head.isascii() and head.isdigit() else None  # not ¹²³⁴
    if year is None or not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return None
    return (datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def bulletin_periods(bulletins: Iterable[Bulletin]) -> dict[str, Period]:
    """Bulletin id → period of bulletins already loaded (:func:`read_periods` reads the files)."""
    return {b.id: p for b in bulletins if (p := period_of(b.id, b.meta)) is not None}


def read_periods(source_dir: str | Path) -> dict[str, Period]:
    """Bulletin id → period for every ``ID.md`` of a source folder (front matter only; a
    README.md is documentation). An unreadable or malformed file raises InputError with its
    name and line, as the other commands reading sources do."""
    folder = Path(source_dir)
    out: dict[str, Period] = {}
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*.md")):
        if p.name == "README.md":
            continue
        front, _, _ = split_front_matter(read_text(p), str(p))
        bid = str(front["id"])
        found = period_of(bid, front)
        if found is not None:
            out[bid] = found
    return out
