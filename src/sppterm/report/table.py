"""Plain-text tables that line up CJK text (wide characters count double)."""

from __future__ import annotations

from collections.abc import Sequence

from sppterm.zh import width


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers], *[[str(c) for c in r] for r in rows]]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]
    numeric = [all(_number_like(r[i]) for r in cells[1:]) for i in range(len(headers))]

    def fmt(row: list[str]) -> str:
        parts = []
        for i, c in enumerate(row):
            pad = widths[i] - width(c)
            right = numeric[i]
            parts.append(" " * pad + c if right else c + " " * pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(cells[0]), rule, *(fmt(r) for r in cells[1:])])


def _number_like(cell: str) -> bool:
    return cell in ("–", "?", "") or cell.replace(".", "").replace("%", "").lstrip("-").isdigit()
