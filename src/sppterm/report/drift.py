"""``sppterm terms drift`` over a project: the units it reads and the formats it prints.

Text is a table on a terminal (one row per rendering, the term's cells on its first row) and
plain lines elsewhere (a CI log or a pipe: one line per term and per rendering, for grep).
Light to import (the command line builds its ``--format`` choice from :data:`FORMATS`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sppterm.config import Config
    from sppterm.glossary.drift import Drift


def drift_units(cfg: Config) -> list[tuple[str, str, str, int]]:
    """(Chinese, English, bulletin id, PO line) of every reviewed unit (translated, not fuzzy)."""
    from sppterm.units.po_index import load_index

    index = load_index(cfg.po_dir, cfg.root)
    rows = (index.row(k) for k in range(len(index)) if index.translated[k] and not index.fuzzy[k])
    return [(r.msgid, r.msgstr, r.bulletin, r.line) for r in rows]


def _where(places: list[tuple[str, int]], n: int = 4) -> str:
    shown = ", ".join(f"{b}.po:{line}" for b, line in places[:n])
    return shown + (f" … (+{len(places) - n})" if len(places) > n else "")


def drift_text(found: list[Drift], terminal: bool = False) -> str:
    """Per term: its rank and bulletins, then each English rendering, where it is used (a
    table when ``terminal``)."""
    if terminal:
        return drift_table(found)
    lines = []
    for d in found:
        lines.append(f"{d.zh}  ({d.kind}; {len(d.variants)} renderings in {len(d.bulletins)} bulletins)")
        for v in d.variants:
            lines.append(f"    {v.english!r}  {len(v.where)}× in {', '.join(v.bulletins)}: {_where(v.where)}")
        if d.unaligned:
            lines.append(f"    other ({len(d.unaligned)}×): {_where(d.unaligned)}")
    lines.append(total(found))
    return "\n".join(lines)


def total(found: list[Drift]) -> str:
    """The closing line: '1 term not in the glossary translated more than one way'."""
    n = len(found)
    return f"{n} term{'' if n == 1 else 's'} not in the glossary translated more than one way"


def drift_table(found: list[Drift]) -> str:
    """The ranked terms as a table lined up for a terminal (CJK counts double); a rendering's
    bulletins are in its places, so the table stays narrow enough for a terminal."""
    from sppterm.report.table import table

    rows: list[list[object]] = []
    for n, d in enumerate(found, 1):
        head: list[object] = [n, d.zh, d.kind, d.rank, ", ".join(d.bulletins)]
        for v in d.variants:
            rows.append([*head, v.english, len(v.where), _where(v.where, 2)])
            head = ["", "", "", "", ""]
        if d.unaligned:
            rows.append([*head, "(other)", len(d.unaligned), _where(d.unaligned, 2)])
    if not rows:
        return total(found)
    headers = ["#", "Chinese", "kind", "rank", "bulletins", "English", "units", "where"]
    return table(headers, rows) + "\n" + total(found)


def drift_json(found: list[Drift], terminal: bool = False) -> str:
    def places(ps: list[tuple[str, int]]) -> list[dict]:
        return [{"bulletin": b, "line": line} for b, line in ps]

    data = [
        {
            "zh": d.zh,
            "kind": d.kind,
            "rank": d.rank,
            "bulletins": d.bulletins,
            "variants": [
                {
                    "en": v.english,
                    "score": round(v.score, 3),
                    "bulletins": v.bulletins,
                    "where": places(v.where),
                }
                for v in d.variants
            ],
            "other": places(d.unaligned),
        }
        for d in found
    ]
    return json.dumps(data, ensure_ascii=False, indent=1)


FORMATS: dict[str, Callable[[list[Drift], bool], str]] = {"text": drift_text, "json": drift_json}
