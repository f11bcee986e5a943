"""Human-readable findings: ``path:line:col: RULE message`` with the unit shown."""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import TextIO

import click

from sppterm.checks.base import Finding

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(findings: list[Finding], colour: bool = False, show_unit: bool = True) -> str:
    lines = []
    for f in findings:
        head = f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}"
        if colour:
            head = (
                click.style(f"{f.path}:{f.line}:{f.column}:", bold=True)
                + " "
                + click.style(f.rule, fg=_COLOURS.get(f.severity), bold=True)
                + f" {f.message}"
            )
        lines.append(head)
        if show_unit:
            lines.append(f"    zh: {_clip(f.key)}")
            if f.target:
                lines.append(f"    en: {_clip(f.target)}")
            if f.suggestion:
                lines.append(f"    suggestion: {f.suggestion}")
    lines.append(summary(findings))
    return "\n".join(lines)


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


def _clip(s: str, n: int = 120) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
