"""Human-readable findings: ``path:line:col: severity rule message``, then the unit.

The side a finding is about is shown as a window around its span, the span marked: underlined
by carets (wide Chinese characters take two columns), and in colour on a terminal. The other
side is shown for context, shortened. Without a span, the whole text is shown.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import TYPE_CHECKING, TextIO

import click

from sppterm.zh import width

if TYPE_CHECKING:  # for the annotations only: ``sppterm search`` renders without the checker
    from sppterm.checks.base import Finding

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}
WINDOW = 60  # characters shown on each side of a span
CONTEXT = 160  # the other side, and a text without a span, up to this many characters


def render(findings: list[Finding], colour: bool = False, show_unit: bool = True) -> str:
    lines = []
    for f in findings:
        where = f"{f.path}:{f.line}:{f.column}:"
        if colour:
            sev = click.style(f.severity, fg=_COLOURS.get(f.severity), bold=True)
            head = f"{click.style(where, bold=True)} {sev} {click.style(f.rule, bold=True)} {f.message}"
        else:
            head = f"{where} {f.severity} {f.rule} {f.message}"
        lines.append(head)
        if show_unit:
            lines += unit_lines(f, colour)
    lines.append(summary(findings))
    return "\n".join(lines)


def unit_lines(f: Finding, colour: bool = False) -> list[str]:
    """The unit under a finding's head line: zh and en, the finding's span marked."""
    out = []
    for label, side, text in (("zh", "source", f.key), ("en", "target", f.target)):
        if text is None or (side == "target" and not text):
            continue
        if f.span and f.side == side:
            shown, (a, b) = window(text, *f.span)
            if colour and a < b:
                styled = click.style(shown[a:b], fg="red", bold=True, underline=True)
                out.append(f"    {label}: {shown[:a]}{styled}{shown[b:]}")
            else:  # plain: carets under the span (wide characters take two columns)
                out.append(f"    {label}: {shown}")
                out.append(" " * (8 + width(shown[:a])) + "^" * max(width(shown[a:b]), 1))
        else:
            out.append(f"    {label}: {clip(_one_line(text), CONTEXT)}")
    if f.suggestion:
        out.append(f"    suggestion: {f.suggestion}")
    return out


def window(text: str, start: int, end: int, around: int = WINDOW) -> tuple[str, tuple[int, int]]:
    """``text`` shortened to ``around`` characters either side of ``text[start:end]``, on one
    line, and where that span is in the result (a long span keeps its start and its end)."""
    start = min(max(start, 0), len(text))
    end = min(max(end, start), len(text))
    a, b = max(0, start - around), min(len(text), end + around)
    middle = _one_line(text[start:end])
    if len(middle) > 2 * around:
        middle = middle[:around] + "…" + middle[-around:]
    head = ("…" if a > 0 else "") + _one_line(text[a:start])
    tail = _one_line(text[end:b]) + ("…" if b < len(text) else "")
    return head + middle + tail, (len(head), len(head) + len(middle))


def _one_line(s: str) -> str:
    """A newline or tab of a PO string as the PO file writes it: the layout stays one line."""
    return s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def wants_colour(stream: TextIO | None = None) -> bool:
    """Colour only on a terminal, never in CI or with NO_COLOR set (no-color.org): escape codes
    in a log or a file are noise."""
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("CI") and not os.environ.get("NO_COLOR")


def summary(findings: list[Finding]) -> str:
    if not findings:
        return "no findings"
    by_sev = Counter(f.severity for f in findings)
    by_rule = Counter(f.rule for f in findings)
    sev = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in sorted(by_sev.items()))
    rules = ", ".join(f"{r} {n}" for r, n in sorted(by_rule.items()))
    return f"{len(findings)} findings ({sev}): {rules}"


def sentence(s: str) -> str:
    """A message as a sentence (capital, full stop), for formats that add more after it."""
    s = s.strip()
    s = s[:1].upper() + s[1:]
    return s if s.endswith((".", "!", "?")) else s + "."


def clip(s: str, n: int = CONTEXT) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
